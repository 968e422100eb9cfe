// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken .docx/.odt files: each is refused with the right code and place, and none
// is read further than the guard that catches it.
#include "core/io/transcript_import.h"

#include "io_fixture.h"

using namespace attune;
using namespace attune::io;
using attune::test::docx_document;
using attune::test::make_zip;
using attune::test::odt_content;
using attune::test::read_bytes;
using attune::test::transcripts_dir;

TEST_CASE("io: a minimal hand-made .docx reads paragraphs, tabs, breaks and skips deletions",
          "[io]")
{
    const std::string body = "<w:p><w:r><w:t>I: Hello</w:t><w:tab/><w:t xml:space=\"preserve\"> "
                             "there</w:t><w:br/><w:t>again</w:t></w:r></w:p>"
                             "<w:p><w:r><w:t>R: Yes</w:t></w:r><w:del><w:r><w:delText>NO"
                             "</w:delText></w:r></w:del><w:ins><w:r><w:t>!</w:t></w:r></w:ins>"
                             "</w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p>"
                             "</w:tc></w:tr></w:tbl>";
    const auto zip = make_zip({{"word/document.xml", docx_document(body)}});
    const auto r = import_transcript_bytes(zip, "mini.docx", {});
    REQUIRE(r.ok());
    CHECK(r->text == "I: Hello\t there\nagain\nR: Yes!\ncell");
}

TEST_CASE("io: zip-slip entry names are refused even though they are never extracted", "[io]")
{
    for (const char* evil : {"../evil.sh", "word/../../evil.sh", "/etc/cron.d/evil",
                             "C:/Windows/evil.dll", "word\\..\\evil"})
    {
        INFO(evil);
        const auto zip = make_zip({{"word/document.xml", docx_document("")}, {evil, "x"}});
        const auto r = import_transcript_bytes(zip, "slip.docx", {});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::DataInvalid);
        CHECK_THAT(r.error().message, Catch::Contains(evil));
        CHECK(r.error().where->path == "slip.docx");
    }
}

TEST_CASE("io: a zip bomb is refused from its declared sizes, before inflating", "[io]")
{
    // 4 MiB of one byte inside a valid document compresses about 1000 : 1.
    const std::string bomb =
        docx_document("<w:p><w:r><w:t>" + std::string(4u << 20, 'a') + "</w:t></w:r></w:p>");
    const auto zip = make_zip({{"word/document.xml", bomb}});
    REQUIRE(zip.size() < bomb.size() / 200);
    const auto r = import_transcript_bytes(zip, "bomb.docx", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::DataInvalid);
    CHECK_THAT(r.error().message, Catch::Contains("zip bomb"));
    CHECK(r.error().where->path == "bomb.docx!/word/document.xml");

    // Under a small import limit the entry cap (8 × max_bytes) stops it first.
    ImportOptions small;
    small.max_bytes = 64 * 1024;
    const auto s = import_transcript_bytes(zip, "bomb.docx", small);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::TooLarge);
}

TEST_CASE("io: truncated, non-zip and part-less .docx/.odt files are unsupported", "[io]")
{
    const std::string real = read_bytes(transcripts_dir() / "labelled.docx");
    const auto truncated = import_transcript_bytes(real.substr(0, real.size() / 2), "t.docx", {});
    REQUIRE_FALSE(truncated.ok());
    CHECK(truncated.error().code == ErrorCode::Unsupported);
    CHECK_THAT(truncated.error().message, Catch::Contains("zip"));

    const auto text = import_transcript_bytes("I: this is plain text\n", "renamed.docx", {});
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().code == ErrorCode::Unsupported);

    const auto empty = import_transcript_bytes("", "empty.odt", {});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == ErrorCode::Unsupported);

    // An .odt renamed .docx: a zip, but without word/document.xml.
    const std::string odt = read_bytes(transcripts_dir() / "labelled.odt");
    const auto swapped = import_transcript_bytes(odt, "swapped.docx", {});
    REQUIRE_FALSE(swapped.ok());
    CHECK(swapped.error().code == ErrorCode::Unsupported);
    CHECK_THAT(swapped.error().message, Catch::Contains("word/document.xml"));
    const auto swapped_back = import_transcript_bytes(real, "swapped.odt", {});
    REQUIRE_FALSE(swapped_back.ok());
    CHECK_THAT(swapped_back.error().message, Catch::Contains("content.xml"));
}

