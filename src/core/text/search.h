// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/text/text_index.h"

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

} // namespace attune::text
