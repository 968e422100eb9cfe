// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Files that appear complete or not at all: every export writes through here (issue 12).

#include "core/base/result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace attune::io
{

/// A new file under a unique temporary name beside `target` (".NAME.XXXXXX" in the same
/// folder, so the final rename cannot cross file systems). Nothing named `target` changes
/// until commit(); a file not committed is removed when this object goes.
class AtomicFile
{
public:
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Whether the temporary file exists; why not, when it does not (Io, naming the target).
    [[nodiscard]] Result<void> created() const;
    const std::filesystem::path& target() const { return m_target; }
    /// The temporary file's name, for libraries that write by name (libxlsxwriter).
    const std::string& temp_path() const { return m_temp; }
    /// The open descriptor (-1 after close_fd()).
    int fd() const { return m_fd; }
    void close_fd();

    /// Appends bytes through the descriptor. Errors: Io (naming the target and the reason).
    [[nodiscard]] Result<void> write(std::string_view bytes);

    /// Flushes the file to disk (reopening it when the descriptor was closed, as after a
    /// library wrote it by name), gives it the mode a new file gets under the umask, and
    /// renames it over the target. Errors: Io; the target is then unchanged.
    [[nodiscard]] Result<void> commit();

private:
    std::filesystem::path m_target;
    std::string m_temp;
    int m_fd = -1;
    int m_errno = 0;
};

/// Writes `content` to `path` through an AtomicFile. Errors: Io (naming the path and the
/// system's reason); `path` is then as it was.
[[nodiscard]] Result<void> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view content);

/// The process's umask, read without changing it (umask(2) would set it, racing other threads).
unsigned creation_mask();

/// An Io error "cannot write PATH: WHAT" whose location names the path.
Error write_error(ErrorCode code, const std::filesystem::path& path, const std::string& what);

} // namespace attune::io
