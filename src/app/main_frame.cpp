// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/main_frame.h"

#include "app/annotation_list_panel.h"
#include "app/classification_panel.h"
#include "app/code_tree_panel.h"
#include "app/coder_dialog.h"
#include "app/help_window.h"
#include "app/import_action.h"
#include "app/key_shortcut.h"
#include "app/menu_ids.h"
#include "app/progress_rows.h"
#include "app/ratings_panel.h"
#include "app/screen_capture.h"
#include "app/text_support.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"
#include "core/base/version.h"
#include "core/project/scheme_rules.h"

#include <wx/aboutdlg.h>
#include <wx/artprov.h>
#include <wx/busyinfo.h>
#include <wx/button.h>
#include <wx/config.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/filedlg.h>
#include <wx/hyperlink.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/numdlg.h>
#include <wx/panel.h>
#include <wx/progdlg.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/stdpaths.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/toolbar.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

namespace attune::app
{

namespace
{

constexpr int kPageWelcome = 0;
constexpr int kPageWorkbench = 1;

/// Plain-words prefix for an error's category (STYLE.md: the category decides the wording).
std::string explain(const Error& e)
{
    switch (e.code)
    {
    case ErrorCode::StoreBusy:
        return "Another program is writing to this project; try again in a moment.";
    case ErrorCode::StoreCorrupt: return "The project file is damaged.";
    case ErrorCode::VersionTooNew: return "The project was saved by a newer version of Attune.";
    case ErrorCode::Unsupported: return "This file is not a project Attune can read.";
    case ErrorCode::NotFound:
    case ErrorCode::Io: return "A file or item could not be found or read.";
    case ErrorCode::Encoding: return "The file's characters could not be read.";
    case ErrorCode::InvalidArgument:
    case ErrorCode::Conflict: return "That cannot be done here.";
    case ErrorCode::Internal: return "Attune hit an internal problem; your project is unchanged.";
    default: return "";
    }
}

std::filesystem::path source_dir()
{
    return std::filesystem::path(ATTUNE_APP_SOURCE_DIR);
}

} // namespace

MainFrame::MainFrame(FrameOptions options)
    : wxFrame(nullptr, wxID_ANY, "Attune", wxDefaultPosition, wxSize(1280, 860)),
      m_options(std::move(options))
{
    SetName("attune_main");
    SetMinSize(wxSize(800, 560));
    build_menus();
    build_toolbar();
    CreateStatusBar(3);
    const int widths[3] = {-1, 220, 110};
    GetStatusBar()->SetStatusWidths(3, widths);

    auto* root = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_info = new wxInfoBar(root);
    m_info->AddButton(wxID_HELP, "Details\u2026");
    m_info->Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent&)
        { wxMessageBox(to_wx(m_error_detail), "What happened", wxOK | wxICON_INFORMATION, this); },
        wxID_HELP);
    sizer->Add(m_info, 0, wxEXPAND);
    m_book = new wxSimplebook(root);
    m_welcome = build_welcome(m_book);
    m_book->AddPage(m_welcome, "Welcome");
    m_book->AddPage(build_workbench(m_book), "Workbench");
    sizer->Add(m_book, 1, wxEXPAND);
    root->SetSizer(sizer);

    if (m_options.interactive)
    {
        m_history.Load(*wxConfig::Get());
        // A coder's day starts where the last one ended: window size and panel widths.
        auto* cfg = wxConfig::Get();
        const int w = static_cast<int>(cfg->ReadLong("/window/width", 1280));
        const int h = static_cast<int>(cfg->ReadLong("/window/height", 860));
        SetSize(wxSize(std::max(w, 800), std::max(h, 560)));
        if (cfg->ReadBool("/window/maximized", false))
            Maximize();
    }
    refresh_welcome();
    DragAcceptFiles(true);
    Bind(wxEVT_DROP_FILES, &MainFrame::on_drop_files, this);
    Bind(wxEVT_CHAR_HOOK, &MainFrame::on_char_hook, this);
    Bind(wxEVT_CLOSE_WINDOW,
         [this](wxCloseEvent& e)
         {
             // Closing the window leaves the transcript too: notes are saved, an incomplete
             // classification is asked about.
             if (e.CanVeto() && !may_leave_transcript())
                 e.Veto();
             else
                 e.Skip();
         });
    // Another program (attune-cli, a second window) may write the project while it is open:
    // look once a second and whenever the window is activated, and show what it did.
    m_watch.SetOwner(this);
    Bind(
        wxEVT_TIMER, [this](wxTimerEvent&) { check_other_writers(); }, m_watch.GetId());
    Bind(wxEVT_ACTIVATE,
         [this](wxActivateEvent& e)
         {
             if (e.GetActive())
                 check_other_writers();
             e.Skip();
         });
    m_book->SetSelection(kPageWelcome);
    update_title();
    update_menus();
}

