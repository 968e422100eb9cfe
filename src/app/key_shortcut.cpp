// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/key_shortcut.h"
#include "core/scheme/scheme.h"

#include <array>
#include <string_view>

namespace attune::app
{

std::string shortcut_from_key(bool ctrl, bool alt, bool shift, int key)
{
    std::string k;
    if (key >= 'a' && key <= 'z')
        k = std::string(1, static_cast<char>(key - 'a' + 'A'));
    else if ((key >= 'A' && key <= 'Z') || (key >= '0' && key <= '9'))
        k = std::string(1, static_cast<char>(key));
    else if (key >= 1001 && key <= 1012)
    {
        k = "F"; // appended, not "F" + ...: GCC 12 at -O3 reports a false -Wrestrict there
        k += std::to_string(key - 1000);
    }
    else
        return {};
    return scheme::shortcut_text(ctrl, alt, shift, k);
}

bool is_reserved_shortcut(const std::string& normalised)
{
    // Ctrl+0 is not reserved: the shipped state-of-mind scheme gives it to a code, so normal
    // size is Ctrl+Alt+0.
    static constexpr std::array<std::string_view, 18> kReserved = {
        "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+F", "Ctrl+G",   "Ctrl+O",
        "Ctrl+N", "Ctrl+Q",       "Ctrl+W", "Ctrl+C", "Ctrl+A",   "Ctrl+M",
        "Ctrl+I", "Shift+F3",     "F3",     "F6",     "Shift+F6", "Ctrl+Alt+0"};
    for (auto r : kReserved)
        if (r == normalised)
            return true;
    return false;
}

} // namespace attune::app
