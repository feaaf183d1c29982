#!/usr/bin/env bash
# How the studio feels at scale, as a designer sees it, driving the real window under Xvfb with keystrokes
# (xdotool) and watching pixels (src/test/java/io/draftboard/bench/PixelWatch.java, one java.awt.Robot on
# the Xvfb screen). For every start of every variant, in a fresh copy of a DRAFTBOARD_HOME seeded with
# ROWS history rows over IMAGES distinct 320 px PNGs (src/test/java/io/draftboard/bench/SeedHome.java; seeded
# once, kept in target/feel/; with their thumbnails, or without them for a variant given HOME_<label>=bare):
#   (a) launch -> window mapped: wall ms, and the CPU ms the process had used by then (less hostage to a
#       loaded machine than the wall clock);
#   (b) resident memory once the start has settled, then after scrolling SCROLL rows of history (and how long
#       the grid kept changing after the last key: whether the studio kept up with them) with the
#       Down key, and again IDLE seconds later (the grid focused by a click on its first tile; done when the grid has been still for 5 s) (the grid shows COLUMNS tiles a line at the default tile size and 1440 px window);
#   (c) Ctrl+R (new seed) and one typed character in the prompt -> first visible change in the centre of
#       the preview, KEYS times each, on the offline engine at the default 1024x1024 (1 MP) draft;
# then prints the medians per variant. Variants run interleaved (run 1 of each, run 2 of each, ...), so a
# before/after ratio comes from the same machine state.
#
#   apt-get install -y xvfb libgtk-3-0 xdotool imagemagick x11-utils
#   mvn -B -q -o -DskipTests package && mvn -B -q -o test-compile
#   src/test/xvfb/feel.sh [runs]                              # the jar
#   VARIANTS="before=target/baseline/draftboard.jar after=target/draftboard.jar" src/test/xvfb/feel.sh 5
#   VARIANTS="jar=target/draftboard.jar app=target/jpackage/Draftboard/bin/Draftboard" src/test/xvfb/feel.sh
# A variant is label=PATH: a .jar runs with `java -jar` (JAVA_OPTS, then OPTS_<label>, are added), anything
# else is a launcher. E.g. OPTS_serial=-XX:+UseSerialGC VARIANTS="g1=target/draftboard.jar serial=target/draftboard.jar".
# HOME_before=bare VARIANTS="before=target/baseline/draftboard.jar after=target/draftboard.jar": the build that
# made no thumbnails on saving over the history it would have left, this one over its own.
# A .jar variant is the studio as `java -jar` starts it: in a child JVM with the packaged launcher's options and
# the jar's class archive (StudioRelaunch); RELAUNCH_<label>=off starts it in the jar's own JVM, as builds before.
# Env: ROWS (100000), IMAGES (3000 distinct images), KEYS (6), SCROLL (2000), COLUMNS (2), IDLE (20 s), DISPLAY_NUM (:94),
# SKIP_KEYS=1 / SKIP_SCROLL=1 to measure only the start.
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-5}
rows=${ROWS:-100000}
images=${IMAGES:-3000}
keys=${KEYS:-6}
scroll=${SCROLL:-2000}
columns=${COLUMNS:-2}
idle=${IDLE:-20}
display=${DISPLAY_NUM:-:94}
variants=${VARIANTS:-jar=target/draftboard.jar}
out=target/feel
mkdir -p $out
[ -f target/test-classes/io/draftboard/bench/SeedHome.class ] \
  || { echo "feel: run mvn -B -q -o test-compile first" >&2; exit 1; }
cp="target/draftboard.jar:target/test-classes"

