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

std::string markdown_to_html(const std::string& markdown, const std::filesystem::path& base_dir,
                             int max_image_width)
{
    const Inline span{base_dir, max_image_width};
    std::vector<std::string> lines;
    {
        std::istringstream in(markdown);
        for (std::string l; std::getline(in, l);)
            lines.push_back(l);
    }
    std::string out = "<html><body>\n";
    std::string para;
    std::string list; // "ul", "ol" or "" — the list open now
    auto flush_para = [&]
    {
        if (!para.empty())
            out += "<p>" + span(para) + "</p>\n";
        para.clear();
    };
    auto close_list = [&]
    {
        if (!list.empty())
            out += "</li></" + list + ">\n";
        list.clear();
    };
    for (std::size_t i = 0; i < lines.size(); ++i)
    {
        const std::string& line = lines[i];
        const std::string t = trim(line);
        if (starts_with(t, "```"))
        {
            flush_para();
            close_list();
            out += "<pre>";
            for (++i; i < lines.size() && !starts_with(trim(lines[i]), "```"); ++i)
                out += escape(lines[i]) + "\n";
            out += "</pre>\n";
            continue;
        }
        if (t.empty())
        {
            flush_para();
            close_list();
            continue;
        }
        if (t[0] == '#')
        {
            std::size_t level = t.find_first_not_of('#');
            if (level != std::string::npos && level <= 6 && t[level] == ' ')
            {
                flush_para();
                close_list();
                const std::string text = trim(t.substr(level));
                const std::string n = std::to_string(level);
                out += "<a name=\"" + heading_anchor(text) + "\"></a><h" + n + ">" + span(text) +
                       "</h" + n + ">\n";
                continue;
            }
        }
        if (t[0] == '|' && i + 1 < lines.size() && starts_with(trim(lines[i + 1]), "|-"))
        {
            flush_para();
            close_list();
            out += "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tr>";
            for (const auto& c : table_cells(t))
                out += "<th align=\"left\">" + span(c) + "</th>";
            out += "</tr>\n";
            for (i += 2; i < lines.size() && starts_with(trim(lines[i]), "|"); ++i)
            {
                out += "<tr>";
                for (const auto& c : table_cells(lines[i]))
                    out += "<td valign=\"top\">" + span(c) + "</td>";
                out += "</tr>\n";
            }
            --i;
            out += "</table>\n";
            continue;
        }
        const bool bullet = starts_with(t, "- ") || starts_with(t, "* ");
        const bool ordered = is_ordered_item(t);
        if (bullet || ordered)
        {
            flush_para();
            const std::string kind = bullet ? "ul" : "ol";
            if (list != kind)
            {
                close_list();
                out += "<" + kind + ">\n<li>";
                list = kind;
            }
            else
                out += "</li>\n<li>";
            const std::string item = bullet ? t.substr(2) : t.substr(t.find(' ') + 1);
            // Continuation lines (indented, not a new item) belong to the item.
            std::string text = item;
            while (i + 1 < lines.size() && starts_with(lines[i + 1], "  ") &&
                   !trim(lines[i + 1]).empty() && !starts_with(trim(lines[i + 1]), "- ") &&
                   !is_ordered_item(trim(lines[i + 1])))
                text += " " + trim(lines[++i]);
            out += span(text);
            continue;
        }
        if (!list.empty() && starts_with(line, "  "))
        {
            out += " " + span(t);
            continue;
        }
        close_list();
        para += (para.empty() ? "" : " ") + t;
    }
    flush_para();
    close_list();
    out += "</body></html>\n";
    return out;
}

} // namespace attune::app
