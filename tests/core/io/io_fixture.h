// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers for the importer tests: reading fixtures, building zip archives in memory with libzip.

#include <zip.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace attune::test
{

inline std::filesystem::path transcripts_dir()
{
    return std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "transcripts";
}

inline std::string read_bytes(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A zip archive (deflated entries, or stored ones when `store`) holding `entries` (name,
/// content), as bytes.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries,
                            bool store = false)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    REQUIRE(buffer != nullptr);
    zip_source_keep(buffer);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    for (const auto& [name, content] : entries)
    {
        // libzip frees the source once the archive is written; it reads the string then.
        zip_source_t* s = zip_source_buffer(archive, content.data(), content.size(), 0);
        REQUIRE(s != nullptr);
        const zip_int64_t index = zip_file_add(archive, name.c_str(), s, ZIP_FL_ENC_UTF_8);
        REQUIRE(index >= 0);
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                 store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 9);
    }
    REQUIRE(zip_close(archive) == 0);
    REQUIRE(zip_source_open(buffer) == 0);
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    std::string out(static_cast<std::size_t>(size), '\0');
    REQUIRE(zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size)) == size);
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return out;
}

/// A minimal WordprocessingML document around `body` (w:p elements).
inline std::string docx_document(const std::string& body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
           "<w:body>" +
           body + "</w:body></w:document>";
}

/// A minimal OpenDocument content.xml around `body` (text:p elements inside office:text).
inline std::string odt_content(const std::string& body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<office:document-content "
           "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
           "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
           "<office:body><office:text>\n" +
           body + "</office:text></office:body></office:document-content>";
}

} // namespace attune::test
