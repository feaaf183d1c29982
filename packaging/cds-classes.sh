#!/usr/bin/env bash
# Remakes src/main/resources/io/draftboard/launch/cds.classlist: the JDK's class list (-XX:DumpLoadedClassList)
# of the studio from its start to its first offline draft (driven under Xvfb with xdotool), plus a CLI render,
# offline and remote (BFL, against the loopback simulator). Besides the classes it names the lambdas those
# runs linked (@lambda-proxy) and the method-handle forms they needed (@lambda-form-invoker), which a static
# dump (`java -Xshare:dump`) archives too: the AppCDS archives (`Draftboard --cds-train`, the jar's cache, see
# launch/CdsArchive) are dumped from this list.
#   apt-get install -y xvfb libgtk-3-0 xdotool;  mvn -B -q -DskipTests package;  packaging/cds-classes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/main/resources/io/draftboard/launch/cds.classlist
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
Xvfb :95 -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
export DISPLAY=:95
sleep 1
DRAFTBOARD_HOME=$tmp/home java -Xshare:off -XX:DumpLoadedClassList=$tmp/studio.classlist -jar target/draftboard.jar >/dev/null 2>&1 &
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
DRAFTBOARD_HOME=$tmp/home java -Xshare:off -XX:DumpLoadedClassList=$tmp/cli.classlist -jar target/draftboard.jar generate \
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
  java -Xshare:off -XX:DumpLoadedClassList=$tmp/remote.classlist -jar target/draftboard.jar generate --provider bfl \
  --prompt 'A red balloon, headline "SALE"' --steps 2 --width 256 --height 256 --out $tmp/b.png >/dev/null
kill $sim; wait $sim 2>/dev/null || true
# The three lists in one, each line once, sorted so that a remade list differs only by what changed: the classes,
# then the lambdas (@lambda-proxy: the JVM loads a lambda's host class itself, so the order does not matter) and
# the method-handle forms. Dynamic proxies are generated, so they cannot be named in a list.
all=$tmp/all.classlist
cat $tmp/studio.classlist $tmp/cli.classlist $tmp/remote.classlist | grep -v -E '^#|\$Proxy' >$all
{
  echo "# The AppCDS class list; made by packaging/cds-classes.sh, dumped by launch/CdsArchive (java -Xshare:dump)."
  grep -v '^@' $all | LC_ALL=C sort -u
  grep '^@lambda-proxy ' $all | LC_ALL=C sort -u
  grep '^@' $all | grep -v '^@lambda-proxy ' | LC_ALL=C sort -u
} >$out
echo "cds-classes: $(grep -vc -E '^#|^@' $out) classes, $(grep -c '^@lambda-proxy' $out) lambdas -> $out"
