#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Run by bench/dashboard-benchmark on its own X display: opens the dashboard 3 times with
# Ctrl+Shift+R and prints the timings the window reports (ATTUNE_DASHBOARD_TIMING).
set -euo pipefail
work=$1
export HOME="$work/home" NO_AT_BRIDGE=1 GTK_A11Y=none ATTUNE_DASHBOARD_TIMING=1
mkdir -p "$HOME"
openbox >/dev/null 2>&1 & wm=$!
"$ATTUNE_APP" --coder coder1 "$ATTUNE_PROJECT" 2>"$work/app.err" & app=$!
trap 'kill -9 $app 2>/dev/null || true; kill $wm 2>/dev/null || true' EXIT
win=$(timeout 600 xdotool search --sync --onlyvisible --name "$(basename "$ATTUNE_PROJECT" | sed 's/\./\\./g')" | head -n 1) ||
  { echo "the workbench did not open"; exit 1; }
sleep 3
for i in 1 2 3; do
  before=$(grep -c "dashboard compute_ms" "$work/app.err" || true)
  xdotool windowactivate --sync "$win" key --clearmodifiers ctrl+shift+r
  # coder1 codes blind: "Leave blind mode?" first, answered Show Their Work (Alt+S); the
  # figures count from the dashboard window being made, after the answer.
  for _ in $(seq 100); do xdotool search --onlyvisible --name "^Leave blind mode" >/dev/null 2>&1 && break; sleep 0.1; done
  sleep 0.5
  xdotool key alt+s
  for _ in $(seq 1 600); do
    now=$(grep -c "dashboard compute_ms" "$work/app.err" || true)
    [ "$now" -gt "$before" ] && break
    sleep 0.1
  done
  echo "opening $i: $(grep "dashboard compute_ms" "$work/app.err" | tail -1)"
  dash=$(xdotool search --pid "$app" --name "Reliability Dashboard" | head -1)
  [ -n "$dash" ] && xdotool windowactivate --sync "$dash" key --clearmodifiers ctrl+w 2>/dev/null || true
  [ -n "$dash" ] && xdotool windowclose "$dash" 2>/dev/null || true
  sleep 1
done
