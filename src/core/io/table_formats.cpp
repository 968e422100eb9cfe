// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/table_formats.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <readstat.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>

namespace attune::io
{

namespace
{

namespace fs = std::filesystem;

template <typename F> void bind(void* handle, F& f, const char* name, std::string& problem)
{
    // A data pointer to a function pointer: conditionally supported in C++, and what POSIX
    // requires of dlsym.
    f = reinterpret_cast<F>(::dlsym(handle, name));
    if (f == nullptr && problem.empty())
        problem = std::string("lacks ") + name;
}

void* open_library(std::initializer_list<const char*> sonames, std::string& problem)
{
    for (const char* name : sonames)
        if (void* handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL))
            return handle;
    const char* why = ::dlerror();
    problem = why != nullptr ? why : "cannot be loaded";
    return nullptr;
}

// ReadStat and libxlsxwriter are opened on the first export, like libzip (zip_archive.cpp):
// Debian ships neither as a static archive, and linking them would make every attune-cli run
// pay for their relocations. The types come from the headers, so calls are checked.
struct ReadStat
{
    decltype(&readstat_writer_init) writer_init = nullptr;
    decltype(&readstat_writer_free) writer_free = nullptr;
    decltype(&readstat_set_data_writer) set_data_writer = nullptr;
    decltype(&readstat_writer_set_file_label) set_file_label = nullptr;
    decltype(&readstat_writer_set_file_format_version) set_file_format_version = nullptr;
    decltype(&readstat_add_label_set) add_label_set = nullptr;
    decltype(&readstat_label_double_value) label_double_value = nullptr;
    decltype(&readstat_label_int32_value) label_int32_value = nullptr;
    decltype(&readstat_label_tagged_value) label_tagged_value = nullptr;
    decltype(&readstat_add_variable) add_variable = nullptr;
    decltype(&readstat_variable_set_label) variable_set_label = nullptr;
    decltype(&readstat_variable_set_format) variable_set_format = nullptr;
    decltype(&readstat_variable_set_label_set) variable_set_label_set = nullptr;
    decltype(&readstat_variable_add_missing_double_value) add_missing_double = nullptr;
    decltype(&readstat_begin_writing_sav) begin_writing_sav = nullptr;
    decltype(&readstat_begin_writing_dta) begin_writing_dta = nullptr;
    decltype(&readstat_begin_row) begin_row = nullptr;
    decltype(&readstat_insert_double_value) insert_double = nullptr;
    decltype(&readstat_insert_string_value) insert_string = nullptr;
    decltype(&readstat_insert_missing_value) insert_missing = nullptr;
    decltype(&readstat_insert_tagged_missing_value) insert_tagged_missing = nullptr;
    decltype(&readstat_end_row) end_row = nullptr;
    decltype(&readstat_end_writing) end_writing = nullptr;
    decltype(&readstat_error_message) error_message = nullptr;
    std::string problem;
};

const ReadStat& readstat()
{
    static const ReadStat lib = []
    {
        ReadStat r;
        void* h = open_library({"libreadstat.so.1"}, r.problem);
        if (h == nullptr)
            return r;
        bind(h, r.writer_init, "readstat_writer_init", r.problem);
        bind(h, r.writer_free, "readstat_writer_free", r.problem);
        bind(h, r.set_data_writer, "readstat_set_data_writer", r.problem);
        bind(h, r.set_file_label, "readstat_writer_set_file_label", r.problem);
        bind(h, r.set_file_format_version, "readstat_writer_set_file_format_version", r.problem);
        bind(h, r.add_label_set, "readstat_add_label_set", r.problem);
        bind(h, r.label_double_value, "readstat_label_double_value", r.problem);
        bind(h, r.label_int32_value, "readstat_label_int32_value", r.problem);
        bind(h, r.label_tagged_value, "readstat_label_tagged_value", r.problem);
        bind(h, r.add_variable, "readstat_add_variable", r.problem);
        bind(h, r.variable_set_label, "readstat_variable_set_label", r.problem);
        bind(h, r.variable_set_format, "readstat_variable_set_format", r.problem);
        bind(h, r.variable_set_label_set, "readstat_variable_set_label_set", r.problem);
        bind(h, r.add_missing_double, "readstat_variable_add_missing_double_value", r.problem);
        bind(h, r.begin_writing_sav, "readstat_begin_writing_sav", r.problem);
        bind(h, r.begin_writing_dta, "readstat_begin_writing_dta", r.problem);
        bind(h, r.begin_row, "readstat_begin_row", r.problem);
        bind(h, r.insert_double, "readstat_insert_double_value", r.problem);
        bind(h, r.insert_string, "readstat_insert_string_value", r.problem);
        bind(h, r.insert_missing, "readstat_insert_missing_value", r.problem);
        bind(h, r.insert_tagged_missing, "readstat_insert_tagged_missing_value", r.problem);
        bind(h, r.end_row, "readstat_end_row", r.problem);
        bind(h, r.end_writing, "readstat_end_writing", r.problem);
        bind(h, r.error_message, "readstat_error_message", r.problem);
        return r;
    }();
    return lib;
}

struct Xlsx
{
    decltype(&workbook_new) new_workbook = nullptr;
    decltype(&workbook_add_worksheet) add_worksheet = nullptr;
    decltype(&workbook_add_format) add_format = nullptr;
    decltype(&workbook_close) close = nullptr;
    decltype(&format_set_bold) set_bold = nullptr;
    decltype(&worksheet_write_string) write_string = nullptr;
    decltype(&worksheet_write_number) write_number = nullptr;
    decltype(&worksheet_freeze_panes) freeze_panes = nullptr;
    decltype(&lxw_strerror) strerror = nullptr;
    std::string problem;
};

const Xlsx& xlsx()
{
    static const Xlsx lib = []
    {
        Xlsx x;
        void* h = open_library({"libxlsxwriter.so.4", "libxlsxwriter.so.5"}, x.problem);
        if (h == nullptr)
            return x;
        bind(h, x.new_workbook, "workbook_new", x.problem);
        bind(h, x.add_worksheet, "workbook_add_worksheet", x.problem);
        bind(h, x.add_format, "workbook_add_format", x.problem);
        bind(h, x.close, "workbook_close", x.problem);
        bind(h, x.set_bold, "format_set_bold", x.problem);
        bind(h, x.write_string, "worksheet_write_string", x.problem);
        bind(h, x.write_number, "worksheet_write_number", x.problem);
        bind(h, x.freeze_panes, "worksheet_freeze_panes", x.problem);
        bind(h, x.strerror, "lxw_strerror", x.problem);
        return x;
    }();
    return lib;
}

Error path_error(ErrorCode code, const fs::path& path, const std::string& what)
{
    return make_error(code, "cannot write " + path.string() + ": " + what,
                      SourceLocation{path.string(), 0, 0});
}

/// The umask, read without changing it (umask(2) would set it, racing other threads).
mode_t process_umask()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("Umask:", 0) == 0)
            return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
    return 022;
}

