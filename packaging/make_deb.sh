#!/usr/bin/env bash
# dist/annotator_VERSION_ARCH.deb from dist/annotator/, built with dpkg-deb --build.
# No maintainer scripts: every installed file is in the package, so removal leaves nothing.
set -euo pipefail
version="$1"
cd "$(dirname "$0")/.."
arch="$(dpkg --print-architecture)"
root="build/deb/annotator_${version}_$arch"
rm -rf build/deb && mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" \
  "$root/usr/share/applications" "$root/usr/share/icons/hicolor/256x256/apps" \
  "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/doc/annotator"
cp -a dist/annotator "$root/opt/annotator"
# Relative, so the program also runs from a tree unpacked with dpkg-deb -x.
ln -s ../../opt/annotator/annotator "$root/usr/bin/annotator"
install -m 644 packaging/annotator.desktop "$root/usr/share/applications/annotator.desktop"
install -m 644 resources/icons/annotator.png "$root/usr/share/icons/hicolor/256x256/apps/annotator.png"
install -m 644 resources/icons/annotator.svg "$root/usr/share/icons/hicolor/scalable/apps/annotator.svg"
cat > "$root/usr/share/doc/annotator/copyright" <<TXT
Annotator $version. The bundled Vazirmatn font is under the SIL Open Font License 1.1
(/opt/annotator/_internal/resources/fonts/OFL.txt); Qt and PySide6 under the LGPL 3.
TXT
chmod -R u+rwX,go+rX,go-w "$root"
cat > "$root/DEBIAN/control" <<TXT
Package: annotator
Version: $version
Architecture: $arch
Maintainer: Annotator maintainers <annotator@example.org>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6 (>= 2.28), libgl1, libegl1, $(tr '\n' ' ' < packaging/xcb-packages.txt | sed 's/ *$//; s/ /, /g')
Section: text
Priority: optional
Description: mark speakers, claims and stance in Persian text
 A desktop and command-line tool in which media analysts read Persian interviews and news,
 mark who speaks, what they claim and what stance they take, and export training datasets.
 Self-contained: Python, Qt and hazm's data are inside /opt/annotator; runs offline.
TXT
out="dist/annotator_${version}_$arch.deb"
dpkg-deb --root-owner-group --build "$root" "$out" >/dev/null
dpkg-deb --contents "$out" > "$out.files.txt"
echo "wrote $out ($(du -h "$out" | cut -f1)); its $(wc -l < "$out.files.txt") entries are listed in $out.files.txt"
