// SPDX-License-Identifier: GPL-3.0-or-later
// agree, spans mode: the spans CSV (coder,start,end,code) read once for every spans metric.
#include "cli/agree_spans_input.h"
#include "cli/csv_reader.h"

#include <charconv>
#include <map>

namespace attune::cli
{

std::string trim_spaces(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::optional<std::int64_t> parse_code_point(const std::string& s)
{
    std::int64_t v = 0;
    const char* first = s.data();
    const char* last = s.data() + s.size();
    if (first != last && *first == '+')
        ++first;
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (s.empty() || ec != std::errc() || ptr != last)
        return std::nullopt;
    return v;
}

namespace
{

Error at(const CsvField& f, const std::string& path, std::string message)
{
    return make_error(ErrorCode::DataInvalid, std::move(message),
                      SourceLocation{path, f.line, f.column});
}

// Reads a CSV whose first row must name exactly the columns of `header` (spaces around a name
// aside). Errors: read_csv's, an empty file, a header that differs, with their positions.
Result<std::vector<CsvRow>> read_with_header(const std::string& path,
                                             const std::vector<std::string>& header)
{
    auto csv = read_csv(path);
    if (!csv)
        return csv.error();
    std::string names;
    for (const auto& name : header)
        names += (names.empty() ? "" : ",") + name;
    const auto& rows = csv.value();
    if (rows.empty())
        return make_error(ErrorCode::DataInvalid, "the file is empty; expected a header " + names,
                          SourceLocation{path, 1, 1});
    const CsvRow& first = rows.front();
    for (std::size_t i = 0; i < header.size(); ++i)
    {
        const CsvField& f = i < first.fields.size() ? first.fields[i] : first.fields.back();
        if (i >= first.fields.size() || trim_spaces(f.text) != header[i])
            return at(f, path, "the header must be " + names);
    }
    if (first.fields.size() != header.size())
        return at(first.fields[header.size()], path,
                  "the header must be " + names + " (extra column)");
    return csv;
}

// A row of the wrong width, reported at its first extra field or after its last one.
std::optional<Error> ragged(const CsvRow& row, std::size_t width, const std::string& path)
{
    if (row.fields.size() == width)
        return std::nullopt;
    const CsvField& f = row.fields.size() > width ? row.fields[width] : row.fields.back();
    return at(f, path,
              "ragged row: " + std::to_string(row.fields.size()) + " fields, the header has " +
                  std::to_string(width));
}

} // namespace

Result<std::vector<stats::SemanticDomain>> read_domains(const std::string& path,
                                                        const std::string& only)
{
    static const std::vector<std::string> kHeader = {"code", "domain"};
    auto csv = read_with_header(path, kHeader);
    if (!csv)
        return csv.error();
    const auto& rows = csv.value();
    const CsvRow& header = rows.front();
    std::vector<stats::SemanticDomain> domains;
    std::map<std::string, std::size_t> domain_index;
    std::map<std::string, std::string> code_domain;
    for (std::size_t r = 1; r < rows.size(); ++r)
    {
        const CsvRow& row = rows[r];
        if (auto wrong = ragged(row, kHeader.size(), path))
            return *wrong;
        const std::string code = trim_spaces(row.fields[0].text);
        if (code.empty())
            return at(row.fields[0], path, "empty code");
        const std::string domain = trim_spaces(row.fields[1].text);
        if (domain.empty())
            return at(row.fields[1], path, "empty domain for code '" + code + "'");
        if (const auto it = code_domain.find(code); it != code_domain.end())
            return at(row.fields[0], path,
                      "code '" + code + "' is listed twice (first in domain '" + it->second +
                          "'); each code belongs to one domain");
        code_domain.emplace(code, domain);
        auto [it, fresh] = domain_index.emplace(domain, domains.size());
        if (fresh)
            domains.push_back({domain, {}});
        domains[it->second].codes.push_back(code);
    }
    if (domains.empty())
        return make_error(ErrorCode::DataInvalid, "no code,domain rows after the header",
                          SourceLocation{path, header.line, 1});
    if (only.empty())
        return domains;
    for (const auto& d : domains)
        if (d.name == only)
            return std::vector<stats::SemanticDomain>{d};
    std::string known;
    for (const auto& d : domains)
        known += (known.empty() ? "" : ", ") + d.name;
    return make_error(ErrorCode::InvalidArgument,
                      "--domain '" + only + "' is not a domain of " + path + " (" + known + ")");
}

Result<SpanData> read_spans(const AgreeOptions& o, std::int64_t begin, std::int64_t end)
{
    const std::string& path = o.spans;
    static const std::vector<std::string> kHeader = {"coder", "start", "end", "code"};
    auto csv = read_with_header(path, kHeader);
    if (!csv)
        return csv.error();
    const auto& rows = csv.value();
    const CsvRow& header = rows.front();

    SpanData data;
    std::map<std::string, int> index;
    for (const std::string& c : o.coders)
    {
        const std::string name = trim_spaces(c);
        if (name.empty() || index.count(name))
            return make_error(ErrorCode::InvalidArgument,
                              "--coders has an empty or repeated name '" + name + "'");
        index.emplace(name, static_cast<int>(data.coders.size()));
        data.coders.push_back(name);
    }
    const bool declared = !o.coders.empty();
    for (std::size_t r = 1; r < rows.size(); ++r)
    {
        const CsvRow& row = rows[r];
        if (auto wrong = ragged(row, kHeader.size(), path))
            return *wrong;
        const std::string coder = trim_spaces(row.fields[0].text);
        if (coder.empty())
            return at(row.fields[0], path, "empty coder name");
        auto it = index.find(coder);
        if (it == index.end())
        {
            if (declared)
                return at(row.fields[0], path, "coder '" + coder + "' is not in --coders");
            it = index.emplace(coder, static_cast<int>(data.coders.size())).first;
            data.coders.push_back(coder);
        }
        const auto start = parse_code_point(trim_spaces(row.fields[1].text));
        if (!start)
            return at(row.fields[1], path,
                      "start '" + row.fields[1].text + "' is not a whole number (code point)");
        const auto stop = parse_code_point(trim_spaces(row.fields[2].text));
        if (!stop)
            return at(row.fields[2], path,
                      "end '" + row.fields[2].text + "' is not a whole number (code point)");
        if (*start >= *stop)
            return at(row.fields[1], path,
                      "empty or reversed span: start " + std::to_string(*start) + " >= end " +
                          std::to_string(*stop) + " (spans are half-open [start,end))");
        if (*start < begin || *stop > end)
            return at(*start < begin ? row.fields[1] : row.fields[2], path,
                      "span [" + std::to_string(*start) + "," + std::to_string(*stop) +
                          ") lies outside the continuum [" + std::to_string(begin) + "," +
                          std::to_string(end) + ")");
        const std::string code = trim_spaces(row.fields[3].text);
        if (code.empty())
            return at(row.fields[3], path, "empty code");
        data.spans.push_back({it->second, code, *start, *stop});
    }
    if (data.coders.size() < 2)
        return make_error(ErrorCode::DataInvalid,
                          "fewer than 2 coders: the file names " +
                              std::to_string(data.coders.size()) +
                              " (declare coders who marked nothing with --coders)",
                          SourceLocation{path, header.line, 1});
    return data;
}

} // namespace attune::cli
