// SPDX-License-Identifier: GPL-3.0-or-later
// Merging coders' packages back into their project (team.h, docs/team-workflow.md).
//
// The rule for one record (same uuid) of the package (P) and of the project (R), with B the
// record's `modified` when the package was made (package_base; none for a record made in the
// package):
//  - P and R the same                      -> unchanged
//  - R was last taken from this package,
//    or R.modified == B (not changed here)  -> P is taken (changed)
//  - P.modified == B (not changed there)   -> R stays (unchanged: the project's edit is newer)
//  - else both changed                      -> conflict: the newer wins, the other is audited.
// Deletions are the same with a tombstone's time for `modified`. Exact equality of recorded
// times decides "changed", so clocks of different machines matter only when both sides changed.
#include "core/project/session_access.h"
#include "core/scheme/scheme.h"
#include "core/store/schema.h"
#include "core/store/team_tables.h"
#include "core/team/team.h"
#include "core/team/team_detail.h"
#include "core/text/code_points.h"
#include "core/text/names.h"
#include "core/text/sha256.h"
#include "core/text/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <variant>

namespace attune::team
{

bool MergeReport::changes_project() const
{
    for (const auto& p : packages)
        if (p.added + p.changed + p.deleted > 0 || !p.conflicts.empty() || !p.notes.empty())
            return true;
    return false;
}

namespace
{

using nlohmann::json;

// Limits on values read from a package: what no coder could have typed, refused per record.
constexpr std::size_t kMaxField = 1u << 20; // memo or note, bytes

bool valid_utf8(std::string_view s)
{
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();)
    {
        std::size_t bad = 0;
        const auto n = text::detail::utf8_sequence(p + i, s.size() - i, bad);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

// "2026-11-22T13:52:55.123Z", as the store writes times.
bool valid_time(std::string_view t)
{
    if (t.size() != 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
        t[16] != ':' || t[19] != '.' || t[23] != 'Z')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22})
        if (t[i] < '0' || t[i] > '9')
            return false;
    return true;
}

std::int64_t code_points(std::string_view s)
{
    std::int64_t n = 0;
    for (const char c : s)
        n += text::starts_code_point(c) ? 1 : 0;
    return n;
}

// ---- an opened package

struct Package
{
    std::filesystem::path file;
    store::ProjectStore store;
    PackageInfo info;
    store::CoderRecord coder; ///< as the package holds it (its row id is the package's)
};

Error at_file(Error e, const std::filesystem::path& file)
{
    e.where = SourceLocation{file.string()};
    return e;
}

Error refusal(ErrorCode code, const std::string& message, const std::filesystem::path& file)
{
    return make_error(code, message, SourceLocation{file.string()});
}

Result<Package> open_package(const std::filesystem::path& file, const std::string& project_uuid)
{
    auto opened = store::ProjectStore::open_to_read(file);
    if (!opened)
    {
        Error e = opened.error();
        if (e.code == ErrorCode::Unsupported && e.message.find("older schema") != std::string::npos)
            e.message = "not a coder package: " + e.message;
        return at_file(e, file);
    }
    try
    {
        const auto marker = store::package_marker(opened->db());
        if (!marker)
            return refusal(ErrorCode::Unsupported,
                           "not a coder package (an ordinary project file; make packages "
                           "with attune-cli package)",
                           file);
        const auto uuid = opened->project_uuid();
        if (uuid != project_uuid)
            return refusal(ErrorCode::Conflict,
                           "the package belongs to another project (project " + uuid +
                               "; this project is " + project_uuid + "); nothing was merged",
                           file);
        if (!store::is_uuid(marker->uuid) || !store::is_uuid(marker->coder_uuid))
            return refusal(ErrorCode::StoreCorrupt, "the package marker is damaged", file);
        const auto coder = opened->coder_by_uuid(marker->coder_uuid);
        if (!coder)
            return refusal(ErrorCode::StoreCorrupt,
                           "the package does not hold the coder it was made for", file);
        return Package{file,
                       std::move(*opened),
                       {marker->uuid, marker->coder_uuid, marker->made, marker->made_by},
                       *coder};
    }
    catch (const store::StoreError& e)
    {
        return at_file(e.to_error(), file);
    }
}

using Kind = store::RecordKind;
using Row = store::AnyRecord;
using store::SqlValue;

const char* kind_name(Kind k)
{
    return store::record_kind_name(k);
}

const std::vector<std::string>& value_columns(Kind k)
{
    return store::record_value_columns(k);
}

json to_json(const SqlValue& v)
{
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return *i;
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* t = std::get_if<std::string>(&v))
        return *t;
    return nullptr;
}

