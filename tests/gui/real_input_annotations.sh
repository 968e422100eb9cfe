#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_annotations.sh NAME ATTUNE ATTUNE_CLI SOURCE_DIR OUT_DIR
# Passage actions in the transcript text, driven by real X input (XTest clicks and keys from the
# app's test verbs, xdotool from outside into GTK's own popup menu and dialogs) on a display of
# the test's own with a window manager (openbox); the project is then read with attune-cli.
#
#   click     a click inside a coded passage selects its row in the list (the innermost one of
#             overlapping passages); a click on uncoded text selects none
#   menu      right-click menu: Delete and Change code on one's own passage, a code for the
#             selection on uncoded text, Escape changes nothing, another coder's passage offers
#             its actions disabled
#   nudge     Alt+Right, Alt+Left and Alt+, move a passage's ends by a word, undoably
#   sections  View → Go to Section lists the transcript's questions; Ctrl+] / Ctrl+[ step
#   help      F1 shows the user guide in a window inside the app
#   layout    at 1024×768 the right-hand side is readable; a dragged width is kept on resize
#   coder     the coder chooser's OK waits for a name (Enter with none keeps the dialog)
#   remember  a width the coder drags the right-hand side to is what the next run starts with
set -euo pipefail
name=$1 app=$2 cli=$3 src=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=x11_session.sh
. "$here/x11_session.sh"
x11_enter_display "$0" "$@"
x11_workdir
mkdir -p "$out"
proj=$work/gui-test.attune
x11_test_project "$proj"
"$cli" import "$proj" "$src/samples/transcripts/P04-preoccupied-angry.txt" --participant P04 >/dev/null
# Line 2: "My mother was always wonderful, very loving. …" as Idealizing [79,150) with
# "was always wonderful" [89,109) as Angry inside it; ben's Angry on line 6.
"$cli" code "$proj" P01 --coder anna --code ideal --start 79 --end 150 >/dev/null
"$cli" code "$proj" P01 --coder anna --code anger --start 89 --end 109 >/dev/null
"$cli" code "$proj" P01 --coder ben --code anger --start 348 --end 361 >/dev/null

x11_window_manager

fail() {
  echo "FAIL: $name: $*" >&2
  xwd -root -silent 2>/dev/null | convert xwd:- "$out/annotations-$name-fail.png" 2>/dev/null || true
  exit 1
}

stored() { # what coder $1 has on P01, without uuids
  "$cli" show "$proj" P01 --coder "$1" | { grep -E '^ *> ' || true; } | sed -E 's/^ *> />/' |
    sed -E 's/ [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}//'
}

expect_stored() { # coder, expected lines
  local got
  got=$(stored "$1")
  [ "$got" = "$2" ] || fail "$1's passages are
$got
expected
$2"
}

run_script() { # the app with a gui-test script (stdin), at size $1
  sed -e "s|@OUT@|$out|g" > "$work/$name.gui"
  "$app" --coder anna --size "$1" --gui-test "$work/$name.gui" "$proj" ||
    fail "the gui-test script failed"
}

case "$name" in
  click)
    run_script 1280x860 <<'GUI'
transcript P01
click-text 95
expect-selected-annotation Angry
click-text 80
expect-selected-annotation Idealizing
click-text 20
expect-selected-annotation -
# The last letter of the inner passage is inside it; the comma after it is not.
click-text 108
expect-selected-annotation Angry
click-text 109
expect-selected-annotation Idealizing
GUI
    ;;
  menu)
    run_script 1280x860 <<'GUI'
transcript P01
expect-annotations 2
# Escape closes the menu and changes nothing.
right-click-text 95 Escape
expect-annotations 2
# Real right click on the inner passage, "d" (Delete) in GTK's popup.
right-click-text 95 d
expect-annotations 1
menu-entry 80 Angry
# Uncoded text with a selection: the menu's first code entries, Vague is the third.
select 13 21
right-click-text 16 Down Down Down Return
expect-annotations 2
show-all-coders on
expect-menu-entry 352 Delete disabled
expect-menu-entry 352 Memo disabled
expect-menu-entry 352 Angry disabled
right-click-text 352 d Escape
expect-annotations 3
show-all-coders off
screenshot @OUT@/annotations-menu.png
GUI
    expect_stored anna ">gui-test:vague [13,21) lines 1-1
