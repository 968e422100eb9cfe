// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the GUI test driver (gui_test_driver.h) may see and do in the main window: its widgets,
// and the same handlers a user's action reaches. The frame implements it; nothing else of the
// frame is open to the tests.

#include "app/import_naming.h"
#include "app/passage_menu.h"

#include <cstdint>
#include <filesystem>
#include <string>

class wxFrame;
class wxInfoBar;
class wxListView;
class wxMenu;
class wxNotebook;
class wxSplitterWindow;

namespace attune::project
{
class Session;
}

namespace attune::io
{
struct ExportRequest;
}

namespace attune::app
{

class AnnotationListPanel;
class ClassificationPanel;
class CodeTreePanel;
class CommandTable;
class RatingsPanel;
class TranscriptView;

/// The main window's parts a test looks at or drives with real input.
struct TestWidgets
{
    wxFrame* frame = nullptr;
    TranscriptView* view = nullptr;
    wxListView* transcripts = nullptr;
    CodeTreePanel* codes = nullptr;
    wxNotebook* tabs = nullptr;
    AnnotationListPanel* annotations = nullptr;
    RatingsPanel* ratings = nullptr;
    ClassificationPanel* classification = nullptr;
    wxInfoBar* info = nullptr;
    wxMenu* sections = nullptr; ///< View → Go to Section
    wxSplitterWindow* centre_split = nullptr;
};

class GuiTestTarget
{
public:
    virtual ~GuiTestTarget() = default;

    virtual TestWidgets test_widgets() = 0;
    virtual project::Session* session() = 0;
    virtual const CommandTable& commands() const = 0;
    /// The last error shown to the user ("" when none); each action reports only its own.
    virtual const std::string& last_error() const = 0;
    virtual void clear_last_error() = 0;

    virtual bool show_transcript_named(const std::string& name) = 0;
    /// The annotation Delete and Memo act on: selected in the list, or under the caret.
    virtual std::string focused_annotation() const = 0;
    virtual void write_memo(const std::string& uuid, const std::string& text) = 0;
    virtual std::string hover_text(std::int64_t cp) const = 0;
    /// Opens the find bar with `query` and finds its next occurrence.
    virtual void find_text(const std::string& query) = 0;
    virtual PassageMenu passage_menu_at(std::int64_t cp) const = 0;
    virtual std::string run_passage_action(const PassageMenu& menu, std::size_t index) = 0;
    /// What the Rename dialog sends.
    virtual void rename_transcript_as(store::TranscriptId id, const ImportNames& names) = 0;
    /// Remove… with the confirmation answered "Remove".
    virtual void remove_transcript_confirmed(store::TranscriptId id) = 0;
    virtual bool save_screenshot(const std::filesystem::path& png, std::string& why) = 0;
    /// The next multi-file import shows its progress dialog and saves a PNG of it halfway.
    virtual void screenshot_next_import_progress(const std::filesystem::path& png) = 0;
    /// What File → Export Dataset… runs once its dialogs are answered (the result is shown as a
    /// message); "" on success or cancel, else the error as the user is told it.
    virtual std::string export_dataset(const io::ExportRequest& request) = 0;
};

} // namespace attune::app
