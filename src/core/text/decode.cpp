// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/decode.h"

#include "core/text/utf8.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <vector>

namespace attune::text
{

namespace
{

using detail::is_continuation;

constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);
// The charset detector's n-gram statistics settle long before this; decoding still checks all.
constexpr std::size_t kDetectSample = 256 * 1024;

std::string hex_byte(unsigned char b)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(b));
    return buf;
}

std::string code_point_name(char32_t cp)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

/// Line and column (1-based, code points) reached after `text`, which is valid UTF-8; CR, LF
/// and CRLF each end a line, as they will after normalisation.
std::pair<int, int> position_after(std::string_view text)
{
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        const char c = text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')))
        {
            ++line;
            column = 1;
        }
        else if (c != '\r' && !is_continuation(static_cast<unsigned char>(c)))
        {
            ++column;
        }
    }
    return {line, column};
}

Error encoding_error(const std::string& source, std::string_view decoded_before,
                     std::string message)
{
    const auto [line, column] = position_after(decoded_before);
    return make_error(ErrorCode::Encoding, std::move(message),
                      SourceLocation{source, line, column});
}

struct ConverterCloser
{
    void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_converter(const std::string& name)
{
    UErrorCode status = U_ZERO_ERROR;
    Converter c(ucnv_open(name.c_str(), &status));
    if (U_FAILURE(status))
        return nullptr;
    return c;
}

/// The name a user recognises: MIME, else IANA, else ICU's internal name.
std::string display_name(UConverter* conv)
{
    UErrorCode status = U_ZERO_ERROR;
    const char* internal = ucnv_getName(conv, &status);
    if (U_FAILURE(status) || internal == nullptr)
        return "unknown";
    for (const char* standard : {"MIME", "IANA"})
    {
        status = U_ZERO_ERROR;
        const char* name = ucnv_getStandardName(internal, standard, &status);
        if (U_SUCCESS(status) && name != nullptr)
            return name;
    }
    return internal;
}

bool starts_with(std::string_view bytes, std::initializer_list<unsigned char> prefix)
{
    if (bytes.size() < prefix.size())
        return false;
    std::size_t i = 0;
    for (const unsigned char b : prefix)
        if (static_cast<unsigned char>(bytes[i++]) != b)
            return false;
    return true;
}

/// Encoding named by a byte order mark, and the mark's length.
std::pair<std::string, std::size_t> sniff_bom(std::string_view bytes)
{
    if (starts_with(bytes, {0xEF, 0xBB, 0xBF}))
        return {"UTF-8", 3};
    // UTF-32LE's mark begins with UTF-16LE's, so it is tested first.
    if (starts_with(bytes, {0xFF, 0xFE, 0x00, 0x00}))
        return {"UTF-32LE", 4};
    if (starts_with(bytes, {0x00, 0x00, 0xFE, 0xFF}))
        return {"UTF-32BE", 4};
    if (starts_with(bytes, {0xFF, 0xFE}))
        return {"UTF-16LE", 2};
    if (starts_with(bytes, {0xFE, 0xFF}))
        return {"UTF-16BE", 2};
    return {"", 0};
}

std::size_t bom_length_for(const std::string& encoding, std::string_view bytes)
{
    const auto [bom, length] = sniff_bom(bytes);
    if (bom.empty())
        return 0;
    if (encoding == bom)
        return length;
    // A UTF-16LE mark is also how UTF-32LE's begins; only an exact family match is skipped.
    return 0;
}

/// UTF-16/32 without a byte order mark. 8-bit text never contains NUL (we reject it as a control
/// character anyway), while UTF-16 text of any script with a line break, space or digit has a NUL
/// in the high byte of each of those: where the NULs sit gives the byte order.
std::string sniff_wide(std::string_view bytes)
{
    const std::size_t n = std::min(bytes.size(), kDetectSample);
    if (std::find(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n), '\0') ==
        bytes.begin() + static_cast<std::ptrdiff_t>(n))
        return "";
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    if (bytes.size() % 4 == 0)
    {
        bool le = true;
        bool be = true;
        for (std::size_t i = 0; i + 3 < n && (le || be); i += 4)
        {
            le = le && b(i + 3) == 0 && b(i + 2) <= 0x10 && (b(i) | b(i + 1)) != 0;
            be = be && b(i) == 0 && b(i + 1) <= 0x10 && (b(i + 2) | b(i + 3)) != 0;
        }
        if (le != be)
            return le ? "UTF-32LE" : "UTF-32BE";
    }
    std::size_t even = 0;
    std::size_t odd = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (b(i) == 0)
            ++((i % 2 == 0) ? even : odd);
    // A stray NUL in 8-bit text is not UTF-16: that needs NULs in at least 1 of 200 bytes (CJK
    // text with only line breaks in ASCII has about 1 in 80) and 90 % of them on one side.
    const std::size_t nuls = even + odd;
    if (nuls < 2 || nuls * 200 < n || std::max(even, odd) * 10 < nuls * 9)
        return "";
    return odd >= even ? "UTF-16LE" : "UTF-16BE";
}

