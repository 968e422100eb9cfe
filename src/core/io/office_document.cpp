// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/office_document.h"

#include "core/io/zip_archive.h"
#include "core/text/code_points.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_map>

namespace attune::io::detail
{

namespace
{

// Deeper element nesting than any office suite writes; stops recursion on hostile files.
constexpr int kMaxDepth = 200;

SourceLocation location_of(const std::string& path, std::string_view data, std::ptrdiff_t offset)
{
    if (offset < 0)
        return SourceLocation{path, 0, 0};
    const auto [line, column] = text::line_column_of_byte(data, static_cast<std::size_t>(offset));
    return SourceLocation{path, line, column};
}

/// Parses one XML entry. Whitespace-only text is kept (a lone space between two runs is text);
/// DOCTYPE is parsed only to be refused, so no entity can ever be declared.
Result<void> parse_xml(pugi::xml_document& doc, const std::string& data, const std::string& path)
{
    const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype;
    const pugi::xml_parse_result r = doc.load_buffer(data.data(), data.size(), options);
    if (!r)
        return make_error(ErrorCode::XmlMalformed, r.description(),
                          location_of(path, data, r.offset));
    for (const pugi::xml_node child : doc.children())
        if (child.type() == pugi::node_doctype)
            return make_error(ErrorCode::DataInvalid,
                              "DOCTYPE declarations are not allowed in office documents",
                              location_of(path, data, child.offset_debug()));
    return {};
}

/// Element names in one namespace, whatever prefix the file binds it to.
class Ns
{
public:
    Ns(const pugi::xml_node& root, std::initializer_list<const char*> uris, const char* fallback)
        : m_prefix(fallback)
    {
        for (const pugi::xml_attribute a : root.attributes())
        {
            const std::string_view name = a.name();
            for (const char* uri : uris)
            {
                if (std::strcmp(a.value(), uri) != 0)
                    continue;
                if (name == "xmlns")
                    m_prefix.clear();
                else if (name.substr(0, 6) == "xmlns:")
                    m_prefix = std::string(name.substr(6)) + ":";
            }
        }
    }

    bool is(const pugi::xml_node& n, std::string_view local) const
    {
        const std::string_view name = n.name();
        return name.size() == m_prefix.size() + local.size() &&
               name.substr(0, m_prefix.size()) == m_prefix && name.substr(m_prefix.size()) == local;
    }
    bool in(const pugi::xml_node& n) const
    {
        const std::string_view name = n.name();
        return !m_prefix.empty() && name.substr(0, m_prefix.size()) == m_prefix;
    }
    pugi::xml_attribute attr(const pugi::xml_node& n, const char* local) const
    {
        return n.attribute((m_prefix + local).c_str());
    }
    pugi::xml_node child(const pugi::xml_node& n, const char* local) const
    {
        return n.child((m_prefix + local).c_str());
    }

private:
    std::string m_prefix;
};

void append(Paragraph& p, std::string_view s, bool bold)
{
    p.text.append(s);
    for (const char c : s)
    {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || !text::starts_code_point(c))
            continue;
        ++(bold ? p.bold_chars : p.plain_chars);
    }
}

Error too_deep(const std::string& path)
{
    return make_error(ErrorCode::DataInvalid,
                      "elements nested deeper than " + std::to_string(kMaxDepth),
                      SourceLocation{path, 0, 0});
}

/// The extracted text's size, counted as it is produced (paragraph separators included), so a
/// file whose few bytes of markup stand for gigabytes of text (text:s text:c="10000") stops at
/// the element that crosses the import limit instead of after joining everything.
class TextBudget
{
public:
    explicit TextBudget(std::uint64_t limit) : m_limit(limit) {}

    /// Takes `n` bytes for the element at `at`; false (and remembers where) once over the limit.
    bool take(std::uint64_t n, const pugi::xml_node& at)
    {
        if (exceeded())
            return false;
        if (n > m_limit - m_used)
        {
            m_over_at = std::max<std::ptrdiff_t>(at.offset_debug(), 0);
            return false;
        }
        m_used += n;
        return true;
    }
    bool exceeded() const noexcept { return m_over_at >= 0; }

