// SPDX-License-Identifier: GPL-3.0-or-later
// Scheme XML loader and validator. Three passes, so that every problem is reported at once yet
// hostile input never reaches the expensive parts:
//   1. a byte scan (size, NUL/control bytes, UTF-8, nesting depth, entity references, DOCTYPE)
//      that stops at the first problem, because later offsets would be meaningless;
//   2. pugixml parsing (well-formedness), error at pugixml's offset;
//   3. a structural + semantic walk that collects every error and builds SchemeData.
// Positions: pugixml gives byte offsets; LineMap turns them into 1-based line and code-point
// column. Elements are reported at their '<', attributes at the first letter of their name.
#include "core/base/file_read.h"
#include "core/scheme/scheme.h"
#include "core/text/code_points.h"
#include "core/text/decode.h"

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace attune::scheme
{

namespace
{

// Beyond this many errors the rest are noise (and a hostile file could produce millions).
constexpr std::size_t kMaxErrors = 200;

/// Byte offset → (line, code-point column), both 1-based. Requires valid UTF-8 (pass 1).
class LineMap
{
public:
    explicit LineMap(std::string_view text) : m_text(text)
    {
        m_starts.push_back(0);
        // A UTF-8 BOM is not a character an editor shows: line 1 starts after it.
        if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
            m_starts[0] = 3;
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n')
                m_starts.push_back(i + 1);
    }

    std::pair<int, int> position(std::size_t offset) const
    {
        offset = std::min(offset, m_text.size());
        auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
        const std::size_t line =
            it == m_starts.begin() ? 0 : static_cast<std::size_t>(it - m_starts.begin()) - 1;
        const std::size_t start = std::min(m_starts[line], offset);
        const auto column = 1 + text::code_point_count(m_text.substr(start, offset - start));
        return {static_cast<int>(line) + 1, static_cast<int>(column)};
    }

private:
    std::string_view m_text;
    std::vector<std::size_t> m_starts;
};

struct Diagnostics
{
    std::string path;
    const LineMap* lines = nullptr;
    std::vector<Error> errors;
    bool truncated = false;

    void add(ErrorCode code, std::string message, std::optional<std::size_t> offset)
    {
        if (errors.size() >= kMaxErrors)
        {
            truncated = true;
            return;
        }
        std::optional<SourceLocation> where;
        if (offset && lines)
        {
            const auto [line, column] = lines->position(*offset);
            where = SourceLocation{path, line, column};
        }
        else
            where = SourceLocation{path, 0, 0};
        errors.push_back(Error{code, std::move(message), std::move(where)});
    }
};

std::string hex_byte(unsigned char b)
{
    static const char* digits = "0123456789ABCDEF";
    return std::string("0x") + digits[b >> 4] + digits[b & 0xF];
}

bool is_name_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// Pass 1a: encoding. One error, then stop: a file that is not UTF-8 text has no useful lines.
bool scan_bytes(std::string_view text, Diagnostics& d)
{
    if (text.size() >= 2 &&
        ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    {
        d.add(ErrorCode::Encoding, "the file is UTF-16; save the scheme as UTF-8", 0);
        return false;
    }
    // Positions are reported before the whole text is known to be UTF-8, so the map only counts
    // the valid prefix (code-point columns stay right up to the bad byte).
    // The first problem wins: a control byte before the first ill-formed sequence, else that.
    const std::size_t valid = text::first_invalid_utf8(text).value_or(text.size());
    for (std::size_t i = 0; i < valid; ++i)
    {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b == 0 || (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)
        {
            d.add(ErrorCode::Encoding,
                  "binary data: control byte " + hex_byte(b) + " is not allowed in a scheme file",
                  i);
            return false;
        }
    }
    if (valid == text.size())
        return true;
    d.add(ErrorCode::Encoding,
          "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(text[valid])) + ")", valid);
    return false;
}

// Checks the reference starting at t[i] == '&' and returns the index after it, or npos after
// reporting it. Allowed: the five predefined entities and character references to characters
// XML permits (a "&#0;" would silently cut a string short inside pugixml).
std::size_t check_reference(std::string_view t, std::size_t i, Diagnostics& d)
{
    std::size_t j = i + 1;
    if (j < t.size() && t[j] == '#')
    {
        const bool hex = j + 1 < t.size() && t[j + 1] == 'x';
        j += hex ? 2 : 1;
        std::uint32_t cp = 0;
        std::size_t digits = 0;
        for (; j < t.size() && digits < 8; ++j, ++digits)
        {
            const char ch = t[j];
            int v = -1;
            if (ch >= '0' && ch <= '9')
                v = ch - '0';
            else if (hex && ch >= 'a' && ch <= 'f')
                v = ch - 'a' + 10;
            else if (hex && ch >= 'A' && ch <= 'F')
                v = ch - 'A' + 10;
            if (v < 0)
                break;
            cp = cp * (hex ? 16u : 10u) + static_cast<std::uint32_t>(v);
        }
        const bool ok = digits > 0 && j < t.size() && t[j] == ';' &&
                        (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF));
        if (!ok)
        {
            d.add(ErrorCode::XmlMalformed,
                  "invalid character reference (a &#…; or &#x…; of a character XML allows)", i);
            return std::string_view::npos;
        }
        return j + 1;
    }
    const auto name_char = [](char ch)
    {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
               ch == '_' || ch == '-' || ch == '.' || ch == ':';
    };
    while (j < t.size() && j - i <= 32 && name_char(t[j]))
        ++j;
    const std::string_view name = t.substr(i + 1, j - i - 1);
    if (j >= t.size() || t[j] != ';' || name.empty())
    {
        d.add(ErrorCode::XmlMalformed, "a bare '&' must be written as &amp;", i);
        return std::string_view::npos;
    }
    if (name == "lt" || name == "gt" || name == "amp" || name == "apos" || name == "quot")
        return j + 1;
    d.add(ErrorCode::XmlMalformed,
          "entity reference '&" + std::string(name) +
              ";' is not allowed (only &lt; &gt; &amp; &apos; &quot; and character references)",
          i);
    return std::string_view::npos;
}

// Pass 1b: markup that must never reach pugixml's tree: DOCTYPE (internal subsets, external
// entities), entity references other than the five predefined ones, and nesting beyond
// kMaxDepth (reported before pugixml allocates millions of nodes). Comments, CDATA sections and
// processing instructions are skipped; attribute values are skipped respecting quotes.
bool scan_markup(std::string_view t, Diagnostics& d)
{
    int depth = 0;
    std::size_t i = 0;
    const auto starts = [&](std::size_t at, std::string_view s)
    { return t.substr(at, s.size()) == s; };
    while (i < t.size())
    {
        const char c = t[i];
        if (c == '&')
        {
            i = check_reference(t, i, d);
            if (i == std::string_view::npos)
                return false;
            continue;
        }
        if (c != '<')
        {
            ++i;
            continue;
        }
        if (starts(i, "<!--"))
        {
            const std::size_t end = t.find("-->", i + 4);
            i = end == std::string_view::npos ? t.size() : end + 3;
        }
        else if (starts(i, "<![CDATA["))
        {
            const std::size_t end = t.find("]]>", i + 9);
            i = end == std::string_view::npos ? t.size() : end + 3;
        }
        else if (starts(i, "<!DOCTYPE") || starts(i, "<!doctype") || starts(i, "<!ENTITY"))
        {
            d.add(ErrorCode::XmlMalformed,
                  "DOCTYPE and entity declarations are not allowed in a scheme file", i);
            return false;
        }
        else if (starts(i, "<?"))
        {
            const std::size_t end = t.find("?>", i + 2);
            i = end == std::string_view::npos ? t.size() : end + 2;
        }
        else if (starts(i, "</"))
        {
            --depth;
            const std::size_t end = t.find('>', i);
            i = end == std::string_view::npos ? t.size() : end + 1;
        }
        else if (i + 1 < t.size() && is_name_start(t[i + 1]))
        {
            const std::size_t open = i;
            char quote = 0;
            std::size_t j = i + 1;
            for (; j < t.size(); ++j)
            {
                if (quote)
                {
                    if (t[j] == quote)
                        quote = 0;
                }
                else if (t[j] == '"' || t[j] == '\'')
                    quote = t[j];
                else if (t[j] == '>' || t[j] == '<')
                    break;
            }
            const bool self_closing = j < t.size() && t[j] == '>' && t[j - 1] == '/';
            if (!self_closing && ++depth > kMaxDepth)
            {
                d.add(ErrorCode::TooLarge,
                      "elements nest deeper than " + std::to_string(kMaxDepth) + " levels", open);
                return false;
            }
            // Entity references inside attribute values are checked too: rescan the tag.
            for (std::size_t k = open; k < j;)
            {
                if (t[k] != '&')
                {
                    ++k;
                    continue;
                }
                k = check_reference(t, k, d);
                if (k == std::string_view::npos)
                    return false;
            }
            i = j < t.size() && t[j] == '>' ? j + 1 : j;
        }
        else
            ++i;
    }
    return true;
}

// ---- pass 3 helpers -------------------------------------------------------------------------

/// Child-element rule: any of `names`, between min and max times, in sequence position.
struct ChildRule
{
    std::vector<std::string_view> names;
    int min = 0;
    int max = 1;
};
constexpr int kUnbounded = 1 << 30;

bool is_valid_id(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    const auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (!alpha(s[0]))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [&](char c) {
                           return alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                                  c == '.';
                       });
}

bool is_language_tag(std::string_view s)
{
    // BCP 47 shape only: 2–3 letters, then '-'-separated alphanumeric subtags of 1–8.
    std::size_t i = 0;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        ++i;
    if (i < 2 || i > 3)
        return false;
    while (i < s.size())
    {
        if (s[i] != '-')
            return false;
        std::size_t j = ++i;
        while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j])))
            ++j;
        if (j == i || j - i > 8)
            return false;
        i = j;
    }
    return true;
}

