#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_merge.sh NAME ATTUNE ATTUNE_CLI OUT_DIR
# File → Merge Coder's File… (issue 13, docs/team-workflow.md), checked with attune-cli, never
# with the workbench itself. The project: the GUI tests' scheme, coders anna and ben, P01 and
# P03; anna is assigned P03 (attune-cli assign), her package (attune-cli package) holds P03,
# and she codes a passage in it (attune-cli code on the package).
#
#   order   --gui-test: opened as anna, the list shows P03, her assigned transcript, first; as
#           ben, the project's own order.
#   merge   Real X input (xdotool, openbox, its own Xvfb): Alt+F, M; the package's path typed
#           into the GTK file chooser (Ctrl+L); the summary dialog ("would make these
#           changes"), Merge; the "Merge finished" dialog. The project then holds anna's passage.
#   cancel  Escape on the file chooser, then Cancel on the summary: the project's annotations
#           are exactly what they were.
#   refused A package of another project: "Merge refused" names the file; nothing is written.
#   disabled A package itself opened: both entries disabled, their labels say why (screenshot);
#           Alt+F, M opens no file chooser and the package is unchanged.
#   package File → Make Coder's Package…: the coder chosen (anna, the first), the path typed into
#           the GTK save dialog; the file is a package of this project holding P03 only.
set -euo pipefail
name=$1 app=$2 cli=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=x11_session.sh
. "$here/x11_session.sh"
x11_enter_display "$0" "$@"
x11_workdir
mkdir -p "$out" "$work/study"
proj=$work/study/study.attune
pkg=$work/study/anna-package.attune
x11_test_project "$proj"
"$cli" import "$proj" "$here/data/P03_interview.txt" --participant P03 >/dev/null
"$cli" assign "$proj" --coders anna --transcripts P03 >/dev/null
"$cli" package "$proj" --coder anna --out "$pkg" >/dev/null
"$cli" code "$pkg" P03 --coder anna --code vague --lines 2-3 >/dev/null

fail() {
  echo "FAIL: $name: $*" >&2
  xwd -root -silent 2>/dev/null | convert xwd:- "$out/merge-$name-fail.png" 2>/dev/null || true
  [ -s "$work/app.err" ] && cat "$work/app.err" >&2
  exit 1
}
annas() { # anna's passages in the project, as "participant code" lines
  "$cli" annotations "$proj" --coder anna --format json |
    python3 -c 'import json,sys; [print(a["transcript"], a["code"]) for a in json.load(sys.stdin)]'
}

if [ "$name" = order ]; then
  cat > "$work/anna.gui" <<GUI
expect-transcripts 2
expect-transcript-row 1 P03
expect-transcript-row 2 P01
GUI
  cat > "$work/ben.gui" <<GUI
expect-transcript-row 1 P01
expect-transcript-row 2 P03
GUI
  "$app" --coder anna --size 1200x800 --gui-test "$work/anna.gui" "$proj" 2>"$work/app.err" ||
    fail "as anna: the GUI test script failed"
  "$app" --coder ben --size 1200x800 --gui-test "$work/ben.gui" "$proj" 2>"$work/app.err" ||
    fail "as ben: the GUI test script failed"
  echo "PASS: $name"
  exit 0
fi

before=$("$cli" annotations "$proj" --format json)
[ -z "$(annas)" ] || fail "anna has passages in the project before the merge"
if [ "$name" = refused ]; then
  # Another project with a coder anna: her package is not this project's.
  other=$work/other.attune
  x11_test_project "$other"
  "$cli" package "$other" --coder anna --out "$work/study/other-package.attune" >/dev/null
  pkg=$work/study/other-package.attune
fi

if [ "$name" = disabled ]; then
  proj=$pkg # what is checked below: the package, unchanged
  before=$("$cli" annotations "$proj" --format json)
fi
x11_window_manager
"$app" --coder anna --size 1200x800 "$proj" 2>"$work/app.err" &
app_pid=$!
wid=$(x11_find_window 30 "$(basename "$proj" .attune)\\.attune" |
  head -n 1) ||
  fail "the workbench window did not appear"
xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid"
sleep 0.5

open_merge() { # File → Merge Coder's File… by its mnemonics
  xdotool key alt+f
  sleep 0.5
  xdotool key m
  wait_window "Choose coders' packages to merge"
}
choose() { # the GTK file chooser: the path typed into its location field
  xdotool key ctrl+l
  sleep 0.3
  xdotool type --delay 10 "$1"
  sleep 0.5
  shot_active "merge-chooser-$name"
  xdotool key Return
}

case "$name" in
  merge)
    shot merge-workbench-before
    open_merge
    choose "$pkg"
    wait_window "Merge coders' packages"
    shot_active merge-summary
    xdotool key Return          # Merge, the default button
    wait_window "Merge finished"
    shot_active merge-finished
    xdotool key Return
    sleep 0.5
    [ "$(annas)" = "2 vague" ] || fail "anna's passages after the merge: $(annas)"
    shot merge-workbench-after
    ;;
  cancel)
    open_merge
    xdotool key Escape          # the file chooser: nothing chosen
    sleep 1
    xdotool search --onlyvisible --name '^(Choose|Merge)' >/dev/null 2>&1 && fail "a dialog stayed open"
    open_merge
    choose "$pkg"
    wait_window "Merge coders' packages"
    xdotool key Escape          # Cancel on the summary
    sleep 1
    [ "$("$cli" annotations "$proj" --format json)" = "$before" ] || fail "the annotations changed"
    ;;
  refused)
    open_merge
    choose "$pkg"
    wait_window "Merge refused"
    shot_active merge-refused
    xdotool key Return
    sleep 0.5
    [ "$("$cli" annotations "$proj" --format json)" = "$before" ] || fail "the annotations changed"
    ;;
  disabled)
    xdotool key alt+f
    sleep 2 # the menu painted before its screenshot
    import -window root "$out/merge-disabled-menu.png" 2>/dev/null || true
    xdotool key m
    sleep 1.5
    xdotool search --onlyvisible --name "^Choose coders" >/dev/null 2>&1 &&
      fail "the merge's file chooser opened in a package"
    xdotool key Escape
    [ "$("$cli" annotations "$proj" --format json)" = "$before" ] || fail "the package changed"
    ;;
  package)
    xdotool key alt+f
    sleep 0.5
    xdotool key p
    wait_window "Make coder's package"
    shot_active merge-package-coder
    xdotool key Return          # anna, the first coder
    wait_window "Save anna's package as"
    xdotool key ctrl+a
    xdotool type --delay 10 "$work/study/made-by-gui.attune"
    sleep 0.3
    xdotool key Return
    wait_window "Package written"
    shot_active merge-package-written
    xdotool key Return
    sleep 0.5
    "$cli" merge "$proj" "$work/study/made-by-gui.attune" --dry-run > "$work/dry.txt" ||
      fail "not a package of this project: $(cat "$work/dry.txt")"
    [ "$("$cli" transcripts "$work/study/made-by-gui.attune" | tail -n +2 | cut -f3)" = P03 ] ||
      fail "the package holds: $("$cli" transcripts "$work/study/made-by-gui.attune")"
    ;;
  *) echo "unknown test $name" >&2; exit 2 ;;
esac
"$cli" check "$proj" | grep -q "integrity: ok" || fail "integrity"
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
echo "PASS: $name"
