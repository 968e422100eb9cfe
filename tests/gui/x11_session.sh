# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the real-input GUI tests (real_input_*.sh): a private X display with a window
# manager, a throw-away home, and the GUI tests' fixture project. Needs $cli and $here ($out
# for the screenshots).

# x11_enter_display "$0" "$@": checks the tools, then runs the calling script again on an Xvfb
# display of its own, so the window manager cannot disturb the other GUI tests.
x11_enter_display() {
  local tool
  for tool in xvfb-run xdotool openbox; do
    command -v "$tool" >/dev/null ||
      { echo "FAIL: $tool is missing (scripts/install-deps)" >&2; exit 1; }
  done
  if [ -z "${ATTUNE_REAL_INPUT_INNER:-}" ]; then
    ATTUNE_REAL_INPUT_INNER=1 exec xvfb-run -a -s "-screen 0 1280x1024x24" "$@"
  fi
}

# x11_workdir: $work (removed on exit, with the app and the window manager stopped), a home of
# its own (no recent files or settings of the user's), GTK without accessibility bus.
x11_workdir() {
  work=$(mktemp -d)
  app_pid=""
  wm_pid=""
  trap x11_cleanup EXIT
  export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local"
  mkdir -p "$HOME"
  export NO_AT_BRIDGE=1 GTK_A11Y=none
}

x11_cleanup() {
  if [ -n "${app_pid:-}" ]; then kill -9 "$app_pid" 2>/dev/null || true; fi
  if [ -n "${wm_pid:-}" ]; then kill "$wm_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}

# x11_test_project PROJECT: the test scheme, coders anna and ben, the interview as P01.
x11_test_project() {
  "$cli" new "$1" >/dev/null
  "$cli" scheme add "$1" "$here/data/gui-test-scheme.xml" >/dev/null
  "$cli" coder add "$1" anna >/dev/null
  "$cli" coder add "$1" ben >/dev/null
  "$cli" import "$1" "$here/data/interview.txt" --participant P01 >/dev/null
}

# x11_window_manager: starts openbox and gives it a moment to take the display.
x11_window_manager() {
  openbox >/dev/null 2>&1 &
  wm_pid=$!
  sleep 1
}

# Screenshots into $out (named $1.png): shot, the whole screen; shot_active, the window with
# the keyboard (a dialog) alone. Never fail a test.
shot() { xwd -root -silent 2>/dev/null | convert xwd:- "$out/$1.png" 2>/dev/null || true; }
shot_active() { # the window with the keyboard (a dialog) alone
  xwd -silent -id "$(xdotool getactivewindow)" 2>/dev/null | convert xwd:- "$out/$1.png" 2>/dev/null || true
}

# x11_find_window SECONDS NAME: prints the ids of the visible windows whose name matches NAME
# (a regular expression) once there is one, within SECONDS; else fails (status 1). Unlike
# `xdotool search --sync`, which gives up on the X error it gets when any window goes while it
# looks (the workbench makes and drops windows as it starts: its dashboard, WebKit's), it
# looks again.
x11_find_window() {
  local i found
  for i in $(seq $(($1 * 10))); do
    found=$(xdotool search --onlyvisible --name "$2" 2>/dev/null) || true
    if [ -n "$found" ]; then
      echo "$found"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# wait_window TITLE: waits up to 15 s for a visible window titled exactly TITLE (a regular
# expression: escape "?" and "."), then lets it take the keyboard; else the caller's fail().
wait_window() { # wait for a visible window titled exactly $1
  local i
  for i in $(seq 150); do
    if xdotool search --onlyvisible --name "^$1\$" >/dev/null 2>&1; then
      sleep 0.5 # let it take the keyboard
      return 0
    fi
    sleep 0.1
  done
  fail "no window '$1'"
}
