// SPDX-License-Identifier: GPL-3.0-or-later
// Reconciling two coders into a consensus (docs/user-guide.md "Reconciling in the workbench"):
// the Reconcile tab's queue is core's list_disagreements, kept up to date transcript by
// transcript from the Session's change notifications (never listed again whole on F8); each
// decision is core's make_decision run through the Session, one undo step each, committed at
// once, so closing the window halfway loses nothing.
#include "app/main_frame.h"

#include "app/menu_ids.h"
#include "app/reconcile_edit.h"
#include "app/reconcile_panel.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"
#include "core/analysis/disagreements.h"
#include "core/project/scheme_rules.h"
#include "core/text/text_index.h"

#include <wx/notebook.h>
#include <wx/splitter.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace attune::app
{

namespace
{

using analysis::DisagreementKind;
using analysis::Take;

// ATTUNE_RECONCILE_TIMING=1 logs how long a step through the queue takes (the issue's
// 16 ms budget for moving to the next disagreement).
// ATTUNE_RECONCILE_TIMING=1 logs how long a step through the queue and an update take: wall
// clock and this process's CPU time (the 16 ms budget for moving to the next one; on a
// shared machine the wall clock also counts other programs' turns).
struct Timer
{
    std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
    std::clock_t cpu = std::clock();
};

void log_timing(const char* what, const Timer& began, std::size_t queue)
{
    static const bool wanted = std::getenv("ATTUNE_RECONCILE_TIMING") != nullptr;
    if (!wanted)
        return;
    const double wall =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began.wall)
            .count();
    const double cpu = 1000.0 * static_cast<double>(std::clock() - began.cpu) / CLOCKS_PER_SEC;
    std::fprintf(stderr, "reconcile: %s in %.2f ms (CPU %.2f ms; %zu in the queue)\n", what, wall,
                 cpu, queue);
}

// The queue, its details and the actions need most of the side's height: the code tree above
// the tabs gets a strip while reconciling (the coder drags it back when coding again).
void make_room(wxSplitterWindow* side)
{
    const int strip = std::max(110, side->GetSize().y / 5);
    if (side->IsSplit() && side->GetSashPosition() > strip)
        side->SetSashPosition(strip);
}

} // namespace

std::vector<CommandSpec> MainFrame::reconcile_commands()
{
    auto row = [](MenuArea menu, int id, std::string verb, std::string label,
                  std::string accelerator, EnabledWhen enabled, std::function<void()> run)
    {
        CommandSpec r;
        r.menu = menu;
        r.id = id;
        r.verb = std::move(verb);
        r.label = std::move(label);
        r.accelerator = std::move(accelerator);
        r.enabled = enabled;
        r.run = [run](wxCommandEvent&) { run(); };
        return r;
    };
    CommandSpec gap;
    gap.kind = EntryKind::Separator;
    using M = MenuArea;
    using E = EnabledWhen;
    gap.menu = M::View;
    CommandSpec tools_gap = gap;
    tools_gap.menu = M::Tools;
    auto decide = [this](Take t) { return [this, t] { reconcile_decide(t); }; };
    return {
        gap,
        row(M::View, kReconcileOpen, "reconcile", "&Reconcile Disagreements", "Ctrl+Shift+D",
            E::ProjectOpen, [this] { open_reconcile(); }),
        row(M::View, kReconcileNext, "next-disagreement", "Next &Disagreement", "F8",
            E::ProjectOpen, [this] { reconcile_step(+1); }),
        row(M::View, kReconcilePrevious, "previous-disagreement", "Previous Disagreement",
            "Shift+F8", E::ProjectOpen, [this] { reconcile_step(-1); }),
        tools_gap,
        row(M::Tools, kReconcileAcceptA, "accept-a", "Reconcile: Accept &A's Version", "Alt+1",
            E::Writable, decide(Take::A)),
        row(M::Tools, kReconcileAcceptB, "accept-b", "Reconcile: Accept &B's Version", "Alt+2",
            E::Writable, decide(Take::B)),
        row(M::Tools, kReconcileBoth, "accept-both", "Reconcile: Accept Both Passages", "Alt+3",
            E::Writable, decide(Take::Both)),
        row(M::Tools, kReconcileNeither, "accept-neither", "Reconcile: Accept &Neither", "Alt+0",
            E::Writable, decide(Take::Neither)),
        row(M::Tools, kReconcileEdit, "edit-consensus", "Reconcile: &Edit the Consensus\u2026",
            "Alt+4", E::Writable, [this] { reconcile_edit(); }),
        row(M::Tools, kReconcileIdentical, "accept-identical",
            "Reconcile: Accept Every &Identical Passage", "", E::Writable,
            [this] { reconcile_accept_identical(); }),
    };
}

