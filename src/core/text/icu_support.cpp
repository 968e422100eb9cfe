// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/icu_support.h"

#include "core/base/error.h"

#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include <memory>

namespace attune::text::detail
{

icu::UnicodeString to_ustring(std::string_view utf8)
{
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
}

std::string to_utf8(const icu::UnicodeString& s)
{
    std::string out;
    s.toUTF8String(out);
    return out;
}

icu::BreakIterator& word_iterator()
{
    thread_local std::unique_ptr<icu::BreakIterator> it;
    if (!it)
    {
        UErrorCode status = U_ZERO_ERROR;
        it.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        // Fails only without ICU's data library, which the build links: an installation bug.
        ATTUNE_ASSERT(U_SUCCESS(status) && it);
    }
    return *it;
}

void for_each_word(const icu::UnicodeString& s,
                   const std::function<void(CpOffset begin, CpOffset end)>& f)
{
    auto& it = word_iterator();
    it.setText(s);
    const char16_t* units = s.getBuffer();
    std::int32_t prev = it.first();
    CpOffset cp = 0;
    for (std::int32_t next = it.next(); next != icu::BreakIterator::DONE; next = it.next())
    {
        // Boundaries come in order, so one running count converts them to code points.
        const CpOffset begin = cp;
        for (std::int32_t u = prev; u < next; ++u)
            if (!(U16_IS_TRAIL(units[u]) && u > 0 && U16_IS_LEAD(units[u - 1])))
                ++cp;
        if (it.getRuleStatus() >= UBRK_WORD_NONE_LIMIT)
            f(begin, cp);
        prev = next;
    }
}

} // namespace attune::text::detail
