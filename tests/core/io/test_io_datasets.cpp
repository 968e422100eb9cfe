// SPDX-License-Identifier: GPL-3.0-or-later
// The dataset exports (core/io/datasets.h, dataset_writers.h) on a small project built through
// the Session with the shipped state-of-mind scheme: the naming rule's properties, and the wide
// table's cells against what the session holds.
#include "core/io/dataset_writers.h"
#include "core/io/datasets.h"
#include "core/project/session.h"

#include "../store/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

using namespace attune;
using namespace attune::project;

namespace
{

template <typename T> T ok(Result<T> r)
{
    if (!r)
        FAIL(r.error().to_string());
    return std::move(r).value();
}

std::string read(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* const kText = "I: Describe your mother.\nR: She was wonderful, always there.\n";
const std::string kSid = "aai-state-of-mind";

/// Coders "a" (rated, classified U/CC with alternative Ds1, coded) and "b" (one annotation, no
/// rating) on one transcript P1.
struct Project
{
    testing::TempDir dir;
    std::unique_ptr<Session> session;
    TranscriptId t;
    CoderId a, b;

    Project()
    {
        session = ok(Session::create(dir / "p.attune"));
        ok(session->apply(AddScheme{read(ATTUNE_SOURCE_DIR "/schemes/aai-state-of-mind.xml"),
                                    "aai-state-of-mind.xml"}));
        a = ok(session->apply(AddCoder{"a"})).coder;
        b = ok(session->apply(AddCoder{"b"})).coder;
        Transcript meta;
        meta.title = "Interview 1";
        meta.participant = "P1";
        t = ok(session->apply(AddTranscript{meta, kText, false, false})).transcript;
        ok(session->apply(Rate{t, a, kSid, "idealization", "mother", 6.5, ""}));
        ok(session->apply(Rate{t, a, kSid, "passivity", "", std::nullopt, "too short"}));
        ok(session->apply(Classify{t, a, kSid, "CC", {}, "U", "Ds1", ""}));
        ok(session->apply(Annotate{t, a, kSid, "idealization-mother", 28, 40, ""}));
        ok(session->apply(Annotate{t, b, kSid, "idealization-mother", 28, 40, ""}));
    }
};

std::size_t column(const io::DataTable& table, const std::string& name)
{
    for (std::size_t i = 0; i < table.variables.size(); ++i)
        if (table.variables[i].name == name)
            return i;
    FAIL("no variable " << name);
    return 0;
}

const std::vector<io::Cell>& row_of(const io::DataTable& table, const std::string& coder)
{
    const std::size_t c = column(table, "coder");
    for (const auto& row : table.rows)
        if (std::get<std::string>(row[c]) == coder)
            return row;
    FAIL("no row of " << coder);
    return table.rows.front();
}

double number(const io::Cell& c)
{
    REQUIRE(std::holds_alternative<double>(c));
    return std::get<double>(c);
}

} // namespace

TEST_CASE("io: variable names join ids, fold to ASCII and stay within 32", "[io]")
{
    std::set<std::string> taken;
    CHECK(io::variable_name({"idealization", "mother"}, taken) == "idealization_mother");
    CHECK(io::variable_name({"coherence-transcript"}, taken) == "coherence_transcript");
    CHECK(io::variable_name({"Müller Straße"}, taken) == "muller_strasse");
    CHECK(io::variable_name({"3way"}, taken) == "v_3way");
    CHECK(io::variable_name({""}, taken) == "v");
    CHECK(io::variable_name({"with"}, taken) == "with_");
    CHECK(io::variable_name({"日本"}, taken) == "v_2");
    // A collision gets _2, _3 …; a long id is cut so that the suffix fits.
    CHECK(io::variable_name({"idealization", "mother"}, taken) == "idealization_mother_2");
    const std::string long_id(40, 'x');
    CHECK(io::variable_name({long_id}, taken) == std::string(32, 'x'));
    CHECK(io::variable_name({long_id}, taken) == std::string(30, 'x') + "_2");
}

TEST_CASE("io: variable names are unique, valid in SPSS and Stata, and deterministic", "[io]")
{
    const std::vector<std::vector<std::string>> inputs = {{"a-b"},
                                                          {"a_b"},
                                                          {"A B"},
                                                          {"a.b"},
                                                          {"ä-b"},
                                                          {std::string(50, 'q'), "1"},
                                                          {std::string(50, 'q'), "2"},
                                                          {"_x_"},
                                                          {"x"},
                                                          {"9"},
                                                          {"é"},
                                                          {"all"},
                                                          {"ALL"}};
    auto names = [&]()
    {
        std::set<std::string> taken;
        std::vector<std::string> out;
        for (const auto& in : inputs)
            out.push_back(io::variable_name({in.begin(), in.end()}, taken));
        return out;
    };
    const auto first = names();
    CHECK(first == names());
    const std::set<std::string> distinct(first.begin(), first.end());
    CHECK(distinct.size() == first.size());
    const std::regex valid("[a-z][a-z0-9_]*");
    for (const auto& n : first)
    {
        CHECK(n.size() <= 32);
        CHECK(std::regex_match(n, valid));
    }
}

TEST_CASE("io: the wide table holds what the session holds, not scorable as -9", "[io]")
{
    Project p;
    const auto wide = ok(io::build_wide(*p.session, {}));
    REQUIRE(wide.rows.size() == 2);
    for (const auto& row : wide.rows)
        CHECK(row.size() == wide.variables.size());
    const auto& ra = row_of(wide, "a");
    const auto& rb = row_of(wide, "b");
    CHECK(std::get<std::string>(ra[column(wide, "participant")]) == "P1");

    for (const auto& r : p.session->ratings(p.t, p.a))
    {
        const auto& cell = ra[column(wide, r.scale + (r.target.empty() ? "" : "_" + r.target))];
        if (r.not_scorable)
            CHECK(number(cell) == io::kNotScorable);
        else
            CHECK(number(cell) == *r.value);
    }
    CHECK(number(ra[column(wide, "idealization_mother")]) == 6.5);
    // Not scorable is a labelled user-missing code; not rated is an empty cell.
    const auto& passivity = wide.variables[column(wide, "passivity")];
    REQUIRE(passivity.missing_values == std::vector<double>{-9});
    REQUIRE(passivity.value_labels.size() == 1);
    CHECK(passivity.value_labels[0].value == -9);
    CHECK(passivity.value_labels[0].label == "not scorable");
    CHECK(passivity.decimals == 1);
    CHECK(number(ra[column(wide, "passivity")]) == -9);
    CHECK(std::holds_alternative<std::monostate>(rb[column(wide, "passivity")]));
    CHECK(std::holds_alternative<std::monostate>(rb[column(wide, "idealization_mother")]));
    CHECK(std::holds_alternative<std::monostate>(ra[column(wide, "metacognition")]));

    // The classification as stored: CC (4th of F, Ds, E, CC), U, forced alternative Ds.
    const auto stored = p.session->classifications(p.t, p.a);
    REQUIRE(stored.size() == 1);
    const auto& category = wide.variables[column(wide, "aai_category")];
    const double code = number(ra[column(wide, "aai_category")]);
    CHECK(category.value_labels[static_cast<std::size_t>(code) - 1].label == stored[0].category);
    CHECK(stored[0].category == "CC");
    CHECK(code == 4);
    CHECK(number(ra[column(wide, "aai_unresolved")]) == 1);
    CHECK(number(ra[column(wide, "aai_alternative")]) == 2);
    const auto& sub = wide.variables[column(wide, "aai_subcategory")];
    CHECK(
        sub.value_labels[static_cast<std::size_t>(number(ra[column(wide, "aai_subcategory")])) - 1]
            .label == *stored[0].subcategory);
    // Collapsings: 3-way puts U/CC under its alternative (Ds = 2), 4-way under U (4).
    const auto& three = wide.variables[column(wide, "aai_3way")];
    CHECK(three.value_labels.size() == 3);
    CHECK(three.value_labels[0].label == "F");
    CHECK(number(ra[column(wide, "aai_3way")]) == 2);
    CHECK(number(ra[column(wide, "aai_4way")]) == 4);
    CHECK(std::holds_alternative<std::monostate>(rb[column(wide, "aai_category")]));
    // One count per code.
    CHECK(number(ra[column(wide, "n_idealization_mother")]) == 1);
    CHECK(number(rb[column(wide, "n_idealization_mother")]) == 1);
    CHECK(number(rb[column(wide, "n_lack_of_recall")]) == 0);
}

TEST_CASE("io: the long tables, the coder filter and the passage text only when asked", "[io]")
{
    Project p;
    const auto ratings = ok(io::build_ratings(*p.session, {}));
    CHECK(ratings.rows.size() == 2);
    io::DatasetOptions only_b;
    only_b.coders = {p.b};
    CHECK(ok(io::build_ratings(*p.session, only_b)).rows.empty());
    CHECK(ok(io::build_wide(*p.session, only_b)).rows.size() == 1);

    auto annotations = ok(io::build_annotations(*p.session, {}));
    REQUIRE(annotations.rows.size() == 2);
    for (const auto& v : annotations.variables)
        CHECK(v.name != "text");
    io::DatasetOptions with_text;
    with_text.with_text = true;
    annotations = ok(io::build_annotations(*p.session, with_text));
    CHECK(std::get<std::string>(annotations.rows[0][column(annotations, "text")]) ==
          "She was wond");
    CHECK(number(annotations.rows[0][column(annotations, "start_line")]) == 2);
    CHECK(std::get<std::string>(annotations.rows[0][column(annotations, "group_path")]) ==
          "Idealization");

    io::DatasetOptions bad;
    bad.schemes = {"no-such-scheme"};
    const auto r = io::build_wide(*p.session, bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::NotFound);

    io::DatasetOptions old_version;
    old_version.transcripts = {TranscriptId{999}};
    const auto none = io::build_ratings(*p.session, old_version);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == ErrorCode::InvalidArgument);

