// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/zip_archive.h"

#include "core/io/shared_library.h"

#include "core/io/transcript_import.h"

#include <dlfcn.h>
#include <zip.h>

namespace attune::io::detail
{

namespace
{

// libzip is loaded when the first archive is opened, not when the program starts: its shared
// library brings libcrypto, whose relocations cost a command-line run more than the rest of its
// start-up (bench/README.md). The table's types come from <zip.h>, so a call through it is
// checked like a direct one.
struct LibZip
{
    decltype(&zip_error_init) error_init = nullptr;
    decltype(&zip_error_fini) error_fini = nullptr;
    decltype(&zip_error_strerror) error_strerror = nullptr;
    decltype(&zip_error_code_zip) error_code_zip = nullptr;
    decltype(&zip_source_buffer_create) source_buffer_create = nullptr;
    decltype(&zip_source_free) source_free = nullptr;
    decltype(&zip_open_from_source) open_from_source = nullptr;
    decltype(&zip_discard) discard = nullptr;
    decltype(&zip_get_num_entries) get_num_entries = nullptr;
    decltype(&zip_get_name) get_name = nullptr;
    decltype(&zip_name_locate) name_locate = nullptr;
    decltype(&zip_stat_init) stat_init = nullptr;
    decltype(&zip_stat_index) stat_index = nullptr;
    decltype(&zip_fopen_index) fopen_index = nullptr;
    decltype(&zip_fread) fread = nullptr;
    decltype(&zip_fclose) fclose = nullptr;
    decltype(&zip_get_error) get_error = nullptr;
    decltype(&zip_file_get_error) file_get_error = nullptr;
    // Writing (io/refi_export: the .qdpx container).
    decltype(&zip_open) open = nullptr;
    decltype(&zip_source_buffer) source_buffer = nullptr;
    decltype(&zip_file_add) file_add = nullptr;
    decltype(&zip_set_file_compression) set_file_compression = nullptr;
    decltype(&zip_close) close = nullptr;
    decltype(&zip_strerror) strerror = nullptr;
    std::string problem; ///< why it could not be loaded; empty when loaded
};

// Loaded once and kept for the life of the program (never dlclose'd: archives may be open).
const LibZip& libzip()
{
    static const LibZip lib = []
    {
        LibZip z;
        // libzip 1.x is soname 4 (Debian 12's libzip4) or 5 (1.10 and later); the functions
        // used here are the same in both.
        void* handle = detail::open_library({"libzip.so.4", "libzip.so.5"}, z.problem);
        if (handle == nullptr)
            return z;
        detail::bind(handle, z.error_init, "zip_error_init", z.problem, "libzip");
        detail::bind(handle, z.error_fini, "zip_error_fini", z.problem, "libzip");
        detail::bind(handle, z.error_strerror, "zip_error_strerror", z.problem, "libzip");
        detail::bind(handle, z.error_code_zip, "zip_error_code_zip", z.problem, "libzip");
        detail::bind(handle, z.source_buffer_create, "zip_source_buffer_create", z.problem,
                     "libzip");
        detail::bind(handle, z.source_free, "zip_source_free", z.problem, "libzip");
        detail::bind(handle, z.open_from_source, "zip_open_from_source", z.problem, "libzip");
        detail::bind(handle, z.discard, "zip_discard", z.problem, "libzip");
        detail::bind(handle, z.get_num_entries, "zip_get_num_entries", z.problem, "libzip");
        detail::bind(handle, z.get_name, "zip_get_name", z.problem, "libzip");
        detail::bind(handle, z.name_locate, "zip_name_locate", z.problem, "libzip");
        detail::bind(handle, z.stat_init, "zip_stat_init", z.problem, "libzip");
        detail::bind(handle, z.stat_index, "zip_stat_index", z.problem, "libzip");
        detail::bind(handle, z.fopen_index, "zip_fopen_index", z.problem, "libzip");
        detail::bind(handle, z.fread, "zip_fread", z.problem, "libzip");
        detail::bind(handle, z.fclose, "zip_fclose", z.problem, "libzip");
        detail::bind(handle, z.get_error, "zip_get_error", z.problem, "libzip");
        detail::bind(handle, z.file_get_error, "zip_file_get_error", z.problem, "libzip");
        detail::bind(handle, z.open, "zip_open", z.problem, "libzip");
        detail::bind(handle, z.source_buffer, "zip_source_buffer", z.problem, "libzip");
        detail::bind(handle, z.file_add, "zip_file_add", z.problem, "libzip");
        detail::bind(handle, z.set_file_compression, "zip_set_file_compression", z.problem,
                     "libzip");
        detail::bind(handle, z.close, "zip_close", z.problem, "libzip");
        detail::bind(handle, z.strerror, "zip_strerror", z.problem, "libzip");
        return z;
    }();
    return lib;
}

constexpr zip_int64_t kMaxEntries = 10000;
// Below this, a high ratio is just a small repetitive file, not a bomb.
constexpr std::uint64_t kRatioFloor = 1024 * 1024;

bool unsafe_name(std::string_view name)
{
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos)
        return true;
    if (name.size() >= 2 && name[1] == ':')
        return true;
    std::size_t start = 0;
    for (;;)
    {
        const std::size_t slash = name.find('/', start);
        const std::string_view part = name.substr(start, slash - start);
        if (part == "..")
            return true;
        if (slash == std::string_view::npos)
            return false;
        start = slash + 1;
    }
}

std::string libzip_message(zip_error_t* error)
{
    const char* s = libzip().error_strerror(error);
    return s != nullptr ? s : "unknown zip error";
}

} // namespace

