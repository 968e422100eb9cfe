// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a REFI-QDA file into plain data (io/refi_import.h: read_refi): the container, the XML
// and the references between them, with every guard a file from elsewhere needs. No project is
// involved, so the fuzz target (tests/fuzz/fuzz_refi.cpp) runs exactly this.
#include "core/io/refi_common.h"
#include "core/io/refi_import.h"
#include "core/io/zip_archive.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

namespace attune::io
{

namespace
{

using detail::child_named;
using detail::local_name;

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool starts_with(std::string_view s, std::string_view p)
{
    return s.substr(0, p.size()) == p;
}

std::string guid_of(const pugi::xml_node& n, const char* attr = "guid")
{
    const char* v = n.attribute(attr).value();
    if (auto g = detail::canonical_guid(v))
        return *g;
    return v; // kept as written: it then matches nothing, which the report says
}

std::string text_of(const pugi::xml_node& n)
{
    std::string out;
    for (const pugi::xml_node c : n.children())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
            out += c.value();
    return out;
}

std::optional<std::int64_t> parse_int(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '+'))
        s.remove_prefix(s.front() == '+' ? 1 : 1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty())
        return std::nullopt;
    return v;
}

/// The archive (when there is one) and the budget of bytes it may still expand to.
class Container
{
public:
    Container(std::optional<detail::ZipArchive> zip, std::string file)
        : m_zip(std::move(zip)), m_file(std::move(file))
    {
        if (m_zip)
            for (const auto& n : m_zip->names())
                m_by_lower.emplace(lower(n), n);
    }

    bool is_zip() const { return m_zip.has_value(); }
    const std::map<std::string, std::string>& entries() const { return m_by_lower; }

    /// Reads an entry, charging it to the archive's total. Errors as ZipArchive::read, plus
    /// TooLarge past kRefiMaxTotalBytes.
    Result<std::optional<std::string>> read(const std::string& entry)
    {
        const std::uint64_t left = kRefiMaxTotalBytes - m_used;
        auto r = m_zip->read(entry, std::min(kRefiMaxEntryBytes, left));
        if (!r)
        {
            if (r.error().code == ErrorCode::TooLarge && left < kRefiMaxEntryBytes)
                return make_error(ErrorCode::TooLarge,
                                  "the archive expands to more than " +
                                      std::to_string(kRefiMaxTotalBytes) +
                                      " bytes (a zip bomb?); nothing was imported",
                                  SourceLocation{m_file + "!/" + entry, 0, 0});
            return r.error();
        }
        if (*r)
            m_used += (*r)->size();
        return r;
    }

    /// The text a plainTextPath names. Returns the bytes, or nullopt with `problem` set when
    /// the file is not there to read (missing, or outside the archive: never read). A path
    /// that tries to leave the archive's sources folder is an error: the file was made to
    /// attack.
    Result<std::optional<std::string>> source(const std::string& path, std::string& problem)
    {
        std::string name;
        if (starts_with(lower(path), "internal://"))
            name = path.substr(11);
        else if (starts_with(lower(path), "absolute://") ||
                 starts_with(lower(path), "relative://") || path.find("://") != std::string::npos)
        {
            problem = "its text is a file outside the archive (" + path + "); not read";
            return std::optional<std::string>();
        }
        else
            name = path; // a bare file name (qc writes these)
        if (name.empty() || name.find('/') != std::string::npos ||
            name.find('\\') != std::string::npos || name == "." || name == ".." ||
            name.find(':') != std::string::npos)
            return make_error(ErrorCode::DataInvalid,
                              "a source path leaves the archive's sources folder ('" + path +
                                  "'); refused, nothing was imported",
                              SourceLocation{m_file, 0, 0});
        if (!m_zip)
        {
            problem = "a bare project file has no sources folder (" + path + " is not included)";
            return std::optional<std::string>();
        }
        for (const std::string& candidate : {"sources/" + lower(name), lower(name)})
        {
            const auto it = m_by_lower.find(candidate);
            if (it == m_by_lower.end())
                continue;
            auto r = read(it->second);
            if (!r)
                return r.error();
            return r;
        }
        problem = "the archive has no sources/" + name;
        return std::optional<std::string>();
    }

private:
    std::optional<detail::ZipArchive> m_zip;
    std::string m_file;
    std::map<std::string, std::string> m_by_lower;
    std::uint64_t m_used = 0;
};

