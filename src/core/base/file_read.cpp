// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/file_read.h"

#include <cerrno>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace attune
{

namespace
{

class Fd
{
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

/// `size` is known for a regular file; a pipe is refused as soon as it passes the limit.
Error too_large(const std::string& path, const std::string& what, std::uint64_t max_bytes,
                std::optional<std::uint64_t> size)
{
    return make_error(ErrorCode::TooLarge,
                      size ? what + " is " + std::to_string(*size) + " bytes; the limit is " +
                                 std::to_string(max_bytes) + " bytes"
                           : what + " is larger than the limit of " + std::to_string(max_bytes) +
                                 " bytes",
                      SourceLocation{path, 0, 0});
}

} // namespace

Result<std::string> read_file_limited(const std::filesystem::path& path, std::uint64_t max_bytes,
                                      const std::string& what)
{
    const std::string shown = path.string();
    const auto fail = [&](ErrorCode code, const std::string& message) {
        return make_error(code, message, SourceLocation{shown, 0, 0});
    };
    // O_NONBLOCK keeps open() from waiting for a writer on a FIFO nobody writes to; it is
    // cleared before reading. The type is checked on the opened descriptor, not the name, so a
    // file swapped between check and read cannot slip past.
    const int raw = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (raw < 0)
    {
        const int err = errno;
        if (err == ENOENT)
            return fail(ErrorCode::NotFound, "cannot open the file: no such file");
        if (err == EISDIR)
            return fail(ErrorCode::Io, "is a directory, not " + what);
        return fail(ErrorCode::Io, std::string("cannot open the file: ") + std::strerror(err));
    }
    Fd fd(raw);
    struct stat st
    {
    };
    if (::fstat(fd.get(), &st) != 0)
        return fail(ErrorCode::Io, std::string("cannot read the file: ") + std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(ErrorCode::Io, "is a directory, not " + what);
    const bool regular = S_ISREG(st.st_mode);
    if (!regular && !S_ISFIFO(st.st_mode))
        return fail(ErrorCode::Io, "not a regular file (a device or socket); " + what +
                                       " must be a file or a pipe");
    if (regular && static_cast<std::uint64_t>(st.st_size) > max_bytes)
        return too_large(shown, what, max_bytes, static_cast<std::uint64_t>(st.st_size));
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0)
        (void)::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);

    std::string out;
    if (regular)
        out.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[1 << 16];
    while (true)
    {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            return fail(ErrorCode::Io,
                        std::string("cannot read the file: ") + std::strerror(errno));
        }
        if (n == 0)
            break;
        // Counted as it arrives: a file that grows while being read, or a pipe, stops here.
        if (static_cast<std::uint64_t>(n) > max_bytes - out.size())
            return too_large(shown, what, max_bytes, std::nullopt);
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

} // namespace attune
