#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# read_only_gui.sh ATTUNE ATTUNE_CLI SOURCE_DIR
# The workbench on a project the user cannot write (issue 17 D7): it opens read-only and says so
# (title, status bar), the editing commands are disabled, and afterwards the file is unchanged
# and nothing (-wal, -shm, .backup) is left beside it. Root may write any file, so when run as
# root the workbench runs as the unprivileged user nobody, on its own Xvfb that allows it.
set -euo pipefail
app=$1 cli=$2 src=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
chmod 755 "$work"
xvfb_pid=
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

dir=$work/projects
mkdir -p "$dir"
proj=$dir/gui-test.attune
"$cli" new "$proj" >/dev/null
"$cli" scheme add "$proj" "$here/data/gui-test-scheme.xml" >/dev/null
"$cli" coder add "$proj" anna >/dev/null
"$cli" import "$proj" "$here/data/interview.txt" --participant P01 >/dev/null
"$cli" code "$proj" P01 --coder anna --code anger --start 348 --end 361 >/dev/null
sum_before=$(sha256sum "$proj" | cut -d' ' -f1)
chmod 444 "$proj"
chmod 555 "$dir"

as_user=()
home=$work/home
mkdir -p "$home"
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null || fail "setpriv (util-linux) is needed to run as nobody"
  chown nobody "$home"
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
cp "$here/read_only.gui" "$work/read_only.gui"
chmod 644 "$work/read_only.gui"

# A private X server without access control, so that the other user may draw on it.
display=:$((100 + RANDOM % 800))
Xvfb "$display" -screen 0 1280x1024x24 -ac -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break
  sleep 0.1
done
set +e
# A sanitizer build's options pass through the cleared environment.
env -i PATH="$PATH" HOME="$home" XDG_CONFIG_HOME="$home/.config" DISPLAY="$display" \
  ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
  "${as_user[@]}" "$app" --size 1280x860 --coder anna --gui-test "$work/read_only.gui" "$proj" \
  > "$work/out.txt" 2>&1
rc=$?
set -e
cat "$work/out.txt"
[ "$rc" -eq 0 ] || fail "the workbench's script failed on a read-only project (exit $rc)"

chmod 755 "$dir"
chmod 644 "$proj"
[ "$(sha256sum "$proj" | cut -d' ' -f1)" = "$sum_before" ] || fail "the read-only project changed"
left=$(ls -A "$dir" | grep -vx 'gui-test.attune' || true)
[ -z "$left" ] || fail "files left beside the read-only project: $left"
# Once writable again, the next writer succeeds.
"$cli" code "$proj" P01 --coder anna --code anger --start 10 --end 20 >/dev/null ||
  fail "a writer failed after the read-only session"
echo "ok: read-only project opened read-only, unchanged, nothing left beside it"
