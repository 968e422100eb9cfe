// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for merging damaged and hostile coder packages (issue 13). At start-up it
// builds, through the core API, a project (a scheme, two transcripts, coders alice and bob with
// passages, ratings and classifications each) and alice's package of it, and does her work in
// the package (passages added, one moved, one deleted so that a tombstone exists, a rating and a
// classification changed). It keeps the bytes of both files, and a dictionary of the values a
// hostile package would use: every uuid of the project, record kinds, times, codes, a second
// scheme version with its checksum, the transcripts' lengths.
//
// Each input is decoded into two kinds of edits of a copy of the package:
//  1. SQL edits, run with store::Database on the copy (CHECK constraints and foreign keys off):
//     statements from a fixed table (UPDATE, INSERT and DELETE of the annotations,
//     ratings, classifications, tombstones, package, package_base, project, coders, schemes and
//     transcripts, dropped tables and columns, PRAGMA user_version and application_id), the
//     row chosen by the input and the values bound from it: integers small and huge, reals
//     (NaN and infinities too), texts and blobs of any bytes (invalid UTF-8 included), NULL, or
//     a word of the dictionary;
//  2. byte edits of the resulting file, as in fuzz_project_open (bit flips, bytes, big-endian
//     integers, truncation, filled runs, pages copied over others) plus header fields written
//     (user_version at 60, application_id at 68, schema format at 44, text encoding at 56).
// Then a fresh copy of the project is opened with project::Session::open and the package merged
// into it with team::merge_packages: as a dry run, for real, or a dry run and then for real.
//
// The promises checked: never a crash, a hang, a sanitizer report or an Internal error; a
// refused merge names the package file and says why, and leaves the project exactly as it was
// (its coders, schemes, transcripts, annotations, ratings, classifications and audit log); a dry
// run never changes it and reports what the real merge then does; after a merge every passage
// lies inside its transcript (0 <= start < end <= its length in code points), the records of
// coders other than the package's are untouched, and merging the same package again adds,
// changes and deletes nothing.
//
// Run: build/fuzz/tests/fuzz/fuzz_package -max_total_time=600 -timeout=10
//      tests/fuzz/corpus/package
#include "core/project/session.h"
#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/team/team.h"
#include "core/text/code_points.h"
#include "core/text/sha256.h"
#include "fuzz_require.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <sstream>
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
        std::fprintf(stderr, "fuzz_package: building the fixture failed: %s\n",
                     r.error().to_string().c_str());
        std::abort();
    }
    return std::move(*r);
}

std::int64_t code_points(std::string_view s)
{
    std::int64_t n = 0;
    for (const char c : s)
        n += text::starts_code_point(c) ? 1 : 0;
    return n;
}

/// The project, alice's package of it with her work done, and the values a hostile package
/// would use.
struct Fixture
{
    fs::path dir;
    std::string project;
    std::string package;
    std::vector<std::string> words;    ///< uuids, times, kinds, ids, a scheme and its checksum
    std::vector<std::int64_t> lengths; ///< integers that matter: the texts' lengths and such
};

