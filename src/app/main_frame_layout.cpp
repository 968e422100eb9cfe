// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's panes: the welcome page; the workbench's transcript list, find bar and text,
// code tree and tabs; and their widths: the right-hand side (code tree and the annotation,
// rating and classification tabs) gets a readable share and keeps the width the coder drags it
// to.
#include "app/main_frame.h"

#include "app/annotation_list_panel.h"
#include "app/classification_panel.h"
#include "app/code_tree_panel.h"
#include "app/compare_lanes.h"
#include "app/compare_panel.h"
#include "app/menu_ids.h"
#include "app/ratings_panel.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/hyperlink.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace attune::app
{

namespace
{

// Below this the tabs scroll behind arrows and rating names are cut ("Loving (mo…"), so mother
// and father cannot be told apart.
constexpr int kMinSideWidth = 340;
constexpr int kMinTextWidth = 320;

} // namespace

wxPanel* MainFrame::build_welcome(wxWindow* parent)
{
    auto* p = new wxPanel(parent);
    p->SetName("welcome");
    auto* col = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(p, wxID_ANY, "Attune");
    title->SetFont(wxFontInfo(24).Bold());
    col->Add(title, 0, wxBOTTOM, 4);
    col->Add(new wxStaticText(p, wxID_ANY,
                              "A workbench for coding Adult Attachment Interview transcripts."),
             0, wxBOTTOM, 18);
    auto* demo = new wxButton(p, kOpenDemo, "Open demo project");
    auto* create = new wxButton(p, wxID_NEW, "New project\u2026");
    auto* open = new wxButton(p, wxID_OPEN, "Open project\u2026");
    for (auto* b : {demo, create, open})
    {
        b->SetMinSize(wxSize(260, -1));
        col->Add(b, 0, wxBOTTOM, 6);
        b->Bind(wxEVT_BUTTON,
                [this](wxCommandEvent& e)
                {
                    wxCommandEvent m(wxEVT_MENU, e.GetId());
                    GetEventHandler()->ProcessEvent(m);
                });
    }
    auto* recent_title = new wxStaticText(p, wxID_ANY, "Recent projects");
    recent_title->SetFont(recent_title->GetFont().Bold());
    col->Add(recent_title, 0, wxTOP | wxBOTTOM, 12);
    m_recent_sizer = new wxBoxSizer(wxVERTICAL);
    col->Add(m_recent_sizer, 0, wxEXPAND);
    col->Add(new wxStaticText(p, wxID_ANY,
                              "Tip: drop transcript files (.txt, .docx, .odt) on the window to "
                              "import them into the open project."),
             0, wxTOP, 18);
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->AddStretchSpacer(1);
    outer->Add(col, 0, wxALIGN_CENTER_HORIZONTAL);
    outer->AddStretchSpacer(2);
    p->SetSizer(outer);
    return p;
}

void MainFrame::refresh_welcome()
{
    m_recent_sizer->Clear(true);
    if (m_history.GetCount() == 0)
        m_recent_sizer->Add(new wxStaticText(m_welcome, wxID_ANY, "(none yet)"));
    for (size_t i = 0; i < m_history.GetCount(); ++i)
    {
        const wxString path = m_history.GetHistoryFile(i);
        auto* link = new wxHyperlinkCtrl(m_welcome, wxID_ANY, path, path);
        link->Bind(wxEVT_HYPERLINK, [this, path](wxHyperlinkEvent&)
                   { CallAfter([this, path] { open_project(from_wx(path)); }); });
        m_recent_sizer->Add(link, 0, wxBOTTOM, 2);
    }
    m_welcome->Layout();
}

wxPanel* MainFrame::build_workbench(wxWindow* parent)
{
    auto* p = new wxPanel(parent);
    auto* outer = m_outer = new wxSplitterWindow(p, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                                 wxSP_LIVE_UPDATE | wxSP_3DSASH);
    build_transcript_list(outer);
    auto* right_split = m_centre_split = new wxSplitterWindow(
        outer, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    wxWindow* centre = build_centre(right_split);
    wxWindow* side = build_side(right_split);
    right_split->SetMinimumPaneSize(200);
    right_split->SetSashGravity(1.0);
    right_split->SplitVertically(centre, side, -380);
    bind_side_width();
    outer->SetMinimumPaneSize(120);
    outer->SetSashGravity(0.0);
    outer->SplitVertically(m_transcripts, right_split, 222);

    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(outer, 1, wxEXPAND);
    p->SetSizer(s);
    return p;
}

void MainFrame::build_transcript_list(wxWindow* parent)
{
    // Left: transcripts with this coder's progress.
    m_transcripts = new wxListView(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxLC_REPORT | wxLC_SINGLE_SEL);
    m_transcripts->SetName("transcript_list");
    m_transcripts->AppendColumn("Participant", wxLIST_FORMAT_LEFT, 78);
    // Whether the coder is assigned the transcript; shown only when the coder is assigned any.
    m_transcripts->AppendColumn("For you", wxLIST_FORMAT_LEFT, 0);
    m_transcripts->AppendColumn("Coded", wxLIST_FORMAT_RIGHT, 48);
    m_transcripts->AppendColumn("Rated", wxLIST_FORMAT_RIGHT, 48);
    m_transcripts->AppendColumn("Class.", wxLIST_FORMAT_CENTER, 44);
    m_transcripts->Bind(wxEVT_LIST_ITEM_SELECTED, &MainFrame::on_transcript_selected, this);
}

wxWindow* MainFrame::build_centre(wxWindow* parent)
{
    // Centre: find bar + transcript.
    auto* centre = new wxPanel(parent);
    auto* cs = new wxBoxSizer(wxVERTICAL);
    cs->Add(build_find_bar(centre), 0, wxEXPAND | wxALL, 3);
    m_find_bar->Hide();
    m_view = new TranscriptView(centre);
    m_view->SetName("transcript_view");
    m_view->set_hover_text_provider([this](std::int64_t cp) { return hover_text(cp); });
    m_view->on_click([this](std::int64_t cp) { on_text_click(cp); });
    m_view->on_context_menu([this](std::int64_t cp, const wxPoint& at)
                            { show_passage_menu(cp, at); });
    m_view->Bind(wxEVT_STC_UPDATEUI,
                 [this](wxStyledTextEvent& e)
                 {
                     e.Skip();
                     SetStatusText(wxString::Format("Line %d", m_view->GetCurrentLine() + 1), 2);
                 });
    // The compare view's margin: a column per compared coder, left of the text.
    auto* text_row = new wxBoxSizer(wxHORIZONTAL);
    m_compare_lanes = new CompareLanes(centre, *m_view);
    m_compare_lanes->Hide();
    text_row->Add(m_compare_lanes, 0, wxEXPAND);
    text_row->Add(m_view, 1, wxEXPAND);
    cs->Add(text_row, 1, wxEXPAND);
    centre->SetSizer(cs);
    bind_transcript_actions();
    return centre;
}

wxWindow* MainFrame::build_find_bar(wxWindow* parent)
{
    m_find_bar = new wxPanel(parent);
    auto* fs = new wxBoxSizer(wxHORIZONTAL);
    fs->Add(new wxStaticText(m_find_bar, wxID_ANY, "Find:"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
            4);
    m_find = new wxTextCtrl(m_find_bar, wxID_ANY, "", wxDefaultPosition, wxSize(220, -1),
                            wxTE_PROCESS_ENTER);
    m_find->SetHint("case and accents ignored");
    fs->Add(m_find, 1, wxRIGHT, 4);
    auto* next =
        new wxButton(m_find_bar, wxID_ANY, "Next", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    auto* prev = new wxButton(m_find_bar, wxID_ANY, "Previous", wxDefaultPosition, wxDefaultSize,
                              wxBU_EXACTFIT);
    auto* close = new wxButton(m_find_bar, wxID_ANY, "\u2715", wxDefaultPosition, wxDefaultSize,
                               wxBU_EXACTFIT);
    fs->Add(next, 0, wxRIGHT, 2);
    fs->Add(prev, 0, wxRIGHT, 2);
    fs->Add(close, 0);
    m_find_bar->SetSizer(fs);
    m_find->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { on_find_next(true); });
    next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_find_next(true); });
    prev->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_find_next(false); });
    close->Bind(wxEVT_BUTTON,
                [this](wxCommandEvent&)
                {
                    m_find_bar->Hide();
                    m_find_bar->GetParent()->Layout();
                    m_view->SetFocus();
                });
    return m_find_bar;
}

