#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Shows that style.core_layering can fail: copies src/ into a scratch directory, adds one
# forbidden include of each kind and expects check_layering.py to name every one (file:line and
# the rule) and to exit 1. The real tree is never touched.
#
#   check_layering_fails.sh SOURCE_DIR
set -eu
root=$1
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -R "$root/src" "$scratch/src"

# Prepends one line to a copied file.
prepend()
{
    { printf '%s\n' "$2"; cat "$scratch/$1"; } >"$scratch/$1.new"
    mv "$scratch/$1.new" "$scratch/$1"
}
prepend src/core/store/database.cpp '#include "core/project/session.h"'  # back-edge
prepend src/core/stats/agreement.cpp '#include "core/text/utf8.h"'       # stats uses base only
prepend src/core/base/error.cpp '#include <wx/string.h>'                 # toolkit in core
prepend src/cli/main.cpp '#include "app/main_frame.h"'                   # the CLI uses the app

if python3 "$here/check_layering.py" "$scratch" >"$scratch/out" 2>&1; then
    echo "FAIL: check_layering.py accepted four forbidden includes" >&2
    cat "$scratch/out" >&2
    exit 1
fi
status=0
for want in \
    "src/core/store/database.cpp:1: core/store includes \"core/project/session.h\": 'project' comes after 'store'" \
    "src/core/stats/agreement.cpp:1: core/stats includes \"core/text/utf8.h\": 'text' is not in stats's DEPENDS (base)" \
    "src/core/base/error.cpp:1: core includes <wx/string.h>" \
    "src/cli/main.cpp:1: the CLI includes \"app/main_frame.h\""; do
    if ! grep -qF "$want" "$scratch/out"; then
        echo "FAIL: expected a line starting with: $want" >&2
        status=1
    fi
done
if [ $status -ne 0 ]; then
    echo "--- check_layering.py said:" >&2
    cat "$scratch/out" >&2
    exit 1
fi
echo "check_layering.py rejects all four forbidden includes:"
cat "$scratch/out"
