// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile input: every case must end in a clear error value — no crash, no hang, no huge
// allocation. Inputs are built in memory (or in a temp file for the size check on disk).
#include "core/scheme/scheme.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

using namespace attune;
using namespace attune::scheme;

namespace
{

const std::string kHead = "<?xml version=\"1.0\"?>\n"
                          "<scheme xmlns=\"urn:attune:scheme:1\" version=\"1\" id=\"h\">\n";

Error first_error(std::string_view xml)
{
    auto r = load_scheme_string_all(xml, "hostile.xml");
    REQUIRE_FALSE(r.ok());
    REQUIRE_FALSE(r.errors.empty());
    return r.errors.front();
}

} // namespace

TEST_CASE("scheme: a scheme file over 8 MiB is refused before it is read", "[scheme]")
{
    const auto path = std::filesystem::temp_directory_path() /
                      ("attune-huge-scheme-" + std::to_string(::getpid()) + ".xml");
    {
        std::ofstream out(path, std::ios::binary);
        out << kHead;
        const std::string filler(1024 * 1024, ' ');
        for (int i = 0; i < 9; ++i)
            out << filler;
        out << "</scheme>\n";
    }
    const auto r = load_scheme_file(path);
    std::filesystem::remove(path);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::TooLarge);
    CHECK(r.error().message.find("limit is 8388608") != std::string::npos);
    // The in-memory entry point applies the same limit.
    const std::string big(kMaxFileBytes + 1, ' ');
    CHECK(first_error(big).code == ErrorCode::TooLarge);
}

TEST_CASE("scheme: nesting deeper than the limit is refused at the offending element", "[scheme]")
{
    std::string xml = kHead + "<codes>\n";
    for (int i = 0; i < 100000; ++i)
        xml += "<group id=\"g\" name=\"g\">";
    const Error e = first_error(xml);
    CHECK(e.code == ErrorCode::TooLarge);
    CHECK(e.message.find("nest deeper than 64") != std::string::npos);
    // Depth 1 is <scheme>, 2 is <codes>, so the 65th level is the 63rd <group> on line 4.
    CHECK(e.where->line == 4);
    CHECK(e.where->column == 1 + 62 * 23);
}

