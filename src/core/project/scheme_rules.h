// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The session's view of a coding scheme: the few questions it asks of scheme::Scheme, kept in
// one file so the session does not depend on the model's every detail.

#include "core/base/result.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attune::scheme {
class Scheme;
}

namespace attune::project::rules {

/// Identity of a parsed scheme.
struct SchemeIdentity
{
    std::string id;
    std::string version;
    std::string name;
};

/// Parses scheme XML. Errors: the scheme loader's (XmlMalformed, SchemeInvalid with line:col).
Result<std::shared_ptr<const scheme::Scheme>> parse(const std::string& xml,
                                                    const std::string& source_name);
SchemeIdentity identity(const scheme::Scheme& s);

bool has_code(const scheme::Scheme& s, const std::string& code);
bool has_scale(const scheme::Scheme& s, const std::string& scale);
/// True for any classification id the scheme knows (category or subcategory).
bool has_category(const scheme::Scheme& s, const std::string& id);

/// Checks a score against the scale: target required iff the scale has targets and must be one
/// of them; value on the scale's grid (min..max, step) or not-scorable where allowed.
/// Errors: NotFound (scale, target), InvalidArgument.
Result<void> check_rating(const scheme::Scheme& s, const std::string& scale,
                          const std::string& target, const std::optional<double>& value);

/// A classification with the category derived and every id checked against the roles.
struct CheckedClassification
{
    std::string category;
    std::optional<std::string> subcategory;
    std::optional<std::string> unresolved;
    std::optional<std::string> alternative;
};
/// Errors: NotFound (unknown id), InvalidArgument (e.g. unresolved given an organised id,
/// CC without an alternative, alternative that is not organised).
Result<CheckedClassification> check_classification(const scheme::Scheme& s,
                                                   const std::string& category,
                                                   const std::optional<std::string>& subcategory,
                                                   const std::optional<std::string>& unresolved,
                                                   const std::optional<std::string>& alternative);

/// Whether a stored subcategory refines the forced alternative rather than the category: CC with
/// alternative Ds1 is stored as alternative Ds and subcategory Ds1 (see check_classification).
bool subcategory_refines_alternative(const scheme::Scheme& s,
                                     const std::optional<std::string>& subcategory,
                                     const std::optional<std::string>& alternative);

} // namespace attune::project::rules
