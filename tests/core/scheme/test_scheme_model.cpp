// SPDX-License-Identifier: GPL-3.0-or-later
// The model's helpers: rating grid, shortcuts, colours, assignment checks and collapsings
// (on the shipped AAI classification, which is what agreement will run on).
#include "core/scheme/scheme.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace attune;
using namespace attune::scheme;

namespace
{

const Scheme& aai()
{
    static const Scheme s = []
    {
        auto r = load_scheme_file(std::filesystem::path(ATTUNE_SOURCE_DIR) / "schemes" /
                                  "aai-state-of-mind.xml");
        REQUIRE(r.ok());
        return std::move(r).value();
    }();
    return s;
}

const Classification& cls()
{
    return *aai().find_classification("aai");
}

std::optional<std::string> collapse_by(const char* collapsing, const Assignment& a)
{
    const Classification* owner = nullptr;
    const Collapsing* k = aai().find_collapsing(collapsing, &owner);
    REQUIRE(k);
    REQUIRE(owner == &cls());
    return collapse(*owner, *k, a);
}

} // namespace

TEST_CASE("scheme: ratings must lie on the scale's step grid", "[scheme]")
{
    Scale s;
    s.min = 1;
    s.max = 9;
    s.step = 0.5;
    CHECK(is_valid_rating(s, 1));
    CHECK(is_valid_rating(s, 4.5));
    CHECK(is_valid_rating(s, 9));
    CHECK_FALSE(is_valid_rating(s, 4.25));
    CHECK_FALSE(is_valid_rating(s, 0.5));
    CHECK_FALSE(is_valid_rating(s, 9.5));
    CHECK_FALSE(is_valid_rating(s, std::nan("")));
    Scale rf; // a reflective-functioning-like scale, -1..9 by 1
    rf.min = -1;
    rf.max = 9;
    rf.step = 1;
    CHECK(is_valid_rating(rf, -1));
    CHECK(is_valid_rating(rf, 0));
    CHECK_FALSE(is_valid_rating(rf, 0.5));
    Scale tenth;
    tenth.min = 0;
    tenth.max = 1;
    tenth.step = 0.1;
    CHECK(is_valid_rating(tenth, 0.3)); // 0.3 is not exact in binary: the tolerance matters
    CHECK(scale_points(tenth).size() == 11);
    CHECK(format_value(4.5) == "4.5");
    CHECK(format_value(7) == "7");
}

TEST_CASE("scheme: one formatter writes every scale value", "[scheme]")
{
    // Every digit a written value has, so an off-grid rating never reads as a grid point …
    CHECK(format_value(5.000001) == "5.000001");
    CHECK(format_value(-1) == "-1");
    CHECK(format_value(0.25) == "0.25");
    CHECK(format_value(123456.5) == "123456.5"); // %g (the session's old copy) wrote 123456
    // … and a grid point computed as min + k·step reads as the number it stands for (the
    // shortest round trip wrote 0.30000000000000004, the workbench's %.3f 0.3).
    CHECK(format_value(0.1 + 0.2) == "0.3");
    Scale tenth;
    tenth.min = 0;
    tenth.max = 1;
    tenth.step = 0.1;
    const auto points = scale_points(tenth);
    REQUIRE(points.size() == 11);
    CHECK(format_value(points[3]) == "0.3");
    CHECK(format_value(points[7]) == "0.7");
    CHECK(format_value(-0.0) == "0");
    CHECK(format_value(0) == "0");
}

TEST_CASE("scheme: shortcuts normalise modifier order and case, and reject nonsense", "[scheme]")
{
    CHECK(normalise_shortcut("ctrl+1") == "Ctrl+1");
    CHECK(normalise_shortcut("shift+CTRL+a") == "Ctrl+Shift+A");
    CHECK(normalise_shortcut("Alt+Shift+Ctrl+f12") == "Ctrl+Alt+Shift+F12");
    CHECK(normalise_shortcut("F5") == "F5");
    CHECK_FALSE(normalise_shortcut(""));
    CHECK_FALSE(normalise_shortcut("Ctrl+"));
    CHECK_FALSE(normalise_shortcut("Ctrl+Ctrl+1"));
    CHECK_FALSE(normalise_shortcut("Meta+1"));
    CHECK_FALSE(normalise_shortcut("Ctrl+F13"));
    CHECK_FALSE(normalise_shortcut("Ctrl+F0"));
    CHECK_FALSE(normalise_shortcut("Ctrl+12"));
}

