#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# real_input_dashboard.sh NAME ATTUNE ATTUNE_CLI OUT_DIR
# View → Reliability Dashboard and File → Export Reliability Report… (issue 14) by real X input
# (xdotool, openbox, its own Xvfb), checked with attune-cli and the files written, never with
# the workbench itself. The project: the AAI state-of-mind scheme, coders anna and ben, T1 and
# T2 classified, rated and coded differently by the two (as tests/cli/consensus_cli.sh builds).
#
#   dashboard  Ctrl+Shift+R opens the dashboard window; its page is loaded (the window reports
#              it, ATTUNE_DASHBOARD_TIMING); a screenshot of it. The Transcripts filter set to
#              T2 (typed, Return) computes the page again; Tab to its first transcript link and
#              Return: the workbench, which showed T1, shows T2 (its title).
#              anna codes blind, so first "Leave blind mode?" (Alt+S) and the audit entry.
#   update     the dashboard open, another program rates T2 again: the dashboard makes its page
#              again (on its own thread) and keeps it at the new revision, with the new ICC.
#   export     Alt+F, L, leaving blind mode (Alt+S): the GTK save dialog, the path typed (Ctrl+L); the file written is the
#              report `attune-cli report` writes for the same project, apart from the time it
#              was made.
set -euo pipefail
name=$1 app=$2 cli=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
# shellcheck source=x11_session.sh
. "$here/x11_session.sh"
x11_enter_display "$0" "$@"
x11_workdir
mkdir -p "$out" "$work/study"
proj=$work/study/study.attune
export ATTUNE_DASHBOARD_TIMING=1

fail() {
  echo "FAIL: $name: $*" >&2
  xwd -root -silent 2>/dev/null | convert xwd:- "$out/dashboard-$name-fail.png" 2>/dev/null || true
  [ -s "$work/app.err" ] && cat "$work/app.err" >&2
  exit 1
}
wait_window() { # wait for a visible window titled exactly $1
  local i
  for i in $(seq 200); do
    if xdotool search --onlyvisible --name "^$1\$" >/dev/null 2>&1; then
      sleep 0.5
      return 0
    fi
    sleep 0.1
  done
  fail "no window '$1'"
}
wait_loaded() { # the dashboard's page loaded (the window's own report on stderr)
  local i
  for i in $(seq 300); do
    grep -q "dashboard compute_ms" "$work/app.err" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "the dashboard's page did not load"
}

printf '[Q1]\nI: Tell me about your childhood.\nR: I dont remember anything.\n[Q2]\nI: Describe your mother.\nR: She was wonderful, always there.\n' >"$work/t.txt"
"$cli" new "$proj" >/dev/null
"$cli" scheme add "$proj" "$src/schemes/aai-state-of-mind.xml" >/dev/null
for c in anna ben; do "$cli" coder add "$proj" $c >/dev/null; done
"$cli" import "$proj" "$work/t.txt" --participant T1 >/dev/null
"$cli" import "$proj" "$work/t.txt" --participant T2 --allow-duplicate >/dev/null
"$cli" classify "$proj" T1 --coder anna --category F3 >/dev/null
"$cli" classify "$proj" T1 --coder ben --category F3 >/dev/null
"$cli" classify "$proj" T2 --coder anna --category E >/dev/null
"$cli" classify "$proj" T2 --coder ben --category F >/dev/null
"$cli" rate "$proj" T1 --coder anna --scale metacognition --value 5 >/dev/null
"$cli" rate "$proj" T1 --coder ben --scale metacognition --value 7 >/dev/null
"$cli" rate "$proj" T2 --coder anna --scale metacognition --value 3 >/dev/null
"$cli" rate "$proj" T2 --coder ben --scale metacognition --value 3.5 >/dev/null
"$cli" code "$proj" T1 --coder anna --code lack-of-recall --lines 3-3 >/dev/null
"$cli" code "$proj" T1 --coder ben --code lack-of-recall --start 41 --end 66 >/dev/null

x11_window_manager
"$app" --coder anna --size 1200x800 "$proj" 2>"$work/app.err" &
app_pid=$!
wid=$(x11_find_window 30 "study\\.attune" | head -n 1) ||
  fail "the workbench window did not appear"
xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid"
sleep 0.5

