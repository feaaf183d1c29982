#!/usr/bin/env bash
# Makes the three sample reference images procedurally with ImageMagick 6 (seeded, so a re-run gives the
# same pictures). Each must stay under 300 KB. Needs: apt-get install -y imagemagick
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
im=/usr/bin/convert; [ -x "$im" ] || im=convert
png=(-strip -define png:exclude-chunks=date,time -define png:compression-level=9)

# 1. Product-shot backdrop: a warm seamless studio sweep, brightest in the middle, with a soft floor
#    shadow where a product would stand.
"$im" -size 1024x768 radial-gradient:'#fbf3e8'-'#c9b39a' \
  \( -size 1024x768 xc:none -fill 'rgba(0,0,0,0.35)' -draw 'ellipse 512,600 230,34 0,360' -blur 0x22 \) -composite \
  \( -size 1024x768 gradient:'rgba(255,255,255,0.25)'-'rgba(0,0,0,0.10)' \) -composite \
  -alpha off -depth 8 "${png[@]}" "$here/backdrop-studio-sweep.png"

# 2. Logo mark: a flat four-colour mark (a sun rising over two hills) on white, the kind of thing a client
#    hands over as "put our logo on it".
"$im" -size 640x640 xc:white \
  -fill '#F2A93B' -draw 'circle 320,300 320,170' \
  -fill '#1F6F5C' -draw 'path "M 110,470 Q 230,300 360,470 Z"' \
  -fill '#2E9C7F' -draw 'path "M 250,470 Q 400,330 530,470 Z"' \
  -fill '#1F3B4D' -draw 'roundrectangle 110,480 530,500 10,10' \
  "${png[@]}" "$here/logo-mark-sunrise.png"

# 3. Texture: a terracotta/stone surface: seeded grey plasma plus fine grain, coloured through a
#    dark-to-light terracotta gradient.
"$im" -seed 20261124 -size 512x512 plasma:fractal -blur 0x1.5 -colorspace gray -auto-level \
  \( -seed 7 -size 512x512 xc:gray50 +noise Gaussian -colorspace gray -blur 0x0.7 \) -compose overlay -composite \
  \( -size 1x256 gradient:'#7a3b22'-'#e9c19c' \) -clut -alpha off -depth 8 -colors 128 \
  "${png[@]}" "$here/texture-terracotta.png"

for f in "$here"/*.png; do
  size=$(stat -c %s "$f")
  printf '%-28s %7d bytes\n' "$(basename "$f")" "$size"
  [ "$size" -le 307200 ] || { echo "too big (> 300 KB): $f" >&2; exit 1; }
done
