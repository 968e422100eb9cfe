// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the REFI-QDA readers (core/io/refi_import.h): .qdpx archives, .qdc
// codebooks and bare .qde files. The first byte picks the options: bits 0-1 the position unit
// (mod 3: auto, code points, UTF-16), bits 2-3 the CR LF count (mod 3: auto, two, one), bit 7
// whether a file that reads is also imported into a fresh project. The rest is the file. Every
// input must end in a file that keeps the reader's promises, or an error with a message, never
// a crash, hang or sanitizer report; the codebook's generated scheme must always load; an import
// must put every annotation inside its transcript, report what it wrote, and write nothing when
// it fails.
//
// Run: build/fuzz/tests/fuzz/fuzz_refi -max_total_time=600 tests/fuzz/corpus/refi
#include "core/io/refi_import.h"
#include "core/project/session.h"
#include "core/scheme/scheme.h"
#include "core/text/code_points.h"
#include "fuzz_require.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <unistd.h>

using namespace attune;

namespace
{

std::filesystem::path temp_dir()
{
    static const std::filesystem::path dir = []
    {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "attune-fuzz-refi-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr)
            std::abort();
        return std::filesystem::path(pattern);
    }();
    return dir;
}

void import_into_fresh_project(const io::RefiFile& file, const io::RefiImportOptions& options)
{
    const auto path = temp_dir() / "p.attune";
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path.string() + suffix, ec);
    auto session = project::Session::create(path);
    FUZZ_REQUIRE(static_cast<bool>(session));
    project::Session& s = **session;
    const auto r = io::import_refi(s, file, options);
    if (!r)
    {
        FUZZ_REQUIRE(!r.error().message.empty());
        FUZZ_REQUIRE(s.transcripts().empty() && s.coders().empty() && s.schemes().empty());
        return;
    }
    FUZZ_REQUIRE(s.transcripts().size() == r->transcripts);
    FUZZ_REQUIRE(s.coders().size() == r->coders);
    const auto annotations = s.annotations();
    FUZZ_REQUIRE(annotations.size() == r->annotations);
    for (const auto& a : annotations)
    {
        const auto text = s.text(a.transcript_id);
        FUZZ_REQUIRE(static_cast<bool>(text));
        FUZZ_REQUIRE(0 <= a.start && a.start < a.end && a.end <= text::code_point_count(*text));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t mode = data[0];
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto file = io::read_refi(bytes, "fuzz.qdpx");
    if (!file)
    {
        FUZZ_REQUIRE(!file.error().message.empty());
        return 0;
    }
    for (const auto& s : file->sources)
        FUZZ_REQUIRE(s.bytes.has_value() || !s.problem.empty());
    std::vector<std::string> warnings;
    const std::string xml =
        io::refi_codes_to_scheme(file->codes, "fuzz-scheme", "Fuzz", file->origin, warnings);
    const auto scheme = scheme::load_scheme_string(xml, "generated");
    if (!scheme)
        std::fprintf(stderr, "%s\n%s\n", scheme.error().to_string().c_str(), xml.c_str());
    FUZZ_REQUIRE(static_cast<bool>(scheme));
    if ((mode & 0x80) != 0)
    {
        io::RefiImportOptions options;
        options.unit = static_cast<io::RefiUnit>((mode & 3) % 3);
        options.crlf = static_cast<io::RefiCrlf>(((mode >> 2) & 3) % 3);
        import_into_fresh_project(*file, options);
    }
    return 0;
}
