// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/text_position_map.h"

#include <algorithm>
#include <vector>

namespace attune::app
{

// Interim: a byte offset per code point, until core's TextIndex is available.
struct TextPositionMap::Impl
{
    std::vector<std::int64_t> cp_bytes; ///< byte offset of each code point, plus the end
};

TextPositionMap::TextPositionMap() : m_impl(std::make_unique<Impl>())
{
    m_impl->cp_bytes.push_back(0);
}

TextPositionMap::TextPositionMap(const std::string& utf8) : m_impl(std::make_unique<Impl>())
{
    auto& v = m_impl->cp_bytes;
    v.reserve(utf8.size() + 1);
    for (std::size_t i = 0; i < utf8.size(); ++i)
        if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80)
            v.push_back(static_cast<std::int64_t>(i));
    v.push_back(static_cast<std::int64_t>(utf8.size()));
}

TextPositionMap::~TextPositionMap() = default;
TextPositionMap::TextPositionMap(TextPositionMap&&) noexcept = default;
TextPositionMap& TextPositionMap::operator=(TextPositionMap&&) noexcept = default;

std::int64_t TextPositionMap::cp_to_byte(std::int64_t cp) const
{
    const auto& v = m_impl->cp_bytes;
    const auto i = std::clamp<std::int64_t>(cp, 0, static_cast<std::int64_t>(v.size()) - 1);
    return v[static_cast<std::size_t>(i)];
}

std::int64_t TextPositionMap::byte_to_cp(std::int64_t byte) const
{
    const auto& v = m_impl->cp_bytes;
    auto it = std::upper_bound(v.begin(), v.end(), byte);
    return std::max<std::int64_t>(0, static_cast<std::int64_t>(it - v.begin()) - 1);
}

std::int64_t TextPositionMap::cp_length() const
{
    return static_cast<std::int64_t>(m_impl->cp_bytes.size()) - 1;
}

std::int64_t TextPositionMap::byte_length() const
{
    return m_impl->cp_bytes.back();
}

} // namespace attune::app