TEST_CASE("scheme: colours parse only as #RRGGBB", "[scheme]")
{
    CHECK(parse_colour("#FFd6d6") == 0xFFD6D6u);
    CHECK(parse_colour("#000000") == 0u);
    CHECK_FALSE(parse_colour("ffd6d6"));
    CHECK_FALSE(parse_colour("#fff"));
    CHECK_FALSE(parse_colour("#ggg000"));
    CHECK(format_colour(0xABCDEF) == "#abcdef");
}

TEST_CASE("scheme: targets round-trip through their XML spelling", "[scheme]")
{
    for (Target t : {Target::Mother, Target::Father, Target::Other, Target::Self})
        CHECK(target_from_string(to_string(t)) == t);
    CHECK_FALSE(target_from_string("Mother"));
}

TEST_CASE("scheme: the code tree lists groups before their members, one level deeper", "[scheme]")
{
    const auto& tree = aai().code_tree();
    REQUIRE(tree.size() == aai().codes().size() + aai().groups().size());
    REQUIRE(tree[0].is_group);
    CHECK(aai().groups()[tree[0].index].id == "som-idealization");
    CHECK(tree[0].depth == 0);
    CHECK_FALSE(tree[1].is_group);
    CHECK(aai().codes()[tree[1].index].id == "idealization-mother");
    CHECK(tree[1].depth == 1);
}

TEST_CASE("scheme: valid AAI assignments pass the check", "[scheme]")
{
    CHECK(check_assignment(cls(), {"F", "F3", {}, {}}).ok());
    CHECK(check_assignment(cls(), {"Ds", {}, "U", {}}).ok());
    CHECK(check_assignment(cls(), {"CC", {}, {}, "E"}).ok());
    CHECK(check_assignment(cls(), {"CC", "E2", "U", "E"}).ok());
}

TEST_CASE("scheme: invalid AAI assignments are refused with the reason", "[scheme]")
{
    auto code_of = [](const Assignment& a) { return check_assignment(cls(), a).error().code; };
    CHECK(code_of({"X", {}, {}, {}}) == ErrorCode::NotFound);
    CHECK(code_of({"U", {}, {}, {}}) == ErrorCode::InvalidArgument);    // U is never primary
    CHECK(code_of({"F3", {}, {}, {}}) == ErrorCode::InvalidArgument);   // subcategory as primary
    CHECK(code_of({"CC", {}, {}, {}}) == ErrorCode::InvalidArgument);   // CC needs alternative
    CHECK(code_of({"F", {}, {}, "E"}) == ErrorCode::InvalidArgument);   // alternative without CC
    CHECK(code_of({"CC", {}, {}, "U"}) == ErrorCode::InvalidArgument);  // alternative not organised
    CHECK(code_of({"F", "Ds1", {}, {}}) == ErrorCode::InvalidArgument); // wrong subcategory
    CHECK(code_of({"F", {}, "E", {}}) == ErrorCode::InvalidArgument);   // unresolved not U
    CHECK(code_of({"F", "F9", {}, {}}) == ErrorCode::NotFound);
    const auto msg = check_assignment(cls(), {"CC", {}, {}, {}}).error().message;
    CHECK(msg.find("alternative") != std::string::npos);
}

TEST_CASE("scheme: the AAI collapsings map full assignments to the published levels", "[scheme]")
{
    const Assignment f3{"F", "F3", {}, {}};
    const Assignment u_ds1{"Ds", "Ds1", "U", {}};
    const Assignment cc_e{"CC", {}, {}, "E"};
    const Assignment u_cc_f{"CC", "F1", "U", "F"};
    const Assignment f_plain{"F", {}, {}, {}};

    CHECK(collapse_by("aai-2way", f3) == "secure");
    CHECK(collapse_by("aai-2way", u_ds1) == "insecure");
    CHECK(collapse_by("aai-2way", cc_e) == "insecure");

    CHECK(collapse_by("aai-3way", f3) == "F");
    CHECK(collapse_by("aai-3way", u_ds1) == "Ds"); // U defers to the organised category
    CHECK(collapse_by("aai-3way", cc_e) == "E");   // CC defers to its forced alternative
    CHECK(collapse_by("aai-3way", u_cc_f) == "F");

    CHECK(collapse_by("aai-4way", u_ds1) == "U");
    CHECK(collapse_by("aai-4way", cc_e) == "E");

    CHECK(collapse_by("aai-5way", cc_e) == "CC");
    CHECK(collapse_by("aai-5way", u_cc_f) == "U");
    CHECK(collapse_by("aai-5way", f_plain) == "F");

    CHECK(collapse_by("aai-subclass", f3) == "F3");
    CHECK(collapse_by("aai-subclass", u_ds1) == "U");
    CHECK(collapse_by("aai-subclass", cc_e) == "CC");
    CHECK_FALSE(collapse_by("aai-subclass", f_plain)); // no subclass given: undecided
}