TEST_CASE("io: malformed XML is reported with the entry name, line and column", "[io]")
{
    const std::string xml =
        "<?xml version=\"1.0\"?>\n"
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n"
        "<w:body><w:p><w:r><w:t>Zoë</w:t></w:r>\n"
        "  </w:body></w:document>\n";
    const auto r = import_transcript_bytes(make_zip({{"word/document.xml", xml}}), "bad.docx", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::XmlMalformed);
    REQUIRE(r.error().where.has_value());
    CHECK(r.error().where->path == "bad.docx!/word/document.xml");
    CHECK(r.error().where->line == 4);
    CHECK(r.error().where->column == 5);

    const std::string content = "<office:document-content xmlns:office=\"urn:oasis:names:tc:"
                                "opendocument:xmlns:office:1.0\"><office:body>\n<oops";
    const auto o = import_transcript_bytes(make_zip({{"content.xml", content}}), "bad.odt", {});
    REQUIRE_FALSE(o.ok());
    CHECK(o.error().code == ErrorCode::XmlMalformed);
    CHECK(o.error().where->path == "bad.odt!/content.xml");
    CHECK(o.error().where->line == 2);
}

TEST_CASE("io: DOCTYPE and entity declarations are refused", "[io]")
{
    const std::string xml =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE w:document [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n"
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>";
    const auto r = import_transcript_bytes(make_zip({{"word/document.xml", xml}}), "dtd.docx", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::DataInvalid);
    CHECK_THAT(r.error().message, Catch::Contains("DOCTYPE"));
    CHECK(r.error().where->line == 2);
}

TEST_CASE("io: a document that is not WordprocessingML or nests absurdly deep is refused", "[io]")
{
    const auto html = import_transcript_bytes(
        make_zip({{"word/document.xml", "<html><body>hi</body></html>"}}), "h.docx", {});
    REQUIRE_FALSE(html.ok());
    CHECK(html.error().code == ErrorCode::Unsupported);

    std::string deep;
    for (int i = 0; i < 5000; ++i)
        deep += "<w:sdt><w:sdtContent>";
    const auto r = import_transcript_bytes(make_zip({{"word/document.xml", docx_document(deep)}}),
                                           "deep.docx", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::XmlMalformed); // unclosed: the parser catches it first
    std::string closed = deep;
    for (int i = 0; i < 5000; ++i)
        closed += "</w:sdtContent></w:sdt>";
    const auto c = import_transcript_bytes(make_zip({{"word/document.xml", docx_document(closed)}}),
                                           "deep.docx", {});
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == ErrorCode::DataInvalid);
    CHECK_THAT(c.error().message, Catch::Contains("nested deeper"));
}

TEST_CASE("io: control characters smuggled into document XML are refused", "[io]")
{
    const auto r = import_transcript_bytes(
        make_zip({{"word/document.xml",
                   docx_document("<w:p><w:r><w:t>ok</w:t></w:r></w:p><w:p><w:r><w:t>a&#1;b"
                                 "</w:t></w:r></w:p>")}}),
        "ctl.docx", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Encoding);
    CHECK(r.error().where->line == 2);
    CHECK(r.error().where->column == 2);
}

