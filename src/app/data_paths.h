// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::app
{

/// Where the data Attune ships lives (schemes, the demo's samples and script, the user guide),
/// found relative to the running program, never through a path compiled into it:
///   - installed: `<prefix>/bin/attune` → `<prefix>/share/attune`, docs
///   `<prefix>/share/doc/attune`;
///   - build tree: `<build>/src/app/attune` → `<build>/share/attune` (links into the sources,
///     made by packaging/CMakeLists.txt), docs `<build>/share/doc/attune`;
///   - `ATTUNE_DATA_DIR=<dir>` overrides both: `<dir>` holds schemes/ and samples/ (a source
///     checkout works too: its docs/ is then the docs).
/// Invariant: `data / "schemes"` is a directory.
struct DataPaths
{
    std::filesystem::path data; ///< holds schemes/ and samples/
    std::filesystem::path docs; ///< holds user-guide.md and images/; empty when none was found
    /// The build tree's root when the program runs from one (`<build>`), else empty.
    std::filesystem::path build_root;

    std::filesystem::path schemes_dir() const { return data / "schemes"; }
    /// A shipped scheme by file stem, e.g. scheme_file("aai-state-of-mind").
    std::filesystem::path scheme_file(std::string_view stem) const;
    std::filesystem::path samples_dir() const { return data / "samples"; }
    /// samples/build-demo: builds the demo project with attune-cli (may be absent in a
    /// distribution that leaves the samples out).
    std::filesystem::path build_demo_script() const { return samples_dir() / "build-demo"; }
    /// A demo project shipped ready-made (`share/attune/demo.attune`); may not exist.
    std::filesystem::path prebuilt_demo() const { return data / "demo.attune"; }
    /// The demo `scripts/setup run` builds into the build tree (`<build>/demo.attune`); empty
    /// for an installed program (whose prefix's parent is no place to look).
    std::filesystem::path build_tree_demo() const;
    /// docs/user-guide.md, or empty when no docs were found.
    std::filesystem::path user_guide() const;
};

/// The data directories tried, in order, for the program at `exe` (an absolute path) given the
/// value of ATTUNE_DATA_DIR (nullopt or empty: unset). When the variable is set it is the only
/// candidate, so that a mistyped override is reported instead of silently falling back.
std::vector<std::filesystem::path>
data_dir_candidates(const std::filesystem::path& exe,
                    const std::optional<std::string>& data_dir_env);

/// The data of the program at `exe`: the first candidate that holds a schemes/ directory, with
/// its docs. Errors: NotFound, naming every directory looked at.
[[nodiscard]] Result<DataPaths> find_data_paths(const std::filesystem::path& exe,
                                                const std::optional<std::string>& data_dir_env);

/// find_data_paths for this process: its executable (/proc/self/exe) and its environment.
[[nodiscard]] Result<DataPaths> find_data_paths();

/// This process's executable, resolved through /proc/self/exe (empty if that fails).
std::filesystem::path executable_path();

} // namespace attune::app
