@echo off
rem DTI Scorer offline installer for Windows: double-click it, or run "cai-dat.bat /q" (no pauses).
rem Written out by tools/offline_kit.py: UTF-8 without BOM, Windows line endings. Every line up to
rem "chcp 65001" is plain ASCII; after it the console and this file are read as UTF-8.
setlocal EnableExtensions DisableDelayedExpansion
set "OLDCP="
for /f "tokens=2 delims=:" %%c in ('chcp') do set "OLDCP=%%c"
if defined OLDCP set "OLDCP=%OLDCP: =%"
if defined OLDCP set "OLDCP=%OLDCP:.=%"
chcp 65001 >nul
set "PYTHONIOENCODING=utf-8"
set "VERSION=@@VERSION@@"
set "PYTHONS=@@PYTHONS@@"
set "PYTHONS_TEXT=@@PYTHONS_TEXT@@"
set "NEED_MB=@@NEED_MB@@"
set "KIT=%~dp0"
if not defined LOCALAPPDATA set "LOCALAPPDATA=%USERPROFILE%\AppData\Local"
set "APP=%LOCALAPPDATA%\DTI-Scorer"
set "VENV=%APP%\venv"
set "HELPER=%~dp0ho-tro\kiem_tra.py"
set "TMPF=%TEMP%\dti-scorer-cai-dat-%RANDOM%.txt"
set "NOPAUSE="
if /i "%~1"=="/q" set "NOPAUSE=1"

echo.
echo Cài đặt DTI Scorer %VERSION%, không cần mạng
echo Installing DTI Scorer %VERSION%, offline
echo.

rem ---- 1. the kit's files are there (not still inside a .zip) ----
echo [1/8] Kiểm tra các tệp của bộ cài / checking the kit's files
set "ZIPTEST=%KIT:.zip\=%"
if not "%ZIPTEST%"=="%KIT%" goto :in_zip
set "ZIPTEST=%KIT:\7zO=%"
if not "%ZIPTEST%"=="%KIT%" goto :in_zip
set "ZIPTEST=%KIT:\Rar$EX=%"
if not "%ZIPTEST%"=="%KIT%" goto :in_zip
if not exist "%KIT%wheels\dti_scorer-%VERSION%-*.whl" goto :no_wheels
if not exist "%HELPER%" goto :no_wheels

rem ---- 2. a 64-bit Python of a version the kit serves ----
echo [2/8] Tìm Python %PYTHONS_TEXT% bản 64-bit / looking for 64-bit Python %PYTHONS_TEXT%
set "PYEXE="
set "SEEN_32="
set "SEEN_OTHER="
for %%v in (%PYTHONS%) do if not defined PYEXE call :probe py -%%v-64
for %%v in (%PYTHONS%) do if not defined PYEXE call :probe py -%%v
if not defined PYEXE call :probe python
if not defined PYEXE call :probe py
if defined PYEXE goto :python_found
if defined SEEN_32 goto :python_32bit
if defined SEEN_OTHER goto :python_version
goto :python_missing
:python_found
echo       Python %PYVER%, 64-bit: "%PYEXE%"

rem ---- 3. nothing was damaged when the kit was copied ----
echo [3/8] Kiểm tra các tệp không bị hỏng khi chép / checking the copy against SHA256SUMS.txt
"%PYEXE%" "%HELPER%" sums "%KIT%." >"%TMPF%" 2>&1
if errorlevel 1 goto :damaged

rem ---- 4. enough free disk space ----
echo [4/8] Kiểm tra chỗ trống trên ổ đĩa / checking free disk space
if not exist "%APP%\" mkdir "%APP%" >nul 2>&1
if not exist "%APP%\" goto :app_folder_failed
"%PYEXE%" "%HELPER%" space "%APP%" %NEED_MB% >"%TMPF%" 2>nul
if not errorlevel 1 goto :space_ok
set "FREE_MB=?"
for /f "usebackq delims=" %%l in ("%TMPF%") do set "FREE_MB=%%l"
goto :no_space
:space_ok

rem ---- 5. the private environment, made again when the Python changed ----
echo [5/8] Chuẩn bị môi trường riêng / preparing the private environment
echo       "%VENV%"
set "OLD_ID="
if exist "%APP%\python.txt" for /f "usebackq delims=" %%l in ("%APP%\python.txt") do set "OLD_ID=%%l"
if not exist "%VENV%\Scripts\python.exe" goto :make_venv
if not "%OLD_ID%"=="%PYID%" goto :remove_venv
"%VENV%\Scripts\python.exe" -c "import sys" >nul 2>&1
if errorlevel 1 goto :remove_venv
goto :venv_ready
:remove_venv
echo       Python đã thay đổi hoặc môi trường cũ bị hỏng: tạo lại môi trường.
echo       Python changed or the old environment is broken: making it again.
rmdir /s /q "%VENV%" >nul 2>&1
if exist "%VENV%\" goto :venv_locked
:make_venv
del "%APP%\python.txt" >nul 2>&1
"%PYEXE%" -m venv "%VENV%"
if errorlevel 1 goto :venv_failed
if not exist "%VENV%\Scripts\python.exe" goto :venv_failed
copy /y "%TMPF%.python" "%APP%\python.txt" >nul
if errorlevel 1 goto :venv_failed
:venv_ready

