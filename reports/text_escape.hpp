#pragma once
// Text escaping for the report writers: every string a report shows comes from a target or a
// fixture (response bodies, stderr, fixture names) and may hold anything — invalid UTF-8, NUL,
// ESC sequences, markup. Each format passes such text through one of these functions, so no
// input can break a report's syntax or a reader's terminal.
//
// The layers:
//  - valid_utf8: every byte that is not part of a well-formed UTF-8 sequence becomes the four
//    characters `\xNN`, so the result is valid UTF-8 and the bytes stay readable.
//  - visible_text: valid_utf8, then every control character except tab and newline becomes
//    `\u00NN` (C0, DEL), and the noncharacters U+FFFE / U+FFFF become `\uFFFE` / `\uFFFF`. The
//    result is printable on a terminal and allowed in XML 1.0.
//  - xml_text / xml_attribute / html_text: visible_text, then markup characters as entities;
//    xml_attribute also encodes tab and newline so attribute normalisation keeps them.
//  - markdown_cell: visible_text, one line, safe inside a GitHub table cell.
//  - markdown_fence: a backtick fence longer than any backtick run in the text it encloses.
// Deterministic: pure functions, no locale.

#include <string>
#include <string_view>

namespace taskcheck::reports {

std::string valid_utf8(std::string_view text);
std::string visible_text(std::string_view text);

// Escapes & < > (and " ' for attributes) after visible_text.
std::string xml_text(std::string_view text);
std::string xml_attribute(std::string_view text);
std::string html_text(std::string_view text);

// Backslash-escapes Markdown punctuation and `|`, writes < > & as entities and newlines as <br>.
std::string markdown_cell(std::string_view text);

// "```" or longer: one more backtick than the longest run inside `text`.
std::string markdown_fence(std::string_view text);

}  // namespace taskcheck::reports
