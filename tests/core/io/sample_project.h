// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small real project for the project JSON tests and the schema test's sample writer: two
// schemes, two transcripts (the first with non-ASCII text before its passages, so code points
// and bytes differ), coders with work of both schemes, one coder without any.

#include "core/project/session.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

namespace attune::test
{

inline constexpr const char* kSomScheme = "aai-state-of-mind";
inline constexpr const char* kExpScheme = "aai-experience";
/// "é", "è" and "ö" are two bytes each: "wonderful" starts at code point 29 but byte 32.
inline constexpr const char* kSampleText =
    "I: Décris ta mère.\nR: Schön, wonderful, always there.\n";
inline constexpr const char* kOtherText = "I: And your father?\nR: I don't remember.\n";

/// The session and the ids the tests look for.
struct SampleProject
{
    std::unique_ptr<project::Session> session;
    project::TranscriptId p1, p2;
    project::CoderId ann, ben, cid; ///< cid has no work
};

template <typename T> T sample_ok(Result<T> r)
{
    if (!r)
        throw std::runtime_error(r.error().to_string());
    return std::move(r).value();
}

inline std::string sample_read(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Builds the sample project at `file` with the schemes of `schemes_dir`. Throws on failure.
inline SampleProject build_sample_project(const std::filesystem::path& file,
                                          const std::filesystem::path& schemes_dir)
{
    using namespace project;
    SampleProject p;
    p.session = sample_ok(Session::create(file));
    Session& s = *p.session;
    for (const char* id : {kSomScheme, kExpScheme})
    {
        const std::string name = std::string(id) + ".xml";
        sample_ok(s.apply(AddScheme{sample_read(schemes_dir / name), name}));
    }
    p.ann = sample_ok(s.apply(AddCoder{"ann"})).coder;
    p.ben = sample_ok(s.apply(AddCoder{"ben"})).coder;
    p.cid = sample_ok(s.apply(AddCoder{"cid"})).coder;
    Transcript meta;
    meta.title = "Interview 1";
    meta.participant = "P1";
    meta.language = "fr";
    meta.metadata_json = R"({"site":"Lyon"})";
    p.p1 = sample_ok(s.apply(AddTranscript{meta, kSampleText, false, false})).transcript;
    Transcript other;
    other.title = "Interview 2";
    p.p2 = sample_ok(s.apply(AddTranscript{other, kOtherText, false, false})).transcript;
    sample_ok(s.apply(Annotate{p.p1, p.ann, kSomScheme, "idealization-mother", 29, 38, "\"so\""}));
    sample_ok(s.apply(Annotate{p.p1, p.ann, kExpScheme, "exp-loving-mother", 22, 27, ""}));
    sample_ok(s.apply(Rate{p.p1, p.ann, kSomScheme, "idealization", "mother", 6.5, ""}));
    sample_ok(s.apply(Rate{p.p1, p.ann, kSomScheme, "passivity", "", std::nullopt, "too short"}));
    sample_ok(s.apply(Rate{p.p1, p.ann, kExpScheme, "loving", "mother", 3, ""}));
    sample_ok(s.apply(Classify{p.p1, p.ann, kSomScheme, "CC", {}, "U", "Ds1", ""}));
    sample_ok(s.apply(Classify{p.p2, p.ann, kSomScheme, "F", {}, {}, {}, "clear"}));
    sample_ok(s.apply(Annotate{p.p1, p.ben, kSomScheme, "idealization-mother", 29, 38, ""}));
    sample_ok(s.apply(Annotate{p.p2, p.ben, kExpScheme, "exp-loving-father", 23, 40, ""}));
    return p;
}

} // namespace attune::test
