// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/file_read.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
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
    Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd& operator=(Fd&&) = delete;
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

namespace
{

/// An opened file that passed the type and size checks, ready to read.
struct Opened
{
    Fd fd;
    bool regular;
    std::uint64_t size; ///< st_size of a regular file, else 0
};

Error fail_at(const std::string& shown, ErrorCode code, const std::string& message)
{
    return make_error(code, message, SourceLocation{shown, 0, 0});
}

Result<Opened> open_checked(const std::filesystem::path& path, std::uint64_t max_bytes,
                            const std::string& what, const std::string& shown)
{
    const auto fail = [&](ErrorCode code, const std::string& message)
    { return fail_at(shown, code, message); };
    // O_NONBLOCK keeps open() from waiting for a FIFO's writer before the checks; it is cleared
    // before reading. The type is checked on the opened descriptor, not the name, so a
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
    const std::uint64_t size = regular ? static_cast<std::uint64_t>(st.st_size) : 0;
    if (regular && size > max_bytes)
        return too_large(shown, what, max_bytes, size);
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0)
        (void)::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
    if (!regular)
    {
        // A FIFO opened before its writer would read as empty (end of file at once): wait for
        // the writer's first bytes or its close, as any program reading a pipe waits. (A
        // blocking open() would wait as well, but before the type checks above.)
        pollfd p{fd.get(), POLLIN, 0};
        while (::poll(&p, 1, -1) < 0 && errno == EINTR)
        {
        }
    }
    return Opened{std::move(fd), regular, size};
}

// Reads to the end, straight into the string: a regular file's size is reserved (and one byte
// more, to see the end without growing), a pipe grows it as it delivers.
Result<std::string> read_all(int fd, bool regular, std::uint64_t size, std::uint64_t max_bytes,
                             const std::string& what, const std::string& shown)
{
    std::string out;
    std::size_t used = 0;
    out.resize(regular ? static_cast<std::size_t>(size) + 1 : std::size_t{1} << 16);
    while (true)
    {
        // A pipe's buffer grows to one byte past the limit at most: that byte refuses it.
        if (used == out.size())
            out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(
                2 * static_cast<std::uint64_t>(out.size()), max_bytes + 1)));
        const ssize_t n = ::read(fd, out.data() + used, out.size() - used);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            return fail_at(shown, ErrorCode::Io,
                           std::string("cannot read the file: ") + std::strerror(errno));
        }
        if (n == 0)
            break;
        used += static_cast<std::size_t>(n);
        // Counted as it arrives: a file that grows while being read, or a pipe, stops here.
        if (used > max_bytes)
            return too_large(shown, what, max_bytes, std::nullopt);
    }
    out.resize(used);
    return out;
}

} // namespace

Result<std::string> read_file_limited(const std::filesystem::path& path, std::uint64_t max_bytes,
                                      const std::string& what)
{
    const std::string shown = path.string();
    auto opened = open_checked(path, max_bytes, what, shown);
    if (!opened)
        return opened.error();
    return read_all(opened->fd.get(), opened->regular, opened->size, max_bytes, what, shown);
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : m_map(std::exchange(other.m_map, nullptr)), m_size(std::exchange(other.m_size, 0)),
      m_buffer(std::move(other.m_buffer))
{
}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept
{
    if (this != &other)
    {
        release();
        m_map = std::exchange(other.m_map, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_buffer = std::move(other.m_buffer);
    }
    return *this;
}

void FileBytes::release() noexcept
{
    if (m_map)
        ::munmap(const_cast<char*>(m_map), m_size);
    m_map = nullptr;
    m_size = 0;
    std::string().swap(m_buffer);
}

Result<FileBytes> map_file_limited(const std::filesystem::path& path, std::uint64_t max_bytes,
                                   const std::string& what)
{
    const std::string shown = path.string();
    auto opened = open_checked(path, max_bytes, what, shown);
    if (!opened)
        return opened.error();
    const Fd& fd = opened->fd;
    const bool regular = opened->regular;
    const std::uint64_t size = opened->size;
    // An empty file cannot be mapped; /proc files and the like report size 0 and are read.
    if (regular && size > 0)
    {
        // MAP_POPULATE maps every page of the (usually cached) file in one call instead of a
        // fault per 4 KiB page; the reader goes through it once, front to back.
        void* p = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ,
                         MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
        if (p != MAP_FAILED)
        {
            (void)::madvise(p, static_cast<std::size_t>(size), MADV_SEQUENTIAL);
            FileBytes bytes;
            bytes.m_map = static_cast<const char*>(p);
            bytes.m_size = static_cast<std::size_t>(size);
            return bytes;
        }
    }
    auto text = read_all(fd.get(), regular, size, max_bytes, what, shown);
    if (!text)
        return text.error();
    return FileBytes(std::move(*text));
}

} // namespace attune
