// SPDX-License-Identifier: GPL-3.0-or-later
// Every shipped scheme must pass both the XSD (xmllint) and the loader, and keep the promises
// the other modules and the samples rely on (ids, shortcuts, colours, collapsings).
#include "core/scheme/scheme.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace attune;
using namespace attune::scheme;

namespace
{

const std::filesystem::path kSchemes = std::filesystem::path(ATTUNE_SOURCE_DIR) / "schemes";
const char* const kShipped[] = {"aai-state-of-mind.xml", "aai-experience.xml",
                                "aai-coherence-grice.xml", "aai-unresolved.xml"};

// Runs a command, returns its exit status and combined output.
std::pair<int, std::string> run(const std::string& command)
{
    std::string out;
    FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[512];
    while (std::fgets(buf, sizeof buf, p))
        out += buf;
    const int status = ::pclose(p);
    return {WEXITSTATUS(status), out};
}

Scheme load_shipped(const char* name)
{
    auto r = load_scheme_file_all(kSchemes / name);
    for (const auto& e : r.errors)
        UNSCOPED_INFO(e.to_string());
    REQUIRE(r.ok());
    return *r.scheme;
}

// WCAG relative luminance of an sRGB colour.
double luminance(std::uint32_t rgb)
{
    auto channel = [](std::uint32_t v)
    {
        const double c = static_cast<double>(v) / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) +
           0.0722 * channel(rgb & 0xFF);
}

} // namespace

TEST_CASE("scheme: every shipped scheme validates against the XSD with xmllint", "[scheme]")
{
    const auto xsd = kSchemes / "attune-scheme.xsd";
    for (const char* name : kShipped)
    {
        INFO(name);
        const auto [status, out] = run("xmllint --noout --schema '" + xsd.string() + "' '" +
                                       (kSchemes / name).string() + "'");
        INFO(out);
        CHECK(status == 0);
        CHECK(out.find("validates") != std::string::npos);
    }
}

TEST_CASE("scheme: the XSD rejects a scheme the loader also rejects (xmllint is really checking)",
          "[scheme]")
{
    const auto xsd = kSchemes / "attune-scheme.xsd";
    const auto bad =
        std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "schemes" / "invalid" / "invalid_colour.xml";
    const auto [status, out] =
        run("xmllint --noout --schema '" + xsd.string() + "' '" + bad.string() + "'");
    INFO(out);
    CHECK(status != 0);
    CHECK(out.find("colour") != std::string::npos);
}

TEST_CASE("scheme: every shipped scheme loads without errors", "[scheme]")
{
    for (const char* name : kShipped)
    {
        INFO(name);
        const Scheme s = load_shipped(name);
        CHECK_FALSE(s.id().empty());
        CHECK(s.metadata().language == "en");
        CHECK(s.metadata().licence == "CC-BY-4.0");
        CHECK_FALSE(s.codes().empty());
    }
}

TEST_CASE("scheme: shipped code colours are distinct and readable under black text", "[scheme]")
{
    for (const char* name : kShipped)
    {
        INFO(name);
        const Scheme s = load_shipped(name);
        std::set<std::uint32_t> seen;
        for (const auto& c : s.codes())
        {
            INFO(c.id << " " << format_colour(c.colour));
            CHECK(seen.insert(c.colour).second);
            // WCAG AAA for normal text is 7:1; black text over the highlight must reach it.
            CHECK((luminance(c.colour) + 0.05) / 0.05 >= 7.0);
        }
    }
}

TEST_CASE("scheme: shipped shortcuts do not collide, even across schemes", "[scheme]")
{
    std::set<std::string> seen;
    std::size_t with_shortcut = 0;
    for (const char* name : kShipped)
    {
        const Scheme s = load_shipped(name);
        for (const auto& c : s.codes())
            if (c.shortcut)
            {
                ++with_shortcut;
                INFO(name << " " << c.id << " " << *c.shortcut);
                CHECK(seen.insert(*c.shortcut).second);
            }
    }
    CHECK(with_shortcut == 14 + 10 + 10 + 9);
}

