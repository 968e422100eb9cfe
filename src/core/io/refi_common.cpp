// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/refi_common.h"

#include "core/text/code_points.h"
#include "core/text/sha256.h"

#include <sstream>

namespace attune::io::detail
{

namespace
{

// Attune's namespace for name-based uuids (a random version-4 uuid, fixed for ever).
constexpr unsigned char kNamespace[16] = {0x6f, 0x1d, 0x2c, 0x1e, 0x93, 0x7a, 0x4b, 0x52,
                                          0xa1, 0x0e, 0x5c, 0x3d, 0x8b, 0x47, 0x26, 0xf9};

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

SourceLocation at(const std::string& path, std::string_view data, std::size_t offset)
{
    const auto [line, column] = text::line_column_of_byte(data, offset);
    return SourceLocation{path, line, column};
}

bool starts(std::string_view data, std::size_t i, std::string_view what)
{
    return data.substr(i, what.size()) == what;
}

/// Pass before pugixml: markup that must never reach a tree, and the limits.
Result<void> scan(std::string_view data, const std::string& path)
{
    int depth = 0;
    std::size_t elements = 0;
    for (std::size_t i = data.find('<'); i != std::string_view::npos; i = data.find('<', i))
    {
        const std::size_t open = i;
        auto skip_to = [&](std::string_view end) -> bool
        {
            const std::size_t e = data.find(end, i);
            if (e == std::string_view::npos)
                return false;
            i = e + end.size();
            return true;
        };
        if (starts(data, i, "<!--"))
        {
            i += 4;
            if (!skip_to("-->"))
                return {}; // pugixml reports the unterminated comment
            continue;
        }
        if (starts(data, i, "<![CDATA["))
        {
            i += 9;
            if (!skip_to("]]>"))
                return {};
            continue;
        }
        if (starts(data, i, "<?"))
        {
            i += 2;
            if (!skip_to("?>"))
                return {};
            continue;
        }
        if (starts(data, i, "<!"))
            return make_error(ErrorCode::DataInvalid,
                              "DOCTYPE and entity declarations are not allowed in REFI-QDA "
                              "files (refused, not expanded)",
                              at(path, data, open));
        const bool closing = starts(data, i, "</");
        // The end of the tag: '>' outside quoted attribute values.
        char quote = 0;
        std::size_t j = i + 1;
        for (; j < data.size(); ++j)
        {
            const char c = data[j];
            if (quote != 0)
            {
                if (c == quote)
                    quote = 0;
            }
            else if (c == '"' || c == '\'')
                quote = c;
            else if (c == '>')
                break;
        }
        if (j >= data.size())
            return {}; // unterminated tag: pugixml's to report
        const bool self_closing = data[j - 1] == '/';
        i = j + 1;
        if (closing)
        {
            --depth;
            continue;
        }
        if (++elements > kRefiMaxElements)
            return make_error(ErrorCode::TooLarge,
                              "more than " + std::to_string(kRefiMaxElements) + " elements",
                              at(path, data, open));
        if (!self_closing && ++depth > kRefiMaxDepth)
            return make_error(ErrorCode::TooLarge,
                              "elements nest deeper than " + std::to_string(kRefiMaxDepth) +
                                  " levels",
                              at(path, data, open));
    }
    return {};
}

} // namespace

std::string name_uuid(std::string_view name)
{
    std::string input(reinterpret_cast<const char*>(kNamespace), sizeof kNamespace);
    input.append(name);
    std::string hex = text::sha256_hex(input).substr(0, 32);
    // Version 8 in the high nibble of byte 6; variant 10 in the top bits of byte 8.
    hex[12] = '8';
    hex[16] = "89ab"[hex_value(hex[16]) & 3];
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::optional<std::string> canonical_guid(std::string_view guid)
{
    while (!guid.empty() && (guid.front() == ' ' || guid.front() == '\t'))
        guid.remove_prefix(1);
    while (!guid.empty() && (guid.back() == ' ' || guid.back() == '\t'))
        guid.remove_suffix(1);
    if (guid.size() == 38 && guid.front() == '{' && guid.back() == '}')
        guid = guid.substr(1, 36);
    if (guid.size() != 36)
        return std::nullopt;
    std::string out(guid);
    for (std::size_t i = 0; i < out.size(); ++i)
    {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? out[i] != '-' : hex_value(out[i]) < 0)
            return std::nullopt;
        if (out[i] >= 'A' && out[i] <= 'F')
            out[i] = static_cast<char>(out[i] - 'A' + 'a');
    }
    return out;
}

std::optional<std::uint32_t> parse_refi_colour(std::string_view s)
{
    if (s.size() != 7 && s.size() != 4)
        return std::nullopt;
    if (s.front() != '#')
        return std::nullopt;
    std::uint32_t v = 0;
    for (std::size_t i = 1; i < s.size(); ++i)
    {
        const int h = hex_value(s[i]);
        if (h < 0)
            return std::nullopt;
        v = s.size() == 7 ? (v << 4) | static_cast<std::uint32_t>(h)
                          : (v << 8) | static_cast<std::uint32_t>(h * 17);
    }
    return v;
}

std::string format_refi_colour(std::uint32_t rgb)
{
    static const char* digits = "0123456789ABCDEF";
    std::string out = "#";
    for (int shift = 20; shift >= 0; shift -= 4)
        out += digits[(rgb >> shift) & 0xF];
    return out;
}

Result<void> parse_refi_xml(pugi::xml_document& doc, std::string_view data, const std::string& path)
{
    if (data.size() > kRefiMaxXmlBytes)
        return make_error(ErrorCode::TooLarge,
                          "the XML is " + std::to_string(data.size()) + " bytes; at most " +
                              std::to_string(kRefiMaxXmlBytes) + " are read",
                          SourceLocation{path, 0, 0});
    if (data.substr(0, 3) == "\xEF\xBB\xBF")
        data.remove_prefix(3);
    if (data.find('\0') != std::string_view::npos)
        return make_error(ErrorCode::DataInvalid,
                          "the XML holds NUL bytes (binary data, or not UTF-8)",
                          SourceLocation{path, 0, 0});
    if (auto ok = scan(data, path); !ok)
        return ok.error();
    const unsigned options =
        pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
    const pugi::xml_parse_result r =
        doc.load_buffer(data.data(), data.size(), options, pugi::encoding_utf8);
    if (!r)
        return make_error(ErrorCode::XmlMalformed, r.description(),
                          at(path, data, r.offset < 0 ? 0 : static_cast<std::size_t>(r.offset)));
    for (const pugi::xml_node child : doc.children())
        if (child.type() == pugi::node_doctype)
            return make_error(ErrorCode::DataInvalid,
                              "DOCTYPE declarations are not allowed in REFI-QDA files",
                              SourceLocation{path, 0, 0});
    return {};
}

std::string_view local_name(const pugi::xml_node& n)
{
    const std::string_view name = n.name();
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_named(const pugi::xml_node& n, std::string_view local)
{
    for (const pugi::xml_node c : n.children())
        if (c.type() == pugi::node_element && local_name(c) == local)
            return c;
    return {};
}

std::string xml_to_string(const pugi::xml_document& doc)
{
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

} // namespace attune::io::detail
