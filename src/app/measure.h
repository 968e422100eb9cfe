// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace attune::app
{

class MainFrame;

/// `attune --measure [DEMO.attune]`: builds a temporary project with a 50,000-word transcript and
/// 5,000 annotations, times showing it highlighted and applying a code through the real frame,
/// and reports the resident memory with that project and, if given, with DEMO open. Prints
/// "name value unit" lines on stdout; returns the exit code.
int run_measurement(MainFrame& frame, const std::string& demo_project);

/// Resident set size of this process in MB (from /proc/self/status), or -1.
double resident_mb();

} // namespace attune::app
