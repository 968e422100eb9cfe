#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run_gui_test.sh NAME ATTUNE ATTUNE_CLI SOURCE_DIR OUT_DIR
# Builds a fresh project (test scheme, coders anna and ben, one interview), runs the workbench
# under Xvfb with NAME.gui, then checks the project file with attune-cli against NAME.expect.
set -euo pipefail
name=$1 app=$2 cli=$3 src=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"  # keep the user's recent files out
mkdir -p "$HOME"

proj=$work/gui-test.attune
"$cli" new "$proj" >/dev/null
"$cli" scheme add "$proj" "$here/data/gui-test-scheme.xml" >/dev/null
"$cli" coder add "$proj" anna >/dev/null
"$cli" coder add "$proj" ben >/dev/null
"$cli" import "$proj" "$here/data/interview.txt" --participant P01 >/dev/null
"$cli" code "$proj" P01 --coder ben --code anger --start 348 --end 361 >/dev/null

run_app() {
  xvfb-run -a -s "-screen 0 1280x1024x24" "$app" --size 1280x860 "$@"
}

if [ "$name" = ratings ]; then
  # Per-parent experience scales with episodes coded for mother and father (anna: lines 2, 4, 6;
  # ben's episode must not count as anna's evidence), and a second transcript to move to.
  "$cli" scheme add "$proj" "$src/schemes/aai-experience.xml" >/dev/null
  "$cli" import "$proj" "$src/samples/transcripts/P01-secure.txt" --participant P02 >/dev/null
  for span in exp-loving-mother:79:113 exp-loving-mother:196:230 exp-rejecting-mother:231:260 \
              exp-loving-father:364:380; do
    IFS=: read -r code start end <<< "$span"
    "$cli" code "$proj" P01 --coder anna --code "$code" --start "$start" --end "$end" >/dev/null
  done
  "$cli" code "$proj" P01 --coder ben --code exp-loving-father --start 100 --end 110 >/dev/null
  # The wheel test needs real X input with a window manager, as a person meets the app.
  command -v xdotool >/dev/null && command -v openbox >/dev/null ||
    { echo "FAIL: xdotool and openbox are needed (scripts/install-deps)" >&2; exit 1; }
  run_app() {
    xvfb-run -a -s "-screen 0 1280x1024x24" sh -c \
      'openbox >/dev/null 2>&1 & wm=$!; sleep 1; "$@"; rc=$?; kill $wm; exit $rc' \
      run_app "$app" --size 1280x860 "$@"
  }
fi

if [ "$name" = errors ]; then
  # A damaged project file: a plain message and exit 1, not a crash.
  printf 'this is not a project\n' > "$work/broken.attune"
  set +e
  run_app --screenshot "$work/x.png" --coder anna "$work/broken.attune" 2> "$work/err.txt"
  rc=$?
  set -e
  cat "$work/err.txt"
  [ "$rc" -eq 1 ] || { echo "FAIL: damaged project: exit $rc, expected 1" >&2; exit 1; }
  grep -q 'could not be opened' "$work/err.txt" ||
    { echo "FAIL: no plain-words message for a damaged project" >&2; exit 1; }
fi

if [ "$name" = smoke ]; then
  # Opening as a coder the project does not know yet adds that coder (the identity step).
  run_app --coder carol --screenshot "$out/smoke-carol.png" "$proj"
  "$cli" coder list "$proj" | cut -f2 | grep -qx carol ||
    { echo "FAIL: opening as carol did not add the coder" >&2; exit 1; }
fi

if [ "$name" = demo ]; then
  # "Open demo project" opens an existing demo (named by ATTUNE_DEMO, so a demo.attune in the
  # build tree cannot stand in): a copy of the test project, so the real project stays untouched.
  mkdir -p "$HOME/.Attune"
  cp "$proj" "$HOME/.Attune/demo.attune"
  export ATTUNE_DEMO="$HOME/.Attune/demo.attune"
fi

if [ "$name" = demo_build ]; then
  # "Open demo project" with no demo anywhere: the app builds it with samples/build-demo, then
  # the real demo is coded, undone, redone, rated and classified, and checked with attune-cli.
  export ATTUNE_DEMO="$work/built-demo.attune"
  export ATTUNE_CLI="$cli"
fi

rm -f "$out/import-progress.png"
sed -e "s|@OUT@|$out|g" -e "s|@DATA@|$here/data|g" -e "s|@SRC@|$src|g" "$here/$name.gui" > "$work/$name.gui"
if [ "$name" = demo ] || [ "$name" = demo_build ]; then
  run_app --coder anna --gui-test "$work/$name.gui" # from the welcome page
else
  run_app --coder anna --gui-test "$work/$name.gui" "$proj"
fi

if [ "$name" = demo_build ]; then
  "$cli" show "$ATTUNE_DEMO" P02 --coder anna |
    { grep -E '^ *> |^rating |^classification ' || true; } | sed -E 's/^ *> />/' |
    sed -E 's/ [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}//' > "$work/actual.txt"
  # The expected span is where the phrase the script found lies in the demo's P02, in code
  # points, so edits to the sample text elsewhere do not break the test.
  phrase="very normal family. Very stable"
  "$cli" text "$ATTUNE_DEMO" P02 > "$work/p02.txt"
  byte=$(grep -bo "$phrase" "$work/p02.txt" | head -n 1 | cut -d: -f1)
  [ -n "$byte" ] || { echo "FAIL: the demo's P02 no longer contains '$phrase'" >&2; exit 1; }
  start=$(head -c "$byte" "$work/p02.txt" | LC_ALL=C.UTF-8 wc -m)
  line=$(($(head -c "$byte" "$work/p02.txt" | wc -l) + 1))
  sed -e "s|@START@|$start|" -e "s|@END@|$((start + ${#phrase}))|" -e "s|@LINE@|$line|g" \
    "$here/$name.expect" > "$work/expected.txt"
  if ! diff -u "$work/expected.txt" "$work/actual.txt"; then
    echo "FAIL: the demo project differs from $name.expect" >&2
    exit 1
  fi
  exit 0
fi

if [ "$name" = errors ]; then
  # The eight-file drop showed its progress dialog (saved halfway by the script).
  [ -s "$out/import-progress.png" ] ||
    { echo "FAIL: no progress dialog was shown for a multi-file drop" >&2; exit 1; }
  [ "$("$cli" transcripts "$proj" | tail -n +2 | wc -l)" -eq 10 ] ||
    { echo "FAIL: the dropped sample transcripts are not all in the project" >&2; exit 1; }
fi

# What the GUI did, as stored in the project (uuids and times removed).
"$cli" show "$proj" P01 --coder anna |
  { grep -E '^ *> |^rating |^classification ' || true; } | sed -E 's/^ *> />/' |
  sed -E 's/ [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}//' > "$work/actual.txt"
"$cli" show "$proj" P01 --coder ben | { grep -E '^ *> ' || true; } | sed -E 's/^ *> />/' |
  sed -E 's/ [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}//' |
  sed 's/^/ben /' >> "$work/actual.txt"
if ! diff -u "$here/$name.expect" "$work/actual.txt"; then
  echo "FAIL: the project file differs from $name.expect" >&2
  exit 1
fi
echo "PASS: $name"
