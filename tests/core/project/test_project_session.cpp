// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/session.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

TEST_CASE("project: a new project is empty and reopens", "[project]")
{
    attune::testing::TempDir dir;
    {
        auto s = Session::create(dir / "p.attune");
        REQUIRE(s);
        CHECK((*s)->transcripts().empty());
        CHECK((*s)->coders().empty());
        CHECK_FALSE((*s)->can_undo());
    }
    auto again = Session::open(dir / "p.attune");
    REQUIRE(again);
    auto twice = Session::create(dir / "p.attune");
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == ErrorCode::Conflict);
}

TEST_CASE("project: coders are unique and never created implicitly", "[project]")
{
    ProjectFixture f;
    auto dup = f.session->apply(AddCoder{"alice"});
    REQUIRE_FALSE(dup);
    CHECK(dup.error().code == ErrorCode::Conflict);
    auto empty = f.session->apply(AddCoder{"  "});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == ErrorCode::InvalidArgument);
    auto missing = f.session->coder("carol");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
    CHECK(f.session->coders().size() == 2);
}

TEST_CASE("project: an imported transcript keeps its text byte for byte with its facts",
          "[project]")
{
    ProjectFixture f;
    auto t = f.session->transcript(f.transcript);
    REQUIRE(t);
    CHECK(*f.session->text(f.transcript) == ProjectFixture::kText);
    CHECK(t->line_count == 4);
    CHECK(t->turn_count == 4);
    CHECK(t->word_count > 20);
    CHECK(t->sha256.size() == 64);
    CHECK(t->participant == "P001");
    auto resolved = f.session->resolve_transcript("P001");
    REQUIRE(resolved);
    CHECK(*resolved == f.transcript);
    auto by_id = f.session->resolve_transcript(std::to_string(f.transcript.value()));
    REQUIRE(by_id);
    CHECK(*by_id == f.transcript);
    auto unknown = f.session->resolve_transcript("P999");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
}

TEST_CASE("project: annotate stores a code-point span and notifies Codings", "[project]")
{
    ProjectFixture f;
    std::vector<Changed> seen;
    f.session->subscribe([&](const Changed& c) { seen.push_back(c); });
    // "très" is one code point per letter: offsets count code points, not bytes.
    auto r = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 40, 44, "memo"});
    REQUIRE(r);
    CHECK(r->uuid.size() == 36);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].kinds == Change::Codings);
    auto list = f.session->annotations(f.transcript, f.alice);
    REQUIRE(list.size() == 1);
    CHECK(list[0].start == 40);
    CHECK(list[0].end == 44);
    CHECK(list[0].memo == "memo");
    CHECK(f.session->annotations(f.transcript, f.bob).empty());
    CHECK(f.session->undo_label() == "Undo Annotate Idealizing");
}

TEST_CASE("project: annotate rejects unknown codes, coders and spans outside the text", "[project]")
{
    ProjectFixture f;
    const auto len = static_cast<std::int64_t>(ProjectFixture::kTextCodePoints);
    auto code = f.session->apply(Annotate{f.transcript, f.alice, "test", "NOPE", 0, 5, ""});
    REQUIRE_FALSE(code);
    CHECK(code.error().code == ErrorCode::NotFound);
    CHECK(code.error().message == "scheme 'test' has no code 'NOPE'");
    auto coder = f.session->apply(Annotate{f.transcript, CoderId{999}, "test", "IDEAL", 0, 5, ""});
    REQUIRE_FALSE(coder);
    CHECK(coder.error().code == ErrorCode::NotFound);
    auto past = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 0, len + 1, ""});
    REQUIRE_FALSE(past);
    CHECK(past.error().code == ErrorCode::InvalidArgument);
    auto empty = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 5, 5, ""});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == ErrorCode::InvalidArgument);
    auto whole = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 0, len, ""});
    CHECK(whole);
    CHECK(f.session->annotations().size() == 1);
}

