// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench's wx-free adapters: overlap lanes, list rows, progress, choosers, shortcuts and
// the code-point ↔ byte map.
#include "app/annotation_rows.h"
#include "app/classification_options.h"
#include "app/highlight_lanes.h"
#include "app/key_shortcut.h"
#include "app/palette.h"
#include "app/progress_rows.h"
#include "app/scale_choices.h"
#include "app/scheme_view.h"
#include "app/text_position_map.h"
#include "app/text_support.h"
#include "core/scheme/scheme.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::app;

namespace
{

store::AnnotationRecord ann(std::string uuid, std::int64_t start, std::int64_t end,
                            std::string code = "C1", std::string memo = "")
{
    store::AnnotationRecord a;
    a.uuid = std::move(uuid);
    a.start = start;
    a.end = end;
    a.scheme_id = "s";
    a.code = std::move(code);
    a.memo = std::move(memo);
    a.transcript_id = store::TranscriptId{1};
    a.coder_id = store::CoderId{1};
    return a;
}

// The scheme aai_view() copies: scale "ideal" rated for mother and father, "coh" once.
std::shared_ptr<const scheme::Scheme> aai_scheme()
{
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<scheme xmlns="urn:attune:scheme:1" version="1" id="aai">
  <metadata>
    <title>AAI</title><version>1</version>
    <authors><author>Attune tests</author></authors>
    <licence>CC0-1.0</licence><language>en</language><description>Fixture.</description>
  </metadata>
  <codes>
    <code id="C1" name="Idealization" colour="#ffd6d6"><definition>d</definition></code>
  </codes>
  <scales>
    <scale id="ideal" name="Idealization" min="1" max="9" step="0.5" targets="mother father"
           not-scorable="true"><description>d</description></scale>
    <scale id="coh" name="Idealization" min="1" max="9" step="0.5" not-scorable="true">
      <description>d</description></scale>
  </scales>
</scheme>
)";
    auto s = scheme::load_scheme_string(xml, "aai.xml");
    REQUIRE(s);
    return std::make_shared<const scheme::Scheme>(std::move(*s));
}

SchemeView aai_view()
{
    SchemeView v;
    v.id = "aai";
    v.name = "AAI";
    CodeItem c;
    c.scheme_id = "aai";
    c.id = "C1";
    c.name = "Idealization";
    v.codes.push_back(c);
    ScaleItem s;
    s.scheme_id = "aai";
    s.id = "ideal";
    s.name = "Idealization";
    s.targets = {"mother", "father"};
    s.not_scorable_allowed = true;
    v.scales.push_back(s);
    ScaleItem g = s;
    g.id = "coh";
    g.targets.clear();
    v.scales.push_back(g);
    CategoryItem f{"aai", "F", "Secure", CategoryRole::Organised, {{"F1", ""}, {"F3", "typical"}}};
    CategoryItem ds{"aai", "Ds", "Dismissing", CategoryRole::Organised, {{"Ds1", ""}}};
    CategoryItem u{"aai", "U", "Unresolved", CategoryRole::Unresolved, {}};
    CategoryItem cc{"aai", "CC", "Cannot classify", CategoryRole::CannotClassify, {}};
    v.categories = {cc, f, u, ds};
    return v;
}

} // namespace

TEST_CASE("gui: overlapping spans get different lanes and disjoint spans reuse lane 0", "[gui]")
{
    const auto lanes = assign_lanes({{0, 10}, {5, 15}, {12, 20}, {30, 40}, {6, 8}}, 4);
    REQUIRE(lanes.size() == 5);
    CHECK(lanes[0] == 0);
    CHECK(lanes[1] == 1);
    CHECK(lanes[2] == 0); // [12,20) starts after [0,10) ends
    CHECK(lanes[3] == 0);
    CHECK(lanes[4] == 2); // inside both [0,10) and [5,15)
}

TEST_CASE("gui: lanes beyond the limit fold onto the deepest lane", "[gui]")
{
    const auto lanes = assign_lanes({{0, 10}, {0, 9}, {0, 8}, {0, 7}, {0, 6}}, 3);
    CHECK(lanes == std::vector<int>{0, 1, 2, 2, 2});
}

