// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Colour checks for the scheme palette: highlighted text must stay readable, and highlights
// drawn as lines must stand out from the page.

#include <cstdint>

namespace attune::app {

/// The transcript's text and page colours and the first lane's tint opacity (of 255).
inline constexpr std::uint32_t kTextColour = 0x202020;
inline constexpr std::uint32_t kPageColour = 0xFFFFFF;
inline constexpr int kTintAlpha = 80;

/// WCAG 2 contrast ratio of two 0xRRGGBB colours, 1 … 21.
double contrast_ratio(std::uint32_t a, std::uint32_t b);
/// `over` drawn with opacity alpha/255 on `under`.
std::uint32_t blend(std::uint32_t over, std::uint32_t under, int alpha);
/// Contrast of the text on a passage tinted with a code's colour (lane 0).
double text_on_tint_contrast(std::uint32_t code_rgb);
/// Contrast of a code's colour drawn as an underline or outline on the page (deeper lanes).
double line_on_page_contrast(std::uint32_t code_rgb);

} // namespace attune::app