std::optional<double> parse_number(std::string_view s)
{
    // Plain decimals only ("1", "-1", "0.5"): no exponents, no hex, no inf/nan.
    std::size_t i = s.size() > 0 && s[0] == '-' ? 1 : 0;
    std::size_t digits = 0;
    bool dot = false;
    for (; i < s.size(); ++i)
    {
        if (s[i] >= '0' && s[i] <= '9')
            ++digits;
        else if (s[i] == '.' && !dot && digits > 0)
            dot = true;
        else
            return std::nullopt;
    }
    if (digits == 0 || s.back() == '.' || s.size() > 24)
        return std::nullopt;
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::string normalise_text(std::string_view raw)
{
    // Paragraphs survive (blank lines), line breaks and indentation inside one do not: the XML
    // is indented for humans, the GUI wraps text itself.
    std::string out;
    std::string para;
    auto flush = [&]
    {
        if (para.empty())
            return;
        if (!out.empty())
            out += "\n\n";
        out += para;
        para.clear();
    };
    std::size_t pos = 0;
    while (pos <= raw.size())
    {
        std::size_t nl = raw.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = raw.size();
        std::string_view line = raw.substr(pos, nl - pos);
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos)
            flush();
        else
        {
            line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
            if (!para.empty())
                para += ' ';
            para += line;
        }
        pos = nl + 1;
    }
    flush();
    return out;
}

std::string join(const std::vector<std::string_view>& v, std::string_view sep)
{
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? std::string(sep) : std::string()) + "<" + std::string(v[i]) + ">";
    return out;
}

