// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/coding_controller.h"
#include "app/command_table.h"
#include "app/gui_test_target.h"
#include "app/import_action.h"
#include "app/import_naming.h"
#include "app/progress_rows.h"
#include "app/project_controller.h"
#include "app/reconcile_rows.h"
#include "app/scheme_view.h"
#include "app/text_support.h"
#include "app/workbench_ui.h"
#include "core/project/session.h"
#include "core/team/worklist.h"

#include <wx/filehistory.h>
#include <wx/frame.h>
#include <wx/timer.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxInfoBar;
class wxListView;
class wxNotebook;
class wxSimplebook;
class wxTextCtrl;
class wxPanel;
class wxListEvent;
class wxKeyEvent;
class wxDropFilesEvent;
class wxBoxSizer;
class wxSplitterWindow;

namespace attune::io
{
struct RefiExportReport;
struct RefiImportOptions;
} // namespace attune::io

namespace attune::app
{

class TranscriptView;
class CodeTreePanel;
class AnnotationListPanel;
class RatingsPanel;
class ClassificationPanel;
class ComparePanel;
class CompareLanes;
struct CompareCoder;
class ReconcilePanel;
struct CodeItem;
struct ScaleItem;
struct RatingChoice;
struct ClassificationChoice;

/// How the frame was started: interactive, or a non-interactive run (screenshot, GUI test,
/// measurement) in which no modal dialog may appear.
struct FrameOptions
{
    bool interactive = true;
    std::optional<std::string> coder; ///< coder to use instead of asking
};

/// The workbench's top-level window: welcome page, or transcript list | transcript | codes,
/// annotations, ratings and classification. The open project (Session, coder, other writers)
/// is its ProjectController's; the coder's actions become commands in its CodingController;
/// every change goes through Session::apply and the views refresh from its change
/// notifications. Menus, toolbar, accelerators and test verbs come from one CommandTable. The
/// GUI test driver sees the window only as its GuiTestTarget.
class DashboardWindow;

class MainFrame : public wxFrame, private GuiTestTarget, private WorkbenchUi
{
public:
    explicit MainFrame(FrameOptions options = {});
    ~MainFrame() override;

    /// Opens a project file; problems are shown in the window, never thrown. True on success.
    bool open_project(const std::filesystem::path& path);
    /// Shows a transcript by id or participant name; false (with a message) when unknown.
    bool show_transcript_named(const std::string& name) override;

    /// What the GUI test driver (--gui-test) drives.
    GuiTestTarget& test_target() { return *this; }
    /// Writes the frame as it is on screen to a PNG. False with a message on failure.
    bool save_screenshot(const std::filesystem::path& png, std::string& why) override;
    /// The last error shown to the user ("" when none).
    const std::string& last_error() const override { return m_last_error; }

    project::Session* session() override { return m_project.session(); }
    TranscriptView* view() { return m_view; }
    project::TranscriptId current_transcript() const { return m_current; }
    /// Applies a code to the view's selection (what clicking a code or its shortcut does).
    bool apply_code(const CodeItem& code);
    /// Shows the current transcript again, highlights included (used by --measure).
    void reload_current();

private:
    // GuiTestTarget (main_frame_test_target.cpp)
    TestWidgets test_widgets() override;
    const CommandTable& commands() const override { return m_commands; }
    void clear_last_error() override { m_last_error.clear(); }
    void write_memo(const std::string& uuid, const std::string& text) override;
    void find_text(const std::string& query) override;
    void rename_transcript_as(project::TranscriptId id, const ImportNames& names) override;
    void remove_transcript_confirmed(project::TranscriptId id) override;
    void screenshot_next_import_progress(const std::filesystem::path& png) override;
    std::string export_dataset(const io::ExportRequest& request) override;

    bool open_project_unguarded(const std::filesystem::path& path);
    /// Pane sizes for a newly opened project: a fair share, or what the coder left last time.
    void restore_layout();
    project::Session* session() const { return m_project.session(); }
    const project::Coder& coder() const { return m_project.coder(); }
    /// The command table (main_frame_commands.cpp) and the menu bar, toolbar and bindings
    /// made from it.
    void build_commands();
    std::vector<CommandSpec> file_commands();
    std::vector<CommandSpec> edit_commands();
    std::vector<CommandSpec> view_commands();
    std::vector<CommandSpec> code_commands();
    bool command_state(EnabledWhen when) const;
    wxPanel* build_welcome(wxWindow* parent);
    wxPanel* build_workbench(wxWindow* parent);
    void build_transcript_list(wxWindow* parent);
    /// The find bar and the transcript text.
    wxWindow* build_centre(wxWindow* parent);
    wxWindow* build_find_bar(wxWindow* parent);
    /// The code tree above the annotation, rating and classification tabs.
    wxWindow* build_side(wxWindow* parent);
    /// The right-hand side keeps its width whatever the window does, and learns the width the
    /// coder drags it to.
    void bind_side_width();
    void refresh_welcome();

