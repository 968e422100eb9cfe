// SPDX-License-Identifier: GPL-3.0-or-later
// The writers the GUI and the CLI share (core/io): CSV and TSV fields, numbers, and the agreement
// report's JSON, text and CSV on a small project built in a temporary directory.
#include "core/analysis/project_agreement.h"
#include "core/io/agreement_report.h"
#include "core/io/csv_writer.h"
#include "core/io/listing_json.h"
#include "core/io/number_format.h"
#include "core/project/session.h"

#include "../store/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <clocale>
#include <fstream>
#include <locale>
#include <sstream>

using namespace attune;
using namespace attune::project;
using nlohmann::json;

namespace
{

template <typename T> T ok(Result<T> r)
{
    if (!r)
        FAIL(r.error().to_string());
    return std::move(r).value();
}

std::string read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Fields of one CSV line with no quoted line breaks, read back by RFC 4180's rules.
std::vector<std::string> split_csv_line(const std::string& line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i)
    {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"')
            fields.back() += line[++i];
        else if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            fields.emplace_back();
        else
            fields.back() += c;
    }
    return fields;
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        lines.push_back(l);
    return lines;
}

const char* const kText = "[Q1]\nI: Tell me about your childhood.\nR: I don't remember anything.\n"
                          "[Q2]\nI: Describe your mother.\nR: She was wonderful, always there.\n";

/// Coders "a" and "b, the second" (a comma in a name) over T1 and T2 with the shipped
/// state-of-mind scheme: classified, rated and coded.
struct SmallProject
{
    testing::TempDir dir;
    std::unique_ptr<Session> session;

    SmallProject()
    {
        session = ok(Session::create(dir / "small.attune"));
        const std::string sid = "aai-state-of-mind";
        ok(session->apply(AddScheme{read(ATTUNE_SOURCE_DIR "/schemes/aai-state-of-mind.xml"),
                                    "aai-state-of-mind.xml"}));
        const CoderId a = ok(session->apply(AddCoder{"a"})).coder;
        const CoderId b = ok(session->apply(AddCoder{"b, the second"})).coder;
        std::vector<TranscriptId> t;
        for (int i = 1; i <= 2; ++i)
        {
            Transcript meta;
            meta.title = "T" + std::to_string(i);
            meta.participant = "T" + std::to_string(i);
            t.push_back(ok(session->apply(AddTranscript{meta, kText, false, true})).transcript);
        }
        for (const CoderId c : {a, b})
        {
            ok(session->apply(Classify{t[0], c, sid, "F3", {}, {}, {}, ""}));
            ok(session->apply(Classify{t[1], c, sid, c == a ? "Ds1" : "E", {}, {}, {}, ""}));
            ok(session->apply(Rate{t[0], c, sid, "metacognition", "", c == a ? 5.0 : 6.0, ""}));
            ok(session->apply(Rate{t[1], c, sid, "metacognition", "", 3.0, ""}));
            for (const TranscriptId ti : t)
                ok(session->apply(Annotate{ti, c, sid, "lack-of-recall", 38, 67, ""}));
        }
        ok(session->apply(Annotate{t[1], a, sid, "idealization-mother", 98, 133, ""}));
    }

    analysis::AgreementReport report()
    {
        return ok(analysis::analyze_agreement(*session, analysis::AgreementOptions{}));
    }
};

} // namespace