class Walker
{
public:
    Walker(Diagnostics& d, const char* base, std::size_t size) : m_d(d), m_base(base), m_size(size)
    {
    }

    std::optional<SchemeData> run(const pugi::xml_document& doc);

private:
    Diagnostics& m_d;
    const char* m_base;
    std::size_t m_size;
    SchemeData m_data;
    // id → offset of its declaration, per id space
    std::map<std::string, std::size_t> m_code_ids; // codes and groups share one space
    std::map<std::string, std::size_t> m_scale_ids;
    std::map<std::string, std::size_t> m_category_ids; // categories + subcategories, all classif.
    std::map<std::string, std::size_t> m_classification_ids;
    std::map<std::string, std::size_t> m_collapsing_ids;
    std::map<std::string, std::size_t> m_reason_ids;
    std::map<std::string, std::pair<std::string, std::size_t>> m_shortcuts; // norm → code, offset
    struct PendingEvidence
    {
        std::string code;
        std::string scale;
        std::size_t offset;
    };
    std::vector<PendingEvidence> m_evidence;

    std::size_t at(const pugi::xml_node& n) const
    {
        const auto off = n.offset_debug();
        if (off <= 0)
            return 0;
        // Elements: offset_debug is the name; report the '<' before it.
        return static_cast<std::size_t>(n.type() == pugi::node_element ? off - 1 : off);
    }
    std::size_t at(const pugi::xml_node& owner, const pugi::xml_attribute& a) const
    {
        // pugixml parses in place, so an attribute's name points into its buffer copy; compare
        // as integers because pointers into different objects are not ordered.
        const auto name = reinterpret_cast<std::uintptr_t>(a.name());
        const auto base = reinterpret_cast<std::uintptr_t>(m_base);
        if (m_base && name >= base && name < base + m_size)
            return static_cast<std::size_t>(name - base);
        return at(owner);
    }

    void error(std::size_t offset, std::string message)
    {
        m_d.add(ErrorCode::SchemeInvalid, std::move(message), offset);
    }

    // Checks attribute names (unknown, duplicate, missing required). Prefixed xmlns:/xsi:
    // attributes are allowed anywhere: schema-aware editors add them.
    void check_attributes(const pugi::xml_node& n, std::initializer_list<std::string_view> required,
                          std::initializer_list<std::string_view> optional)
    {
        std::set<std::string_view> seen;
        for (const auto& a : n.attributes())
        {
            const std::string_view name = a.name();
            if (!seen.insert(name).second)
            {
                m_d.add(ErrorCode::XmlMalformed,
                        "duplicate attribute '" + std::string(name) + "' on <" + n.name() + ">",
                        at(n, a));
                continue;
            }
            if (name.substr(0, 6) == "xmlns:" || name.substr(0, 4) == "xsi:")
                continue;
            const bool known =
                std::find(required.begin(), required.end(), name) != required.end() ||
                std::find(optional.begin(), optional.end(), name) != optional.end();
            if (!known)
                error(at(n, a),
                      "unknown attribute '" + std::string(name) + "' on <" + n.name() + ">");
        }
        for (auto r : required)
            if (!seen.count(r))
                error(at(n), "<" + std::string(n.name()) + "> lacks the required attribute '" +
                                 std::string(r) + "'");
    }

    // Checks child elements against an ordered rule list and stray text. Returns false when an
    // element appears that no rule names (the caller still processes the known ones).
    void check_children(const pugi::xml_node& n, const std::vector<ChildRule>& rules)
    {
        std::vector<int> counts(rules.size(), 0);
        std::size_t pos = 0;
        for (const auto& c : n.children())
        {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
            {
                const std::string_view v = c.value();
                const auto first = v.find_first_not_of(" \t\r\n");
                // Point at the words, not at the indentation before them.
                if (first != std::string_view::npos)
                    error(at(c) + first, "unexpected text inside <" + std::string(n.name()) + ">");
                continue;
            }
            if (c.type() != pugi::node_element)
                continue;
            const std::string_view name = c.name();
            std::size_t r = 0;
            while (r < rules.size() && std::find(rules[r].names.begin(), rules[r].names.end(),
                                                 name) == rules[r].names.end())
                ++r;
            if (r == rules.size())
            {
                error(at(c),
                      "unknown element <" + std::string(name) + "> inside <" + n.name() + ">");
                continue;
            }
            if (r < pos)
            {
                error(at(c), "<" + std::string(name) + "> is out of order inside <" + n.name() +
                                 "> (it comes before " + join(rules[pos].names, "/") + ")");
                continue;
            }
            pos = r;
            if (++counts[r] > rules[r].max)
                error(at(c), "too many <" + std::string(name) + "> inside <" + n.name() +
                                 "> (at most " + std::to_string(rules[r].max) + ")");
        }
        for (std::size_t r = 0; r < rules.size(); ++r)
            if (counts[r] < rules[r].min)
                error(at(n),
                      "<" + std::string(n.name()) + "> lacks " +
                          (rules[r].min > 1 ? "at least " + std::to_string(rules[r].min) + " of "
                                            : std::string()) +
                          "the required element " + join(rules[r].names, " or "));
    }

    // Text of a text-only element; reports child elements.
    std::string text_of(const pugi::xml_node& n)
    {
        std::string raw;
        for (const auto& c : n.children())
        {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
                raw += c.value();
            else if (c.type() == pugi::node_element)
                error(at(c), "<" + std::string(c.name()) + "> is not allowed inside <" + n.name() +
                                 "> (text only)");
        }
        return normalise_text(raw);
    }

    std::string text_of_required(const pugi::xml_node& n)
    {
        std::string s = text_of(n);
        if (s.empty())
            error(at(n), "<" + std::string(n.name()) + "> is empty");
        return s;
    }

