// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/structure.h"

#include "core/text/code_points.h"
#include "core/text/icu_support.h"

#include <unicode/regex.h>

#include <memory>
#include <optional>

namespace attune::text
{

namespace
{

struct Line
{
    std::string_view text; ///< without its '\n'
    CpOffset begin = 0;    ///< code point of its first character
    int number = 0;
};

bool is_blank(std::string_view s)
{
    return s.find_first_not_of(" \t") == std::string_view::npos;
}

char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool equal_ascii_ci(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    return true;
}

/// A recognised label: its text, its role and where the content starts (byte offsets in the
/// line, after the leading white space was skipped).
struct LabelMatch
{
    std::string label;
    Role role = Role::Other;
    std::size_t label_begin = 0;
    std::size_t content_begin = 0;
};

Role role_of(const SpeakerRules& rules, std::string_view label)
{
    for (const auto& l : rules.labels)
        if (equal_ascii_ci(l.label, label))
            return l.role;
    return Role::Other;
}

std::size_t skip_blanks(std::string_view s, std::size_t i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    return i;
}

std::optional<LabelMatch> match_label(std::string_view line, const SpeakerRules& rules,
                                      icu::RegexMatcher* matcher)
{
    const std::size_t start = skip_blanks(line, 0);
    const std::string_view rest = line.substr(start);
    for (const auto& l : rules.labels)
    {
        if (l.label.empty() || rest.size() <= l.label.size() || rest[l.label.size()] != ':')
            continue;
        if (!equal_ascii_ci(rest.substr(0, l.label.size()), l.label))
            continue;
        return LabelMatch{std::string(rest.substr(0, l.label.size())), l.role, start,
                          skip_blanks(line, start + l.label.size() + 1)};
    }
    if (matcher == nullptr)
        return std::nullopt;
    const icu::UnicodeString u = detail::to_ustring(rest);
    matcher->reset(u);
    UErrorCode status = U_ZERO_ERROR;
    if (!matcher->lookingAt(status) || U_FAILURE(status))
        return std::nullopt;
    const std::int32_t group = matcher->groupCount() >= 1 ? 1 : 0;
    const icu::UnicodeString label_u = matcher->group(group, status);
    const std::int32_t end = matcher->end(status);
    if (U_FAILURE(status) || label_u.isEmpty() || end <= 0)
        return std::nullopt;
    const std::string label = detail::to_utf8(label_u);
    const std::size_t end_bytes = detail::to_utf8(u.tempSubString(0, end)).size();
    return LabelMatch{label, role_of(rules, label), start, skip_blanks(line, start + end_bytes)};
}

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/// Parses "Q<n>[letter]" at s[i]; returns the normalised id and moves i past it.
std::optional<std::string> parse_question_id(std::string_view s, std::size_t& i)
{
    if (i >= s.size() || (s[i] != 'Q' && s[i] != 'q'))
        return std::nullopt;
    std::size_t j = i + 1;
    std::string id = "Q";
    while (j < s.size() && is_digit(s[j]) && id.size() < 4)
        id.push_back(s[j++]);
    if (id.size() == 1 || (j < s.size() && is_digit(s[j])))
        return std::nullopt;
    if (j < s.size() && s[j] >= 'a' && s[j] <= 'z')
        id.push_back(s[j++]);
    i = j;
    return id;
}

std::string trim(std::string_view s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

/// A section marker line (see Section): "[Q3]", "[Q3: title]", "## Q3", "## Q3 title".
std::optional<std::pair<std::string, std::string>> match_marker(std::string_view line)
{
    std::size_t i = skip_blanks(line, 0);
    if (line.substr(i, 1) == "[")
    {
        ++i;
        auto id = parse_question_id(line, i);
        if (!id)
            return std::nullopt;
        std::string title;
        if (i < line.size() && line[i] == ':')
        {
            const auto close = line.find(']', i);
            if (close == std::string_view::npos)
                return std::nullopt;
            title = trim(line.substr(i + 1, close - i - 1));
            i = close;
        }
        if (i >= line.size() || line[i] != ']' || !is_blank(line.substr(i + 1)))
            return std::nullopt;
        return std::make_pair(*id, title);
    }
    if (line.substr(i, 3) == "## ")
    {
        i = skip_blanks(line, i + 3);
        auto id = parse_question_id(line, i);
        if (!id || (i < line.size() && line[i] != ' ' && line[i] != '\t'))
            return std::nullopt;
        return std::make_pair(*id, trim(line.substr(i)));
    }
    return std::nullopt;
}

} // namespace

const char* to_string(Role role) noexcept
{
    switch (role)
    {
    case Role::Interviewer: return "interviewer";
    case Role::Respondent: return "respondent";
    case Role::Other: break;
    }
    return "other";
}

std::vector<SpeakerLabel> SpeakerRules::default_labels()
{
    return {{"Interviewer", Role::Interviewer},
            {"Respondent", Role::Respondent},
            {"I", Role::Interviewer},
            {"R", Role::Respondent},
            {"S", Role::Respondent},
            {"P", Role::Respondent}};
}

Result<void> validate_rules(const SpeakerRules& rules)
{
    for (const auto& l : rules.labels)
    {
        if (l.label.empty())
            return make_error(ErrorCode::InvalidArgument, "a speaker label is empty");
        if (l.label.find_first_of(":\n\r") != std::string::npos)
            return make_error(ErrorCode::InvalidArgument,
                              "speaker label '" + l.label + "' contains ':' or a line break");
    }
    if (!rules.pattern.empty())
    {
        UErrorCode status = U_ZERO_ERROR;
        UParseError parse{};
        std::unique_ptr<icu::RegexPattern> p(
            icu::RegexPattern::compile(detail::to_ustring(rules.pattern), 0, parse, status));
        if (U_FAILURE(status))
            return make_error(ErrorCode::InvalidArgument,
                              "speaker pattern '" + rules.pattern + "' is not a valid regular " +
                                  "expression (" + u_errorName(status) + " at offset " +
                                  std::to_string(parse.offset) + ")");
    }
    return {};
}

TranscriptStructure analyze_structure(std::string_view text, const SpeakerRules& rules,
                                      WordCounts words)
{
    std::unique_ptr<icu::RegexMatcher> matcher;
    if (!rules.pattern.empty())
    {
        UErrorCode status = U_ZERO_ERROR;
        matcher = std::make_unique<icu::RegexMatcher>(detail::to_ustring(rules.pattern), 0, status);
        if (U_FAILURE(status))
            matcher.reset();
    }

    TranscriptStructure out;
    // Code-point ranges whose words are not counted: labels and marker lines, in text order.
    std::vector<CpRange> excluded;
    Turn* open = nullptr; // the turn being extended, if any
    std::size_t pos = 0;
    CpOffset cp = 0;
    int number = 0;
    for (;;)
    {
        const std::size_t nl = text.find('\n', pos);
        const std::string_view line =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        ++number;
        const CpOffset line_cps = code_point_count(line);
        if (auto marker = match_marker(line))
        {
            if (!out.sections.empty())
            {
                out.sections.back().end = cp;
                out.sections.back().last_line = number - 1;
            }
            out.sections.push_back(Section{marker->first, marker->second, cp, cp, number, number});
            excluded.push_back(CpRange{cp, cp + line_cps});
            open = nullptr;
        }
        else if (auto label = match_label(line, rules, matcher.get()))
        {
            Turn t;
            t.label = label->label;
            t.role = label->role;
            t.begin = cp + code_point_count(line.substr(0, label->label_begin));
            t.content_begin = cp + code_point_count(line.substr(0, label->content_begin));
            t.end = cp + line_cps;
            t.first_line = t.last_line = number;
            excluded.push_back(CpRange{t.begin, t.content_begin});
            out.turns.push_back(std::move(t));
            open = &out.turns.back();
        }
        else if (open != nullptr && !is_blank(line))
        {
            open->end = cp + line_cps;
            open->last_line = number;
        }
        cp += line_cps;
        if (nl == std::string_view::npos)
            break;
        ++cp; // the '\n'
        pos = nl + 1;
    }
    out.line_count = number;
    out.length = cp;
    if (!out.sections.empty())
    {
        out.sections.back().end = cp;
        out.sections.back().last_line = number;
    }

    if (words == WordCounts::Skip)
        return out;
    // Words are attributed in one pass: both lists are in text order.
    std::size_t ex = 0;
    std::size_t turn = 0;
    detail::for_each_word(detail::to_ustring(text),
                          [&](CpOffset b, CpOffset)
                          {
                              while (ex < excluded.size() && excluded[ex].end <= b)
                                  ++ex;
                              if (ex < excluded.size() && excluded[ex].begin <= b)
                                  return;
                              ++out.word_count;
                              while (turn < out.turns.size() && out.turns[turn].end <= b)
                                  ++turn;
                              if (turn < out.turns.size() && out.turns[turn].begin <= b)
                                  ++out.turns[turn].word_count;
                          });
    return out;
}

} // namespace attune::text
