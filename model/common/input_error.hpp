#pragma once
// InputError: bad input or environment — a fixture, a scenario, a journal, a port — reported with
// where it is and how to fix it (STYLE.md §5b, §6). cli/ catches it once and exits 2.
//
// what() renders as   <id>: <where> <pointer>: <problem>[; <hint>]
// e.g.  scenario-invalid: scenarios/split.json:14 /faults/2/at_ms: 90000 > duration_ms 60000; lower at_ms
// Every part except id and problem may be empty and is then left out with its separator.

#include <stdexcept>
#include <string>

namespace taskcheck {

struct InputLocation {
    std::string file;     // path as the user gave it; empty when the input is not a file
    int line = 0;         // 1-based; 0 when unknown
    std::string pointer;  // RFC 6901 JSON Pointer into the document; empty when not JSON
};

class InputError : public std::runtime_error {
public:
    // `id` is a stable kebab-case identifier (e.g. "fixture-invalid"); `problem` says what is wrong
    // with expected vs found; `hint` says how to fix it.
    InputError(std::string id, InputLocation where, std::string problem, std::string hint = "");

    const std::string& id() const { return id_; }
    const InputLocation& where() const { return where_; }
    const std::string& problem() const { return problem_; }
    const std::string& hint() const { return hint_; }

private:
    std::string id_;
    InputLocation where_;
    std::string problem_;
    std::string hint_;
};

// The rendered message, as what() returns it.
std::string render_input_error(const std::string& id, const InputLocation& where,
                               const std::string& problem, const std::string& hint);

}  // namespace taskcheck
