// SPDX-License-Identifier: GPL-3.0-or-later
// `scheme validate FILE...` and `scheme show FILE`. The `scheme` subcommand is shared: other
// groups (cmd_scheme_add.cpp) add to it too, and whichever asks first creates it
// (shared_subcommand).
#include "cli/cli_common.h"
#include "core/scheme/scheme.h"

#include <iostream>
#include <memory>
#include <sstream>

namespace attune::cli
{

namespace
{

std::string target_list(const std::vector<scheme::Target>& targets)
{
    std::string out;
    for (const auto t : targets)
        out += (out.empty() ? "" : ", ") + std::string(scheme::to_string(t));
    return out;
}

std::string slot_word(scheme::SlotUse u)
{
    switch (u)
    {
    case scheme::SlotUse::None: return "none";
    case scheme::SlotUse::Optional: return "optional";
    case scheme::SlotUse::Required: return "required";
    }
    return "?";
}

void print_tree(const scheme::Scheme& s, std::ostream& out)
{
    const auto& m = s.metadata();
    out << "scheme " << m.id << " version " << m.version << " (format " << s.format_version()
        << ")\n";
    out << "  title:    " << m.title << '\n';
    if (!m.authors.empty())
    {
        out << "  authors: ";
        for (std::size_t i = 0; i < m.authors.size(); ++i)
            out << (i ? ", " : " ") << m.authors[i];
        out << '\n';
    }
    out << "  licence:  " << m.licence << '\n';
    out << "  language: " << m.language << '\n';

    out << "codes (" << s.codes().size() << ")\n";
    for (const auto& e : s.code_tree())
    {
        const std::string indent(static_cast<std::size_t>(2 + 2 * e.depth), ' ');
        if (e.is_group)
        {
            const auto& g = s.groups()[e.index];
            out << indent << "[" << g.name << "] " << g.id << '\n';
            continue;
        }
        const auto& c = s.codes()[e.index];
        out << indent << c.id << "  \"" << c.name << "\"  " << scheme::format_colour(c.colour);
        if (c.shortcut)
            out << "  " << *c.shortcut;
        if (c.target)
            out << "  target=" << scheme::to_string(*c.target);
        out << '\n';
    }

    out << "scales (" << s.scales().size() << ")\n";
    for (const auto& sc : s.scales())
    {
        out << "  " << sc.id << "  \"" << sc.name << "\"  " << scheme::format_value(sc.min) << ".."
            << scheme::format_value(sc.max) << " step " << scheme::format_value(sc.step) << ", "
            << scheme::to_string(sc.level);
        if (!sc.targets.empty())
            out << ", per " << target_list(sc.targets);
        if (sc.allows_not_scorable)
            out << ", may be not scorable";
        out << '\n';
        for (const auto& a : sc.anchors)
            out << "    " << scheme::format_value(a.value) << ": " << a.text << '\n';
        if (!sc.evidence_codes.empty())
        {
            out << "    evidence:";
            for (const auto& id : sc.evidence_codes)
                out << ' ' << id;
            out << '\n';
        }
    }

    out << "classifications (" << s.classifications().size() << ")\n";
    for (const auto& c : s.classifications())
    {
        out << "  " << c.id << "  \"" << c.name << "\"  slots: subcategory "
            << slot_word(c.slots.subcategory) << ", unresolved " << slot_word(c.slots.unresolved)
            << ", alternative " << slot_word(c.slots.alternative) << '\n';
        for (const auto& cat : c.categories)
        {
            out << "    " << cat.id << "  \"" << cat.name << "\"  " << scheme::to_string(cat.role);
            if (!cat.subcategories.empty())
            {
                out << "  {";
                for (std::size_t i = 0; i < cat.subcategories.size(); ++i)
                    out << (i ? " " : "") << cat.subcategories[i].id;
                out << '}';
            }
            out << '\n';
        }
        for (const auto& k : c.collapsings)
        {
            out << "    collapsing " << k.id << "  \"" << k.name << "\"  ->";
            for (const auto& l : k.labels)
                out << ' ' << l;
            out << '\n';
            for (const auto& e : k.entries)
                out << "      " << e.category << " -> " << (e.label ? *e.label : "(defer)") << '\n';
        }
    }
}

const bool registered = register_group(
    "scheme",
    [](CLI::App& app, Context& ctx)
    {
        auto* group = shared_subcommand(app, "scheme", "Check and inspect coding schemes (XML)");

        auto files = std::make_shared<std::vector<std::string>>();
        auto* validate = group->add_subcommand(
            "validate",
            "Check scheme files (structure and meaning); every problem of a file is printed as "
            "FILE:LINE:COL: error: MESSAGE on stderr. Exit 0 when all are valid, 1 otherwise.");
        validate->add_option("FILE", *files, "Scheme XML file(s)")->required();
        validate->callback(
            [&ctx, files]
            {
                bool all_ok = true;
                for (const auto& f : *files)
                {
                    const auto r = scheme::load_scheme_file_all(f);
                    if (r.ok())
                    {
                        std::cout << f << ": valid (" << r.scheme->codes().size() << " codes, "
                                  << r.scheme->scales().size() << " scales, "
                                  << r.scheme->classifications().size() << " classifications)\n";
                        continue;
                    }
                    all_ok = false;
                    for (const auto& e : r.errors)
                        report(e);
                }
                ctx.exit_code = all_ok ? kExitOk : kExitBadInput;
            });

        auto file = std::make_shared<std::string>();
        auto* show = group->add_subcommand(
            "show", "Print a scheme as a readable tree: metadata, code groups and codes, scales "
                    "with anchors and evidence, classifications with collapsings.");
        show->add_option("FILE", *file, "Scheme XML file")->required();
        show->callback(
            [&ctx, file]
            {
                const auto r = scheme::load_scheme_file_all(*file);
                if (!r.ok())
                {
                    for (const auto& e : r.errors)
                        report(e);
                    ctx.exit_code = kExitBadInput;
                    return;
                }
                print_tree(*r.scheme, std::cout);
                ctx.exit_code = kExitOk;
            });
    });

} // namespace

} // namespace attune::cli
