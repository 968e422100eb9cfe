// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one place where the transcript view's positions (UTF-8 byte offsets: the view runs with
// SetCodePage(wxSTC_CP_UTF8)) meet core's code-point offsets.

#include <cstdint>
#include <memory>
#include <string>

namespace attune::app
{

/// Converts between code points (core, disk) and UTF-8 byte offsets (wxStyledTextCtrl) for one
/// immutable text. Out-of-range inputs are clamped to the text.
class TextPositionMap
{
public:
    TextPositionMap();
    explicit TextPositionMap(const std::string& utf8);
    ~TextPositionMap();
    TextPositionMap(TextPositionMap&&) noexcept;
    TextPositionMap& operator=(TextPositionMap&&) noexcept;

    std::int64_t cp_to_byte(std::int64_t cp) const;
    /// A byte inside a multi-byte sequence maps to the code point it belongs to.
    std::int64_t byte_to_cp(std::int64_t byte) const;
    std::int64_t cp_length() const;
    std::int64_t byte_length() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace attune::app
