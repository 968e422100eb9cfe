// SPDX-License-Identifier: GPL-3.0-or-later
// The .sav, .dta and .xlsx writers (core/io/table_formats): what they refuse and that a refused
// or failed write leaves no file behind. The content is checked by independent readers
// (read_table_formats.py: readstat, pandas, openpyxl).
#include "core/io/table_formats.h"

#include "../store/temp_dir.h"
#include "sample_table.h"

#include <catch2/catch.hpp>

using namespace attune;
using attune::testing::TempDir;

namespace
{

std::size_t files_in(const std::filesystem::path& dir)
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir))
        ++n;
    return n;
}

using Writer = Result<void> (*)(const io::DataTable&, const io::ExportInfo&,
                                const std::filesystem::path&);

Result<void> xlsx_one(const io::DataTable& t, const io::ExportInfo& info,
                      const std::filesystem::path& p)
{
    return io::write_xlsx({t}, nullptr, info, p);
}

const std::pair<const char*, Writer> kWriters[] = {
    {"wide.sav", &io::write_sav}, {"wide.dta", &io::write_dta}, {"wide.xlsx", &xlsx_one}};

} // namespace

TEST_CASE("io: each format writes the sample table and leaves only the target file", "[io]")
{
    TempDir dir;
    for (const auto& [name, write] : kWriters)
    {
        auto r = write(test::sample_table(), test::sample_info(), dir / name);
        INFO(name << ": " << (r ? "" : r.error().to_string()));
        REQUIRE(r);
        CHECK(std::filesystem::file_size(dir / name) > 0);
    }
    CHECK(files_in(dir.path()) == 3);
}

TEST_CASE("io: a row of the wrong width is refused naming the row and leaves no file", "[io]")
{
    TempDir dir;
    io::DataTable t = test::sample_table();
    t.rows[2].pop_back();
    for (const auto& [name, write] : kWriters)
    {
        auto r = write(t, test::sample_info(), dir / name);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::InvalidArgument);
        CHECK(r.error().message == "cannot write " + (dir / name).string() +
                                       ": table 'wide' row 3 has 3 cells, expected 4");
    }
    CHECK(files_in(dir.path()) == 0);
}

TEST_CASE("io: a string in a numeric variable is refused", "[io]")
{
    TempDir dir;
    io::DataTable t = test::sample_table();
    t.rows[0][2] = std::string("5.5");
    auto r = io::write_sav(t, test::sample_info(), dir / "x.sav");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().message.find("row 1, variable 'ideal_m': a string in a numeric variable") !=
          std::string::npos);
    CHECK(files_in(dir.path()) == 0);
}

TEST_CASE("io: a folder that does not exist is an Io error naming the path", "[io]")
{
    TempDir dir;
    for (const auto& [name, write] : kWriters)
    {
        const auto target = dir / "missing" / name;
        auto r = write(test::sample_table(), test::sample_info(), target);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Io);
        CHECK(r.error().message ==
              "cannot write " + target.string() + ": No such file or directory");
    }
    CHECK(files_in(dir.path()) == 0);
}

TEST_CASE("io: a failure inside ReadStat leaves no file and says what it refused", "[io]")
{
    TempDir dir;
    io::DataTable t = test::sample_table();
    t.variables[0].name = "not a name";
    auto r = io::write_sav(t, test::sample_info(), dir / "bad.sav");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::DataInvalid);
    CHECK(r.error().message.rfind("cannot write " + (dir / "bad.sav").string() +
                                      ": ReadStat refused the table 'wide': ",
                                  0) == 0);
    CHECK(files_in(dir.path()) == 0);
}

TEST_CASE("io: more user-missing codes than the format holds are refused", "[io]")
{
    TempDir dir;
    io::DataTable t = test::sample_table();
    t.variables[2].missing_values = {-9, -8, -7, -6};
    auto r = io::write_sav(t, test::sample_info(), dir / "x.sav");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("has 4 user-missing codes; a .sav file holds at most 3") !=
          std::string::npos);
    CHECK(io::write_dta(t, test::sample_info(), dir / "x.dta"));
}

TEST_CASE("io: sheet names are made valid for Excel and unique", "[io]")
{
    const auto names = io::xlsx_sheet_names(
        {"wide", "WIDE", "a/b:c", "", "'quoted'", "ratings per coder and transcript, long",
         "ratings per coder and transcript, long form", "Ängste Ängste Ängste Ängste Ängste"});
    CHECK(names == std::vector<std::string>{"wide", "WIDE~2", "a_b_c", "sheet", "_quoted_",
                                            "ratings per coder and transcrip",
                                            "ratings per coder and transcr~2",
                                            "Ängste Ängste Ängste Ängste Äng"});
}
