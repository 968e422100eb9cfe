// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/scheme_view.h"

namespace attune::app
{

const CodeItem* find_code(const std::vector<SchemeView>& views, const std::string& scheme_id,
                          const std::string& code)
{
    for (const auto& v : views)
        if (v.id == scheme_id)
            for (const auto& c : v.codes)
                if (!c.is_group && c.id == code)
                    return &c;
    return nullptr;
}

} // namespace attune::app
