// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence for a rating (which coded passages support a scale for one target) and the labels
// the session gives its commands: both are rules the workbench and the CLI share.
#include "core/project/scheme_rules.h"
#include "core/project/session.h"
#include "core/scheme/scheme.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

// Per-parent experience scales as the shipped aai-experience scheme declares them, plus a code
// with no target (about attachment in general) and a global scale.
constexpr const char* kSchemeXml = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<scheme xmlns="urn:attune:scheme:1" version="1" id="exp">
  <metadata>
    <title>Evidence test</title><version>1</version><licence>CC0-1.0</licence>
    <language>en</language>
  </metadata>
  <codes>
    <code id="loving-mother" name="Loving episode (mother)" colour="#d9f2c2" target="mother">
      <definition>d</definition>
    </code>
    <code id="loving-father" name="Loving episode (father)" colour="#c9f0dd" target="father">
      <definition>d</definition>
    </code>
    <code id="rejecting-mother" name="Rejecting episode (mother)" colour="#ffd6d6" target="mother">
      <definition>d</definition>
    </code>
    <code id="rejecting-father" name="Rejecting episode (father)" colour="#ffe4c4" target="father">
      <definition>d</definition>
    </code>
    <code id="derogation-attachment" name="Derogating attachment" colour="#e0e0e0">
      <definition>d</definition>
    </code>
    <code id="loving-other" name="Loving episode (grandmother)" colour="#e3d4ff" target="other">
      <definition>d</definition>
    </code>
  </codes>
  <scales>
    <scale id="loving" name="Loving" min="1" max="9" step="0.5" targets="mother father">
      <evidence code="loving-mother"/>
      <evidence code="loving-father"/>
      <evidence code="loving-other"/>
    </scale>
    <scale id="rejecting" name="Rejecting" min="1" max="9" step="0.5" targets="mother father">
      <evidence code="rejecting-mother"/>
      <evidence code="rejecting-father"/>
      <evidence code="derogation-attachment"/>
    </scale>
    <scale id="coherence" name="Coherence of transcript" min="1" max="9" step="1">
      <evidence code="loving-mother"/>
      <evidence code="derogation-attachment"/>
    </scale>
  </scales>
</scheme>
)xml";

scheme::Scheme load()
{
    auto s = scheme::load_scheme_string(kSchemeXml, "exp.xml");
    if (!s)
        FAIL(s.error().to_string());
    return *s;
}

store::AnnotationRecord passage(const std::string& code, std::int64_t start,
                                const std::string& scheme_id = "exp")
{
    store::AnnotationRecord a;
    a.uuid = code + "@" + std::to_string(start);
    a.scheme_id = scheme_id;
    a.code = code;
    a.start = start;
    a.end = start + 5;
    return a;
}

std::vector<std::string> uuids(const std::vector<store::AnnotationRecord>& list)
{
    std::vector<std::string> out;
    for (const auto& a : list)
        out.push_back(a.uuid);
    return out;
}

} // namespace

TEST_CASE("evidence: a per-parent scale lists only the codes about that parent", "[project]")
{
    const auto s = load();
    // The format links codes to the scale; each code's target says which rating it supports.
    CHECK(rules::evidence_codes(s, "loving", "mother") ==
          std::vector<std::string>{"loving-mother"});
    CHECK(rules::evidence_codes(s, "loving", "father") ==
          std::vector<std::string>{"loving-father"});
    const std::vector<store::AnnotationRecord> coded = {
        passage("loving-mother", 10), passage("rejecting-mother", 20), passage("loving-father", 30),
        passage("rejecting-father", 40)};
    // Loving (mother) and Loving (father) no longer list the same passages.
    CHECK(uuids(rules::evidence(s, "loving", "mother", coded)) ==
          std::vector<std::string>{"loving-mother@10"});
    CHECK(uuids(rules::evidence(s, "loving", "father", coded)) ==
          std::vector<std::string>{"loving-father@30"});
    // Rejecting (father) lists no mother episode.
    CHECK(uuids(rules::evidence(s, "rejecting", "father", coded)) ==
          std::vector<std::string>{"rejecting-father@40"});
}

TEST_CASE("evidence: a code without a target counts for every target, another target's never",
          "[project]")
{
    const auto s = load();
    CHECK(rules::evidence_codes(s, "rejecting", "mother") ==
          std::vector<std::string>{"rejecting-mother", "derogation-attachment"});
    CHECK(rules::evidence_codes(s, "rejecting", "father") ==
          std::vector<std::string>{"rejecting-father", "derogation-attachment"});
    // A grandmother's episode is linked to Loving but is about neither parent.
    const std::vector<store::AnnotationRecord> coded = {passage("loving-other", 5)};
    CHECK(rules::evidence(s, "loving", "mother", coded).empty());
    CHECK(rules::evidence(s, "loving", "father", coded).empty());
}

TEST_CASE("evidence: a global scale takes every linked code, in the order given", "[project]")
{
    const auto s = load();
    const std::vector<store::AnnotationRecord> coded = {
        passage("derogation-attachment", 50), passage("loving-father", 40),
        passage("loving-mother", 10), passage("loving-mother", 7, "other-scheme")};
    // loving-father is not linked to coherence; the other scheme's passage has the same code id
    // but is not this scheme's code.
    CHECK(uuids(rules::evidence(s, "coherence", "", coded)) ==
          std::vector<std::string>{"derogation-attachment@50", "loving-mother@10"});
}

