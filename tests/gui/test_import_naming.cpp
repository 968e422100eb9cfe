// SPDX-License-Identifier: GPL-3.0-or-later
// What the import dialog suggests from a file name (app/import_naming).
#include "app/import_naming.h"

#include <catch2/catch.hpp>

#include <string>

using attune::app::suggested_names;

TEST_CASE("import names: a participant id at the start of the file name is suggested",
          "[gui][import]")
{
    auto n = suggested_names("/data/P03_interview.txt");
    CHECK(n.title == "P03_interview.txt");
    REQUIRE(n.participant);
    CHECK(*n.participant == "P03");
    CHECK(*suggested_names("P01-secure.txt").participant == "P01");
    CHECK(*suggested_names("AAI12 mother.docx").participant == "AAI12");
    CHECK(*suggested_names("s7.odt").participant == "s7");
}

TEST_CASE("import names: nothing is guessed from names that are not participant ids",
          "[gui][import]")
{
    CHECK_FALSE(suggested_names("interview.txt").participant);
    CHECK_FALSE(suggested_names("2024-05-01.txt").participant);   // digits only
    CHECK_FALSE(suggested_names("P03interview.txt").participant); // no separator
    CHECK_FALSE(suggested_names("Participant3.txt").participant); // too many letters
    CHECK_FALSE(suggested_names("P123456.txt").participant);      // a number, not an id
    CHECK_FALSE(suggested_names("father-w1252.txt").participant); // only the first part
    CHECK_FALSE(suggested_names("study AAI07.odt").participant);
    // The title always fits the name rule, as attune-cli import makes it.
    CHECK(suggested_names("a\tb.txt").title == std::string("a\xEF\xBF\xBD") + "b.txt");
}