std::string text_of(const SqlValue& v)
{
    const auto* t = std::get_if<std::string>(&v);
    return t ? *t : std::string();
}

bool is_text(const SqlValue& v)
{
    return std::holds_alternative<std::string>(v);
}

bool is_null(const SqlValue& v)
{
    return std::holds_alternative<std::monostate>(v);
}

std::optional<std::int64_t> integer(const SqlValue& v)
{
    const auto* i = std::get_if<std::int64_t>(&v);
    return i ? std::optional(*i) : std::nullopt;
}

// Ratings and classifications are unique per transcript, coder and scale (or scheme): the key
// that names the same record under two identities. "" for annotations.
std::string key_of(Kind k, std::int64_t transcript, std::int64_t coder, const Row& r)
{
    if (k == Kind::Annotation)
        return {};
    std::string key = std::to_string(transcript) + '\n' + std::to_string(coder);
    const std::size_t parts = k == Kind::Rating ? 3 : 1; // scheme, scale, target | scheme
    for (std::size_t i = 0; i < parts; ++i)
        key += '\n' + text_of(r.values[i]);
    return key;
}

// ---- the merge of one package

struct KnownTranscript
{
    store::TranscriptId id; ///< in the project
    std::int64_t length = 0;
    std::string name;
};

struct Tomb
{
    std::string deleted;
};

std::string name_of(const store::TranscriptRecord& t)
{
    return t.participant ? *t.participant : t.title;
}

class PackageMerge
{
public:
    PackageMerge(store::ProjectStore& store, Package& pkg, PackageMergeReport& report,
                 const std::string& user)
        : m_store(store), m_db(store.db()), m_pkg(pkg), m_report(report), m_user(user),
          m_writer(store.db())
    {
    }

    Result<void> run()
    {
        if (auto c = merge_coder(); !c)
            return c;
        if (auto s = merge_schemes(); !s)
            return s;
        if (auto t = match_transcripts(); !t)
            return t;
        m_base = store::package_base(m_pkg.store.db());
        for (auto& t : store::tombstones(m_db, m_coder.value()))
            m_tombs[t.uuid] = {t.deleted};
        for (const Kind k : {Kind::Annotation, Kind::Rating, Kind::Classification})
            merge_kind(k);
        merge_deletions();
        return {};
    }

private:
    Result<void> merge_coder()
    {
        const auto& c = m_pkg.coder;
        m_report.coder = c.name;
        if (auto here = m_store.coder_by_uuid(c.uuid))
        {
            m_coder = here->id;
            m_report.coder = here->name;
            return {};
        }
        const auto name = text::normalize_name(c.name, "a coder name");
        const bool role_ok =
            std::find_if(std::begin(store::kCoderRoles), std::end(store::kCoderRoles),
                         [&](const char* r)
                         { return c.role == r; }) != std::end(store::kCoderRoles);
        if (!name || *name != c.name || !valid_time(c.created) || !role_ok)
            return refusal(ErrorCode::DataInvalid,
                           "the package's coder record is not valid (name, role or time)",
                           m_pkg.file);
        if (m_store.coder_by_name(c.name))
            return refusal(ErrorCode::Conflict,
                           "the package's coder '" + c.name +
                               "' is not this project's coder of that name (another identity); "
                               "nothing was merged",
                           m_pkg.file);
        if (c.role == "consensus")
            for (const auto& other : m_store.coders())
                if (other.role == "consensus")
                    return refusal(ErrorCode::Conflict,
                                   "the package's coder '" + c.name +
                                       "' is a consensus record, and the project has one "
                                       "already ('" +
                                       other.name + "')",
                                   m_pkg.file);
        store::CoderRecord add = c;
        add.id = store::CoderId{0};
        m_coder = m_store.insert_coder(add);
        m_report.notes.push_back("coder '" + c.name + "' added (role " + c.role + ")");
        return {};
    }

