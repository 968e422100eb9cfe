// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/csv_reader.h"
#include "core/base/file_read.h"
#include "core/text/decode.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace attune::cli
{

namespace
{

// UTF-8 continuation bytes do not start a code point, so they do not advance the column.
bool starts_code_point(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

// 1-based line and column (code points) of byte `offset`; only for the rare byte errors.
std::pair<int, int> position_of(std::string_view text, std::size_t offset)
{
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset; ++i)
    {
        if (text[i] == '\n')
        {
            ++line;
            column = 1;
        }
        else if (starts_code_point(text[i]))
            ++column;
    }
    return {line, column};
}

// A control character other than tab, CR and LF (a NUL from a binary file, say).
bool is_stray_control(char c)
{
    const auto b = static_cast<unsigned char>(c);
    return (b < 0x20 && c != '\t' && c != '\r' && c != '\n') || b == 0x7F;
}

// Bytes that need a second look: not ASCII, or a stray control character.
constexpr std::array<unsigned char, 256> kUnusual = []
{
    std::array<unsigned char, 256> t{};
    for (int b = 0; b < 256; ++b)
        t[static_cast<std::size_t>(b)] =
            (b >= 0x80 || b == 0x7F || (b < 0x20 && b != '\t' && b != '\r' && b != '\n')) ? 1 : 0;
    return t;
}();

// The first unusual byte, or the size. With SSE2 (every x86-64), 64 bytes are tested at a
// time, a few instructions per 16 bytes; otherwise blocks of 64 are OR-reduced without a branch
// per byte. Either way a plain ASCII table costs a fraction of a millisecond.
std::size_t first_unusual(std::string_view text)
{
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
#if defined(__SSE2__)
    // Compared as signed bytes, everything from 0x80 up is below 0x20 too.
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i del = _mm_set1_epi8(0x7F);
    for (; i + 64 <= n; i += 64)
    {
        __m128i acc = _mm_setzero_si128();
        for (std::size_t k = 0; k < 64; k += 16)
        {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + k));
            const __m128i allowed = _mm_or_si128(
                _mm_cmpeq_epi8(v, tab), _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
            acc = _mm_or_si128(acc, _mm_andnot_si128(allowed, _mm_cmplt_epi8(v, space)));
            acc = _mm_or_si128(acc, _mm_cmpeq_epi8(v, del));
        }
        if (_mm_movemask_epi8(acc) != 0)
            break;
    }
#else
    for (; i + 64 <= n; i += 64)
    {
        unsigned acc = 0;
        for (std::size_t k = 0; k < 64; ++k)
            acc |= kUnusual[p[i + k]];
        if (acc != 0)
            break;
    }
#endif
    for (; i < n; ++i)
        if (kUnusual[p[i]] != 0)
            return i;
    return n;
}

} // namespace

CsvScanner::CsvScanner(std::string_view text, std::string path) : m_path(std::move(path))
{
    // Spreadsheets on Windows write a BOM; it is not part of the first header name.
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    m_text = text;
}

Result<void> CsvScanner::check_bytes() const
{
    const std::size_t k = first_unusual(m_text);
    if (k == m_text.size())
        return {};
    // Everything before k is plain ASCII, so both checks can start there. Labels are compared
    // byte for byte, so a file in another encoding (or a binary one) must be refused where its
    // first bad byte is, not read as odd category names; that outranks a stray control byte.
    if (const auto bad = text::first_invalid_utf8(m_text.substr(k)))
    {
        const auto [l, c] = position_of(m_text, k + *bad);
        return make_error(ErrorCode::DataInvalid,
                          "the file is not valid UTF-8 (save it as UTF-8 CSV)",
                          SourceLocation{m_path, l, c});
    }
    for (std::size_t i = k; i < m_text.size(); ++i)
        if (is_stray_control(m_text[i]))
        {
            const auto [l, c] = position_of(m_text, i);
            return make_error(ErrorCode::DataInvalid,
                              "a control character (byte " +
                                  std::to_string(static_cast<unsigned char>(m_text[i])) +
                                  ") where text was expected",
                              SourceLocation{m_path, l, c});
        }
    return {};
}

