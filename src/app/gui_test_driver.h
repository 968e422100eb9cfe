// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GUI-test driver (--gui-test SCRIPT): one verb per script line, each driving the same
// widget or handler a user's action reaches, through the frame's GuiTestTarget. The verbs are a
// table (name → arguments needed, handler), filled by the gui_test_verbs_*.cpp files.

#include "app/gui_test_target.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace attune::app
{

using TestWords = std::vector<std::string>;

/// What a verb's handler works on.
struct TestContext
{
    GuiTestTarget& target;
    TestWidgets ui;
};

struct TestVerb
{
    std::size_t arguments = 0; ///< at least this many words after the verb
    bool needs_project = true; ///< refused with "no project is open" otherwise
    std::function<std::string(TestContext&, const TestWords&)> run; ///< "" when it passed
};

using TestVerbTable = std::map<std::string, TestVerb>;

/// Selecting, typing, menus, tabs, files (gui_test_verbs_actions.cpp).
/// A script's "-" (nothing) as an empty string; any other word as it is.
std::string opt(const std::string& s);

/// Lets the event loop run for about `ms` milliseconds (layout, paint, queued events).
void settle(int ms);

void add_action_verbs(TestVerbTable& verbs);
/// Real X input: key presses, clicks, wheel, drags (gui_test_verbs_input.cpp).
void add_input_verbs(TestVerbTable& verbs);
/// expect-… checks of what the window shows (gui_test_verbs_checks.cpp).
void add_check_verbs(TestVerbTable& verbs);
/// The compare view's checks (gui_test_verbs_compare.cpp).
void add_compare_verbs(TestVerbTable& verbs);

class GuiTestDriver
{
public:
    explicit GuiTestDriver(GuiTestTarget& target);

    /// Runs one script line's words; "" on success, else why not.
    std::string run(const TestWords& words);

private:
    GuiTestTarget& m_target;
    TestVerbTable m_verbs;
};

} // namespace attune::app
