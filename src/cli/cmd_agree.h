// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `attune-cli agree`: one subcommand, three modes (docs/agreement.md):
//   agree --table FILE.csv --metric M ...      table mode      (cmd_agree_table.cpp)
//   agree --spans FILE.csv --metric alpha-u|u-alpha-2016|binary-u-alpha|cu-alpha|Cu-alpha|
//         span-f1|gamma ...                               spans mode (cmd_agree_spans.cpp)
//   agree PROJECT [--coders ...] [--master ...] ...      project mode (cmd_agree_project.cpp)
// cmd_agree.cpp parses the options into AgreeOptions, checks which mode is asked for, and calls
// the mode's function; each returns the exit code (0 ok, 1 bad input, 2 usage).

#include "cli_common.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune::cli
{

/// Every option of `agree`, as given on the command line (empty/nullopt = not given).
struct AgreeOptions
{
    std::string project;                  ///< positional PROJECT (project mode)
    std::string table;                    ///< --table FILE.csv
    std::string spans;                    ///< --spans FILE.csv
    std::string metric;                   ///< --metric
    std::vector<std::string> categories;  ///< --categories c1,c2,...
    std::string level;                    ///< --level nominal|ordinal|interval|ratio
    std::string weights;                  ///< --weights none|linear|quadratic|custom
    std::string weight_matrix;            ///< --weight-matrix W.csv
    std::string form;                     ///< --form 1,1|2,1|3,1|1,k|2,k|3,k
    std::optional<int> bootstrap;         ///< --bootstrap N
    std::optional<std::uint64_t> seed;    ///< --seed S
    std::string continuum;                ///< --continuum BEGIN,END (spans mode)
    std::vector<std::string> coders;      ///< --coders a,b,... (spans and project mode)
    std::optional<double> overlap;        ///< --overlap θ (spans mode, span-f1)
    std::string master;                   ///< --master NAME (project mode)
    std::vector<std::string> transcripts; ///< --transcripts (project mode)
    std::string scheme;                   ///< --scheme ID (project mode)
    std::string section;                  ///< --section Qn (project mode)
    std::string format = "text";          ///< --format text|json|csv
    // Spans mode, the 2016 unitizing family and gamma (docs/agreement.md):
    std::string domains;               ///< --domains CODES.csv (header code,domain)
    std::string domain;                ///< --domain NAME (restrict to one domain)
    std::optional<double> gamma_alpha; ///< --gamma-alpha A (positional weight)
    std::optional<double> gamma_beta;  ///< --gamma-beta B (categorical weight)
    std::optional<double> gamma_empty; ///< --gamma-empty D (cost of an unaligned unit)
    std::string sampler;               ///< --sampler shuffle|statistical (gamma's chance disorder)
    std::optional<int> samples;        ///< --samples N (gamma's chance disorder)
};

int agree_table(const AgreeOptions& options);
int agree_spans(const AgreeOptions& options);
int agree_project(const AgreeOptions& options);

} // namespace attune::cli
