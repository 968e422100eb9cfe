// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui_test_script.h"

#include "app/gui_test_driver.h"
#include "app/main_frame.h"

#include <wx/app.h>
#include <wx/utils.h>

#include <cstdio>
#include <fstream>

namespace attune::app
{

std::vector<std::string> split_script_line(const std::string& line)
{
    std::vector<std::string> words;
    std::string cur;
    bool quoted = false;
    bool has = false;
    for (char c : line)
    {
        if (c == '"')
        {
            quoted = !quoted;
            has = true;
        }
        else if (!quoted && c == '#')
            break;
        else if (!quoted && (c == ' ' || c == '\t' || c == '\r'))
        {
            if (has)
                words.push_back(cur);
            cur.clear();
            has = false;
        }
        else
        {
            cur += c;
            has = true;
        }
    }
    if (has)
        words.push_back(cur);
    return words;
}

int run_gui_test_script(MainFrame& frame, const std::filesystem::path& script)
{
    std::ifstream in(script);
    if (!in)
    {
        std::fprintf(stderr, "%s: error: cannot read the script\n", script.string().c_str());
        return 1;
    }
    GuiTestDriver driver(frame.test_target());
    std::string line;
    int number = 0;
    while (std::getline(in, line))
    {
        ++number;
        const auto words = split_script_line(line);
        if (words.empty())
            continue;
        // Let pending events (refreshes, CallAfter) run between steps, as between user actions.
        for (int i = 0; i < 5; ++i)
            wxTheApp->Yield(true);
        const std::string failure = driver.run(words);
        if (!failure.empty())
        {
            std::fprintf(stderr, "%s:%d: error: %s\n", script.string().c_str(), number,
                         failure.c_str());
            return 1;
        }
        std::printf("ok %d: %s\n", number, line.c_str());
    }
    return 0;
}

} // namespace attune::app
