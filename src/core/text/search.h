// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/text/text_index.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attune::text
{

/// Search folding: canonical decomposition, non-spacing marks (Mn) removed, full Unicode case
/// folding. "Résumé" and "RESUME" both fold to "resume", "Straße" to "strasse".
std::string fold_for_search(std::string_view utf8);

/// Case- and accent-insensitive search in one text. Folds the text once; every hit is reported
/// as a code-point range of the ORIGINAL text, widened to whole characters when a hit starts or
/// ends inside a character's folding (the "s" of "ß") and including combining marks that follow
/// the last matched character.
class TextSearcher
{
public:
    explicit TextSearcher(std::string_view utf8);

    /// Non-overlapping hits, left to right. An empty query (after folding) finds nothing.
    std::vector<CpRange> find_all(std::string_view query) const;

private:
    std::u32string m_folded;
    /// For each folded code point, the original code point it came from.
    std::vector<CpOffset> m_origin;
    CpOffset m_size = 0;
    /// For each original code point k: one past k and the marks after it that folded to nothing.
    std::vector<CpOffset> m_extent;
};

/// One-off convenience: TextSearcher(text).find_all(query).
std::vector<CpRange> find_all(std::string_view text, std::string_view query);

/// The bounds of one search query, for the project-wide search (`attune-cli search`, the
/// workbench) and the find bar alike: the work a query costs grows with its terms, so a query
/// has at most kMaxSearchTerms words and kMaxSearchQueryLength code points.
inline constexpr std::size_t kMaxSearchTerms = 64;
inline constexpr std::size_t kMaxSearchQueryLength = 1000;

/// One word of a full-text query, folded (fold_for_search); `prefix` for `word*`.
struct SearchTerm
{
    std::string folded;
    bool prefix = false;
};

/// The words of a full-text query in FTS5 syntax (words, "phrases", prefix*, AND/OR/NOT/NEAR,
/// parentheses): the operators are not terms, a phrase's words each are. Only the words are
/// read here; the syntax itself is SQLite's to check. Errors: InvalidArgument "the search query
/// has N words: too many terms (max 64)" or "the search query is N characters long: too long
/// (max 1000)".
[[nodiscard]] Result<std::vector<SearchTerm>> search_terms(std::string_view query);

/// A hit's context: the window of at most `max_words` words of `line` holding the most words
/// that match `terms` (whole folded words, or their start for a prefix term), each match in
/// [brackets], "…" where the line goes on. Linear in the line's length for any number of terms.
std::string search_snippet(std::string_view line, const std::vector<SearchTerm>& terms,
                           std::size_t max_words = 16);

} // namespace attune::text