TEST_CASE("evidence: an unknown scale or a target the scale is not rated for has none", "[project]")
{
    const auto s = load();
    CHECK(rules::evidence_codes(s, "nope", "").empty());
    CHECK(rules::evidence_codes(s, "loving", "").empty());
    CHECK(rules::evidence_codes(s, "loving", "self").empty());
    CHECK(rules::evidence_codes(s, "loving", "mum").empty());
    CHECK(rules::evidence_codes(s, "coherence", "mother").empty());
}

TEST_CASE("labels: codes, scales and classifications are named as the scheme names them",
          "[project]")
{
    const auto s = load();
    CHECK(rules::code_label(&s, "loving-father") == "Loving episode (father)");
    CHECK(rules::code_label(&s, "gone") == "gone");
    CHECK(rules::code_label(nullptr, "loving-father") == "loving-father");
    CHECK(rules::scale_label(&s, "loving", "mother") == "Loving (mother)");
    CHECK(rules::scale_label(&s, "coherence", "") == "Coherence of transcript");
    CHECK(rules::scale_label(nullptr, "coherence", "") == "coherence");
    CHECK(rules::classification_label(nullptr, "F", std::string("F3"), std::nullopt,
                                      std::nullopt) == "F3");
    CHECK(rules::classification_label(nullptr, "Ds", std::string("Ds1"), std::string("U"),
                                      std::nullopt) == "U/Ds1");
    CHECK(rules::classification_label(nullptr, "CC", std::nullopt, std::nullopt,
                                      std::string("E")) == "CC (alternative E)");
    CHECK(rules::classification_label(nullptr, "CC", std::string("E2"), std::string("U"),
                                      std::string("E")) == "U/CC (alternative E2)");
}

TEST_CASE("session: undo and status labels use the scheme's names, not ids", "[project]")
{
    ProjectFixture f;
    std::vector<Changed> seen;
    f.session->subscribe([&](const Changed& c) { seen.push_back(c); });
    auto a = f.session->apply(Annotate{f.transcript, f.alice, "test", "LACK", 40, 44, ""});
    REQUIRE(a);
    CHECK(f.session->undo_label() == "Undo Annotate Lack of recall");
    REQUIRE(f.session->apply(SetMemo{f.alice, a->uuid, "m"}));
    CHECK(f.session->undo_label() == "Undo Memo on Lack of recall");
    REQUIRE(f.session->apply(ChangeSpan{f.alice, a->uuid, 40, 45}));
    CHECK(f.session->undo_label() == "Undo Change span of Lack of recall");
    REQUIRE(f.session->apply(DeleteAnnotation{f.alice, a->uuid}));
    CHECK(f.session->undo_label() == "Undo Delete Lack of recall");

    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "father", 5.5, ""}));
    CHECK(f.session->undo_label() == "Undo Rate Loving (father) 5.5");
    REQUIRE(f.session->apply(ClearRating{f.transcript, f.alice, "test", "loving", "father"}));
    CHECK(f.session->undo_label() == "Undo Clear Loving (father)");

    // What was saved, all of it: the status bar reads "Classify CC (alternative E2) — saved".
    Classify cc;
    cc.transcript = f.transcript;
    cc.coder = f.alice;
    cc.scheme_id = "test";
    cc.category = "CC";
    cc.alternative = "E2";
    REQUIRE(f.session->apply(cc));
    CHECK(f.session->undo_label() == "Undo Classify CC (alternative E2)");
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back().label == "Classify CC (alternative E2)");
    cc.unresolved = "U";
    cc.alternative = "Ds";
    REQUIRE(f.session->apply(cc));
    CHECK(seen.back().label == "Classify U/CC (alternative Ds)");
    REQUIRE(f.session->undo());
    CHECK(seen.back().label == "Undo Classify U/CC (alternative Ds)");
    CHECK(f.session->redo_label() == "Redo Classify U/CC (alternative Ds)");
}

TEST_CASE("classification: a choice lacking a required part says which, and is not stored",
          "[project]")
{
    ProjectFixture f;
    auto s = f.session->scheme("test");
    REQUIRE(s);
    const scheme::Scheme& sch = **s;
    const std::optional<std::string> none;
    // Cannot classify comes with a forced alternative; until it is chosen the choice is only
    // shown, with this hint.
    CHECK(rules::missing_part(sch, "CC", none, none, none) ==
          std::optional<std::string>("a forced alternative: the organised category that fits "
                                     "best"));
    CHECK(rules::missing_part(sch, "CC", none, std::string("U"), none).has_value());
    CHECK_FALSE(rules::missing_part(sch, "CC", none, none, std::string("E2")));
    CHECK_FALSE(rules::missing_part(sch, "F", none, none, none));
    CHECK_FALSE(rules::missing_part(sch, "F3", none, std::string("U"), none));
    CHECK_FALSE(rules::missing_part(sch, "nope", none, none, none)); // an error, not a gap

    // Saving it anyway is refused with the reason in plain words (the workbench shows it).
    Classify cc;
    cc.transcript = f.transcript;
    cc.coder = f.alice;
    cc.scheme_id = "test";
    cc.category = "CC";
    auto r = f.session->apply(cc);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().message == "'CC' (Cannot classify) needs a forced alternative: the organised "
                               "category that fits best");
    CHECK(f.session->classifications(f.transcript, f.alice).empty());
}