TEST_CASE("gui: a nested span at the same start lands above the enclosing one", "[gui]")
{
    const auto lanes = assign_lanes({{5, 8}, {5, 50}}, 4);
    CHECK(lanes[1] == 0);
    CHECK(lanes[0] == 1);
}

TEST_CASE("gui: code points map to UTF-8 bytes and back, clamped to the text", "[gui]")
{
    const TextPositionMap m("a\xC3\xA9"
                            "b\xE2\x82\xAC"
                            "c\xF0\x9F\x98\x80"); // a é b € c 😀
    CHECK(m.cp_length() == 6);
    CHECK(m.byte_length() == 12);
    CHECK(m.cp_to_byte(0) == 0);
    CHECK(m.cp_to_byte(2) == 3);
    CHECK(m.cp_to_byte(4) == 7);
    CHECK(m.cp_to_byte(6) == 12);
    CHECK(m.cp_to_byte(99) == 12);
    CHECK(m.cp_to_byte(-3) == 0);
    CHECK(m.byte_to_cp(3) == 2);
    CHECK(m.byte_to_cp(2) == 1); // inside é
    CHECK(m.byte_to_cp(12) == 6);
}

TEST_CASE("gui: annotation rows show code names, line ranges and excerpts", "[gui]")
{
    const std::vector<SchemeView> views{[]
                                        {
                                            SchemeView v;
                                            v.id = "s";
                                            CodeItem c;
                                            c.scheme_id = "s";
                                            c.id = "C1";
                                            c.name = "Idealization";
                                            v.codes.push_back(c);
                                            return v;
                                        }()};
    const std::string text = "I: Tell me\nR: She was caf\xC3\xA9 perfect\nI: Why?\n";
    AnnotationRows rows;
    rows.reset({ann("b", 22, 36, "C1", "memo"), ann("a", 3, 17, "ZZ")}, text, {0, 11, 35, 43},
               &views);
    REQUIRE(rows.size() == 2);
    // Default order: by position in the text.
    CHECK(rows.at(0).uuid == "a");
    CHECK(rows.cell(0, AnnotationColumn::Code) == "ZZ"); // unknown code: its id
    CHECK(rows.cell(0, AnnotationColumn::Lines) == "1\u20132");
    CHECK(rows.cell(0, AnnotationColumn::Excerpt) == "Tell me R: She");
    CHECK(rows.cell(1, AnnotationColumn::Code) == "Idealization");
    CHECK(rows.cell(1, AnnotationColumn::Lines) == "2\u20133");
    CHECK(rows.cell(1, AnnotationColumn::Excerpt) == "caf\xC3\xA9 perfect I");
    CHECK(rows.cell(1, AnnotationColumn::Memo) == "memo");
    rows.sort_by(AnnotationColumn::Code, true);
    CHECK(rows.at(0).uuid == "b");
    CHECK(rows.row_of("a") == 1);
    rows.sort_by(AnnotationColumn::Code, false);
    CHECK(rows.at(0).uuid == "a");
}

TEST_CASE("gui: long excerpts are cut at 60 code points with an ellipsis", "[gui]")
{
    const std::string text(200, 'x');
    AnnotationRows rows;
    rows.reset({ann("a", 10, 150)}, text, {0}, nullptr);
    const std::string e = rows.cell(0, AnnotationColumn::Excerpt);
    CHECK(e == std::string(60, 'x') + "\u2026");
}

TEST_CASE("gui: progress rows join core's progress with the transcripts' names", "[gui]")
{
    store::TranscriptRecord t1;
    t1.id = store::TranscriptId{1};
    t1.title = "one";
    t1.participant = "P01";
    store::TranscriptRecord t2;
    t2.id = store::TranscriptId{2};
    t2.title = "two";
    store::TranscriptRecord t3 = t2;
    t3.id = store::TranscriptId{3};
    t3.supersedes = store::TranscriptId{2}; // the list shows only the newest version
    store::RatingRecord r;
    r.transcript_id = store::TranscriptId{1};
    r.scheme_id = "aai";
    r.scale = "ideal";
    r.target = "mother";
    store::RatingRecord stray = r;
    stray.scale = "gone"; // a rating of a scale the scheme no longer has does not count
    store::ClassificationRecord c;
    c.transcript_id = store::TranscriptId{3};
    const auto rows = make_progress_rows({t1, t2, t3}, {ann("a", 0, 1), ann("b", 2, 3)}, {r, stray},
                                         {c}, {aai_scheme()});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].participant == "P01");
    CHECK(rows[0].passages == 2);
    CHECK(format_rated(rows[0]) == "1/3");
    CHECK_FALSE(rows[0].classified);
    CHECK(rows[1].transcript_id.value() == 3);
    CHECK(rows[1].classified);
    CHECK(format_rated(rows[1]) == "0/3");
}

