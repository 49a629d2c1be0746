#pragma once
// ProvenanceInput: what the provenance check and the coverage report read from the fixture tree —
// each fixture's `source` as written (with the line and JSON Pointer of every quote) and the
// not-covered lists (fixtures/coverage/<doc stem>.not-covered.json). Reading is deliberately
// lighter than the conformance loader: only name, erratum, tags and source are read, so a fixture
// whose steps are still being written can be checked for provenance.
//
// Files found under a root (collect_provenance_input):
//   *.not-covered.json           a not-covered list for the document <stem>.txt
//   other *.json                 fixture files (one fixture object or an array of them)
//   folders named `scenarios`    skipped (simulator scenarios, not fixtures)
//   folders named `docs`         skipped (the vendored documents)
// Problems in a file (bad JSON, wrong types) become ProvenanceIssue values, not exceptions, so
// one bad file does not hide the others.

#include <string>
#include <vector>

#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

// One problem with a fixture's provenance or a not-covered entry, located like an InputError.
struct ProvenanceIssue {
    std::string id;  // "provenance-invalid", "not-covered-invalid", "fixture-syntax", ...
    InputLocation where;
    std::string problem;
    std::string hint;

    std::string render() const;  // as render_input_error() renders it
};

struct SourceQuote {
    std::string text;
    std::string pointer;  // e.g. "/source/quote" or "/2/source/quote/1"
    int line = 0;
};

struct FixtureSource {
    std::string file;
    std::string pointer;  // "" for a file holding one fixture, "/<i>" inside an array
    int line = 0;         // line of the fixture object
    std::string name;
    bool erratum = false;  // a non-empty "erratum"
    std::vector<std::string> tags;
    bool has_source = false;
    std::string doc;      // source.doc
    std::string section;  // source.section
    std::vector<SourceQuote> quotes;
};

struct Exclusion {
    std::string file;
    std::string pointer;  // "/<i>"
    int line = 0;
    std::string doc;  // "<stem>.txt", from the file name
    std::string quote;
    std::string section;  // optional: picks one of several identical units
    std::string why;
};

struct ProvenanceInput {
    std::vector<FixtureSource> fixtures;
    std::vector<Exclusion> exclusions;
    std::vector<ProvenanceIssue> issues;  // files that could not be read as they should
};

// Reads the fixtures in `text` (the content of `file`) into `input`.
void read_fixture_sources(const std::string& file, const std::string& text, ProvenanceInput& input);

// Reads a not-covered list: a JSON array of {"quote", "why"[, "section"]}; `doc` names the
// document it is for. Each entry needs a non-empty quote and why.
void read_exclusions(const std::string& file, const std::string& doc, const std::string& text,
                     ProvenanceInput& input);

// Walks `roots` (files or folders) in sorted order and reads every file as described above.
// Throws InputError "coverage-input" when a root does not exist.
ProvenanceInput collect_provenance_input(const std::vector<std::string>& roots);

}  // namespace taskcheck::conformance
