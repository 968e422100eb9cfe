// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/file_drop_target.h"

#include "app/wx_string.h"

#include <wx/app.h>

namespace attune::app
{

bool FileDropForwarder::OnDropFiles(wxCoord, wxCoord, const wxArrayString& files)
{
    std::vector<std::filesystem::path> paths;
    for (const auto& f : files)
        paths.emplace_back(from_wx(f));
    // After the drag-and-drop exchange is over: importing may show dialogs (names, progress,
    // "import anyway?"), which must not run inside GTK's drop callback.
    if (!paths.empty() && m_on_drop)
        wxTheApp->CallAfter([handler = m_on_drop, paths] { handler(paths); });
    return !paths.empty();
}

} // namespace attune::app
