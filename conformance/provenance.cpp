#include "conformance/provenance.hpp"

#include <algorithm>

namespace taskcheck::conformance {

namespace {

// A prefix shorter than this is no evidence of where the quote comes from.
constexpr std::size_t useful_prefix_chars = 16;
constexpr std::size_t excerpt_chars = 40;

std::string excerpt_head(std::string_view text, std::size_t chars = excerpt_chars) {
    if (text.size() <= chars) return std::string(text);
    return std::string(text.substr(0, chars)) + "…";
}

std::string excerpt_tail(std::string_view text, std::size_t chars = excerpt_chars) {
    if (text.size() <= chars) return std::string(text);
    return "…" + std::string(text.substr(text.size() - chars));
}

std::string quoted(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string unit_place(const DocUnit& unit) {
    std::string lines =
        unit.line_first == unit.line_last
            ? "line " + std::to_string(unit.line_first)
            : "lines " + std::to_string(unit.line_first) + "-" + std::to_string(unit.line_last);
    return unit.id + " (" + lines + ")";
}

// Length of the longest prefix of `quote` that occurs in `text` (monotone, so binary search).
std::size_t longest_prefix_in(std::string_view text, std::string_view quote) {
    std::size_t low = 0, high = quote.size();
    while (low < high) {
        std::size_t mid = (low + high + 1) / 2;
        if (text.find(quote.substr(0, mid)) != std::string_view::npos) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    return low;
}

// The longest substring shared by `a` and `b` (first one found on ties), by dynamic programming.
std::string_view longest_common_substring(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1, 0), current(b.size() + 1, 0);
    std::size_t best = 0, best_end = 0;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
            if (current[j] > best) {
                best = current[j];
                best_end = i;
            }
        }
        std::swap(previous, current);
    }
    return a.substr(best_end - best, best);
}

std::string drift_text(const DocUnit& unit, std::string_view quote, std::size_t prefix) {
    std::size_t at = unit.normalized.find(quote.substr(0, prefix)) + prefix;
    std::string_view rest = std::string_view(unit.normalized).substr(at);
    return "closest unit " + unit_place(unit) + " agrees up to " +
           quoted(excerpt_tail(quote.substr(0, prefix))) + ", then the quote has " +
           quoted(excerpt_head(quote.substr(prefix), 30)) + " where the document has " +
           (rest.empty() ? std::string("the end of the unit") : quoted(excerpt_head(rest, 30)));
}

std::string closest_unit_text(const Document& doc, std::string_view quote) {
    std::size_t best_prefix = 0, best_unit = 0;
    for (std::size_t i = 0; i < doc.units.size(); ++i) {
        std::size_t prefix = longest_prefix_in(doc.units[i].normalized, quote);
        if (prefix > best_prefix) {
            best_prefix = prefix;
            best_unit = i;
        }
    }
    if (best_prefix >= std::min(useful_prefix_chars, quote.size() / 2) && best_prefix > 0) {
        return drift_text(doc.units[best_unit], quote, best_prefix);
    }
    std::string_view best_shared;
    for (std::size_t i = 0; i < doc.units.size(); ++i) {
        std::string_view shared = longest_common_substring(quote, doc.units[i].normalized);
        if (shared.size() > best_shared.size()) {
            best_shared = shared;
            best_unit = i;
        }
    }
    if (best_shared.empty()) return "no unit shares any text with it";
    return "closest unit " + unit_place(doc.units[best_unit]) + " shares " +
           quoted(excerpt_head(best_shared, 60)) + " (" + std::to_string(best_shared.size()) +
           " characters)";
}

// Of the candidate units (in document order), the one `section` picks, if exactly one.
std::optional<std::size_t> pick_by_section(const Document& doc,
                                           const std::vector<std::size_t>& candidates,
                                           std::string_view section) {
    std::string wanted = lower(normalize_whitespace(section));
    if (wanted.empty()) return std::nullopt;
    std::optional<std::size_t> picked;
    std::size_t from = 0;
    for (std::size_t candidate : candidates) {
        bool under = false;
        for (std::size_t k = from; k < candidate; ++k) {
            const DocUnit& unit = doc.units[k];
            under = under || (unit.kind == UnitKind::heading && lower(unit.normalized) == wanted);
        }
        if (under && picked) return std::nullopt;
        if (under) picked = candidate;
        from = candidate + 1;
    }
    return picked;
}

std::string candidate_list(const Document& doc, const std::vector<std::size_t>& candidates) {
    std::string out;
    for (std::size_t i : candidates) {
        const DocUnit& unit = doc.units[i];
        out += (out.empty() ? "" : ", ") + unit.id;
        if (!unit.section.empty()) out += " under " + quoted(unit.section);
    }
    return out;
}

}  // namespace

