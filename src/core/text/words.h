// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/text/text_index.h"

#include <memory>
#include <string_view>

namespace attune::text
{

/// Word boundaries of one text (ICU word BreakIterator, root locale), for snapping selections.
/// Build it once per transcript: construction is O(n), each query O(log n) amortised.
class WordBoundaries
{
public:
    explicit WordBoundaries(std::string_view utf8);
    ~WordBoundaries();
    WordBoundaries(WordBoundaries&&) noexcept;
    WordBoundaries& operator=(WordBoundaries&&) noexcept;

    /// Snaps a selection outward to whole words, then trims white space at both ends:
    ///  - a begin inside a word moves back to the word's start, an end inside a word moves
    ///    forward to the word's end (so a partly selected word is taken whole);
    ///  - an empty selection inside a word becomes that word; elsewhere it stays empty;
    ///  - punctuation next to a word is kept only when it was selected.
    /// The range is clamped to [0, size] first; the result never grows past the words touched.
    CpRange snap(CpRange selection) const;

    /// The word (letters, digits, kana, ideographs) containing `cp`, or an empty range at `cp`.
    CpRange word_at(CpOffset cp) const;

    /// Number of words (segments with a letter, number, kana or ideograph rule status).
    int word_count() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// One-off convenience: WordBoundaries(utf8).snap(selection).
CpRange snap_to_words(std::string_view utf8, CpRange selection);

/// Words in `utf8` as counted by WordBoundaries::word_count().
int count_words(std::string_view utf8);

} // namespace attune::text