    const auto dict = ok(io::build_dataset(*p.session, "dictionary", {}));
    CHECK(dict.rows.size() > 40);
    CHECK(io::build_dataset(*p.session, "nope", {}).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("io: dataset CSV and JSON, and the atomic write leaves nothing on failure", "[io]")
{
    Project p;
    const auto wide = ok(io::build_wide(*p.session, {}));
    const std::string csv = io::dataset_csv(wide);
    CHECK(csv.rfind("participant,transcript_uuid,transcript_title,coder,coder_role,", 0) == 0);
    CHECK(csv.find('\r') == std::string::npos);
    const std::string excel = io::dataset_csv(wide, io::CsvOptions{true});
    CHECK(excel.rfind("\xEF\xBB\xBFparticipant,", 0) == 0);
    CHECK(excel.find("\r\n") != std::string::npos);

    const auto info = ok(io::export_info(*p.session, {}));
    const auto j = nlohmann::json::parse(io::dataset_json(wide, info));
    CHECK(j["format"] == "attune-dataset");
    CHECK(j["version"] == 1);
    CHECK(j["info"]["project_uuid"] == p.session->project_uuid());
    CHECK(j["info"]["schemes"][0]["id"] == kSid);
    CHECK(j["variables"].size() == wide.variables.size());
    CHECK(j["rows"].size() == 2);

    const auto out = p.dir / "out.csv";
    REQUIRE(io::write_file_atomic(out, csv));
    CHECK(read(out) == csv);
    const auto missing = p.dir / "no-such-dir" / "out.csv";
    const auto w = io::write_file_atomic(missing, csv);
    REQUIRE_FALSE(w);
    CHECK(w.error().code == ErrorCode::Io);
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(p.dir.path()))
        files += e.path().filename().string().rfind(".out.csv.", 0) == 0 ? 1 : 0;
    CHECK(files == 0);
}