QuoteLookup locate_quote(const Document& doc, std::string_view quote, std::string_view section) {
    std::string wanted = normalize_whitespace(quote);
    if (wanted.empty()) {
        return {std::nullopt, "the quote is empty",
                "copy the sentence or example the fixture encodes, verbatim"};
    }
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < doc.units.size(); ++i) {
        if (doc.units[i].normalized.find(wanted) != std::string::npos) candidates.push_back(i);
    }
    if (candidates.size() == 1) return {candidates.front(), "", ""};
    if (candidates.empty()) {
        return {std::nullopt,
                "quote " + quoted(excerpt_head(wanted, 60)) + " is not in " + doc.name + "; " +
                    closest_unit_text(doc, wanted),
                "copy the passage verbatim from fixtures/docs/" + doc.name +
                    " (only runs of whitespace may differ), and keep it inside one paragraph "
                    "or example"};
    }
    if (auto picked = pick_by_section(doc, candidates, section)) return {*picked, "", ""};
    return {std::nullopt,
            "quote " + quoted(excerpt_head(wanted, 60)) + " is ambiguous: it occurs in " +
                std::to_string(candidates.size()) + " units of " + doc.name + " (" +
                candidate_list(doc, candidates) + ")",
            "quote a longer passage that occurs in only one unit, or set \"section\" to the "
            "heading above the unit you mean"};
}

namespace {

std::optional<std::size_t> find_doc(const std::vector<Document>& docs, const std::string& name) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
        if (docs[i].name == name) return i;
    }
    return std::nullopt;
}

std::string doc_names(const std::vector<Document>& docs) {
    std::string out;
    for (const Document& doc : docs)
        out += (out.empty() ? "" : ", ") + doc.name;
    return out;
}

// The document a fixture cites, or an issue saying why it has none.
std::optional<std::size_t> cited_doc(const std::vector<Document>& docs,
                                     const FixtureSource& fixture, ProvenanceCheck& check) {
    const std::string id = "provenance-invalid";
    if (!fixture.has_source) {
        check.issues.push_back(
            {id,
             {fixture.file, fixture.line, fixture.pointer},
             "fixture " + quoted(fixture.name) + " has no source",
             "add \"source\": {\"doc\": ..., \"section\": ..., \"quote\": ...} citing the "
             "passage it encodes (docs/coverage.md)"});
        return std::nullopt;
    }
    std::string pointer = fixture.pointer + "/source/doc";
    auto doc = find_doc(docs, fixture.doc);
    if (!doc) {
        std::string problem = fixture.doc.empty() ? "source has no \"doc\""
                                                  : "unknown document " + quoted(fixture.doc);
        check.issues.push_back(
            {id, {fixture.file, fixture.line, pointer}, problem, "use one of: " + doc_names(docs)});
    }
    return doc;
}

void check_fixture(const std::vector<Document>& docs, const FixtureSource& fixture,
                   ProvenanceCheck& check) {
    std::vector<UnitRef> units;
    auto doc = cited_doc(docs, fixture, check);
    for (const SourceQuote& quote : doc ? fixture.quotes : std::vector<SourceQuote>{}) {
        ++check.quotes_checked;
        QuoteLookup found = locate_quote(docs[*doc], quote.text, fixture.section);
        if (!found.unit) {
            check.issues.push_back({"provenance-invalid",
                                    {fixture.file, quote.line, quote.pointer},
                                    found.problem,
                                    found.hint});
            continue;
        }
        UnitRef ref{*doc, *found.unit};
        if (std::find(units.begin(), units.end(), ref) == units.end()) units.push_back(ref);
    }
    check.fixture_units.push_back(std::move(units));
}

void check_exclusion(const std::vector<Document>& docs, const Exclusion& exclusion,
                     ProvenanceCheck& check) {
    const std::string id = "not-covered-invalid";
    InputLocation where{exclusion.file, exclusion.line, exclusion.pointer + "/quote"};
    auto doc = find_doc(docs, exclusion.doc);
    if (!doc) {
        check.issues.push_back(
            {id,
             {exclusion.file, 0, ""},
             "no document " + quoted(exclusion.doc),
             "name the file <document>.not-covered.json after one of: " + doc_names(docs)});
        check.exclusion_units.push_back(std::nullopt);
        return;
    }
    ++check.quotes_checked;
    QuoteLookup found = locate_quote(docs[*doc], exclusion.quote, exclusion.section);
    if (!found.unit) {
        check.issues.push_back({id, where, found.problem, found.hint});
        check.exclusion_units.push_back(std::nullopt);
        return;
    }
    check.exclusion_units.push_back(UnitRef{*doc, *found.unit});
}

}  // namespace

ProvenanceCheck check_provenance(const std::vector<Document>& docs, const ProvenanceInput& input) {
    ProvenanceCheck check;
    check.issues = input.issues;
    for (const FixtureSource& fixture : input.fixtures)
        check_fixture(docs, fixture, check);
    for (const Exclusion& exclusion : input.exclusions)
        check_exclusion(docs, exclusion, check);
    return check;
}

}  // namespace taskcheck::conformance
