#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_reconcile.sh NAME ATTUNE ATTUNE_CLI SOURCE_DIR OUT_DIR
# The Reconcile tab (issue 14, docs/user-guide.md "Reconciling in the workbench") by real X
# input (xdotool, openbox, its own Xvfb), checked with attune-cli, never with the workbench. The
# project: the shipped state-of-mind scheme with two consensus reasons, coders anna and ben who
# differ on P01 (a boundary, a passage only anna marked, one only ben marked, the idealization
# of mother, the classification) and agree on one passage, and rita, who reconciles.
#
#   decide    View → Show All Coders' Work; F8 (the boundary; the caret goes to the reason
#             field), a reason typed, Alt+1; F8 (only anna's passage), Alt+2 with the scheme's
#             first reason; Ctrl+Z once; Ctrl+Q. The file holds exactly the first decision,
#             with the typed reason, and the consensus passage it made.
#   killed    F8, Alt+1, then the workbench is killed (SIGKILL) at once: the decision is in the
#             file all the same (each is committed when made).
#   identical Tools → Reconcile: Accept Every Identical Passage: one decision and one consensus
#             passage; Ctrl+Z takes both back in one step.
set -euo pipefail
name=$1 app=$2 cli=$3 src=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=x11_session.sh
. "$here/x11_session.sh"
x11_enter_display "$0" "$@"
x11_workdir
mkdir -p "$out"
proj=$work/study.attune

fail() {
  echo "FAIL: $name: $*" >&2
  import -window root "$out/reconcile-$name-fail.png" 2>/dev/null || true
  [ -s "$work/app.err" ] && cat "$work/app.err" >&2
  exit 1
}
shot() { import -window root "$out/$1.png" 2>/dev/null || true; }

sed -e 's|<version>1.0</version>|<version>1.1</version>|' \
    -e 's|^</scheme>|  <consensus-reasons>\n    <reason id="boundary-sentence">Passage ends at the sentence boundary</reason>\n    <reason id="manual">The coding manual decides it</reason>\n  </consensus-reasons>\n</scheme>|' \
    "$src/schemes/aai-state-of-mind.xml" >"$work/reasons.xml"
grep -q '<reason id="manual">' "$work/reasons.xml" || fail "the scheme with reasons was not made"
"$cli" new "$proj" >/dev/null
"$cli" scheme add "$proj" "$work/reasons.xml" >/dev/null
for c in anna ben rita; do "$cli" coder add "$proj" $c >/dev/null; done
"$cli" import "$proj" "$here/data/interview.txt" --participant P01 >/dev/null
code() { "$cli" code "$proj" P01 --coder "$@" >/dev/null; }
code anna --code idealization-mother --lines 2-2
code ben --code idealization-mother --lines 2-3   # the same code, another end: boundary
code anna --code lack-of-recall --lines 4-4       # only anna
code ben --code anger-father --lines 6-6          # only ben
code anna --code contradiction --lines 5-5        # both alike: identical
code ben --code contradiction --lines 5-5
"$cli" rate "$proj" P01 --coder anna --scale idealization --target mother --value 6 >/dev/null
"$cli" rate "$proj" P01 --coder ben --scale idealization --target mother --value 8 >/dev/null
"$cli" classify "$proj" P01 --coder anna --category F >/dev/null
"$cli" classify "$proj" P01 --coder ben --category Ds >/dev/null

listing() { "$cli" disagreements "$proj" --coders anna,ben --all --format json; }
listing >"$work/before.json"
python3 - "$work/before.json" <<'PY' || fail "the project's disagreements: $(cat "$work/before.json")"
import json, sys
items = json.load(open(sys.argv[1]))
kinds = [d["kind"] for d in items]
assert kinds[:3] == ["boundary", "only-a", "only-b"], kinds
assert "rating" in kinds and "classification" in kinds, kinds
assert all(d["decision"] is None for d in items)
PY

x11_window_manager
"$app" --coder rita --size 1280x900 "$proj" 2>"$work/app.err" &
app_pid=$!
wid=$(x11_find_window 30 'study\.attune' | head -n 1) ||
  fail "the workbench window did not appear"
xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid"
sleep 0.5
# Reconciling shows every coder's work: leave blind mode first (View → Show All Coders' Work).
xdotool key alt+v
sleep 0.5
xdotool key a
# rita codes blind (role coder): the GTK dialog "Leave blind mode?" first, Show Their Work
# (Alt+S); the audit log records it.
for _ in $(seq 100); do
  xdotool search --onlyvisible --name "^Leave blind mode" >/dev/null 2>&1 && break
  sleep 0.1
done
xdotool search --onlyvisible --name "^Leave blind mode" >/dev/null 2>&1 ||
  fail "no 'Leave blind mode?' dialog"
sleep 0.5
xdotool key alt+s
sleep 0.5

consensus_passages() {
  "$cli" annotations "$proj" --coder consensus --format json 2>/dev/null |
    python3 -c 'import json,sys; [print(a["code"], a["start"], a["end"]) for a in json.load(sys.stdin)]'
}
quit() {
  xdotool key ctrl+q
  for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$app_pid" 2>/dev/null && fail "the workbench did not quit"
  app_pid=""
}

case "$name" in
  decide)
    xdotool key F8
    sleep 1
    xdotool type --delay 20 "anna's passage ends where the sentence does"
    sleep 0.3
    shot reconcile-decide-first
    xdotool key alt+1
    sleep 1
    xdotool key F8
    sleep 1
    xdotool key alt+2
    sleep 1
    shot reconcile-decide-two
    xdotool key ctrl+z
    sleep 1
    shot reconcile-decide-undone
    quit
    listing >"$work/after.json"
    python3 - "$work/before.json" "$work/after.json" <<'PY' || fail "decisions: $(cat "$work/after.json")"
import json, sys
before = json.load(open(sys.argv[1])); after = json.load(open(sys.argv[2]))
assert [d["id"] for d in before] == [d["id"] for d in after], "the queue changed"
decided = [d for d in after if d["decision"]]
assert len(decided) == 1, decided
d = decided[0]
assert d["id"] == before[0]["id"] and d["kind"] == "boundary", d
assert d["decision"]["decision"] == "accept-a", d
assert d["decision"]["reason"] == "anna's passage ends where the sentence does", d
assert d["decision"]["decided_by"], d
assert after[1]["decision"] is None, after[1]   # the second decision was undone
PY
    want="idealization-mother $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[0]["a"]; print(d["start"], d["end"])' "$work/before.json")"
    [ "$(consensus_passages)" = "$want" ] || fail "consensus passages: $(consensus_passages), want $want"
    ;;
  killed)
    xdotool key F8
    sleep 1
    xdotool key alt+1
    sleep 1
    kill -9 "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    listing >"$work/after.json"
    python3 - "$work/after.json" <<'PY' || fail "decisions: $(cat "$work/after.json")"
import json, sys
after = json.load(open(sys.argv[1]))
decided = [d for d in after if d["decision"]]
assert len(decided) == 1 and decided[0] is after[0], decided
assert decided[0]["decision"]["decision"] == "accept-a"
assert decided[0]["decision"]["reason"] == "boundary-sentence", decided[0]["decision"]
assert decided[0]["decision"]["reason_label"] == "Passage ends at the sentence boundary"
PY
    ;;
  identical)
    xdotool key ctrl+shift+d   # View → Reconcile Disagreements: the tab, listed
    sleep 1
    xdotool key alt+t
    sleep 0.5
    xdotool key i
    sleep 1
    shot reconcile-identical
    [ "$(consensus_passages)" = "$("$cli" annotations "$proj" --coder anna --format json |
        python3 -c 'import json,sys; [print(a["code"], a["start"], a["end"]) for a in json.load(sys.stdin) if a["code"] == "contradiction"]')" ] ||
      fail "consensus passages after accepting the identical ones: $(consensus_passages)"
    # Not one of the listed disagreements, which are all still open.
    listing | python3 -c 'import json,sys; assert all(d["decision"] is None for d in json.load(sys.stdin))' ||
      fail "a listed disagreement was decided"
    xdotool key ctrl+z
    sleep 1
    [ -z "$(consensus_passages)" ] || fail "Ctrl+Z left: $(consensus_passages)"
    quit
    ;;
  *) echo "unknown test $name" >&2; exit 2 ;;
esac
"$cli" check "$proj" | grep -q "integrity: ok" || fail "integrity"
echo "PASS: $name"
