// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/refi_export.h"

#include "core/base/version.h"
#include "core/io/atomic_file.h"
#include "core/io/number_format.h"
#include "core/io/refi_common.h"
#include "core/io/zip_archive.h"
#include "core/project/session_access.h"
#include "core/project/study_rules.h"
#include "core/scheme/scheme.h"
#include "core/text/code_points.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace attune::io
{

namespace
{

using detail::name_uuid;

std::string plural(std::size_t n, const std::string& one, const std::string& many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// The REFI description of a code: its definition, then the inclusion and exclusion notes,
/// examples and target as labelled paragraphs (read back by the importer).
std::string code_description(const scheme::Code& c)
{
    std::string out = c.definition;
    auto para = [&](const std::string& label, const std::string& text)
    {
        if (!text.empty())
            out += "\n\n" + label + ": " + text;
    };
    para("Inclusion", c.inclusion);
    para("Exclusion", c.exclusion);
    for (const auto& e : c.examples)
        para("Example", e);
    if (c.target)
        para("Target", scheme::to_string(*c.target));
    return out;
}

void set_text(pugi::xml_node parent, const char* name, const std::string& text)
{
    parent.append_child(name).append_child(pugi::node_pcdata).set_value(text.c_str());
}

/// Appends the scheme's groups and codes (in tree order, groups as non-codable codes) under
/// `container` (a Codes element or a Code); counts them into the report.
void append_codes(pugi::xml_node container, const scheme::Scheme& s, RefiExportReport& report)
{
    std::vector<pugi::xml_node> parents{container};
    for (const auto& entry : s.code_tree())
    {
        const auto depth = static_cast<std::size_t>(entry.depth);
        if (depth >= parents.size())
            continue; // cannot happen in a validated scheme
        parents.resize(depth + 1);
        pugi::xml_node node = parents[depth].append_child("Code");
        if (entry.is_group)
        {
            const auto& g = s.groups()[entry.index];
            node.append_attribute("guid") = refi_group_guid(s.id(), s.version(), g.id).c_str();
            node.append_attribute("name") = g.name.c_str();
            node.append_attribute("isCodable") = "false";
            if (!g.description.empty())
                set_text(node, "Description", g.description);
        }
        else
        {
            const auto& c = s.codes()[entry.index];
            node.append_attribute("guid") = refi_code_guid(s.id(), s.version(), c.id).c_str();
            node.append_attribute("name") = c.name.c_str();
            node.append_attribute("isCodable") = "true";
            node.append_attribute("color") = detail::format_refi_colour(c.colour).c_str();
            set_text(node, "Description", code_description(c));
        }
        ++report.codes;
        parents.push_back(node);
    }
}

/// What a codebook cannot hold of a scheme, named in the report.
void note_scheme_losses(const scheme::Scheme& s, RefiExportReport& report, bool kept_in_note)
{
    const std::string where =
        kept_in_note ? " (kept only in the note holding the Attune scheme, which Attune reads "
                       "back; other programs show it as a memo)"
                     : "";
    std::size_t shortcuts = 0;
    for (const auto& c : s.codes())
        shortcuts += c.shortcut ? 1 : 0;
    const std::string of = "scheme '" + s.id() + "': ";
    if (shortcuts > 0)
        report.lost.push_back(of + plural(shortcuts, "keyboard shortcut", "keyboard shortcuts") +
                              " (REFI codes have none)" + where);
    if (!s.scales().empty())
        report.lost.push_back(of + plural(s.scales().size(), "rating scale", "rating scales") +
                              " (REFI codebooks have no scales)" + where);
    if (!s.classifications().empty())
        report.lost.push_back(
            of + plural(s.classifications().size(), "classification", "classifications") +
            " with their categories and collapsings (no place in a REFI codebook)" + where);
    if (!s.consensus_reasons().empty())
        report.lost.push_back(of + "the consensus reasons" + where);
    if (!kept_in_note)
        report.notes_text.push_back(
            of + "definitions, inclusion and exclusion notes, examples and targets are written "
                 "into each code's Description as labelled paragraphs");
}

Result<void> write_archive(const std::filesystem::path& out,
                           const std::vector<std::pair<std::string, std::string>>& entries)
{
    AtomicFile file(out);
    if (auto ok = file.created(); !ok)
        return ok.error();
    // libzip writes by name (beside the temporary file, then renames over it), so the
    // descriptor AtomicFile opened is closed first and commit() reopens the new file.
    file.close_fd();
    if (auto ok = detail::write_zip(file.temp_path(), entries); !ok)
        return write_error(ErrorCode::Io, out, ok.error().message);
    return file.commit();
}

std::string excerpt(std::string_view text, std::int64_t start, std::int64_t end)
{
    constexpr std::int64_t kMax = 100;
    const std::string_view slice =
        text::code_point_substr(text, CpOffset{start}, CpOffset{std::min(end, start + kMax)});
    std::string name(slice);
    if (end - start > kMax)
        name += "\u2026";
    return name;
}

struct ProjectExport
{
    project::Session& session;
    const RefiExportOptions& options;
    RefiExportReport report;
    pugi::xml_document doc;
    std::vector<std::pair<std::string, std::string>> files;

    std::vector<project::Coder> coders;
    std::vector<project::Transcript> transcripts;
    std::set<project::CoderId> coder_ids;
    std::unordered_map<std::int64_t, std::string> coder_uuid; // by row id
    // scheme id → (version, parsed scheme)
    std::map<std::string, std::shared_ptr<const scheme::Scheme>> schemes;

    Result<void> select();
    void users(pugi::xml_node root);
    void codebook(pugi::xml_node root);
    void cases(pugi::xml_node root);
    Result<void> sources(pugi::xml_node root, pugi::xml_node notes);
    void scheme_notes(pugi::xml_node notes);
};

Result<void> ProjectExport::select()
{
    const auto all = session.coders();
    if (options.coders.empty())
        coders = all;
    else
        for (const auto id : options.coders)
        {
            const auto it =
                std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.id == id; });
            if (it == all.end())
                return make_error(ErrorCode::NotFound, "no coder " + std::to_string(id.value()));
            coders.push_back(*it);
        }
    for (const auto& c : coders)
    {
        coder_ids.insert(c.id);
        coder_uuid[c.id.value()] = c.uuid;
    }
    if (options.transcripts.empty())
    {
        std::vector<project::Transcript> every;
        for (const auto& s : session.transcripts())
            every.push_back(s.transcript);
        transcripts = project::current_transcripts(every);
    }
    else
        for (const auto id : options.transcripts)
        {
            auto t = session.transcript(id);
            if (!t)
                return t.error();
            transcripts.push_back(*t);
        }
    for (const auto& info : project::latest_schemes(session.schemes()))
        if (auto s = session.scheme(info.scheme_id))
            schemes[info.scheme_id] = *s;
        else
            report.lost.push_back("scheme '" + info.scheme_id +
                                  "' (cannot be loaded: " + s.error().message + ")");
    return {};
}

void ProjectExport::users(pugi::xml_node root)
{
    if (coders.empty())
        return;
    pugi::xml_node users = root.append_child("Users");
    for (const auto& c : coders)
    {
        pugi::xml_node u = users.append_child("User");
        u.append_attribute("guid") = c.uuid.c_str();
        u.append_attribute("name") = c.name.c_str();
        ++report.users;
        if (c.role != "coder")
            report.lost.push_back("coder '" + c.name + "': the role '" + c.role +
                                  "' (REFI users have no roles)");
    }
}

void ProjectExport::codebook(pugi::xml_node root)
{
    if (schemes.empty())
        return;
    pugi::xml_node codes = root.append_child("CodeBook").append_child("Codes");
    for (const auto& [id, s] : schemes)
    {
        // One non-codable code per scheme holds its tree: a project may hold several schemes,
        // and a REFI project has one codebook.
        pugi::xml_node top = codes.append_child("Code");
        top.append_attribute("guid") = refi_group_guid(id, s->version(), "").c_str();
        top.append_attribute("name") = s->title().c_str();
        top.append_attribute("isCodable") = "false";
        set_text(
            top, "Description",
            "Attune coding scheme '" + id + "', version " + s->version() +
                (s->metadata().description.empty() ? "" : ".\n\n" + s->metadata().description));
        ++report.codes;
        append_codes(top, *s, report);
        note_scheme_losses(*s, report, true);
    }
}

std::string classification_text(const project::Classification& c)
{
    std::string out;
    if (c.unresolved)
        out += *c.unresolved + "/";
    out += c.category;
    if (c.alternative)
        out += "/" + *c.alternative;
    if (c.subcategory)
        out += " (" + *c.subcategory + ")";
    return out;
}

void ProjectExport::cases(pugi::xml_node root)
{
    // Ratings and classifications become variables of one case per transcript. REFI values
    // carry no user, so the coder is part of the variable's name.
    struct Value
    {
        std::string variable;
        bool is_float = false;
        std::optional<double> number;
        std::string text;
    };
    std::map<std::string, bool> variables; // name → is Float
    std::vector<std::pair<const project::Transcript*, std::vector<Value>>> per_transcript;
    std::size_t notes_lost = 0, not_scorable = 0;
    std::unordered_map<std::int64_t, std::string> coder_name;
    for (const auto& c : coders)
        coder_name[c.id.value()] = c.name;
    for (const auto& t : transcripts)
    {
        std::vector<Value> values;
        for (const auto& r : session.ratings(t.id))
        {
            if (coder_ids.count(r.coder_id) == 0)
                continue;
            std::string name = r.scheme_id + "/" + r.scale +
                               (r.target.empty() ? "" : "/" + r.target) + " (" +
                               coder_name[r.coder_id.value()] + ")";
            variables[name] = true;
            if (r.not_scorable)
                ++not_scorable;
            notes_lost += r.note.empty() ? 0 : 1;
            values.push_back({name, true, r.value, {}});
        }
        for (const auto& c : session.classifications(t.id))
        {
            if (coder_ids.count(c.coder_id) == 0)
                continue;
            std::string name =
                c.scheme_id + "/classification (" + coder_name[c.coder_id.value()] + ")";
            variables[name] = false;
            notes_lost += c.note.empty() ? 0 : 1;
            values.push_back({name, false, std::nullopt, classification_text(c)});
        }
        if (!values.empty())
            per_transcript.emplace_back(&t, std::move(values));
    }
    if (per_transcript.empty())
        return;
    pugi::xml_node vars = root.append_child("Variables");
    for (const auto& [name, is_float] : variables)
    {
        pugi::xml_node v = vars.append_child("Variable");
        v.append_attribute("guid") = name_uuid("variable\n" + name).c_str();
        v.append_attribute("name") = name.c_str();
        v.append_attribute("typeOfVariable") = is_float ? "Float" : "Text";
        ++report.variables;
    }
    pugi::xml_node cs = root.append_child("Cases");
    for (const auto& [t, values] : per_transcript)
    {
        pugi::xml_node c = cs.append_child("Case");
        c.append_attribute("guid") = name_uuid("case\n" + t->uuid).c_str();
        c.append_attribute("name") = t->participant.value_or(t->title).c_str();
        for (const auto& v : values)
        {
            pugi::xml_node vv = c.append_child("VariableValue");
            vv.append_child("VariableRef").append_attribute("targetGUID") =
                name_uuid("variable\n" + v.variable).c_str();
            if (v.is_float && v.number)
                set_text(vv, "FloatValue", format_number(*v.number, 17));
            else if (!v.is_float)
                set_text(vv, "TextValue", v.text);
        }
        c.append_child("SourceRef").append_attribute("targetGUID") = t->uuid.c_str();
        ++report.cases;
    }
    report.notes_text.push_back(
        "ratings and classifications are variables of one case per transcript, named "
        "'SCHEME/SCALE[/TARGET] (CODER)' and 'SCHEME/classification (CODER)', since REFI "
        "variable values carry no user");
    if (not_scorable > 0)
        report.lost.push_back(plural(not_scorable, "rating", "ratings") +
                              " marked 'not scorable' (written as an empty value, which reads "
                              "the same as 'not rated')");
    if (notes_lost > 0)
        report.lost.push_back(plural(notes_lost, "note", "notes") +
                              " on ratings and classifications (REFI variable values have no "
                              "notes)");
}

Result<void> ProjectExport::sources(pugi::xml_node root, pugi::xml_node notes)
{
    if (transcripts.empty())
        return {};
    pugi::xml_node srcs = root.insert_child_before("Sources", notes);
    std::size_t orphaned = 0, other_coders = 0, no_scheme = 0;
    std::set<std::string> seen;
    for (const auto& t : transcripts)
    {
        auto text = session.text(t.id);
        if (!text)
            return text.error();
        pugi::xml_node src = srcs.append_child("TextSource");
        src.append_attribute("guid") = t.uuid.c_str();
        src.append_attribute("name") = t.title.c_str();
        src.append_attribute("plainTextPath") = ("internal://" + t.uuid + ".txt").c_str();
        src.append_attribute("creationDateTime") = t.created.c_str();
        std::string description;
        auto line = [&](const char* label, const std::optional<std::string>& v)
        {
            if (v && !v->empty())
                description += std::string(description.empty() ? "" : "\n") + label + ": " + *v;
        };
        line("Participant", t.participant);
        line("Interview date", t.interview_date);
        line("Interviewer", t.interviewer);
        line("Language", t.language);
        if (!description.empty())
            set_text(src, "Description", description);
        files.emplace_back("sources/" + t.uuid + ".txt", *text);
        ++report.sources;
        for (const auto& a : session.annotations(t.id))
        {
            if (coder_ids.count(a.coder_id) == 0)
            {
                ++other_coders;
                continue;
            }
            const auto s = schemes.find(a.scheme_id);
            if (s == schemes.end())
            {
                ++no_scheme;
                continue;
            }
            if (s->second->find_code(a.code) == nullptr)
            {
                ++orphaned;
                report.lost.push_back("annotation " + a.uuid + ": its code '" + a.code +
                                      "' is not in scheme '" + a.scheme_id + "' version " +
                                      s->second->version() + " (the version exported)");
                continue;
            }
            const std::string& user = coder_uuid[a.coder_id.value()];
            pugi::xml_node sel = src.append_child("PlainTextSelection");
            sel.append_attribute("guid") = a.uuid.c_str();
            sel.append_attribute("name") = excerpt(*text, a.start, a.end).c_str();
            sel.append_attribute("startPosition") = static_cast<long long>(a.start);
            sel.append_attribute("endPosition") = static_cast<long long>(a.end);
            sel.append_attribute("creatingUser") = user.c_str();
            sel.append_attribute("creationDateTime") = a.created.c_str();
            sel.append_attribute("modifyingUser") = user.c_str();
            sel.append_attribute("modifiedDateTime") = a.modified.c_str();
            pugi::xml_node coding = sel.append_child("Coding");
            coding.append_attribute("guid") = name_uuid("coding\n" + a.uuid).c_str();
            coding.append_attribute("creatingUser") = user.c_str();
            coding.append_attribute("creationDateTime") = a.created.c_str();
            coding.append_child("CodeRef").append_attribute("targetGUID") =
                refi_code_guid(a.scheme_id, s->second->version(), a.code).c_str();
            if (!a.memo.empty())
            {
                const std::string guid = name_uuid("memo\n" + a.uuid);
                sel.append_child("NoteRef").append_attribute("targetGUID") = guid.c_str();
                pugi::xml_node note = notes.append_child("Note");
                note.append_attribute("guid") = guid.c_str();
                note.append_attribute("name") = ("Memo: " + excerpt(*text, a.start, a.end)).c_str();
                note.append_attribute("creatingUser") = user.c_str();
                note.append_attribute("creationDateTime") = a.modified.c_str();
                set_text(note, "PlainTextContent", a.memo);
                ++report.notes;
            }
            ++report.selections;
        }
    }
    if (no_scheme > 0)
        report.lost.push_back(plural(no_scheme, "annotation", "annotations") +
                              " of a scheme that could not be loaded");
    if (!options.coders.empty() && other_coders > 0)
        report.notes_text.push_back(plural(other_coders, "annotation", "annotations") +
                                    " of coders not named were left out, as asked");
    (void)orphaned;
    return {};
}

void ProjectExport::scheme_notes(pugi::xml_node notes)
{
    // The Attune scheme itself, verbatim, so that an Attune import gets scales,
    // classifications and code ids back exactly. The note's text is a file in sources/ (not
    // inline: XML would turn the scheme's CR LF into LF and change its hash).
    auto& store = project::SessionAccess::store(session);
    for (const auto& [id, s] : schemes)
    {
        const auto record = store.scheme_version(id, s->version());
        if (!record)
            continue;
        const auto xml = store.scheme_xml(record->id);
        if (!xml)
            continue;
        const std::string guid = name_uuid("scheme-xml\n" + id + "\n" + s->version());
        pugi::xml_node note = notes.append_child("Note");
        note.append_attribute("guid") = guid.c_str();
        note.append_attribute("name") = ("Attune scheme " + id + " " + s->version()).c_str();
        note.append_attribute("plainTextPath") = ("internal://" + guid + ".txt").c_str();
        set_text(note, "Description",
                 "The Attune coding scheme behind the codes of '" + s->title() +
                     "' (XML, urn:attune:scheme:1), for Attune to read back.");
        files.emplace_back("sources/" + guid + ".txt", *xml);
        ++report.notes;
    }
}

} // namespace

