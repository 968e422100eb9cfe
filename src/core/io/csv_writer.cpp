// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/csv_writer.h"

namespace attune::io
{

std::string csv_field(std::string_view s)
{
    if (s.find_first_of(",\"\n\r") == std::string_view::npos)
        return std::string(s);
    std::string out = "\"";
    for (const char c : s)
    {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_record(const std::vector<std::string>& fields)
{
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i)
    {
        if (i > 0)
            out += ',';
        out += csv_field(fields[i]);
    }
    return out + '\n';
}

void write_csv_record(std::ostream& out, const std::vector<std::string>& fields)
{
    out << csv_record(fields);
}

std::string tsv_field(std::string_view s)
{
    static const char* const kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
    {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b == '\\')
            out += "\\\\";
        else if (b == '\t')
            out += "\\t";
        else if (b == '\n')
            out += "\\n";
        else if (b == '\r')
            out += "\\r";
        else if (b < 0x20 || b == 0x7F)
            out += std::string("\\x") + kHex[b >> 4] + kHex[b & 15];
        else if (b == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(s[i + 1]) <= 0x9F)
        {
            // C1 controls (U+0080–U+009F, e.g. CSI) act on terminals like ESC sequences.
            const auto c = static_cast<unsigned char>(s[++i]);
            out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
        }
        else
            out += static_cast<char>(b);
    }
    return out;
}

} // namespace attune::io
