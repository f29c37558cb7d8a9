#!/usr/bin/env bash
# dist/annotator-VERSION-linux-ARCH.tar.gz: the bundle, its .desktop file and its icon.
set -euo pipefail
version="$1"
cd "$(dirname "$0")/.."
name="annotator-$version"
stage="build/tarball/$name"
rm -rf build/tarball && mkdir -p "$stage"
cp -a dist/annotator "$stage/annotator"
cp packaging/annotator.desktop "$stage/annotator.desktop"
cp resources/icons/annotator.png "$stage/annotator.png"
cat > "$stage/README.txt" <<TXT
Annotator $version for Linux $(uname -m); runs offline, needs no Python.

  ./annotator/annotator                 open the window
  ./annotator/annotator --help          the command line
  ./annotator/annotator --self-test     check this copy end to end

For the menu: put annotator/ somewhere (e.g. ~/.local/opt/annotator), link its annotator to a
folder on your PATH, copy annotator.desktop to ~/.local/share/applications/ and annotator.png to
~/.local/share/icons/hicolor/256x256/apps/. The .deb package does all of this system-wide.
TXT
out="dist/$name-linux-$(uname -m).tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner -C build/tarball -czf "$out" "$name"
echo "wrote $out ($(du -h "$out" | cut -f1))"
