#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli export` (docs/export.md): CSV and JSON of a small project read back with Python's
# csv and json modules; exit 1 on an unknown coder, transcript or scheme and 2 on usage errors,
# and no file (nor a temporary one) left behind by a failed export.
# Usage: export_cli.sh ATTUNE_CLI SOURCE_DIR
set -u
CLI=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() {
    want=$1; shift
    "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "attune-cli $* exited $got, expected $want: $(cat "$WORK/err")"
}
nothing_left() {
    left=$(ls -A "$WORK/x" 2>/dev/null)
    [ -z "$left" ] || fail "a failed export left: $left"
}

P="$WORK/p.attune"
printf 'I: Tell me about your mother.\nR: She was wonderful, always there.\n' >"$WORK/a.txt"
expect 0 new "$P"
expect 0 coder add "$P" alice
expect 0 coder add "$P" bob
expect 0 scheme add "$P" "$SRC/schemes/aai-state-of-mind.xml"
expect 0 import "$P" "$WORK/a.txt" --participant P1
expect 0 code "$P" P1 --coder alice --code idealization-mother --lines 2
expect 0 code "$P" P1 --coder bob --code lack-of-recall --lines 2
expect 0 rate "$P" P1 --coder alice --scale idealization --target mother --value 6.5
expect 0 rate "$P" P1 --coder alice --scale passivity --value not-scorable
expect 0 classify "$P" P1 --coder alice --category Ds1

expect 0 export "$P" --dataset wide --format csv --out "$WORK/wide.csv"
expect 0 export "$P" --dataset wide --format csv --excel --out "$WORK/wide-excel.csv"
expect 0 export "$P" --dataset annotations --format json --out "$WORK/ann.json"
expect 0 export "$P" --dataset annotations --format json --with-text --out "$WORK/ann-text.json"
expect 0 export "$P" --dataset dictionary --format csv --out "$WORK/dict.csv"
expect 0 export "$P" --dataset ratings --format csv --coders bob --out "$WORK/bob.csv"

python3 - "$WORK" <<'PY' || failures=$((failures + 1))
import csv, json, sys
work = sys.argv[1]
def check(cond, what):
    if not cond:
        print("FAIL:", what, file=sys.stderr)
        sys.exit(1)
with open(f"{work}/wide.csv", newline="", encoding="utf-8") as f:
    rows = {r["coder"]: r for r in csv.DictReader(f)}
a, b = rows["alice"], rows["bob"]
check(a["participant"] == "P1", "participant")
check(a["idealization_mother"] == "6.5", "alice idealization_mother")
check(a["passivity"] == "-9", "not scorable is -9")
check(b["passivity"] == "", "bob has no rating: empty")
check(a["aai_category"] == "2" and a["aai_subcategory"] == "6", "Ds1 = category 2, subcategory 6")
check(a["aai_3way"] == "2", "3-way Ds")
check(b["n_lack_of_recall"] == "1", "code count")
raw = open(f"{work}/wide-excel.csv", "rb").read()
check(raw.startswith(b"\xef\xbb\xbfparticipant,") and b"\r\n" in raw, "excel: BOM and CRLF")
check(b"\r" not in open(f"{work}/wide.csv", "rb").read(), "plain CSV: LF")
doc = json.load(open(f"{work}/ann.json", encoding="utf-8"))
check(doc["format"] == "attune-dataset" and doc["version"] == 1, "json header")
check(list(doc)[:3] == ["format", "version", "dataset"], "json key order")
names = [v["name"] for v in doc["variables"]]
check("text" not in names, "no text without --with-text")
check(len(doc["rows"]) == 2, "two annotations")
check("She was wonderful" not in open(f"{work}/ann.json").read(), "no passage text leaks")
doc = json.load(open(f"{work}/ann-text.json", encoding="utf-8"))
names = [v["name"] for v in doc["variables"]]
check("text" in names and "with transcript text" in doc["info"]["filters"], "--with-text")
with open(f"{work}/dict.csv", newline="", encoding="utf-8") as f:
    d = {(r["dataset"], r["name"]): r for r in csv.DictReader(f)}
