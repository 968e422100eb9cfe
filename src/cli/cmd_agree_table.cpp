// SPDX-License-Identifier: GPL-3.0-or-later
// agree, table mode: reads a units × coders CSV, builds a stats::RatingTable and prints one
// statistic (docs/agreement.md "## Table mode").
#include "cli/cmd_agree.h"
#include "cli/csv_reader.h"

#include "core/io/csv_writer.h"
#include "core/stats/agreement.h"
#include "core/stats/scale.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include <csignal>
#include <sys/mman.h>
#include <unistd.h>

namespace attune::cli
{
namespace
{

using stats::Estimate;
using stats::RatingTable;

const std::vector<std::string> kCategoricalMetrics = {
    "percent-agreement",  "cohen-kappa", "scott-pi", "fleiss-kappa",
    "krippendorff-alpha", "gwet-ac1",    "gwet-ac2", "brennan-prediger"};
const std::vector<std::string> kNumericMetrics = {
    "icc", "pearson", "spearman", "mean-absolute-difference", "within-0.5", "within-1"};
const std::vector<std::string> kWeightedMetrics = {
    "percent-agreement", "cohen-kappa", "scott-pi", "fleiss-kappa", "gwet-ac2", "brennan-prediger"};

bool contains(const std::vector<std::string>& v, const std::string& s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string_view trim_ends(std::string_view s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

// Most cells have nothing to trim: two byte tests, inline, rather than two searches. (GCC does
// not inline it or LabelCache::find into read_table's long cell loop unless told.)
[[gnu::always_inline]] inline std::string_view trim(std::string_view s)
{
    if (s.empty() || (s.front() != ' ' && s.front() != '\t' && s.back() != ' ' && s.back() != '\t'))
        return s;
    return trim_ends(s);
}

// A unit id the fast path leaves to the general one, which trims it.
[[gnu::always_inline]] inline bool needs_trim(std::string_view s)
{
    return s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t';
}

std::string trim(const std::string& s)
{
    return std::string(trim(std::string_view(s)));
}

/// Asks for transparent huge pages for the 2 MiB-aligned part of a large buffer about to be
/// written whole: the matrix of a 200,000 x 5 table is 8 MB, 2,000 page faults in 4 KiB pages.
/// Only a hint; without THP (or off Linux) nothing changes.
void advise_huge_pages(void* data, std::size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
    if (end > begin)
        (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

/// Reserves room for `n` elements; a buffer of 2 MiB or more gets one huge page more than it
/// needs (address space only until written), so that its last 2 MiB-aligned part still covers
/// the data's end, and is advised to use huge pages.
template <typename Buffer> void reserve_large(Buffer& b, std::size_t n)
{
    using T = typename Buffer::value_type;
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    if (n * sizeof(T) < kHuge)
    {
        b.reserve(n);
        return;
    }
    b.reserve(n + kHuge / sizeof(T));
    advise_huge_pages(b.data(), b.capacity() * sizeof(T));
}

/// A finite number in the whole string (C locale, as written in CSV files), else nullopt.
// from_chars is locale-independent: "3.5" reads the same under a German locale.
std::optional<double> parse_number(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    double v = 0.0;
    const char* first = s.data();
    const char* last = s.data() + s.size();
    if (*first == '+')
        ++first;
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last || !std::isfinite(v))
        return std::nullopt;
    return v;
}

Error at(const CsvField& f, const std::string& path, std::string message)
{
    return make_error(ErrorCode::DataInvalid, std::move(message),
                      SourceLocation{path, f.line, f.column});
}

/// What a metric needs from the table, decided from the options before reading it.
struct Plan
{
    std::string metric;
    bool numeric = false; ///< the cells must be numbers (ICC, correlations, differences)
    stats::Level level = stats::Level::Nominal;
    std::string level_name = "nominal";
    stats::WeightKind weights = stats::WeightKind::None;
    std::string weights_name = "none";
    stats::IccForm form = stats::IccForm::Two1;
    stats::BootstrapOptions bootstrap;
};

/// Checks the option combination; returns a usage message or empty.
std::string make_plan(const AgreeOptions& o, Plan& plan)
{
    if (o.metric.empty())
        return "agree --table needs --metric";
    plan.metric = o.metric;
    if (!contains(kCategoricalMetrics, o.metric) && !contains(kNumericMetrics, o.metric))
        return "unknown metric '" + o.metric +
               "' (percent-agreement, cohen-kappa, scott-pi, fleiss-kappa, krippendorff-alpha, "
               "gwet-ac1, gwet-ac2, brennan-prediger, icc, pearson, spearman, "
               "mean-absolute-difference, within-0.5, within-1)";
    plan.numeric = contains(kNumericMetrics, o.metric);

    if (!o.level.empty())
    {
        if (o.metric != "krippendorff-alpha")
            return "--level applies to krippendorff-alpha only";
        static const std::map<std::string, stats::Level> levels = {
            {"nominal", stats::Level::Nominal},
            {"ordinal", stats::Level::Ordinal},
            {"interval", stats::Level::Interval},
            {"ratio", stats::Level::Ratio}};
        const auto it = levels.find(o.level);
        if (it == levels.end())
            return "unknown --level '" + o.level + "' (nominal, ordinal, interval, ratio)";
        plan.level = it->second;
        plan.level_name = o.level;
    }
    // Usage problems are found before the file is read, so a typo costs no parsing time.
    // Interval and ratio alpha compute with the values themselves.
    if (plan.level == stats::Level::Interval || plan.level == stats::Level::Ratio)
        plan.numeric = false;

    std::string weights = o.weights;
    if (weights.empty() && o.metric == "gwet-ac2")
        weights = "quadratic"; // AC2 is the weighted coefficient; quadratic is Gwet's default
    if (!weights.empty())
    {
        if (!contains(kWeightedMetrics, o.metric))
            return "--weights applies to percent-agreement, cohen-kappa, scott-pi, "
                   "fleiss-kappa, gwet-ac2 and brennan-prediger";
        static const std::map<std::string, stats::WeightKind> kinds = {
            {"none", stats::WeightKind::None},
            {"linear", stats::WeightKind::Linear},
            {"quadratic", stats::WeightKind::Quadratic},
            {"custom", stats::WeightKind::Custom}};
        const auto it = kinds.find(weights);
        if (it == kinds.end())
            return "unknown --weights '" + weights + "' (none, linear, quadratic, custom)";
        plan.weights = it->second;
        plan.weights_name = weights;
        if (o.metric == "gwet-ac2" && plan.weights == stats::WeightKind::None)
            return "gwet-ac2 needs weights (linear, quadratic or custom); use gwet-ac1 for none";
    }
    if (plan.weights == stats::WeightKind::Custom && o.weight_matrix.empty())
        return "--weights custom needs --weight-matrix W.csv";
    if (!o.weight_matrix.empty() && plan.weights != stats::WeightKind::Custom)
        return "--weight-matrix needs --weights custom";

    if (!o.form.empty())
    {
        if (o.metric != "icc")
            return "--form applies to icc only";
        static const std::map<std::string, stats::IccForm> forms = {
            {"1,1", stats::IccForm::One1},   {"2,1", stats::IccForm::Two1},
            {"3,1", stats::IccForm::Three1}, {"1,k", stats::IccForm::OneK},
            {"2,k", stats::IccForm::TwoK},   {"3,k", stats::IccForm::ThreeK}};
        const auto it = forms.find(o.form);
        if (it == forms.end())
            return "unknown --form '" + o.form + "' (1,1 2,1 3,1 1,k 2,k 3,k)";
        plan.form = it->second;
    }
    if (o.bootstrap)
    {
        if (o.metric != "krippendorff-alpha")
            return "--bootstrap applies to krippendorff-alpha only";
        if (*o.bootstrap < 1 || *o.bootstrap > 1000000)
            return "--bootstrap must be between 1 and 1000000";
        plan.bootstrap.resamples = *o.bootstrap;
        plan.bootstrap.seed = o.seed.value_or(1);
    }
    else if (o.seed)
        return "--seed needs --bootstrap N";
    if (!o.spans.empty() || !o.continuum.empty() || o.overlap || !o.coders.empty() ||
        !o.master.empty() || !o.transcripts.empty() || !o.scheme.empty() || !o.section.empty())
        return "--continuum, --overlap, --coders, --master, --transcripts, --scheme and "
               "--section do not apply to --table";
    return {};
}

/// The declared or inferred categories with their numeric values (when all are numbers).
struct Categories
{
    std::vector<std::string> labels;
    std::vector<double> values; ///< empty unless every label is a number
    std::map<std::string, int> index;
    std::map<double, int> numeric_index; ///< "1" and "1.0" name the same declared category
};

// Numeric values are kept only when every label is a number: a mixed list has no scale.
void finish(Categories& c)
{
    bool all_numeric = !c.labels.empty();
    std::vector<double> values;
    for (std::size_t i = 0; i < c.labels.size(); ++i)
    {
        c.index.emplace(c.labels[i], static_cast<int>(i));
        const auto v = parse_number(c.labels[i]);
        all_numeric = all_numeric && v.has_value();
        if (v)
        {
            values.push_back(*v);
            c.numeric_index.emplace(*v, static_cast<int>(i));
        }
    }
    if (all_numeric)
        c.values = std::move(values);
    else
        c.numeric_index.clear();
}

std::optional<int> find_category(const Categories& c, const std::string& s)
{
    if (const auto it = c.index.find(s); it != c.index.end())
        return it->second;
    if (!c.numeric_index.empty())
        if (const auto v = parse_number(s))
            if (const auto it = c.numeric_index.find(*v); it != c.numeric_index.end())
                return it->second;
    return std::nullopt;
}

/// What one distinct cell text turned out to be, worked out once per text, not once per cell.
struct LabelInfo
{
    int code = -1; ///< category index (declared) or order of first appearance; -1 = undeclared
    bool number = false; ///< the text is a number
};

/// Distinct cell texts → LabelInfo. Rating tables hold a handful of distinct labels, mostly a
/// few bytes long: up to 16 labels of at most 7 bytes are kept packed into one integer each
/// (bytes and length), which a linear scan compares without a memcmp; longer labels and any
/// past the 16th go to a hash map.
class LabelCache
{
public:
    [[gnu::always_inline]] const LabelInfo* find(std::string_view s) const
    {
        // One-byte labels ("1" .. "5") are the rule: a table lookup, with no loop whose exit
        // the processor would mispredict on every other cell.
        if (s.size() == 1)
        {
            const int i = m_byte[static_cast<unsigned char>(s[0])];
            if (i >= 0)
                return &m_packed_info[static_cast<std::size_t>(i)];
            return i == kInMap ? find_long(s) : nullptr;
        }
        if (s.size() <= kPackedBytes)
        {
            const std::uint64_t key = pack(s);
            for (std::size_t i = 0; i < m_packed.size(); ++i)
                if (m_packed[i] == key)
                    return &m_packed_info[i];
        }
        return m_map.empty() ? nullptr : find_long(s);
    }
    const LabelInfo& insert(std::string_view s, LabelInfo info)
    {
        if (s.size() <= kPackedBytes && m_packed.size() < kSmall)
        {
            if (s.size() == 1)
                m_byte[static_cast<unsigned char>(s[0])] =
                    static_cast<std::int8_t>(m_packed.size());
            m_packed.push_back(pack(s));
            m_packed_info.reserve(kSmall); // references stay valid: it never grows past this
            return m_packed_info.emplace_back(info);
        }
        // A one-byte label past the 16th goes to the map, which find() must then ask.
        if (s.size() == 1)
            m_byte[static_cast<unsigned char>(s[0])] = kInMap;
        // The view may point into the scanner's buffer for quoted fields: keep a copy.
        const std::string_view key = m_owned.emplace_back(s);
        return m_map.emplace(key, info).first->second;
    }

private:
    static constexpr std::size_t kSmall = 16;
    static constexpr std::size_t kPackedBytes = 7;
    // Out of line, so that find() stays small enough to be inlined into the cell loop.
    [[gnu::noinline]] const LabelInfo* find_long(std::string_view s) const
    {
        const auto it = m_map.find(s);
        return it == m_map.end() ? nullptr : &it->second;
    }
    [[gnu::always_inline]] static std::uint64_t pack(std::string_view s) noexcept
    {
        std::uint64_t key = static_cast<std::uint64_t>(s.size()) << 56;
        for (std::size_t i = 0; i < s.size(); ++i)
            key |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[i])) << (8 * i);
        return key;
    }
    static constexpr std::int8_t kInMap = -2;
    std::vector<std::uint64_t> m_packed;
    std::vector<LabelInfo> m_packed_info;
    /// A one-byte label's index in m_packed_info, kInMap, or -1 for a byte not seen.
    std::array<std::int8_t, 256> m_byte = []
    {
        std::array<std::int8_t, 256> none{};
        none.fill(-1);
        return none;
    }();
    std::deque<std::string> m_owned;
    std::unordered_map<std::string_view, LabelInfo> m_map;
};

/// Checks that no unit id comes twice. While the ids arrive in increasing order (byte order,
/// or shorter first and then byte order, so u9 before u10, as numbered ids come), each one
/// differs from all before it, and comparing it with the one before is the whole check. At the
/// first id out of both orders the ids so far go into a hash table, which checks the rest:
/// open addressing, sized once for `capacity` ids (the file's record bound) so it never
/// rehashes, a slot holding the unit index and 32 bits of the id's hash, so a probe compares
/// ids only when the hashes agree.
class UnitIdSet
{
public:
    explicit UnitIdSet(std::size_t capacity) : m_capacity(capacity) {}
    /// Adds unit `u` (units come as 0, 1, 2, ...), whose id is `s`; `id(v)` gives unit v's id.
    /// False if an equal id came before.
    template <typename IdOf> bool insert(std::uint32_t u, std::string_view s, const IdOf& id)
    {
        ATTUNE_ASSERT(u < m_capacity);
        if (m_slots.empty())
        {
            if (u == 0)
                return true;
            const std::string_view prev = id(u - 1);
            const int order = prev.compare(s);
            m_bytes_order = m_bytes_order && order < 0;
            m_length_order = m_length_order &&
                             (prev.size() < s.size() || (prev.size() == s.size() && order < 0));
            if (m_bytes_order || m_length_order)
                return true;
            // Out of order: units 0 .. u-1 are distinct, so they go in without a check.
            std::size_t slots = 16;
            while (slots < 2 * m_capacity)
                slots *= 2;
            m_slots.assign(slots, 0);
            for (std::uint32_t v = 0; v < u; ++v)
                add(v, id(v), id);
        }
        return add(u, s, id);
    }

private:
    template <typename IdOf> bool add(std::uint32_t u, std::string_view s, const IdOf& id)
    {
        const std::size_t mask = m_slots.size() - 1;
        const std::uint64_t h = std::hash<std::string_view>{}(s);
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = h & mask;; i = (i + 1) & mask)
        {
            const std::uint64_t slot = m_slots[i];
            if (slot == 0)
            {
                m_slots[i] = (static_cast<std::uint64_t>(tag) << 32) | (u + 1);
                return true;
            }
            if (static_cast<std::uint32_t>(slot >> 32) == tag &&
                id(static_cast<std::uint32_t>(slot) - 1) == s)
                return false;
        }
    }

    std::vector<std::uint64_t> m_slots; ///< hash tag << 32 | unit index + 1; 0 = empty
    std::size_t m_capacity = 0;
    bool m_bytes_order = true;
    bool m_length_order = true;
};

// While a mapped table is read: a file that another program shortens under the mapping raises
// SIGBUS at the first page past its new end. The handler says so and exits 1 (bad input),
// instead of the process dying from the signal; nothing has been written at that point.
class TruncationGuard
{
public:
    explicit TruncationGuard(const std::string& path)
    {
        s_message = path + ": error: the file was shortened by another program while it was "
                           "read; nothing was computed\n";
        struct sigaction action
        {
        };
        action.sa_handler = &TruncationGuard::on_bus;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGBUS, &action, &m_previous);
    }
    TruncationGuard(const TruncationGuard&) = delete;
    TruncationGuard& operator=(const TruncationGuard&) = delete;
    ~TruncationGuard() { ::sigaction(SIGBUS, &m_previous, nullptr); }

private:
    static void on_bus(int)
    {
        // Only async-signal-safe calls: write(2) of a message made before, then _exit(2).
        [[maybe_unused]] const auto n = ::write(STDERR_FILENO, s_message.data(), s_message.size());
        ::_exit(kExitBadInput);
    }
    static inline std::string s_message;
    struct sigaction m_previous
    {
    };
};

// One pass over the file: the scanner hands out each record's fields as views and every cell
// goes straight into the table's matrix (a double each), so no string per cell is made. The
// errors are the ones the old reader gave, which parsed the whole file, then checked the
// header, then every row's shape and unit id, then every cell: a syntax error anywhere wins,
// then a header or row-shape problem, then --categories, then the first bad cell. So a problem
// found early is kept while the scan goes on looking for one that outranks it.
Result<RatingTable> read_table(const AgreeOptions& o, const Plan& plan)
{
    const std::string& path = o.table;
    const TruncationGuard guard(path);
    auto bytes = read_csv_bytes(path);
    if (!bytes)
        return bytes.error();
    const std::string_view text = bytes->view();
    CsvScanner scanner(text, path);
    if (auto ok = scanner.check_bytes(); !ok)
        return ok.error();

    const bool need_numbers =
        plan.numeric || plan.level == stats::Level::Interval || plan.level == stats::Level::Ratio;
    const bool declared = !o.categories.empty();
    Categories cats;
    std::optional<Error> declared_error;
    if (declared)
    {
        std::set<std::string> seen_labels;
        for (const auto& c : o.categories)
        {
            const std::string label = trim(c);
            if (label.empty() || !seen_labels.insert(label).second)
            {
                declared_error =
                    make_error(ErrorCode::InvalidArgument,
                               "--categories has an empty or repeated label '" + label + "'");
                break;
            }
            cats.labels.push_back(label);
        }
        finish(cats);
    }

    // The matrix is allocated once, at its final size or a little more (blank lines, quoted
    // breaks).
    const std::size_t lines = max_records(text);

    std::optional<Error> shape_error;
    std::optional<Error> cell_error;
    std::vector<std::string> coders;
    std::size_t width = 0;
    bool header_seen = false;
    std::string id_text;
    std::vector<std::size_t> id_end;
    std::vector<double> cells;
    UnitIdSet ids(0);
    const auto id_of = [&](std::uint32_t u) -> std::string_view
    {
        const std::size_t begin = u == 0 ? 0 : id_end[u - 1];
        return std::string_view(id_text).substr(begin, id_end[u] - begin);
    };
    LabelCache labels;
    std::vector<std::string> order;   // inferred categories, in order of first appearance
    std::vector<double> order_values; // their numbers, while all are numbers
    bool all_numeric = true;
    constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

    while (true)
    {
        // Plain records (one line, no quote, nothing to trim, labels seen before, a new unit
        // id) go from the scan straight into the matrix. Any other record, and every record
        // once a problem has been found, is read again by next() below, which reports it.
        if (header_seen && !shape_error && !cell_error && !declared_error)
        {
            const CsvScanner::Position at = scanner.position();
            const std::size_t mark = cells.size();
            std::string_view id;
            std::size_t count = 0;
            const auto cell = [&](std::string_view s, std::size_t c)
            {
                count = c + 1;
                if (c == 0)
                {
                    id = s;
                    return !s.empty() && !needs_trim(s);
                }
                if (c >= width)
                    return false;
                if (s.empty())
                {
                    cells.push_back(kMissing);
                    return true;
                }
                // No trim test: a cell with a blank at either end is not a number to
                // from_chars, nor a label in the cache (which holds trimmed labels only), so
                // it is handed back below like any unknown text.
                if (plan.numeric)
                {
                    const auto v = parse_number(s);
                    if (!v)
                        return false;
                    if (declared)
                    {
                        const LabelInfo* info = labels.find(s);
                        if (!info || info->code < 0)
                            return false;
                    }
                    cells.push_back(*v);
                    return true;
                }
                const LabelInfo* info = labels.find(s);
                if (!info || info->code < 0 || (need_numbers && !info->number))
                    return false;
                cells.push_back(static_cast<double>(info->code));
                return true;
            };
            if (scanner.next_plain(cell))
            {
                if (count == width)
                {
                    const auto unit = static_cast<std::uint32_t>(id_end.size());
                    id_text.append(id);
                    id_end.push_back(id_text.size());
                    if (ids.insert(unit, id, id_of))
                        continue;
                    id_end.pop_back();
                    id_text.resize(id_end.empty() ? 0 : id_end.back());
                }
                scanner.restore(at);
            }
            cells.resize(mark);
        }
        auto more = scanner.next();
        if (!more)
            return more.error();
        if (!*more)
            break;
        if (shape_error)
            continue; // only a syntax error can still outrank it
        const auto& fields = scanner.fields();
        if (!header_seen)
        {
            header_seen = true;
            const CsvFieldView& first = fields.front();
            if (trim(first.text) != "unit")
            {
                shape_error = make_error(ErrorCode::DataInvalid,
                                         "the first header column must be 'unit', found '" +
                                             std::string(first.text) + "'",
                                         scanner.where(first));
                continue;
            }
            std::set<std::string_view> seen;
            for (std::size_t i = 1; i < fields.size() && !shape_error; ++i)
            {
                const std::string_view name = trim(fields[i].text);
                if (name.empty())
                    shape_error =
                        make_error(ErrorCode::DataInvalid, "empty coder name in the header",
                                   scanner.where(fields[i]));
                else if (!seen.insert(name).second)
                    shape_error =
                        make_error(ErrorCode::DataInvalid,
                                   "coder '" + std::string(name) + "' appears twice in the header",
                                   scanner.where(fields[i]));
                else
                    coders.emplace_back(name);
            }
            if (!shape_error && coders.size() < 2)
                shape_error = make_error(ErrorCode::DataInvalid,
                                         "fewer than 2 coders: the header names " +
                                             std::to_string(coders.size()) + " coder column(s)",
                                         SourceLocation{path, scanner.record_line(), 1});
            width = fields.size();
            reserve_large(cells, lines * (width - 1));
            reserve_large(id_end, lines);
            // The ids are fewer bytes than the file, and reserved pages are not touched until
            // written: this costs address space only, and spares the copies of a growing string.
            reserve_large(id_text, text.size());
            ids = UnitIdSet(lines);
            continue;
        }

        // The header decides the width; every later row must match it exactly (no ragged rows).
        if (fields.size() != width)
        {
            const CsvFieldView& f = fields.size() > width ? fields[width] : fields.back();
            shape_error = make_error(ErrorCode::DataInvalid,
                                     "ragged row: " + std::to_string(fields.size()) +
                                         " fields, the header has " + std::to_string(width),
                                     scanner.where(f));
            continue;
        }
        const std::string_view id = trim(fields[0].text);
        if (id.empty())
        {
            shape_error =
                make_error(ErrorCode::DataInvalid, "empty unit id", scanner.where(fields[0]));
            continue;
        }
        const auto unit = static_cast<std::uint32_t>(id_end.size());
        id_text.append(id);
        id_end.push_back(id_text.size());
        if (!ids.insert(unit, id, id_of))
        {
            shape_error =
                make_error(ErrorCode::DataInvalid, "unit '" + std::string(id) + "' appears twice",
                           scanner.where(fields[0]));
            continue;
        }
        // After the first bad cell (or a bad --categories) only shapes and ids are checked.
        if (cell_error || declared_error)
            continue;
        for (std::size_t c = 1; c < width && !cell_error; ++c)
        {
            const CsvFieldView& f = fields[c];
            const std::string_view s = trim(f.text);
            if (s.empty())
            {
                cells.push_back(kMissing);
                continue;
            }
            auto bad = [&](const std::string& message)
            { cell_error = make_error(ErrorCode::DataInvalid, message, scanner.where(f)); };
            // Scale metrics keep plain numbers; declared categories then only restrict what is
            // allowed.
            if (plan.numeric)
            {
                const auto v = parse_number(s);
                if (!v)
                {
                    bad("'" + std::string(s) + "' is not a number; " + plan.metric +
                        " needs numeric ratings");
                    break;
                }
                if (declared)
                {
                    const LabelInfo* info = labels.find(s);
                    if (!info)
                        info = &labels.insert(
                            s, LabelInfo{find_category(cats, std::string(s)).value_or(-1), true});
                    if (info->code < 0)
                    {
                        bad("'" + std::string(s) + "' is not a declared category");
                        break;
                    }
                }
                cells.push_back(*v);
                continue;
            }
            // Categorical metrics store category indices: weights and ordinal ranks follow the
            // declared order, or for inferred categories the order settled after the scan.
            const LabelInfo* info = labels.find(s);
            if (!info)
            {
                LabelInfo fresh;
                const auto v = parse_number(s);
                fresh.number = v.has_value();
                if (declared)
                    fresh.code = find_category(cats, std::string(s)).value_or(-1);
                else
                {
                    fresh.code = static_cast<int>(order.size());
                    order.emplace_back(s);
                    all_numeric = all_numeric && fresh.number;
                    if (all_numeric)
                        order_values.push_back(*v);
                }
                info = &labels.insert(s, fresh);
            }
            if (need_numbers && !info->number)
            {
                bad("'" + std::string(s) + "' is not a number; the " + plan.level_name +
                    " level needs numeric ratings");
                break;
            }
            if (info->code < 0)
            {
                bad("'" + std::string(s) + "' is not a declared category");
                break;
            }
            cells.push_back(static_cast<double>(info->code));
        }
    }
    if (!header_seen)
        return make_error(ErrorCode::DataInvalid,
                          "the file is empty; expected a header "
                          "unit,<coder>,<coder>,...",
                          SourceLocation{path, 1, 1});
    if (shape_error)
        return *shape_error;
    if (declared_error)
        return *declared_error;
    if (cell_error)
        return *cell_error;
    // The matrix is complete: the file's bytes and the id set are no longer needed, and the
    // statistic's own working memory can take their place.
    bytes->release();
    ids = UnitIdSet(0);

    if (plan.numeric)
        return RatingTable::from_parts(std::move(coders), {}, {}, std::move(id_text),
                                       std::move(id_end), std::move(cells));
    if (!declared)
    {
        // Numbers in numeric order (the first text of each value names it: "1" and "1.0" are
        // one category); otherwise labels in order of first appearance.
        if (all_numeric && !order.empty())
        {
            std::map<double, std::string> by_value;
            for (std::size_t i = 0; i < order.size(); ++i)
                by_value.emplace(order_values[i], order[i]);
            std::map<double, int> rank;
            for (const auto& [v, label] : by_value)
            {
                rank.emplace(v, static_cast<int>(cats.labels.size()));
                cats.labels.push_back(label);
            }
            std::vector<double> remap(order.size());
            for (std::size_t i = 0; i < order.size(); ++i)
                remap[i] = rank.at(order_values[i]);
            // Without a branch on missing cells, which no predictor learns.
            for (double& cell : cells)
            {
                const bool here = !std::isnan(cell);
                const double code = here ? cell : 0.0;
                const double ranked = remap[static_cast<std::size_t>(code)];
                cell = here ? ranked : cell;
            }
        }
        else
            cats.labels = std::move(order);
        finish(cats);
    }
    if (need_numbers && cats.values.empty() && !cats.labels.empty())
        return make_error(ErrorCode::InvalidArgument,
                          "--categories must be numbers for the " + plan.level_name + " level");
    return RatingTable::from_parts(std::move(coders), cats.labels, cats.values, std::move(id_text),
                                   std::move(id_end), std::move(cells));
}

// Checks W.csv cell by cell so errors carry the file position, then again in core for the rules.
Result<stats::WeightMatrix> read_weights(const AgreeOptions& o, const Plan& plan, int q)
{
    if (plan.weights != stats::WeightKind::Custom)
        return stats::make_weights(plan.weights, q);
    auto csv = read_csv(o.weight_matrix);
    if (!csv)
        return csv.error();
    std::vector<std::vector<double>> rows;
    for (const CsvRow& row : csv.value())
    {
        std::vector<double> values;
        for (const CsvField& f : row.fields)
        {
            const auto v = parse_number(trim(f.text));
            if (!v)
                return at(f, o.weight_matrix, "'" + f.text + "' is not a number");
            if (*v < 0.0 || *v > 1.0)
                return at(f, o.weight_matrix, "weight " + trim(f.text) + " is not in [0,1]");
            values.push_back(*v);
        }
        if (static_cast<int>(values.size()) != q)
            return at(row.fields.back(), o.weight_matrix,
                      "row has " + std::to_string(values.size()) + " weights, expected " +
                          std::to_string(q) + " (one per category)");
        rows.push_back(std::move(values));
    }
    auto w = stats::make_custom_weights(rows, q);
    if (!w)
    {
        Error e = w.error();
        e.where = SourceLocation{o.weight_matrix, 0, 0};
        return e;
    }
    return w;
}

// Optional fields are omitted rather than null, except value, which is always present.
nlohmann::json to_json(const Estimate& e, const Plan& plan, const RatingTable& table)
{
    nlohmann::json j;
    j["metric"] = plan.metric;
    j["value"] = e.value ? nlohmann::json(*e.value) : nlohmann::json(nullptr);
    j["n_units"] = e.n_units;
    j["n_coders"] = e.n_coders;
    j["n_dropped"] = e.n_dropped;
    auto put = [&](const char* key, const std::optional<double>& v)
    {
        if (v)
            j[key] = *v;
    };
    put("se", e.se);
    put("ci_low", e.ci_low);
    put("ci_high", e.ci_high);
    put("se0", e.se0);
    put("observed", e.observed);
    put("expected", e.expected);
    if (!e.ci_method.empty())
        j["ci_method"] = e.ci_method;
    if (!e.value)
        j["reason"] = e.reason;
    if (plan.metric == "krippendorff-alpha")
        j["level"] = plan.level_name;
    if (contains(kWeightedMetrics, plan.metric))
        j["weights"] = plan.weights_name;
    if (plan.metric == "icc")
        j["form"] = stats::to_string(plan.form);
    if (table.categorical())
        j["categories"] = table.categories();
    if (!e.note.empty())
        j["note"] = e.note;
    return j;
}

void print_text(const Estimate& e, const Plan& plan)
{
    std::cout << plan.metric;
    if (plan.metric == "krippendorff-alpha")
        std::cout << " (" << plan.level_name << ")";
    else if (plan.metric == "icc")
        std::cout << " (" << stats::to_string(plan.form) << ")";
    else if (contains(kWeightedMetrics, plan.metric) && plan.weights_name != "none")
        std::cout << " (" << plan.weights_name << " weights)";
    if (!e.value)
    {
        std::cout << ": undefined: " << e.reason << '\n';
    }
    else
    {
        std::cout << " = " << format_number(*e.value);
        if (e.ci_low && e.ci_high)
            std::cout << "  95% CI [" << format_number(*e.ci_low) << ", "
                      << format_number(*e.ci_high) << "]";
        if (e.se)
            std::cout << "  SE " << format_number(*e.se);
        std::cout << '\n';
    }
    std::cout << "units: " << e.n_units << " used, " << e.n_dropped
              << " dropped; coders: " << e.n_coders << '\n';
    if (e.observed)
        std::cout << "observed: " << format_number(*e.observed);
    if (e.expected)
        std::cout << "  expected: " << format_number(*e.expected);
    if (e.observed || e.expected)
        std::cout << '\n';
    if (!e.ci_method.empty())
        std::cout << "interval: " << e.ci_method << '\n';
    if (!e.note.empty())
        std::cout << "note: " << e.note << '\n';
}

void print_csv(const Estimate& e, const Plan& plan)
{
    std::cout << "metric,value,se,ci_low,ci_high,n_units,n_coders,n_dropped,reason\n";
    std::cout << io::csv_field(plan.metric) << ',' << format_optional(e.value) << ','
              << format_optional(e.se) << ',' << format_optional(e.ci_low) << ','
              << format_optional(e.ci_high) << ',' << e.n_units << ',' << e.n_coders << ','
              << e.n_dropped << ',' << io::csv_field(e.value ? "" : e.reason) << '\n';
}

} // namespace