MainFrame::~MainFrame()
{
    m_watch.Stop();
    if (m_session && m_subscription >= 0)
        m_session->unsubscribe(m_subscription);
    if (m_options.interactive)
    {
        m_history.Save(*wxConfig::Get());
        auto* cfg = wxConfig::Get();
        cfg->Write("/window/maximized", IsMaximized());
        if (!IsMaximized())
        {
            cfg->Write("/window/width", GetSize().x);
            cfg->Write("/window/height", GetSize().y);
        }
        if (m_book->GetSelection() == kPageWorkbench)
        {
            cfg->Write("/window/sash_left", m_outer->GetSashPosition());
            if (m_side_width > 0)
                cfg->Write("/window/side_width", m_side_width);
            cfg->Write("/window/sash_side", m_side->GetSashPosition());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Construction

void MainFrame::build_menus()
{
    auto* file = new wxMenu;
    file->Append(wxID_NEW, "&New Project\u2026\tCtrl+N");
    file->Append(wxID_OPEN, "&Open Project\u2026\tCtrl+O");
    file->Append(kOpenDemo, "Open &Demo Project");
    auto* recent = new wxMenu;
    file->AppendSubMenu(recent, "Open &Recent");
    m_history.UseMenu(recent);
    m_history.AddFilesToMenu(recent);
    file->AppendSeparator();
    file->Append(kImport, "&Import Transcripts\u2026\tCtrl+I");
    file->Append(kSaveCopy, "Save a &Copy\u2026");
    file->AppendSeparator();
    file->Append(kCloseProject, "&Close Project\tCtrl+W");
    file->Append(wxID_EXIT, "&Quit\tCtrl+Q");

    auto* edit = new wxMenu;
    edit->Append(wxID_UNDO, "&Undo\tCtrl+Z");
    edit->Append(wxID_REDO, "&Redo\tCtrl+Shift+Z");
    edit->AppendSeparator();
    edit->Append(wxID_FIND, "&Find\u2026\tCtrl+F");
    edit->Append(kFindNext, "Find &Next\tF3");
    edit->Append(kFindPrevious, "Find &Previous\tShift+F3");
    edit->Append(kGotoLine, "&Go to Line\u2026\tCtrl+G");

    auto* view = new wxMenu;
    view->Append(kZoomIn, "Zoom &In\tCtrl+=");
    view->Append(kZoomOut, "Zoom &Out\tCtrl+-");
    view->Append(kZoomReset, "&Normal Size\tCtrl+Alt+0"); // Ctrl+0 is a scheme code's
    view->AppendSeparator();
    view->Append(kNextPane, "Ne&xt Pane\tF6");
    view->Append(kPreviousPane, "Pre&vious Pane\tShift+F6");
    view->AppendSeparator();
    m_section_menu = new wxMenu;
    view->AppendSubMenu(m_section_menu, "Go to &Section");
    view->Append(kNextSection, "Next S&ection\tCtrl+]");
    view->Append(kPreviousSection, "Previous Sec&tion\tCtrl+[");
    view->AppendSeparator();
    view->AppendCheckItem(kShowAllCoders, "Show &All Coders' Work (leave blind mode)");

    auto* code = new wxMenu;
    code->Append(kApplySelectedCode, "&Apply Selected Code to Selection\tCtrl+Enter");
    code->Append(kEditMemo, "Edit &Memo\u2026\tCtrl+M");
    code->Append(kMoveToSelection, "Move Annotation to &Selection\tCtrl+E");
    code->Append(kDeleteAnnotation, "&Delete Annotation\tCtrl+D");
    code->AppendSeparator();
    // Alt+arrows, not Shift+Alt or Ctrl+Alt+arrows: window managers (openbox, GNOME) take those
    // to switch workspaces.
    code->Append(kNudgeEndRight, "Extend End by a &Word\tAlt+Right");
    code->Append(kNudgeEndLeft, "Shrink End by a Wo&rd\tAlt+Left");
    code->Append(kNudgeStartLeft, "Extend Start by a Word\tAlt+,");
    code->Append(kNudgeStartRight, "Shrink Start by a Word\tAlt+.");
    code->AppendSeparator();
    code->AppendCheckItem(kSnapWords, "S&nap Selections to Whole Words");

    auto* tools = new wxMenu;
    tools->Append(kAddScheme, "Add Coding &Scheme\u2026");
    tools->Append(kSwitchCoder, "Switch &Coder\u2026");

    auto* help = new wxMenu;
    help->Append(wxID_HELP, "&User Guide\tF1");
    help->Append(wxID_ABOUT, "&About Attune");

    auto* bar = new wxMenuBar;
    bar->Append(file, "&File");
    bar->Append(edit, "&Edit");
    bar->Append(view, "&View");
    bar->Append(build_transcript_menu(), "T&ranscript");
    bar->Append(code, "&Code");
    bar->Append(tools, "&Tools");
    bar->Append(help, "&Help");
    SetMenuBar(bar);

    Bind(wxEVT_MENU, &MainFrame::on_open, this, wxID_OPEN);
    Bind(wxEVT_MENU, &MainFrame::on_new, this, wxID_NEW);
    Bind(wxEVT_MENU, &MainFrame::on_open_demo, this, kOpenDemo);
    Bind(wxEVT_MENU, &MainFrame::on_recent, this, wxID_FILE1, wxID_FILE9);
    Bind(wxEVT_MENU, &MainFrame::on_close_project, this, kCloseProject);
    Bind(wxEVT_MENU, &MainFrame::on_import, this, kImport);
    Bind(wxEVT_MENU, &MainFrame::on_save_copy, this, kSaveCopy);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, &MainFrame::on_undo, this, wxID_UNDO);
    Bind(wxEVT_MENU, &MainFrame::on_redo, this, wxID_REDO);
    Bind(wxEVT_MENU, &MainFrame::on_find, this, wxID_FIND);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_find_next(true); }, kFindNext);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_find_next(false); }, kFindPrevious);
    Bind(wxEVT_MENU, &MainFrame::on_goto_line, this, kGotoLine);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_zoom(1); }, kZoomIn);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_zoom(-1); }, kZoomOut);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_zoom(0); }, kZoomReset);
    Bind(wxEVT_MENU, &MainFrame::on_toggle_blind, this, kShowAllCoders);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { cycle_pane(+1); }, kNextPane);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { cycle_pane(-1); }, kPreviousPane);
    Bind(wxEVT_MENU, &MainFrame::on_toggle_snap, this, kSnapWords);
    Bind(wxEVT_MENU, &MainFrame::on_switch_coder, this, kSwitchCoder);
    Bind(wxEVT_MENU, &MainFrame::on_delete_annotation, this, kDeleteAnnotation);
    Bind(wxEVT_MENU, &MainFrame::on_edit_memo, this, kEditMemo);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { nudge_focused(true, +1); }, kNudgeEndRight);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { nudge_focused(true, -1); }, kNudgeEndLeft);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { nudge_focused(false, -1); }, kNudgeStartLeft);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { nudge_focused(false, +1); }, kNudgeStartRight);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { go_to_section(+1); }, kNextSection);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { go_to_section(-1); }, kPreviousSection);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent& e) { go_to_section(0, e.GetId() - kFirstSection); },
        kFirstSection, kLastSection);
    Bind(wxEVT_MENU, &MainFrame::on_add_scheme, this, kAddScheme);
    Bind(wxEVT_MENU, &MainFrame::on_about, this, wxID_ABOUT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&)
        {
            // The guide ships with the sources (docs/) and, installed, in share/doc/attune.
            namespace fs = std::filesystem;
            std::error_code ec;
            const fs::path exe_dir =
                fs::path(from_wx(wxStandardPaths::Get().GetExecutablePath())).parent_path();
            for (const auto& guide :
                 {source_dir() / "docs" / "user-guide.md",
                  exe_dir / ".." / "share" / "doc" / "attune" / "user-guide.md"})
                if (fs::is_regular_file(guide, ec))
                {
                    // Shown inside the app: a desktop may have no program for Markdown.
                    HelpWindow::open(this, fs::weakly_canonical(guide, ec));
                    return;
                }
            show_error("The user guide is not installed.",
                       "Looked for docs/user-guide.md in " + source_dir().string());
        },
        wxID_HELP);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&)
        {
            const std::string uuid = focused_annotation();
            const auto sel = m_view->selection_cp();
            if (uuid.empty() || !sel)
            {
                show_message("Select an annotation in the list and the new extent in the text.");
                return;
            }
            run(project::ChangeSpan{uuid, sel->first, sel->second}, "Moving the annotation");
        },
        kMoveToSelection);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&)
        {
            if (const CodeItem* c = m_codes->selected_code())
                apply_code(*c);
            else
                show_message("Select a code in the code tree first.");
        },
        kApplySelectedCode);
}