check(d[("wide", "passivity")]["missing_values"] == "-9", "dictionary: missing")
check("-9=not scorable" in d[("wide", "passivity")]["value_labels"], "dictionary: label")
with open(f"{work}/bob.csv", newline="", encoding="utf-8") as f:
    check(len(list(csv.DictReader(f))) == 0, "bob has no ratings")
PY

# --all: every dataset in the formats given, into a folder with a README.txt; a second run
# replaces it; a folder of other files is refused (exit 1) and left alone.
expect 0 export "$P" --all --format csv,sav --out "$WORK/all"
for f in README.txt wide.csv wide.sav turn-matrix.csv code-matrix.sav dictionary.csv; do
    [ -s "$WORK/all/$f" ] || fail "--all did not write $f"
done
grep -q "^wrote .*all (14 files" "$WORK/out" || fail "--all summary: $(cat "$WORK/out")"
expect 0 export "$P" --all --format xlsx --out "$WORK/all"
[ -e "$WORK/all/wide.csv" ] && fail "the second --all kept the first one's files"
[ -s "$WORK/all/datasets.xlsx" ] || fail "--all --format xlsx wrote no workbook"
mkdir "$WORK/mine" && echo notes >"$WORK/mine/notes.txt"
expect 1 export "$P" --all --format csv --out "$WORK/mine"
grep -q "holds other files" "$WORK/err" || fail "other files not named: $(cat "$WORK/err")"
[ "$(ls -A "$WORK/mine")" = "notes.txt" ] || fail "a refused --all touched the folder"
expect 0 export "$P" --dataset code-matrix --format csv --binary --out "$WORK/cm.csv"
expect 0 export "$P" --dataset wide --format sav --out "$WORK/wide.sav"
[ "$(head -c 4 "$WORK/wide.sav")" = '$FL2' ] || fail "wide.sav is not an SPSS file"
expect 0 export "$P" --dataset wide --format xlsx --out "$WORK/wide.xlsx"
[ "$(head -c 2 "$WORK/wide.xlsx")" = 'PK' ] || fail "wide.xlsx is not a zip"

# Failures: exit 1 on names the project lacks, 2 on usage; nothing written either way.
mkdir "$WORK/x"
expect 1 export "$P" --dataset wide --format csv --out "$WORK/x/w.csv" --coders nobody
expect 1 export "$P" --dataset wide --format csv --out "$WORK/x/w.csv" --transcripts P9
expect 1 export "$P" --dataset wide --format csv --out "$WORK/x/w.csv" --scheme nope
grep -q "nope" "$WORK/err" || fail "unknown scheme not named: $(cat "$WORK/err")"
expect 1 export "$WORK/missing.attune" --dataset wide --format csv --out "$WORK/x/w.csv"
expect 2 export "$P" --dataset wide --format xls --out "$WORK/x/w.xls"
expect 2 export "$P" --dataset nope --format csv --out "$WORK/x/w.csv"
expect 2 export "$P" --dataset wide --format csv
expect 2 export "$P" --dataset wide --format json --excel --out "$WORK/x/w.json"
expect 2 export "$P" --dataset wide --format csv,sav --out "$WORK/x/w.csv"
expect 2 export "$P" --dataset wide --all --format csv --out "$WORK/x/w"
expect 2 export "$P" --format csv --out "$WORK/x/w.csv"
expect 2 export "$P" --dataset project --format csv --out "$WORK/x/w.csv"
expect 2 export "$P" --dataset code-matrix --format csv --counts --binary --out "$WORK/x/w.csv"
nothing_left
expect 1 export "$P" --dataset wide --format csv --out "$WORK/x/no-dir/w.csv"
nothing_left

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "export: ok"
