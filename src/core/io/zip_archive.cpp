// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/zip_archive.h"

#include "core/io/transcript_import.h"

#include <zip.h>

namespace attune::io::detail
{

namespace
{

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
    const char* s = zip_error_strerror(error);
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
            zip_discard(archive);
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
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr)
    {
        const std::string message = libzip_message(&error);
        zip_error_fini(&error);
        return make_error(ErrorCode::Internal, source_name + ": " + message);
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive == nullptr)
    {
        zip_source_free(source);
        const std::string message = libzip_message(&error);
        zip_error_fini(&error);
        return make_error(ErrorCode::Unsupported,
                          "not a readable zip archive (" + message +
                              "); .docx and .odt files are zip archives",
                          SourceLocation{source_name, 0, 0});
    }
    zip_error_fini(&error);
    auto impl = std::make_unique<Impl>();
    impl->archive = archive;
    impl->source = source_name;

    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0 || count > kMaxEntries)
        return make_error(ErrorCode::DataInvalid,
                          "the archive has " + std::to_string(count) + " entries (at most " +
                              std::to_string(kMaxEntries) + " are read)",
                          SourceLocation{source_name, 0, 0});
    for (zip_int64_t i = 0; i < count; ++i)
    {
        const char* name = zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (name == nullptr || unsafe_name(name))
            return make_error(ErrorCode::DataInvalid,
                              "unsafe entry name '" + std::string(name ? name : "") +
                                  "' in the archive (absolute or '..' path)",
                              SourceLocation{source_name, 0, 0});
    }
    return ZipArchive(std::move(impl));
}

Result<std::optional<std::string>> ZipArchive::read(const std::string& entry,
                                                    std::uint64_t max_size) const
{
    zip_t* archive = m_impl->archive;
    const SourceLocation where{m_impl->source + "!/" + entry, 0, 0};
    const zip_int64_t index = zip_name_locate(archive, entry.c_str(), 0);
    if (index < 0)
        return std::optional<std::string>();
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
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

    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr)
    {
        zip_error_t* error = zip_get_error(archive);
        const int code = zip_error_code_zip(error);
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
            return make_error(ErrorCode::Unsupported, "the document is encrypted", where);
        return make_error(ErrorCode::DataInvalid,
                          "cannot open the entry (" + libzip_message(error) + ")", where);
    }
    std::string data(static_cast<std::size_t>(st.size), '\0');
    std::size_t got = 0;
    while (got < data.size())
    {
        const zip_int64_t n = zip_fread(file, data.data() + got, data.size() - got);
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    // The declared size is what the bomb check trusted: data beyond it is refused, unread.
    char extra = 0;
    const zip_int64_t beyond = got == data.size() ? zip_fread(file, &extra, 1) : 0;
    std::string message;
    if (got != data.size() || beyond < 0)
        message = "corrupt entry (" + libzip_message(zip_file_get_error(file)) + ")";
    else if (beyond > 0)
        message = "entry holds more data than its declared " + std::to_string(st.size) + " bytes";
    zip_fclose(file);
    if (!message.empty())
        return make_error(ErrorCode::DataInvalid, message, where);
    return std::optional<std::string>(std::move(data));
}

} // namespace attune::io::detail