    void close_project();
    void load_schemes();
    void refresh_transcript_list();
    /// Fills the transcript list with `rows`, each marked as `marks` says (parallel).
    void fill_transcript_list(const std::vector<ProgressRow>& rows,
                              const std::vector<team::Assigned>& marks);
    /// The Coded, Rated and Class. cells of list row `item`.
    void set_progress_cells(long item, const ProgressRow& r);
    /// Widens the transcript list to show all its columns when the For you column is shown.
    void fit_transcript_columns();
    /// The transcript list's column saying whether the coder is assigned the transcript.
    static constexpr int kColumnAssigned = 1;
    void show_transcript(project::TranscriptId id);
    void refresh_codings();
    /// Reads again only the annotations `changed` names (all, when it was made elsewhere).
    void update_codings(const project::Changed& changed);
    /// Shows m_visible: highlights, list, evidence and this transcript's progress row.
    void show_codings();
    void refresh_ratings();
    /// Updates only the current transcript's row of the transcript list.
    void refresh_progress_row();
    void refresh_classification();
    void on_session_changed(const project::Changed& changed);
    void update_title();
    void update_menus();

    /// Runs a command; shows a failure in plain words and returns nullopt.
    std::optional<project::Outcome> run(const project::Command& command,
                                        const std::string& what) override;
    void show_error(const std::string& what, const Error& error) override;
    void show_error(const std::string& what, const std::string& detail) override;
    void show_message(const std::string& text) override;

    // user actions
    void on_open(wxCommandEvent&);
    void on_new(wxCommandEvent&);
    void on_open_demo(wxCommandEvent&);
    /// Moves the keyboard to the next (+1) or previous (-1) of the window's four areas.
    void cycle_pane(int step);
    void on_recent(wxCommandEvent&);
    void on_close_project(wxCommandEvent&);
    void on_import(wxCommandEvent&);
    void on_save_copy(wxCommandEvent&);
    /// File → Export Dataset… (main_frame_export.cpp).
    void on_export(wxCommandEvent&);
    /// File → Merge Coder's File… and Make Coder's Package… (main_frame_merge.cpp).
    void on_merge(wxCommandEvent&);
    void merge_files(const std::vector<std::filesystem::path>& files);
    void show_merge_refusal(const Error& error, const std::vector<std::filesystem::path>& files);
    void on_make_package(wxCommandEvent&);
    void make_package_file(const project::Coder& for_coder, const std::filesystem::path& out);
    /// Why packages cannot be made or merged (`what`) in the open project, "" when they can.
    std::string team_unavailable(const char* what) const;
    /// The two team entries of the File menu say why they are disabled.
    void update_team_menus();
    /// View → Reliability Dashboard and File → Export Reliability Report…
    /// (main_frame_reliability.cpp).
    void on_dashboard(wxCommandEvent&);
    void on_export_report(wxCommandEvent&);
    void close_dashboard();
    void make_dashboard();
    /// make_dashboard once the event loop is idle, in an interactive run.
    void make_dashboard_ahead();
    /// File → Export REFI-QDA Project / Codebook and Import REFI-QDA (main_frame_refi.cpp).
    void on_refi_export(wxCommandEvent&);
    void on_refi_codebook(wxCommandEvent&);
    void on_refi_import(wxCommandEvent&);
    /// Whose work a .qdpx holds: {} everyone's, or only the coder's own when they code blind
    /// and choose so; nullopt: cancelled (or blind mode could not be left).
    std::optional<std::vector<project::CoderId>> refi_export_coders();
    /// Core's export report in a dialog (and the status bar), or why nothing was written.
    void show_refi_export(const Result<io::RefiExportReport>& done, const std::string& what);
    void import_refi_file(const std::filesystem::path& file, const io::RefiImportOptions& options);
    /// The error dialog of a refused import: the file, core's reason, nothing written.
    void refuse_refi(const std::string& name, const Error& error);
    void on_add_scheme(wxCommandEvent&);
    void on_undo(wxCommandEvent&);
    void on_redo(wxCommandEvent&);
    /// Undoes (or, with `redo`, redoes) one step of the history; a refusal or failure is shown.
    void step_history(bool redo);
    void on_find(wxCommandEvent&);
    void on_find_next(bool forward);
    void on_goto_line(wxCommandEvent&);
    void on_zoom(int delta);
    void on_toggle_blind(wxCommandEvent&);
    void on_toggle_snap(wxCommandEvent&);
    void on_switch_coder(wxCommandEvent&);
    void on_delete_annotation(wxCommandEvent&);
    void on_edit_memo(wxCommandEvent&);
    void on_about(wxCommandEvent&);
    void on_help(wxCommandEvent&);
    void on_move_to_selection(wxCommandEvent&);
    void on_apply_selected_code(wxCommandEvent&);
    void on_char_hook(wxKeyEvent& e);
    void on_drop_files(wxDropFilesEvent& e);
    void on_transcript_selected(wxListEvent& e);
    void import_files(const std::vector<std::filesystem::path>& files);
    /// Asks whether to import a text already in the project anyway (a script: no).
    ConfirmDuplicate duplicate_question();
    /// GUI tests: saves the import's progress dialog as m_progress_screenshot.
    void capture_import_progress(wxWindow& dialog);

