// SPDX-License-Identifier: GPL-3.0-or-later
// app::find_data_paths: the installed layout, the build tree's layout and ATTUNE_DATA_DIR, on
// real directories (a temporary tree per test) and on this build tree itself.
#include "app/data_paths.h"
#include "temp_dir.h" // tests/core/store

#include <catch2/catch.hpp>

#include <fstream>

namespace fs = std::filesystem;
using attune::ErrorCode;
using attune::app::data_dir_candidates;
using attune::app::find_data_paths;
using attune::testing::TempDir;

namespace
{

void touch(const fs::path& p)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "x\n";
}

// <root>/bin/attune + share/attune/{schemes,samples} + share/doc/attune, as `cmake --install`
// lays them out.
void make_installed(const fs::path& root)
{
    touch(root / "bin" / "attune");
    touch(root / "share" / "attune" / "schemes" / "aai-state-of-mind.xml");
    touch(root / "share" / "attune" / "samples" / "build-demo");
    touch(root / "share" / "doc" / "attune" / "user-guide.md");
}

} // namespace

TEST_CASE("data paths: an installed program finds share/attune and share/doc/attune", "[app]")
{
    TempDir t;
    make_installed(t.path());
    auto r = find_data_paths(t / "bin/attune", std::nullopt);
    REQUIRE(r.ok());
    CHECK(r->data == t.path() / "share" / "attune");
    CHECK(r->docs == t.path() / "share" / "doc" / "attune");
    CHECK(r->scheme_file("aai-state-of-mind") ==
          t.path() / "share/attune/schemes/aai-state-of-mind.xml");
    CHECK(r->build_demo_script() == t.path() / "share/attune/samples/build-demo");
    CHECK(r->user_guide() == t.path() / "share/doc/attune/user-guide.md");
    CHECK(fs::is_regular_file(r->user_guide()));
    // Not a build tree: no demo is looked for above the prefix.
    CHECK(r->build_root.empty());
    CHECK(r->build_tree_demo().empty());
}

TEST_CASE("data paths: a program in the build tree finds <build>/share/attune", "[app]")
{
    TempDir t;
    touch(t / "src/app/attune");
    touch(t / "share/attune/schemes/a.xml");
    touch(t / "share/doc/attune/user-guide.md");
    auto r = find_data_paths(t / "src/app/attune", std::nullopt);
    REQUIRE(r.ok());
    CHECK(r->data == t.path() / "share" / "attune");
    CHECK(r->docs == t.path() / "share" / "doc" / "attune");
    CHECK(r->build_root == t.path());
    CHECK(r->build_tree_demo() == t.path() / "demo.attune");
    // The CLI sits at the same depth.
    auto cli = find_data_paths(t / "src/cli/attune-cli", std::nullopt);
    REQUIRE(cli.ok());
    CHECK(cli->data == r->data);
}

TEST_CASE("data paths: the installed layout wins over a build tree two levels up", "[app]")
{
    // <t>/share/attune (a "build tree" seen from <t>/opt/bin) and <t>/opt/share/attune
    // (installed next to the program): the program uses its own installation.
    TempDir t;
    make_installed(t / "opt");
    touch(t / "share/attune/schemes/other.xml");
    auto r = find_data_paths(t / "opt/bin/attune", std::nullopt);
    REQUIRE(r.ok());
    CHECK(r->data == t.path() / "opt" / "share" / "attune");
}

TEST_CASE("data paths: ATTUNE_DATA_DIR overrides, and a source checkout works as one", "[app]")
{
    TempDir t;
    make_installed(t.path());
    touch(t / "checkout/schemes/a.xml");
    touch(t / "checkout/docs/user-guide.md");
    auto r = find_data_paths(t / "bin/attune", (t / "checkout").string());
    REQUIRE(r.ok());
    CHECK(r->data == t.path() / "checkout");
    CHECK(r->docs == t.path() / "checkout" / "docs");
    CHECK(r->build_tree_demo().empty());

    // An empty value is the same as unset.
    auto unset = find_data_paths(t / "bin/attune", std::string());
    REQUIRE(unset.ok());
    CHECK(unset->data == t.path() / "share" / "attune");
}

TEST_CASE("data paths: a wrong ATTUNE_DATA_DIR is reported, not silently replaced", "[app]")
{
    TempDir t;
    make_installed(t.path());
    const auto wrong = (t / "nowhere").string();
    CHECK(data_dir_candidates(t / "bin/attune", wrong) == std::vector<fs::path>{wrong});
    auto r = find_data_paths(t / "bin/attune", wrong);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::NotFound);
    CHECK(r.error().message ==
          "ATTUNE_DATA_DIR holds no schemes directory; looked for " + wrong + "/schemes");
}

TEST_CASE("data paths: nothing installed names every place looked at", "[app]")
{
    TempDir t;
    touch(t / "a/b/bin/attune");
    auto r = find_data_paths(t / "a/b/bin/attune", std::nullopt);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::NotFound);
    CHECK(r.error().message == "Attune's data (schemes, samples) is not installed; looked for " +
                                   (t.path() / "a/b/share/attune/schemes").string() + ", " +
                                   (t.path() / "a/share/attune/schemes").string());
}

TEST_CASE("data paths: docs are optional, and without them user_guide() is empty", "[app]")
{
    TempDir t;
    touch(t / "bin/attune");
    touch(t / "share/attune/schemes/a.xml");
    auto r = find_data_paths(t / "bin/attune", std::nullopt);
    REQUIRE(r.ok());
    CHECK(r->docs.empty());
    CHECK(r->user_guide().empty());
}

TEST_CASE("data paths: this build tree's programs find the shipped schemes, demo and guide",
          "[app]")
{
    // The build tree's share/ links into the sources (packaging/CMakeLists.txt).
    const fs::path build(ATTUNE_BUILD_DIR);
    auto r = find_data_paths(build / "src" / "app" / "attune", std::nullopt);
    REQUIRE(r.ok());
    CHECK(r->data == build / "share" / "attune");
    CHECK(fs::is_regular_file(r->scheme_file("aai-state-of-mind")));
    CHECK(fs::is_regular_file(r->build_demo_script()));
    CHECK(fs::is_regular_file(r->samples_dir() / "transcripts" / "P01-secure.txt"));
    CHECK(fs::is_regular_file(r->user_guide()));
    CHECK(fs::is_directory(r->docs / "images"));
}

TEST_CASE("data paths: executable_path is this test program", "[app]")
{
    CHECK(attune::app::executable_path().filename() == "attune_app_tests");
}