    // A required id attribute, checked for form and uniqueness in `space`.
    std::string id_attr(const pugi::xml_node& n, std::map<std::string, std::size_t>& space,
                        const char* what)
    {
        const auto a = n.attribute("id");
        if (!a)
            return {};
        const std::string id = a.value();
        if (!is_valid_id(id))
        {
            error(at(n, a), "invalid " + std::string(what) + " id '" + id +
                                "' (a letter, then letters, digits, '-', '_' or '.'; at most 64)");
            return id;
        }
        const auto [it, inserted] = space.emplace(id, at(n, a));
        if (!inserted)
        {
            const int line = m_d.lines->position(it->second).first;
            error(at(n, a), "duplicate " + std::string(what) + " id '" + id +
                                "' (first declared at line " + std::to_string(line) + ")");
        }
        return id;
    }

    std::string name_attr(const pugi::xml_node& n)
    {
        const auto a = n.attribute("name");
        if (!a)
            return {};
        const std::string v = normalise_text(a.value());
        if (v.empty())
            error(at(n, a), "<" + std::string(n.name()) + "> has an empty name");
        return v;
    }

    std::optional<double> number_attr(const pugi::xml_node& n, const char* attr)
    {
        const auto a = n.attribute(attr);
        if (!a)
            return std::nullopt;
        const auto v = parse_number(a.value());
        if (!v)
            error(at(n, a),
                  "'" + std::string(a.value()) + "' is not a number (attribute '" + attr + "')");
        return v;
    }

    std::optional<bool> bool_attr(const pugi::xml_node& n, const char* attr)
    {
        const auto a = n.attribute(attr);
        if (!a)
            return std::nullopt;
        const std::string_view v = a.value();
        if (v == "true" || v == "1")
            return true;
        if (v == "false" || v == "0")
            return false;
        error(at(n, a), "'" + std::string(v) + "' is not true or false (attribute '" + attr + "')");
        return std::nullopt;
    }

    void metadata(const pugi::xml_node& n);
    void codes(const pugi::xml_node& n, std::vector<std::string>& path, int depth);
    void code(const pugi::xml_node& n, const std::vector<std::string>& path, int depth);
    void scale(const pugi::xml_node& n);
    void classification(const pugi::xml_node& n);
    void collapsing(const pugi::xml_node& n, const Classification& c, Collapsing& k);
};

void Walker::metadata(const pugi::xml_node& n)
{
    check_attributes(n, {}, {});
    check_children(n, {{{"title"}, 1, 1},
                       {{"version"}, 1, 1},
                       {{"authors"}, 0, 1},
                       {{"licence"}, 1, 1},
                       {{"language"}, 1, 1},
                       {{"description"}, 0, 1}});
    auto& m = m_data.metadata;
    for (const auto& c : n.children())
    {
        const std::string_view name = c.name();
        if (c.type() != pugi::node_element)
            continue;
        check_attributes(c, {}, {});
        if (name == "title")
            m.title = text_of_required(c);
        else if (name == "version")
            m.version = text_of_required(c);
        else if (name == "licence")
            m.licence = text_of_required(c);
        else if (name == "description")
            m.description = text_of(c);
        else if (name == "language")
        {
            m.language = text_of_required(c);
            if (!m.language.empty() && !is_language_tag(m.language))
                error(at(c), "'" + m.language + "' is not a language tag (e.g. en, de, pt-BR)");
        }
        else if (name == "authors")
        {
            check_children(c, {{{"author"}, 1, kUnbounded}});
            for (const auto& a : c.children("author"))
            {
                check_attributes(a, {}, {});
                m.authors.push_back(text_of_required(a));
            }
        }
    }
}

void Walker::codes(const pugi::xml_node& n, std::vector<std::string>& path, int depth)
{
    // The byte scan already bounds nesting; this keeps the recursion bounded on its own.
    if (depth > kMaxDepth)
    {
        m_d.add(ErrorCode::TooLarge, "groups nest too deeply", at(n));
        return;
    }
    for (const auto& c : n.children())
    {
        if (c.type() != pugi::node_element)
            continue;
        const std::string_view name = c.name();
        if (name == "code")
            code(c, path, depth);
        else if (name == "group")
        {
            check_attributes(c, {"id", "name"}, {});
            check_children(c, {{{"description"}, 0, 1}, {{"code", "group"}, 0, kUnbounded}});
            CodeGroup g;
            g.id = id_attr(c, m_code_ids, "code/group");
            g.name = name_attr(c);
            if (auto d = c.child("description"))
            {
                check_attributes(d, {}, {});
                g.description = text_of(d);
            }
            g.group_path = path;
            m_data.code_tree.push_back(CodeTreeEntry{true, m_data.groups.size(), depth});
            m_data.groups.push_back(g);
            path.push_back(g.id);
            codes(c, path, depth + 1);
            path.pop_back();
        }
    }
}

