// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/dnd.h>

#include <filesystem>
#include <functional>
#include <vector>

namespace attune::app
{

/// Takes file drops for a control that would otherwise swallow them: a wxStyledTextCtrl sets a
/// text drop target of its own, so files dropped on the transcript never reached the frame's
/// wxEVT_DROP_FILES handler and nothing happened. This target hands the files to `on_drop`
/// (the frame's own drop handling), so a drop on the text does what a drop anywhere else does.
class FileDropForwarder : public wxFileDropTarget
{
public:
    using Handler = std::function<void(const std::vector<std::filesystem::path>&)>;
    explicit FileDropForwarder(Handler on_drop) : m_on_drop(std::move(on_drop)) {}

    bool OnDropFiles(wxCoord x, wxCoord y, const wxArrayString& files) override;

private:
    Handler m_on_drop;
};

} // namespace attune::app