>gui-test:anger [79,150) lines 2-2"
    expect_stored ben ">gui-test:anger [348,361) lines 6-6"
    ;;
  nudge)
    run_script 1280x860 <<'GUI'
transcript P01
select-annotation 2
keys Alt+Right
keys Alt+,
keys Alt+Left
expect-undo-label "Undo Change span of Angry"
menu undo
GUI
    expect_stored anna ">gui-test:ideal [79,150) lines 2-2
>gui-test:anger [82,115) lines 2-2"
    ;;
  sections)
    run_script 1280x860 <<'GUI'
transcript P04
expect-sections "Q1: Family background|Q2: Adjectives for mother|Q3: Adjectives for father"
goto-line 1
keys Ctrl+]
expect-caret-line 4
keys Ctrl+]
expect-caret-line 10
keys Ctrl+[
expect-caret-line 4
section Q3
expect-caret-line 24
section Q14
expect-caret-line 100
GUI
    ;;
  help)
    run_script 1280x860 <<'GUI'
transcript P01
keys F1
expect-help "Attune workbench"
expect-help "Who is coding"
help-screenshot @OUT@/help-window.png
GUI
    ;;
  layout)
    run_script 1024x768 <<'GUI'
transcript P01
expect-side-width 340 420
screenshot @OUT@/layout-1024x768.png
drag-sash -100
expect-side-width 430 470
resize 1280 860
expect-side-width 430 470
resize 1024 768
expect-side-width 430 470
GUI
    ;;
  coder)
    "$app" --size 1024x768 "$proj" 2>"$work/app.err" &
    app_pid=$!
    x11_find_window 30 '^Who is coding\?$' >/dev/null ||
      fail "the coder chooser did not appear"
    sleep 1
    # Enter with no name chosen: the chooser must stay (it used to cancel opening the project).
    xdotool key Return
    sleep 1
    xdotool search --onlyvisible --name '^Who is coding\?$' >/dev/null ||
      fail "OK with no name closed the chooser"
    xdotool type --delay 30 "carol"
    xdotool key Return
    x11_find_window 20 'gui-test\.attune .* carol' >/dev/null ||
      fail "typing a name and Enter did not open the project as carol"
    "$cli" coder list "$proj" | cut -f2 | grep -qx carol || fail "carol was not added to the project"
    ;;
  remember)
    # Interactive runs (the config is read and written only then): the coder drags the divider
    # of the right-hand side 100 px to the left, quits; a second run must start with that width
    # and keep it (it used to be restored before the window had its size, clamped to ~205 px,
    # and that was saved on quitting).
    side_width() { cat "$XDG_CONFIG_HOME/Attune" "$HOME/.Attune" 2>/dev/null | sed -n 's/^side_width=//p' | head -n 1 || true; }
    run_interactive() { # $1: drag by this many pixels (0: none)
      "$app" --size 1024x768 --coder anna "$proj" 2>>"$work/app.err" &
      app_pid=$!
      local wid
      wid=$(x11_find_window 30 'gui-test\.attune' | head -n 1) ||
        fail "the workbench window did not appear"
      sleep 1.5
      if [ "$1" -ne 0 ]; then
        eval "$(xdotool getwindowgeometry --shell "$wid")"
        # The divider sits 337-341 px (the default share at 1024 px) from the window's right edge.
        local x=$((X + WIDTH - 339)) y=$((Y + HEIGHT / 2))
        xdotool mousemove "$x" "$y" sleep 0.3 mousedown 1 sleep 0.2 \
          mousemove "$((x - 50))" "$y" sleep 0.2 mousemove "$((x + $1))" "$y" sleep 0.3 mouseup 1
        sleep 0.5
      fi
      xdotool windowactivate --sync "$wid" key ctrl+q 2>/dev/null || xdotool key ctrl+q
      for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$app_pid" 2>/dev/null && fail "the workbench did not quit on Ctrl+Q"
      wait "$app_pid" 2>/dev/null || true
      app_pid=""
    }
    run_interactive -100
    first=$(side_width)
    [ -n "$first" ] && [ "$first" -ge 420 ] && [ "$first" -le 460 ] ||
      fail "after dragging the divider 100 px the saved width is '${first}', expected about 440"
    run_interactive 0
    second=$(side_width)
    [ "$second" = "$first" ] || fail "the second run saved width $second, not the dragged $first"
    ;;
  *) echo "unknown test $name" >&2; exit 2 ;;
esac
echo "PASS: $name"
