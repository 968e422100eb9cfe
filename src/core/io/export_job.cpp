// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/export_job.h"

#include "core/io/atomic_file.h"
#include "core/io/dataset_writers.h"
#include "core/io/project_json.h"
#include "core/io/table_formats.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <system_error>

namespace attune::io
{

namespace fs = std::filesystem;

namespace
{

/// The first line of the README.txt of a folder export: how a later export recognises a
/// folder it may replace.
constexpr const char* kReadmeTitle = "Attune dataset export";

bool is_project(const std::string& dataset)
{
    return dataset == kProjectDataset;
}

bool known_dataset(const std::string& name)
{
    return is_project(name) || std::any_of(std::begin(kDatasetNames), std::end(kDatasetNames),
                                           [&](const char* n) { return name == n; });
}

bool has(const std::vector<ExportFormat>& formats, ExportFormat f)
{
    return std::find(formats.begin(), formats.end(), f) != formats.end();
}

/// Whether `dir` is a folder an earlier export wrote (its README.txt starts with the title).
bool is_export_folder(const fs::path& dir)
{
    std::ifstream in(dir / "README.txt");
    std::string first;
    return in && std::getline(in, first) && first == kReadmeTitle;
}

Error invalid(const std::string& what)
{
    return make_error(ErrorCode::InvalidArgument, what);
}

/// Counts rows, for the summary.
class CountSink final : public TableSink
{
public:
    explicit CountSink(std::size_t& rows) : m_rows(rows) {}
    Result<void> begin(const DataTable&) override { return {}; }
    Result<void> row(const std::vector<Cell>&) override
    {
        ++m_rows;
        return {};
    }
    Result<void> end() override { return {}; }

private:
    std::size_t& m_rows;
};

/// One file of one table in CSV or JSON: a streaming writer into an AtomicFile.
class TextFileSink final : public TableSink
{
public:
    TextFileSink(ExportFormat format, const fs::path& path, const ExportInfo& info, bool excel)
        : m_file(path)
    {
        ByteOut out = [this](std::string_view bytes) { return m_file.write(bytes); };
        if (format == ExportFormat::Json)
            m_writer = std::make_unique<JsonSink>(out, info);
        else
            m_writer = std::make_unique<CsvSink>(out, CsvOptions{excel});
    }
    Result<void> begin(const DataTable& head) override
    {
        if (auto c = m_file.created(); !c)
            return c;
        return m_writer->begin(head);
    }
    Result<void> row(const std::vector<Cell>& cells) override { return m_writer->row(cells); }
    Result<void> end() override { return m_writer->end(); }
    Result<void> commit() { return m_file.commit(); }

private:
    AtomicFile m_file;
    std::unique_ptr<TableSink> m_writer;
};

/// One table written to one file in CSV, JSON, .sav or .dta (.xlsx books span tables).
class FileSink
{
public:
    FileSink(ExportFormat f, const fs::path& path, const ExportInfo& info, bool excel)
    {
        if (f == ExportFormat::Csv || f == ExportFormat::Json)
            m_text = std::make_unique<TextFileSink>(f, path, info, excel);
        else
            m_stat = std::make_unique<StatSink>(
                f == ExportFormat::Sav ? StatSink::Kind::Sav : StatSink::Kind::Dta, info, path);
    }
    TableSink& sink() { return m_text ? static_cast<TableSink&>(*m_text) : *m_stat; }
    Result<void> commit() { return m_text ? m_text->commit() : m_stat->commit(); }

private:
    std::unique_ptr<TextFileSink> m_text;
    std::unique_ptr<StatSink> m_stat;
};

/// The files of one table of a folder export, STEM.EXT for each format but .xlsx.
struct TableFiles
{
    std::vector<std::unique_ptr<FileSink>> files;
    std::vector<fs::path> paths;

