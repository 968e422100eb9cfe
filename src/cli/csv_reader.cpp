// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/csv_reader.h"
#include "core/base/file_read.h"
#include "core/text/decode.h"

#include <utility>

namespace attune::cli
{

namespace
{

// UTF-8 continuation bytes do not start a code point, so they do not advance the column.
bool starts_code_point(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

// 1-based line and column (code points) of byte `offset`.
std::pair<int, int> position_of(std::string_view text, std::size_t offset)
{
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset; ++i)
    {
        if (text[i] == '\n')
        {
            ++line;
            column = 1;
        }
        else if (starts_code_point(text[i]))
            ++column;
    }
    return {line, column};
}

// A control character other than tab, CR and LF (a NUL from a binary file, say).
bool is_stray_control(char c)
{
    const auto b = static_cast<unsigned char>(c);
    return (b < 0x20 && c != '\t' && c != '\r' && c != '\n') || b == 0x7F;
}

} // namespace

Result<std::vector<CsvRow>> parse_csv(std::string_view text, const std::string& path)
{
    // Spreadsheets on Windows write a BOM; it is not part of the first header name.
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    // Labels are compared byte for byte, so a file in another encoding (or a binary one) must
    // be refused where its first bad byte is, not read as odd category names.
    if (const auto bad = text::first_invalid_utf8(text))
    {
        const auto [l, c] = position_of(text, *bad);
        return make_error(ErrorCode::DataInvalid,
                          "the file is not valid UTF-8 (save it as UTF-8 CSV)",
                          SourceLocation{path, l, c});
    }
    for (std::size_t k = 0; k < text.size(); ++k)
        if (is_stray_control(text[k]))
        {
            const auto [l, c] = position_of(text, k);
            return make_error(ErrorCode::DataInvalid,
                              "a control character (byte " +
                                  std::to_string(static_cast<unsigned char>(text[k])) +
                                  ") where text was expected",
                              SourceLocation{path, l, c});
        }
    std::vector<CsvRow> rows;
    int line = 1;
    int column = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto error = [&](const std::string& message, int l, int c) {
        return make_error(ErrorCode::DataInvalid, message, SourceLocation{path, l, c});
    };
    auto advance = [&]()
    {
        const char c = text[i++];
        if (c == '\n')
        {
            ++line;
            column = 1;
        }
        else if (starts_code_point(c))
            ++column;
    };

    while (i < n)
    {
        CsvRow row;
        row.line = line;
        bool blank = true;
        while (true)
        {
            CsvField field;
            field.line = line;
            field.column = column;
            if (i < n && text[i] == '"')
            {
                field.quoted = true;
                blank = false;
                const int open_line = line;
                const int open_column = column;
                advance();
                bool closed = false;
                while (i < n)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < n && text[i + 1] == '"')
                        {
                            field.text += '"';
                            advance();
                            advance();
                            continue;
                        }
                        advance();
                        closed = true;
                        break;
                    }
                    // CRLF inside a quoted field is one line break, kept as LF like the rest of the
                    // text.
                    if (text[i] != '\r' || i + 1 >= n || text[i + 1] != '\n')
                        field.text += text[i];
                    advance();
                }
                // Reported at the opening quote: that is where the user must look, not at the end
                // of file.
                if (!closed)
                    return error("unterminated quoted field (the closing '\"' is missing)",
                                 open_line, open_column);
                if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    return error("unexpected text after a closing quote", line, column);
            }
            else
            {
                while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                {
                    if (text[i] == '"')
                        return error("a '\"' inside an unquoted field (quote the whole field)",
                                     line, column);
                    field.text += text[i];
                    advance();
                }
                if (!field.text.empty())
                    blank = false;
            }
            row.fields.push_back(std::move(field));
            if (i < n && text[i] == ',')
            {
                blank = false;
                advance();
                continue;
            }
            break;
        }
        if (i < n && text[i] == '\r')
            advance();
        if (i < n && text[i] == '\n')
            advance();
        // Blank lines (often a trailing one) are not units; a line with only commas is a record.
        if (!blank)
            rows.push_back(std::move(row));
    }
    return rows;
}

Result<std::vector<CsvRow>> read_csv(const std::string& path)
{
    auto text = read_file_limited(path, kMaxCsvBytes, "the CSV file");
    if (!text)
        return text.error();
    return parse_csv(*text, path);
}

} // namespace attune::cli