TEST_CASE("gui: a 1-9 scale in half points offers 17 values plus not scorable", "[gui]")
{
    ScaleItem s;
    s.not_scorable_allowed = true;
    const ScaleChoices ch(s);
    const auto labels = ch.labels();
    REQUIRE(labels.size() == 19);
    CHECK(labels[0] == "\u2014");
    CHECK(labels[1] == "1");
    CHECK(labels[8] == "4.5");
    CHECK(labels[17] == "9");
    CHECK(labels[18] == "not scorable");
    CHECK(ch.choice_at(8).kind == RatingChoice::Kind::Value);
    CHECK(ch.choice_at(8).value == Approx(4.5));
    CHECK(ch.choice_at(18).kind == RatingChoice::Kind::NotScorable);
    CHECK(ch.choice_at(0).kind == RatingChoice::Kind::Clear);
    store::RatingRecord r;
    r.value = 4.5;
    CHECK(ch.index_of(r) == 8);
    r.value.reset();
    r.not_scorable = true;
    CHECK(ch.index_of(r) == 18);
    CHECK(ch.index_of(std::nullopt) == 0);
}

TEST_CASE("gui: a scale without not-scorable offers only its grid", "[gui]")
{
    ScaleItem s;
    s.min = 1;
    s.max = 3;
    s.step = 1;
    const ScaleChoices ch(s);
    CHECK(ch.labels() == std::vector<std::string>{"\u2014", "1", "2", "3"});
    CHECK(ch.choice_at(4).kind == RatingChoice::Kind::Clear);
}

TEST_CASE("gui: the classification chooser lists organised categories before cannot-classify",
          "[gui]")
{
    const ClassificationOptions o(aai_view());
    CHECK(o.main_labels() == std::vector<std::string>{"F \u2014 Secure", "Ds \u2014 Dismissing",
                                                      "CC \u2014 Cannot classify"});
    CHECK(o.sub_labels(0) == std::vector<std::string>{"(none)", "F1", "F3 \u2014 typical"});
    CHECK(o.unresolved_labels() ==
          std::vector<std::string>{"not unresolved", "U \u2014 Unresolved"});
    CHECK_FALSE(o.needs_alternative(0));
    CHECK(o.needs_alternative(2));
}

TEST_CASE("gui: chooser indexes become a classification and back", "[gui]")
{
    const ClassificationOptions o(aai_view());
    const auto u_ds = o.make(1, 1, 1, 0); // Ds / Ds1 with U on top
    CHECK(u_ds.scheme_id == "aai");
    CHECK(u_ds.category == "Ds");
    CHECK(u_ds.subcategory == std::optional<std::string>("Ds1"));
    CHECK(u_ds.unresolved == std::optional<std::string>("U"));
    CHECK_FALSE(u_ds.alternative);
    const auto cc = o.make(2, 0, 0, 1); // CC with forced alternative F
    CHECK(cc.category == "CC");
    CHECK_FALSE(cc.subcategory);
    CHECK(cc.alternative == std::optional<std::string>("F"));
    store::ClassificationRecord r;
    r.category = "F";
    r.subcategory = "F3";
    CHECK(o.indexes_of(r) == std::array<int, 4>{0, 2, 0, 0});
    r.category = "CC";
    r.subcategory.reset();
    r.alternative = "Ds";
    // Alternatives: (none), F, F1, F3, Ds, Ds1: a forced alternative may be a subclass.
    CHECK(o.indexes_of(r) == std::array<int, 4>{2, 0, 0, 4});
    CHECK(o.alternative_labels().size() == 6);
    CHECK(o.alternative_labels()[5] == "Ds1");
    r.alternative = "Ds1"; // as Session::as_stated gives a stored CC / Ds1 back
    CHECK(o.indexes_of(r) == std::array<int, 4>{2, 0, 0, 5});
    const auto cc_ds1 = o.make(2, 0, 0, 5);
    CHECK(cc_ds1.category == "CC");
    CHECK_FALSE(cc_ds1.subcategory);
    CHECK(cc_ds1.alternative == std::optional<std::string>("Ds1"));
}