/// A file created under a unique temporary name beside the target; removed unless committed.
class TempFile
{
public:
    explicit TempFile(const fs::path& target) : m_target(target)
    {
        const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
        std::string name = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
        m_fd = ::mkstemp(name.data());
        if (m_fd >= 0)
            m_path = name;
        else
            m_errno = errno;
    }
    ~TempFile()
    {
        close_fd();
        if (!m_path.empty())
            ::unlink(m_path.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    bool created() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    const std::string& path() const { return m_path; }
    std::string why_not() const { return std::strerror(m_errno); }
    void close_fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

    /// Flushes the file to disk and renames it over the target.
    Result<void> commit()
    {
        // Without the fsync a crash soon after the rename may leave the target's name on a
        // file whose data never reached the disk.
        // Reopened because libxlsxwriter writes the file by name, not through our descriptor.
        close_fd();
        const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
        const bool synced = fd >= 0 && ::fsync(fd) == 0;
        const int sync_errno = errno;
        if (fd >= 0)
            ::close(fd);
        if (!synced)
            return path_error(ErrorCode::Io, m_target, std::strerror(sync_errno));
        // mkstemp gives mode 0600; a dataset is an ordinary document, so it gets the mode a
        // new file would get under the umask.
        ::chmod(m_path.c_str(), 0666 & ~process_umask());
        if (::rename(m_path.c_str(), m_target.c_str()) != 0)
            return path_error(ErrorCode::Io, m_target, std::strerror(errno));
        m_path.clear();
        return {};
    }

private:
    fs::path m_target;
    std::string m_path;
    int m_fd = -1;
    int m_errno = 0;
};

// Checked before any file is created, so a refused table never touches the folder.
Result<void> check_shape(const DataTable& table, const fs::path& path)
{
    for (std::size_t r = 0; r < table.rows.size(); ++r)
    {
        const auto& row = table.rows[r];
        if (row.size() != table.variables.size())
            return path_error(ErrorCode::InvalidArgument, path,
                              "table '" + table.name + "' row " + std::to_string(r + 1) + " has " +
                                  std::to_string(row.size()) + " cells, expected " +
                                  std::to_string(table.variables.size()));
        for (std::size_t c = 0; c < row.size(); ++c)
        {
            const bool numeric = table.variables[c].type == VariableType::Numeric;
            if ((numeric && std::holds_alternative<std::string>(row[c])) ||
                (!numeric && std::holds_alternative<double>(row[c])))
                return path_error(ErrorCode::InvalidArgument, path,
                                  "table '" + table.name + "' row " + std::to_string(r + 1) +
                                      ", variable '" + table.variables[c].name + "': a " +
                                      (numeric ? "string" : "number") + " in a " +
                                      (numeric ? "numeric" : "string") + " variable");
        }
    }
    return {};
}

/// Cuts UTF-8 text to at most `bytes` bytes without splitting a character.
std::string cut_utf8(std::string s, std::size_t bytes)
{
    if (s.size() <= bytes)
        return s;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        --end;
    s.resize(end);
    return s;
}

/// ExportInfo in the few dozen bytes a file label holds (SPSS 64, Stata 80).
std::string short_info(const DataTable& table, const ExportInfo& info)
{
    std::string s = "Attune " + info.attune_version + " " + table.name;
    if (!info.project_uuid.empty())
        s += " project " + info.project_uuid.substr(0, 8);
    if (!info.exported_at.empty())
        s += " " + info.exported_at;
    return s;
}

enum class StatFormat
{
    Sav,
    Dta,
};

// ReadStat turns a failed write into its own write error code; the sink keeps errno so the
// message can name the cause ("No space left on device").
struct Sink
{
    int fd;
    int error = 0;
};

ssize_t write_to_fd(const void* data, size_t len, void* ctx)
{
    auto* sink = static_cast<Sink*>(ctx);
    const char* p = static_cast<const char*>(data);
    size_t left = len;
    while (left > 0)
    {
        const ssize_t n = ::write(sink->fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
        {
            sink->error = n < 0 ? errno : ENOSPC;
            return -1;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return static_cast<ssize_t>(len);
}

bool is_int32(double v)
{
    return std::floor(v) == v && v >= -2147483648.0 && v <= 2147483647.0;
}

Result<void> write_stat(StatFormat format, const DataTable& table, const ExportInfo& info,
                        const fs::path& path)
{
    const bool sav = format == StatFormat::Sav;
    const char* what = sav ? ".sav" : ".dta";
    if (auto shape = check_shape(table, path); !shape)
        return shape.error();
    const std::size_t max_missing = sav ? 3 : 26;
    for (const Variable& v : table.variables)
        if (v.missing_values.size() > max_missing)
            return path_error(ErrorCode::InvalidArgument, path,
                              "variable '" + v.name + "' has " +
                                  std::to_string(v.missing_values.size()) +
                                  " user-missing codes; a " + what + " file holds at most " +
                                  std::to_string(max_missing));
    const ReadStat& rs = readstat();
    if (!rs.problem.empty())
        return path_error(ErrorCode::Unsupported, path,
                          std::string("ReadStat (libreadstat.so.1) is not available: ") +
                              rs.problem);

    TempFile temp(path);
    if (!temp.created())
        return path_error(ErrorCode::Io, path, temp.why_not());

    std::unique_ptr<readstat_writer_t, decltype(rs.writer_free)> writer(rs.writer_init(),
                                                                        rs.writer_free);
    Sink sink{temp.fd()};
    auto failed = [&](readstat_error_t e) -> Error
    {
        if (sink.error != 0)
            return path_error(ErrorCode::Io, path, std::strerror(sink.error));
        return path_error(ErrorCode::DataInvalid, path,
                          std::string("ReadStat refused the table '") + table.name +
                              "': " + rs.error_message(e));
    };
    rs.set_data_writer(writer.get(), write_to_fd);
    const std::string label = cut_utf8(short_info(table, info), sav ? 64 : 80);
    if (auto e = rs.set_file_label(writer.get(), label.c_str()); e != READSTAT_OK)
        return failed(e);
    if (!sav)
        // 118 is the first version that stores UTF-8 and 32-character names.
        if (auto e = rs.set_file_format_version(writer.get(), 118); e != READSTAT_OK)
            return failed(e);

    std::vector<readstat_variable_t*> vars;
    for (std::size_t c = 0; c < table.variables.size(); ++c)
    {
        const Variable& v = table.variables[c];
        const bool numeric = v.type == VariableType::Numeric;
        // Neither SPSS (A1) nor Stata (str1) has a narrower string than one byte, which a
        // column of empty strings would otherwise get.
        std::size_t width = 1;
        if (!numeric)
            for (const auto& row : table.rows)
                if (const auto* s = std::get_if<std::string>(&row[c]))
                    width = std::max(width, s->size());
        readstat_variable_t* var =
            rs.add_variable(writer.get(), v.name.c_str(),
                            numeric ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_STRING, width);
        if (var == nullptr)
            return path_error(ErrorCode::DataInvalid, path,
                              "ReadStat refused variable '" + v.name + "'");
        if (!v.label.empty())
            rs.variable_set_label(var, v.label.c_str());
        if (numeric)
        {
            // SPSS's F8.1 and Stata's %9.1f show one decimal; %9.0g keeps Stata's default
            // look for whole numbers.
            const int dec = std::clamp(v.decimals, 0, 16);
            const std::string fmt = sav ? "F8." + std::to_string(dec)
                                        : "%9." + std::to_string(dec) + (dec > 0 ? "f" : "g");
            rs.variable_set_format(var, fmt.c_str());
        }
        if (numeric && (!v.value_labels.empty() || (!sav && !v.missing_values.empty())))
        {
            // SPSS labels doubles; Stata labels integers and, separately, extended missing
            // values, so a missing code's label moves to its tag there.
            // Named after the variable: one set per variable, so Stata's `label list` shows
            // each under the name a user looks for.
            readstat_label_set_t* set = rs.add_label_set(
                writer.get(), sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, v.name.c_str());
            for (const ValueLabel& l : v.value_labels)
            {
                const auto m = std::find(v.missing_values.begin(), v.missing_values.end(), l.value);
                if (sav)
                    rs.label_double_value(set, l.value, l.label.c_str());
                else if (m != v.missing_values.end())
                    rs.label_tagged_value(set,
                                          static_cast<char>('a' + (m - v.missing_values.begin())),
                                          l.label.c_str());
                else if (is_int32(l.value))
                    rs.label_int32_value(set, static_cast<int32_t>(l.value), l.label.c_str());
            }
            rs.variable_set_label_set(var, set);
        }
        if (sav && numeric)
            for (double m : v.missing_values)
                if (auto e = rs.add_missing_double(var, m); e != READSTAT_OK)
                    return failed(e);
        vars.push_back(var);
    }

    // The row count is written in the header before the rows, so it must be known here.
    const long rows = static_cast<long>(table.rows.size());
    if (auto e = sav ? rs.begin_writing_sav(writer.get(), &sink, rows)
                     : rs.begin_writing_dta(writer.get(), &sink, rows);
        e != READSTAT_OK)
        return failed(e);
    for (const auto& row : table.rows)
    {
        if (auto e = rs.begin_row(writer.get()); e != READSTAT_OK)
            return failed(e);
        for (std::size_t c = 0; c < row.size(); ++c)
        {
            const Variable& v = table.variables[c];
            readstat_error_t e = READSTAT_OK;
            if (const auto* d = std::get_if<double>(&row[c]))
            {
                const auto m = std::find(v.missing_values.begin(), v.missing_values.end(), *d);
                if (!sav && m != v.missing_values.end())
                    e = rs.insert_tagged_missing(
                        writer.get(), vars[c],
                        static_cast<char>('a' + (m - v.missing_values.begin())));
                else
                    e = rs.insert_double(writer.get(), vars[c], *d);
            }
            else if (const auto* s = std::get_if<std::string>(&row[c]))
                e = rs.insert_string(writer.get(), vars[c], s->c_str());
            else
                e = rs.insert_missing(writer.get(), vars[c]);
            if (e != READSTAT_OK)
                return failed(e);
        }
        if (auto e = rs.end_row(writer.get()); e != READSTAT_OK)
            return failed(e);
    }
    if (auto e = rs.end_writing(writer.get()); e != READSTAT_OK)
        return failed(e);
    return temp.commit();
}

/// One code point's length from its lead byte.
std::size_t utf8_length(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

std::string lower_ascii(std::string s)
{
    for (char& ch : s)
        if (ch >= 'A' && ch <= 'Z')
            ch = static_cast<char>(ch - 'A' + 'a');
    return s;
}

/// At most `n` code points of `s`.
std::string first_code_points(const std::string& s, std::size_t n)
{
    std::size_t i = 0;
    for (std::size_t k = 0; k < n && i < s.size(); ++k)
        i += utf8_length(static_cast<unsigned char>(s[i]));
    return s.substr(0, std::min(i, s.size()));
}

std::string format_number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

} // namespace

Result<void> write_sav(const DataTable& table, const ExportInfo& info, const fs::path& path)
{
    return write_stat(StatFormat::Sav, table, info, path);
}

Result<void> write_dta(const DataTable& table, const ExportInfo& info, const fs::path& path)
{
    return write_stat(StatFormat::Dta, table, info, path);
}

std::vector<std::string> xlsx_sheet_names(const std::vector<std::string>& names)
{
    std::vector<std::string> out;
    std::set<std::string> taken;
    for (const std::string& raw : names)
    {
        std::string base;
        for (char ch : raw)
            base += std::strchr("[]:*?/\\", ch) != nullptr && ch != '\0' ? '_' : ch;
        // Excel refuses a name that starts or ends with an apostrophe, and an empty one.
        if (!base.empty() && base.front() == '\'')
            base.front() = '_';
        if (!base.empty() && base.back() == '\'')
            base.back() = '_';
        if (base.empty())
            base = "sheet";
        std::string name = first_code_points(base, 31);
        for (int n = 2; taken.count(lower_ascii(name)) != 0; ++n)
        {
            const std::string suffix = "~" + std::to_string(n);
            name = first_code_points(base, 31 - suffix.size()) + suffix;
        }
        taken.insert(lower_ascii(name));
        out.push_back(name);
    }
    return out;
}

Result<void> write_xlsx(const std::vector<DataTable>& tables, const DataTable* dictionary,
                        const ExportInfo& info, const fs::path& path)
{
    std::vector<const DataTable*> sheets;
    std::vector<std::string> names;
    for (const DataTable& t : tables)
    {
        sheets.push_back(&t);
        names.push_back(t.name);
    }
    if (dictionary != nullptr)
    {
        sheets.push_back(dictionary);
        names.push_back("dictionary");
    }
    for (const DataTable* t : sheets)
    {
        if (auto shape = check_shape(*t, path); !shape)
            return shape.error();
        if (t->rows.size() >= 1048576)
            return path_error(ErrorCode::InvalidArgument, path,
                              "table '" + t->name + "' has more rows than an Excel sheet holds");
    }
    names.push_back("about");
    // "about" and "dictionary" come last, so a table called so is renamed rather than them.
    std::rotate(names.begin(), names.end() - (dictionary != nullptr ? 2 : 1), names.end());
    std::vector<std::string> sheet_names = xlsx_sheet_names(names);
    std::rotate(sheet_names.begin(), sheet_names.begin() + (dictionary != nullptr ? 2 : 1),
                sheet_names.end());

    const Xlsx& x = xlsx();
    if (!x.problem.empty())
        return path_error(ErrorCode::Unsupported, path,
                          "libxlsxwriter is not available: " + x.problem);
    TempFile temp(path);
    if (!temp.created())
        return path_error(ErrorCode::Io, path, temp.why_not());
    temp.close_fd();

    // libxlsxwriter keeps everything in memory and writes the zip on workbook_close, by
    // name: the temporary file is only a reserved unique name until then.
    lxw_workbook* book = x.new_workbook(temp.path().c_str());
    if (book == nullptr)
        return path_error(ErrorCode::Io, path, "libxlsxwriter could not start a workbook");
    // workbook_close frees the workbook whatever happens, so it runs exactly once.
    bool closed = false;
    auto close = [&]() -> lxw_error
    {
        closed = true;
        return x.close(book);
    };
    struct Guard
    {
        std::function<void()> f;
        ~Guard() { f(); }
    } guard{[&]
            {
                if (!closed)
                    close();
            }};

    lxw_format* bold = x.add_format(book);
    x.set_bold(bold);
    lxw_error err = LXW_NO_ERROR;
    auto put_string = [&](lxw_worksheet* ws, std::size_t r, std::size_t c, const std::string& s,
                          lxw_format* f = nullptr)
    {
        if (err == LXW_NO_ERROR)
            err = x.write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                 s.c_str(), f);
    };
    for (std::size_t i = 0; i < sheets.size(); ++i)
    {
        const DataTable& t = *sheets[i];
        lxw_worksheet* ws = x.add_worksheet(book, sheet_names[i].c_str());
        if (ws == nullptr)
            return path_error(ErrorCode::DataInvalid, path,
                              "libxlsxwriter refused sheet '" + sheet_names[i] + "'");
        for (std::size_t c = 0; c < t.variables.size(); ++c)
            put_string(ws, 0, c, t.variables[c].name, bold);
        x.freeze_panes(ws, 1, 0);
        for (std::size_t r = 0; r < t.rows.size(); ++r)
            for (std::size_t c = 0; c < t.rows[r].size(); ++c)
            {
                const Cell& cell = t.rows[r][c];
                if (const auto* d = std::get_if<double>(&cell))
                {
                    // Excel has no NaN or infinity; such a cell is written as its text.
                    if (std::isfinite(*d))
                    {
                        if (err == LXW_NO_ERROR)
                            err = x.write_number(ws, static_cast<lxw_row_t>(r + 1),
                                                 static_cast<lxw_col_t>(c), *d, nullptr);
                    }
                    else
                        put_string(ws, r + 1, c, format_number(*d));
                }
                else if (const auto* s = std::get_if<std::string>(&cell))
                    put_string(ws, r + 1, c, *s);
            }
        if (err != LXW_NO_ERROR)
            return path_error(ErrorCode::DataInvalid, path,
                              "sheet '" + sheet_names[i] + "': " + x.strerror(err));
    }

    lxw_worksheet* about = x.add_worksheet(book, sheet_names.back().c_str());
    if (about == nullptr)
        return path_error(ErrorCode::DataInvalid, path, "libxlsxwriter refused sheet 'about'");
    std::vector<std::pair<std::string, std::string>> lines = {
        {"exported by", "Attune " + info.attune_version},
        {"exported at", info.exported_at},
        {"project file", info.project_file},
        {"project uuid", info.project_uuid},
    };
    for (const auto& [id, version] : info.schemes)
        lines.emplace_back("scheme", id + " " + version);
    for (const std::string& f : info.filters)
        lines.emplace_back("filter", f);
    for (std::size_t i = 0; i < sheets.size(); ++i)
        lines.emplace_back("sheet " + sheet_names[i],
                           (sheets[i]->label.empty() ? sheets[i]->name : sheets[i]->label) + " (" +
                               std::to_string(sheets[i]->rows.size()) + " rows, " +
                               std::to_string(sheets[i]->variables.size()) + " variables)");
    put_string(about, 0, 0, "field", bold);
    put_string(about, 0, 1, "value", bold);
    for (std::size_t i = 0; i < lines.size(); ++i)
    {
        put_string(about, i + 1, 0, lines[i].first);
        put_string(about, i + 1, 1, lines[i].second);
    }
    if (err != LXW_NO_ERROR)
        return path_error(ErrorCode::DataInvalid, path,
                          std::string("sheet 'about': ") + x.strerror(err));
    if (const lxw_error e = close(); e != LXW_NO_ERROR)
        return path_error(ErrorCode::Io, path, x.strerror(e));
    return temp.commit();
}

} // namespace attune::io
