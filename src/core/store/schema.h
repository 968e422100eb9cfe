// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/database.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::store
{

/// The schema version this build writes (`PRAGMA user_version`). Version 1 is the first release
/// layout; each later version is reached by one forward migration step in schema.cpp:
/// 2 added full-text search, 3 added identities (a uuid on the project and on every coder,
/// transcript, scheme, annotation, rating and classification; the scheme version each record was
/// made under; version chains by uuid; coder roles), 4 added team work (assignments, tombstones
/// of deleted records, the coder-package marker and base, `merged_from` on records, consensus
/// decisions), 5 added derived results (a revision counter that every change to a record raises,
/// and values computed from the records at a revision, e.g. the reliability analysis).
inline constexpr int kSchemaVersion = 5;

/// The tables of records: a change to any of them raises the project's revision (schema 5).
inline constexpr const char* kRecordTables[] = {
    "settings",    "project", "coders",          "transcripts",         "schemes",
    "annotations", "ratings", "classifications", "audit_log",           "assignments",
    "tombstones",  "package", "package_base",    "consensus_decisions",
};

/// `PRAGMA application_id` of every Attune project ("ATNE"), so that another program's SQLite
/// file is refused instead of being "migrated".
inline constexpr int kApplicationId = 0x41544E45;

/// The SQL of schema version 1, verbatim as it was released: new projects are created by running
/// it and then every migration, so the migration path is exercised by every new project.
const char* schema_v1_sql();

/// What opening an existing project did to it.
struct MigrationReport
{
    int from_version = 0;
    int to_version = 0;
    /// Where the pre-migration copy was written (only when a migration ran).
    std::optional<std::filesystem::path> backup;
};

/// Creates the tables of a brand-new, empty database and sets WAL mode, in one transaction that
/// first checks the file is still empty. Errors: Conflict (another process created the project
/// first). Throws StoreError on I/O failure.
[[nodiscard]] Result<void> create_schema(Database& db);

/// Validates an existing project and brings it to kSchemaVersion: checks the application id,
/// refuses newer files (VersionTooNew), verifies the file (`PRAGMA integrity_check` up to
/// kFullCheckLimitBytes, quick_check beyond; StoreCorrupt, nothing written), writes a
/// `sqlite3_backup` copy next to the file before migrating, then migrates in one transaction
/// (with foreign keys off while tables are rebuilt, and on again afterwards).
[[nodiscard]] Result<MigrationReport> prepare_existing(Database& db);

/// Whether `path` is an Attune project of any schema version that passes the full integrity
/// check, without migrating or otherwise changing it. Errors: NotFound, Unsupported,
/// StoreCorrupt, Io.
[[nodiscard]] Result<void> verify_file(const std::filesystem::path& path);

/// Runs `PRAGMA integrity_check` (full) and returns its messages; empty means the file is sound.
std::vector<std::string> integrity_problems(Database& db);
/// The same with `PRAGMA quick_check` (no index contents) and without evaluating CHECK
/// constraints (the structure of every page and record, NOT NULL columns): for files over
/// kFullCheckLimitBytes. The connection enforces CHECK constraints again afterwards.
std::vector<std::string> quick_problems(Database& db);
/// Up to this size, opening a project verifies it with the full integrity_check (about 10 ms
/// per MB on the reference machine); larger files get quick_check on open and the full check
/// from `attune-cli check`.
inline constexpr std::uintmax_t kFullCheckLimitBytes = 256ull << 20;

/// A random (version 4, RFC 9562) uuid in lower-case 8-4-4-4-12 form, from the operating
/// system's generator (getentropy), so that processes forked from one parent never repeat each
/// other's. Every uuid the store gives a record comes from here. Throws StoreError (an I/O
/// error) when the system has no randomness to give.
std::string new_uuid();

/// Whether `s` has the form every stored uuid has: 36 characters, lower-case hex digits with
/// '-' at positions 9, 14, 19 and 24 (any version and variant, so that uuids made elsewhere fit).
bool is_uuid(std::string_view s);

/// The backup file name used before migrating `project` from `version`:
/// `<project>.v<version>.bak` (with a counter appended if that exists already).
std::filesystem::path backup_path_for(const std::filesystem::path& project, int version);

} // namespace attune::store