TEST_CASE("scheme: the state-of-mind scheme has the scales, per-parent targets and evidence",
          "[scheme]")
{
    const Scheme s = load_shipped("aai-state-of-mind.xml");
    for (const char* id :
         {"coherence-transcript", "coherence-mind", "idealization", "lack-of-recall",
          "involving-anger", "derogation", "passivity", "metacognition", "fear-of-loss"})
    {
        INFO(id);
        const Scale* sc = s.find_scale(id);
        REQUIRE(sc);
        CHECK(sc->min == 1);
        CHECK(sc->max == 9);
        CHECK(sc->step == 0.5);
        CHECK(sc->allows_not_scorable);
        CHECK_FALSE(sc->evidence_codes.empty());
        CHECK(scale_points(*sc).size() == 17);
    }
    const Scale* ideal = s.find_scale("idealization");
    CHECK(ideal->targets == std::vector<Target>{Target::Mother, Target::Father});
    CHECK(s.find_scale("coherence-mind")->targets.empty());
    const auto ev = s.evidence_for("idealization");
    REQUIRE(ev.size() == 2);
    CHECK(ev[0]->id == "idealization-mother");
    CHECK(ev[0]->target == Target::Mother);
    CHECK(ev[0]->group_path == std::vector<std::string>{"som-idealization"});
    CHECK(s.scales_using("contradiction").size() == 2);
}

TEST_CASE("scheme: the AAI classification has F1-F5, Ds1-Ds4, E1-E3, U, CC and 5 collapsings",
          "[scheme]")
{
    const Scheme s = load_shipped("aai-state-of-mind.xml");
    const Classification* c = s.find_classification("aai");
    REQUIRE(c);
    REQUIRE(c->categories.size() == 5);
    CHECK(c->categories[0].subcategories.size() == 5);
    CHECK(c->categories[1].subcategories.size() == 4);
    CHECK(c->categories[2].subcategories.size() == 3);
    CHECK(c->categories[3].role == CategoryRole::Unresolved);
    CHECK(c->categories[4].role == CategoryRole::CannotClassify);
    CHECK(c->slots.unresolved == SlotUse::Optional);
    CHECK(c->slots.alternative == SlotUse::Required);
    CHECK(c->collapsings.size() == 5);
    const auto ref = s.find_category("Ds3");
    REQUIRE(ref);
    CHECK(ref->category->id == "Ds");
    CHECK(ref->subcategory->id == "Ds3");
    CHECK(ref->classification == c);
}

TEST_CASE("scheme: the experience scales are rated per parent", "[scheme]")
{
    const Scheme s = load_shipped("aai-experience.xml");
    for (const char* id : {"loving", "rejecting", "involving", "neglecting", "pressure"})
    {
        INFO(id);
        const Scale* sc = s.find_scale(id);
        REQUIRE(sc);
        CHECK(sc->targets == std::vector<Target>{Target::Mother, Target::Father});
    }
}

TEST_CASE("scheme: the Grice scheme groups its codes by maxim", "[scheme]")
{
    const Scheme s = load_shipped("aai-coherence-grice.xml");
    CHECK(s.groups().size() == 4);
    CHECK(s.codes().size() == 10);
    CHECK(s.find_code("manner-jargon")->group_path == std::vector<std::string>{"manner"});
    CHECK(s.find_code_by_shortcut("alt+0")->id == "manner-entangled");
}

TEST_CASE("scheme: the unresolved scheme has both unresolved scales", "[scheme]")
{
    const Scheme s = load_shipped("aai-unresolved.xml");
    REQUIRE(s.find_scale("unresolved-loss"));
    REQUIRE(s.find_scale("unresolved-trauma"));
    CHECK(s.evidence_for("unresolved-loss").size() == 9);
}

TEST_CASE("scheme: the complete example of docs/schemes.md loads, validates and is quoted verbatim",
          "[scheme]")
{
    const auto example =
        std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "schemes" / "valid" / "docs_example.xml";
    const auto slurp = [](const std::filesystem::path& p)
    {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    };
    const std::string text = slurp(example);
    const std::string docs =
        slurp(std::filesystem::path(ATTUNE_SOURCE_DIR) / "docs" / "schemes.md");
    CHECK(docs.find("```xml\n" + text + "```") != std::string::npos);

    const auto [status, out] =
        run("xmllint --noout --schema '" + (kSchemes / "attune-scheme.xsd").string() + "' '" +
            example.string() + "'");
    INFO(out);
    CHECK(status == 0);

    const auto r = load_scheme_file(example);
    REQUIRE(r.ok());
    const Scheme& s = r.value();
    CHECK(s.metadata().authors.size() == 2);
    CHECK(s.metadata().description ==
          "A small scheme that uses every feature of format version 1.\n\nBlank lines separate "
          "paragraphs.");
    CHECK(s.find_code("filler")->group_path == std::vector<std::string>{"discourse", "vagueness"});
    CHECK(s.find_code("praise-mother")->shortcut == "Ctrl+Shift+M");
    const Scale* rf = s.find_scale("reflective-functioning");
    REQUIRE(rf);
    CHECK(rf->min == -1);
    CHECK(scale_points(*rf).size() == 11);
    CHECK_FALSE(rf->allows_not_scorable);
    CHECK(s.find_scale("idealization")->anchors.size() == 3);
}