wxWindow* MainFrame::build_side(wxWindow* parent)
{
    // Right: codes above; annotations, ratings and classification in tabs below.
    auto* side = m_side = new wxSplitterWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                               wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_codes = new CodeTreePanel(side);
    m_codes->on_apply([this](const CodeItem& c) { apply_code(c); });
    m_tabs = new wxNotebook(side, wxID_ANY);
    m_annotations = new AnnotationListPanel(m_tabs);
    m_annotations->on_jump([this](const project::Annotation& a)
                           { m_view->select_cp(a.start, a.end); });
    m_annotations->on_edit_memo([this](const project::Annotation& a) { edit_memo(a.uuid); });
    m_annotations->on_delete([this](const project::Annotation& a) { delete_annotation(a.uuid); });
    m_annotations->may_change(
        [this](const project::Annotation& a)
        { return session() && !session()->read_only() && project::may_change(a, coder().id); });
    m_ratings = new RatingsPanel(m_tabs);
    m_ratings->on_rate([this](const ScaleItem& s, const std::string& t, RatingChoice c,
                              const std::string& note) { rate(s, t, c, note); });
    m_ratings->on_jump([this](std::int64_t b, std::int64_t e) { m_view->select_cp(b, e); });
    m_classification = new ClassificationPanel(m_tabs);
    m_classification->on_classify([this](const ClassificationChoice& c, bool deliberate)
                                  { classify(c, deliberate); });
    m_classification->on_clear(
        [this](const std::string& scheme_id)
        {
            run(project::ClearClassification{m_current, coder().id, scheme_id},
                "Clearing the classification");
        });
    m_tabs->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED,
                 [this](wxBookCtrlEvent& e)
                 {
                     e.Skip();
                     if (m_ratings_stale && m_tabs->GetCurrentPage() == m_ratings)
                         refresh_ratings();
                 });
    m_tabs->AddPage(m_annotations, "Annotations");
    m_tabs->AddPage(m_ratings, "Ratings");
    m_tabs->AddPage(m_classification, "Classification");
    build_compare(m_tabs); // its tab is added while the compare view is on
    m_tabs->AddPage(build_reconcile(m_tabs), "Reconcile"); // main_frame_reconcile.cpp
    side->SetMinimumPaneSize(120);
    side->SetSashGravity(0.55);
    side->SplitHorizontally(m_codes, m_tabs, 300);
    return side;
}

