// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: its construction, the open project's views (transcript list, text,
// annotations, ratings, classification) refreshed from the session's change notifications, and
// the one place user actions run and failures are shown. Menus and their handlers, panes, the
// coder's actions and the test driver's view of the window are in the other main_frame_*.cpp
// files; project lifecycle and coding rules in project_controller.h and coding_controller.h.
#include "app/main_frame.h"

#include "app/annotation_list_panel.h"
#include "app/classification_panel.h"
#include "app/code_tree_panel.h"
#include "app/compare_panel.h"
#include "app/menu_ids.h"
#include "app/progress_rows.h"
#include "app/ratings_panel.h"
#include "app/screen_capture.h"
#include "app/text_support.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"
#include "core/project/study_rules.h"
#include "core/text/text_index.h"

#include <wx/app.h>
#include <wx/config.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/toolbar.h>
#include <wx/utils.h>

#include <algorithm>
#include <cctype>
#include <map>

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

} // namespace

MainFrame::MainFrame(FrameOptions options)
    : wxFrame(nullptr, wxID_ANY, "Attune", wxDefaultPosition, wxSize(1280, 860)),
      m_options(std::move(options)),
      m_project(*this, *this, m_options.interactive, m_options.coder), m_coding(*this, m_project)
{
    SetName("attune_main");
    SetMinSize(wxSize(800, 560));
    build_commands();
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
    // the project controller looks once a second, and whenever the window is activated.
    Bind(wxEVT_ACTIVATE,
         [this](wxActivateEvent& e)
         {
             if (e.GetActive())
                 m_project.check_other_writers();
             e.Skip();
         });
    m_book->SetSelection(kPageWelcome);
    update_title();
    update_menus();
}

MainFrame::~MainFrame()
{
    close_dashboard(); // before the session it listens to goes
    m_project.close();
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
    auto opened = m_project.open(path);
    if (!opened)
        return false;
    const std::filesystem::path shown = opened->path(); // a restored copy, perhaps
    close_project();
    if (!m_project.adopt(std::move(opened),
                         [this](const project::Changed& c) { on_session_changed(c); }))
    {
        close_project();
        return false;
    }
    if (m_options.interactive)
    {
        m_history.AddFileToHistory(to_wx(std::filesystem::absolute(shown).string()));
        m_history.Save(*wxConfig::Get());
    }
    m_info->Dismiss();
    load_schemes();
    refresh_transcript_list();
    m_book->SetSelection(kPageWorkbench);
    m_project.start_watching();
    restore_layout();
    reset_reconcile(true);
    SetStatusText(to_wx("Opened " + shown.string()), 0);
    if (!m_transcript_rows.empty())
        show_transcript(m_transcript_rows.front().id);
    update_title();
    update_menus();
    make_dashboard_ahead();
    if (auto backup = session()->migration_backup())
        show_message("The project was upgraded to the current format; the old file was kept as " +
                     backup->string() + ".");
    return true;
}

void MainFrame::restore_layout()
{
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
    fit_transcript_columns();
    apply_side_width();
}

void MainFrame::fit_transcript_columns()
{
    // The For you column must not push Coded, Rated and Class. out of sight: the list grows to
    // show every column, and never shrinks (the coder may have widened it).
    if (!m_outer || !m_outer->IsSplit() || m_transcripts->GetColumnWidth(kColumnAssigned) == 0)
        return;
    int need = FromDIP(8);
    for (int c = 0; c < m_transcripts->GetColumnCount(); ++c)
        need += m_transcripts->GetColumnWidth(c);
    if (m_outer->GetSashPosition() < need)
        m_outer->SetSashPosition(need);
}

void MainFrame::close_project()
{
    close_dashboard(); // it holds the session
    back_to_blind();   // each project is unblinded (and recorded) on its own
    m_project.close();
    m_current = {};
    m_text.clear();
    m_visible.clear();
    m_sections.clear();
    rebuild_section_menu();
    m_schemes.clear();
    m_scheme_models.clear();
    m_transcript_rows.clear();
    if (m_view)
        m_view->clear_text();
    if (m_transcripts)
        m_transcripts->DeleteAllItems();
    m_annotations->rows().reset({}, "", {}, &m_schemes);
    m_annotations->refresh();
    m_codes->set_schemes(m_schemes);
    m_ratings->set_schemes(m_schemes);
    m_classification->set_schemes(m_schemes);
    reset_reconcile(true);
    refresh_welcome();
    m_book->SetSelection(kPageWelcome);
    update_title();
    update_menus();
}

void MainFrame::load_schemes()
{
    m_schemes.clear();
    m_scheme_models.clear();
    for (const auto& info : project::latest_schemes(session()->schemes()))
    {
        auto s = session()->scheme(info.scheme_id);
        if (!s)
        {
            show_error("The scheme \"" + info.scheme_id + "\" could not be read.", s.error());
            continue;
        }
        m_schemes.push_back(make_scheme_view(*s.value()));
        m_scheme_models.push_back(*s);
    }
    m_codes->set_schemes(m_schemes, session()->read_only());
    m_ratings->set_schemes(m_schemes);
    m_classification->set_schemes(m_schemes);
}

