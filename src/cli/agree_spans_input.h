// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// agree, spans mode: the spans CSV (header coder,start,end,code; half-open code-point spans)
// as every spans metric reads it, with FILE:LINE:COL errors (docs/agreement.md "## Spans mode").

#include "cli/cmd_agree.h"

#include "core/base/result.h"
#include "core/stats/unitizing.h"
#include "core/stats/unitizing_2016.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune::cli
{

/// The coders (those of --coders first, in that order, then as they first appear) and spans.
struct SpanData
{
    std::vector<std::string> coders;
    std::vector<stats::CodedSpan> spans;
};

/// Reads o.spans; every span must lie inside [begin, end); at least two coders.
Result<SpanData> read_spans(const AgreeOptions& o, std::int64_t begin, std::int64_t end);

/// Reads a --domains CSV (header code,domain; one row per code, each code once) into domains in
/// order of first appearance, each with its codes. With `only` non-empty, that domain alone.
/// Errors: DataInvalid with FILE:LINE:COL (bad header, ragged row, empty or repeated code,
/// empty domain); InvalidArgument when `only` names no domain of the file (the message lists them).
Result<std::vector<stats::SemanticDomain>> read_domains(const std::string& path,
                                                        const std::string& only);

/// Blanks and tabs trimmed from both ends.
std::string trim_spaces(const std::string& s);

/// A whole number (optional '+'), nothing else; nullopt otherwise.
std::optional<std::int64_t> parse_code_point(const std::string& s);

} // namespace attune::cli
