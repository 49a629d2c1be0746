#include "sim/es_profile.hpp"

#include <fstream>
#include <sstream>

#include "model/common/input_error.hpp"
#include "sim/es_workload.hpp"
#include "sim/json_pointer_line.hpp"

namespace taskcheck::sim {
namespace {

using Json = nlohmann::ordered_json;

[[noreturn]] void reject(const std::string& file_name, const std::string& pointer,
                         const OptionProblem& problem) {
    const std::string full = problem.field.empty() ? pointer : pointer + "/" + problem.field;
    int line = 0;
    if (std::ifstream in(file_name); in) {
        std::stringstream text;
        text << in.rdbuf();
        if (Json::accept(text.str())) line = json_pointer_line(text.str(), full);
    }
    throw InputError("scenario-invalid", InputLocation{file_name, line, full}, problem.problem,
                     problem.hint);
}

}  // namespace

ScenarioOptions EsProfile::draw_options(Rng& rng) const {
    ScenarioOptions options;
    options.duration = rng.int_inclusive(seconds(5), seconds(30));
    options.network.node_count = static_cast<std::uint32_t>(rng.uint_inclusive(3, 5));
    options.network.one_way_delay_min = rng.int_inclusive(0, ms(2));
    options.network.one_way_delay_mean =
        rng.int_inclusive(options.network.one_way_delay_min, ms(10));
    to_json(options.profile_options, draw_es_options(rng));
    options.fault_profile = swarm_fault_profile(rng);
    return options;
}

std::vector<Json> EsProfile::generate_workload(Rng& rng, const ScenarioOptions& options) const {
    const auto parsed = es_options_from_json(options.profile_options);
    TC_ASSERT(parsed.ok());
    std::vector<Json> out;
    for (const EsOperation& op : generate_es_workload(
             rng, {parsed.value().operations, options.network.node_count, options.duration})) {
        Json json;
        to_json(json, op);
        out.push_back(std::move(json));
    }
    return out;
}

void EsProfile::validate(const Scenario& scenario, const std::string& file_name) const {
    const auto options = es_options_from_json(scenario.options.profile_options);
    if (!options.ok()) reject(file_name, "/options/profile_options", options.error());
    const std::uint32_t nodes = scenario.options.network.node_count;
    if (nodes > 64)
        reject(file_name, "/options/network/node_count",
               OptionProblem{"", std::to_string(nodes) + " > 64",
                             "the elasticsearch profile simulates 1..64 nodes"});
    for (std::size_t i = 0; i < scenario.workload.size(); ++i) {
        const auto op = es_operation_from_json(scenario.workload[i], nodes);
        if (!op.ok()) reject(file_name, "/workload/" + std::to_string(i), op.error());
    }
}

Nanos EsProfile::liveness_bound(const Scenario& scenario) const {
    return es_options_of(scenario).liveness_bound;
}

std::unique_ptr<EsWorld> EsProfile::make_es_world(const Scenario& scenario, Trace& trace,
                                                  EsRecords keeping) const {
    return std::make_unique<EsWorld>(scenario, es_options_of(scenario), es_operations_of(scenario),
                                     trace, bug_, keeping);
}

std::unique_ptr<World> EsProfile::make_world(const Scenario& scenario, Trace& trace) const {
    return make_es_world(scenario, trace);
}

const Profile& elasticsearch_profile() {
    static const EsProfile profile;
    return profile;
}

EsProfileOptions es_options_of(const Scenario& scenario) {
    auto options = es_options_from_json(scenario.options.profile_options);
    TC_ASSERT(options.ok());
    return options.value();
}

std::vector<EsOperation> es_operations_of(const Scenario& scenario) {
    std::vector<EsOperation> ops;
    for (const Json& json : scenario.workload) {
        auto op = es_operation_from_json(json, scenario.options.network.node_count);
        TC_ASSERT(op.ok());
        ops.push_back(std::move(op).value());
    }
    return ops;
}

}  // namespace taskcheck::sim
