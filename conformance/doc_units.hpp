#pragma once
// DocUnits: a source document (fixtures/docs/*.txt, vendored from shared/seeds/) split into the
// units fixtures cite and coverage counts (docs/coverage.md).
//
// A unit is a maximal run of non-blank lines; a line holding only spaces and tabs is blank. Each
// unit has a kind, decided by its content alone:
//   example  some line (leading whitespace ignored) looks like an API example or code:
//            it starts with `{` `}` `[` `]`, with `"` and holds `":` or `" :` (a JSON member),
//            with `curl`, with `HTTP/<digit>`, with a request line `GET|POST|PUT|PATCH|DELETE|HEAD`
//            followed by a path or alone, with `*` alone or `* ` (a Javadoc line), with
//            `public ` `protected ` `private ` `return ` `@`; or it ends with `{` `(` `;`.
//   heading  otherwise, a unit of exactly one line of at most 80 characters (whitespace
//            normalized) that does not end with `.` `:` `!` `?` `,`.
//   prose    everything else (paragraphs, numbered and bulleted lists).
// Ids are stable while the document is: "<file name without .txt>:<first line>".
// Deterministic: a pure function of the text.

#include <string>
#include <string_view>
#include <vector>

namespace taskcheck::conformance {

enum class UnitKind { heading, example, prose };
std::string_view unit_kind_name(UnitKind kind);  // "heading", "example", "prose"

struct DocUnit {
    std::string id;      // e.g. "meilisearch-tasks:27"
    int line_first = 0;  // 1-based, inclusive
    int line_last = 0;
    UnitKind kind = UnitKind::prose;
    std::string normalized;  // the unit's text, every whitespace run one space, trimmed
    std::string section;     // text of the nearest heading unit above; "" before the first
};

struct Document {
    std::string name;            // file name, e.g. "meilisearch-tasks.txt"
    std::vector<DocUnit> units;  // in document order
};

// Every run of whitespace (space, tab, CR, LF, FF, VT) becomes one space; leading and trailing
// whitespace is dropped. Bytes of multi-byte UTF-8 characters are kept as they are.
std::string normalize_whitespace(std::string_view text);

// Splits `text` (the content of the file `name`) into units. An empty text has no units.
Document split_document(const std::string& name, std::string_view text);

// The kind of a unit made of `lines` (each without its line break). Requires: lines is non-empty.
UnitKind classify_unit(const std::vector<std::string_view>& lines);

// The documents in `dir`: every regular file ending in ".txt", sorted by name.
// Throws InputError "docs-missing" when `dir` is not a directory or holds no .txt file.
std::vector<Document> load_documents(const std::string& dir);

}  // namespace taskcheck::conformance
