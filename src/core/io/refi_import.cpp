// SPDX-License-Identifier: GPL-3.0-or-later
// A REFI-QDA file into a project (io/refi_import.h): the codebook as a scheme, users as coders,
// plain-text sources as transcripts, coded selections as annotations, all in one transaction.
// Positions are mapped from the file's convention onto the stored text (LF line ends, NFC).
#include "core/io/refi_import.h"

#include "core/io/refi_common.h"
#include "core/io/refi_export.h"
#include "core/project/scheme_rules.h"
#include "core/project/session_access.h"
#include "core/project/text_facts.h"
#include "core/scheme/scheme.h"
#include "core/store/database.h"
#include "core/text/code_points.h"
#include "core/text/decode.h"
#include "core/text/names.h"
#include "core/text/sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace attune::io
{

namespace
{

// ---------------------------------------------------------------- the generated scheme

std::string slug(std::string_view name)
{
    std::string out;
    for (const char ch : name)
    {
        const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep)
            out += c;
        else if (!out.empty() && out.back() != '-')
            out += '-';
        if (out.size() >= 40)
            break;
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    if (out.empty() || !(out[0] >= 'a' && out[0] <= 'z'))
        out = "c-" + out;
    while (out.back() == '-')
        out.pop_back();
    return out;
}

/// Splits a flat name into a path: ATLAS.ti 8 writes "Coke::diet Coke", Taguette
/// "interesting\places".
std::vector<std::string> name_path(const std::string& name)
{
    std::vector<std::string> parts;
    std::string cur;
    for (std::size_t i = 0; i < name.size(); ++i)
    {
        if (name.compare(i, 2, "::") == 0)
        {
            parts.push_back(cur);
            cur.clear();
            ++i;
        }
        else if (name[i] == '\\')
        {
            parts.push_back(cur);
            cur.clear();
        }
        else
            cur += name[i];
    }
    parts.push_back(cur);
    std::vector<std::string> out;
    for (auto& p : parts)
    {
        auto n = text::name_from(p);
        if (!p.empty() && p.find_first_not_of(" \t") != std::string::npos)
            out.push_back(n);
    }
    if (out.empty())
        out.push_back(text::name_from(name));
    return out;
}

struct Node
{
    std::string name;
    const RefiCode* code = nullptr; ///< the REFI code at this path, when one is
    bool group = false;             ///< a non-codable code or a prefix of other codes' names
    std::vector<std::unique_ptr<Node>> children;

    Node* child(const std::string& n)
    {
        for (auto& c : children)
            if (c->name == n)
                return c.get();
        children.push_back(std::make_unique<Node>());
        children.back()->name = n;
        return children.back().get();
    }
};

void insert(Node& parent, const RefiCode& code)
{
    Node* at = &parent;
    for (const auto& part : name_path(code.name))
        at = at->child(part);
    if (at->code != nullptr)
    {
        // Duplicate names in one branch: each code keeps its own entry.
        at = &parent;
        const auto path = name_path(code.name);
        for (std::size_t i = 0; i + 1 < path.size(); ++i)
            at = at->child(path[i]);
        at->children.push_back(std::make_unique<Node>());
        at = at->children.back().get();
        at->name = path.back();
    }
    at->code = &code;
    if (!code.codable)
        at->group = true;
    for (const auto& c : code.children)
        insert(*at, c);
}

/// Definition, inclusion, exclusion, examples, target back out of a description written by
/// Attune's export (labelled paragraphs); other descriptions are all definition.
struct Parts
{
    std::string definition, inclusion, exclusion, target;
    std::vector<std::string> examples;
};

Parts split_description(const std::string& d)
{
    Parts p;
    std::size_t pos = 0;
    bool first = true;
    while (pos <= d.size())
    {
        std::size_t next = d.find("\n\n", pos);
        const std::string para =
            d.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
        auto take = [&](const char* label, std::string& into)
        {
            const std::string l = std::string(label) + ": ";
            if (!first && para.compare(0, l.size(), l) == 0)
            {
                into = para.substr(l.size());
                return true;
            }
            return false;
        };
        std::string example;
        if (take("Inclusion", p.inclusion) || take("Exclusion", p.exclusion) ||
            take("Target", p.target))
        {
        }
        else if (take("Example", example))
            p.examples.push_back(example);
        else
            p.definition += (p.definition.empty() ? "" : "\n\n") + para;
        first = false;
        if (next == std::string::npos)
            break;
        pos = next + 2;
    }
    if (!scheme::target_from_string(p.target))
    {
        if (!p.target.empty())
            p.definition += "\n\nTarget: " + p.target;
        p.target.clear();
    }
    return p;
}

bool blank(const std::string& s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

/// A control character the scheme loader and the transcript importer refuse (C0 but TAB and
/// the line ends, DEL, C1).
bool forbidden_control(char32_t c)
{
    return (c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || (c >= 0x7F && c <= 0x9F);
}

/// Text from another program made fit for a scheme's text elements: NFC, ill-formed UTF-8 as
/// U+FFFD, control characters dropped.
std::string clean_text(std::string_view raw)
{
    std::string out;
    for (const char32_t c : text::to_code_points(text::normalize_text(raw)))
        if (!forbidden_control(c))
            out += text::from_code_points(std::u32string_view(&c, 1));
    return out;
}

class SchemeWriter
{
public:
    SchemeWriter(std::vector<std::string>& warnings) : m_warnings(warnings) {}

    std::string write(const Node& root, const std::string& id, const std::string& title,
                      const std::string& origin)
    {
        pugi::xml_document doc;
        auto decl = doc.append_child(pugi::node_declaration);
        decl.append_attribute("version") = "1.0";
        decl.append_attribute("encoding") = "UTF-8";
        pugi::xml_node s = doc.append_child("scheme");
        s.append_attribute("xmlns") = std::string(scheme::kNamespace).c_str();
        s.append_attribute("version") = "1";
        s.append_attribute("id") = id.c_str();
        pugi::xml_node m = s.append_child("metadata");
        text(m, "title", title);
        text(m, "version", "1.0");
        text(m, "licence", "LicenseRef-imported");
        text(m, "language", "und");
        text(m, "description",
             "Generated by Attune from a REFI-QDA codebook" +
                 (origin.empty() ? std::string() : " written by " + origin) +
                 ". Edit ids, colours and definitions as the lab needs; give the edited scheme "
                 "a new version.");
        if (!root.children.empty())
        {
            pugi::xml_node codes = s.append_child("codes");
            for (const auto& c : root.children)
                emit(codes, *c, 1);
        }
        return detail::xml_to_string(doc);
    }

    const std::unordered_map<std::string, std::string>& code_ids() const { return m_code_ids; }
    std::size_t codes() const { return m_codes; }

private:
    std::vector<std::string>& m_warnings;
    std::set<std::string> m_ids;
    std::unordered_map<std::string, std::string> m_code_ids; // REFI guid → code id
    std::size_t m_codes = 0;

    static void text(pugi::xml_node parent, const char* name, const std::string& value)
    {
        const std::string clean = clean_text(value);
        parent.append_child(name).append_child(pugi::node_pcdata).set_value(clean.c_str());
    }

    std::string unique_id(const std::string& name)
    {
        const std::string base = slug(name);
        std::string id = base;
        for (int n = 2; m_ids.count(id) > 0; ++n)
            id = base + "-" + std::to_string(n);
        m_ids.insert(id);
        return id;
    }

    void code(pugi::xml_node parent, const std::string& name, const RefiCode& c)
    {
        pugi::xml_node e = parent.append_child("code");
        const std::string id = unique_id(name);
        e.append_attribute("id") = id.c_str();
        e.append_attribute("name") = name.c_str();
        std::uint32_t colour = 0xD8D8D8;
        if (c.colour)
            colour = *c.colour;
        else if (c.colour_malformed)
            m_warnings.push_back("code '" + name + "': its colour is not #RRGGBB; grey used");
        e.append_attribute("colour") = scheme::format_colour(colour).c_str();
        Parts p = split_description(clean_text(c.description));
        if (p.target.size() > 0)
            e.append_attribute("target") = p.target.c_str();
        text(e, "definition",
             blank(p.definition) ? "(no description in the REFI-QDA codebook)" : p.definition);
        if (!blank(p.inclusion))
            text(e, "inclusion", p.inclusion);
        if (!blank(p.exclusion))
            text(e, "exclusion", p.exclusion);
        for (const auto& x : p.examples)
            if (!blank(x))
                text(e, "example", x);
        m_code_ids.emplace(c.guid, id);
        ++m_codes;
    }

    void emit(pugi::xml_node parent, const Node& n, int depth)
    {
        const bool is_group = n.group || !n.children.empty();
        if (!is_group)
        {
            if (n.code != nullptr)
                code(parent, n.name, *n.code);
            return;
        }
        if (depth >= scheme::kMaxDepth - 4)
        {
            m_warnings.push_back("codes nested deeper than " +
                                 std::to_string(scheme::kMaxDepth - 4) +
                                 " levels are placed at that level");
            if (n.code != nullptr && n.code->codable)
                code(parent, n.name, *n.code);
            for (const auto& c : n.children)
                emit(parent, *c, depth);
            return;
        }
        pugi::xml_node g = parent.append_child("group");
        g.append_attribute("id") = unique_id("group " + n.name).c_str();
        g.append_attribute("name") = n.name.c_str();
        if (n.code != nullptr && !n.code->codable && !blank(n.code->description))
            text(g, "description", n.code->description);
        // A codable code with children (MAXQDA's categories, NVivo's parent nodes): a group of
        // that name, holding a code of that name first.
        if (n.code != nullptr && n.code->codable)
            code(g, n.name, *n.code);
        for (const auto& c : n.children)
            emit(g, *c, depth + 1);
    }
};

// ---------------------------------------------------------------- positions

constexpr std::array<std::pair<RefiUnit, RefiCrlf>, 4> kConventions = {{
    {RefiUnit::CodePoints, RefiCrlf::Two},
    {RefiUnit::CodePoints, RefiCrlf::One},
    {RefiUnit::Utf16, RefiCrlf::Two},
    {RefiUnit::Utf16, RefiCrlf::One},
}};

/// One source's text, and where each position of each convention falls in it.
struct SourceText
{
    std::u32string lf; ///< the text with CR LF and CR as LF (code points)
    bool has_cr = false;
    bool has_astral = false;
    /// For each convention: position → index into `lf`, −1 inside a CR LF or a surrogate pair.
    std::array<std::vector<std::int32_t>, 4> map;

    std::optional<std::int64_t> at(std::size_t convention, std::int64_t pos) const
    {
        const auto& m = map[convention];
        if (pos < 0 || pos >= static_cast<std::int64_t>(m.size()))
            return std::nullopt;
        const std::int32_t v = m[static_cast<std::size_t>(pos)];
        if (v < 0)
            return std::nullopt;
        return v;
    }
};

SourceText map_text(const std::u32string& original)
{
    SourceText t;
    std::array<std::int64_t, 4> unit{};
    for (auto& m : t.map)
        m.assign(1, 0);
    auto set = [&](std::size_t c, std::int64_t u, std::int32_t v)
    {
        auto& m = t.map[c];
        if (m.size() <= static_cast<std::size_t>(u))
            m.resize(static_cast<std::size_t>(u) + 1, -1);
        m[static_cast<std::size_t>(u)] = v;
    };
    for (std::size_t i = 0; i < original.size(); ++i)
    {
        const char32_t c = original[i];
        const bool crlf = c == U'\r' && i + 1 < original.size() && original[i + 1] == U'\n';
        if (c == U'\r')
            t.has_cr = true;
        if (c > 0xFFFF)
            t.has_astral = true;
        t.lf.push_back(c == U'\r' ? U'\n' : c);
        const auto v = static_cast<std::int32_t>(t.lf.size());
        for (std::size_t k = 0; k < 4; ++k)
        {
            const bool utf16 = kConventions[k].first == RefiUnit::Utf16;
            const bool two = kConventions[k].second == RefiCrlf::Two;
            std::int64_t width = utf16 && c > 0xFFFF ? 2 : 1;
            if (crlf)
                width = two ? 2 : 1;
            unit[k] += width;
            set(k, unit[k], v);
        }
        if (crlf)
            ++i; // the LF is part of this line end
    }
    return t;
}

bool word_char(char32_t c)
{
    if (c < 0x80)
        return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
    if (c < 0xC0 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFE00 && c <= 0xFE0F) || c >= 0x1F000)
        return false;
    return true;
}

bool clean_boundary(const std::u32string& s, std::int64_t b)
{
    if (b <= 0 || b >= static_cast<std::int64_t>(s.size()))
        return true;
    return !(word_char(s[static_cast<std::size_t>(b - 1)]) &&
             word_char(s[static_cast<std::size_t>(b)]));
}

std::string squash(std::string_view s)
{
    std::string out;
    bool space = false;
    for (const char c : s)
    {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            space = !out.empty();
        else
        {
            if (space)
                out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

/// Whether a selection's name can be checked against its text: a quotation (ATLAS.ti, Attune)
/// rather than a label, and not cut short.
bool name_is_quote(const std::string& name)
{
    if (name.empty() || name.size() > 400)
        return false;
    if (name.size() >= 3 && (name.compare(name.size() - 3, 3, "\u2026") == 0 ||
                             name.compare(name.size() - 3, 3, "...") == 0))
        return false;
    if (name.compare(0, 5, "line:") == 0)
        return false;
    return true;
}

struct Score
{
    std::size_t names = 0, fits = 0, clean = 0;
    auto key() const { return std::tuple(names, fits, clean); }
};

const char* unit_name(RefiUnit u)
{
    return u == RefiUnit::Utf16 ? "UTF-16 units" : "code points";
}
const char* crlf_name(RefiCrlf c)
{
    return c == RefiCrlf::One ? "CR LF as one" : "CR LF as two";
}

// ---------------------------------------------------------------- the import

struct Source
{
    const RefiTextSource* refi = nullptr;
    SourceText text;
    std::string stored; ///< the text as it is stored (NFC UTF-8, LF)
    std::optional<project::TranscriptId> existing;
    std::size_t same_as = SIZE_MAX; ///< index of an earlier source with the same text
    std::string uuid;
    std::string title;
};

struct PlannedAnnotation
{
    std::size_t source = 0;
    std::string uuid;
    std::string scheme_id;
    std::string code;
    std::int64_t start = 0, end = 0;
    std::string memo;
    std::string user;
    std::string created, modified;
};

bool valid_time(const std::string& t)
{
    // What the store writes: 2026-11-22T13:52:55.123Z; accept any ISO-8601-looking stamp.
    return t.size() >= 19 && t[4] == '-' && t[7] == '-' && t[10] == 'T';
}

class Importer
{
public:
    Importer(project::Session& session, const RefiFile& file, const RefiImportOptions& options)
        : m_session(session), m_store(project::SessionAccess::store(session)), m_file(file),
          m_options(options)
    {
    }

    Result<RefiImportReport> run();

private:
    project::Session& m_session;
    store::ProjectStore& m_store;
    const RefiFile& m_file;
    const RefiImportOptions& m_options;
    RefiImportReport m_report;

    struct SchemePlan
    {
        std::string id, version, xml;
        bool exists = false;
    };
    std::vector<SchemePlan> m_schemes;
    std::unordered_map<std::string, std::pair<std::string, std::string>>
        m_codes;                                          // guid → scheme, code
    std::unordered_set<std::string> m_groups;             // guids of non-codable codes
    std::unordered_map<std::string, std::string> m_notes; // guid → text

    struct CoderPlan
    {
        std::string name, uuid;
        std::optional<project::CoderId> existing;
    };
    std::vector<CoderPlan> m_coders;
    std::unordered_map<std::string, std::size_t> m_user_coder; // REFI user guid → m_coders index
    std::optional<std::size_t> m_fallback_coder;
    std::vector<Source> m_sources;
    std::vector<PlannedAnnotation> m_annotations;

    Result<void> plan_schemes();
    Result<void> plan_generated_scheme();
    void plan_coders();
    std::size_t coder_for(const std::string& user);
    void plan_sources();
    std::size_t choose_convention();
    void plan_annotations(std::size_t convention);
    Result<void> write();
};

Result<void> Importer::plan_schemes()
{
    // The Attune scheme an Attune export keeps as a note, when its codes are the codebook's.
    std::unordered_set<std::string> in_codebook;
    std::vector<const RefiCode*> stack;
    for (const auto& c : m_file.codes)
        stack.push_back(&c);
    while (!stack.empty())
    {
        const RefiCode* c = stack.back();
        stack.pop_back();
        in_codebook.insert(c->guid);
        for (const auto& k : c->children)
            stack.push_back(&k);
    }
    for (const auto& note : m_file.notes)
    {
        if (note.name.compare(0, 14, "Attune scheme ") != 0 || note.text.empty())
            continue;
        auto parsed = project::rules::parse(note.text, "note " + note.guid);
        if (!parsed)
        {
            m_report.warnings.push_back("note '" + note.name + "' is not a valid Attune scheme (" +
                                        parsed.error().message + "); the codebook is used");
            continue;
        }
        const scheme::Scheme& s = **parsed;
        std::size_t matched = 0;
        for (const auto& c : s.codes())
            if (in_codebook.count(refi_code_guid(s.id(), s.version(), c.id)) > 0)
                ++matched;
        if (matched == 0 && !s.codes().empty())
            continue;
        for (const auto& c : s.codes())
            m_codes[refi_code_guid(s.id(), s.version(), c.id)] = {s.id(), c.id};
        for (const auto& g : s.groups())
            m_groups.insert(refi_group_guid(s.id(), s.version(), g.id));
        m_groups.insert(refi_group_guid(s.id(), s.version(), ""));
        SchemePlan plan{s.id(), s.version(), note.text, false};
        if (const auto existing = m_store.scheme_version(s.id(), s.version()))
        {
            if (existing->sha256 != text::sha256_hex(note.text))
                return make_error(ErrorCode::Conflict,
                                  "scheme '" + s.id() + "' version " + s.version() +
                                      " is in the project already with different content; "
                                      "nothing was imported");
            plan.exists = true;
        }
        m_report.codes += s.codes().size();
        m_schemes.push_back(std::move(plan));
    }
    return plan_generated_scheme();
}

Result<void> Importer::plan_generated_scheme()
{
    // Every code not covered by an Attune scheme goes into one generated scheme.
    Node root;
    std::function<void(const std::vector<RefiCode>&, Node&)> add =
        [&](const std::vector<RefiCode>& codes, Node& at)
    {
        for (const auto& c : codes)
        {
            if (m_codes.count(c.guid) > 0)
                continue;
            if (m_groups.count(c.guid) > 0)
            {
                add(c.children, at); // an Attune scheme's own node: its new children only
                continue;
            }
            insert(at, c);
        }
    };
    add(m_file.codes, root);
    if (root.children.empty())
        return {};
    const std::string base =
        "refi-" + slug(m_file.name.empty() ? (m_file.origin.empty() ? "codebook" : m_file.origin)
                                           : m_file.name)
                      .substr(0, 40);
    const std::string title =
        (m_file.name.empty() ? std::string("REFI-QDA codebook") : m_file.name) +
        (m_file.origin.empty() ? "" : " (from " + m_file.origin + ")");
    std::vector<std::string> warnings;
    for (int n = 1;; ++n)
    {
        const std::string id = n == 1 ? base : base + "-" + std::to_string(n);
        SchemeWriter writer(warnings);
        const std::string xml = writer.write(root, id, text::name_from(title), m_file.origin);
        auto parsed = project::rules::parse(xml, "generated scheme " + id);
        if (!parsed)
            return make_error(ErrorCode::SchemeInvalid,
                              "the scheme generated from the codebook is not valid (a bug): " +
                                  parsed.error().to_string());
        const auto existing = m_store.scheme_version(id, "1.0");
        if (existing && existing->sha256 != text::sha256_hex(xml))
        {
            warnings.clear();
            continue; // another scheme of that id: take the next
        }
        for (const auto& [guid, code] : writer.code_ids())
            m_codes[guid] = {id, code};
        m_report.scheme_id = id;
        m_report.scheme_version = "1.0";
        m_report.scheme_generated = true;
        m_report.scheme_existed = existing.has_value();
        m_report.codes += writer.codes();
        m_schemes.push_back({id, "1.0", xml, existing.has_value()});
        for (auto& w : warnings)
            m_report.warnings.push_back(std::move(w));
        break;
    }
    // Non-codable codes of the generated scheme are groups: codings of them cannot be placed.
    std::vector<const RefiCode*> stack;
    for (const auto& c : m_file.codes)
        stack.push_back(&c);
    while (!stack.empty())
    {
        const RefiCode* c = stack.back();
        stack.pop_back();
        if (!c->codable)
            m_groups.insert(c->guid);
        for (const auto& k : c->children)
            stack.push_back(&k);
    }
    return {};
}

void Importer::plan_coders()
{
    const auto existing = m_store.coders();
    std::set<std::string> names, uuids;
    for (const auto& c : existing)
    {
        names.insert(c.name);
        uuids.insert(c.uuid);
    }
    for (const auto& u : m_file.users)
    {
        if (m_user_coder.count(u.guid) > 0)
            continue;
        const std::string wanted =
            text::name_from(!blank(u.name) ? u.name : (!blank(u.id) ? u.id : "refi-user"));
        const auto by_uuid = std::find_if(existing.begin(), existing.end(),
                                          [&](const auto& c) { return c.uuid == u.guid; });
        const auto by_name = std::find_if(existing.begin(), existing.end(),
                                          [&](const auto& c) { return c.name == wanted; });
        const auto match = by_uuid != existing.end() ? by_uuid : by_name;
        if (match != existing.end())
        {
            m_coders.push_back({match->name, match->uuid, match->id});
            ++m_report.coders_mapped;
        }
        else
        {
            std::string name = wanted;
            for (int n = 2; names.count(name) > 0; ++n)
                name = wanted + " (" + std::to_string(n) + ")";
            names.insert(name);
            std::string uuid;
            if (detail::canonical_guid(u.guid) && uuids.insert(u.guid).second)
                uuid = u.guid;
            m_coders.push_back({name, uuid, std::nullopt});
            ++m_report.coders;
        }
        m_user_coder[u.guid] = m_coders.size() - 1;
    }
}

std::size_t Importer::coder_for(const std::string& user)
{
    if (const auto it = m_user_coder.find(user); it != m_user_coder.end())
        return it->second;
    if (!m_fallback_coder)
    {
        const auto existing = m_store.coder_by_name("refi-import");
        m_coders.push_back(
            {"refi-import", "", existing ? std::optional(existing->id) : std::nullopt});
        m_fallback_coder = m_coders.size() - 1;
        if (existing)
            ++m_report.coders_mapped;
        else
            ++m_report.coders;
        m_report.warnings.push_back("codings without a known user are the coder 'refi-import'");
    }
    return *m_fallback_coder;
}

void Importer::plan_sources()
{
    std::map<std::string, std::size_t> by_sha;
    std::set<std::string> uuids;
    for (const auto& src : m_file.sources)
    {
        auto skip = [&](const std::string& why) {
            m_report.skipped.push_back({"TextSource", src.guid, src.name, why});
        };
        if (!src.bytes)
        {
            skip(src.problem);
            continue;
        }
        std::string_view bytes = *src.bytes;
        if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
            bytes.remove_prefix(3);
        if (!text::is_valid_utf8(bytes))
        {
            skip("its text is not UTF-8 (the standard's encoding)");
            continue;
        }
        if (blank(std::string(bytes)))
        {
            skip("its text is empty");
            continue;
        }
        Source s;
        s.refi = &src;
        const std::u32string cps = text::to_code_points(bytes);
        if (std::any_of(cps.begin(), cps.end(), forbidden_control))
        {
            skip("its text holds control characters (binary data?)");
            continue;
        }
        s.text = map_text(cps);
        s.stored = text::normalize_text(text::from_code_points(s.text.lf));
        const std::string sha = text::sha256_hex(s.stored);
        const std::string title_raw =
            !blank(src.name)
                ? src.name
                : std::filesystem::path(src.path.substr(src.path.find("://") == std::string::npos
                                                            ? 0
                                                            : src.path.find("://") + 3))
                      .stem()
                      .string();
        s.title = text::name_from(title_raw);
        if (const auto it = by_sha.find(sha); it != by_sha.end())
            s.same_as = it->second;
        else if (const auto t = m_store.transcript_by_uuid(src.guid); t && t->sha256 == sha)
            s.existing = t->id;
        else if (const auto same = m_store.transcripts_by_sha256(sha); !same.empty())
        {
            s.existing = same.front().id;
            m_report.warnings.push_back("source '" + src.name + "' has the text of transcript " +
                                        std::to_string(same.front().id.value()) +
                                        " already in the project: its codings go there");
        }
        else if (detail::canonical_guid(src.guid) && !m_store.transcript_by_uuid(src.guid) &&
                 uuids.insert(src.guid).second)
            s.uuid = src.guid;
        by_sha.emplace(sha, m_sources.size());
        m_sources.push_back(std::move(s));
    }
}

std::size_t Importer::choose_convention()
{
    std::vector<std::size_t> candidates;
    for (std::size_t k = 0; k < kConventions.size(); ++k)
    {
        const auto [unit, crlf] = kConventions[k];
        if (m_options.unit != RefiUnit::Auto && m_options.unit != unit)
            continue;
        if (m_options.crlf != RefiCrlf::Auto && m_options.crlf != crlf)
            continue;
        candidates.push_back(k);
    }
    m_report.detected = candidates.size() > 1;
    std::size_t best = candidates.front();
    Score best_score;
    bool first = true;
    for (const std::size_t k : candidates)
    {
        Score score;
        for (const auto& s : m_sources)
            for (const auto& sel : s.refi->selections)
            {
                const auto a = s.text.at(k, sel.start);
                const auto b = s.text.at(k, sel.end);
                if (!a || !b || *a >= *b)
                    continue;
                ++score.fits;
                score.clean += (clean_boundary(s.text.lf, *a) ? 1 : 0) +
                               (clean_boundary(s.text.lf, *b) ? 1 : 0);
                if (name_is_quote(sel.name) &&
                    squash(text::from_code_points(std::u32string_view(s.text.lf).substr(
                        static_cast<std::size_t>(*a), static_cast<std::size_t>(*b - *a)))) ==
                        squash(sel.name))
                    ++score.names;
            }
        if (first || score.key() > best_score.key())
        {
            best = k;
            best_score = score;
            first = false;
        }
    }
    m_report.unit = unit_name(kConventions[best].first);
    m_report.crlf = crlf_name(kConventions[best].second);
    return best;
}

/// Maps positions in the LF text onto the stored (NFC) text, when normalisation keeps every
/// boundary: each piece between boundaries normalised alone must give the whole normalised.
std::optional<std::unordered_map<std::int64_t, std::int64_t>>
nfc_map(const Source& s, const std::set<std::int64_t>& boundaries)
{
    std::unordered_map<std::int64_t, std::int64_t> out;
    std::string joined;
    std::int64_t prev = 0, at = 0;
    for (const std::int64_t b : boundaries)
    {
        const std::string piece =
            text::normalize_text(text::from_code_points(std::u32string_view(s.text.lf).substr(
                static_cast<std::size_t>(prev), static_cast<std::size_t>(b - prev))));
        at += text::code_point_count(piece);
        joined += piece;
        out[b] = at;
        prev = b;
    }
    joined += text::normalize_text(text::from_code_points(
        std::u32string_view(s.text.lf).substr(static_cast<std::size_t>(prev))));
    if (joined != s.stored)
        return std::nullopt;
    return out;
}

void Importer::plan_annotations(std::size_t k)
{
    std::set<std::string> uuids;
    for (const auto& note : m_file.notes)
        m_notes[note.guid] = note.text;
    for (std::size_t si = 0; si < m_sources.size(); ++si)
    {
        const Source& s = m_sources[si];
        const std::string& source_name = s.refi->name;
        if (s.refi->document_codings > 0)
            m_report.skipped.push_back(
                {"Coding", s.refi->guid, source_name,
                 std::to_string(s.refi->document_codings) +
                     " coding(s) of the whole source (Attune codes passages)"});
        struct Placed
        {
            const RefiSelection* sel;
            std::int64_t a, b;
        };
        std::vector<Placed> placed;
        std::set<std::int64_t> boundaries;
        for (const auto& sel : s.refi->selections)
        {
            auto unplaced = [&](const std::string& why) {
                m_report.unplaced.push_back({sel.guid, source_name, why});
            };
            if (sel.codings.empty())
            {
                m_report.skipped.push_back({"PlainTextSelection", sel.guid, sel.name,
                                            "it has no Coding (a quotation without a code)"});
                continue;
            }
            const auto a = s.text.at(k, sel.start);
            const auto b = s.text.at(k, sel.end);
            if (sel.start >= sel.end)
            {
                unplaced("it is empty or reversed [" + std::to_string(sel.start) + ", " +
                         std::to_string(sel.end) + ")");
                continue;
            }
            if (!a || !b)
            {
                unplaced("[" + std::to_string(sel.start) + ", " + std::to_string(sel.end) +
                         ") does not fit the text under " + m_report.unit + ", " + m_report.crlf +
                         " (past the end, or inside a line end or a character)");
                continue;
            }
            if (name_is_quote(sel.name) &&
                squash(text::from_code_points(std::u32string_view(s.text.lf).substr(
                    static_cast<std::size_t>(*a), static_cast<std::size_t>(*b - *a)))) !=
                    squash(sel.name))
                m_report.warnings.push_back("selection " + sel.guid +
                                            ": its name is not the text at its position "
                                            "(renamed, or positions counted otherwise)");
            placed.push_back({&sel, *a, *b});
            boundaries.insert(*a);
            boundaries.insert(*b);
        }
        const auto nfc = nfc_map(s, boundaries);
        for (const auto& p : placed)
        {
            const RefiSelection& sel = *p.sel;
            if (!nfc)
            {
                m_report.unplaced.push_back(
                    {sel.guid, source_name,
                     "Unicode normalisation (NFC) of the text joins characters across a "
                     "selection boundary"});
                continue;
            }
            std::string memo = blank(sel.description) ? "" : sel.description;
            auto add_notes = [&](const std::vector<std::string>& refs)
            {
                for (const auto& r : refs)
                    if (const auto it = m_notes.find(r); it != m_notes.end() && !blank(it->second))
                        memo += (memo.empty() ? "" : "\n\n") + it->second;
            };
            add_notes(sel.note_refs);
            bool first = true;
            for (const auto& coding : sel.codings)
            {
                std::vector<std::string> coding_notes;
                const auto code = m_codes.find(coding.code_guid);
                if (code == m_codes.end())
                {
                    m_report.unplaced.push_back(
                        {sel.guid, source_name,
                         m_groups.count(coding.code_guid) > 0
                             ? "its code " + coding.code_guid + " is not codable (a folder)"
                             : "its code " + coding.code_guid + " is not in the codebook"});
                    continue;
                }
                PlannedAnnotation ann;
                ann.source = s.same_as != SIZE_MAX ? s.same_as : si;
                const std::string& wanted = first ? sel.guid : coding.guid;
                if (detail::canonical_guid(wanted) && uuids.count(wanted) == 0)
                    ann.uuid = wanted;
                else if (detail::canonical_guid(coding.guid) && uuids.count(coding.guid) == 0)
                    ann.uuid = coding.guid;
                uuids.insert(ann.uuid);
                ann.scheme_id = code->second.first;
                ann.code = code->second.second;
                ann.start = nfc->at(p.a);
                ann.end = nfc->at(p.b);
                ann.memo = clean_text(memo);
                std::string coding_memo;
                for (const auto& r : coding.note_refs)
                    if (const auto it = m_notes.find(r); it != m_notes.end() && !blank(it->second))
                        coding_memo += "\n\n" + it->second;
                if (!coding_memo.empty())
                    ann.memo = ann.memo.empty() ? clean_text(coding_memo.substr(2))
                                                : ann.memo + clean_text(coding_memo);
                if (!project::rules::check_memo(ann.memo, "memo"))
                {
                    m_report.warnings.push_back("selection " + sel.guid +
                                                ": its memo is over the length limit; left out");
                    ann.memo.clear();
                }
                ann.user = !coding.user.empty() ? coding.user : sel.user;
                ann.created = valid_time(coding.created) ? coding.created
                              : valid_time(sel.created)  ? sel.created
                                                         : "";
                ann.modified = valid_time(sel.modified) ? sel.modified : ann.created;
                m_annotations.push_back(std::move(ann));
                first = false;
            }
        }
    }
}

Result<void> Importer::write()
{
    using nlohmann::json;
    const std::string now = store::now_iso8601();
    const std::string& user = project::SessionAccess::user(m_session);
    try
    {
        store::Transaction tx(m_store.db());
        for (const auto& s : m_schemes)
            if (!s.exists)
            {
                auto parsed = project::rules::parse(s.xml, s.id);
                if (!parsed)
                    return parsed.error();
                const auto ident = project::rules::identity(**parsed);
                m_store.insert_scheme(store::SchemeRecord{0, ident.id, ident.version, ident.name,
                                                          text::sha256_hex(s.xml), now},
                                      s.xml);
            }
        std::vector<store::CoderId> coder_ids;
        for (auto& c : m_coders)
        {
            if (c.existing)
                coder_ids.push_back(*c.existing);
            else
                coder_ids.push_back(m_store.insert_coder(
                    store::CoderRecord{store::CoderId{}, c.name, now, c.uuid, "coder"}));
        }
        std::vector<store::TranscriptId> transcript_ids(m_sources.size());
        for (std::size_t i = 0; i < m_sources.size(); ++i)
        {
            Source& s = m_sources[i];
            if (s.same_as != SIZE_MAX)
                continue;
            if (s.existing)
            {
                transcript_ids[i] = *s.existing;
                ++m_report.transcripts_existing;
                continue;
            }
            const project::TextFacts facts = project::text_facts(s.stored);
            store::TranscriptRecord t;
            t.title = s.title;
            t.source_name = text::name_from(s.refi->path.empty() ? s.refi->name : s.refi->path);
            t.encoding = "UTF-8";
            t.sha256 = facts.sha256;
            t.word_count = facts.words;
            t.turn_count = facts.turns;
            t.line_count = facts.lines;
            t.created = now;
            t.uuid = s.uuid;
            transcript_ids[i] = m_store.insert_transcript(t, s.stored);
            ++m_report.transcripts;
        }
        for (const auto& a : m_annotations)
        {
            const std::size_t coder = coder_for(a.user);
            if (coder >= coder_ids.size()) // the fallback coder, made after the loop above
                coder_ids.push_back(m_store.insert_coder(
                    store::CoderRecord{store::CoderId{}, m_coders[coder].name, now, "", "coder"}));
            const store::TranscriptId t = transcript_ids[a.source];
            if (!a.uuid.empty())
                if (const auto old = m_store.annotation_by_uuid(a.uuid))
                {
                    if (old->transcript_id == t && old->start == a.start && old->end == a.end &&
                        old->code == a.code)
                    {
                        ++m_report.annotations_existing;
                        continue;
                    }
                    return make_error(ErrorCode::Conflict,
                                      "annotation " + a.uuid +
                                          " is in the project already with another span or "
                                          "code; nothing was imported");
                }
            store::AnnotationRecord r;
            r.uuid = a.uuid;
            r.transcript_id = t;
            r.coder_id = coder_ids[coder];
            r.scheme_id = a.scheme_id;
            r.code = a.code;
            r.start = a.start;
            r.end = a.end;
            r.memo = a.memo;
            r.created = a.created.empty() ? now : a.created;
            r.modified = a.modified.empty() ? r.created : a.modified;
            m_store.insert_annotation(r);
            ++m_report.annotations;
            m_report.memos += a.memo.empty() ? 0 : 1;
        }
        const json what = {{"file", m_report.file},
                           {"origin", m_file.origin},
                           {"positions", m_report.unit + ", " + m_report.crlf},
                           {"transcripts", m_report.transcripts},
                           {"coders", m_report.coders},
                           {"annotations", m_report.annotations},
                           {"skipped", m_report.skipped.size()},
                           {"unplaced", m_report.unplaced.size()}};
        m_store.append_audit({0, now, user, "import refi", "file " + m_report.file, std::nullopt,
                              what.dump(-1, ' ', false, json::error_handler_t::replace)});
        tx.commit();
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
    project::SessionAccess::changed_in_bulk(m_session, "Import " + m_report.file);
    return {};
}

Result<RefiImportReport> Importer::run()
{
    m_report.file = m_file.file;
    m_report.origin = m_file.origin;
    m_report.warnings = m_file.warnings;
    m_report.skipped = m_file.skipped;
    if (m_store.db().read_only())
        return make_error(ErrorCode::Io, m_store.db().read_only_message());
    if (auto ok = plan_schemes(); !ok)
        return ok.error();
    plan_coders();
    plan_sources();
    if (m_schemes.empty() && m_sources.empty() && m_coders.empty())
        return make_error(ErrorCode::InvalidArgument,
                          "the file holds nothing Attune can import (no codes, no plain-text "
                          "sources, no users)");
    const std::size_t convention = m_sources.empty() ? 0 : choose_convention();
    if (m_sources.empty())
    {
        m_report.unit = "none"; // no text: nothing to place
        m_report.crlf = "no text to place selections in";
    }
    plan_annotations(convention);
    // Resolve coders for every annotation now, so the fallback coder exists before writing.
    for (const auto& a : m_annotations)
        (void)coder_for(a.user);
    if (auto ok = write(); !ok)
        return ok.error();
    if (m_report.scheme_id.empty() && !m_schemes.empty())
    {
        m_report.scheme_id = m_schemes.front().id;
        m_report.scheme_version = m_schemes.front().version;
        m_report.scheme_existed = m_schemes.front().exists;
    }
    return std::move(m_report);
}

} // namespace

std::string refi_codes_to_scheme(const std::vector<RefiCode>& codes, const std::string& scheme_id,
                                 const std::string& title, const std::string& origin,
                                 std::vector<std::string>& warnings)
{
    Node root;
    for (const auto& c : codes)
        insert(root, c);
    SchemeWriter writer(warnings);
    return writer.write(root, scheme_id, title, origin);
}

Result<RefiImportReport> import_refi(project::Session& session, const RefiFile& file,
                                     const RefiImportOptions& options)
{
    Importer importer(session, file, options);
    return importer.run();
}

} // namespace attune::io
