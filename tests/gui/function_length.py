#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a function in the given C++ sources is longer than LIMIT lines.

usage: function_length.py LIMIT FILE_OR_DIR...

The sources are clang-formatted with Allman braces (.clang-format), so a function body opens
with a line that is only "{" and closes with a line that is only "}" at the same indent. A body
counts from the first line of its signature (the lines above the "{" back to the previous
statement, comment or blank line) to its closing brace, lambdas and nested blocks included.
Class, struct, enum and namespace bodies, control statements and braced initialisers are not
functions; what lies inside a class body is still searched for member functions.
"""
import os
import re
import sys

NOT_FUNCTION = re.compile(
    r"^\s*(class|struct|union|enum|namespace|extern)\b"
    r"|^\s*(if|else|for|while|do|switch|try|catch|case|default)\b"
    r"|=\s*$|=\s*\{?$|\breturn\b")


def signature_start(lines, brace):
    """Index of the first line of the declaration whose body opens at lines[brace]."""
    i = brace - 1
    while i >= 0:
        text = lines[i].rstrip()
        stripped = text.strip()
        if (not stripped or stripped.endswith((";", "}", "{")) or stripped.startswith(("//", "#"))
                or stripped in ("public:", "private:", "protected:")):
            return i + 1
        i -= 1
    return 0


def functions(lines):
    """(name, first line, last line), 1-based, of every function body in `lines`."""
    out = []
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)\{\s*$", lines[i])
        if not m:
            i += 1
            continue
        start = signature_start(lines, i)
        head = " ".join(l.strip() for l in lines[start:i])
        head = re.sub(r"^template\s*<[^>]*>\s*", "", head)
        if "(" not in head or NOT_FUNCTION.search(head) or head.endswith(("=", ",")):
            i += 1  # a class, control statement or initialiser: look inside it
            continue
        close = re.compile("^" + re.escape(m.group(1)) + r"\}")
        end = i + 1
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        name = head.split("(")[0].split()[-1] if head.split("(")[0].split() else head
        out.append((name, start + 1, end + 1))
        i = end + 1
    return out


def sources(args):
    for a in args:
        if os.path.isdir(a):
            for root, _, files in os.walk(a):
                for f in sorted(files):
                    if f.endswith((".cpp", ".h")):
                        yield os.path.join(root, f)
        else:
            yield a


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    limit = int(sys.argv[1])
    too_long = 0
    checked = 0
    for path in sources(sys.argv[2:]):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for name, first, last in functions(lines):
            checked += 1
            n = last - first + 1
            if n > limit:
                too_long += 1
                print(f"{path}:{first}: {name} is {n} lines (limit {limit})")
    print(f"{checked} functions checked, {too_long} longer than {limit} lines")
    return 1 if too_long or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