    TableFiles(const std::vector<ExportFormat>& formats, const fs::path& dir,
               const std::string& stem, const ExportInfo& info, bool excel)
    {
        for (const ExportFormat f : formats)
            if (f != ExportFormat::Xlsx)
            {
                paths.push_back(dir / (stem + "." + to_string(f)));
                files.push_back(std::make_unique<FileSink>(f, paths.back(), info, excel));
            }
    }
    std::vector<TableSink*> sinks()
    {
        std::vector<TableSink*> out;
        for (auto& f : files)
            out.push_back(&f->sink());
        return out;
    }
    Result<void> commit()
    {
        for (auto& f : files)
            if (auto c = f->commit(); !c)
                return c;
        return {};
    }
};

/// Writes the project JSON document to `path` atomically.
Result<void> write_project_file(project::Session& s, const ExportSelection& sel,
                                const DatasetOptions& o, const ExportInfo& info,
                                const fs::path& path)
{
    AtomicFile file(path);
    if (auto c = file.created(); !c)
        return c;
    file.close_fd();
    {
        std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
        // A large buffer: the document is written record by record.
        std::vector<char> buffer(1 << 20);
        out.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        if (auto w = write_project_json(s, sel, o, info, out); !w)
            return w;
        out.close();
        if (!out)
            return write_error(ErrorCode::Io, path, std::strerror(errno));
    }
    return file.commit();
}

/// Runs the steps of an export, reporting progress and noticing cancellation.
class Job
{
public:
    Job(project::Session& s, const ExportRequest& r, const ExportProgressFn& progress)
        : m_session(s), m_request(r), m_progress(progress)
    {
    }

    Result<void> prepare()
    {
        auto sel = select_export(m_session, m_request.options);
        if (!sel)
            return sel.error();
        m_selection = std::move(*sel);
        m_info = export_info(m_session, m_selection, m_request.options);
        return {};
    }
    /// How many steps the export has: one per transcript of each pass over the project, and
    /// one per file written after.
    void set_total(std::size_t steps) { m_total = steps; }
    std::size_t transcripts() const { return m_selection.transcripts.size(); }

    /// Says a step begins; Cancelled when the user has cancelled.
    Result<void> step(const std::string& what)
    {
        m_step = what;
        if (!report())
            return make_error(ErrorCode::Cancelled, "the export was cancelled");
        ++m_done;
        return {};
    }
    void finished()
    {
        m_done = m_total;
        m_step = "done";
        report();
    }
    std::function<bool()> keep_going()
    {
        return [this] { return report(); };
    }

    /// Streams the tables `names` in one pass over the project, table i into every sink of
    /// sinks[i]; counts each table's rows into `rows` (when given) and steps once per
    /// transcript.
    Result<void> stream(const std::vector<std::string>& names,
                        const std::vector<std::vector<TableSink*>>& sinks,
                        std::vector<std::size_t>* rows)
    {
        std::vector<std::unique_ptr<CountSink>> counts;
        std::vector<std::unique_ptr<TeeSink>> tees;
        std::vector<TableSink*> outs;
        if (rows)
            rows->assign(names.size(), 0);
        for (std::size_t i = 0; i < names.size(); ++i)
        {
            auto each = sinks[i];
            if (rows)
            {
                counts.push_back(std::make_unique<CountSink>((*rows)[i]));
                each.push_back(counts.back().get());
            }
            tees.push_back(std::make_unique<TeeSink>(each, keep_going()));
            outs.push_back(tees.back().get());
        }
        return stream_datasets(m_session, m_selection, names, m_request.options, outs,
                               [this]
                               {
                                   ++m_done;
                                   return report();
                               });
    }

    project::Session& session() { return m_session; }
    const ExportRequest& request() const { return m_request; }
    const ExportSelection& selection() const { return m_selection; }
    const ExportInfo& info() const { return m_info; }
    ExportSummary& summary() { return m_summary; }

private:
    bool report() { return !m_progress || m_progress(ExportProgress{m_done, m_total, m_step}); }

