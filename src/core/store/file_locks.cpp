// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/file_locks.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace attune::store
{

#if defined(__linux__) && defined(F_OFD_SETLK)

namespace
{

using OpenCall = int (*)(const char*, int, int);
using CloseCall = int (*)(int);
using FcntlCall = int (*)(int, int, ...);

// The VFS's own system calls, saved before they are replaced.
OpenCall g_open = nullptr;
CloseCall g_close = nullptr;
FcntlCall g_fcntl = nullptr;

using InodeKey = std::pair<dev_t, ino_t>;

/// One inode that SQLite has open: how many of SQLite's descriptors refer to it, and the private
/// descriptor (opened lazily, on the first lock) that carries all of this process's locks on it.
struct LockedInode
{
    int descriptors = 0;
    int lock_fd = -1;
};

struct Table
{
    std::mutex mutex;
    pid_t owner = 0; ///< the process the table describes (a forked child starts afresh)
    std::unordered_map<int, InodeKey> by_fd;
    std::map<InodeKey, LockedInode> by_inode;

    // Call with the mutex held. After fork() the child inherits the parent's lock descriptors;
    // locks taken through them would be the parent's, so the child forgets them (its own
    // descriptors are new to it) and opens its own.
    void adopt_process()
    {
        const pid_t me = ::getpid();
        if (owner == me)
            return;
        owner = me;
        for (auto& [key, inode] : by_inode)
            if (inode.lock_fd >= 0)
                ::close(inode.lock_fd);
        by_fd.clear();
        by_inode.clear();
    }
};

Table& table()
{
    static Table* t = new Table; // never destroyed: SQLite may close files during exit
    return *t;
}

int guarded_open(const char* path, int flags, int mode)
{
    const int fd = g_open(path, flags, mode);
    if (fd < 0)
        return fd;
    const int saved = errno;
    struct stat st
    {
    };
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
    {
        Table& t = table();
        std::lock_guard lock(t.mutex);
        t.adopt_process();
        const InodeKey key{st.st_dev, st.st_ino};
        t.by_fd[fd] = key;
        ++t.by_inode[key].descriptors;
    }
    errno = saved;
    return fd;
}

int guarded_close(int fd)
{
    {
        Table& t = table();
        std::lock_guard lock(t.mutex);
        t.adopt_process();
        if (auto it = t.by_fd.find(fd); it != t.by_fd.end())
        {
            const InodeKey key = it->second;
            t.by_fd.erase(it);
            auto inode = t.by_inode.find(key);
            if (inode != t.by_inode.end() && --inode->second.descriptors <= 0)
            {
                // SQLite closes its last descriptor of an inode only when it holds no lock on
                // it (it defers the close otherwise), so nothing is released here that it
                // still relies on.
                if (inode->second.lock_fd >= 0)
                    ::close(inode->second.lock_fd);
                t.by_inode.erase(inode);
            }
        }
    }
    return g_close(fd);
}

/// The descriptor that carries the locks of `fd`'s inode, or -1 when `fd` is not one of
/// SQLite's regular files (its locks then go through unchanged). Call with the mutex held.
int lock_descriptor(Table& t, int fd)
{
    auto it = t.by_fd.find(fd);
    if (it == t.by_fd.end())
        return -1;
    LockedInode& inode = t.by_inode[it->second];
    if (inode.lock_fd < 0)
    {
        // A new open file description of the same inode (through /proc, so it works for a file
        // that was renamed or unlinked meanwhile); read-write where allowed, since a write lock
        // needs a descriptor open for writing.
        char proc[64];
        std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
        int lfd = ::open(proc, O_RDWR | O_CLOEXEC | O_NOCTTY);
        if (lfd < 0)
            lfd = ::open(proc, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (lfd < 0)
            lfd = g_fcntl(fd, F_DUPFD_CLOEXEC, 0); // shares fd's description, which SQLite owns
        if (lfd < 0)
            return -1;
        inode.lock_fd = lfd;
    }
    return inode.lock_fd;
}

int guarded_fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    void* arg = va_arg(ap, void*);
    va_end(ap);

    int ofd_cmd = 0;
    switch (cmd)
    {
    case F_GETLK: ofd_cmd = F_OFD_GETLK; break;
    case F_SETLK: ofd_cmd = F_OFD_SETLK; break;
    case F_SETLKW: ofd_cmd = F_OFD_SETLKW; break;
    default: return g_fcntl(fd, cmd, arg);
    }

    int lfd = -1;
    {
        Table& t = table();
        std::lock_guard lock(t.mutex);
        t.adopt_process();
        lfd = lock_descriptor(t, fd);
    }
    if (lfd < 0)
        return g_fcntl(fd, cmd, arg);

    auto* request = static_cast<struct flock*>(arg);
    struct flock ofd = *request;
    ofd.l_pid = 0; // required by OFD locks
    const int rc = g_fcntl(lfd, ofd_cmd, &ofd);
    if (rc == 0 && cmd == F_GETLK)
        *request = ofd; // the conflicting lock (l_pid is -1 for another OFD lock)
    return rc;
}

bool g_installed = false;

} // namespace

void install_lock_guard()
{
    static std::once_flag once;
    std::call_once(
        once,
        []
        {
            static_assert(sizeof(off_t) == 8, "the lock guard assumes 64-bit file offsets");
            // No memory statistics (Attune reads none): with them every allocation of every
            // connection takes one process-wide mutex, which two threads reading through two
            // connections at once contend for. Refused harmlessly if SQLite already started.
            (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
            if (sqlite3_initialize() != SQLITE_OK)
                return;
            sqlite3_vfs* vfs = sqlite3_vfs_find("unix");
            if (!vfs || vfs->iVersion < 3 || !vfs->xSetSystemCall || !vfs->xGetSystemCall)
                return;
            // The kernel must know OFD locks (Linux 3.15+): probe on a private file.
            {
                char name[] = "/tmp/attune-ofd-probe-XXXXXX";
                const int fd = ::mkstemp(name);
                if (fd >= 0)
                {
                    ::unlink(name);
                    struct flock probe
                    {
                    };
                    probe.l_type = F_WRLCK;
                    probe.l_whence = SEEK_SET;
                    const bool ok = ::fcntl(fd, F_OFD_SETLK, &probe) == 0;
                    ::close(fd);
                    if (!ok)
                        return;
                } // no private file to probe with: every supported kernel has OFD locks
            }
            g_open = reinterpret_cast<OpenCall>(vfs->xGetSystemCall(vfs, "open"));
            g_close = reinterpret_cast<CloseCall>(vfs->xGetSystemCall(vfs, "close"));
            g_fcntl = reinterpret_cast<FcntlCall>(vfs->xGetSystemCall(vfs, "fcntl"));
            if (!g_open || !g_close || !g_fcntl)
                return;
            table().owner = ::getpid();
            vfs->xSetSystemCall(vfs, "open", reinterpret_cast<sqlite3_syscall_ptr>(&guarded_open));
            vfs->xSetSystemCall(vfs, "close",
                                reinterpret_cast<sqlite3_syscall_ptr>(&guarded_close));
            vfs->xSetSystemCall(vfs, "fcntl",
                                reinterpret_cast<sqlite3_syscall_ptr>(&guarded_fcntl));
            g_installed = true;
        });
}

bool lock_guard_installed()
{
    return g_installed;
}

#else

void install_lock_guard()
{
}
bool lock_guard_installed()
{
    return false;
}

#endif

} // namespace attune::store
