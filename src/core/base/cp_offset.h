// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace attune
{

/// A position in a transcript counted in Unicode code points from the start of its NFC text.
/// Core stores and exchanges only these; UTF-8 byte and UTF-16 unit positions exist at the edges
/// (widgets, ICU) and are converted through text::TextIndex.
using CpOffset = std::int64_t;

/// A half-open range [begin, end) of code points.
struct CpRange
{
    CpOffset begin = 0;
    CpOffset end = 0;

    CpOffset size() const noexcept { return end - begin; }
    bool empty() const noexcept { return end <= begin; }
    friend bool operator==(const CpRange&, const CpRange&) = default;
};

} // namespace attune