    // Transcripts as things the project holds (main_frame_transcripts.cpp): the Transcript menu,
    // the list's right-click menu and F2, drops on the text.
    void bind_transcript_actions();
    /// The transcript the list's selection names (else the one on show); 0 when none.
    project::TranscriptId selected_transcript() const;
    /// The transcript a row of the transcript list shows.
    project::TranscriptId transcript_of_row(long row) const;
    /// Renames with the names dialog, or with `given` (GUI tests) without asking.
    void rename_transcript(project::TranscriptId id, const std::optional<ImportNames>& given = {});
    /// Removes after asking (unless `confirmed`); core refuses a transcript holding work.
    void remove_transcript(project::TranscriptId id, bool confirmed = false);
    /// The transcript `id` that rename_transcript and remove_transcript act on; nullopt when no
    /// project is open, id names no row, or it cannot be read (then shown as an error).
    std::optional<project::Transcript> transcript_to_change(project::TranscriptId id);

    void rate(const ScaleItem& scale, const std::string& target, const RatingChoice& choice,
              const std::string& note);
    /// Saves a classification; `deliberate` (Save pressed) also tries an incomplete one, so the
    /// coder hears why it cannot be stored.
    void classify(const ClassificationChoice& choice, bool deliberate);
    /// Before the coder leaves the transcript (another transcript, coder, project, closing):
    /// saves typed notes and asks about a classification chosen but not complete. False: stay.
    bool may_leave_transcript();
    void edit_memo(const std::string& uuid, std::optional<std::string> text = std::nullopt);
    void delete_annotation(const std::string& uuid);
    std::string hover_text(std::int64_t cp) const override;
    /// A click in the text selects the innermost passage there in the annotation list.
    void on_text_click(std::int64_t cp);
    /// The transcript's right-click menu at code point `cp` (passage_menu.h).
    PassageMenu passage_menu_at(std::int64_t cp) const override;
    void show_passage_menu(std::int64_t cp, const wxPoint& where);
    /// Runs entry `index` of a passage menu; "" when done, else why not.
    std::string run_passage_action(const PassageMenu& menu, std::size_t index) override;
    /// Moves the focused annotation's end (or start) a word right (+1) or left (-1).
    void nudge_focused(bool move_end, int step);
    /// View → Go to Section: one entry per question section of the transcript on show.
    void rebuild_section_menu();
    /// Goes to the next (+1) or previous (-1) section, or section `index` (step 0).
    void go_to_section(int step, int index = -1);
    /// Gives the right-hand side (codes and tabs) m_side_width, once the window has its size.
    void apply_side_width();
    /// The annotation under the caret / selected in the list: what Delete and Memo act on.
    std::string focused_annotation() const override;

    // ---- Comparing coders (main_frame_compare.cpp)
    /// Whether the coder may now see the others' work: at once for a master or the consensus
    /// coder (project::may_see_others); anyone else after confirming the dialog that names what
    /// will be revealed (a script confirms by asking), recorded in the audit log through
    /// Session::record_unblind with `why`. False: stay blind (cancelled, read-only, failed).
    bool unblind(const std::string& why);
    /// The other coders' names, "ben and consensus".
    std::string others_names() const;
    /// Blind again, the compare view closed: another coder, another project.
    void back_to_blind();
    /// View → Compare Coders: leaves blind mode (unblind) and shows the view, or hides it.
    void on_compare(wxCommandEvent& e);
    void set_compare_shown(bool on);
    /// The Compare tab (not yet in the notebook).
    ComparePanel* build_compare(wxWindow* tabs);
    /// The project's coders for the checklist: coders by name, then master, then consensus.
    std::vector<CompareCoder> compare_coders() const;
    void refresh_compare_coders();
    /// The margin and the table of the transcript on show (when the view is on).
    void refresh_compare();
    void compare_after(const project::Changed& changed);
    /// In the compare view only the ticked coders' passages are shown.
    void keep_compared(std::vector<project::Annotation>& annotations) const;
    ComparePanel* m_compare = nullptr;
    CompareLanes* m_compare_lanes = nullptr;
    std::vector<CompareCoder> m_compare_list; ///< the checklist's coders with their colours
    bool m_comparing = false;

