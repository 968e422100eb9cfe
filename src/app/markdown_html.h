// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The user guide in the help window: the subset of Markdown docs/*.md use, as the simple HTML
// wxHtmlWindow shows. wx-free, so the conversion is tested without a window.

#include <filesystem>
#include <string>

namespace attune::app
{

/// Converts Markdown to HTML: ATX headings (with GitHub-style anchors), paragraphs, fenced
/// code, "-" and "1." lists, pipe tables, **bold**, *italic*, `code`, links and images.
/// Images are resolved against `base_dir` to file: URLs and scaled down to `max_image_width`
/// pixels (PNG sizes read from the file). Anything else is shown as text, escaped.
std::string markdown_to_html(const std::string& markdown, const std::filesystem::path& base_dir,
                             int max_image_width = 760);

/// The anchor GitHub gives a heading: "Who is coding" → "who-is-coding".
std::string heading_anchor(const std::string& heading);

} // namespace attune::app
