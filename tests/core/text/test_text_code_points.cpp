// SPDX-License-Identifier: GPL-3.0-or-later
// The one set of code-point helpers (core/text/code_points.h) and the lines of a text
// (text::line_starts, text::line_of), which TextIndex, the workbench and the CLI all use.
#include "core/text/code_points.h"
#include "core/text/text_index.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>

using namespace attune;
using namespace attune::text;

namespace
{

// "é" is 2 bytes, "€" 3, "😀" 4: one code point each.
const std::string kMixed = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";

} // namespace

TEST_CASE("code points: counted by the bytes that begin one", "[text][code_points]")
{
    CHECK(code_point_count("") == 0);
    CHECK(code_point_count("abc") == 3);
    CHECK(code_point_count(kMixed) == 5);
    CHECK(starts_code_point('a'));
    CHECK(starts_code_point('\xC3'));
    CHECK_FALSE(starts_code_point('\xA9'));
    // Ill-formed input is counted, not checked: a stray continuation byte adds nothing.
    CHECK(code_point_count("a\x80"
                           "b") == 2);
    CHECK(code_point_count(kMixed) == TextIndex(kMixed).size());
}

TEST_CASE("code points: the word-at-a-time count is the byte-by-byte one, for any bytes",
          "[text][code_points]")
{
    // Every length around the 8-byte steps, every alignment, random bytes (valid or not) and
    // the bytes at the edges of the continuation range.
    std::mt19937 rng(20261203);
    std::uniform_int_distribution<int> byte(0, 255);
    const std::string edges = "\x7F\x80\xBF\xC0\xC2\xE2\xF0\xFF\x3F\x40";
    for (int round = 0; round < 2000; ++round)
    {
        std::string s(static_cast<std::size_t>(round % 41), '\0');
        for (char& c : s)
            c = round % 3 == 0 ? edges[static_cast<std::size_t>(byte(rng)) % edges.size()]
                               : static_cast<char>(byte(rng));
        for (std::size_t from = 0; from <= std::min<std::size_t>(s.size(), 9); ++from)
        {
            const std::string_view v = std::string_view(s).substr(from);
            CpOffset slow = 0;
            for (const char c : v)
                slow += starts_code_point(c) ? 1 : 0;
            REQUIRE(code_point_count(v) == slow);
        }
    }
}

TEST_CASE("code points: byte offsets and cuts by code point, clamped", "[text][code_points]")
{
    CHECK(byte_of_code_point(kMixed, -1) == 0);
    CHECK(byte_of_code_point(kMixed, 0) == 0);
    CHECK(byte_of_code_point(kMixed, 1) == 1);
    CHECK(byte_of_code_point(kMixed, 2) == 3);
    CHECK(byte_of_code_point(kMixed, 3) == 6);
    CHECK(byte_of_code_point(kMixed, 4) == 10);
    CHECK(byte_of_code_point(kMixed, 5) == kMixed.size());
    CHECK(byte_of_code_point(kMixed, 99) == kMixed.size());

    CHECK(code_point_substr(kMixed, 1, 3) == "\xC3\xA9\xE2\x82\xAC");
    CHECK(code_point_substr(kMixed, 3, 99) == "\xF0\x9F\x98\x80z");
    CHECK(code_point_substr(kMixed, -5, 1) == "a");
    CHECK(code_point_substr(kMixed, 2, 2).empty());
    CHECK(code_point_substr(kMixed, 4, 2).empty());
    CHECK(code_point_substr(kMixed, 7, 9).empty());
    // The same cut as TextIndex::substr makes.
    const TextIndex index(kMixed);
    for (CpOffset b = 0; b <= 5; ++b)
        for (CpOffset e = b; e <= 5; ++e)
            CHECK(code_point_substr(kMixed, b, e) == index.substr(b, e));
}

TEST_CASE("code points: decoded, with U+FFFD for ill-formed sequences", "[text][code_points]")
{
    CHECK(to_code_points(kMixed) == U"a\u00E9\u20AC\U0001F600z");
    CHECK(to_code_points("").empty());
    CHECK(to_code_points("a\xC3") == U"a\uFFFD"); // truncated sequence
    CHECK(to_code_points("\x80x") == U"\uFFFDx"); // stray continuation byte
}

TEST_CASE("code points: the line and column of a byte, as an editor shows it",
          "[text][code_points]")
{
    const std::string t = "ab\n\xC3\xA9"
                          "cd\nx";
    CHECK(line_column_of_byte(t, 0) == std::pair(1, 1));
    CHECK(line_column_of_byte(t, 2) == std::pair(1, 3)); // the '\n' itself
    CHECK(line_column_of_byte(t, 3) == std::pair(2, 1));
    CHECK(line_column_of_byte(t, 5) == std::pair(2, 2)); // after the 2-byte é
    CHECK(line_column_of_byte(t, 8) == std::pair(3, 1));
    CHECK(line_column_of_byte(t, 999) == std::pair(3, 2));
}

TEST_CASE("lines: starts and line_of agree with TextIndex", "[text][code_points]")
{
    const std::string t = "I: Hi\n\nR: \xC3\xA9t\xC3\xA9\nend\n";
    const auto starts = line_starts(t);
    REQUIRE(starts == std::vector<CpOffset>{0, 6, 7, 14, 18});
    CHECK(line_starts("") == std::vector<CpOffset>{0});
    const TextIndex index(t);
    REQUIRE(index.line_count() == static_cast<int>(starts.size()));
    for (int line = 1; line <= index.line_count(); ++line)
        CHECK(index.line_start(line) == starts[static_cast<std::size_t>(line - 1)]);
    for (CpOffset cp = -2; cp <= index.size() + 2; ++cp)
        CHECK(line_of(starts, cp) == index.line_of(cp));
    CHECK(line_of(starts, 5) == 1); // the '\n' belongs to the line it ends
    CHECK(line_of(starts, 6) == 2); // an empty line
    CHECK(line_of(starts, -1) == 1);
    CHECK(line_of(starts, 999) == 5);
}

TEST_CASE("from_code_points is the inverse of to_code_points", "[text]")
{
    // One code point of each UTF-8 length: 1 (a), 2 (é), 3 (€), 4 (😀), and a combining mark.
    const std::string s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
                          "e\xcc\x81";
    CHECK(text::to_code_points(s).size() == 6);
    CHECK(text::from_code_points(text::to_code_points(s)) == s);
    CHECK(text::from_code_points(U"").empty());
}