void MainFrame::refresh_transcript_list()
{
    if (!session())
        return;
    // The list shows only the newest versions, the coder's assigned transcripts first (core's
    // rule, team::coder_worklist); m_transcript_rows stays parallel to it.
    std::map<project::TranscriptId, project::Transcript> current;
    std::vector<project::TranscriptId> ids;
    for (const auto& t : project::current_transcripts(session()->transcripts()))
    {
        ids.push_back(t.transcript.id);
        current.emplace(t.transcript.id, t.transcript);
    }
    m_transcript_rows.clear();
    std::vector<team::Assigned> marks;
    for (const auto& e : team::coder_worklist(ids, team::assignments(*session()), coder().id))
    {
        m_transcript_rows.push_back(current.at(e.transcript));
        marks.push_back(e.assigned);
    }
    const auto rows =
        make_progress_rows(m_transcript_rows, session()->annotations(std::nullopt, coder().id),
                           session()->ratings(std::nullopt, coder().id),
                           session()->classifications(std::nullopt, coder().id), m_scheme_models);
    fill_transcript_list(rows, marks);
}

void MainFrame::fill_transcript_list(const std::vector<ProgressRow>& rows,
                                     const std::vector<team::Assigned>& marks)
{
    const bool any_assigned = std::any_of(marks.begin(), marks.end(),
                                          [](team::Assigned a) { return a != team::Assigned::No; });
    wxFont bold = m_transcripts->GetFont();
    bold.MakeBold();
    int width = 0;
    if (any_assigned)
        m_transcripts->GetTextExtent("reliability", &width, nullptr, nullptr, nullptr, &bold);
    width = any_assigned ? width + FromDIP(16) : 0;
    const bool resized = width != m_transcripts->GetColumnWidth(kColumnAssigned);
    m_transcripts->Freeze();
    m_transcripts->DeleteAllItems();
    m_transcripts->SetColumnWidth(kColumnAssigned, width);
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        const auto& r = rows[i];
        const long item = m_transcripts->InsertItem(
            static_cast<long>(i), to_wx(r.participant.empty() ? r.title : r.participant));
        const team::Assigned mark = i < marks.size() ? marks[i] : team::Assigned::No;
        m_transcripts->SetItem(item, kColumnAssigned, team::to_string(mark));
        if (mark != team::Assigned::No)
            m_transcripts->SetItemFont(item, bold);
        set_progress_cells(item, r);
        m_transcripts->SetItemData(item, static_cast<long>(r.transcript_id.value()));
        if (r.transcript_id == m_current)
            m_transcripts->Select(item);
    }
    m_transcripts->Thaw();
    // On opening, restore_layout fits the list once the panes have their sizes.
    if (resized && m_book->GetSelection() == kPageWorkbench)
        fit_transcript_columns();
}

void MainFrame::set_progress_cells(long item, const ProgressRow& r)
{
    m_transcripts->SetItem(item, kColumnAssigned + 1,
                           wxString::Format("%lld", static_cast<long long>(r.passages)));
    m_transcripts->SetItem(item, kColumnAssigned + 2, to_wx(format_rated(r)));
    m_transcripts->SetItem(item, kColumnAssigned + 3, r.classified ? "\u2713" : "");
}

void MainFrame::refresh_progress_row()
{
    if (!session() || !m_current)
        return;
    std::vector<project::Annotation> own;
    for (const auto& a : m_visible)
        if (a.coder_id == coder().id)
            own.push_back(a);
    std::vector<project::Transcript> current;
    for (const auto& t : m_transcript_rows)
        if (t.id == m_current)
            current.push_back(t);
    const auto rows =
        make_progress_rows(current, own, session()->ratings(m_current, coder().id),
                           session()->classifications(m_current, coder().id), m_scheme_models);
    if (rows.empty())
        return;
    const auto& r = rows.front();
    for (long i = 0; i < m_transcripts->GetItemCount(); ++i)
        if (transcript_of_row(i) == m_current)
            set_progress_cells(i, r);
}