wxWindow* MainFrame::build_reconcile(wxWindow* parent)
{
    m_reconcile = new ReconcilePanel(parent);
    m_reconcile->on_select([this](std::size_t row) { reconcile_show(row); });
    m_reconcile->on_decide([this](Take t) { reconcile_decide(t); });
    m_reconcile->on_edit([this] { reconcile_edit(); });
    m_reconcile->on_accept_identical([this] { reconcile_accept_identical(); });
    // The queue is listed when the tab is first shown, not when the project opens.
    parent->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED,
                 [this](wxBookCtrlEvent& e)
                 {
                     e.Skip();
                     if (m_tabs->GetCurrentPage() != m_reconcile)
                         return;
                     make_room(m_side);
                     if (m_reconcile_stale)
                         load_reconcile();
                 });
    m_reconcile->on_coders(
        [this](const std::string& a, const std::string& b)
        {
            m_reconcile_coders = {a, b};
            load_reconcile();
        });
    return m_reconcile;
}

void MainFrame::reset_reconcile(bool other_project)
{
    if (!m_reconcile)
        return;
    if (other_project)
        m_reconcile_coders.clear();
    m_reconcile_stale = true;
    if (session() && m_tabs->GetCurrentPage() == m_reconcile)
        load_reconcile();
}

bool MainFrame::reconcile_allowed() const
{
    // Reconciling shows every coder's work: a deliberate act (issue 14), so only outside blind
    // mode or for the master and the consensus coder.
    return session() && (!m_blind || coder().role == "master" || coder().role == "consensus");
}

void MainFrame::open_reconcile()
{
    if (!session())
        return;
    const int page = m_tabs->FindPage(m_reconcile);
    if (page != wxNOT_FOUND && m_tabs->GetSelection() != page)
        m_tabs->SetSelection(static_cast<size_t>(page));
    make_room(m_side);
    if (m_reconcile_stale)
        load_reconcile();
    m_reconcile->focus_queue();
}

std::vector<std::string> MainFrame::reconcile_pair() const
{
    if (!m_reconcile_coders.empty())
        return m_reconcile_coders;
    // Core's default is the project's two coders of role coder; with more, the first two who
    // are not the one reconciling (changeable in the tab).
    std::vector<project::Coder> coders;
    for (auto& c : session()->coders())
        if (c.role == "coder")
            coders.push_back(std::move(c));
    if (coders.size() <= 2)
        return {};
    std::sort(coders.begin(), coders.end(),
              [](const auto& x, const auto& y) { return x.id < y.id; });
    std::vector<std::string> pair;
    for (const auto& c : coders)
        if (c.id != coder().id && pair.size() < 2)
            pair.push_back(c.name);
    return pair.size() == 2 ? pair : std::vector<std::string>{};
}

void MainFrame::load_reconcile()
{
    const Timer began;
    if (!session() || !m_reconcile)
        return;
    if (!reconcile_allowed())
    {
        m_reconcile->set_blocked("Reconciling shows every coder's work. Choose View \u2192 Show "
                                 "All Coders' Work first (or work as the master or consensus "
                                 "coder).");
        m_reconcile_stale = true;
        return;
    }
    analysis::DisagreementOptions o;
    o.coders = reconcile_pair();
    auto list = analysis::list_disagreements(*session(), o);
    if (!list)
    {
        m_reconcile->set_blocked("The disagreements cannot be listed: " + list.error().message);
        m_reconcile_stale = true;
        return;
    }
    m_reconcile->set_blocked("");
    std::vector<std::string> names;
    for (const auto& c : session()->coders())
        if (c.role != "consensus")
            names.push_back(c.name);
    m_reconcile->set_coders(names, list->coder_a, list->coder_b);
    m_reconcile_coders = {list->coder_a, list->coder_b};
    std::vector<scheme::ConsensusReason> reasons;
    for (const auto& s : m_scheme_models)
        for (const auto& r : s->consensus_reasons())
            if (std::none_of(reasons.begin(), reasons.end(),
                             [&](const auto& have) { return have.id == r.id; }))
                reasons.push_back(r);
    m_reconcile->set_reasons(reasons);
    m_reconcile->queue().set(std::move(*list));
    m_reconcile_identical.clear();
    count_identical(o);
    m_reconcile->refresh();
    m_reconcile_stale = false;
    log_timing("listing every disagreement", began, m_reconcile->queue().total());
}

void MainFrame::count_identical(analysis::DisagreementOptions o)
{
    o.coders = m_reconcile_coders;
    auto same = analysis::identical_passage_decisions(*session(), o, "");
    if (o.transcripts.empty())
        m_reconcile_identical.clear();
    if (same)
        for (const auto& d : *same)
            ++m_reconcile_identical[d.transcript.value()];
    std::size_t n = 0;
    for (const auto& [t, count] : m_reconcile_identical)
        n += count;
    m_reconcile->set_identical_count(n);
}

