// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/text_position_map.h"

#include "core/text/text_index.h"

namespace attune::app
{

// core's TextIndex keeps a checkpoint every 64 code points instead of a table entry per
// character, so a 300,000-character transcript costs kilobytes here, not megabytes.
struct TextPositionMap::Impl
{
    text::TextIndex index;
};

TextPositionMap::TextPositionMap() : m_impl(std::make_unique<Impl>())
{
}

TextPositionMap::TextPositionMap(const std::string& utf8)
    : m_impl(std::make_unique<Impl>(Impl{text::TextIndex(utf8)}))
{
}

TextPositionMap::~TextPositionMap() = default;
TextPositionMap::TextPositionMap(TextPositionMap&&) noexcept = default;
TextPositionMap& TextPositionMap::operator=(TextPositionMap&&) noexcept = default;

std::int64_t TextPositionMap::cp_to_byte(std::int64_t cp) const
{
    return m_impl->index.cp_to_utf8(cp);
}

std::int64_t TextPositionMap::byte_to_cp(std::int64_t byte) const
{
    return m_impl->index.utf8_to_cp(byte);
}

std::int64_t TextPositionMap::cp_length() const
{
    return m_impl->index.size();
}

std::int64_t TextPositionMap::byte_length() const
{
    return m_impl->index.utf8_size();
}

} // namespace attune::app
