// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/string.h>

#include <string>
#include <string_view>

namespace attune::app
{

/// Core strings are UTF-8 std::string; these are the only conversions to and from wxString.
wxString to_wx(std::string_view utf8);
std::string from_wx(const wxString& s);

} // namespace attune::app