Fixture build_fixture()
{
    Fixture f;
    std::string pattern = (fs::temp_directory_path() / "attune-fuzz-package-XXXXXX").string();
    FUZZ_REQUIRE(mkdtemp(pattern.data()) != nullptr);
    f.dir = pattern;
    const fs::path project = f.dir / "project.attune";
    const fs::path package = f.dir / "alice.attune";
    project::CoderId alice;
    std::vector<project::TranscriptId> transcripts;
    // In the order added, never sorted: an input names a word by its place, and the uuids differ
    // between runs.
    std::vector<std::string> words;
    {
        auto s = must(project::Session::create(project));
        alice = must(s->apply(project::AddCoder{"alice"})).coder;
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
            transcripts.push_back(id);
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
        must(team::make_package(*s, {alice, package, false}));
        words.push_back(s->project_uuid());
        for (const auto& c : s->coders())
            words.push_back(c.uuid);
        for (const auto& t : s->transcripts())
            words.push_back(t.transcript.uuid);
        for (const auto& sc : s->schemes())
            words.push_back(sc.uuid);
        for (const auto& a : s->annotations())
            words.insert(words.end(), {a.uuid, a.modified});
        for (const auto& r : s->ratings())
            words.insert(words.end(), {r.uuid, r.modified});
        for (const auto& c : s->classifications())
            words.insert(words.end(), {c.uuid, c.modified});
    }
    {
        auto p = must(project::Session::open(package));
        const auto mine = p->annotations(std::nullopt, alice);
        FUZZ_REQUIRE(mine.size() == 4);
        must(p->apply(project::Annotate{transcripts[0], alice, "test", "b", 0, 5, "new"}));
        must(p->apply(project::Annotate{transcripts[1], alice, "test", "a", 10, 30, "新しい"}));
        must(p->apply(project::ChangeSpan{alice, mine[0].uuid, 4, 21}));
        must(p->apply(project::DeleteAnnotation{alice, mine[1].uuid}));
        must(p->apply(project::Rate{transcripts[0], alice, "test", "s", "", 6.5, "changed"}));
        must(p->apply(project::Classify{transcripts[1], alice, "test", "X", "X2", std::nullopt,
                                        std::nullopt, "changed"}));
        words.push_back(team::package_info(*p).value().uuid);
        for (const auto& a : p->annotations())
            words.insert(words.end(), {a.uuid, a.modified});
        for (const auto& r : p->ratings())
            words.insert(words.end(), {r.uuid, r.modified});
        for (const auto& c : p->classifications())
            words.insert(words.end(), {c.uuid, c.modified});
    }
    // Closing the last connection checkpoints the WAL into the file and removes it.
    FUZZ_REQUIRE(!fs::exists(f.dir / "project.attune-wal"));
    FUZZ_REQUIRE(!fs::exists(f.dir / "alice.attune-wal"));
    f.project = read_bytes(project);
    f.package = read_bytes(package);
    FUZZ_REQUIRE(f.package.size() >= 100 && f.project.size() >= 100);
    remove_files_in(f.dir);

    std::string v2 = kSchemeXml;
    v2.replace(v2.find("<version>1</version>"), 20, "<version>2</version>");
    for (std::string w : {store::new_uuid(),
                          std::string("00000000-0000-4000-8000-000000000000"),
                          std::string("annotation"),
                          std::string("rating"),
                          std::string("classification"),
                          std::string("2000-01-01T00:00:00.000Z"),
                          std::string("2999-12-31T23:59:59.999Z"),
                          std::string("2026-13-45T99:99:99.999Z"),
                          std::string("test"),
                          std::string("1"),
                          std::string("2"),
                          std::string("a"),
                          std::string("b"),
                          std::string("s"),
                          std::string("X"),
                          std::string("X1"),
                          std::string("Y"),
                          std::string("U"),
                          std::string("coder"),
                          std::string("consensus"),
                          std::string("master"),
                          std::string("alice"),
                          std::string("bob"),
                          std::string(" alice"),
                          v2,
                          text::sha256_hex(v2),
                          std::string(kTexts[0]) + "!",
                          text::sha256_hex(std::string(kTexts[0]) + "!"),
                          text::sha256_hex(kTexts[1])})
        words.push_back(std::move(w));
    f.words = std::move(words);
    for (const char* t : kTexts)
        for (const auto n : {code_points(t), std::int64_t(std::strlen(t))})
            f.lengths.insert(f.lengths.end(), {n - 1, n, n + 1});
    return f;
}

const Fixture& fixture()
{
    // Never destroyed, so the exit handler can still name the directory.
    static const Fixture* f = []
    {
        auto* built = new Fixture(build_fixture());
        std::atexit(
            []
            {
                std::error_code ec;
                fs::remove_all(fixture().dir, ec);
            });
        return built;
    }();
    return *f;
}

