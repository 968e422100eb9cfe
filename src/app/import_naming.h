// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the import dialog suggests for a transcript file before anybody types anything.

#include <filesystem>
#include <optional>
#include <string>

namespace attune::app
{

/// Names suggested for an imported file: the title is the file name made to fit the name rule
/// (text::name_from, as `attune-cli import` does); the participant id is the stem's first part
/// (up to '_', '-', '.' or a space) when it looks like one, a few letters then digits ("P03" from
/// "P03_interview.txt", "AAI12" from "AAI12 mother.docx"), else nothing: a guess that is not an
/// id (an encoding in "father-w1252.txt", a date) would be worse than an empty field.
struct ImportNames
{
    std::string title;
    std::optional<std::string> participant;
};

ImportNames suggested_names(const std::filesystem::path& file);

} // namespace attune::app