    Result<void> merge_schemes()
    {
        for (const auto& sc : m_pkg.store.schemes())
        {
            const auto xml = m_pkg.store.scheme_xml(sc.id).value_or("");
            const auto sha = text::sha256_hex(xml);
            const std::string what = "scheme " + sc.scheme_id + " version " + sc.version;
            if (sha != sc.sha256)
                return refusal(ErrorCode::StoreCorrupt,
                               "the package's " + what +
                                   " does not match its own checksum (damaged or edited); "
                                   "nothing was merged",
                               m_pkg.file);
            if (auto here = m_store.scheme_version(sc.scheme_id, sc.version))
            {
                if (here->sha256 != sha)
                    return refusal(ErrorCode::Conflict,
                                   "the package's " + what +
                                       " differs from the project's (same id and version, "
                                       "different content; a changed scheme needs a new "
                                       "version); nothing was merged",
                                   m_pkg.file);
                continue;
            }
            auto loaded = scheme::load_scheme_string(xml, m_pkg.file.string() + " (" + what + ")");
            if (!loaded)
                return refusal(ErrorCode::SchemeInvalid,
                               "the package's " + what +
                                   " is not a valid scheme: " + loaded.error().message,
                               m_pkg.file);
            if (loaded->id() != sc.scheme_id || loaded->version() != sc.version ||
                !store::is_uuid(sc.uuid) || m_store.scheme_by_uuid(sc.uuid) ||
                !valid_time(sc.added))
                return refusal(ErrorCode::DataInvalid,
                               "the package's " + what +
                                   " does not say what its XML says, or has an invalid "
                                   "identity or time",
                               m_pkg.file);
            store::SchemeRecord add = sc;
            add.id = 0;
            m_store.insert_scheme(add, xml);
            m_report.notes.push_back(what + " added");
        }
        return {};
    }

    Result<void> match_transcripts()
    {
        for (const auto& t : m_pkg.store.transcripts())
        {
            const auto name = name_of(t);
            auto here = m_store.transcript_by_uuid(t.uuid);
            if (!here)
            {
                m_unknown[t.id.value()] = name;
                continue;
            }
            const auto text = m_pkg.store.transcript_text(t.id).value_or("");
            const auto mine = m_store.transcript_text(here->id);
            if (!mine || *mine != text || t.sha256 != here->sha256)
                return refusal(ErrorCode::Conflict,
                               "the package's transcript '" + name + "' (" + t.uuid +
                                   ") has a different text from the project's transcript '" +
                                   name_of(*here) + "' with the same identity (package SHA-256 " +
                                   text::sha256_hex(text) + ", project " + here->sha256 +
                                   "); nothing was merged",
                               m_pkg.file);
            m_transcripts[t.id.value()] = {here->id, code_points(*mine), name_of(*here)};
        }
        return {};
    }

