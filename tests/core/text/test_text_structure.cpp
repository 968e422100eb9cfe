// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/code_points.h"
#include "core/text/structure.h"
#include "core/text/text_index.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::text;

TEST_CASE("text: speaker turns follow the default AAI labels", "[text]")
{
    const std::string text = "Interview 12, 3 May\n"
                             "\n"
                             "I: Could you describe your family?\n"
                             "R: Um, well... we lived in, uh,\n"
                             "a small town.\n"
                             "\n"
                             "Interviewer: And your mother?\n"
                             "  Respondent:She was kind.\n"
                             "P: Yes.";
    const auto s = analyze_structure(text, SpeakerRules{});
    CHECK(s.line_count == 9);
    REQUIRE(s.turns.size() == 5);
    const TextIndex index(text);

    CHECK(s.turns[0].label == "I");
    CHECK(s.turns[0].role == Role::Interviewer);
    CHECK(s.turns[0].first_line == 3);
    CHECK(s.turns[0].last_line == 3);
    CHECK(index.substr(s.turns[0].content_begin, s.turns[0].end) ==
          "Could you describe your family?");
    CHECK(s.turns[0].word_count == 5);

    CHECK(s.turns[1].label == "R");
    CHECK(s.turns[1].role == Role::Respondent);
    CHECK(s.turns[1].first_line == 4);
    CHECK(s.turns[1].last_line == 5); // the blank line 6 is not part of it
    CHECK(index.substr(s.turns[1].begin, s.turns[1].end) ==
          "R: Um, well... we lived in, uh,\na small town.");
    CHECK(s.turns[1].word_count == 9);

    CHECK(s.turns[2].label == "Interviewer");
    CHECK(s.turns[2].role == Role::Interviewer);
    CHECK(s.turns[3].label == "Respondent");
    CHECK(s.turns[3].begin == index.line_start(8) + 2); // after the leading spaces
    CHECK(index.substr(s.turns[3].content_begin, s.turns[3].end) == "She was kind.");
    CHECK(s.turns[4].label == "P");
    CHECK(s.turns[4].role == Role::Respondent);
    CHECK(s.turns[4].end == index.size());
    CHECK(s.word_count == 4 + 5 + 9 + 3 + 3 + 1); // the title line counts, labels do not
}

TEST_CASE("text: word count uses ICU word segments and leaves labels out", "[text]")
{
    const auto s =
        analyze_structure("I: Hello there.\nR: Um, I don't know... really. 42!", SpeakerRules{});
    REQUIRE(s.turns.size() == 2);
    CHECK(s.turns[0].word_count == 2);
    CHECK(s.turns[1].word_count == 6); // Um, I, don't, know, really, 42
    CHECK(s.word_count == 8);
}

TEST_CASE("text: a custom pattern recognises other speaker conventions", "[text]")
{
    SpeakerRules rules;
    rules.labels = {{"INT", Role::Interviewer}, {"SUBJ", Role::Respondent}};
    rules.pattern = "\\[(\\w+)\\]";
    REQUIRE(validate_rules(rules).ok());
    const auto s = analyze_structure("[INT] Tell me more.\n[SUBJ] Fine.\n[X] Noise.", rules);
    REQUIRE(s.turns.size() == 3);
    CHECK(s.turns[0].label == "INT");
    CHECK(s.turns[0].role == Role::Interviewer);
    CHECK(s.turns[0].content_begin == 6);
    CHECK(s.turns[1].role == Role::Respondent);
    CHECK(s.turns[2].label == "X");
    CHECK(s.turns[2].role == Role::Other);
    CHECK(s.word_count == 5);
}

TEST_CASE("text: an invalid speaker pattern is reported", "[text]")
{
    SpeakerRules rules;
    rules.pattern = "(unclosed";
    const auto r = validate_rules(rules);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK_THAT(r.error().message, Catch::Contains("(unclosed"));
    // analyze_structure still works with the labels alone.
    CHECK(analyze_structure("I: a\nR: b", rules).turns.size() == 2);
}

TEST_CASE("text: question markers split a transcript into sections", "[text]")
{
    const std::string text = "[Q1]\n"
                             "I: Where did you live?\n"
                             "R: In Leeds.\n"
                             "## Q2 Five adjectives\n"
                             "I: Five words?\n"
                             "R: Warm, um, distant.\n"
                             "[Q12b: Loss]\n"
                             "R: Nobody died.\n"
                             "[Q3 not a marker\n";
    const auto s = analyze_structure(text, SpeakerRules{});
    REQUIRE(s.sections.size() == 3);
    const TextIndex index(text);
    CHECK(s.sections[0].id == "Q1");
    CHECK(s.sections[0].title.empty());
    CHECK(s.sections[0].first_line == 1);
    CHECK(s.sections[0].last_line == 3);
    CHECK(s.sections[1].id == "Q2");
    CHECK(s.sections[1].title == "Five adjectives");
    CHECK(s.sections[1].begin == index.line_start(4));
    CHECK(s.sections[1].end == index.line_start(7));
    CHECK(s.sections[2].id == "Q12b");
    CHECK(s.sections[2].title == "Loss");
    CHECK(s.sections[2].last_line == 10);
    CHECK(s.sections[2].end == index.size());
    // The R turn of Q2 stops before the marker; marker words are not counted.
    REQUIRE(s.turns.size() == 5);
    CHECK(s.turns[3].last_line == 6);
    CHECK(s.turns[4].last_line == 9); // "[Q3 not a marker" is ordinary text of that turn
    CHECK(s.word_count == 4 + 2 + 2 + 3 + 2 + 4);
}

TEST_CASE("text: the structure's length is the text's code point count", "[text]")
{
    for (const std::string& text :
         {std::string(), std::string("\n"), std::string("I: Grüße\nR: 日本語\n\n[Q2]\nR: ok"),
          std::string("no newline at the end é"), std::string("\n\nI: two blank lines first\n")})
    {
        INFO(text);
        CHECK(analyze_structure(text, SpeakerRules{}, WordCounts::Skip).length ==
              code_point_count(text));
        CHECK(analyze_structure(text, SpeakerRules{}).length == code_point_count(text));
    }
}
