#include "conformance/coverage.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::conformance {

namespace {

void count(const UnitCoverage& unit, CoverageCounts& counts) {
    switch (unit.status) {
        case UnitStatus::heading:
            ++counts.headings;
            return;
        case UnitStatus::covered:
            ++counts.covered;
            break;
        case UnitStatus::excluded:
            ++counts.excluded;
            break;
        case UnitStatus::uncovered:
            ++counts.uncovered;
            break;
    }
    ++counts.units;
}

void add_counts(const CoverageCounts& part, CoverageCounts& total) {
    total.units += part.units;
    total.covered += part.covered;
    total.excluded += part.excluded;
    total.uncovered += part.uncovered;
    total.headings += part.headings;
}

UnitStatus status_of(const UnitCoverage& unit) {
    if (unit.unit.kind == UnitKind::heading) return UnitStatus::heading;
    if (!unit.fixtures.empty()) return UnitStatus::covered;
    if (!unit.whys.empty()) return UnitStatus::excluded;
    return UnitStatus::uncovered;
}

}  // namespace

std::string_view unit_status_name(UnitStatus status) {
    switch (status) {
        case UnitStatus::heading:
            return "heading";
        case UnitStatus::covered:
            return "covered";
        case UnitStatus::excluded:
            return "excluded";
        case UnitStatus::uncovered:
            return "uncovered";
    }
    TC_ASSERT(false);
    return "";
}

int CoverageReport::exit_code() const {
    if (!issues.empty()) return 2;
    return total.uncovered > 0 ? 1 : 0;
}

std::string CoverageReport::summary_line() const {
    return "coverage: " + std::to_string(total.covered) + " of " + std::to_string(total.units) +
           " units covered, " + std::to_string(total.excluded) + " excluded with a reason, " +
           std::to_string(total.uncovered) + " uncovered";
}

CoverageReport compute_coverage(const std::vector<Document>& docs, const ProvenanceInput& input) {
    ProvenanceCheck check = check_provenance(docs, input);
    TC_ASSERT_EQ(check.fixture_units.size(), input.fixtures.size());
    TC_ASSERT_EQ(check.exclusion_units.size(), input.exclusions.size());
    CoverageReport report;
    for (const Document& doc : docs) {
        DocCoverage part{doc.name, {}, {}};
        for (const DocUnit& unit : doc.units)
            part.units.push_back({unit, {}, {}, {}});
        report.docs.push_back(std::move(part));
    }
    for (std::size_t i = 0; i < input.fixtures.size(); ++i) {
        const FixtureSource& fixture = input.fixtures[i];
        for (const UnitRef& ref : check.fixture_units[i]) {
            report.docs[ref.doc].units[ref.unit].fixtures.push_back(
                {fixture.name, fixture.file, fixture.erratum});
        }
    }
    for (std::size_t i = 0; i < input.exclusions.size(); ++i) {
        if (const auto& ref = check.exclusion_units[i]) {
            report.docs[ref->doc].units[ref->unit].whys.push_back(input.exclusions[i].why);
        }
    }
    for (DocCoverage& part : report.docs) {
        for (UnitCoverage& unit : part.units) {
            unit.status = status_of(unit);
            count(unit, part.counts);
        }
        add_counts(part.counts, report.total);
    }
    report.issues = std::move(check.issues);
    report.fixtures = input.fixtures.size();
    report.quotes = check.quotes_checked;
    return report;
}

}  // namespace taskcheck::conformance
