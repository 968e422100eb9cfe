// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/datasets.h"

#include "core/base/version.h"
#include "core/io/table_sink.h"
#include "core/project/study_rules.h"
#include "core/scheme/scheme.h"
#include "core/text/code_points.h"
#include "core/text/structure.h"
#include "core/text/text_index.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>

namespace attune::io
{

namespace
{

constexpr std::size_t kMaxName = 32;

// Reserved in SPSS syntax (ALL … WITH) or in Stata (byte … using, _n …): a variable cannot be
// called so in one of them, so neither may it here.
bool reserved(const std::string& n)
{
    static const std::set<std::string> words = {
        "all",   "and",  "by",   "eq",   "ge",  "gt",    "le",    "lt",     "ne",    "not",
        "or",    "to",   "with", "byte", "int", "long",  "float", "double", "if",    "in",
        "using", "strl", "_all", "_b",   "_n",  "_cons", "_pi",   "_rc",    "_coef", "_skip"};
    return words.count(n) > 0;
}

// Latin-1 letters (U+00C0..U+00FF) as ASCII, so "Müller" stays readable as "muller"; other
// non-ASCII code points carry no ASCII reading and become '_'.
std::string fold_latin1(std::uint32_t cp)
{
    static const char* const table[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "_", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "_", "o", "u", "u", "u", "u", "y", "th", "y"};
    if (cp >= 0xC0 && cp <= 0xFF)
        return table[cp - 0xC0];
    return "_";
}

// The ASCII reading of one UTF-8 string; malformed bytes count as non-ASCII.
std::string fold(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size();)
    {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80)
        {
            const char c = static_cast<char>(b);
            if (c >= 'A' && c <= 'Z')
                out += static_cast<char>(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                out += c;
            else
                out += '_';
            ++i;
            continue;
        }
        std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        std::uint32_t cp = 0;
        if (len == 2 && i + 1 < s.size())
            cp = (static_cast<std::uint32_t>(b & 0x1F) << 6) |
                 (static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + 1])) & 0x3F);
        out += fold_latin1(cp);
        i += std::min(len, s.size() - i);
    }
    return out;
}

std::string squeeze(const std::string& s)
{
    std::string out;
    for (const char c : s)
        if (c != '_' || (!out.empty() && out.back() != '_'))
            out += c;
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out;
}

std::string trim_to(std::string s, std::size_t n)
{
    if (s.size() > n)
        s.resize(n);
    while (!s.empty() && s.back() == '_')
        s.pop_back();
    return s;
}

std::string now_utc()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

template <typename Id> bool wanted(const std::vector<Id>& filter, Id id)
{
    return filter.empty() || std::find(filter.begin(), filter.end(), id) != filter.end();
}

Variable text_var(std::string name, std::string label, std::string source = "project")
{
    Variable v;
    v.name = std::move(name);
    v.label = std::move(label);
    v.type = VariableType::String;
    v.source = std::move(source);
    return v;
}

Variable number_var(std::string name, std::string label, std::string source = "project")
{
    Variable v;
    v.name = std::move(name);
    v.label = std::move(label);
    v.source = std::move(source);
    return v;
}

Cell text_cell(const std::optional<std::string>& s)
{
    if (!s)
        return std::monostate{};
    return *s;
}

std::string scheme_tag(const scheme::Scheme& sc)
{
    return sc.id() + " " + sc.version();
}

// The numeric code (1..n) of `id` among `ids`; empty when absent.
Cell code_of(const std::vector<std::string>& ids, const std::optional<std::string>& id)
{
    if (!id)
        return std::monostate{};
    const auto it = std::find(ids.begin(), ids.end(), *id);
    if (it == ids.end())
        return std::monostate{};
    return static_cast<double>(it - ids.begin() + 1);
}

Variable coded_var(std::string name, std::string label, std::string source,
                   const std::vector<std::pair<std::string, std::string>>& codes)
{
    Variable v = number_var(std::move(name), std::move(label), std::move(source));
    for (std::size_t i = 0; i < codes.size(); ++i)
        v.value_labels.push_back({static_cast<double>(i + 1), codes[i].second});
    return v;
}

std::vector<std::string> ids_of(const std::vector<std::pair<std::string, std::string>>& codes)
{
    std::vector<std::string> out;
    for (const auto& c : codes)
        out.push_back(c.first);
    return out;
}

// The identification columns every table starts with.
void add_id_vars(DataTable& t, std::set<std::string>& taken)
{
    t.variables.push_back(text_var(variable_name({"participant"}, taken), "Participant id"));
    t.variables.push_back(text_var(variable_name({"transcript_uuid"}, taken), "Transcript uuid"));
    t.variables.push_back(text_var(variable_name({"transcript_title"}, taken), "Transcript title"));
    t.variables.push_back(text_var(variable_name({"coder"}, taken), "Coder"));
    t.variables.push_back(text_var(variable_name({"coder_role"}, taken), "Coder's role"));
}