TEST_CASE("gui: key presses are spelled as the scheme's normalised shortcuts", "[gui]")
{
    CHECK(shortcut_from_key(false, false, false, 'e') == "E");
    CHECK(shortcut_from_key(true, false, true, '1') == "Ctrl+Shift+1");
    CHECK(shortcut_from_key(true, true, true, 'Q') == "Ctrl+Alt+Shift+Q");
    CHECK(shortcut_from_key(false, false, false, 1005) == "F5");
    CHECK(shortcut_from_key(false, false, false, ' ').empty());
    CHECK(is_reserved_shortcut("Ctrl+Z"));
    CHECK_FALSE(is_reserved_shortcut("Ctrl+1"));
    CHECK(is_reserved_shortcut("F6")); // pane cycling
    // aai-state-of-mind.xml gives Ctrl+0 to "metacognition": the code wins over zoom reset.
    CHECK_FALSE(is_reserved_shortcut("Ctrl+0"));
}

TEST_CASE("gui: contrast ratios follow WCAG 2", "[gui]")
{
    CHECK(contrast_ratio(0x000000, 0xFFFFFF) == Approx(21.0));
    CHECK(contrast_ratio(0xFFFFFF, 0xFFFFFF) == Approx(1.0));
    CHECK(contrast_ratio(0x777777, 0xFFFFFF) == Approx(4.48).margin(0.01));
    CHECK(blend(0x000000, 0xFFFFFF, 255) == 0x000000u);
    CHECK(blend(0xFF0000, 0xFFFFFF, 0) == 0xFFFFFFu);
    CHECK(blend(0x0000FF, 0xFFFFFF, 128) == 0x7F7FFFu);
}

TEST_CASE("gui: pastel fills stay as the scheme wrote them, dark ones are lightened", "[gui]")
{
    CHECK(fill_colour(0xFFD6D6) == 0xFFD6D6u);
    const std::uint32_t navy = fill_colour(0x1F3A93);
    CHECK(navy != 0x1F3A93u);
    CHECK(contrast_ratio(kTextColour, navy) >= kMinTextContrast);
    // A pastel's underline is darkened to stay visible, keeping its hue (red stays reddest).
    const std::uint32_t line = line_colour(0xFFD6D6);
    CHECK(contrast_ratio(line, kPageColour) >= kMinLineContrast);
    CHECK(((line >> 16) & 0xFF) > (line & 0xFF));
}

namespace
{

std::vector<std::filesystem::path> scheme_files()
{
    std::vector<std::filesystem::path> files{std::filesystem::path(ATTUNE_GUI_TEST_DATA_DIR) /
                                             "gui-test-scheme.xml"};
    const std::filesystem::path shipped = std::filesystem::path(ATTUNE_SOURCE_DIR) / "schemes";
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(shipped, ec))
        if (e.path().extension() == ".xml")
            files.push_back(e.path());
    return files;
}

} // namespace

