// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The small project the analysis tests share: coders a, b and master m over transcripts T1-T4
// with the shipped state-of-mind scheme, built through the Session.

#include "core/analysis/project_agreement.h"
#include "core/project/session.h"

#include "../store/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace attune::testing
{

using namespace attune::project;
using attune::analysis::AgreementOptions;
using attune::analysis::AgreementReport;

// Line starts (code points): 1 "[Q1]" 0, 2 "I: Tell…" 5, 3 "R: I don't…" 38, 4 "[Q2]" 68,
// 5 "I: Describe…" 73, 6 "R: She was…" 98; 134 code points in all.
inline const char* const kText =
    "[Q1]\nI: Tell me about your childhood.\nR: I don't remember anything.\n"
    "[Q2]\nI: Describe your mother.\nR: She was wonderful, always there.\n";

inline std::string read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <typename T> T ok(Result<T> r)
{
    if (!r)
        FAIL(r.error().to_string());
    return std::move(r).value();
}

/// Coders a, b and master m over transcripts T1-T4 with the shipped state-of-mind scheme.
struct DemoProject
{
    testing::TempDir dir;
    std::unique_ptr<Session> session;
    CoderId a, b, m;
    std::vector<TranscriptId> t;

    DemoProject()
    {
        session = ok(Session::create(dir / "agree.attune"));
        const std::string sid = "aai-state-of-mind";
        ok(session->apply(AddScheme{read(ATTUNE_SOURCE_DIR "/schemes/aai-state-of-mind.xml"),
                                    "aai-state-of-mind.xml"}));
        a = ok(session->apply(AddCoder{"a"})).coder;
        b = ok(session->apply(AddCoder{"b"})).coder;
        m = ok(session->apply(AddCoder{"m"})).coder;
        for (int i = 1; i <= 4; ++i)
        {
            Transcript meta;
            meta.title = "T" + std::to_string(i);
            meta.participant = "T" + std::to_string(i);
            t.push_back(ok(session->apply(AddTranscript{meta, kText, false, true})).transcript);
        }
        auto classify = [&](int ti, CoderId c, std::string cat, std::optional<std::string> u = {}) {
            ok(session->apply(
                Classify{t[static_cast<std::size_t>(ti)], c, sid, cat, {}, u, {}, ""}));
        };
        // 3-way: T1 F F F, T2 Ds Ds Ds, T3 E F E, T4 F F F; 4-way T4: U F U.
        classify(0, a, "F3");
        classify(0, b, "F3");
        classify(0, m, "F1");
        classify(1, a, "Ds1");
        classify(1, b, "Ds");
        classify(1, m, "Ds2");
        classify(2, a, "E");
        classify(2, b, "F");
        classify(2, m, "E");
        classify(3, a, "F", "U");
        classify(3, b, "F");
        classify(3, m, "F", "U");
        auto rate = [&](int ti, CoderId c, std::optional<double> v) {
            ok(session->apply(
                Rate{t[static_cast<std::size_t>(ti)], c, sid, "metacognition", "", v, ""}));
        };
        rate(0, a, 5);
        rate(0, b, 5);
        rate(1, a, 3);
        rate(1, b, 4);
        rate(2, a, 7);
        rate(2, b, std::nullopt); // not scorable
        rate(3, a, 2);
        rate(3, b, 4);
        auto mark = [&](int ti, CoderId c, const char* code, std::int64_t s, std::int64_t e) {
            ok(session->apply(Annotate{t[static_cast<std::size_t>(ti)], c, sid, code, s, e, ""}));
        };
        // T1: identical; T2: b starts 3 later on line 3, only a marks line 6.
        mark(0, a, "lack-of-recall", 38, 67);
        mark(0, b, "lack-of-recall", 38, 67);
        mark(1, a, "lack-of-recall", 38, 67);
        mark(1, b, "lack-of-recall", 41, 67);
        mark(1, a, "idealization-mother", 98, 133);
    }
};

inline const analysis::ClassificationAgreement& at(const AgreementReport& r, const std::string& id)
{
    for (const auto& c : r.classifications)
        if (c.collapsing == id)
            return c;
    FAIL("no collapsing " << id);
    throw;
}

} // namespace attune::testing
