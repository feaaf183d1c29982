#!/usr/bin/env bash
# How long the studio takes to go away after Ctrl+Q, as a designer sees it (the window unmapped) and as the
# machine sees it (the process gone), idle and with a 50-step final in flight. Drives the real jar under Xvfb.
#   apt-get install -y xvfb libgtk-3-0 xdotool;  mvn -B -q -DskipTests package;  src/test/xvfb/quit.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-5}
jar=target/draftboard.jar
display=:97
Xvfb $display -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
export DISPLAY=$display
sleep 1
now() { date +%s%3N; }

one() { # $1 = idle | final
  local home; home=$(mktemp -d)
  DRAFTBOARD_HOME=$home java -jar $jar >/dev/null 2>&1 &
  local pid=$! wid=""
  for _ in $(seq 1 120); do wid=$(xdotool search --name '^Draftboard$' 2>/dev/null | head -1 || true); [ -n "$wid" ] && break; sleep 0.1; done
  sleep 2
  if [ "$1" = final ]; then
    xdotool key --window "$wid" ctrl+p; xdotool type --delay 30 'poster of a fox'; sleep 4
    xdotool key --window "$wid" ctrl+Return; sleep 1
  fi
  local t0 gone="" dead=""
  t0=$(now)
  xdotool key --window "$wid" ctrl+q
  for _ in $(seq 1 500); do
    [ -z "$gone" ] && ! xdotool search --name '^Draftboard$' >/dev/null 2>&1 && gone=$(( $(now) - t0 ))
    [ -z "$dead" ] && ! kill -0 $pid 2>/dev/null && dead=$(( $(now) - t0 ))
    [ -n "$gone" ] && [ -n "$dead" ] && break
    sleep 0.01
  done
  local open; open=$(DRAFTBOARD_HOME=$home java -jar $jar jobs list 2>/dev/null | grep -c -E ' (pending|submitted) ' || true)
  echo "$1 window-gone-ms=$gone process-gone-ms=$dead open-jobs-left=$open"
  rm -rf "$home"
}
for _ in $(seq 1 "$runs"); do one idle; one final; done
