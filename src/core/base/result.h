// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/error.h"

#include <type_traits>
#include <utility>
#include <variant>

namespace attune
{

/// Either a value or an Error: how core returns expected failures (bad files, invalid schemes,
/// locked projects). Accessing the wrong alternative is a bug and asserts.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() &
    {
        ATTUNE_ASSERT(ok());
        return std::get<0>(m_v);
    }
    const T& value() const&
    {
        ATTUNE_ASSERT(ok());
        return std::get<0>(m_v);
    }
    T&& value() &&
    {
        ATTUNE_ASSERT(ok());
        return std::get<0>(std::move(m_v));
    }
    const Error& error() const
    {
        ATTUNE_ASSERT(!ok());
        return std::get<1>(m_v);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> m_v;
};

/// Result of an operation that yields nothing but may fail.
template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return ok(); }
    const Error& error() const
    {
        ATTUNE_ASSERT(m_failed);
        return m_error;
    }

private:
    Error m_error;
    bool m_failed = false;
};

/// Shorthand for building an Error in a return statement.
inline Error make_error(ErrorCode code, std::string message,
                        std::optional<SourceLocation> where = std::nullopt)
{
    return Error{code, std::move(message), std::move(where)};
}

} // namespace attune
