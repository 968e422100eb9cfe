// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/dataset_writers.h"

#include "core/io/csv_writer.h"
#include "core/io/number_format.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace attune::io
{

namespace
{

std::string cell_text(const Cell& c)
{
    if (std::holds_alternative<double>(c))
        return format_number(std::get<double>(c), 15);
    if (std::holds_alternative<std::string>(c))
        return std::get<std::string>(c);
    return {};
}

nlohmann::ordered_json cell_json(const Cell& c)
{
    if (std::holds_alternative<double>(c))
    {
        // Whole numbers as JSON integers, so pandas and jsonlite read counts as integers.
        const double v = std::get<double>(c);
        if (v == static_cast<double>(static_cast<long long>(v)) && v > -1e15 && v < 1e15)
            return static_cast<long long>(v);
        return v;
    }
    if (std::holds_alternative<std::string>(c))
        return std::get<std::string>(c);
    return nullptr;
}

Error io_error(const std::string& what, const std::filesystem::path& path, int err)
{
    return Error{ErrorCode::Io, what + " " + path.string() + ": " + std::strerror(err), {}};
}

} // namespace

std::string dataset_csv(const DataTable& table, CsvOptions options)
{
    std::string out = options.excel ? "\xEF\xBB\xBF" : "";
    auto record = [&](const std::vector<std::string>& fields)
    {
        std::string r = csv_record(fields);
        if (options.excel)
            r.insert(r.size() - 1, "\r");
        out += r;
    };
    std::vector<std::string> fields;
    for (const auto& v : table.variables)
        fields.push_back(v.name);
    record(fields);
    for (const auto& row : table.rows)
    {
        fields.clear();
        for (const auto& c : row)
            fields.push_back(cell_text(c));
        record(fields);
    }
    return out;
}

std::string dataset_json(const DataTable& table, const ExportInfo& info)
{
    nlohmann::ordered_json schemes = nlohmann::ordered_json::array();
    for (const auto& [id, version] : info.schemes)
        schemes.push_back({{"id", id}, {"version", version}});
    nlohmann::ordered_json variables = nlohmann::ordered_json::array();
    for (const auto& v : table.variables)
    {
        nlohmann::ordered_json labels = nlohmann::ordered_json::array();
        for (const auto& l : v.value_labels)
            labels.push_back({{"value", cell_json(l.value)}, {"label", l.label}});
        nlohmann::ordered_json missing = nlohmann::ordered_json::array();
        for (const double m : v.missing_values)
            missing.push_back(cell_json(m));
        variables.push_back({{"name", v.name},
                             {"label", v.label},
                             {"type", v.type == VariableType::Numeric ? "numeric" : "string"},
                             {"value_labels", labels},
                             {"missing_values", missing},
                             {"source", v.source},
                             {"decimals", v.decimals}});
    }
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& row : table.rows)
    {
        nlohmann::ordered_json r = nlohmann::ordered_json::array();
        for (const auto& c : row)
            r.push_back(cell_json(c));
        rows.push_back(std::move(r));
    }
    const nlohmann::ordered_json doc = {{"format", "attune-dataset"},
                                        {"version", 1},
                                        {"dataset", table.name},
                                        {"label", table.label},
                                        {"info",
                                         {{"attune_version", info.attune_version},
                                          {"project_uuid", info.project_uuid},
                                          {"project_file", info.project_file},
                                          {"schemes", schemes},
                                          {"filters", info.filters},
                                          {"exported_at", info.exported_at}}},
                                        {"variables", variables},
                                        {"rows", rows}};
    return doc.dump(2) + "\n";
}

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view content)
{
    std::string temp = path.string() + ".tmp-XXXXXX";
    const int fd = mkstemp(temp.data());
    if (fd < 0)
        return io_error("cannot write beside", path, errno);
    // Everything after mkstemp must remove the temporary file when it fails, so that a failed
    // export leaves nothing behind.
    auto fail = [&](const char* what)
    {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return io_error(what, path, err);
    };
    for (std::size_t done = 0; done < content.size();)
    {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail("cannot write");
        done += static_cast<std::size_t>(n);
    }
    // mkstemp makes the file 0600; an export is an ordinary file (0666 less the umask).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0 || ::fsync(fd) != 0)
        return fail("cannot write");
    if (::close(fd) != 0)
    {
        const int err = errno;
        ::unlink(temp.c_str());
        return io_error("cannot write", path, err);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0)
    {
        const int err = errno;
        ::unlink(temp.c_str());
        return io_error("cannot write", path, err);
    }
    return {};
}

} // namespace attune::io
