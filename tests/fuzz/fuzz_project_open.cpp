// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for opening damaged project files. At start-up it builds a small, valid
// project through the core API (two coders, a scheme, two transcripts with passages, ratings,
// classifications and a memo) and keeps its bytes. Each input is decoded into a list of edits
// to those bytes — bit flips, bytes and big-endian integers written, ranges filled, whole pages
// copied over others, truncation — addressed as (page, offset) so that mutations land on page
// headers and cell pointers as often as on payload. The result is written to a file and opened
// through project::Session::open, the path of every attune-cli command and of the workbench;
// an opened file is then read as they read it (transcripts, texts, passages, ratings,
// classifications, progress, search, agreement, the integrity check, the workbench's automatic
// backup, one write).
//
// The promise checked: never a crash, a hang, a sanitizer report or an Internal error; a
// refusal always has a message, and a file refused as damaged is left exactly as it was. A
// store::StoreError thrown by a read of a file that passed the open-time check is allowed (the
// CLI and the GUI turn it into "FILE: error: …"), provided it says what failed.
//
// Run: build/h-fuzz-clang/tests/fuzz/fuzz_project_open -max_total_time=600
//      tests/fuzz/corpus/project_open
#include "core/analysis/project_agreement.h"
#include "core/project/session.h"
#include "core/store/database.h"
#include "core/text/decode.h"
#include "core/text/text_index.h"
#include "fuzz_require.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace attune;
namespace fs = std::filesystem;

namespace
{

constexpr const char* kSchemeXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<scheme xmlns="urn:attune:scheme:1" version="1" id="test">
  <metadata><title>Test</title><version>1</version><licence>CC0-1.0</licence>
    <language>en</language></metadata>
  <codes>
    <code id="a" name="A" colour="#ffd6d6" shortcut="Ctrl+1"><definition>A.</definition></code>
    <code id="b" name="B" colour="#d9f2c2" shortcut="Ctrl+2"><definition>B.</definition></code>
  </codes>
  <scales>
    <scale id="s" name="S" min="1" max="9" step="0.5"><anchor value="1">low</anchor>
      <evidence code="a"/></scale>
  </scales>
  <classifications>
    <classification id="c" name="C">
      <category id="X" name="X" role="organised"><subcategory id="X1" name="X1"/>
        <subcategory id="X2" name="X2"/></category>
      <category id="Y" name="Y" role="organised"/>
      <category id="U" name="U" role="unresolved"/>
      <collapsing id="k" name="K"><label name="x"/><label name="y"/>
        <map category="X" label="x"/><map category="Y" label="y"/>
        <map category="U" defer="true"/></collapsing>
    </classification>
  </classifications>
</scheme>
)";

constexpr const char* kTexts[] = {
    "I: Tell me about your mother.\nR: She was warm, très chaleureuse, and always there.\n"
    "I: Any memory?\nR: When I was five she took me to the sea.\n",
    "I: And your father?\nR: Distant. He worked; we rarely spoke — 父はいつも忙しかった.\n"
    "I: Can you give an example?\nR: I can't remember one.\n"};

std::string read_bytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    FUZZ_REQUIRE(out.good());
}

void remove_files_in(const fs::path& dir)
{
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        fs::remove_all(e.path(), ec);
}

template <typename T> T must(Result<T> r)
{
    if (!r)
    {
        std::fprintf(stderr, "fuzz_project_open: building the project failed: %s\n",
                     r.error().to_string().c_str());
        std::abort();
    }
    return std::move(*r);
}

/// The valid project every input damages, and where the damaged copies go.
struct Pristine
{
    fs::path dir;
    std::string bytes;
    std::size_t page_size = 4096;
};