std::vector<Cell> id_cells(const project::Transcript& t, const project::Coder& c)
{
    return {text_cell(t.participant), t.uuid, t.title, c.name, c.role};
}

// How each wide variable gets its cell from one transcript × coder's records.
struct WideColumn
{
    enum class Kind
    {
        Scale,
        Category,
        Subcategory,
        Unresolved,
        Alternative,
        Collapsing,
        CodeCount
    } kind;
    const scheme::Scheme* sc = nullptr;
    std::string item;   ///< scale, classification or code id
    std::string target; ///< scale target
    const scheme::Classification* classification = nullptr;
    const scheme::Collapsing* collapsing = nullptr;
    std::vector<std::string> ids; ///< the category ids coded 1..n
};

void add_scale_columns(DataTable& t, std::vector<WideColumn>& cols, std::set<std::string>& taken,
                       const scheme::Scheme& sc)
{
    for (const auto& scale : sc.scales())
    {
        std::vector<std::string> targets;
        for (const auto target : scale.targets)
            targets.push_back(scheme::to_string(target));
        if (targets.empty())
            targets.push_back("");
        for (const auto& target : targets)
        {
            std::string label = scale.name + (target.empty() ? "" : " (" + target + ")");
            Variable v = number_var(variable_name({scale.id, target}, taken),
                                    label + " [" + scheme_tag(sc) + "]",
                                    "scheme " + scheme_tag(sc) + ", scale " + scale.id +
                                        (target.empty() ? "" : ", target " + target));
            v.decimals = std::floor(scale.step) == scale.step ? 0 : 1;
            if (scale.allows_not_scorable)
            {
                v.value_labels.push_back({kNotScorable, "not scorable"});
                v.missing_values.push_back(kNotScorable);
            }
            t.variables.push_back(std::move(v));
            cols.push_back({WideColumn::Kind::Scale, &sc, scale.id, target, nullptr, nullptr, {}});
        }
    }
}

void add_classification_columns(DataTable& t, std::vector<WideColumn>& cols,
                                std::set<std::string>& taken, const scheme::Scheme& sc)
{
    for (const auto& c : sc.classifications())
    {
        const std::string src = "scheme " + scheme_tag(sc) + ", classification " + c.id;
        const std::string tag = " [" + scheme_tag(sc) + "]";
        std::vector<std::pair<std::string, std::string>> primary, organised, subs, unresolved;
        for (const auto& cat : c.categories)
        {
            if (cat.role != scheme::CategoryRole::Unresolved)
                primary.push_back({cat.id, cat.id});
            if (cat.role == scheme::CategoryRole::Organised)
                organised.push_back({cat.id, cat.id});
            if (cat.role == scheme::CategoryRole::Unresolved)
                unresolved.push_back({cat.id, cat.id});
            for (const auto& sub : cat.subcategories)
                subs.push_back({sub.id, sub.id});
        }
        auto add = [&](WideColumn::Kind kind, const char* suffix, const std::string& label,
                       const std::vector<std::pair<std::string, std::string>>& codes)
        {
            t.variables.push_back(
                coded_var(variable_name({c.id, suffix}, taken), label + tag, src, codes));
            cols.push_back({kind, &sc, c.id, "", &c, nullptr, ids_of(codes)});
        };
        add(WideColumn::Kind::Category, "category", c.name + ": category", primary);
        if (c.slots.subcategory != scheme::SlotUse::None && !subs.empty())
            add(WideColumn::Kind::Subcategory, "subcategory", c.name + ": subcategory", subs);
        if (c.slots.unresolved != scheme::SlotUse::None)
            add(WideColumn::Kind::Unresolved, "unresolved", c.name + ": unresolved", unresolved);
        if (c.slots.alternative != scheme::SlotUse::None)
            add(WideColumn::Kind::Alternative, "alternative",
                c.name + ": forced alternative of cannot classify", organised);
        for (const auto& k : c.collapsings)
        {
            std::vector<std::pair<std::string, std::string>> labels;
            for (const auto& l : k.labels)
                labels.push_back({l, l});
            t.variables.push_back(coded_var(variable_name({k.id}, taken), k.name + tag,
                                            src + ", collapsing " + k.id, labels));
            cols.push_back({WideColumn::Kind::Collapsing, &sc, c.id, "", &c, &k, ids_of(labels)});
        }
    }
}

void add_code_columns(DataTable& t, std::vector<WideColumn>& cols, std::set<std::string>& taken,
                      const scheme::Scheme& sc)
{
    for (const auto& code : sc.codes())
    {
        t.variables.push_back(
            number_var(variable_name({"n", code.id}, taken),
                       "Passages coded " + code.name + " [" + scheme_tag(sc) + "]",
                       "scheme " + scheme_tag(sc) + ", code " + code.id));
        cols.push_back({WideColumn::Kind::CodeCount, &sc, code.id, "", nullptr, nullptr, {}});
    }
}

struct Records
{
    std::vector<project::Annotation> annotations;
    std::vector<project::Rating> ratings;
    std::vector<project::Classification> classifications;