rem ---- 6. DTI Scorer and every package it needs, from the kit's wheels only ----
echo [6/8] Cài DTI Scorer và các gói đi kèm, không dùng mạng (vài phút) / installing offline (a few minutes)
set "PIP_CONFIG_FILE=nul"
"%VENV%\Scripts\python.exe" -m pip install --isolated --no-index --find-links "%KIT%wheels" --disable-pip-version-check --quiet --log "%APP%\cai-dat-pip.log" "dti-scorer==%VERSION%"
if errorlevel 1 goto :pip_failed
"%VENV%\Scripts\dti-scorer.exe" --version >nul 2>&1
if errorlevel 1 goto :pip_failed
if not exist "%VENV%\Scripts\dti-app.exe" goto :pip_failed

rem ---- 7. the demo, written under the user's Documents ----
echo [7/8] Chạy thử với 63 phiếu mẫu / trying it on the 63 sample workbooks
"%VENV%\Scripts\python.exe" "%HELPER%" demo
if errorlevel 1 goto :demo_failed

rem ---- 8. shortcuts (desktop, Start menu) with the icon and a working folder; the uninstaller ----
echo [8/8] Tạo lối tắt trên màn hình và trong menu Start / making the shortcuts
copy /y "%KIT%ho-tro\dti-scorer.ico" "%APP%\dti-scorer.ico" >nul
if errorlevel 1 goto :shortcut_failed
copy /y "%KIT%go-cai-dat.bat" "%APP%\go-cai-dat.bat" >nul
if errorlevel 1 goto :shortcut_failed
set "DTI_TARGET=%VENV%\Scripts\dti-app.exe"
set "DTI_ICON=%APP%\dti-scorer.ico"
powershell -NoProfile -ExecutionPolicy Bypass -Command "$ErrorActionPreference = 'Stop'; $shell = New-Object -ComObject WScript.Shell; $work = Join-Path ([Environment]::GetFolderPath('MyDocuments')) 'DTI Scorer'; New-Item -ItemType Directory -Force -Path $work | Out-Null; foreach ($folder in @([Environment]::GetFolderPath('Desktop'), [Environment]::GetFolderPath('Programs'))) { $path = Join-Path $folder 'DTI Scorer.lnk'; $link = $shell.CreateShortcut($path); $link.TargetPath = $env:DTI_TARGET; $link.WorkingDirectory = $work; $link.IconLocation = $env:DTI_ICON + ',0'; $link.Description = 'DTI Scorer'; $link.Save(); if (-not (Test-Path -LiteralPath $path)) { exit 1 } }; exit 0"
if errorlevel 1 goto :shortcut_failed

echo.
echo Đã cài xong DTI Scorer %VERSION%.
echo   Mở ứng dụng: lối tắt "DTI Scorer" trên màn hình hoặc trong menu Start.
echo   Kết quả chạy thử: thư mục Documents\DTI Scorer\demo (thư mục Tài liệu của bạn).
echo   Gỡ cài đặt: chạy "%APP%\go-cai-dat.bat".
echo Installed DTI Scorer %VERSION%: open it with the "DTI Scorer" shortcut (desktop or Start
echo menu); the demo is in Documents\DTI Scorer\demo; to uninstall run "%APP%\go-cai-dat.bat".
set "CODE=0"
goto :finish

rem ---- failures: what happened and what to do, in Vietnamese first ----
:in_zip
set "CODE=10"
set "ERR_VI=Bộ cài vẫn nằm trong tệp nén .zip: Windows chưa giải nén các tệp cần thiết."
set "FIX_VI=Nhấp chuột phải vào tệp .zip, chọn Giải nén tất cả (Extract All), rồi nhấp đúp cai-dat.bat trong thư mục vừa giải nén."
set "ERR_EN=The kit is still inside a .zip file: Windows has not extracted the files it needs."
set "FIX_EN=Right-click the .zip file, choose Extract All, then double-click cai-dat.bat in the extracted folder."
goto :fail

