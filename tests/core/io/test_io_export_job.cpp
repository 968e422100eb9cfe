// SPDX-License-Identifier: GPL-3.0-or-later
// The turn and code matrices, the speaker and section of passages, and whole exports
// (core/io/export_job.h) on a real project file: folders that appear complete or not at all,
// an earlier export replaced only when the new one is done, a folder of other files refused,
// cancellation, and the request checks.
#include "core/io/datasets.h"
#include "core/io/export_job.h"
#include "core/project/session.h"

#include "../store/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace attune;
using namespace attune::project;
namespace fs = std::filesystem;

namespace
{

template <typename T> T ok(Result<T> r)
{
    if (!r)
        FAIL(r.error().to_string());
    return std::move(r).value();
}

std::string read(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Two sections, four turns (lines 2, 3, 5, 6); all ASCII, so bytes are code points.
const std::string kText = "[Q1: Family]\n"
                          "I: Describe your mother.\n"
                          "R: She was wonderful, always there.\n"
                          "[Q2]\n"
                          "I: And your father?\n"
                          "R: Distant. I don't remember.\n";
const std::string kSid = "aai-state-of-mind";

std::int64_t at(const std::string& word)
{
    return static_cast<std::int64_t>(kText.find(word));
}

struct Project
{
    testing::TempDir dir;
    std::unique_ptr<Session> session;
    TranscriptId t;
    CoderId a, b, c;

    Project()
    {
        session = ok(Session::create(dir / "p.attune"));
        ok(session->apply(AddScheme{read(ATTUNE_SOURCE_DIR "/schemes/aai-state-of-mind.xml"),
                                    "aai-state-of-mind.xml"}));
        a = ok(session->apply(AddCoder{"a"})).coder;
        b = ok(session->apply(AddCoder{"b"})).coder;
        c = ok(session->apply(AddCoder{"c"})).coder; // no work: no rows
        Transcript meta;
        meta.title = "Interview 1";
        meta.participant = "P1";
        t = ok(session->apply(AddTranscript{meta, kText, false, false})).transcript;
        const auto w = at("wonderful");
        ok(session->apply(Annotate{t, a, kSid, "idealization-mother", w, w + 9, ""}));
        ok(session->apply(Annotate{t, a, kSid, "idealization-mother", w, w + 4, ""}));
        // From "father" (turn 3) to "Distant" (turn 4): touches both.
        ok(session->apply(
            Annotate{t, a, kSid, "lack-of-recall", at("father"), at("Distant") + 7, ""}));
        ok(session->apply(Annotate{t, b, kSid, "idealization-mother", w, w + 9, ""}));
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

double number(const io::Cell& c)
{
    REQUIRE(std::holds_alternative<double>(c));
    return std::get<double>(c);
}

std::string text(const io::Cell& c)
{
    REQUIRE(std::holds_alternative<std::string>(c));
    return std::get<std::string>(c);
}

std::vector<std::string> names_in(const fs::path& dir)
{
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        // The project's own -wal and -shm come and go with the session.
        if (e.path().filename().string().rfind("p.attune-", 0) != 0)
            out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

io::ExportRequest all_into(const fs::path& out, std::vector<io::ExportFormat> formats)
{
    io::ExportRequest r;
    r.all = true;
    r.formats = std::move(formats);
    r.out = out;
    return r;
}

} // namespace

TEST_CASE("io: a passage's speaker and section are those where it starts", "[io]")
{
    Project p;
    const auto t = ok(io::build_dataset(*p.session, "annotations", {}));
    const auto speaker = column(t, "speaker"), section = column(t, "section");
    const auto code = column(t, "code"), start = column(t, "start");
    REQUIRE(t.rows.size() == 4);
    for (const auto& row : t.rows)
        if (text(row[code]) == "idealization-mother")
        {
            CHECK(text(row[speaker]) == "R");
            CHECK(text(row[section]) == "Q1");
        }
        else
        {
            CHECK(number(row[start]) == static_cast<double>(at("father")));
            CHECK(text(row[speaker]) == "I");
            CHECK(text(row[section]) == "Q2");
        }
}

TEST_CASE("io: the turn matrix has a row per turn and coder with work, 1 where a passage touches",
          "[io]")
{
    Project p;
    const auto t = ok(io::build_dataset(*p.session, "turn-matrix", {}));
    REQUIRE(t.rows.size() == 8); // 4 turns × coders a and b (c has no work)
    const auto coder = column(t, "coder"), turn = column(t, "turn");
    const auto ideal = column(t, "idealization_mother"), recall = column(t, "lack_of_recall");
    const auto speaker = column(t, "speaker"), role = column(t, "speaker_role");
    const auto section = column(t, "section"), first = column(t, "start_line");
    CHECK(t.variables[ideal].value_labels.size() == 2);
    for (const auto& row : t.rows)
    {
        const int n = static_cast<int>(number(row[turn]));
        const bool is_a = text(row[coder]) == "a";
        CHECK(number(row[ideal]) == (n == 2 ? 1.0 : 0.0));
        CHECK(number(row[recall]) == (is_a && (n == 3 || n == 4) ? 1.0 : 0.0));
        CHECK(text(row[speaker]) == (n % 2 == 1 ? "I" : "R"));
        CHECK(text(row[role]) == (n % 2 == 1 ? "interviewer" : "respondent"));
        CHECK(text(row[section]) == (n <= 2 ? "Q1" : "Q2"));
        CHECK(number(row[first]) ==
              std::vector<double>{2, 3, 5, 6}[static_cast<std::size_t>(n - 1)]);
    }
    io::DatasetOptions counts;
    counts.code_values = io::CodeValues::Counts;
    const auto c = ok(io::build_dataset(*p.session, "turn-matrix", counts));
    double a_turn2 = -1;
    for (const auto& row : c.rows)
        if (text(row[coder]) == "a" && number(row[turn]) == 2)
            a_turn2 = number(row[ideal]);
    CHECK(a_turn2 == 2); // two passages of a touch turn 2
    CHECK(c.variables[ideal].value_labels.empty());
}

TEST_CASE("io: the code matrix counts passages per code, or says 0/1", "[io]")
{
    Project p;
    const auto t = ok(io::build_dataset(*p.session, "code-matrix", {}));
    REQUIRE(t.rows.size() == 2);
    const auto coder = column(t, "coder"), ideal = column(t, "idealization_mother");
    for (const auto& row : t.rows)
        CHECK(number(row[ideal]) == (text(row[coder]) == "a" ? 2.0 : 1.0));
    io::DatasetOptions binary;
    binary.code_values = io::CodeValues::Binary;
    const auto b = ok(io::build_dataset(*p.session, "code-matrix", binary));
    for (const auto& row : b.rows)
        CHECK(number(row[ideal]) == 1.0);
}

TEST_CASE("io: every dataset streams the variables its dictionary lists", "[io]")
{
    Project p;
    const auto dict = ok(io::build_dataset(*p.session, "dictionary", {}));
    for (const char* name : io::kDatasetNames)
    {
        if (std::string_view(name) == "dictionary")
            continue;
        const auto t = ok(io::build_dataset(*p.session, name, {}));
        std::size_t listed = 0;
        for (const auto& row : dict.rows)
            listed += text(row[0]) == name ? 1 : 0;
        CHECK(listed == t.variables.size());
        for (const auto& row : t.rows)
            CHECK(row.size() == t.variables.size());
    }
}

TEST_CASE("io: an export of all datasets writes a complete folder with a README", "[io]")
{
    Project p;
    const fs::path out = p.dir / "export";
    using F = io::ExportFormat;
    const auto done = ok(io::run_export(*p.session, all_into(out, {F::Csv, F::Sav, F::Xlsx})));
    CHECK(done.out == out);
    const auto files = names_in(out);
    CHECK(files == std::vector<std::string>{
                       "README.txt", "annotations.csv", "annotations.sav", "classifications.csv",
                       "classifications.sav", "code-matrix.csv", "code-matrix.sav", "datasets.xlsx",
                       "dictionary.csv", "dictionary.sav", "ratings.csv", "ratings.sav",
                       "turn-matrix.csv", "turn-matrix.sav", "wide.csv", "wide.sav"});
    CHECK(done.files.size() == files.size() - 1);
    const std::string readme = read(out / "README.txt");
    CHECK(readme.rfind("Attune dataset export\n", 0) == 0);
    CHECK(readme.find(p.session->project_uuid()) != std::string::npos);
    CHECK(readme.find("turn-matrix.csv") != std::string::npos);
    CHECK(readme.find("not included") != std::string::npos);
    // Nothing temporary is left beside it.
    CHECK(names_in(p.dir.path()) == std::vector<std::string>{"export", "p.attune"});

    SECTION("a second export replaces the first only when complete")
    {
        std::ofstream(out / "stale.csv") << "old";
        ok(io::run_export(*p.session, all_into(out, {F::Csv})));
        CHECK(!fs::exists(out / "stale.csv"));
        CHECK(!fs::exists(out / "wide.sav"));
        CHECK(fs::exists(out / "wide.csv"));
        CHECK(names_in(p.dir.path()) == std::vector<std::string>{"export", "p.attune"});
    }
    SECTION("a cancelled export leaves the earlier one as it was")
    {
        const std::string before = read(out / "wide.csv");
        int calls = 0;
        const auto r = io::run_export(*p.session, all_into(out, {F::Csv, F::Dta}),
                                      [&](const io::ExportProgress& pr)
                                      {
                                          CHECK(pr.total == 7); // six tables and the dictionary
                                          return ++calls < 4;
                                      });
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Cancelled);
        CHECK(read(out / "wide.csv") == before);
        CHECK(!fs::exists(out / "wide.dta"));
        CHECK(names_in(p.dir.path()) == std::vector<std::string>{"export", "p.attune"});
    }
}

TEST_CASE("io: a folder of other files is never written into", "[io]")
{
    Project p;
    const fs::path out = p.dir / "thesis";
    fs::create_directory(out);
    std::ofstream(out / "chapter1.docx") << "mine";
    const auto r = io::run_export(*p.session, all_into(out, {io::ExportFormat::Csv}));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
    CHECK(names_in(out) == std::vector<std::string>{"chapter1.docx"});
    // An empty folder is fine.
    fs::remove(out / "chapter1.docx");
    CHECK(io::run_export(*p.session, all_into(out, {io::ExportFormat::Csv})));
    CHECK(fs::exists(out / "README.txt"));
}

TEST_CASE("io: export requests are checked before any work", "[io]")
{
    using F = io::ExportFormat;
    io::ExportRequest r;
    r.dataset = "wide";
    r.formats = {F::Csv, F::Sav};
    r.out = "x.csv";
    CHECK(io::check_export_request(r).error().code == ErrorCode::InvalidArgument);
    r.formats = {F::Sav};
    r.excel_csv = true;
    CHECK(io::check_export_request(r).error().code == ErrorCode::InvalidArgument);
    r.excel_csv = false;
    CHECK(io::check_export_request(r));
    r.dataset = io::kProjectDataset;
    CHECK(io::check_export_request(r).error().code == ErrorCode::InvalidArgument);
    r.formats = {F::Json};
    CHECK(io::check_export_request(r));
    r.dataset = "nope";
    CHECK(io::check_export_request(r).error().code == ErrorCode::InvalidArgument);
    r.dataset = "wide";
    r.formats = {};
    CHECK(io::check_export_request(r).error().code == ErrorCode::InvalidArgument);
    testing::TempDir d;
    r.formats = {F::Csv};
    r.out = d.path();
    CHECK(io::check_export_request(r).error().code == ErrorCode::Conflict);
    for (const F f : io::kExportFormats)
        CHECK(io::parse_export_format(io::to_string(f)) == f);
    CHECK(!io::parse_export_format("xls"));
}

TEST_CASE("io: a single dataset goes to the file named, in each format", "[io]")
{
    Project p;
    for (const io::ExportFormat f :
         {io::ExportFormat::Csv, io::ExportFormat::Sav, io::ExportFormat::Dta,
          io::ExportFormat::Xlsx, io::ExportFormat::Json})
    {
        io::ExportRequest r;
        r.dataset = "turn-matrix";
        r.formats = {f};
        r.out = p.dir / (std::string("tm.") + io::to_string(f));
        const auto done = ok(io::run_export(*p.session, r));
        CHECK(done.files == std::vector<fs::path>{r.out});
        CHECK(done.rows == 8);
        CHECK(fs::file_size(r.out) > 0);
    }
    io::ExportRequest bad;
    bad.dataset = "wide";
    bad.formats = {io::ExportFormat::Sav};
    bad.out = p.dir / "no-such-folder" / "w.sav";
    const auto r = io::run_export(*p.session, bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Io);
    CHECK(r.error().message.find("no-such-folder") != std::string::npos);
}
