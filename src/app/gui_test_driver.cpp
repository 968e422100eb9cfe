// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui_test_driver.h"

#include "app/transcript_view.h"

#include <wx/app.h>
#include <wx/utils.h>

namespace attune::app
{

GuiTestDriver::GuiTestDriver(GuiTestTarget& target) : m_target(target)
{
    add_action_verbs(m_verbs);
    add_input_verbs(m_verbs);
    add_check_verbs(m_verbs);
    add_compare_verbs(m_verbs);
}

std::string GuiTestDriver::run(const TestWords& w)
{
    const std::string& cmd = w[0];
    if (cmd == "fails" && w.size() > 1)
    {
        // The inner command must fail (and the app must stay usable).
        const std::string inner = run({w.begin() + 1, w.end()});
        return inner.empty() ? "expected '" + w[1] + "' to fail" : "";
    }
    TestContext context{m_target, m_target.test_widgets()};
    if (cmd.rfind("expect-", 0) != 0)
        m_target.clear_last_error(); // each action reports only its own failure
    if (cmd != "screenshot" && context.ui.view->CallTipActive())
        context.ui.view->CallTipCancel(); // as moving the mouse away would
    const auto verb = m_verbs.find(cmd);
    const bool known = verb != m_verbs.end() && w.size() >= verb->second.arguments + 1;
    if (!m_target.session() && (!known || verb->second.needs_project))
        return "no project is open";
    if (!known)
        return "unknown command or missing arguments: " + cmd;
    return verb->second.run(context, w);
}

std::string opt(const std::string& s)
{
    return s == "-" ? std::string() : s;
}

void settle(int ms)
{
    for (int i = 0; i < ms / 10; ++i)
    {
        wxTheApp->Yield(true);
        wxMilliSleep(10);
    }
}

} // namespace attune::app