    /// No work of the pair under the exported schemes: no row in wide and the matrices.
    bool empty() const { return annotations.empty() && ratings.empty() && classifications.empty(); }
};

Cell wide_cell(const WideColumn& col, const Records& r)
{
    const std::string& sid = col.sc->id();
    if (col.kind == WideColumn::Kind::Scale)
    {
        for (const auto& x : r.ratings)
            if (x.scheme_id == sid && x.scale == col.item && x.target == col.target)
                return x.not_scorable ? kNotScorable : *x.value;
        return std::monostate{};
    }
    if (col.kind == WideColumn::Kind::CodeCount)
        return static_cast<double>(
            std::count_if(r.annotations.begin(), r.annotations.end(),
                          [&](const auto& a) { return a.scheme_id == sid && a.code == col.item; }));
    const project::Classification* found = nullptr;
    for (const auto& x : r.classifications)
        if (x.scheme_id == sid && col.classification->categories.size() > 0 &&
            std::any_of(col.classification->categories.begin(),
                        col.classification->categories.end(),
                        [&](const auto& cat) { return cat.id == x.category; }))
            found = &x;
    if (!found)
        return std::monostate{};
    switch (col.kind)
    {
    case WideColumn::Kind::Category: return code_of(col.ids, found->category);
    case WideColumn::Kind::Subcategory: return code_of(col.ids, found->subcategory);
    case WideColumn::Kind::Unresolved:
        return found->unresolved ? code_of(col.ids, found->unresolved) : Cell{0.0};
    case WideColumn::Kind::Alternative: return code_of(col.ids, found->alternative);
    default: break;
    }
    const scheme::Assignment a{found->category, found->subcategory, found->unresolved,
                               found->alternative};
    return code_of(col.ids, scheme::collapse(*col.classification, *col.collapsing, a));
}

template <typename Rec>
std::vector<Rec> of_schemes(std::vector<Rec> all, const ExportSelection& sel)
{
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const Rec& x) { return !sel.has_scheme(x.scheme_id); }),
              all.end());
    return all;
}

// The trailing columns of the long tables: who recorded it under which scheme version.
void add_record_vars(DataTable& t, std::set<std::string>& taken)
{
    t.variables.push_back(text_var(variable_name({"scheme"}, taken), "Scheme id"));
    t.variables.push_back(text_var(variable_name({"scheme_version"}, taken),
                                   "Scheme version the record was made under"));
}

} // namespace

bool ExportSelection::has_scheme(const std::string& id) const
{
    return find_scheme(id) != nullptr;
}

const scheme::Scheme* ExportSelection::find_scheme(const std::string& id) const
{
    for (const auto& sc : schemes)
        if (sc->id() == id)
            return sc.get();
    return nullptr;
}

Result<ExportSelection> select_export(project::Session& s, const DatasetOptions& o)
{
    ExportSelection sel;
    std::vector<std::string> ids = o.schemes;
    if (ids.empty())
        for (const auto& info : project::latest_schemes(s.schemes()))
            ids.push_back(info.scheme_id);
    for (const auto& id : ids)
    {
        auto sc = s.scheme(id);
        if (!sc)
            return Error{ErrorCode::NotFound, "no scheme '" + id + "' in the project", {}};
        sel.schemes.push_back(*sc);
    }
    std::vector<project::Transcript> all;
    for (const auto& t : s.transcripts())
        all.push_back(t.transcript);
    const auto current = project::current_transcripts(all);
    for (const auto& t : current)
        if (wanted(o.transcripts, t.id))
            sel.transcripts.push_back(t);
    // An older version asked for by id would silently export nothing: say so instead.
    for (const auto id : o.transcripts)
        if (std::none_of(current.begin(), current.end(), [&](const auto& t) { return t.id == id; }))
            return Error{ErrorCode::InvalidArgument,
                         "transcript " + std::to_string(id.value()) +
                             " is not a current transcript (a newer version supersedes it)",
                         {}};
    for (const auto& c : s.coders())
        if (wanted(o.coders, c.id))
            sel.coders.push_back(c);
    return sel;
}

std::string variable_name(const std::vector<std::string_view>& parts, std::set<std::string>& taken)
{
    std::string joined;
    for (const auto part : parts)
    {
        if (part.empty())
            continue;
        if (!joined.empty())
            joined += '_';
        joined += fold(part);
    }
    std::string base = squeeze(joined);
    while (!base.empty() && base.front() == '_')
        base.erase(base.begin());
    if (base.empty() || (base.front() >= '0' && base.front() <= '9'))
        base = "v" + std::string(base.empty() ? "" : "_") + base;
    base = trim_to(base, kMaxName);
    if (reserved(base))
        base = trim_to(base, kMaxName - 1) + "_";
    std::string name = base;
    for (int n = 2; taken.count(name) > 0; ++n)
    {
        const std::string suffix = "_" + std::to_string(n);
        name = trim_to(base, kMaxName - suffix.size()) + suffix;
    }
    taken.insert(name);
    return name;
}

