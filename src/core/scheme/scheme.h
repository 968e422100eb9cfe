// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The coding-scheme model (codes, scales, classifications, collapsings) and its XML loader.
// A Scheme is immutable once built: the loader validates everything first, then constructs it,
// so every id a Scheme hands out refers to something inside the same Scheme.
//
// Format: docs/schemes.md, XSD: schemes/attune-scheme.xsd, namespace urn:attune:scheme:1.

#include "core/base/result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attune::scheme
{

/// The XML namespace of format version 1.
inline constexpr std::string_view kNamespace = "urn:attune:scheme:1";
/// The only format version this build reads (root attribute `version="1"`).
inline constexpr int kFormatVersion = 1;
/// Scheme files above this size are refused (ErrorCode::TooLarge) before parsing.
inline constexpr std::size_t kMaxFileBytes = 8u * 1024u * 1024u;
/// Deeper element nesting is refused (ErrorCode::TooLarge) before the tree is walked.
inline constexpr int kMaxDepth = 64;

/// Whom a passage code or a scale instance is about.
enum class Target
{
    Mother,
    Father,
    Other, ///< another attachment figure (grandparent, step-parent, …)
    Self,
};

/// "mother", "father", "other", "self" — the spelling used in XML, the store and the CLI.
const char* to_string(Target t) noexcept;
/// The inverse of to_string(Target); nullopt for anything else (case-sensitive).
std::optional<Target> target_from_string(std::string_view s) noexcept;

/// Descriptive data about a scheme. `id` + `version` identify a scheme version.
struct Metadata
{
    std::string id;      ///< stable machine id, e.g. "aai-state-of-mind"
    std::string title;   ///< human title
    std::string version; ///< the scheme's own version, e.g. "1.0" (not the format version)
    std::vector<std::string> authors;
    std::string licence; ///< SPDX id or free text, e.g. "CC-BY-4.0"
    std::string description;
    std::string language; ///< BCP 47 tag of the labels, e.g. "en"
};

/// A passage code. Invariant: id unique among the scheme's codes; colour ≤ 0xFFFFFF; shortcut,
/// when present, unique in the scheme and in normalised form (see normalise_shortcut).
struct Code
{
    std::string id;                      ///< short and stable, e.g. "idealization-evidence"
    std::string name;                    ///< short label shown in the GUI
    std::uint32_t colour = 0x808080;     ///< 0xRRGGBB highlight colour
    std::optional<std::string> shortcut; ///< normalised, e.g. "Ctrl+Shift+1"
    std::string definition;
    std::string inclusion;             ///< when to apply (may be empty)
    std::string exclusion;             ///< when not to apply (may be empty)
    std::vector<std::string> examples; ///< anchor examples, invented or lab-supplied
    std::optional<Target> target;
    std::vector<std::string> group_path; ///< ids of the enclosing groups, outermost first
};

/// A named group of codes; groups nest. Invariant: id unique among the scheme's groups.
struct CodeGroup
{
    std::string id;
    std::string name;
    std::string description;
    std::vector<std::string> group_path; ///< ids of the enclosing groups, outermost first
};

/// One row of the code tree in document (pre-)order: either a group or a code, with its depth
/// (0 = top level). A group's members follow it, one deeper.
struct CodeTreeEntry
{
    bool is_group = false;
    std::size_t index = 0; ///< into Scheme::groups() or Scheme::codes()
    int depth = 0;
};

/// Level of measurement of a scale.
enum class Level
{
    Ordinal,
    Interval,
};

/// "ordinal" / "interval".
const char* to_string(Level l) noexcept;

/// A description of what a scale point means. Invariant: value on the scale's grid.
struct ScaleAnchor
{
    double value = 0;
    std::string text;
};

/// A rating scale. Invariants: min < max, step > 0 divides (max − min), anchors on the grid,
/// evidence code ids name codes of the same scheme, targets distinct.
struct Scale
{
    std::string id;
    std::string name;
    std::string description;
    double min = 1;
    double max = 9;
    double step = 0.5;
    Level level = Level::Ordinal;
    std::vector<ScaleAnchor> anchors; ///< ascending by value
    /// Empty: rated once per transcript. Otherwise rated once per target (per-parent scales).
    std::vector<Target> targets;
    std::vector<std::string> evidence_codes; ///< ids of codes that support this scale
    /// A rating may be "not scorable" (distinct from "not yet rated").
    bool allows_not_scorable = false;
};

/// The part a top-level category plays in a classification assignment.
enum class CategoryRole
{
    Organised,      ///< best-fitting organised category (F, Ds, E): the primary placement
    Unresolved,     ///< placed on top of a primary (U)
    CannotClassify, ///< a primary placement that comes with a forced organised alternative (CC)
};

/// "organised", "unresolved", "cannot-classify".
const char* to_string(CategoryRole r) noexcept;

/// A subcategory of an organised category (e.g. F3 under F; a lab may add F3a). Invariant: id
/// unique among all category and subcategory ids of the scheme.
struct Subcategory
{
    std::string id;
    std::string name;
    std::string description;
};

/// A top-level category with its subcategories. Invariant as for Subcategory.
struct Category
{
    std::string id;
    std::string name;
    std::string description;
    CategoryRole role = CategoryRole::Organised;
    std::vector<Subcategory> subcategories;
};

/// Whether an assignment slot may or must be filled.
enum class SlotUse
{
    None,     ///< the slot does not exist in this classification
    Optional, ///< may be filled
    Required, ///< must be filled (for `alternative`: whenever the primary is cannot-classify)
};

/// Which slots an assignment of this classification has, besides the primary category.
struct Slots
{
    SlotUse subcategory = SlotUse::Optional; ///< a subcategory of the primary (or alternative)
    SlotUse unresolved = SlotUse::None;      ///< an unresolved category on top of the primary
    SlotUse alternative = SlotUse::None;     ///< forced organised alternative to cannot-classify
};

/// One coder's classification of one transcript. `primary` is an organised or cannot-classify
/// category id; `subcategory` refines the organised category (primary, or alternative for CC);
/// `unresolved` is an unresolved category id placed on top; `alternative` an organised category
/// id that accompanies a cannot-classify primary. Examples: F3 → {F, F3}; U/Ds1 → {Ds, Ds1, U};
/// CC/E → {CC, nullopt, nullopt, E}.
struct Assignment
{
    std::string primary;
    std::optional<std::string> subcategory;
    std::optional<std::string> unresolved;
    std::optional<std::string> alternative;
};

/// One entry of a collapsing: a category or subcategory id and the label it maps to, or
/// `defer` (no label) — then the next slot of the assignment decides (see collapse()).
struct CollapsingEntry
{
    std::string category;             ///< a category or subcategory id
    std::optional<std::string> label; ///< nullopt = defer
};

/// A named many-to-one mapping of assignments onto labels, used for agreement (e.g. 2-way
/// secure/insecure). Invariant: for every category of its classification, either the category
/// itself or each of its subcategories appears exactly once (never both); every label used is
/// declared in `labels`; at least one label.
struct Collapsing
{
    std::string id; ///< unique among the scheme's collapsings, e.g. "aai-4way"
    std::string name;
    std::string description;
    std::vector<std::string> labels; ///< ordered output labels
    std::vector<CollapsingEntry> entries;
};

/// A classification system (e.g. the AAI F/Ds/E/U/CC). Invariants: at least one organised
/// category; unresolved slot ≠ None iff an unresolved category exists; alternative slot ≠ None
/// iff a cannot-classify category exists.
struct Classification
{
    std::string id;
    std::string name;
    std::string description;
    Slots slots;
    std::vector<Category> categories;
    std::vector<Collapsing> collapsings;
};

/// Where a category or subcategory id was found. `subcategory` is nullptr for a top category.
struct CategoryRef
{
    const Classification* classification = nullptr;
    const Category* category = nullptr;
    const Subcategory* subcategory = nullptr;
};

/// Everything a scheme file declares, as plain data. Build a Scheme from it.
/// A reason the scheme offers for a consensus decision (`<consensus-reasons>`): an id unique
/// among the scheme's reasons and the label people read. A decision may also give free text.
struct ConsensusReason
{
    std::string id;
    std::string label;
};

struct SchemeData
{
    int format_version = kFormatVersion;
    Metadata metadata;
    std::vector<CodeGroup> groups;
    std::vector<Code> codes;
    std::vector<CodeTreeEntry> code_tree;
    std::vector<Scale> scales;
    std::vector<Classification> classifications;
    std::vector<ConsensusReason> consensus_reasons;
};

/// An immutable, validated coding scheme with id lookups. Copyable; lookups return pointers into
/// this object (valid while it lives).
class Scheme
{
public:
    /// Takes validated data (the loader's job). Duplicate ids are a bug here and assert.
    explicit Scheme(SchemeData data);

    int format_version() const noexcept { return m_data.format_version; }
    const Metadata& metadata() const noexcept { return m_data.metadata; }
    const std::string& id() const noexcept { return m_data.metadata.id; }
    const std::string& title() const noexcept { return m_data.metadata.title; }
    const std::string& version() const noexcept { return m_data.metadata.version; }

    /// Every code in document order (flat; see Code::group_path and code_tree()).
    const std::vector<Code>& codes() const noexcept { return m_data.codes; }
    const std::vector<CodeGroup>& groups() const noexcept { return m_data.groups; }
    /// Groups and codes in document pre-order with depths: what a tree view shows.
    const std::vector<CodeTreeEntry>& code_tree() const noexcept { return m_data.code_tree; }
    const std::vector<Scale>& scales() const noexcept { return m_data.scales; }
    const std::vector<Classification>& classifications() const noexcept
    {
        return m_data.classifications;
    }

    /// The reasons for consensus decisions the scheme declares, in document order.
    const std::vector<ConsensusReason>& consensus_reasons() const noexcept
    {
        return m_data.consensus_reasons;
    }
    /// nullptr when the scheme declares no such reason.
    const ConsensusReason* find_consensus_reason(std::string_view id) const;

    /// nullptr when the scheme has no such id.
    const Code* find_code(std::string_view id) const;
    const CodeGroup* find_group(std::string_view id) const;
    const Scale* find_scale(std::string_view id) const;
    const Classification* find_classification(std::string_view id) const;
    /// A category or subcategory id of any classification; nullopt when unknown.
    std::optional<CategoryRef> find_category(std::string_view id) const;
    /// A collapsing of any classification, with the classification it belongs to.
    const Collapsing* find_collapsing(std::string_view id,
                                      const Classification** owner = nullptr) const;
    /// The code whose normalised shortcut equals normalise_shortcut(shortcut); nullptr if none.
    const Code* find_code_by_shortcut(std::string_view shortcut) const;
    /// Codes listed as evidence for a scale (in the scale's order); empty for an unknown scale.
    std::vector<const Code*> evidence_for(std::string_view scale_id) const;
    /// Scales that list a code as evidence.
    std::vector<const Scale*> scales_using(std::string_view code_id) const;

private:
    SchemeData m_data;
    std::unordered_map<std::string, std::size_t> m_code_index;
    std::unordered_map<std::string, std::size_t> m_group_index;
    std::unordered_map<std::string, std::size_t> m_scale_index;
};

/// True iff `value` lies in [min, max] on the step grid min, min+step, … (within 1e-9).
bool is_valid_rating(const Scale& scale, double value) noexcept;
/// All grid points min..max by step, ascending (1, 1.5, …, 9 for an AAI scale).
std::vector<double> scale_points(const Scale& scale);
/// "4.5", "7", "5.000001", "0.3": a scale value (min, max, step, an anchor, a rating) as every
/// message, menu, list and report writes it: 15 significant digits without trailing zeros, so a
/// grid point computed with rounding error reads as the number it stands for; −0 is "0".
std::string format_value(double v);

/// Checks an assignment against the classification's categories, roles and slots.
/// Errors: NotFound (an id that is not in this classification), InvalidArgument (a role
/// mismatch, a subcategory of another category, a missing required or a forbidden slot).
[[nodiscard]] Result<void> check_assignment(const Classification& c, const Assignment& a);

/// Maps a (valid) assignment through a collapsing. Slots are tried in the order unresolved,
/// primary, alternative; a slot whose category (or, where the collapsing lists subcategories,
/// whose subcategory) maps to a label decides; a `defer` entry passes on to the next slot.
/// nullopt when no slot decides (e.g. a subclass-level collapsing and no subcategory given).
std::optional<std::string> collapse(const Classification& c, const Collapsing& k,
                                    const Assignment& a);

/// "Ctrl+Shift+1" from "shift+ctrl+1" etc.: modifiers Ctrl, Alt, Shift (that order) then one key
/// (A–Z upper-cased, 0–9, F1–F12). nullopt when not a valid shortcut.
std::optional<std::string> normalise_shortcut(std::string_view s);

/// The normalised spelling of a shortcut from its parts: the modifiers Ctrl, Alt, Shift in that
/// order, then `key` as given (already A–Z, 0–9 or F1–F12). The GUI spells key presses with it.
std::string shortcut_text(bool ctrl, bool alt, bool shift, const std::string& key);

/// "#RRGGBB" (case-insensitive) → 0xRRGGBB; nullopt otherwise.
std::optional<std::uint32_t> parse_colour(std::string_view s) noexcept;
/// 0xRRGGBB → "#rrggbb".
std::string format_colour(std::uint32_t rgb);

/// The outcome of loading with every problem reported: `scheme` is set iff `errors` is empty.
/// Errors carry file:line:column (1-based, columns in code points) where a place applies.
struct SchemeLoad
{
    std::optional<Scheme> scheme;
    std::vector<Error> errors;
    bool ok() const noexcept { return scheme.has_value(); }
};

/// Loads and validates a scheme file, collecting ALL errors in one pass.
/// Error codes: Io (unreadable/missing), TooLarge (> kMaxFileBytes, nesting > kMaxDepth),
/// Encoding (not UTF-8, binary junk), XmlMalformed (incl. DOCTYPE/entities, at pugixml's
/// offset), Unsupported (unknown namespace or format version), SchemeInvalid (everything else).
[[nodiscard]] SchemeLoad load_scheme_file_all(const std::filesystem::path& path);
/// As load_scheme_file_all, from memory; `display_name` is the path used in error locations.
[[nodiscard]] SchemeLoad load_scheme_string_all(std::string_view xml, std::string display_name);

/// Loads a scheme file; on failure, the first error (by position) of load_scheme_file_all.
[[nodiscard]] Result<Scheme> load_scheme_file(const std::filesystem::path& path);
/// Loads a scheme from memory; on failure, the first error of load_scheme_string_all.
[[nodiscard]] Result<Scheme> load_scheme_string(std::string_view xml, std::string display_name);

} // namespace attune::scheme