/// From byte `i`, passes over ASCII and well-formed sequences (adding the multi-byte ones to
/// `good`): returns where the next ill-formed subpart starts, with its length in `bad_length`,
/// or bytes.size() when there is none.
std::size_t next_ill_formed(std::string_view bytes, std::size_t i, std::size_t& good,
                            std::size_t& bad_length)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    while (i < bytes.size())
    {
        if (p[i] < 0x80)
        {
            ++i;
            continue;
        }
        const std::size_t length = detail::utf8_sequence(p + i, bytes.size() - i, bad_length);
        if (length == 0)
            return i;
        ++good;
        i += length;
    }
    return i;
}

/// Counts well-formed multi-byte sequences and ill-formed subparts.
std::pair<std::size_t, std::size_t> utf8_census(std::string_view bytes)
{
    std::size_t good = 0;
    std::size_t bad = 0;
    std::size_t bad_length = 0;
    for (std::size_t i = next_ill_formed(bytes, 0, good, bad_length); i < bytes.size();
         i = next_ill_formed(bytes, i + bad_length, good, bad_length))
        ++bad;
    return {good, bad};
}

struct Decoded
{
    std::string utf8;
    std::size_t replaced = 0;
};

/// UTF-8 → UTF-8, checking well-formedness. `base` is the offset of `bytes` in the file (a BOM).
Result<Decoded> decode_utf8(std::string_view bytes, std::size_t base, bool replace,
                            const std::string& source)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    Decoded out;
    out.utf8.reserve(bytes.size());
    std::size_t run = 0; // start of the pending run of valid bytes, copied in one go
    std::size_t good = 0;
    std::size_t bad = 0;
    for (std::size_t i = next_ill_formed(bytes, 0, good, bad); i < bytes.size();
         i = next_ill_formed(bytes, i, good, bad))
    {
        out.utf8.append(bytes.substr(run, i - run));
        if (!replace)
            return encoding_error(source, out.utf8,
                                  "invalid UTF-8: byte " + hex_byte(p[i]) + " at byte offset " +
                                      std::to_string(base + i));
        detail::utf8_append(out.utf8, U'\uFFFD');
        ++out.replaced;
        i += bad;
        run = i;
    }
    out.utf8.append(bytes.substr(run));
    return out;
}

/// Any ICU converter → UTF-8. Invalid sequences stop the converter (so their byte offset is
/// known exactly); with `replace` one U+FFFD stands for each and conversion resumes after it.
Result<Decoded> decode_icu(std::string_view bytes, std::size_t base, const std::string& encoding,
                           bool replace, const std::string& source)
{
    Converter conv = open_converter(encoding);
    if (!conv)
        return make_error(ErrorCode::InvalidArgument, "unknown encoding '" + encoding + "'",
                          SourceLocation{source, 0, 0});
    UErrorCode status = U_ZERO_ERROR;
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    ATTUNE_ASSERT(U_SUCCESS(status));

    std::u16string units;
    units.reserve(bytes.size());
    std::size_t replaced = 0;
    const char* const begin = bytes.data();
    const char* const end = begin + bytes.size();
    const char* source_ptr = begin;
    const char* last_stop = nullptr;
    std::array<UChar, 16384> buffer{};
    for (;;)
    {
        UChar* target = buffer.data();
        status = U_ZERO_ERROR;
        ucnv_toUnicode(conv.get(), &target, buffer.data() + buffer.size(), &source_ptr, end,
                       nullptr, true, &status);
        units.append(buffer.data(), static_cast<std::size_t>(target - buffer.data()));
        if (status == U_BUFFER_OVERFLOW_ERROR)
            continue;
        if (U_SUCCESS(status))
            break;
        char invalid[32];
        std::int8_t invalid_length = sizeof invalid;
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars(conv.get(), invalid, &invalid_length, &ignored);
        if (U_FAILURE(ignored))
            invalid_length = 0;
        const auto offset =
            static_cast<std::size_t>(source_ptr - begin) - static_cast<std::size_t>(invalid_length);
        if (!replace)
        {
            std::string decoded;
            icu::UnicodeString(false, units.data(), static_cast<std::int32_t>(units.size()))
                .toUTF8String(decoded);
            const auto first =
                static_cast<unsigned char>(offset < bytes.size() ? bytes[offset] : 0);
            return encoding_error(source, decoded,
                                  "invalid " + encoding + ": byte " + hex_byte(first) +
                                      " at byte offset " + std::to_string(base + offset));
        }
        // A converter that stopped without consuming anything would loop forever.
        if (invalid_length == 0 && source_ptr == last_stop)
            return make_error(ErrorCode::Encoding,
                              "the " + encoding + " converter cannot continue at byte offset " +
                                  std::to_string(base + offset),
                              SourceLocation{source, 0, 0});
        last_stop = source_ptr;
        units.push_back(u'\uFFFD');
        ++replaced;
    }
    Decoded out;
    out.replaced = replaced;
    icu::UnicodeString(false, units.data(), static_cast<std::int32_t>(units.size()))
        .toUTF8String(out.utf8);
    return out;
}

