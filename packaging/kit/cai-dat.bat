@echo off
rem Cai DTI Scorer tu thu muc wheels, khong dung mang / Install DTI Scorer offline.
chcp 65001 >nul
setlocal
set "KIT=%~dp0"
set "VENV=%LOCALAPPDATA%\DTI-Scorer\venv"
set "PY="
py -3.12 -c "pass" >nul 2>&1 && set "PY=py -3.12"
if not defined PY py -3.11 -c "pass" >nul 2>&1 && set "PY=py -3.11"
if not defined PY python -c "import sys; sys.exit(sys.version_info[:2] not in ((3, 11), (3, 12)))" >nul 2>&1 && set "PY=python"
if not defined PY (
  echo Chưa có Python 3.11 hoặc 3.12 ^(64-bit^). Hãy cài Python rồi chạy lại tệp này.
  echo Python 3.11 or 3.12 ^(64-bit^) is needed. Install it, then run this file again.
  pause
  exit /b 2
)
%PY% -m venv "%VENV%" || goto failed
"%VENV%\Scripts\python.exe" -m pip install --no-index --find-links "%KIT%wheels" --upgrade dti-scorer || goto failed
"%VENV%\Scripts\dti-scorer.exe" demo
powershell -NoProfile -Command "$s = (New-Object -ComObject WScript.Shell).CreateShortcut([Environment]::GetFolderPath('Desktop') + '\DTI Scorer.lnk'); $s.TargetPath = $env:VENV + '\Scripts\dti-app.exe'; $s.Save()"
echo.
echo Đã cài xong. Mở ứng dụng bằng lối tắt "DTI Scorer" trên màn hình.
echo Installed. Open the app with the "DTI Scorer" shortcut on the desktop.
pause
exit /b 0
:failed
echo Cài đặt không thành công; xem thông báo ở trên. / Installation failed; see above.
pause
exit /b 1
