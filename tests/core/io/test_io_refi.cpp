// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA exchange (core/io/refi_export.h, refi_import.h; docs/refi-qda.md): the round trip
// Attune → .qdpx → Attune, stable GUIDs, the fixtures of tests/data/refi/ (each reproducing a
// quirk of a real program's export), the position conventions, and hostile files refused with
// nothing written.
#include "core/io/refi_export.h"
#include "core/io/refi_import.h"
#include "core/io/transcript_import.h"
#include "core/scheme/scheme.h"
#include "core/text/code_points.h"
#include "core/text/sha256.h"

#include "../store/temp_dir.h"
#include "io_fixture.h"
#include "sample_project.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

using namespace attune;
namespace fs = std::filesystem;

namespace
{

const fs::path kRefi = fs::path(ATTUNE_TEST_DATA_DIR) / "refi";

/// A fixture folder as a .qdpx (its files, relative names, in a sorted order).
std::string zip_folder(const fs::path& folder)
{
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& e : fs::recursive_directory_iterator(folder))
        if (e.is_regular_file())
            entries.emplace_back(fs::relative(e.path(), folder).generic_string(),
                                 test::read_bytes(e.path()));
    std::sort(entries.begin(), entries.end());
    return test::make_zip(entries);
}

io::RefiFile read_ok(const std::string& bytes, const std::string& name)
{
    auto r = io::read_refi(bytes, name);
    if (!r)
        FAIL(r.error().to_string());
    return std::move(*r);
}

struct Project
{
    std::unique_ptr<project::Session> session;
};

std::unique_ptr<project::Session> fresh(const fs::path& file)
{
    return test::sample_ok(project::Session::create(file));
}

io::RefiImportReport import_ok(project::Session& s, const io::RefiFile& f,
                               io::RefiImportOptions o = {})
{
    auto r = io::import_refi(s, f, o);
    if (!r)
        FAIL(r.error().to_string());
    return std::move(*r);
}

/// The stored text of each annotation, by code.
std::multimap<std::string, std::string> coded_texts(project::Session& s)
{
    std::multimap<std::string, std::string> out;
    for (const auto& a : s.annotations())
    {
        const auto text = *s.text(a.transcript_id);
        out.emplace(a.code, std::string(text::code_point_substr(text, a.start, a.end)));
    }
    return out;
}

// Emoji (astral), a combining mark that NFC keeps (q + U+0303), accents, and CR LF line ends
// in the file the transcript came from.
const char* kCrlfFile = "I: D\xC3\xA9\x63ris ta m\xC3\xA8re \xF0\x9F\x98\x80.\r\n"
                        "R: q\xCC\x83 Sch\xC3\xB6n \xF0\x9F\x91\x8D, always there.\r\n"
                        "I: And father?\r\nR: Hardly saw him.\r\n";

struct Built
{
    testing::TempDir dir;
    std::unique_ptr<project::Session> s;
    project::TranscriptId t1, t2;
    project::CoderId ann, ben;
};

void build(Built& b)
{
    using namespace project;
    b.s = fresh(b.dir / "lab.attune");
    Session& s = *b.s;
    for (const char* id : {test::kSomScheme, test::kExpScheme})
    {
        const std::string name = std::string(id) + ".xml";
        test::sample_ok(s.apply(
            AddScheme{test::sample_read(fs::path(ATTUNE_SOURCE_DIR "/schemes") / name), name}));
    }
    b.ann = test::sample_ok(s.apply(AddCoder{"ann"})).coder;
    b.ben = test::sample_ok(s.apply(AddCoder{"ben"})).coder;
    auto imported = test::sample_ok(io::import_transcript_bytes(kCrlfFile, "p1.txt", {}));
    Transcript meta;
    meta.title = "Interview 1";
    meta.participant = "P1";
    b.t1 = test::sample_ok(s.apply(AddTranscript{meta, imported.text, false, false})).transcript;
    Transcript other;
    other.title = "Interview 2";
    b.t2 =
        test::sample_ok(s.apply(AddTranscript{other, test::kOtherText, false, false})).transcript;
    const std::string text = imported.text;
    auto at = [&](const char* word)
    {
        const auto byte = text.find(word);
        REQUIRE(byte != std::string::npos);
        return text::code_point_count(std::string_view(text).substr(0, byte));
    };
    const auto schon = at("Sch");
    const auto always = at("always");
    const auto hardly = at("Hardly");
    test::sample_ok(s.apply(Annotate{b.t1, b.ann, test::kSomScheme, "idealization-mother", schon,
                                     always + 6, "praise with an \xF0\x9F\x91\x8D"}));
    test::sample_ok(s.apply(
        Annotate{b.t1, b.ann, test::kExpScheme, "exp-loving-mother", at("q\xCC\x83"), schon, ""}));
    test::sample_ok(s.apply(Annotate{b.t1, b.ben, test::kExpScheme, "exp-loving-father", hardly,
                                     hardly + 16, "line\nbreak memo"}));
    test::sample_ok(
        s.apply(Annotate{b.t2, b.ben, test::kSomScheme, "idealization-mother", 3, 10, ""}));
    test::sample_ok(
        s.apply(Rate{b.t1, b.ann, test::kSomScheme, "idealization", "mother", 6.5, "n"}));
    test::sample_ok(s.apply(Classify{b.t1, b.ann, test::kSomScheme, "CC", {}, "U", "Ds1", ""}));
}

} // namespace