:no_wheels
set "CODE=11"
set "ERR_VI=Thiếu thư mục wheels hoặc ho-tro cạnh cai-dat.bat: bộ cài chưa được chép đủ."
set "FIX_VI=Chép lại cả thư mục bộ cài (gồm thư mục wheels và ho-tro) rồi chạy lại cai-dat.bat."
set "ERR_EN=The wheels or ho-tro folder is missing beside cai-dat.bat: the kit was not copied whole."
set "FIX_EN=Copy the whole kit folder again (with its wheels and ho-tro folders) and run cai-dat.bat again."
goto :fail

:python_missing
set "CODE=12"
set "ERR_VI=Không tìm thấy Python trên máy này."
set "FIX_VI=Cài Python %PYTHONS_TEXT% bản 64-bit (tệp python-3.12.x-amd64.exe chép sẵn trên USB), đánh dấu Add python.exe to PATH, rồi chạy lại cai-dat.bat."
set "ERR_EN=Python was not found on this computer."
set "FIX_EN=Install 64-bit Python %PYTHONS_TEXT% (python-3.12.x-amd64.exe, brought on the USB stick), tick Add python.exe to PATH, then run cai-dat.bat again."
goto :fail

:python_32bit
set "CODE=13"
set "ERR_VI=Python %SEEN_32% trên máy này là bản 32-bit; DTI Scorer cần bản 64-bit."
set "FIX_VI=Cài thêm Python %PYTHONS_TEXT% bản 64-bit (tệp có đuôi -amd64.exe; bản 32-bit có thể giữ lại), rồi chạy lại cai-dat.bat."
set "ERR_EN=Python %SEEN_32% on this computer is 32-bit; DTI Scorer needs 64-bit Python."
set "FIX_EN=Also install 64-bit Python %PYTHONS_TEXT% (the installer ending in -amd64.exe; the 32-bit one may stay), then run cai-dat.bat again."
goto :fail

:python_version
set "CODE=14"
set "ERR_VI=Python trên máy này là bản %SEEN_OTHER%; bộ cài này dành cho Python %PYTHONS_TEXT% bản 64-bit."
set "FIX_VI=Cài thêm Python %PYTHONS_TEXT% bản 64-bit (bản đang có vẫn giữ được), rồi chạy lại cai-dat.bat."
set "ERR_EN=Python on this computer is version %SEEN_OTHER%; this kit is for 64-bit Python %PYTHONS_TEXT%."
set "FIX_EN=Also install 64-bit Python %PYTHONS_TEXT% (the one already there may stay), then run cai-dat.bat again."
goto :fail

:damaged
set "CODE=15"
echo       Tệp không khớp SHA256SUMS.txt / files that do not match SHA256SUMS.txt:
type "%TMPF%"
set "ERR_VI=Bước 3/8: có tệp của bộ cài bị hỏng hoặc thiếu (danh sách ở trên)."
set "FIX_VI=Chép lại cả thư mục bộ cài từ USB (hoặc xin bản mới) rồi chạy lại cai-dat.bat."
set "ERR_EN=Step 3/8: some files of the kit are damaged or missing (listed above)."
set "FIX_EN=Copy the whole kit folder again (or ask for a new one), then run cai-dat.bat again."
goto :fail

:no_space
set "CODE=16"
set "ERR_VI=Bước 4/8: ổ đĩa chứa %LOCALAPPDATA% chỉ còn %FREE_MB% MB trống; cần ít nhất %NEED_MB% MB."
set "FIX_VI=Giải phóng chỗ trống trên ổ đĩa đó (dọn Thùng rác, xóa tệp không cần), rồi chạy lại cai-dat.bat."
set "ERR_EN=Step 4/8: the drive of %LOCALAPPDATA% has only %FREE_MB% MB free; at least %NEED_MB% MB are needed."
set "FIX_EN=Free some space on that drive (empty the Recycle Bin, delete files you do not need), then run cai-dat.bat again."
goto :fail

:app_folder_failed
set "CODE=22"
set "ERR_VI=Bước 4/8: không tạo được thư mục %APP%."
set "FIX_VI=Kiểm tra có quyền ghi vào %LOCALAPPDATA% (hỏi người phụ trách kỹ thuật), rồi chạy lại cai-dat.bat."
set "ERR_EN=Step 4/8: the folder %APP% could not be made."
set "FIX_EN=Check that %LOCALAPPDATA% is writable (ask your technical contact), then run cai-dat.bat again."
goto :fail

:venv_locked
set "CODE=17"
set "ERR_VI=Bước 5/8: không xóa được môi trường cũ %VENV%: DTI Scorer có thể đang mở."
set "FIX_VI=Đóng DTI Scorer (và mọi cửa sổ dòng lệnh đang dùng nó), rồi chạy lại cai-dat.bat."
set "ERR_EN=Step 5/8: the old environment %VENV% could not be removed: DTI Scorer may be open."
set "FIX_EN=Close DTI Scorer (and any command window using it), then run cai-dat.bat again."
goto :fail

