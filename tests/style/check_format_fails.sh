#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Shows that style.clang_format can fail: a scratch tree with the repository's .clang-format, one
# clean file and one badly laid out file; check_format.sh must name the bad one only and exit 1,
# and accept the tree once the file is formatted.
#
#   check_format_fails.sh SOURCE_DIR
set -eu
root=$1
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src/core" "$scratch/tests" "$scratch/bench"
cp "$root/.clang-format" "$scratch/"
cf=clang-format-14
command -v "$cf" >/dev/null 2>&1 || cf=clang-format
printf 'int  f( int x ){ if(x) {return 1;} return 0; }\n' >"$scratch/tests/bad.cpp"
# The clean file is the same code as laid out by clang-format itself.
(cd "$scratch" && "$cf" --style=file --assume-filename=x.h <tests/bad.cpp >src/core/clean.h)

if "$here/check_format.sh" "$scratch" >"$scratch/out" 2>&1; then
    echo "FAIL: check_format.sh accepted tests/bad.cpp" >&2
    cat "$scratch/out" >&2
    exit 1
fi
if ! grep -q '^tests/bad.cpp: not clang-format clean' "$scratch/out" ||
    grep -q '^src/core/clean.h' "$scratch/out"; then
    echo "FAIL: expected tests/bad.cpp (only) to be named" >&2
    cat "$scratch/out" >&2
    exit 1
fi
cat "$scratch/out"
(cd "$scratch" && "$cf" --style=file -i tests/bad.cpp)
if ! "$here/check_format.sh" "$scratch" >"$scratch/out" 2>&1; then
    echo "FAIL: check_format.sh still refuses the tree after clang-format -i" >&2
    cat "$scratch/out" >&2
    exit 1
fi
cat "$scratch/out"