    Error error(const std::string& path, std::string_view data) const
    {
        return make_error(ErrorCode::TooLarge,
                          "the text extracted up to here exceeds the import limit of " +
                              std::to_string(m_limit) + " bytes",
                          location_of(path, data, m_over_at));
    }

private:
    std::uint64_t m_limit;
    std::uint64_t m_used = 0;
    std::ptrdiff_t m_over_at = -1;
};

Result<std::string> required_entry(const ZipArchive& zip, const std::string& entry,
                                   const std::string& source, std::uint64_t max_size,
                                   const char* kind)
{
    auto data = zip.read(entry, max_size);
    if (!data)
        return data.error();
    if (!*data)
        return make_error(ErrorCode::Unsupported,
                          std::string("no ") + entry + " in the archive: not " + kind,
                          SourceLocation{source, 0, 0});
    return std::move(**data);
}

// ---------------------------------------------------------------------------------------------
// .docx (ECMA-376 WordprocessingML)

const char* const kWordNs[] = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                               "http://purl.oclc.org/ooxml/wordprocessingml/main"};

/// ST_OnOff: absent val or anything but 0/false/off means on.
bool on_off(const Ns& w, const pugi::xml_node& n)
{
    const pugi::xml_attribute val = w.attr(n, "val");
    if (!val)
        return true;
    const std::string_view v = val.value();
    return !(v == "0" || v == "false" || v == "off" || v == "none");
}

class DocxReader
{
public:
    DocxReader(const pugi::xml_node& root, const std::string& path, std::string_view data,
               std::uint64_t max_text)
        : m_w(root, {kWordNs[0], kWordNs[1]}, "w:"), m_path(path), m_data(data), m_budget(max_text)
    {
    }

    void load_styles(const pugi::xml_node& styles_root)
    {
        for (const pugi::xml_node s : styles_root.children())
        {
            if (m_w.is(s, "docDefaults"))
            {
                const auto rpr = m_w.child(m_w.child(s, "rPrDefault"), "rPr");
                if (const auto b = m_w.child(rpr, "b"))
                    m_default_bold = on_off(m_w, b);
                continue;
            }
            if (!m_w.is(s, "style"))
                continue;
            StyleInfo info;
            if (const auto b = m_w.child(m_w.child(s, "rPr"), "b"))
                info.bold = on_off(m_w, b);
            info.based_on = m_w.attr(m_w.child(s, "basedOn"), "val").value();
            const std::string id = m_w.attr(s, "styleId").value();
            const std::string_view is_default = m_w.attr(s, "default").value();
            if (std::string_view(m_w.attr(s, "type").value()) == "paragraph" &&
                (is_default == "1" || is_default == "true" || is_default == "on"))
                m_default_paragraph_style = id;
            m_styles[id] = std::move(info);
        }
    }

    Result<OfficeText> read(const pugi::xml_node& root)
    {
        const pugi::xml_node body = m_w.child(root, "body");
        if (!m_w.is(root, "document") || !body)
            return make_error(ErrorCode::Unsupported,
                              "not a WordprocessingML document (no w:document/w:body)",
                              SourceLocation{m_path, 0, 0});
        block(body, 0);
        if (m_too_deep)
            return too_deep(m_path);
        if (m_budget.exceeded())
            return m_budget.error(m_path, m_data);
        return std::move(m_out);
    }

private:
    struct StyleInfo
    {
        std::optional<bool> bold;
        std::string based_on;
    };

    std::optional<bool> style_bold(std::string id) const
    {
        for (int hops = 0; hops < 32 && !id.empty(); ++hops)
        {
            const auto it = m_styles.find(id);
            if (it == m_styles.end())
                return std::nullopt;
            if (it->second.bold)
                return it->second.bold;
            id = it->second.based_on;
        }
        return std::nullopt;
    }

    void block(const pugi::xml_node& node, int depth)
    {
        if (depth > kMaxDepth)
        {
            m_too_deep = true;
            return;
        }
        for (const pugi::xml_node child : node.children())
        {
            if (m_too_deep || m_budget.exceeded())
                return;
            if (m_w.is(child, "p"))
                paragraph(child, depth + 1);
            else if (m_w.is(child, "tbl") || m_w.is(child, "tr") || m_w.is(child, "tc") ||
                     m_w.is(child, "sdt") || m_w.is(child, "sdtContent") ||
                     m_w.is(child, "customXml") || m_w.is(child, "ins") ||
                     m_w.is(child, "moveTo") || m_w.is(child, "smartTag"))
                block(child, depth + 1);
        }
    }

