#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reads the .sav, .dta and .xlsx files write_table_formats_sample writes with tools that share
# no code with Attune's writers' callers, and compares them cell by cell with the sample table
# (tests/core/io/sample_table.h): .sav with ReadStat's command-line tools (readstat, which
# prints metadata and CSV, and extract_metadata, which prints value labels and missing codes),
# .dta with pandas' own Stata reader, .xlsx with openpyxl.
#
#   read_table_formats.py WRITER
import csv
import io
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd

NAMES = ["transcript", "coder", "ideal_m", "class"]
LABELS = {
    "transcript": "Transcript name",
    "coder": "Coder (Kodierer)",
    "ideal_m": "Idéalisation de la mère (aai-state-of-mind 1.0)",
    "class": "Classification",
}
# None is system-missing.
ROWS = [
    ["t01", "anna", 5.5, 1.0],
    ["t02 Ängste", "björn", -9.0, 4.0],
    ["t03", "", None, None],
    ["t04 idéalisation", "anna", 9.0, 2.0],
]
IDEAL_LABELS = {1.0: "none", 5.0: "moderate", 9.0: "extreme", -9.0: "not scorable"}
CLASS_LABELS = {1.0: "F", 2.0: "Ds", 3.0: "E", 4.0: "U – Ängste"}
FILE_LABEL = "Attune 0.9.0 wide project 0f8b6e1c 2026-12-01T18:00:00Z"

failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def check_sav(path):
    meta = run("readstat", str(path))
    check("sav encoding", "Text encoding: UTF-8" in meta, True)
    check("sav file label", f"Table label: {FILE_LABEL}" in meta, True)
    check("sav rows", "Rows: 4" in meta, True)
    rows = list(csv.reader(io.StringIO(run("readstat", str(path), "-"))))
    check("sav header", rows[0], NAMES)
    check("sav row count", len(rows) - 1, len(ROWS))
    for r, (got, want) in enumerate(zip(rows[1:], ROWS), start=1):
        for c, (g, w) in enumerate(zip(got, want)):
            where = f"sav row {r} {NAMES[c]}"
            if isinstance(w, float):
                check(where, float(g), w)
            elif w is None:
                check(where, g, "")
            else:
                check(where, g, w)
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "meta.json"
        run("extract_metadata", str(path), str(out))
        variables = {v["name"]: v for v in json.loads(out.read_text())["variables"]}
    check("sav variables", list(variables), NAMES)
    for name, label in LABELS.items():
        check(f"sav label {name}", variables[name]["label"], label)
    check("sav types", [variables[n]["type"] for n in NAMES],
          ["STRING", "STRING", "NUMERIC", "NUMERIC"])
    ideal = variables["ideal_m"]
    check("sav ideal_m decimals", ideal.get("decimals"), 1)
    check("sav ideal_m value labels",
          {c["code"]: c["label"] for c in ideal["categories"]}, IDEAL_LABELS)
    check("sav ideal_m user-missing", ideal.get("missing"), {"type": "DISCRETE", "values": [-9]})
    check("sav class value labels",
          {c["code"]: c["label"] for c in variables["class"]["categories"]}, CLASS_LABELS)
    check("sav class has no user-missing", "missing" in variables["class"], False)


def check_dta(path):
    reader = pd.io.stata.StataReader(str(path))
    raw = reader.read(convert_categoricals=False, convert_missing=True)
    check("dta file label", reader.data_label, FILE_LABEL)
    check("dta variable labels", reader.variable_labels(), LABELS)
    check("dta columns", list(raw.columns), NAMES)
    check("dta row count", len(raw), len(ROWS))
    for r, want in enumerate(ROWS):
        for c, w in enumerate(want):
            g = raw.iloc[r, c]
            where = f"dta row {r + 1} {NAMES[c]}"
            if NAMES[c] == "ideal_m" and w == -9.0:
                # The user-missing code is Stata's extended missing value .a.
                check(where, str(g), ".a")
            elif w is None:
                check(where, str(g), ".")
            else:
                check(where, g, w)
    labels = reader.value_labels()
    # pandas gives an extended missing value's label under Stata's integer code of .a.
    check("dta ideal_m value labels", labels.get("ideal_m"),
          {1: "none", 5: "moderate", 9: "extreme", 2147483622: "not scorable"})
    check("dta class value labels", labels.get("class"),
          {int(k): v for k, v in CLASS_LABELS.items()})
    cat = pd.read_stata(str(path), convert_categoricals=True)
    check("dta class as categories", [None if pd.isna(v) else v for v in cat["class"]],
          ["F", "U – Ängste", None, "Ds"])
    fmts = dict(zip(NAMES, reader.fmtlist))
    check("dta ideal_m display format", fmts["ideal_m"], "%9.1f")


def check_xlsx(path):
    book = openpyxl.load_workbook(str(path))
    check("xlsx sheets", book.sheetnames,
          ["wide", "ratings_per coder and transcrip", "dictionary", "about"])
    for name in book.sheetnames[:2]:
        ws = book[name]
        check(f"xlsx {name} frozen", ws.freeze_panes, "A2")
        header = [c.value for c in ws[1]]
        check(f"xlsx {name} header", header, NAMES)
        check(f"xlsx {name} header bold", all(c.font.b for c in ws[1]), True)
        check(f"xlsx {name} rows", ws.max_row - 1, len(ROWS))
        for r, want in enumerate(ROWS, start=2):
            for c, w in enumerate(want, start=1):
                cell = ws.cell(row=r, column=c)
                where = f"xlsx {name} {cell.coordinate}"
                if w is None or w == "":
                    check(where, cell.value, None)
                elif isinstance(w, float):
                    check(where + " type", cell.data_type, "n")
                    check(where, float(cell.value), w)
                else:
                    check(where + " type", cell.data_type, "s")
                    check(where, cell.value, w)
    dictionary = book["dictionary"]
    check("xlsx dictionary", [[c.value for c in row] for row in dictionary.iter_rows()],
          [["variable", "label"]] + [[n, LABELS[n]] for n in NAMES])
    about = {row[0].value: row[1].value for row in book["about"].iter_rows(min_row=2)}
    check("xlsx about version", about.get("exported by"), "Attune 0.9.0")
    check("xlsx about project", about.get("project uuid"), "0f8b6e1c-2d3a-4b5c-8d9e-0a1b2c3d4e5f")
    check("xlsx about time", about.get("exported at"), "2026-12-01T18:00:00Z")
    check("xlsx about filter", about.get("filter"), "coders: anna, björn")
    check("xlsx about sheet", about.get("sheet wide"),
          "One row per transcript (4 rows, 4 variables)")


def main():
    writer = sys.argv[1]
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([writer, d], check=True)
        check("files written", sorted(p.name for p in Path(d).iterdir()),
              ["wide.dta", "wide.sav", "wide.xlsx"])
        check_sav(Path(d) / "wide.sav")
        check_dta(Path(d) / "wide.dta")
        check_xlsx(Path(d) / "wide.xlsx")
    for f in failures:
        print("FAIL", f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
