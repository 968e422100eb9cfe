// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace attune::io
{

namespace fs = std::filesystem;

unsigned creation_mask()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("Umask:", 0) == 0)
            return static_cast<unsigned>(std::stoul(line.substr(6), nullptr, 8));
    return 022;
}

Error write_error(ErrorCode code, const fs::path& path, const std::string& what)
{
    return make_error(code, "cannot write " + path.string() + ": " + what,
                      SourceLocation{path.string(), 0, 0});
}

AtomicFile::AtomicFile(fs::path target) : m_target(std::move(target))
{
    const fs::path dir = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
    std::string name = (dir / ("." + m_target.filename().string() + ".XXXXXX")).string();
    m_fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (m_fd >= 0)
        m_temp = name;
    else
        m_errno = errno;
}

AtomicFile::~AtomicFile()
{
    close_fd();
    if (!m_temp.empty())
        ::unlink(m_temp.c_str());
}

Result<void> AtomicFile::created() const
{
    if (m_temp.empty())
        return write_error(ErrorCode::Io, m_target, std::strerror(m_errno));
    return {};
}

void AtomicFile::close_fd()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

Result<void> AtomicFile::write(std::string_view bytes)
{
    for (std::size_t done = 0; done < bytes.size();)
    {
        const ssize_t n = ::write(m_fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return write_error(ErrorCode::Io, m_target, std::strerror(n < 0 ? errno : ENOSPC));
        done += static_cast<std::size_t>(n);
    }
    return {};
}

Result<void> AtomicFile::commit()
{
    if (auto c = created(); !c)
        return c;
    // Without the fsync a crash soon after the rename may leave the target's name on a file
    // whose data never reached the disk.
    const int fd = m_fd >= 0 ? m_fd : ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    const int sync_errno = errno;
    if (fd != m_fd && fd >= 0)
        ::close(fd);
    if (!synced)
        return write_error(ErrorCode::Io, m_target, std::strerror(sync_errno));
    const bool closed = m_fd < 0 || ::close(m_fd) == 0;
    m_fd = -1;
    if (!closed)
        return write_error(ErrorCode::Io, m_target, std::strerror(errno));
    // mkstemp gives mode 0600; an export is an ordinary document, so it gets the mode a new
    // file would get under the umask.
    ::chmod(m_temp.c_str(), 0666 & ~creation_mask());
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0)
        return write_error(ErrorCode::Io, m_target, std::strerror(errno));
    m_temp.clear();
    return {};
}

Result<void> write_file_atomic(const fs::path& path, std::string_view content)
{
    AtomicFile file(path);
    if (auto c = file.created(); !c)
        return c;
    if (auto w = file.write(content); !w)
        return w;
    return file.commit();
}

} // namespace attune::io
