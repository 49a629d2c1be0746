#include "sim/meili_profile.hpp"

#include <fstream>
#include <sstream>

#include "model/common/input_error.hpp"
#include "sim/json_pointer_line.hpp"
#include "sim/meili_workload.hpp"

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

ScenarioOptions MeiliProfile::draw_options(Rng& rng) const {
    ScenarioOptions options;
    options.duration = rng.int_inclusive(seconds(5), seconds(60));
    const MeiliProfileOptions meili = draw_meili_options(rng);
    to_json(options.profile_options, meili);
    options.network.node_count = meili.clients + 1;
    options.network.one_way_delay_min = rng.int_inclusive(0, ms(2));
    options.network.one_way_delay_mean =
        rng.int_inclusive(options.network.one_way_delay_min, ms(20));
    options.fault_profile = swarm_fault_profile(rng);
    return options;
}

std::vector<Json> MeiliProfile::generate_workload(Rng& rng, const ScenarioOptions& options) const {
    const auto parsed = meili_options_from_json(options.profile_options);
    TC_ASSERT(parsed.ok());
    const MeiliProfileOptions& meili = parsed.value();
    std::vector<Json> out;
    for (const MeiliOperation& op :
         generate(rng, {meili.operations, meili.clients, meili.indexes, options.duration})) {
        Json json;
        to_json(json, op);
        out.push_back(std::move(json));
    }
    return out;
}

void MeiliProfile::validate(const Scenario& scenario, const std::string& file_name) const {
    const auto options = meili_options_from_json(scenario.options.profile_options);
    if (!options.ok()) reject(file_name, "/options/profile_options", options.error());
    const std::uint32_t clients = options.value().clients;
    if (scenario.options.network.node_count != clients + 1)
        reject(file_name, "/options/network/node_count",
               OptionProblem{"",
                             std::to_string(scenario.options.network.node_count) +
                                 " != profile_options.clients + 1 = " + std::to_string(clients + 1),
                             "the meilisearch profile has one instance and one node per client"});
    for (std::size_t i = 0; i < scenario.workload.size(); ++i) {
        const auto op = meili_operation_from_json(scenario.workload[i], clients);
        if (!op.ok()) reject(file_name, "/workload/" + std::to_string(i), op.error());
    }
}

Nanos MeiliProfile::liveness_bound(const Scenario& scenario) const {
    return meili_options_of(scenario).liveness_bound;
}

std::unique_ptr<MeiliWorld> MeiliProfile::make_meili_world(const Scenario& scenario, Trace& trace,
                                                           MeiliRecords keeping) const {
    const MeiliProfileOptions options = meili_options_of(scenario);
    return std::make_unique<MeiliWorld>(
        scenario, options, meili_operations_of(scenario, options.clients), trace, bug_, keeping);
}

std::unique_ptr<World> MeiliProfile::make_world(const Scenario& scenario, Trace& trace) const {
    return make_meili_world(scenario, trace);
}

const Profile& meilisearch_profile() {
    static const MeiliProfile profile;
    return profile;
}

MeiliProfileOptions meili_options_of(const Scenario& scenario) {
    const auto parsed = meili_options_from_json(scenario.options.profile_options);
    TC_ASSERT(parsed.ok());
    return parsed.value();
}

std::vector<MeiliOperation> meili_operations_of(const Scenario& scenario) {
    return meili_operations_of(scenario, meili_options_of(scenario).clients);
}

std::vector<MeiliOperation> meili_operations_of(const Scenario& scenario, std::uint32_t clients) {
    std::vector<MeiliOperation> ops;
    ops.reserve(scenario.workload.size());
    for (const Json& json : scenario.workload) {
        auto op = meili_operation_from_json(json, clients);
        TC_ASSERT(op.ok());
        ops.push_back(std::move(op.value()));
    }
    return ops;
}

}  // namespace taskcheck::sim
