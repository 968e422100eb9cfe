// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A project in a fresh temporary directory with two coders, the test scheme and one transcript.

#include "../store/temp_dir.h"
#include "core/project/session.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace attune::testing
{

/// The test scheme (id "test"): codes IDEAL and LACK (LACK only when `with_lack`); scale
/// "loving" 1–9 step 0.5 with targets mother/father and not-scorable allowed; scale "coherence"
/// 1–9 step 1, global, not-scorable forbidden; organised categories F (F1–F5), Ds (Ds1–Ds3),
/// E (E1–E3), unresolved U, cannot-classify CC. `version` is its version attribute.
std::string test_scheme_xml(const std::string& version, bool with_lack);

struct ProjectFixture
{
    static constexpr const char* kText =
        "I: Tell me about your mother.\nR: She was warm, très chaleureuse, and always there.\n"
        "I: Any memory?\nR: When I was five she took me to the sea.";
    static constexpr int kTextCodePoints = 140;
    static constexpr int kLine4Start = 98; ///< code point where "R: When" starts

    TempDir dir;
    std::filesystem::path path;
    std::unique_ptr<project::Session> session;
    project::CoderId alice;
    project::CoderId bob;
    project::TranscriptId transcript;

    ProjectFixture() : path(dir / "fixture.attune")
    {
        auto s = project::Session::create(path);
        REQUIRE(s);
        session = std::move(*s);
        alice = must(session->apply(project::AddCoder{"alice"})).coder;
        bob = must(session->apply(project::AddCoder{"bob"})).coder;
        must(session->apply(project::AddScheme{test_scheme_xml("1", true), "test.xml"}));
        project::AddTranscript t;
        t.meta.title = "P001 interview";
        t.meta.participant = "P001";
        t.text = kText;
        transcript = must(session->apply(t)).transcript;
    }

    static project::Outcome must(Result<project::Outcome> r)
    {
        if (!r)
            FAIL("fixture command failed: " << r.error().to_string());
        return *r;
    }
};

} // namespace attune::testing