TEST_CASE("project: undo and redo walk annotate, change span, memo and delete", "[project]")
{
    ProjectFixture f;
    auto a = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 10, 20, ""});
    REQUIRE(a);
    REQUIRE(f.session->apply(ChangeSpan{f.alice, a->uuid, 12, 25}));
    REQUIRE(f.session->apply(SetMemo{f.alice, a->uuid, "why"}));
    REQUIRE(f.session->apply(DeleteAnnotation{f.alice, a->uuid}));
    CHECK(f.session->annotations().empty());

    CHECK(f.session->undo_label() == "Undo Delete Idealizing");
    REQUIRE(f.session->undo()); // delete
    auto back = f.session->annotation(a->uuid);
    REQUIRE(back);
    CHECK(back->id == a->id); // the same row comes back
    CHECK(back->memo == "why");
    REQUIRE(f.session->undo()); // memo
    CHECK(f.session->annotation(a->uuid)->memo.empty());
    REQUIRE(f.session->undo()); // span
    CHECK(f.session->annotation(a->uuid)->start == 10);
    CHECK(f.session->annotation(a->uuid)->end == 20);
    REQUIRE(f.session->undo()); // annotate
    CHECK(f.session->annotations().empty());
    CHECK_FALSE(f.session->can_undo());
    auto nothing = f.session->undo();
    REQUIRE_FALSE(nothing);

    REQUIRE(f.session->redo());
    REQUIRE(f.session->redo());
    CHECK(f.session->annotation(a->uuid)->end == 25);
    CHECK(f.session->redo_label() == "Redo Memo on Idealizing");
    // A new command clears the redo stack.
    REQUIRE(f.session->apply(Annotate{f.transcript, f.bob, "test", "LACK", 0, 3, ""}));
    CHECK_FALSE(f.session->can_redo());
    // Every step, including undo and redo, is in the audit log.
    CHECK(f.session->audit_log().size() >= 10);
}

TEST_CASE("project: ratings are validated against the scale grid and targets", "[project]")
{
    ProjectFixture f;
    auto ok = f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 6.5, ""});
    REQUIRE(ok);
    CHECK(ok->changed == Change::Ratings);
    auto off_grid =
        f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 6.3, ""});
    REQUIRE_FALSE(off_grid);
    CHECK(off_grid.error().code == ErrorCode::InvalidArgument);
    auto too_high =
        f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 9.5, ""});
    REQUIRE_FALSE(too_high);
    CHECK(too_high.error().code == ErrorCode::InvalidArgument);
    auto no_target = f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "", 5.0, ""});
    REQUIRE_FALSE(no_target);
    auto bad_target =
        f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "aunt", 5.0, ""});
    REQUIRE_FALSE(bad_target);
    auto ns =
        f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "father", std::nullopt, ""});
    REQUIRE(ns);
    auto ns_forbidden =
        f.session->apply(Rate{f.transcript, f.alice, "test", "coherence", "", std::nullopt, ""});
    REQUIRE_FALSE(ns_forbidden);
    CHECK(ns_forbidden.error().code == ErrorCode::InvalidArgument);
    auto unknown = f.session->apply(Rate{f.transcript, f.alice, "test", "nosuch", "", 3.0, ""});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);

    auto stored = f.session->ratings(f.transcript, f.alice);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].target == "father");
    CHECK(stored[0].not_scorable);
    CHECK(stored[1].value == Approx(6.5));

    // Re-rating replaces; undo brings the previous score back.
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 3.0, ""}));
    REQUIRE(f.session->undo());
    CHECK(f.session->ratings(f.transcript, f.alice)[1].value == Approx(6.5));
    REQUIRE(f.session->apply(ClearRating{f.transcript, f.alice, "test", "loving", "mother"}));
    CHECK(f.session->ratings(f.transcript, f.alice).size() == 1);
    REQUIRE(f.session->undo());
    CHECK(f.session->ratings(f.transcript, f.alice).size() == 2);
}

