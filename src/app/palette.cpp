// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/palette.h"

#include <algorithm>
#include <cmath>

namespace attune::app
{

namespace
{

double channel(std::uint32_t rgb, int shift)
{
    const double c = static_cast<double>((rgb >> shift) & 0xFF) / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(std::uint32_t rgb)
{
    return 0.2126 * channel(rgb, 16) + 0.7152 * channel(rgb, 8) + 0.0722 * channel(rgb, 0);
}

} // namespace

double contrast_ratio(std::uint32_t a, std::uint32_t b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::uint32_t blend(std::uint32_t over, std::uint32_t under, int alpha)
{
    std::uint32_t out = 0;
    for (int shift : {16, 8, 0})
    {
        const int o = static_cast<int>((over >> shift) & 0xFF);
        const int u = static_cast<int>((under >> shift) & 0xFF);
        const int c = (o * alpha + u * (255 - alpha) + 127) / 255;
        out |= static_cast<std::uint32_t>(c) << shift;
    }
    return out;
}

std::uint32_t fill_colour(std::uint32_t code_rgb)
{
    for (int alpha = 255; alpha > 40; alpha -= 5)
    {
        const std::uint32_t f = blend(code_rgb, kPageColour, alpha);
        if (contrast_ratio(kTextColour, f) >= kMinTextContrast)
            return f;
    }
    return blend(code_rgb, kPageColour, 40);
}

std::uint32_t line_colour(std::uint32_t code_rgb)
{
    for (int k = 0; k <= 255; k += 5)
    {
        const std::uint32_t c = blend(0x000000, code_rgb, k);
        if (contrast_ratio(c, kPageColour) >= kMinLineContrast)
            return c;
    }
    return 0x000000;
}

} // namespace attune::app
