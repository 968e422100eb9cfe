// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Colour checks for the scheme palette: highlighted text must stay readable, and highlights
// drawn as lines must stand out from the page.

#include <cstdint>

namespace attune::app
{

/// The transcript's text and page colours.
inline constexpr std::uint32_t kTextColour = 0x202020;
inline constexpr std::uint32_t kPageColour = 0xFFFFFF;
/// Contrast the text keeps on a highlighted passage (WCAG AAA for body text) and that a line
/// highlight keeps against the page (WCAG's 3:1 for graphics).
inline constexpr double kMinTextContrast = 7.0;
inline constexpr double kMinLineContrast = 3.0;

/// WCAG 2 contrast ratio of two 0xRRGGBB colours, 1 … 21.
double contrast_ratio(std::uint32_t a, std::uint32_t b);
/// `over` drawn with opacity alpha/255 on `under`.
std::uint32_t blend(std::uint32_t over, std::uint32_t under, int alpha);
/// The fill drawn under a passage coded with `code_rgb` (first overlap lane): the code's colour
/// as strong as it can be while the text keeps kMinTextContrast — pastel scheme colours stay as
/// they are, saturated ones are lightened towards the page.
std::uint32_t fill_colour(std::uint32_t code_rgb);
/// The colour of the underline or outline for deeper lanes: the code's hue, darkened until it
/// keeps kMinLineContrast against the page (a pastel underline would be invisible).
std::uint32_t line_colour(std::uint32_t code_rgb);

} // namespace attune::app