/// Reads the fuzzer's bytes in order; past the end every read gives 0.
class Reader
{
public:
    Reader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    bool done() const { return m_at >= m_size; }
    unsigned byte() { return m_at < m_size ? m_data[m_at++] : 0u; }
    unsigned u16() { return byte() | (byte() << 8); }
    std::uint64_t u64()
    {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v = v << 8 | byte();
        return v;
    }
    std::string bytes(std::size_t n)
    {
        std::string s;
        while (n-- > 0 && !done())
            s += static_cast<char>(byte());
        return s;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

// ---- SQL edits

/// A value to bind, decoded from the input.
struct Value
{
    enum class Kind
    {
        Null,
        Integer,
        Real,
        Text,
        Blob
    } kind = Kind::Null;
    std::int64_t integer = 0;
    double real = 0;
    std::string text;
};

Value value(Reader& in, const Fixture& f)
{
    Value v;
    switch (in.byte() % 8)
    {
    case 0: break; // NULL
    case 1:
        v.kind = Value::Kind::Integer;
        v.integer = static_cast<std::int8_t>(in.byte());
        break;
    case 2:
        v.kind = Value::Kind::Integer;
        v.integer = static_cast<std::int64_t>(in.u64());
        break;
    case 3:
    {
        constexpr std::int64_t kSpecial[] = {std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max(),
                                             -1,
                                             0,
                                             1,
                                             2,
                                             std::int64_t(1) << 31,
                                             (std::int64_t(1) << 31) - 1,
                                             std::int64_t(1) << 53};
        const auto n = std::size(kSpecial) + f.lengths.size();
        const auto i = in.byte() % n;
        v.kind = Value::Kind::Integer;
        v.integer = i < std::size(kSpecial) ? kSpecial[i] : f.lengths[i - std::size(kSpecial)];
        break;
    }
    case 4:
    {
        const auto bits = in.u64();
        v.kind = Value::Kind::Real;
        std::memcpy(&v.real, &bits, sizeof v.real);
        break;
    }
    case 5:
        v.kind = Value::Kind::Text;
        v.text = in.bytes(in.byte());
        break;
    case 6:
        v.kind = Value::Kind::Blob;
        v.text = in.bytes(in.byte());
        break;
    case 7:
    {
        v.kind = Value::Kind::Text;
        v.text = f.words[in.u16() % f.words.size()];
        break;
    }
    }
    return v;
}

/// One hostile statement: `sql` with '@' for each value and ?9 for the row it edits (the
/// input's choice among the first few); '#' in a PRAGMA for an integer written into the text.
/// `before` runs first, when set.
struct Edit
{
    const char* sql;
    const char* before = nullptr;
};

#define ROW(table) " WHERE rowid = (SELECT rowid FROM " table " ORDER BY rowid LIMIT 1 OFFSET ?9)"
#define UUID_ROW(table) " WHERE uuid = (SELECT uuid FROM " table " ORDER BY uuid LIMIT 1 OFFSET ?9)"
constexpr const char* kDropTrigger = "DROP TRIGGER IF EXISTS transcripts_text_is_immutable";

const Edit kEdits[] = {
    {"UPDATE annotations SET start_cp = @" ROW("annotations")},
    {"UPDATE annotations SET end_cp = @" ROW("annotations")},
    {"UPDATE annotations SET start_cp = @, end_cp = @" ROW("annotations")},
    {"UPDATE annotations SET uuid = @" ROW("annotations")},
    {"UPDATE annotations SET modified = @" ROW("annotations")},
    {"UPDATE annotations SET created = @" ROW("annotations")},
    {"UPDATE annotations SET code = @" ROW("annotations")},
    {"UPDATE annotations SET memo = @" ROW("annotations")},
    {"UPDATE annotations SET coder_id = @" ROW("annotations")},
    {"UPDATE annotations SET transcript_id = @" ROW("annotations")},
    {"UPDATE annotations SET scheme_id = @" ROW("annotations")},
    {"UPDATE annotations SET scheme_version = @" ROW("annotations")},
    {"UPDATE annotations SET merged_from = @" ROW("annotations")},
    {"INSERT INTO annotations(uuid, transcript_id, coder_id, scheme_id, code, start_cp, end_cp, "
     "memo, created, modified, scheme_version) SELECT @, transcript_id, coder_id, scheme_id, "
     "code, start_cp, end_cp, memo, created, modified, scheme_version FROM "
     "annotations" ROW("annotations")},
    {"DELETE FROM annotations" ROW("annotations")},
    {"UPDATE ratings SET value = @" ROW("ratings")},
    {"UPDATE ratings SET not_scorable = @" ROW("ratings")},
    {"UPDATE ratings SET value = @, not_scorable = @" ROW("ratings")},
    {"UPDATE ratings SET uuid = @" ROW("ratings")},
    {"UPDATE ratings SET modified = @" ROW("ratings")},
    {"UPDATE ratings SET scale = @" ROW("ratings")},
    {"UPDATE ratings SET target = @" ROW("ratings")},
    {"UPDATE ratings SET note = @" ROW("ratings")},
    {"UPDATE ratings SET coder_id = @" ROW("ratings")},
    {"UPDATE ratings SET transcript_id = @" ROW("ratings")},
    {"UPDATE ratings SET scheme_id = @, scheme_version = @" ROW("ratings")},
    {"INSERT INTO ratings(uuid, transcript_id, coder_id, scheme_id, scale, target, value, "
     "not_scorable, note, modified, scheme_version) SELECT @, transcript_id, coder_id, "
     "scheme_id, scale, @, value, not_scorable, note, modified, scheme_version FROM "
     "ratings" ROW("ratings")},
    {"UPDATE classifications SET category = @" ROW("classifications")},
    {"UPDATE classifications SET subcategory = @" ROW("classifications")},
    {"UPDATE classifications SET unresolved = @, alternative = @" ROW("classifications")},
    {"UPDATE classifications SET uuid = @" ROW("classifications")},
    {"UPDATE classifications SET modified = @" ROW("classifications")},
    {"UPDATE classifications SET coder_id = @" ROW("classifications")},
    {"UPDATE classifications SET transcript_id = @" ROW("classifications")},
    {"UPDATE classifications SET note = @, scheme_version = @" ROW("classifications")},
    {"UPDATE package SET uuid = @"},
    {"UPDATE package SET coder_uuid = @"},
    {"UPDATE package SET made = @, made_by = @"},
    {"INSERT INTO package(id, uuid, coder_uuid, made, made_by) VALUES (@, @, @, @, @)"},
    {"DELETE FROM package"},
    {"UPDATE project SET uuid = @"},
    {"UPDATE coders SET name = @"},
    {"UPDATE coders SET uuid = @"},
    {"UPDATE coders SET role = @"},
    {"UPDATE coders SET created = @"},
    {"UPDATE coders SET id = @"},
    {"INSERT INTO coders(name, created, uuid, role) VALUES (@, @, @, @)"},
    {"DELETE FROM coders"},
    {"UPDATE schemes SET xml = @" ROW("schemes")},
    {"UPDATE schemes SET sha256 = @" ROW("schemes")},
    {"UPDATE schemes SET xml = @, sha256 = @" ROW("schemes")},
    {"UPDATE schemes SET scheme_id = @, version = @" ROW("schemes")},
    {"UPDATE schemes SET uuid = @, added = @" ROW("schemes")},
    {"INSERT INTO schemes(scheme_id, version, name, xml, sha256, added, uuid) VALUES (@, @, @, "
     "@, @, @, @)"},
    {"UPDATE transcripts SET text = @" ROW("transcripts"), kDropTrigger},
    {"UPDATE transcripts SET text = @, sha256 = @" ROW("transcripts"), kDropTrigger},
    {"UPDATE transcripts SET uuid = @" ROW("transcripts")},
    {"UPDATE transcripts SET participant = @, title = @" ROW("transcripts")},
    {"UPDATE transcripts SET id = @" ROW("transcripts")},
    {"INSERT INTO transcripts(title, text, sha256, created, uuid) SELECT title, text, sha256, "
     "created, @ FROM transcripts" ROW("transcripts")},
    {"DELETE FROM transcripts" ROW("transcripts")},
    {"INSERT INTO tombstones(uuid, kind, transcript_id, coder_id, deleted, merged_from) VALUES "
     "(@, @, @, @, @, @)"},
    {"UPDATE tombstones SET uuid = @" UUID_ROW("tombstones")},
    {"UPDATE tombstones SET kind = @" UUID_ROW("tombstones")},
    {"UPDATE tombstones SET transcript_id = @, coder_id = @" UUID_ROW("tombstones")},
    {"UPDATE tombstones SET deleted = @" UUID_ROW("tombstones")},
    {"DELETE FROM tombstones"},
    {"DELETE FROM package_base" UUID_ROW("package_base")},
    {"DELETE FROM package_base"},
    {"UPDATE package_base SET modified = @" UUID_ROW("package_base")},
    {"UPDATE package_base SET uuid = @, kind = @" UUID_ROW("package_base")},
    {"INSERT INTO package_base(uuid, kind, modified) VALUES (@, @, @)"},
    {"DROP TABLE package_base"},
    {"DROP TABLE tombstones"},
    {"ALTER TABLE annotations DROP COLUMN merged_from"},
    {"ALTER TABLE ratings RENAME COLUMN value TO score"},
    {"DROP TABLE line_fts"},
    {"PRAGMA user_version = #"},
    {"PRAGMA application_id = #"},
};

#undef ROW
#undef UUID_ROW

std::string integer_text(const Value& v)
{
    return std::to_string(v.kind == Value::Kind::Integer ? v.integer : 0);
}

void run_edit(store::Database& db, const Edit& e, unsigned row, std::vector<Value>& values,
              Reader& in, const Fixture& f)
{
    std::string sql;
    int bound = 0;
    values.clear();
    for (const char* p = e.sql; *p; ++p)
    {
        if (*p != '@' && *p != '#')
        {
            sql += *p;
            continue;
        }
        values.push_back(value(in, f));
        if (*p == '#')
        {
            sql += integer_text(values.back());
            values.pop_back();
            continue;
        }
        const auto at = "?" + std::to_string(++bound);
        sql += values.back().kind == Value::Kind::Blob ? "CAST(" + at + " AS BLOB)" : at;
    }
    if (e.before)
        db.exec(e.before);
    store::Statement s(db, sql);
    for (int i = 0; i < bound; ++i)
    {
        const auto& v = values[static_cast<std::size_t>(i)];
        switch (v.kind)
        {
        case Value::Kind::Null: s.bind_null(i + 1); break;
        case Value::Kind::Integer: s.bind(i + 1, v.integer); break;
        case Value::Kind::Real: s.bind(i + 1, v.real); break;
        case Value::Kind::Text:
        case Value::Kind::Blob: s.bind(i + 1, v.text); break;
        }
    }
    if (sql.find("?9") != std::string::npos)
        s.bind(9, static_cast<std::int64_t>(row % 8));
    while (s.step())
    {
    }
}

/// Applies the input's SQL edits (its first byte says how many, up to 8) to the package file at
/// `path`. A statement SQLite refuses (a NOT NULL or UNIQUE constraint, a missing table) is
/// skipped; the others stay.
void edit_sql(const fs::path& path, Reader& in, const Fixture& f)
{
    const unsigned count = in.byte() % 9;
    if (count == 0)
        return;
    auto db = must(store::Database::open(path, store::OpenMode::ExistingOnly, 100));
    db.exec("PRAGMA foreign_keys = OFF");
    db.exec("PRAGMA ignore_check_constraints = ON");
    db.exec("BEGIN");
    std::vector<Value> values;
    for (unsigned i = 0; i < count; ++i)
    {
        const auto& e = kEdits[in.byte() % std::size(kEdits)];
        const unsigned row = in.byte();
        try
        {
            run_edit(db, e, row, values, in, f);
        }
        catch (const store::StoreError&)
        {
        }
    }
    try
    {
        db.exec("COMMIT");
    }
    catch (const store::StoreError&)
    {
    }
}

// ---- byte edits

/// Applies the byte edits the rest of the input encodes, as fuzz_project_open does: each an
/// opcode byte (its value mod 7 picks the kind, its top bits a parameter), a page number (mod
/// the page count) and an offset in that page (mod the page size), then the kind's arguments.
void damage(std::string& file, std::size_t page_size, Reader& in)
{
    for (int edits = 0; edits < 32 && !in.done() && !file.empty(); ++edits)
    {
        const unsigned op = in.byte();
        const std::size_t pages = (file.size() + page_size - 1) / page_size;
        const std::size_t page = in.byte() % pages;
        const std::size_t offset = in.u16() % page_size;
        const std::size_t at = std::min(page * page_size + offset, file.size() - 1);
        auto put32 = [&](std::size_t where, unsigned v)
        {
            for (std::size_t i = 0; i < 4 && where + i < file.size(); ++i)
                file[where + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
        };
        auto get32 = [&] { return in.byte() << 24 | in.byte() << 16 | in.byte() << 8 | in.byte(); };
        switch (op % 7)
        {
        case 0: // a bit flip
            file[at] =
                static_cast<char>(static_cast<unsigned char>(file[at]) ^ (1u << ((op >> 3) & 7)));
            break;
        case 1: // a byte written
            file[at] = static_cast<char>(in.byte());
            break;
        case 2: // a big-endian 32-bit integer written
            put32(at, get32());
            break;
        case 3: // truncation
            file.resize(std::max<std::size_t>(at, 1));
            break;
        case 4: // a run of one byte value
        {
            const std::size_t length = (in.byte() + 1) * (((op >> 3) & 1) ? 16 : 1);
            const char value = static_cast<char>(in.byte());
            for (std::size_t i = at; i < at + length && i < file.size(); ++i)
                file[i] = value;
            break;
        }
        case 5: // a whole page written over another
        {
            const std::size_t from = (in.byte() % pages) * page_size;
            const std::size_t to = page * page_size;
            const std::string copy = file.substr(from, page_size);
            for (std::size_t i = 0; i < copy.size() && to + i < file.size(); ++i)
                file[to + i] = copy[i];
            break;
        }
        case 6: // a header field: user_version, application_id, schema format, text encoding
        {
            constexpr std::size_t kFields[] = {60, 68, 44, 56};
            put32(kFields[(op >> 3) % 4], get32());
            break;
        }
        }
    }
}

std::size_t page_size_of(const std::string& file)
{
    if (file.size() < 100)
        return 4096;
    const auto ps =
        (static_cast<unsigned char>(file[16]) << 8) | static_cast<unsigned char>(file[17]);
    return ps == 1 ? 65536u : ps >= 512 ? static_cast<std::size_t>(ps) : 4096u;
}

// ---- the promises

/// The project's annotations, ratings and classifications, one line each with the name of the
/// coder whose record it is.
std::vector<std::pair<std::string, std::string>> work(project::Session& s)
{
    std::map<project::CoderId, std::string> names;
    for (const auto& c : s.coders())
        names[c.id] = c.name;
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& a : s.annotations())
    {
        std::ostringstream l;
        l << "A " << a.uuid << ' ' << a.transcript_id.value() << ' ' << a.coder_id.value() << ' '
          << a.scheme_id << '/' << a.scheme_version << ' ' << a.code << ' ' << a.start << '-'
          << a.end << ' ' << a.memo << ' ' << a.created << ' ' << a.modified;
        out.emplace_back(names[a.coder_id], l.str());
    }
    for (const auto& r : s.ratings())
    {
        std::ostringstream l;
        l << "R " << r.uuid << ' ' << r.transcript_id.value() << ' ' << r.coder_id.value() << ' '
          << r.scheme_id << '/' << r.scheme_version << ' ' << r.scale << '/' << r.target << ' '
          << (r.value ? std::to_string(*r.value) : "-") << ' ' << r.not_scorable << ' ' << r.note
          << ' ' << r.modified;
        out.emplace_back(names[r.coder_id], l.str());
    }
    for (const auto& c : s.classifications())
    {
        std::ostringstream l;
        l << "C " << c.uuid << ' ' << c.transcript_id.value() << ' ' << c.coder_id.value() << ' '
          << c.scheme_id << '/' << c.scheme_version << ' ' << c.category << ' '
          << c.subcategory.value_or("-") << ' ' << c.unresolved.value_or("-") << ' '
          << c.alternative.value_or("-") << ' ' << c.note << ' ' << c.modified;
        out.emplace_back(names[c.coder_id], l.str());
    }
    return out;
}

/// The lines of `work` of every coder but `coder`.
std::string work_of_others(const std::vector<std::pair<std::string, std::string>>& work,
                           const std::string& coder)
{
    std::string out;
    for (const auto& [name, line] : work)
        if (name != coder)
            out += name + ": " + line + '\n';
    return out;
}

/// The coders, schemes, transcripts and everyone's work.
std::string records(project::Session& s)
{
    std::ostringstream out;
    for (const auto& c : s.coders())
        out << "coder " << c.id.value() << ' ' << c.uuid << ' ' << c.name << ' ' << c.role << ' '
            << c.created << '\n';
    for (const auto& sc : s.schemes())
        out << "scheme " << sc.uuid << ' ' << sc.scheme_id << ' ' << sc.version << ' ' << sc.sha256
            << '\n';
    for (const auto& t : s.transcripts())
        out << "transcript " << t.transcript.id.value() << ' ' << t.transcript.uuid << ' '
            << t.transcript.sha256 << '\n';
    return out.str() + work_of_others(work(s), "\n"); // no coder is named "\n"
}

/// Everything a refused merge or a dry run must leave as it was: the records and the audit log.
std::string digest(project::Session& s)
{
    std::string d = records(s);
    for (const auto& e : s.audit_log())
        d += "audit " + std::to_string(e.id) + ' ' + e.action + ' ' + e.entity + '\n';
    return d;
}

void require_refusal(const Error& e, const fs::path& package)
{
    if (e.code == ErrorCode::Internal || e.message.empty() || !e.where ||
        e.where->path != package.string())
        std::fprintf(stderr, "fuzz_package: refusal: %s\n", e.to_string().c_str());
    FUZZ_REQUIRE(e.code != ErrorCode::Internal);
    FUZZ_REQUIRE(!e.message.empty());
    FUZZ_REQUIRE(e.where && e.where->path == package.string()); // "naming the package file"
}

void require_sound(const team::MergeReport& r, const fs::path& package, bool dry_run)
{
    FUZZ_REQUIRE(r.dry_run == dry_run);
    FUZZ_REQUIRE(r.packages.size() == 1);
    const auto& p = r.packages[0];
    FUZZ_REQUIRE(p.file == package);
    FUZZ_REQUIRE(p.added >= 0 && p.changed >= 0 && p.deleted >= 0 && p.unchanged >= 0);
    for (const auto& list : {p.refused, p.conflicts})
        for (const auto& item : list)
            FUZZ_REQUIRE(!item.kind.empty() && !item.detail.empty());
}

bool same_counts(const team::PackageMergeReport& a, const team::PackageMergeReport& b)
{
    return a.added == b.added && a.changed == b.changed && a.deleted == b.deleted &&
           a.unchanged == b.unchanged && a.conflicts.size() == b.conflicts.size() &&
           a.refused.size() == b.refused.size() && a.notes.size() == b.notes.size();
}

/// Every passage of the project lies inside its transcript.
void require_spans_inside(project::Session& s)
{
    std::map<project::TranscriptId, std::int64_t> length;
    for (const auto& t : s.transcripts())
        length[t.transcript.id] = code_points(must(s.text(t.transcript.id)));
    for (const auto& a : s.annotations())
    {
        const auto l = length.find(a.transcript_id);
        FUZZ_REQUIRE(l != length.end());
        FUZZ_REQUIRE(0 <= a.start && a.start < a.end && a.end <= l->second);
    }
}

void merge_and_check(project::Session& s, const fs::path& package, unsigned mode)
{
    const auto before = digest(s);
    const auto work_before = work(s);
    std::optional<Result<team::MergeReport>> dry;
    if (mode != 1)
    {
        dry = team::merge_packages(s, {package}, {true});
        if (*dry)
            require_sound(**dry, package, true);
        else
            require_refusal(dry->error(), package);
        FUZZ_REQUIRE(digest(s) == before); // a dry run writes nothing
        if (mode == 0)
            return;
    }
    auto real = team::merge_packages(s, {package});
    if (!real)
    {
        require_refusal(real.error(), package);
        FUZZ_REQUIRE(!dry || !*dry); // the dry run said what the merge does
        FUZZ_REQUIRE(digest(s) == before);
        return;
    }
    require_sound(*real, package, false);
    const auto& done = real->packages[0];
    FUZZ_REQUIRE(!dry || (*dry && same_counts((**dry).packages[0], done)));
    if (!real->changes_project())
        FUZZ_REQUIRE(digest(s) == before);
    require_spans_inside(s);
    // Nobody's records but those of the package's coder changed.
    FUZZ_REQUIRE(work_of_others(work(s), done.coder) == work_of_others(work_before, done.coder));
    // Merging the same package again adds, changes and deletes nothing.
    const auto merged = records(s);
    auto again = team::merge_packages(s, {package});
    if (!again)
        std::fprintf(stderr, "fuzz_package: merging again: %s\n",
                     again.error().to_string().c_str());
    FUZZ_REQUIRE(again);
    require_sound(*again, package, false);
    const auto& twice = again->packages[0];
    if (twice.added + twice.changed + twice.deleted != 0)
        std::fprintf(stderr,
                     "fuzz_package: merging again: %lld added, %lld changed, %lld deleted\n",
                     static_cast<long long>(twice.added), static_cast<long long>(twice.changed),
                     static_cast<long long>(twice.deleted));
    FUZZ_REQUIRE(twice.added == 0 && twice.changed == 0 && twice.deleted == 0);
    FUZZ_REQUIRE(records(s) == merged);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Fixture& f = fixture();
    Reader in(data, size);
    const unsigned mode = in.byte() % 3; // 0 dry run, 1 merge, 2 dry run then merge

    remove_files_in(f.dir);
    const fs::path package = f.dir / "alice.attune";
    const fs::path project = f.dir / "project.attune";
    write_bytes(package, f.package);
    write_bytes(project, f.project);
    try
    {
        edit_sql(package, in, f);
        FUZZ_REQUIRE(!fs::exists(f.dir / "alice.attune-wal"));
        std::string file = read_bytes(package);
        damage(file, page_size_of(file), in);
        write_bytes(package, file);

        project::SessionOptions options;
        options.busy_timeout_ms = 100; // nobody else opens these files
        options.user = "fuzz";
        auto s = project::Session::open(project, options);
        if (!s)
            std::fprintf(stderr, "fuzz_package: %s\n", s.error().to_string().c_str());
        FUZZ_REQUIRE(s);
        merge_and_check(**s, package, mode);
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "fuzz_package: unexpected exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
