#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `attune-cli disagreements` and `resolve` end to end (docs/team-workflow.md "Reconciling into a
# consensus"): a project built with the CLI (coders a, b, master m), every kind of disagreement
# in text and JSON with stable ids, a decision with each --take, decided ones hidden unless
# --all, exit 1 (unknown id, decided twice, unknown coder), exit 2 (usage), and `agree` with each
# coder against the consensus, which is not pooled.
# Usage: consensus_cli.sh ATTUNE_CLI SOURCE_DIR
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
contains() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }
lacks() { if grep -q -- "$2" "$1"; then fail "$1 has '$2': $(cat "$1")"; fi; }
# The id of the first listed disagreement of kind $1 (and matching $2) in $WORK/list.
id_of() { grep -- "	$1	" "$WORK/list" | grep -- "${2:-}" | head -n 1 | cut -f 1; }

P="$WORK/c.attune"
printf '[Q1]\nI: Tell me about your childhood.\nR: I dont remember anything.\n[Q2]\nI: Describe your mother.\nR: She was wonderful, always there.\n' >"$WORK/t.txt"
expect 0 new "$P"
expect 0 scheme add "$P" "$SRC/schemes/aai-state-of-mind.xml"
for c in a b m; do expect 0 coder add "$P" $c; done
expect 0 import "$P" "$WORK/t.txt" --participant T1
expect 0 import "$P" "$WORK/t.txt" --participant T2 --allow-duplicate
expect 0 classify "$P" T1 --coder a --category F3
expect 0 classify "$P" T1 --coder b --category F3
expect 0 classify "$P" T2 --coder a --category E
expect 0 classify "$P" T2 --coder b --category F
expect 0 classify "$P" T2 --coder m --category E
expect 0 rate "$P" T1 --coder a --scale metacognition --value 5
expect 0 rate "$P" T1 --coder b --scale metacognition --value 7
expect 0 rate "$P" T2 --coder a --scale metacognition --value 3
expect 0 rate "$P" T2 --coder b --scale metacognition --value 3.5
# T1 line 3 is [38, 66): a marks it, b from 41 (boundary); a alone marks line 6; b alone T2 line 3.
expect 0 code "$P" T1 --coder a --code lack-of-recall --lines 3-3
expect 0 code "$P" T1 --coder b --code lack-of-recall --start 41 --end 66
expect 0 code "$P" T1 --coder a --code idealization-mother --lines 6-6
expect 0 code "$P" T2 --coder b --code lack-of-recall --lines 3-3

# Three coders of role coder: which two must be said.
expect 1 disagreements "$P"
contains "$WORK/err" "--coders A,B"
expect 1 disagreements "$P" --coders a,zz
contains "$WORK/err" "no coder 'zz'"
expect 2 disagreements "$P" --coders a,b --format csv

expect 0 disagreements "$P" --coders a,b
cp "$WORK/out" "$WORK/list"
contains "$WORK/list" '^Disagreements of a (A) and b (B): '
contains "$WORK/list" '	boundary	T1	lines 3	aai-state-of-mind	A: lack-of-recall \[38, 66)	B: lack-of-recall \[41, 66)$'
contains "$WORK/list" '	only-a	T1	lines 6	'
contains "$WORK/list" '	only-b	T2	lines 3	aai-state-of-mind	A: -	B: lack-of-recall'
contains "$WORK/list" '	rating	T1	metacognition	aai-state-of-mind	A: 5	B: 7$'
contains "$WORK/list" '	rating	T2	metacognition	aai-state-of-mind	A: 3	B: 3.5$'
contains "$WORK/list" '	classification	T2	aai-3way	aai-state-of-mind	A: E (E)	B: F (F)$'
lacks "$WORK/list" '	classification	T1	'
# --min-difference 1: the half-point difference is not listed.
expect 0 disagreements "$P" --coders a,b --min-difference 1
lacks "$WORK/out" 'A: 3	B: 3.5'
contains "$WORK/out" 'A: 5	B: 7'