TEST_CASE("io: csv_field quotes commas, quotes and line breaks as RFC 4180 says", "[io]")
{
    CHECK(io::csv_field("plain text") == "plain text");
    CHECK(io::csv_field("") == "");
    CHECK(io::csv_field("a,b") == "\"a,b\"");
    CHECK(io::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(io::csv_field("\"") == "\"\"\"\"");
    // Line breaks stay as they are, inside the quotes.
    CHECK(io::csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(io::csv_field("cr\r\nlf") == "\"cr\r\nlf\"");
    // A tab or a space alone needs no quotes; UTF-8 passes through.
    CHECK(io::csv_field("tab\there") == "tab\there");
    CHECK(io::csv_field(" lead") == " lead");
    CHECK(io::csv_field("Grüße") == "Grüße");
}

TEST_CASE("io: csv_record quotes each field and ends the record with LF", "[io]")
{
    CHECK(io::csv_record({}) == "\n");
    CHECK(io::csv_record({"a", "", "b,c", "d\"e"}) == "a,,\"b,c\",\"d\"\"e\"\n");
    std::ostringstream out;
    io::write_csv_record(out, {"x", "y\nz"});
    CHECK(out.str() == "x,\"y\nz\"\n");
}

TEST_CASE("io: tsv_field escapes backslash, tab, line breaks and every control character", "[io]")
{
    CHECK(io::tsv_field("plain") == "plain");
    CHECK(io::tsv_field("a\\b") == "a\\\\b");
    CHECK(io::tsv_field("a\tb\nc\rd") == "a\\tb\\nc\\rd");
    // C0 controls, ESC and DEL as \xHH: a listing cannot move the cursor or ring the bell.
    CHECK(io::tsv_field(std::string("\x1b[31mred", 8)) == "\\x1B[31mred");
    CHECK(io::tsv_field(std::string("\a\x7f", 2)) == "\\x07\\x7F");
    CHECK(io::tsv_field(std::string("nul\0end", 7)) == "nul\\x00end");
    // C1 controls (UTF-8 C2 80 – C2 9F, e.g. CSI U+009B) as \u00HH; other UTF-8 is text.
    CHECK(io::tsv_field("csi\xc2\x9b"
                        "2J") == "csi\\u009B2J");
    CHECK(io::tsv_field("\xc2\xa0nbsp, Grüße") == "\xc2\xa0nbsp, Grüße");
    // A lone C2 at the end is not a C1 control and is left as it is.
    CHECK(io::tsv_field("end\xc2") == "end\xc2");
}

TEST_CASE("io: format_number prints significant digits and floating-point residue as 0", "[io]")
{
    CHECK(io::format_number(0.123456789) == "0.123457");
    CHECK(io::format_number(0.123456789, 3) == "0.123");
    CHECK(io::format_number(2.0) == "2");
    CHECK(io::format_number(-0.5, 4) == "-0.5");
    CHECK(io::format_number(1234567.0) == "1.23457e+06");
    // An ICC of exactly 0 computes as -1.1e-16; within 1e-12 of zero is 0, and -0 too.
    CHECK(io::format_number(-1e-16) == "0");
    CHECK(io::format_number(1e-13) == "0");
    CHECK(io::format_number(-0.0) == "0");
    CHECK(io::format_number(2e-12) == "2e-12");
    CHECK(io::format_optional(std::nullopt) == "");
    CHECK(io::format_optional(0.25, 10) == "0.25");
}

TEST_CASE("io: format_number writes a '.' decimal point whatever the global locale", "[io]")
{
    // A GUI may make the user's locale global; the files written must not change with it.
    struct CommaPunct : std::numpunct<char>
    {
        char do_decimal_point() const override { return ','; }
    };
    const std::locale previous = std::locale::global(std::locale(std::locale(), new CommaPunct));
    const std::string s = io::format_number(0.5);
    std::locale::global(previous);
    CHECK(s == "0.5");
}

TEST_CASE("io: the agreement report's JSON names every part with its estimates", "[io]")
{
    SmallProject p;
    const auto report = p.report();
    const json j = json::parse(io::agreement_report_json(report, "small.attune"));
    CHECK(j["metric"] == "aai-agreement");
    CHECK(j["project"] == "small.attune");
    CHECK(j["coders"] == json::array({"a", "b, the second"}));
    CHECK(j["n_coders"] == 2);
    CHECK(j["master"].is_null());
    CHECK(j["section"].is_null());
    CHECK(j["transcripts"].size() == 2);
    for (const char* part :
         {"classifications", "scales", "passages", "domains", "turns", "disagreements"})
        CHECK(j[part].is_array());

    // Classifications: one object per collapsing, the pair with its confusion matrix.
    REQUIRE(!j["classifications"].empty());
    const json& c = j["classifications"][0];
    for (const char* key : {"scheme", "classification", "collapsing", "name", "labels",
                            "n_transcripts", "percent", "kappa", "pairs", "vs_master"})
        CHECK(c.contains(key));
    CHECK(c["scheme"] == "aai-state-of-mind");
    CHECK(c["n_transcripts"] == 2);
    REQUIRE(c["pairs"].size() == 1);
    const json& pair = c["pairs"][0];
    CHECK(pair["coder_a"] == "a");
    CHECK(pair["coder_b"] == "b, the second");
    CHECK(pair["n"] == 2);
    CHECK(pair["confusion"].size() == c["labels"].size());
    CHECK(pair["kappa"]["metric"] == "cohen-kappa");
    CHECK(c["vs_master"].empty());

    // An estimate: metric, value and n_units always; a reason only when the value is null.
    REQUIRE(j["scales"].size() == 1);
    const json& scale = j["scales"][0];
    CHECK(scale["scale"] == "metacognition");
    CHECK(scale["target"] == "");
    CHECK(scale["n_transcripts"] == 2);
    CHECK(scale["not_scorable"] == 0);
    for (const char* key : {"icc", "within_1", "alpha_interval"})
    {
        const json& e = scale[key];
        CHECK(e.contains("metric"));
        CHECK(e.contains("value"));
        CHECK(e.contains("n_units"));
        CHECK(e.contains("reason") == e["value"].is_null());
    }
    CHECK(scale["within_1"]["value"] == 1.0); // |5 − 6| and |3 − 3| are both within 1

    // Passages: per code and transcript, 0 → null for "all transcripts"; the one disagreement
    // is the idealization passage only a marked.
    REQUIRE(!j["passages"].empty());
    CHECK(j["passages"][0].contains("code"));
    CHECK(j["passages"][0]["scheme"] == "aai-state-of-mind");
    REQUIRE(j["disagreements"].size() == 1);
    const json& d = j["disagreements"][0];
    CHECK(d["title"] == "T2");
    CHECK(d["code"] == "idealization-mother");
    CHECK(d["start"] == 98);
    CHECK(d["end"] == 133);
    CHECK(d["first_line"] == 6);
    CHECK(d["marked_by"] == json::array({"a"}));
    CHECK(d["not_marked_by"] == json::array({"b, the second"}));

    // write_agreement_report(Json) is the same object and a newline.
    std::ostringstream out;
    io::write_agreement_report(out, report, "small.attune", io::ReportFormat::Json);
    CHECK(out.str() == io::agreement_report_json(report, "small.attune") + "\n");
}

TEST_CASE("io: the agreement report as text and as CSV", "[io]")
{
    SmallProject p;
    const auto report = p.report();
    std::ostringstream text;
    io::write_agreement_report(text, report, "small.attune", io::ReportFormat::Text);
    const auto tl = lines_of(text.str());
    REQUIRE(!tl.empty());
    CHECK(tl[0] == "Project small.attune: coders a b, the second; 2 transcript(s)");
    CHECK(text.str().find("\nDisagreements to reconcile: 1\n") != std::string::npos);
    CHECK(text.str().find("  T2 lines 6 idealization-mother: marked by a, not by b, the second") !=
          std::string::npos);

    std::ostringstream csv;
    io::write_agreement_report(csv, report, "small.attune", io::ReportFormat::Csv);
    const auto cl = lines_of(csv.str());
    REQUIRE(cl.size() > 1);
    CHECK(cl[0] == "part,scheme,item,coders,metric,value,n,detail");
    // The coders' names hold a comma, so the coders field is quoted; the disagreement's row
    // names who marked it.
    bool disagreement = false;
    for (std::size_t i = 1; i < cl.size(); ++i)
    {
        const auto fields = split_csv_line(cl[i]);
        // Eight fields in every row, also where the metric ("icc-2,1") holds a comma.
        REQUIRE(fields.size() == 8);
        if (fields[0] == "scale")
            CHECK((fields[4] == "icc-2,1" || fields[4] == "within-1" ||
                   fields[4] == "alpha-interval"));
        if (fields[0] == "disagreement")
        {
            disagreement = true;
            CHECK(fields[3] == "a");
            CHECK(fields[7] == "T2 6-6");
        }
        else if (fields[0] == "classification")
            CHECK(fields[3] == "a b, the second");
    }
    CHECK(disagreement);
}

TEST_CASE("io: the JSON listings name transcripts and coders with their uuids", "[io]")
{
    SmallProject p;
    const json t = json::parse(io::transcripts_json(p.session->transcripts()));
    REQUIRE(t.size() == 2);
    CHECK(t[0]["title"] == "T1");
    CHECK(t[0]["participant"] == "T1");
    CHECK(t[0]["uuid"].get<std::string>().size() == 36);
    CHECK(t[0]["version"] == 1);
    CHECK(t[0]["supersedes"].is_null());
    CHECK(t[0]["supersedes_uuid"].is_null());
    CHECK(t[0]["coders"] == json::array({"a", "b, the second"}));
    for (const char* key : {"id", "words", "turns"})
        CHECK(t[1][key].is_number_integer());

    const json c = json::parse(io::coders_json(p.session->progress()));
    REQUIRE(c.size() == 2);
    CHECK(c[0]["name"] == "a");
    CHECK(c[0]["role"] == "coder");
    CHECK(c[0]["uuid"].get<std::string>().size() == 36);
    CHECK(c[0]["transcripts"] == 2);
    CHECK(c[0]["annotations"] == 3);
    CHECK(c[0]["ratings"] == 2);
    CHECK(c[0]["classified"] == 2);
    CHECK(c[1]["annotations"] == 2);
    // Indented by two, as the CLI has always printed them.
    CHECK(io::coders_json({}) == "[]");
    CHECK(io::transcripts_json(p.session->transcripts()).rfind("[\n  {\n    \"assigned\": []", 0) ==
          0);
}