Result<Decoded> decode_as(std::string_view bytes, std::size_t base, const std::string& encoding,
                          bool replace, const std::string& source)
{
    if (encoding == "UTF-8")
        return decode_utf8(bytes, base, replace, source);
    return decode_icu(bytes, base, encoding, replace, source);
}

bool forbidden_control(char32_t c) noexcept
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}

/// Rejects (or replaces) control characters, turns CRLF and CR into LF, normalises to NFC.
/// `utf8_base` is the file offset of `decoded` when the file was UTF-8 (so offsets are exact).
Result<std::string> finish(std::string decoded, bool replace, std::size_t& replaced,
                           std::size_t utf8_base, const std::string& source)
{
    std::string out;
    out.reserve(decoded.size());
    const auto* p = reinterpret_cast<const unsigned char*>(decoded.data());
    const std::size_t n = decoded.size();
    for (std::size_t i = 0; i < n;)
    {
        const unsigned char b = p[i];
        if (b >= 0x20 && b < 0x7F)
        {
            out.push_back(static_cast<char>(b));
            ++i;
            continue;
        }
        const std::size_t length = detail::utf8_length(b);
        const char32_t c = detail::utf8_decode(p + i);
        if (c == '\r')
        {
            out.push_back('\n');
            i += (i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (forbidden_control(c))
        {
            if (!replace)
            {
                std::string message = "control character " + code_point_name(c);
                if (utf8_base != kNoOffset)
                    message += " at byte offset " + std::to_string(utf8_base + i);
                return encoding_error(source, std::string_view(decoded).substr(0, i),
                                      message + " (not text; is this a binary file?)");
            }
            detail::utf8_append(out, U'\uFFFD');
            ++replaced;
            i += length;
            continue;
        }
        out.append(decoded, i, length);
        i += length;
    }
    return normalize_text(out);
}

const char* const kSkippedDetections[] = {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};

/// Candidates from ICU's CharsetDetector, most confident first. Unicode encodings are left out:
/// they were settled by the BOM, NUL and UTF-8 checks, and a UTF-16 reading of 8-bit text
/// "succeeds" as nonsense.
std::vector<std::string> detect_candidates(std::string_view bytes)
{
    std::vector<std::string> out;
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* detector = ucsdet_open(&status);
    if (U_FAILURE(status))
        return out;
    const auto n = static_cast<std::int32_t>(std::min(bytes.size(), kDetectSample));
    ucsdet_setText(detector, bytes.data(), n, &status);
    std::int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector, &count, &status);
    if (U_SUCCESS(status))
    {
        for (std::int32_t i = 0; i < count; ++i)
        {
            UErrorCode s = U_ZERO_ERROR;
            const char* name = ucsdet_getName(matches[i], &s);
            if (U_FAILURE(s) || name == nullptr)
                continue;
            const std::string candidate(name);
            if (std::find(std::begin(kSkippedDetections), std::end(kSkippedDetections),
                          candidate) != std::end(kSkippedDetections))
                continue;
            if (std::find(out.begin(), out.end(), candidate) == out.end())
                out.push_back(candidate);
        }
    }
    ucsdet_close(detector);
    return out;
}

/// ISO-2022-JP/-KR/-CN mail-era encodings are 7-bit, so they pass as ASCII; their ESC sequences
/// (a control character we would reject) give them away, and ICU's detector names the variant.
std::string sniff_iso2022(std::string_view bytes)
{
    if (bytes.find('\x1B') == std::string_view::npos)
        return "";
    for (const auto& candidate : detect_candidates(bytes))
        if (candidate.rfind("ISO-2022-", 0) == 0)
            return candidate;
    return "";
}

bool has_forbidden_control(std::string_view utf8)
{
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    for (std::size_t i = 0; i < utf8.size(); i += detail::utf8_length(p[i]))
        if ((p[i] < 0x20 || p[i] >= 0x7F) && forbidden_control(detail::utf8_decode(p + i)))
            return true;
    return false;
}

} // namespace

