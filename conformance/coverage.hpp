#pragma once
// Coverage: which units of the documents the fixtures cover (docs/coverage.md).
//
// A fixture covers every unit one of its quotes lies in (provenance.hpp). Each example and prose
// unit is then, in this order of precedence:
//   covered    some fixture covers it;
//   excluded   a not-covered entry names it, with its why;
//   uncovered  neither — the suite is incomplete.
// Headings are listed with the fixtures that quote them, but are never counted.
// Deterministic: documents, units and fixtures appear in input order (documents sorted by name,
// fixture files by path), never in hash or pointer order.

#include <string>
#include <vector>

#include "conformance/doc_units.hpp"
#include "conformance/provenance.hpp"
#include "conformance/provenance_input.hpp"

namespace taskcheck::conformance {

enum class UnitStatus { heading, covered, excluded, uncovered };
std::string_view unit_status_name(UnitStatus status);  // "heading", "covered", ...

struct CoveringFixture {
    std::string name;
    std::string file;
    bool erratum = false;  // the fixture encodes where the real system differs from the document
};

struct UnitCoverage {
    DocUnit unit;
    UnitStatus status = UnitStatus::uncovered;
    std::vector<CoveringFixture> fixtures;
    std::vector<std::string> whys;  // from not-covered entries naming this unit
};

struct CoverageCounts {
    int units = 0;  // example and prose units: covered + excluded + uncovered
    int covered = 0;
    int excluded = 0;
    int uncovered = 0;
    int headings = 0;
};

struct DocCoverage {
    std::string doc;  // file name
    std::vector<UnitCoverage> units;
    CoverageCounts counts;
};

struct CoverageReport {
    std::vector<DocCoverage> docs;
    CoverageCounts total;
    std::vector<ProvenanceIssue> issues;  // provenance problems; any one makes the input bad
    std::size_t fixtures = 0;
    std::size_t quotes = 0;

    // 2 iff there is an issue, else 1 iff a unit is uncovered, else 0.
    int exit_code() const;
    // "coverage: N of M units covered, K excluded with a reason, U uncovered"
    std::string summary_line() const;
};

// Checks provenance and counts coverage of `docs` by `input`.
CoverageReport compute_coverage(const std::vector<Document>& docs, const ProvenanceInput& input);

}  // namespace taskcheck::conformance
