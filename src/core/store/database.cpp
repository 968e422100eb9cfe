// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/database.h"

#include "core/store/file_locks.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace attune::store
{

namespace
{

// The files SQLite keeps beside a project while a connection has it open (WAL mode) or after a
// crash (a hot rollback journal of a file that predates WAL).
constexpr const char* kCompanions[] = {"-wal", "-shm", "-journal"};

std::filesystem::path companion(const std::filesystem::path& path, const char* suffix)
{
    auto p = path;
    p += suffix;
    return p;
}

bool any_companion_exists(const std::filesystem::path& path)
{
    for (const char* suffix : kCompanions)
        if (::faccessat(AT_FDCWD, companion(path, suffix).c_str(), F_OK, AT_EACCESS) == 0)
            return true;
    return false;
}

std::filesystem::path folder_of(const std::filesystem::path& path)
{
    return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

// By the effective user (AT_EACCESS), as the kernel will judge SQLite's open() and unlink().
// Errno EROFS tells a read-only file system from a permission.
std::string why_not_writable(const std::filesystem::path& p, const std::string& what)
{
    if (::faccessat(AT_FDCWD, p.c_str(), W_OK, AT_EACCESS) == 0)
        return {};
    if (errno == EROFS)
        return "it is on a read-only file system";
    if (errno == ENOENT)
        return {}; // judged by whoever creates it
    return what + " is read-only";
}

// Why this process cannot write the project at `path`, or "" when it can. The folder counts
// because SQLite creates and deletes the -wal and -shm in it; a companion counts because a
// read-only -shm or -wal (left by a reader of an older Attune, or another user's) makes every
// write fail with "attempt to write a readonly database".
std::string place_read_only_reason(const std::filesystem::path& path)
{
    if (auto r = why_not_writable(path, "the file"); !r.empty())
        return r;
    if (auto r = why_not_writable(folder_of(path), "its folder"); !r.empty())
        return r;
    for (const char* suffix : {"-wal", "-shm"})
    {
        const auto c = companion(path, suffix);
        if (auto r = why_not_writable(c, "its companion file " + c.filename().string()); !r.empty())
            return r + "; delete it when no program has the project open";
    }
    return {};
}

std::optional<FileState> file_state(const std::filesystem::path& path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0)
        return std::nullopt;
    FileState f;
    f.device = static_cast<std::uint64_t>(st.st_dev);
    f.inode = static_cast<std::uint64_t>(st.st_ino);
    f.size = static_cast<std::int64_t>(st.st_size);
    f.modified_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    f.changed_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    return f;
}

// "file:" URI of `path` with every byte outside the unreserved set percent-encoded, so that
// '?', '#' or '%' in a file name cannot be read as URI syntax.
std::string file_uri(const std::filesystem::path& path, const char* query)
{
    static const char* const kHex = "0123456789ABCDEF";
    std::error_code ec;
    auto absolute = std::filesystem::absolute(path, ec);
    const std::string text = ec ? path.string() : absolute.string();
    std::string uri = "file:";
    for (const char ch : text)
    {
        const auto b = static_cast<unsigned char>(ch);
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
            b == '/' || b == '-' || b == '.' || b == '_' || b == '~')
            uri += ch;
        else
        {
            uri += '%';
            uri += kHex[b >> 4];
            uri += kHex[b & 0xF];
        }
    }
    return uri + "?" + query;
}

/// An Error for a failed open or copy of the file at `path`.
Error open_error(int rc, const std::string& message, const std::filesystem::path& path)
{
    if ((rc & 0xff) == SQLITE_NOTADB)
        return make_error(ErrorCode::StoreCorrupt, "the file is not an SQLite database",
                          SourceLocation{path.string()});
    if ((rc & 0xff) == SQLITE_CORRUPT)
        return make_error(ErrorCode::StoreCorrupt, "the project file is damaged: " + message,
                          SourceLocation{path.string()});
    return make_error(ErrorCode::Io, "cannot read the project: " + message,
                      SourceLocation{path.string()});
}

/// The outcome of one attempt to copy a read-only file into memory.
struct SnapshotAttempt
{
    sqlite3* copy = nullptr;    ///< the in-memory copy, when it is consistent
    FileState state;            ///< the file as copied
    std::optional<Error> error; ///< the file cannot be read at all
};

// Copies the file, opened immutable (no locks, no WAL, nothing created), into a new in-memory
// database. immutable=1 is unsafe only when another process changes the file meanwhile; that
// shows as a different FileState before and after, or a companion appearing (a writer creates
// the -wal before it touches the file), in which case the copy is dropped (copy stays null).
SnapshotAttempt copy_to_memory(const std::filesystem::path& path)
{
    SnapshotAttempt out;
    const auto before = file_state(path);
    if (!before)
    {
        out.error = make_error(ErrorCode::Io,
                               "cannot read the project: " +
                                   std::error_code(errno, std::generic_category()).message(),
                               SourceLocation{path.string()});
        return out;
    }
    sqlite3* source = nullptr;
    int rc = sqlite3_open_v2(file_uri(path, "immutable=1").c_str(), &source,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    sqlite3* memory = nullptr;
    if (rc == SQLITE_OK)
        rc = sqlite3_open_v2(":memory:", &memory,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    std::string message;
    if (rc == SQLITE_OK)
    {
        sqlite3_extended_result_codes(source, 1);
        sqlite3_backup* b = sqlite3_backup_init(memory, "main", source, "main");
        if (b)
        {
            rc = sqlite3_backup_step(b, -1);
            const int finish = sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? finish : rc;
        }
        else
            rc = sqlite3_extended_errcode(memory);
        if (rc != SQLITE_OK)
            message = sqlite3_errmsg(memory);
    }
    else
        message = source ? sqlite3_errmsg(source) : sqlite3_errstr(rc);
    sqlite3_close_v2(source);
    if (rc != SQLITE_OK)
    {
        sqlite3_close_v2(memory);
        out.error = open_error(rc, message, path);
        return out;
    }
    const auto after = file_state(path);
    if (!after || *after != *before || any_companion_exists(path))
    {
        sqlite3_close_v2(memory);
        return out;
    }
    out.copy = memory;
    out.state = *after;
    return out;
}

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

bool StoreError::read_only() const noexcept
{
    return sqlite_code() == SQLITE_READONLY;
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
    // Transaction's own refusal already says so; SQLite's "attempt to write a readonly
    // database" (a companion that turned read-only under us) is put in the same words.
    if (read_only() && std::string_view(what()).rfind("the project is read-only", 0) != 0)
        return make_error(ErrorCode::Io, std::string("the project is read-only (") + what() +
                                             "); nothing was changed");
    return make_error(ErrorCode::Io, what());
}

Result<Database> Database::open(const std::filesystem::path& path, OpenMode mode,
                                int busy_timeout_ms)
{
    install_lock_guard();
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (mode != OpenMode::CreateNew && !exists)
        return make_error(ErrorCode::NotFound, "no such project file",
                          SourceLocation{path.string()});
    if (mode == OpenMode::ReadOnly)
        return open_read_only(path, "it is opened to be read only", busy_timeout_ms);
    if (mode == OpenMode::CreateNew && exists)
        return make_error(ErrorCode::Conflict, "the file already exists; refusing to overwrite it",
                          SourceLocation{path.string()});
    if (mode == OpenMode::ExistingOnly || mode == OpenMode::ReadShared)
        if (auto reason = place_read_only_reason(path); !reason.empty())
            return open_read_only(path, std::move(reason), busy_timeout_ms);

    const int flags =
        (mode == OpenMode::ReadShared ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
        SQLITE_OPEN_NOMUTEX | (mode == OpenMode::CreateNew ? SQLITE_OPEN_CREATE : 0);
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    if (rc != SQLITE_OK)
    {
        std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close_v2(raw);
        if (mode == OpenMode::CreateNew)
            if (auto why = why_not_writable(folder_of(path), "its folder"); !why.empty())
                return make_error(ErrorCode::Io, "cannot create the project: " + why,
                                  SourceLocation{path.string()});
        return make_error(ErrorCode::Io, "cannot open the project: " + message,
                          SourceLocation{path.string()});
    }
    Database db(raw, path);
    // SQLite falls back to read-only by itself when open(O_RDWR) is refused in a way the
    // checks above did not foresee (e.g. an ACL or a security module).
    if (mode == OpenMode::ReadShared)
        db.m_read_only_reason = "it is opened to be read only";
    else if (sqlite3_db_readonly(raw, "main") == 1)
        db.m_read_only_reason = "the file is read-only";
    if (auto ok = db.configure(busy_timeout_ms); !ok)
        return ok.error();
    return db;
}

Result<Database> Database::open_read_only(const std::filesystem::path& path, std::string reason,
                                          int busy_timeout_ms)
{
    // Without companions no program has the file open: read a consistent copy. A change
    // during the copy means a writer has just started; try again, and once the writer's -wal
    // and -shm exist, read the live file through them like any other reader.
    for (int attempt = 0; attempt < 5 && !any_companion_exists(path); ++attempt)
    {
        auto snapshot = copy_to_memory(path);
        if (snapshot.error)
            return *snapshot.error;
        if (!snapshot.copy)
            continue;
        Database db(snapshot.copy, path);
        db.m_read_only_reason = std::move(reason);
        db.m_snapshot = snapshot.state;
        if (auto ok = db.configure(busy_timeout_ms); !ok)
            return ok.error();
        try
        {
            // The copy is the project as read; nothing may change it, not even by mistake.
            db.exec("PRAGMA query_only = ON");
        }
        catch (const StoreError& e)
        {
            return e.to_error();
        }
        return db;
    }
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
    {
        std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close_v2(raw);
        return open_error(rc, message + " (" + reason + ")", path);
    }
    Database db(raw, path);
    db.m_read_only_reason = std::move(reason);
    if (auto ok = db.configure(busy_timeout_ms); !ok)
    {
        Error err = ok.error();
        if (err.code == ErrorCode::Io)
            err.message += " (the project is read-only: " + db.m_read_only_reason + ")";
        return err;
    }
    return db;
}

Result<void> Database::configure(int busy_timeout_ms)
{
    sqlite3_busy_timeout(m_db, busy_timeout_ms);
    sqlite3_extended_result_codes(m_db, 1);
    try
    {
        // Reading the schema is the first access that touches the file's header; a file that is
        // not a database fails here.
        exec("PRAGMA foreign_keys = ON");
        (void)query_int("PRAGMA schema_version");
    }
    catch (const StoreError& e)
    {
        if (e.sqlite_code() == SQLITE_NOTADB)
            return make_error(ErrorCode::StoreCorrupt, "the file is not an SQLite database",
                              SourceLocation{m_path.string()});
        Error err = e.to_error();
        err.where = SourceLocation{m_path.string()};
        return err;
    }
    return {};
}

std::string Database::read_only_message() const
{
    if (m_read_only_reason.empty())
        return {};
    return "the project is read-only (" + m_read_only_reason + "); nothing was changed";
}

bool Database::snapshot_outdated() const
{
    if (!m_snapshot)
        return false;
    const auto now = file_state(m_path);
    return !now || *now != *m_snapshot || any_companion_exists(m_path);
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)),
      m_read_only_reason(std::move(other.m_read_only_reason)),
      m_snapshot(std::exchange(other.m_snapshot, std::nullopt))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other)
    {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_read_only_reason = std::move(other.m_read_only_reason);
        m_snapshot = std::exchange(other.m_snapshot, std::nullopt);
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

Statement& Statement::bind_blob(int index, std::string_view bytes)
{
    const int rc = sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
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

std::string Statement::get_blob(int column) const
{
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

std::string_view Statement::get_text_view(int column) const
{
    const auto* p = sqlite3_column_text(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string_view();
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
    // Refused before BEGIN: a live read-only connection would otherwise fail only at its first
    // write, and a snapshot would take the write for one to its private copy.
    if (db.read_only())
        throw StoreError(SQLITE_READONLY, db.read_only_message());
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
