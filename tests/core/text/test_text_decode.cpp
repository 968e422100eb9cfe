// SPDX-License-Identifier: GPL-3.0-or-later
// Each legacy-encoding fixture is made here with ICU from a UTF-8 original, so the test proves the
// round trip file bytes → decode_text → the original's NFC UTF-8, byte for byte.
#include "core/text/decode.h"
#include "core/text/sha256.h"

#include <catch2/catch.hpp>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <string>

using namespace attune;
using namespace attune::text;

namespace
{

/// `utf8` in `encoding`, made by ICU; fails the test if a character has no mapping (a fixture
/// that silently substitutes would prove nothing).
std::string encode(const std::string& utf8, const char* encoding)
{
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(encoding, &status);
    REQUIRE(U_SUCCESS(status));
    ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    const auto u = icu::UnicodeString::fromUTF8(utf8);
    std::string out(static_cast<std::size_t>(u.length()) * 4 + 16, '\0');
    const std::int32_t n = ucnv_fromUChars(conv, out.data(), static_cast<std::int32_t>(out.size()),
                                           u.getBuffer(), u.length(), &status);
    ucnv_close(conv);
    INFO("encoding " << encoding);
    REQUIRE(U_SUCCESS(status));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string nfc(const std::string& utf8)
{
    UErrorCode status = U_ZERO_ERROR;
    const auto* n = icu::Normalizer2::getNFCInstance(status);
    std::string out;
    n->normalize(icu::UnicodeString::fromUTF8(utf8), status).toUTF8String(out);
    REQUIRE(U_SUCCESS(status));
    return out;
}

/// A few lines of interview-like text, repeated so the detector has a fair sample (real
/// transcripts are far longer than this).
std::string interview(const std::string& respondent_line, const std::string& interviewer_line)
{
    std::string s;
    for (int i = 0; i < 6; ++i)
        s += "I: " + interviewer_line + "\nR: " + respondent_line + "\n";
    return s;
}

struct Case
{
    const char* encoding; ///< ICU converter name used to make the fixture
    const char* expected; ///< the name decode_text must report
    std::string original; ///< UTF-8
};

} // namespace

TEST_CASE("text: legacy and Unicode encodings are detected and round-trip to the NFC original",
          "[text]")
{
    const std::vector<Case> cases = {
        // windows-1252: curly quotes, the euro sign and œ live in 0x80–0x9F, which ISO-8859-1
        // lacks, so the detector must say windows-1252.
        {"windows-1252", "windows-1252",
         interview("Ma mère disait toujours « ça coûte 20 € » et puis… rien, l’été passait.",
                   "Et votre cœur, qu’est-ce qu’il ressentait à l’époque ?")},
        // ISO-8859-1: German with umlauts and ß, no C1 bytes.
        {"ISO-8859-1", "ISO-8859-1",
         interview("Mein Vater war sehr streng, wir durften nie über Gefühle sprechen, äh, nie.",
                   "Können Sie fünf Wörter nennen, die Ihre Beziehung zur Mutter beschreiben?")},
        // ISO-8859-2: Czech and Polish letters outside Latin-1.
        {"ISO-8859-2", "ISO-8859-2",
         interview("Moje matka byla přísná, ale měla mě ráda, myslím, že ano, ehm, určitě.",
                   "Popište mi prosím, jaký byl váš vztah s rodiči, když jste byl malý?")},
        // windows-1251 and KOI8-R: Russian.
        {"windows-1251", "windows-1251",
         interview("Мама всегда была рядом, но отец, ну, он часто уезжал по работе.",
                   "Расскажите, пожалуйста, о ваших отношениях с родителями в детстве.")},
        {"KOI8-R", "KOI8-R",
         interview("Мама всегда была рядом, но отец, ну, он часто уезжал по работе.",
                   "Расскажите, пожалуйста, о ваших отношениях с родителями в детстве.")},
        // ISO-8859-7: Greek.
        {"ISO-8859-7", "ISO-8859-7",
         interview("Η μητέρα μου ήταν πάντα εκεί, αλλά ο πατέρας μου έλειπε συχνά.",
                   "Πείτε μου για τη σχέση σας με τους γονείς σας όταν ήσασταν παιδί.")},
        // Shift_JIS and EUC-JP: Japanese.
        {"Shift_JIS", "Shift_JIS",
         interview("母はいつもそばにいてくれましたが、父は仕事でよく留守にしていました。",
                   "子供の頃のご両親との関係について教えてください。")},
        // ISO-2022-JP: 7-bit with ESC sequences, so it would pass for ASCII without them.
        {"ISO-2022-JP", "ISO-2022-JP",
         interview("母はいつもそばにいてくれましたが、父は仕事でよく留守にしていました。",
                   "子供の頃のご両親との関係について教えてください。")},
        {"EUC-JP", "EUC-JP",
         interview("母はいつもそばにいてくれましたが、父は仕事でよく留守にしていました。",
                   "子供の頃のご両親との関係について教えてください。")},
        // GB18030 (Chinese), Big5 (traditional Chinese), EUC-KR (Korean).
        {"GB18030", "GB18030",
         interview("我的母亲总是在我身边，但是父亲经常因为工作出差。",
                   "请您谈谈小时候和父母的关系。")},
        {"Big5", "Big5",
         interview("我的母親總是在我身邊，但是父親經常因為工作出差。",
                   "請您談談小時候和父母的關係。")},
        {"EUC-KR", "EUC-KR",
         interview("어머니는 항상 곁에 계셨지만 아버지는 일 때문에 자주 출장을 가셨어요.",
                   "어린 시절 부모님과의 관계에 대해 말씀해 주세요.")},
    };
    for (const auto& c : cases)
    {
        INFO("fixture " << c.encoding);
        const std::string bytes = encode(c.original, c.encoding);
        REQUIRE(bytes != c.original); // the fixture really is in another encoding
        const auto decoded = decode_text(bytes, DecodeOptions{}, "t.txt");
        REQUIRE(decoded.ok());
        CHECK(decoded->encoding == c.expected);
        CHECK(decoded->utf8 == nfc(c.original));
        CHECK(decoded->replaced == 0);
    }
}

TEST_CASE("text: UTF-16 and UTF-32 with a BOM and UTF-16 without one are read exactly", "[text]")
{
    const std::string original =
        interview("Grüße aus Köln – 日本語も少し 😀 und Émile.", "Wie war das für Sie?");
    struct Wide
    {
        const char* encoding;
        std::string bom;
        const char* expected;
    };
    const std::vector<Wide> cases = {
        {"UTF-16LE", "\xFF\xFE", "UTF-16LE"},
        {"UTF-16BE", "\xFE\xFF", "UTF-16BE"},
        {"UTF-32LE", std::string("\xFF\xFE\0\0", 4), "UTF-32LE"},
        {"UTF-32BE", std::string("\0\0\xFE\xFF", 4), "UTF-32BE"},
        {"UTF-8", "\xEF\xBB\xBF", "UTF-8"},
        {"UTF-16LE", "", "UTF-16LE"}, // no BOM: told by the NUL high bytes of ASCII characters
        {"UTF-16BE", "", "UTF-16BE"},
    };
    for (const auto& c : cases)
    {
        INFO(c.encoding << (c.bom.empty() ? " without BOM" : " with BOM"));
        const std::string bytes = c.bom + encode(original, c.encoding);
        const auto decoded = decode_text(bytes, DecodeOptions{}, "t.txt");
        REQUIRE(decoded.ok());
        CHECK(decoded->encoding == c.expected);
        CHECK(decoded->utf8 == original); // no BOM left in the text
    }
}

TEST_CASE("text: Japanese UTF-16 without BOM is detected from its line breaks", "[text]")
{
    const std::string original =
        "母はいつもそばにいてくれました。\n父は仕事でよく留守にしていました。\n";
    const auto decoded = decode_text(encode(original, "UTF-16BE"), DecodeOptions{}, "t.txt");
    REQUIRE(decoded.ok());
    CHECK(decoded->encoding == "UTF-16BE");
    CHECK(decoded->utf8 == original);
}

TEST_CASE("text: an explicit encoding overrides detection", "[text]")
{
    // Latin-1 bytes read as the user says (ISO-8859-15 has € at 0xA4 where Latin-1 has ¤).
    const std::string bytes = "Preis: 5 \xA4, sch\xF6n";
    DecodeOptions options;
    options.encoding = "ISO-8859-15";
    const auto decoded = decode_text(bytes, options, "t.txt");
    REQUIRE(decoded.ok());
    CHECK(decoded->utf8 == "Preis: 5 €, schön");
    CHECK(decoded->encoding == "ISO-8859-15");

    options.encoding = "utf8"; // an alias; the canonical name is reported
    const auto utf8 = decode_text("\xEF\xBB\xBF"
                                  "abc",
                                  options, "t.txt");
    REQUIRE(utf8.ok());
    CHECK(utf8->encoding == "UTF-8");
    CHECK(utf8->utf8 == "abc");
}

TEST_CASE("text: an unknown encoding name is an invalid argument", "[text]")
{
    DecodeOptions options;
    options.encoding = "klingon-8";
    const auto decoded = decode_text("abc", options, "t.txt");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == ErrorCode::InvalidArgument);
    CHECK_THAT(decoded.error().message, Catch::Contains("klingon-8"));
}

