#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_export.sh NAME ATTUNE ATTUNE_CLI SOURCE_DIR OUT_DIR
# File → Export Dataset… (issue 12) on the demo project (samples/build-demo), checked with
# attune-cli and readstat, never with the workbench itself.
#
#   script  --gui-test: the export-dataset verb (what the dialog sends) writes wide.csv exactly
#           as `attune-cli export --dataset wide --format csv` does, and every dataset into a
#           folder with its README.txt.
#   csv     Real X input (xdotool, openbox, its own Xvfb): Alt+F, E; the dialog's defaults
#           (wide, CSV); the path typed into the GTK save dialog; the "Export finished" dialog.
#           The file is byte for byte the CLI's.
#   sav     The same with the format chosen by the keyboard (SPSS); readstat reads the file:
#           as many rows as the CLI's CSV, the same variables.
#   cancel  Escape on the GTK save dialog, and Cancel on the export dialog: nothing is written.
set -euo pipefail
name=$1 app=$2 cli=$3 src=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=x11_session.sh
. "$here/x11_session.sh"
x11_enter_display "$0" "$@"
x11_workdir
command -v readstat >/dev/null || { echo "FAIL: readstat is missing (scripts/install-deps)" >&2; exit 1; }
mkdir -p "$out" "$work/exports"
proj=$work/demo.attune
# The demo project is built once for the four tests (it takes a while on a busy machine) and
# again when attune-cli or the samples are newer than it; each test works on its own copy.
demo=$out/export-demo.attune
(
  flock 9
  if [ ! -s "$demo" ] || [ "$cli" -nt "$demo" ] ||
     [ -n "$(find "$src/samples" -newer "$demo" -print -quit)" ]; then
    rm -f "$demo" "$demo.new"
    ATTUNE_CLI=$cli "$src/samples/build-demo" "$demo.new" >/dev/null
    mv "$demo.new" "$demo"
  fi
) 9>"$out/export-demo.lock"
cp "$demo" "$proj"
"$cli" export "$proj" --dataset wide --format csv --out "$work/cli-wide.csv"
rows=$(($(wc -l < "$work/cli-wide.csv") - 1))

fail() {
  echo "FAIL: $name: $*" >&2
  xwd -root -silent 2>/dev/null | convert xwd:- "$out/export-$name-fail.png" 2>/dev/null || true
  [ -s "$work/app.err" ] && cat "$work/app.err" >&2
  exit 1
}
wait_file() { # wait until $1 exists
  local i
  for i in $(seq 100); do
    [ -s "$1" ] && return 0
    sleep 0.1
  done
  fail "$1 was not written"
}
nothing_written() {
  [ -z "$(ls -A "$work/exports")" ] || fail "files were written: $(ls -A "$work/exports")"
}

if [ "$name" = script ]; then
  cat > "$work/export.gui" <<GUI
export-dataset wide csv $work/exports/wide.csv
expect-message "Exported wide.csv"
export-dataset all csv,sav $work/exports/all
GUI
  "$app" --coder coder-a --size 1280x860 --gui-test "$work/export.gui" "$proj" 2>"$work/app.err" ||
    fail "the GUI test script failed"
  cmp "$work/cli-wide.csv" "$work/exports/wide.csv" || fail "wide.csv differs from the CLI's"
  [ -s "$work/exports/all/README.txt" ] || fail "no README.txt in the folder"
  cmp "$work/cli-wide.csv" "$work/exports/all/wide.csv" || fail "all/wide.csv differs"
  echo "PASS: $name"
  exit 0
fi

x11_window_manager
"$app" --coder coder-a --size 1200x860 "$proj" 2>"$work/app.err" &
app_pid=$!
wid=$(x11_find_window 30 'demo\.attune' | head -n 1) ||
  fail "the workbench window did not appear"
xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid"
sleep 0.5

open_export() { # File → Export Dataset… by its mnemonics
  xdotool key alt+f
  sleep 0.5
  xdotool key e
  wait_window "Export dataset"
}
save_as() { # the GTK save dialog titled $1: the whole path typed over the suggested name
  wait_window "$1"
  shot_active "export-save-dialog-$name"
  xdotool key ctrl+a
  xdotool type --delay 10 "$2"
  sleep 0.3
  xdotool key Return
}
finished() { # the "Export finished" dialog: seen, then OK (its default button)
  wait_window "Export finished"
  shot_active "export-finished-$name"
  xdotool key Return
  sleep 0.5
}

case "$name" in
  csv)
    open_export
    shot_active export-dialog
    # Export… by its mnemonic (Return would open the dataset list, which has the keyboard),
    # with the defaults: wide, CSV.
    xdotool key alt+e
    save_as "Export wide" "$work/exports/wide.csv"
    finished
    cmp "$work/cli-wide.csv" "$work/exports/wide.csv" || fail "wide.csv differs from the CLI's"
    ;;
  sav)
    open_export
    xdotool key Tab             # the dataset choice has the keyboard; Tab: the format
    sleep 0.2
    xdotool key space           # opens the list (arrows pick, Return takes)
    sleep 0.5
    xdotool key Down Return     # CSV → SPSS (.sav)
    sleep 0.3
    shot_active export-dialog-sav
    xdotool key alt+e
    save_as "Export wide" "$work/exports/wide-by-gui"  # the extension is added
    finished
    wait_file "$work/exports/wide-by-gui.sav"
    readstat "$work/exports/wide-by-gui.sav" > "$work/sav-info.txt" || fail "readstat cannot read it"
    grep -Eq "^Format: +SPSS binary file" "$work/sav-info.txt" || fail "not an SPSS file: $(cat "$work/sav-info.txt")"
    grep -Eq "^Rows: +$rows\$" "$work/sav-info.txt" || fail "rows: $(cat "$work/sav-info.txt"), expected $rows"
    readstat "$work/exports/wide-by-gui.sav" "$work/sav.csv" >/dev/null || fail "readstat cannot convert it"
    [ "$(head -n 1 "$work/sav.csv" | tr -d '"')" = "$(head -n 1 "$work/cli-wide.csv" | tr -d '"\r')" ] ||
      fail "the variables differ: $(head -n 1 "$work/sav.csv")"
    ;;
  cancel)
    open_export
    xdotool key alt+e
    wait_window "Export wide"
    xdotool key Escape          # the save dialog: nothing chosen, nothing written
    sleep 1
    nothing_written
    xdotool search --onlyvisible --name '^Export' >/dev/null 2>&1 && fail "a dialog stayed open"
    open_export
    # "All datasets (into a folder)", the list's last entry: a checkbox per format.
    xdotool key space
    sleep 0.5
    xdotool key End Return
    sleep 0.5
    shot_active export-dialog-all
    xdotool key Escape          # the export dialog itself
    sleep 1
    nothing_written
    ;;
  *) echo "unknown test $name" >&2; exit 2 ;;
esac
"$cli" check "$proj" | grep -q "integrity: ok" || fail "integrity"
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
echo "PASS: $name"
