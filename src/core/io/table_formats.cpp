// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/table_formats.h"

#include "core/io/shared_library.h"

#include <readstat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace attune::io
{

namespace
{

namespace fs = std::filesystem;

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
        void* h = detail::open_library({"libreadstat.so.1"}, r.problem);
        if (h == nullptr)
            return r;
        detail::bind(h, r.writer_init, "readstat_writer_init", r.problem, "ReadStat");
        detail::bind(h, r.writer_free, "readstat_writer_free", r.problem, "ReadStat");
        detail::bind(h, r.set_data_writer, "readstat_set_data_writer", r.problem, "ReadStat");
        detail::bind(h, r.set_file_label, "readstat_writer_set_file_label", r.problem, "ReadStat");
        detail::bind(h, r.set_file_format_version, "readstat_writer_set_file_format_version",
                     r.problem, "ReadStat");
        detail::bind(h, r.add_label_set, "readstat_add_label_set", r.problem, "ReadStat");
        detail::bind(h, r.label_double_value, "readstat_label_double_value", r.problem, "ReadStat");
        detail::bind(h, r.label_int32_value, "readstat_label_int32_value", r.problem, "ReadStat");
        detail::bind(h, r.label_tagged_value, "readstat_label_tagged_value", r.problem, "ReadStat");
        detail::bind(h, r.add_variable, "readstat_add_variable", r.problem, "ReadStat");
        detail::bind(h, r.variable_set_label, "readstat_variable_set_label", r.problem, "ReadStat");
        detail::bind(h, r.variable_set_format, "readstat_variable_set_format", r.problem,
                     "ReadStat");
        detail::bind(h, r.variable_set_label_set, "readstat_variable_set_label_set", r.problem,
                     "ReadStat");
        detail::bind(h, r.add_missing_double, "readstat_variable_add_missing_double_value",
                     r.problem, "ReadStat");
        detail::bind(h, r.begin_writing_sav, "readstat_begin_writing_sav", r.problem, "ReadStat");
        detail::bind(h, r.begin_writing_dta, "readstat_begin_writing_dta", r.problem, "ReadStat");
        detail::bind(h, r.begin_row, "readstat_begin_row", r.problem, "ReadStat");
        detail::bind(h, r.insert_double, "readstat_insert_double_value", r.problem, "ReadStat");
        detail::bind(h, r.insert_string, "readstat_insert_string_value", r.problem, "ReadStat");
        detail::bind(h, r.insert_missing, "readstat_insert_missing_value", r.problem, "ReadStat");
        detail::bind(h, r.insert_tagged_missing, "readstat_insert_tagged_missing_value", r.problem,
                     "ReadStat");
        detail::bind(h, r.end_row, "readstat_end_row", r.problem, "ReadStat");
        detail::bind(h, r.end_writing, "readstat_end_writing", r.problem, "ReadStat");
        detail::bind(h, r.error_message, "readstat_error_message", r.problem, "ReadStat");
        return r;
    }();
    return lib;
}

struct Xlsx
{
    decltype(&workbook_new_opt) new_workbook = nullptr;
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
        void* h = detail::open_library({"libxlsxwriter.so.4", "libxlsxwriter.so.5"}, x.problem);
        if (h == nullptr)
            return x;
        detail::bind(h, x.new_workbook, "workbook_new_opt", x.problem, "libxlsxwriter");
        detail::bind(h, x.add_worksheet, "workbook_add_worksheet", x.problem, "libxlsxwriter");
        detail::bind(h, x.add_format, "workbook_add_format", x.problem, "libxlsxwriter");
        detail::bind(h, x.close, "workbook_close", x.problem, "libxlsxwriter");
        detail::bind(h, x.set_bold, "format_set_bold", x.problem, "libxlsxwriter");
        detail::bind(h, x.write_string, "worksheet_write_string", x.problem, "libxlsxwriter");
        detail::bind(h, x.write_number, "worksheet_write_number", x.problem, "libxlsxwriter");
        detail::bind(h, x.freeze_panes, "worksheet_freeze_panes", x.problem, "libxlsxwriter");
        detail::bind(h, x.strerror, "lxw_strerror", x.problem, "libxlsxwriter");
        return x;
    }();
    return lib;
}