    // Why a package row cannot be merged; "" when it can.
    std::string invalid(Kind k, const Row& r, const KnownTranscript& t) const
    {
        if (!store::is_uuid(r.uuid))
            return "its identity is not a uuid";
        if (!valid_time(r.modified))
            return "its time is not valid";
        for (const auto& v : r.values)
            if (const auto* s = std::get_if<std::string>(&v);
                s && (s->size() > kMaxField || !valid_utf8(*s)))
                return "a field is over 1 MiB or not UTF-8";
        const auto& v = r.values;
        if (text_of(v[0]).empty())
            return "it names no scheme";
        if (!is_null(v[6]) && !is_text(v[6]))
            return "its scheme version is not text";
        if (!text_of(v[6]).empty() && !holds_scheme_version(text_of(v[0]), text_of(v[6])))
            return "it was made under scheme " + text_of(v[0]) + " version " + text_of(v[6]) +
                   ", which the project does not hold";
        switch (k)
        {
        case Kind::Annotation:
        {
            const auto start = integer(v[2]);
            const auto end = integer(v[3]);
            if (text_of(v[1]).empty() || !start || !end || !valid_time(text_of(v[5])))
                return "its code, span or creation time is not valid";
            if (*start < 0 || *end <= *start || *end > t.length)
                return "its span [" + std::to_string(*start) + ", " + std::to_string(*end) +
                       ") is not inside the transcript's " + std::to_string(t.length) +
                       " code points";
            break;
        }
        case Kind::Rating:
        {
            const auto flag = integer(v[4]);
            if (text_of(v[1]).empty() || !is_text(v[2]) || !flag || (*flag != 0 && *flag != 1))
                return "its scale, target or not-scorable flag is not valid";
            const double* value = std::get_if<double>(&v[3]);
            const auto* whole = std::get_if<std::int64_t>(&v[3]);
            const bool scored = (value && std::isfinite(*value)) || whole;
            if (*flag == 1 ? !is_null(v[3]) : !scored)
                return "it has neither exactly one value nor not-scorable";
            break;
        }
        case Kind::Classification:
            if (text_of(v[1]).empty())
                return "it names no category";
            for (int i : {2, 3, 4})
                if (!is_null(v[i]) && !is_text(v[i]))
                    return "a subcategory, unresolved or alternative is not text";
            break;
        }
        return {};
    }

    // Whether the project holds that scheme version (asked once per pair).
    bool holds_scheme_version(const std::string& id, const std::string& version) const
    {
        const auto key = id + '\n' + version;
        if (const auto known = m_scheme_versions.find(key); known != m_scheme_versions.end())
            return known->second;
        const bool held = m_store.scheme_version(id, version).has_value();
        m_scheme_versions.emplace(key, held);
        return held;
    }

    json state(Kind k, const Row& r, const std::string& transcript_name) const
    {
        json j = {{"kind", kind_name(k)},
                  {"uuid", r.uuid},
                  {"transcript", transcript_name},
                  {"coder", m_report.coder},
                  {"modified", r.modified}};
        const auto& cols = value_columns(k);
        for (std::size_t i = 0; i < cols.size(); ++i)
            j[cols[i]] = to_json(r.values[i]);
        return j;
    }

    static bool same(const Row& a, const Row& b)
    {
        return a.modified == b.modified && a.values == b.values;
    }

    // The project's records of this coder of one kind, by uuid and by key.
    void load_project(Kind k)
    {
        m_here.clear();
        m_here_by_key.clear();
        store::for_each_record(m_db, k, m_coder.value(),
                               [&](Row&& r)
                               {
                                   const auto key = key_of(k, r.transcript_id, r.coder_id, r);
                                   if (!key.empty())
                                       m_here_by_key[key] = r.uuid;
                                   auto uuid = r.uuid;
                                   m_here.emplace(std::move(uuid), std::move(r));
                               });
        m_loaded = k;
    }

    bool taken_from_here_unchanged(const Row& here) const
    {
        if (here.merged_from && *here.merged_from == m_pkg.info.uuid)
            return true;
        const auto b = m_base.find(here.uuid);
        return b != m_base.end() && b->second == here.modified;
    }

    bool unchanged_in_package(const std::string& uuid, const std::string& modified) const
    {
        const auto b = m_base.find(uuid);
        return b != m_base.end() && b->second == modified;
    }

