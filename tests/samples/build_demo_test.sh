#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the demo project from scratch with samples/build-demo and checks it against the data in
# samples/coding/: every coder's passages (code and span), ratings and classification are in the
# project, row for row; every passage's offsets lie inside its transcript; build-demo refuses to
# overwrite and rejects a usage error.
#   build_demo_test.sh ATTUNE_CLI SOURCE_DIR
set -u
CLI=$1
SRC=$2
SAMPLES=$SRC/samples
export LC_ALL=C.UTF-8
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
status=0
fail()
{
    echo "FAIL: $*" >&2
    status=1
}

OUT=$T/demo.attune
if ! ATTUNE_CLI=$CLI "$SAMPLES/build-demo" "$OUT" >"$T/build.out" 2>"$T/build.err"; then
    cat "$T/build.err" >&2
    echo "FAIL: build-demo failed" >&2
    exit 1
fi
[ -f "$OUT" ] || { echo "FAIL: build-demo did not create $OUT" >&2; exit 1; }
grep -q "^built $OUT" "$T/build.out" || fail "no summary line"

# Refuses to overwrite, and leaves the existing project alone.
before=$(cksum <"$OUT")
ATTUNE_CLI=$CLI "$SAMPLES/build-demo" "$OUT" >/dev/null 2>"$T/again.err"
rc=$?
[ $rc -eq 1 ] || fail "second build-demo into the same file exited $rc, expected 1"
grep -q "already exists" "$T/again.err" || fail "no 'already exists' message: $(cat "$T/again.err")"
[ "$(cksum <"$OUT")" = "$before" ] || fail "existing project was changed by the refused run"
ATTUNE_CLI=$CLI "$SAMPLES/build-demo" >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ] || fail "build-demo without OUT exited $rc, expected 2"

"$CLI" transcripts "$OUT" >"$T/transcripts.tsv" || fail "attune-cli transcripts failed"
ntranscripts=0
for file in "$SAMPLES"/transcripts/P[0-9][0-9]-*; do
    [ -f "$file" ] || continue
    name=$(basename "$file")
    stem=${name%.*}
    ntranscripts=$((ntranscripts + 1))
    awk -F '\t' -v p="${stem%%-*}" -v t="${stem#*-}" \
        '$2 == t && $3 == p { found = 1 } END { exit !found }' "$T/transcripts.tsv" ||
        fail "$name: not imported as participant ${stem%%-*}, title ${stem#*-}"
done
[ "$(($(wc -l <"$T/transcripts.tsv") - 1))" -eq "$ntranscripts" ] ||
    fail "project holds $(($(wc -l <"$T/transcripts.tsv") - 1)) transcripts, samples/ has $ntranscripts"

# Plain-text transcripts round-trip: the stored text is the UTF-8 source (for the legacy-encoded
# ones, transcripts/source/STEM.utf8.txt) or the file itself without a UTF-8 BOM.
bom=$(printf '\357\273\277')
for file in "$SAMPLES"/transcripts/P[0-9][0-9]-*.txt; do
    [ -f "$file" ] || continue
    stem=$(basename "$file" .txt)
    want=$SAMPLES/transcripts/source/$stem.utf8.txt
    if [ ! -f "$want" ]; then
        want=$T/$stem.want
        sed "1s/^$bom//" "$file" >"$want"
    fi
    "$CLI" text "$OUT" "${stem%%-*}" >"$T/$stem.got" 2>/dev/null
    cmp -s "$want" "$T/$stem.got" || fail "$stem: 'attune-cli text' differs from the source text"
done

# Normalises a rating value so that 7, 7.0 and 7.00 compare equal.
norm_value()
{
    case $1 in
        not-scorable) echo not-scorable ;;
        *) awk -v v="$1" 'BEGIN { printf "%g\n", v + 0 }' ;;
    esac
}