void Walker::code(const pugi::xml_node& n, const std::vector<std::string>& path, int depth)
{
    check_attributes(n, {"id", "name", "colour"}, {"shortcut", "target"});
    check_children(n, {{{"definition"}, 1, 1},
                       {{"inclusion"}, 0, 1},
                       {{"exclusion"}, 0, 1},
                       {{"example"}, 0, kUnbounded}});
    Code k;
    k.id = id_attr(n, m_code_ids, "code/group");
    k.name = name_attr(n);
    k.group_path = path;
    if (const auto a = n.attribute("colour"))
    {
        if (const auto rgb = parse_colour(a.value()))
            k.colour = *rgb;
        else
            error(at(n, a), "invalid colour '" + std::string(a.value()) + "' (expected #RRGGBB)");
    }
    if (const auto a = n.attribute("target"))
    {
        k.target = target_from_string(a.value());
        if (!k.target)
            error(at(n, a), "unknown target '" + std::string(a.value()) +
                                "' (expected mother, father, other or self)");
    }
    if (const auto a = n.attribute("shortcut"))
    {
        k.shortcut = normalise_shortcut(a.value());
        if (!k.shortcut)
            error(at(n, a), "invalid shortcut '" + std::string(a.value()) +
                                "' (e.g. Ctrl+1, Alt+Shift+F, F5)");
        else
        {
            const auto [it, inserted] =
                m_shortcuts.emplace(*k.shortcut, std::make_pair(k.id, at(n, a)));
            if (!inserted)
            {
                const int line = m_d.lines->position(it->second.second).first;
                error(at(n, a), "shortcut '" + *k.shortcut + "' is already used by code '" +
                                    it->second.first + "' (line " + std::to_string(line) + ")");
            }
        }
    }
    for (const auto& c : n.children())
    {
        if (c.type() != pugi::node_element)
            continue;
        const std::string_view name = c.name();
        check_attributes(c, {}, {});
        if (name == "definition")
            k.definition = text_of_required(c);
        else if (name == "inclusion")
            k.inclusion = text_of(c);
        else if (name == "exclusion")
            k.exclusion = text_of(c);
        else if (name == "example")
            k.examples.push_back(text_of_required(c));
    }
    m_data.code_tree.push_back(CodeTreeEntry{false, m_data.codes.size(), depth});
    m_data.codes.push_back(std::move(k));
}

void Walker::scale(const pugi::xml_node& n)
{
    check_attributes(n, {"id", "name", "min", "max", "step"}, {"level", "targets", "not-scorable"});
    check_children(
        n, {{{"description"}, 0, 1}, {{"anchor"}, 0, kUnbounded}, {{"evidence"}, 0, kUnbounded}});
    Scale s;
    s.id = id_attr(n, m_scale_ids, "scale");
    s.name = name_attr(n);
    const auto min = number_attr(n, "min");
    const auto max = number_attr(n, "max");
    const auto step = number_attr(n, "step");
    bool grid_ok = min && max && step;
    if (min && max && *min >= *max)
    {
        error(at(n, n.attribute("min")), "min (" + format_value(*min) +
                                             ") must be less than max (" + format_value(*max) +
                                             ")");
        grid_ok = false;
    }
    if (step && *step <= 0)
    {
        error(at(n, n.attribute("step")), "step must be greater than 0");
        grid_ok = false;
    }
    if (grid_ok)
    {
        s.min = *min;
        s.max = *max;
        s.step = *step;
        const double steps = (s.max - s.min) / s.step;
        if (std::fabs(steps - std::round(steps)) > 1e-6 || steps > 10000)
        {
            error(at(n, n.attribute("step")),
                  steps > 10000 ? "step " + format_value(s.step) + " makes more than 10000 points"
                                : "step " + format_value(s.step) + " does not divide the range " +
                                      format_value(s.min) + ".." + format_value(s.max));
            grid_ok = false;
        }
    }
    if (const auto a = n.attribute("level"))
    {
        const std::string_view v = a.value();
        if (v == "ordinal")
            s.level = Level::Ordinal;
        else if (v == "interval")
            s.level = Level::Interval;
        else
            error(at(n, a),
                  "unknown level '" + std::string(v) + "' (expected ordinal or interval)");
    }
    if (const auto a = n.attribute("targets"))
    {
        std::istringstream in(a.value());
        std::string word;
        while (in >> word)
        {
            const auto t = target_from_string(word);
            if (!t)
                error(at(n, a),
                      "unknown target '" + word + "' (expected mother, father, other or self)");
            else if (std::find(s.targets.begin(), s.targets.end(), *t) != s.targets.end())
                error(at(n, a), "target '" + word + "' is listed twice");
            else
                s.targets.push_back(*t);
        }
        if (s.targets.empty() && word.empty())
            error(at(n, a), "'targets' is empty (leave it out for a scale rated once)");
    }
    if (const auto v = bool_attr(n, "not-scorable"))
        s.allows_not_scorable = *v;
    std::map<double, std::size_t> anchor_at;
    std::set<std::string> evidence_seen;
    for (const auto& c : n.children())
    {
        if (c.type() != pugi::node_element)
            continue;
        const std::string_view name = c.name();
        if (name == "description")
        {
            check_attributes(c, {}, {});
            s.description = text_of(c);
        }
        else if (name == "anchor")
        {
            check_attributes(c, {"value"}, {});
            const auto v = number_attr(c, "value");
            const std::string text = text_of_required(c);
            if (!v)
                continue;
            if (grid_ok && !is_valid_rating(s, *v))
                error(at(c, c.attribute("value")),
                      "anchor value " + format_value(*v) + " is not on the scale (" +
                          format_value(s.min) + ".." + format_value(s.max) + " step " +
                          format_value(s.step) + ")");
            else if (!anchor_at.emplace(*v, at(c)).second)
                error(at(c, c.attribute("value")), "a second anchor at " + format_value(*v));
            else
                s.anchors.push_back(ScaleAnchor{*v, text});
        }
        else if (name == "evidence")
        {
            check_attributes(c, {"code"}, {});
            if (const auto a = c.attribute("code"))
            {
                const std::string id = a.value();
                if (!evidence_seen.insert(id).second)
                    error(at(c, a), "code '" + id + "' is listed twice as evidence");
                else
                {
                    s.evidence_codes.push_back(id);
                    m_evidence.push_back({id, s.id, at(c, a)});
                }
            }
        }
    }
    std::sort(s.anchors.begin(), s.anchors.end(),
              [](const ScaleAnchor& x, const ScaleAnchor& y) { return x.value < y.value; });
    m_data.scales.push_back(std::move(s));
}

