// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/store/ids.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace attune::store
{

/// An SQLite failure inside an operation that cannot sensibly continue (I/O error, constraint
/// violation that the caller should have prevented, busy after the timeout). Thrown, so that the
/// enclosing Transaction rolls back; the project layer turns it into an Error at the boundary.
class StoreError : public std::runtime_error
{
public:
    StoreError(int sqlite_code, const std::string& message)
        : std::runtime_error(message), m_code(sqlite_code)
    {
    }
    /// The primary SQLite result code (SQLITE_BUSY, SQLITE_IOERR, ...).
    int sqlite_code() const noexcept { return m_code & 0xff; }
    /// The extended SQLite result code (e.g. SQLITE_CONSTRAINT_UNIQUE).
    int extended_code() const noexcept { return m_code; }
    /// True when another connection held the lock for longer than the busy timeout.
    bool busy() const noexcept;
    /// True when the project could not be written because it is read-only (SQLITE_READONLY).
    bool read_only() const noexcept;
    /// The Error a user sees for this failure (StoreBusy, StoreCorrupt or Io).
    Error to_error() const;

private:
    int m_code;
};

/// How Database::open treats a missing file.
enum class OpenMode
{
    ExistingOnly, ///< the file must exist (NotFound otherwise)
    CreateNew,    ///< the file must not exist (Conflict otherwise)
    /// the file must exist and is only read, as a file in a read-only place is (see Database):
    /// nothing is ever written to it or beside it, e.g. a coder's package being merged
    ReadOnly,
    /// the file must exist and is only read, by an ordinary reader of the live file (SQLite may
    /// make its -wal and -shm beside it, as for any reader); in a read-only place, as ReadOnly.
    /// For commands that only read a project, e.g. `attune-cli report`
    ReadShared,
};

/// The identity and last change of a file (device, inode, size, modification and status-change
/// times), to tell whether a file changed between two looks.
struct FileState
{
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::int64_t size = 0;
    std::int64_t modified_ns = 0;
    std::int64_t changed_ns = 0;
    bool operator==(const FileState&) const = default;
};

/// An open SQLite connection (RAII, move-only). Invariant: m_db is a valid handle or null after a
/// move. Every connection has foreign keys on and a busy timeout.
///
/// A project in a read-only place (the file, its folder or its file system not writable by this
/// process, or a -wal/-shm companion that is not) is opened read-only, never read-write, so that
/// reading it neither fails nor leaves companions behind that a later writer cannot use:
/// - with a -wal, -shm or -journal present (another program has it open, or crashed), SQLite
///   opens the live file SQLITE_OPEN_READONLY and reads through the existing companions;
/// - with none present, SQLite could read only with `immutable=1` (it cannot create the -shm,
///   or would create read-only companions that block the next writer), which is unsafe if
///   another process writes meanwhile. So the file is copied, immutable, into a private
///   in-memory database, and the copy is kept only if the file did not change during the copy
///   and no companion appeared (otherwise it is taken again, or the live file is opened). The
///   copy is a snapshot: snapshot_outdated() says when the file has changed since.
/// Writes to a read-only connection throw StoreError(SQLITE_READONLY) naming the reason.
class Database
{
public:
    /// Opens (or creates) the file; an existing file in a read-only place is opened read-only
    /// (see above). Errors: NotFound, Conflict, Io (including "the folder is read-only" for
    /// CreateNew), StoreCorrupt (not a database).
    [[nodiscard]] static Result<Database> open(const std::filesystem::path& path, OpenMode mode,
                                               int busy_timeout_ms = 5000);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more statements without results; throws StoreError.
    void exec(std::string_view sql);
    /// Runs a single-value query (e.g. a PRAGMA) and returns its first column as text.
    std::string query_text(std::string_view sql);
    std::int64_t query_int(std::string_view sql);

    std::int64_t last_insert_rowid() const;
    int changes() const;
    const std::filesystem::path& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

    /// True when this connection cannot change the project (see the class comment).
    bool read_only() const { return !m_read_only_reason.empty(); }
    /// Why, in words such as "the file is read-only" or "its folder is read-only"; "" when the
    /// connection can write.
    const std::string& read_only_reason() const { return m_read_only_reason; }
    /// The message every refused write carries: "the project is read-only (REASON); nothing was
    /// changed". Empty when the connection can write.
    std::string read_only_message() const;
    /// True when the connection reads a private in-memory copy of the file taken at open.
    bool is_snapshot() const { return m_snapshot.has_value(); }
    /// True for a snapshot whose file has changed since the copy was taken (or gained a -wal,
    /// -shm or -journal, i.e. a program has opened it): re-open to see the current state.
    bool snapshot_outdated() const;

    /// Copies the whole database to `target` with the online backup API (consistent snapshot).
    /// The copy is written as `target.partial` and renamed when complete, so a process killed
    /// half-way never leaves a partial file under the target's name (an existing target is
    /// replaced only by the finished copy). Errors: Io.
    [[nodiscard]] Result<void> backup_to(const std::filesystem::path& target);

private:
    Database(sqlite3* db, std::filesystem::path path) : m_db(db), m_path(std::move(path)) {}
    [[nodiscard]] static Result<Database> open_read_only(const std::filesystem::path& path,
                                                         std::string reason, int busy_timeout_ms);
    /// Sets the connection up and reads the schema (the first access of the file's header).
    [[nodiscard]] Result<void> configure(int busy_timeout_ms);

    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
    std::string m_read_only_reason;
    std::optional<FileState> m_snapshot; ///< the file as it was when the snapshot was copied
};

/// A prepared statement (RAII). Bind indices are 1-based, column indices 0-based, as in SQLite.
class Statement
{
public:
    Statement(Database& db, std::string_view sql);
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value)
    {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind_null(int index);
    /// Binds bytes as a BLOB (no text encoding is assumed or checked).
    Statement& bind_blob(int index, std::string_view bytes);
    template <class Tag> Statement& bind(int index, RowId<Tag> id)
    {
        return bind(index, id.value());
    }
    template <typename T> Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bind_null(index);
    }

    /// Advances; true while a row is available. Throws StoreError on failure.
    bool step();
    /// Steps a statement that returns no rows.
    void run();
    /// Resets for re-execution and clears bindings.
    void reset();

    bool is_null(int column) const;
    std::int64_t get_int(int column) const;
    double get_double(int column) const;
    std::string get_text(int column) const;
    /// A text column without a copy, valid until the next step, reset or column read.
    std::string_view get_text_view(int column) const;
    /// A BLOB (or any) column's bytes as they are stored.
    std::string get_blob(int column) const;
    std::optional<std::string> get_optional_text(int column) const;
    std::optional<std::int64_t> get_optional_int(int column) const;
    /// An integer column as a typed row id (RowId), e.g. `get_id<TranscriptId>(2)`.
    template <class Id> Id get_id(int column) const { return Id{get_int(column)}; }
    std::optional<double> get_optional_double(int column) const;
    /// The SQLite statement, for reading a column as whatever type it holds (sqlite3_column_*).
    sqlite3_stmt* handle() const { return m_stmt; }

private:
    Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// A write transaction (BEGIN IMMEDIATE, so the write lock is taken up front and a busy project
/// is reported before any work). Rolls back in the destructor unless commit() succeeded. On a
/// read-only Database the constructor throws StoreError(SQLITE_READONLY) with
/// Database::read_only_message(), before anything is written.
class Transaction
{
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

} // namespace attune::store