TEST_CASE(
    "refi: a project goes to .qdpx and back with the same texts, annotations, memos and coders")
{
    Built b;
    build(b);
    const fs::path out = b.dir / "lab.qdpx";
    auto report = io::export_refi_project(*b.s, {}, out);
    REQUIRE(report);
    CHECK(report->users == 2);
    CHECK(report->sources == 2);
    CHECK(report->selections == 4);
    CHECK(report->cases == 1);
    CHECK(report->variables == 2);
    // What REFI cannot hold is named: shortcuts, scales, the rating's note.
    const auto lost = [&](const std::string& what)
    {
        return std::any_of(report->lost.begin(), report->lost.end(),
                           [&](const auto& l) { return l.find(what) != std::string::npos; });
    };
    CHECK(lost("keyboard shortcut"));
    CHECK(lost("rating scales"));
    CHECK(lost("on ratings and classifications"));

    const std::string bytes = test::read_bytes(out);
    const io::RefiFile file = read_ok(bytes, "lab.qdpx");
    CHECK(file.origin.rfind("Attune ", 0) == 0);
    REQUIRE(file.sources.size() == 2);

    Built back;
    back.s = fresh(back.dir / "back.attune");
    const auto r = import_ok(*back.s, file);
    CHECK_FALSE(r.scheme_generated); // the Attune schemes kept as notes were used
    CHECK(r.transcripts == 2);
    CHECK(r.coders == 2);
    CHECK(r.annotations == 4);
    CHECK(r.memos == 2);
    CHECK(r.unplaced.empty());
    CHECK(r.unit == "code points");

    // Transcripts: the same SHA-256 and uuids.
    std::map<std::string, std::string> before, after;
    for (const auto& t : b.s->transcripts())
        before[t.transcript.uuid] = t.transcript.sha256;
    for (const auto& t : back.s->transcripts())
    {
        after[t.transcript.uuid] = t.transcript.sha256;
        CHECK(text::sha256_hex(*back.s->text(t.transcript.id)) == t.transcript.sha256);
    }
    CHECK(before == after);
    // Coders: the same names and uuids.
    std::map<std::string, std::string> coders_before, coders_after;
    for (const auto& c : b.s->coders())
        coders_before[c.uuid] = c.name;
    for (const auto& c : back.s->coders())
        coders_after[c.uuid] = c.name;
    CHECK(coders_before == coders_after);
    // Annotations: uuid, code, scheme, offsets, memo, coder.
    auto key = [](project::Session& s)
    {
        std::map<std::string, std::tuple<std::string, std::string, std::int64_t, std::int64_t,
                                         std::string, std::string, std::string>>
            rows;
        const auto coders = s.coders();
        for (const auto& a : s.annotations())
        {
            const auto c = std::find_if(coders.begin(), coders.end(),
                                        [&](const auto& x) { return x.id == a.coder_id; });
            const auto t = *s.transcript(a.transcript_id);
            rows[a.uuid] = {a.scheme_id, a.code, a.start, a.end, a.memo, c->uuid, t.uuid};
        }
        return rows;
    };
    CHECK(key(*b.s) == key(*back.s));
    CHECK(coded_texts(*b.s) == coded_texts(*back.s));
    // The schemes came back verbatim (scales, classifications and all).
    CHECK(back.s->schemes().size() == b.s->schemes().size());

    // Importing the same file again finds everything in place and adds nothing.
    const auto again = import_ok(*back.s, file);
    CHECK(again.transcripts == 0);
    CHECK(again.transcripts_existing == 2);
    CHECK(again.annotations == 0);
    CHECK(again.annotations_existing == 4);
    CHECK(again.coders_mapped == 2);
}