std::optional<SlotUse> slot_use(std::string_view v)
{
    if (v == "none")
        return SlotUse::None;
    if (v == "optional")
        return SlotUse::Optional;
    if (v == "required")
        return SlotUse::Required;
    return std::nullopt;
}

void Walker::classification(const pugi::xml_node& n)
{
    check_attributes(n, {"id", "name"}, {});
    check_children(n, {{{"description"}, 0, 1},
                       {{"slots"}, 0, 1},
                       {{"category"}, 1, kUnbounded},
                       {{"collapsing"}, 0, kUnbounded}});
    Classification c;
    c.id = id_attr(n, m_classification_ids, "classification");
    c.name = name_attr(n);
    if (auto d = n.child("description"))
    {
        check_attributes(d, {}, {});
        c.description = text_of(d);
    }
    for (const auto& cat : n.children("category"))
    {
        check_attributes(cat, {"id", "name", "role"}, {});
        check_children(cat, {{{"description"}, 0, 1}, {{"subcategory"}, 0, kUnbounded}});
        Category k;
        k.id = id_attr(cat, m_category_ids, "category");
        k.name = name_attr(cat);
        if (const auto a = cat.attribute("role"))
        {
            const std::string_view v = a.value();
            if (v == "organised")
                k.role = CategoryRole::Organised;
            else if (v == "unresolved")
                k.role = CategoryRole::Unresolved;
            else if (v == "cannot-classify")
                k.role = CategoryRole::CannotClassify;
            else
                error(at(cat, a), "unknown role '" + std::string(v) +
                                      "' (expected organised, unresolved or cannot-classify)");
        }
        if (auto d = cat.child("description"))
        {
            check_attributes(d, {}, {});
            k.description = text_of(d);
        }
        for (const auto& sub : cat.children("subcategory"))
        {
            check_attributes(sub, {"id", "name"}, {});
            check_children(sub, {{{"description"}, 0, 1}});
            Subcategory s;
            s.id = id_attr(sub, m_category_ids, "category");
            s.name = name_attr(sub);
            if (auto d = sub.child("description"))
            {
                check_attributes(d, {}, {});
                s.description = text_of(d);
            }
            if (k.role != CategoryRole::Organised)
                error(at(sub), "only organised categories have subcategories ('" + k.id + "' is " +
                                   to_string(k.role) + ")");
            k.subcategories.push_back(std::move(s));
        }
        c.categories.push_back(std::move(k));
    }
    const auto has_role = [&](CategoryRole r)
    {
        return std::any_of(c.categories.begin(), c.categories.end(),
                           [&](const Category& k) { return k.role == r; });
    };
    const bool has_unresolved = has_role(CategoryRole::Unresolved);
    const bool has_cc = has_role(CategoryRole::CannotClassify);
    if (!c.categories.empty() && !has_role(CategoryRole::Organised))
        error(at(n), "classification '" + c.id + "' has no organised category");
    // Slots default to what the categories imply; explicit values must agree with them.
    c.slots.unresolved = has_unresolved ? SlotUse::Optional : SlotUse::None;
    c.slots.alternative = has_cc ? SlotUse::Required : SlotUse::None;
    if (auto slots = n.child("slots"))
    {
        check_attributes(slots, {}, {"subcategory", "unresolved", "alternative"});
        check_children(slots, {});
        struct SlotAttr
        {
            const char* name;
            SlotUse* use;
            bool exists;
            const char* needs;
        };
        for (const SlotAttr& s :
             {SlotAttr{"subcategory", &c.slots.subcategory, true, ""},
              SlotAttr{"unresolved", &c.slots.unresolved, has_unresolved, "unresolved"},
              SlotAttr{"alternative", &c.slots.alternative, has_cc, "cannot-classify"}})
        {
            const auto a = slots.attribute(s.name);
            if (!a)
                continue;
            const auto use = slot_use(a.value());
            if (!use)
            {
                error(at(slots, a), "unknown slot use '" + std::string(a.value()) +
                                        "' (expected none, optional or required)");
                continue;
            }
            if (std::string_view(s.name) != "subcategory" && (*use != SlotUse::None) != s.exists)
                error(at(slots, a),
                      s.exists ? "the " + std::string(s.name) + " slot cannot be 'none': '" + c.id +
                                     "' has a " + s.needs + " category"
                               : "the " + std::string(s.name) + " slot needs a " + s.needs +
                                     " category, and '" + c.id + "' has none");
            *s.use = *use;
        }
    }
    for (const auto& k : n.children("collapsing"))
    {
        Collapsing col;
        collapsing(k, c, col);
        c.collapsings.push_back(std::move(col));
    }
    m_data.classifications.push_back(std::move(c));
}

