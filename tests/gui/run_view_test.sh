#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run_view_test.sh VIEW_TESTS ATTUNE_CLI SOURCE_DIR [CATCH ARGS...]
# Builds the demo project (samples/build-demo: 8 transcripts, three coders' passages), adds the
# edge-case transcript (CRLF lines, emoji, combining marks, curly quotes, dashes) with a few
# passages, then runs the view-position tests against it in the real wxStyledTextCtrl under Xvfb.
set -euo pipefail
tests=$1 cli=$2 src=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"

proj=$work/demo.attune
ATTUNE_CLI=$cli "$src/samples/build-demo" "$proj" >/dev/null
"$cli" import "$proj" "$here/data/view-edge-cases.txt" --participant P99 >/dev/null
# Passages over the emoji, the combining marks and the curly quotes (code points of the
# imported text: NFC, '\n' line ends).
for span in "85 90" "100 130" "160 200" "205 240" "240 262"; do
  read -r start end <<< "$span"
  "$cli" code "$proj" P99 --coder coder-a --scheme aai-experience \
    --code exp-neglecting-mother --start "$start" --end "$end" >/dev/null
done
export ATTUNE_VIEW_TEST_PROJECT=$proj
exec xvfb-run -a -s "-screen 0 1280x1024x24" "$tests" "$@"
