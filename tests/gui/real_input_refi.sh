#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_refi.sh NAME ATTUNE ATTUNE_CLI SOURCE_DIR OUT_DIR
# File → Export REFI-QDA Project (.qdpx)…, Export REFI-QDA Codebook (.qdc)… and Import REFI-QDA
# (.qdpx, .qdc)… (issue 15, docs/refi-qda.md) by real X input (xdotool, openbox, its own Xvfb)
# through the real GTK file dialogs, checked with attune-cli, python3's zipfile and xmllint
# against the REFI-QDA schemas, never with the workbench itself. anna codes blind.
#
#   export      Alt+F, X; "Everyone's Work…" (Alt+E) and "Leave blind mode?" (Alt+S), recorded
#               in the audit log; the path typed into GTK's save dialog; the report dialog. The
#               .qdpx's project.qde validates against Project.xsd, and `attune-cli refi import`
#               of it into a new project gives the annotations attune-cli lists for the original.
#   export_own  The same, "Only My Work" (Alt+M): no audit entry; the file holds anna's
#               annotations only.
#   codebook    Alt+F, B with two schemes: the scheme chosen (the second, Down), the path typed;
#               the .qdc validates against Codebook.xsd, names the scheme's codes and is byte for
#               byte what `attune-cli refi export-codebook` writes for that scheme.
#   import      Alt+F, T into a new project: an ATLAS.ti 8 project (tests/data/refi/atlas8, CR LF
#               counted as one) chosen in GTK's file chooser, the options dialog's defaults
#               (Automatic), the report; the workbench shows the imported transcript; the
#               transcripts and annotations attune-cli lists are those `attune-cli refi import`
#               makes of the same file in another new project.
#   refused     A .qde with a DOCTYPE: "Import refused" and the project as it was.
set -euo pipefail
name=$1 app=$2 cli=$3 src=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=x11_session.sh
. "$here/x11_session.sh"
x11_enter_display "$0" "$@"
x11_workdir
command -v xmllint >/dev/null || { echo "FAIL: xmllint is missing (scripts/install-deps)" >&2; exit 1; }
mkdir -p "$out" "$work/study"
proj=$work/study/study.attune
xsd=$src/tests/data/refi/xsd

fail() {
  echo "FAIL: $name: $*" >&2
  xwd -root -silent 2>/dev/null | convert xwd:- "$out/refi-$name-fail.png" 2>/dev/null || true
  [ -s "$work/app.err" ] && cat "$work/app.err" >&2
  exit 1
}
menu() { # File → the entry with mnemonic $1
  xdotool key alt+f
  sleep 0.5
  xdotool key "$1"
}
save_as() { # GTK's save dialog: the whole suggested name replaced by the path $1
  xdotool key ctrl+a
  sleep 0.3
  xdotool type --delay 10 "$1"
  sleep 0.3
  xdotool key Return
  local i
  for i in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.1; done
  fail "nothing was written to $1"
}
choose() { # GTK's file chooser: the path typed into its location field
  xdotool key ctrl+l
  sleep 0.3
  xdotool type --delay 10 "$1"
  sleep 0.5
  xdotool key Return
}
spans() { # a project's annotations as sorted "transcript code coder start end" lines
  "$cli" annotations "$1" "${@:2}" --format json | python3 -c '
import json, sys
for a in sorted(json.load(sys.stdin), key=lambda a: (a["transcript"], a["start"], a["end"], a["code"], a["coder"])):
    print(a["transcript"], a["code"], a["coder"], a["start"], a["end"])'
}
qde() { # the project.qde of the .qdpx $1, written to $2
  python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("project.qde"))' "$1" "$2" ||
    fail "$1 is not a zip holding project.qde"
}
start_app() {
  x11_window_manager
  "$app" --coder anna --size 1200x800 "$proj" 2>"$work/app.err" &
  app_pid=$!
  wid=$(x11_find_window 30 "study\\.attune" | head -n 1) ||
    fail "the workbench window did not appear"
  xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid"
  sleep 0.5
}

case "$name" in
  export | export_own | codebook | refused) x11_test_project "$proj" ;;
  import) "$cli" new "$proj" >/dev/null && "$cli" coder add "$proj" anna >/dev/null ;;
esac
case "$name" in
  export | export_own)
    "$cli" code "$proj" P01 --coder anna --code ideal --start 10 --end 40 --memo "so ideal" >/dev/null
    "$cli" code "$proj" P01 --coder anna --code vague --lines 3-3 >/dev/null
    "$cli" code "$proj" P01 --coder ben --code anger --start 348 --end 361 >/dev/null
    ;;
  codebook) "$cli" scheme add "$proj" "$src/schemes/aai-state-of-mind.xml" >/dev/null ;;
esac
start_app

