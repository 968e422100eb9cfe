// SPDX-License-Identifier: GPL-3.0-or-later
// Project commands: new, import, transcripts, text, show, search, check (docs/cli.md).
#include "cli/cmd_project_common.h"
#include "core/io/import.h"
#include "core/io/listing_json.h"
#include "core/scheme/scheme.h"
#include "core/team/team.h"
#include "core/text/names.h"
#include "core/text/text_index.h"

#include <iostream>
#include <limits>
#include <map>

namespace attune::cli
{

namespace
{

void add_new(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand("new", "Create an empty project file (.attune)");
    auto path = std::make_shared<std::string>();
    cmd->add_option("PROJECT", *path, "Project file to create (must not exist)")->required();
    cmd->callback(
        [&ctx, path]
        {
            auto s = project::Session::create(*path);
            if (!s)
                return fail(ctx, s.error(), *path);
            std::cout << "created " << *path << '\n';
        });
}

struct ImportArgs
{
    std::vector<std::string> files;
    std::string encoding;
    std::string participant;
    std::string title;
    std::string interviewer;
    std::string date;
    std::string language;
    std::string metadata;
    std::int64_t supersedes = 0;
    bool remap = false;
    bool replace_invalid = false;
    bool allow_duplicate = false;
};

void add_import(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "import", "Import transcripts (.txt in any encoding, .docx, .odt); prints one line "
                  "'ID<TAB>FILE' per new transcript");
    auto a = std::make_shared<ImportArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    cmd->add_option("FILE", a->files, "Transcript files")->required();
    cmd->add_option("--encoding", a->encoding,
                    "Decode .txt files with this encoding instead of detecting it");
    cmd->add_flag("--replace-invalid", a->replace_invalid,
                  "Replace invalid byte sequences with U+FFFD (reported) instead of refusing");
    cmd->add_option("--participant", a->participant, "Participant id (only with a single FILE)");
    cmd->add_option("--title", a->title, "Title (default: the file name; single FILE only)");
    cmd->add_option("--interviewer", a->interviewer, "Interviewer");
    cmd->add_option("--date", a->date, "Interview date (YYYY-MM-DD)");
    cmd->add_option("--language", a->language, "Language tag, e.g. en, de");
    cmd->add_option("--metadata", a->metadata, "Free metadata as a JSON object");
    cmd->add_option("--supersedes", a->supersedes,
                    "Import FILE as a corrected version of transcript ID")
        ->transform(decimal_integer(1, std::numeric_limits<std::int64_t>::max()));
    cmd->add_flag("--remap", a->remap,
                  "With --supersedes: move the old version's annotations, ratings and "
                  "classifications to the new one (reported); without it the import refuses "
                  "when the old version has any");
    cmd->add_flag("--allow-duplicate", a->allow_duplicate,
                  "Import a text that is already in the project (refused without it)");
    project_cmd.run(
        [&ctx, a](const OpenProject& p)
        {
            for (const auto& file : a->files)
            {
                io::ImportOptions options;
                if (!a->encoding.empty())
                    options.encoding = a->encoding;
                options.replace_invalid = a->replace_invalid;
                auto imported = io::import_transcript(file, options);
                if (!imported)
                {
                    fail(ctx, imported.error(), file);
                    return;
                }
                for (const auto& note : imported->notes)
                    std::cerr << file << ": note: " << note << '\n';
                project::AddTranscript command;
                command.text = imported->text;
                command.remap = a->remap;
                command.allow_duplicate = a->allow_duplicate;
                auto& m = command.meta;
                // A title taken from the file name is made to fit the name rule; one typed is
                // checked.
                m.title = a->title.empty()
                              ? text::name_from(std::filesystem::path(file).filename().string())
                              : a->title;
                if (!a->participant.empty())
                    m.participant = a->participant;
                if (!a->interviewer.empty())
                    m.interviewer = a->interviewer;
                if (!a->date.empty())
                    m.interview_date = a->date;
                if (!a->language.empty())
                    m.language = a->language;
                if (!a->metadata.empty())
                    m.metadata_json = a->metadata;
                m.source_name = std::filesystem::path(file).filename().string();
                m.encoding = imported->encoding;
                if (a->supersedes != 0)
                    m.supersedes = project::TranscriptId{a->supersedes};
                auto out = p.session.apply(command);
                if (!out)
                {
                    Error e = out.error();
                    // Core refused a text it holds already; say how to insist.
                    if (e.code == ErrorCode::Conflict && !a->allow_duplicate &&
                        !p.session.transcripts_with_text(command.text).empty())
                        e.message += " (import it anyway with --allow-duplicate)";
                    fail(ctx, e, file);
                    return;
                }
                for (const auto& note : out->notes)
                    std::cerr << "note: " << note << '\n';
                std::cout << out->id << '\t' << tsv_field(file) << '\n';
            }
        },
        [a]
        {
            if (a->files.size() > 1 &&
                (!a->participant.empty() || !a->title.empty() || a->supersedes != 0))
                return usage_error("--participant, --title and --supersedes need exactly one FILE");
            return kExitOk;
        });
}

// Who is assigned each of `list` (team::assignments), in its order.
std::vector<std::vector<io::AssignedCoder>>
assigned_to(project::Session& s, const std::vector<project::TranscriptSummary>& list)
{
    std::map<project::CoderId, std::string> names;
    for (const auto& c : s.coders())
        names[c.id] = c.name;
    std::map<project::TranscriptId, std::vector<io::AssignedCoder>> by;
    for (const auto& a : team::assignments(s))
        by[a.transcript].push_back({names[a.coder], a.reliability});
    std::vector<std::vector<io::AssignedCoder>> out;
    for (const auto& t : list)
        out.push_back(by[t.transcript.id]);
    return out;
}

void add_transcripts(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "transcripts", "List transcripts: id, title, participant, words, turns, version, coders, "
                       "assigned coders and whether in the reliability subset (TSV, or JSON "
                       "with uuids)");
    ProjectCommand project_cmd(*cmd, ctx);
    auto format = add_listing_format(*cmd);
    project_cmd.run(
        [format](const OpenProject& p)
        {
            const auto list = p.session.transcripts();
            const auto assigned = assigned_to(p.session, list);
            if (*format == "json")
            {
                std::cout << io::transcripts_json(list, assigned) << '\n';
                return;
            }
            std::cout << "id\ttitle\tparticipant\twords\tturns\tversion\tcoders\tassigned\t"
                         "reliability\n";
            for (std::size_t i = 0; i < list.size(); ++i)
            {
                const auto& t = list[i];
                std::string coders;
                for (const auto& c : t.coders)
                    coders += (coders.empty() ? "" : ",") + c;
                std::string who;
                bool reliability = false;
                for (const auto& a : assigned[i])
                {
                    who += (who.empty() ? "" : ",") + a.coder;
                    reliability = reliability || a.reliability;
                }
                const auto& r = t.transcript;
                std::cout << r.id << '\t' << tsv_field(r.title) << '\t'
                          << tsv_field(r.participant.value_or("")) << '\t' << r.word_count << '\t'
                          << r.turn_count << '\t' << r.version << '\t' << tsv_field(coders) << '\t'
                          << tsv_field(who) << '\t' << (reliability ? "yes" : "") << '\n';
            }
        });
}

