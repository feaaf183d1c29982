#!/usr/bin/env bash
# Retakes the README screenshots: the studio under Xvfb, light and dark, typing a prompt (xdotool), then a
# final in Compare. Needs: apt-get install -y xvfb xdotool imagemagick libgtk-3-0, and `mvn -DskipTests package`.
# Usage: assets/screenshots/take.sh   (writes assets/screenshots/studio-{light,dark}.png, compare.png and
# studio-1024x700.png)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=assets/screenshots
home=$(mktemp -d)
trap 'rm -rf "$home"; kill $xvfb 2>/dev/null || true' EXIT
display=:97
Xvfb $display -screen 0 1440x900x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
# A little history so the browser has something to show.
i=0
for p in 'mountain lake at dawn, pink sky' 'business card "ACME STUDIO" black and gold' \
         'coffee mug mockup on wooden table, warm light' 'app landing page hero, purple gradient, "Draftboard"' \
         'minimal logo mark, green circle, white background'; do
  i=$((i + 1))
  DRAFTBOARD_HOME=$home java -jar target/draftboard.jar generate --prompt "$p" --seed $((i * 77)) \
    --steps $([ $((i % 2)) = 0 ] && echo 6 || echo 50) --width 768 --height 768 --out "$home/$i.png" >/dev/null
done

shoot() { # theme, then what to do before the shot
  rm -f "$home/workspace.json" # each shot starts from an empty editor: the studio would bring the last prompt back
  DISPLAY=$display DRAFTBOARD_HOME=$home DRAFTBOARD_THEME=$1 java -jar target/draftboard.jar >/dev/null 2>&1 &
  local app=$!
  for _ in $(seq 1 100); do DISPLAY=$display xdotool search --onlyvisible --name '^Draftboard$' >/dev/null 2>&1 && break; sleep 0.1; done
  local w
  w=$(DISPLAY=$display xdotool search --onlyvisible --name '^Draftboard$' | head -1)
  DISPLAY=$display xdotool windowmove "$w" 0 0 windowsize "$w" 1440 900
  sleep 1
  DISPLAY=$display xdotool mousemove 200 190 click 1
  DISPLAY=$display xdotool type --delay 30 'poster "SUMMER SALE", orange sun over a calm blue sea, bold sans-serif'
  sleep 4
  shift
  "$@"
  kill $app
  wait $app 2>/dev/null || true
}
snap() { DISPLAY=$display import -window root "$1"; }
small() { # the smallest window the studio allows, cropped to it
  local w
  w=$(DISPLAY=$display xdotool search --onlyvisible --name '^Draftboard$' | head -1)
  DISPLAY=$display xdotool windowsize "$w" 1024 700
  sleep 2
  DISPLAY=$display import -window root -crop 1024x700+0+0 +repage "$1"
}
compare() {
  DISPLAY=$display xdotool key ctrl+Return
  sleep 8
  DISPLAY=$display xdotool mousemove 534 68 click 1
  sleep 1.5
  snap "$1"
}
shoot light snap $out/studio-light.png
shoot dark snap $out/studio-dark.png
shoot light compare $out/compare.png
shoot dark small $out/studio-1024x700.png
for f in $out/studio-light.png $out/studio-dark.png $out/compare.png $out/studio-1024x700.png; do
  convert "$f" -strip -define png:compression-level=9 "$f"
done
echo "screenshots written to $out"
