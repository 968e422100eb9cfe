// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Module-internal: a read-only zip archive in memory, with the guards hostile files need, and
// writing one (the .qdpx container).

#include "core/base/result.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attune::io::detail
{

/// A zip archive over caller-owned bytes (which must outlive it). Opening checks every entry
/// name: absolute paths, drive letters, backslashes and ".." components are refused even though
/// only named entries are ever read (a file that carries them was made to attack extractors).
class ZipArchive
{
public:
    /// Errors: Unsupported (not a zip archive, or truncated), DataInvalid (unsafe entry names,
    /// more than 10,000 entries).
    static Result<ZipArchive> open(std::string_view bytes, const std::string& source_name);

    ZipArchive(ZipArchive&&) noexcept;
    ZipArchive& operator=(ZipArchive&&) noexcept;
    ~ZipArchive();

    /// The entry's bytes; std::nullopt when there is no such entry. Guards: a declared size over
    /// `max_size` → TooLarge; an entry over 1 MiB compressed more than kMaxZipRatio : 1 →
    /// DataInvalid (zip bomb); more data than declared, a CRC error or an encrypted entry →
    /// DataInvalid / Unsupported. Nothing past `max_size` is ever inflated.
    Result<std::optional<std::string>> read(const std::string& entry, std::uint64_t max_size) const;
    /// Every entry's name, in archive order (all checked safe by open()).
    std::vector<std::string> names() const;

private:
    struct Impl;
    explicit ZipArchive(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Writes a zip archive of `entries` (name, bytes; deflated) to the file at `path`, replacing
/// it (libzip writes beside it and renames). Errors: Unsupported (no libzip), Io.
Result<void> write_zip(const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& entries);

} // namespace attune::io::detail