struct ZipArchive::Impl
{
    zip_t* archive = nullptr;
    std::string source;

    ~Impl()
    {
        if (archive != nullptr)
            libzip().discard(archive);
    }
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : m_impl(std::move(impl))
{
}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::open(std::string_view bytes, const std::string& source_name)
{
    const LibZip& z = libzip();
    if (!z.problem.empty())
        return make_error(ErrorCode::Unsupported,
                          "cannot read .docx or .odt files: libzip is not available (" + z.problem +
                              ")",
                          SourceLocation{source_name, 0, 0});
    zip_error_t error;
    z.error_init(&error);
    zip_source_t* source = z.source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr)
    {
        const std::string message = libzip_message(&error);
        z.error_fini(&error);
        return make_error(ErrorCode::Internal, source_name + ": " + message);
    }
    zip_t* archive = z.open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive == nullptr)
    {
        z.source_free(source);
        const std::string message = libzip_message(&error);
        z.error_fini(&error);
        return make_error(ErrorCode::Unsupported,
                          "not a readable zip archive (" + message +
                              "); .docx and .odt files are zip archives",
                          SourceLocation{source_name, 0, 0});
    }
    z.error_fini(&error);
    auto impl = std::make_unique<Impl>();
    impl->archive = archive;
    impl->source = source_name;

    const zip_int64_t count = z.get_num_entries(archive, 0);
    if (count < 0 || count > kMaxEntries)
        return make_error(ErrorCode::DataInvalid,
                          "the archive has " + std::to_string(count) + " entries (at most " +
                              std::to_string(kMaxEntries) + " are read)",
                          SourceLocation{source_name, 0, 0});
    for (zip_int64_t i = 0; i < count; ++i)
    {
        const char* name = z.get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (name == nullptr || unsafe_name(name))
            return make_error(ErrorCode::DataInvalid,
                              "unsafe entry name '" + std::string(name ? name : "") +
                                  "' in the archive (absolute or '..' path)",
                              SourceLocation{source_name, 0, 0});
    }
    return ZipArchive(std::move(impl));
}

std::vector<std::string> ZipArchive::names() const
{
    const LibZip& z = libzip();
    std::vector<std::string> out;
    const zip_int64_t count = z.get_num_entries(m_impl->archive, 0);
    for (zip_int64_t i = 0; i < count; ++i)
        if (const char* name =
                z.get_name(m_impl->archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW))
            out.emplace_back(name);
    return out;
}