void MainFrame::build_toolbar()
{
    auto* tb = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_HORZ_LAYOUT);
    const wxSize sz(16, 16);
    tb->AddTool(wxID_OPEN, "Open", wxArtProvider::GetBitmap(wxART_FILE_OPEN, wxART_TOOLBAR, sz),
                "Open a project (Ctrl+O)");
    tb->AddTool(kImport, "Import", wxArtProvider::GetBitmap(wxART_NEW, wxART_TOOLBAR, sz),
                "Import transcript files (or drop them on the window)");
    tb->AddSeparator();
    tb->AddTool(wxID_UNDO, "Undo", wxArtProvider::GetBitmap(wxART_UNDO, wxART_TOOLBAR, sz),
                "Undo (Ctrl+Z)");
    tb->AddTool(wxID_REDO, "Redo", wxArtProvider::GetBitmap(wxART_REDO, wxART_TOOLBAR, sz),
                "Redo (Ctrl+Shift+Z)");
    tb->AddSeparator();
    tb->AddTool(wxID_FIND, "Find", wxArtProvider::GetBitmap(wxART_FIND, wxART_TOOLBAR, sz),
                "Find in the transcript (Ctrl+F)");
    tb->AddTool(kGotoLine, "Go to line", wxArtProvider::GetBitmap(wxART_GO_DOWN, wxART_TOOLBAR, sz),
                "Go to a line (Ctrl+G)");
    tb->AddTool(kEditMemo, "Memo", wxArtProvider::GetBitmap(wxART_EDIT, wxART_TOOLBAR, sz),
                "Edit the selected annotation's memo (Ctrl+M)");
    tb->AddTool(kDeleteAnnotation, "Delete",
                wxArtProvider::GetBitmap(wxART_DELETE, wxART_TOOLBAR, sz),
                "Delete the selected annotation (Ctrl+D)");
    tb->Realize();
}

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
    // Left: transcripts with this coder's progress.
    m_transcripts = new wxListView(outer, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxLC_REPORT | wxLC_SINGLE_SEL);
    m_transcripts->SetName("transcript_list");
    m_transcripts->AppendColumn("Participant", wxLIST_FORMAT_LEFT, 78);
    m_transcripts->AppendColumn("Coded", wxLIST_FORMAT_RIGHT, 48);
    m_transcripts->AppendColumn("Rated", wxLIST_FORMAT_RIGHT, 48);
    m_transcripts->AppendColumn("Class.", wxLIST_FORMAT_CENTER, 44);
    m_transcripts->Bind(wxEVT_LIST_ITEM_SELECTED, &MainFrame::on_transcript_selected, this);

    auto* right_split = m_centre_split = new wxSplitterWindow(
        outer, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    // Centre: find bar + transcript.
    auto* centre = new wxPanel(right_split);
    auto* cs = new wxBoxSizer(wxVERTICAL);
    m_find_bar = new wxPanel(centre);
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
    cs->Add(m_find_bar, 0, wxEXPAND | wxALL, 3);
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
    cs->Add(m_view, 1, wxEXPAND);
    centre->SetSizer(cs);
    bind_transcript_actions();

    // Right: codes above; annotations, ratings and classification in tabs below.
    auto* side = m_side = new wxSplitterWindow(right_split, wxID_ANY, wxDefaultPosition,
                                               wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_codes = new CodeTreePanel(side);
    m_codes->on_apply([this](const CodeItem& c) { apply_code(c); });
    m_tabs = new wxNotebook(side, wxID_ANY);
    m_annotations = new AnnotationListPanel(m_tabs);
    m_annotations->on_jump([this](const project::Annotation& a)
                           { m_view->select_cp(a.start, a.end); });
    m_annotations->on_edit_memo([this](const project::Annotation& a) { edit_memo(a.uuid); });
    m_annotations->on_delete([this](const project::Annotation& a) { delete_annotation(a.uuid); });
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
            run(project::ClearClassification{m_current, m_coder.id, scheme_id},
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
    side->SetMinimumPaneSize(120);
    side->SetSashGravity(0.55);
    side->SplitHorizontally(m_codes, m_tabs, 300);

    right_split->SetMinimumPaneSize(200);
    right_split->SetSashGravity(1.0);
    right_split->SplitVertically(centre, side, -380);
    // The side keeps its width whatever the window does (apply_side_width), and learns the
    // width the coder drags it to.
    right_split->Bind(wxEVT_SIZE,
                      [this](wxSizeEvent& e)
                      {
                          e.Skip();
                          CallAfter([this] { apply_side_width(); });
                      });
    // CHANGED also follows resizes; only a drag (CHANGING first) is the coder's choice.
    right_split->Bind(wxEVT_SPLITTER_SASH_POS_CHANGING,
                      [this](wxSplitterEvent& e)
                      {
                          e.Skip();
                          m_side_dragging = true;
                      });
    right_split->Bind(wxEVT_SPLITTER_SASH_POS_CHANGED,
                      [this](wxSplitterEvent& e)
                      {
                          e.Skip();
                          if (m_side_dragging)
                              m_side_width = m_centre_split->GetSize().x - e.GetSashPosition();
                          m_side_dragging = false;
                      });
    outer->SetMinimumPaneSize(120);
    outer->SetSashGravity(0.0);
    outer->SplitVertically(m_transcripts, right_split, 222);

    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(outer, 1, wxEXPAND);
    p->SetSizer(s);
    return p;
}

// ---------------------------------------------------------------------------------------------
// Project, coder, transcripts

bool MainFrame::open_project(const std::filesystem::path& path)
{
    if (!may_leave_transcript())
        return false;
    // A user action's boundary: a store failure while reading the new project must leave the
    // window usable (it may run from OnInit, outside the event loop's handler).
    try
    {
        return open_project_unguarded(path);
    }
    catch (const std::exception& e)
    {
        close_project();
        show_error("The project \"" + path.filename().string() + "\" could not be read.", e.what());
        return false;
    }
}

bool MainFrame::open_project_unguarded(const std::filesystem::path& path)
{
    auto session = project::Session::open(path);
    if (!session)
    {
        if (session.error().code == ErrorCode::StoreCorrupt)
            return offer_backup(path, session.error());
        show_error("The project \"" + path.filename().string() + "\" could not be opened.",
                   session.error());
        return false;
    }
    close_project();
    m_session = std::move(session).value();
    // The file was verified on opening: keep that state as the automatic backup, so a file
    // damaged later (a disk, a copy taken mid-write) has a good copy to come back to.
    if (auto b = m_session->save_copy(project::automatic_backup_path(path), true); !b)
        std::fprintf(stderr, "attune: the automatic backup was not written: %s\n",
                     b.error().to_string().c_str());
    m_subscription =
        m_session->subscribe([this](const project::Changed& c) { on_session_changed(c); });
    if (!choose_coder())
    {
        close_project();
        return false;
    }
    if (m_options.interactive)
    {
        m_history.AddFileToHistory(to_wx(std::filesystem::absolute(path).string()));
        m_history.Save(*wxConfig::Get());
    }
    m_info->Dismiss();
    load_schemes();
    refresh_transcript_list();
    m_book->SetSelection(kPageWorkbench);
    m_watch.Start(1000);
    // The splitters got their sizes only now: give the tabs below the code tree a fair share,
    // or restore what the coder arranged last time.
    m_side->SetSashPosition(m_side->GetSize().y * 11 / 20);
    if (m_options.interactive)
    {
        auto* cfg = wxConfig::Get();
        if (cfg->HasEntry("/window/sash_left"))
        {
            m_outer->SetSashPosition(static_cast<int>(cfg->ReadLong("/window/sash_left", 222)));
            m_side_width = static_cast<int>(cfg->ReadLong("/window/side_width", 0));
            m_side->SetSashPosition(static_cast<int>(
                cfg->ReadLong("/window/sash_side", m_side->GetSize().y * 11 / 20)));
        }
    }
    apply_side_width();
    SetStatusText(to_wx("Opened " + path.string()), 0);
    if (!m_transcript_rows.empty())
        show_transcript(m_transcript_rows.front().id);
    update_title();
    update_menus();
    if (auto backup = m_session->migration_backup())
        show_message("The project was upgraded to the current format; the old file was kept as " +
                     backup->string() + ".");
    return true;
}

bool MainFrame::offer_backup(const std::filesystem::path& path, const Error& damage)
{
    const std::string name = path.filename().string();
    const auto backups = project::good_backups(path);
    if (backups.empty())
    {
        show_error("The project \"" + name +
                       "\" could not be opened: the file is damaged (nothing was written to it), "
                       "and no good backup copy was found next to it.",
                   damage);
        return false;
    }
    const auto& newest = backups.front();
    const auto when = std::chrono::file_clock::to_sys(newest.written);
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H.%M", std::localtime(&t));
    auto restored =
        path.parent_path() / (path.stem().string() + " (restored " + stamp + ").attune");
    const std::string question =
        "The project \"" + name +
        "\" is damaged and was not opened; nothing was written to "
        "it.\n\n" +
        damage.message + "\n\nThe newest good copy is " + newest.path.filename().string() +
        ", written " + stamp + ". Work done after that is not in it.\n\nOpen a copy of it as \"" +
        restored.filename().string() + "\"? (The damaged file stays as it is.)";
    if (!m_options.interactive)
    {
        show_error("The project \"" + name +
                       "\" could not be opened: the file is damaged "
                       "(nothing was written to it). The newest good copy is " +
                       newest.path.string() + ".",
                   damage);
        return false;
    }
    wxMessageDialog ask(this, to_wx(question), "Damaged project", wxYES_NO | wxICON_WARNING);
    ask.SetYesNoLabels("Open the Restored Copy", "Cancel");
    if (ask.ShowModal() != wxID_YES)
        return false;
    std::error_code ec;
    for (int n = 2; std::filesystem::exists(restored, ec); ++n)
        restored = path.parent_path() / (path.stem().string() + " (restored " + stamp + ", " +
                                         std::to_string(n) + ").attune");
    std::filesystem::copy_file(newest.path, restored, ec);
    if (ec)
    {
        show_error("The restored copy could not be written.", ec.message());
        return false;
    }
    return open_project_unguarded(restored);
}

void MainFrame::close_project()
{
    m_watch.Stop();
    if (m_session && m_subscription >= 0)
        m_session->unsubscribe(m_subscription);
    m_subscription = -1;
    m_session.reset();
    m_current = 0;
    m_text.clear();
    m_visible.clear();
    m_sections.clear();
    rebuild_section_menu();
    m_schemes.clear();
    m_transcript_rows.clear();
    m_coder = {};
    if (m_view)
        m_view->clear_text();
    if (m_transcripts)
        m_transcripts->DeleteAllItems();
    m_annotations->rows().reset({}, "", {}, &m_schemes);
    m_annotations->refresh();
    m_codes->set_schemes(m_schemes);
    m_ratings->set_schemes(m_schemes);
    m_classification->set_schemes(m_schemes);
    refresh_welcome();
    m_book->SetSelection(kPageWelcome);
    update_title();
    update_menus();
}

bool MainFrame::choose_coder()
{
    std::string name;
    if (m_options.coder)
        name = *m_options.coder;
    else
    {
        std::vector<std::string> names;
        for (const auto& c : m_session->coders())
            names.push_back(c.name);
        if (!m_options.interactive)
        {
            if (names.empty())
                return false;
            name = names.front();
        }
        else
        {
            const wxString last = wxConfig::Get()->Read("/coder/last", "");
            CoderDialog dlg(this, names, from_wx(last));
            if (dlg.ShowModal() != wxID_OK)
                return false;
            name = dlg.name();
        }
    }
    if (name.empty())
    {
        show_error("No coder was chosen.", "Open the project again and choose or type a name.");
        return false;
    }
    auto coder = m_session->coder(name);
    if (!coder)
    {
        if (!run(project::AddCoder{name}, "Adding coder " + name))
            return false;
        coder = m_session->coder(name);
        if (!coder)
            return false;
    }
    m_coder = coder.value();
    // Each coder undoes only their own steps (and finds them again on switching back).
    m_session->set_history_owner(m_coder.name);
    if (m_options.interactive)
        wxConfig::Get()->Write("/coder/last", to_wx(name));
    return true;
}

void MainFrame::check_other_writers()
{
    if (!m_session || m_checking_others)
        return;
    m_checking_others = true;
    try
    {
        if (auto r = m_session->refresh_if_changed_elsewhere(); !r)
            show_error("The project could not be re-read after another program changed it.",
                       r.error());
    }
    catch (const std::exception& e)
    {
        show_error("The project could not be re-read after another program changed it.", e.what());
    }
    m_checking_others = false;
}

void MainFrame::load_schemes()
{
    m_schemes.clear();
    std::vector<std::string> seen;
    for (const auto& info : m_session->schemes())
    {
        if (std::find(seen.begin(), seen.end(), info.scheme_id) != seen.end())
            continue;
        seen.push_back(info.scheme_id);
        auto s = m_session->scheme(info.scheme_id);
        if (!s)
        {
            show_error("The scheme \"" + info.scheme_id + "\" could not be read.", s.error());
            continue;
        }
        m_schemes.push_back(make_scheme_view(*s.value()));
    }
    m_codes->set_schemes(m_schemes);
    m_ratings->set_schemes(m_schemes);
    m_classification->set_schemes(m_schemes);
}

void MainFrame::refresh_transcript_list()
{
    if (!m_session)
        return;
    m_transcript_rows.clear();
    for (auto& t : m_session->transcripts())
        m_transcript_rows.push_back(t.transcript);
    const auto rows =
        make_progress_rows(m_transcript_rows, m_session->annotations(std::nullopt, m_coder.id),
                           m_session->ratings(std::nullopt, m_coder.id),
                           m_session->classifications(std::nullopt, m_coder.id), m_schemes);
    // The list shows only the newest versions; keep m_transcript_rows parallel to it.
    m_transcript_rows.erase(std::remove_if(m_transcript_rows.begin(), m_transcript_rows.end(),
                                           [&](const project::Transcript& t)
                                           {
                                               return std::none_of(
                                                   rows.begin(), rows.end(),
                                                   [&](const ProgressRow& r)
                                                   { return r.transcript_id == t.id; });
                                           }),
                            m_transcript_rows.end());
    m_transcripts->Freeze();
    m_transcripts->DeleteAllItems();
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        const auto& r = rows[i];
        const long item = m_transcripts->InsertItem(
            static_cast<long>(i), to_wx(r.participant.empty() ? r.title : r.participant));
        m_transcripts->SetItem(item, 1,
                               wxString::Format("%lld", static_cast<long long>(r.passages)));
        m_transcripts->SetItem(item, 2, to_wx(format_rated(r)));
        m_transcripts->SetItem(item, 3, r.classified ? "\u2713" : "");
        m_transcripts->SetItemData(item, static_cast<long>(r.transcript_id));
        if (r.transcript_id == m_current)
            m_transcripts->Select(item);
    }
    m_transcripts->Thaw();
}

void MainFrame::refresh_progress_row()
{
    if (!m_session || !m_current)
        return;
    std::vector<project::Annotation> own;
    for (const auto& a : m_visible)
        if (a.coder_id == m_coder.id)
            own.push_back(a);
    std::vector<project::Transcript> current;
    for (const auto& t : m_transcript_rows)
        if (t.id == m_current)
            current.push_back(t);
    const auto rows =
        make_progress_rows(current, own, m_session->ratings(m_current, m_coder.id),
                           m_session->classifications(m_current, m_coder.id), m_schemes);
    if (rows.empty())
        return;
    const auto& r = rows.front();
    for (long i = 0; i < m_transcripts->GetItemCount(); ++i)
        if (static_cast<std::int64_t>(m_transcripts->GetItemData(i)) == m_current)
        {
            m_transcripts->SetItem(i, 1,
                                   wxString::Format("%lld", static_cast<long long>(r.passages)));
            m_transcripts->SetItem(i, 2, to_wx(format_rated(r)));
            m_transcripts->SetItem(i, 3, r.classified ? "\u2713" : "");
        }
}

bool MainFrame::show_transcript_named(const std::string& name)
{
    if (!m_session)
        return false;
    auto id = m_session->resolve_transcript(name);
    if (!id)
    {
        show_error("There is no transcript \"" + name + "\".", id.error());
        return false;
    }
    if (id.value() != m_current && !may_leave_transcript())
        return false;
    show_transcript(id.value());
    return true;
}

void MainFrame::show_transcript(std::int64_t id)
{
    auto text = m_session->text(id);
    if (!text)
    {
        show_error("The transcript could not be read.", text.error());
        return;
    }
    m_current = id;
    m_text = std::move(text).value();
    m_view->show_text(m_text, speaker_turns(m_text));
    m_sections = question_sections(m_text);
    rebuild_section_menu();
    refresh_codings();
    refresh_ratings();
    refresh_classification();
    for (long i = 0; i < m_transcripts->GetItemCount(); ++i)
        if (static_cast<std::int64_t>(m_transcripts->GetItemData(i)) == id &&
            !m_transcripts->IsSelected(i))
            m_transcripts->Select(i);
    update_title();
}

void MainFrame::reload_current()
{
    if (m_current)
        show_transcript(m_current);
}

void MainFrame::on_transcript_selected(wxListEvent& e)
{
    const auto id = static_cast<std::int64_t>(e.GetData());
    if (id == m_current)
        return;
    if (!may_leave_transcript())
    {
        // Back to the transcript the coder stays on (after this selection event is done).
        CallAfter([this] { show_transcript(m_current); });
        return;
    }
    show_transcript(id);
}

void MainFrame::refresh_codings()
{
    if (!m_session || !m_current)
        return;
    m_visible =
        m_blind ? m_session->annotations(m_current, m_coder.id) : m_session->annotations(m_current);
    show_codings();
}

void MainFrame::show_codings()
{
    // Other coders' passages (shown only outside blind mode) get an outline style per coder,
    // in the order of their names, so nobody's work can be taken for the coder's own.
    std::map<std::int64_t, int> other_slot;
    if (!m_blind)
    {
        std::vector<project::Coder> others;
        for (const auto& c : m_session->coders())
            if (c.id != m_coder.id)
                others.push_back(c);
        std::sort(others.begin(), others.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        for (std::size_t i = 0; i < others.size(); ++i)
            other_slot[others[i].id] = static_cast<int>(i);
    }
    std::vector<ViewHighlight> hl;
    hl.reserve(m_visible.size());
    for (const auto& a : m_visible)
    {
        const CodeItem* c = find_code(m_schemes, a.scheme_id, a.code);
        const auto slot = other_slot.find(a.coder_id);
        hl.push_back(
            {a.start, a.end, c ? c->rgb : 0x808080u, slot == other_slot.end() ? -1 : slot->second});
    }
    m_view->set_highlights(hl);
    std::vector<std::pair<std::int64_t, std::string>> names;
    if (!m_blind)
        for (const auto& c : m_session->coders())
            names.emplace_back(c.id, c.name);
    else
        names.emplace_back(m_coder.id, m_coder.name);
    const std::string keep = m_annotations->selected_uuid();
    const TextPositionMap& map = m_view->positions();
    m_annotations->rows().reset(m_visible, m_text, line_starts(m_text), &m_schemes,
                                std::move(names),
                                [&map](std::int64_t cp) { return map.cp_to_byte(cp); });
    m_annotations->show_coder_column(!m_blind);
    m_annotations->refresh();
    if (!keep.empty())
        m_annotations->select_uuid(keep);
    // Evidence passages follow the codings, but only a visible panel needs them now.
    if (m_tabs->GetCurrentPage() == m_ratings)
        refresh_ratings();
    else
        m_ratings_stale = true;
    refresh_progress_row();
}

void MainFrame::refresh_ratings()
{
    if (!m_session || !m_current)
        return;
    m_ratings_stale = false;
    std::map<std::string, std::vector<EvidencePassage>> evidence;
    const auto starts = line_starts(m_text);
    std::vector<project::Annotation> own;
    for (const auto& a : m_visible)
        if (a.coder_id == m_coder.id)
            own.push_back(a);
    for (const auto& v : m_schemes)
    {
        auto scheme = m_session->scheme(v.id);
        if (!scheme)
            continue;
        for (const auto& s : v.scales)
            for (const auto& t : s.targets.empty() ? std::vector<std::string>{""} : s.targets)
            {
                // Core decides what counts (the scale's codes about this target).
                auto& list = evidence[evidence_key(v.id, s.id, t)];
                for (const auto& a : project::rules::evidence(**scheme, s.id, t, own))
                {
                    const auto line = static_cast<std::int64_t>(
                        std::upper_bound(starts.begin(), starts.end(), a.start) - starts.begin());
                    list.push_back(
                        {a.start, a.end, line, code_display_name(&m_schemes, v.id, a.code)});
                }
            }
    }
    m_ratings->set_state(m_session->ratings(m_current, m_coder.id), evidence);
}

void MainFrame::refresh_classification()
{
    if (!m_session || !m_current)
        return;
    std::optional<project::Classification> mine;
    for (const auto& c : m_session->classifications(m_current, m_coder.id))
        mine = m_session->as_stated(c); // a CC alternative Ds1 shows (and saves) as Ds1
    m_classification->set_state(mine);
}

void MainFrame::on_session_changed(const project::Changed& changed)
{
    using project::Change;
    if (any(changed.kinds & Change::Scheme))
        load_schemes();
    if (any(changed.kinds & (Change::Scheme | Change::Transcripts)))
        refresh_transcript_list();
    // A code applied from this window adds its one row itself (apply_code), so the common case
    // does not re-read every annotation of the transcript.
    const bool own_addition = m_adding_annotation && changed.kinds == Change::Codings;
    if (!own_addition && any(changed.kinds & (Change::Codings | Change::Memos | Change::Scheme)))
        refresh_codings();
    if (any(changed.kinds & Change::Ratings))
        refresh_ratings();
    if (any(changed.kinds & Change::Classifications))
        refresh_classification();
    if (any(changed.kinds & (Change::Ratings | Change::Classifications)))
        refresh_progress_row();
    if (changed.label == project::kChangedElsewhere)
        SetStatusText("The project was changed by another program; the views show it now.", 0);
    else if (!changed.label.empty())
        SetStatusText(to_wx(changed.label + " \u2014 saved"), 0);
    update_menus();
}

void MainFrame::update_title()
{
    if (!m_session)
    {
        SetTitle("Attune");
        SetStatusText("No project open", 0);
        SetStatusText("", 1);
        return;
    }
    const std::string name = m_session->path().filename().string();
    SetTitle(to_wx(name + " \u2014 " + m_coder.name + " \u2014 Attune"));
    SetStatusText(to_wx("Coder: " + m_coder.name + (m_blind ? " (blind)" : " (all coders)")), 1);
}

void MainFrame::update_menus()
{
    auto* bar = GetMenuBar();
    const bool open = m_session != nullptr;
    const bool can_undo = open && m_session->can_undo();
    const bool can_redo = open && m_session->can_redo();
    bar->Enable(wxID_UNDO, can_undo);
    bar->Enable(wxID_REDO, can_redo);
    bar->SetLabel(wxID_UNDO, to_wx((can_undo ? m_session->undo_label() : "Undo") + "\tCtrl+Z"));
    bar->SetLabel(wxID_REDO,
                  to_wx((can_redo ? m_session->redo_label() : "Redo") + "\tCtrl+Shift+Z"));
    for (int id : std::initializer_list<int>{kImport, kSaveCopy, kCloseProject, kAddScheme,
                                             kSwitchCoder, kShowAllCoders, wxID_FIND, kGotoLine,
                                             kEditMemo, kDeleteAnnotation, kMoveToSelection,
                                             kApplySelectedCode, kFindNext, kFindPrevious})
        bar->Enable(id, open);
    for (int id : {kNudgeEndRight, kNudgeEndLeft, kNudgeStartLeft, kNudgeStartRight})
        bar->Enable(id, open);
    bar->Enable(kNextSection, open && !m_sections.empty());
    bar->Enable(kPreviousSection, open && !m_sections.empty());
    if (auto* tb = GetToolBar())
    {
        tb->EnableTool(wxID_UNDO, can_undo);
        tb->EnableTool(wxID_REDO, can_redo);
        for (int id : std::initializer_list<int>{kImport, wxID_FIND, kGotoLine, kEditMemo,
                                                 kDeleteAnnotation})
            tb->EnableTool(id, open);
    }
}

// ---------------------------------------------------------------------------------------------
// Commands and errors

std::optional<project::Outcome> MainFrame::run(const project::Command& command,
                                               const std::string& what)
{
    if (!m_session)
        return std::nullopt;
    // The one catch per user action (STYLE.md): store I/O failures throw; the session stays
    // usable after a rolled-back transaction.
    try
    {
        // Whatever another program wrote meanwhile is shown before this action is judged.
        (void)m_session->refresh_if_changed_elsewhere();
        auto r = m_session->apply(command);
        if (!r)
        {
            show_error(what + " did not work.", r.error());
            return std::nullopt;
        }
        // The action worked: an earlier failure's bar no longer describes the project.
        if (m_info->IsShown())
            m_info->Dismiss();
        return std::move(r).value();
    }
    catch (const std::exception& e)
    {
        show_error(what + " did not work.", e.what());
        return std::nullopt;
    }
}

void MainFrame::show_error(const std::string& what, const Error& error)
{
    if (error.code == ErrorCode::Cancelled)
        return;
    // A refused action (BadUserAction) is explained by core's own message: it says what is
    // wrong in the coder's terms. Other categories get the category's plain words.
    std::string why = explain(error);
    if ((error.code == ErrorCode::InvalidArgument || error.code == ErrorCode::Conflict) &&
        !error.message.empty())
    {
        why = error.message;
        why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
        if (why.back() != '.')
            why += '.';
    }
    show_error(what + (why.empty() ? "" : " " + why),
               error.to_string() + "\n(" + to_string(error.code) + ")");
}

void MainFrame::show_error(const std::string& what, const std::string& detail)
{
    m_last_error = what;
    m_error_detail = detail;
    m_info->ShowMessage(to_wx(what), wxICON_WARNING);
    SetStatusText(to_wx(what), 0);
    if (!m_options.interactive)
        std::fprintf(stderr, "attune: %s\n  %s\n", what.c_str(), detail.c_str());
}

void MainFrame::show_message(const std::string& text)
{
    m_info->ShowMessage(to_wx(text), wxICON_INFORMATION);
    SetStatusText(to_wx(text), 0);
}

bool MainFrame::apply_code(const CodeItem& code)
{
    if (!m_session || !m_current || code.is_group)
        return false;
    const auto sel = m_view->selection_cp();
    if (!sel)
    {
        show_message("Select a passage in the transcript first, then choose \"" + code.name +
                     "\".");
        return false;
    }
    project::Annotate cmd;
    cmd.transcript = m_current;
    cmd.coder = m_coder.id;
    cmd.scheme_id = code.scheme_id;
    cmd.code = code.id;
    cmd.start = sel->first;
    cmd.end = sel->second;
    m_adding_annotation = true;
    auto outcome = run(cmd, "Coding the passage as \"" + code.name + "\"");
    m_adding_annotation = false;
    if (!outcome)
        return false;
    auto added = m_session->annotation(outcome->uuid);
    if (added)
    {
        const auto at =
            std::upper_bound(m_visible.begin(), m_visible.end(), added.value(),
                             [](const project::Annotation& x, const project::Annotation& y)
                             { return x.start < y.start; });
        m_visible.insert(at, added.value());
        show_codings();
    }
    else
        refresh_codings();
    m_annotations->select_uuid(outcome->uuid);
    // Collapse the selection so the new highlight shows at once in its own colour.
    m_view->SetEmptySelection(m_view->GetSelectionEnd());
    return true;
}

void MainFrame::rate(const ScaleItem& scale, const std::string& target, const RatingChoice& choice,
                     const std::string& note)
{
    if (!m_session || !m_current)
        return;
    const std::string what = "Rating \"" + scale.name + "\"";
    if (choice.kind == RatingChoice::Kind::Clear)
    {
        bool exists = false;
        for (const auto& r : m_session->ratings(m_current, m_coder.id))
            exists |= r.scheme_id == scale.scheme_id && r.scale == scale.id && r.target == target;
        if (exists)
            run(project::ClearRating{m_current, m_coder.id, scale.scheme_id, scale.id, target},
                what);
        return;
    }
    project::Rate cmd;
    cmd.transcript = m_current;
    cmd.coder = m_coder.id;
    cmd.scheme_id = scale.scheme_id;
    cmd.scale = scale.id;
    cmd.target = target;
    if (choice.kind == RatingChoice::Kind::Value)
        cmd.value = choice.value;
    cmd.note = note;
    if (!run(cmd, what))
        refresh_ratings(); // put the chooser back to what is stored
}

void MainFrame::classify(const ClassificationChoice& choice, bool deliberate)
{
    if (!m_session || !m_current)
        return;
    // A choice is saved the moment it is complete, like a rating. An incomplete one (CC before
    // its forced alternative) stays on screen with what it lacks; pressing Save says why not.
    if (!deliberate)
        if (auto s = m_session->scheme(choice.scheme_id))
            if (auto gap = project::rules::missing_part(**s, choice.category, choice.subcategory,
                                                        choice.unresolved, choice.alternative))
            {
                m_classification->show_unsaved("choose " + *gap);
                return;
            }
    project::Classify cmd;
    cmd.transcript = m_current;
    cmd.coder = m_coder.id;
    cmd.scheme_id = choice.scheme_id;
    cmd.category = choice.category;
    cmd.subcategory = choice.subcategory;
    cmd.unresolved = choice.unresolved;
    cmd.alternative = choice.alternative;
    cmd.note = choice.note;
    if (!run(cmd, "Classifying the transcript"))
        m_classification->show_unsaved("it was refused (the message above says why)");
}

bool MainFrame::may_leave_transcript()
{
    if (!m_session || !m_current)
        return true;
    // Notes typed but not yet saved are saved like every other action.
    m_ratings->commit_notes();
    m_classification->commit_note();
    if (!m_classification->has_unsaved())
        return true;
    const std::string what = "The classification " + m_classification->unsaved_summary() +
                             " is not saved yet: " + m_classification->unsaved_reason() + ".";
    if (!m_options.interactive)
    {
        // No one to ask (a script): stay, and say why, as the question would.
        show_error(what, "Complete the classification (or clear it) before moving on.");
        return false;
    }
    wxMessageDialog ask(this, to_wx(what + "\n\nLeave it unsaved?"), "Unsaved classification",
                        wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    ask.SetYesNoLabels("&Leave without saving", "&Stay and complete it");
    return ask.ShowModal() == wxID_YES;
}

std::string MainFrame::focused_annotation() const
{
    std::string uuid = m_annotations->selected_uuid();
    if (!uuid.empty())
        return uuid;
    // Otherwise the innermost own annotation under the caret.
    const std::int64_t cp = m_view->positions().byte_to_cp(m_view->GetCurrentPos());
    std::int64_t best = -1;
    for (const auto& a : m_visible)
        if (a.coder_id == m_coder.id && a.start <= cp && cp < a.end &&
            (best < 0 || a.end - a.start < best))
        {
            best = a.end - a.start;
            uuid = a.uuid;
        }
    return uuid;
}

void MainFrame::edit_memo(const std::string& uuid, std::optional<std::string> text)
{
    if (!m_session || uuid.empty())
        return;
    auto a = m_session->annotation(uuid);
    if (!a)
    {
        show_error("The annotation is gone.", a.error());
        return;
    }
    if (a->coder_id != m_coder.id)
    {
        show_message("That annotation belongs to another coder; only its author can change it.");
        return;
    }
    if (!text)
    {
        wxTextEntryDialog dlg(
            this,
            to_wx("Memo for \"" + code_display_name(&m_schemes, a->scheme_id, a->code) + "\":"),
            "Annotation memo", to_wx(a->memo), wxOK | wxCANCEL | wxTE_MULTILINE);
        dlg.SetSize(wxSize(480, 260));
        if (dlg.ShowModal() != wxID_OK)
            return;
        text = from_wx(dlg.GetValue());
    }
    run(project::SetMemo{uuid, *text}, "Saving the memo");
}

void MainFrame::delete_annotation(const std::string& uuid)
{
    if (!m_session || uuid.empty())
        return;
    auto a = m_session->annotation(uuid);
    if (a && a->coder_id != m_coder.id)
    {
        show_message("That annotation belongs to another coder; only its author can delete it.");
        return;
    }
    run(project::DeleteAnnotation{uuid}, "Deleting the annotation");
}

std::string MainFrame::hover_text(std::int64_t cp) const
{
    std::string out;
    for (const auto& a : m_visible)
        if (a.start <= cp && cp < a.end)
        {
            if (!out.empty())
                out += "\n";
            out += code_display_name(&m_schemes, a.scheme_id, a.code);
            if (!m_blind || a.coder_id != m_coder.id)
                out +=
                    "  (" +
                    m_annotations->rows().cell(
                        static_cast<std::size_t>(std::max(0, m_annotations->rows().row_of(a.uuid))),
                        AnnotationColumn::Coder) +
                    ")";
            if (!a.memo.empty())
                out += "\n    " + a.memo;
        }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Menu handlers

void MainFrame::on_open(wxCommandEvent&)
{
    wxFileDialog dlg(this, "Open project", "", "",
                     "Attune projects (*.attune)|*.attune|All files|*",
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() == wxID_OK)
        open_project(std::filesystem::path(from_wx(dlg.GetPath())));
}

void MainFrame::on_new(wxCommandEvent&)
{
    wxFileDialog dlg(this, "New project", "", "study.attune", "Attune projects (*.attune)|*.attune",
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK)
        return;
    std::filesystem::path path(from_wx(dlg.GetPath()));
    if (path.extension() != ".attune")
        path += ".attune";
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
    {
        show_error("A file named \"" + path.filename().string() + "\" already exists.",
                   "Choose another name; Attune does not overwrite projects.");
        return;
    }
    auto created = project::Session::create(path);
    if (!created)
    {
        show_error("The project could not be created.", created.error());
        return;
    }
    created.value().reset();
    if (open_project(path))
        show_message("New project created. Add a coding scheme (Tools \u2192 Add Coding Scheme) "
                     "and import transcripts (File \u2192 Import, or drop files here).");
}

std::filesystem::path MainFrame::find_or_build_demo()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe_dir =
        fs::path(from_wx(wxStandardPaths::Get().GetExecutablePath())).parent_path();
    const fs::path user_dir(from_wx(wxStandardPaths::Get().GetUserDataDir()));
    // `scripts/setup run` builds the demo into the build tree (build/<preset>/demo.attune, two
    // levels above this executable); an installed copy sits in share/attune; otherwise the app
    // builds its own copy once, in the user's data directory.
    const fs::path candidates[] = {exe_dir / ".." / ".." / "demo.attune",
                                   exe_dir / ".." / "share" / "attune" / "demo.attune",
                                   user_dir / "demo.attune"};
    // ATTUNE_DEMO names the demo's place outright (tests, shared installations): used when
    // present, built there when not.
    wxString forced;
    const bool has_forced = wxGetEnv("ATTUNE_DEMO", &forced) && !forced.empty();
    if (has_forced && fs::is_regular_file(from_wx(forced), ec))
        return fs::path(from_wx(forced));
    if (!has_forced)
        for (const auto& c : candidates)
            if (fs::is_regular_file(c, ec))
                return fs::weakly_canonical(c, ec);

    fs::path script = source_dir() / "samples" / "build-demo";
    if (!fs::exists(script, ec))
        script = exe_dir / ".." / "share" / "attune" / "samples" / "build-demo";
    if (!fs::exists(script, ec))
    {
        show_error("The demo project is not available in this build.",
                   "Neither a built demo.attune nor samples/build-demo to make one was found.\n"
                   "Looked for: " +
                       candidates[0].string() + ", " + candidates[1].string() + ", " +
                       candidates[2].string() + ", " + script.string());
        return {};
    }
    const fs::path demo = has_forced ? fs::path(from_wx(forced)) : user_dir / "demo.attune";
    fs::create_directories(demo.parent_path(), ec);
    // build-demo drives attune-cli: the one built beside this app (build tree) or installed
    // beside it comes first on PATH.
    wxExecuteEnv env;
    wxGetEnvMap(&env.env);
    wxString path = to_wx((exe_dir / ".." / "cli").string()) + ":" + to_wx(exe_dir.string());
    if (env.env.count("PATH"))
        path += ":" + env.env["PATH"];
    env.env["PATH"] = path;
    for (const auto& cli : {exe_dir / ".." / "cli" / "attune-cli", exe_dir / "attune-cli"})
        if (!env.env.count("ATTUNE_CLI") && fs::is_regular_file(cli, ec))
            env.env["ATTUNE_CLI"] = to_wx(fs::weakly_canonical(cli, ec).string());
    wxBusyInfo busy("Building the demo project\u2026", this);
    wxArrayString out, err;
    const long rc = wxExecute(to_wx("\"" + script.string() + "\" \"" + demo.string() + "\""), out,
                              err, wxEXEC_SYNC, &env);
    if (rc != 0 || !fs::is_regular_file(demo, ec))
    {
        std::string detail = script.string() + " exited with status " + std::to_string(rc) + "\n";
        for (const auto& l : err)
            detail += from_wx(l) + "\n";
        show_error("The demo project could not be built.", detail);
        fs::remove(demo, ec); // a half-built demo must not be found next time
        return {};
    }
    return demo;
}

void MainFrame::on_open_demo(wxCommandEvent&)
{
    const auto demo = find_or_build_demo();
    if (!demo.empty())
        open_project(demo);
}

void MainFrame::on_recent(wxCommandEvent& e)
{
    const wxString path = m_history.GetHistoryFile(static_cast<size_t>(e.GetId() - wxID_FILE1));
    if (!path.empty())
        open_project(std::filesystem::path(from_wx(path)));
}

void MainFrame::on_close_project(wxCommandEvent&)
{
    if (may_leave_transcript())
        close_project();
}

void MainFrame::on_import(wxCommandEvent&)
{
    if (!m_session)
        return;
    wxFileDialog dlg(this, "Import transcripts", "", "",
                     "Transcripts (*.txt;*.docx;*.odt)|*.txt;*.docx;*.odt|All files|*",
                     wxFD_OPEN | wxFD_MULTIPLE | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK)
        return;
    wxArrayString paths;
    dlg.GetPaths(paths);
    std::vector<std::filesystem::path> files;
    for (const auto& p : paths)
        files.emplace_back(from_wx(p));
    import_files(files);
}

void MainFrame::on_save_copy(wxCommandEvent&)
{
    if (!m_session)
        return;
    const auto project = m_session->path();
    const std::string suggested = project.stem().string() + " copy.attune";
    wxFileDialog dlg(this, "Save a copy of the project", "", to_wx(suggested),
                     "Attune projects (*.attune)|*.attune", wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK)
        return;
    std::filesystem::path target = from_wx(dlg.GetPath());
    if (target.extension() != ".attune")
        target += ".attune";
    try
    {
        // The dialog asked before overwriting; the finished copy replaces the old one in one
        // rename, and core refuses the project itself.
        if (auto r = m_session->save_copy(target, true); !r)
            show_error("The copy could not be written.", r.error());
        else
            show_message("A copy of the project with all work so far was saved as " +
                         target.string() + ".");
    }
    catch (const std::exception& e)
    {
        show_error("The copy could not be written.", e.what());
    }
}

void MainFrame::on_drop_files(wxDropFilesEvent& e)
{
    std::vector<std::filesystem::path> files;
    for (int i = 0; i < e.GetNumberOfFiles(); ++i)
        files.emplace_back(from_wx(e.GetFiles()[i]));
    if (!m_session)
    {
        // A project dropped on the welcome page opens it.
        if (files.size() == 1 && files.front().extension() == ".attune")
            open_project(files.front());
        else
            show_message("Open or create a project first, then drop transcripts on it.");
        return;
    }
    import_files(files);
}

void MainFrame::on_add_scheme(wxCommandEvent&)
{
    if (!m_session)
        return;
    wxFileDialog dlg(this, "Add coding scheme", to_wx((source_dir() / "schemes").string()), "",
                     "Attune schemes (*.xml)|*.xml", wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK)
        return;
    const std::filesystem::path path(from_wx(dlg.GetPath()));
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in)
    {
        show_error("The scheme file could not be read.", path.string());
        return;
    }
    run(project::AddScheme{ss.str(), path.string()}, "Adding the scheme");
}

void MainFrame::on_undo(wxCommandEvent&)
{
    if (!m_session || !m_session->can_undo())
        return;
    try
    {
        if (auto r = m_session->undo(); !r)
            show_error("Undo did not work.", r.error());
    }
    catch (const std::exception& e)
    {
        show_error("Undo did not work.", e.what());
    }
    update_menus();
}

void MainFrame::on_redo(wxCommandEvent&)
{
    if (!m_session || !m_session->can_redo())
        return;
    try
    {
        if (auto r = m_session->redo(); !r)
            show_error("Redo did not work.", r.error());
    }
    catch (const std::exception& e)
    {
        show_error("Redo did not work.", e.what());
    }
    update_menus();
}

void MainFrame::on_find(wxCommandEvent&)
{
    if (!m_session)
        return;
    m_find_bar->Show();
    m_find_bar->GetParent()->Layout();
    if (m_view->GetSelectionEnd() > m_view->GetSelectionStart() &&
        m_view->LineFromPosition(m_view->GetSelectionStart()) ==
            m_view->LineFromPosition(m_view->GetSelectionEnd()))
        m_find->ChangeValue(m_view->GetSelectedText());
    m_find->SetFocus();
    m_find->SelectAll();
}

void MainFrame::on_find_next(bool forward)
{
    const std::string query = from_wx(m_find->GetValue());
    if (query.empty() || m_text.empty())
    {
        wxCommandEvent open_bar;
        on_find(open_bar);
        return;
    }
    const auto& map = m_view->positions();
    const std::int64_t from = forward ? map.byte_to_cp(m_view->GetSelectionEnd())
                                      : map.byte_to_cp(m_view->GetSelectionStart());
    const auto hit = find_in_text(m_text, query, from, forward);
    if (!hit)
    {
        SetStatusText(to_wx("\"" + query + "\" does not occur in this transcript."), 0);
        wxBell();
        return;
    }
    m_view->show_find_hit(hit->first, hit->second);
    SetStatusText("", 0);
}

void MainFrame::on_goto_line(wxCommandEvent&)
{
    if (!m_session || !m_current)
        return;
    const long line =
        wxGetNumberFromUser("Line number:", "", "Go to line", m_view->GetCurrentLine() + 1, 1,
                            m_view->GetLineCount(), this);
    if (line > 0)
    {
        m_view->go_to_line_number(static_cast<int>(line));
        m_view->SetFocus(); // the keyboard goes where the coder asked to go
    }
}

void MainFrame::on_zoom(int delta)
{
    if (delta > 0)
        m_view->ZoomIn();
    else if (delta < 0)
        m_view->ZoomOut();
    else
        m_view->SetZoom(0);
    SetStatusText(wxString::Format("Zoom %d%%", m_view->zoom_percent()), 0);
}

void MainFrame::on_toggle_blind(wxCommandEvent& e)
{
    m_blind = !e.IsChecked();
    refresh_codings();
    update_title();
    if (!m_blind && m_session)
    {
        // Say how to tell whose passage is whose (the styles of show_codings, by name).
        static const char* const kStyles[TranscriptView::kOtherCoders] = {
            "dotted box", "dashed underline", "wavy underline", "tinted box"};
        std::vector<std::string> others;
        for (const auto& c : m_session->coders())
            if (c.id != m_coder.id)
                others.push_back(c.name);
        std::sort(others.begin(), others.end());
        std::string legend = "All coders' work shown (others' is read-only): yours filled";
        for (std::size_t i = 0; i < others.size(); ++i)
            legend += ", " + others[i] + " " + kStyles[i % TranscriptView::kOtherCoders];
        SetStatusText(to_wx(legend), 0);
    }
}

void MainFrame::on_toggle_snap(wxCommandEvent& e)
{
    m_view->set_snap_to_words(e.IsChecked());
}

void MainFrame::on_switch_coder(wxCommandEvent&)
{
    if (!m_session || !may_leave_transcript())
        return;
    const auto keep = m_options.coder;
    m_options.coder.reset();
    const project::Coder before = m_coder;
    if (!choose_coder())
    {
        m_coder = before;
        m_session->set_history_owner(m_coder.name);
    }
    m_options.coder = keep;
    // Blind again for whoever codes now: revealing others' work is a deliberate act each time.
    m_blind = true;
    GetMenuBar()->Check(kShowAllCoders, false);
    refresh_transcript_list();
    if (m_current)
        show_transcript(m_current);
    update_title();
}

void MainFrame::on_delete_annotation(wxCommandEvent&)
{
    const std::string uuid = focused_annotation();
    if (uuid.empty())
        show_message(
            "Select an annotation in the list (or put the caret inside one) to delete it.");
    else
        delete_annotation(uuid);
}

void MainFrame::on_edit_memo(wxCommandEvent&)
{
    const std::string uuid = focused_annotation();
    if (uuid.empty())
        show_message("Select an annotation in the list (or put the caret inside one) first.");
    else
        edit_memo(uuid);
}

void MainFrame::on_about(wxCommandEvent&)
{
    wxAboutDialogInfo info;
    info.SetName("Attune");
    info.SetVersion(attune::kVersion);
    info.SetDescription("A workbench for coding Adult Attachment Interview transcripts:\n"
                        "passages, scales, classifications and inter-rater agreement.");
    info.SetLicence("GNU General Public License, version 3 or later.");
    wxAboutBox(info, this);
}

void MainFrame::cycle_pane(int step)
{
    if (!m_session)
        return;
    // Keyboard-only coding moves between the four areas in reading order: transcripts, text,
    // codes, and the notebook page on show (annotations, ratings or classification).
    wxWindow* panes[] = {m_transcripts, m_view, m_codes, m_tabs->GetCurrentPage()};
    constexpr int n = 4;
    int at = -1;
    for (wxWindow* w = FindFocus(); w && at < 0; w = w->GetParent())
        for (int i = 0; i < n; ++i)
            if (panes[i] == w)
                at = i;
    const int next = at < 0 ? 0 : ((at + step) % n + n) % n;
    if (next == 2)
        m_codes->focus_tree();
    else if (next == 3 && panes[3] == m_annotations)
        m_annotations->focus_list();
    else
        panes[next]->SetFocus();
    static const char* const kNames[] = {"Transcripts", "Transcript text", "Codes",
                                         "Annotations / ratings / classification"};
    SetStatusText(wxString::FromUTF8(kNames[next]) + " has the keyboard", 0);
}

int MainFrame::own_accelerator(const wxKeyEvent& e) const
{
    int flags = 0;
    if (e.ControlDown())
        flags |= wxACCEL_CTRL;
    if (e.AltDown())
        flags |= wxACCEL_ALT;
    if (e.ShiftDown())
        flags |= wxACCEL_SHIFT;
    const int key = e.GetKeyCode();
    const wxMenuBar* bar = GetMenuBar();
    for (std::size_t m = 0; bar && m < bar->GetMenuCount(); ++m)
    {
        std::vector<const wxMenu*> menus{bar->GetMenu(m)};
        while (!menus.empty())
        {
            const wxMenu* menu = menus.back();
            menus.pop_back();
            for (const wxMenuItem* item : menu->GetMenuItems())
            {
                if (item->IsSubMenu())
                {
                    menus.push_back(item->GetSubMenu());
                    continue;
                }
                // Only the window's own commands (and Find): standard ids such as Copy belong
                // to the focused control.
                const int id = item->GetId();
                if (id <= wxID_HIGHEST && id != wxID_FIND)
                    continue;
                std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
                if (accel && accel->GetFlags() == flags &&
                    (accel->GetKeyCode() == key ||
                     (key < 128 && accel->GetKeyCode() == std::toupper(key))) &&
                    item->IsEnabled())
                    return id;
            }
        }
    }
    return wxID_NONE;
}

void MainFrame::on_char_hook(wxKeyEvent& e)
{
    // Scheme shortcuts act when the transcript or the code tree has the keyboard; in text
    // fields (find, memo, note) keys must type.
    wxWindow* focus = FindFocus();
    const bool typing = dynamic_cast<wxTextCtrl*>(focus) != nullptr;
    // The transcript is a text control with its own (empty) undo history bound to Ctrl+Z; it
    // would swallow the key before the Edit menu sees it, so undo/redo are routed here.
    if (m_session && !typing && e.ControlDown() && !e.AltDown() &&
        (e.GetKeyCode() == 'Z' || (e.GetKeyCode() == 'Y' && !e.ShiftDown())))
    {
        wxCommandEvent cmd(wxEVT_MENU,
                           e.GetKeyCode() == 'Y' || e.ShiftDown() ? wxID_REDO : wxID_UNDO);
        GetEventHandler()->ProcessEvent(cmd);
        return;
    }
    // The window's own accelerators act wherever the keyboard is. The transcript (Scintilla)
    // binds Ctrl+D, Ctrl+], Alt+Shift+arrows … to editing commands of its own and the generic
    // list control's type-ahead takes Ctrl+I: such keys never reached the menu. So a key that
    // is one of this window's own menu accelerators runs that menu command here.
    if (m_session && !typing && (e.ControlDown() || e.AltDown()))
        if (const int menu = own_accelerator(e); menu != wxID_NONE)
        {
            wxCommandEvent cmd(wxEVT_MENU, menu);
            GetEventHandler()->ProcessEvent(cmd);
            return;
        }
    // Ctrl+PageDown / Ctrl+PageUp turn the tabs (annotations, ratings, classification) from
    // anywhere and give the new tab the keyboard: GTK does it only when the tab strip itself
    // has focus.
    if (m_session && e.ControlDown() && !e.AltDown() &&
        (e.GetKeyCode() == WXK_PAGEDOWN || e.GetKeyCode() == WXK_PAGEUP))
    {
        m_tabs->AdvanceSelection(e.GetKeyCode() == WXK_PAGEDOWN);
        if (m_tabs->GetCurrentPage() == m_annotations)
            m_annotations->focus_list();
        else
            m_tabs->GetCurrentPage()->SetFocus();
        return;
    }
    if (!m_session || !m_current || typing || m_schemes.empty())
    {
        e.Skip();
        return;
    }
    int key = e.GetKeyCode();
    if (key >= WXK_F1 && key <= WXK_F12)
        key = 1001 + (key - WXK_F1);
    const std::string sc = shortcut_from_key(e.ControlDown(), e.AltDown(), e.ShiftDown(), key);
    if (sc.empty() || is_reserved_shortcut(sc))
    {
        e.Skip();
        return;
    }
    // Shortcuts are unique within a scheme, not across the project's schemes: the first
    // scheme's code wins, and the coder is told which one was applied.
    std::vector<const CodeItem*> matches;
    for (const auto& v : m_schemes)
        for (const auto& c : v.codes)
            if (!c.is_group && c.shortcut == sc)
                matches.push_back(&c);
    if (matches.empty())
    {
        e.Skip();
        return;
    }
    if (apply_code(*matches.front()) && matches.size() > 1)
        SetStatusText(to_wx(sc + " applied \"" + matches.front()->name + "\" (" +
                            matches.front()->scheme_id + "); " +
                            std::to_string(matches.size() - 1) +
                            " other scheme(s) use the same key \u2014 click the code instead"),
                      0);
}

// ---------------------------------------------------------------------------------------------
// Screenshots

bool MainFrame::save_screenshot(const std::filesystem::path& png, std::string& why)
{
    // No Raise()/Refresh() here: they would close an open call tip (the hover screenshot).
    // Let GTK map, lay out and paint every child before the framebuffer is read.
    for (int i = 0; i < 30; ++i)
    {
        wxTheApp->Yield(true);
        wxMilliSleep(10);
    }
    wxImage image;
    if (!capture_window(*this, image, why))
        return false;
    if (!image.SaveFile(to_wx(png.string()), wxBITMAP_TYPE_PNG))
    {
        why = "writing " + png.string() + " failed";
        return false;
    }
    return true;
}

} // namespace attune::app
