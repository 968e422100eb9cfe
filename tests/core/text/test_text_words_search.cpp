// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/search.h"
#include "core/text/text_index.h"
#include "core/text/words.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::text;

TEST_CASE("text: a selection snaps outward to whole words and drops edge spaces", "[text]")
{
    const std::string text = "R: My mother, um, was dis- distant.";
    const WordBoundaries words(text);
    const TextIndex index(text);
    // "y moth" → "My mother"
    CHECK(words.snap({4, 10}) == CpRange{3, 12});
    // " mother, " → "mother," (the comma was selected, the spaces are trimmed) …
    CHECK(index.substr(words.snap({5, 14}).begin, words.snap({5, 14}).end) == "mother,");
    // … and one more character takes "um" whole.
    CHECK(index.substr(words.snap({5, 15}).begin, words.snap({5, 15}).end) == "mother, um");
    // A caret inside a word selects the word; a caret in a space stays empty.
    CHECK(words.snap({8, 8}) == CpRange{6, 12});
    CHECK(words.snap({5, 5}) == CpRange{5, 5});
    // Reversed and out-of-range selections are normalised and clamped.
    CHECK(words.snap({200, 30}) == CpRange{27, 35});
    CHECK(words.word_count() == 7); // R My mother um was dis distant
}

TEST_CASE("text: word snapping counts code points across emoji and combining marks", "[text]")
{
    const std::string text = "😀 cafe\xCC\x81 noir";
    const WordBoundaries words(text);
    // "cafe\u0301" is 5 code points (2..7); a selection starting in it takes it whole.
    CHECK(words.snap({4, 9}) == CpRange{2, 12});
    CHECK(words.word_at(6) == CpRange{2, 7});
    CHECK(snap_to_words(text, {3, 3}) == CpRange{2, 7});
    CHECK(count_words(text) == 2);
}

TEST_CASE("text: Japanese text is segmented into dictionary words", "[text]")
{
    // ICU's dictionary splits 私は学生です into 私 / は / 学生 / です.
    CHECK(count_words("私は学生です") == 4);
}

TEST_CASE("text: search ignores case and accents and reports original offsets", "[text]")
{
    const std::string text = "Her Résumé was long. RESUME, resume, re\xCC\x81sume\xCC\x81!";
    const TextIndex index(text);
    const auto hits = find_all(text, "resume");
    REQUIRE(hits.size() == 4);
    CHECK(index.substr(hits[0].begin, hits[0].end) == "Résumé");
    CHECK(hits[0] == CpRange{4, 10});
    CHECK(index.substr(hits[1].begin, hits[1].end) == "RESUME");
    CHECK(index.substr(hits[2].begin, hits[2].end) == "resume");
    // The decomposed form: the final combining accent belongs to the hit.
    CHECK(index.substr(hits[3].begin, hits[3].end) == "re\xCC\x81sume\xCC\x81");
    // The query's own accents and case do not matter either.
    CHECK(find_all(text, "RÉSUMÉ").size() == 4);
}

TEST_CASE("text: search folds ß, Greek accents and finds nothing for an empty query", "[text]")
{
    const std::string text = "Die Straße. Ο πατέρας. ΠΑΤΕΡΑΣ.";
    const TextIndex index(text);
    const auto strasse = find_all(text, "strasse");
    REQUIRE(strasse.size() == 1);
    CHECK(index.substr(strasse[0].begin, strasse[0].end) == "Straße");
    const auto pateras = find_all(text, "πατερας");
    REQUIRE(pateras.size() == 2);
    CHECK(index.substr(pateras[0].begin, pateras[0].end) == "πατέρας");
    CHECK(find_all(text, "").empty());
    CHECK(find_all(text, "\xCC\x81").empty()); // only an accent: folds to nothing
    // "s" twice inside one ß is one hit on the ß.
    const auto s = find_all("ß", "s");
    REQUIRE(s.size() == 1);
    CHECK(s[0] == CpRange{0, 1});
}

TEST_CASE("text: fold_for_search lower-cases and strips diacritics", "[text]")
{
    CHECK(fold_for_search("Résumé ÉLAN Straße Ærø") == "resume elan strasse ærø");
    CHECK(fold_for_search("ÅNGSTRÖM") == "angstrom");
}

namespace
{
std::string repeat_words(const std::string& word, std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? " " : "") + word;
    return out;
}
} // namespace

TEST_CASE("text: a query's words are its terms; operators and column names are not", "[text]")
{
    const auto t = search_terms("Mère AND \"my father\"* OR NOT fath* text: NEAR(a b, 5)");
    REQUIRE(t);
    std::vector<std::string> words;
    for (const auto& term : *t)
        words.push_back(term.folded + (term.prefix ? "*" : ""));
    CHECK(words == std::vector<std::string>{"mere", "my", "father*", "fath*", "a", "b", "5"});
    // "" inside a phrase is a quote, and an unclosed phrase still has its words.
    const auto q = search_terms("\"say \"\"hi\"\"\" \"open");
    REQUIRE(q);
    CHECK(q->size() == 3);
}

TEST_CASE("text: a query over 64 words or 1,000 characters is refused, saying which", "[text]")
{
    CHECK(search_terms(repeat_words("a", kMaxSearchTerms)));
    const auto many = search_terms(repeat_words("a", 4000));
    REQUIRE_FALSE(many);
    CHECK(many.error().code == ErrorCode::InvalidArgument);
    CHECK(many.error().message == "the search query has 4000 words: too many terms (max 64)");
    // Operators do not count: 64 words joined by OR are fine.
    std::string ors = "a";
    for (std::size_t i = 1; i < kMaxSearchTerms; ++i)
        ors += " OR a";
    CHECK(search_terms(ors));
    const auto longest = search_terms(std::string(1001, 'x'));
    REQUIRE_FALSE(longest);
    CHECK(longest.error().code == ErrorCode::InvalidArgument);
    CHECK(longest.error().message ==
          "the search query is 1001 characters long: too long (max 1000)");
}

TEST_CASE("text: a snippet marks whole matching words in a window of 16 words", "[text]")
{
    const std::vector<SearchTerm> mother{{"mother", false}};
    CHECK(search_snippet("R: My Mother, um.", mother) == "R: My [Mother], um.");
    // Accents and case fold as in the index; a prefix term matches the start of a word.
    CHECK(search_snippet("Ma MÈRE et mon père", {{"mere", false}, {"pe", true}}) ==
          "Ma [MÈRE] et mon [père]");
    // A word that only contains the term is no match.
    CHECK(search_snippet("grandmother", mother) == "grandmother");
    // A long line: the window with the matches, four words of context, "…" at cut ends.
    const std::string line = repeat_words("w", 40) + " mother " + repeat_words("w", 40);
    CHECK(search_snippet(line, mother) == "\u2026w w w w [mother] w w w w w w w w w w w\u2026");
}

TEST_CASE("text: a snippet of a 200,000-word line with 64 terms is one linear pass", "[text]")
{
    // FTS5's snippet() is quadratic here (minutes); ours must finish within the test's time.
    std::vector<SearchTerm> terms(kMaxSearchTerms, SearchTerm{"a", false});
    const std::string line = repeat_words("a", 200000);
    const auto s = search_snippet(line, terms);
    CHECK(s.rfind("[a] [a]", 0) == 0);
    CHECK(s.size() < 100);
}
