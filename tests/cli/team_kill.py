#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SIGKILL during `attune-cli merge` at random moments leaves the old or the fully merged project.

    team_kill.py ATTUNE_CLI SOURCE_DIR [KILLS]

Three packages of the sample transcripts are filled with many records (written with Python's
sqlite3, as another program could), so that a merge takes long enough to be killed in the
middle. One whole merge is timed; then, KILLS times (default 32), a fresh copy of the project is
merged and the process is killed with SIGKILL after a random delay (seeded, uniform over 1.3
times the whole merge). After each kill: `attune-cli check` passes, the project holds either none
or all of the packages' records (nothing in between), and merging again completes it to exactly
the fully merged project (the same record counts; every eighth time the same exports). Both outcomes must occur, or the kills proved nothing.
"""
import filecmp
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

CLI, SRC = sys.argv[1], sys.argv[2]
KILLS = int(sys.argv[3]) if len(sys.argv) > 3 else 32
CODERS = ["ann", "ben", "cara"]
PER_TRANSCRIPT = 600  # annotations per transcript per coder
FAILURES = []


def fail(what):
    print("FAIL:", what, file=sys.stderr)
    FAILURES.append(what)


def run(*args, want=0):
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if p.returncode != want:
        fail(f"attune-cli {' '.join(map(str, args))} exited {p.returncode}, expected {want}: "
             f"{p.stderr.strip()}")
    return p


def fill(package, rng):
    """That coder's many passages and a rating per transcript, as the package's coder."""
    db = sqlite3.connect(package)
    coder_id, = db.execute("SELECT id FROM coders").fetchone()
    version, = db.execute("SELECT version FROM schemes WHERE scheme_id = 'aai-state-of-mind' "
                          "ORDER BY id DESC LIMIT 1").fetchone()
    stamp = "2026-11-30T12:00:00.000Z"
    for tid, text in db.execute("SELECT id, text FROM transcripts").fetchall():
        n = len(text)  # code points
        rows = []
        for _ in range(PER_TRANSCRIPT):
            start = rng.randrange(0, n - 50)
            rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), tid, coder_id,
                         "aai-state-of-mind", rng.choice(["idealization-mother",
                                                          "lack-of-recall", "metacognition"]),
                         start, start + rng.randrange(1, 50), "", stamp, stamp, version))
        db.executemany("INSERT INTO annotations(uuid, transcript_id, coder_id, scheme_id, code, "
                       "start_cp, end_cp, memo, created, modified, scheme_version) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("INSERT INTO ratings(transcript_id, coder_id, scheme_id, scale, target, "
                   "value, not_scorable, note, modified, uuid, scheme_version) VALUES "
                   "(?, ?, 'aai-state-of-mind', 'coherence-transcript', '', ?, 0, '', ?, ?, ?)",
                   (tid, coder_id, float(rng.randrange(2, 18)) / 2, stamp,
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)), version))
    db.commit()
    db.close()


def totals(project):
    out = json.loads(run("coder", "list", project, "--format", "json").stdout or "[]")
    return sum(c["annotations"] for c in out), sum(c["ratings"] for c in out)


def export(project, out):
    run("export", project, "--all", "--format", "csv", "--out", out)
    return sorted(n for n in os.listdir(out) if n.endswith(".csv"))


def same_exports(a, b):
    names = sorted(n for n in os.listdir(a) if n.endswith(".csv"))
    return names and all(filecmp.cmp(os.path.join(a, n), os.path.join(b, n), shallow=False)
                         for n in names)


def main():
    rng = random.Random(13)
    work = tempfile.mkdtemp()
    try:
        project = os.path.join(work, "study.attune")
        run("new", project)
        run("scheme", "add", project, os.path.join(SRC, "schemes", "aai-state-of-mind.xml"))
        tdir = os.path.join(SRC, "samples", "transcripts")
        imported = 0
        for name in sorted(os.listdir(tdir)):
            if name.endswith(".txt"):
                run("import", project, os.path.join(tdir, name), "--participant", name[:3])
                imported += 1
        for c in CODERS:
            run("coder", "add", project, c)
        packages = []
        for c in CODERS:
            p = os.path.join(work, c + ".attune")
            run("package", project, "--coder", c, "--out", p)
            fill(p, rng)
            packages.append(p)
        old = totals(project)

        full = os.path.join(work, "full.attune")
        shutil.copyfile(project, full)
        started = time.monotonic()
        run("merge", full, *packages)
        whole = time.monotonic() - started
        new = totals(full)
        want = (old[0] + len(CODERS) * imported * PER_TRANSCRIPT, old[1] + len(CODERS) * imported)
        if new != want:
            fail(f"the whole merge gave {new} records, not {want}")
        full_export = os.path.join(work, "full-export")
        export(full, full_export)
        print(f"whole merge {whole:.3f} s, {old} -> {new}")

        outcomes = {"old": 0, "new": 0}
        for k in range(KILLS):
            victim = os.path.join(work, f"k{k}.attune")
            shutil.copyfile(project, victim)
            proc = subprocess.Popen([CLI, "merge", victim, *packages], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, 1.3 * whole))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if run("check", victim).returncode != 0:
                fail(f"kill {k}: the project does not pass check")
                continue
            state = totals(victim)
            if state == old:
                outcomes["old"] += 1
            elif state == new:
                outcomes["new"] += 1
            else:
                fail(f"kill {k}: a partial merge: {state}, neither {old} nor {new}")
                continue
            run("merge", victim, *packages)
            if totals(victim) != new:
                fail(f"kill {k}: merging again did not complete the merge")
            again = os.path.join(work, f"k{k}-export")
            if k % 8 == 0:  # the whole content, now and then (an export takes a while)
                export(victim, again)
                if not same_exports(again, full_export):
                    fail(f"kill {k}: merging again did not give the fully merged project")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(victim + suffix):
                    os.remove(victim + suffix)
            shutil.rmtree(again, ignore_errors=True)
        print(f"{KILLS} kills: {outcomes['old']} left the old project, {outcomes['new']} the "
              f"fully merged one")
        if outcomes["old"] == 0 or outcomes["new"] == 0:
            fail(f"the kills did not land on both sides of the commit: {outcomes}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