void Walker::collapsing(const pugi::xml_node& n, const Classification& c, Collapsing& k)
{
    check_attributes(n, {"id", "name"}, {});
    check_children(n,
                   {{{"description"}, 0, 1}, {{"label"}, 1, kUnbounded}, {{"map"}, 1, kUnbounded}});
    k.id = id_attr(n, m_collapsing_ids, "collapsing");
    k.name = name_attr(n);
    if (auto d = n.child("description"))
    {
        check_attributes(d, {}, {});
        k.description = text_of(d);
    }
    std::map<std::string, std::size_t> labels;
    for (const auto& l : n.children("label"))
    {
        check_attributes(l, {"name"}, {});
        check_children(l, {});
        const auto a = l.attribute("name");
        if (!a)
            continue;
        const std::string v = a.value();
        if (v.empty())
            error(at(l, a), "empty label");
        else if (!labels.emplace(v, at(l, a)).second)
            error(at(l, a), "label '" + v + "' is declared twice in collapsing '" + k.id + "'");
        else
            k.labels.push_back(v);
    }
    // id → (its top category, whether the id is that category itself); a map, not a scan per
    // <map>, so large hostile files stay linear-logarithmic.
    std::map<std::string_view, std::pair<const Category*, bool>> where;
    for (const auto& cat : c.categories)
    {
        where.emplace(cat.id, std::make_pair(&cat, true));
        for (const auto& sub : cat.subcategories)
            where.emplace(sub.id, std::make_pair(&cat, false));
    }
    std::map<std::string, std::size_t> mapped; // category/subcategory id → offset of its <map>
    std::set<std::string> used_labels;
    for (const auto& m : n.children("map"))
    {
        check_attributes(m, {"category"}, {"label", "defer"});
        check_children(m, {});
        const auto cat_attr = m.attribute("category");
        const auto label_attr = m.attribute("label");
        const auto defer = bool_attr(m, "defer");
        if (!cat_attr)
            continue;
        const std::string id = cat_attr.value();
        const auto found = where.find(id);
        const Category* top =
            found != where.end() && found->second.second ? found->second.first : nullptr;
        const Category* owner =
            found != where.end() && !found->second.second ? found->second.first : nullptr;
        if (!top && !owner)
        {
            error(at(m, cat_attr), "unknown category '" + id + "' in collapsing '" + k.id +
                                       "' (classification '" + c.id + "')");
            continue;
        }
        CollapsingEntry e{id, std::nullopt};
        if (label_attr && defer.value_or(false))
            error(at(m, label_attr), "a <map> has either a label or defer=\"true\", not both");
        else if (label_attr)
        {
            const std::string label = label_attr.value();
            if (!labels.count(label))
                error(at(m, label_attr),
                      "label '" + label + "' is not declared in collapsing '" + k.id + "'");
            used_labels.insert(label);
            e.label = label;
        }
        else if (!defer.value_or(false))
        {
            error(at(m), "<map> for '" + id + "' needs a label or defer=\"true\"");
            continue;
        }
        else if (top && top->role == CategoryRole::Organised)
            error(at(m, m.attribute("defer")),
                  "organised category '" + id + "' cannot defer (nothing comes after it)");
        else if (owner)
            error(at(m, m.attribute("defer")), "subcategory '" + id + "' cannot defer");
        const auto [it, inserted] = mapped.emplace(id, at(m, cat_attr));
        if (!inserted)
        {
            const int line = m_d.lines->position(it->second).first;
            error(at(m, cat_attr), "category '" + id + "' is mapped twice in collapsing '" + k.id +
                                       "' (first at line " + std::to_string(line) + ")");
            continue;
        }
        k.entries.push_back(std::move(e));
    }
    // Coverage: each category exactly once, either itself or through all its subcategories.
    for (const auto& cat : c.categories)
    {
        const bool whole = mapped.count(cat.id) > 0;
        std::vector<std::string> subs_mapped;
        std::vector<std::string> subs_missing;
        for (const auto& s : cat.subcategories)
            (mapped.count(s.id) ? subs_mapped : subs_missing).push_back(s.id);
        if (whole && !subs_mapped.empty())
            error(mapped[subs_mapped.front()], "'" + subs_mapped.front() + "' and its category '" +
                                                   cat.id + "' are both mapped in collapsing '" +
                                                   k.id + "'");
        else if (!whole && subs_mapped.empty())
            error(at(n), "collapsing '" + k.id + "' does not map category '" + cat.id + "'");
        else if (!whole && !subs_missing.empty())
            error(at(n), "collapsing '" + k.id + "' maps some subcategories of '" + cat.id +
                             "' but not '" + subs_missing.front() + "'");
    }
    for (const auto& [label, offset] : labels)
        if (!used_labels.count(label))
            error(offset, "label '" + label + "' is never used in collapsing '" + k.id + "'");
}

