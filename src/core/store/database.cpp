// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/database.h"

#include "core/store/file_locks.h"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>

namespace attune::store
{

namespace
{

[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view context)
{
    std::string message(context);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw StoreError(db ? sqlite3_extended_errcode(db) : rc, message);
}

} // namespace

bool StoreError::busy() const noexcept
{
    const int c = sqlite_code();
    return c == SQLITE_BUSY || c == SQLITE_LOCKED;
}

Error StoreError::to_error() const
{
    const int c = sqlite_code();
    if (busy())
        return make_error(ErrorCode::StoreBusy,
                          "the project is in use by another process (it held the write lock "
                          "longer than the busy timeout); try again when it has finished");
    if (c == SQLITE_CORRUPT || c == SQLITE_NOTADB)
        return make_error(ErrorCode::StoreCorrupt, what());
    if (c == SQLITE_CONSTRAINT)
        return make_error(ErrorCode::Conflict, what());
    return make_error(ErrorCode::Io, what());
}

Result<Database> Database::open(const std::filesystem::path& path, OpenMode mode,
                                int busy_timeout_ms)
{
    install_lock_guard();
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (mode == OpenMode::ExistingOnly && !exists)
        return make_error(ErrorCode::NotFound, "no such project file",
                          SourceLocation{path.string()});
    if (mode == OpenMode::CreateNew && exists)
        return make_error(ErrorCode::Conflict, "the file already exists; refusing to overwrite it",
                          SourceLocation{path.string()});

    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX |
                      (mode == OpenMode::CreateNew ? SQLITE_OPEN_CREATE : 0);
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    if (rc != SQLITE_OK)
    {
        std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close_v2(raw);
        return make_error(ErrorCode::Io, "cannot open the project: " + message,
                          SourceLocation{path.string()});
    }
    Database db(raw, path);
    sqlite3_busy_timeout(raw, busy_timeout_ms);
    sqlite3_extended_result_codes(raw, 1);
    try
    {
        // Reading the schema is the first access that touches the file's header; a file that is
        // not a database fails here.
        db.exec("PRAGMA foreign_keys = ON");
        (void)db.query_int("PRAGMA schema_version");
    }
    catch (const StoreError& e)
    {
        if (e.sqlite_code() == SQLITE_NOTADB)
            return make_error(ErrorCode::StoreCorrupt, "the file is not an SQLite database",
                              SourceLocation{path.string()});
        return e.to_error();
    }
    return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other)
    {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Database::~Database()
{
    // close_v2 defers the close until outstanding statements are finalised, so a destructor
    // order mistake cannot leak the file lock.
    sqlite3_close_v2(m_db);
}

void Database::exec(std::string_view sql)
{
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK)
    {
        std::string m = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw StoreError(sqlite3_extended_errcode(m_db), m);
    }
}

std::string Database::query_text(std::string_view sql)
{
    Statement s(*this, sql);
    return s.step() ? s.get_text(0) : std::string();
}

std::int64_t Database::query_int(std::string_view sql)
{
    Statement s(*this, sql);
    return s.step() ? s.get_int(0) : 0;
}

std::int64_t Database::last_insert_rowid() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

Result<void> Database::backup_to(const std::filesystem::path& target)
{
    install_lock_guard();
    auto partial = target;
    partial += ".partial";
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        std::filesystem::remove(partial.string() + suffix, ec); // a killed copy's leftovers
    sqlite3* dest = nullptr;
    int rc = sqlite3_open_v2(partial.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             nullptr);
    if (rc == SQLITE_OK)
    {
        sqlite3_backup* b = sqlite3_backup_init(dest, "main", m_db, "main");
        if (b)
        {
            rc = sqlite3_backup_step(b, -1);
            sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
        else
            rc = sqlite3_errcode(dest);
    }
    std::string message = dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc);
    sqlite3_close_v2(dest);
    if (rc != SQLITE_OK)
    {
        std::filesystem::remove(partial, ec);
        return make_error(ErrorCode::Io, "cannot write the backup copy: " + message,
                          SourceLocation{target.string()});
    }
    std::filesystem::rename(partial, target, ec);
    if (ec)
    {
        std::filesystem::remove(partial, ec);
        return make_error(ErrorCode::Io, "cannot name the copy: " + ec.message(),
                          SourceLocation{target.string()});
    }
    return {};
}

Statement::Statement(Database& db, std::string_view sql) : m_db(db)
{
    const int rc =
        sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        throw_error(db.handle(), rc, "cannot prepare statement");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        throw_error(m_db.handle(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        throw_error(m_db.handle(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
    const int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
    if (rc != SQLITE_OK)
        throw_error(m_db.handle(), rc, "bind");
    return *this;
}

Statement& Statement::bind_null(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        throw_error(m_db.handle(), rc, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // Reset so a failed statement does not keep its read transaction open.
    sqlite3_reset(m_stmt);
    throw_error(m_db.handle(), rc, "statement failed");
}

void Statement::run()
{
    while (step())
    {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::is_null(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::get_int(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::get_double(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::get_text(int column) const
{
    const auto* p = sqlite3_column_text(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string();
}

std::optional<std::string> Statement::get_optional_text(int column) const
{
    if (is_null(column))
        return std::nullopt;
    return get_text(column);
}

std::optional<std::int64_t> Statement::get_optional_int(int column) const
{
    if (is_null(column))
        return std::nullopt;
    return get_int(column);
}

std::optional<double> Statement::get_optional_double(int column) const
{
    if (is_null(column))
        return std::nullopt;
    return get_double(column);
}

Transaction::Transaction(Database& db) : m_db(db)
{
    db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace attune::store
