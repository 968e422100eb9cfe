#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The demo checks can fail: (1) build-demo rejects a passage outside its transcript, naming the
# data file and line, and removes the half-built project; (2) when attune-cli silently drops some
# ratings, build_demo_test.sh reports the mismatch and fails.
#   build_demo_negative_test.sh ATTUNE_CLI SOURCE_DIR
set -u
CLI=$1
SRC=$2
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
status=0
fail()
{
    echo "FAIL: $*" >&2
    status=1
}

# A copy of the corpus to tamper with.
mkdir "$T/src"
cp -R "$SRC/samples" "$SRC/schemes" "$T/src/"

# (1) An offset past the end of the text.
f=$T/src/samples/coding/P01-secure/passages.csv
echo "master,aai-state-of-mind,metacognition,10,99999999,out of range" >>"$f"
line=$(wc -l <"$f")
ATTUNE_CLI=$CLI "$T/src/samples/build-demo" "$T/bad.attune" >/dev/null 2>"$T/bad.err"
rc=$?
[ $rc -eq 1 ] || fail "build-demo with an out-of-range passage exited $rc, expected 1"
grep -q "passages.csv:$line: error" "$T/bad.err" ||
    fail "error does not name passages.csv:$line: $(cat "$T/bad.err")"
[ ! -e "$T/bad.attune" ] || fail "half-built project was left behind"
sed -i '$d' "$f"

# (2) An attune-cli that ignores every 'rate --scale metacognition'.
cat >"$T/lossy-cli" <<EOS
#!/bin/sh
if [ "\$1" = rate ]; then
    for a in "\$@"; do [ "\$a" = metacognition ] && exit 0; done
fi
exec "$CLI" "\$@"
EOS
chmod +x "$T/lossy-cli"
sh "$HERE/build_demo_test.sh" "$T/lossy-cli" "$T/src" >/dev/null 2>"$T/lossy.err"
rc=$?
[ $rc -eq 1 ] || fail "the demo check passed with dropped ratings (exit $rc)"
grep -q "ratings in ratings.csv" "$T/lossy.err" ||
    fail "the demo check did not report the missing ratings: $(head -3 "$T/lossy.err")"

[ $status -eq 0 ] && echo "bad data and lost ratings are caught"
exit $status
