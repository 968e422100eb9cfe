// SPDX-License-Identifier: GPL-3.0-or-later
// Blind coding: who may see other coders' work (may_see_others) and the audited unblinding
// step (Session::record_unblind), through a real project file.
#include "project_fixture.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace attune;
using attune::testing::ProjectFixture;

TEST_CASE("only a master or the consensus coder sees others' work without unblinding",
          "[project][blind]")
{
    project::Coder c;
    c.name = "x";
    CHECK_FALSE(project::may_see_others(c)); // role "coder" by default
    c.role = "master";
    CHECK(project::may_see_others(c));
    c.role = "consensus";
    CHECK(project::may_see_others(c));
    c.role = "coder";
    CHECK_FALSE(project::may_see_others(c));
}

TEST_CASE("unblinding is written to the audit log, kept after reopening, and not undoable",
          "[project][blind]")
{
    ProjectFixture f;
    auto& s = *f.session;
    const auto before = s.audit_log().size();
    const bool could_undo = s.can_undo();
    int notified = 0;
    s.subscribe([&](const project::Changed&) { ++notified; });
    auto entry = s.record_unblind("alice", "bob's passages, ratings and classification of P001",
                                  "compare view");
    REQUIRE(entry);
    CHECK(entry->action == "unblind");
    CHECK(entry->who == "alice");
    CHECK(entry->entity == "coder " + std::to_string(f.alice.value()));
    CHECK(notified == 0);              // no coding changed
    CHECK(s.can_undo() == could_undo); // nothing to undo
    f.session.reset();

    auto reopened = project::Session::open(f.path);
    REQUIRE(reopened);
    const auto log = (*reopened)->audit_log();
    REQUIRE(log.size() == before + 1);
    const auto& last = log.back();
    CHECK(last.action == "unblind");
    CHECK(last.who == "alice");
    REQUIRE(last.after_json);
    const auto after = nlohmann::json::parse(*last.after_json);
    CHECK(after["coder"] == "alice");
    CHECK(after["role"] == "coder");
    CHECK(after["reveals"] == "bob's passages, ratings and classification of P001");
    CHECK(after["reason"] == "compare view");
    CHECK_FALSE(last.before_json);
}

TEST_CASE("unblinding refuses an unknown coder, writing nothing", "[project][blind]")
{
    ProjectFixture f;
    const auto before = f.session->audit_log().size();
    auto unknown = f.session->record_unblind("zoe", "everything", "");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(unknown.error().message.find("zoe") != std::string::npos);
    CHECK(f.session->audit_log().size() == before);
}
