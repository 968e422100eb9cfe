// SPDX-License-Identifier: GPL-3.0-or-later
// Limits and notes of the session's commands (issue 17): memo and note length, shortcuts that
// two schemes of one project share.
#include "core/project/scheme_rules.h"
#include "project_fixture.h"

using namespace attune;
using namespace attune::testing;
using project::rules::kMaxMemoLength;

namespace
{

// The test scheme under another id, its IDEAL code renamed PRAISE (still Ctrl+1).
std::string other_scheme_xml()
{
    std::string xml = test_scheme_xml("1", false);
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{"id=\"test\"", "id=\"other\""},
          {"id=\"IDEAL\"", "id=\"PRAISE\""},
          {"code=\"IDEAL\"", "code=\"PRAISE\""}})
        for (auto at = xml.find(from); at != std::string::npos; at = xml.find(from, at))
            xml.replace(at, from.size(), to);
    return xml;
}

} // namespace

TEST_CASE("project: memos and notes over 100,000 characters are refused, nothing stored",
          "[project]")
{
    // Issue 17: a 10 MB memo was stored (15 s and 1.1 GB in the workbench).
    ProjectFixture f;
    const std::string longest(kMaxMemoLength, 'x');
    const std::string over = longest + "\xC3\xA9"; // one more character, two bytes
    auto ok =
        f.session->apply(project::Annotate{f.transcript, f.alice, "test", "IDEAL", 0, 3, longest});
    REQUIRE(ok);
    // Counted in characters, not bytes: 100,000 two-byte characters fit.
    std::string accents;
    for (std::size_t i = 0; i < kMaxMemoLength; ++i)
        accents += "\xC3\xA9";
    CHECK(f.session->apply(project::SetMemo{f.alice, ok->uuid, accents}));

    const auto annotate =
        f.session->apply(project::Annotate{f.transcript, f.alice, "test", "IDEAL", 0, 3, over});
    REQUIRE_FALSE(annotate);
    CHECK(annotate.error().code == ErrorCode::TooLarge);
    CHECK(annotate.error().message == "the memo is 100001 characters long; the limit is 100000");
    const auto memo = f.session->apply(project::SetMemo{f.alice, ok->uuid, over});
    REQUIRE_FALSE(memo);
    CHECK(memo.error().code == ErrorCode::TooLarge);
    const auto rate = f.session->apply(
        project::Rate{f.transcript, f.alice, "test", "loving", "mother", 5.0, over});
    REQUIRE_FALSE(rate);
    CHECK(rate.error().message == "the note is 100001 characters long; the limit is 100000");
    project::Classify classify{f.transcript, f.alice,      "test",       "F",
                               std::nullopt, std::nullopt, std::nullopt, over};
    const auto cls = f.session->apply(classify);
    REQUIRE_FALSE(cls);
    CHECK(cls.error().code == ErrorCode::TooLarge);

    // Only the first annotation, with its accepted memo, is stored.
    const auto stored = f.session->annotations(f.transcript, f.alice);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].memo == accents);
    CHECK(f.session->ratings(f.transcript, f.alice).empty());
}

TEST_CASE("project: a shortcut another stored scheme uses is reported when a scheme is added",
          "[project]")
{
    // Issue 17: the same Ctrl+1 in two schemes of one project was accepted silently.
    ProjectFixture f;
    const auto out = f.session->apply(project::AddScheme{other_scheme_xml(), "other.xml"});
    REQUIRE(out); // told, not refused
    REQUIRE(out->notes.size() == 1);
    CHECK(out->notes[0] ==
          "shortcut Ctrl+1 is code 'PRAISE' of scheme 'other' and code 'IDEAL' of scheme 'test'; "
          "the key applies 'PRAISE' (the workbench says so) \u2014 change one of them to tell "
          "the codes apart");
    // A new version of one scheme does not clash with itself.
    const auto v2 = f.session->apply(project::AddScheme{test_scheme_xml("2", true), "test2.xml"});
    REQUIRE(v2);
    for (const auto& note : v2->notes)
        CHECK(note.find("'test' and code 'IDEAL' of scheme 'test'") == std::string::npos);
}
