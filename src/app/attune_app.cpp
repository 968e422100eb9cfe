// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui_test_script.h"
#include "app/main_frame.h"
#include "app/measure.h"
#include "app/wx_string.h"
#include "core/base/version.h"

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/image.h>
#include <wx/msgdlg.h>
#include <wx/timer.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <langinfo.h>
#include <memory>
#include <string>

namespace attune::app
{

/// The workbench's own options, shared by the wxApp's parser and by --help before GTK starts.
void describe_options(wxCmdLineParser& parser)
{
    parser.AddOption("", "screenshot", "write the main window to this PNG and exit",
                     wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "transcript", "show this transcript (id or participant)",
                     wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "coder", "work as this coder (created if new) instead of asking",
                     wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "size", "window size WxH, e.g. 1024x768", wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "gui-test", "run a GUI test script through the real widgets, exit",
                     wxCMD_LINE_VAL_STRING, wxCMD_LINE_HIDDEN);
    parser.AddSwitch("", "measure",
                     "time opening a 50,000-word transcript with 5,000 annotations, applying "
                     "a code, and report memory; PROJECT is optional (the demo)");
    parser.AddSwitch("", "version", "print the version and exit");
    parser.AddParam("project file (.attune)", wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
}

/// The wxApp: parses the command line, shows the main frame and runs the non-interactive modes
/// (--screenshot, --gui-test, --measure), each of which exits when done.
class AttuneApp : public wxApp
{
public:
    bool OnInit() override
    {
        if (!wxApp::OnInit())
            return false;
        // The UI's literals are UTF-8 and wx converts narrow strings with the C library's
        // character set: under a "C" locale (CI, Xvfb, cron) every label with "…" or "—" would
        // come out empty. Keep the user's locale when it is UTF-8, else use C.UTF-8.
        if (std::strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
            std::setlocale(LC_CTYPE, "C.UTF-8");
        SetAppName("Attune");
        SetVendorName("Attune");
        wxInitAllImageHandlers();
        FrameOptions options;
        options.interactive = m_screenshot.empty() && m_script.empty() && !m_measure;
        if (!m_coder.empty())
            options.coder = from_wx(m_coder);
        auto* frame = new MainFrame(options);
        if (m_size.IsFullySpecified())
            frame->SetSize(m_size);
        frame->Show();
        if (m_measure)
        {
            // Measurement builds its own project; it needs no project argument.
            CallAfter([this, frame]
                      { finish(frame, run_measurement(*frame, from_wx(m_project))); });
            return true;
        }
        if (options.interactive)
            open_when_active(frame);
        // A non-interactive run without its project is a failure, not a welcome page.
        else if (!open_given_project(*frame))
            m_exit = 1;
        if (!m_script.empty())
        {
            // A step that opens a modal dialog by mistake would wait for a user forever; the
            // dialog's own event loop still runs timers, so the run ends with a reason instead.
            m_watchdog.Bind(wxEVT_TIMER,
                            [](wxTimerEvent&)
                            {
                                std::fprintf(stderr,
                                             "attune: gui-test: not finished after %d s "
                                             "(a dialog waiting for input?)\n",
                                             kScriptLimitSeconds);
                                std::_Exit(3);
                            });
            m_watchdog.StartOnce(kScriptLimitSeconds * 1000);
        }
        if (!m_script.empty())
            CallAfter([this, frame]
                      { finish(frame, run_gui_test_script(*frame, from_wx(m_script))); });
        else if (!m_screenshot.empty())
            CallAfter(
                [this, frame]
                {
                    std::string why;
                    if (m_exit == 0 && !frame->save_screenshot(from_wx(m_screenshot), why))
                    {
                        std::fprintf(stderr, "attune: screenshot: %s\n", why.c_str());
                        m_exit = 1;
                    }
                    finish(frame, m_exit);
                });
        return true;
    }

    // The last line of defence (STYLE.md: one catch per user action lives in MainFrame::run;
    // this one catches what escapes a view refresh, e.g. a disk error while re-reading the
    // project): say what happened and keep the window and the project usable.
    bool OnExceptionInMainLoop() override
    {
        std::string what = "unknown error";
        try
        {
            throw;
        }
        catch (const std::exception& e)
        {
            what = e.what();
        }
        catch (...)
        {
        }
        std::fprintf(stderr, "attune: %s\n", what.c_str());
        if (m_screenshot.empty() && m_script.empty() && !m_measure)
            wxMessageBox(wxString::FromUTF8("Attune could not finish the last action:\n\n") +
                             wxString::FromUTF8(what.c_str()) +
                             wxString::FromUTF8("\n\nYour project is unchanged by it."),
                         "Attune", wxOK | wxICON_WARNING);
        else
            m_exit = 1;
        return true;
    }

    // The process's exit status is OnRun's result (OnExit's is ignored by wx).
    int OnRun() override
    {
        const int rc = wxApp::OnRun();
        return m_exit != 0 ? m_exit : rc;
    }

    void OnInitCmdLine(wxCmdLineParser& parser) override
    {
        wxApp::OnInitCmdLine(parser);
        describe_options(parser);
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override
    {
        if (parser.GetParamCount() > 0)
            m_project = parser.GetParam(0);
        parser.Found("screenshot", &m_screenshot);
        parser.Found("transcript", &m_transcript);
        parser.Found("coder", &m_coder);
        parser.Found("gui-test", &m_script);
        m_measure = parser.Found("measure");
        wxString size;
        if (parser.Found("size", &size))
        {
            long w = 0, h = 0;
            if (!size.BeforeFirst('x').ToLong(&w) || !size.AfterFirst('x').ToLong(&h) || w < 200 ||
                h < 200)
            {
                parser.Usage();
                return false;
            }
            m_size = wxSize(static_cast<int>(w), static_cast<int>(h));
        }
        return wxApp::OnCmdLineParsed(parser);
    }

private:
    /// Opening may ask "Who is coding?": asked once the window manager has put the main window
    /// up and activated it, so that the dialog comes above it (asked before, or just after Show,
    /// openbox put the main window, mapped after the dialog, on top of it). Without a window
    /// manager nothing activates it: a second is the limit.
    void open_when_active(MainFrame* frame)
    {
        auto opened = std::make_shared<bool>(false);
        auto open_once = [this, frame, opened]
        {
            if (!*opened)
            {
                *opened = true;
                open_given_project(*frame);
            }
        };
        frame->Bind(wxEVT_ACTIVATE,
                    [frame, open_once](wxActivateEvent& e)
                    {
                        e.Skip();
                        if (e.GetActive())
                            frame->CallAfter(open_once);
                    });
        m_open_timer.Bind(wxEVT_TIMER, [open_once](wxTimerEvent&) { open_once(); });
        m_open_timer.StartOnce(1000);
    }

    /// The project named on the command line, and its transcript; false when one was named
    /// and did not open.
    bool open_given_project(MainFrame& frame)
    {
        if (!m_project.empty() && !frame.open_project(std::filesystem::path(from_wx(m_project))))
            return false;
        if (!m_transcript.empty() && frame.session())
            frame.show_transcript_named(from_wx(m_transcript));
        return true;
    }

    void finish(MainFrame* frame, int code)
    {
        if (code != 0)
            m_exit = code;
        frame->Destroy();
        ExitMainLoop();
    }

    wxString m_project;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
    // A sanitizer build runs up to ten times slower (Open demo project builds the demo with a
    // few hundred sanitized attune-cli runs); the same scripts get more time.
    static constexpr int kScriptLimitSeconds = 1200;
#else
    // Open demo project builds the demo with a few hundred attune-cli runs: ~40 s on an idle
    // 2-core machine, near 60 s beside another test; the limit leaves room for a loaded CI.
    static constexpr int kScriptLimitSeconds = 180;
#endif
    wxTimer m_watchdog;
    wxTimer m_open_timer; ///< opens the project named when no window manager activates the frame
    wxString m_screenshot;
    wxString m_transcript;
    wxString m_coder;
    wxString m_script;
    wxSize m_size = wxDefaultSize;
    bool m_measure = false;
    int m_exit = 0;
};

} // namespace attune::app

wxIMPLEMENT_APP_NO_MAIN(attune::app::AttuneApp);

// --help and --version answer before GTK starts, so they work without a display (over ssh, in
// scripts); everything else goes through the wxApp.
int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--")
            break;
        if (arg == "--version")
        {
            std::printf("attune %s\n", attune::kVersion);
            return 0;
        }
        if (arg == "-h" || arg == "--help")
        {
            wxCmdLineParser parser(argc, argv);
            parser.AddSwitch("h", "help", "show this help message", wxCMD_LINE_OPTION_HELP);
            parser.AddSwitch("", "verbose", "generate verbose log messages");
            attune::app::describe_options(parser);
            parser.SetLogo("attune: the Attune workbench for coding Adult Attachment Interview "
                           "transcripts.\nOpens PROJECT (or the welcome page); docs/user-guide.md "
                           "describes the window.");
            std::fputs(parser.GetUsageString().utf8_str().data(), stdout);
            return 0;
        }
    }
    return wxEntry(argc, argv);
}
