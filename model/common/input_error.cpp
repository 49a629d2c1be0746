#include "model/common/input_error.hpp"

namespace taskcheck {

std::string render_input_error(const std::string& id, const InputLocation& where,
                               const std::string& problem, const std::string& hint) {
    std::string out = id;
    std::string place = where.file;
    if (!place.empty() && where.line > 0) place += ":" + std::to_string(where.line);
    out += ":";
    if (!place.empty()) out += " " + place;
    if (!where.pointer.empty()) out += " " + where.pointer;
    if (!place.empty() || !where.pointer.empty()) out += ":";
    out += " " + problem;
    if (!hint.empty()) out += "; " + hint;
    return out;
}

InputError::InputError(std::string id, InputLocation where, std::string problem, std::string hint)
    : std::runtime_error(render_input_error(id, where, problem, hint)),
      id_(std::move(id)),
      where_(std::move(where)),
      problem_(std::move(problem)),
      hint_(std::move(hint)) {}

}  // namespace taskcheck
