#include "sim/scenario_file.hpp"

#include <fstream>
#include <sstream>

#include "model/common/input_error.hpp"
#include "model/common/json_depth.hpp"
#include "sim/json_pointer_line.hpp"
#include "sim/json_reader.hpp"

namespace taskcheck::sim {

using nlohmann::ordered_json;

namespace {

constexpr std::string_view kFormat = "taskcheck-scenario";
constexpr Nanos kDurationMax = 24 * 3600 * kNanosPerSecond;

std::string join_pointer(const std::string& base, const std::string& field) {
    return field.empty() ? base : base + "/" + field;
}

// Turns problems found in one parsed document into InputErrors with file, line and pointer.
class ScenarioParser {
  public:
    ScenarioParser(std::string_view text, const std::string& file_name)
        : text_(text), file_(file_name) {}

    Scenario parse();

  private:
    [[noreturn]] void fail(const std::string& pointer, std::string problem, std::string hint) {
        const int line = json_pointer_line(text_, pointer);
        throw InputError("scenario-invalid", InputLocation{file_, line, pointer},
                         std::move(problem), std::move(hint));
    }
    void check(const std::string& base, const std::optional<OptionProblem>& problem) {
        if (problem) fail(join_pointer(base, problem->field), problem->problem, problem->hint);
    }
    ordered_json parse_json();
    void read_header(const ordered_json& doc, Scenario& scenario);
    std::string read_trace_hash(const ordered_json& in);
    ScenarioOptions read_options(const ordered_json& in);
    std::vector<ordered_json> read_workload(const ordered_json& in);
    std::vector<FaultEntry> read_faults(const ordered_json& in, const ScenarioOptions& options);

    std::string_view text_;
    std::string file_;
};

ordered_json ScenarioParser::parse_json() {
    try {
        return ordered_json::parse(text_);
    } catch (const ordered_json::parse_error& error) {
        const std::size_t end = std::min<std::size_t>(error.byte, text_.size());
        const auto newlines = std::count(text_.begin(), text_.begin() + end, '\n');
        std::string message = error.what();
        const std::size_t column = message.find(", column ");
        const std::size_t colon = message.find(": ", column == std::string::npos ? 0 : column);
        if (colon != std::string::npos) message = message.substr(colon + 2);
        throw InputError("scenario-invalid",
                         InputLocation{file_, 1 + static_cast<int>(newlines), ""},
                         "JSON syntax error: " + message, "fix the JSON syntax");
    } catch (const ordered_json::out_of_range& error) {
        // A number beyond a double (`1e999`) is out_of_range 406, not a parse_error; it escaped
        // as an uncaught exception. nlohmann names the number but not where it is.
        const std::string what = error.what();
        const std::size_t open = what.find('\'');
        const std::size_t close = what.rfind('\'');
        const std::size_t at = open < close ? text_.find(what.substr(open + 1, close - open - 1))
                                            : std::string_view::npos;
        const auto newlines =
            at == std::string_view::npos ? 0 : std::count(text_.begin(), text_.begin() + at, '\n');
        throw InputError("scenario-invalid",
                         InputLocation{file_, 1 + static_cast<int>(newlines), ""},
                         "JSON syntax error: " + what.substr(what.find("] ") + 2),
                         "write a number a double can hold (at most about 1.8e308)");
    }
}

void ScenarioParser::read_header(const ordered_json& doc, Scenario& scenario) {
    if (!doc.is_object()) {
        fail("", "expected a scenario object, found " + json_type_name(doc),
             "a scenario file is {\"format\":\"taskcheck-scenario\",...}");
    }
    if (!doc.contains("format") || doc["format"] != kFormat) {
        fail(doc.contains("format") ? "/format" : "",
             "expected \"format\": \"taskcheck-scenario\", found " +
                 (doc.contains("format") ? doc["format"].dump() : std::string("no format")),
             "this is not a taskcheck scenario file");
    }
    JsonReader reader(doc, "a scenario");
    reader.reject_unknown_keys(
        {"format", "version", "profile", "seed", "trace_hash", "options", "workload", "faults"});
    std::uint64_t version = 0;
    reader.required_u64("version", version);
    check("", reader.problem());
    if (version != kScenarioVersion) {
        fail("/version", "unsupported version " + std::to_string(version),
             "this build reads version 1");
    }
    reader.required_string("profile", scenario.profile);
    reader.required_u64("seed", scenario.seed);
    check("", reader.problem());
    if (scenario.profile.empty()) fail("/profile", "empty profile", "name the profile");
    if (doc.contains("trace_hash")) scenario.trace_hash = read_trace_hash(doc["trace_hash"]);
    for (const char* key : {"options", "workload", "faults"}) {
        if (!doc.contains(key)) {
            fail("", std::string("a scenario has no \"") + key + "\"",
                 std::string("add \"") + key + "\"");
        }
    }
}

std::string ScenarioParser::read_trace_hash(const ordered_json& in) {
    const bool hex16 =
        in.is_string() && in.get<std::string>().size() == 16 &&
        in.get<std::string>().find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex16) {
        fail("/trace_hash", "expected 16 lowercase hex digits, found " + in.dump(),
             "copy the trace_hash a replay prints, e.g. \"00c0ffee00c0ffee\"");
    }
    return in.get<std::string>();
}

ScenarioOptions ScenarioParser::read_options(const ordered_json& in) {
    ScenarioOptions options;
    JsonReader reader(in, "options");
    reader.reject_unknown_keys({"duration_ns", "network", "fault_profile", "profile_options"});
    reader.optional_nanos("duration_ns", options.duration);
    check("/options", reader.problem());
    if (options.duration < 0 || options.duration > kDurationMax) {
        fail("/options/duration_ns",
             std::to_string(options.duration) + " is outside 0..86400000000000",
             "use a duration between 0 and one day, in nanoseconds");
    }
    if (in.contains("network")) {
        auto network = network_options_from_json(in["network"]);
        if (!network.ok()) check("/options/network", network.error());
        options.network = network.value();
    }
    if (in.contains("fault_profile")) {
        auto profile = fault_profile_from_json(in["fault_profile"]);
        if (!profile.ok()) check("/options/fault_profile", profile.error());
        options.fault_profile = profile.value();
    }
    if (in.contains("profile_options")) {
        const ordered_json& own = in["profile_options"];
        if (!own.is_object()) {
            fail("/options/profile_options", "expected an object, found " + json_type_name(own),
                 "write the profile's options as {...}");
        }
        options.profile_options = own;
    }
    return options;
}

std::vector<ordered_json> ScenarioParser::read_workload(const ordered_json& in) {
    if (!in.is_array()) {
        fail("/workload", "expected an array of operations, found " + json_type_name(in),
             "write the workload as [{...}, ...]");
    }
    std::vector<ordered_json> workload;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (!in[i].is_object()) {
            fail("/workload/" + std::to_string(i),
                 "expected an operation object, found " + json_type_name(in[i]),
                 "write each operation as {...}");
        }
        workload.push_back(in[i]);
    }
    return workload;
}

