#!/usr/bin/env bash
# Remakes src/main/resources/io/draftboard/launch/cds-classes.txt: the classes the studio loads from its
# start to its first offline draft (driven under Xvfb with xdotool), plus those a CLI render loads, offline
# and remote (BFL, against the loopback simulator). The
# packaged app's AppCDS archive (`Draftboard --cds-train`, see launch/CdsArchive) is dumped from this list.
#   apt-get install -y xvfb libgtk-3-0 xdotool;  mvn -B -q -DskipTests package;  packaging/cds-classes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/main/resources/io/draftboard/launch/cds-classes.txt
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
Xvfb :95 -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
export DISPLAY=:95
sleep 1
DRAFTBOARD_HOME=$tmp/home java -Xlog:class+load:file=$tmp/studio.log -jar target/draftboard.jar >/dev/null 2>&1 &
app=$!
wid=""
for _ in $(seq 1 600); do wid=$(xdotool search --onlyvisible --name '^Draftboard$' 2>/dev/null | head -1 || true); [ -n "$wid" ] && break; sleep 0.1; done
[ -n "$wid" ] || { echo "cds-classes: no window" >&2; exit 1; }
sleep 3
xdotool key --window "$wid" ctrl+p
xdotool type --window "$wid" --delay 40 'A red balloon on a wooden table, headline "SALE"'
sleep 15
xdotool key --window "$wid" ctrl+q
wait $app || true
DRAFTBOARD_HOME=$tmp/home java -Xlog:class+load:file=$tmp/cli.log -jar target/draftboard.jar generate \
  --prompt 'A red balloon, headline "SALE"' --steps 2 --width 256 --height 256 --out $tmp/a.png >/dev/null
# A remote CLI render, against the BFL simulator on loopback: the HTTP client's call and connection path, the
# wire's JSON, polling and the result's download, which a cold CLI process otherwise loads from the jars while
# the job's clock runs (PollingBench --app-image measures it).
java -jar target/draftboard.jar simulate --port 0 --latency-fixed-ms 300 >$tmp/simulator.out 2>&1 &
sim=$!
url=""
for _ in $(seq 1 300); do url=$(sed -n 's/^BFL simulator listening on //p' $tmp/simulator.out); [ -n "$url" ] && break; sleep 0.1; done
[ -n "$url" ] || { echo "cds-classes: the BFL simulator did not start" >&2; kill $sim; exit 1; }
DRAFTBOARD_HOME=$tmp/home DRAFTBOARD_BFL_BASE_URL=$url BFL_API_KEY=cds-training \
  java -Xlog:class+load:file=$tmp/remote.log -jar target/draftboard.jar generate --provider bfl \
  --prompt 'A red balloon, headline "SALE"' --steps 2 --width 256 --height 256 --out $tmp/b.png >/dev/null
kill $sim; wait $sim 2>/dev/null || true
# Classes defined from a jar or the runtime's modules; generated ones (lambdas, proxies) cannot be named.
{
  echo "# Classes for the AppCDS archive; made by packaging/cds-classes.sh, read by launch/CdsArchive."
  cat $tmp/studio.log $tmp/cli.log $tmp/remote.log | grep -E 'source: (jrt:/|file:|shared objects file)' \
    | sed -E 's/^\[[^]]*\]\[[^]]*\]\[[^]]*\] ([^ ]+) source:.*/\1/' \
    | grep -v -E '\$\$Lambda|/0x|\$Proxy|LambdaForm\$' | sort -u
} >$out
echo "cds-classes: $(grep -vc '^#' $out) classes -> $out"