    void paragraph(const pugi::xml_node& p, int depth)
    {
        std::string style = m_w.attr(m_w.child(m_w.child(p, "pPr"), "pStyle"), "val").value();
        if (style.empty())
            style = m_default_paragraph_style;
        const std::optional<bool> from_style = style_bold(style);
        const bool paragraph_bold = from_style ? *from_style : m_default_bold;
        if (!m_out.paragraphs.empty() && !m_budget.take(1, p)) // the '\n' joining paragraphs
            return;
        Paragraph out;
        inline_content(p, out, paragraph_bold, depth);
        m_out.paragraphs.push_back(std::move(out));
    }

    void inline_content(const pugi::xml_node& node, Paragraph& out, bool paragraph_bold, int depth)
    {
        if (depth > kMaxDepth)
        {
            m_too_deep = true;
            return;
        }
        for (const pugi::xml_node child : node.children())
        {
            if (m_too_deep || m_budget.exceeded())
                return;
            if (m_w.is(child, "r"))
                run(child, out, paragraph_bold);
            else if (m_w.is(child, "hyperlink") || m_w.is(child, "ins") ||
                     m_w.is(child, "smartTag") || m_w.is(child, "sdt") ||
                     m_w.is(child, "sdtContent") || m_w.is(child, "fldSimple") ||
                     m_w.is(child, "customXml") || m_w.is(child, "moveTo") ||
                     m_w.is(child, "dir") || m_w.is(child, "bdo"))
                inline_content(child, out, paragraph_bold, depth + 1);
            // w:del, w:moveFrom (deleted text), w:pPr and anything unknown carry no body text.
        }
    }

    void run(const pugi::xml_node& r, Paragraph& out, bool paragraph_bold)
    {
        const pugi::xml_node rpr = m_w.child(r, "rPr");
        bool bold = paragraph_bold;
        if (const auto b = m_w.child(rpr, "b"))
            bold = on_off(m_w, b);
        else if (const auto rstyle = m_w.child(rpr, "rStyle"))
        {
            if (const auto s = style_bold(m_w.attr(rstyle, "val").value()))
                bold = *s;
        }
        for (const pugi::xml_node c : r.children())
        {
            if (m_w.is(c, "t"))
                add(out, c.text().get(), bold, c);
            else if (m_w.is(c, "tab"))
                add(out, "\t", bold, c);
            else if (m_w.is(c, "br") || m_w.is(c, "cr"))
                add(out, "\n", bold, c);
            else if (m_w.is(c, "noBreakHyphen"))
                add(out, "-", bold, c);
            // w:delText, w:instrText (field codes), drawings and text boxes are not body text.
        }
    }

    void add(Paragraph& out, std::string_view s, bool bold, const pugi::xml_node& at)
    {
        if (m_budget.take(s.size(), at))
            append(out, s, bold);
    }

    Ns m_w;
    std::string m_path;
    std::string_view m_data;
    TextBudget m_budget;
    std::unordered_map<std::string, StyleInfo> m_styles;
    std::string m_default_paragraph_style;
    bool m_default_bold = false;
    bool m_too_deep = false;
    OfficeText m_out;
};

// ---------------------------------------------------------------------------------------------
// .odt (OASIS OpenDocument text)

const char* const kOfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const char* const kTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const char* const kStyleNs = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const char* const kFoNs = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
const char* const kDrawNs = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";

std::optional<bool> font_weight_bold(std::string_view v)
{
    if (v.empty())
        return std::nullopt;
    if (v == "bold")
        return true;
    if (v == "normal")
        return false;
    return std::atoi(std::string(v).c_str()) >= 600;
}

class OdtReader
{
public:
    OdtReader(const pugi::xml_node& root, const std::string& path, std::string_view data,
              std::uint64_t max_text)
        : m_office(root, {kOfficeNs}, "office:"), m_text(root, {kTextNs}, "text:"),
          m_draw(root, {kDrawNs}, "draw:"), m_path(path), m_data(data), m_budget(max_text)
    {
    }

