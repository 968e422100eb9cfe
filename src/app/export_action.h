// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Running File → Export Dataset… once its dialog is answered: where to write (a GTK file or
// folder chooser), the export itself with a progress dialog when it takes a while, and what was
// written, with "Show in Folder". The export is core's (io::run_export): atomic, so a failed or
// cancelled export leaves nothing behind.

#include "core/io/export_job.h"
#include "core/project/session.h"

#include <filesystem>
#include <optional>
#include <string>

class wxWindow;

namespace attune::app
{

/// Asks where to write `r`: a file for one dataset (named "wide.sav" at first, the format's
/// extension added when left off), a folder for all datasets. nullopt when cancelled.
std::optional<std::filesystem::path> ask_export_path(wxWindow* parent, const io::ExportRequest& r,
                                                     const std::filesystem::path& start_dir);

/// Runs the export. With `parent`, a progress dialog with Cancel appears once the export has
/// taken longer than about 0.3 s; Cancel makes core stop (Cancelled) with nothing written.
[[nodiscard]] Result<io::ExportSummary>
run_export_with_progress(wxWindow* parent, project::Session& s, const io::ExportRequest& r);

/// "Exported wide.sav (12 rows) to /home/…": what the export wrote, in one sentence.
std::string describe_export(const io::ExportSummary& summary);

/// Says what was written, with "Show in Folder" and OK.
void show_export_done(wxWindow* parent, const io::ExportSummary& summary);

/// Shows `item` in the desktop's file manager (selected, through the FileManager1 D-Bus
/// interface), else opens its folder. False when neither worked.
bool show_in_folder(const std::filesystem::path& item);

} // namespace attune::app