void read_codes(const pugi::xml_node& parent, std::vector<RefiCode>& out, RefiFile& file)
{
    for (const pugi::xml_node c : parent.children())
    {
        if (c.type() != pugi::node_element || local_name(c) != "Code")
            continue;
        RefiCode code;
        code.guid = guid_of(c);
        code.name = c.attribute("name").value();
        const std::string codable = lower(c.attribute("isCodable").value());
        code.codable = !(codable == "false" || codable == "0");
        if (const pugi::xml_attribute colour = c.attribute("color"))
        {
            code.colour = detail::parse_refi_colour(colour.value());
            code.colour_malformed = !code.colour;
        }
        code.description = text_of(child_named(c, "Description"));
        read_codes(c, code.children, file);
        out.push_back(std::move(code));
    }
}

std::vector<std::string> refs(const pugi::xml_node& n, std::string_view element)
{
    std::vector<std::string> out;
    for (const pugi::xml_node c : n.children())
        if (c.type() == pugi::node_element && local_name(c) == element)
            out.push_back(guid_of(c, "targetGUID"));
    return out;
}

RefiCoding read_coding(const pugi::xml_node& c)
{
    RefiCoding coding;
    coding.guid = guid_of(c);
    coding.code_guid = guid_of(child_named(c, "CodeRef"), "targetGUID");
    coding.user = guid_of(c, "creatingUser");
    coding.created = c.attribute("creationDateTime").value();
    coding.note_refs = refs(c, "NoteRef");
    return coding;
}

Result<void> read_text_source(const pugi::xml_node& s, Container& container, RefiFile& file)
{
    RefiTextSource src;
    src.guid = guid_of(s);
    src.name = s.attribute("name").value();
    src.path = s.attribute("plainTextPath").value();
    if (const pugi::xml_node inline_text = child_named(s, "PlainTextContent"))
        src.bytes = text_of(inline_text);
    else if (!src.path.empty())
    {
        auto bytes = container.source(src.path, src.problem);
        if (!bytes)
            return bytes.error();
        src.bytes = std::move(*bytes);
    }
    else
        src.problem = "it has neither PlainTextContent nor a plainTextPath";
    for (const pugi::xml_node c : s.children())
    {
        if (c.type() != pugi::node_element)
            continue;
        if (local_name(c) == "Coding")
            ++src.document_codings;
        if (local_name(c) != "PlainTextSelection")
            continue;
        RefiSelection sel;
        sel.guid = guid_of(c);
        sel.name = c.attribute("name").value();
        const auto start = parse_int(c.attribute("startPosition").value());
        const auto end = parse_int(c.attribute("endPosition").value());
        if (!start || !end)
        {
            file.skipped.push_back(
                {"PlainTextSelection", sel.guid, sel.name, "its positions are not whole numbers"});
            continue;
        }
        sel.start = *start;
        sel.end = *end;
        sel.user = guid_of(c, "creatingUser");
        sel.created = c.attribute("creationDateTime").value();
        sel.modified = c.attribute("modifiedDateTime").value();
        sel.description = text_of(child_named(c, "Description"));
        for (const pugi::xml_node k : c.children())
            if (k.type() == pugi::node_element && local_name(k) == "Coding")
                sel.codings.push_back(read_coding(k));
        sel.note_refs = refs(c, "NoteRef");
        src.selections.push_back(std::move(sel));
    }
    file.sources.push_back(std::move(src));
    return {};
}

Result<void> read_project(const pugi::xml_node& root, Container& container, RefiFile& file)
{
    file.name = root.attribute("name").value();
    for (const pugi::xml_node part : root.children())
    {
        if (part.type() != pugi::node_element)
            continue;
        const std::string_view what = local_name(part);
        if (what == "Users")
        {
            for (const pugi::xml_node u : part.children())
                if (u.type() == pugi::node_element && local_name(u) == "User")
                    file.users.push_back(
                        {guid_of(u), u.attribute("name").value(), u.attribute("id").value()});
        }
        else if (what == "CodeBook")
            read_codes(child_named(part, "Codes"), file.codes, file);
        else if (what == "Sources")
        {
            for (const pugi::xml_node s : part.children())
            {
                if (s.type() != pugi::node_element)
                    continue;
                if (local_name(s) == "TextSource")
                {
                    if (auto ok = read_text_source(s, container, file); !ok)
                        return ok.error();
                }
                else
                    file.skipped.push_back({std::string(local_name(s)), guid_of(s),
                                            s.attribute("name").value(),
                                            "only plain-text sources are imported"});
            }
        }
        else if (what == "Notes")
        {
            for (const pugi::xml_node n : part.children())
            {
                if (n.type() != pugi::node_element || local_name(n) != "Note")
                    continue;
                RefiNote note{guid_of(n), n.attribute("name").value(), {}};
                if (const pugi::xml_node t = child_named(n, "PlainTextContent"))
                    note.text = text_of(t);
                else if (const std::string path = n.attribute("plainTextPath").value();
                         !path.empty())
                {
                    std::string problem;
                    auto bytes = container.source(path, problem);
                    if (!bytes)
                        return bytes.error();
                    if (*bytes)
                        note.text = std::move(**bytes);
                    else
                        file.warnings.push_back("note " + note.guid + ": " + problem);
                }
                file.notes.push_back(std::move(note));
            }
        }
        else if (what == "Variables" || what == "Cases" || what == "Links" || what == "Sets" ||
                 what == "Graphs")
        {
            for (const pugi::xml_node n : part.children())
                if (n.type() == pugi::node_element)
                    file.skipped.push_back({std::string(local_name(n)), guid_of(n),
                                            n.attribute("name").value(),
                                            "Attune has no place for it"});
        }
    }
    return {};
}

