// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace attune::text
{

/// SHA-256 of `bytes` as 64 lower-case hex digits (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

} // namespace attune::text
