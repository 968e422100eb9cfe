// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/import_naming.h"

#include "core/text/names.h"

#include <string_view>

namespace attune::app
{

namespace
{

bool is_ascii_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); // ASCII only, whatever the locale
}
bool is_ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

// 1–4 letters, then 1–5 digits, and nothing else: participant ids as studies write them (P03,
// S112, AAI07). Longer runs are dates, years or interview numbers rather than people.
bool looks_like_participant(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && is_ascii_alpha(s[i]))
        ++i;
    const std::size_t letters = i;
    while (i < s.size() && is_ascii_digit(s[i]))
        ++i;
    const std::size_t digits = i - letters;
    return i == s.size() && letters >= 1 && letters <= 4 && digits >= 1 && digits <= 5;
}

} // namespace

ImportNames suggested_names(const std::filesystem::path& file)
{
    ImportNames out;
    out.title = text::name_from(file.filename().string());
    const std::string stem = file.stem().string();
    const std::string first = stem.substr(0, stem.find_first_of("_-. "));
    if (looks_like_participant(first))
        out.participant = first;
    return out;
}

} // namespace attune::app
