// SPDX-License-Identifier: GPL-3.0-or-later
// The words of File → Merge Coder's File…: the report names coders, files and transcripts, never
// record uuids, and a refusal names the package core named.
#include "app/merge_summary.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::app;

namespace
{

team::MergeReport one_package(bool dry_run)
{
    team::PackageMergeReport p;
    p.file = "/home/lab/anna-package.attune";
    p.package_uuid = "0b5e";
    p.coder = "anna";
    p.added = 3;
    p.unchanged = 2;
    p.conflicts.push_back({"annotation", "5709569b", "P03", "changed on both sides"});
    p.refused.push_back({"rating", "77aa", "P01", "a rating with no value"});
    p.notes.push_back("coder 'anna' added (role coder)");
    team::MergeReport r;
    r.dry_run = dry_run;
    r.packages.push_back(p);
    return r;
}

} // namespace

TEST_CASE("gui: a merge report names the coder, the file and the transcripts, not uuids", "[gui]")
{
    const std::string text = describe_merge(one_package(true));
    CHECK(text.find("Coder anna \u2014 anna-package.attune\n") == 0);
    CHECK(text.find("3 new, 0 changed, 0 deleted, 2 unchanged") != std::string::npos);
    CHECK(text.find("Annotation in P03: changed on both sides") != std::string::npos);
    CHECK(text.find("Not merged (1):") != std::string::npos);
    CHECK(text.find("Rating in P01: a rating with no value") != std::string::npos);
    CHECK(text.find("Coder 'anna' added (role coder)") != std::string::npos);
    CHECK(text.find("5709569b") == std::string::npos);
    CHECK(merge_headline(one_package(true)) ==
          "Merging this package would make these changes. Nothing has been written yet.");
    CHECK(merge_headline(one_package(false)) == "Merged this package into the project.");
}

TEST_CASE("gui: a refused merge names the package core named", "[gui]")
{
    Error e{ErrorCode::Conflict, "the package belongs to another project", {}};
    e.where = SourceLocation{"/tmp/b/ben.attune"};
    CHECK(describe_merge_refusal(e, {"/tmp/a/anna.attune", "/tmp/b/ben.attune"}) ==
          "The merge was refused; the project is unchanged.\n\nben.attune: The package belongs "
          "to another project.");
    e.where.reset();
    CHECK(describe_merge_refusal(e, {"/tmp/a/anna.attune"}).find("anna.attune: ") !=
          std::string::npos);
}
