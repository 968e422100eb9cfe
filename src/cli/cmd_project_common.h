// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers shared by the project commands (cmd_project.cpp, cmd_coding.cpp, cmd_coder.cpp,
// cmd_transcript.cpp, cmd_backup.cpp, cmd_scheme_add.cpp): the PROJECT argument and opening it
// (ProjectCommand), and naming transcripts and coders as docs/cli.md says.

#include "cli/cli_common.h"
#include "core/io/csv_writer.h"
#include "core/project/session.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace attune::cli
{

/// Opens PROJECT; on failure reports the error and sets ctx.exit_code.
std::unique_ptr<project::Session> open_project(const std::string& path, Context& ctx,
                                               bool reading_only = false);

/// Resolves TRANSCRIPT (numeric id or unique participant id); reports failures.
std::optional<project::TranscriptId> find_transcript(project::Session& s, const std::string& name,
                                                     Context& ctx);

/// Resolves a coder name (never creates one); reports failures.
std::optional<project::Coder> find_coder(project::Session& s, const std::string& name,
                                         Context& ctx);

/// Reports an error with the project path as its location when it has none.
void fail(Context& ctx, Error error, const std::string& project_path);

/// Adds `--format tsv|json` (a listing's: TSV by default) to `cmd`; returns where it is read to.
std::shared_ptr<std::string> add_listing_format(CLI::App& cmd);

/// What the body of a project command works on: the open session, PROJECT as given (the location
/// of errors that carry none) and, when the command takes them and they were given, the resolved
/// TRANSCRIPT and --coder (always set when required).
struct OpenProject
{
    project::Session& session;
    const std::string& path;
    std::optional<project::TranscriptId> transcript;
    std::optional<project::Coder> coder;
};

/// A subcommand on one project file. The constructor adds the required positional PROJECT;
/// with_transcript and with_coder add TRANSCRIPT and --coder; run sets the callback, which opens
/// the project, resolves the transcript and the coder in that order and calls the body. A
/// failure on the way is reported and sets ctx.exit_code (1), and the body does not run. Add the
/// command's own positionals after these (CLI11 fills positionals in the order they are added)
/// and always call run: the callback owns the values the options are read into.
class ProjectCommand
{
public:
    using Body = std::function<void(const OpenProject&)>;
    /// Runs before the project is opened, so that its errors (usage, an unreadable input file) are
    /// the ones reported whether or not the project opens: returns kExitOk to go on, or the exit
    /// code of the failure it has reported.
    using Before = std::function<int()>;

    ProjectCommand(CLI::App& cmd, Context& ctx);

    /// Adds the positional TRANSCRIPT (numeric id or unique participant id).
    ProjectCommand&
    with_transcript(bool required = true,
                    const std::string& help = "Numeric id or unique participant id");
    /// Adds --coder (a coder name; coders are never created here).
    ProjectCommand& with_coder(const std::string& help, bool required = true);

    /// Opens the project only to read it (Session::open_to_read): for commands that write
    /// nothing to it, which then need not verify the whole file first.
    ProjectCommand& reading_only();

    void run(Body body, Before before = {});

private:
    /// TRANSCRIPT or --coder: a name the command may take, resolved once the project is open.
    struct Name
    {
        std::string value;
        bool taken = false;
        bool required = false;
        /// An optional one left out is not resolved; a required one given empty is, and fails.
        bool to_resolve() const { return taken && (required || !value.empty()); }
    };
    struct Args
    {
        std::string project;
        Name transcript, coder;
        bool reading_only = false;
    };

    void add_name(Name& name, const std::string& option, const std::string& help, bool required);

    CLI::App& m_cmd;
    Context& m_ctx;
    std::shared_ptr<Args> m_args = std::make_shared<Args>();
};

// The CSV and TSV fields of listings are core's (io/csv_writer.h), shared with the GUI's exports.
using io::csv_field;
using io::tsv_field;

} // namespace attune::cli
