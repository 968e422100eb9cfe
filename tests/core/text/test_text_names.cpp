// SPDX-License-Identifier: GPL-3.0-or-later
// The one rule for names and titles (text::normalize_name) and its fitting twin name_from().
#include "core/text/names.h"

#include <catch2/catch.hpp>

using namespace attune;

TEST_CASE("text: a name is stored in NFC with spaces trimmed", "[text]")
{
    const auto nfc = text::normalize_name("  Ren\xC3\xA9 ", "a coder name");
    const auto nfd = text::normalize_name("Rene\xCC\x81", "a coder name");
    REQUIRE(nfc.ok());
    REQUIRE(nfd.ok());
    CHECK(*nfc == "Ren\xC3\xA9");
    CHECK(*nfd == *nfc);
    CHECK(*text::normalize_name("\xE5\xBC\xA0\xE4\xBC\x9F", "a coder name") ==
          "\xE5\xBC\xA0\xE4\xBC\x9F");
}

TEST_CASE("text: control characters, invisible and overlong names are refused", "[text]")
{
    for (const std::string& bad :
         {std::string("a\tb"), std::string("a\nb"), std::string("x\r"), std::string("a\x1B[31mred"),
          std::string("bell\x07"), std::string("del\x7F"), std::string("c1\xC2\x9B"),
          std::string("line\xE2\x80\xA8sep"),
          std::string("\xE2\x80\xAE"
                      "evil"),
          std::string("\xE2\x80\x8B"), std::string("   "), std::string(""), std::string(201, 'x')})
    {
        INFO(bad);
        const auto r = text::normalize_name(bad, "a coder name");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::InvalidArgument);
        CHECK_THAT(r.error().message, Catch::StartsWith("a coder name "));
    }
    CHECK(text::normalize_name(std::string(200, 'x'), "a title").ok());
    const auto bytes = text::normalize_name("caf\xE9", "a title");
    REQUIRE_FALSE(bytes.ok());
    CHECK(bytes.error().code == ErrorCode::Encoding);
}

TEST_CASE("text: a name made from a file name fits the rule instead of failing", "[text]")
{
    CHECK(text::name_from("new\nline.txt") == "new\xEF\xBF\xBDline.txt");
    CHECK(text::name_from("\xE2\x80\x8B") == "untitled");
    CHECK(text::name_from(std::string(5000, 'y')).size() == text::kMaxNameLength);
    CHECK(text::normalize_name(text::name_from("a\x1B[1mb"), "a title").ok());
}
