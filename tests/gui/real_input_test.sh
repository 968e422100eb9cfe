#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_test.sh NAME ATTUNE ATTUNE_CLI OUT_DIR
# The workbench driven as a person drives it: its own X server (Xvfb) with a window manager
# (openbox), real X input from outside the program (xdotool: key presses, the real GTK file
# chooser), and the result read back from the project file with attune-cli, after a SIGKILL.
#
#   lost_work  Import (Ctrl+I) opens the GTK file chooser, which is taken into the project's own
#              folder and cancelled; attune-cli then reads the project; the workbench then codes a
#              passage by key presses and is killed. The passage must be in the file and the file
#              sound. (GTK's chooser opens and closes the project's files; with plain POSIX locks
#              that silently dropped the workbench's locks, attune-cli deleted the WAL on exit,
#              and every later write of the workbench was lost.)
#   external   attune-cli codes a passage while the workbench is open; the workbench shows it
#              without being asked (it can be deleted there by keyboard at once).
#   alternate  The workbench (key presses) and attune-cli write the same project alternately,
#              100 writes each (the file chooser visits the folder half-way); every acknowledged
#              write is in the file after a SIGKILL and integrity_check is ok.
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
cp "$here/data/interview.txt" "$work/study/"   # something for the chooser to show and sniff
x11_window_manager

fail() {
  echo "FAIL: $name: $*" >&2
  xwd -root -silent 2>/dev/null | convert xwd:- "$out/real-input-$name-fail.png" 2>/dev/null || true
  exit 1
}

count() { # annotations of coder $1 in the project
  "$cli" annotations "$proj" --coder "$1" | tail -n +2 | wc -l
}

wait_count() { # wait until coder $1 has $2 annotations (the workbench has acknowledged)
  local i
  for i in $(seq 1 100); do
    [ "$(count "$1")" -eq "$2" ] && return 0
    sleep 0.05
  done
  fail "coder $1 has $(count "$1") annotations, expected $2"
}

"$app" --coder anna --size 1200x860 "$proj" 2>"$work/app.err" &
app_pid=$!
wid=$(x11_find_window 30 'gui-test\.attune' | head -n 1) ||
  fail "the workbench window did not appear"
xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid"
sleep 0.5
# A click into the transcript, as a coder starts (the window is 1200 px wide; the text is in the
# middle).
xdotool mousemove --window "$wid" 600 400 click 1
sleep 0.3

# Codes line 2 of P01 as "Idealizing" by key presses: Go to line (Ctrl+G), 2, Enter selects the
# line and gives the text the keyboard; Ctrl+1 is the code's shortcut.
code_line_2() {
  xdotool key ctrl+g
  x11_find_window 10 '^Go to line$' >/dev/null ||
    fail "the Go to line dialog did not open"
  sleep 0.2
  xdotool key ctrl+a
  xdotool type --delay 20 "2"
  xdotool key Return
  sleep 0.3
  xdotool key ctrl+1
}

# The real GTK file chooser (Import, Ctrl+I), taken into the project's own folder, then Esc.
chooser_into_project_folder() {
  xdotool key ctrl+i
  x11_find_window 15 '^Import transcripts$' >/dev/null ||
    fail "the Import dialog did not open"
  sleep 0.5
  xdotool key ctrl+l
  sleep 0.2
  xdotool type --delay 10 "$work/study/"
  sleep 1.5   # GTK lists the folder and sniffs the files' content types
  xwd -root -silent 2>/dev/null | convert xwd:- "$out/real-input-chooser.png" 2>/dev/null || true
  xdotool key Escape
  sleep 0.2
  if xdotool search --onlyvisible --name '^Import transcripts$' >/dev/null 2>&1; then
    xdotool key Escape
  fi
  sleep 0.5
}

case "$name" in
  lost_work)
    chooser_into_project_folder
    "$cli" transcripts "$proj" >/dev/null   # another process reads the project and exits
    code_line_2
    wait_count anna 1
    # A second write after another CLI read and write.
    "$cli" code "$proj" P01 --coder ben --code anger --start 10 --end 20 >/dev/null
    code_line_2
    wait_count anna 2
    kill -9 "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    [ "$(count anna)" -eq 2 ] || fail "after SIGKILL anna has $(count anna) annotations, expected 2"
    [ "$(count ben)" -eq 1 ] || fail "after SIGKILL ben has $(count ben) annotations, expected 1"
    ;;
  alternate)
    for i in $(seq 1 100); do
      # Half-way, the file chooser visits the project's folder (as in lost_work).
      if [ "$i" -eq 50 ]; then chooser_into_project_folder; fi
      # Coding collapses the selection: select line 2 again (Home, Shift+End), then Ctrl+1.
      if [ "$i" -eq 1 ] || [ "$i" -eq 50 ]; then code_line_2; else xdotool key Home shift+End ctrl+1; fi
      wait_count anna "$i"
      "$cli" code "$proj" P01 --coder ben --code anger --start "$i" --end "$((i + 5))" >/dev/null ||
        fail "attune-cli write $i failed"
    done
    kill -9 "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    [ "$(count anna)" -eq 100 ] || fail "after SIGKILL anna has $(count anna) annotations, expected 100"
    [ "$(count ben)" -eq 100 ] || fail "after SIGKILL ben has $(count ben) annotations, expected 100"
    ;;
  external)
    # attune-cli codes line 4 as anna while the workbench shows P01 as anna: the workbench must
    # notice (PRAGMA data_version) and show it, so that the coder can act on it by keyboard:
    # Go to line 4, Left puts the caret at the passage's start, Ctrl+D deletes it.
    "$cli" code "$proj" P01 --coder anna --code vague --lines 4-4 >/dev/null
    wait_count anna 1
    sleep 1.5   # the workbench looks once a second
    xdotool key ctrl+g
    x11_find_window 10 '^Go to line$' >/dev/null ||
      fail "the Go to line dialog did not open"
    sleep 0.2
    xdotool key ctrl+a
    xdotool type --delay 20 "4"
    xdotool key Return
    sleep 0.3
    xdotool key Left ctrl+d
    wait_count anna 0
    kill -9 "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    ;;
  *) echo "unknown test $name" >&2; exit 2 ;;
esac

"$cli" check "$proj" > "$work/check.txt" || { cat "$work/check.txt"; fail "check failed"; }
grep -q '^integrity: ok' "$work/check.txt" || { cat "$work/check.txt"; fail "integrity_check is not ok"; }
# (GTK's layout warnings at start-up under a window manager are printed, not judged here.)
grep -E 'Gtk-CRITICAL' "$work/app.err" | head -n 3 >&2 || true
echo "PASS: real input $name"
