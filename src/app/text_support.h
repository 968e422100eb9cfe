// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The transcript view's questions to core's text module: speaker turns for styling and
// case/accent-insensitive find. Kept in one file so the view does not depend on its details.

#include "core/text/words.h"

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

/// An AAI question section of a transcript (markers such as "[Q3: Adjectives for father]",
/// core/text/structure.h), in code points.
struct ViewSection
{
    std::string id;    ///< "Q3"
    std::string title; ///< "Adjectives for father"; may be empty
    std::int64_t begin = 0;
    int line = 0; ///< 1-based line of the marker
    /// "Q3: Adjectives for father", or "Q3" without a title.
    std::string label() const { return title.empty() ? id : id + ": " + title; }
};

/// The question sections in text order.
std::vector<ViewSection> question_sections(const std::string& text);

/// The section to go to from code point `cp`: the next one starting after it (`step` +1), or
/// the previous one (`step` -1: the start of the section `cp` is in when `cp` is past that
/// start, else the one before). -1 when there is none that way.
int section_step(const std::vector<ViewSection>& sections, std::int64_t cp, int step);

/// A passage's start or end (`move_end`) moved by one word (`step` +1 right, -1 left) over the
/// words of `words` (core's ICU word rules); `size` is the text's length in code points. The
/// end goes to the next / previous word end, the start to the previous / next word start;
/// never past the other end. Nothing when there is no word that way.
std::optional<std::pair<std::int64_t, std::int64_t>>
nudge_span(const text::WordBoundaries& words, std::int64_t size, std::int64_t start,
           std::int64_t end, bool move_end, int step);

} // namespace attune::app
