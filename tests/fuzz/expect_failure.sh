#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# expect_failure.sh REPLAY INPUT: passes when replaying INPUT fails (non-zero exit, e.g. abort)
# and says which FUZZ_REQUIRE broke.
out="$("$1" "$2" 2>&1)"
rc=$?
printf '%s\nexit status %s\n' "$out" "$rc"
[ "$rc" -ne 0 ] && printf '%s\n' "$out" | grep -q 'FUZZ_REQUIRE(.*) failed'