Error path_error(ErrorCode code, const fs::path& path, const std::string& what)
{
    return write_error(code, path, what);
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

// ---- the spool: rows of a .sav/.dta table, kept until the widths and count are known

enum : unsigned char
{
    kEmpty = 0,
    kNumber = 1,
    kText = 2,
};

bool spool_cell(std::FILE* f, const Cell& c)
{
    if (const auto* d = std::get_if<double>(&c))
        return std::fputc(kNumber, f) != EOF && std::fwrite(d, sizeof *d, 1, f) == 1;
    if (const auto* s = std::get_if<std::string>(&c))
    {
        const auto n = static_cast<std::uint32_t>(s->size());
        return std::fputc(kText, f) != EOF && std::fwrite(&n, sizeof n, 1, f) == 1 &&
               std::fwrite(s->data(), 1, s->size(), f) == s->size();
    }
    return std::fputc(kEmpty, f) != EOF;
}

bool unspool_cell(std::FILE* f, Cell& c)
{
    const int tag = std::fgetc(f);
    if (tag == kNumber)
    {
        double d = 0;
        if (std::fread(&d, sizeof d, 1, f) != 1)
            return false;
        c = d;
        return true;
    }
    if (tag == kText)
    {
        std::uint32_t n = 0;
        if (std::fread(&n, sizeof n, 1, f) != 1)
            return false;
        std::string s(n, '\0');
        if (n > 0 && std::fread(s.data(), 1, n, f) != n)
            return false;
        c = std::move(s);
        return true;
    }
    c = std::monostate{};
    return tag == kEmpty;
}

} // namespace

StatSink::StatSink(Kind kind, ExportInfo info, fs::path path)
    : m_kind(kind), m_info(std::move(info)), m_path(std::move(path))
{
}

StatSink::~StatSink()
{
    if (m_spool != nullptr)
        std::fclose(m_spool);
}

Result<void> StatSink::begin(const DataTable& head)
{
    const bool sav = m_kind == Kind::Sav;
    const std::size_t max_missing = sav ? 3 : 26;
    for (const Variable& v : head.variables)
        if (v.missing_values.size() > max_missing)
            return path_error(ErrorCode::InvalidArgument, m_path,
                              "variable '" + v.name + "' has " +
                                  std::to_string(v.missing_values.size()) +
                                  " user-missing codes; a " + (sav ? ".sav" : ".dta") +
                                  " file holds at most " + std::to_string(max_missing));
    if (const ReadStat& rs = readstat(); !rs.problem.empty())
        return path_error(ErrorCode::Unsupported, m_path,
                          std::string("ReadStat (libreadstat.so.1) is not available: ") +
                              rs.problem);
    m_head = head;
    m_head.rows.clear();
    // Neither SPSS (A1) nor Stata (str1) has a narrower string than one byte, which a column
    // of empty strings would otherwise get.
    m_widths.assign(head.variables.size(), 1);
    m_rows = 0;
    m_spool = std::tmpfile();
    if (m_spool == nullptr)
        return path_error(ErrorCode::Io, m_path,
                          std::string("no temporary file: ") + std::strerror(errno));
    return {};
}

Result<void> StatSink::row(const std::vector<Cell>& cells)
{
    if (auto c = check_row(m_head, cells, m_rows + 1); !c)
        return path_error(ErrorCode::InvalidArgument, m_path, c.error().message);
    for (std::size_t i = 0; i < cells.size(); ++i)
    {
        if (const auto* s = std::get_if<std::string>(&cells[i]))
            m_widths[i] = std::max(m_widths[i], s->size());
        if (!spool_cell(m_spool, cells[i]))
            return path_error(ErrorCode::Io, m_path,
                              std::string("temporary file: ") + std::strerror(errno));
    }
    ++m_rows;
    return {};
}

Result<void> StatSink::end()
{
    if (m_kind == Kind::Dta)
        for (std::size_t i = 0; i < m_widths.size(); ++i)
            if (m_widths[i] > 2045)
                return path_error(ErrorCode::InvalidArgument, m_path,
                                  "variable '" + m_head.variables[i].name +
                                      "' has a value longer than the 2,045 bytes a .dta "
                                      "string holds");
    if (std::fflush(m_spool) != 0 || std::fseek(m_spool, 0, SEEK_SET) != 0)
        return path_error(ErrorCode::Io, m_path,
                          std::string("temporary file: ") + std::strerror(errno));
    m_file = std::make_unique<AtomicFile>(m_path);
    if (auto c = m_file->created(); !c)
        return c;
    auto r = write_file();
    std::fclose(m_spool);
    m_spool = nullptr;
    return r;
}