TEST_CASE("project: classifications follow the scheme's category roles", "[project]")
{
    ProjectFixture f;
    auto sub = f.session->apply(Classify{f.transcript, f.alice, "test", "F3", std::nullopt,
                                         std::nullopt, std::nullopt, ""});
    REQUIRE(sub);
    auto stored = f.session->classifications(f.transcript, f.alice);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].category == "F");
    CHECK(stored[0].subcategory == "F3");

    auto with_u =
        f.session->apply(Classify{f.transcript, f.bob, "test", "E", "E2", "U", std::nullopt, ""});
    REQUIRE(with_u);
    CHECK(f.session->classifications(f.transcript, f.bob)[0].unresolved == "U");

    auto cc_alone = f.session->apply(
        Classify{f.transcript, f.bob, "test", "CC", std::nullopt, std::nullopt, std::nullopt, ""});
    REQUIRE_FALSE(cc_alone);
    CHECK(cc_alone.error().code == ErrorCode::InvalidArgument);
    auto cc = f.session->apply(
        Classify{f.transcript, f.bob, "test", "CC", std::nullopt, std::nullopt, "Ds1", ""});
    REQUIRE(cc);
    CHECK(f.session->classifications(f.transcript, f.bob)[0].alternative == "Ds");
    CHECK(f.session->classifications(f.transcript, f.bob)[0].subcategory == "Ds1");
    // as_stated gives it back as the coder said it, and that round-trips through Classify.
    const auto stated = f.session->as_stated(f.session->classifications(f.transcript, f.bob)[0]);
    CHECK(stated.category == "CC");
    CHECK_FALSE(stated.subcategory);
    CHECK(stated.alternative == "Ds1");
    REQUIRE(
        f.session->apply(Classify{f.transcript, f.bob, "test", stated.category, stated.subcategory,
                                  stated.unresolved, stated.alternative, "again"}));
    CHECK(f.session->classifications(f.transcript, f.bob)[0].subcategory == "Ds1");
    REQUIRE(f.session->undo()); // back to the first CC / Ds1, for the undo check below
    // An organised category's own subcategory stays where it is.
    const auto f3 = f.session->as_stated(f.session->classifications(f.transcript, f.alice)[0]);
    CHECK(f3.subcategory == "F3");
    CHECK_FALSE(f3.alternative);

    auto u_as_main = f.session->apply(
        Classify{f.transcript, f.bob, "test", "U", std::nullopt, std::nullopt, std::nullopt, ""});
    REQUIRE_FALSE(u_as_main);
    auto organised_as_u = f.session->apply(
        Classify{f.transcript, f.bob, "test", "F", std::nullopt, "E", std::nullopt, ""});
    REQUIRE_FALSE(organised_as_u);
    auto unknown = f.session->apply(
        Classify{f.transcript, f.bob, "test", "Z9", std::nullopt, std::nullopt, std::nullopt, ""});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);

    REQUIRE(f.session->undo());
    CHECK(f.session->classifications(f.transcript, f.bob)[0].category == "E");
}

TEST_CASE("project: a new scheme version reports orphaned codes and keeps them", "[project]")
{
    ProjectFixture f;
    auto a = f.session->apply(Annotate{f.transcript, f.alice, "test", "LACK", 0, 5, ""});
    REQUIRE(a);
    REQUIRE(f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 5, 9, ""}));
    auto v2 = f.session->apply(AddScheme{attune::testing::test_scheme_xml("2", false), "v2.xml"});
    REQUIRE(v2);
    REQUIRE(v2->notes.size() == 1);
    CHECK(v2->notes[0].find("'LACK'") != std::string::npos);
    CHECK(f.session->annotations().size() == 2);
    auto check = f.session->check();
    REQUIRE(check);
    CHECK(check->integrity_problems.empty());
    REQUIRE(check->orphans.size() == 1);
    CHECK(check->orphans[0].ref == a->uuid);
    // Coding with the vanished code is no longer possible.
    auto again = f.session->apply(Annotate{f.transcript, f.alice, "test", "LACK", 0, 5, ""});
    REQUIRE_FALSE(again);
    // The same id+version with different content is refused.
    auto clash = f.session->apply(AddScheme{attune::testing::test_scheme_xml("2", true), "x.xml"});
    REQUIRE_FALSE(clash);
    CHECK(clash.error().code == ErrorCode::Conflict);
    CHECK(f.session->schemes().size() == 2);
}