expect 0 disagreements "$P" --coders a,b --format json
cp "$WORK/out" "$WORK/list.json"
python3 - "$WORK/list.json" "$WORK/list" <<'PY' || fail "disagreements json"
import json, re, sys
items = json.load(open(sys.argv[1]))
assert isinstance(items, list) and items, items
for d in items:
    for key in ("id", "kind", "transcript", "lines", "a", "b", "decision"):
        assert key in d, (key, d)
    assert re.fullmatch(r"[prc]-[0-9a-f]{10}", d["id"]), d["id"]
    assert d["a"]["coder"] == "a" and d["b"]["coder"] == "b", d
    assert d["decision"] is None
kinds = sorted({d["kind"] for d in items})
assert kinds == ["boundary", "classification", "only-a", "only-b", "rating"], kinds
b = [d for d in items if d["kind"] == "boundary"][0]
assert b["lines"] == [3, 3] and b["a"]["start"] == 38 and b["b"]["start"] == 41, b
assert b["transcript"]["name"] == "T1" and b["record"] == "passage", b
only_b = [d for d in items if d["kind"] == "only-b"][0]
assert only_b["a"]["uuid"] is None and only_b["b"]["code"] == "lack-of-recall", only_b
# The text listing names the same ids.
text_ids = [line.split("\t")[0] for line in open(sys.argv[2]).read().splitlines()[1:]]
assert text_ids == [d["id"] for d in items], (text_ids, items)
PY
# The same project lists the same ids, with the coders in either order.
expect 0 disagreements "$P" --coders b,a --format json
python3 - "$WORK/list.json" "$WORK/out" <<'PY' || fail "ids stable"
import json, sys
one = json.load(open(sys.argv[1])); two = json.load(open(sys.argv[2]))
assert sorted(d["id"] for d in one) == sorted(d["id"] for d in two)
PY

BOUNDARY=$(id_of boundary)
ONLY_A=$(id_of only-a)
ONLY_B=$(id_of only-b)
RATING=$(id_of rating 'A: 5')
THREE=$(id_of classification aai-3way)
TWO=$(id_of classification aai-2way)
[ -n "$BOUNDARY" ] && [ -n "$ONLY_A" ] && [ -n "$ONLY_B" ] && [ -n "$RATING" ] && [ -n "$THREE" ] &&
    [ -n "$TWO" ] || fail "ids not found in: $(cat "$WORK/list")"

# Usage: exit 2, nothing recorded.
expect 2 resolve "$P" "$BOUNDARY" --reason x
expect 2 resolve "$P" "$BOUNDARY" --take A
expect 2 resolve "$P" "$BOUNDARY" --take maybe --reason x
expect 2 resolve "$P" "$BOUNDARY" --take value --reason x
expect 2 resolve "$P" "$BOUNDARY" --take A 7 --reason x
# Bad data: exit 1.
expect 1 resolve "$P" p-0000000000 --take A --reason x
contains "$WORK/err" "no disagreement 'p-0000000000'"
expect 1 resolve "$P" "$RATING" --take both --reason x
expect 1 resolve "$P" "$RATING" --take value 42 --reason x
expect 1 resolve "$P" "$BOUNDARY" --take value no-such-code:38-66 --reason x

# A scheme version declaring consensus reasons: a declared id prints its label.
sed -e 's|<version>1.0</version>|<version>1.1</version>|' \
    -e 's|^</scheme>|  <consensus-reasons>\n    <reason id="late-start">The passage starts mid-sentence</reason>\n  </consensus-reasons>\n</scheme>|' \
    "$SRC/schemes/aai-state-of-mind.xml" >"$WORK/reasons.xml"
expect 0 scheme add "$P" "$WORK/reasons.xml"

# Each take.
expect 0 resolve "$P" "$BOUNDARY" --take A --reason late-start
contains "$WORK/out" '^consensus passage '
contains "$WORK/out" '^reason late-start: The passage starts mid-sentence$'
expect 0 resolve "$P" "$ONLY_A" --take B --reason "not idealising"
expect 0 resolve "$P" "$ONLY_B" --take both --reason "a missed it"
expect 0 resolve "$P" "$RATING" --take value 6 --reason midway --note "talked it through"
contains "$WORK/out" '^consensus rating '
expect 0 resolve "$P" "$THREE" --take A --reason "dismissing"
expect 0 resolve "$P" "$TWO" --take neither --reason "same as three-way"
# Decided twice: refused.
expect 1 resolve "$P" "$BOUNDARY" --take B --reason again
contains "$WORK/err" "was decided already"

