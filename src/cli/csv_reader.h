// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small RFC 4180 CSV reader that remembers where every field starts, so bad input can be
// reported as FILE:LINE:COL. CsvScanner walks the text once, a record at a time, handing out
// views of the fields (no string per field): `agree --table` reads 200,000-row tables with it.
// parse_csv / read_csv build owning rows on top of it for small files (weights, spans).

#include "core/base/file_read.h"
#include "core/base/result.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace attune::cli
{

/// One field: its unquoted text and the 1-based line and column (code points) where it starts.
struct CsvField
{
    std::string text;
    int line = 0;
    int column = 0;
    bool quoted = false;
};

/// One record; `line` is where it starts. Blank lines produce no record.
struct CsvRow
{
    int line = 0;
    std::vector<CsvField> fields;
};

/// A field as CsvScanner hands it out. `text` is the unquoted text: a view of the file, or of
/// the scanner's buffer when quotes had to be undone; valid until the next call to next().
/// Its position is kept as bytes; CsvScanner::where() turns it into line and column when needed.
struct CsvFieldView
{
    std::string_view text;
    std::size_t offset = 0;     ///< byte offset of the field's first byte (its quote, if quoted)
    std::size_t line_start = 0; ///< byte offset of the first byte of the field's line
    int line = 0;               ///< 1-based line of the field
    bool quoted = false;
};

/// Reads CSV text one record at a time: fields separated by ',', records by LF, CRLF or a lone
/// CR, fields optionally quoted with '"' (a doubled '"' inside quotes is one '"'; quoted fields
/// may span lines, and a CRLF inside them reads as LF). A UTF-8 BOM is skipped. Blank lines are
/// no record; a line with only commas is one. The text must outlive the scanner.
class CsvScanner
{
public:
    CsvScanner(std::string_view text, std::string path);

    /// Checks every byte before any record is read, so the first bad byte is reported whatever
    /// follows it: ErrorCode::DataInvalid for bytes that are not UTF-8 or a control character
    /// other than tab/CR/LF (UTF-8 problems anywhere first).
    [[nodiscard]] Result<void> check_bytes() const;

    /// Moves to the next record; false at the end of the text. Errors (DataInvalid, at their
    /// line and column): a quote inside an unquoted field, text after a closing quote, an
    /// unterminated quoted field (reported at its opening quote).
    [[nodiscard]] Result<bool> next();

    /// The fast path for the common record: one line without a '"', not blank. Calls
    /// `on_field(text, index)` for each field in order (text as in the file, untrimmed; index
    /// from 0); the record ends at a line break or the end of the text. Returns true when the
    /// record was read this way: the scanner is then past it, record_line() says where it
    /// started, and fields() is not set. Returns false, with the scanner where it was, when the
    /// record is not plain (a quote, a blank line, the end of the text) or `on_field` returned
    /// false; next() then reads the same record, with its errors and positions.
    template <typename OnField> bool next_plain(OnField&& on_field);

    /// Where the scanner is; restore() goes back there (a reader that reads a record with
    /// next_plain() and then finds it wants next()'s positions instead).
    struct Position
    {
        std::size_t pos, line_start;
        int line;
    };
    Position position() const noexcept { return {m_pos, m_line_start, m_line}; }
    void restore(const Position& at) noexcept
    {
        m_pos = at.pos;
        m_line_start = at.line_start;
        m_line = at.line;
    }

    /// The fields of the current record (at least one).
    const std::vector<CsvFieldView>& fields() const noexcept { return m_fields; }
    /// The line where the current record starts.
    int record_line() const noexcept { return m_record_line; }

    /// The file position (path, 1-based line, column in code points) where `f` starts.
    SourceLocation where(const CsvFieldView& f) const;
    /// The 1-based line and column of where(); linear over a record when asked field by field.
    std::pair<int, int> line_column(const CsvFieldView& f) const;

    const std::string& path() const noexcept { return m_path; }

private:
    Error error_at(std::size_t offset, int line, std::size_t line_start,
                   const std::string& message) const;

    std::string_view m_text;
    std::string m_path;
    std::size_t m_pos = 0;
    std::size_t m_line_start = 0;
    int m_line = 1;
    int m_record_line = 1;
    std::vector<CsvFieldView> m_fields;
    std::string m_scratch; ///< quoted fields whose text differs from their bytes
    struct Unescaped
    {
        std::size_t field, begin, size;
    };
    std::vector<Unescaped> m_unescaped;
    struct ColumnCache
    {
        std::size_t line_start = static_cast<std::size_t>(-1);
        std::size_t offset = 0;
        int column = 1;
    };
    mutable ColumnCache m_column_cache;
};

namespace detail
{
/// Bytes that end an unquoted field's run, or are an error inside it: ',', LF, CR and '"'.
inline constexpr std::array<bool, 256> kCsvStop = []
{
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>(',')] = true;
    t[static_cast<unsigned char>('\n')] = true;
    t[static_cast<unsigned char>('\r')] = true;
    t[static_cast<unsigned char>('"')] = true;
    return t;
}();

#if defined(__SSE2__)
/// Bit k set where q[k] is one of kCsvStop's bytes, for the 16 bytes from q.
inline unsigned csv_stop_mask(const char* q) noexcept
{
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const __m128i comma_or_lf =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    const __m128i cr_or_quote =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(comma_or_lf, cr_or_quote)));
}
#endif
} // namespace detail