# Two seeded homes, each made once: home-ROWS as this build's studio leaves a history (every image has its
# thumbnail, made when it was saved), home-ROWS-bare as builds before that did (no thumbnails: history makes
# each one when it first shows it). A variant uses the first unless HOME_<label>=bare.
seeded_for() { # label -> the seeded home it starts from
  local kind_var="HOME_$1"
  if [ "${!kind_var:-}" = bare ]; then echo "$out/home-$rows-bare"; else echo "$out/home-$rows"; fi
}
for v in $variants; do
  h=$(seeded_for "${v%%=*}")
  if [[ $h == *-bare ]]; then
    [ -f "$h/history.db" ] && [ ! -d "$h/images/thumbs" ] && continue
    rm -rf "$h"; java -cp "$cp" io.draftboard.bench.SeedHome "$h" "$rows" "$images" --without-thumbnails
  else
    [ -f "$h/history.db" ] && [ -d "$h/images/thumbs" ] && continue
    rm -rf "$h"; java -cp "$cp" io.draftboard.bench.SeedHome "$h" "$rows" "$images"
  fi
done

Xvfb $display -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
app=""
watch_pid=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null || true
  kill $xvfb 2>/dev/null || true
  rm -rf "$out/run-home" "$out/run-cache" "$out/watch.in" "$out/watch.out"
}
trap cleanup EXIT
export DISPLAY=$display
sleep 1
now() { date +%s%3N; }
# CPU and memory are the studio's process tree: `java -jar` runs the studio in a child JVM (StudioRelaunch), and
# the waiting parent (and a first start's archive training) are the studio's cost too. RSS is summed, so pages
# the two JVMs share (libjvm, the JDK's modules) count twice: an upper bound. The "unique" figure counts each
# physical page the tree holds once (bench/ResidentPages reads /proc/PID/pagemap; "-" unless run as root).
tree() { local p; echo "$1"; for p in $(pgrep -P "$1"); do tree "$p"; done; }
cpu_ms() { local p t=0 c; for p in $(tree "$1"); do c=$(awk '{ print ($14 + $15) * 10 }' "/proc/$p/stat" 2>/dev/null) && t=$((t + c)); done; echo $t; } # USER_HZ = 100
rss_mb() { local p t=0 r; for p in $(tree "$1"); do r=$(ps -o rss= -p "$p") && t=$((t + r)); done; echo $((t / 1024)); }
unique_mb() { java -XX:TieredStopAtLevel=1 -cp target/test-classes io.draftboard.bench.ResidentPages $(tree "$1"); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The map watcher: xev reports every window mapped on the screen (no window manager here, so the studio's own
# toplevel); the first one named Draftboard gives the time (bash's clock, read as the event arrives) and its id.
map_watch_start() {
  rm -f $out/map.out
  ( stdbuf -oL xev -root -event substructure 2>/dev/null | while read -r line; do
      case $line in
        MapNotify*)
          t=${EPOCHREALTIME/./}; read -r line; w=${line#*window }; w=${w%%,*}
          if xprop -id "$w" WM_NAME 2>/dev/null | grep -q '"Draftboard"'; then echo "$((t / 1000)) $((w))" >$out/map.out; break; fi ;;
      esac
    done ) 2>/dev/null & # its xev, killed below, is no news
  map_pid=$!
  disown "$map_pid"
  sleep 0.3 # xev has selected the events before the studio starts
}
map_watch_wait() { # seconds -> "epoch-ms window-id", or nothing
  for _ in $(seq 1 $(( $1 * 10 ))); do [ -s $out/map.out ] && break; sleep 0.1; done
  pkill -P "$map_pid" xev 2>/dev/null || true
  cat $out/map.out 2>/dev/null || true
}

# The pixel watcher: one JVM for the whole run, fed commands through a FIFO.
watch_start() { # x y w h
  rm -f $out/watch.in; mkfifo $out/watch.in
  java -XX:TieredStopAtLevel=1 -cp target/test-classes io.draftboard.bench.PixelWatch "$@" 5 50 \
    <$out/watch.in >$out/watch.out 2>/dev/null &
  watch_pid=$!
  exec 7>$out/watch.in
  : >$out/watch.out.seen
}
watch_ask() { # command -> its one-line answer
  local before; before=$(wc -l <$out/watch.out)
  echo "$*" >&7
  until [ "$(wc -l <$out/watch.out)" -gt "$before" ]; do sleep 0.005; done
  tail -1 $out/watch.out
}
watch_stop() { echo quit >&7 || true; exec 7>&-; wait "$watch_pid" 2>/dev/null || true; watch_pid=""; }

one() { # $1 = label, $2 = jar or launcher, $3 = run number
  local label=$1 target=$2 run=$3 home=$out/run-home
  rm -rf "$home"; cp -a "$(seeded_for "$label")" "$home"
  sync
  # Mapping is watched through X events, not by polling: a poll loop spawning xdotool every 10 ms takes most
  # of a core from a 2-core machine while the studio starts (it made an empty JavaFX stage map 1.7 s later).
  map_watch_start
  local t0; t0=$(now)
  if [[ $target == *.jar ]]; then
    local opts_var="OPTS_$label"
    # shellcheck disable=SC2086
    local relaunch_var="RELAUNCH_$label" cache=${XDG_CACHE_HOME:-$HOME/.cache}
    if [ "${JAR_CACHE:-warm}" = cold ]; then cache=$PWD/$out/run-cache; rm -rf "$cache"; fi # XDG wants it absolute
    # shellcheck disable=SC2086
    XDG_CACHE_HOME=$cache DRAFTBOARD_RELAUNCH=${!relaunch_var:-on} DRAFTBOARD_HOME=$home \
      java ${JAVA_OPTS:-} ${!opts_var:-} -jar "$target" >$out/app-$label.log 2>&1 &
  else
    DRAFTBOARD_HOME=$home "$target" >$out/app-$label.log 2>&1 &
  fi
  app=$!
  local wid="" mapped cpu at
  read -r at wid < <(map_watch_wait 60)
  mapped=$(( ${at:-$(now)} - t0 )); cpu=$(cpu_ms $app)
  [ -n "$wid" ] || { echo "feel: $label: no window in 60 s" >&2; kill $app; app=""; return 1; }
  echo "$label map-ms $mapped" >>$out/results; echo "$label map-cpu-ms $cpu" >>$out/results
  eval "$(xdotool getwindowgeometry --shell "$wid")" # X Y WIDTH HEIGHT of the window
  local wx=$X wy=$Y
  # The centre of the preview (1440x900 window: the preview pane spans x 420-1020, y 135-850).
  watch_start $((wx + 640)) $((wy + 360)) 256 256
  # Let the start finish (history's first page, thumbnails) before reading memory.
  sleep 8
  local rss0; rss0=$(rss_mb $app)
  echo "$label rss-settled-mb $rss0" >>$out/results
  local rss1="-" rss2="-" lag="-" uniq1="-"
  if [ "${SKIP_SCROLL:-0}" != 1 ]; then
    # Focus the grid by clicking its first tile, then walk down SCROLL rows of tiles, COLUMNS a line.
    xdotool mousemove $((wx + 1176)) $((wy + 359)) click 1
    sleep 0.5
    watch_ask region $((wx + 1020)) $((wy + 240)) 400 500 >/dev/null
    xdotool key --window "$wid" --delay 25 --repeat $((scroll / columns)) Down
    local keyed settled; keyed=$(now)
    settled=$(watch_ask settle 5000 180000) # every key handled, every thumbnail drawn
    # How long the grid kept changing after the last key: whether the studio kept up with the keys.
    if [[ $settled == settled* ]]; then
      lag=$(( ${settled#settled } - keyed ))
      lag=$(( lag < 0 ? 0 : lag )) # it was still before the last key: it kept up
      echo "$label scroll-lag-ms $lag" >>$out/results
    fi
    watch_ask region $((wx + 640)) $((wy + 360)) 256 256 >/dev/null
    [ "$run" = 1 ] && import -window root "$out/scrolled-$label.png"
    rss1=$(rss_mb $app)
    echo "$label rss-scrolled-mb $rss1" >>$out/results
    uniq1=$(unique_mb $app)
    [ "$uniq1" != - ] && echo "$label unique-scrolled-mb $uniq1" >>$out/results
    # ...and once the studio has sat idle IDLE seconds more, as a designer leaves it between sessions.
    sleep "$idle"
    rss2=$(rss_mb $app)
    echo "$label rss-idle-mb $rss2" >>$out/results
  fi
  local seeds=() typed=()
  if [ "${SKIP_KEYS:-0}" != 1 ]; then
    watch_ask arm >/dev/null
    xdotool key --window "$wid" ctrl+p
    xdotool type --window "$wid" --delay 40 'A red balloon on a wooden table'
    watch_ask change 120000 >/dev/null # the first draft replaced the placeholder...
    watch_ask settle 1500 60000 >/dev/null # ...and is done
    [ "$run" = 1 ] && import -window root "$out/drafted-$label.png"
    for _ in $(seq 1 "$keys"); do
      local a t1
      watch_ask arm >/dev/null; a=$(now)
      xdotool key --window "$wid" ctrl+r
      t1=$(watch_ask change 20000)
      [ "$t1" != timeout ] && seeds+=($((t1 - a))) && echo "$label seed-ms $((t1 - a))" >>$out/results
      watch_ask settle 1200 60000 >/dev/null
      watch_ask arm >/dev/null; a=$(now)
      xdotool type --window "$wid" 'x'
      t1=$(watch_ask change 20000)
      [ "$t1" != timeout ] && typed+=($((t1 - a))) && echo "$label key-ms $((t1 - a))" >>$out/results
      watch_ask settle 1200 60000 >/dev/null
    done
  fi
  watch_stop
  if kill -0 "$app" 2>/dev/null; then
    xdotool key --window "$wid" ctrl+q 2>/dev/null || true # its window can go between the check and the key
  else
    local code=0; wait "$app" || code=$?
    echo "feel: $label run $run: the studio had exited on its own (status $code; log $out/app-$label.log)" >&2
  fi
  for _ in $(seq 1 300); do kill -0 $app 2>/dev/null || break; sleep 0.02; done
  kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; app=""
  echo "$label run $run: mapped ${mapped} ms (cpu ${cpu} ms), rss ${rss0} MB settled / ${rss1} MB (${uniq1} MB unique) after ${scroll} rows (grid still ${lag} ms after the last key) / ${rss2} MB idle ${idle} s later," \
    "new seed ${seeds[*]:-} ms, keystroke ${typed[*]:-} ms"
}

# A plain `java -jar` maps a class archive made for that jar in the user's cache from its second start on; a
# designer's first start makes it in the background. Made here first, so every run is a designer's later start,
# unless JAR_CACHE=cold: then every run starts from an empty cache, as a first start does (its archive is made
# 15 s in, niced, during the scroll: use SKIP_SCROLL=1 SKIP_KEYS=1 for a first start's mapping alone).
if [ "${JAR_CACHE:-warm}" != cold ]; then
  trained=" "
  for v in $variants; do
    [[ ${v#*=} == *.jar && $trained != *" ${v#*=} "* ]] && java -jar "${v#*=}" --cds-train && trained+="${v#*=} "
  done
fi
: >$out/results
echo "feel: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $rows rows, $runs runs; $(java -version 2>&1 | head -1)"
for run in $(seq 1 "$runs"); do
  for v in $variants; do one "${v%%=*}" "${v#*=}" "$run"; done
done
echo "feel: medians over $runs runs (load now $(cut -d' ' -f1-3 /proc/loadavg)); debounce 350 ms (settings default)"
for v in $variants; do
  l=${v%%=*}
  printf '%-8s' "$l"
  for m in map-ms map-cpu-ms rss-settled-mb rss-scrolled-mb unique-scrolled-mb scroll-lag-ms rss-idle-mb seed-ms key-ms; do
    printf '  %s %s' "$m" "$(awk -v l="$l" -v m="$m" '$1 == l && $2 == m { print $3 }' $out/results | median)"
  done
  echo
done
