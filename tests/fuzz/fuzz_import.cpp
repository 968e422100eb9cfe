// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the transcript importers. The first byte picks the format (its value
// mod 3: .txt, .docx, .odt), option bits (0x04 replace_invalid, 0x08 no bold_as_interviewer,
// 0x10 an explicit encoding chosen by the top three bits); the rest is the file. Any input must end
// in a transcript that keeps the importer's promises (valid UTF-8, NFC, '\n' only, the right hash)
// or in an error — never a crash, hang or sanitizer report. An imported text is then run through
// TextIndex, structure, word snapping and search.
//
// Run: build/fuzz/tests/fuzz/fuzz_import -max_total_time=600 tests/fuzz/corpus/import
#include "core/io/transcript_import.h"
#include "core/text/decode.h"
#include "core/text/search.h"
#include "core/text/sha256.h"
#include "core/text/structure.h"
#include "core/text/text_index.h"
#include "core/text/words.h"
#include "fuzz_require.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace attune;

namespace
{

void exercise(const std::string& t)
{
    FUZZ_REQUIRE(text::is_valid_utf8(t));
    FUZZ_REQUIRE(t.find('\r') == std::string::npos);
    FUZZ_REQUIRE(text::normalize_text(t) == t);

    const text::TextIndex index(t);
    const CpOffset n = index.size();
    const CpOffset step = n / 17 + 1;
    for (CpOffset cp = 0; cp <= n; cp += step)
    {
        FUZZ_REQUIRE(index.utf8_to_cp(index.cp_to_utf8(cp)) == cp);
        FUZZ_REQUIRE(index.utf16_to_cp(index.cp_to_utf16(cp)) == cp);
        const int line = index.line_of(cp);
        FUZZ_REQUIRE(line >= 1 && line <= index.line_count());
        FUZZ_REQUIRE(index.line_start(line) <= cp && cp <= index.line_end(line));
    }

    const auto s = text::analyze_structure(t, text::SpeakerRules{});
    FUZZ_REQUIRE(s.line_count == index.line_count());
    for (const auto& turn : s.turns)
        FUZZ_REQUIRE(0 <= turn.begin && turn.begin <= turn.content_begin &&
                     turn.content_begin <= turn.end && turn.end <= n &&
                     turn.first_line <= turn.last_line);
    for (const auto& section : s.sections)
        FUZZ_REQUIRE(section.begin <= section.end && section.end <= n);

    const text::WordBoundaries words(t);
    const auto snapped = words.snap({n / 3, n / 2});
    FUZZ_REQUIRE(0 <= snapped.begin && snapped.begin <= snapped.end && snapped.end <= n);

    // A piece of the text itself must be found again, inside the text.
    const auto needle = index.substr(n / 2, n / 2 + 4);
    const auto hits = text::TextSearcher(t).find_all(needle);
    for (const auto& h : hits)
        FUZZ_REQUIRE(0 <= h.begin && h.begin < h.end && h.end <= n);
    if (!text::fold_for_search(needle).empty())
        FUZZ_REQUIRE(!hits.empty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const char* const kNames[] = {"fuzz.txt", "fuzz.docx", "fuzz.odt"};
    io::ImportOptions options;
    options.replace_invalid = (data[0] & 0x04) != 0;
    options.bold_as_interviewer = (data[0] & 0x08) == 0;
    options.max_bytes = 1u << 20;
    // Bit 4 names an encoding instead of detecting one: stateful, multi-byte and Unicode
    // converters, which detection alone would rarely reach.
    static const char* const kEncodings[] = {"Shift_JIS", "ISO-2022-JP", "UTF-16", "UTF-7",
                                             "GB18030",   "UTF-32",      "EUC-KR", "UTF-8"};
    if ((data[0] & 0x10) != 0)
        options.encoding = kEncodings[(data[0] >> 5) & 7];
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto r = io::import_transcript_bytes(bytes, kNames[data[0] % 3], options);
    if (!r)
    {
        FUZZ_REQUIRE(!r.error().message.empty());
        if (r.error().where)
            FUZZ_REQUIRE(r.error().where->line >= 0 && r.error().where->column >= 0);
        return 0;
    }
    FUZZ_REQUIRE(r->sha256 == text::sha256_hex(r->text));
    exercise(r->text);
    return 0;
}
