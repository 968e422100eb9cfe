// SPDX-License-Identifier: GPL-3.0-or-later
// A transcript's text damaged inside a sound page (a flipped bit, which integrity_check cannot
// see) is refused as damage by the reader, never handed on: found by tests/fuzz/fuzz_project_open,
// where the invalid UTF-8 it returned reached TextIndex's assertion.
#include "core/store/database.h"
#include "project_fixture.h"

#include <fstream>
#include <iterator>

using namespace attune;
using attune::testing::ProjectFixture;

TEST_CASE("session: a flipped bit inside a stored text is reported as damage, not returned",
          "[project]")
{
    ProjectFixture f;
    const auto id = f.transcript;
    REQUIRE(f.session->text(id));
    f.session.reset(); // the last connection folds the WAL into the file

    std::string bytes;
    {
        std::ifstream in(f.path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    // Across a line break, so only the transcript row holds it (the search index is per line).
    const std::string passage = "mother.\nR: She was warm";
    const auto at = bytes.find(passage);
    REQUIRE(at != std::string::npos);
    REQUIRE(bytes.find(passage, at + 1) == std::string::npos);
    const auto w = at + passage.find("warm");
    bytes[w] = static_cast<char>(static_cast<unsigned char>(bytes[w]) ^ 0x80); // 'w' → 0xF7
    std::ofstream(f.path, std::ios::binary | std::ios::trunc) << bytes;

    // The pages are sound, so the file opens (open runs integrity_check) …
    auto s = project::Session::open(f.path);
    REQUIRE(s);
    REQUIRE((*s)->transcripts().size() == 1);
    // … but the text is no longer the one imported, and its reader says so.
    try
    {
        (void)(*s)->text(id);
        FAIL("the damaged text was returned");
    }
    catch (const store::StoreError& e)
    {
        CHECK(e.to_error().code == ErrorCode::StoreCorrupt);
        CHECK(std::string(e.what()) == "transcript " + std::to_string(id.value()) +
                                           ": the stored text no longer matches its SHA-256; the "
                                           "project file is damaged");
    }
}
