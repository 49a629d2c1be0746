#include "sim/meili_options.hpp"

#include <string>

#include "sim/json_reader.hpp"

namespace taskcheck::sim {

using nlohmann::ordered_json;

std::optional<OptionProblem> MeiliProfileOptions::validate() const {
    if (clients < 1 || clients > 16)
        return OptionProblem{"clients", std::to_string(clients) + " is outside 1..16", ""};
    if (operations > 100'000)
        return OptionProblem{"operations", std::to_string(operations) + " > 100000", ""};
    if (indexes < 1 || indexes > 8)
        return OptionProblem{"indexes", std::to_string(indexes) + " is outside 1..8", ""};
    if (batch_cost_base < 0) return OptionProblem{"batch_cost_base_ns", "negative", ""};
    if (batch_cost_per_task < 0) return OptionProblem{"batch_cost_per_task_ns", "negative", ""};
    if (batch_cost_per_document < 0)
        return OptionProblem{"batch_cost_per_document_ns", "negative", ""};
    if (scheduler_wake < 1)
        return OptionProblem{"scheduler_wake_ns", std::to_string(scheduler_wake) + " < 1", ""};
    if (liveness_bound < seconds(1))
        return OptionProblem{"liveness_bound_ns", std::to_string(liveness_bound) + " < 1000000000",
                             ""};
    return std::nullopt;
}

void to_json(ordered_json& out, const MeiliProfileOptions& o) {
    out = ordered_json::object();
    out["clients"] = o.clients;
    out["operations"] = o.operations;
    out["indexes"] = o.indexes;
    out["batch_cost_base_ns"] = o.batch_cost_base;
    out["batch_cost_per_task_ns"] = o.batch_cost_per_task;
    out["batch_cost_per_document_ns"] = o.batch_cost_per_document;
    out["scheduler_wake_ns"] = o.scheduler_wake;
    out["liveness_bound_ns"] = o.liveness_bound;
}

Result<MeiliProfileOptions, OptionProblem> meili_options_from_json(const ordered_json& in) {
    JsonReader reader(in, "meilisearch profile options");
    MeiliProfileOptions o;
    reader.optional_u32("clients", o.clients);
    reader.optional_u32("operations", o.operations);
    reader.optional_u32("indexes", o.indexes);
    reader.optional_nanos("batch_cost_base_ns", o.batch_cost_base);
    reader.optional_nanos("batch_cost_per_task_ns", o.batch_cost_per_task);
    reader.optional_nanos("batch_cost_per_document_ns", o.batch_cost_per_document);
    reader.optional_nanos("scheduler_wake_ns", o.scheduler_wake);
    reader.optional_nanos("liveness_bound_ns", o.liveness_bound);
    reader.reject_unknown_keys({"clients", "operations", "indexes", "batch_cost_base_ns",
                                "batch_cost_per_task_ns", "batch_cost_per_document_ns",
                                "scheduler_wake_ns", "liveness_bound_ns"});
    if (!reader.ok()) return Err(*reader.problem());
    if (auto problem = o.validate()) return Err(*problem);
    return o;
}

MeiliProfileOptions draw_meili_options(Rng& rng) {
    MeiliProfileOptions o;
    o.clients = static_cast<std::uint32_t>(rng.uint_inclusive(1, 4));
    o.operations = static_cast<std::uint32_t>(rng.uint_inclusive(20, 400));
    o.indexes = static_cast<std::uint32_t>(rng.uint_inclusive(1, 3));
    o.batch_cost_base = rng.int_inclusive(ms(1), ms(50));
    o.batch_cost_per_task = rng.int_inclusive(0, ms(5));
    o.batch_cost_per_document = rng.int_inclusive(0, ms(1));
    return o;
}

}  // namespace taskcheck::sim
