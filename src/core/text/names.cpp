// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/names.h"

#include "core/text/decode.h"
#include "core/text/icu_support.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdio>

namespace attune::text
{

namespace
{

std::string code_point_name(UChar32 c)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

bool is_bidi_control(UChar32 c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
}

bool refused(UChar32 c)
{
    const auto type = static_cast<UCharCategory>(u_charType(c));
    return type == U_CONTROL_CHAR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR ||
           is_bidi_control(c);
}

} // namespace

std::string name_from(std::string_view raw)
{
    // fromUTF8 turns ill-formed sequences into U+FFFD already.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(
        icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
    if (U_SUCCESS(status))
    {
        icu::UnicodeString n = nfc->normalize(s, status);
        if (U_SUCCESS(status))
            s = n;
    }
    icu::UnicodeString out;
    std::size_t count = 0;
    for (int32_t i = 0; i < s.length() && count < kMaxNameLength; i = s.moveIndex32(i, 1), ++count)
    {
        const UChar32 c = s.char32At(i);
        out.append(refused(c) ? static_cast<UChar32>(0xFFFD) : c);
    }
    std::string utf8;
    out.toUTF8String(utf8);
    auto checked = normalize_name(utf8, "a name");
    return checked ? *checked : std::string("untitled");
}

Result<std::string> normalize_name(std::string_view raw, std::string_view what)
{
    const std::string subject(what);
    if (!is_valid_utf8(raw))
        return make_error(ErrorCode::Encoding, subject + " is not valid UTF-8");
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status))
        return make_error(ErrorCode::Internal, "ICU has no NFC normaliser");
    const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
        icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
    icu::UnicodeString s = nfc->normalize(in, status);
    if (U_FAILURE(status))
        return make_error(ErrorCode::Internal, "NFC normalisation failed");
    // Only spaces (Zs) are trimmed: a TAB or LF at either end is refused like one inside.
    const auto space = [](UChar32 c) { return u_charType(c) == U_SPACE_SEPARATOR; };
    int32_t b = 0;
    int32_t e = s.length();
    while (b < e && space(s.char32At(b)))
        b = s.moveIndex32(b, 1);
    while (e > b && space(s.char32At(s.moveIndex32(e, -1))))
        e = s.moveIndex32(e, -1);
    s = icu::UnicodeString(s, b, e - b);
    if (s.isEmpty())
        return make_error(ErrorCode::InvalidArgument, subject + " must not be empty");

    bool visible = false;
    int32_t count = 0;
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1))
    {
        const UChar32 c = s.char32At(i);
        ++count;
        const auto type = static_cast<UCharCategory>(u_charType(c));
        if (type == U_CONTROL_CHAR)
            return make_error(ErrorCode::InvalidArgument,
                              subject + " must not contain control characters (" +
                                  code_point_name(c) + " at character " + std::to_string(count) +
                                  ")");
        if (type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR)
            return make_error(ErrorCode::InvalidArgument,
                              subject + " must be one line (" + code_point_name(c) +
                                  " at character " + std::to_string(count) + ")");
        if (is_bidi_control(c))
            return make_error(ErrorCode::InvalidArgument,
                              subject + " must not contain bidirectional controls (" +
                                  code_point_name(c) + " at character " + std::to_string(count) +
                                  ")");
        if (type != U_SPACE_SEPARATOR && type != U_FORMAT_CHAR &&
            !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
            visible = true;
    }
    if (!visible)
        return make_error(ErrorCode::InvalidArgument, subject + " has no visible character (only " +
                                                          code_point_name(s.char32At(0)) +
                                                          " and the like)");
    if (static_cast<std::size_t>(count) > kMaxNameLength)
        return make_error(ErrorCode::InvalidArgument, subject + " is " + std::to_string(count) +
                                                          " characters long; the limit is " +
                                                          std::to_string(kMaxNameLength));
    std::string out;
    s.toUTF8String(out);
    return out;
}

} // namespace attune::text