    /// Reads office:styles / office:automatic-styles children of a document root (styles.xml
    /// first, then content.xml, whose automatic styles may refer to the former).
    void load_styles(const pugi::xml_node& root)
    {
        // Prefixes can differ between the two files; resolve them on this root.
        const Ns office(root, {kOfficeNs}, "office:");
        const Ns style(root, {kStyleNs}, "style:");
        const Ns fo(root, {kFoNs}, "fo:");
        for (const char* container : {"styles", "automatic-styles"})
        {
            for (const pugi::xml_node s : office.child(root, container).children())
            {
                const bool is_default = style.is(s, "default-style");
                if (!style.is(s, "style") && !is_default)
                    continue;
                StyleInfo info;
                info.bold = font_weight_bold(
                    fo.attr(style.child(s, "text-properties"), "font-weight").value());
                info.parent = style.attr(s, "parent-style-name").value();
                const std::string family = style.attr(s, "family").value();
                if (is_default)
                {
                    if (family == "paragraph" && info.bold)
                        m_default_bold = *info.bold;
                    continue;
                }
                m_styles[family + "/" + style.attr(s, "name").value()] = std::move(info);
            }
        }
    }

    Result<OfficeText> read(const pugi::xml_node& root)
    {
        const pugi::xml_node text = m_office.child(m_office.child(root, "body"), "text");
        if (!m_office.is(root, "document-content") || !text)
            return make_error(ErrorCode::Unsupported,
                              "not an OpenDocument text (no office:body/office:text)",
                              SourceLocation{m_path, 0, 0});
        block(text, 0);
        if (m_too_deep)
            return too_deep(m_path);
        if (m_budget.exceeded())
            return m_budget.error(m_path, m_data);
        return std::move(m_out);
    }

private:
    struct StyleInfo
    {
        std::optional<bool> bold;
        std::string parent;
    };

    std::optional<bool> style_bold(const std::string& family, std::string name) const
    {
        for (int hops = 0; hops < 32 && !name.empty(); ++hops)
        {
            const auto it = m_styles.find(family + "/" + name);
            if (it == m_styles.end())
                return std::nullopt;
            if (it->second.bold)
                return it->second.bold;
            name = it->second.parent;
        }
        return std::nullopt;
    }

    bool skipped(const pugi::xml_node& n) const
    {
        return m_draw.in(n) || m_text.is(n, "tracked-changes") || m_text.is(n, "note") ||
               m_office.is(n, "annotation") || m_office.is(n, "annotation-end") ||
               m_office.is(n, "forms") || m_text.is(n, "sequence-decls") ||
               m_text.is(n, "variable-decls") || m_text.is(n, "user-field-decls") ||
               m_text.is(n, "soft-page-break") || m_text.is(n, "bookmark") ||
               m_text.is(n, "bookmark-start") || m_text.is(n, "bookmark-end") ||
               m_text.is(n, "change") || m_text.is(n, "change-start") || m_text.is(n, "change-end");
    }

    void block(const pugi::xml_node& node, int depth)
    {
        if (depth > kMaxDepth)
        {
            m_too_deep = true;
            return;
        }
        for (const pugi::xml_node child : node.children())
        {
            if (m_too_deep || m_budget.exceeded())
                return;
            if (child.type() != pugi::node_element || skipped(child))
                continue;
            if (m_text.is(child, "p") || m_text.is(child, "h"))
                paragraph(child, depth + 1);
            else
                block(child, depth + 1); // lists, tables, sections
        }
    }

    void paragraph(const pugi::xml_node& p, int depth)
    {
        const auto from_style = style_bold("paragraph", m_text.attr(p, "style-name").value());
        if (!m_out.paragraphs.empty() && !m_budget.take(1, p)) // the '\n' joining paragraphs
            return;
        Paragraph out;
        // ODF collapses white space in text content (§6.1.2): runs become one space, leading
        // ones vanish; text:s, text:tab and text:line-break are the explicit forms.
        m_pending_space = false;
        m_at_start = true;
        inline_content(p, out, from_style ? *from_style : m_default_bold, depth);
        m_out.paragraphs.push_back(std::move(out));
    }

    void text_content(std::string_view s, Paragraph& out, bool bold, const pugi::xml_node& at)
    {
        std::size_t run_start = 0;
        for (std::size_t i = 0; i <= s.size(); ++i)
        {
            const bool space =
                i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r');
            if (i < s.size() && !space)
                continue;
            if (i > run_start)
            {
                const bool space_first = m_pending_space && !m_at_start;
                if (!m_budget.take(i - run_start + (space_first ? 1 : 0), at))
                    return;
                if (space_first)
                    append(out, " ", bold);
                append(out, s.substr(run_start, i - run_start), bold);
                m_pending_space = false;
                m_at_start = false;
            }
            if (space)
                m_pending_space = true;
            run_start = i + 1;
        }
    }

