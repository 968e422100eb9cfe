// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The user guide inside the app (F1): docs/*.md rendered by markdown_html.* into a
// wxHtmlWindow, so help shows whatever programs the desktop has (or lacks) for Markdown.

#include <wx/frame.h>

#include <filesystem>
#include <string>

class wxHtmlWindow;

namespace attune::app
{

/// A window showing one Markdown document of the docs folder; links to other .md files open
/// them here, web links in the browser, "#anchors" scroll.
class HelpWindow : public wxFrame
{
public:
    HelpWindow(wxWindow* parent, const std::filesystem::path& document);
    /// Shows a document (and an anchor in it); false when it cannot be read.
    bool show_document(const std::filesystem::path& document, const std::string& anchor = "");
    /// The text on show, without markup (for tests).
    std::string shown_text() const;
    const std::filesystem::path& document() const { return m_document; }

    /// The window of `parent` showing `document`, raised, or a new one.
    static HelpWindow* open(wxWindow* parent, const std::filesystem::path& document);

private:
    wxHtmlWindow* m_html = nullptr;
    std::filesystem::path m_document;
};

} // namespace attune::app