TEST_CASE("scheme: lookups return nullptr or nullopt for unknown ids", "[scheme]")
{
    CHECK(aai().find_code("nope") == nullptr);
    CHECK(aai().find_scale("nope") == nullptr);
    CHECK(aai().find_group("nope") == nullptr);
    CHECK_FALSE(aai().find_category("nope"));
    CHECK(aai().find_collapsing("nope") == nullptr);
    CHECK(aai().find_code_by_shortcut("Ctrl+Shift+F12") == nullptr);
    CHECK(aai().evidence_for("nope").empty());
    CHECK(aai().find_category("U")->subcategory == nullptr);
}

namespace
{

// The minimal valid fixture with `tail` inserted before </scheme>.
std::string minimal_with(const std::string& tail)
{
    std::ifstream in(std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "schemes" / "valid" /
                     "minimal.xml");
    std::stringstream s;
    s << in.rdbuf();
    std::string xml = s.str();
    const auto end = xml.rfind("</scheme>");
    REQUIRE(end != std::string::npos);
    xml.insert(end, tail);
    return xml;
}

} // namespace

TEST_CASE("scheme: consensus reasons load in document order and are found by id", "[scheme]")
{
    auto r =
        load_scheme_string(minimal_with("  <consensus-reasons>\n"
                                        "    <reason id=\"boundary\">Sentence ends</reason>\n"
                                        "    <reason id=\"manual\">The manual decides</reason>\n"
                                        "  </consensus-reasons>\n"),
                           "reasons.xml");
    REQUIRE(r.ok());
    const Scheme& s = r.value();
    REQUIRE(s.consensus_reasons().size() == 2);
    CHECK(s.consensus_reasons()[0].id == "boundary");
    CHECK(s.consensus_reasons()[1].label == "The manual decides");
    REQUIRE(s.find_consensus_reason("manual"));
    CHECK(s.find_consensus_reason("manual")->label == "The manual decides");
    CHECK_FALSE(s.find_consensus_reason("Manual"));
    // Optional: the shipped schemes declare none.
    CHECK(aai().consensus_reasons().empty());
}

TEST_CASE("scheme: a duplicate or empty consensus reason is refused at its place", "[scheme]")
{
    const std::string xml = minimal_with("  <consensus-reasons>\n"
                                         "    <reason id=\"x\">One</reason>\n"
                                         "    <reason id=\"x\">Two</reason>\n"
                                         "  </consensus-reasons>\n");
    auto dup = load_scheme_string(xml, "dup.xml");
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.error().code == ErrorCode::SchemeInvalid);
    CHECK(dup.error().message.find("duplicate consensus reason id 'x'") != std::string::npos);
    // The second <reason>'s id attribute: the line after the first, column 13.
    const auto first = std::count(
        xml.begin(), xml.begin() + static_cast<std::ptrdiff_t>(xml.find("id=\"x\">One")), '\n');
    REQUIRE(dup.error().where);
    CHECK(dup.error().where->line == static_cast<int>(first) + 2);
    CHECK(dup.error().where->column == 13);

    auto empty = load_scheme_string(minimal_with("  <consensus-reasons>\n"
                                                 "    <reason id=\"x\"/>\n"
                                                 "  </consensus-reasons>\n"),
                                    "empty.xml");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == ErrorCode::SchemeInvalid);
    auto none = load_scheme_string(minimal_with("  <consensus-reasons/>\n"), "none.xml");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == ErrorCode::SchemeInvalid);
}
