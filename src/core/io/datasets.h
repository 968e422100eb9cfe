// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The datasets a project exports for R, SPSS, Stata, Excel and Python (issue 12, docs/export.md):
// built once here as DataTables from a Session, then written by any writer (dataset_writers.h).

#include "core/base/result.h"
#include "core/io/data_table.h"
#include "core/io/table_sink.h"
#include "core/project/session.h"
#include "core/scheme/scheme.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace attune::io
{

/// The user-missing code of "not scorable" in every numeric scale variable (labelled
/// "not scorable"); "not yet rated" is an empty cell (system-missing).
inline constexpr double kNotScorable = -9;

/// The names of the datasets, in the order docs/export.md describes them.
inline constexpr const char* kDatasetNames[] = {"wide",        "ratings",     "classifications",
                                                "annotations", "code-matrix", "turn-matrix",
                                                "dictionary"};

/// The whole project (or the selected part) as one JSON document (project_json.h): not a
/// table, so it is written in JSON only.
inline constexpr const char* kProjectDataset = "project";

/// What the cells of the code and turn matrices hold.
enum class CodeValues
{
    Default, ///< counts in the code matrix, 0/1 in the turn matrix
    Counts,  ///< how many passages of the code (touch the turn)
    Binary,  ///< 1 when there is at least one, else 0
};

/// Variable names valid in SPSS and Stata, made from ids (docs/export.md, "Variable names").
/// The parts are joined with '_'; ASCII letters are lower-cased and digits kept; Latin-1 letters
/// are folded to ASCII (é → e, ß → ss); every other character becomes '_'; runs of '_' become
/// one and leading/trailing '_' go; a name that is empty or starts with a digit gets a "v"
/// prefix; a reserved word of SPSS or Stata gets a '_' suffix; the result is cut to 32
/// characters. A name already in `taken` (compared as is: every name is lower case) gets the
/// suffix _2, _3, … (cutting the base so the whole stays within 32). The chosen name is added to
/// `taken`. The same parts in the same order of calls always give the same names.
std::string variable_name(const std::vector<std::string_view>& parts, std::set<std::string>& taken);

/// What to export. Empty sets mean all; transcripts are current versions only.
struct DatasetOptions
{
    std::vector<project::TranscriptId> transcripts;
    std::vector<project::CoderId> coders;
    std::vector<std::string> schemes; ///< scheme ids; empty = every stored scheme (latest version)
    bool with_text = false;           ///< annotations: the passage's text
    CodeValues code_values = CodeValues::Default;
};

/// What an export covers, resolved and checked once for every dataset and the project JSON:
/// the schemes (latest stored versions, in the store's order or as named), the current
/// transcripts and the coders the options name (all when empty).
struct ExportSelection
{
    std::vector<std::shared_ptr<const scheme::Scheme>> schemes;
    std::vector<project::Transcript> transcripts;
    std::vector<project::Coder> coders;

    bool has_scheme(const std::string& id) const;
    /// The exported scheme with this id, or null.
    const scheme::Scheme* find_scheme(const std::string& id) const;
};

/// Errors: NotFound (a scheme id that is not stored), InvalidArgument (a transcript id that is
/// not a current transcript).
[[nodiscard]] Result<ExportSelection> select_export(project::Session& s, const DatasetOptions& o);

/// One row per current transcript × coder who has work on it (an annotation, a rating or a
/// classification of an exported scheme): identification, one numeric variable per scale and
/// target (kNotScorable = not scorable, empty = not rated), the classification (category,
/// subcategory, unresolved, alternative: numeric codes 1..n in the scheme's order, labelled),
/// one variable per collapsing (its labels 1..n) and one count per code (n_CODE).
/// Errors: NotFound (a scheme id that is not stored).
[[nodiscard]] Result<DataTable> build_wide(project::Session& s, const DatasetOptions& o);
/// One row per rating (current transcripts, exported schemes and coders).
[[nodiscard]] Result<DataTable> build_ratings(project::Session& s, const DatasetOptions& o);
/// One row per classification.
[[nodiscard]] Result<DataTable> build_classifications(project::Session& s, const DatasetOptions& o);
/// One row per annotation, with code name, group path, code points, lines, the speaker of the
/// turn and the AAI section where it starts; the passage's text only with `with_text`.
[[nodiscard]] Result<DataTable> build_annotations(project::Session& s, const DatasetOptions& o);
/// One row per variable of `tables`: dataset, name, label, type, value labels, missing codes,
/// source and decimals.
DataTable build_dictionary(const std::vector<DataTable>& tables);
/// Streams the named dataset (kDatasetNames) of `sel` into `sink`: its head, then its rows
/// (unless the sink wants none), then end. "code-matrix": one row per transcript × coder with
/// work, a column per code (counts, or 0/1). "turn-matrix": one row per speaker turn (default
/// AAI labels) × coder with passages on the transcript: turn number, speaker, role, section,
/// code points and lines, then per code 0/1 (or counts) for passages touching the turn
/// (project::passage_touches). "dictionary" describes the variables of all the others.
/// Errors: InvalidArgument (unknown name), the Session's, and the sink's.
[[nodiscard]] Result<void> stream_dataset(project::Session& s, const ExportSelection& sel,
                                          const std::string& name, const DatasetOptions& o,
                                          TableSink& sink);

/// Streams several tables (kDatasetNames but "dictionary") in one pass over the project, each
/// transcript's text and each pair's records read once for all of them: sinks[i] receives
/// names[i], rows in the same order as stream_dataset gives them. `after_transcript` (when set)
/// is called after each transcript's rows; false cancels. Errors: InvalidArgument (a name that
/// is not such a table), Cancelled, the Session's, and the sinks'.
[[nodiscard]] Result<void> stream_datasets(project::Session& s, const ExportSelection& sel,
                                           const std::vector<std::string>& names,
                                           const DatasetOptions& o,
                                           const std::vector<TableSink*>& sinks,
                                           const std::function<bool()>& after_transcript = {});

/// The named dataset in memory (kDatasetNames; "dictionary" describes the others).
/// Errors: InvalidArgument (unknown name), and the builders' errors.
[[nodiscard]] Result<DataTable> build_dataset(project::Session& s, const std::string& name,
                                              const DatasetOptions& o);

/// What the export is: Attune's version, the project, the schemes exported (id, latest version),
/// the filters and the time now (UTC). Errors: NotFound (a scheme id that is not stored).
[[nodiscard]] Result<ExportInfo> export_info(project::Session& s, const DatasetOptions& o);
/// The same for a selection already made (select_export of the same options).
ExportInfo export_info(project::Session& s, const ExportSelection& sel, const DatasetOptions& o);

} // namespace attune::io
