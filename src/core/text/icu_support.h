// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Module-internal ICU helpers: conversions and word segmentation with code-point offsets.

#include "core/base/cp_offset.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <functional>
#include <string>
#include <string_view>

namespace attune::text::detail
{

icu::UnicodeString to_ustring(std::string_view utf8);
std::string to_utf8(const icu::UnicodeString& s);

/// A word BreakIterator (root locale) for this thread, created once: ICU's rule loading costs far
/// more than segmenting a transcript.
icu::BreakIterator& word_iterator();

/// Calls `f(begin, end)` with code-point offsets for every word segment of `s` whose rule status
/// says it holds a letter, number, kana or ideograph (punctuation and spaces are not words).
void for_each_word(const icu::UnicodeString& s,
                   const std::function<void(CpOffset begin, CpOffset end)>& f);

} // namespace attune::text::detail
