// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/markdown_html.h"

#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

namespace attune::app
{

namespace
{

std::string escape(const std::string& s)
{
    std::string out;
    for (const char c : s)
        switch (c)
        {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    return out;
}

bool starts_with(const std::string& s, const std::string& p)
{
    return s.rfind(p, 0) == 0;
}

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return "";
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

// Width and height of a PNG from its IHDR chunk; {0, 0} when it cannot be read.
std::pair<int, int> png_size(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    unsigned char h[24] = {};
    if (!in.read(reinterpret_cast<char*>(h), sizeof h) || h[1] != 'P' || h[2] != 'N')
        return {0, 0};
    auto be32 = [&](int at)
    { return (h[at] << 24) | (h[at + 1] << 16) | (h[at + 2] << 8) | h[at + 3]; };
    return {be32(16), be32(20)};
}

struct Inline
{
    const std::filesystem::path& base;
    int max_width;

    std::string image(const std::string& alt, const std::string& src) const
    {
        const std::filesystem::path file = base / src;
        auto [w, h] = png_size(file);
        std::string size;
        if (w > max_width && w > 0)
        {
            h = static_cast<int>(static_cast<long long>(h) * max_width / w);
            w = max_width;
        }
        if (w > 0 && h > 0)
            size = " width=\"" + std::to_string(w) + "\" height=\"" + std::to_string(h) + "\"";
        return "<img src=\"file://" + escape(file.lexically_normal().string()) + "\" alt=\"" +
               escape(alt) + "\"" + size + ">";
    }

    // Spans inside a line: code first (nothing inside it is markup), then images, links and
    // emphasis.
    std::string operator()(const std::string& s) const
    {
        std::string out;
        for (std::size_t i = 0; i < s.size();)
        {
            const char c = s[i];
            if (c == '`')
            {
                const auto e = s.find('`', i + 1);
                if (e != std::string::npos)
                {
                    out += "<code>" + escape(s.substr(i + 1, e - i - 1)) + "</code>";
                    i = e + 1;
                    continue;
                }
            }
            const bool img = c == '!' && i + 1 < s.size() && s[i + 1] == '[';
            if (c == '[' || img)
            {
                const std::size_t open = img ? i + 1 : i;
                const auto close = s.find("](", open);
                const auto end = close == std::string::npos ? close : s.find(')', close + 2);
                if (close != std::string::npos && end != std::string::npos &&
                    s.find('\n', open) > end)
                {
                    const std::string label = s.substr(open + 1, close - open - 1);
                    const std::string href = s.substr(close + 2, end - close - 2);
                    if (img)
                        out += image(label, href);
                    else
                        out += "<a href=\"" + escape(href) + "\">" + (*this)(label) + "</a>";
                    i = end + 1;
                    continue;
                }
            }
            if (c == '*' && i + 1 < s.size() && s[i + 1] == '*')
            {
                const auto e = s.find("**", i + 2);
                if (e != std::string::npos)
                {
                    out += "<b>" + (*this)(s.substr(i + 2, e - i - 2)) + "</b>";
                    i = e + 2;
                    continue;
                }
            }
            if (c == '*' && i + 1 < s.size() && s[i + 1] != ' ')
            {
                const auto e = s.find('*', i + 1);
                if (e != std::string::npos && e > i + 1)
                {
                    out += "<i>" + (*this)(s.substr(i + 1, e - i - 1)) + "</i>";
                    i = e + 1;
                    continue;
                }
            }
            out += escape(std::string(1, c));
            ++i;
        }
        return out;
    }
};

std::vector<std::string> table_cells(const std::string& line)
{
    std::string t = trim(line);
    if (starts_with(t, "|"))
        t.erase(0, 1);
    if (!t.empty() && t.back() == '|')
        t.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    bool in_code = false;
    for (const char c : t)
    {
        if (c == '`')
            in_code = !in_code;
        if (c == '|' && !in_code)
        {
            cells.push_back(trim(cell));
            cell.clear();
        }
        else
            cell += c;
    }
    cells.push_back(trim(cell));
    return cells;
}

bool is_ordered_item(const std::string& t)
{
    std::size_t i = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])))
        ++i;
    return i > 0 && i + 1 < t.size() && t[i] == '.' && t[i + 1] == ' ';
}

} // namespace

std::string heading_anchor(const std::string& heading)
{
    std::string out;
    for (const char c : heading)
    {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            out += static_cast<char>(std::tolower(u));
        else if (c == ' ' || c == '-')
            out += '-';
        else if (c == '_' || u >= 0x80)
            out += c; // GitHub keeps letters of any script
    }
    // ...but not punctuation: dashes, ellipsis (U+2000–U+206F) and the multiplication sign.
    for (const std::string p : {"\u2014", "\u2013", "\u2026", "\u00d7"})
        for (auto at = out.find(p); at != std::string::npos; at = out.find(p))
            out.erase(at, p.size());
    return out;
}

