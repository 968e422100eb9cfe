// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading a whole input file with its size limit enforced while reading, for every reader
// (transcripts, schemes, CSV tables): a device such as /dev/zero or a growing file can never
// make a reader allocate without bound.

#include "core/base/result.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace attune
{

/// Reads `path` whole. Regular files and pipes (FIFOs, `/dev/stdin` as a pipe, process
/// substitution) are read; a directory, a character or block device (/dev/zero) or a socket is
/// refused before reading (Io, "not a regular file"). At most `max_bytes` are accepted: a
/// regular file larger than that is refused from its size, before reading, and a pipe as soon
/// as it delivers one byte more (TooLarge, naming `what` and the limit, e.g. "the CSV file is
/// larger than the limit of 67108864 bytes"). Errors carry `path` as their location:
/// NotFound, Io (cannot open or read), TooLarge.
[[nodiscard]] Result<std::string> read_file_limited(const std::filesystem::path& path,
                                                    std::uint64_t max_bytes,
                                                    const std::string& what);

} // namespace attune