ncoded=0
for dir in "$SAMPLES"/coding/P[0-9][0-9]-*; do
    [ -d "$dir" ] || continue
    stem=$(basename "$dir")
    p=${stem%%-*}
    ncoded=$((ncoded + 1))
    if ! "$CLI" text "$OUT" "$p" >"$T/$p.txt" 2>/dev/null; then
        fail "$stem: coding data without an imported transcript"
        continue
    fi
    length=$(wc -m <"$T/$p.txt")
    [ "$length" -gt 1000 ] || fail "$stem: stored text has only $length code points"

    # Every offset pair is inside the transcript and non-empty.
    line=1
    tail -n +2 "$dir/passages.csv" | while IFS=, read -r _ _ _ start end _; do
        line=$((line + 1))
        case $start$end in *[!0-9]*|'') echo "$dir/passages.csv:$line: bad offsets" ;; esac
        if [ "$start" -ge "$end" ] || [ "$end" -gt "$length" ]; then
            echo "$dir/passages.csv:$line: [$start,$end) not inside the $length code points"
        fi
    done >"$T/offsets.err"
    [ -s "$T/offsets.err" ] && fail "$(cat "$T/offsets.err")"

    for coder in $(tail -n +2 "$dir/passages.csv" "$dir/ratings.csv" "$dir/classification.csv" \
                   2>/dev/null | grep -v '^==>' | cut -d, -f1 | grep . | sort -u); do
        case $coder in coder-a|coder-b|master) ;; *) fail "$stem: unknown coder '$coder'" ;; esac

        # Passages: the same scheme, code, span and memo, row for row. In the project's CSV
        # only the memo (field 10) can hold commas, so it is what is left after the first nine
        # and before the last two fields (created, modified), unquoted.
        grep "^$coder," "$dir/passages.csv" | cut -d, -f2- | sort >"$T/want.p"
        "$CLI" annotations "$OUT" "$p" --coder "$coder" --format csv >"$T/ann.csv" ||
            fail "$stem $coder: attune-cli annotations failed"
        tail -n +2 "$T/ann.csv" | tr -d '\r' | sed 's/,[^,]*,[^,]*$//' |
            awk -F, '{ memo = $0; for (i = 0; i < 9; i++) sub(/^[^,]*,/, "", memo)
                       gsub(/^"|"$/, "", memo); print $4 "," $5 "," $6 "," $7 "," memo }' |
            sort >"$T/got.p"
        [ "$(wc -l <"$T/want.p")" -eq "$(wc -l <"$T/got.p")" ] ||
            fail "$stem $coder: $(wc -l <"$T/want.p") passages in passages.csv, $(wc -l <"$T/got.p") in the project"
        cmp -s "$T/want.p" "$T/got.p" ||
            fail "$stem $coder: passages differ: $(diff "$T/want.p" "$T/got.p" | head -5)"

        # Ratings: show prints 'rating SCHEME:SCALE[/TARGET] = VALUE'.
        "$CLI" show "$OUT" "$p" --coder "$coder" >"$T/show.txt" ||
            fail "$stem $coder: attune-cli show failed"
        : >"$T/want.r"
        grep "^$coder," "$dir/ratings.csv" | while IFS=, read -r _ scheme scale target value _; do
            echo "rating $scheme:$scale${target:+/$target} = $(norm_value "$value")"
        done | sort >"$T/want.r"
        grep '^rating ' "$T/show.txt" | while read -r w key eq value; do
            echo "$w $key $eq $(norm_value "$value")"
        done | sort >"$T/got.r"
        [ "$(wc -l <"$T/want.r")" -eq "$(wc -l <"$T/got.r")" ] ||
            fail "$stem $coder: $(wc -l <"$T/want.r") ratings in ratings.csv, $(wc -l <"$T/got.r") in the project"
        cmp -s "$T/want.r" "$T/got.r" ||
            fail "$stem $coder: ratings differ: $(diff "$T/want.r" "$T/got.r" | head -5)"

        # Classification: 'classification SCHEME: CATEGORY[ sub S][ unresolved U][ alternative A]'.
        want_n=$(grep -c "^$coder," "$dir/classification.csv")
        got_n=$(grep -c '^classification ' "$T/show.txt")
        [ "$want_n" -eq "$got_n" ] ||
            fail "$stem $coder: $want_n classifications in classification.csv, $got_n in the project"
        grep "^$coder," "$dir/classification.csv" |
            while IFS=, read -r _ scheme category unresolved alternative _; do
                re="^classification $scheme: ($category|[A-Za-z]+ sub $category)"
                [ -z "$unresolved" ] || re="$re unresolved $unresolved"
                [ -z "$alternative" ] || re="$re alternative $alternative"
                # (show ends the line with ' note: …' when the classification has a note)
                grep -Eq "$re( note: .*)?\$" "$T/show.txt" ||
                    echo "$stem $coder: classification '$category${unresolved:+ $unresolved}${alternative:+ $alternative}' not in the project: $(grep '^classification ' "$T/show.txt")"
            done >"$T/class.err"
        [ -s "$T/class.err" ] && fail "$(cat "$T/class.err")"
    done
done
[ "$ncoded" -gt 0 ] || fail "no coding data in $SAMPLES/coding"

# The per-coder totals in 'coder list' equal the data files' rows.
"$CLI" coder list "$OUT" >"$T/coders.tsv" || fail "attune-cli coder list failed"
for coder in coder-a coder-b master; do
    want=$(cat "$SAMPLES"/coding/*/passages.csv | grep -c "^$coder,")
    got=$(awk -F '\t' -v c="$coder" '$2 == c { print $4 }' "$T/coders.tsv")
    [ "$want" = "$got" ] || fail "$coder: $want passages in the data, coder list says '$got'"
    want=$(cat "$SAMPLES"/coding/*/ratings.csv | grep -c "^$coder,")
    got=$(awk -F '\t' -v c="$coder" '$2 == c { print $5 }' "$T/coders.tsv")
    [ "$want" = "$got" ] || fail "$coder: $want ratings in the data, coder list says '$got'"
done

[ $status -eq 0 ] && echo "demo project matches samples/coding ($ncoded transcripts coded, $ntranscripts imported)"
exit $status
