// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>

namespace attune::store
{

/// A row id of one table, as a type of its own: a coder's id cannot be passed where a
/// transcript's is expected, nor a count or an offset where either is. Construction from an
/// integer is explicit (the store does it when it reads a row, the CLI when it parses an
/// argument); `value()` gives the integer back for SQL, JSON and printing. The default, 0, is
/// no row (SQLite's row ids start at 1).
template <class Tag> class RowId
{
public:
    constexpr RowId() noexcept = default;
    constexpr explicit RowId(std::int64_t value) noexcept : value_(value) {}

    constexpr std::int64_t value() const noexcept { return value_; }
    /// Whether it names a row at all (is not the default, 0).
    constexpr explicit operator bool() const noexcept { return value_ != 0; }

    friend constexpr bool operator==(RowId, RowId) noexcept = default;
    friend constexpr auto operator<=>(RowId, RowId) noexcept = default;

    /// Prints the bare number, as the CLI's listings and messages always have.
    friend std::ostream& operator<<(std::ostream& out, RowId id) { return out << id.value_; }

    /// JSON (nlohmann's to_json/from_json, found by argument-dependent lookup): the bare number,
    /// so documents written before the type existed read the same.
    template <class Json> friend void to_json(Json& json, RowId id) { json = id.value_; }
    template <class Json> friend void from_json(const Json& json, RowId& id)
    {
        id.value_ = json.template get<std::int64_t>();
    }

private:
    std::int64_t value_ = 0;
};

struct TranscriptTag;
struct CoderTag;

/// A transcript version's row id (each version has its own).
using TranscriptId = RowId<TranscriptTag>;
/// A coder's row id.
using CoderId = RowId<CoderTag>;

} // namespace attune::store

template <class Tag> struct std::hash<attune::store::RowId<Tag>>
{
    std::size_t operator()(attune::store::RowId<Tag> id) const noexcept
    {
        return std::hash<std::int64_t>{}(id.value());
    }
};
