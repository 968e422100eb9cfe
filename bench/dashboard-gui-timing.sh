#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Run by bench/dashboard-benchmark on its own X display: starts the workbench on the project 3
# times, each time opens the dashboard with Ctrl+Shift+R (real X input) and prints the timings
# the window reports (ATTUNE_DASHBOARD_TIMING). A workbench keeps its dashboard window once made
# (a second Ctrl+Shift+R raises it), so each opening is a new workbench: the first may make the
# page (and keep it in the project), the later ones find it kept, as a researcher does who opens
# the project again the next day.
set -euo pipefail
work=$1
export HOME="$work/home" NO_AT_BRIDGE=1 GTK_A11Y=none ATTUNE_DASHBOARD_TIMING=1
mkdir -p "$HOME"
openbox >/dev/null 2>&1 & wm=$!
app=
trap 'kill -9 $app 2>/dev/null || true; kill $wm 2>/dev/null || true' EXIT
name=$(basename "$ATTUNE_PROJECT" | sed 's/\./\\./g')
for i in 1 2 3; do
  "$ATTUNE_APP" --coder "${ATTUNE_CODER:-coder1}" "$ATTUNE_PROJECT" 2>"$work/app.err" & app=$!
  # Not `search --sync`: it gives up when a window goes while it looks, as some do while the
  # workbench starts.
  win=
  for _ in $(seq 6000); do
    win=$(xdotool search --onlyvisible --name "$name" 2>/dev/null | head -n 1) || true
    [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] || { echo "the workbench did not open"; exit 1; }
  sleep 3
  xdotool windowactivate --sync "$win" key --clearmodifiers ctrl+shift+r
  # coder1 codes blind: "Leave blind mode?" first, answered Show Their Work (Alt+S); the
  # figures count from the dashboard window being made, after the answer.
  for _ in $(seq 100); do xdotool search --onlyvisible --name "^Leave blind mode" >/dev/null 2>&1 && break; sleep 0.1; done
  sleep 0.5
  xdotool key alt+s
  for _ in $(seq 1 600); do
    grep -q "dashboard compute_ms" "$work/app.err" && break
    sleep 0.1
  done
  echo "opening $i (a new workbench): $(grep "dashboard compute_ms" "$work/app.err" | tail -1)"
  kill "$app"; wait "$app" 2>/dev/null || true
  sleep 1
done
