// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The session's view of a coding scheme: the few questions it asks of scheme::Scheme, kept in
// one file so the session does not depend on the model's every detail.

#include "core/base/result.h"
#include "core/store/records.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attune::scheme
{
class Scheme;
}

namespace attune::project::rules
{

/// Identity of a parsed scheme.
struct SchemeIdentity
{
    std::string id;
    std::string version;
    std::string name;
};

/// Parses scheme XML. Errors: the scheme loader's (XmlMalformed, SchemeInvalid with line:col).
Result<std::shared_ptr<const scheme::Scheme>> parse(const std::string& xml,
                                                    const std::string& source_name);
SchemeIdentity identity(const scheme::Scheme& s);

bool has_code(const scheme::Scheme& s, const std::string& code);
bool has_scale(const scheme::Scheme& s, const std::string& scale);
/// True for any classification id the scheme knows (category or subcategory).
bool has_category(const scheme::Scheme& s, const std::string& id);

/// Checks a score against the scale: target required iff the scale has targets and must be one
/// of them; value on the scale's grid (min..max, step) or not-scorable where allowed.
/// Errors: NotFound (scale, target), InvalidArgument.
Result<void> check_rating(const scheme::Scheme& s, const std::string& scale,
                          const std::string& target, const std::optional<double>& value);

/// A classification with the category derived and every id checked against the roles.
struct CheckedClassification
{
    std::string category;
    std::optional<std::string> subcategory;
    std::optional<std::string> unresolved;
    std::optional<std::string> alternative;
};
/// Errors: NotFound (unknown id), InvalidArgument (e.g. unresolved given an organised id,
/// CC without an alternative, alternative that is not organised).
Result<CheckedClassification> check_classification(const scheme::Scheme& s,
                                                   const std::string& category,
                                                   const std::optional<std::string>& subcategory,
                                                   const std::optional<std::string>& unresolved,
                                                   const std::optional<std::string>& alternative);

/// What a classification still lacks before it can be stored, in plain words ("a forced
/// alternative: the organised category that fits best"), or nullopt when no required slot is
/// empty. A chooser saves a choice as soon as this is nullopt, and otherwise keeps it on screen
/// with this hint. Unknown ids and role mismatches are check_classification's to report; they
/// give nullopt here.
std::optional<std::string> missing_part(const scheme::Scheme& s, const std::string& category,
                                        const std::optional<std::string>& subcategory,
                                        const std::optional<std::string>& unresolved,
                                        const std::optional<std::string>& alternative);

/// Whether a stored subcategory refines the forced alternative rather than the category: CC with
/// alternative Ds1 is stored as alternative Ds and subcategory Ds1 (see check_classification).
bool subcategory_refines_alternative(const scheme::Scheme& s,
                                     const std::optional<std::string>& subcategory,
                                     const std::optional<std::string>& alternative);

/// The codes that count as evidence for one rating: the codes the scale lists (`<evidence>`)
/// which, on a per-target scale, are about that target. A listed code without a `target` is about
/// no parent in particular (derogation of attachment) and counts for every target; a code about
/// another target never counts. On a global scale (`target` "") every listed code counts. Empty
/// for an unknown scale or a target the scale is not rated for. In the scale's order.
std::vector<std::string> evidence_codes(const scheme::Scheme& s, const std::string& scale,
                                        const std::string& target);

/// The annotations that are evidence for one rating (see evidence_codes): those of this scheme
/// whose code is an evidence code of the scale for the target, in the order given. The caller
/// chooses whose annotations to pass (the workbench passes the coder's own).
std::vector<store::AnnotationRecord> evidence(const scheme::Scheme& s, const std::string& scale,
                                              const std::string& target,
                                              const std::vector<store::AnnotationRecord>& all);

// How messages, menus and the undo stack name what a command touched: the scheme's names, so a
// coder reads "Delete Loving episode (mother)", not "Delete exp-loving-mother". Each falls back to
// the id when the scheme is missing (nullptr) or no longer defines it.

/// A code's name: "Loving episode (mother)".
std::string code_label(const scheme::Scheme* s, const std::string& code);
/// A scale's name with its target: "Loving (mother)", "Coherence of transcript".
std::string scale_label(const scheme::Scheme* s, const std::string& scale,
                        const std::string& target);
/// A stored classification in the usual notation, every slot named: "F3", "U/Ds1",
/// "CC (alternative E2)", "U/CC (alternative Ds)". Category ids are the names coders use.
std::string classification_label(const scheme::Scheme* s, const std::string& category,
                                 const std::optional<std::string>& subcategory,
                                 const std::optional<std::string>& unresolved,
                                 const std::optional<std::string>& alternative);

/// The longest memo (annotations) or note (ratings, classifications) a coder may store, in code
/// points: about 40 pages, far beyond any real memo, and small enough that the workbench shows
/// and saves it at once (a 10 MB memo took 15 s and 1.1 GB in the GUI).
inline constexpr std::size_t kMaxMemoLength = 100000;
/// Errors: TooLarge "the memo is N characters long; the limit is 100000" (`what` names it:
/// "memo", "note"). Counted without decoding, and stops early, so a huge text costs nothing.
Result<void> check_memo(const std::string& text, const std::string& what);

/// Shortcuts are unique within a scheme, not across a project's schemes. One note per key that
/// `added` shares with `other`, naming both codes: "shortcut Ctrl+1 is code 'a' of scheme 'x'
/// and code 'b' of scheme 'y'; the key applies the first scheme's code (the workbench says so) —
/// change one of them to tell the codes apart". A clash is told, not refused: schemes from
/// different authors may well share Ctrl+1, and each code stays reachable by clicking it.
std::vector<std::string> shortcut_clashes(const scheme::Scheme& added, const scheme::Scheme& other);

} // namespace attune::project::rules
