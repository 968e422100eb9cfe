// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Speaker turns, lines, words and AAI question sections of a transcript.

#include "core/base/result.h"
#include "core/text/text_index.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attune::text
{

/// Who speaks in a turn.
enum class Role
{
    Interviewer,
    Respondent,
    Other, ///< a label the rules know but map to neither (e.g. a second interviewer "X")
};

/// "interviewer", "respondent", "other".
const char* to_string(Role role) noexcept;

/// A speaker label and the role it stands for.
struct SpeakerLabel
{
    std::string label; ///< without the colon, e.g. "I", "Interviewer"
    Role role = Role::Other;
};

/// How speaker turns are recognised.
///
/// A line starts a turn when, after optional spaces or tabs, it begins with one of `labels`
/// (compared case-insensitively for ASCII letters) directly followed by ':'. When `pattern` is
/// not empty it is tried too (after the labels): an ICU regular expression matched at the start
/// of the line (leading spaces/tabs skipped); capture group 1, or the whole match if the pattern
/// has no group, is the label, and its role comes from `labels` when listed there (compared
/// the same way) or is Role::Other. An invalid pattern is reported by validate_rules().
struct SpeakerRules
{
    std::vector<SpeakerLabel> labels = default_labels();
    std::string pattern;

    /// I, Interviewer → interviewer; R, S, P, Respondent → respondent (S subject, P participant).
    static std::vector<SpeakerLabel> default_labels();
};

/// One speaker turn: from its label line up to the line before the next label line or section
/// marker, trailing blank lines excluded. Text before the first label belongs to no turn.
struct Turn
{
    std::string label; ///< as written in the text, e.g. "Interviewer"
    Role role = Role::Other;
    CpOffset begin = 0;         ///< first code point of the label (after leading white space)
    CpOffset end = 0;           ///< end of the turn's last non-blank line (its '\n' excluded)
    CpOffset content_begin = 0; ///< first code point after "LABEL:" and following spaces
    int first_line = 0;         ///< 1-based
    int last_line = 0;
    int word_count = 0; ///< words of the content (the label is not counted)
};

/// An AAI protocol question section.
///
/// Convention: a line whose text (leading spaces/tabs ignored) is a marker
///   `[Q<n>]` or `[Q<n>: title]`   or   `## Q<n>` / `## Q<n> title`
/// starts a section; <n> is 1–3 digits optionally followed by one lower-case letter ("Q3",
/// "Q12b"); the "Q" may also be "q". The section runs to the next marker or the end of the text.
/// Marker lines are part of the text (never removed) but not of any turn, and their words are
/// not counted.
struct Section
{
    std::string id;     ///< normalised "Q3", "Q12b"
    std::string title;  ///< text after the id, trimmed; may be empty
    CpOffset begin = 0; ///< start of the marker line
    CpOffset end = 0;   ///< start of the next marker line, or the text's size
    int first_line = 0;
    int last_line = 0;
};

/// Structure of a transcript.
struct TranscriptStructure
{
    std::vector<Turn> turns;
    CpOffset length = 0; ///< code points of the whole text (code_point_count)
    int line_count = 0;  ///< as TextIndex::line_count()
    int word_count = 0;  ///< ICU word segments of the whole text minus labels and markers
    std::vector<Section> sections;
};

/// Checks `rules.pattern` (when set) and the labels (non-empty, no ':' or line break).
/// Errors: ErrorCode::InvalidArgument naming the problem (ICU's message for a bad pattern).
[[nodiscard]] Result<void> validate_rules(const SpeakerRules& rules);

/// Whether analyze_structure counts words (ICU word segmentation, most of its time).
enum class WordCounts
{
    Count,
    Skip, ///< word_count fields stay 0 (turns, lines and sections only)
};

/// Analyses `text` (NFC UTF-8 with '\n' line endings, as produced by decode_text). Rules with an
/// invalid pattern are used without the pattern (check them first with validate_rules).
TranscriptStructure analyze_structure(std::string_view text, const SpeakerRules& rules,
                                      WordCounts words = WordCounts::Count);

} // namespace attune::text
