#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_compare.sh NAME ATTUNE ATTUNE_CLI OUT_DIR
# Comparing coders (docs/user-guide.md "Comparing coders"): leaving blind mode is a deliberate
# act that the project's audit log records, checked with attune-cli. The project: the GUI
# tests' scheme, coders anna and ben (role coder), P01 with different passages, ratings and
# classifications of each (attune-cli code, rate, classify).
#
#   confirm  Real X input (xdotool, openbox, its own Xvfb) as anna: Alt+V, C (View → Compare
#            Coders); the GTK dialog "Leave blind mode?" names ben; Alt+S (Show Their Work).
#            attune-cli audit then lists one unblind entry by anna naming ben's work; the
#            screenshot (compare.png) shows the margin lanes and the table.
#   cancel   The same dialog, Escape (Stay Blind): no audit entry; the window is still blind,
#            so View → Show All Coders' Work asks again (the dialog appears), Escape again.
#   table    --gui-test as anna: "compare on" records the unblinding (a script confirms by
#            asking), the table shows anna's and ben's values with their difference, the margin
#            a column each; unticking ben empties his column; a rating anna changes shows at
#            once. Then as the consensus coder (made by attune-cli resolve): no audit entry,
#            the consensus column in the table.
set -euo pipefail
name=$1 app=$2 cli=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=x11_session.sh
. "$here/x11_session.sh"
x11_enter_display "$0" "$@"
x11_workdir
mkdir -p "$out" "$work/study"
proj=$work/study/study.attune
x11_test_project "$proj"
"$cli" code "$proj" P01 --coder anna --code ideal --lines 2-2 >/dev/null
"$cli" code "$proj" P01 --coder ben --code ideal --lines 2-4 >/dev/null
"$cli" code "$proj" P01 --coder ben --code anger --lines 6-6 >/dev/null
"$cli" rate "$proj" P01 --coder anna --scale idealization --target mother --value 7 >/dev/null
"$cli" rate "$proj" P01 --coder ben --scale idealization --target mother --value 4.5 >/dev/null
"$cli" rate "$proj" P01 --coder anna --scale coherence --value 3 >/dev/null
"$cli" rate "$proj" P01 --coder ben --scale coherence --value 3 >/dev/null
"$cli" classify "$proj" P01 --coder anna --category Ds >/dev/null
"$cli" classify "$proj" P01 --coder ben --category F >/dev/null

fail() {
  echo "FAIL: $name: $*" >&2
  import -window root "$out/compare-$name-fail.png" 2>/dev/null || true
  [ -s "$work/app.err" ] && cat "$work/app.err" >&2
  exit 1
}
unblinds() { # the unblind entries of the audit log: "WHO<TAB>AFTER" lines
  "$cli" audit "$proj" --action unblind | tail -n +2 | cut -f 3,6
}
gone() { # the window titled $1 is closed within 3 s
  local i
  for i in $(seq 30); do
    xdotool search --onlyvisible --name "^$1\$" >/dev/null 2>&1 || return 0
    sleep 0.1
  done
  fail "the window '$1' stayed open"
}

if [ "$name" = table ]; then
  cat > "$work/anna.gui" <<'GUI'
expect-compare-shown no
compare on
expect-compare-shown yes
expect-compare-header "Scale / classification | anna | ben | Difference"
expect-compare-row "Idealization (mother)" "7 | 4.5 | 2.5"
expect-compare-row "Coherence of transcript" "3 | 3 | 0"
expect-compare-row "AAI classification" "Ds | F | differs"
expect-compare-lanes "anna:1,ben:2"
expect-annotations 3
compare-tick ben off
expect-compare-lanes "anna:1"
expect-annotations 1
expect-compare-header "Scale / classification | anna | Difference"
compare-tick ben on
tab Ratings
rate idealization mother 6
tab Compare
expect-compare-row "Idealization (mother)" "6 | 4.5 | 1.5"
screenshot @OUT@/compare-table.png
compare off
expect-compare-shown no
GUI
  sed -i "s|@OUT@|$out|" "$work/anna.gui"
  "$app" --coder anna --size 1280x900 --gui-test "$work/anna.gui" "$proj" 2>"$work/app.err" ||
    fail "as anna: the GUI test script failed"
  [ "$(unblinds | wc -l)" -eq 1 ] || fail "one unblind entry expected: $(unblinds)"
  unblinds | grep -q '^anna	.*"reason":"Compare Coders".*ben' || fail "the entry: $(unblinds)"
  # The consensus coder (made by recording a decision) compares without unblinding.
  id=$("$cli" disagreements "$proj" --coders anna,ben --format json |
    python3 -c 'import json,sys; print([d["id"] for d in json.load(sys.stdin) if d["kind"]=="rating"][0])')
  "$cli" resolve "$proj" "$id" --take A --reason "agreed" --coders anna,ben >/dev/null
  cat > "$work/consensus.gui" <<'GUI'
compare on
expect-compare-header "Scale / classification | anna | ben | consensus (consensus) | Difference"
expect-compare-row "Idealization (mother)" "6 | 4.5 | 6 | 1.5"
GUI
  "$app" --coder consensus --size 1280x900 --gui-test "$work/consensus.gui" "$proj" \
    2>"$work/app.err" || fail "as the consensus coder: the GUI test script failed"
  [ "$(unblinds | wc -l)" -eq 1 ] || fail "the consensus coder was recorded: $(unblinds)"
  echo "PASS: $name"
  exit 0
fi

x11_window_manager
"$app" --coder anna --size 1280x900 "$proj" 2>"$work/app.err" &
app_pid=$!
wid=$(x11_find_window 30 "study\\.attune" | head -n 1) ||
  fail "the workbench window did not appear"
xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid"
sleep 1

view_menu() { # View → the entry with mnemonic $1
  xdotool key alt+v
  sleep 0.6
  xdotool key "$1"
}

case "$name" in
  confirm)
    view_menu c
    wait_window "Leave blind mode\\?"
    xwd -silent -id "$(xdotool getactivewindow)" 2>/dev/null |
      convert xwd:- "$out/compare-dialog.png" 2>/dev/null || true
    [ -z "$(unblinds)" ] || fail "recorded before it was confirmed: $(unblinds)"
    xdotool key alt+s # Show Their Work
    gone "Leave blind mode\\?"
    sleep 1.5 # the compare view painted
    import -window root "$out/compare.png"
    [ "$(unblinds | wc -l)" -eq 1 ] || fail "one unblind entry expected: $(unblinds)"
    unblinds | grep -q '^anna	.*"reveals":"the passages, ratings and classifications of ben' ||
      fail "the entry does not name anna and ben's work: $(unblinds)"
    ;;
  cancel)
    view_menu c
    wait_window "Leave blind mode\\?"
    xdotool key Escape # Stay Blind
    gone "Leave blind mode\\?"
    sleep 0.5
    [ -z "$(unblinds)" ] || fail "an unblind entry after cancelling: $(unblinds)"
    # Still blind: Show All Coders' Work asks again.
    view_menu a
    wait_window "Leave blind mode\\?"
    import -window root "$out/compare-cancel-again.png"
    xdotool key Escape
    gone "Leave blind mode\\?"
    sleep 0.5
    [ -z "$(unblinds)" ] || fail "an unblind entry after cancelling twice: $(unblinds)"
    ;;
  *) echo "unknown test $name" >&2; exit 2 ;;
esac
"$cli" check "$proj" | grep -q "integrity: ok" || fail "integrity"
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
echo "PASS: $name"
