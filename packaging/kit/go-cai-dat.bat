@echo off
rem DTI Scorer uninstaller for Windows: double-click it, or run "go-cai-dat.bat /q" (no questions).
rem Removes the shortcuts, the private environment and the app's window settings. Keeps the
rem user's files (Documents\DTI Scorer), Python and the kit. UTF-8 without BOM, Windows line
rem endings; every line up to "chcp 65001" is plain ASCII.
rem Run from its copy in %LOCALAPPDATA%\DTI-Scorer (the folder it removes), it hands over to a copy
rem of itself in %TEMP% first.
if /i not "%~dp0"=="%LOCALAPPDATA%\DTI-Scorer\" goto :start
copy /y "%~f0" "%TEMP%\dti-scorer-go-cai-dat.bat" >nul
if errorlevel 1 goto :start
"%TEMP%\dti-scorer-go-cai-dat.bat" %*
:start
setlocal EnableExtensions DisableDelayedExpansion
set "OLDCP="
for /f "tokens=2 delims=:" %%c in ('chcp') do set "OLDCP=%%c"
if defined OLDCP set "OLDCP=%OLDCP: =%"
if defined OLDCP set "OLDCP=%OLDCP:.=%"
chcp 65001 >nul
if not defined LOCALAPPDATA set "LOCALAPPDATA=%USERPROFILE%\AppData\Local"
set "APP=%LOCALAPPDATA%\DTI-Scorer"
set "NOPAUSE="
if /i "%~1"=="/q" set "NOPAUSE=1"

echo.
echo Gỡ DTI Scorer khỏi máy này / Uninstall DTI Scorer
echo   Sẽ xóa: lối tắt "DTI Scorer" (màn hình, menu Start) và thư mục "%APP%".
echo   Giữ nguyên: thư mục Documents\DTI Scorer (kết quả chạy thử, tệp của bạn), Python, bộ cài.
echo   Removes the shortcuts and "%APP%"; keeps Documents\DTI Scorer, Python and the kit.
echo.
if defined NOPAUSE goto :remove
choice /c CK /n /m "Gỡ DTI Scorer? Bấm C (có) hoặc K (không) / Uninstall? C = yes, K = no: "
if errorlevel 2 goto :cancelled

:remove
echo [1/2] Xóa lối tắt / removing the shortcuts
powershell -NoProfile -ExecutionPolicy Bypass -Command "$ErrorActionPreference = 'Stop'; foreach ($folder in @([Environment]::GetFolderPath('Desktop'), [Environment]::GetFolderPath('Programs'))) { $path = Join-Path $folder 'DTI Scorer.lnk'; if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path } }; exit 0"
if errorlevel 1 goto :shortcuts_failed
echo [2/2] Xóa môi trường của DTI Scorer / removing DTI Scorer's environment
reg delete "HKCU\Software\DTI Scorer" /f >nul 2>&1
cd /d "%TEMP%"
if not exist "%APP%\" goto :done
rmdir /s /q "%APP%\venv" >nul 2>&1
if exist "%APP%\venv\" goto :locked
rmdir /s /q "%APP%" >nul 2>&1
if exist "%APP%\" goto :locked

:done
echo.
echo Đã gỡ DTI Scorer. Thư mục Documents\DTI Scorer vẫn còn: xóa bằng tay nếu không cần nữa.
echo DTI Scorer was uninstalled. Documents\DTI Scorer is kept: delete it yourself if not needed.
set "CODE=0"
goto :finish

:cancelled
echo Không gỡ gì. / Nothing was removed.
set "CODE=1"
goto :finish

:shortcuts_failed
set "CODE=2"
echo.
echo Chưa gỡ xong: không xóa được lối tắt "DTI Scorer" (thông báo ở trên). Hãy tự xóa lối tắt
echo trên màn hình và trong menu Start, rồi chạy lại go-cai-dat.bat.
echo Not finished: the "DTI Scorer" shortcuts could not be removed (see above). Delete them
echo yourself (desktop and Start menu), then run go-cai-dat.bat again.
goto :finish

:locked
set "CODE=3"
echo.
echo Chưa gỡ xong: không xóa được thư mục "%APP%": DTI Scorer có thể đang mở.
echo Hãy đóng DTI Scorer rồi chạy lại go-cai-dat.bat.
echo Not finished: "%APP%" could not be removed: DTI Scorer may be open. Close it and run
echo go-cai-dat.bat again.
goto :finish

:finish
echo.
if not defined NOPAUSE pause
if defined OLDCP chcp %OLDCP% >nul
endlocal & exit /b %CODE%
