// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace attune::store
{

/// Makes SQLite's file locks immune to stray close() calls elsewhere in this process.
///
/// SQLite's unix VFS locks with POSIX advisory locks (fcntl F_SETLK). Those belong to the
/// process and the kernel drops all of them on an inode when *any* descriptor of that inode is
/// closed: a GTK file chooser sniffing the project's folder, a thumbnailer, our own code reading
/// the file. The next process then believes it is alone, checkpoints and deletes the -wal and
/// -shm, and everything this process writes afterwards goes into a deleted file ("How To
/// Corrupt An SQLite Database File", §2.2).
///
/// The guard replaces the VFS's open/close/fcntl system calls (sqlite3_vfs::xSetSystemCall, the
/// documented hook) so that every lock SQLite takes on a file goes to one private descriptor per
/// inode, as an open-file-description lock (Linux F_OFD_SETLK). OFD locks conflict with POSIX
/// locks of other processes exactly as POSIX locks do (so the sqlite3 shell and older Attune
/// builds stay excluded), merge within the descriptor as a process's POSIX locks merge, and are
/// released only when SQLite itself unlocks or closes its last descriptor of that inode, never
/// by somebody else's close(). Idempotent and thread-safe; Database::open calls it.
void install_lock_guard();

/// True once install_lock_guard() has replaced the system calls (false where the platform has
/// no OFD locks, in which case SQLite's own POSIX locking is left as it is).
bool lock_guard_installed();

} // namespace attune::store
