// SPDX-License-Identifier: GPL-3.0-or-later
// audit: the project's audit log, e.g. who left blind mode when (docs/cli.md).
#include "cli/cmd_project_common.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace attune::cli
{

namespace
{

void add_audit(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "audit", "Print the project's audit log, oldest first: id, time, who, action, entity and "
                 "the state after (TSV, or JSON with the state before too)");
    ProjectCommand project_cmd(*cmd, ctx);
    auto action = std::make_shared<std::string>();
    cmd->add_option("--action", *action,
                    "Only entries of this action, e.g. unblind, merge package, assign");
    auto format = add_listing_format(*cmd);
    project_cmd.run(
        [action, format](const OpenProject& p)
        {
            nlohmann::json out = nlohmann::json::array();
            if (*format != "json")
                std::cout << "id\tat\twho\taction\tentity\tafter\n";
            for (const auto& e : p.session.audit_log())
            {
                if (!action->empty() && e.action != *action)
                    continue;
                if (*format == "json")
                {
                    auto parse = [](const std::optional<std::string>& s)
                    { return s ? nlohmann::json::parse(*s, nullptr, false) : nlohmann::json(); };
                    out.push_back({{"id", e.id},
                                   {"at", e.at},
                                   {"who", e.who},
                                   {"action", e.action},
                                   {"entity", e.entity},
                                   {"before", parse(e.before_json)},
                                   {"after", parse(e.after_json)}});
                    continue;
                }
                std::cout << e.id << '\t' << tsv_field(e.at) << '\t' << tsv_field(e.who) << '\t'
                          << tsv_field(e.action) << '\t' << tsv_field(e.entity) << '\t'
                          << tsv_field(e.after_json.value_or("")) << '\n';
            }
            if (*format == "json")
                std::cout << out.dump(2) << '\n';
        });
}

const bool registered =
    register_group("audit", [](CLI::App& app, Context& ctx) { add_audit(app, ctx); });

} // namespace

} // namespace attune::cli
