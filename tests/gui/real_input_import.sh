#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_import.sh NAME ATTUNE ATTUNE_CLI OUT_DIR
# Importing, renaming and removing transcripts, checked afterwards with attune-cli (issue 10).
#
#   drop           --gui-test transcripts.gui: files dropped on the transcript text (through the
#                  view's drop target: xdotool cannot drag files), notes, duplicates, rename and
#                  remove through the test verbs.
#   import_dialog  Real X input (xdotool, openbox, its own Xvfb): Ctrl+I, the GTK file chooser,
#                  the names dialog (participant prefilled from "P03_interview.txt", changed to
#                  P07, a title typed); the same file again: "Import anyway?" answered Don't
#                  Import, then again answered Import Anyway.
#   rename_remove  Real X input: right-click on the transcript list, Rename…, the dialog; F2 on
#                  the list; Transcript → Remove… on the coded P01 (refused, kept) and on the
#                  uncoded P03 (confirmed, gone).
set -euo pipefail
name=$1 app=$2 cli=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=x11_session.sh
. "$here/x11_session.sh"
x11_enter_display "$0" "$@"
x11_workdir
mkdir -p "$out" "$work/study"
proj=$work/study/gui-test.attune
x11_test_project "$proj"
"$cli" code "$proj" P01 --coder ben --code anger --start 348 --end 361 >/dev/null
cp "$here/data/P03_interview.txt" "$work/study/"

fail() {
  echo "FAIL: $name: $*" >&2
  xwd -root -silent 2>/dev/null | convert xwd:- "$out/real-input-$name-fail.png" 2>/dev/null || true
  [ -s "$work/app.err" ] && cat "$work/app.err" >&2
  exit 1
}
rows() { "$cli" transcripts "$proj" | tail -n +2; }
wait_rows() { # wait until the project lists $1 transcripts
  local i
  for i in $(seq 1 100); do
    [ "$(rows | wc -l)" -eq "$1" ] && return 0
    sleep 0.05
  done
  fail "the project has $(rows | wc -l) transcripts, expected $1: $(rows)"
}
wait_window() { # wait for a visible window titled exactly $1
  # Searched again until found, not with --sync: a window that closes while xdotool walks the
  # tree (the previous dialog) makes that search die with X's BadWindow under load.
  local i
  for i in $(seq 150); do
    if xdotool search --onlyvisible --name "^$1\$" >/dev/null 2>&1; then
      sleep 0.4 # let it take the keyboard
      return 0
    fi
    sleep 0.1
  done
  fail "no window '$1'"
}

if [ "$name" = drop ]; then
  sed -e "s|@OUT@|$out|g" -e "s|@DATA@|$here/data|g" "$here/transcripts.gui" > "$work/t.gui"
  "$app" --coder anna --size 1280x860 --gui-test "$work/t.gui" "$proj" 2>"$work/app.err" ||
    fail "the GUI test script failed"
  # What the window did, as stored: P01 kept with its work, P03 renamed then removed, the
  # windows-1252 file imported once.
  rows | cut -f2,3 > "$work/actual.txt"
  printf 'interview.txt\tP01\nfather-w1252.txt\t\n' > "$work/expected.txt"
  diff -u "$work/expected.txt" "$work/actual.txt" || fail "the transcripts differ"
  "$cli" annotations "$proj" P01 | tail -n +2 | wc -l | grep -qx 2 || fail "P01 lost work"
  "$cli" check "$proj" | grep -q "integrity: ok" || fail "integrity"
  echo "PASS: $name"
  exit 0
fi

x11_window_manager
"$app" --coder anna --size 1200x860 "$proj" 2>"$work/app.err" &
app_pid=$!
wid=$(x11_find_window 30 'gui-test\.attune' | head -n 1) ||
  fail "the workbench window did not appear"
xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid"
sleep 0.5