    // Stores the package's version; `exists` when the project has a row of this coder with its
    // uuid. False (nothing written, the record refused) when the uuid is another record's:
    // another coder's (a package changes only its coder's work) or a duplicate in the package.
    bool write(Kind k, Row p, store::TranscriptId t, bool exists)
    {
        p.transcript_id = t.value();
        p.coder_id = m_coder.value();
        const bool lift = m_tombs.count(p.uuid) > 0;
        if (!m_writer.put(k, p, m_pkg.info.uuid, exists, lift))
        {
            refuse(k, p.uuid, transcript_name(p.transcript_id),
                   "its identity is another record's in the project (another coder's, or a "
                   "duplicate in the package)");
            return false;
        }
        m_tombs.erase(p.uuid);
        return true;
    }

    void remove(Kind k, const Row& here, const std::string& deleted)
    {
        store::delete_record(m_db, k, here.uuid, here.transcript_id, m_coder.value(), deleted,
                             m_pkg.info.uuid);
        m_tombs[here.uuid] = {deleted};
    }

    void conflict(Kind k, const std::string& uuid, const std::string& transcript,
                  const std::string& detail, const json& loser, const json& winner)
    {
        m_report.conflicts.push_back({kind_name(k), uuid, transcript, detail});
        m_store.append_audit({0, store::now_iso8601(), m_user, "merge conflict",
                              std::string(kind_name(k)) + " " + uuid, loser.dump(), winner.dump()});
    }

    void refuse(Kind k, const std::string& uuid, const std::string& transcript,
                const std::string& why)
    {
        m_report.refused.push_back({kind_name(k), uuid, transcript, why});
    }

    void merge_kind(Kind k)
    {
        load_project(k);
        store::for_each_record(m_pkg.store.db(), k, std::nullopt,
                               [&](Row&& p) { merge_package_row(k, std::move(p)); });
    }

    void merge_package_row(Kind k, Row p)
    {
        m_live.insert(p.uuid);
        if (p.coder_id != m_pkg.coder.id.value())
            return refuse(k, p.uuid, "", "it is not the package coder's record");
        const auto t = m_transcripts.find(p.transcript_id);
        if (t == m_transcripts.end())
        {
            const auto u = m_unknown.find(p.transcript_id);
            return refuse(k, p.uuid, u == m_unknown.end() ? "" : u->second,
                          "its transcript is not in the project");
        }
        if (const auto why = invalid(k, p, t->second); !why.empty())
            return refuse(k, p.uuid, t->second.name, why);
        merge_row(k, std::move(p), t->second);
    }

    void merge_row(Kind k, Row p, const KnownTranscript& t)
    {
        const auto key = key_of(k, t.id.value(), m_coder.value(), p);
        auto here = m_here.find(p.uuid);
        if (here == m_here.end() && !key.empty())
            if (auto other = m_here_by_key.find(key); other != m_here_by_key.end())
                return merge_same_key(k, std::move(p), t, m_here.at(other->second));
        if (here == m_here.end())
            return merge_new(k, std::move(p), t);
        const Row& r = here->second;
        if (same(r, p) ||
            (!taken_from_here_unchanged(r) && unchanged_in_package(p.uuid, p.modified)))
        {
            // The same, or changed here since and untouched there: the project's stays.
            ++m_report.unchanged;
            return;
        }
        const bool both = !taken_from_here_unchanged(r);
        if (both && p.modified < r.modified)
            return conflict(k, p.uuid, t.name,
                            "changed on both sides (here at " + r.modified +
                                ", in the package at " + p.modified +
                                "): the project's newer version was kept",
                            state(k, p, t.name), state(k, r, t.name));
        if (both)
            conflict(k, p.uuid, t.name,
                     "changed on both sides (here at " + r.modified + ", in the package at " +
                         p.modified + "): the package's newer version was kept",
                     state(k, r, t.name), state(k, p, t.name));
        write(k, std::move(p), t.id, true);
        ++m_report.changed;
    }

