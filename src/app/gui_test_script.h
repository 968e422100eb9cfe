// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace attune::app
{

class MainFrame;

/// Splits a script line into words; "double quotes" group words, '#' starts a comment.
std::vector<std::string> split_script_line(const std::string& line);

/// Runs a GUI test script (one command per line, see gui_test_driver.h) against the
/// frame. Prints each failure as "SCRIPT:LINE: error: …" on stderr; returns the exit code.
int run_gui_test_script(MainFrame& frame, const std::filesystem::path& script);

} // namespace attune::app
