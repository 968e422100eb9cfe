#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 3 acceptance, end to end: a transcript saved in each encoding imports, and `attune-cli
# text` then prints byte for byte the NFC UTF-8 original. Fixtures are made here with iconv
# (glibc), independently of ICU, which Attune uses to read them.
# Usage: encodings_cli.sh ATTUNE_CLI
set -u
CLI=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
P="$WORK/p.attune"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
"$CLI" new "$P" >/dev/null || { echo "cannot create project" >&2; exit 1; }

# check NAME ICONV_ENCODING [--encoding NAME]: converts $WORK/NAME.utf8 with iconv, imports it,
# compares `text` with the original. Several encodings of one text go into the same project on
# purpose, so the duplicate check is told so.
check() {
    name=$1; enc=$2; shift 2
    src="$WORK/$name.utf8"
    iconv -f UTF-8 -t "$enc" "$src" >"$WORK/$name.txt" || { fail "iconv to $enc"; return; }
    out=$("$CLI" import "$P" "$WORK/$name.txt" --allow-duplicate "$@" 2>"$WORK/err") ||
        { fail "import $name ($enc $*): $(cat "$WORK/err")"; return; }
    id=$(printf '%s' "$out" | cut -f1)
    "$CLI" text "$P" "$id" >"$WORK/$name.back" || { fail "text $name"; return; }
    cmp -s "$src" "$WORK/$name.back" || fail "$name ($enc $*) does not round-trip: $(od -c "$WORK/$name.back" | head -3)"
}

latin='I: Tell me about your mother, please.
R: Elle était très gentille – “toujours là”, naïve peut-être. Ça va.
I: And your father?
R: Er war streng, aber fair: Grüße, Straße, Öl, Übung.
'
printf '%s' "$latin" >"$WORK/latin.utf8"
printf '%s' "$latin" >"$WORK/latin2.utf8"
printf 'I: Расскажите о матери.\nR: Она была доброй, очень доброй. Ёлка, щи, объём.\n' >"$WORK/cyr.utf8"
printf 'I: Opowiedz o matce.\nR: Była łagodna, żółć, gęś, źdźbło.\n' >"$WORK/pl.utf8"
printf 'I: お母さんについて教えてください。\nR: 母はとても優しかったです。\n' >"$WORK/ja.utf8"
printf 'I: 请谈谈你的母亲。\nR: 她很温柔，总是在我身边。\n' >"$WORK/zh.utf8"
printf 'I: Πείτε μου για τη μητέρα σας.\nR: Ήταν τρυφερή και ήσυχη.\n' >"$WORK/el.utf8"
for n in ja zh el; do cp "$WORK/$n.utf8" "$WORK/${n}b.utf8"; done

# Unicode: detected (BOM, or UTF-16 without BOM from its NULs).
check latin UTF-8
check latin2 UTF-16 # glibc writes a BOM
check ja UTF-16LE
check zh UTF-16BE --encoding UTF-16BE
check el UTF-32 # with BOM
# Legacy encodings: named explicitly (detection of a few words is only a guess).
check cyr KOI8-R --encoding KOI8-R
cp "$WORK/cyr.utf8" "$WORK/cyr5.utf8"; check cyr5 ISO-8859-5 --encoding ISO-8859-5
cp "$WORK/cyr.utf8" "$WORK/cyr1251.utf8"; check cyr1251 WINDOWS-1251 --encoding windows-1251
check pl ISO-8859-2 --encoding ISO-8859-2
cp "$WORK/latin.utf8" "$WORK/w1252.utf8"; check w1252 WINDOWS-1252 --encoding windows-1252
check jab SHIFT_JIS --encoding Shift_JIS
cp "$WORK/ja.utf8" "$WORK/jaeuc.utf8"; check jaeuc EUC-JP --encoding EUC-JP
check zhb GB18030 --encoding GB18030
printf 'I: 請談談你的母親。\nR: 她很溫柔，總是在我身邊。\n' >"$WORK/zhbig5.utf8"
check zhbig5 BIG5 --encoding Big5
check elb ISO-8859-7 --encoding ISO-8859-7

# NFD input comes back as NFC.
printf 'R: tre\314\200s\n' >"$WORK/nfd.txt"
printf 'R: tr\303\250s\n' >"$WORK/nfc.expected"
id=$("$CLI" import "$P" "$WORK/nfd.txt" 2>/dev/null | cut -f1)
"$CLI" text "$P" "$id" >"$WORK/nfd.back"
cmp -s "$WORK/nfc.expected" "$WORK/nfd.back" || fail "NFD not composed: $(od -c "$WORK/nfd.back")"

# Invalid UTF-8 names its byte offset and imports nothing.
before=$("$CLI" transcripts "$P" | wc -l)
printf 'R: ok \377 bad\n' >"$WORK/bad.txt"
"$CLI" import "$P" "$WORK/bad.txt" --encoding UTF-8 >/dev/null 2>"$WORK/err" && fail "invalid UTF-8 imported"
grep -q "byte offset 6" "$WORK/err" || fail "invalid UTF-8 error lacks the offset: $(cat "$WORK/err")"
[ "$("$CLI" transcripts "$P" | wc -l)" -eq "$before" ] || fail "a failed import left a transcript"

[ "$failures" -eq 0 ] && echo "all encoding round trips passed"
[ "$failures" -eq 0 ]
