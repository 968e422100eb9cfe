#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# read_only_cli.sh ATTUNE_CLI SOURCE_DIR
# Projects in read-only places (issue 17 D7): a read-only file, a read-only folder, both, and a
# read-only mount (where mount is permitted). Every read command works (exit 0); every write is
# refused with exit 1 and "FILE: error: the project is read-only (...)"; nothing is left beside
# the file; and once write access is back, the next writer is not blocked by anything the
# readers left ("attempt to write a readonly database" from a read-only -wal/-shm).
# Root ignores file permissions and CI runs as root: there the readers run as nobody/nogroup
# (setpriv), on a project that user owns, the way a coder without write access meets the file.
set -eu
cli=$1 src=$2
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  [ -n "${mounted:-}" ] && umount "$work/view" 2>/dev/null || true
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null || fail "setpriv (util-linux) is needed to test as a user"
  as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
  owner=nobody:nogroup
else
  as_user() { "$@"; }
  owner=
fi

d=$work/d
p=$d/study.attune
mkdir "$d"
"$cli" new "$p" >/dev/null
"$cli" scheme add "$p" "$src/tests/gui/data/gui-test-scheme.xml" >/dev/null
"$cli" coder add "$p" anna >/dev/null
"$cli" coder add "$p" ben >/dev/null
printf 'I: Tell me about your mother.\nR: She was warm and very loving.\n' > "$work/t.txt"
chmod 644 "$work/t.txt"
"$cli" import "$p" "$work/t.txt" --participant P01 >/dev/null
"$cli" code "$p" P01 --coder anna --code ideal --start 0 --end 10 >/dev/null
"$cli" code "$p" P01 --coder ben --code ideal --start 2 --end 10 >/dev/null
[ -z "$owner" ] || chown -R "$owner" "$d"
[ "$(ls -A "$d")" = study.attune ] || fail "the set-up left files: $(ls -A "$d")"
mkdir "$work/out"
[ -z "$owner" ] || chown "$owner" "$work/out"

# run WANT_EXIT COMMAND...: as the user, output in $work/stdout and $work/stderr.
run() {
  want=$1; shift
  set +e
  as_user "$cli" "$@" >"$work/stdout" 2>"$work/stderr"; rc=$?
  set -e
  [ "$rc" -eq "$want" ] ||
    fail "[$place] attune-cli $*: exit $rc, expected $want: $(cat "$work/stderr")"
}

# reads_and_writes PROJECT: every read works, every write is refused with the file's name.
reads_and_writes() {
  f=$1
  run 0 transcripts "$f"
  grep -q P01 "$work/stdout" || fail "[$place] transcripts: $(cat "$work/stdout")"
  run 0 annotations "$f"
  [ "$(tail -n +2 "$work/stdout" | wc -l)" -eq 2 ] || fail "[$place] annotations: $(cat "$work/stdout")"
  run 0 agree "$f" --coders anna,ben
  run 0 search "$f" loving
  grep -q loving "$work/stdout" || fail "[$place] search found nothing: $(cat "$work/stdout")"
  run 0 text "$f" P01
  run 0 check "$f"
  run 0 coder list "$f"
  grep -q ben "$work/stdout" || fail "[$place] coder list: $(cat "$work/stdout")"
  rm -f "$work/out/copy.attune"
  run 0 backup "$f" "$work/out/copy.attune"
  for w in "coder add $f carol" \
           "code $f P01 --coder anna --code ideal --start 12 --end 20" \
           "import $f $work/t.txt --participant P02 --allow-duplicate" \
           "scheme add $f $src/tests/gui/data/gui-test-scheme.xml" \
           "transcript rename $f P01 --title renamed"; do
    # shellcheck disable=SC2086
    run 1 $w
    grep -q "^$f: error: the project is read-only ($reason); nothing was changed\$" "$work/stderr" ||
      fail "[$place] '$w': not 'FILE: error: the project is read-only ($reason)': $(cat "$work/stderr")"
    ! grep -q "internal error" "$work/stderr" || fail "[$place] '$w': internal error"
  done
}

before=$(sha256sum "$p" | cut -d' ' -f1)
for place in file folder both; do
  case $place in
    file)   chmod 444 "$p"; chmod 755 "$d"; reason="the file is read-only" ;;
    folder) chmod 644 "$p"; chmod 555 "$d"; reason="its folder is read-only" ;;
    both)   chmod 444 "$p"; chmod 555 "$d"; reason="the file is read-only" ;;
  esac
  reads_and_writes "$p"
  [ "$(ls -A "$d")" = study.attune ] || fail "[$place] left beside the project: $(ls -A "$d")"
  [ "$(sha256sum "$p" | cut -d' ' -f1)" = "$before" ] || fail "[$place] the project was changed"
  # Write access back: the user writes, and nothing stands in the way.
  chmod 644 "$p"; chmod 755 "$d"
  run 0 coder add "$p" "writer-after-$place"
  [ "$(ls -A "$d")" = study.attune ] || fail "[$place] the writer left: $(ls -A "$d")"
  before=$(sha256sum "$p" | cut -d' ' -f1)
done

# A read-only mount: root is bound by it too, so no user switch is needed.
place=mount
if [ "$(id -u)" -eq 0 ] && mkdir "$work/view" && mount --bind "$d" "$work/view" 2>/dev/null; then
  mounted=1
  if mount -o remount,ro,bind "$work/view" 2>/dev/null; then
    as_user() { "$@"; }
    reason="it is on a read-only file system"
    reads_and_writes "$work/view/study.attune"
    [ "$(ls -A "$d")" = study.attune ] || fail "[mount] left beside the project: $(ls -A "$d")"
    echo "read-only mount: checked"
  else
    echo "note: a read-only remount is not permitted here; the mount case was not run"
  fi
  umount "$work/view"; mounted=
else
  echo "note: mount is not permitted here; the mount case was not run"
fi
echo "PASS: read-only projects are read, never written, and leave nothing behind"