int agree_table(const AgreeOptions& o)
{
    Plan plan;
    if (const std::string problem = make_plan(o, plan); !problem.empty())
        return usage_error(problem);
    auto table = read_table(o, plan);
    if (!table)
        return report(table.error());
    const RatingTable& t = table.value();
    // read_table's tables hold the invariant by construction (every cell missing, a finite
    // number or a category index it assigned), so validate(), one more pass over the whole
    // matrix, is not run on every read. ATTUNE_CHECK_TABLES=1 runs it; the CLI table tests set
    // it, so every table they read is checked.
    if (std::getenv("ATTUNE_CHECK_TABLES") != nullptr)
        ATTUNE_ASSERT(t.validate().empty());

    Estimate e;
    const std::string& m = plan.metric;
    if (contains(kWeightedMetrics, m))
    {
        auto w = read_weights(o, plan, stats::category_count(t));
        if (!w)
            return report(w.error());
        const stats::WeightMatrix* wp = &w.value();
        if (m == "percent-agreement")
            e = stats::percent_agreement(t, wp);
        else if (m == "cohen-kappa")
            e = stats::cohen_kappa(t, wp);
        else if (m == "scott-pi")
            e = stats::scott_pi(t, wp);
        else if (m == "fleiss-kappa")
            e = stats::fleiss_kappa(t, wp);
        else if (m == "gwet-ac2")
            e = stats::gwet_ac(t, wp);
        else
            e = stats::brennan_prediger(t, wp);
    }
    else if (m == "gwet-ac1")
        e = stats::gwet_ac(t);
    else if (m == "krippendorff-alpha")
        e = stats::krippendorff_alpha(t, plan.level, plan.bootstrap);
    else if (m == "icc")
        e = stats::icc(t, plan.form);
    else if (m == "pearson")
        e = stats::pearson(t);
    else if (m == "spearman")
        e = stats::spearman(t);
    else if (m == "mean-absolute-difference")
        e = stats::mean_absolute_difference(t);
    else if (m == "within-0.5")
        e = stats::share_within(t, 0.5);
    else
        e = stats::share_within(t, 1.0);

    if (o.format == "json")
        std::cout << to_json(e, plan, t).dump() << '\n';
    else if (o.format == "csv")
        print_csv(e, plan);
    else
        print_text(e, plan);
    return kExitOk;
}

} // namespace attune::cli
