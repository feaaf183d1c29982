#!/usr/bin/env bash
# Renders assets/icon/draftboard.svg into every icon file the project ships:
#   assets/icon/png/draftboard-<size>.png   16 24 32 48 64 128 256 512
#   assets/icon/draftboard.ico              Windows (16..256 in one file)
#   assets/icon/draftboard.icns             macOS (made with png2icns from icnsutils; see packaging/README.md)
#   src/main/resources/io/draftboard/ui/icon/icon-<size>.png   the window icons (stage.getIcons())
#   packaging/linux/Draftboard.png          the 256 px icon jpackage puts in the app-image and the .deb
# Needs: rsvg-convert (librsvg2-bin), convert (imagemagick), png2icns (icnsutils).
#   apt-get install -y imagemagick librsvg2-bin icnsutils
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
svg="$here/draftboard.svg"
sizes=(16 24 32 48 64 128 256 512)
# ImageMagick's own binary: a wrapper elsewhere on PATH may stand in for it.
im=/usr/bin/convert; [ -x "$im" ] || im=convert

mkdir -p "$here/png" "$root/src/main/resources/io/draftboard/ui/icon" "$root/packaging/linux"
for s in "${sizes[@]}"; do
  rsvg-convert -w "$s" -h "$s" "$svg" -o "$here/png/draftboard-$s.png"
  # strip dates and other text chunks so a re-render of the same SVG is byte-identical
  "$im" "$here/png/draftboard-$s.png" -strip -define png:exclude-chunks=date,time "$here/png/draftboard-$s.png"
  cp "$here/png/draftboard-$s.png" "$root/src/main/resources/io/draftboard/ui/icon/icon-$s.png"
done
cp "$here/png/draftboard-256.png" "$root/packaging/linux/Draftboard.png"

"$im" $(for s in 16 24 32 48 64 128 256; do echo "$here/png/draftboard-$s.png"; done) "$here/draftboard.ico"

if command -v png2icns >/dev/null 2>&1; then
  # png2icns takes 16, 32, 48, 128, 256, 512 (and 1024) and picks the icon type from each image's size.
  png2icns "$here/draftboard.icns" $(for s in 16 32 48 128 256 512; do echo "$here/png/draftboard-$s.png"; done) >/dev/null
else
  echo "png2icns not found: draftboard.icns not refreshed (on macOS use iconutil, see packaging/README.md)" >&2
fi
echo "rendered: ${sizes[*]} px, draftboard.ico, draftboard.icns"
