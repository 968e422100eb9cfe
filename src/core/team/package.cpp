// SPDX-License-Identifier: GPL-3.0-or-later
// Coder packages (team.h): a project file with what one coder may see, written in one go.
#include "core/project/session_access.h"
#include "core/project/study_rules.h"
#include "core/store/schema.h"
#include "core/store/team_tables.h"
#include "core/team/team.h"
#include "core/team/team_detail.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <system_error>

namespace attune::team
{

namespace
{

// Flushes a file (or folder) to disk; false when that fails.
bool sync_path(const std::filesystem::path& p, bool folder)
{
    const int fd = ::open(p.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// The hidden name a package is written under beside `out` until it is complete.
std::filesystem::path temporary_beside(const std::filesystem::path& out)
{
    return out.parent_path() /
           ("." + out.filename().string() + "." + store::new_uuid().substr(0, 8) + ".partial");
}

// Removes the temporary package and its companions unless it was renamed into place.
class TemporaryPackage
{
public:
    explicit TemporaryPackage(std::filesystem::path p) : m_path(std::move(p)) {}
    TemporaryPackage(const TemporaryPackage&) = delete;
    TemporaryPackage& operator=(const TemporaryPackage&) = delete;
    ~TemporaryPackage()
    {
        if (m_kept)
            return;
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(m_path.string() + suffix, ec);
    }
    const std::filesystem::path& path() const { return m_path; }
    void keep() { m_kept = true; }

private:
    std::filesystem::path m_path;
    bool m_kept = false;
};

} // namespace

std::optional<PackageInfo> package_info(project::Session& session)
{
    const auto m = store::package_marker(project::SessionAccess::store(session).db());
    if (!m)
        return std::nullopt;
    return PackageInfo{m->uuid, m->coder_uuid, m->made, m->made_by};
}

Result<PackageSummary> make_package(project::Session& session, const PackageRequest& request)
{
    auto& store = project::SessionAccess::store(session);
    const auto& out = request.out;
    const SourceLocation at{out.string()};
    try
    {
        const auto coder = store.coder_by_id(request.coder);
        if (!coder)
            return make_error(ErrorCode::NotFound,
                              "no coder " + std::to_string(request.coder.value()));
        if (store::is_package(store.db()))
            return package_refusal("make packages");
        if (store.db().read_only())
            return make_error(ErrorCode::Io, store.db().read_only_message() +
                                                 " (making a package is written in its "
                                                 "audit log)");
        std::error_code ec;
        if (std::filesystem::weakly_canonical(out, ec) ==
            std::filesystem::weakly_canonical(store.db().path(), ec))
            return make_error(ErrorCode::Conflict, "a package cannot replace the project", at);
        if (!request.replace && std::filesystem::exists(out, ec))
            return make_error(ErrorCode::Conflict,
                              "the file already exists; refusing to overwrite it", at);
        if (std::filesystem::is_directory(out, ec))
            return make_error(ErrorCode::Conflict, "a folder of that name exists", at);

        // The transcripts: those assigned to the coder, or all current ones when the project
        // has no assignments at all.
        const auto all_assignments = store::assignments(store.db());
        std::vector<TranscriptId> chosen;
        for (const auto& a : all_assignments)
            if (a.coder_id == request.coder)
                chosen.push_back(a.transcript_id);
        if (all_assignments.empty())
            for (const auto& t : project::current_transcripts(store.transcripts()))
                chosen.push_back(t.id);
        if (!all_assignments.empty() && chosen.empty())
            return make_error(ErrorCode::Conflict,
                              "coder '" + coder->name +
                                  "' has no transcripts assigned (attune-cli assign); nothing "
                                  "to package");

        TemporaryPackage temp(temporary_beside(out));
        {
            auto fresh = store::ProjectStore::create(temp.path());
            if (!fresh)
            {
                Error e = fresh.error();
                e.where = at;
                return e;
            }
        }
        PackageSummary summary;
        summary.out = out;
        summary.package_uuid = store::new_uuid();
        const auto now = store::now_iso8601();
        const auto& user = project::SessionAccess::user(session);
        const nlohmann::json made = {{"package", summary.package_uuid},
                                     {"coder", coder->name},
                                     {"project", store.project_uuid()}};
        const auto counts = store::copy_into_package(
            store.db(), temp.path(), request.coder, chosen,
            {summary.package_uuid, coder->uuid, now, user},
            {0, now, user, "package made", "coder " + coder->name, std::nullopt, made.dump()});
        summary.transcripts = counts.transcripts;
        summary.annotations = counts.annotations;
        summary.ratings = counts.ratings;
        summary.classifications = counts.classifications;
        // Detached: the last connection to the package has closed, checkpointed its WAL and
        // removed it. Now flush, move into place, and flush the folder's entry.
        if (!sync_path(temp.path(), false))
            return make_error(ErrorCode::Io, "cannot flush the package to disk", at);
        std::filesystem::rename(temp.path(), out, ec);
        if (ec)
            return make_error(ErrorCode::Io, "cannot write the package: " + ec.message(), at);
        temp.keep();
        auto folder = out.parent_path();
        sync_path(folder.empty() ? "." : folder, true);

        nlohmann::json what = {
            {"package", summary.package_uuid},    {"file", out.string()},
            {"transcripts", summary.transcripts}, {"annotations", summary.annotations},
            {"ratings", summary.ratings},         {"classifications", summary.classifications}};
        store::Transaction tx(store.db());
        store.append_audit(
            {0, now, user, "make package", "coder " + coder->name, std::nullopt, what.dump()});
        tx.commit();
        return summary;
    }
    catch (const store::StoreError& e)
    {
        Error err = e.to_error();
        if (!err.where)
            err.where = at;
        return err;
    }
}

} // namespace attune::team