Result<std::optional<std::string>> ZipArchive::read(const std::string& entry,
                                                    std::uint64_t max_size) const
{
    const LibZip& z = libzip();
    zip_t* archive = m_impl->archive;
    const SourceLocation where{m_impl->source + "!/" + entry, 0, 0};
    const zip_int64_t index = z.name_locate(archive, entry.c_str(), 0);
    if (index < 0)
        return std::optional<std::string>();
    zip_stat_t st;
    z.stat_init(&st);
    if (z.stat_index(archive, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
        (st.valid & ZIP_STAT_SIZE) == 0 || (st.valid & ZIP_STAT_COMP_SIZE) == 0)
        return make_error(ErrorCode::DataInvalid, "cannot read the entry's size", where);
    if (st.size > max_size)
        return make_error(ErrorCode::TooLarge,
                          "entry of " + std::to_string(st.size) + " bytes exceeds the limit of " +
                              std::to_string(max_size) + " bytes",
                          where);
    if (st.size > kRatioFloor && (st.comp_size == 0 || st.size / st.comp_size > kMaxZipRatio))
        return make_error(ErrorCode::DataInvalid,
                          "entry expands " + std::to_string(st.size) + " : " +
                              std::to_string(st.comp_size) + ", more than " +
                              std::to_string(kMaxZipRatio) + " : 1 (a zip bomb?)",
                          where);

    zip_file_t* file = z.fopen_index(archive, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr)
    {
        zip_error_t* error = z.get_error(archive);
        const int code = z.error_code_zip(error);
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
            return make_error(ErrorCode::Unsupported, "the document is encrypted", where);
        return make_error(ErrorCode::DataInvalid,
                          "cannot open the entry (" + libzip_message(error) + ")", where);
    }
    std::string data(static_cast<std::size_t>(st.size), '\0');
    std::size_t got = 0;
    while (got < data.size())
    {
        const zip_int64_t n = z.fread(file, data.data() + got, data.size() - got);
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    // The declared size is what the bomb check trusted: data beyond it is refused, unread.
    char extra = 0;
    const zip_int64_t beyond = got == data.size() ? z.fread(file, &extra, 1) : 0;
    std::string message;
    if (got != data.size() || beyond < 0)
        message = "corrupt entry (" + libzip_message(z.file_get_error(file)) + ")";
    else if (beyond > 0)
        message = "entry holds more data than its declared " + std::to_string(st.size) + " bytes";
    z.fclose(file);
    if (!message.empty())
        return make_error(ErrorCode::DataInvalid, message, where);
    return std::optional<std::string>(std::move(data));
}

Result<void> write_zip(const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& entries)
{
    const LibZip& z = libzip();
    const SourceLocation where{path, 0, 0};
    if (!z.problem.empty())
        return make_error(ErrorCode::Unsupported,
                          "cannot write a zip archive: libzip is not available (" + z.problem + ")",
                          where);
    int code = 0;
    zip_t* archive = z.open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (archive == nullptr)
        return make_error(ErrorCode::Io,
                          "cannot create the archive (libzip error " + std::to_string(code) + ")",
                          where);
    for (const auto& [name, content] : entries)
    {
        // libzip reads the bytes when the archive is closed; `entries` outlives that.
        zip_source_t* s = z.source_buffer(archive, content.data(), content.size(), 0);
        const zip_int64_t index =
            s == nullptr ? -1 : z.file_add(archive, name.c_str(), s, ZIP_FL_ENC_UTF_8);
        if (index < 0)
        {
            const std::string message = z.strerror(archive);
            if (s != nullptr)
                z.source_free(s);
            z.discard(archive);
            return make_error(ErrorCode::Io, "cannot add '" + name + "': " + message, where);
        }
        z.set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6);
    }
    if (z.close(archive) != 0)
    {
        const std::string message = z.strerror(archive);
        z.discard(archive);
        return make_error(ErrorCode::Io, "cannot write the archive: " + message, where);
    }
    return {};
}

} // namespace attune::io::detail