bool MainFrame::show_transcript_named(const std::string& name)
{
    if (!session())
        return false;
    auto id = session()->resolve_transcript(name);
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

void MainFrame::show_transcript(project::TranscriptId id)
{
    auto text = session()->text(id);
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
        if (transcript_of_row(i) == id && !m_transcripts->IsSelected(i))
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
    const project::TranscriptId id{static_cast<std::int64_t>(e.GetData())};
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
    if (!session() || !m_current)
        return;
    m_visible =
        m_blind ? session()->annotations(m_current, coder().id) : session()->annotations(m_current);
    show_codings();
}

void MainFrame::show_codings()
{
    // Other coders' passages (shown only outside blind mode) get an outline style per coder,
    // in the order of their names, so nobody's work can be taken for the coder's own.
    keep_compared(m_visible); // the compare view shows the ticked coders only
    std::map<project::CoderId, int> other_slot;
    if (!m_blind)
    {
        std::vector<project::Coder> others;
        for (const auto& c : session()->coders())
            if (c.id != coder().id)
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
    std::vector<std::pair<project::CoderId, std::string>> names;
    if (!m_blind)
        for (const auto& c : session()->coders())
            names.emplace_back(c.id, c.name);
    else
        names.emplace_back(coder().id, coder().name);
    const std::string keep = m_annotations->selected_uuid();
    const TextPositionMap& map = m_view->positions();
    m_annotations->rows().reset(m_visible, m_text, text::line_starts(m_text), &m_schemes,
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
    refresh_compare();
}

void MainFrame::refresh_ratings()
{
    if (!session() || !m_current)
        return;
    m_ratings_stale = false;
    std::vector<project::Annotation> own;
    for (const auto& a : m_visible)
        if (a.coder_id == coder().id)
            own.push_back(a);
    m_ratings->set_state(session()->ratings(m_current, coder().id),
                         m_coding.evidence(m_schemes, own, m_text));
}

void MainFrame::refresh_classification()
{
    if (!session() || !m_current)
        return;
    std::optional<project::Classification> mine;
    for (const auto& c : session()->classifications(m_current, coder().id))
        mine = session()->as_stated(c); // a CC alternative Ds1 shows (and saves) as Ds1
    m_classification->set_state(mine);
}

void MainFrame::on_session_changed(const project::Changed& changed)
{
    using project::Change;
    if (any(changed.kinds & Change::Scheme))
        load_schemes();
    if (any(changed.kinds & (Change::Scheme | Change::Transcripts)))
        refresh_transcript_list();
    // The views of the transcript on show reload only when the change concerns it, and then
    // only the annotations it names; a scheme (names, colours) concerns every passage.
    const bool here = m_current && changed.touches(m_current);
    if (any(changed.kinds & Change::Scheme))
        refresh_codings();
    else if (here && any(changed.kinds & (Change::Codings | Change::Memos)))
        update_codings(changed);
    if (here && any(changed.kinds & Change::Ratings))
        refresh_ratings();
    if (here && any(changed.kinds & Change::Classifications))
        refresh_classification();
    compare_after(changed);
    if (here && any(changed.kinds & (Change::Ratings | Change::Classifications)))
        refresh_progress_row();
    update_reconcile(changed);
    if (changed.label == project::kChangedElsewhere)
        SetStatusText("The project was changed by another program; the views show it now.", 0);
    else if (!changed.label.empty())
        SetStatusText(to_wx(changed.label + " \u2014 saved"), 0);
    update_menus();
}

void MainFrame::update_title()
{
    if (!session())
    {
        SetTitle("Attune");
        SetStatusText("No project open", 0);
        SetStatusText("", 1);
        return;
    }
    const std::string name = session()->path().filename().string();
    const bool read_only = session()->read_only();
    // The transcript on show comes first, as a document window names its document.
    std::string shown;
    if (m_current)
        if (auto t = session()->transcript(m_current))
            shown = (t->participant ? *t->participant : t->title) + " \u2014 ";
    SetTitle(to_wx(shown + name + (read_only ? " (read-only)" : "") + " \u2014 " + coder().name +
                   " \u2014 Attune"));
    SetStatusText(to_wx("Coder: " + coder().name + (m_blind ? " (blind)" : " (all coders)") +
                        (read_only ? " \u2014 read-only" : "")),
                  1);
    if (read_only)
        SetStatusText(to_wx("Opened read-only (" + session()->read_only_reason() +
                            "): you can read and compare, not change anything."),
                      0);
}

void MainFrame::update_menus()
{
    auto* bar = GetMenuBar();
    m_commands.update(*bar, GetToolBar());
    // Undo and Redo say what they would undo or redo.
    const bool can_undo = command_state(EnabledWhen::CanUndo);
    const bool can_redo = command_state(EnabledWhen::CanRedo);
    bar->SetLabel(wxID_UNDO, to_wx(m_commands.menu_label(
                                 wxID_UNDO, can_undo ? session()->undo_label() : "Undo")));
    bar->SetLabel(wxID_REDO, to_wx(m_commands.menu_label(
                                 wxID_REDO, can_redo ? session()->redo_label() : "Redo")));
    update_team_menus();
}

// ---------------------------------------------------------------------------------------------
// Commands and errors

std::optional<project::Outcome> MainFrame::run(const project::Command& command,
                                               const std::string& what)
{
    if (!session())
        return std::nullopt;
    // The one catch per user action (STYLE.md): store I/O failures throw; the session stays
    // usable after a rolled-back transaction.
    try
    {
        // Whatever another program wrote meanwhile is shown before this action is judged.
        (void)session()->refresh_if_changed_elsewhere();
        auto r = session()->apply(command);
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
