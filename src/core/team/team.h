// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Team work across computers (docs/team-workflow.md): who codes which transcript (assignments),
// a coder's package (an ordinary project file holding only what that coder may see), and the
// exact merge of packages back into the project they were made from.

#include "core/base/result.h"
#include "core/project/session.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace attune::team
{

using project::CoderId;
using project::TranscriptId;

// ---- assignments

/// One coder assigned one transcript; `reliability` when it belongs to the subset every named
/// coder codes (the reliability subset) rather than to that coder's share of the rest.
struct Assignment
{
    TranscriptId transcript;
    CoderId coder;
    bool reliability = false;
    std::string assigned; ///< when (ISO 8601 UTC)
};

/// What `assign` is asked. The reliability subset is `transcripts` when given, else a random
/// `share` (0 < share <= 1, rounded to the nearest whole transcript, at least one) of the
/// current transcripts (the newest version of each), drawn with `seed` (the same seed gives the
/// same draw on every machine). With `split_rest`, the transcripts outside the subset are dealt
/// to the coders in turn (in the drawn order), so each is coded once. The named coders'
/// earlier assignments are replaced; other coders' are kept.
struct AssignRequest
{
    std::vector<CoderId> coders;
    std::vector<TranscriptId> transcripts;
    std::optional<double> share;
    std::uint64_t seed = 1;
    bool split_rest = false;
};

struct AssignOutcome
{
    std::vector<TranscriptId> reliability; ///< in the order drawn (or given)
    /// Per coder (in the order named): the transcripts of the rest dealt to them.
    std::vector<std::pair<CoderId, std::vector<TranscriptId>>> rest;
};

/// Records an assignment (one transaction, one audit entry; not undoable: assign again).
/// Errors: InvalidArgument (no coder, a coder named twice, neither transcripts nor share, a
/// share outside (0, 1], a project with no transcripts), NotFound (a transcript or coder),
/// Conflict (the project is a coder's package), Io (read-only).
[[nodiscard]] Result<AssignOutcome> assign(project::Session& session, const AssignRequest& request);

/// Every assignment, by transcript then coder.
std::vector<Assignment> assignments(project::Session& session);

// ---- packages

/// What marks a project file as a coder's package, and when it was made.
struct PackageInfo
{
    std::string uuid;       ///< the package's own identity (each `package` makes a new one)
    std::string coder_uuid; ///< the coder it was made for
    std::string made;       ///< ISO 8601 UTC
    std::string made_by;    ///< the user who made it
};

/// The package marker of the open project, when it is a coder's package.
std::optional<PackageInfo> package_info(project::Session& session);

struct PackageRequest
{
    CoderId coder;
    std::filesystem::path out;
    bool replace = false; ///< replace an existing file at `out` (else Conflict)
};

struct PackageSummary
{
    std::filesystem::path out;
    std::string package_uuid;
    std::int64_t transcripts = 0;
    std::int64_t annotations = 0;
    std::int64_t ratings = 0;
    std::int64_t classifications = 0;
};

/// Writes a coder's package: a project file with the project's identity (its uuid), every
/// scheme version, the transcripts assigned to the coder (all current transcripts when the
/// project has no assignments at all), the coder and the coder's own annotations, ratings,
/// classifications and assignments on those transcripts -- nobody else's records and no audit
/// entries but the package's own. The file is written under a hidden temporary name beside
/// `out` and renamed into place only when complete; the project's audit log records it.
/// Errors: NotFound (coder), Conflict (`out` exists without `replace`; `out` is the project;
/// the project is itself a package; a coder with nothing assigned in a project that has
/// assignments), Io.
[[nodiscard]] Result<PackageSummary> make_package(project::Session& session,
                                                  const PackageRequest& request);

// ---- merge

/// One record named in a merge report.
struct MergeItem
{
    std::string kind;       ///< "annotation", "rating", "classification", "transcript", ...
    std::string uuid;       ///< the record's uuid ("" when it has none)
    std::string transcript; ///< the transcript's participant id or title ("" when none)
    std::string detail;     ///< what happened and why, in words
};

/// What merging one package did (or, with dry_run, would do).
struct PackageMergeReport
{
    std::filesystem::path file;
    std::string package_uuid;
    std::string coder;
    std::int64_t added = 0;           ///< records new to the project
    std::int64_t changed = 0;         ///< records the package changed, taken
    std::int64_t deleted = 0;         ///< records the package deleted, deleted here
    std::int64_t unchanged = 0;       ///< records the project already has as the package has them
    std::vector<MergeItem> conflicts; ///< changed on both sides: the newer kept, the other audited
    std::vector<MergeItem> refused;   ///< records not merged, with the reason
    std::vector<std::string> notes;   ///< coders and scheme versions added
};

struct MergeReport
{
    bool dry_run = false;
    std::vector<PackageMergeReport> packages;
    /// True when the merge changed (or would change) the project.
    bool changes_project() const;
};

struct MergeOptions
{
    bool dry_run = false; ///< compute the whole report, then write nothing
    /// Called before each package with its index and the count; may be empty.
    std::function<void(std::size_t, std::size_t)> progress = {};
};

/// Merges coders' packages into the project, all in one transaction: on any error nothing is
/// written. Identities are matched by uuid (the project; coders, also by name; transcripts,
/// also by their text; scheme versions by id, version and content). A record new to the project
/// is added; one the package changed is taken when the project's copy is unchanged since the
/// package was made (or since it was last taken from this package); one the package deleted is
/// deleted likewise; when both sides changed it, the newer change wins and the other is kept in
/// the audit log and listed as a conflict. Merging a package again changes nothing; packages of
/// different coders give the same project in any order.
/// Errors (the whole merge refused, naming the package file): NotFound, StoreCorrupt (damaged,
/// not an SQLite file), Unsupported (not an Attune project; not a coder package), VersionTooNew,
/// Conflict (another project's package; a transcript with the same uuid and a different text; a
/// scheme version with the same id and version and different content; a coder whose name
/// belongs to another coder here; the project is itself a package), Io (read-only project). The
/// same package named twice merges once: the second finds everything unchanged.
[[nodiscard]] Result<MergeReport> merge_packages(project::Session& session,
                                                 const std::vector<std::filesystem::path>& files,
                                                 const MergeOptions& options = {});

} // namespace attune::team