std::optional<SchemeData> Walker::run(const pugi::xml_document& doc)
{
    const auto root = doc.document_element();
    if (!root)
    {
        m_d.add(ErrorCode::XmlMalformed, "no root element", 0);
        return std::nullopt;
    }
    if (std::string_view(root.name()) != "scheme")
    {
        error(at(root), "the root element is <" + std::string(root.name()) +
                            ">, not <scheme>: this is not an Attune scheme");
        return std::nullopt;
    }
    // Namespace and version first: a file of another format or version is not worth walking,
    // its "errors" would all be differences from version 1.
    const auto ns = root.attribute("xmlns");
    if (!ns)
    {
        error(at(root), "<scheme> lacks xmlns=\"" + std::string(kNamespace) + "\"");
        return std::nullopt;
    }
    if (std::string_view(ns.value()) != kNamespace)
    {
        const std::string_view v = ns.value();
        if (v.substr(0, 18) == "urn:attune:scheme:")
            m_d.add(ErrorCode::Unsupported,
                    "unsupported scheme namespace '" + std::string(v) + "' (this build reads " +
                        std::string(kNamespace) + ")",
                    at(root, ns));
        else
            error(at(root, ns), "unknown namespace '" + std::string(v) + "' (expected " +
                                    std::string(kNamespace) + ")");
        return std::nullopt;
    }
    const auto ver = root.attribute("version");
    if (!ver)
    {
        error(at(root), "<scheme> lacks the required attribute 'version'");
        return std::nullopt;
    }
    if (std::string_view(ver.value()) != std::to_string(kFormatVersion))
    {
        m_d.add(ErrorCode::Unsupported,
                "unknown format version '" + std::string(ver.value()) +
                    "' (this build reads version " + std::to_string(kFormatVersion) + ")",
                at(root, ver));
        return std::nullopt;
    }
    check_attributes(root, {"xmlns", "version", "id"}, {});
    check_children(root, {{{"metadata"}, 1, 1},
                          {{"codes"}, 0, 1},
                          {{"scales"}, 0, 1},
                          {{"classifications"}, 0, 1},
                          {{"consensus-reasons"}, 0, 1}});
    if (const auto id = root.attribute("id"))
    {
        m_data.metadata.id = id.value();
        if (!is_valid_id(m_data.metadata.id))
            error(at(root, id), "invalid scheme id '" + m_data.metadata.id +
                                    "' (a letter, then letters, digits, '-', '_' or '.')");
    }
    if (auto m = root.child("metadata"))
        metadata(m);
    if (auto c = root.child("codes"))
    {
        check_attributes(c, {}, {});
        check_children(c, {{{"code", "group"}, 0, kUnbounded}});
        std::vector<std::string> path;
        codes(c, path, 0);
    }
    if (auto s = root.child("scales"))
    {
        check_attributes(s, {}, {});
        check_children(s, {{{"scale"}, 0, kUnbounded}});
        for (const auto& sc : s.children("scale"))
            scale(sc);
    }
    if (auto cl = root.child("classifications"))
    {
        check_attributes(cl, {}, {});
        check_children(cl, {{{"classification"}, 0, kUnbounded}});
        for (const auto& c : cl.children("classification"))
            classification(c);
    }
    if (auto cr = root.child("consensus-reasons"))
    {
        check_attributes(cr, {}, {});
        check_children(cr, {{{"reason"}, 1, kUnbounded}});
        for (const auto& r : cr.children("reason"))
        {
            check_attributes(r, {"id"}, {});
            ConsensusReason reason;
            reason.id = id_attr(r, m_reason_ids, "consensus reason");
            reason.label = text_of_required(r);
            m_data.consensus_reasons.push_back(std::move(reason));
        }
    }
    std::set<std::string_view> code_ids;
    for (const auto& k : m_data.codes)
        code_ids.insert(k.id);
    for (const auto& e : m_evidence)
        if (!code_ids.count(e.code))
            error(e.offset,
                  "unknown code '" + e.code + "' in the evidence of scale '" + e.scale + "'");
    if (!m_d.errors.empty())
        return std::nullopt;
    return std::move(m_data);
}

SchemeLoad load_impl(std::string_view xml, std::string display_name)
{
    SchemeLoad out;
    Diagnostics d;
    d.path = std::move(display_name);
    const auto finish = [&]
    {
        std::stable_sort(d.errors.begin(), d.errors.end(),
                         [](const Error& a, const Error& b)
                         {
                             const auto key = [](const Error& e) {
                                 return e.where ? std::make_pair(e.where->line, e.where->column)
                                                : std::make_pair(0, 0);
                             };
                             return key(a) < key(b);
                         });
        if (d.truncated)
            d.errors.push_back(make_error(ErrorCode::SchemeInvalid,
                                          "too many errors; only the first " +
                                              std::to_string(kMaxErrors) + " are shown",
                                          SourceLocation{d.path, 0, 0}));
        out.errors = std::move(d.errors);
    };
    if (xml.size() > kMaxFileBytes)
    {
        d.add(ErrorCode::TooLarge,
              "the scheme is " + std::to_string(xml.size()) + " bytes; the limit is " +
                  std::to_string(kMaxFileBytes),
              std::nullopt);
        finish();
        return out;
    }
    const LineMap lines(xml);
    d.lines = &lines;
    if (xml.find_first_not_of(" \t\r\n") == std::string_view::npos)
    {
        d.add(ErrorCode::XmlMalformed, "the scheme file is empty", 0);
        finish();
        return out;
    }
    if (!scan_bytes(xml, d) || !scan_markup(xml, d))
    {
        finish();
        return out;
    }
    pugi::xml_document doc;
    const auto res =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!res)
    {
        d.add(ErrorCode::XmlMalformed, std::string("malformed XML: ") + res.description(),
              static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, res.offset)));
        finish();
        return out;
    }
    // pugixml keeps names in its own copy of the buffer; recover its start from the root so
    // attribute name pointers can be turned into offsets.
    const auto root = doc.document_element();
    const char* base = root ? root.name() - root.offset_debug() : nullptr;
    Walker w(d, base, xml.size());
    auto data = w.run(doc);
    finish();
    if (out.errors.empty() && data)
        out.scheme.emplace(std::move(*data));
    return out;
}

} // namespace

SchemeLoad load_scheme_string_all(std::string_view xml, std::string display_name)
{
    return load_impl(xml, std::move(display_name));
}

SchemeLoad load_scheme_file_all(const std::filesystem::path& path)
{
    SchemeLoad out;
    const std::string shown = path.string();
    // The limit is enforced while reading, so neither a huge file nor a device enters memory.
    auto text = read_file_limited(path, kMaxFileBytes, "the scheme");
    if (!text)
    {
        Error e = text.error();
        // A scheme that is not there is a file-system failure for the scheme loader's callers
        // (ErrorCode::Io, as documented), not a missing record.
        if (e.code == ErrorCode::NotFound)
            e.code = ErrorCode::Io;
        e.where = SourceLocation{shown, 0, 0};
        out.errors.push_back(std::move(e));
        return out;
    }
    return load_impl(*text, shown);
}

Result<Scheme> load_scheme_file(const std::filesystem::path& path)
{
    auto r = load_scheme_file_all(path);
    if (r.scheme)
        return std::move(*r.scheme);
    return r.errors.front();
}

Result<Scheme> load_scheme_string(std::string_view xml, std::string display_name)
{
    auto r = load_scheme_string_all(xml, std::move(display_name));
    if (r.scheme)
        return std::move(*r.scheme);
    return r.errors.front();
}

} // namespace attune::scheme
