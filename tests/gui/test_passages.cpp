// SPDX-License-Identifier: GPL-3.0-or-later
// The passage actions in the text, wx-free: which passage a click selects, what the right-click
// menu offers (and to whom), word nudges of a span's ends, question sections, and the user
// guide's Markdown as HTML for the help window.
#include "app/markdown_html.h"
#include "app/passage_menu.h"
#include "app/text_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace attune;
using namespace attune::app;

namespace
{

store::AnnotationRecord passage(std::string uuid, std::int64_t start, std::int64_t end,
                                std::string code, std::int64_t coder = 1)
{
    store::AnnotationRecord a;
    a.uuid = std::move(uuid);
    a.start = start;
    a.end = end;
    a.scheme_id = "s";
    a.code = std::move(code);
    a.coder_id = store::CoderId{coder};
    a.transcript_id = store::TranscriptId{1};
    return a;
}

std::vector<SchemeView> one_scheme()
{
    SchemeView v;
    v.id = "s";
    v.name = "Scheme";
    v.codes = {{"s", "", "Mother", 0, "", "", "", 0, true},
               {"s", "ideal", "Idealizing", 0x1f77b4, "Ctrl+1", "", "mother", 1, false},
               {"s", "anger", "Angry", 0xd62728, "Ctrl+2", "", "", 1, false}};
    return {v};
}

const PassageAction* entry(const PassageMenu& m, PassageAction::Kind kind,
                           const std::string& code = "")
{
    for (const auto& it : m.items)
        if (it.kind == kind && (code.empty() || it.code == code))
            return &it;
    return nullptr;
}

} // namespace

TEST_CASE("passages: a click selects the innermost passage under it", "[gui]")
{
    const std::vector<store::AnnotationRecord> v = {passage("outer", 10, 60, "ideal"),
                                                    passage("inner", 20, 30, "anger"),
                                                    passage("after", 60, 70, "anger")};
    CHECK(innermost_at(v, 25)->uuid == "inner");
    CHECK(innermost_at(v, 15)->uuid == "outer");
    CHECK(innermost_at(v, 30)->uuid == "outer"); // end is exclusive
    CHECK(innermost_at(v, 60)->uuid == "after");
    CHECK(innermost_at(v, 5) == nullptr);
    CHECK(innermost_at(v, 70) == nullptr);
}

TEST_CASE("passages: the menu on one's own passage offers its actions", "[gui]")
{
    const std::vector<store::AnnotationRecord> v = {passage("p", 10, 20, "ideal")};
    const auto m = make_passage_menu(v, 12, store::CoderId{1}, false, one_scheme());
    CHECK(m.uuid == "p");
    REQUIRE(entry(m, PassageAction::Kind::Memo));
    CHECK(entry(m, PassageAction::Kind::Memo)->enabled);
    CHECK(entry(m, PassageAction::Kind::Delete)->enabled);
    // Change code lists the scheme's codes (not its groups); the current one is checked.
    CHECK_FALSE(entry(m, PassageAction::Kind::ChangeCode, "ideal")->enabled);
    CHECK(entry(m, PassageAction::Kind::ChangeCode, "ideal")->checked);
    CHECK(entry(m, PassageAction::Kind::ChangeCode, "anger")->enabled);
    CHECK(entry(m, PassageAction::Kind::ChangeCode, "anger")->submenu == "C&hange code");
    CHECK(std::count_if(m.items.begin(), m.items.end(),
                        [](const PassageAction& a)
                        { return a.kind == PassageAction::Kind::ChangeCode; }) == 2);
    // Without a selection there is no new extent and nothing to copy.
    CHECK_FALSE(entry(m, PassageAction::Kind::AdjustSpan)->enabled);
    CHECK_FALSE(entry(m, PassageAction::Kind::Copy)->enabled);
    const auto with_sel = make_passage_menu(v, 12, store::CoderId{1}, true, one_scheme());
    CHECK(entry(with_sel, PassageAction::Kind::AdjustSpan)->enabled);
    CHECK(entry(with_sel, PassageAction::Kind::Copy)->enabled);
}

TEST_CASE("passages: another coder's passage shows its actions disabled, with the reason", "[gui]")
{
    const std::vector<store::AnnotationRecord> v = {passage("ben's", 10, 20, "anger", 2)};
    const auto m = make_passage_menu(v, 15, store::CoderId{1}, true, one_scheme(), "ben");
    CHECK(m.uuid == "ben's");
    CHECK(m.items.front().kind == PassageAction::Kind::Heading);
    CHECK(m.items.front().label == "Angry \u2014 ben's passage: only its author can change it");
    for (const auto& it : m.items)
        if (it.kind != PassageAction::Kind::Copy)
            CHECK_FALSE(it.enabled);
    CHECK(entry(m, PassageAction::Kind::Copy)->enabled);
}

TEST_CASE("passages: on uncoded text the menu offers the codes for the selection", "[gui]")
{
    const auto m = make_passage_menu({}, 5, store::CoderId{1}, true, one_scheme());
    CHECK(m.uuid.empty());
    REQUIRE(entry(m, PassageAction::Kind::ApplyCode, "anger"));
    CHECK(entry(m, PassageAction::Kind::ApplyCode, "anger")->enabled);
    CHECK(entry(m, PassageAction::Kind::ApplyCode, "anger")->label == "  Angry\tCtrl+2");
    CHECK(entry(m, PassageAction::Kind::Delete) == nullptr);
    const auto nothing = make_passage_menu({}, 5, store::CoderId{1}, false, one_scheme());
    CHECK_FALSE(entry(nothing, PassageAction::Kind::ApplyCode, "anger")->enabled);
    CHECK(nothing.items.front().label == "Select text to code it");
}

