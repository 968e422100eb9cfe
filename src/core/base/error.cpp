// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/error.h"

#include <cstdio>
#include <cstdlib>

namespace attune
{

const char* to_string(ErrorCode code) noexcept
{
    switch (code)
    {
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::Io: return "io";
    case ErrorCode::Encoding: return "encoding";
    case ErrorCode::TooLarge: return "too-large";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::XmlMalformed: return "xml-malformed";
    case ErrorCode::SchemeInvalid: return "scheme-invalid";
    case ErrorCode::DataInvalid: return "data-invalid";
    case ErrorCode::StoreBusy: return "store-busy";
    case ErrorCode::StoreCorrupt: return "store-corrupt";
    case ErrorCode::VersionTooNew: return "version-too-new";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Internal: return "internal";
    }
    return "unknown";
}

std::string Error::to_string() const
{
    if (!where)
        return message;
    std::string out = where->path;
    if (where->line > 0)
    {
        out += ':' + std::to_string(where->line);
        if (where->column > 0)
            out += ':' + std::to_string(where->column);
    }
    if (!out.empty())
        out += ": ";
    return out + message;
}

void assertion_failed(const char* expr, const char* file, int line)
{
    std::string what =
        std::string("assertion failed: ") + expr + " at " + file + ':' + std::to_string(line);
#ifdef NDEBUG
    throw InternalError(what);
#else
    std::fprintf(stderr, "%s\n", what.c_str());
    std::abort();
#endif
}

} // namespace attune
