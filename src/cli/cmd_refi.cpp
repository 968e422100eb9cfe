// SPDX-License-Identifier: GPL-3.0-or-later
// refi export / export-codebook / import (docs/cli.md, docs/refi-qda.md): REFI-QDA exchange with
// ATLAS.ti, MAXQDA, NVivo, QualCoder and the other programs that read the standard.
#include "cli/cmd_project_common.h"
#include "core/base/file_read.h"
#include "core/io/refi_export.h"
#include "core/io/refi_import.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <map>

namespace attune::cli
{

namespace
{

using nlohmann::json;

void print_export(const io::RefiExportReport& r, const std::string& format)
{
    if (format == "json")
    {
        std::cout
            << json{{"file", r.file.string()}, {"users", r.users},           {"codes", r.codes},
                    {"sources", r.sources},    {"selections", r.selections}, {"notes", r.notes},
                    {"cases", r.cases},        {"variables", r.variables},   {"lost", r.lost},
                    {"remarks", r.notes_text}}
                   .dump(2, ' ', false, json::error_handler_t::replace)
            << '\n';
        return;
    }
    std::cout << "wrote " << r.file.string() << ": " << r.codes << " codes";
    if (r.sources > 0 || r.users > 0)
        std::cout << ", " << r.users << " users, " << r.sources << " sources, " << r.selections
                  << " selections, " << r.notes << " notes, " << r.cases << " cases, "
                  << r.variables << " variables";
    std::cout << '\n';
    for (const auto& n : r.notes_text)
        std::cout << "note: " << n << '\n';
    if (r.lost.empty())
        std::cout << "nothing was lost\n";
    for (const auto& l : r.lost)
        std::cout << "not exported: " << l << '\n';
}

void add_export(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "export", "Write the project (or some transcripts and coders) as a REFI-QDA project "
                  "(.qdpx) for ATLAS.ti, MAXQDA, NVivo, QualCoder …");
    auto out = std::make_shared<std::string>();
    auto transcripts = std::make_shared<std::vector<std::string>>();
    auto coders = std::make_shared<std::vector<std::string>>();
    ProjectCommand project_cmd(*cmd, ctx);
    cmd->add_option("--out", *out, "The .qdpx file to write")->required();
    cmd->add_option("--transcripts", *transcripts,
                    "Only these transcripts (numeric ids or participant ids; default: every "
                    "current transcript)")
        ->delimiter(',');
    cmd->add_option("--coders", *coders, "Only these coders' work (default: everyone's)")
        ->delimiter(',');
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("--format", *format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    project_cmd.run(
        [=, &ctx](const OpenProject& p)
        {
            io::RefiExportOptions o;
            for (const auto& name : *transcripts)
            {
                auto t = find_transcript(p.session, name, ctx);
                if (!t)
                    return;
                o.transcripts.push_back(*t);
            }
            for (const auto& name : *coders)
            {
                auto c = find_coder(p.session, name, ctx);
                if (!c)
                    return;
                o.coders.push_back(c->id);
            }
            auto r = io::export_refi_project(p.session, o, *out);
            if (!r)
                return fail(ctx, r.error(), p.path);
            print_export(*r, *format);
        });
}

void add_export_codebook(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand("export-codebook",
                                   "Write a scheme's codes as a REFI-QDA codebook (.qdc)");
    auto out = std::make_shared<std::string>();
    auto scheme = std::make_shared<std::string>();
    ProjectCommand project_cmd(*cmd, ctx);
    cmd->add_option("--scheme", *scheme, "The scheme id (its latest stored version)")->required();
    cmd->add_option("--out", *out, "The .qdc file to write")->required();
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("--format", *format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    project_cmd.run(
        [=, &ctx](const OpenProject& p)
        {
            auto r = io::export_refi_codebook(p.session, *scheme, *out);
            if (!r)
                return fail(ctx, r.error(), p.path);
            print_export(*r, *format);
        });
}

json skipped_json(const std::vector<io::RefiSkipped>& list)
{
    json out = json::array();
    for (const auto& s : list)
        out.push_back({{"kind", s.kind}, {"guid", s.guid}, {"name", s.name}, {"reason", s.reason}});
    return out;
}

void print_import(const io::RefiImportReport& r, const std::string& format)
{
    if (format == "json")
    {
        json unplaced = json::array();
        for (const auto& u : r.unplaced)
            unplaced.push_back({{"guid", u.guid}, {"source", u.source}, {"reason", u.reason}});
        std::cout << json{{"file", r.file},
                          {"origin", r.origin},
                          {"positions",
                           {{"unit", r.unit}, {"crlf", r.crlf}, {"detected", r.detected}}},
                          {"scheme",
                           {{"id", r.scheme_id},
                            {"version", r.scheme_version},
                            {"generated", r.scheme_generated},
                            {"existed", r.scheme_existed},
                            {"codes", r.codes}}},
                          {"transcripts", r.transcripts},
                          {"transcripts_existing", r.transcripts_existing},
                          {"coders", r.coders},
                          {"coders_mapped", r.coders_mapped},
                          {"annotations", r.annotations},
                          {"annotations_existing", r.annotations_existing},
                          {"memos", r.memos},
                          {"skipped", skipped_json(r.skipped)},
                          {"unplaced", unplaced},
                          {"warnings", r.warnings}}
                         .dump(2, ' ', false, json::error_handler_t::replace)
                  << '\n';
        return;
    }
    std::cout << "imported " << r.file << (r.origin.empty() ? "" : " (" + r.origin + ")") << '\n';
    if (!r.scheme_id.empty())
        std::cout << "scheme: " << r.scheme_id << " " << r.scheme_version << ", " << r.codes
                  << " codes" << (r.scheme_generated ? " (generated from the codebook)" : "")
                  << (r.scheme_existed ? " (already in the project)" : "") << '\n';
    if (r.unit == "none")
        std::cout << "positions: no plain-text source to place selections in\n";
    else
        std::cout << "positions: " << r.unit << ", " << r.crlf
                  << (r.detected ? " (detected)" : " (as chosen)") << '\n';
    std::cout << "transcripts: " << r.transcripts << " new, " << r.transcripts_existing
              << " already in the project\n";
    std::cout << "coders: " << r.coders << " new, " << r.coders_mapped << " mapped\n";
    std::cout << "annotations: " << r.annotations << " new (" << r.memos << " with memos), "
              << r.annotations_existing << " already in the project\n";
    std::map<std::string, std::size_t> kinds;
    for (const auto& s : r.skipped)
        ++kinds[s.kind];
    for (const auto& [kind, n] : kinds)
        std::cout << "skipped: " << n << " " << kind << '\n';
    for (const auto& s : r.skipped)
        if (s.kind == "TextSource" || s.kind == "PlainTextSelection" || s.kind == "Coding")
            std::cout << "  " << s.kind << " " << s.guid
                      << (s.name.empty() ? "" : " '" + s.name + "'") << ": " << s.reason << '\n';
    if (!r.unplaced.empty())
        std::cout << "not placed: " << r.unplaced.size() << " selections\n";
    for (const auto& u : r.unplaced)
        std::cout << "  " << u.guid << " (" << u.source << "): " << u.reason << '\n';
    for (const auto& w : r.warnings)
        std::cout << "warning: " << w << '\n';
}

void add_import(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "import", "Import a REFI-QDA project (.qdpx, or a bare .qde) or codebook (.qdc) into "
                  "PROJECT (created when it does not exist); nothing is written unless all of "
                  "it imports");
    auto path = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    auto positions = std::make_shared<std::string>("auto");
    auto crlf = std::make_shared<std::string>("auto");
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("PROJECT", *path, "The project file (created when it does not exist)")
        ->required();
    cmd->add_option("FILE", *file, "The .qdpx, .qde or .qdc file")->required();
    cmd->add_option("--positions", *positions,
                    "How the file counts positions: codepoints (the standard), utf16 (NVivo) "
                    "or auto (default: the convention under which the selections fit the text)")
        ->check(CLI::IsMember({"codepoints", "utf16", "auto"}));
    cmd->add_option("--crlf", *crlf,
                    "How the file counts a CR LF line end: two (the text's code points), one "
                    "(ATLAS.ti) or auto (default)")
        ->check(CLI::IsMember({"one", "two", "auto"}));
    cmd->add_option("--format", *format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->callback(
        [=, &ctx]()
        {
            auto bytes = read_file_limited(*file, io::kRefiMaxTotalBytes, "the REFI-QDA file");
            if (!bytes)
            {
                ctx.exit_code = report(bytes.error());
                return;
            }
            auto refi = io::read_refi(*bytes, std::filesystem::path(*file).filename().string());
            if (!refi)
            {
                ctx.exit_code = report(refi.error());
                return;
            }
            ctx.project = *path;
            const bool exists = std::filesystem::exists(*path);
            auto session = exists ? project::Session::open(*path) : project::Session::create(*path);
            if (!session)
                return fail(ctx, session.error(), *path);
            io::RefiImportOptions o;
            o.unit = *positions == "codepoints" ? io::RefiUnit::CodePoints
                     : *positions == "utf16"    ? io::RefiUnit::Utf16
                                                : io::RefiUnit::Auto;
            o.crlf = *crlf == "one"   ? io::RefiCrlf::One
                     : *crlf == "two" ? io::RefiCrlf::Two
                                      : io::RefiCrlf::Auto;
            auto r = io::import_refi(**session, *refi, o);
            if (!r)
            {
                session->reset();
                if (!exists)
                    std::filesystem::remove(*path); // the project this run created, still empty
                return fail(ctx, r.error(), *path);
            }
            r->file = std::filesystem::path(*file).filename().string();
            if (!exists)
                std::cout << (*format == "json" ? "" : "created " + *path + "\n");
            print_import(*r, *format);
        });
}

void add_refi(CLI::App& app, Context& ctx)
{
    auto* refi = app.add_subcommand(
        "refi", "REFI-QDA exchange (.qdpx projects, .qdc codebooks; docs/refi-qda.md)");
    refi->require_subcommand(1);
    add_export(*refi, ctx);
    add_export_codebook(*refi, ctx);
    add_import(*refi, ctx);
}

const bool registered = register_group("refi", add_refi);

} // namespace

} // namespace attune::cli