std::vector<FaultEntry> ScenarioParser::read_faults(const ordered_json& in,
                                                    const ScenarioOptions& options) {
    if (!in.is_array()) {
        fail("/faults", "expected an array of faults, found " + json_type_name(in),
             "write the faults as [{...}, ...]");
    }
    std::vector<FaultEntry> faults;
    for (std::size_t i = 0; i < in.size(); ++i) {
        auto entry = fault_entry_from_json(in[i]);
        if (!entry.ok()) check("/faults/" + std::to_string(i), entry.error());
        faults.push_back(entry.value());
    }
    if (auto problem = validate_faults(faults, options.duration, options.network.node_count)) {
        check("/faults/" + std::to_string(problem->index), problem->problem);
    }
    return faults;
}

Scenario ScenarioParser::parse() {
    const ordered_json doc = parse_json();
    // Before any check: dumping a value into a message recurses once per level.
    if (auto deep = pointer_deeper_than(doc)) {
        fail(*deep, "nests deeper than " + std::to_string(kJsonDepthMax) + " arrays/objects",
             "flatten this value; deeper JSON is not supported");
    }
    Scenario scenario;
    read_header(doc, scenario);
    scenario.options = read_options(doc["options"]);
    scenario.workload = read_workload(doc["workload"]);
    scenario.faults = read_faults(doc["faults"], scenario.options);
    return scenario;
}

std::string indent_after_first_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '\n') out += "  ";
    }
    return out;
}

void append_list(std::string& out, std::string_view key, const std::vector<ordered_json>& items,
                 bool last) {
    out += "  \"" + std::string(key) + "\": [";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "\n    " : ",\n    ") + items[i].dump();
    }
    out += items.empty() ? "]" : "\n  ]";
    out += last ? "\n" : ",\n";
}

}  // namespace

bool operator==(const Scenario& a, const Scenario& b) {
    return scenario_to_text(a) == scenario_to_text(b);
}

void to_json(ordered_json& out, const ScenarioOptions& options) {
    out = ordered_json::object();
    out["duration_ns"] = options.duration;
    out["network"] = options.network;
    out["fault_profile"] = options.fault_profile;
    out["profile_options"] = options.profile_options;
}

Scenario parse_scenario(std::string_view text, const std::string& file_name) {
    return ScenarioParser(text, file_name).parse();
}

Scenario load_scenario_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError("scenario-unreadable", InputLocation{path, 0, ""}, "cannot open the file",
                         "check the path");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_scenario(text.str(), path);
}

std::string scenario_to_text(const Scenario& scenario) {
    TC_ASSERT(!validate_faults(scenario.faults, scenario.options.duration,
                               scenario.options.network.node_count)
                   .has_value());
    std::string out = "{\n";
    out += "  \"format\": \"" + std::string(kFormat) + "\",\n";
    out += "  \"version\": " + std::to_string(kScenarioVersion) + ",\n";
    out += "  \"profile\": " + ordered_json(scenario.profile).dump() + ",\n";
    out += "  \"seed\": " + std::to_string(scenario.seed) + ",\n";
    if (scenario.trace_hash) out += "  \"trace_hash\": \"" + *scenario.trace_hash + "\",\n";
    out +=
        "  \"options\": " + indent_after_first_line(ordered_json(scenario.options).dump(2)) + ",\n";
    append_list(out, "workload", scenario.workload, false);
    std::vector<ordered_json> faults(scenario.faults.begin(), scenario.faults.end());
    append_list(out, "faults", faults, true);
    out += "}\n";
    return out;
}

void save_scenario_file(const Scenario& scenario, const std::string& path) {
    const std::string text = scenario_to_text(scenario);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
        throw InputError("scenario-unwritable", InputLocation{path, 0, ""}, "cannot write the file",
                         "check that the directory exists and is writable");
    }
}

}  // namespace taskcheck::sim
