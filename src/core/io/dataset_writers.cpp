// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/dataset_writers.h"

#include "core/io/csv_writer.h"
#include "core/io/export_info_json.h"
#include "core/io/number_format.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace attune::io
{

namespace
{

constexpr std::size_t kChunk = 1 << 20;

// Whole numbers print as integers (counts, codes, offsets): the common case, and much faster
// than %g.
bool as_integer(double v, long long& out)
{
    if (v > -1e15 && v < 1e15 && v == static_cast<double>(static_cast<long long>(v)))
    {
        out = static_cast<long long>(v);
        return true;
    }
    return false;
}

void append_number(std::string& out, double v)
{
    long long i = 0;
    if (as_integer(v, i))
    {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, i);
        out.append(buf, r.ptr);
    }
    else
        out += format_number(v, 15);
}

// JSON string escaping (RFC 8259 §7) for the hot path of rows; the stored text is valid UTF-8
// (the store validates it), so only quotes, backslashes and control characters change.
void append_json_string(std::string& out, std::string_view s)
{
    out += '"';
    for (const char ch : s)
    {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\')
        {
            out += '\\';
            out += ch;
        }
        else if (c < 0x20)
        {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        }
        else
            out += ch;
    }
    out += '"';
}

nlohmann::ordered_json number_json(double v)
{
    long long i = 0;
    if (as_integer(v, i))
        return i;
    return v;
}

ByteOut to_string(std::string& s)
{
    return [&s](std::string_view bytes) -> Result<void>
    {
        s.append(bytes);
        return {};
    };
}

} // namespace

nlohmann::ordered_json export_info_json(const ExportInfo& info)
{
    nlohmann::ordered_json schemes = nlohmann::ordered_json::array();
    for (const auto& [id, version] : info.schemes)
        schemes.push_back({{"id", id}, {"version", version}});
    return {{"attune_version", info.attune_version},
            {"project_uuid", info.project_uuid},
            {"project_file", info.project_file},
            {"schemes", schemes},
            {"filters", info.filters},
            {"exported_at", info.exported_at}};
}

Result<void> BufferedSink::flush_if_full()
{
    if (m_buffer.size() < kChunk)
        return {};
    return flush();
}

Result<void> BufferedSink::flush()
{
    auto r = m_out(m_buffer);
    m_buffer.clear();
    return r;
}

CsvSink::CsvSink(ByteOut out, CsvOptions options) : BufferedSink(std::move(out)), m_options(options)
{
}

Result<void> CsvSink::begin(const DataTable& head)
{
    m_buffer = m_options.excel ? "\xEF\xBB\xBF" : "";
    m_fields.clear();
    for (const auto& v : head.variables)
        m_fields.push_back(v.name);
    m_buffer += csv_record(m_fields);
    if (m_options.excel)
        m_buffer.insert(m_buffer.size() - 1, "\r");
    return {};
}

Result<void> CsvSink::row(const std::vector<Cell>& cells)
{
    for (std::size_t i = 0; i < cells.size(); ++i)
    {
        if (i > 0)
            m_buffer += ',';
        if (const auto* d = std::get_if<double>(&cells[i]))
            append_number(m_buffer, *d);
        else if (const auto* s = std::get_if<std::string>(&cells[i]))
            m_buffer += csv_field(*s);
    }
    m_buffer += m_options.excel ? "\r\n" : "\n";
    return flush_if_full();
}

JsonSink::JsonSink(ByteOut out, ExportInfo info)
    : BufferedSink(std::move(out)), m_info(std::move(info))
{
}

Result<void> JsonSink::begin(const DataTable& head)
{
    nlohmann::ordered_json variables = nlohmann::ordered_json::array();
    for (const auto& v : head.variables)
    {
        nlohmann::ordered_json labels = nlohmann::ordered_json::array();
        for (const auto& l : v.value_labels)
            labels.push_back({{"value", number_json(l.value)}, {"label", l.label}});
        nlohmann::ordered_json missing = nlohmann::ordered_json::array();
        for (const double m : v.missing_values)
            missing.push_back(number_json(m));
        variables.push_back({{"name", v.name},
                             {"label", v.label},
                             {"type", v.type == VariableType::Numeric ? "numeric" : "string"},
                             {"value_labels", labels},
                             {"missing_values", missing},
                             {"source", v.source},
                             {"decimals", v.decimals}});
    }
    const nlohmann::ordered_json doc = {{"format", "attune-dataset"},
                                        {"version", 1},
                                        {"dataset", head.name},
                                        {"label", head.label},
                                        {"info", export_info_json(m_info)},
                                        {"variables", variables}};
    // The document without its closing brace; the rows follow, one array per line.
    std::string text = doc.dump(2);
    text.pop_back();
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    m_buffer = text + ",\n  \"rows\": [";
    m_first = true;
    return {};
}

Result<void> JsonSink::row(const std::vector<Cell>& cells)
{
    m_buffer += m_first ? "\n    [" : ",\n    [";
    m_first = false;
    for (std::size_t i = 0; i < cells.size(); ++i)
    {
        if (i > 0)
            m_buffer += ',';
        if (const auto* d = std::get_if<double>(&cells[i]))
        {
            if (std::isfinite(*d))
                append_number(m_buffer, *d);
            else
                m_buffer += "null"; // JSON has no NaN or infinity
        }
        else if (const auto* s = std::get_if<std::string>(&cells[i]))
            append_json_string(m_buffer, *s);
        else
            m_buffer += "null";
    }
    m_buffer += ']';
    return flush_if_full();
}

Result<void> JsonSink::end()
{
    m_buffer += m_first ? "]\n}\n" : "\n  ]\n}\n";
    return flush();
}

std::string dataset_csv(const DataTable& table, CsvOptions options)
{
    std::string out;
    CsvSink sink(to_string(out), options);
    (void)replay(table, sink); // a string output cannot fail
    return out;
}

std::string dataset_json(const DataTable& table, const ExportInfo& info)
{
    std::string out;
    JsonSink sink(to_string(out), info);
    (void)replay(table, sink);
    return out;
}

} // namespace attune::io
