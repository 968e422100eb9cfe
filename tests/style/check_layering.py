#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when an include crosses a layer the build does not enforce by itself.

    check_layering.py SOURCE_DIR

Static libraries link whatever symbols they find, so a core module that includes a later module
(`store` including `project`) builds and links today; this check is what stops it. The order is
read from `set(ATTUNE_CORE_MODULES ...)` in src/core/CMakeLists.txt and each module's allowed
modules from `DEPENDS` in src/core/<m>/CMakeLists.txt, so the build files stay the one list:

  - a module's DEPENDS name only modules before it in ATTUNE_CORE_MODULES;
  - a file in src/core/<m>/ includes "core/<n>/..." only for n = m or n in m's DEPENDS
    (so `stats`, which DEPENDS on `base`, includes base only);
  - nothing under src/core includes <wx/...>, "app/..." or "cli/...";
  - nothing under src/cli includes <wx/...> or "app/...".

Prints one `path:line: message` per violation; exit 0 clean, 1 violations, 2 usage or a build
file it cannot read.
"""
import pathlib
import re
import sys

SOURCE_SUFFIXES = {".h", ".hpp", ".cpp", ".cc", ".in"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def fail_usage(message):
    print(f"check_layering: {message}", file=sys.stderr)
    sys.exit(2)


def cmake_list(text, pattern, where):
    """The whitespace-separated words captured by `pattern` (comments removed first)."""
    text = re.sub(r"#[^\n]*", "", text)
    m = re.search(pattern, text, re.S)
    if not m:
        fail_usage(f"{where}: cannot find {pattern!r}")
    return m.group(1).split()


def sources(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SOURCE_SUFFIXES)


def includes(path):
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as e:
        fail_usage(f"{path}: {e}")
    for number, line in enumerate(lines, 1):
        m = INCLUDE.match(line)
        if m:
            yield number, m.group(1), m.group(2)


def spelled(kind, name):
    return f"<{name}>" if kind == "<" else f'"{name}"'


def main(argv):
    if len(argv) != 2:
        fail_usage("usage: check_layering.py SOURCE_DIR")
    root = pathlib.Path(argv[1]).resolve()
    core = root / "src" / "core"
    core_cmake = core / "CMakeLists.txt"
    if not core_cmake.is_file():
        fail_usage(f"{core_cmake}: not found")
    order = cmake_list(core_cmake.read_text(), r"set\(\s*ATTUNE_CORE_MODULES\s+([^)]*)\)",
                       core_cmake)
    rank = {m: i for i, m in enumerate(order)}
    problems = []

    allowed = {}
    for m in order:
        module_cmake = core / m / "CMakeLists.txt"
        if not module_cmake.is_file():
            continue
        text = re.sub(r"#[^\n]*", "", module_cmake.read_text())
        dm = re.search(r"\bDEPENDS\b([^)]*?)(?:\b(?:LIBS|SOURCES)\b|\))", text, re.S)
        depends = dm.group(1).split() if dm else []
        for d in depends:
            if d not in rank:
                problems.append(f"{module_cmake.relative_to(root)}:1: module '{m}' DEPENDS on "
                                f"unknown module '{d}'")
            elif rank[d] >= rank[m]:
                problems.append(f"{module_cmake.relative_to(root)}:1: module '{m}' DEPENDS on "
                                f"'{d}', which comes after it in ATTUNE_CORE_MODULES "
                                f"({' → '.join(order)})")
        allowed[m] = set(depends) | {m}

    for folder in sorted(p for p in core.iterdir() if p.is_dir()):
        m = folder.name
        if m not in allowed:
            problems.append(f"{folder.relative_to(root)}: folder '{m}' is not a module in "
                            "ATTUNE_CORE_MODULES")
            continue
        for path in sources(folder):
            rel = path.relative_to(root)
            for number, kind, name in includes(path):
                if name.startswith("wx/") or name.startswith("app/") or name.startswith("cli/"):
                    problems.append(f"{rel}:{number}: core includes {spelled(kind, name)}: "
                                    "core never sees the GUI toolkit, the app or the CLI")
                    continue
                cm = re.match(r"core/([^/]+)/", name)
                if not cm:
                    continue
                n = cm.group(1)
                if n in allowed[m]:
                    continue
                if n in rank and rank[n] > rank[m]:
                    why = f"'{n}' comes after '{m}' in ATTUNE_CORE_MODULES ({' → '.join(order)})"
                elif n in rank:
                    why = (f"'{n}' is not in {m}'s DEPENDS ({' '.join(sorted(allowed[m] - {m}))})"
                           f" in src/core/{m}/CMakeLists.txt")
                else:
                    why = f"'{n}' is not a core module"
                problems.append(f"{rel}:{number}: core/{m} includes {spelled(kind, name)}: {why}")

    cli = root / "src" / "cli"
    for path in sources(cli) if cli.is_dir() else []:
        rel = path.relative_to(root)
        for number, kind, name in includes(path):
            if name.startswith("wx/") or name.startswith("app/"):
                problems.append(f"{rel}:{number}: the CLI includes {spelled(kind, name)}: "
                                "attune-cli uses core only")

    for p in problems:
        print(p)
    if problems:
        print(f"check_layering: {len(problems)} include(s) cross a layer", file=sys.stderr)
        return 1
    print(f"check_layering: core modules {' → '.join(order)}: every include follows the order")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