TEST_CASE("io: an .odt whose text:s elements expand past the limit stops at the element that "
          "crosses it",
          "[io]")
{
    // 24 bytes of XML stand for 10,000 spaces; the eleventh element crosses a 100,000-byte limit.
    std::string body = "<text:p>x";
    for (int i = 0; i < 1000; ++i)
        body += "<text:s text:c=\"10000\"/>";
    body += "</text:p>";
    ImportOptions small;
    small.max_bytes = 100000;
    const auto r = import_transcript_bytes(make_zip({{"content.xml", odt_content(body)}}),
                                           "spaces.odt", small);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::TooLarge);
    CHECK_THAT(r.error().message, Catch::Contains("100000 bytes"));
    REQUIRE(r.error().where.has_value());
    CHECK(r.error().where->path == "spaces.odt!/content.xml");
    // "x" plus nine elements is 90,001 bytes: the tenth crosses. The body starts on line 3.
    CHECK(r.error().where->line == 3);
    CHECK(r.error().where->column == 1 + 9 + 9 * 24 + 1);
}

TEST_CASE("io: a .docx whose paragraphs add up past the limit stops where it crosses", "[io]")
{
    // Separators count too: 200 paragraphs of 10 characters are 2,199 bytes of text (the zip
    // holding them is far smaller); a 2,000-byte limit is crossed on the way.
    std::string body;
    for (int i = 0; i < 200; ++i)
        body += "<w:p><w:r><w:t>abcdefghij</w:t></w:r></w:p>";
    ImportOptions small;
    small.max_bytes = 2000;
    const auto zip = make_zip({{"word/document.xml", docx_document(body)}});
    const auto r = import_transcript_bytes(zip, "text.docx", small);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::TooLarge);
    REQUIRE(r.error().where.has_value());
    CHECK(r.error().where->path == "text.docx!/word/document.xml");
    CHECK(r.error().where->line == 2);
    small.max_bytes = 2199;
    CHECK(import_transcript_bytes(zip, "text.docx", small).ok());
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

TEST_CASE("io: a 1 MB .odt of text:s elements is refused within bounded memory", "[io]")
{
    // Stored, not deflated, so the zip-bomb ratio check lets it through: 43,000 elements stand
    // for 430 MB of spaces under the default 50 MiB limit. The old reader needed 2.4 GB here.
    std::string body = "<text:p>";
    for (int i = 0; i < 43000; ++i)
        body += "<text:s text:c=\"10000\"/>";
    body += "</text:p>";
    const std::string odt = make_zip({{"content.xml", odt_content(body)}}, true);
    REQUIRE(odt.size() > 1000000);

    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0)
    {
        // 512 MiB of address space: the text limit (50 MiB) and a growing string's doubling fit,
        // the old reader's gigabytes do not.
        const rlimit limit{512ul << 20, 512ul << 20};
        setrlimit(RLIMIT_AS, &limit);
        int code = 3;
        try
        {
            const auto r = import_transcript_bytes(odt, "spaces.odt", {});
            code = !r.ok() && r.error().code == ErrorCode::TooLarge ? 0 : 4;
        }
        catch (const std::bad_alloc&)
        {
            code = 5;
        }
        _exit(code);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
#endif

TEST_CASE("io: a file without text is refused, for every format", "[io]")
{
    // Issue 17: these imported with exit 0 and no note, as transcripts with nothing to code.
    const auto txt = import_transcript_bytes("", "empty.txt", {});
    REQUIRE_FALSE(txt.ok());
    CHECK(txt.error().code == ErrorCode::InvalidArgument);
    CHECK(txt.error().to_string() == "empty.txt: the file has no text");
    const auto blank = import_transcript_bytes(" \r\n\t\n", "blank.txt", {});
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.error().message == "the file has no text");
    const auto docx = import_transcript_bytes(
        make_zip({{"word/document.xml", docx_document("<w:p/><w:p><w:r><w:t></w:t></w:r></w:p>")}}),
        "empty.docx", {});
    REQUIRE_FALSE(docx.ok());
    CHECK(docx.error().code == ErrorCode::InvalidArgument);
    CHECK(docx.error().message == "the file has no text");
    const auto odt =
        import_transcript_bytes(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                          {"content.xml", odt_content("<text:p/>")}},
                                         true),
                                "empty.odt", {});
    REQUIRE_FALSE(odt.ok());
    CHECK(odt.error().code == ErrorCode::InvalidArgument);
    // One character is enough.
    CHECK(import_transcript_bytes("x", "one.txt", {}).ok());
}