    void merge_new(Kind k, Row p, const KnownTranscript& t)
    {
        const auto tomb = m_tombs.find(p.uuid);
        if (tomb == m_tombs.end())
        {
            if (write(k, std::move(p), t.id, false))
                ++m_report.added;
            return;
        }
        if (unchanged_in_package(p.uuid, p.modified))
        {
            ++m_report.unchanged; // deleted here, untouched there: it stays deleted
            return;
        }
        const auto deleted = tomb->second.deleted;
        const json gone = {{"kind", kind_name(k)}, {"uuid", p.uuid}, {"deleted", deleted}};
        if (p.modified < deleted)
            return conflict(k, p.uuid, t.name,
                            "changed in the package at " + p.modified + ", deleted here at " +
                                deleted + ": the newer deletion was kept",
                            state(k, p, t.name), gone);
        const auto winner = state(k, p, t.name);
        const auto uuid = p.uuid;
        if (!write(k, std::move(p), t.id, false))
            return;
        conflict(k, uuid, t.name,
                 "deleted here at " + deleted + ", changed in the package at " +
                     winner["modified"].get<std::string>() +
                     ": the package's newer change was kept",
                 gone, winner);
        ++m_report.added;
    }

    // A rating or classification of the same transcript, coder and scale (or scheme) under
    // another identity: one record in two versions.
    void merge_same_key(Kind k, Row p, const KnownTranscript& t, const Row& r)
    {
        if (r.values == p.values)
        {
            ++m_report.unchanged;
            return;
        }
        const std::string what = std::string(kind_name(k)) + " (" + r.uuid + ", at " + r.modified;
        if (store::record_exists(m_db, k, p.uuid))
            return refuse(k, p.uuid, t.name,
                          "its identity is another record's in the project (another coder's)");
        if (p.modified < r.modified)
            return conflict(k, p.uuid, t.name,
                            "the project has its own newer record of the same " + what +
                                "): it was kept",
                            state(k, p, t.name), state(k, r, t.name));
        conflict(k, p.uuid, t.name,
                 "the project has its own record of the same " + what +
                     "): the package's newer one (at " + p.modified + ") was kept",
                 state(k, r, t.name), state(k, p, t.name));
        remove(k, r, p.modified);
        if (write(k, std::move(p), t.id, false))
            ++m_report.changed;
    }

    void merge_deletions()
    {
        for (const auto& d : store::tombstones(m_pkg.store.db(), std::nullopt))
        {
            const auto kind = store::record_kind_from_name(d.kind);
            if (!kind || m_live.count(d.uuid))
                continue; // the record itself is in the package: it was merged as such
            const Kind k = *kind;
            const auto t = m_transcripts.find(d.transcript_id);
            const std::string name = t == m_transcripts.end() ? "" : t->second.name;
            if (d.coder_id != m_pkg.coder.id.value())
            {
                refuse(k, d.uuid, name, "the deletion is not the package coder's");
                continue;
            }
            if (!store::is_uuid(d.uuid) || !valid_time(d.deleted))
            {
                refuse(k, d.uuid, name, "the deletion's identity or time is not valid");
                continue;
            }
            if (k != m_loaded)
                load_project(k);
            const auto here = m_here.find(d.uuid);
            if (here == m_here.end())
            {
                ++m_report.unchanged; // never here, or deleted here already
                continue;
            }
            merge_deletion(k, d.deleted, here->second);
        }
    }

    void merge_deletion(Kind k, const std::string& deleted, const Row& r)
    {
        const auto where = transcript_name(r.transcript_id);
        const json gone = {{"kind", kind_name(k)}, {"uuid", r.uuid}, {"deleted", deleted}};
        if (!taken_from_here_unchanged(r))
        {
            if (deleted < r.modified)
                return conflict(k, r.uuid, where,
                                "deleted in the package at " + deleted + ", changed here at " +
                                    r.modified + ": the project's newer change was kept",
                                gone, state(k, r, where));
            conflict(k, r.uuid, where,
                     "changed here at " + r.modified + ", deleted in the package at " + deleted +
                         ": the newer deletion was kept",
                     state(k, r, where), gone);
        }
        remove(k, r, deleted);
        ++m_report.deleted;
    }