std::string refi_code_guid(const std::string& scheme_id, const std::string& version,
                           const std::string& code_id)
{
    return name_uuid("code\n" + scheme_id + "\n" + version + "\n" + code_id);
}

std::string refi_group_guid(const std::string& scheme_id, const std::string& version,
                            const std::string& group_id)
{
    return name_uuid("group\n" + scheme_id + "\n" + version + "\n" + group_id);
}

Result<RefiExportReport> export_refi_codebook(project::Session& session,
                                              const std::string& scheme_id,
                                              const std::filesystem::path& out)
{
    auto s = session.scheme(scheme_id);
    if (!s)
        return s.error();
    RefiExportReport report;
    report.file = out;
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = doc.append_child("CodeBook");
    root.append_attribute("xmlns") = std::string(detail::kRefiCodebookNs).c_str();
    root.append_attribute("origin") = (std::string("Attune ") + kVersion).c_str();
    pugi::xml_node codes = root.append_child("Codes");
    append_codes(codes, **s, report);
    if (report.codes == 0)
    {
        // The XSD needs one Code at least: the scheme itself, as a non-codable one.
        pugi::xml_node top = codes.append_child("Code");
        top.append_attribute("guid") = refi_group_guid(scheme_id, (*s)->version(), "").c_str();
        top.append_attribute("name") = (*s)->title().c_str();
        top.append_attribute("isCodable") = "false";
        ++report.codes;
        report.notes_text.push_back("the scheme has no passage codes; the codebook holds one "
                                    "non-codable code named after it (the format needs one)");
    }
    note_scheme_losses(**s, report, false);
    if (auto ok = write_file_atomic(out, detail::xml_to_string(doc)); !ok)
        return ok.error();
    return report;
}

