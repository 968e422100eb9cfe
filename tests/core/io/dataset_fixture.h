// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the dataset and export tests share: unwrapping results, reading files, finding a
// variable's column and reading cells, and a new project with the shipped state-of-mind scheme.

#include "core/io/data_table.h"
#include "core/project/session.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace attune::test
{

template <typename T> T ok(Result<T> r)
{
    if (!r)
        FAIL(r.error().to_string());
    return std::move(r).value();
}

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A new project at `file` holding the shipped aai-state-of-mind scheme.
inline std::unique_ptr<project::Session> new_study(const std::filesystem::path& file)
{
    auto session = ok(project::Session::create(file));
    ok(session->apply(project::AddScheme{
        read_file(ATTUNE_SOURCE_DIR "/schemes/aai-state-of-mind.xml"), "aai-state-of-mind.xml"}));
    return session;
}

inline std::size_t column(const io::DataTable& table, const std::string& name)
{
    for (std::size_t i = 0; i < table.variables.size(); ++i)
        if (table.variables[i].name == name)
            return i;
    FAIL("no variable " << name);
    return 0;
}

inline double number(const io::Cell& c)
{
    REQUIRE(std::holds_alternative<double>(c));
    return std::get<double>(c);
}

inline std::string text(const io::Cell& c)
{
    REQUIRE(std::holds_alternative<std::string>(c));
    return std::get<std::string>(c);
}

} // namespace attune::test
