// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the scheme loader: any byte string must end in a Scheme or in errors
// with sane positions — never a crash, hang or sanitizer report. A loaded scheme is then run
// through the model's helpers, whose invariants the loader promises.
#include "core/scheme/scheme.h"
#include "fuzz_require.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace attune::scheme;

namespace
{

void exercise(const Scheme& s)
{
    for (const auto& c : s.codes())
    {
        FUZZ_REQUIRE(s.find_code(c.id) == &c);
        if (c.shortcut)
            FUZZ_REQUIRE(s.find_code_by_shortcut(*c.shortcut) == &c);
        for (const auto& g : c.group_path)
            FUZZ_REQUIRE(s.find_group(g) != nullptr);
    }
    for (const auto& e : s.code_tree())
        FUZZ_REQUIRE(e.is_group ? e.index < s.groups().size() : e.index < s.codes().size());
    for (const auto& sc : s.scales())
    {
        FUZZ_REQUIRE(s.find_scale(sc.id) == &sc);
        FUZZ_REQUIRE(sc.min < sc.max && sc.step > 0);
        const auto points = scale_points(sc);
        FUZZ_REQUIRE(!points.empty());
        for (const double p : points)
            FUZZ_REQUIRE(is_valid_rating(sc, p));
        for (const auto& a : sc.anchors)
            FUZZ_REQUIRE(is_valid_rating(sc, a.value));
        FUZZ_REQUIRE(s.evidence_for(sc.id).size() == sc.evidence_codes.size());
    }
    for (const auto& c : s.classifications())
    {
        std::vector<Assignment> probes;
        for (const auto& cat : c.categories)
        {
            FUZZ_REQUIRE(s.find_category(cat.id).has_value());
            probes.push_back({cat.id, {}, {}, {}});
            for (const auto& sub : cat.subcategories)
                probes.push_back({cat.id, sub.id, {}, {}});
            for (const auto& other : c.categories)
                probes.push_back({cat.id, {}, other.id, other.id});
        }
        for (const auto& a : probes)
        {
            const bool valid = check_assignment(c, a).ok();
            for (const auto& k : c.collapsings)
            {
                const auto label = collapse(c, k, a);
                if (valid && label)
                    FUZZ_REQUIRE(std::find(k.labels.begin(), k.labels.end(), *label) !=
                                 k.labels.end());
            }
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    const auto r = load_scheme_string_all(xml, "fuzz.xml");
    FUZZ_REQUIRE(r.ok() == r.errors.empty());
    for (const auto& e : r.errors)
    {
        FUZZ_REQUIRE(e.where.has_value());
        FUZZ_REQUIRE(e.where->line >= 0 && e.where->column >= 0);
        FUZZ_REQUIRE(static_cast<std::size_t>(e.where->line) <= size + 1);
        FUZZ_REQUIRE(!e.message.empty());
    }
    if (r.scheme)
        exercise(*r.scheme);
    return 0;
}