void MainFrame::update_reconcile(const project::Changed& changed)
{
    using project::Change;
    if (!m_reconcile || m_reconcile_stale)
        return; // listed when next shown
    const bool whole =
        changed.everything || any(changed.kinds & (Change::Scheme | Change::Transcripts));
    if (!whole && !any(changed.kinds & (Change::Codings | Change::Ratings |
                                        Change::Classifications | Change::Consensus)))
        return;
    if (whole || !reconcile_allowed())
    {
        m_reconcile_stale = true;
        if (m_tabs->GetCurrentPage() == m_reconcile)
            load_reconcile();
        return;
    }
    // Only the transcripts the change names are listed again.
    const Timer began;
    for (const auto t : changed.transcripts)
    {
        analysis::DisagreementOptions o;
        o.coders = m_reconcile_coders;
        o.transcripts = {std::to_string(t.value())};
        auto fresh = analysis::list_disagreements(*session(), o);
        if (!fresh)
            continue; // e.g. a transcript removed: the next whole listing drops it
        m_reconcile->queue().replace_transcript(t, std::move(fresh->items));
        m_reconcile_identical.erase(t.value());
        count_identical(o);
    }
    m_reconcile->refresh();
    if (const auto row = m_reconcile->selected_row())
        show_reconcile_details(*row);
    log_timing("updating after a change", began, m_reconcile->queue().total());
}

void MainFrame::reconcile_step(int step)
{
    const Timer began;
    // As open_reconcile, without moving the keyboard to the queue first: it goes to the reason.
    if (const int page = m_tabs->FindPage(m_reconcile);
        page != wxNOT_FOUND && m_tabs->GetSelection() != page)
        m_tabs->SetSelection(static_cast<size_t>(page));
    if (m_reconcile_stale)
        load_reconcile();
    if (m_reconcile_stale)
    {
        SetStatusText("Nothing to reconcile: see the Reconcile tab", 0);
        return;
    }
    auto& queue = m_reconcile->queue();
    const auto next = queue.next_undecided(m_reconcile->selected_row(), step);
    if (!next)
    {
        SetStatusText(to_wx("Every disagreement shown is decided (" + queue.progress_text() + ")"),
                      0);
        return;
    }
    const Timer listed;
    m_reconcile->select_row(*next);
    log_timing("  selecting the row", listed, 0);
    reconcile_show(*next);
    const Timer focused;
    // Again once GTK is done switching tabs, which may move the keyboard to the new page.
    m_reconcile->focus_reason();
    CallAfter([this] { m_reconcile->focus_reason(); });
    log_timing("  the keyboard to the reason", focused, 0);
    log_timing(step > 0 ? "next disagreement" : "previous disagreement", began, queue.total());
}

void MainFrame::reconcile_show(std::size_t row)
{
    const auto& d = m_reconcile->queue().at_row(row);
    if (d.transcript != m_current)
    {
        if (!may_leave_transcript())
            return;
        show_transcript(d.transcript);
    }
    if (d.kind != DisagreementKind::Rating && d.kind != DisagreementKind::Classification)
    {
        const auto& a = d.a.uuid.empty() ? d.b : d.a;
        const auto& b = d.b.uuid.empty() ? d.a : d.b;
        const Timer began;
        m_view->select_cp(std::min(a.start, b.start), std::max(a.end, b.end));
        log_timing("  selecting the passage in the text", began, 0);
    }
    const Timer began;
    show_reconcile_details(row);
    log_timing("  the details", began, 0);
    // No status-bar text here: setting it costs GTK ~20 ms (a relayout), more than the whole
    // step may take; the tab's own progress line says where the work is.
}

std::vector<EvidenceLine> MainFrame::reconcile_evidence(const analysis::DisagreementItem& d,
                                                        const std::string& name)
{
    std::vector<EvidenceLine> out;
    auto who = session()->coder(name);
    auto s = session()->scheme(d.scheme_id);
    if (!who || !s)
        return out;
    const auto starts = text::line_starts(m_text);
    // Core decides what is evidence (the scale's codes about this target).
    for (const auto& a : project::rules::evidence(**s, d.scale, d.target,
                                                  session()->annotations(d.transcript, who->id)))
        out.push_back({project::rules::code_label(s->get(), a.code), a.start, a.end,
                       text::line_of(starts, a.start)});
    return out;
}

