// SPDX-License-Identifier: GPL-3.0-or-later
// Built instead of main_frame_export.cpp while core's io module is not in the build: File →
// Export Dataset… then says so instead of the app not building at all.
#include "app/main_frame.h"

namespace attune::app
{

void MainFrame::on_export(wxCommandEvent&)
{
    show_message("This build of Attune cannot export datasets (core's io module is missing).");
}

std::string MainFrame::export_dataset(const io::ExportRequest&)
{
    return "this build of Attune cannot export datasets";
}

void MainFrame::on_refi_export(wxCommandEvent&)
{
    show_message("This build of Attune cannot write REFI-QDA files (core's io module is missing).");
}

void MainFrame::on_refi_codebook(wxCommandEvent& e)
{
    on_refi_export(e);
}

void MainFrame::on_refi_import(wxCommandEvent&)
{
    show_message("This build of Attune cannot read REFI-QDA files (core's io module is missing).");
}

} // namespace attune::app