TEST_CASE("gui: the scheme view copies codes in tree order, scales and categories", "[gui]")
{
    auto loaded = scheme::load_scheme_file(std::filesystem::path(ATTUNE_GUI_TEST_DATA_DIR) /
                                           "gui-test-scheme.xml");
    REQUIRE(loaded.ok());
    const SchemeView v = make_scheme_view(loaded.value());
    CHECK(v.id == "gui-test");
    CHECK(v.name == "GUI test scheme");
    REQUIRE(v.codes.size() == 4);
    CHECK(v.codes[0].is_group);
    CHECK(v.codes[0].name == "About the parents");
    CHECK(v.codes[1].id == "ideal");
    CHECK(v.codes[1].depth == 1);
    CHECK(v.codes[1].rgb == 0x1f77b4u);
    CHECK(v.codes[1].shortcut == "Ctrl+1");
    CHECK(v.codes[1].target == "mother");
    CHECK(v.codes[3].id == "vague");
    CHECK(v.codes[3].depth == 0);
    REQUIRE(v.scales.size() == 2);
    CHECK(v.scales[0].targets == std::vector<std::string>{"mother", "father"});
    CHECK(v.scales[0].not_scorable_allowed);
    CHECK(v.scales[0].evidence_codes == std::vector<std::string>{"ideal"});
    CHECK(v.scales[0].anchors.size() == 2);
    CHECK(scale_values(v.scales[1]).size() == 17);
    REQUIRE(v.categories.size() == 5);
    CHECK(v.categories[3].role == CategoryRole::Unresolved);
    CHECK(v.categories[4].role == CategoryRole::CannotClassify);
    CHECK(v.categories[0].subcategories.size() == 2);
    CHECK(find_code({v}, "gui-test", "anger")->name == "Angry");
    CHECK(find_code({v}, "gui-test", "parents") == nullptr); // a group is not a code
}

TEST_CASE("gui: every code colour of the test and shipped schemes gives readable fills and "
          "visible lines",
          "[gui]")
{
    for (const auto& file : scheme_files())
    {
        auto loaded = scheme::load_scheme_file(file);
        INFO(file.string());
        REQUIRE(loaded.ok());
        for (const auto& c : loaded.value().codes())
        {
            INFO("code " << c.id);
            const std::uint32_t fill = fill_colour(c.colour);
            CHECK(contrast_ratio(kTextColour, fill) >= kMinTextContrast);
            // A fill that is (almost) the page colour would hide the passage.
            CHECK(contrast_ratio(fill, kPageColour) >= 1.1);
            CHECK(contrast_ratio(line_colour(c.colour), kPageColour) >= kMinLineContrast);
        }
    }
}

TEST_CASE("gui: find ignores case and accents and wraps around", "[gui]")
{
    const std::string text = "R: A normal Caf\xC3\xA9, you know.\nI: caf\xC3\xA9?"; // Café … café
    const auto first = find_in_text(text, "CAFE", 0, true);
    REQUIRE(first);
    CHECK(*first == std::make_pair(std::int64_t{12}, std::int64_t{16}));
    const auto second = find_in_text(text, "cafe", 16, true);
    REQUIRE(second);
    CHECK(second->first == 31);
    CHECK(find_in_text(text, "caf\xC3\xA9", 35, true)->first == 12); // wraps
    CHECK(find_in_text(text, "cafe", 31, false)->first == 12);       // backwards
    CHECK_FALSE(find_in_text(text, "tea", 0, true));
}

TEST_CASE("gui: find folds beyond Latin-1 (sharp s, Greek accents) through core's search", "[gui]")
{
    // "Straße" at 3..9, then Greek "Άλφα" (Ά is U+0386) at 10..14.
    const std::string text = "R: Stra\xC3\x9F"
                             "e \xCE\x86\xCE\xBB\xCF\x86\xCE\xB1";
    const auto sharp = find_in_text(text, "STRASSE", 0, true);
    REQUIRE(sharp);
    CHECK(*sharp == std::make_pair(std::int64_t{3}, std::int64_t{9}));
    const auto greek = find_in_text(text, "\xCE\xB1\xCE\xBB", 0, true); // "αλ"
    REQUIRE(greek);
    CHECK(*greek == std::make_pair(std::int64_t{10}, std::int64_t{12}));
}

TEST_CASE("gui: speaker labels start turns and a turn runs to the end of its last line", "[gui]")
{
    const std::string text = "I: How was it?\nR: Fine.\nReally fine.\nInterviewer: And?\n";
    const auto turns = speaker_turns(text);
    REQUIRE(turns.size() == 3);
    CHECK(turns[0].interviewer);
    CHECK(turns[0].label_start == 0);
    CHECK(turns[0].label_end == 2);
    CHECK(turns[0].text_end == 14); // its '\n' is not styled
    CHECK_FALSE(turns[1].interviewer);
    CHECK(turns[1].text_end == 36); // the continuation line belongs to R's turn
    CHECK(turns[2].interviewer);
    CHECK(turns[2].label_end == 49);
}
