// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/merge_summary.h"

#include <cctype>

namespace attune::app
{

namespace
{

std::string count(std::int64_t n, const char* what)
{
    return std::to_string(n) + " " + what;
}

std::string capitalised(std::string s)
{
    if (!s.empty())
        s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

void add_items(std::string& out, const std::string& heading,
               const std::vector<team::MergeItem>& items)
{
    if (items.empty())
        return;
    out += "  " + heading + " (" + std::to_string(items.size()) + "):\n";
    for (const auto& i : items)
        out += "    \u2022 " + capitalised(i.kind) +
               (i.transcript.empty() ? "" : " in " + i.transcript) + ": " + i.detail + "\n";
}

} // namespace

std::string describe_merge(const team::MergeReport& report)
{
    std::string out;
    for (const auto& p : report.packages)
    {
        if (!out.empty())
            out += "\n";
        out += "Coder " + p.coder + " \u2014 " + p.file.filename().string() + "\n";
        out += "  " + count(p.added, "new") + ", " + count(p.changed, "changed") + ", " +
               count(p.deleted, "deleted") + ", " + count(p.unchanged, "unchanged") + "\n";
        // A conflict is not lost work: core keeps the newer change and audits the other.
        add_items(out, "Conflicts, the newer change kept and the other in the audit log",
                  p.conflicts);
        add_items(out, "Not merged", p.refused);
        if (!p.notes.empty())
        {
            out += "  Notes:\n";
            for (const auto& n : p.notes)
                out += "    \u2022 " + capitalised(n) + "\n";
        }
    }
    return out;
}

std::string merge_headline(const team::MergeReport& report)
{
    const std::string what = report.packages.size() == 1
                                 ? "this package"
                                 : std::to_string(report.packages.size()) + " packages";
    if (!report.changes_project())
        return "Nothing to merge: the project already holds everything in " + what + ".";
    if (report.dry_run)
        return "Merging " + what + " would make these changes. Nothing has been written yet.";
    return "Merged " + what + " into the project.";
}

std::string describe_merge_refusal(const Error& error,
                                   const std::vector<std::filesystem::path>& files)
{
    std::filesystem::path file;
    if (error.where && !error.where->path.empty())
        file = error.where->path;
    else if (files.size() == 1)
        file = files.front();
    std::string why = capitalised(error.message);
    if (!why.empty() && why.back() != '.')
        why += '.';
    const std::string named = file.empty() ? "" : file.filename().string() + ": ";
    return "The merge was refused; the project is unchanged.\n\n" + named + why;
}

} // namespace attune::app