void MainFrame::bind_side_width()
{
    // The side keeps its width whatever the window does (apply_side_width), and learns the
    // width the coder drags it to.
    m_centre_split->Bind(wxEVT_SIZE,
                         [this](wxSizeEvent& e)
                         {
                             e.Skip();
                             CallAfter([this] { apply_side_width(); });
                         });
    // CHANGED also follows resizes; only a drag (CHANGING first) is the coder's choice.
    m_centre_split->Bind(wxEVT_SPLITTER_SASH_POS_CHANGING,
                         [this](wxSplitterEvent& e)
                         {
                             e.Skip();
                             m_side_dragging = true;
                         });
    m_centre_split->Bind(wxEVT_SPLITTER_SASH_POS_CHANGED,
                         [this](wxSplitterEvent& e)
                         {
                             e.Skip();
                             if (m_side_dragging)
                                 m_side_width = m_centre_split->GetSize().x - e.GetSashPosition();
                             m_side_dragging = false;
                         });
}

void MainFrame::apply_side_width()
{
    if (!m_centre_split || !m_centre_split->IsSplit())
        return;
    const int total = m_centre_split->GetSize().x;
    // Until GTK has given the window its real size the splitter is a few pixels wide: a width
    // set then would be clamped and kept (the ~205 px side of a fresh start).
    if (total < kMinSideWidth + kMinTextWidth / 2)
        return;
    // Until the coder drags the divider (or a saved width is read) the share follows the
    // window: 30 %, at least kMinSideWidth.
    const int side =
        m_side_width > 0 ? m_side_width : std::max(kMinSideWidth, GetClientSize().x * 3 / 10);
    const int want = std::clamp(side, 200, std::max(200, total - kMinTextWidth));
    if (m_centre_split->GetSashPosition() != total - want)
        m_centre_split->SetSashPosition(total - want);
}

} // namespace attune::app