TEST_CASE("text: invalid UTF-8 is reported with its byte offset, line and column", "[text]")
{
    // Mostly good UTF-8 (é, ü) with one stray 0xFF: damaged UTF-8, not another charset.
    const std::string bytes = "Résumé über\nzweite Zeile \xFF und é\n";
    const auto decoded = decode_text(bytes, DecodeOptions{}, "interview.txt");
    REQUIRE_FALSE(decoded.ok());
    const Error& e = decoded.error();
    CHECK(e.code == ErrorCode::Encoding);
    CHECK_THAT(e.message, Catch::Contains("byte offset 28"));
    CHECK_THAT(e.message, Catch::Contains("0xFF"));
    REQUIRE(e.where.has_value());
    CHECK(e.where->path == "interview.txt");
    CHECK(e.where->line == 2);
    CHECK(e.where->column == 14);
}

TEST_CASE("text: a truncated UTF-8 sequence at the end is reported at its start", "[text]")
{
    const std::string bytes = "café crème \xE2\x82"; // € cut after two of three bytes
    const auto decoded = decode_text(bytes, DecodeOptions{}, "t.txt");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == ErrorCode::Encoding);
    CHECK_THAT(decoded.error().message, Catch::Contains("byte offset 13"));
    CHECK(decoded.error().where->line == 1);
    CHECK(decoded.error().where->column == 12);
}