template <typename OnField> bool CsvScanner::next_plain(OnField&& on_field)
{
    const std::size_t n = m_text.size();
    const char* p = m_text.data();
    std::size_t i = m_pos;
    // A blank line or the end of the text: next() skips the one and reports the other.
    if (i >= n || p[i] == '\n' || p[i] == '\r')
        return false;
    std::size_t index = 0;
    std::size_t begin = i;
#if defined(__SSE2__)
    // The stops of 16 bytes at a time as a bit mask, taken one set bit per field, so that a
    // record of short fields costs a load or two rather than a test per byte. Within 16 bytes
    // of the end the bytes are tested one by one.
    std::size_t base = i;
    bool vector = base + 16 <= n;
    unsigned mask = vector ? detail::csv_stop_mask(p + base) : 0;
#endif
    while (true)
    {
        std::size_t stop = 0;
#if defined(__SSE2__)
        while (vector && mask == 0)
        {
            base += 16;
            vector = base + 16 <= n;
            if (vector)
                mask = detail::csv_stop_mask(p + base);
        }
        if (vector)
        {
            stop = base + static_cast<std::size_t>(__builtin_ctz(mask));
            mask &= mask - 1;
        }
        else
        {
            stop = std::max(begin, base);
            while (stop < n && !detail::kCsvStop[static_cast<unsigned char>(p[stop])])
                ++stop;
        }
#else
        stop = begin;
        while (stop < n && !detail::kCsvStop[static_cast<unsigned char>(p[stop])])
            ++stop;
#endif
        if (stop < n && p[stop] == '"')
            return false;
        if (!on_field(m_text.substr(begin, stop - begin), index++))
            return false;
        i = stop;
        if (i < n && p[i] == ',')
        {
            begin = i + 1;
            continue;
        }
        break;
    }
    m_record_line = m_line;
    if (i < n && p[i] == '\r')
        ++i;
    // A lone CR ends the record but, as in next(), does not count as a new line.
    if (i < n && p[i] == '\n')
    {
        ++i;
        ++m_line;
        m_line_start = i;
    }
    m_pos = i;
    return true;
}

/// An upper bound of the records in `text`: its line breaks (LF, CRLF, or a lone CR) plus one.
/// Quoted line breaks and blank lines make it larger than the count, never smaller. One
/// branch-free pass over the bytes; readers use it to size their storage once.
[[nodiscard]] std::size_t max_records(std::string_view text) noexcept;

/// Parses CSV text (CsvScanner's syntax) into owning rows. Errors: check_bytes(), next().
[[nodiscard]] Result<std::vector<CsvRow>> parse_csv(std::string_view text, const std::string& path);

/// Largest CSV file read: 64 MiB, thousands of times a real rating table.
inline constexpr std::uint64_t kMaxCsvBytes = 64ull * 1024 * 1024;

/// Reads a CSV file whole (at most kMaxCsvBytes, counted while reading; see read_file_limited).
/// Errors: ErrorCode::Io when the file cannot be read or is a directory, a device or a socket;
/// NotFound; TooLarge.
[[nodiscard]] Result<std::string> read_csv_text(const std::string& path);

/// read_csv_text() without the copy (map_file_limited): for the large tables of agree --table.
[[nodiscard]] Result<FileBytes> read_csv_bytes(const std::string& path);

/// Reads and parses a file. Errors: read_csv_text(), parse_csv().
[[nodiscard]] Result<std::vector<CsvRow>> read_csv(const std::string& path);

} // namespace attune::cli