:venv_failed
set "CODE=18"
set "ERR_VI=Bước 5/8: không tạo được môi trường Python trong %VENV% (thông báo ở trên)."
set "FIX_VI=Chạy lại bộ cài Python, chọn Modify và giữ đánh dấu pip; kiểm tra có quyền ghi vào %LOCALAPPDATA%; rồi chạy lại cai-dat.bat."
set "ERR_EN=Step 5/8: the Python environment could not be made in %VENV% (see the messages above)."
set "FIX_EN=Run the Python installer again, choose Modify and keep pip ticked; check that %LOCALAPPDATA% is writable; then run cai-dat.bat again."
goto :fail

:pip_failed
set "CODE=19"
set "ERR_VI=Bước 6/8: cài các gói từ thư mục wheels không thành công (chi tiết trong %APP%\cai-dat-pip.log)."
set "FIX_VI=Chép lại cả thư mục bộ cài rồi chạy lại cai-dat.bat; nếu vẫn lỗi, gửi tệp cai-dat-pip.log cho người phụ trách kỹ thuật."
set "ERR_EN=Step 6/8: installing the packages from the wheels folder failed (details in %APP%\cai-dat-pip.log)."
set "FIX_EN=Copy the whole kit again and run cai-dat.bat again; if it still fails, send cai-dat-pip.log to your technical contact."
goto :fail

:demo_failed
set "CODE=20"
set "ERR_VI=Bước 7/8: chạy thử dti-scorer demo không thành công (thông báo ở trên)."
set "FIX_VI=Chụp màn hình cửa sổ này gửi người phụ trách kỹ thuật; có thể thử mở ứng dụng bằng %VENV%\Scripts\dti-app.exe."
set "ERR_EN=Step 7/8: the trial run dti-scorer demo failed (see the messages above)."
set "FIX_EN=Send a screenshot of this window to your technical contact; you can try the app with %VENV%\Scripts\dti-app.exe."
goto :fail

:shortcut_failed
set "CODE=21"
set "ERR_VI=Bước 8/8: DTI Scorer đã được cài nhưng chưa tạo được lối tắt (thông báo ở trên)."
set "FIX_VI=Mở ứng dụng bằng %VENV%\Scripts\dti-app.exe; tạo lối tắt bằng tay: nhấp chuột phải vào tệp đó, chọn Gửi tới, Màn hình nền (tạo lối tắt)."
set "ERR_EN=Step 8/8: DTI Scorer is installed but the shortcuts could not be made (see the messages above)."
set "FIX_EN=Open the app with %VENV%\Scripts\dti-app.exe; to make a shortcut, right-click that file, Send to, Desktop (create shortcut)."
goto :fail

rem ---- helpers ----
:probe
rem call :probe COMMAND: run COMMAND as Python; sets PYEXE, PYVER and PYID when it suits the kit
set "P_LINE="
%* -c "import struct, sys; sys.stdout.write(' '.join([str(sys.version_info[0]), str(sys.version_info[1]), str(8 * struct.calcsize('P')), sys.executable]))" >"%TMPF%" 2>nul
if errorlevel 1 exit /b 1
for /f "usebackq delims=" %%l in ("%TMPF%") do set "P_LINE=%%l"
if not defined P_LINE exit /b 1
for /f "tokens=1-3,*" %%a in ("%P_LINE%") do (set "P_VER=%%a.%%b" & set "P_BITS=%%c" & set "P_EXE=%%d")
set "P_OK="
for %%v in (%PYTHONS%) do if "%%v"=="%P_VER%" set "P_OK=1"
if not defined P_OK (set "SEEN_OTHER=%P_VER%" & exit /b 1)
if not "%P_BITS%"=="64" (set "SEEN_32=%P_VER%" & exit /b 1)
copy /y "%TMPF%" "%TMPF%.python" >nul
if errorlevel 1 exit /b 1
set "PYEXE=%P_EXE%"
set "PYVER=%P_VER%"
set "PYID=%P_LINE%"
exit /b 0

:fail
echo.
echo ==========================================================================
setlocal EnableDelayedExpansion
echo Chưa cài được DTI Scorer. !ERR_VI!
echo Cách khắc phục: !FIX_VI!
echo.
echo DTI Scorer was not installed. !ERR_EN!
echo What to do: !FIX_EN!
endlocal
echo ==========================================================================
goto :finish

:finish
del "%TMPF%" "%TMPF%.python" >nul 2>&1
echo.
if not defined NOPAUSE pause
if defined OLDCP chcp %OLDCP% >nul
endlocal & exit /b %CODE%