    std::string transcript_name(std::int64_t project_id)
    {
        const auto t = m_store.transcript(store::TranscriptId{project_id});
        return t ? name_of(*t) : "";
    }

    store::ProjectStore& m_store;
    store::Database& m_db;
    Package& m_pkg;
    PackageMergeReport& m_report;
    const std::string& m_user;
    store::RecordWriter m_writer;
    store::CoderId m_coder;
    std::map<std::int64_t, KnownTranscript> m_transcripts; ///< by the package's row id
    std::map<std::int64_t, std::string> m_unknown;         ///< package transcripts not here
    std::unordered_map<std::string, std::string> m_base;
    std::unordered_map<std::string, Tomb> m_tombs;
    std::unordered_map<std::string, Row> m_here;
    std::unordered_map<std::string, std::string> m_here_by_key;
    Kind m_loaded = Kind::Annotation;
    std::unordered_set<std::string> m_live; ///< uuids of the package's records
    mutable std::unordered_map<std::string, bool> m_scheme_versions;
};

} // namespace

Result<MergeReport> merge_packages(project::Session& session,
                                   const std::vector<std::filesystem::path>& files,
                                   const MergeOptions& options)
{
    auto& store = project::SessionAccess::store(session);
    MergeReport report;
    report.dry_run = options.dry_run;
    try
    {
        if (files.empty())
            return make_error(ErrorCode::InvalidArgument, "name at least one package to merge");
        if (store::is_package(store.db()))
            return package_refusal("merge packages");
        if (store.db().read_only())
            return make_error(ErrorCode::Io, store.db().read_only_message());
        const auto project_uuid = store.project_uuid();
        std::vector<Package> packages;
        for (const auto& f : files)
        {
            auto p = open_package(f, project_uuid);
            if (!p)
                return p.error();
            packages.push_back(std::move(*p));
        }
        const auto& user = project::SessionAccess::user(session);
        // The whole merge is one transaction: its pages stay in memory until it commits.
        store::LargeCache cache(store.db(), 256);
        store::Transaction tx(store.db());
        for (std::size_t i = 0; i < packages.size(); ++i)
        {
            if (options.progress)
                options.progress(i, packages.size());
            auto& pkg = packages[i];
            PackageMergeReport r;
            r.file = pkg.file;
            r.package_uuid = pkg.info.uuid;
            try
            {
                PackageMerge merge(store, pkg, r, user);
                if (auto ok = merge.run(); !ok)
                    return ok.error();
            }
            catch (const store::StoreError& e)
            {
                // A read of the package failed (damage found while reading it) or a write of
                // the project did: either way nothing is kept.
                return at_file(e.to_error(), pkg.file);
            }
            json what = {{"file", pkg.file.string()},  {"package", pkg.info.uuid},
                         {"coder", r.coder},           {"added", r.added},
                         {"changed", r.changed},       {"deleted", r.deleted},
                         {"unchanged", r.unchanged},   {"conflicts", r.conflicts.size()},
                         {"refused", r.refused.size()}};
            store.append_audit({0, store::now_iso8601(), user, "merge package",
                                "package " + pkg.info.uuid, std::nullopt, what.dump()});
            report.packages.push_back(std::move(r));
        }
        if (options.progress)
            options.progress(packages.size(), packages.size());
        if (options.dry_run || !report.changes_project())
            return report; // the transaction rolls back: not even the audit entries stay
        tx.commit();
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
    project::SessionAccess::changed_in_bulk(session, "Merge coders' packages");
    return report;
}

} // namespace attune::team