Result<void> StatSink::commit()
{
    if (!m_file)
        return path_error(ErrorCode::Internal, m_path, "the table was not finished");
    return m_file->commit();
}

namespace
{

/// The variables of a .sav/.dta writer, with their value labels, formats and missing codes.
Result<std::vector<readstat_variable_t*>> add_variables(const ReadStat& rs,
                                                        readstat_writer_t* writer, bool sav,
                                                        const DataTable& head,
                                                        const std::vector<std::size_t>& widths)
{
    std::vector<readstat_variable_t*> vars;
    for (std::size_t c = 0; c < head.variables.size(); ++c)
    {
        const Variable& v = head.variables[c];
        const bool numeric = v.type == VariableType::Numeric;
        readstat_variable_t* var =
            rs.add_variable(writer, v.name.c_str(),
                            numeric ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_STRING, widths[c]);
        if (var == nullptr)
            return make_error(ErrorCode::DataInvalid, "ReadStat refused variable '" + v.name + "'");
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
            // values, so a missing code's label moves to its tag there. Named after the
            // variable: one set per variable, so Stata's `label list` shows each under the
            // name a user looks for.
            readstat_label_set_t* set = rs.add_label_set(
                writer, sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, v.name.c_str());
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
                if (rs.add_missing_double(var, m) != READSTAT_OK)
                    return make_error(ErrorCode::DataInvalid,
                                      "ReadStat refused a missing code of '" + v.name + "'");
        vars.push_back(var);
    }
    return vars;
}

readstat_error_t insert_cell(const ReadStat& rs, readstat_writer_t* writer, bool sav,
                             const Variable& v, readstat_variable_t* var, const Cell& cell)
{
    if (const auto* d = std::get_if<double>(&cell))
    {
        const auto m = std::find(v.missing_values.begin(), v.missing_values.end(), *d);
        if (!sav && m != v.missing_values.end())
            return rs.insert_tagged_missing(
                writer, var, static_cast<char>('a' + (m - v.missing_values.begin())));
        return rs.insert_double(writer, var, *d);
    }
    if (const auto* s = std::get_if<std::string>(&cell))
        return rs.insert_string(writer, var, s->c_str());
    return rs.insert_missing(writer, var);
}

} // namespace

Result<void> StatSink::write_file()
{
    const bool sav = m_kind == Kind::Sav;
    const ReadStat& rs = readstat();
    std::unique_ptr<readstat_writer_t, decltype(rs.writer_free)> writer(rs.writer_init(),
                                                                        rs.writer_free);
    Sink sink{m_file->fd()};
    auto failed = [&](readstat_error_t e) -> Error
    {
        if (sink.error != 0)
            return path_error(ErrorCode::Io, m_path, std::strerror(sink.error));
        return path_error(ErrorCode::DataInvalid, m_path,
                          std::string("ReadStat refused the table '") + m_head.name +
                              "': " + rs.error_message(e));
    };
    rs.set_data_writer(writer.get(), write_to_fd);
    const std::string label = cut_utf8(short_info(m_head, m_info), sav ? 64 : 80);
    if (auto e = rs.set_file_label(writer.get(), label.c_str()); e != READSTAT_OK)
        return failed(e);
    if (!sav)
        // 118 is the first version that stores UTF-8 and 32-character names.
        if (auto e = rs.set_file_format_version(writer.get(), 118); e != READSTAT_OK)
            return failed(e);
    auto vars = add_variables(rs, writer.get(), sav, m_head, m_widths);
    if (!vars)
        return path_error(vars.error().code, m_path, vars.error().message);
    const long rows = static_cast<long>(m_rows);
    if (auto e = sav ? rs.begin_writing_sav(writer.get(), &sink, rows)
                     : rs.begin_writing_dta(writer.get(), &sink, rows);
        e != READSTAT_OK)
        return failed(e);
    Cell cell;
    for (std::size_t r = 0; r < m_rows; ++r)
    {
        if (auto e = rs.begin_row(writer.get()); e != READSTAT_OK)
            return failed(e);
        for (std::size_t c = 0; c < m_head.variables.size(); ++c)
        {
            if (!unspool_cell(m_spool, cell))
                return path_error(ErrorCode::Io, m_path, "the temporary file could not be read");
            if (auto e = insert_cell(rs, writer.get(), sav, m_head.variables[c], (*vars)[c], cell);
                e != READSTAT_OK)
                return failed(e);
        }
        if (auto e = rs.end_row(writer.get()); e != READSTAT_OK)
            return failed(e);
    }
    if (auto e = rs.end_writing(writer.get()); e != READSTAT_OK)
        return failed(e);
    return {};
}
// ---- Excel

