@echo off
rem Builds the desktop bundle on Windows: dist\nianbao\ with nianbao.exe (command line) and nianbao-gui.exe
rem (the window, no console). Needs Python 3.11+ on PATH. Not run yet: see packaging\README.md.
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe python -m venv .venv || exit /b 1
.venv\Scripts\python -m pip install -q -e ".[bundle]" || exit /b 1
.venv\Scripts\python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\nianbao.spec || exit /b 1
echo 桌面程序：dist\nianbao\