    /// `count` copies of `c` (text:s, text:tab, text:line-break), paid for before they exist.
    void explicit_content(char c, std::size_t count, Paragraph& out, bool bold,
                          const pugi::xml_node& at)
    {
        const bool space_first = m_pending_space && !m_at_start;
        if (!m_budget.take(count + (space_first ? 1 : 0), at))
            return;
        if (space_first)
            append(out, " ", bold);
        append(out, std::string(count, c), bold);
        m_pending_space = false;
        m_at_start = false;
    }

    void inline_content(const pugi::xml_node& node, Paragraph& out, bool bold, int depth)
    {
        if (depth > kMaxDepth)
        {
            m_too_deep = true;
            return;
        }
        for (const pugi::xml_node child : node.children())
        {
            if (m_too_deep || m_budget.exceeded())
                return;
            if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            {
                text_content(child.value(), out, bold, child);
                continue;
            }
            if (child.type() != pugi::node_element || skipped(child))
                continue;
            if (m_text.is(child, "s"))
            {
                const int count = std::clamp(m_text.attr(child, "c").as_int(1), 1, 10000);
                explicit_content(' ', static_cast<std::size_t>(count), out, bold, child);
            }
            else if (m_text.is(child, "tab"))
                explicit_content('\t', 1, out, bold, child);
            else if (m_text.is(child, "line-break"))
                explicit_content('\n', 1, out, bold, child);
            else if (m_text.is(child, "span"))
            {
                const auto s = style_bold("text", m_text.attr(child, "style-name").value());
                inline_content(child, out, s ? *s : bold, depth + 1);
            }
            else
                inline_content(child, out, bold, depth + 1); // links, fields, meta
        }
    }

    Ns m_office, m_text, m_draw;
    std::string m_path;
    std::string_view m_data;
    TextBudget m_budget;
    std::unordered_map<std::string, StyleInfo> m_styles;
    bool m_default_bold = false;
    bool m_pending_space = false;
    bool m_at_start = true;
    bool m_too_deep = false;
    OfficeText m_out;
};

} // namespace

Result<OfficeText> read_docx(std::string_view bytes, const std::string& source_name,
                             std::uint64_t max_entry_size, std::uint64_t max_text_size)
{
    auto zip = ZipArchive::open(bytes, source_name);
    if (!zip)
        return zip.error();
    const std::string document_entry = "word/document.xml";
    auto document =
        required_entry(*zip, document_entry, source_name, max_entry_size, "a Word document");
    if (!document)
        return document.error();
    const std::string document_path = source_name + "!/" + document_entry;
    pugi::xml_document doc;
    if (auto parsed = parse_xml(doc, *document, document_path); !parsed)
        return parsed.error();
    DocxReader reader(doc.document_element(), document_path, *document, max_text_size);

    auto styles = zip->read("word/styles.xml", max_entry_size);
    if (!styles)
        return styles.error();
    if (*styles)
    {
        pugi::xml_document styles_doc;
        if (auto parsed = parse_xml(styles_doc, **styles, source_name + "!/word/styles.xml");
            !parsed)
            return parsed.error();
        reader.load_styles(styles_doc.document_element());
    }
    return reader.read(doc.document_element());
}

Result<OfficeText> read_odt(std::string_view bytes, const std::string& source_name,
                            std::uint64_t max_entry_size, std::uint64_t max_text_size)
{
    auto zip = ZipArchive::open(bytes, source_name);
    if (!zip)
        return zip.error();
    const std::string content_entry = "content.xml";
    auto content =
        required_entry(*zip, content_entry, source_name, max_entry_size, "an OpenDocument file");
    if (!content)
        return content.error();
    const std::string content_path = source_name + "!/" + content_entry;
    pugi::xml_document doc;
    if (auto parsed = parse_xml(doc, *content, content_path); !parsed)
        return parsed.error();
    OdtReader reader(doc.document_element(), content_path, *content, max_text_size);

    auto styles = zip->read("styles.xml", max_entry_size);
    if (!styles)
        return styles.error();
    if (*styles)
    {
        pugi::xml_document styles_doc;
        if (auto parsed = parse_xml(styles_doc, **styles, source_name + "!/styles.xml"); !parsed)
            return parsed.error();
        reader.load_styles(styles_doc.document_element());
    }
    reader.load_styles(doc.document_element());
    return reader.read(doc.document_element());
}

} // namespace attune::io::detail
