#!/usr/bin/env bash
# Builds the desktop bundle of 年报审核台: dist/nianbao/ (one folder, runs without Python or the venv),
# then, where dpkg-deb exists (Debian, Ubuntu, UOS, Kylin), dist/nianbao-shenhetai_VERSION_ARCH.deb.
#   bash packaging/build.sh            bundle + .deb
#   bash packaging/build.sh --no-deb   bundle only
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash .ci/setup
.venv/bin/python -m pip install -q -e '.[bundle]'
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/nianbao.spec
echo "桌面程序：dist/nianbao/（$(du -sh dist/nianbao | cut -f1)）"
if [ "${1:-}" != "--no-deb" ] && command -v dpkg-deb >/dev/null 2>&1; then
  bash packaging/build-deb.sh
fi
