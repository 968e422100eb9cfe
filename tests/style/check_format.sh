#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a C++ file under src/, tests/ or bench/ is not clang-format clean.
#
#   check_format.sh SOURCE_DIR [CLANG_FORMAT]
#
# Uses the repository's .clang-format with clang-format 14 (the version the style guide names;
# other versions lay out the same file differently, so a different major version is refused
# rather than trusted). Prints the files that would change, one per line, and clang-format's
# first complaints; `clang-format -i FILE` fixes one. Exit 0 clean, 1 unformatted files, 2 usage
# or no clang-format 14.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 SOURCE_DIR [CLANG_FORMAT]" >&2
    exit 2
fi
root=$1
cf=${2:-}
if [ -z "$cf" ]; then
    for c in clang-format-14 clang-format; do
        if command -v "$c" >/dev/null 2>&1; then
            cf=$(command -v "$c")
            break
        fi
    done
fi
if [ -z "$cf" ]; then
    echo "$0: error: clang-format 14 not found (Debian: apt-get install clang-format-14)" >&2
    exit 2
fi
version=$("$cf" --version)
case $version in
    *"clang-format version 14."*) ;;
    *)
        echo "$0: error: $cf is '$version'; the style is defined by clang-format 14" >&2
        exit 2
        ;;
esac
if [ ! -f "$root/.clang-format" ]; then
    echo "$0: error: $root/.clang-format not found" >&2
    exit 2
fi

cd "$root"
list=$(mktemp)
trap 'rm -f "$list"' EXIT
# Fuzz corpora and test data are inputs, not our code.
find src tests bench -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.cpp' -o -name '*.cc' \) \
    ! -path 'tests/data/*' ! -path '*/corpus/*' | LC_ALL=C sort >"$list"
total=$(wc -l <"$list")

bad=0
while IFS= read -r f; do
    if ! out=$("$cf" --style=file --dry-run -Werror "$f" 2>&1); then
        bad=$((bad + 1))
        echo "$f: not clang-format clean ($(basename "$cf") -i $f)"
        printf '%s\n' "$out" | head -n 3 | sed 's/^/    /'
    fi
done <"$list"

if [ "$bad" -ne 0 ]; then
    echo "check_format: $bad of $total files are not clang-format clean" >&2
    exit 1
fi
echo "check_format: all $total files are clang-format clean"