# Decided ones are hidden, or listed with their decision under --all.
expect 0 disagreements "$P" --coders a,b
lacks "$WORK/out" "^$BOUNDARY"
contains "$WORK/out" ' 6 decided (--all lists them)'
expect 0 disagreements "$P" --coders a,b --all
contains "$WORK/out" "^$BOUNDARY	.*	decided: accept-a$"
contains "$WORK/out" "^$ONLY_A	.*	decided: accept-b$"
contains "$WORK/out" "^$RATING	.*	decided: edited$"
contains "$WORK/out" "^$TWO	.*	decided: neither$"
expect 0 disagreements "$P" --coders a,b --all --format json
python3 - "$WORK/out" "$RATING" <<'PY' || fail "decision in json"
import json, sys
d = [x for x in json.load(open(sys.argv[1])) if x["id"] == sys.argv[2]][0]
assert d["decision"]["decision"] == "edited" and d["decision"]["reason"] == "midway", d
assert d["decision"]["note"] == "talked it through" and len(d["decision"]["results"]) == 1, d
assert d["decision"]["reason_label"] is None, d
PY

# The consensus coder: made on demand, one of it.
expect 0 coder list "$P" --format json
python3 - "$WORK/out" <<'PY' || fail "consensus coder"
import json, sys
coders = json.load(open(sys.argv[1]))
roles = {c["name"]: c["role"] for c in coders}
assert roles["consensus"] == "consensus" and list(roles.values()).count("consensus") == 1, roles
PY
# The consensus's records: a's boundary passage, b's T2 passage, the edited rating.
expect 0 annotations "$P" T1 --coder consensus
contains "$WORK/out" 'lack-of-recall'

# agree: each coder against the consensus, neither it nor the master pooled.
expect 0 agree "$P" --master m --format json
python3 - "$WORK/out" <<'PY' || fail "agree vs consensus"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["coders"] == ["a", "b"] and d["master"] == "m" and d["consensus"] == "consensus", d
three = [c for c in d["classifications"] if c["collapsing"] == "aai-3way"][0]
assert [(p["coder_a"], p["coder_b"]) for p in three["pairs"]] == [("a", "b")], three["pairs"]
vs = [(p["coder_a"], p["coder_b"], p["agree"], p["n"]) for p in three["vs_consensus"]]
assert vs == [("a", "consensus", 1, 1), ("b", "consensus", 0, 1)], vs
assert three["kappa"]["metric"] == "cohen-kappa", three["kappa"]
PY
expect 0 agree "$P" --master m
contains "$WORK/out" 'a agrees with consensus (consensus) on 1 of 1 three-way classifications, 100.0%'
contains "$WORK/out" '; consensus consensus'

# accept-identical: the passages a and b marked alike (T3), in one step; again: none left.
expect 0 import "$P" "$WORK/t.txt" --participant T3 --allow-duplicate
expect 0 code "$P" T3 --coder a --code lack-of-recall --lines 3-3
expect 0 code "$P" T3 --coder b --code lack-of-recall --lines 3-3
expect 0 code "$P" T3 --coder a --code idealization-mother --lines 6-6
expect 0 accept-identical "$P" --coders a,b --transcripts T3 --reason same
contains "$WORK/out" '^accepted 1 identical passage$'
expect 0 annotations "$P" T3 --coder consensus --format json
python3 - "$WORK/out" <<'PY' || fail "accept-identical"
import json, sys
made = json.load(open(sys.argv[1]))
assert [(a["code"], a["start"], a["end"]) for a in made] == [("lack-of-recall", 38, 66)], made
PY
expect 0 accept-identical "$P" --coders a,b
contains "$WORK/out" '^accepted 0 identical passages$'
# The only-a passage on T3 is still a disagreement, open.
expect 0 disagreements "$P" --coders a,b --transcripts T3
contains "$WORK/out" '	only-a	T3	lines 6	'
expect 1 accept-identical "$P" --coders a,zz

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "disagreements and resolve: all checks passed"
