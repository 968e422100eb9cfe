// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/transcript_import.h"
#include "core/text/sha256.h"

#include "io_fixture.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

using namespace attune;
using namespace attune::io;
using attune::test::transcripts_dir;

namespace
{

// What LibreOffice saved from tests/data/transcripts/source/labelled.fodt: the heading, labels
// as typed, the line break inside a paragraph, two spaces (text:s), a tab, an empty paragraph.
const std::string kLabelled = "Interview 12 – Zoë\n"
                              "I: Could you describe your relationship with your parents, as far "
                              "back as you remember?\n"
                              "R: Um, well… my mother was very warm.\n"
                              "My father,  he worked a lot.\n"
                              "I:\tFive adjectives?\n"
                              "R: Kind, distant, „strenge“, naïve, 😀 funny.\n"
                              "\n"
                              "I: Thank you.";

// bold_interviewer.fodt with the bold paragraphs labelled as the interviewer's.
const std::string kBoldLabelled =
    "Interview 7, coder copy\n"
    "\n"
    "I: Could you start by helping me get oriented to your early family situation?\n"
    "R: We lived in Köln, my mother, my sister and me.\n"
    "My father left when I was three… I don’t really remember him.\n"
    "I: And who raised you?\n"
    "Was it mostly your mother?\n"
    "R: My grandmother, mostly. She was very strict.";

const std::string kBoldPlain =
    "Interview 7, coder copy\n"
    "\n"
    "Could you start by helping me get oriented to your early family situation?\n"
    "We lived in Köln, my mother, my sister and me.\n"
    "My father left when I was three… I don’t really remember him.\n"
    "And who raised you?\n"
    "Was it mostly your mother?\n"
    "My grandmother, mostly. She was very strict.";

} // namespace

TEST_CASE("io: .docx and .odt saved by LibreOffice import to the same text", "[io]")
{
    for (const char* name : {"labelled.docx", "labelled.odt"})
    {
        INFO(name);
        const auto r = import_transcript(transcripts_dir() / name, ImportOptions{});
        REQUIRE(r.ok());
        CHECK(r->text == kLabelled);
        CHECK(r->format == std::string(name).substr(9));
        CHECK(r->encoding == "UTF-8");
        CHECK(r->sha256 == text::sha256_hex(kLabelled));
        CHECK(r->notes.empty()); // labels present: bold headings are not turned into turns
    }
}

TEST_CASE("io: bold paragraphs become interviewer turns when there are no labels", "[io]")
{
    for (const char* name : {"bold_interviewer.docx", "bold_interviewer.odt"})
    {
        INFO(name);
        const auto r = import_transcript(transcripts_dir() / name, ImportOptions{});
        REQUIRE(r.ok());
        CHECK(r->text == kBoldLabelled);
        REQUIRE(r->notes.size() == 2);
        CHECK_THAT(r->notes[0], Catch::Contains("2 \"I:\" and 2 \"R:\" labels added"));
        CHECK_THAT(r->notes[1], Catch::StartsWith("1 paragraph(s) mix bold"));

        ImportOptions plain;
        plain.bold_as_interviewer = false;
        const auto p = import_transcript(transcripts_dir() / name, plain);
        REQUIRE(p.ok());
        CHECK(p->text == kBoldPlain);
        CHECK(p->notes.empty());
    }
}

TEST_CASE("io: a .txt file in windows-1252 imports as its UTF-8 original with a note", "[io]")
{
    const std::string original = "I: Et votre mère ?\r\nR: « Ça coûte 20 € », disait-elle… "
                                 "toujours pareil, l’été comme l’hiver.\r\n";
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open("windows-1252", &status);
    const auto u = icu::UnicodeString::fromUTF8(original);
    std::string bytes(static_cast<std::size_t>(u.length()) + 8, '\0');
    bytes.resize(static_cast<std::size_t>(ucnv_fromUChars(conv, bytes.data(),
                                                          static_cast<std::int32_t>(bytes.size()),
                                                          u.getBuffer(), u.length(), &status)));
    ucnv_close(conv);
    REQUIRE(U_SUCCESS(status));

    const auto dir = std::filesystem::temp_directory_path() / "attune_io_test_txt";
    std::filesystem::create_directories(dir);
    const auto file = dir / "Interview.TXT"; // extension matched case-insensitively
    {
        std::ofstream out(file, std::ios::binary);
        out << bytes;
    }
    const auto r = import_transcript(file, ImportOptions{});
    std::filesystem::remove_all(dir);
    REQUIRE(r.ok());
    CHECK(r->format == "txt");
    CHECK(r->encoding == "windows-1252");
    CHECK(r->text == "I: Et votre mère ?\nR: « Ça coûte 20 € », disait-elle… toujours pareil, "
                     "l’été comme l’hiver.\n");
    REQUIRE(r->notes.size() == 1);
    CHECK(r->notes[0] == "read as windows-1252 (detected)");
}

TEST_CASE("io: replace_invalid is noted, and an explicit encoding is passed on", "[io]")
{
    ImportOptions options;
    options.replace_invalid = true;
    const auto r = import_transcript_bytes("Grüße aus Köln \xFF und é", "a.txt", options);
    REQUIRE(r.ok());
    CHECK(r->text == "Grüße aus Köln \uFFFD und é");
    REQUIRE(r->notes.size() == 1);
    CHECK_THAT(r->notes[0], Catch::StartsWith("1 invalid byte sequence(s)"));

    ImportOptions latin;
    latin.encoding = "ISO-8859-15";
    const auto e = import_transcript_bytes("5 \xA4", "a.txt", latin);
    REQUIRE(e.ok());
    CHECK(e->text == "5 €");
    CHECK(e->encoding == "ISO-8859-15");
    CHECK(e->notes.empty());
}

TEST_CASE("io: invalid UTF-8 in a .txt is an encoding error naming the byte offset", "[io]")
{
    const auto r = import_transcript_bytes("Zoë said\nnaïve \xC3( here é", "t.txt", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Encoding);
    CHECK_THAT(r.error().message, Catch::Contains("byte offset 17"));
    CHECK(r.error().where->path == "t.txt");
    CHECK(r.error().where->line == 2);
    CHECK(r.error().where->column == 7);
}

TEST_CASE("io: other file types are unsupported", "[io]")
{
    for (const char* name : {"notes.pdf", "transcript.rtf", "README", "archive.doc"})
    {
        INFO(name);
        const auto r = import_transcript_bytes("hello", name, {});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Unsupported);
        CHECK(r.error().where->path == name);
    }
    const auto missing = import_transcript(transcripts_dir() / "no_such_file.txt", {});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::NotFound);
}

TEST_CASE("io: files over the size limit are refused before decoding", "[io]")
{
    ImportOptions options;
    options.max_bytes = 100;
    const auto r = import_transcript_bytes(std::string(101, 'a'), "big.txt", options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::TooLarge);
    CHECK_THAT(r.error().message, Catch::Contains("limit of 100 bytes"));
    CHECK(import_transcript_bytes(std::string(100, 'a'), "ok.txt", options).ok());

    // The same limit on a file read from disk (labelled.docx is about 5 KB).
    ImportOptions tiny;
    tiny.max_bytes = 1000;
    const auto d = import_transcript(transcripts_dir() / "labelled.docx", tiny);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().code == ErrorCode::TooLarge);
    CHECK(kDefaultMaxImportBytes == 50ull * 1024 * 1024);
}
