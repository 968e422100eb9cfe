// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the project JSON and the dataset JSON of the sample project (sample_project.h) into
// DIR, plus copies broken on purpose (bad-*.json), for validate_json_schema.py to check against
// docs/schemas/ with a validator that shares no code with Attune.
//
//   write_json_schema_samples DIR SCHEMES_DIR
#include "core/io/dataset_writers.h"
#include "core/io/datasets.h"
#include "core/io/project_json.h"

#include "sample_project.h"
#include "sample_table.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <functional>

using namespace attune;
namespace fs = std::filesystem;

namespace
{

void save(const fs::path& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

void write_project(project::Session& s, const io::DatasetOptions& o, const fs::path& path)
{
    const auto sel = test::sample_ok(io::select_export(s, o));
    const auto info = test::sample_ok(io::export_info(s, o));
    std::ofstream out(path, std::ios::binary);
    const Result<void> r = io::write_project_json(s, sel, o, info, out);
    if (!r)
        throw std::runtime_error(r.error().to_string());
}

// A copy of `from` changed by `edit`, which must break the schema.
void write_broken(const fs::path& from, const fs::path& to,
                  const std::function<void(nlohmann::json&)>& edit)
{
    nlohmann::json doc = nlohmann::json::parse(test::sample_read(from));
    edit(doc);
    save(to, doc.dump(2) + "\n");
}

void write_samples(const fs::path& dir, const fs::path& schemes)
{
    auto p = test::build_sample_project(dir / "sample.attune", schemes);
    project::Session& s = *p.session;
    io::DatasetOptions all, with_text, subset;
    with_text.with_text = true;
    subset.schemes = {test::kSomScheme};
    subset.coders = {p.ben};
    write_project(s, all, dir / "project.json");
    write_project(s, with_text, dir / "project-text.json");
    write_project(s, subset, dir / "project-subset.json");
    for (const char* name : io::kDatasetNames)
    {
        const io::DataTable t = test::sample_ok(io::build_dataset(s, name, with_text));
        save(dir / ("dataset-" + std::string(name) + ".json"),
             io::dataset_json(t, test::sample_ok(io::export_info(s, with_text))));
    }
    save(dir / "dataset-sample.json", io::dataset_json(test::sample_table(), test::sample_info()));

    using nlohmann::json;
    auto first_record = [](json& d) -> json& { return d["transcripts"][0]["records"][0]; };
    write_broken(dir / "project.json", dir / "bad-project-offset.json",
                 [&](json& d) { first_record(d)["annotations"][0]["start"] = "22"; });
    write_broken(dir / "project.json", dir / "bad-project-rating.json",
                 [&](json& d)
                 {
                     // A score on a rating marked not scorable: the two exclude each other.
                     for (auto& r : first_record(d)["ratings"])
                         if (r["not_scorable"] == true)
                             r["value"] = 5;
                 });
    write_broken(dir / "project.json", dir / "bad-project-extra.json",
                 [](json& d) { d["transcripts"][0]["source_name"] = "Smith interview.docx"; });
    write_broken(dir / "project.json", dir / "bad-project-version.json",
                 [](json& d) { d["version"] = 2; });
    write_broken(dir / "dataset-wide.json", dir / "bad-dataset-type.json",
                 [](json& d) { d["variables"][0]["type"] = "date"; });
    write_broken(dir / "dataset-wide.json", dir / "bad-dataset-rows.json",
                 [](json& d) { d.erase("rows"); });
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3)
    {
        std::fprintf(stderr, "usage: write_json_schema_samples DIR SCHEMES_DIR\n");
        return 2;
    }
    try
    {
        write_samples(argv[1], argv[2]);
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