void add_text(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "text", "Write exactly the stored (NFC, \\n) text of a transcript to stdout");
    ProjectCommand(*cmd, ctx).with_transcript().run(
        [&ctx](const OpenProject& p)
        {
            auto text = p.session.text(*p.transcript);
            if (!text)
                return fail(ctx, text.error(), p.path);
            std::cout.write(text->data(), static_cast<std::streamsize>(text->size()));
            std::cout.flush();
        });
}

void add_show(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "show", "Print a transcript with line numbers (as the workbench shows them) and, with "
                "--coder, that coder's annotations, ratings and classification");
    ProjectCommand(*cmd, ctx)
        .with_transcript()
        .with_coder("Show this coder's work under the lines", false)
        .run(
            [](const OpenProject& p)
            {
                auto& s = p.session;
                const auto id = *p.transcript;
                const auto& c = p.coder;
                const text::TextIndex index(s.text(id).value());
                // Annotations listed under the line where they start.
                std::multimap<int, project::Annotation> by_line;
                if (c)
                    for (auto& a : s.annotations(id, c->id))
                        by_line.emplace(index.line_of(a.start), a);
                const int width = static_cast<int>(std::to_string(index.line_count()).size());
                for (int line = 1; line <= index.line_count(); ++line)
                {
                    std::string number = std::to_string(line);
                    std::cout << std::string(static_cast<std::size_t>(width) - number.size(), ' ')
                              << number << "  "
                              << index.substr(index.line_start(line), index.line_end(line)) << '\n';
                    auto [lo, hi] = by_line.equal_range(line);
                    for (auto it = lo; it != hi; ++it)
                    {
                        const auto& a = it->second;
                        std::cout << std::string(static_cast<std::size_t>(width), ' ') << "  > "
                                  << a.scheme_id << ':' << a.code << " [" << a.start << ',' << a.end
                                  << ") lines " << line << '-' << index.line_of(a.end - 1) << ' '
                                  << a.uuid;
                        if (!a.memo.empty())
                            std::cout << " memo: " << a.memo;
                        std::cout << '\n';
                    }
                }
                if (!c)
                    return;
                for (const auto& r : s.ratings(id, c->id))
                {
                    std::cout << "rating " << r.scheme_id << ':' << r.scale;
                    if (!r.target.empty())
                        std::cout << '/' << r.target;
                    std::cout << " = ";
                    if (r.value)
                        std::cout << scheme::format_value(*r.value);
                    else
                        std::cout << "not-scorable";
                    if (!r.note.empty())
                        std::cout << " note: " << r.note;
                    std::cout << '\n';
                }
                for (const auto& stored : s.classifications(id, c->id))
                {
                    const auto k = s.as_stated(stored); // CC alternative Ds1, not sub Ds1 alt Ds
                    std::cout << "classification " << k.scheme_id << ": " << k.category;
                    if (k.subcategory)
                        std::cout << " sub " << *k.subcategory;
                    if (k.unresolved)
                        std::cout << " unresolved " << *k.unresolved;
                    if (k.alternative)
                        std::cout << " alternative " << *k.alternative;
                    if (!k.note.empty())
                        std::cout << " note: " << k.note;
                    std::cout << '\n';
                }
            });
}