TEST_CASE("text: replace_invalid substitutes U+FFFD per maximal subpart and counts them", "[text]")
{
    // 0xFF alone; E2 82 (truncated €) is one subpart; an overlong C0 80 is two bytes, two marks.
    const std::string bytes = "Grüße, schön: é\xFF"
                              "a\xE2\x82"
                              "b\xC0\x80"
                              "c é";
    DecodeOptions options;
    options.replace_invalid = true;
    const auto decoded = decode_text(bytes, options, "t.txt");
    REQUIRE(decoded.ok());
    CHECK(decoded->encoding == "UTF-8"); // 6 good multi-byte sequences outweigh 4 bad ones
    CHECK(decoded->utf8 == "Grüße, schön: é\uFFFD"
                           "a\uFFFD"
                           "b\uFFFD\uFFFD"
                           "c é");
    CHECK(decoded->replaced == 4);
}

TEST_CASE("text: decomposed characters are composed (NFC)", "[text]")
{
    const std::string decomposed = "Re\xCC\x81sume\xCC\x81 und A\xCC\x88rger"; // e + U+0301
    const auto decoded = decode_text(decomposed, DecodeOptions{}, "t.txt");
    REQUIRE(decoded.ok());
    CHECK(decoded->utf8 == "Résumé und Ärger");
    CHECK(decoded->utf8 == "R\xC3\xA9sum\xC3\xA9 und \xC3\x84rger");
    CHECK(normalize_text(decomposed) == decoded->utf8);
}

TEST_CASE("text: CRLF and lone CR become LF, other text is kept verbatim", "[text]")
{
    const auto decoded =
        decode_text("I: So...\r\nR: Um, well \xE2\x80\x93 I\r\rdon't  know.\r", {}, "t.txt");
    REQUIRE(decoded.ok());
    CHECK(decoded->utf8 == "I: So...\nR: Um, well – I\n\ndon't  know.\n");
}

