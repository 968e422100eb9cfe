// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/result.h"

#include <catch2/catch.hpp>

#include <string>

using namespace attune;

TEST_CASE("base: a Result holds either its value or its error", "[base]")
{
    Result<int> good = 42;
    REQUIRE(good.ok());
    CHECK(*good == 42);

    Result<int> bad = make_error(ErrorCode::NotFound, "no such coder 'ann'");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::NotFound);
    CHECK(bad.error().message == "no such coder 'ann'");
}

TEST_CASE("base: an error formats as path:line:col: message", "[base]")
{
    Error e = make_error(ErrorCode::SchemeInvalid, "duplicate code id 'CC'",
                         SourceLocation{"scheme.xml", 12, 7});
    CHECK(e.to_string() == "scheme.xml:12:7: duplicate code id 'CC'");
    e.where->column = 0;
    CHECK(e.to_string() == "scheme.xml:12: duplicate code id 'CC'");
    e.where->line = 0;
    CHECK(e.to_string() == "scheme.xml: duplicate code id 'CC'");
    e.where.reset();
    CHECK(e.to_string() == "duplicate code id 'CC'");
}

TEST_CASE("base: Result<void> reports success or an error", "[base]")
{
    Result<void> fine;
    CHECK(fine.ok());
    Result<void> failed = make_error(ErrorCode::Io, "disk full");
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == ErrorCode::Io);
    CHECK(std::string(to_string(failed.error().code)) == "io");
}