std::string namespace_of(const pugi::xml_node& root)
{
    const std::string_view name = root.name();
    const std::size_t colon = name.find(':');
    const std::string attr =
        colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    return root.attribute(attr.c_str()).value();
}

Result<RefiFile> read_xml(std::string_view xml, const std::string& where, Container& container,
                          const std::string& file_name)
{
    pugi::xml_document doc;
    if (auto ok = detail::parse_refi_xml(doc, xml, where); !ok)
        return ok.error();
    const pugi::xml_node root = doc.document_element();
    RefiFile file;
    file.file = file_name;
    file.ns = namespace_of(root);
    file.origin = root.attribute("origin").value();
    const std::string_view kind = local_name(root);
    if (kind != "Project" && kind != "CodeBook")
        return make_error(ErrorCode::Unsupported,
                          "not a REFI-QDA file: the root element is <" + std::string(root.name()) +
                              ">, not <Project> or <CodeBook>",
                          SourceLocation{where, 0, 0});
    if (!starts_with(file.ns, "urn:QDA-XML:"))
        file.warnings.push_back("the root's namespace is '" + file.ns +
                                "', not urn:QDA-XML:…; read as REFI-QDA 1.0 anyway");
    else if (file.ns != detail::kRefiProjectNs && file.ns != detail::kRefiCodebookNs)
        file.warnings.push_back("the file declares namespace " + file.ns +
                                " (not version 1.0); read as 1.0");
    if (kind == "CodeBook")
    {
        file.is_codebook = true;
        const std::filesystem::path p(file_name);
        file.name = p.stem().string();
        read_codes(child_named(root, "Codes"), file.codes, file);
        if (const pugi::xml_node sets = child_named(root, "Sets"))
            for (const pugi::xml_node s : sets.children())
                if (s.type() == pugi::node_element)
                    file.skipped.push_back({"Set", guid_of(s), s.attribute("name").value(),
                                            "Attune has no code sets"});
        return file;
    }
    if (auto ok = read_project(root, container, file); !ok)
        return ok.error();
    return file;
}

} // namespace

Result<RefiFile> read_refi(std::string_view bytes, const std::string& file_name)
{
    const bool zip = bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
                     bytes.substr(0, 4) == std::string_view("PK\x05\x06", 4);
    if (!zip)
    {
        Container none(std::nullopt, file_name);
        return read_xml(bytes, file_name, none, file_name);
    }
    auto archive = detail::ZipArchive::open(bytes, file_name);
    if (!archive)
        return archive.error();
    Container container(std::move(*archive), file_name);
    // The project: project.qde in any case, else the one top-level .qde (ATLAS.ti 26 names it
    // after the project).
    std::string qde;
    std::size_t candidates = 0;
    for (const auto& [low, real] : container.entries())
    {
        if (low == "project.qde")
        {
            qde = real;
            candidates = 1;
            break;
        }
        if (low.find('/') == std::string::npos && low.size() > 4 &&
            low.substr(low.size() - 4) == ".qde")
        {
            qde = real;
            ++candidates;
        }
    }
    if (candidates != 1)
        return make_error(ErrorCode::DataInvalid,
                          candidates == 0 ? "the archive holds no project.qde (not a .qdpx?)"
                                          : "the archive holds several .qde files and no "
                                            "project.qde; which one is the project is unclear",
                          SourceLocation{file_name, 0, 0});
    auto xml = container.read(qde);
    if (!xml)
        return xml.error();
    return read_xml(**xml, file_name + "!/" + qde, container, file_name);
}

} // namespace attune::io