std::pair<int, int> CsvScanner::line_column(const CsvFieldView& f) const
{
    // Callers ask field after field; counting on from the last answer on the same line keeps a
    // one-line file with a million fields linear.
    std::size_t from = f.line_start;
    int column = 1;
    if (m_column_cache.line_start == f.line_start && m_column_cache.offset <= f.offset)
    {
        from = m_column_cache.offset;
        column = m_column_cache.column;
    }
    for (std::size_t i = from; i < f.offset; ++i)
        if (starts_code_point(m_text[i]))
            ++column;
    m_column_cache = {f.line_start, f.offset, column};
    return {f.line, column};
}

SourceLocation CsvScanner::where(const CsvFieldView& f) const
{
    const auto [line, column] = line_column(f);
    return SourceLocation{m_path, line, column};
}

Error CsvScanner::error_at(std::size_t offset, int line, std::size_t line_start,
                           const std::string& message) const
{
    CsvFieldView f;
    f.offset = offset;
    f.line = line;
    f.line_start = line_start;
    return make_error(ErrorCode::DataInvalid, message, where(f));
}

Result<bool> CsvScanner::next()
{
    const std::size_t n = m_text.size();
    const char* p = m_text.data();
    while (m_pos < n)
    {
        m_fields.clear();
        m_unescaped.clear();
        m_scratch.clear();
        m_record_line = m_line;
        bool blank = true;
        while (true)
        {
            CsvFieldView f;
            f.offset = m_pos;
            f.line = m_line;
            f.line_start = m_line_start;
            if (m_pos < n && p[m_pos] == '"')
            {
                f.quoted = true;
                blank = false;
                std::size_t i = m_pos + 1;
                const std::size_t content = i;
                std::size_t copied = i; // bytes before this are in m_scratch, when copying
                const std::size_t scratch_begin = m_scratch.size();
                bool copying = false;
                bool closed = false;
                while (i < n)
                {
                    const char c = p[i];
                    if (c == '"')
                    {
                        if (i + 1 < n && p[i + 1] == '"')
                        {
                            copying = true;
                            m_scratch.append(p + copied, i + 1 - copied);
                            i += 2;
                            copied = i;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    if (c == '\n')
                    {
                        ++m_line;
                        m_line_start = i + 1;
                    }
                    else if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
                    {
                        // CRLF inside a quoted field is one line break, kept as LF like the rest
                        // of the text.
                        copying = true;
                        m_scratch.append(p + copied, i - copied);
                        copied = i + 1;
                    }
                    ++i;
                }
                // Reported at the opening quote: that is where the user must look, not at the
                // end of file.
                if (!closed)
                    return error_at(f.offset, f.line, f.line_start,
                                    "unterminated quoted field (the closing '\"' is missing)");
                if (copying)
                {
                    m_scratch.append(p + copied, i - copied);
                    m_unescaped.push_back(
                        {m_fields.size(), scratch_begin, m_scratch.size() - scratch_begin});
                }
                else
                    f.text = m_text.substr(content, i - content);
                m_pos = i + 1;
                if (m_pos < n && p[m_pos] != ',' && p[m_pos] != '\n' && p[m_pos] != '\r')
                    return error_at(m_pos, m_line, m_line_start,
                                    "unexpected text after a closing quote");
            }
            else
            {
                std::size_t i = m_pos;
                while (i < n && !detail::kCsvStop[static_cast<unsigned char>(p[i])])
                    ++i;
                if (i < n && p[i] == '"')
                    return error_at(i, m_line, m_line_start,
                                    "a '\"' inside an unquoted field (quote the whole field)");
                f.text = m_text.substr(m_pos, i - m_pos);
                if (i > m_pos)
                    blank = false;
                m_pos = i;
            }
            m_fields.push_back(f);
            if (m_pos < n && p[m_pos] == ',')
            {
                blank = false;
                ++m_pos;
                continue;
            }
            break;
        }
        if (m_pos < n && p[m_pos] == '\r')
            ++m_pos;
        if (m_pos < n && p[m_pos] == '\n')
        {
            ++m_pos;
            ++m_line;
            m_line_start = m_pos;
        }
        // Blank lines (often a trailing one) are not records; a line with only commas is one.
        if (blank)
            continue;
        // Views into m_scratch are made once it has stopped growing.
        for (const Unescaped& u : m_unescaped)
            m_fields[u.field].text = std::string_view(m_scratch).substr(u.begin, u.size);
        return true;
    }
    return false;
}

namespace
{

// Bit 7 of each byte of the result is set where `v`'s byte is zero, and no other bit is: the
// exact form of the zero-byte test (no false positives from borrows).
constexpr std::uint64_t zero_bytes(std::uint64_t v) noexcept
{
    constexpr std::uint64_t k7F = 0x7F7F7F7F7F7F7F7Full;
    return ~(((v & k7F) + k7F) | v | k7F);
}

// The number of set bits 7 in a zero_bytes() mask, without a popcount instruction (not in
// baseline x86-64): the bytes, moved to 0 or 1, summed by one multiplication.
constexpr std::uint64_t count_marks(std::uint64_t mask) noexcept
{
    return ((mask >> 7) * 0x0101010101010101ull) >> 56;
}

} // namespace

std::size_t max_records(std::string_view text) noexcept
{
    const char* p = text.data();
    const std::size_t n = text.size();
    // An LF, or a CR not followed by an LF, ends a line. Eight bytes at a time: the LFs, and
    // the CRs whose next byte (the same word loaded one byte on) is not an LF.
    constexpr std::uint64_t kLf = 0x0A0A0A0A0A0A0A0Aull;
    constexpr std::uint64_t kCr = 0x0D0D0D0D0D0D0D0Dull;
    std::size_t breaks = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time: each break subtracts -1 from its byte's counter, and the
    // counters are summed into two 64-bit halves before any can pass 255.
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    while (i + 17 <= n)
    {
        __m128i counters = _mm_setzero_si128();
        for (int round = 0; round < 255 && i + 17 <= n; ++round, i += 16)
        {
            const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
            const __m128i lone_cr =
                _mm_andnot_si128(_mm_cmpeq_epi8(next, lf), _mm_cmpeq_epi8(here, cr));
            counters = _mm_sub_epi8(counters, _mm_or_si128(_mm_cmpeq_epi8(here, lf), lone_cr));
        }
        const __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
        breaks += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
                  static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    }
#endif
    for (; i + 9 <= n; i += 8)
    {
        std::uint64_t here = 0;
        std::uint64_t next = 0;
        std::memcpy(&here, p + i, 8);
        std::memcpy(&next, p + i + 1, 8);
        breaks += count_marks(zero_bytes(here ^ kLf)) +
                  count_marks(zero_bytes(here ^ kCr) & ~zero_bytes(next ^ kLf));
    }
    for (; i < n; ++i)
        if (p[i] == '\n' || (p[i] == '\r' && (i + 1 == n || p[i + 1] != '\n')))
            ++breaks;
    return breaks + 1;
}

Result<std::vector<CsvRow>> parse_csv(std::string_view text, const std::string& path)
{
    CsvScanner scanner(text, path);
    if (auto ok = scanner.check_bytes(); !ok)
        return ok.error();
    std::vector<CsvRow> rows;
    while (true)
    {
        auto more = scanner.next();
        if (!more)
            return more.error();
        if (!*more)
            break;
        CsvRow row;
        row.line = scanner.record_line();
        row.fields.reserve(scanner.fields().size());
        for (const CsvFieldView& f : scanner.fields())
        {
            const auto [line, column] = scanner.line_column(f);
            row.fields.push_back(CsvField{std::string(f.text), line, column, f.quoted});
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<std::string> read_csv_text(const std::string& path)
{
    return read_file_limited(path, kMaxCsvBytes, "the CSV file");
}

Result<FileBytes> read_csv_bytes(const std::string& path)
{
    return map_file_limited(path, kMaxCsvBytes, "the CSV file");
}

Result<std::vector<CsvRow>> read_csv(const std::string& path)
{
    auto text = read_csv_text(path);
    if (!text)
        return text.error();
    return parse_csv(*text, path);
}

} // namespace attune::cli
