// SPDX-License-Identifier: GPL-3.0-or-later
// The main window as the GUI test driver sees it (gui_test_target.h): its widgets, and the few
// actions whose dialogs a script answers for itself.
#include "app/main_frame.h"

#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/textctrl.h>

namespace attune::app
{

TestWidgets MainFrame::test_widgets()
{
    TestWidgets w;
    w.frame = this;
    w.view = m_view;
    w.transcripts = m_transcripts;
    w.codes = m_codes;
    w.tabs = m_tabs;
    w.annotations = m_annotations;
    w.ratings = m_ratings;
    w.classification = m_classification;
    w.info = m_info;
    w.sections = m_section_menu;
    w.centre_split = m_centre_split;
    return w;
}

void MainFrame::write_memo(const std::string& uuid, const std::string& text)
{
    edit_memo(uuid, text);
}

void MainFrame::find_text(const std::string& query)
{
    wxCommandEvent open_bar;
    on_find(open_bar);
    m_find->ChangeValue(to_wx(query));
    on_find_next(true);
}

void MainFrame::rename_transcript_as(project::TranscriptId id, const ImportNames& names)
{
    rename_transcript(id, names);
}

void MainFrame::remove_transcript_confirmed(project::TranscriptId id)
{
    remove_transcript(id, true);
}

void MainFrame::screenshot_next_import_progress(const std::filesystem::path& png)
{
    m_progress_screenshot = png;
}

} // namespace attune::app