    project::Session& m_session;
    const ExportRequest& m_request;
    const ExportProgressFn& m_progress;
    ExportSelection m_selection;
    ExportInfo m_info;
    ExportSummary m_summary;
    std::size_t m_done = 0;
    std::size_t m_total = 0;
    std::string m_step;
};

/// One table (the dictionary included) into `sinks`.
Result<void> stream_one(Job& job, const std::string& name, std::vector<TableSink*> sinks)
{
    if (name == "dictionary")
    {
        TeeSink tee(std::move(sinks));
        return stream_dataset(job.session(), job.selection(), name, job.request().options, tee);
    }
    std::vector<std::size_t> rows;
    auto r = job.stream({name}, {std::move(sinks)}, &rows);
    job.summary().rows += rows.empty() ? 0 : rows.front();
    return r;
}

Result<void> export_one(Job& job)
{
    const ExportRequest& r = job.request();
    const ExportFormat format = r.formats.front();
    if (auto p = job.step("writing " + r.out.filename().string()); !p)
        return p;
    if (is_project(r.dataset))
    {
        if (auto w =
                write_project_file(job.session(), job.selection(), r.options, job.info(), r.out);
            !w)
            return w;
    }
    else if (format == ExportFormat::Xlsx)
    {
        XlsxBook book(job.info(), r.out);
        HeadSink head;
        if (auto s = stream_one(job, r.dataset, {&book.sheets(), &head}); !s)
            return s;
        const DataTable dictionary = build_dictionary({head.table()});
        if (auto f = book.finish(r.dataset == "dictionary" ? nullptr : &dictionary); !f)
            return f;
        if (auto c = book.commit(); !c)
            return c;
    }
    else
    {
        FileSink file(format, r.out, job.info(), r.excel_csv);
        if (auto s = stream_one(job, r.dataset, {&file.sink()}); !s)
            return s;
        if (auto c = file.commit(); !c)
            return c;
    }
    job.summary().files.push_back(r.out);
    return {};
}

std::string readme(const Job& job, const std::vector<std::pair<std::string, std::string>>& files)
{
    const ExportInfo& info = job.info();
    std::ostringstream o;
    o << kReadmeTitle << "\n" << std::string(std::string_view(kReadmeTitle).size(), '=') << "\n\n";
    o << "Exported by Attune " << info.attune_version << " at " << info.exported_at
      << " (UTC)\nfrom the project " << info.project_file << " (uuid " << info.project_uuid
      << ").\n\nSchemes:\n";
    for (const auto& [id, version] : info.schemes)
        o << "  " << id << " " << version << "\n";
    o << "\nFilters: " << (info.filters.empty() ? "none, the whole project" : "") << "\n";
    for (const auto& f : info.filters)
        o << "  " << f << "\n";
    o << "\nTranscript text: "
      << (job.request().options.with_text
              ? "INCLUDED. These files hold interview text: treat them as confidential."
              : "not included (the passages' positions only).")
      << "\n\nFiles:\n";
    std::size_t width = 0;
    for (const auto& f : files)
        width = std::max(width, f.first.size());
    for (const auto& [name, what] : files)
        o << "  " << name << std::string(width - name.size() + 2, ' ') << what << "\n";
    o << "\nMissing values: -9 means \"not scorable\" and is declared user-missing (in .sav a\n"
         "discrete missing value, in .dta the extended missing value .a, labelled in both);\n"
         "an empty cell means \"not yet rated\" (system-missing). The dictionary lists every\n"
         "variable with its label, value labels, missing codes and source in the scheme.\n"
         "Attune's docs/export.md describes each dataset and how to read each format in R\n"
         "(haven), SPSS, Stata and pandas.\n";
    return o.str();
}

std::string describe_table(const DataTable& head, std::size_t rows)
{
    return head.label + " (" + std::to_string(rows) + " rows, " +
           std::to_string(head.variables.size()) + " variables)";
}

/// Writes every dataset into `dir` (a new, empty folder).
Result<void> export_all_into(Job& job, const fs::path& dir)
{
    const ExportRequest& r = job.request();
    std::unique_ptr<XlsxBook> book;
    if (has(r.formats, ExportFormat::Xlsx))
        book = std::make_unique<XlsxBook>(job.info(), dir / "datasets.xlsx");
    std::vector<DataTable> heads;
    std::vector<std::pair<std::string, std::string>> listing;
    auto list = [&](const std::vector<fs::path>& paths, const std::string& what)
    {
        for (const auto& p : paths)
        {
            listing.emplace_back(p.filename().string(), what);
            job.summary().files.push_back(job.request().out / p.filename());
        }
    };
    // Every table but the dictionary, in every format but .xlsx, in one pass over the project.
    std::vector<std::string> names;
    for (const char* name : kDatasetNames)
        if (std::string_view(name) != "dictionary")
            names.emplace_back(name);
    std::vector<std::unique_ptr<TableFiles>> table_files;
    std::vector<HeadSink> head(names.size());
    std::vector<std::vector<TableSink*>> sinks;
    for (std::size_t i = 0; i < names.size(); ++i)
    {
        table_files.push_back(
            std::make_unique<TableFiles>(r.formats, dir, names[i], job.info(), r.excel_csv));
        sinks.push_back(table_files.back()->sinks());
        sinks.back().push_back(&head[i]);
    }
    std::vector<std::size_t> rows;
    if (auto p = job.step("writing the tables"); !p)
        return p;
    if (auto s = job.stream(names, sinks, &rows); !s)
        return s;
    for (std::size_t i = 0; i < names.size(); ++i)
    {
        if (auto c = table_files[i]->commit(); !c)
            return c;
        list(table_files[i]->paths, describe_table(head[i].table(), rows[i]));
        heads.push_back(std::move(head[i].table()));
        job.summary().rows += rows[i];
    }
    // An Excel book takes its sheets one after another: a pass per table.
    for (std::size_t i = 0; book && i < names.size(); ++i)
    {
        if (auto p = job.step("writing datasets.xlsx: " + names[i]); !p)
            return p;
        if (auto s = job.stream({names[i]}, {{&book->sheets()}}, nullptr); !s)
            return s;
    }
    if (auto p = job.step("writing the dictionary"); !p)
        return p;
    const DataTable dictionary = build_dictionary(heads);
    TableFiles files(r.formats, dir, "dictionary", job.info(), r.excel_csv);
    TeeSink tee(files.sinks());
    if (auto s = replay(dictionary, tee); !s)
        return s;
    if (auto c = files.commit(); !c)
        return c;
    list(files.paths, describe_table(dictionary, dictionary.rows.size()));
    if (book)
    {
        if (auto f = book->finish(&dictionary); !f)
            return f;
        if (auto c = book->commit(); !c)
            return c;
        list({dir / "datasets.xlsx"}, "Every table above as a sheet, the dictionary, and an "
                                      "\"about\" sheet saying what was exported");
    }
    if (has(r.formats, ExportFormat::Json))
    {
        if (auto p = job.step("writing project.json"); !p)
            return p;
        if (auto w = write_project_file(job.session(), job.selection(), r.options, job.info(),
                                        dir / "project.json");
            !w)
            return w;
        list({dir / "project.json"}, "The whole export as one JSON document "
                                     "(docs/schemas/attune-project.schema.json)");
    }
    return write_file_atomic(dir / "README.txt", readme(job, listing));
}

/// A new empty folder beside `out`, removed (with what is in it) unless released.
class TempDir
{
public:
    explicit TempDir(const fs::path& out)
    {
        const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
        std::string name = (parent / ("." + out.filename().string() + ".XXXXXX")).string();
        if (::mkdtemp(name.data()) != nullptr)
        {
            m_path = name;
            // mkdtemp gives 0700; the export is an ordinary folder (0777 less the umask).
            ::chmod(name.c_str(), 0777 & ~creation_mask());
        }
        else
            m_errno = errno;
    }
    ~TempDir()
    {
        if (!m_path.empty())
        {
            std::error_code ec;
            fs::remove_all(m_path, ec);
        }
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return m_path; }
    int error() const { return m_errno; }
    void release() { m_path.clear(); }

private:
    fs::path m_path;
    int m_errno = 0;
};

/// Puts the finished folder `temp` where `out` is; an earlier export there goes only after.
Result<void> replace_folder(TempDir& temp, const fs::path& out)
{
    std::error_code ec;
    if (!fs::exists(out, ec) || fs::is_empty(out, ec))
    {
        // rename(2) replaces an empty folder.
        if (::rename(temp.path().c_str(), out.c_str()) != 0)
            return write_error(ErrorCode::Io, out, std::strerror(errno));
        temp.release();
        return {};
    }
    TempDir old(out); // an empty folder that the earlier export is renamed onto
    if (old.path().empty())
        return write_error(ErrorCode::Io, out, std::strerror(old.error()));
    if (::rename(out.c_str(), old.path().c_str()) != 0)
        return write_error(ErrorCode::Io, out, std::strerror(errno));
    if (::rename(temp.path().c_str(), out.c_str()) != 0)
    {
        const int err = errno;
        ::rename(old.path().c_str(), out.c_str());
        return write_error(ErrorCode::Io, out, std::strerror(err));
    }
    temp.release();
    return {}; // `old` removes the earlier export
}

Result<void> export_all(Job& job)
{
    const fs::path& out = job.request().out;
    TempDir temp(out);
    if (temp.path().empty())
        return write_error(ErrorCode::Io, out, std::strerror(temp.error()));
    if (auto w = export_all_into(job, temp.path()); !w)
    {
        // Name the folder the user chose, not the temporary one that goes away.
        Error e = w.error();
        const std::string from = temp.path().string(), to = out.string();
        std::vector<std::string*> texts = {&e.message};
        if (e.where)
            texts.push_back(&e.where->path);
        for (std::string* s : texts)
            for (std::size_t at = s->find(from); at != std::string::npos;
                 at = s->find(from, at + to.size()))
                s->replace(at, from.size(), to);
        return e;
    }
    return replace_folder(temp, out);
}

} // namespace

const char* to_string(ExportFormat f) noexcept
{
    switch (f)
    {
    case ExportFormat::Csv: return "csv";
    case ExportFormat::Sav: return "sav";
    case ExportFormat::Dta: return "dta";
    case ExportFormat::Xlsx: return "xlsx";
    case ExportFormat::Json: return "json";
    }
    return "?";
}

std::optional<ExportFormat> parse_export_format(std::string_view name)
{
    for (const ExportFormat f : kExportFormats)
        if (name == to_string(f))
            return f;
    return std::nullopt;
}

const char* describe(ExportFormat f) noexcept
{
    switch (f)
    {
    case ExportFormat::Csv: return "CSV (R, pandas, Excel)";
    case ExportFormat::Sav: return "SPSS (.sav)";
    case ExportFormat::Dta: return "Stata (.dta)";
    case ExportFormat::Xlsx: return "Excel workbook (.xlsx)";
    case ExportFormat::Json: return "JSON";
    }
    return "?";
}

Result<void> check_export_request(const ExportRequest& r)
{
    if (!r.all && !known_dataset(r.dataset))
        return invalid("no dataset '" + r.dataset + "'");
    if (r.formats.empty())
        return invalid("no format chosen");
    if (!r.all && r.formats.size() > 1)
        return invalid("one format for one dataset; write several formats with all datasets");
    if (!r.all && is_project(r.dataset) && r.formats.front() != ExportFormat::Json)
        return invalid("the project dataset is written as JSON only");
    if (r.excel_csv && !has(r.formats, ExportFormat::Csv))
        return invalid("CSV for Excel applies to the CSV format only");
    if (r.out.empty())
        return invalid("no file or folder to write");
    std::error_code ec;
    const auto status = fs::status(r.out, ec);
    if (!r.all && fs::is_directory(status))
        return make_error(ErrorCode::Conflict,
                          r.out.string() + " is a folder; name the file to write");
    if (r.all && fs::exists(status))
    {
        if (!fs::is_directory(status))
            return make_error(ErrorCode::Conflict,
                              r.out.string() + " is a file; name a folder to write into");
        if (!fs::is_empty(r.out, ec) && !is_export_folder(r.out))
            return make_error(ErrorCode::Conflict,
                              r.out.string() +
                                  " holds other files; export into a new or empty folder, or "
                                  "one an earlier Attune export wrote");
    }
    return {};
}

Result<ExportSummary> run_export(project::Session& s, const ExportRequest& r,
                                 const ExportProgressFn& progress)
{
    if (auto c = check_export_request(r); !c)
        return c.error();
    Job job(s, r, progress);
    if (auto p = job.prepare(); !p)
        return p.error();
    // A step per transcript of each pass over the project (one for the tables, one per table
    // for an Excel book), and one per step begun (tables, sheets, dictionary, project.json).
    const std::size_t tables = std::size(kDatasetNames) - 1;
    const bool xlsx = has(r.formats, ExportFormat::Xlsx);
    const std::size_t passes = r.all ? 1 + (xlsx ? tables : 0) : 1;
    const std::size_t begun =
        r.all ? 2 + (xlsx ? tables : 0) + (has(r.formats, ExportFormat::Json) ? 1 : 0) : 1;
    job.set_total(passes * job.transcripts() + begun);
    if (auto w = r.all ? export_all(job) : export_one(job); !w)
        return w.error();
    job.summary().out = r.out;
    job.finished();
    return std::move(job.summary());
}

} // namespace attune::io