TEST_CASE("project: a corrected transcript refuses to orphan work unless remapped", "[project]")
{
    ProjectFixture f;
    // Line 4 starts after the change on line 2; the annotation there can move.
    const std::string text = ProjectFixture::kText;
    const auto line4 = static_cast<std::int64_t>(ProjectFixture::kLine4Start);
    auto a =
        f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", line4, line4 + 4, ""});
    REQUIRE(a);

    AddTranscript fix;
    fix.meta.title = "P001 corrected";
    fix.meta.supersedes = f.transcript;
    fix.text = text;
    fix.text.replace(fix.text.find("warm"), 4, "very warm");
    auto refused = f.session->apply(fix);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Conflict);
    CHECK(f.session->transcripts().size() == 1);

    fix.remap = true;
    auto moved = f.session->apply(fix);
    REQUIRE(moved);
    REQUIRE(moved->notes.size() == 1);
    auto ann = f.session->annotation(a->uuid);
    REQUIRE(ann);
    CHECK(ann->transcript_id == moved->transcript);
    CHECK(ann->start == line4 + 5);
    CHECK(*f.session->transcript(moved->transcript)->supersedes == f.transcript);
    CHECK(f.session->transcript(moved->transcript)->version == 2);
    // The participant id now names the newest version.
    CHECK(*f.session->resolve_transcript("P001") == moved->transcript);
    // The old text is unchanged.
    CHECK(*f.session->text(f.transcript) == text);

    // An annotation across the changed region cannot be remapped: the import refuses.
    REQUIRE(f.session->apply(Annotate{moved->transcript, f.bob, "test", "IDEAL", 30, 60, ""}));
    AddTranscript fix2;
    fix2.meta.supersedes = moved->transcript;
    fix2.text = fix.text;
    fix2.text.replace(fix2.text.find("very warm"), 9, "warmish");
    fix2.remap = true;
    auto stuck = f.session->apply(fix2);
    REQUIRE_FALSE(stuck);
    CHECK(stuck.error().code == ErrorCode::Conflict);
    CHECK(stuck.error().message.find("cannot be remapped") != std::string::npos);
}

TEST_CASE("project: search hits name the transcript and line", "[project]")
{
    ProjectFixture f;
    auto hits = f.session->search("TRES");
    REQUIRE(hits);
    REQUIRE(hits->size() == 1);
    CHECK((*hits)[0].transcript_id == f.transcript);
    CHECK((*hits)[0].line == 2);
}

TEST_CASE("project: progress counts each coder's work", "[project]")
{
    ProjectFixture f;
    REQUIRE(f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 0, 3, ""}));
    REQUIRE(f.session->apply(Annotate{f.transcript, f.alice, "test", "LACK", 3, 6, ""}));
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "coherence", "", 5.0, ""}));
    auto p = f.session->progress();
    REQUIRE(p.size() == 2);
    CHECK(p[0].coder.name == "alice");
    CHECK(p[0].annotations == 2);
    CHECK(p[0].transcripts_coded == 1);
    CHECK(p[0].ratings == 1);
    CHECK(p[1].annotations == 0);
    auto summary = f.session->transcripts();
    REQUIRE(summary.size() == 1);
    CHECK(summary[0].coders == std::vector<std::string>{"alice"});
}

TEST_CASE("project: display lines split at newline and count code points", "[project]")
{
    auto spans = line_spans("ab\nçd\n");
    REQUIRE(spans.size() == 3);
    CHECK(spans[0] == std::make_pair<std::int64_t, std::int64_t>(0, 2));
    CHECK(spans[1] == std::make_pair<std::int64_t, std::int64_t>(3, 5));
    CHECK(spans[2] == std::make_pair<std::int64_t, std::int64_t>(6, 6));
}

TEST_CASE("project: change code gives a passage another code of its scheme, undoably", "[project]")
{
    ProjectFixture f;
    auto a = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 10, 20, "why"});
    REQUIRE(a);
    auto r = f.session->apply(ChangeCode{f.alice, a->uuid, "LACK"});
    REQUIRE(r);
    CHECK(r->changed == Change::Codings);
    auto changed = f.session->annotation(a->uuid);
    REQUIRE(changed);
    CHECK(changed->code == "LACK");
    CHECK(changed->start == 10); // span and memo stay
    CHECK(changed->end == 20);
    CHECK(changed->memo == "why");
    CHECK(f.session->undo_label() == "Undo Change Idealizing to Lack of recall");
    REQUIRE(f.session->undo());
    CHECK(f.session->annotation(a->uuid)->code == "IDEAL");
    REQUIRE(f.session->redo());
    CHECK(f.session->annotation(a->uuid)->code == "LACK");

    auto unknown = f.session->apply(ChangeCode{f.alice, a->uuid, "NOPE"});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(unknown.error().message == "scheme 'test' has no code 'NOPE'");
    auto same = f.session->apply(ChangeCode{f.alice, a->uuid, "LACK"});
    REQUIRE_FALSE(same);
    CHECK(same.error().code == ErrorCode::InvalidArgument);
    auto gone = f.session->apply(ChangeCode{f.alice, "no-such-uuid", "LACK"});
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == ErrorCode::NotFound);
}
