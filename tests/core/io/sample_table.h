// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The dataset the format tests write: numeric and string variables, value labels, a user-missing
// code (-9 = "not scorable"), system-missing cells, non-ASCII text and a half-point value. The
// readers in read_table_formats.py expect exactly this content.

#include "core/io/data_table.h"

namespace attune::test
{

inline io::DataTable sample_table()
{
    using io::Variable;
    using io::VariableType;
    io::DataTable t;
    t.name = "wide";
    t.label = "One row per transcript";
    Variable id{"transcript", "Transcript name", VariableType::String, {}, {}, "transcript", 0};
    Variable coder{"coder", "Coder (Kodierer)", VariableType::String, {}, {}, "coder", 0};
    Variable ideal{"ideal_m",
                   "Idéalisation de la mère (aai-state-of-mind 1.0)",
                   VariableType::Numeric,
                   {{1, "none"}, {5, "moderate"}, {9, "extreme"}, {-9, "not scorable"}},
                   {-9},
                   "scheme aai-state-of-mind 1.0, scale idealization",
                   1};
    Variable cls{"class",
                 "Classification",
                 VariableType::Numeric,
                 {{1, "F"}, {2, "Ds"}, {3, "E"}, {4, "U – Ängste"}},
                 {},
                 "scheme aai-classification 1.0",
                 0};
    t.variables = {id, coder, ideal, cls};
    t.rows = {
        {std::string("t01"), std::string("anna"), 5.5, 1.0},
        {std::string("t02 Ängste"), std::string("björn"), -9.0, 4.0},
        {std::string("t03"), std::string(""), std::monostate{}, std::monostate{}},
        {std::string("t04 idéalisation"), std::string("anna"), 9.0, 2.0},
    };
    return t;
}

inline io::ExportInfo sample_info()
{
    io::ExportInfo info;
    info.attune_version = "0.9.0";
    info.project_uuid = "0f8b6e1c-2d3a-4b5c-8d9e-0a1b2c3d4e5f";
    info.project_file = "study.attune";
    info.schemes = {{"aai-state-of-mind", "1.0"}, {"aai-classification", "1.0"}};
    info.filters = {"coders: anna, björn"};
    info.exported_at = "2026-12-01T18:00:00Z";
    return info;
}

} // namespace attune::test
