#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile input to attune-cli (issue 17): devices and endless files, overflowing continua, huge
# ratings, names with control characters, damaged project files, racing `new`. Every case must
# end in exit 0/1/2 with a clear message, never exit 70 or "internal error".
# Usage: hostile_cli.sh ATTUNE_CLI
set -u
CLI=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# The address-space cap is what proves a reader bounded. AddressSanitizer reserves terabytes of
# shadow address space at start and cannot run under any such cap: a sanitizer build checks the
# same cases for memory errors, and the ordinary build checks the bound.
LIMIT_KB=1048576
if ldd "$CLI" 2>/dev/null | grep -q libasan; then LIMIT_KB=unlimited; fi
# expect CODE CMD...: runs the CLI (at most 30 s, 1 GiB of address space), checks the exit code.
expect() {
    want=$1; shift
    (ulimit -v $LIMIT_KB; exec timeout 30 "$CLI" "$@") >"$WORK/out" 2>"$WORK/err"
    got=$?
    [ "$got" -eq "$want" ] ||
        fail "attune-cli $(echo "$*" | head -c 200) exited $got, expected $want: $(head -c 300 "$WORK/err")"
    if grep -q "internal error" "$WORK/err"; then fail "attune-cli $*: $(cat "$WORK/err")"; fi
}
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 300 "$1")"; }
lacks() { ! grep -q -- "$2" "$1" || fail "$1 has '$2': $(head -c 300 "$1")"; }

# --- D11: a device is refused before reading; a pipe is read, within the size cap.
expect 1 agree --table /dev/zero --metric fleiss-kappa
contains "$WORK/err" "/dev/zero: error: not a regular file"
P="$WORK/p.attune"
expect 0 new "$P"
ln -s /dev/zero "$WORK/zero.txt"
expect 1 import "$P" "$WORK/zero.txt"
contains "$WORK/err" "not a regular file"
expect 1 scheme add "$P" /dev/zero
contains "$WORK/err" "not a regular file"
expect 1 scheme validate /dev/zero
contains "$WORK/err" "not a regular file"
mkfifo "$WORK/fifo.csv"
# (the writer gives up after 60 s, so a CLI that never opens the pipe cannot hang the test)
timeout 60 sh -c 'printf "unit,A,B\n1,1,1\n2,2,2\n3,1,2\n" >"$1"' sh "$WORK/fifo.csv" &
expect 0 agree --table "$WORK/fifo.csv" --metric percent-agreement
wait
# A pipe that never ends stops at the 64 MiB cap.
mkfifo "$WORK/endless.csv"
(yes '1,1,1' 2>/dev/null >"$WORK/endless.csv") &
writer=$!
expect 1 agree --table "$WORK/endless.csv" --metric percent-agreement
contains "$WORK/err" "larger than the limit of 67108864 bytes"
kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null

# --- D9: a continuum whose length overflows int64 is a usage error, not alpha-u = 1.
printf 'coder,start,end,code\ni,0,10,c\nj,5,15,c\n' >"$WORK/s.csv"
expect 2 agree --spans "$WORK/s.csv" --metric alpha-u --continuum=-9223372036854775808,9223372036854775807
contains "$WORK/err" "code points long; the limit is"
expect 0 agree --spans "$WORK/s.csv" --metric alpha-u --continuum 0,100

# --- D10: ratings near 1e308 overflow; the result is undefined with a reason, never nan.
printf 'unit,A,B\n1,1e308,-1e308\n2,-1e308,1e308\n3,1e308,1e308\n4,0,-1e308\n' >"$WORK/big.csv"
for m in "krippendorff-alpha --level interval" pearson; do
    # shellcheck disable=SC2086
    expect 0 agree --table "$WORK/big.csv" --metric $m
    lacks "$WORK/out" "nan"
    contains "$WORK/out" "overflowed"
    # shellcheck disable=SC2086
    expect 0 agree --table "$WORK/big.csv" --metric $m --format json
    lacks "$WORK/out" "nan"
    contains "$WORK/out" '"reason":"an intermediate result overflowed'
done

# --- D8: names are one visible NFC line of at most 200 characters.
for bad in "$(printf 'a\tb')" "$(printf 'a\nb')" "$(printf 'a\033[31mred')" "$(printf 'bell\007')" \
           "$(printf '\342\200\213')" "$(printf '%5000s' '' | tr ' ' y)"; do
    expect 1 coder add "$P" "$bad"
    contains "$WORK/err" "a coder name"
done
expect 0 coder add "$P" "$(printf 'Ren\303\251')"   # NFC é
expect 1 coder add "$P" "$(printf 'Rene\314\201')"  # NFD é: the same name
contains "$WORK/err" "exists already"
expect 0 coder list "$P"
[ "$(wc -l <"$WORK/out")" -eq 2 ] || fail "coder list: $(cat "$WORK/out")"   # header + René
printf 'I: Hello.\nR: Hi.\n' >"$WORK/t.txt"
expect 1 import "$P" "$WORK/t.txt" --participant "$(printf 'P\t1')"
contains "$WORK/err" "a participant id"
# A file name with a newline or TAB stays on its one output line, escaped.
cp "$WORK/t.txt" "$WORK/$(printf 'new\nline.txt')"
expect 0 import "$P" "$WORK/$(printf 'new\nline.txt')"
[ "$(wc -l <"$WORK/out")" -eq 1 ] || fail "import printed $(cat "$WORK/out")"
contains "$WORK/out" 'new\\nline.txt'
expect 0 transcripts "$P"
[ "$(wc -l <"$WORK/out")" -eq 2 ] || fail "transcripts printed $(cat "$WORK/out")"   # header + 1

# --- D6: a damaged project file is bad input: exit 1 and FILE: error:, for every read.
D="$WORK/damaged.attune"
expect 0 import "$P" "$WORK/t.txt" --participant P1 --allow-duplicate   # the same text again
cp "$P" "$D"
# Page 2 holds the settings table's root; overwrite it so every query meets the damage.
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
    dd of="$D" bs=1 seek=4096 conv=notrunc 2>/dev/null
for cmd in transcripts annotations agree "search hello"; do
    set -- $cmd
    name=$1; shift
    expect 1 "$name" "$D" "$@"
    contains "$WORK/err" "$D: error: "
done

# --- D13: two `new` of one file at once: one creates it, the other says it exists.
i=0
while [ $i -lt 30 ]; do
    N="$WORK/n$i.attune"
    "$CLI" new "$N" >"$WORK/a.out" 2>"$WORK/a.err" & a=$!
    "$CLI" new "$N" >"$WORK/b.out" 2>"$WORK/b.err" & b=$!
    wait $a; ra=$?
    wait $b; rb=$?
    [ $((ra + rb)) -eq 1 ] || fail "new raced: exits $ra and $rb: $(cat "$WORK/a.err" "$WORK/b.err")"
    cat "$WORK/a.err" "$WORK/b.err" >"$WORK/both.err"
    if [ -s "$WORK/both.err" ]; then contains "$WORK/both.err" "already exists"; fi
    i=$((i + 1))
done

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "all hostile CLI checks passed"
