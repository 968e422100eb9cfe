// SPDX-License-Identifier: GPL-3.0-or-later
// Writes what the REFI-QDA export produces, for core.io_refi_xsd to validate with xmllint against
// the standard's schemas (tests/data/refi/xsd): the sample project as a .qdpx (whole, and only
// one coder's part), an empty project as a .qdpx, and every shipped scheme as a .qdc.
// Usage: write_refi_samples SCHEMES_DIR OUT_DIR
#include "core/io/refi_export.h"

#include "sample_project.h"

#include <filesystem>
#include <iostream>

using namespace attune;
namespace fs = std::filesystem;

int main(int argc, char** argv)
{
    if (argc != 3)
    {
        std::cerr << "usage: write_refi_samples SCHEMES_DIR OUT_DIR\n";
        return 2;
    }
    const fs::path schemes = argv[1];
    const fs::path out = argv[2];
    try
    {
        fs::remove_all(out);
        fs::create_directories(out);
        auto p = test::build_sample_project(out / "sample.attune", schemes);
        project::Session& s = *p.session;
        for (const char* id : {"aai-coherence-grice", "aai-unresolved"})
            test::sample_ok(s.apply(
                project::AddScheme{test::sample_read(schemes / (std::string(id) + ".xml")), id}));
        test::sample_ok(io::export_refi_project(s, {}, out / "sample.qdpx"));
        io::RefiExportOptions one;
        one.coders = {p.ben};
        one.transcripts = {p.p1};
        test::sample_ok(io::export_refi_project(s, one, out / "ben.qdpx"));
        for (const auto& info : s.schemes())
            test::sample_ok(
                io::export_refi_codebook(s, info.scheme_id, out / (info.scheme_id + ".qdc")));
        auto empty = test::sample_ok(project::Session::create(out / "empty.attune"));
        test::sample_ok(io::export_refi_project(*empty, {}, out / "empty.qdpx"));
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << '\n';
        return 1;
    }
    return 0;
}
