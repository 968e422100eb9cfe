// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/text_index.h"

#include <catch2/catch.hpp>

#include <random>

using namespace attune;
using namespace attune::text;

namespace
{

/// Reference conversion by brute force: byte and UTF-16 offset of every code point.
struct Reference
{
    std::vector<std::int64_t> bytes;
    std::vector<std::int64_t> units;
};

Reference reference(const std::string& s)
{
    Reference r;
    std::int64_t u = 0;
    for (std::size_t i = 0; i < s.size();)
    {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        r.bytes.push_back(static_cast<std::int64_t>(i));
        r.units.push_back(u);
        u += n == 4 ? 2 : 1;
        i += n;
    }
    r.bytes.push_back(static_cast<std::int64_t>(s.size()));
    r.units.push_back(u);
    return r;
}

} // namespace

TEST_CASE("text: TextIndex converts astral characters and combining marks exactly", "[text]")
{
    // a, 😀 (4 bytes, 2 units), e + U+0301 (two code points), 日 (3 bytes), \n, 𝄞 (4 bytes)
    const std::string s = "a\xF0\x9F\x98\x80"
                          "e\xCC\x81\xE6\x97\xA5\n\xF0\x9D\x84\x9E";
    const TextIndex index(s);
    CHECK(index.size() == 7);
    CHECK(index.utf8_size() == 16);
    CHECK(index.utf16_size() == 9);
    CHECK(index.cp_to_utf8(1) == 1);
    CHECK(index.cp_to_utf8(2) == 5);
    CHECK(index.cp_to_utf8(3) == 6);
    CHECK(index.cp_to_utf8(4) == 8);
    CHECK(index.cp_to_utf16(2) == 3);
    CHECK(index.cp_to_utf16(7) == 9);
    CHECK(index.at(1) == U'\U0001F600');
    CHECK(index.at(3) == U'\u0301');
    CHECK(index.substr(1, 4) == "\xF0\x9F\x98\x80"
                                "e\xCC\x81");
    CHECK(index.substr(6, 7) == "\xF0\x9D\x84\x9E");
}

TEST_CASE("text: TextIndex rounds positions inside a character down to its start", "[text]")
{
    const TextIndex index("a\xF0\x9F\x98\x80"
                          "b");
    // Bytes 2, 3, 4 are inside the emoji (code point 1).
    CHECK(index.utf8_to_cp(1) == 1);
    CHECK(index.utf8_to_cp(2) == 1);
    CHECK(index.utf8_to_cp(4) == 1);
    CHECK(index.utf8_to_cp(5) == 2);
    // UTF-16 unit 2 is the emoji's low surrogate.
    CHECK(index.utf16_to_cp(1) == 1);
    CHECK(index.utf16_to_cp(2) == 1);
    CHECK(index.utf16_to_cp(3) == 2);
    // Out of range is clamped.
    CHECK(index.utf8_to_cp(-5) == 0);
    CHECK(index.utf8_to_cp(100) == 3);
    CHECK(index.cp_to_utf8(100) == 6);
    CHECK(index.utf16_to_cp(100) == 3);
}

TEST_CASE("text: TextIndex round-trips every offset of a long mixed-script text", "[text]")
{
    const std::vector<std::string> pieces = {"a", " ", "\n", "é",  "e\xCC\x81", "日本",
                                             "😀", "𝄞", "Ω",  "\t", "ß"};
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::string s;
    while (s.size() < 300000)
        s += pieces[pick(rng)];
    const TextIndex index(s);
    const Reference r = reference(s);
    REQUIRE(index.size() == static_cast<CpOffset>(r.bytes.size()) - 1);
    for (CpOffset cp = 0; cp <= index.size(); cp += 7)
    {
        const auto i = static_cast<std::size_t>(cp);
        REQUIRE(index.cp_to_utf8(cp) == r.bytes[i]);
        REQUIRE(index.utf8_to_cp(r.bytes[i]) == cp);
        REQUIRE(index.cp_to_utf16(cp) == r.units[i]);
        REQUIRE(index.utf16_to_cp(r.units[i]) == cp);
    }
}

TEST_CASE("text: TextIndex numbers lines from 1 and finds their starts", "[text]")
{
    const TextIndex index("I: Hi.\nR: Héllo.\n\nI: 😀 ok\n");
    REQUIRE(index.line_count() == 5); // the final '\n' opens an empty fifth line
    CHECK(index.line_start(1) == 0);
    CHECK(index.line_start(2) == 7);
    CHECK(index.line_end(2) == 16);
    CHECK(index.line_start(3) == 17);
    CHECK(index.line_end(3) == 17);
    CHECK(index.line_start(4) == 18);
    CHECK(index.line_start(5) == 26);
    CHECK(index.line_end(5) == 26);
    CHECK(index.line_of(0) == 1);
    CHECK(index.line_of(6) == 1); // the '\n' ends line 1
    CHECK(index.line_of(7) == 2);
    CHECK(index.line_of(17) == 3);
    CHECK(index.line_of(22) == 4);
    CHECK(index.line_of(26) == 5);
    CHECK(index.column_of(21) == 4); // the emoji, one code point
    CHECK(index.substr(index.line_start(4), index.line_end(4)) == "I: 😀 ok");

    const TextIndex empty("");
    CHECK(empty.line_count() == 1);
    CHECK(empty.line_of(0) == 1);
    CHECK(empty.size() == 0);
    CHECK(empty.substr(0, 5).empty());
}

TEST_CASE("text: shaping run breaks follow multi-code-point clusters and f-ligatures", "[text]")
{
    // "office" (ffi ligature), Mo + U+0301 (a letter and its mark), 👍🏽 (thumbs up + skin
    // tone, one cluster of two code points), "It’s" and "Zoë" (single code points: no break).
    const std::string s =
        "office Mo\xCC\x81nica \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD It\xE2\x80\x99s Zo\xC3\xAB";
    CHECK(shaping_run_breaks(s) == std::vector<CpOffset>{2, 3, 10, 17});
    // A cluster at the very end, or "f" before a capital, a space or the end: nothing to break.
    CHECK(shaping_run_breaks("e\xCC\x81") == std::vector<CpOffset>{});
    CHECK(shaping_run_breaks("fF f. f") == std::vector<CpOffset>{});
    CHECK(shaping_run_breaks("").empty());
    CHECK(shaping_run_breaks("fffl") == std::vector<CpOffset>{1, 2, 3});
}
