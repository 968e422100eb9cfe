// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/coding_controller.h"

#include "app/annotation_rows.h"
#include "app/project_controller.h"
#include "app/ratings_panel.h"
#include "app/text_support.h"
#include "core/project/scheme_rules.h"
#include "core/text/text_index.h"

#include <algorithm>

namespace attune::app
{

CodingController::CodingController(WorkbenchUi& ui, const ProjectController& project)
    : m_ui(ui), m_project(project)
{
}

std::optional<std::string> CodingController::apply_code(project::TranscriptId transcript,
                                                        const CodeItem& code, std::int64_t start,
                                                        std::int64_t end)
{
    project::Annotate cmd;
    cmd.transcript = transcript;
    cmd.coder = m_project.coder().id;
    cmd.scheme_id = code.scheme_id;
    cmd.code = code.id;
    cmd.start = start;
    cmd.end = end;
    const auto outcome = m_ui.run(cmd, "Coding the passage as \"" + code.name + "\"");
    if (!outcome)
        return std::nullopt;
    return outcome->uuid;
}

std::optional<project::Annotation> CodingController::own_annotation(const std::string& uuid,
                                                                    const std::string& change) const
{
    auto a = m_project.session()->annotation(uuid);
    if (!a)
    {
        m_ui.show_error("The annotation is gone.", a.error());
        return std::nullopt;
    }
    if (!project::may_change(*a, m_project.coder().id))
    {
        m_ui.show_message("That annotation belongs to another coder; only its author can " +
                          change + " it.");
        return std::nullopt;
    }
    return a.value();
}

void CodingController::set_memo(const std::string& uuid, const std::string& memo)
{
    m_ui.run(project::SetMemo{m_project.coder().id, uuid, memo}, "Saving the memo");
}

void CodingController::delete_annotation(const std::string& uuid)
{
    // A passage gone, or another coder's, is core's to refuse (NotFound, Conflict naming its
    // author), through the command; the refusal is shown.
    m_ui.run(project::DeleteAnnotation{m_project.coder().id, uuid}, "Deleting the annotation");
}

std::optional<std::pair<std::int64_t, std::int64_t>>
CodingController::nudge(const std::string& uuid, const std::string& text, std::int64_t text_length,
                        bool move_end, int step, bool& at_edge)
{
    at_edge = false;
    const auto a = own_annotation(uuid, "change");
    if (!a)
        return std::nullopt;
    const text::WordBoundaries words(text);
    const auto moved = nudge_span(words, text_length, a->start, a->end, move_end, step);
    if (!moved)
    {
        at_edge = true;
        return std::nullopt;
    }
    if (!m_ui.run(project::ChangeSpan{m_project.coder().id, uuid, moved->first, moved->second},
                  "Moving the passage's end"))
        return std::nullopt;
    return moved;
}

bool CodingController::rate(project::TranscriptId transcript, const ScaleItem& scale,
                            const std::string& target, const RatingChoice& choice,
                            const std::string& note)
{
    const std::string what = "Rating \"" + scale.name + "\"";
    const auto coder = m_project.coder().id;
    if (choice.kind == RatingChoice::Kind::Clear)
    {
        bool exists = false;
        for (const auto& r : m_project.session()->ratings(transcript, coder))
            exists |= r.scheme_id == scale.scheme_id && r.scale == scale.id && r.target == target;
        if (exists)
            m_ui.run(project::ClearRating{transcript, coder, scale.scheme_id, scale.id, target},
                     what);
        return true;
    }
    project::Rate cmd;
    cmd.transcript = transcript;
    cmd.coder = coder;
    cmd.scheme_id = scale.scheme_id;
    cmd.scale = scale.id;
    cmd.target = target;
    if (choice.kind == RatingChoice::Kind::Value)
        cmd.value = choice.value;
    cmd.note = note;
    return m_ui.run(cmd, what).has_value();
}

std::optional<std::string> CodingController::classify(project::TranscriptId transcript,
                                                      const ClassificationChoice& choice,
                                                      bool deliberate)
{
    // A choice is saved the moment it is complete, like a rating. An incomplete one (CC before
    // its forced alternative) stays on screen with what it lacks; pressing Save says why not.
    if (!deliberate)
        if (auto s = m_project.session()->scheme(choice.scheme_id))
            if (auto gap = project::rules::missing_part(**s, choice.category, choice.subcategory,
                                                        choice.unresolved, choice.alternative))
                return "choose " + *gap;
    project::Classify cmd;
    cmd.transcript = transcript;
    cmd.coder = m_project.coder().id;
    cmd.scheme_id = choice.scheme_id;
    cmd.category = choice.category;
    cmd.subcategory = choice.subcategory;
    cmd.unresolved = choice.unresolved;
    cmd.alternative = choice.alternative;
    cmd.note = choice.note;
    if (!m_ui.run(cmd, "Classifying the transcript"))
        return "it was refused (the message above says why)";
    return std::nullopt;
}

EvidenceMap CodingController::evidence(const std::vector<SchemeView>& schemes,
                                       const std::vector<project::Annotation>& own,
                                       const std::string& text) const
{
    EvidenceMap evidence;
    const auto starts = text::line_starts(text);
    for (const auto& v : schemes)
    {
        auto scheme = m_project.session()->scheme(v.id);
        if (!scheme)
            continue;
        for (const auto& s : v.scales)
            for (const auto& t : s.targets.empty() ? std::vector<std::string>{""} : s.targets)
            {
                // Core decides what counts (the scale's codes about this target).
                auto& list = evidence[evidence_key(v.id, s.id, t)];
                for (const auto& a : project::rules::evidence(**scheme, s.id, t, own))
                {
                    const std::int64_t line = text::line_of(starts, a.start);
                    list.push_back(
                        {a.start, a.end, line, code_display_name(&schemes, v.id, a.code)});
                }
            }
    }
    return evidence;
}

} // namespace attune::app
