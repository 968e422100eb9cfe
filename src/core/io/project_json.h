// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The project as one versioned JSON document (issue 12, docs/export.md "The project as JSON",
// docs/schemas/attune-project.schema.json): schemes, coders and every current transcript with
// each coder's annotations, ratings and classifications, for the same selection the datasets use.

#include "core/base/result.h"
#include "core/io/data_table.h"
#include "core/io/datasets.h"
#include "core/project/session.h"

#include <ostream>

namespace attune::io
{

/// The "format" and "version" of the document write_project_json writes.
inline constexpr const char* kProjectJsonFormat = "attune-project";
inline constexpr int kProjectJsonVersion = 1;

/// Writes the project document to `out` piece by piece (one record at a time, so memory stays
/// bounded by one transcript's records, whatever the project's size): `info`, the selected
/// schemes and coders, and for each selected transcript the records of the selected schemes of
/// each selected coder who has any there. Offsets are code points as stored. Transcript and
/// passage text appear only with `o.with_text`. Indented by 2; each record is one line; ends
/// with a newline. Errors: the session's (a transcript text that cannot be read), DataInvalid
/// (a transcript's stored metadata that is not a JSON object), Io (the stream failed; what was
/// written so far is not a valid document).
[[nodiscard]] Result<void> write_project_json(project::Session& s, const ExportSelection& sel,
                                              const DatasetOptions& o, const ExportInfo& info,
                                              std::ostream& out);

} // namespace attune::io
