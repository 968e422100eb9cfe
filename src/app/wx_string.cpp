// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/wx_string.h"

namespace attune::app
{

wxString to_wx(std::string_view utf8)
{
    return wxString::FromUTF8(utf8.data(), utf8.size());
}

std::string from_wx(const wxString& s)
{
    const wxScopedCharBuffer buf = s.utf8_str();
    return std::string(buf.data(), buf.length());
}

} // namespace attune::app
