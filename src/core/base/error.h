// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace attune
{

/// What kind of expected failure an Error reports. The category decides the wording a user sees.
enum class ErrorCode
{
    InvalidArgument, ///< a value the caller passed is out of range or malformed
    NotFound,        ///< a file, transcript, coder, code … that does not exist
    Io,              ///< the file system refused (permissions, disk full, missing file)
    Encoding,        ///< bytes that are not valid in the declared or detected encoding
    TooLarge,        ///< an input over a documented size limit
    Unsupported,     ///< a file type or format version this build cannot read
    XmlMalformed,    ///< XML that is not well-formed
    SchemeInvalid,   ///< a well-formed scheme that breaks a rule of the format
    DataInvalid,     ///< a table, span list or other data file with bad content
    StoreBusy,       ///< another process holds the project's lock
    StoreCorrupt,    ///< a project file that fails its integrity check
    VersionTooNew,   ///< a file written by a newer Attune
    Conflict,        ///< the action contradicts the current state (e.g. duplicate coder)
    Cancelled,       ///< the user cancelled; not shown as an error
    Internal,        ///< a broken invariant (a bug)
};

/// The short lower-case name of a code, e.g. "scheme-invalid".
const char* to_string(ErrorCode code) noexcept;

/// A place in a file: 1-based line and column, columns counted in code points.
struct SourceLocation
{
    std::string path;
    int line = 0;
    int column = 0;
};

/// An expected failure, carried as a value (see Result<T>).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    std::optional<SourceLocation> where;

    /// "path:line:col: message", "path: message" or just "message", whichever applies.
    std::string to_string() const;
};

/// Thrown only for broken invariants in release builds (see ATTUNE_ASSERT).
class InternalError : public std::logic_error
{
public:
    using std::logic_error::logic_error;
};

[[noreturn]] void assertion_failed(const char* expr, const char* file, int line);

} // namespace attune

/// Checks an invariant: a failure is a bug, never an expected condition.
#define ATTUNE_ASSERT(expr)                                                                        \
    ((expr) ? static_cast<void>(0) : ::attune::assertion_failed(#expr, __FILE__, __LINE__))
