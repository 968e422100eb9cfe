// SPDX-License-Identifier: GPL-3.0-or-later
// The project as one JSON document (core/io/project_json.h) on a real project file: what the
// selection keeps, offsets in code points, values as stored, and transcript text only when asked.
#include "core/io/datasets.h"
#include "core/io/project_json.h"

#include "../store/temp_dir.h"
#include "sample_project.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <streambuf>

using namespace attune;
using nlohmann::json;

namespace
{

struct Fixture
{
    testing::TempDir dir;
    test::SampleProject p =
        test::build_sample_project(dir / "p.attune", ATTUNE_SOURCE_DIR "/schemes");
};

std::string write(project::Session& s, const io::DatasetOptions& o)
{
    auto sel = io::select_export(s, o);
    if (!sel)
        FAIL(sel.error().to_string());
    auto info = io::export_info(s, o);
    if (!info)
        FAIL(info.error().to_string());
    std::ostringstream out;
    const Result<void> r = io::write_project_json(s, *sel, o, *info, out);
    if (!r)
        FAIL(r.error().to_string());
    return out.str();
}

const json& transcript(const json& doc, const std::string& title)
{
    for (const auto& t : doc["transcripts"])
        if (t["title"] == title)
            return t;
    FAIL("no transcript " << title);
    return doc;
}

const json* records_of(const json& t, const std::string& coder)
{
    for (const auto& r : t["records"])
        if (r["coder"] == coder)
            return &r;
    return nullptr;
}

std::vector<std::string> coder_names(const json& t)
{
    std::vector<std::string> out;
    for (const auto& r : t["records"])
        out.push_back(r["coder"]);
    return out;
}

// Accepts `limit` bytes, then fails like a full disk.
class FailingBuf : public std::streambuf
{
public:
    explicit FailingBuf(std::size_t limit) : m_limit(limit) {}

protected:
    int_type overflow(int_type c) override
    {
        if (m_written >= m_limit)
            return traits_type::eof();
        ++m_written;
        return c;
    }

private:
    std::size_t m_limit;
    std::size_t m_written = 0;
};

} // namespace

TEST_CASE("io: the project JSON holds every record with code-point offsets, values as stored",
          "[io]")
{
    Fixture f;
    const std::string text = write(*f.p.session, {});
    REQUIRE(text.back() == '\n');
    const json doc = json::parse(text);
    CHECK(doc["format"] == "attune-project");
    CHECK(doc["version"] == 1);
    CHECK(doc["info"]["project_uuid"] == f.p.session->project_uuid());
    CHECK(doc["info"]["project_file"] == "p.attune");
    CHECK(doc["info"]["schemes"].size() == 2);
    REQUIRE(doc["schemes"].size() == 2);
    CHECK(doc["schemes"][1]["id"] == test::kSomScheme);
    CHECK(doc["schemes"][1]["name"] == "AAI state of mind (Attune shipped scheme)");
    CHECK(doc["schemes"][1]["version"] == "1.0");
    REQUIRE(doc["coders"].size() == 3);
    CHECK(doc["coders"][2] ==
          json{{"name", "cid"}, {"role", "coder"}, {"uuid", f.p.session->coders()[2].uuid}});
    REQUIRE(doc["transcripts"].size() == 2);

    const json& p1 = transcript(doc, "Interview 1");
    CHECK(p1["uuid"] == f.p.session->transcript(f.p.p1).value().uuid);
    CHECK(p1["participant"] == "P1");
    CHECK(p1["language"] == "fr");
    CHECK(p1["metadata"] == json{{"site", "Lyon"}});
    CHECK(transcript(doc, "Interview 2")["participant"].is_null());
    // cid has no work anywhere, so no transcript lists cid.
    CHECK(coder_names(p1) == std::vector<std::string>{"ann", "ben"});
    const json& ann = *records_of(p1, "ann");
    REQUIRE(ann["annotations"].size() == 2);
    const json& ideal = ann["annotations"][1];
    CHECK(ideal["code"] == "idealization-mother");
    CHECK(ideal["scheme"] == test::kSomScheme);
    CHECK(ideal["scheme_version"] == "1.0");
    // Code points, not bytes: "wonderful" is bytes 32..41 of the UTF-8 text.
    CHECK(ideal["start"] == 29);
    CHECK(ideal["end"] == 38);
    CHECK(ideal["memo"] == "\"so\"");
    CHECK(ann["annotations"][0]["start"] == 22);
    const auto stored = f.p.session->annotations(f.p.p1, f.p.ann);
    CHECK(ideal["uuid"] == stored[1].uuid);

    REQUIRE(ann["ratings"].size() == 3);
    for (const auto& r : ann["ratings"])
    {
        if (r["scale"] == "idealization")
            CHECK((r["value"] == 6.5 && r["target"] == "mother" && r["not_scorable"] == false));
        if (r["scale"] == "passivity")
            CHECK((r["value"].is_null() && r["not_scorable"] == true && r["note"] == "too short"));
        if (r["scale"] == "loving")
            CHECK((r["value"] == 3 && r["scheme"] == test::kExpScheme));
    }
    REQUIRE(ann["classifications"].size() == 1);
    const json& k = ann["classifications"][0];
    const auto stored_k = f.p.session->classifications(f.p.p1, f.p.ann).front();
    CHECK(k["category"] == "CC");
    CHECK(k["unresolved"] == "U");
    // As stored: the alternative Ds1 the coder gave is the alternative Ds refined by Ds1.
    CHECK(k["alternative"] == "Ds");
    CHECK(k["subcategory"] == "Ds1");
    CHECK(k["alternative"] == stored_k.alternative.value());
    CHECK(k["uuid"] == stored_k.uuid);
    const json& f2 = records_of(transcript(doc, "Interview 2"), "ann")->at("classifications")[0];
    CHECK(f2["alternative"].is_null());
    CHECK(f2["unresolved"].is_null());
    CHECK(f2["note"] == "clear");
}

