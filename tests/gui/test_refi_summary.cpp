// SPDX-License-Identifier: GPL-3.0-or-later
// The words of the workbench's REFI-QDA export and import reports (app/refi_summary.h): every
// list of core's report reaches the dialog, the skipped and unplaced selections by GUID, and
// the position convention says whether it was detected or chosen.
#include "app/refi_summary.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::app;

TEST_CASE("gui: a REFI-QDA export report lists what could not be expressed", "[gui]")
{
    io::RefiExportReport r;
    r.file = "/home/lab/study.qdpx";
    r.users = 2;
    r.codes = 14;
    r.sources = 1;
    r.selections = 5;
    r.lost = {"the keyboard shortcut of 3 codes", "2 ratings."};
    r.notes_text = {"the Attune scheme is kept as a note"};
    CHECK(refi_export_headline(r) == "Wrote study.qdpx: 1 source, 5 selections, 2 users.");
    const std::string text = describe_refi_export(r);
    CHECK(text.find("Exported: 14 codes, 2 users, 1 source, 5 selections, 0 notes") == 0);
    CHECK(text.find("File: /home/lab/study.qdpx\n") != std::string::npos);
    CHECK(text.find("Note: The Attune scheme is kept as a note.\n") != std::string::npos);
    CHECK(text.find("(2):\n  The keyboard shortcut of 3 codes.\n  2 ratings.\n") !=
          std::string::npos);
    r.lost.clear();
    r.users = r.sources = r.selections = 0;
    CHECK(refi_export_headline(r) == "Wrote study.qdpx: 14 codes.");
    CHECK(describe_refi_export(r).find("Nothing was lost") != std::string::npos);
}

TEST_CASE("gui: a REFI-QDA import report names skipped and unplaced selections by GUID", "[gui]")
{
    io::RefiImportReport r;
    r.file = "maxqda.qdpx";
    r.origin = "MAXQDA 2022";
    r.unit = "UTF-16 units";
    r.crlf = "CR LF as two";
    r.detected = true;
    r.scheme_id = "refi-maxqda";
    r.scheme_version = "1.0";
    r.scheme_generated = true;
    r.codes = 3;
    r.transcripts = 1;
    r.coders = 1;
    r.coders_mapped = 1;
    r.annotations = 4;
    r.memos = 1;
    r.skipped = {{"PDFSource", "aa01", "scan.pdf", "not plain text"},
                 {"PlainTextSelection", "bb02", "", "no codings"}};
    r.unplaced = {{"cc03", "Interview 1", "ends after the text"}};
    r.warnings = {"a colour is malformed"};
    CHECK(refi_import_headline(r) ==
          "Imported maxqda.qdpx (MAXQDA 2022): 1 new transcript, 4 new annotations.");
    const std::string text = describe_refi_import(r);
    CHECK(text.find("Scheme: refi-maxqda 1.0, 3 codes (made from the codebook).\n") == 0);
    CHECK(text.find("Positions: UTF-16 units, CR LF as two (detected from the file).\n") !=
          std::string::npos);
    CHECK(text.find("Coders: 1 new, 1 mapped") != std::string::npos);
    CHECK(text.find("Annotations: 4 new (1 with memos), 0 already") != std::string::npos);
    CHECK(text.find("Skipped (2):\n  1 PDFSource\n  1 PlainTextSelection\n") != std::string::npos);
    CHECK(text.find("PlainTextSelection bb02: no codings\n") != std::string::npos);
    CHECK(text.find("aa01") == std::string::npos); // a PDF is a count, not a line
    CHECK(text.find("Not placed (1 selection):\n  cc03 (Interview 1): ends after the text\n") !=
          std::string::npos);
    CHECK(text.find("Warnings:\n  A colour is malformed.\n") != std::string::npos);
    r.detected = false;
    CHECK(describe_refi_import(r).find("(as chosen)") != std::string::npos);
    r.unit = "none";
    CHECK(describe_refi_import(r).find("no plain-text source") != std::string::npos);
}