Result<DecodedText> decode_text(std::string_view bytes, const DecodeOptions& options,
                                const std::string& source_name)
{
    std::string encoding;
    std::size_t skip = 0;
    bool guessed = false;
    Result<Decoded> decoded = Decoded{};
    if (options.encoding)
    {
        Converter conv = open_converter(*options.encoding);
        if (!conv)
            return make_error(ErrorCode::InvalidArgument,
                              "unknown encoding '" + *options.encoding + "'");
        encoding = display_name(conv.get());
        skip = bom_length_for(encoding, bytes);
        decoded =
            decode_as(bytes.substr(skip), skip, encoding, options.replace_invalid, source_name);
    }
    else if (auto [bom, length] = sniff_bom(bytes); !bom.empty())
    {
        encoding = bom;
        skip = length;
        decoded =
            decode_as(bytes.substr(skip), skip, encoding, options.replace_invalid, source_name);
    }
    else if (auto wide = sniff_wide(bytes); !wide.empty())
    {
        encoding = wide;
        decoded = decode_as(bytes, 0, encoding, options.replace_invalid, source_name);
    }
    else if (auto escaped = sniff_iso2022(bytes); !escaped.empty())
    {
        encoding = escaped;
        decoded = decode_icu(bytes, 0, encoding, options.replace_invalid, source_name);
    }
    else if (const auto [good, bad] = utf8_census(bytes); bad == 0 || good > bad)
    {
        encoding = "UTF-8";
        decoded = decode_utf8(bytes, 0, options.replace_invalid, source_name);
    }
    else
    {
        auto candidates = detect_candidates(bytes);
        if (candidates.empty())
        {
            // Too little text for the detector (a few words): windows-1252, the commonest
            // legacy encoding of Western transcripts, if it reads the bytes as text.
            guessed = true;
            candidates.push_back("windows-1252");
        }
        // The most confident candidate that reads the whole file as text wins; if none does,
        // the most confident one decides what is reported (or replaced).
        bool found = false;
        for (const auto& candidate : candidates)
        {
            auto attempt = decode_icu(bytes, 0, candidate, false, source_name);
            if (attempt && !has_forbidden_control(attempt->utf8))
            {
                encoding = candidate;
                decoded = std::move(attempt);
                found = true;
                break;
            }
        }
        if (!found)
        {
            encoding = candidates.front();
            decoded = decode_icu(bytes, 0, encoding, options.replace_invalid, source_name);
            if (!decoded)
            {
                Error e = decoded.error();
                e.message += guessed ? " (too little text to detect the encoding; name it)"
                                     : " (detected encoding; if it is wrong, name the right one)";
                return e;
            }
        }
    }
    if (!decoded)
        return decoded.error();

    DecodedText out;
    out.encoding = encoding;
    out.guessed = guessed;
    out.replaced = decoded->replaced;
    const std::size_t utf8_base = (encoding == "UTF-8" && out.replaced == 0) ? skip : kNoOffset;
    auto text = finish(std::move(decoded->utf8), options.replace_invalid, out.replaced, utf8_base,
                       source_name);
    if (!text)
        return text.error();
    out.utf8 = std::move(*text);
    return out;
}

std::string normalize_text(std::string_view utf8)
{
    std::string lf;
    const bool has_cr = utf8.find('\r') != std::string_view::npos;
    if (has_cr)
    {
        lf.reserve(utf8.size());
        for (std::size_t i = 0; i < utf8.size(); ++i)
        {
            if (utf8[i] != '\r')
                lf.push_back(utf8[i]);
            else if (i + 1 >= utf8.size() || utf8[i + 1] != '\n')
                lf.push_back('\n');
        }
        utf8 = lf;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    ATTUNE_ASSERT(U_SUCCESS(status));
    const icu::StringPiece piece(utf8.data(), static_cast<std::int32_t>(utf8.size()));
    // Most transcripts are already NFC; the quick check avoids a copy through ICU.
    if (is_valid_utf8(utf8) && nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status))
        return std::string(utf8);
    status = U_ZERO_ERROR;
    std::string out;
    out.reserve(utf8.size());
    icu::StringByteSink<std::string> sink(&out);
    if (is_valid_utf8(utf8))
    {
        nfc->normalizeUTF8(0, piece, sink, nullptr, status);
    }
    else
    {
        // normalizeUTF8 keeps ill-formed bytes as they are; the contract is U+FFFD.
        const auto u = icu::UnicodeString::fromUTF8(piece);
        nfc->normalize(u, status).toUTF8String(out);
    }
    ATTUNE_ASSERT(U_SUCCESS(status));
    return out;
}

} // namespace attune::text
