// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/help_window.h"

#include "app/markdown_html.h"
#include "app/wx_string.h"

#include <wx/html/htmlwin.h>
#include <wx/sizer.h>
#include <wx/utils.h>

#include <fstream>
#include <sstream>

namespace attune::app
{

HelpWindow::HelpWindow(wxWindow* parent, const std::filesystem::path& document)
    : wxFrame(parent, wxID_ANY, "Attune \u2014 User Guide", wxDefaultPosition, wxSize(860, 760),
              wxDEFAULT_FRAME_STYLE | wxFRAME_FLOAT_ON_PARENT)
{
    SetName("help_window");
    m_html = new wxHtmlWindow(this, wxID_ANY);
    m_html->SetName("help_html");
    m_html->SetStandardFonts(11);
    m_html->Bind(
        wxEVT_HTML_LINK_CLICKED,
        [this](wxHtmlLinkEvent& e)
        {
            const std::string href = from_wx(e.GetLinkInfo().GetHref());
            if (href.rfind("#", 0) == 0)
            {
                m_html->LoadPage(to_wx(href)); // scrolls within the page
                return;
            }
            if (href.find("://") != std::string::npos || href.rfind("mailto:", 0) == 0)
            {
                wxLaunchDefaultBrowser(to_wx(href));
                return;
            }
            // Another document of the docs folder ("schemes.md#scales").
            const auto hash = href.find('#');
            const std::filesystem::path file = m_document.parent_path() / href.substr(0, hash);
            if (!show_document(file, hash == std::string::npos ? "" : href.substr(hash + 1)))
                wxLaunchDefaultApplication(to_wx(file.string()));
        });
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_html, 1, wxEXPAND);
    SetSizer(sizer);
    show_document(document);
}

bool HelpWindow::show_document(const std::filesystem::path& document, const std::string& anchor)
{
    std::ifstream in(document, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in)
        return false;
    m_document = document;
    m_html->SetPage(to_wx(markdown_to_html(text.str(), document.parent_path())));
    if (!anchor.empty())
        m_html->LoadPage(to_wx("#" + anchor));
    SetTitle(to_wx("Attune \u2014 " + document.filename().string()));
    return true;
}

std::string HelpWindow::shown_text() const
{
    return from_wx(m_html->ToText());
}

HelpWindow* HelpWindow::open(wxWindow* parent, const std::filesystem::path& document)
{
    auto* w = dynamic_cast<HelpWindow*>(wxWindow::FindWindowByName("help_window", parent));
    if (!w)
        w = new HelpWindow(parent, document);
    else if (w->document() != document)
        w->show_document(document);
    w->Show();
    w->Raise();
    return w;
}

} // namespace attune::app
