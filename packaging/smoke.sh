#!/usr/bin/env bash
# Smoke test of the native packages, run after `mvn -B -Ppackage -DskipTests package`:
#   1. the app-image's own launcher prints the version and renders one image on the offline engine,
#      headless, into a fresh DRAFTBOARD_HOME;
#   2. checks that the launcher's JVM applies its compiler directives and loads classes from the app-image's
#      AppCDS archive, and that the CLI's output carries nothing of the JVM's; prints the app-image and .deb sizes;
#   3. with SMOKE_DEB=1 (root, Debian/Ubuntu): installs the .deb with apt-get (which pulls its Depends),
#      runs /usr/bin/draftboard and /opt/draftboard/bin/Draftboard, checks that postinst made an AppCDS archive
#      the installed launcher uses, removes it with dpkg -r and checks that
#      nothing is left behind, then purges it.
# Usage: packaging/smoke.sh [target/jpackage]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/jpackage}
app="$dir/Draftboard"
launcher="$app/bin/Draftboard"
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)

[ -x "$launcher" ] || { echo "smoke: no launcher at $launcher; run: mvn -B -Ppackage -DskipTests package" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

ms() { date +%s%N | cut -c1-13; }

t0=$(ms)
out=$("$launcher" --version)
t1=$(ms)
[ "$out" = "Draftboard $version" ] || { echo "smoke: --version printed '$out', expected 'Draftboard $version'" >&2; exit 1; }
echo "smoke: $launcher --version -> $out ($((t1 - t0)) ms)"
# The launcher reads its compiler directives (issue 15) without a word on either stream.
err=$("$launcher" --version 2>&1 >/dev/null)
[ -z "$err" ] || { echo "smoke: --version wrote to stderr: $err" >&2; exit 1; }

t0=$(ms)
# The JVM's own log (off the terminal: the launcher sets -DisplayVMOutput) records what C2 compiled.
JAVA_TOOL_OPTIONS="-XX:+UnlockDiagnosticVMOptions -XX:+LogVMOutput -XX:LogFile=$home/vm.log -XX:+PrintCompilation" \
  DRAFTBOARD_HOME="$home" "$launcher" generate --prompt "smoke" --out "$home/out.png" 2> >(grep -v '^Picked up' >&2)
t1=$(ms)
[ -s "$home/out.png" ] || { echo "smoke: generate wrote no $home/out.png" >&2; exit 1; }
[ "$(head -c 8 "$home/out.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
  || { echo "smoke: $home/out.png is not a PNG" >&2; exit 1; }
[ -f "$home/history.db" ] || { echo "smoke: generate left no history.db in DRAFTBOARD_HOME" >&2; exit 1; }
echo "smoke: generate -> $(stat -c %s "$home/out.png") byte PNG ($((t1 - t0)) ms)"
# Compiler directives (lib/app/compiler-directives.json): C2 compiled the offline engine and declined the rest.
c2_engine=$(grep -cE '^ *[0-9]+ +[0-9]+ +[%sbn! ]* 4 +io\.draftboard\.provider\.offline\.' "$home/vm.log" || true)
c2_declined=$(grep -c 'made not compilable on level 4' "$home/vm.log" || true)
[ "$c2_engine" -gt 0 ] && [ "$c2_declined" -gt 0 ] \
  || { echo "smoke: the launcher's JVM did not apply lib/app/compiler-directives.json (engine C2 compiles: $c2_engine, declined: $c2_declined)" >&2; exit 1; }
echo "smoke: compiler directives applied: $c2_engine engine methods compiled by C2, $c2_declined other methods left to C1"

# AppCDS (issue 15): the launcher maps the archive made for this path and loads classes from it.
cds_classes() { # launcher -> how many of the app's own classes a --version run took from the AppCDS archive
  JAVA_TOOL_OPTIONS=-Xlog:class+load "$1" --version 2>/dev/null | grep -c -E ' io\.draftboard\.[^ ]* source: shared objects file' || true
}
if [ -f "$app/lib/app/draftboard.jsa" ]; then
  n=$(cds_classes "$launcher")
  [ "$n" -gt 0 ] || { echo "smoke: $app/lib/app/draftboard.jsa exists but the launcher loaded no class from it" >&2; exit 1; }
  echo "smoke: AppCDS archive $(du -h "$app/lib/app/draftboard.jsa" | cut -f1), $n classes of --version from it"
else
  echo "smoke: no AppCDS archive in the app-image (-Dpackage.skipCds=true?)"
fi

echo "smoke: app-image $(du -sh "$app" | cut -f1)  $app"
for f in "$dir"/*.deb; do
  [ -e "$f" ] && echo "smoke: deb       $(du -h "$f" | cut -f1)  $f (Installed-Size $(dpkg-deb -f "$f" Installed-Size) KiB)"
done

if [ "${SMOKE_DEB:-0}" = 1 ]; then
  deb=$(ls "$dir"/draftboard_*.deb | head -1)
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >/dev/null
  for l in /usr/bin/draftboard /opt/draftboard/bin/Draftboard; do
    out=$("$l" --version)
    [ "$out" = "Draftboard $version" ] || { echo "smoke: installed $l --version printed '$out'" >&2; exit 1; }
    echo "smoke: installed $l --version -> $out"
  done
  [ -f /opt/draftboard/lib/app/draftboard.jsa ] || { echo "smoke: postinst made no /opt/draftboard/lib/app/draftboard.jsa" >&2; exit 1; }
  n=$(cds_classes /usr/bin/draftboard)
  [ "$n" -gt 0 ] || { echo "smoke: the installed launcher loaded no class from its AppCDS archive" >&2; exit 1; }
  echo "smoke: installed AppCDS archive used ($n classes of --version from it)"
  dpkg -r draftboard >/dev/null
  for p in /opt/draftboard /usr/bin/draftboard; do
    [ ! -e "$p" ] && [ ! -L "$p" ] || { echo "smoke: dpkg -r left $p behind" >&2; exit 1; }
  done
  echo "smoke: dpkg -r draftboard removed /opt/draftboard and /usr/bin/draftboard"
  dpkg --purge draftboard >/dev/null
  ! dpkg -s draftboard >/dev/null 2>&1 || { echo "smoke: dpkg --purge left draftboard registered" >&2; exit 1; }
fi
echo "smoke: OK"
