// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/measure.h"

#include "app/data_paths.h"
#include "app/main_frame.h"
#include "app/scheme_view.h"
#include "app/transcript_view.h"
#include "core/project/study_rules.h"

#include <wx/app.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>

#include <sstream>
#include <unistd.h>

namespace attune::app
{

namespace
{

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// A synthetic interview: alternating interviewer/participant turns, some accented words, about
/// `words` words in lines of ~12 words, so it has the shape of a real transcript.
std::string synthetic_transcript(int words)
{
    static const char* kWords[] = {"my",    "mother", "was",    "always", "there",  "I",
                                   "think", "father", "we",     "didn't", "really", "talk",
                                   "about", "it",     "café",   "naïve",  "when",   "school",
                                   "upset", "she",    "would",  "hold",   "me",     "and",
                                   "the",   "loving", "strict", "fair",   "cold",   "warm"};
    std::mt19937 rng(42);
    std::string out;
    int n = 0;
    bool interviewer = true;
    while (n < words)
    {
        out += interviewer ? "I: " : "R: ";
        const int turn =
            interviewer ? 12 + static_cast<int>(rng() % 12) : 40 + static_cast<int>(rng() % 120);
        for (int i = 0; i < turn && n < words; ++i, ++n)
        {
            out += kWords[rng() % (sizeof kWords / sizeof *kWords)];
            out += (i % 12 == 11) ? "\n" : " ";
        }
        out += "\n";
        interviewer = !interviewer;
    }
    return out;
}

std::string read_file(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void pump()
{
    for (int i = 0; i < 3; ++i)
        wxTheApp->Yield(true);
}

} // namespace

double resident_mb()
{
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key)
    {
        if (key == "VmRSS:")
        {
            double kb = 0;
            in >> kb;
            return kb / 1024.0;
        }
        std::string rest;
        std::getline(in, rest);
    }
    return -1;
}

namespace
{

/// Adds 5,000 random annotations to transcript `id` with the codes of `view`.
void add_annotations(project::Session& s, project::TranscriptId id, const SchemeView& view,
                     std::int64_t length)
{
    std::vector<std::string> codes;
    for (const auto& c : view.codes)
        if (!c.is_group)
            codes.push_back(c.id);
    const auto coder = s.coder("measure").value();
    std::mt19937 rng(7);
    const auto t0 = Clock::now();
    int made = 0;
    while (made < 5000)
    {
        project::Annotate a;
        a.transcript = id;
        a.coder = coder.id;
        a.scheme_id = view.id;
        a.code = codes[static_cast<std::size_t>(made) % codes.size()];
        a.start = static_cast<std::int64_t>(rng() % static_cast<unsigned>(length - 400));
        a.end = a.start + 5 + static_cast<std::int64_t>(rng() % 300);
        if (s.apply(a))
            ++made;
    }
    std::printf("setup_5000_annotations %.0f ms\n", ms_since(t0));
}

/// The measured project: the state-of-mind scheme, a 50,000-word transcript and 5,000
/// annotations. False (with the reason printed) when it could not be made.
bool build_big_project(const std::filesystem::path& path)
{
    auto created = project::Session::create(path);
    if (!created)
    {
        std::fprintf(stderr, "attune: measure: %s\n", created.error().to_string().c_str());
        return false;
    }
    auto& s = *created.value();
    const auto data = find_data_paths();
    if (!data)
    {
        std::fprintf(stderr, "attune: measure: %s\n", data.error().to_string().c_str());
        return false;
    }
    const auto scheme_file = data->scheme_file("aai-state-of-mind");
    auto added = s.apply(project::AddScheme{read_file(scheme_file), scheme_file.string()});
    if (!added)
    {
        std::fprintf(stderr, "attune: measure: %s\n", added.error().to_string().c_str());
        return false;
    }
    (void)s.apply(project::AddCoder{"measure"});
    const auto text = synthetic_transcript(50000);
    project::AddTranscript t;
    t.meta.title = "synthetic 50k";
    t.meta.participant = "P-50K";
    t.text = text;
    auto tr = s.apply(t);
    if (!tr)
    {
        std::fprintf(stderr, "attune: measure: %s\n", tr.error().to_string().c_str());
        return false;
    }
    auto sch = s.scheme(s.schemes().front().scheme_id);
    add_annotations(s, tr->transcript, make_scheme_view(*sch.value()),
                    static_cast<std::int64_t>(text.size())); // ≥ code points
    return true;
}

/// Shows the current transcript again five times, first paint included; prints the median.
void measure_show(MainFrame& frame)
{
    std::vector<double> show;
    for (int i = 0; i < 5; ++i)
    {
        const auto t0 = Clock::now();
        frame.reload_current();
        frame.view()->Refresh();
        frame.view()->Update(); // the first paint is part of "shown highlighted"
        show.push_back(ms_since(t0));
        pump();
    }
    std::sort(show.begin(), show.end());
    std::printf("show_50k_words_5000_annotations_median %.1f ms (min %.1f, max %.1f)\n", show[2],
                show.front(), show.back());
}

/// Applies a code to a selection seven times, as the shortcut does: command, transaction,
/// notification, highlight and list refresh, repaint. False when applying failed.
bool measure_apply(MainFrame& frame)
{
    std::vector<double> apply;
    const CodeItem* code = nullptr;
    std::vector<SchemeView> views;
    for (const auto& info : project::latest_schemes(frame.session()->schemes()))
        views.push_back(make_scheme_view(*frame.session()->scheme(info.scheme_id).value()));
    for (const auto& c : views.front().codes)
        if (!c.is_group)
        {
            code = &c;
            break;
        }
    for (int i = 0; i < 7; ++i)
    {
        frame.view()->select_cp(1000 + i * 500, 1040 + i * 500);
        frame.view()->Update(); // the selection's own repaint is not part of applying
        pump();
        const auto t0 = Clock::now();
        if (!frame.apply_code(*code))
        {
            std::fprintf(stderr, "attune: measure: apply failed: %s\n", frame.last_error().c_str());
            return false;
        }
        frame.view()->Update();
        apply.push_back(ms_since(t0));
        pump();
    }
    std::sort(apply.begin(), apply.end());
    std::printf("apply_code_median %.1f ms (min %.1f, max %.1f)\n", apply[3], apply.front(),
                apply.back());
    return true;
}

} // namespace

int run_measurement(MainFrame& frame, const std::string& demo_project)
{
    std::printf("rss_start %.1f MB\n", resident_mb());
    if (!demo_project.empty())
    {
        if (!frame.open_project(demo_project))
        {
            std::fprintf(stderr, "attune: measure: cannot open %s: %s\n", demo_project.c_str(),
                         frame.last_error().c_str());
            return 1;
        }
        pump();
        frame.Update();
        std::printf("rss_demo_open %.1f MB\n", resident_mb());
    }

    const auto dir =
        std::filesystem::temp_directory_path() / ("attune-measure-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "big.attune";
    std::filesystem::remove(path);
    if (!build_big_project(path))
        return 1;

    // Opening the project file (integrity check included) and showing its first transcript.
    const auto t_open = Clock::now();
    if (!frame.open_project(path))
    {
        std::fprintf(stderr, "attune: measure: %s\n", frame.last_error().c_str());
        return 1;
    }
    frame.view()->Update();
    std::printf("open_project_and_show_first %.1f ms\n", ms_since(t_open));
    pump();
    measure_show(frame);
    if (!measure_apply(frame))
        return 1;
    std::printf("rss_big_open %.1f MB\n", resident_mb());
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}

} // namespace attune::app
