// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The words of File → Export REFI-QDA Project…, Export REFI-QDA Codebook… and Import REFI-QDA…
// (issue 15, docs/refi-qda.md): what core's export and import reports say, as the dialog shows
// them. wx-free, so the GUI tests' unit tests read the same text the dialog shows.

#include "core/io/refi_export.h"
#include "core/io/refi_import.h"

#include <string>

namespace attune::app
{

/// The sentence above an export's report: "Wrote study.qdpx: 2 users, 1 source, 5 selections."
std::string refi_export_headline(const io::RefiExportReport& report);

/// What was exported, each remark, and each thing REFI-QDA could not hold ("Not exported (3):").
std::string describe_refi_export(const io::RefiExportReport& report);

/// The sentence above an import's report: "Imported interview.qdpx (MAXQDA 2022): 1 transcript,
/// 4 annotations."
std::string refi_import_headline(const io::RefiImportReport& report);

/// The scheme, the position convention (detected or chosen), transcripts, coders, annotations
/// (new, mapped, already there), what was skipped by kind and each skipped source, selection
/// or coding by GUID, each selection not placed by GUID with core's reason, core's warnings.
std::string describe_refi_import(const io::RefiImportReport& report);

} // namespace attune::app