Result<ExportInfo> export_info(project::Session& s, const DatasetOptions& o)
{
    auto sel = select_export(s, o);
    if (!sel)
        return sel.error();
    return export_info(s, *sel, o);
}

ExportInfo export_info(project::Session& s, const ExportSelection& selection,
                       const DatasetOptions& o)
{
    ExportInfo info;
    info.attune_version = kVersion;
    info.project_uuid = s.project_uuid();
    info.project_file = s.path().filename().string();
    for (const auto& sc : selection.schemes)
        info.schemes.emplace_back(sc->id(), sc->version());
    if (!o.transcripts.empty())
    {
        std::string f = "transcripts:";
        for (const auto& t : selection.transcripts)
            f += " " + (t.participant ? *t.participant : t.uuid);
        info.filters.push_back(f);
    }
    if (!o.coders.empty())
    {
        std::string f = "coders:";
        for (const auto& c : selection.coders)
            f += " " + c.name;
        info.filters.push_back(f);
    }
    if (!o.schemes.empty())
    {
        std::string f = "schemes:";
        for (const auto& id : o.schemes)
            f += " " + id;
        info.filters.push_back(f);
    }
    if (o.with_text)
        info.filters.push_back("with transcript text");
    info.exported_at = now_utc();
    return info;
}

namespace
{

// Where each passage or turn is: the speaker turns and AAI sections of one transcript.
struct Layout
{
    text::TextIndex text; ///< code points to bytes in O(1), for passages' text
    std::vector<CpOffset> line_starts;
    text::TranscriptStructure structure;

