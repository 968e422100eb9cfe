// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the session needs to know about a transcript's text, computed once at import.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace attune::project
{

/// Facts stored with a transcript row.
struct TextFacts
{
    std::string sha256;
    std::int64_t words = 0;
    std::int64_t turns = 0;
    std::int64_t lines = 0;
};

/// Hash, word count, speaker turns (default AAI labels) and display lines of a text.
TextFacts text_facts(const std::string& text);

/// Maps spans of an old text version onto a new one through their common prefix and suffix:
/// spans entirely inside either move (the suffix by the length difference); spans touching the
/// changed middle cannot be mapped.
class SpanRemap
{
public:
    SpanRemap(std::int64_t prefix, std::int64_t old_suffix_start, std::int64_t delta)
        : m_prefix(prefix), m_old_suffix_start(old_suffix_start), m_delta(delta)
    {
    }
    std::optional<std::pair<std::int64_t, std::int64_t>> map(std::int64_t start,
                                                             std::int64_t end) const;

private:
    std::int64_t m_prefix;           ///< code points [0, prefix) are identical
    std::int64_t m_old_suffix_start; ///< old [this, len) equals the new text's tail
    std::int64_t m_delta;            ///< new length − old length
};

SpanRemap make_remap(std::string_view old_text, std::string_view new_text);

} // namespace attune::project