# Ctrl+I, then the chooser is given the file's path.
choose_file() {
  xdotool key ctrl+i
  wait_window "Import transcripts"
  xdotool key ctrl+l
  sleep 0.2
  xdotool type --delay 10 "$work/study/P03_interview.txt"
  sleep 0.5
  xdotool key Return
}

case "$name" in
  import_dialog)
    choose_file
    wait_window "Import transcript"
    shot_active import-names-dialog
    # The participant field has the keyboard with the guess selected: typing replaces it.
    xdotool type --delay 20 "P07"
    xdotool key Tab
    sleep 0.1
    xdotool key ctrl+a
    xdotool type --delay 10 "Second interview"
    xdotool key Return
    wait_rows 2
    rows | grep -q "$(printf '\tSecond interview\tP07\t')" || fail "not named as typed: $(rows)"
    # The same file again: asked; "Don't Import" (the default, Return) imports nothing.
    choose_file
    wait_window "Import transcript"
    xdotool key Return
    wait_window "Already in the project"
    shot_active import-duplicate-question
    xdotool key Return
    sleep 1
    [ "$(rows | wc -l)" -eq 2 ] || fail "a declined duplicate was imported: $(rows)"
    # Once more, answered "Import Anyway" (its mnemonic).
    choose_file
    wait_window "Import transcript"
    xdotool type --delay 20 "P08"
    xdotool key Return
    wait_window "Already in the project"
    xdotool key alt+i
    wait_rows 3
    rows | grep -q "$(printf '\tP08\t')" || fail "the duplicate asked for was not imported: $(rows)"
    ;;
  rename_remove)
    "$cli" import "$proj" "$work/study/P03_interview.txt" --participant P03 >/dev/null
    sleep 1.5   # the window sees the CLI's import (it looks once a second)
    # Right-click on the list's second row (menu bar, toolbar and the list header above it; rows
    # about 24 px high: P03 near y 134 in the window). The menu's first entry is Rename….
    xdotool mousemove --window "$wid" 40 134 click 1
    sleep 0.3
    xdotool mousemove --window "$wid" 40 134 click 3
    sleep 1
    shot transcript-context-menu
    xdotool key Down Return   # the menu's first entry: Rename…
    wait_window "Rename transcript"
    xdotool key ctrl+a
    xdotool type --delay 20 "P05"
    xdotool key Tab ctrl+a
    xdotool type --delay 10 "Renamed by right-click"
    xdotool key Return
    sleep 1
    rows | grep -q "$(printf '\tRenamed by right-click\tP05\t')" || fail "right-click rename: $(rows)"
    # F2 renames the selected transcript (the list has the keyboard after the click).
    xdotool key F2
    wait_window "Rename transcript"
    xdotool key Tab ctrl+a
    xdotool type --delay 10 "Renamed by F2"
    xdotool key Return
    sleep 1
    rows | grep -q "$(printf '\tRenamed by F2\tP05\t')" || fail "F2 rename: $(rows)"
    # Transcript → Remove… on P01 (coded by ben; Home in the list): confirmed, but core refuses;
    # P01 stays.
    xdotool key Home
    sleep 0.3
    xdotool key alt+r
    sleep 0.4
    xdotool key m
    wait_window "Remove transcript"
    xdotool key alt+r
    sleep 1
    shot remove-refused
    [ "$(rows | wc -l)" -eq 2 ] || fail "the coded P01 was removed: $(rows)"
    "$cli" annotations "$proj" P01 --coder ben | tail -n +2 | wc -l | grep -qx 1 || fail "ben's work"
    # The same on P05 (uncoded; End in the list): gone.
    xdotool key End
    sleep 0.3
    xdotool key alt+r
    sleep 0.4
    xdotool key m
    wait_window "Remove transcript"
    xdotool key alt+r
    wait_rows 1
    ;;
  *) echo "unknown test $name" >&2; exit 2 ;;
esac
"$cli" check "$proj" | grep -q "integrity: ok" || fail "integrity"
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
echo "PASS: $name"
