// SPDX-License-Identifier: GPL-3.0-or-later
// Writes sample_table() as DIR/wide.sav, DIR/wide.dta and DIR/wide.xlsx, for
// read_table_formats.py to read back with tools that share no code with Attune.
#include "core/io/table_formats.h"

#include "sample_table.h"

#include <cstdio>

int main(int argc, char** argv)
{
    if (argc != 2)
    {
        std::fprintf(stderr, "usage: write_table_formats_sample DIR\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    const attune::io::DataTable table = attune::test::sample_table();
    const attune::io::ExportInfo info = attune::test::sample_info();
    // A dictionary sheet in the shape the dataset builders give it: one row per variable.
    attune::io::DataTable dict;
    dict.name = "dictionary";
    dict.variables = {{"variable", "", attune::io::VariableType::String, {}, {}, "", 0},
                      {"label", "", attune::io::VariableType::String, {}, {}, "", 0}};
    for (const auto& v : table.variables)
        dict.rows.push_back({v.name, v.label});
    // A second table whose name needs fixing for Excel (too long, a forbidden character).
    attune::io::DataTable other = table;
    other.name = "ratings/per coder and transcript, long form";
    const attune::Result<void> results[] = {
        attune::io::write_sav(table, info, dir / "wide.sav"),
        attune::io::write_dta(table, info, dir / "wide.dta"),
        attune::io::write_xlsx({table, other}, &dict, info, dir / "wide.xlsx"),
    };
    for (const auto& r : results)
        if (!r)
        {
            std::fprintf(stderr, "%s\n", r.error().to_string().c_str());
            return 1;
        }
    return 0;
}
