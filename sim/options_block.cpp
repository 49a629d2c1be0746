#include "sim/options_block.hpp"

namespace taskcheck::sim {

namespace {

void append_lines(std::string& out, const std::string& name, const nlohmann::ordered_json& value) {
    if (!value.is_object()) {
        out += name + " = " + value.dump() + "\n";
        return;
    }
    for (const auto& [key, child] : value.items()) {
        append_lines(out, name.empty() ? key : name + "." + key, child);
    }
}

}  // namespace

std::string format_options_block(std::string_view prefix, const nlohmann::ordered_json& options) {
    std::string out;
    append_lines(out, std::string(prefix), options);
    return out;
}

}  // namespace taskcheck::sim