TEST_CASE("refi: GUIDs are stable across exports and derived from scheme id, version and code id")
{
    Built b;
    build(b);
    REQUIRE(io::export_refi_codebook(*b.s, test::kSomScheme, b.dir / "a.qdc"));
    REQUIRE(io::export_refi_codebook(*b.s, test::kSomScheme, b.dir / "b.qdc"));
    const std::string a = test::read_bytes(b.dir / "a.qdc");
    CHECK(a == test::read_bytes(b.dir / "b.qdc"));
    const auto guid = io::refi_code_guid(test::kSomScheme, "1.0", "idealization-mother");
    CHECK(a.find("guid=\"" + guid + "\"") != std::string::npos);
    CHECK(guid != io::refi_code_guid(test::kSomScheme, "1.1", "idealization-mother"));
    CHECK(guid[14] == '8'); // RFC 9562 version 8 (name-based, SHA-256)
    // The codebook reads back as a scheme with the same codes, names and colours, and the
    // definition, inclusion and exclusion notes split out again.
    const auto file = read_ok(a, "a.qdc");
    CHECK(file.is_codebook);
    Built back;
    back.s = fresh(back.dir / "cb.attune");
    const auto r = import_ok(*back.s, file);
    CHECK(r.scheme_generated);
    auto original = *b.s->scheme(test::kSomScheme);
    auto generated = *back.s->scheme(r.scheme_id);
    REQUIRE(generated->codes().size() == original->codes().size());
    for (std::size_t i = 0; i < original->codes().size(); ++i)
    {
        CHECK(generated->codes()[i].name == original->codes()[i].name);
        CHECK(generated->codes()[i].colour == original->codes()[i].colour);
        CHECK(generated->codes()[i].definition == original->codes()[i].definition);
        CHECK(generated->codes()[i].target == original->codes()[i].target);
    }
}

TEST_CASE("refi: NVivo's UTF-16 units and CR LF as two are detected; Windows and Mac agree")
{
    std::multimap<std::string, std::string> texts[2];
    int i = 0;
    for (const char* folder : {"nvivo-win", "nvivo-mac"})
    {
        testing::TempDir dir;
        auto s = fresh(dir / "p.attune");
        const auto file = read_ok(zip_folder(kRefi / folder), std::string(folder) + ".qdpx");
        const auto r = import_ok(*s, file);
        CHECK(r.unit == "UTF-16 units");
        CHECK(r.detected);
        CHECK(r.annotations == 3);
        CHECK(r.unplaced.empty());
        texts[i++] = coded_texts(*s);
        // The non-codable parent is a group; the BOM is not text.
        const auto t = s->transcripts().front().transcript;
        CHECK(s->text(t.id)->rfind("Anya", 0) == 0);
    }
    CHECK(texts[0] == texts[1]);
    CHECK(texts[0] == std::multimap<std::string, std::string>{
                          {"always", "mindig"}, {"seldom", "ritk\xC3\xA1n"}, {"seldom", "haza"}});

    // Forced to code points, the same file places its selections elsewhere: not what was coded.
    testing::TempDir dir;
    auto s = fresh(dir / "p.attune");
    io::RefiImportOptions o;
    o.unit = io::RefiUnit::CodePoints;
    o.crlf = io::RefiCrlf::Two;
    const auto r = import_ok(*s, read_ok(zip_folder(kRefi / "nvivo-win"), "w.qdpx"), o);
    CHECK_FALSE(r.detected);
    CHECK(coded_texts(*s) != texts[0]);
}

