#pragma once
// OptionProblem: why an options struct was rejected by its validate(). `field` is the option's
// name as it appears in JSON (a scenario loader prefixes it into a JSON Pointer), `problem` says
// expected vs found, `hint` how to fix it (STYLE.md §6, §8).

#include <optional>
#include <string>

namespace taskcheck::sim {

struct OptionProblem {
    std::string field;
    std::string problem;
    std::string hint;
};

// "<field>: <problem>; <hint>", the form printed when no file is involved.
inline std::string render_option_problem(const OptionProblem& problem) {
    std::string out = problem.field + ": " + problem.problem;
    if (!problem.hint.empty()) out += "; " + problem.hint;
    return out;
}

}  // namespace taskcheck::sim
