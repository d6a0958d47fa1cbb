#!/usr/bin/env bash
# Packs the bundle dist/nianbao/ (packaging/build.sh) as a .deb for Debian-based desktops (UOS, Kylin,
# Debian, Ubuntu): /opt/nianbao-shenhetai/, the command /usr/bin/nianbao, a menu entry and its icon.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x dist/nianbao/nianbao ] || { echo "先运行 bash packaging/build.sh 生成 dist/nianbao/" >&2; exit 2; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
arch=$(dpkg --print-architecture)
root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/icons/hicolor/scalable/apps"
cp -a dist/nianbao "$root/opt/nianbao-shenhetai"
ln -s /opt/nianbao-shenhetai/nianbao "$root/usr/bin/nianbao"
install -m 644 packaging/nianbao.desktop "$root/usr/share/applications/nianbao.desktop"
install -m 644 resources/icons/nianbao.png "$root/usr/share/icons/hicolor/256x256/apps/nianbao.png"
install -m 644 resources/icons/nianbao.svg "$root/usr/share/icons/hicolor/scalable/apps/nianbao.svg"
size=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: nianbao-shenhetai
Version: $version
Architecture: $arch
Maintainer: 年报审核台 <nianbao@localhost>
Installed-Size: $size
Depends: libc6 (>= 2.34), libegl1, libgl1, libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, libxkbcommon0, libxkbcommon-x11-0, libx11-6, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xinerama0, libxcb-randr0, libxcb-render-util0, libxcb-image0, fonts-wqy-microhei | fonts-noto-cjk
Section: office
Priority: optional
Description: 年报审核台：政府信息公开工作年度报告审核
 读出年报的三张统计表，按勾稽关系逐项核对，标出不一致的数值并给出修正建议；
 审核人员改正、决定、签发，导出 Excel 归档。命令行：nianbao extract / check / export。
CONTROL
out="dist/nianbao-shenhetai_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$out" >/dev/null
echo "安装包：$out（$(du -h "$out" | cut -f1)）"