case "$name" in
  export | export_own)
    menu x
    wait_window "Export REFI-QDA project"
    shot_active "refi-blind-question"
    if [ "$name" = export ]; then
      xdotool key alt+e
      wait_window "Leave blind mode\\?"
      xdotool key alt+s
    else
      xdotool key alt+m
    fi
    wait_window "Export the project as REFI-QDA"
    save_as "$work/study/from-gui.qdpx"
    wait_window "Exported REFI-QDA project"
    shot_active "refi-export-report-$name"
    xdotool key Return
    audited=$("$cli" audit "$proj" --action unblind --format json | grep -c "Export REFI-QDA Project" || true)
    qde "$work/study/from-gui.qdpx" "$work/project.qde"
    xmllint --noout --schema "$xsd/Project.xsd" "$work/project.qde" 2>"$work/xmllint" ||
      fail "project.qde is not valid against Project.xsd: $(cat "$work/xmllint")"
    "$cli" refi import "$work/again.attune" "$work/study/from-gui.qdpx" >"$work/import.out" ||
      fail "attune-cli refi import of the GUI's file failed"
    if [ "$name" = export ]; then
      [ "$audited" -ge 1 ] || fail "the audit log does not record that anna left blind mode"
      spans "$proj" >"$work/want"
    else
      [ "$audited" -eq 0 ] || fail "exporting only her own work recorded leaving blind mode"
      spans "$proj" --coder anna >"$work/want"
      if grep -q 'name="ben"' "$work/project.qde"; then
        fail "the file names ben, whose work anna may not see"
      fi
    fi
    spans "$work/again.attune" >"$work/got"
    [ -s "$work/want" ] || fail "no annotations to compare"
    diff "$work/want" "$work/got" >"$work/diff" ||
      fail "the re-imported annotations differ: $(cat "$work/diff")"
    ;;
  codebook)
    menu b
    wait_window "Export REFI-QDA codebook"
    shot_active "refi-codebook-choice"
    xdotool key Down Return # the second scheme by id: gui-test after aai-state-of-mind
    wait_window "Export the codebook as"
    save_as "$work/study/from-gui.qdc"
    wait_window "Exported REFI-QDA codebook"
    xdotool key Return
    xmllint --noout --schema "$xsd/Codebook.xsd" "$work/study/from-gui.qdc" 2>"$work/xmllint" ||
      fail "the codebook is not valid against Codebook.xsd: $(cat "$work/xmllint")"
    "$cli" refi export-codebook "$proj" --scheme gui-test --out "$work/cli.qdc" >/dev/null ||
      fail "attune-cli refi export-codebook failed"
    for code in Idealizing Angry Vague; do
      grep -q "name=\"$code\"" "$work/study/from-gui.qdc" || fail "the codebook has no code $code"
    done
    # The same codebook as attune-cli's for the scheme chosen, byte for byte.
    cmp -s "$work/cli.qdc" "$work/study/from-gui.qdc" ||
      fail "the GUI's codebook differs from attune-cli's: $(diff "$work/cli.qdc" "$work/study/from-gui.qdc" | head)"
    ;;
  import)
    (cd "$src/tests/data/refi/atlas8" && python3 -c '
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for root, _, files in os.walk("."):
        for f in files:
            z.write(os.path.join(root, f), os.path.relpath(os.path.join(root, f), "."))' "$work/atlas8.qdpx")
    menu t
    wait_window "Import a REFI-QDA project or codebook"
    choose "$work/atlas8.qdpx"
    wait_window "Import REFI-QDA"
    shot_active "refi-import-options"
    xdotool key Return # Import, with Automatic positions and line ends
    wait_window "Imported REFI-QDA"
    shot_active "refi-import-report"
    xdotool key Return
    sleep 1
    shot "refi-workbench-after-import"
    # The project had no transcript: the workbench shows the first one imported (its title).
    xdotool search --onlyvisible --name "^Interview 1" >/dev/null 2>&1 ||
      fail "the workbench does not show the imported transcript"
    "$cli" new "$work/cli.attune" >/dev/null && "$cli" coder add "$work/cli.attune" anna >/dev/null
    "$cli" refi import "$work/cli.attune" "$work/atlas8.qdpx" >"$work/cli-import.out" ||
      fail "attune-cli refi import failed"
    grep -q "CR LF as one (detected)" "$work/cli-import.out" ||
      fail "the fixture is not the CR-LF-as-one case: $(cat "$work/cli-import.out")"
    diff <("$cli" transcripts "$work/cli.attune") <("$cli" transcripts "$proj") >"$work/diff" ||
      fail "the transcripts differ from attune-cli's import: $(cat "$work/diff")"
    "$cli" transcripts "$proj" | grep -q "Interview 1" || fail "no transcript 'Interview 1'"
    spans "$work/cli.attune" >"$work/want"
    spans "$proj" >"$work/got"
    [ -s "$work/got" ] || fail "the import made no annotations"
    diff "$work/want" "$work/got" >"$work/diff" ||
      fail "the annotations differ from attune-cli's import: $(cat "$work/diff")"
    ;;
  refused)
    printf '<!DOCTYPE p [<!ENTITY e "x">]><Project xmlns="urn:QDA-XML:project:1.0" name="&e;"/>' >"$work/hostile.qde"
    "$cli" transcripts "$proj" >"$work/before"
    spans "$proj" >"$work/spans-before"
    "$cli" audit "$proj" >"$work/audit-before"
    menu t
    wait_window "Import a REFI-QDA project or codebook"
    choose "$work/hostile.qde"
    wait_window "Import REFI-QDA"
    xdotool key Return
    wait_window "Import refused"
    shot_active "refi-import-refused"
    xdotool key Return
    "$cli" transcripts "$proj" | diff "$work/before" - >/dev/null || fail "the transcripts changed"
    spans "$proj" | diff "$work/spans-before" - >/dev/null || fail "the annotations changed"
    "$cli" audit "$proj" | diff "$work/audit-before" - >/dev/null || fail "the audit log changed"
    ;;
  *) fail "unknown case" ;;
esac
"$cli" check "$proj" | grep -q "integrity: ok" || fail "integrity"
echo "PASS: $name"