void MainFrame::show_reconcile_details(std::size_t row)
{
    if (row >= m_reconcile->queue().rows())
        return;
    const auto& d = m_reconcile->queue().at_row(row);
    const bool here = d.transcript == m_current;
    std::vector<EvidenceLine> ea, eb;
    if (d.kind == DisagreementKind::Rating && here)
    {
        ea = reconcile_evidence(d, d.a.coder);
        eb = reconcile_evidence(d, d.b.coder);
    }
    m_reconcile->show_details(reconcile_details(d, here ? m_text : std::string(), ea, eb));
}

void MainFrame::reconcile_decide(Take take)
{
    if (!m_reconcile || m_reconcile_stale)
        return open_reconcile();
    const auto row = m_reconcile->selected_row();
    if (!row || *row >= m_reconcile->queue().rows())
        return show_message("Choose a disagreement first (F8 goes to the next one).");
    const auto item = m_reconcile->queue().at_row(*row);
    const std::string reason = m_reconcile->reason();
    if (reason.empty())
        return show_message("Say why: choose a reason or type one.");
    auto command = analysis::make_decision(item, take, {}, reason);
    if (!command)
        return show_error("The decision cannot be recorded.", command.error());
    if (run(*command, "Recording the decision"))
    {
        // Each decision has its own reason; the keyboard goes back to the queue, where Ctrl+Z
        // takes the decision back.
        m_reconcile->clear_typed_reason();
        m_reconcile->focus_queue();
    }
}

void MainFrame::reconcile_edit()
{
    if (!m_reconcile || m_reconcile_stale)
        return open_reconcile();
    const auto row = m_reconcile->selected_row();
    if (!row || *row >= m_reconcile->queue().rows())
        return show_message("Choose a disagreement first (F8 goes to the next one).");
    const auto item = m_reconcile->queue().at_row(*row);
    const std::string reason = m_reconcile->reason();
    if (reason.empty())
        return show_message("Say why: choose a reason or type one.");
    auto s = session()->scheme(item.scheme_id);
    if (!s)
        return show_error("The scheme cannot be read.", s.error());
    std::optional<CpSelection> selection;
    if (const auto sel = m_view->selection_cp(); sel && item.transcript == m_current)
        selection = CpSelection{sel->first, sel->second};
    const auto value = ask_consensus_value(this, item, **s, selection);
    if (!value)
        return;
    auto command = analysis::make_decision(item, Take::Value, *value, reason);
    if (!command)
        return show_error("The decision cannot be recorded.", command.error());
    if (run(*command, "Recording the decision"))
    {
        // Each decision has its own reason; the keyboard goes back to the queue, where Ctrl+Z
        // takes the decision back.
        m_reconcile->clear_typed_reason();
        m_reconcile->focus_queue();
    }
}

void MainFrame::reconcile_accept_identical()
{
    if (!m_reconcile || m_reconcile_stale)
        return open_reconcile();
    analysis::DisagreementOptions o;
    o.coders = m_reconcile_coders;
    // The scheme's reasons are for settling a difference; here there is none unless typed.
    std::string reason = m_reconcile->typed_reason();
    if (reason.empty())
        reason = analysis::kIdenticalReason;
    auto decisions = analysis::identical_passage_decisions(*session(), o, reason);
    if (!decisions)
        return show_error("The identical passages cannot be listed.", decisions.error());
    if (decisions->empty())
        return show_message("No identical passage is left to accept.");
    const std::vector<project::Command> batch(decisions->begin(), decisions->end());
    const std::string label = "Accept " + std::to_string(batch.size()) + " identical passage" +
                              (batch.size() == 1 ? "" : "s") + " of " + o.coders[0] + " and " +
                              o.coders[1];
    auto out = session()->apply(batch, label);
    if (!out)
        show_error("The identical passages could not be accepted.", out.error());
}

bool MainFrame::reconcile_key(wxKeyEvent& e)
{
    // F8 walks the queue wherever the keyboard is, a text field included; so do the decision
    // keys while the reason is being typed (elsewhere the command table routes them).
    if (!session() || e.ControlDown())
        return false;
    const int key = e.GetKeyCode();
    if (key == WXK_F8 && !e.AltDown())
    {
        reconcile_step(e.ShiftDown() ? -1 : +1);
        return true;
    }
    const bool in_panel = m_reconcile && m_reconcile->IsDescendant(FindFocus());
    if (!e.AltDown() || e.ShiftDown() || !in_panel || session()->read_only())
        return false;
    switch (key)
    {
    case '1': reconcile_decide(Take::A); return true;
    case '2': reconcile_decide(Take::B); return true;
    case '3': reconcile_decide(Take::Both); return true;
    case '0': reconcile_decide(Take::Neither); return true;
    case '4': reconcile_edit(); return true;
    default: return false;
    }
}

} // namespace attune::app