TEST_CASE(
    "refi: ATLAS.ti 8 quirks: Project.qde, Sources/, :: hierarchy, CR LF as one, missing texts")
{
    testing::TempDir dir;
    auto s = fresh(dir / "p.attune");
    const auto file = read_ok(zip_folder(kRefi / "atlas8"), "atlas8.qdpx");
    const auto r = import_ok(*s, file);
    CHECK(r.unit == "code points");
    CHECK(r.crlf == "CR LF as one");
    CHECK(r.annotations == 3); // one selection with two codings, one with one
    CHECK(r.transcripts == 1);
    auto count = [&](const std::string& kind)
    {
        return std::count_if(r.skipped.begin(), r.skipped.end(),
                             [&](const auto& x) { return x.kind == kind; });
    };
    CHECK(count("TextSource") == 1); // its text file is not in the archive
    CHECK(count("PDFSource") == 1);
    CHECK(count("AudioSource") == 1);
    CHECK(count("PlainTextSelection") == 1); // the uncoded quotation
    CHECK(count("Set") == 1);
    CHECK(count("Link") == 1);
    const auto texts = coded_texts(*s);
    CHECK(texts.count("coke") == 1);
    CHECK(texts.find("diet-coke")->second == "Oh, that was great. See you tomorrow?");
    CHECK(texts.find("rushed")->second == "\"rushed\"");
    // "Coke" and "Coke::diet Coke": a group Coke holding the code Coke and the code diet Coke.
    auto scheme = *s->scheme(r.scheme_id);
    const auto* diet = scheme->find_code("diet-coke");
    REQUIRE(diet != nullptr);
    CHECK(diet->name == "diet Coke");
    REQUIRE(diet->group_path.size() == 1);
    CHECK(scheme->find_group(diet->group_path[0])->name == "Coke");
    CHECK(scheme->find_code("milk")->colour == 0xD8D8D8); // no colour: grey
    // Upper-case and braced user GUIDs become the coders' uuids in lower case.
    CHECK(s->coder("sebpe")->uuid == "b0000000-0000-4000-8000-0000000000b1");

    // The bare .qde reads the same XML; no source text can be found without an archive.
    auto bare = fresh(dir / "bare.attune");
    const auto rb = import_ok(*bare, read_ok(test::read_bytes(kRefi / "atlas8-bare.qde"), "x.qde"));
    CHECK(rb.transcripts == 0);
    CHECK(rb.annotations == 0);
}

TEST_CASE("refi: qc, MAXQDA, NVivo 15 and Taguette quirks")
{
    testing::TempDir dir;
    SECTION("qc: no declaration, bare plainTextPath, no source name, whole-line selections")
    {
        auto s = fresh(dir / "p.attune");
        const auto r = import_ok(*s, read_ok(zip_folder(kRefi / "qc"), "qc.qdpx"));
        CHECK(r.annotations == 4);
        CHECK(s->transcripts().front().transcript.title == "board_2017");
        const auto texts = coded_texts(*s);
        CHECK(texts.count("choice") == 3);
        CHECK(texts.count("choice-2") == 1); // the same name in another branch: its own id
        CHECK(texts.find("choice-2")->second == "second line\n");
    }
    SECTION("MAXQDA: codable parents with children, colours, sets")
    {
        auto s = fresh(dir / "p.attune");
        const auto r = import_ok(*s, read_ok(zip_folder(kRefi / "maxqda"), "m.qdpx"));
        CHECK(r.transcripts == 1);
        auto scheme = *s->scheme(r.scheme_id);
        REQUIRE(scheme->find_code("learning") != nullptr);
        CHECK(scheme->find_code("learning")->colour == 0xEF8256);
        CHECK(scheme->find_code("peer-learning")->group_path.size() == 1);
        CHECK(s->transcripts().front().transcript.title == "ICLS 2024 3-10");
    }
    SECTION("NVivo 15: one-byte texts are empty sources; deep codes nest")
    {
        auto s = fresh(dir / "p.attune");
        const auto r = import_ok(*s, read_ok(zip_folder(kRefi / "nvivo15-empty"), "n.qdpx"));
        CHECK(r.transcripts == 0);
        REQUIRE(r.skipped.size() == 1);
        CHECK(r.skipped[0].reason == "its text is empty");
        auto scheme = *s->scheme(r.scheme_id);
        CHECK(scheme->find_code("level-7")->group_path.size() == 6);
    }
    SECTION("Taguette: a flat codebook with backslash paths")
    {
        auto s = fresh(dir / "p.attune");
        const auto r = import_ok(*s, read_ok(test::read_bytes(kRefi / "taguette.qdc"), "t.qdc"));
        auto scheme = *s->scheme(r.scheme_id);
        const auto* places = scheme->find_code("places");
        REQUIRE(places != nullptr);
        CHECK(scheme->find_group(places->group_path.at(0))->name == "interesting");
    }
    SECTION("mixed namespaces, malformed colours, braced GUIDs, draft namespace")
    {
        auto s = fresh(dir / "p.attune");
        const auto r = import_ok(*s, read_ok(test::read_bytes(kRefi / "mixed-ns.qdc"), "m.qdc"));
        CHECK(std::count_if(r.warnings.begin(), r.warnings.end(),
                            [](const auto& w)
                            { return w.find("not #RRGGBB") != std::string::npos; }) == 2);
        auto scheme = *s->scheme(r.scheme_id);
        CHECK(scheme->find_code("short-colour")->colour == 0x00FF00);
        const auto draft = read_ok(test::read_bytes(kRefi / "draft-ns.qde"), "d.qde");
        REQUIRE(draft.warnings.size() == 1);
        CHECK(draft.warnings[0].find("urn:QDA-XML:project:0:10") != std::string::npos);
    }
}