Pristine build_pristine()
{
    Pristine p;
    std::string pattern = (fs::temp_directory_path() / "attune-fuzz-open-XXXXXX").string();
    FUZZ_REQUIRE(mkdtemp(pattern.data()) != nullptr);
    p.dir = pattern;
    const fs::path path = p.dir / "pristine.attune";
    {
        auto s = must(project::Session::create(path));
        const auto alice = must(s->apply(project::AddCoder{"alice"})).coder;
        const auto bob = must(s->apply(project::AddCoder{"bob"})).coder;
        must(s->apply(project::AddScheme{kSchemeXml, "test.xml"}));
        int n = 0;
        for (const char* text : kTexts)
        {
            project::AddTranscript t;
            t.meta.title = "P00" + std::to_string(++n) + " interview";
            t.meta.participant = "P00" + std::to_string(n);
            t.text = text;
            const auto id = must(s->apply(t)).transcript;
            for (const auto coder : {alice, bob})
            {
                const auto mine = coder == alice ? 0 : 3;
                must(s->apply(project::Annotate{id, coder, "test", "a", 3 + mine, 20, "warm"}));
                must(s->apply(project::Annotate{id, coder, "test", "b", 40, 60 + mine, ""}));
                must(s->apply(
                    project::Rate{id, coder, "test", "s", "", coder == alice ? 5.0 : 5.5, ""}));
                must(s->apply(project::Classify{id, coder, "test", coder == alice ? "X" : "Y",
                                                std::nullopt, std::nullopt, std::nullopt, "note"}));
            }
        }
    } // closing the last connection checkpoints the WAL into the file and removes it
    FUZZ_REQUIRE(!fs::exists(p.dir / "pristine.attune-wal"));
    p.bytes = read_bytes(path);
    FUZZ_REQUIRE(p.bytes.size() >= 100);
    // The header's page size: big-endian at offset 16, where 1 means 65536.
    const auto ps =
        (static_cast<unsigned char>(p.bytes[16]) << 8) | static_cast<unsigned char>(p.bytes[17]);
    p.page_size = ps == 1 ? 65536u : static_cast<std::size_t>(ps);
    FUZZ_REQUIRE(p.page_size >= 512 && p.bytes.size() % p.page_size == 0);
    remove_files_in(p.dir);
    return p;
}

const Pristine& pristine()
{
    // Never destroyed, so the exit handler can still name the directory.
    static const Pristine* p = []
    {
        auto* built = new Pristine(build_pristine());
        std::atexit(
            []
            {
                std::error_code ec;
                fs::remove_all(pristine().dir, ec);
            });
        return built;
    }();
    return *p;
}

