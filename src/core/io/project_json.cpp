// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/project_json.h"

#include "core/io/export_info_json.h"

#include "core/text/text_index.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace attune::io
{

namespace
{

using Json = nlohmann::ordered_json;

// Streams a JSON document whose containers are opened and closed one at a time, so that only
// the record being written is ever held as a Json value: a project can hold hundreds of
// thousands of annotations. Containers get one member per line, indented by 2; a value given
// whole is dumped on its line.
class StreamWriter
{
public:
    explicit StreamWriter(std::ostream& out) : m_out(out) {}

    void open(char bracket)
    {
        prefix();
        m_out << bracket;
        m_levels.push_back({bracket == '{' ? '}' : ']', true});
    }
    void close()
    {
        const Level level = m_levels.back();
        m_levels.pop_back();
        if (!level.empty)
            newline();
        m_out << level.close;
    }
    void key(std::string_view name)
    {
        prefix();
        m_out << dump(Json(name)) << ": ";
        m_after_key = true;
    }
    void value(const Json& v)
    {
        prefix();
        m_out << dump(v);
    }
    void member(std::string_view name, const Json& v)
    {
        key(name);
        value(v);
    }
    void finish() { m_out << '\n'; }

private:
    struct Level
    {
        char close;
        bool empty;
    };

    // Invalid UTF-8 cannot reach the store (every text and name is checked on the way in), but
    // should a damaged file hold some, a replacement character beats an exception mid-document.
    static std::string dump(const Json& v)
    {
        return v.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    void newline() { m_out << '\n' << std::string(2 * m_levels.size(), ' '); }
    void prefix()
    {
        if (m_after_key)
        {
            m_after_key = false;
            return;
        }
        if (m_levels.empty())
            return;
        if (!m_levels.back().empty)
            m_out << ',';
        m_levels.back().empty = false;
        newline();
    }

    std::ostream& m_out;
    std::vector<Level> m_levels;
    bool m_after_key = false;
};

Json optional_json(const std::optional<std::string>& s)
{
    return s ? Json(*s) : Json(nullptr);
}

// What a transcript says about itself. The source file name is left out: it is often the
// participant's name ("Smith interview.docx"), which the participant id exists to replace.
Result<Json> transcript_head(const project::Transcript& t)
{
    // Stored as text; parsed so that readers get an object, not a string to parse again.
    Json metadata = Json::parse(t.metadata_json, nullptr, false);
    if (!metadata.is_object())
        return Error{ErrorCode::DataInvalid,
                     "the metadata of transcript " + t.uuid + " is not a JSON object",
                     {}};
    return Json{{"uuid", t.uuid},
                {"participant", optional_json(t.participant)},
                {"title", t.title},
                {"version", t.version},
                {"supersedes_uuid", optional_json(t.supersedes_uuid)},
                {"interview_date", optional_json(t.interview_date)},
                {"interviewer", optional_json(t.interviewer)},
                {"language", optional_json(t.language)},
                {"metadata", std::move(metadata)},
                {"encoding", optional_json(t.encoding)},
                {"sha256", t.sha256},
                {"word_count", t.word_count},
                {"turn_count", t.turn_count},
                {"line_count", t.line_count},
                {"created", t.created}};
}

// The passage through the transcript's index: cutting each of thousands of passages by
// counting code points from the start would make a long transcript quadratic.
Json annotation_json(const project::Annotation& a, const text::TextIndex* index)
{
    Json j = {{"uuid", a.uuid}, {"scheme", a.scheme_id}, {"scheme_version", a.scheme_version},
              {"code", a.code}, {"start", a.start},      {"end", a.end},
              {"memo", a.memo}, {"created", a.created},  {"modified", a.modified}};
    if (index)
    {
        const auto begin = index->cp_to_utf8(a.start);
        const auto end = index->cp_to_utf8(std::max(a.start, a.end));
        j["text"] = index->text().substr(static_cast<std::size_t>(begin),
                                         static_cast<std::size_t>(end - begin));
    }
    return j;
}

Json rating_json(const project::Rating& r)
{
    return {{"uuid", r.uuid},
            {"scheme", r.scheme_id},
            {"scheme_version", r.scheme_version},
            {"scale", r.scale},
            {"target", r.target},
            {"value", r.value ? Json(*r.value) : Json(nullptr)},
            {"not_scorable", r.not_scorable},
            {"note", r.note},
            {"modified", r.modified}};
}

Json classification_json(const project::Classification& c)
{
    return {{"uuid", c.uuid},
            {"scheme", c.scheme_id},
            {"scheme_version", c.scheme_version},
            {"category", c.category},
            {"subcategory", optional_json(c.subcategory)},
            {"unresolved", optional_json(c.unresolved)},
            {"alternative", optional_json(c.alternative)},
            {"note", c.note},
            {"modified", c.modified}};
}

// The datasets' scheme rule (ExportSelection::has_scheme): records of other schemes stay home.
template <typename Rec>
std::vector<Rec> of_schemes(std::vector<Rec> all, const ExportSelection& sel)
{
    std::vector<Rec> kept;
    for (auto& x : all)
        if (sel.has_scheme(x.scheme_id))
            kept.push_back(std::move(x));
    return kept;
}

template <typename Rec, typename ToJson>
void write_array(StreamWriter& w, std::string_view name, const std::vector<Rec>& records,
                 ToJson to_json)
{
    w.key(name);
    w.open('[');
    for (const auto& x : records)
        w.value(to_json(x));
    w.close();
}

// One coder's records on one transcript; nothing when the coder has none of the selected schemes.
void write_coder_records(StreamWriter& w, project::Session& s, const ExportSelection& sel,
                         const project::Transcript& t, const project::Coder& c,
                         const text::TextIndex* index)
{
    // Read per transcript and coder: the most ever held is one coder's work on one transcript.
    const auto annotations = of_schemes(s.annotations(t.id, c.id), sel);
    const auto ratings = of_schemes(s.ratings(t.id, c.id), sel);
    const auto classifications = of_schemes(s.classifications(t.id, c.id), sel);
    if (annotations.empty() && ratings.empty() && classifications.empty())
        return;
    w.open('{');
    w.member("coder", c.name);
    write_array(w, "annotations", annotations,
                [&](const project::Annotation& a) { return annotation_json(a, index); });
    write_array(w, "ratings", ratings, rating_json);
    write_array(w, "classifications", classifications, classification_json);
    w.close();
}

Result<void> write_transcript(StreamWriter& w, project::Session& s, const ExportSelection& sel,
                              const DatasetOptions& o, const project::Transcript& t)
{
    auto head = transcript_head(t);
    if (!head)
        return head.error();
    text::TextIndex index;
    if (o.with_text)
    {
        auto loaded = s.text(t.id);
        if (!loaded)
            return loaded.error();
        index = text::TextIndex(std::move(*loaded));
    }
    w.open('{');
    for (const auto& [name, value] : head->items())
        w.member(name, value);
    if (o.with_text)
        w.member("text", index.text());
    // Whether a coder is listed is known only once their records are read: "records" comes last.
    w.key("records");
    w.open('[');
    for (const auto& c : sel.coders)
        write_coder_records(w, s, sel, t, c, o.with_text ? &index : nullptr);
    w.close();
    w.close();
    return {};
}

Error stream_failed()
{
    return Error{ErrorCode::Io, "cannot write the project JSON (the output failed)", {}};
}

} // namespace

Result<void> write_project_json(project::Session& s, const ExportSelection& sel,
                                const DatasetOptions& o, const ExportInfo& info, std::ostream& out)
{
    StreamWriter w(out);
    w.open('{');
    w.member("format", kProjectJsonFormat);
    w.member("version", kProjectJsonVersion);
    w.member("info", export_info_json(info));
    write_array(
        w, "schemes", sel.schemes,
        [](const auto& sc) {
            return Json{{"id", sc->id()}, {"version", sc->version()}, {"name", sc->title()}};
        });
    write_array(w, "coders", sel.coders,
                [](const project::Coder& c) {
                    return Json{{"name", c.name}, {"role", c.role}, {"uuid", c.uuid}};
                });
    w.key("transcripts");
    w.open('[');
    for (const auto& t : sel.transcripts)
    {
        if (auto r = write_transcript(w, s, sel, o, t); !r)
            return r;
        // Stop at the first failure rather than build the rest of a document nobody receives.
        if (!out)
            return stream_failed();
    }
    w.close();
    w.close();
    w.finish();
    out.flush();
    if (!out)
        return stream_failed();
    return {};
}

} // namespace attune::io