    /// The turn containing code point `cp`, or null (text before the first label, markers).
    const text::Turn* turn_at(CpOffset cp) const
    {
        const auto& turns = structure.turns;
        auto it = std::upper_bound(turns.begin(), turns.end(), cp,
                                   [](CpOffset x, const text::Turn& t) { return x < t.begin; });
        if (it == turns.begin())
            return nullptr;
        --it;
        return cp < it->end ? &*it : nullptr;
    }
    /// The id of the section containing `cp` ("Q3"), or "".
    std::string section_at(CpOffset cp) const
    {
        for (const auto& sec : structure.sections)
            if (sec.begin <= cp && cp < sec.end)
                return sec.id;
        return {};
    }
};

Result<Layout> layout_of(project::Session& s, const project::Transcript& tr)
{
    auto text = s.text(tr.id);
    if (!text)
        return text.error();
    Layout l;
    l.line_starts = text::line_starts(*text);
    // The default AAI labels, as the agreement report's turn units use.
    l.structure = text::analyze_structure(*text, text::SpeakerRules{}, text::WordCounts::Skip);
    l.text = text::TextIndex(std::move(*text));
    return l;
}

// Builders: each makes its table's head from the selection, then gives its rows one
// transcript × coder at a time, so that one pass over the project feeds every table.

/// What a builder reads of each pair.
struct Needs
{
    bool passages = true; ///< the pair's annotations (most of the records)
    bool layout = false;  ///< the transcript's text, lines, turns and sections
};

class Builder
{
public:
    virtual ~Builder() = default;
    const DataTable& head() const { return m_head; }
    virtual Needs needs() const { return {}; }
    /// The rows of one transcript × coder (`layout` is null unless needs().layout).
    virtual Result<void> rows(const project::Transcript& tr, const Layout* layout,
                              const project::Coder& c, const Records& rec, TableSink& sink) = 0;

protected:
    DataTable m_head;
};

// One row per transcript × coder with work.
class WideBuilder final : public Builder
{
public:
    explicit WideBuilder(const ExportSelection& sel)
    {
        m_head = DataTable{"wide",
                           "One row per transcript and coder: scales, classification, code counts",
                           {},
                           {}};
        std::set<std::string> taken;
        add_id_vars(m_head, taken);
        for (const auto& sc : sel.schemes)
            add_scale_columns(m_head, m_cols, taken, *sc);
        for (const auto& sc : sel.schemes)
            add_classification_columns(m_head, m_cols, taken, *sc);
        for (const auto& sc : sel.schemes)
            add_code_columns(m_head, m_cols, taken, *sc);
    }
    Result<void> rows(const project::Transcript& tr, const Layout*, const project::Coder& c,
                      const Records& rec, TableSink& sink) override
    {
        if (rec.empty())
            return {};
        auto row = id_cells(tr, c);
        for (const auto& col : m_cols)
            row.push_back(wide_cell(col, rec));
        return sink.row(row);
    }

private:
    std::vector<WideColumn> m_cols;
};

class RatingsBuilder final : public Builder
{
public:
    RatingsBuilder()
    {
        m_head = DataTable{"ratings", "One row per scale score", {}, {}};
        std::set<std::string> taken;
        add_id_vars(m_head, taken);
        add_record_vars(m_head, taken);
        m_head.variables.push_back(text_var(variable_name({"scale"}, taken), "Scale id"));
        m_head.variables.push_back(
            text_var(variable_name({"target"}, taken), "Target (empty: global)"));
        Variable value = number_var(variable_name({"value"}, taken), "Score");
        value.decimals = 1;
        value.value_labels.push_back({kNotScorable, "not scorable"});
        value.missing_values.push_back(kNotScorable);
        m_head.variables.push_back(value);
        Variable flag = number_var(variable_name({"not_scorable"}, taken), "Not scorable");
        flag.value_labels = {{0, "no"}, {1, "yes"}};
        m_head.variables.push_back(flag);
        m_head.variables.push_back(text_var(variable_name({"note"}, taken), "Note"));
        m_head.variables.push_back(
            text_var(variable_name({"modified"}, taken), "Last changed (UTC)"));
        m_head.variables.push_back(text_var(variable_name({"uuid"}, taken), "Rating uuid"));
    }
    Needs needs() const override { return {false, false}; }
    Result<void> rows(const project::Transcript& tr, const Layout*, const project::Coder& c,
                      const Records& rec, TableSink& sink) override
    {
        for (const auto& x : rec.ratings)
        {
            auto row = id_cells(tr, c);
            row.insert(row.end(), {x.scheme_id, x.scheme_version, x.scale, x.target,
                                   x.not_scorable ? kNotScorable : *x.value,
                                   x.not_scorable ? 1.0 : 0.0, x.note, x.modified, x.uuid});
            if (auto w = sink.row(row); !w)
                return w;
        }
        return {};
    }
};

class ClassificationsBuilder final : public Builder
{
public:
    explicit ClassificationsBuilder(project::Session& s) : m_session(s)
    {
        m_head = DataTable{"classifications", "One row per classification", {}, {}};
        std::set<std::string> taken;
        add_id_vars(m_head, taken);
        add_record_vars(m_head, taken);
        for (const char* n : {"category", "subcategory", "unresolved", "alternative"})
            m_head.variables.push_back(
                text_var(variable_name({n}, taken), std::string("Stated ") + n));
        m_head.variables.push_back(text_var(variable_name({"note"}, taken), "Note"));
        m_head.variables.push_back(
            text_var(variable_name({"modified"}, taken), "Last changed (UTC)"));
        m_head.variables.push_back(text_var(variable_name({"uuid"}, taken), "Classification uuid"));
    }
    Needs needs() const override { return {false, false}; }
    Result<void> rows(const project::Transcript& tr, const Layout*, const project::Coder& c,
                      const Records& rec, TableSink& sink) override
    {
        for (const auto& stored : rec.classifications)
        {
            // As the coder stated it (CC alternative Ds1), as `attune-cli show` prints it.
            const auto x = m_session.as_stated(stored);
            auto row = id_cells(tr, c);
            row.insert(row.end(), {x.scheme_id, x.scheme_version, x.category,
                                   text_cell(x.subcategory), text_cell(x.unresolved),
                                   text_cell(x.alternative), x.note, x.modified, x.uuid});
            if (auto w = sink.row(row); !w)
                return w;
        }
        return {};
    }

private:
    project::Session& m_session;
};

DataTable annotations_head(const DatasetOptions& o)
{
    DataTable t{"annotations", "One row per coded passage", {}, {}};
    std::set<std::string> taken;
    add_id_vars(t, taken);
    add_record_vars(t, taken);
    t.variables.push_back(text_var(variable_name({"code"}, taken), "Code id"));
    t.variables.push_back(text_var(variable_name({"code_name"}, taken), "Code name"));
    t.variables.push_back(text_var(variable_name({"group_path"}, taken),
                                   "Groups of the code, outermost first, joined by '/'"));
    t.variables.push_back(number_var(variable_name({"start"}, taken), "First code point"));
    t.variables.push_back(
        number_var(variable_name({"end"}, taken), "One past the last code point"));
    t.variables.push_back(number_var(variable_name({"start_line"}, taken), "First line"));
    t.variables.push_back(number_var(variable_name({"end_line"}, taken), "Last line"));
    t.variables.push_back(text_var(variable_name({"speaker"}, taken),
                                   "Speaker label of the turn where the passage starts"));
    t.variables.push_back(
        text_var(variable_name({"section"}, taken), "AAI section where the passage starts"));
    t.variables.push_back(text_var(variable_name({"memo"}, taken), "Memo"));
    t.variables.push_back(text_var(variable_name({"created"}, taken), "Created (UTC)"));
    t.variables.push_back(text_var(variable_name({"modified"}, taken), "Last changed (UTC)"));
    t.variables.push_back(text_var(variable_name({"uuid"}, taken), "Annotation uuid"));
    if (o.with_text)
        t.variables.push_back(text_var(variable_name({"text"}, taken), "The passage's text"));
    return t;
}

std::string group_path(const scheme::Scheme* sc, const scheme::Code* code)
{
    std::string groups;
    for (const auto& g : code ? code->group_path : std::vector<std::string>{})
    {
        const scheme::CodeGroup* group = sc->find_group(g);
        groups += (groups.empty() ? "" : "/") + (group ? group->name : g);
    }
    return groups;
}

class AnnotationsBuilder final : public Builder
{
public:
    AnnotationsBuilder(const ExportSelection& sel, const DatasetOptions& o)
        : m_sel(sel), m_with_text(o.with_text)
    {
        m_head = annotations_head(o);
    }
    Needs needs() const override { return {true, true}; }
    Result<void> rows(const project::Transcript& tr, const Layout* layout, const project::Coder& c,
                      const Records& rec, TableSink& sink) override
    {
        for (const auto& x : rec.annotations)
        {
            const scheme::Scheme* sc = m_sel.find_scheme(x.scheme_id);
            const scheme::Code* code = sc ? sc->find_code(x.code) : nullptr;
            const text::Turn* turn = layout->turn_at(x.start);
            std::string speaker = turn ? turn->label : std::string();
            auto row = id_cells(tr, c);
            row.insert(row.end(),
                       {x.scheme_id, x.scheme_version, x.code, code ? Cell{code->name} : Cell{},
                        group_path(sc, code), static_cast<double>(x.start),
                        static_cast<double>(x.end),
                        static_cast<double>(text::line_of(layout->line_starts, x.start)),
                        static_cast<double>(text::line_of(layout->line_starts, x.end - 1)),
                        std::move(speaker), layout->section_at(x.start), x.memo, x.created,
                        x.modified, x.uuid});
            if (m_with_text)
            {
                const auto b = layout->text.cp_to_utf8(x.start);
                row.emplace_back(std::in_place_type<std::string>,
                                 layout->text.text().substr(
                                     static_cast<std::size_t>(b),
                                     static_cast<std::size_t>(layout->text.cp_to_utf8(x.end) - b)));
            }
            if (auto w = sink.row(row); !w)
                return w;
        }
        return {};
    }

private:
    const ExportSelection& m_sel;
    bool m_with_text;
};

// The code columns of the code and turn matrices: every code of every exported scheme.
struct CodeColumn
{
    const scheme::Scheme* sc;
    std::string code;
};

std::vector<CodeColumn> add_matrix_code_vars(DataTable& t, std::set<std::string>& taken,
                                             const ExportSelection& sel, bool binary,
                                             const char* unit)
{
    std::vector<CodeColumn> cols;
    for (const auto& sc : sel.schemes)
        for (const auto& code : sc->codes())
        {
            Variable v = number_var(variable_name({code.id}, taken),
                                    std::string(binary ? "Coded " : "Passages coded ") + code.name +
                                        " [" + scheme_tag(*sc) + "]" +
                                        (binary ? std::string(" in the ") + unit : ""),
                                    "scheme " + scheme_tag(*sc) + ", code " + code.id);
            if (binary)
                v.value_labels = {{0, "no"}, {1, "yes"}};
            t.variables.push_back(std::move(v));
            cols.push_back({sc.get(), code.id});
        }
    return cols;
}

using ColumnIndex = std::map<std::pair<std::string, std::string>, std::size_t>;

/// The column of each (scheme, code) among `cols`.
ColumnIndex column_index(const std::vector<CodeColumn>& cols)
{
    ColumnIndex index;
    for (std::size_t k = 0; k < cols.size(); ++k)
        index.emplace(std::make_pair(cols[k].sc->id(), cols[k].code), k);
    return index;
}

/// How many of `annotations` of each code column touch each turn: turns × columns, row-major.
/// Turns are disjoint and in text order, so each passage visits only the turns it spans.
std::vector<double> turn_counts(const std::vector<project::Annotation>& annotations,
                                const std::vector<text::Turn>& turns,
                                const std::vector<CodeColumn>& cols, const ColumnIndex& index)
{
    std::vector<double> counts(turns.size() * cols.size(), 0.0);
    for (const auto& a : annotations)
    {
        const auto k = index.find({a.scheme_id, a.code});
        if (k == index.end())
            continue;
        auto t = std::partition_point(turns.begin(), turns.end(),
                                      [&](const text::Turn& turn)
                                      { return static_cast<std::int64_t>(turn.end) <= a.start; });
        for (; t != turns.end() && static_cast<std::int64_t>(t->begin) < a.end; ++t)
            if (project::passage_touches(a.start, a.end, static_cast<std::int64_t>(t->begin),
                                         static_cast<std::int64_t>(t->end)))
                counts[static_cast<std::size_t>(t - turns.begin()) * cols.size() + k->second] += 1;
    }
    return counts;
}

class CodeMatrixBuilder final : public Builder
{
public:
    CodeMatrixBuilder(const ExportSelection& sel, const DatasetOptions& o)
        : m_binary(o.code_values == CodeValues::Binary)
    {
        m_head =
            DataTable{"code-matrix",
                      m_binary ? "One row per transcript and coder: 1 when a code was marked at all"
                               : "One row per transcript and coder: passages marked with each code",
                      {},
                      {}};
        std::set<std::string> taken;
        add_id_vars(m_head, taken);
        m_cols = add_matrix_code_vars(m_head, taken, sel, m_binary, "transcript");
        m_index = column_index(m_cols);
    }
    Result<void> rows(const project::Transcript& tr, const Layout*, const project::Coder& c,
                      const Records& rec, TableSink& sink) override
    {
        if (rec.empty())
            return {};
        std::vector<double> n(m_cols.size(), 0.0);
        for (const auto& a : rec.annotations)
            if (const auto k = m_index.find({a.scheme_id, a.code}); k != m_index.end())
                n[k->second] += 1;
        auto row = id_cells(tr, c);
        for (const double v : n)
            row.push_back(m_binary ? (v > 0 ? 1.0 : 0.0) : v);
        return sink.row(row);
    }

private:
    bool m_binary;
    std::vector<CodeColumn> m_cols;
    ColumnIndex m_index;
};

DataTable turn_matrix_head(bool binary)
{
    return DataTable{"turn-matrix",
                     binary ? "One row per speaker turn and coder: 1 when a passage of the code "
                              "touches the turn"
                            : "One row per speaker turn and coder: passages of each code touching "
                              "the turn",
                     {},
                     {}};
}

class TurnMatrixBuilder final : public Builder
{
public:
    // Binary unless counts are asked for: the turn is the unit of turn-level kappa.
    TurnMatrixBuilder(const ExportSelection& sel, const DatasetOptions& o)
        : m_binary(o.code_values != CodeValues::Counts)
    {
        m_head = turn_matrix_head(m_binary);
        std::set<std::string> taken;
        add_id_vars(m_head, taken);
        m_head.variables.push_back(
            number_var(variable_name({"turn"}, taken), "Speaker turn (1-based)"));
        m_head.variables.push_back(text_var(variable_name({"speaker"}, taken), "Speaker label"));
        m_head.variables.push_back(
            text_var(variable_name({"speaker_role"}, taken), "interviewer, respondent or other"));
        m_head.variables.push_back(text_var(variable_name({"section"}, taken), "AAI section"));
        m_head.variables.push_back(number_var(variable_name({"start"}, taken), "First code point"));
        m_head.variables.push_back(
            number_var(variable_name({"end"}, taken), "One past the last code point"));
        m_head.variables.push_back(number_var(variable_name({"start_line"}, taken), "First line"));
        m_head.variables.push_back(number_var(variable_name({"end_line"}, taken), "Last line"));
        m_cols = add_matrix_code_vars(m_head, taken, sel, m_binary, "turn");
        m_index = column_index(m_cols);
    }
    Needs needs() const override { return {true, true}; }
    Result<void> rows(const project::Transcript& tr, const Layout* layout, const project::Coder& c,
                      const Records& rec, TableSink& sink) override
    {
        if (rec.annotations.empty())
            return {};
        const auto& turns = layout->structure.turns;
        const auto counts = turn_counts(rec.annotations, turns, m_cols, m_index);
        for (std::size_t i = 0; i < turns.size(); ++i)
        {
            const text::Turn& turn = turns[i];
            auto row = id_cells(tr, c);
            row.insert(row.end(),
                       {static_cast<double>(i + 1), turn.label, std::string(to_string(turn.role)),
                        layout->section_at(turn.begin), static_cast<double>(turn.begin),
                        static_cast<double>(turn.end), static_cast<double>(turn.first_line),
                        static_cast<double>(turn.last_line)});
            for (std::size_t k = 0; k < m_cols.size(); ++k)
            {
                const double n = counts[i * m_cols.size() + k];
                row.push_back(m_binary ? (n > 0 ? 1.0 : 0.0) : n);
            }
            if (auto w = sink.row(row); !w)
                return w;
        }
        return {};
    }

private:
    bool m_binary;
    std::vector<CodeColumn> m_cols;
    ColumnIndex m_index;
};

/// The builder of the named table (not the dictionary), or null.
std::unique_ptr<Builder> make_builder(project::Session& s, const ExportSelection& sel,
                                      const std::string& name, const DatasetOptions& o)
{
    if (name == "wide")
        return std::make_unique<WideBuilder>(sel);
    if (name == "ratings")
        return std::make_unique<RatingsBuilder>();
    if (name == "classifications")
        return std::make_unique<ClassificationsBuilder>(s);
    if (name == "annotations")
        return std::make_unique<AnnotationsBuilder>(sel, o);
    if (name == "code-matrix")
        return std::make_unique<CodeMatrixBuilder>(sel, o);
    if (name == "turn-matrix")
        return std::make_unique<TurnMatrixBuilder>(sel, o);
    return nullptr;
}

/// Every builder's rows in one pass: per transcript (its layout read once when one needs it),
/// per coder (the records read once), each builder in turn.
Result<void> stream_rows(project::Session& s, const ExportSelection& sel,
                         const std::vector<std::unique_ptr<Builder>>& builders,
                         const std::vector<TableSink*>& sinks,
                         const std::function<bool()>& after_transcript)
{
    Needs needs{false, false};
    std::vector<bool> active;
    for (std::size_t i = 0; i < builders.size(); ++i)
    {
        active.push_back(sinks[i]->wants_rows());
        if (!active.back())
            continue;
        needs.passages = needs.passages || builders[i]->needs().passages;
        needs.layout = needs.layout || builders[i]->needs().layout;
    }
    if (std::none_of(active.begin(), active.end(), [](bool a) { return a; }))
        return {};
    for (const auto& tr : sel.transcripts)
    {
        std::optional<Layout> layout;
        if (needs.layout)
        {
            auto l = layout_of(s, tr);
            if (!l)
                return l.error();
            layout = std::move(*l);
        }
        for (const auto& c : sel.coders)
        {
            Records rec{needs.passages ? of_schemes(s.annotations(tr.id, c.id), sel)
                                       : std::vector<project::Annotation>{},
                        of_schemes(s.ratings(tr.id, c.id), sel),
                        of_schemes(s.classifications(tr.id, c.id), sel)};
            for (std::size_t i = 0; i < builders.size(); ++i)
                if (active[i])
                    if (auto r =
                            builders[i]->rows(tr, layout ? &*layout : nullptr, c, rec, *sinks[i]);
                        !r)
                        return r;
        }
        if (after_transcript && !after_transcript())
            return make_error(ErrorCode::Cancelled, "the export was cancelled");
    }
    return {};
}

DataTable dictionary_head()
{
    DataTable d{"dictionary", "Every variable of the exported datasets", {}, {}};
    std::set<std::string> taken;
    for (const char* n :
         {"dataset", "name", "label", "type", "value_labels", "missing_values", "source"})
        d.variables.push_back(text_var(variable_name({n}, taken), n));
    d.variables.push_back(number_var(variable_name({"decimals"}, taken), "Display decimals"));
    return d;
}

std::vector<Cell> dictionary_row(const DataTable& t, const Variable& v)
{
    std::string labels, missing;
    for (const auto& l : v.value_labels)
        labels += (labels.empty() ? "" : "; ") + scheme::format_value(l.value) + "=" + l.label;
    for (const double m : v.missing_values)
        missing += (missing.empty() ? "" : "; ") + scheme::format_value(m);
    return {t.name,   v.name,
            v.label,  std::string(v.type == VariableType::Numeric ? "numeric" : "string"),
            labels,   missing,
            v.source, static_cast<double>(v.decimals)};
}

} // namespace

