// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace attune::store {

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
    /// True when another connection held the lock for longer than the busy timeout.
    bool busy() const noexcept;
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
};

/// An open SQLite connection (RAII, move-only). Invariant: m_db is a valid handle or null after a
/// move. Every connection has foreign keys on and a busy timeout.
class Database
{
public:
    /// Opens (or creates) the file. Errors: NotFound, Conflict, Io, StoreCorrupt (not a database).
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

    /// Copies the whole database to `target` with the online backup API (consistent snapshot).
    /// The copy is written as `target.partial` and renamed when complete, so a process killed
    /// half-way never leaves a partial file under the target's name (an existing target is
    /// replaced only by the finished copy). Errors: Io.
    [[nodiscard]] Result<void> backup_to(const std::filesystem::path& target);

private:
    Database(sqlite3* db, std::filesystem::path path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
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
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind_null(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value)
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
    std::optional<std::string> get_optional_text(int column) const;
    std::optional<std::int64_t> get_optional_int(int column) const;
    std::optional<double> get_optional_double(int column) const;

private:
    Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// A write transaction (BEGIN IMMEDIATE, so the write lock is taken up front and a busy project
/// is reported before any work). Rolls back in the destructor unless commit() succeeded.
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
