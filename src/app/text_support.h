// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The transcript view's questions to core's text module: speaker turns for styling and
// case/accent-insensitive find. Kept in one file so the view does not depend on its details.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attune::app
{

/// A speaker turn's label ("I:", "R:") and whether the interviewer speaks, in code points.
struct ViewTurn
{
    std::int64_t label_start = 0;
    std::int64_t label_end = 0;
    std::int64_t text_end = 0; ///< end of the turn's text
    bool interviewer = false;
};

/// Speaker turns of a transcript (label spans and interviewer flag), in code points.
std::vector<ViewTurn> speaker_turns(const std::string& text);

/// The next match of `query` at or after `from` (or, backwards, the last one ending at or
/// before `from`), wrapping around; case- and accent-insensitive. Nothing when absent.
std::optional<std::pair<std::int64_t, std::int64_t>>
find_in_text(const std::string& text, const std::string& query, std::int64_t from, bool forward);

/// Code-point start of each line (line 1 first), split at '\n' as `attune-cli show` does.
std::vector<std::int64_t> line_starts(const std::string& text);

} // namespace attune::app
