// SPDX-License-Identifier: GPL-3.0-or-later
// A target that breaks its promise on purpose for any input starting with '!': the test
// fuzz.replay.fails_on_broken_promise shows that the corpus replay fails when a FUZZ_REQUIRE
// does, so the replay tests of the real targets can fail.
#include "fuzz_require.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FUZZ_REQUIRE(size == 0 || data[0] != '!');
    return 0;
}
