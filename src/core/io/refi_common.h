// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Module-internal: what the REFI-QDA reader and writer share (docs/refi-qda.md): name-based
// GUIDs, GUID and colour forms, and parsing XML from another program under the limits hostile
// files need.

#include "core/base/result.h"

#include <pugixml.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace attune::io::detail
{

inline constexpr std::string_view kRefiProjectNs = "urn:QDA-XML:project:1.0";
inline constexpr std::string_view kRefiCodebookNs = "urn:QDA-XML:codebook:1.0";

/// Limits on a REFI XML document (project.qde or .qdc), checked by a byte scan before pugixml
/// builds a tree: its size, how deep its elements nest and how many there are.
inline constexpr std::size_t kRefiMaxXmlBytes = 64u * 1024u * 1024u;
inline constexpr int kRefiMaxDepth = 100;
inline constexpr std::size_t kRefiMaxElements = 2'000'000;

/// A name-based uuid (RFC 9562 version 8, the SHA-256 variant of its appendix B.2): the first
/// 128 bits of SHA-256(Attune's namespace uuid bytes + `name`), with the version and variant
/// bits set. The same name gives the same uuid in every export; lower-case 8-4-4-4-12.
std::string name_uuid(std::string_view name);

/// A REFI GUIDType value in Attune's uuid form: braces stripped, lower case; nullopt when it is
/// not 8-4-4-4-12 hex digits.
std::optional<std::string> canonical_guid(std::string_view guid);

/// "#RRGGBB" or "#RGB" (any case) as 0xRRGGBB; nullopt otherwise.
std::optional<std::uint32_t> parse_refi_colour(std::string_view s);
/// 0xRRGGBB as "#RRGGBB" (upper case, as the XSD's examples).
std::string format_refi_colour(std::uint32_t rgb);

/// Parses another program's XML: refuses a DOCTYPE or entity declaration outright, nesting
/// deeper than kRefiMaxDepth, more than kRefiMaxElements elements and more than
/// kRefiMaxXmlBytes (all found by a scan before parsing), then parses with pugixml (which
/// expands only the five predefined entities and character references). A UTF-8 BOM is
/// skipped. Errors: TooLarge, DataInvalid, XmlMalformed (with line:column).
Result<void> parse_refi_xml(pugi::xml_document& doc, std::string_view data,
                            const std::string& path);

/// An element's name without its namespace prefix.
std::string_view local_name(const pugi::xml_node& n);
/// The first child element with this local name.
pugi::xml_node child_named(const pugi::xml_node& n, std::string_view local);

/// Serialises a document as UTF-8 with a declaration and two-space indentation.
std::string xml_to_string(const pugi::xml_document& doc);

} // namespace attune::io::detail