void add_search(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "search", "Full-text search over all transcripts (case- and accent-insensitive); prints "
                  "'ID<TAB>PARTICIPANT<TAB>LINE<TAB>SNIPPET' per hit");
    ProjectCommand project_cmd(*cmd, ctx);
    auto query = std::make_shared<std::string>();
    cmd->add_option("QUERY", *query,
                    "Words (all must occur in the line), \"a phrase\", prefix*, OR, NOT")
        ->required();
    project_cmd.run(
        [&ctx, query](const OpenProject& p)
        {
            auto hits = p.session.search(*query);
            if (!hits)
                return fail(ctx, hits.error(), p.path);
            std::map<project::TranscriptId, std::string> participants;
            for (const auto& t : p.session.transcripts())
                participants[t.transcript.id] = t.transcript.participant.value_or("");
            for (const auto& h : *hits)
                std::cout << h.transcript_id << '\t' << tsv_field(participants[h.transcript_id])
                          << '\t' << h.line << '\t' << tsv_field(h.snippet) << '\n';
        });
}

void add_check(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "check", "Full integrity check and orphan report (exit 1 when the file is damaged)");
    ProjectCommand(*cmd, ctx).run(
        [&ctx](const OpenProject& open)
        {
            auto r = open.session.check();
            if (!r)
                return fail(ctx, r.error(), open.path);
            if (r->integrity_problems.empty())
                std::cout << "integrity: ok\n";
            for (const auto& p : r->integrity_problems)
                std::cout << "integrity: " << p << '\n';
            std::cout << "orphans: " << r->orphans.size() << '\n';
            for (const auto& o : r->orphans)
                std::cout << "orphan " << o.kind << " " << o.scheme_id << ':' << o.code
                          << " transcript " << o.transcript << " coder " << o.coder << ' ' << o.ref
                          << '\n';
            if (!r->integrity_problems.empty())
                ctx.exit_code = report(make_error(ErrorCode::StoreCorrupt,
                                                  "the project file failed its integrity check",
                                                  SourceLocation{open.path, 0, 0}));
        });
}

const bool registered = register_group("project",
                                       [](CLI::App& app, Context& ctx)
                                       {
                                           add_new(app, ctx);
                                           add_import(app, ctx);
                                           add_transcripts(app, ctx);
                                           add_text(app, ctx);
                                           add_show(app, ctx);
                                           add_search(app, ctx);
                                           add_check(app, ctx);
                                       });

} // namespace

} // namespace attune::cli
