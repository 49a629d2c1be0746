#pragma once
// Provenance check: every fixture cites the document passage it encodes, and every citation can
// be found (docs/coverage.md).
//
// Rules, checked for each fixture and each not-covered entry:
//   - a fixture has a `source`, whose `doc` names one of the documents (fixtures/docs/*.txt);
//   - each quote, whitespace-normalized (every run of whitespace one space, trimmed), occurs inside
//     exactly one unit of that document (doc_units.hpp);
//   - when the quote occurs in several units (a document may repeat an example word for word),
//     `section` picks one: the unit preceded by a heading with that text since the previous
//     candidate. Otherwise the quote is ambiguous.
// A quote that is not found names the closest unit: the one holding the longest prefix of the
// quote (where the text drifts: the quote has X where the document has Y), or, when no unit holds
// a useful prefix, the one sharing the longest substring.
// Deterministic: a pure function of its inputs; units are reported in document order.

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/doc_units.hpp"
#include "conformance/provenance_input.hpp"

namespace taskcheck::conformance {

// The unit a quote lies in (`unit`), or why it lies in none (`problem`, `hint`).
struct QuoteLookup {
    std::optional<std::size_t> unit;  // index into doc.units
    std::string problem;
    std::string hint;
};

// Finds the unit of `doc` that holds `quote`; `section` may pick one of several (see above).
// Returns a problem iff the quote is empty, found nowhere, or ambiguous.
QuoteLookup locate_quote(const Document& doc, std::string_view quote, std::string_view section);

struct UnitRef {
    std::size_t doc = 0;   // index into the documents
    std::size_t unit = 0;  // index into that document's units
    auto operator<=>(const UnitRef&) const = default;
};

struct ProvenanceCheck {
    std::vector<ProvenanceIssue> issues;  // input.issues first, then one per failed rule
    std::vector<std::vector<UnitRef>> fixture_units;      // per input.fixtures[i], no repeats
    std::vector<std::optional<UnitRef>> exclusion_units;  // per input.exclusions[i]
    std::size_t quotes_checked = 0;                       // fixture quotes + exclusion quotes
};

// Applies every rule above to `input`; never throws for a bad fixture (issues are values).
ProvenanceCheck check_provenance(const std::vector<Document>& docs, const ProvenanceInput& input);

}  // namespace taskcheck::conformance