struct XlsxBook::Impl final : TableSink
{
    ExportInfo info;
    fs::path path;
    AtomicFile file;
    lxw_workbook* book = nullptr;
    lxw_format* bold = nullptr;
    std::set<std::string> taken;
    std::vector<std::pair<std::string, const DataTable*>> written; // sheet name, table
    std::vector<DataTable> heads;                                  // of the written tables
    std::vector<std::size_t> row_counts;
    lxw_worksheet* sheet = nullptr;
    std::string sheet_name;
    std::size_t rows = 0;
    lxw_error err = LXW_NO_ERROR;
    Error problem{ErrorCode::Internal, "", {}};
    bool failed = false;

    Impl(ExportInfo i, fs::path p) : info(std::move(i)), path(p), file(p)
    {
        // "about" and "dictionary" are the book's own sheets: a table called so is renamed.
        xlsx_sheet_name("about", taken);
        xlsx_sheet_name("dictionary", taken);
    }
    ~Impl() override
    {
        if (book != nullptr)
            xlsx().close(book); // frees the workbook; the temporary file goes with `file`
    }

    Result<void> fail(ErrorCode code, const std::string& what)
    {
        failed = true;
        problem = path_error(code, path, what);
        return problem;
    }

    Result<void> open()
    {
        if (book != nullptr)
            return {};
        const Xlsx& x = xlsx();
        if (!x.problem.empty())
            return fail(ErrorCode::Unsupported, "libxlsxwriter is not available: " + x.problem);
        if (auto c = file.created(); !c)
            return c;
        file.close_fd();
        // constant_memory: each row goes to a temporary file as it is written, so memory
        // stays bounded (rows must then come in order, as they do here).
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        book = x.new_workbook(file.temp_path().c_str(), &options);
        if (book == nullptr)
            return fail(ErrorCode::Io, "libxlsxwriter could not start a workbook");
        bold = x.add_format(book);
        x.set_bold(bold);
        return {};
    }

