// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the main window's controllers (project_controller.h, coding_controller.h) need from the
// window: to run a command as a user action and to say what happened.

#include "core/base/error.h"
#include "core/project/session.h"

#include <optional>
#include <string>

namespace attune::app
{

class WorkbenchUi
{
public:
    virtual ~WorkbenchUi() = default;

    /// Runs a command through the open session as one user action (STYLE.md: the one catch
    /// per user action); a failure is shown in plain words and gives nullopt.
    virtual std::optional<project::Outcome> run(const project::Command& command,
                                                const std::string& what) = 0;
    /// Shows a failure: what did not work, and the details behind "Details…".
    virtual void show_error(const std::string& what, const Error& error) = 0;
    virtual void show_error(const std::string& what, const std::string& detail) = 0;
    virtual void show_message(const std::string& text) = 0;
};

} // namespace attune::app