TEST_CASE("passages: a span's ends move by whole words", "[gui]")
{
    //                      0         1         2         3
    //                      0123456789012345678901234567890123
    const std::string text = "My mother was, always, wonderful.";
    const text::WordBoundaries words(text);
    const std::int64_t n = static_cast<std::int64_t>(text.size());
    using P = std::pair<std::int64_t, std::int64_t>;
    // [3, 9) "mother": the end goes to the next word's end (over punctuation and spaces).
    CHECK(nudge_span(words, n, 3, 9, true, +1) == P{3, 13});
    CHECK(nudge_span(words, n, 3, 13, true, +1) == P{3, 21});
    CHECK(nudge_span(words, n, 3, 21, true, -1) == P{3, 13});
    // An end that cannot shrink past its own start, and a start past the first word.
    CHECK_FALSE(nudge_span(words, n, 3, 9, true, -1));
    CHECK(nudge_span(words, n, 3, 9, false, -1) == P{0, 9});
    CHECK_FALSE(nudge_span(words, n, 0, 9, false, -1));
    CHECK(nudge_span(words, n, 0, 13, false, +1) == P{3, 13});
    CHECK_FALSE(nudge_span(words, n, 3, 9, false, +1));            // one word: the start stays
    CHECK(nudge_span(words, n, 23, 32, true, +1) == std::nullopt); // nothing after "wonderful"
}

TEST_CASE("passages: question sections come from core with their labels", "[gui]")
{
    const std::string text = "Intro\n[Q1: Family background]\nI: Hello\n[Q2]\nR: Hi\n"
                             "## Q3 Adjectives for mother\nR: warm\n";
    const auto s = question_sections(text);
    REQUIRE(s.size() == 3);
    CHECK(s[0].label() == "Q1: Family background");
    CHECK(s[0].line == 2);
    CHECK(s[0].begin == 6);
    CHECK(s[1].label() == "Q2");
    CHECK(s[1].line == 4);
    CHECK(s[2].label() == "Q3: Adjectives for mother");
    CHECK(section_step(s, 0, +1) == 0);
    CHECK(section_step(s, 6, +1) == 1); // at Q1's marker: the next one is Q2
    CHECK(section_step(s, 6, -1) == -1);
    CHECK(section_step(s, 10, -1) == 0); // inside Q1: back to its start
    CHECK(section_step(s, s[2].begin + 3, +1) == -1);
    CHECK(section_step(s, s[2].begin, -1) == 1);
}

TEST_CASE("passages: the user guide's Markdown becomes the help window's HTML", "[gui]")
{
    const std::string md = "# Attune guide\n\nSome *new* **bold** `a<b` text,\nwrapped.\n\n"
                           "## Who is coding\n\n- one\n- two [link](#who-is-coding)\n\n"
                           "1. first\n2. second\n\n```\nattune --coder anna\n```\n\n"
                           "| Keys | Action |\n|---|---|\n| F1 | This `a|b` guide |\n\n"
                           "![Alt](images/none.png)\n";
    const std::string html = markdown_to_html(md, "/docs");
    CHECK(html.find("<a name=\"attune-guide\"></a><h1>Attune guide</h1>") != std::string::npos);
    CHECK(html.find("<p>Some <i>new</i> <b>bold</b> <code>a&lt;b</code> text, wrapped.</p>") !=
          std::string::npos);
    CHECK(html.find("<ul>\n<li>one</li>\n<li>two <a href=\"#who-is-coding\">link</a></li></ul>") !=
          std::string::npos);
    CHECK(html.find("<ol>\n<li>first</li>\n<li>second</li></ol>") != std::string::npos);
    CHECK(html.find("<pre>attune --coder anna\n</pre>") != std::string::npos);
    CHECK(html.find("<th align=\"left\">Keys</th>") != std::string::npos);
    CHECK(html.find("<td valign=\"top\">This <code>a|b</code> guide</td>") != std::string::npos);
    CHECK(html.find("<img src=\"file:///docs/images/none.png\" alt=\"Alt\">") != std::string::npos);
    CHECK(heading_anchor("Screenshots for documentation and tests") ==
          "screenshots-for-documentation-and-tests");
    CHECK(heading_anchor("Attune workbench \u2014 user guide") == "attune-workbench--user-guide");
}

TEST_CASE("passages: the shipped user guide converts with its images found", "[gui]")
{
    const std::filesystem::path docs = std::filesystem::path(ATTUNE_SOURCE_DIR) / "docs";
    std::ifstream in(docs / "user-guide.md", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string html = markdown_to_html(ss.str(), docs);
    CHECK(html.find("<h1>Attune workbench") != std::string::npos);
    CHECK(html.find("<table") != std::string::npos);
    // Every image that exists has its size read from the PNG, scaled to fit the window (one
    // the guide names but that is not there yet is reported, not failed).
    int sized = 0;
    for (std::size_t at = html.find("<img "); at != std::string::npos;
         at = html.find("<img ", at + 1))
    {
        const std::string tag = html.substr(at, html.find('>', at) - at);
        const auto src = tag.find("file://") + 7;
        const std::string file = tag.substr(src, tag.find('"', src) - src);
        if (!std::filesystem::exists(file))
        {
            WARN("the guide shows a missing image: " << file);
            continue;
        }
        INFO(tag);
        CHECK(tag.find(" width=\"") != std::string::npos);
        const auto w = tag.find(" width=\"");
        CHECK(std::stoi(tag.substr(w + 8)) <= 760);
        ++sized;
    }
    CHECK(sized >= 10);
}