    void put_string(std::size_t r, std::size_t c, const std::string& s, lxw_format* f = nullptr)
    {
        if (err == LXW_NO_ERROR)
            err = xlsx().write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                      s.c_str(), f);
    }

    Result<void> start_sheet(const std::string& raw_name, const DataTable& head)
    {
        if (failed)
            return problem;
        if (auto o = open(); !o)
            return o;
        sheet_name = raw_name == "about" || raw_name == "dictionary"
                         ? raw_name
                         : xlsx_sheet_name(raw_name, taken);
        sheet = xlsx().add_worksheet(book, sheet_name.c_str());
        if (sheet == nullptr)
            return fail(ErrorCode::DataInvalid, "libxlsxwriter refused sheet '" + sheet_name + "'");
        heads.push_back(DataTable{head.name, head.label, head.variables, {}});
        rows = 0;
        for (std::size_t c = 0; c < head.variables.size(); ++c)
            put_string(0, c, head.variables[c].name, bold);
        xlsx().freeze_panes(sheet, 1, 0);
        return check_error();
    }

    Result<void> check_error()
    {
        if (err != LXW_NO_ERROR)
            return fail(ErrorCode::DataInvalid,
                        "sheet '" + sheet_name + "': " + xlsx().strerror(err));
        return {};
    }

    Result<void> begin(const DataTable& head) override { return start_sheet(head.name, head); }

    Result<void> row(const std::vector<Cell>& cells) override
    {
        if (failed)
            return problem;
        if (auto c = check_row(heads.back(), cells, rows + 1); !c)
            return fail(ErrorCode::InvalidArgument, c.error().message);
        if (rows + 1 >= 1048576)
            return fail(ErrorCode::InvalidArgument, "table '" + heads.back().name +
                                                        "' has more rows than an Excel sheet "
                                                        "holds");
        ++rows;
        for (std::size_t c = 0; c < cells.size(); ++c)
        {
            if (const auto* d = std::get_if<double>(&cells[c]))
            {
                // Excel has no NaN or infinity; such a cell is written as its text.
                if (!std::isfinite(*d))
                    put_string(rows, c, format_number(*d));
                else if (err == LXW_NO_ERROR)
                    err = xlsx().write_number(sheet, static_cast<lxw_row_t>(rows),
                                              static_cast<lxw_col_t>(c), *d, nullptr);
            }
            else if (const auto* s = std::get_if<std::string>(&cells[c]))
                put_string(rows, c, *s);
        }
        return check_error();
    }

    Result<void> end() override
    {
        if (failed)
            return problem;
        row_counts.push_back(rows);
        written.emplace_back(sheet_name, nullptr);
        return {};
    }

    Result<void> about_sheet()
    {
        if (auto o = open(); !o)
            return o;
        sheet_name = "about";
        sheet = xlsx().add_worksheet(book, "about");
        if (sheet == nullptr)
            return fail(ErrorCode::DataInvalid, "libxlsxwriter refused sheet 'about'");
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
        for (std::size_t i = 0; i < written.size(); ++i)
            lines.emplace_back("sheet " + written[i].first,
                               (heads[i].label.empty() ? heads[i].name : heads[i].label) + " (" +
                                   std::to_string(row_counts[i]) + " rows, " +
                                   std::to_string(heads[i].variables.size()) + " variables)");
        put_string(0, 0, "field", bold);
        put_string(0, 1, "value", bold);
        for (std::size_t i = 0; i < lines.size(); ++i)
        {
            put_string(i + 1, 0, lines[i].first);
            put_string(i + 1, 1, lines[i].second);
        }
        return check_error();
    }
};

XlsxBook::XlsxBook(ExportInfo info, fs::path path)
    : m_impl(std::make_unique<Impl>(std::move(info), std::move(path)))
{
}

XlsxBook::~XlsxBook() = default;

TableSink& XlsxBook::sheets()
{
    return *m_impl;
}

Result<void> XlsxBook::finish(const DataTable* dictionary)
{
    Impl& m = *m_impl;
    if (m.failed)
        return m.problem;
    if (dictionary != nullptr)
    {
        if (auto s = m.start_sheet("dictionary", *dictionary); !s)
            return s;
        for (const auto& row : dictionary->rows)
            if (auto r = m.row(row); !r)
                return r;
        if (auto e = m.end(); !e)
            return e;
    }
    if (auto a = m.about_sheet(); !a)
        return a;
    const lxw_error e = xlsx().close(m.book);
    m.book = nullptr;
    if (e != LXW_NO_ERROR)
        return m.fail(ErrorCode::Io, xlsx().strerror(e));
    return {};
}

Result<void> XlsxBook::commit()
{
    if (m_impl->failed)
        return m_impl->problem;
    return m_impl->file.commit();
}

Result<void> write_sav(const DataTable& table, const ExportInfo& info, const fs::path& path)
{
    StatSink sink(StatSink::Kind::Sav, info, path);
    if (auto r = replay(table, sink); !r)
        return r;
    return sink.commit();
}

Result<void> write_dta(const DataTable& table, const ExportInfo& info, const fs::path& path)
{
    StatSink sink(StatSink::Kind::Dta, info, path);
    if (auto r = replay(table, sink); !r)
        return r;
    return sink.commit();
}

Result<void> write_xlsx(const std::vector<DataTable>& tables, const DataTable* dictionary,
                        const ExportInfo& info, const fs::path& path)
{
    XlsxBook book(info, path);
    for (const DataTable& t : tables)
        if (auto r = replay(t, book.sheets()); !r)
            return r;
    if (auto f = book.finish(dictionary); !f)
        return f;
    return book.commit();
}

std::string xlsx_sheet_name(const std::string& raw, std::set<std::string>& taken)
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
    return name;
}

std::vector<std::string> xlsx_sheet_names(const std::vector<std::string>& names)
{
    std::vector<std::string> out;
    std::set<std::string> taken;
    for (const std::string& raw : names)
        out.push_back(xlsx_sheet_name(raw, taken));
    return out;
}

} // namespace attune::io
