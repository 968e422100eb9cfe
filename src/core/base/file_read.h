// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading a whole input file with its size limit enforced while reading, for every reader
// (transcripts, schemes, CSV tables): a device such as /dev/zero or a growing file can never
// make a reader allocate without bound.

#include "core/base/result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace attune
{

/// Reads `path` whole. Regular files and pipes (FIFOs, `/dev/stdin` as a pipe, process
/// substitution) are read, a FIFO after its writer has opened it (waiting, as `cat` does); a
/// directory, a character or block device (/dev/zero) or a socket is refused before reading (Io,
/// "not a regular file"). At most `max_bytes` are accepted: a regular file larger than that is
/// refused from its size, before reading, and a pipe as soon as it delivers one byte more
/// (TooLarge, naming `what` and the limit, e.g. "the CSV file is larger than the limit of 67108864
/// bytes"). Errors carry `path` as their location: NotFound, Io (cannot open or read), TooLarge.
[[nodiscard]] Result<std::string> read_file_limited(const std::filesystem::path& path,
                                                    std::uint64_t max_bytes,
                                                    const std::string& what);

/// The bytes of a whole file: a read-only mapping of a regular file, or a buffer read from
/// a pipe. Move-only; view() stays valid until release() or destruction.
///
/// A mapped file that another process truncates while it is read raises SIGBUS in the reader:
/// the price of not copying the bytes, taken only for the large tables `agree --table` reads,
/// whose reader catches it and reports the file (cli's TruncationGuard); read_file_limited()
/// copies, for every other reader.
class FileBytes
{
public:
    FileBytes() = default;
    explicit FileBytes(std::string bytes) : m_buffer(std::move(bytes)) {}
    FileBytes(FileBytes&& other) noexcept;
    FileBytes& operator=(FileBytes&& other) noexcept;
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    ~FileBytes() { release(); }

    std::string_view view() const noexcept
    {
        return m_map ? std::string_view(m_map, m_size) : std::string_view(m_buffer);
    }
    std::size_t size() const noexcept { return view().size(); }
    /// Unmaps or frees the bytes; view() is empty afterwards.
    void release() noexcept;

private:
    friend Result<FileBytes> map_file_limited(const std::filesystem::path&, std::uint64_t,
                                              const std::string&);
    const char* m_map = nullptr;
    std::size_t m_size = 0;
    std::string m_buffer;
};

/// read_file_limited() without the copy: a regular file is mapped (pre-faulted, read
/// sequentially), a pipe or a file that cannot be mapped is read. The same refusals and
/// errors: NotFound, Io, TooLarge.
[[nodiscard]] Result<FileBytes> map_file_limited(const std::filesystem::path& path,
                                                 std::uint64_t max_bytes, const std::string& what);

} // namespace attune
