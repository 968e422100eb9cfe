// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A dataset as statistics programs see it (issue 12): named, labelled variables with value
// labels and user-missing codes, and rows of cells. The dataset builders (io/datasets.h) make
// these from a project; the writers (CSV, JSON, .sav, .dta, .xlsx) only serialise them, so a
// variable means the same in every format.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace attune::io
{

enum class VariableType
{
    Numeric, ///< a double; integers are written without decimals
    String,  ///< UTF-8 text
};

/// A code of a numeric variable and what it means, e.g. 1 = "F", -9 = "not scorable".
struct ValueLabel
{
    double value = 0;
    std::string label;
};

struct Variable
{
    std::string name;  ///< valid in SPSS and Stata: ASCII, [A-Za-z_][A-Za-z0-9_]*, ≤ 32, unique
    std::string label; ///< the full name, e.g. "Idealization of mother (aai-state-of-mind 1.0)"
    VariableType type = VariableType::Numeric;
    std::vector<ValueLabel> value_labels; ///< numeric variables only
    /// User-missing codes of a numeric variable (e.g. -9 = not scorable), each also given a
    /// value label; an empty cell is system-missing ("not yet rated").
    std::vector<double> missing_values;
    std::string source; ///< where it comes from: "scheme aai-state-of-mind 1.0, scale idealization"
    int decimals = 0;   ///< display decimals of a numeric variable (1 for half-point scales)
};

/// Empty (system-missing), a number or a string; a cell's kind matches its variable's type.
using Cell = std::variant<std::monostate, double, std::string>;

struct DataTable
{
    std::string name;  ///< the dataset's name ("wide", "ratings", …), also the file/sheet name
    std::string label; ///< a one-line description, written as the file label where there is one
    std::vector<Variable> variables;
    std::vector<std::vector<Cell>> rows; ///< each row has variables.size() cells
};

/// What every export says about itself: in the file label, a metadata sheet, a JSON field and
/// the README.txt of a folder export.
struct ExportInfo
{
    std::string attune_version;
    std::string project_uuid;
    std::string project_file;
    std::vector<std::pair<std::string, std::string>> schemes; ///< (scheme id, version)
    std::vector<std::string> filters; ///< e.g. "coders: a, b", "with transcript text"
    std::string exported_at;          ///< ISO 8601 UTC
};

} // namespace attune::io
