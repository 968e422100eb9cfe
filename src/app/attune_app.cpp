// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/main_frame.h"
#include "app/wx_string.h"

#include <wx/app.h>
#include <wx/cmdline.h>

namespace attune::app {

/// The wxApp: parses the command line and shows the main frame.
class AttuneApp : public wxApp
{
public:
    bool OnInit() override
    {
        if (!wxApp::OnInit())
            return false;
        SetAppName("Attune");
        auto* frame = new MainFrame;
        frame->Show();
        if (!m_project.empty())
            frame->open_project(std::filesystem::path(from_wx(m_project)));
        return true;
    }

    void OnInitCmdLine(wxCmdLineParser& parser) override
    {
        wxApp::OnInitCmdLine(parser);
        parser.AddParam("project file (.attune)", wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override
    {
        if (parser.GetParamCount() > 0)
            m_project = parser.GetParam(0);
        return wxApp::OnCmdLineParsed(parser);
    }

private:
    wxString m_project;
};

} // namespace attune::app

wxIMPLEMENT_APP(attune::app::AttuneApp);
