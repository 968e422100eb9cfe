// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/sha256.h"

#include "core/base/error.h"

#include <openssl/evp.h>

namespace attune::text
{

std::string sha256_hex(std::string_view bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const int ok = EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
    // EVP_Digest fails only when OpenSSL cannot provide SHA-256 at all: a broken installation.
    ATTUNE_ASSERT(ok == 1 && length == 32);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (unsigned int i = 0; i < length; ++i)
    {
        out.push_back(kHex[digest[i] >> 4]);
        out.push_back(kHex[digest[i] & 0x0F]);
    }
    return out;
}

} // namespace attune::text