case "$name" in
  dashboard)
    xdotool key ctrl+shift+r
    # anna codes blind: the agreement shows how ben coded, so she is asked first (GTK dialog)
    # and the audit log records it.
    wait_window "Leave blind mode\\?"
    xdotool key alt+s
    wait_window "Reliability Dashboard"
    "$cli" audit "$proj" --action unblind --format json | grep -q "Reliability Dashboard" ||
      fail "the audit log does not record that anna left blind mode for the dashboard"
    wait_loaded
    sleep 1
    shot "dashboard"
    # The workbench shows T1, the first transcript. The Transcripts filter (Tab from Section,
    # which has the keyboard) set to T2 and Return: the page is computed again for T2 alone, so
    # its first transcript link is T2's. Tab reaches it, Return follows it, and the workbench
    # shows T2.
    xdotool search --onlyvisible --name "^T1 " >/dev/null 2>&1 ||
      fail "the workbench does not show T1 at first"
    dash=$(xdotool search --onlyvisible --name "^Reliability Dashboard\$" | head -n 1)
    xdotool windowactivate --sync "$dash" >/dev/null 2>&1 || true
    loads=$(grep -c "dashboard compute_ms" "$work/app.err")
    xdotool key Tab
    sleep 0.2
    xdotool type --delay 20 "T2"
    xdotool key Return
    for _ in $(seq 100); do
      [ "$(grep -c "dashboard compute_ms" "$work/app.err")" -gt "$loads" ] && break
      sleep 0.1
    done
    [ "$(grep -c "dashboard compute_ms" "$work/app.err")" -gt "$loads" ] ||
      fail "the Transcripts filter did not compute the page again"
    shot "dashboard-filtered"
    xdotool mousemove --window "$dash" 600 300 click 1
    sleep 0.3
    ok=""
    for _ in $(seq 40); do
      xdotool key Tab
      sleep 0.1
      xdotool key Return
      sleep 0.4
      if xdotool search --onlyvisible --name "^T2 " >/dev/null 2>&1; then ok=1; break; fi
    done
    shot "dashboard-link"
    [ -n "$ok" ] || fail "following a transcript link did not show the transcript in the workbench"
    ;;
  update)
    # A change while the dashboard is open (metacognition rated again by another program, as a
    # second Attune would): the workbench notices it, the dashboard makes the page again on a
    # thread of its own and shows it. The page it kept in the project (read here with the
    # sqlite3 shell) is at the records' new revision, and its ICC cell is the one attune-cli
    # report prints after the change, not the one before it.
    icc() { grep -o 'data-ref="s0-icc">[^<]*' "$1" | head -n 1 | sed 's/.*>//'; }
    "$cli" report "$proj" --out "$work/before.html" >/dev/null || fail "attune-cli report failed"
    xdotool key ctrl+shift+r
    wait_window "Leave blind mode\\?"
    xdotool key alt+s
    wait_window "Reliability Dashboard"
    wait_loaded
    "$cli" rate "$proj" T2 --coder ben --scale metacognition --value 9 >/dev/null ||
      fail "attune-cli rate failed"
    for _ in $(seq 150); do
      [ "$(grep -c "dashboard compute_ms" "$work/app.err")" -ge 2 ] && break
      sleep 0.1
    done
    [ "$(grep -c "dashboard compute_ms" "$work/app.err")" -ge 2 ] ||
      fail "the dashboard did not show the page again after the change"
    shot "dashboard-updated"
    "$cli" report "$proj" --out "$work/after.html" >/dev/null || fail "attune-cli report failed"
    before=$(icc "$work/before.html") after=$(icc "$work/after.html")
    [ -n "$after" ] && [ "$before" != "$after" ] ||
      fail "the change did not change the ICC ('$before' -> '$after'): the test proves nothing"
    revision=$(sqlite3 "$proj" "SELECT value FROM revision")
    kept=$(sqlite3 "$proj" "SELECT count(*) FROM derived WHERE revision = $revision AND \
      CAST(value AS TEXT) LIKE '%attune://transcript/%'")
    [ "$kept" = 2 ] || fail "$kept screen pages kept at revision $revision, not 2 (brief, every)"
    sqlite3 "$proj" "SELECT CAST(value AS TEXT) FROM derived WHERE revision = $revision AND \
      CAST(value AS TEXT) LIKE '%attune://transcript/%' LIMIT 1" >"$work/screen.html"
    [ "$(icc "$work/screen.html")" = "$after" ] ||
      fail "the dashboard shows ICC '$(icc "$work/screen.html")', the project says '$after'"
    ;;
  export)
    xdotool key alt+f
    sleep 0.5
    xdotool key l
    wait_window "Leave blind mode\\?"
    xdotool key alt+s
    wait_window "Export the reliability report as"
    xdotool key ctrl+a # the whole suggested name, extension too
    sleep 0.3
    xdotool type --delay 10 "$work/study/from-gui.html"
    sleep 0.3
    xdotool key Return
    for _ in $(seq 100); do [ -s "$work/study/from-gui.html" ] && break; sleep 0.1; done
    [ -s "$work/study/from-gui.html" ] || fail "no report was written"
    "$cli" report "$proj" --out "$work/study/from-cli.html" >/dev/null ||
      fail "attune-cli report failed"
    # The two differ only in the line saying when the report was made.
    diff <(grep -v 'class="sub"' "$work/study/from-gui.html") \
         <(grep -v 'class="sub"' "$work/study/from-cli.html") >"$work/diff" ||
      fail "the workbench's report differs from attune-cli's: $(head -20 "$work/diff")"
    grep -q "Methods" "$work/study/from-gui.html" || fail "the report has no methods paragraph"
    ;;
  *) fail "unknown case" ;;
esac
echo "PASS: $name"