TEST_CASE("io: the project JSON has no transcript or passage text unless asked for it", "[io]")
{
    Fixture f;
    const std::string without = write(*f.p.session, {});
    CHECK(without.find("wonderful") == std::string::npos);
    CHECK(without.find("Sch") == std::string::npos);
    CHECK(without.find("remember") == std::string::npos);
    const json doc = json::parse(without);
    for (const auto& t : doc["transcripts"])
    {
        CHECK_FALSE(t.contains("text"));
        for (const auto& r : t["records"])
            for (const auto& a : r["annotations"])
                CHECK_FALSE(a.contains("text"));
    }

    io::DatasetOptions o;
    o.with_text = true;
    const json with = json::parse(write(*f.p.session, o));
    CHECK(with["info"]["filters"] == json{"with transcript text"});
    const json& p1 = transcript(with, "Interview 1");
    CHECK(p1["text"] == test::kSampleText);
    const json& ann = *records_of(p1, "ann");
    CHECK(ann["annotations"][0]["text"] == "Schön");
    CHECK(ann["annotations"][1]["text"] == "wonderful");
    CHECK(records_of(transcript(with, "Interview 2"), "ben")->at("annotations")[0]["text"] ==
          "I don't remember.");
}

TEST_CASE("io: the project JSON keeps only the selected schemes, coders and transcripts", "[io]")
{
    Fixture f;
    io::DatasetOptions som;
    som.schemes = {test::kSomScheme};
    const json doc = json::parse(write(*f.p.session, som));
    REQUIRE(doc["schemes"].size() == 1);
    CHECK(doc["info"]["schemes"] == json::array({{{"id", test::kSomScheme}, {"version", "1.0"}}}));
    const json& p1 = transcript(doc, "Interview 1");
    CHECK(records_of(p1, "ann")->at("annotations").size() == 1);
    CHECK(records_of(p1, "ann")->at("ratings").size() == 2);
    // ben's only work on Interview 2 is of the other scheme: ben is not listed there.
    CHECK(coder_names(transcript(doc, "Interview 2")) == std::vector<std::string>{"ann"});

    io::DatasetOptions only_ben;
    only_ben.coders = {f.p.ben};
    const json bens = json::parse(write(*f.p.session, only_ben));
    REQUIRE(bens["coders"].size() == 1);
    CHECK(bens["coders"][0]["name"] == "ben");
    for (const auto& t : bens["transcripts"])
        CHECK(coder_names(t) == std::vector<std::string>{"ben"});

    io::DatasetOptions second;
    second.transcripts = {f.p.p2};
    const json one = json::parse(write(*f.p.session, second));
    REQUIRE(one["transcripts"].size() == 1);
    CHECK(one["transcripts"][0]["title"] == "Interview 2");
    CHECK(one["info"]["filters"].size() == 1);
}

TEST_CASE("io: the project JSON writes one record per line, indented by two", "[io]")
{
    Fixture f;
    const std::string text = write(*f.p.session, {});
    std::istringstream lines(text);
    std::string line;
    int annotations = 0;
    while (std::getline(lines, line))
    {
        const auto indent = line.find_first_not_of(' ');
        CHECK(indent % 2 == 0);
        if (line.find("\"code\":") != std::string::npos)
        {
            ++annotations;
            CHECK(json::parse(line.substr(indent, line.find_last_of('}') - indent + 1))
                      .contains("uuid"));
        }
    }
    CHECK(annotations == 4);
}

TEST_CASE("io: a failing output stream makes the project JSON an Io error", "[io]")
{
    Fixture f;
    const io::DatasetOptions o;
    const auto sel = io::select_export(*f.p.session, o).value();
    const auto info = io::export_info(*f.p.session, o).value();
    for (const std::size_t limit : {std::size_t{0}, std::size_t{100}, std::size_t{1500}})
    {
        FailingBuf buf(limit);
        std::ostream out(&buf);
        const Result<void> r = io::write_project_json(*f.p.session, sel, o, info, out);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Io);
    }
}