    FrameOptions m_options;
    ProjectController m_project; ///< the open project, its coder, other programs' writes
    CodingController m_coding;   ///< the coder's work on the transcript on show
    CommandTable m_commands;
    bool m_blind = true;
    DashboardWindow* m_dashboard = nullptr; ///< open while shown; closed with the project
    /// Made hidden once a project is open (make_dashboard), so that its web view has started
    /// when the dashboard is asked for; it becomes m_dashboard then.
    DashboardWindow* m_dashboard_ready = nullptr;
    std::vector<SchemeView> m_schemes;
    std::vector<std::shared_ptr<const scheme::Scheme>> m_scheme_models; ///< m_schemes' own
    std::vector<project::Transcript> m_transcript_rows;
    project::TranscriptId m_current;
    std::string m_text;
    std::vector<project::Annotation> m_visible; ///< annotations shown on the current transcript
    std::vector<ViewSection> m_sections;        ///< question sections of the current transcript
    wxMenu* m_section_menu = nullptr;           ///< View → Go to Section
    /// Width of the right-hand side: what the coder dragged it to (kept across resizes and
    /// sessions), or 0 until the window's first real size gives the default.
    int m_side_width = 0;
    bool m_side_dragging = false; ///< the coder is dragging the side's divider
    bool m_ratings_stale = false; ///< ratings tab hidden when codings changed
    std::string m_last_error;
    std::string m_error_detail;
    /// GUI tests: show the import progress dialog even when not interactive and save a PNG of
    /// it halfway through the next multi-file import (gui-test command progress-screenshot).
    std::filesystem::path m_progress_screenshot;

    wxFileHistory m_history;
    wxSimplebook* m_book = nullptr;
    wxInfoBar* m_info = nullptr;
    wxPanel* m_welcome = nullptr;
    wxBoxSizer* m_recent_sizer = nullptr;
    wxListView* m_transcripts = nullptr;
    TranscriptView* m_view = nullptr;
    wxPanel* m_find_bar = nullptr;
    wxTextCtrl* m_find = nullptr;
    CodeTreePanel* m_codes = nullptr;
    wxNotebook* m_tabs = nullptr;
    wxSplitterWindow* m_side = nullptr;
    wxSplitterWindow* m_outer = nullptr;
    wxSplitterWindow* m_centre_split = nullptr;
    AnnotationListPanel* m_annotations = nullptr;
    RatingsPanel* m_ratings = nullptr;
    ClassificationPanel* m_classification = nullptr;

    // Reconciling two coders into a consensus: the Reconcile tab, F8 and the decisions
    // (main_frame_reconcile.cpp).
    std::vector<CommandSpec> reconcile_commands();
    wxWindow* build_reconcile(wxWindow* parent);
    /// The queue is listed again when next shown (another project, coder or blind mode).
    void reset_reconcile(bool other_project);
    /// Whether this coder may see every coder's work now (not blind, or master/consensus).
    bool reconcile_allowed() const;
    /// Shows the Reconcile tab, listing the queue if it is stale, with the queue focused.
    void open_reconcile();
    /// The coders A and B to ask core for ({}: core's default pair).
    std::vector<std::string> reconcile_pair() const;
    void load_reconcile();
    /// Counts the identical passages (of o.transcripts only, when named) for the tab's button.
    void count_identical(analysis::DisagreementOptions o);
    /// Lists again only the transcripts `changed` names (all, for a change made elsewhere).
    void update_reconcile(const project::Changed& changed);
    /// F8 (+1) / Shift+F8 (-1): the next undecided disagreement, shown in the transcript.
    void reconcile_step(int step);
    void reconcile_show(std::size_t row);
    void show_reconcile_details(std::size_t row);
    std::vector<EvidenceLine> reconcile_evidence(const analysis::DisagreementItem& d,
                                                 const std::string& coder_name);
    void reconcile_decide(analysis::Take take);
    void reconcile_edit();
    void reconcile_accept_identical();
    /// F8, Shift+F8 from anywhere, Alt+0…4 in the tab's reason field; true when handled.
    bool reconcile_key(wxKeyEvent& e);
    ReconcilePanel* m_reconcile = nullptr;
    bool m_reconcile_stale = true;                             ///< list again before showing
    std::vector<std::string> m_reconcile_coders;               ///< A and B, once listed or chosen
    std::map<std::int64_t, std::size_t> m_reconcile_identical; ///< per transcript
};

} // namespace attune::app
