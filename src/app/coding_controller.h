// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The coder's work on the transcript on show, for the main window: applying a code, changing,
// nudging and deleting passages, memos, ratings, classifications and the evidence each rating
// rests on. Which passage may be changed, what counts as evidence and when a classification is
// complete are core's rules (project::may_change, project::rules); this class asks them and
// turns the coder's choices into Session commands. The window asks the person and shows.

#include "app/classification_options.h"
#include "app/scale_choices.h"
#include "app/scheme_view.h"
#include "app/workbench_ui.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attune::app
{

class ProjectController;

/// Evidence passages per evidence_key(scheme, scale, target) (ratings_panel.h).
using EvidenceMap = std::map<std::string, std::vector<EvidencePassage>>;

class CodingController
{
public:
    CodingController(WorkbenchUi& ui, const ProjectController& project);

    /// Codes [start, end) of `transcript` with `code`; the new annotation's uuid, or nullopt
    /// when it was refused (the reason shown).
    std::optional<std::string> apply_code(project::TranscriptId transcript, const CodeItem& code,
                                          std::int64_t start, std::int64_t end);
    /// The coder's own annotation `uuid`, to `change` ("change", "delete"); nullopt, with the
    /// reason shown, when it is gone or is another coder's (only its author may change it).
    std::optional<project::Annotation> own_annotation(const std::string& uuid,
                                                      const std::string& change) const;
    void set_memo(const std::string& uuid, const std::string& memo);
    void delete_annotation(const std::string& uuid);
    /// Moves a passage's end (or start) a word right (+1) or left (-1) in `text`; the new span,
    /// or nullopt (refused, or no further word that way: `at_edge` is set then).
    std::optional<std::pair<std::int64_t, std::int64_t>>
    nudge(const std::string& uuid, const std::string& text, std::int64_t text_length, bool move_end,
          int step, bool& at_edge);

    /// Saves (or clears) one rating; false when it was refused, so the chooser shows what is
    /// stored again.
    bool rate(project::TranscriptId transcript, const ScaleItem& scale, const std::string& target,
              const RatingChoice& choice, const std::string& note);
    /// Saves a classification once it is complete; `deliberate` (Save pressed) also tries an
    /// incomplete one, so that the coder hears why it cannot be stored. What it still lacks
    /// when it was not saved ("choose …", "it was refused …"), else nullopt.
    std::optional<std::string> classify(project::TranscriptId transcript,
                                        const ClassificationChoice& choice, bool deliberate);

    /// The coder's own passages that are evidence for each scale and target of `schemes`
    /// (core's rules::evidence), with their lines in `text`.
    EvidenceMap evidence(const std::vector<SchemeView>& schemes,
                         const std::vector<project::Annotation>& own,
                         const std::string& text) const;

private:
    WorkbenchUi& m_ui;
    const ProjectController& m_project;
};

} // namespace attune::app
