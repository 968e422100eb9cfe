// SPDX-License-Identifier: GPL-3.0-or-later
// The main() of a fuzz target built without libFuzzer: replays every file of the directories
// (or the files) named on the command line through LLVMFuzzerTestOneInput, in name order, so the
// committed corpora run as ordinary ctest tests under the normal compiler. A crash or a failed
// FUZZ_REQUIRE aborts the process and fails the test; so does an empty corpus, which would
// otherwise pass without testing anything.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i)
    {
        const fs::path arg = argv[i];
        std::error_code ec;
        if (fs::is_directory(arg, ec))
        {
            for (const auto& e : fs::directory_iterator(arg, ec))
                if (e.is_regular_file())
                    inputs.push_back(e.path());
        }
        else if (fs::is_regular_file(arg, ec))
            inputs.push_back(arg);
        else
        {
            std::fprintf(stderr, "%s: no such file or directory\n", arg.c_str());
            return 1;
        }
    }
    if (inputs.empty())
    {
        std::fprintf(stderr, "no corpus files to replay\n");
        return 1;
    }
    std::sort(inputs.begin(), inputs.end());
    for (const auto& path : inputs)
    {
        std::ifstream in(path, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
        if (!in.eof() && in.fail())
        {
            std::fprintf(stderr, "%s: cannot be read\n", path.c_str());
            return 1;
        }
        // Named first, so the input that crashes is the last line of the test's output.
        std::fprintf(stderr, "replay %s (%zu bytes)\n", path.c_str(), bytes.size());
        (void)LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                     bytes.size());
    }
    std::printf("replayed %zu inputs\n", inputs.size());
    return 0;
}