TEST_CASE("text: control characters are rejected at their line and column", "[text]")
{
    const auto decoded = decode_text("line one\nab\x01"
                                     "c\n",
                                     {}, "t.txt");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == ErrorCode::Encoding);
    CHECK_THAT(decoded.error().message, Catch::Contains("U+0001"));
    CHECK_THAT(decoded.error().message, Catch::Contains("byte offset 11"));
    CHECK(decoded.error().where->line == 2);
    CHECK(decoded.error().where->column == 3);

    // A stray NUL in UTF-8 text is a control character, not a hint of UTF-16.
    const auto nul = decode_text(std::string("abc def\0ghi", 11), {}, "t.txt");
    REQUIRE_FALSE(nul.ok());
    CHECK_THAT(nul.error().message, Catch::Contains("U+0000"));
    CHECK(nul.error().where->column == 8);

    DecodeOptions options;
    options.replace_invalid = true;
    const auto replaced = decode_text("a\x01"
                                      "b\tc",
                                      options, "t.txt");
    REQUIRE(replaced.ok());
    CHECK(replaced->utf8 == "a\uFFFD"
                            "b\tc");
    CHECK(replaced->replaced == 1);
}

TEST_CASE("text: bytes invalid in a named legacy encoding report their offset", "[text]")
{
    DecodeOptions options;
    options.encoding = "Shift_JIS";
    const std::string good = encode("こんにちは\n", "Shift_JIS");
    const std::string bytes = good + "ab\x81"; // a lead byte with nothing after it
    const auto decoded = decode_text(bytes, options, "t.txt");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == ErrorCode::Encoding);
    CHECK_THAT(decoded.error().message,
               Catch::Contains("byte offset " + std::to_string(good.size() + 2)));
    CHECK(decoded.error().where->line == 2);
    CHECK(decoded.error().where->column == 3);

    options.replace_invalid = true;
    const auto replaced = decode_text(bytes, options, "t.txt");
    REQUIRE(replaced.ok());
    CHECK(replaced->utf8 == "こんにちは\nab\uFFFD");
    CHECK(replaced->replaced == 1);
}

TEST_CASE("text: empty and ASCII input decode as UTF-8", "[text]")
{
    const auto empty = decode_text("", {}, "t.txt");
    REQUIRE(empty.ok());
    CHECK(empty->utf8.empty());
    CHECK(empty->encoding == "UTF-8");
    const auto ascii = decode_text("I: Hello.\nR: Hi.\n", {}, "t.txt");
    REQUIRE(ascii.ok());
    CHECK(ascii->utf8 == "I: Hello.\nR: Hi.\n");
}

TEST_CASE("text: sha256_hex matches the FIPS 180-2 test vectors", "[text]")
{
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("text: a few legacy-encoded words are read as windows-1252, marked as a guess", "[text]")
{
    const auto decoded = decode_text("caf\xE9 cr\xE8me\n", {}, "t.txt");
    REQUIRE(decoded.ok());
    CHECK(decoded->utf8 == "café crème\n");
    CHECK(decoded->encoding == "windows-1252");
    CHECK(decoded->guessed);
    // Enough text is detected, not guessed.
    const auto longer = decode_text("Gr\xFC\xDF"
                                    "e aus K\xF6ln, sch\xF6ne Stra\xDF"
                                    "e",
                                    {}, "t.txt");
    REQUIRE(longer.ok());
    CHECK_FALSE(longer->guessed);
}

// Unicode 15, §3.9 (Table 3-7, well-formed byte sequences): overlongs (C0 80, E0 80 80),
// surrogates (ED A0 80), values past U+10FFFF (F4 90 80 80) and truncated sequences are
// ill-formed; the offset is the first byte of the first ill-formed sequence.
TEST_CASE("text: first_invalid_utf8 finds the first ill-formed sequence", "[text]")
{
    CHECK_FALSE(first_invalid_utf8("").has_value());
    CHECK_FALSE(first_invalid_utf8("plain ASCII\n").has_value());
    CHECK_FALSE(first_invalid_utf8("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80").has_value());
    CHECK(first_invalid_utf8("ab\xC0\x80") == std::optional<std::size_t>(2));
    CHECK(first_invalid_utf8("\xE0\x80\x80") == std::optional<std::size_t>(0));
    CHECK(first_invalid_utf8("x\xED\xA0\x80") == std::optional<std::size_t>(1));
    CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == std::optional<std::size_t>(0));
    CHECK(first_invalid_utf8("caf\xC3\xA9\xC3") == std::optional<std::size_t>(5));
    CHECK(first_invalid_utf8("caf\xE9 ok") == std::optional<std::size_t>(3));
    // is_valid_utf8 is the same test.
    CHECK(is_valid_utf8("caf\xC3\xA9"));
    CHECK_FALSE(is_valid_utf8("caf\xE9"));
}