TEST_CASE("refi: a selection that does not fit is reported by GUID, never moved")
{
    testing::TempDir dir;
    auto s = fresh(dir / "p.attune");
    const std::string qde =
        R"(<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>)"
        R"(<Code guid="00000000-0000-4000-8000-000000000001" name="a" isCodable="true"/></Codes></CodeBook>)"
        R"(<Sources><TextSource guid="00000000-0000-4000-8000-000000000002" name="t"><PlainTextContent>short text</PlainTextContent>)"
        R"(<PlainTextSelection guid="00000000-0000-4000-8000-0000000000aa" startPosition="6" endPosition="99">)"
        R"(<Coding guid="00000000-0000-4000-8000-0000000000ab"><CodeRef targetGUID="00000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>)"
        R"(<PlainTextSelection guid="00000000-0000-4000-8000-0000000000ba" startPosition="0" endPosition="5">)"
        R"(<Coding guid="00000000-0000-4000-8000-0000000000bb"><CodeRef targetGUID="00000000-0000-4000-8000-00000000ffff"/></Coding></PlainTextSelection>)"
        R"(</TextSource></Sources></Project>)";
    const auto r = import_ok(*s, read_ok(qde, "x.qde"));
    REQUIRE(r.unplaced.size() == 2);
    CHECK(r.unplaced[0].guid == "00000000-0000-4000-8000-0000000000aa");
    CHECK(r.unplaced[1].reason.find("not in the codebook") != std::string::npos);
    CHECK(r.annotations == 0);
    CHECK(r.transcripts == 1);
}

TEST_CASE("refi: hostile files are refused with a clear message, and nothing is written")
{
    const std::string qde =
        R"(<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">)"
        R"(<Users><User guid="00000000-0000-4000-8000-000000000001" name="u"/></Users></Project>)";
    auto refused = [](const std::string& bytes, const std::string& what)
    {
        auto r = io::read_refi(bytes, "h.qdpx");
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().to_string(), Catch::Contains(what));
    };
    refused(test::make_zip({{"project.qde", qde}, {"../evil.txt", "x"}}), "unsafe entry name");
    refused(test::make_zip({{"project.qde", qde}, {"/etc/evil", "x"}}), "unsafe entry name");
    refused(test::make_zip({{"project.qde", qde + std::string(20u << 20, ' ')}}), "zip bomb");
    refused(test::make_zip({{"project.qde", "<!DOCTYPE p [<!ENTITY e \"x\">]>" + qde}}), "DOCTYPE");
    std::string deep;
    for (int i = 0; i < 200; ++i)
        deep += "<a>";
    refused(test::make_zip({{"project.qde", deep}}), "nest deeper");
    refused(test::make_zip({{"readme.txt", "x"}}), "no project.qde");
    const std::string outside =
        R"(<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="00000000-0000-4000-8000-000000000002" )"
        R"(plainTextPath="internal://../../etc/passwd"/></Sources></Project>)";
    refused(test::make_zip({{"project.qde", outside}}), "leaves the archive");
    refused("not a refi file", "No document element");
    refused("<html/>", "not a REFI-QDA file");

    // A file that fails while importing leaves the project as it was: here the Attune scheme it
    // carries conflicts with a different scheme of the same id and version in the project.
    Built b;
    build(b);
    REQUIRE(io::export_refi_project(*b.s, {}, b.dir / "lab.qdpx"));
    const auto file = read_ok(test::read_bytes(b.dir / "lab.qdpx"), "lab.qdpx");
    testing::TempDir dir;
    auto s = fresh(dir / "p.attune");
    const std::string changed =
        test::sample_read(fs::path(ATTUNE_SOURCE_DIR "/schemes") / "aai-experience.xml") +
        "<!-- changed -->\n";
    test::sample_ok(s->apply(project::AddScheme{changed, "changed.xml"}));
    const auto audit = s->audit_log().size();
    auto r = io::import_refi(*s, file, {});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
    CHECK(s->transcripts().empty());
    CHECK(s->coders().empty());
    CHECK(s->schemes().size() == 1);
    CHECK(s->audit_log().size() == audit);
}