namespace
{

/// One pass over the guide's lines, writing HTML: paragraphs, headings, fenced code, tables and
/// (one level of) bulleted and numbered lists.
class HtmlWriter
{
public:
    HtmlWriter(const std::string& markdown, const Inline& span) : m_span(span)
    {
        std::istringstream in(markdown);
        for (std::string l; std::getline(in, l);)
            m_lines.push_back(l);
    }

    std::string write()
    {
        m_out = "<html><body>\n";
        for (m_i = 0; m_i < m_lines.size(); ++m_i)
            line(m_lines[m_i]);
        flush_para();
        close_list();
        m_out += "</body></html>\n";
        return m_out;
    }

private:
    void line(const std::string& line)
    {
        const std::string t = trim(line);
        if (starts_with(t, "```"))
            return code_block();
        if (t.empty())
        {
            flush_para();
            close_list();
            return;
        }
        if (t[0] == '#' && heading(t))
            return;
        if (t[0] == '|' && m_i + 1 < m_lines.size() && starts_with(trim(m_lines[m_i + 1]), "|-"))
            return table(t);
        const bool bullet = starts_with(t, "- ") || starts_with(t, "* ");
        if (bullet || is_ordered_item(t))
            return list_item(t, bullet);
        if (!m_list.empty() && starts_with(line, "  "))
        {
            m_out += " " + m_span(t);
            return;
        }
        close_list();
        m_para += (m_para.empty() ? "" : " ") + t;
    }

    void flush_para()
    {
        if (!m_para.empty())
            m_out += "<p>" + m_span(m_para) + "</p>\n";
        m_para.clear();
    }

    void close_list()
    {
        if (!m_list.empty())
            m_out += "</li></" + m_list + ">\n";
        m_list.clear();
    }

    void code_block()
    {
        flush_para();
        close_list();
        m_out += "<pre>";
        for (++m_i; m_i < m_lines.size() && !starts_with(trim(m_lines[m_i]), "```"); ++m_i)
            m_out += escape(m_lines[m_i]) + "\n";
        m_out += "</pre>\n";
    }

    bool heading(const std::string& t)
    {
        std::size_t level = t.find_first_not_of('#');
        if (level == std::string::npos || level > 6 || t[level] != ' ')
            return false;
        flush_para();
        close_list();
        const std::string text = trim(t.substr(level));
        const std::string n = std::to_string(level);
        m_out += "<a name=\"" + heading_anchor(text) + "\"></a><h" + n + ">" + m_span(text) +
                 "</h" + n + ">\n";
        return true;
    }

    void table(const std::string& t)
    {
        flush_para();
        close_list();
        m_out += "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tr>";
        for (const auto& c : table_cells(t))
            m_out += "<th align=\"left\">" + m_span(c) + "</th>";
        m_out += "</tr>\n";
        for (m_i += 2; m_i < m_lines.size() && starts_with(trim(m_lines[m_i]), "|"); ++m_i)
        {
            m_out += "<tr>";
            for (const auto& c : table_cells(m_lines[m_i]))
                m_out += "<td valign=\"top\">" + m_span(c) + "</td>";
            m_out += "</tr>\n";
        }
        --m_i;
        m_out += "</table>\n";
    }

    void list_item(const std::string& t, bool bullet)
    {
        flush_para();
        const std::string kind = bullet ? "ul" : "ol";
        if (m_list != kind)
        {
            close_list();
            m_out += "<" + kind + ">\n<li>";
            m_list = kind;
        }
        else
            m_out += "</li>\n<li>";
        // Continuation lines (indented, not a new item) belong to the item.
        std::string text = bullet ? t.substr(2) : t.substr(t.find(' ') + 1);
        while (m_i + 1 < m_lines.size() && starts_with(m_lines[m_i + 1], "  ") &&
               !trim(m_lines[m_i + 1]).empty() && !starts_with(trim(m_lines[m_i + 1]), "- ") &&
               !is_ordered_item(trim(m_lines[m_i + 1])))
            text += " " + trim(m_lines[++m_i]);
        m_out += m_span(text);
    }

    const Inline& m_span;
    std::vector<std::string> m_lines;
    std::size_t m_i = 0;
    std::string m_out;
    std::string m_para;
    std::string m_list; // "ul", "ol" or "" — the list open now
};

} // namespace

std::string markdown_to_html(const std::string& markdown, const std::filesystem::path& base_dir,
                             int max_image_width)
{
    const Inline span{base_dir, max_image_width};
    return HtmlWriter(markdown, span).write();
}

} // namespace attune::app