/// Reads the fuzzer's bytes in order; past the end every read gives 0.
class Reader
{
public:
    Reader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    bool done() const { return m_at >= m_size; }
    unsigned byte() { return m_at < m_size ? m_data[m_at++] : 0u; }
    unsigned u16() { return byte() | (byte() << 8); }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

/// Applies the edits the input encodes. Each edit is an opcode byte (its value mod 6 picks the
/// kind, its top bits a parameter) followed by a page number (mod the page count) and an offset
/// in that page (mod the page size), then the kind's own arguments.
void damage(std::string& file, std::size_t page_size, Reader& in)
{
    for (int edits = 0; edits < 32 && !in.done() && !file.empty(); ++edits)
    {
        const unsigned op = in.byte();
        const std::size_t pages = (file.size() + page_size - 1) / page_size;
        const std::size_t page = in.byte() % pages;
        const std::size_t offset = in.u16() % page_size;
        const std::size_t at = std::min(page * page_size + offset, file.size() - 1);
        switch (op % 6)
        {
        case 0: // a bit flip (a failing disk, a cosmic ray)
            file[at] =
                static_cast<char>(static_cast<unsigned char>(file[at]) ^ (1u << ((op >> 3) & 7)));
            break;
        case 1: // a byte written
            file[at] = static_cast<char>(in.byte());
            break;
        case 2: // a big-endian 32-bit integer written: page numbers, counts, sizes
        {
            const unsigned v = in.byte() << 24 | in.byte() << 16 | in.byte() << 8 | in.byte();
            for (std::size_t i = 0; i < 4 && at + i < file.size(); ++i)
                file[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
            break;
        }
        case 3: // truncation (a copy cut short, a full disk)
            file.resize(std::max<std::size_t>(at, 1));
            break;
        case 4: // a run of one byte value: zeroed or 0xff-filled sectors
        {
            const std::size_t length = (in.byte() + 1) * (((op >> 3) & 1) ? 16 : 1);
            const char value = static_cast<char>(in.byte());
            for (std::size_t i = at; i < at + length && i < file.size(); ++i)
                file[i] = value;
            break;
        }
        case 5: // a whole page written over another (a misdirected write, a stale copy)
        {
            const std::size_t from = (in.byte() % pages) * page_size;
            const std::size_t to = page * page_size;
            const std::string copy = file.substr(from, page_size);
            for (std::size_t i = 0; i < copy.size() && to + i < file.size(); ++i)
                file[to + i] = copy[i];
            break;
        }
        }
    }
}

void require_reported(const Error& e)
{
    FUZZ_REQUIRE(!e.message.empty());
    if (e.code == ErrorCode::Internal)
        std::fprintf(stderr, "internal error: %s\n", e.to_string().c_str());
    FUZZ_REQUIRE(e.code != ErrorCode::Internal);
}

/// What attune-cli's read commands and the workbench do with an opened project.
void read_like_the_programs(project::Session& s, const fs::path& dir)
{
    for (const auto& summary : s.transcripts())
    {
        const auto id = summary.transcript.id;
        if (auto t = s.text(id); t)
        {
            // Every reader builds a TextIndex over the text; the session promises UTF-8.
            FUZZ_REQUIRE(text::is_valid_utf8(*t));
            const text::TextIndex index(*t);
            (void)project::line_spans(*t);
            for (const auto& a : s.annotations(id))
            {
                const auto b = index.cp_to_utf8(a.start);
                const auto e = index.cp_to_utf8(a.end);
                FUZZ_REQUIRE(0 <= b && b <= e && e <= index.utf8_size());
            }
        }
        else
            require_reported(t.error());
        if (summary.transcript.participant)
            if (auto r = s.resolve_transcript(*summary.transcript.participant); !r)
                require_reported(r.error());
        (void)s.ratings(id);
        for (auto c : s.classifications(id))
            (void)s.as_stated(std::move(c));
    }
    (void)s.coders();
    for (const auto& info : s.schemes())
        if (auto sc = s.scheme(info.scheme_id); !sc)
            require_reported(sc.error());
    (void)s.progress();
    (void)s.audit_log(20);
    if (auto hits = s.search("mother"); !hits)
        require_reported(hits.error());
    if (auto report = analysis::analyze_agreement(s, {}); !report)
        require_reported(report.error());
    if (auto c = s.check(); !c)
        require_reported(c.error());
    // The workbench keeps a copy of every project it opened cleanly, then the user works.
    if (auto b = s.save_copy(dir / "open.attune.backup", true); !b)
        require_reported(b.error());
    if (auto w = s.apply(project::AddCoder{"carol"}); !w)
        require_reported(w.error());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Pristine& p = pristine();
    std::string file = p.bytes;
    Reader in(data, size);
    damage(file, p.page_size, in);

    remove_files_in(p.dir);
    const fs::path path = p.dir / "open.attune";
    write_bytes(path, file);

    project::SessionOptions options;
    options.busy_timeout_ms = 100; // nobody else opens these files
    options.user = "fuzz";
    try
    {
        auto s = project::Session::open(path, options);
        if (!s)
        {
            require_reported(s.error());
            if (s.error().code == ErrorCode::StoreCorrupt)
            {
                // "it was not changed": a refused damaged file is left as it was.
                FUZZ_REQUIRE(read_bytes(path) == file);
                (void)project::good_backups(path); // what the workbench offers next
            }
            return 0;
        }
        try
        {
            read_like_the_programs(**s, p.dir);
        }
        catch (const store::StoreError& e)
        {
            // The programs' boundary turns this into "FILE: error: message", exit 1.
            require_reported(e.to_error());
        }
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "fuzz_project_open: unexpected exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