Result<RefiExportReport> export_refi_project(project::Session& session,
                                             const RefiExportOptions& options,
                                             const std::filesystem::path& out)
{
    ProjectExport e{session, options, {}, {}, {}, {}, {}, {}, {}, {}};
    e.report.file = out;
    if (auto ok = e.select(); !ok)
        return ok.error();
    auto decl = e.doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = e.doc.append_child("Project");
    root.append_attribute("xmlns") = std::string(detail::kRefiProjectNs).c_str();
    root.append_attribute("name") = session.path().stem().string().c_str();
    root.append_attribute("origin") = (std::string("Attune ") + kVersion).c_str();
    root.append_attribute("creationDateTime") = store::now_iso8601().c_str();
    e.users(root);
    e.codebook(root);
    e.cases(root);
    pugi::xml_node notes = root.append_child("Notes");
    if (auto ok = e.sources(root, notes); !ok)
        return ok.error();
    e.scheme_notes(notes);
    if (notes.first_child().empty())
        root.remove_child(notes);
    set_text(root, "Description",
             "Exported by Attune " + std::string(kVersion) + " from project " +
                 session.project_uuid() + ".");
    e.report.notes_text.push_back("selections count Unicode code points of the UTF-8 text in "
                                  "sources/, half-open [start, end), '\\n' line ends, no BOM");
    std::vector<std::pair<std::string, std::string>> entries;
    entries.emplace_back("project.qde", detail::xml_to_string(e.doc));
    for (auto& f : e.files)
        entries.push_back(std::move(f));
    if (auto ok = write_archive(out, entries); !ok)
        return ok.error();
    return std::move(e.report);
}

} // namespace attune::io
