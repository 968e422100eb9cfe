#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Remakes the user guide's screenshots with the workbench itself (attune --screenshot and the
# GUI-test driver), under Xvfb.
#   docs/images/make-screenshots.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: make-screenshots.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
app=${ATTUNE_APP:-$build/src/app/attune}
cli=${ATTUNE_CLI:-$build/src/cli/attune-cli}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"

proj=$work/study.attune
"$cli" new "$proj" >/dev/null
"$cli" scheme add "$proj" "$src/tests/gui/data/gui-test-scheme.xml" >/dev/null
"$cli" coder add "$proj" anna >/dev/null
"$cli" import "$proj" "$src/tests/gui/data/interview.txt" --participant P01 >/dev/null

run() { xvfb-run -a -s "-screen 0 1280x1024x24" "$app" "$@"; }

run --screenshot "$here/welcome.png" --size 1024x768
cat > "$work/shots.gui" <<GUI
transcript P01
select 79 109
key Ctrl+1
select 93 122
key Ctrl+2
select 100 140
key E
select 202 227
key E
select 384 392
key Ctrl+2
select-annotation 1
memo "idealizing: no memory supports 'wonderful'"
rate idealization mother 6.5
rate idealization father "not scorable"
rate coherence - 4
classify Ds Ds1 - -
select 0 0
tab Annotations
screenshot $here/workbench.png
hover 96
screenshot $here/highlights.png
select-annotation 2
screenshot $here/annotations.png
tab Ratings
screenshot $here/ratings.png
tab Classification
screenshot $here/classification.png
tab Annotations
zoom 11
goto-line 2
screenshot $here/zoom200.png
GUI
run --coder anna --size 1280x860 --gui-test "$work/shots.gui" "$proj"
run --coder anna --size 1024x768 --screenshot "$here/workbench-1024x768.png" "$proj"
# Several files dropped at once: the progress dialog, saved halfway (on a copy, so the
# screenshots above keep their one-transcript project).
cp "$proj" "$work/drop.attune"
t=$src/samples/transcripts
cat > "$work/drop.gui" <<GUI
progress-screenshot $here/import-progress.png
drop $t/P01-secure.txt $t/P04-preoccupied-angry.txt $t/P05-preoccupied-passive.docx $t/P06-unresolved-loss.odt
GUI
run --coder anna --size 1280x860 --gui-test "$work/drop.gui" "$work/drop.attune"
# The demo project (samples/build-demo), as a coder finds it: P02 coded, rated and classified.
if [ -x "$src/samples/build-demo" ]; then
  demo=$work/demo.attune
  ATTUNE_CLI="$cli" "$src/samples/build-demo" "$demo" >/dev/null
  cat > "$work/demo.gui" <<GUI
transcript P02
find "very normal family. Very stable"
click-code idealization-mother
find "Nothing much to say really"
click-code lack-of-recall
find "I'm not sure, it wasn't talked about"
click-code lack-of-recall
find "it wasn't talked about. It didn't come up"
click-code passive-speech
select-annotation 1
memo "no memory offered for 'very normal'"
rate idealization mother 6.5
rate lack-of-recall - 5
rate loving mother 3
classify Ds Ds1 - -
select 0 0
goto-line 4
tab Annotations
find "normal family"
hover selection
screenshot $here/demo-workbench.png
tab Ratings
screenshot $here/demo-ratings.png
tab Classification
screenshot $here/demo-classification.png
GUI
  run --coder demo-user --size 1280x860 --gui-test "$work/demo.gui" "$demo"
  run --coder demo-user --size 1024x768 --transcript P02 --screenshot "$here/demo-1024x768.png" \
    "$demo"
  # A find hit (accents and case ignored) boxed over the text, in P07 as master sees it.
  cat > "$work/find.gui" <<GUI
transcript P07
find "meme odile"
screenshot $here/find-hit.png
GUI
  run --coder master --size 1024x700 --gui-test "$work/find.gui" "$demo"
fi
echo "screenshots written to $here"