TEST_CASE("scheme: a DOCTYPE with entity expansion (billion laughs) is refused", "[scheme]")
{
    std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE scheme [\n <!ENTITY lol \"lol\">\n";
    for (int i = 1; i < 10; ++i)
    {
        const std::string prev = i == 1 ? "lol" : "lol" + std::to_string(i - 1);
        xml += " <!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k)
            xml += "&" + prev + ";";
        xml += "\">\n";
    }
    xml += "]>\n<scheme xmlns=\"urn:attune:scheme:1\" version=\"1\" id=\"x\">&lol9;</scheme>\n";
    const Error e = first_error(xml);
    CHECK(e.code == ErrorCode::XmlMalformed);
    CHECK(e.message.find("DOCTYPE") != std::string::npos);
    CHECK(e.where->line == 2);
    CHECK(e.where->column == 1);
}

TEST_CASE("scheme: an external entity (XXE) reference is refused", "[scheme]")
{
    const std::string xml = "<?xml version=\"1.0\"?>\n"
                            "<!DOCTYPE s SYSTEM \"file:///etc/passwd\">\n"
                            "<scheme/>\n";
    const Error e = first_error(xml);
    CHECK(e.code == ErrorCode::XmlMalformed);
    CHECK(e.where->line == 2);
}

TEST_CASE("scheme: binary junk is an Encoding error at the first bad byte", "[scheme]")
{
    std::mt19937 rng(42);
    std::string junk(4096, '\0');
    for (auto& c : junk)
        c = static_cast<char>(rng() & 0xFF);
    const Error e = first_error(junk);
    CHECK(e.code == ErrorCode::Encoding);
    CHECK(e.where->line >= 1);

    const std::string png = "\x89PNG\r\n\x1a\n";
    const Error p = first_error(png);
    CHECK(p.code == ErrorCode::Encoding);
    CHECK(p.message == "invalid UTF-8 (byte 0x89)");
    CHECK(p.where->line == 1);
    CHECK(p.where->column == 1);

    const std::string with_nul(kHead + std::string("<metadata>") + '\0' + "</metadata>");
    const Error n = first_error(with_nul);
    CHECK(n.code == ErrorCode::Encoding);
    CHECK(n.message.find("control byte 0x00") != std::string::npos);
    CHECK(n.where->line == 3);
    CHECK(n.where->column == 11);
}

TEST_CASE("scheme: invalid UTF-8 is reported at its line and code-point column", "[scheme]")
{
    // Overlong encoding of '/', then a lone continuation byte, then a surrogate.
    for (const std::string& bad :
         {std::string("\xC0\xAF"), std::string("\x80"), std::string("\xED\xA0\x80")})
    {
        const std::string xml = kHead + "  <metadata><title>é" + bad + "</title>";
        const Error e = first_error(xml);
        CHECK(e.code == ErrorCode::Encoding);
        CHECK(e.message.find("invalid UTF-8") != std::string::npos);
        CHECK(e.where->line == 3);
        CHECK(e.where->column == 21);
    }
}

TEST_CASE("scheme: UTF-16 files are refused with advice", "[scheme]")
{
    const std::string xml("\xFF\xFE<\0s\0", 6);
    const Error e = first_error(xml);
    CHECK(e.code == ErrorCode::Encoding);
    CHECK(e.message.find("UTF-16") != std::string::npos);
}

TEST_CASE("scheme: empty input and truncated XML give clear errors", "[scheme]")
{
    CHECK(first_error("").code == ErrorCode::XmlMalformed);
    CHECK(first_error("  \n").message == "the scheme file is empty");
    const Error t = first_error(kHead + "  <metadata>");
    CHECK(t.code == ErrorCode::XmlMalformed);
    CHECK(t.message.find("malformed XML") != std::string::npos);
}

TEST_CASE("scheme: a flood of errors is capped with a final note", "[scheme]")
{
    std::string xml = kHead + "<metadata><title>t</title><version>1</version><licence>l</licence>"
                              "<language>en</language></metadata><codes>\n";
    for (int i = 0; i < 1000; ++i)
        xml += "<code id=\"a\" name=\"n\" colour=\"x\"><definition>d</definition></code>\n";
    xml += "</codes></scheme>\n";
    const auto r = load_scheme_string_all(xml, "flood.xml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.size() == 201);
    CHECK(r.errors.back().message.find("too many errors") != std::string::npos);
}

TEST_CASE("scheme: a BOM does not shift columns on line 1", "[scheme]")
{
    const std::string xml =
        "\xEF\xBB\xBF<scheme xmlns=\"urn:attune:scheme:1\" version=\"9\" id=\"b\"/>";
    const Error e = first_error(xml);
    CHECK(e.code == ErrorCode::Unsupported);
    CHECK(e.where->line == 1);
    CHECK(e.where->column == 37);
}

TEST_CASE("scheme: bare ampersands and character references to NUL are refused", "[scheme]")
{
    const Error bare = first_error(kHead + "<metadata><title>Tom & Jerry</title>");
    CHECK(bare.code == ErrorCode::XmlMalformed);
    CHECK(bare.message == "a bare '&' must be written as &amp;");
    CHECK(bare.where->line == 3);
    CHECK(bare.where->column == 22);

    const Error nul = first_error(kHead + "<metadata a=\"x&#0;\"/>");
    CHECK(nul.code == ErrorCode::XmlMalformed);
    CHECK(nul.message.find("invalid character reference") != std::string::npos);
    CHECK(nul.where->column == 15);

    // Allowed references load (and are decoded by the parser).
    const auto ok = load_scheme_string(
        kHead + "<metadata><title>A &amp; B &#x263A; &lt;3</title><version>1</version>"
                "<licence>l</licence><language>en</language></metadata></scheme>",
        "refs.xml");
    REQUIRE(ok.ok());
    CHECK(ok->title() == "A & B \u263A <3");
}
