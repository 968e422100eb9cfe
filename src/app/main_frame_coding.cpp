// SPDX-License-Identifier: GPL-3.0-or-later
// The coder's actions on the transcript on show, as the main window takes them: a code applied
// to the selection, ratings, classifications, memos and deletions. The rules and commands are
// the coding controller's (coding_controller.h); this file asks the person and shows the result.
#include "app/main_frame.h"

#include "app/annotation_list_panel.h"
#include "app/classification_panel.h"
#include "app/ratings_panel.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include <algorithm>
#include <tuple>

namespace attune::app
{

bool MainFrame::apply_code(const CodeItem& code)
{
    if (!session() || !m_current || code.is_group)
        return false;
    const auto sel = m_view->selection_cp();
    if (!sel)
    {
        show_message("Select a passage in the transcript first, then choose \"" + code.name +
                     "\".");
        return false;
    }
    // The new row reaches the list through the session's notification (update_codings).
    const auto uuid = m_coding.apply_code(m_current, code, sel->first, sel->second);
    if (!uuid)
        return false;
    m_annotations->select_uuid(*uuid);
    // Collapse the selection so the new highlight shows at once in its own colour.
    m_view->SetEmptySelection(m_view->GetSelectionEnd());
    return true;
}

void MainFrame::update_codings(const project::Changed& changed)
{
    if (changed.everything)
        return refresh_codings();
    // Only the annotations the change names are read again, each put where the store's order
    // (start, end, id) puts it, so the common case does not re-read the whole transcript.
    const auto in_order = [](const project::Annotation& x, const project::Annotation& y)
    { return std::tie(x.start, x.end, x.id) < std::tie(y.start, y.end, y.id); };
    for (const auto& uuid : changed.annotations)
    {
        m_visible.erase(std::remove_if(m_visible.begin(), m_visible.end(),
                                       [&](const project::Annotation& a)
                                       { return a.uuid == uuid; }),
                        m_visible.end());
        auto a = session()->annotation(uuid);
        if (!a || a->transcript_id != m_current || (m_blind && a->coder_id != coder().id))
            continue;
        m_visible.insert(std::upper_bound(m_visible.begin(), m_visible.end(), a.value(), in_order),
                         a.value());
    }
    show_codings();
}

void MainFrame::rate(const ScaleItem& scale, const std::string& target, const RatingChoice& choice,
                     const std::string& note)
{
    if (session() && m_current && !m_coding.rate(m_current, scale, target, choice, note))
        refresh_ratings(); // put the chooser back to what is stored
}

void MainFrame::classify(const ClassificationChoice& choice, bool deliberate)
{
    if (!session() || !m_current)
        return;
    if (const auto unsaved = m_coding.classify(m_current, choice, deliberate))
        m_classification->show_unsaved(*unsaved);
}

bool MainFrame::may_leave_transcript()
{
    if (!session() || !m_current)
        return true;
    // Notes typed but not yet saved are saved like every other action.
    m_ratings->commit_notes();
    m_classification->commit_note();
    if (!m_classification->has_unsaved())
        return true;
    const std::string what = "The classification " + m_classification->unsaved_summary() +
                             " is not saved yet: " + m_classification->unsaved_reason() + ".";
    if (!m_options.interactive)
    {
        // No one to ask (a script): stay, and say why, as the question would.
        show_error(what, "Complete the classification (or clear it) before moving on.");
        return false;
    }
    wxMessageDialog ask(this, to_wx(what + "\n\nLeave it unsaved?"), "Unsaved classification",
                        wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    ask.SetYesNoLabels("&Leave without saving", "&Stay and complete it");
    return ask.ShowModal() == wxID_YES;
}

std::string MainFrame::focused_annotation() const
{
    std::string uuid = m_annotations->selected_uuid();
    if (!uuid.empty())
        return uuid;
    // Otherwise the innermost own annotation under the caret.
    const std::int64_t cp = m_view->positions().byte_to_cp(m_view->GetCurrentPos());
    std::int64_t best = -1;
    for (const auto& a : m_visible)
        if (a.coder_id == coder().id && a.start <= cp && cp < a.end &&
            (best < 0 || a.end - a.start < best))
        {
            best = a.end - a.start;
            uuid = a.uuid;
        }
    return uuid;
}

void MainFrame::edit_memo(const std::string& uuid, std::optional<std::string> text)
{
    if (!session() || uuid.empty())
        return;
    const auto a = m_coding.own_annotation(uuid, "change");
    if (!a)
        return;
    if (!text)
    {
        wxTextEntryDialog dlg(
            this,
            to_wx("Memo for \"" + code_display_name(&m_schemes, a->scheme_id, a->code) + "\":"),
            "Annotation memo", to_wx(a->memo), wxOK | wxCANCEL | wxTE_MULTILINE);
        dlg.SetSize(wxSize(480, 260));
        if (dlg.ShowModal() != wxID_OK)
            return;
        text = from_wx(dlg.GetValue());
    }
    m_coding.set_memo(uuid, *text);
}

void MainFrame::delete_annotation(const std::string& uuid)
{
    if (session() && !uuid.empty())
        m_coding.delete_annotation(uuid);
}

std::string MainFrame::hover_text(std::int64_t cp) const
{
    std::string out;
    for (const auto& a : m_visible)
        if (a.start <= cp && cp < a.end)
        {
            if (!out.empty())
                out += "\n";
            out += code_display_name(&m_schemes, a.scheme_id, a.code);
            if (!m_blind || a.coder_id != coder().id)
                out +=
                    "  (" +
                    m_annotations->rows().cell(
                        static_cast<std::size_t>(std::max(0, m_annotations->rows().row_of(a.uuid))),
                        AnnotationColumn::Coder) +
                    ")";
            if (!a.memo.empty())
                out += "\n    " + a.memo;
        }
    return out;
}

} // namespace attune::app
