#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13's loop through attune-cli only, in separate processes, as a study does it.

    team_cli.py ATTUNE_CLI SOURCE_DIR

- A project with the sample transcripts and three coders; a package per coder; each package
  coded by its own attune-cli processes with the sample corpus's coding of that coder.
- Merged in two different orders into two copies: the exports (every dataset, CSV) are the
  same; merged a second time: "nothing changed" and the file's bytes unchanged.
- The same coding done directly in one shared copy of the project gives exactly the same
  `agree --format json`.
- Tampered packages (changed transcript text; changed scheme under the same version; another
  project's package; a damaged file; not a package) are refused with exit 1 and a message naming
  the file, and the project's bytes are unchanged.
"""
import csv
import filecmp
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI, SRC = sys.argv[1], sys.argv[2]
FAILURES = []
CODERS = ["coder-a", "coder-b", "master"]
STEMS = ["P01-secure", "P03-dismissing-derogating"]


def fail(what):
    print("FAIL:", what, file=sys.stderr)
    FAILURES.append(what)


def run(*args, want=0):
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if p.returncode != want:
        fail(f"attune-cli {' '.join(map(str, args))} exited {p.returncode}, expected {want}: "
             f"{p.stderr.strip()}")
    return p


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def coding_commands(project, stem, coder):
    """The attune-cli commands that enter `coder`'s sample coding of `stem`."""
    participant = stem.split("-")[0]
    base = os.path.join(SRC, "samples", "coding", stem)
    out = []
    for r in rows(os.path.join(base, "passages.csv")):
        if r["coder"] == coder:
            cmd = ["code", project, participant, "--coder", coder, "--scheme", r["scheme"],
                   "--code", r["code"], "--start", r["start"], "--end", r["end"]]
            if r["memo"]:
                cmd += ["--memo", r["memo"]]
            out.append(cmd)
    for r in rows(os.path.join(base, "ratings.csv")):
        if r["coder"] == coder:
            cmd = ["rate", project, participant, "--coder", coder, "--scheme", r["scheme"],
                   "--scale", r["scale"], "--value", r["value"]]
            if r["target"]:
                cmd += ["--target", r["target"]]
            out.append(cmd)
    for r in rows(os.path.join(base, "classification.csv")):
        if r["coder"] == coder:
            cmd = ["classify", project, participant, "--coder", coder, "--scheme", r["scheme"],
                   "--category", r["category"]]
            if r["unresolved"]:
                cmd += ["--unresolved", r["unresolved"]]
            if r["alternative"]:
                cmd += ["--alternative", r["alternative"]]
            out.append(cmd)
    return out


def code_as(project, coder):
    n = 0
    for stem in STEMS:
        for cmd in coding_commands(project, stem, coder):
            run(*cmd)
            n += 1
    return n


def exports_equal(a, b, work, label):
    outs = []
    for i, p in enumerate((a, b)):
        out = os.path.join(work, f"export-{label}-{i}")
        run("export", p, "--all", "--format", "csv", "--out", out)
        outs.append(out)
    names = sorted(n for n in os.listdir(outs[0]) if n.endswith(".csv"))
    if not names:
        fail(f"{label}: the export wrote no CSV")
    for n in names:
        if not filecmp.cmp(os.path.join(outs[0], n), os.path.join(outs[1], n), shallow=False):
            fail(f"{label}: {n} differs between the two merge orders")


def main():
    work = tempfile.mkdtemp()
    try:
        loop(work)
        tampering(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)", file=sys.stderr)
        return 1
    return 0


def new_project(path):
    run("new", path)
    for scheme in ("aai-state-of-mind", "aai-coherence-grice", "aai-experience",
                   "aai-unresolved"):
        run("scheme", "add", path, os.path.join(SRC, "schemes", scheme + ".xml"))
    for stem in STEMS:
        run("import", path, os.path.join(SRC, "samples", "transcripts", stem + ".txt"),
            "--participant", stem.split("-")[0])
    for c in CODERS:
        run("coder", "add", path, c)


def loop(work):
    project = os.path.join(work, "study.attune")
    new_project(project)
    shared = os.path.join(work, "shared.attune")
    shutil.copyfile(project, shared)  # the same project, coded in one place

    packages = {}
    for c in CODERS:
        packages[c] = os.path.join(work, c + ".attune")
        out = run("package", project, "--coder", c, "--out", packages[c]).stdout
        if f"for coder {c} ({len(STEMS)} transcripts, 0 annotations" not in out:
            fail(f"package {c}: {out.strip()}")
    entered = {c: code_as(packages[c], c) for c in CODERS}
    for c in CODERS:
        code_as(shared, c)
        if entered[c] < 10:
            fail(f"{c}: only {entered[c]} coding commands in the sample corpus")
        # The package is blind: its coder only.
        names = [x["name"] for x in json.loads(run("coder", "list", packages[c], "--format",
                                                   "json").stdout)]
        if names != [c]:
            fail(f"package of {c} holds coders {names}")

    one = os.path.join(work, "one.attune")
    two = os.path.join(work, "two.attune")
    shutil.copyfile(project, one)
    shutil.copyfile(project, two)
    before = sha(one)
    dry = run("merge", one, *packages.values(), "--dry-run").stdout
    if "dry run: nothing was written" not in dry or sha(one) != before:
        fail(f"a dry run changed the project or did not say so: {dry}")
    merged = run("merge", one, *packages.values(), "--format", "json")
    report = json.loads(merged.stdout)
    for p in report["packages"]:
        if p["added"] == 0 or p["conflicts"] or p["refused"]:
            fail(f"first merge of {p['file']}: {p}")
    run("merge", two, packages["master"], packages["coder-a"])
    run("merge", two, packages["coder-b"])
    exports_equal(one, two, work, "order")

    # Twice: nothing changes, not even a byte.
    before = sha(one)
    again = run("merge", one, *packages.values()).stdout
    if "nothing changed" not in again or sha(one) != before:
        fail(f"merging again changed the project: {again}")

    # The packages' work merged back gives the agreement of the same work done in one place.
    # (Both name their own file under "project"; everything else must be identical.)
    def agreement(p):
        out = json.loads(run("agree", p, "--format", "json").stdout or "{}")
        out.pop("project", None)
        return json.dumps(out, sort_keys=True)
    a1, a2 = agreement(one), agreement(shared)
    if a1 == "{}" or a1 != a2:
        keep = os.environ.get("TEAM_CLI_KEEP")
        if keep:
            for name, text in (("agree-merged.json", a1), ("agree-shared.json", a2)):
                with open(os.path.join(keep, name), "w", encoding="utf-8") as f:
                    f.write(text)
        fail("agree --format json differs between the merged and the shared project")
    counts = {r["name"]: r["annotations"] for r in json.loads(
        run("coder", "list", one, "--format", "json").stdout)}
    shared_counts = {r["name"]: r["annotations"] for r in json.loads(
        run("coder", "list", shared, "--format", "json").stdout)}
    if counts != shared_counts:
        fail(f"annotations per coder {counts} != shared {shared_counts}")


def edited_copy(src, dst, statements):
    shutil.copyfile(src, dst)
    db = sqlite3.connect(dst)
    for s in statements:
        if callable(s):
            s(db)
        else:
            db.execute(s)
    db.commit()
    db.close()


def tampering(work):
    project = os.path.join(work, "t.attune")
    new_project(project)
    pkg = os.path.join(work, "t-a.attune")
    run("package", project, "--coder", "coder-a", "--out", pkg)
    run("code", pkg, "P01", "--coder", "coder-a", "--scheme", "aai-state-of-mind", "--code",
        "idealization-mother", "--lines", "4")

    def new_scheme_version_content(db):
        xml, = db.execute("SELECT xml FROM schemes WHERE scheme_id = 'aai-state-of-mind'"
                          ).fetchone()
        changed = xml.replace("</scheme>", "<!-- edited --></scheme>")
        db.execute("UPDATE schemes SET xml = ?, sha256 = ? WHERE scheme_id = "
                   "'aai-state-of-mind'", (changed, hashlib.sha256(changed.encode()).hexdigest()))

    other = os.path.join(work, "other.attune")
    new_project(other)
    other_pkg = os.path.join(work, "other-a.attune")
    run("package", other, "--coder", "coder-a", "--out", other_pkg)

    cases = []
    t = os.path.join(work, "text.attune")
    edited_copy(pkg, t, ["DROP TRIGGER transcripts_text_is_immutable",
                         "UPDATE transcripts SET text = text || ' (edited)' WHERE id = 1"])
    cases.append((t, "different text from the project's transcript"))
    s = os.path.join(work, "scheme.attune")
    edited_copy(pkg, s, [new_scheme_version_content])
    cases.append((s, "differs from the project's (same id and version"))
    cases.append((other_pkg, "belongs to another project"))
    d = os.path.join(work, "damaged.attune")
    shutil.copyfile(pkg, d)
    with open(d, "r+b") as f:
        f.seek(0)
        data = bytearray(f.read())
        page = 4096
        for off in range(2 * page, len(data), page):  # every page after the first two
            data[off:off + 16] = b"\xa5" * 16
        f.seek(0)
        f.write(data)
    cases.append((d, ""))
    plain = os.path.join(work, "plain.attune")
    shutil.copyfile(project, plain)
    cases.append((plain, "not a coder package"))

    before = sha(project)
    for path, words in cases:
        p = run("merge", project, path, want=1)
        if path not in p.stderr or (words and words not in p.stderr):
            fail(f"merging {os.path.basename(path)}: unclear message: {p.stderr.strip()}")
        if sha(project) != before:
            fail(f"merging {os.path.basename(path)} changed the project")
    # And the good package still merges afterwards.
    if "1 new" not in run("merge", project, pkg).stdout:
        fail("the untampered package did not merge after the refusals")


if __name__ == "__main__":
    sys.exit(main())