Result<void> stream_datasets(project::Session& s, const ExportSelection& sel,
                             const std::vector<std::string>& names, const DatasetOptions& o,
                             const std::vector<TableSink*>& sinks,
                             const std::function<bool()>& after_transcript)
{
    ATTUNE_ASSERT(names.size() == sinks.size());
    std::vector<std::unique_ptr<Builder>> builders;
    for (const auto& name : names)
    {
        builders.push_back(make_builder(s, sel, name, o));
        if (!builders.back())
            return Error{ErrorCode::InvalidArgument, "no dataset '" + name + "'", {}};
    }
    for (std::size_t i = 0; i < builders.size(); ++i)
        if (auto r = sinks[i]->begin(builders[i]->head()); !r)
            return r;
    if (auto r = stream_rows(s, sel, builders, sinks, after_transcript); !r)
        return r;
    for (TableSink* sink : sinks)
        if (auto r = sink->end(); !r)
            return r;
    return {};
}

Result<void> stream_dataset(project::Session& s, const ExportSelection& sel,
                            const std::string& name, const DatasetOptions& o, TableSink& sink)
{
    if (name != "dictionary")
        return stream_datasets(s, sel, {name}, o, {&sink});
    std::vector<DataTable> heads;
    for (const char* other : kDatasetNames)
        if (auto b = make_builder(s, sel, other, o))
            heads.push_back(b->head());
    return replay(build_dictionary(heads), sink);
}

DataTable build_dictionary(const std::vector<DataTable>& tables)
{
    DataTable d = dictionary_head();
    for (const auto& t : tables)
        for (const auto& v : t.variables)
            d.rows.push_back(dictionary_row(t, v));
    return d;
}

Result<DataTable> build_dataset(project::Session& s, const std::string& name,
                                const DatasetOptions& o)
{
    auto sel = select_export(s, o);
    if (!sel)
        return sel.error();
    CollectSink sink;
    if (auto r = stream_dataset(s, *sel, name, o, sink); !r)
        return r.error();
    return std::move(sink.table());
}

Result<DataTable> build_wide(project::Session& s, const DatasetOptions& o)
{
    return build_dataset(s, "wide", o);
}

Result<DataTable> build_ratings(project::Session& s, const DatasetOptions& o)
{
    return build_dataset(s, "ratings", o);
}

Result<DataTable> build_classifications(project::Session& s, const DatasetOptions& o)
{
    return build_dataset(s, "classifications", o);
}

Result<DataTable> build_annotations(project::Session& s, const DatasetOptions& o)
{
    return build_dataset(s, "annotations", o);
}

} // namespace attune::io
