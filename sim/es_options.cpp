#include "sim/es_options.hpp"

#include <string>

#include "sim/json_reader.hpp"

namespace taskcheck::sim {

using nlohmann::ordered_json;

namespace {

std::optional<OptionProblem> at_least(const char* field, Nanos value, Nanos minimum) {
    if (value >= minimum) return std::nullopt;
    return OptionProblem{field, std::to_string(value) + " < " + std::to_string(minimum), ""};
}

}  // namespace

std::optional<OptionProblem> EsProfileOptions::validate() const {
    if (operations > 100'000)
        return OptionProblem{"operations", std::to_string(operations) + " > 100000", ""};
    if (auto p = at_least("task_run_min_ns", task_run_min, 1)) return p;
    if (task_run_max < task_run_min)
        return OptionProblem{
            "task_run_max_ns",
            std::to_string(task_run_max) + " < task_run_min_ns " + std::to_string(task_run_min),
            "raise task_run_max_ns"};
    if (auto p = at_least("step_interval_ns", step_interval, 1)) return p;
    if (auto p = at_least("follower_check_interval_ns", follower_check_interval, ms(1))) return p;
    if (follower_check_retries < 1 || follower_check_retries > 100)
        return OptionProblem{"follower_check_retries",
                             std::to_string(follower_check_retries) + " is outside 1..100", ""};
    if (auto p = at_least("election_delay_ns", election_delay, ms(1))) return p;
    if (auto p = at_least("retry_interval_ns", retry_interval, ms(1))) return p;
    return at_least("liveness_bound_ns", liveness_bound, seconds(1));
}

void to_json(ordered_json& out, const EsProfileOptions& o) {
    out = ordered_json::object();
    out["operations"] = o.operations;
    out["task_run_min_ns"] = o.task_run_min;
    out["task_run_max_ns"] = o.task_run_max;
    out["step_interval_ns"] = o.step_interval;
    out["follower_check_interval_ns"] = o.follower_check_interval;
    out["follower_check_retries"] = o.follower_check_retries;
    out["election_delay_ns"] = o.election_delay;
    out["retry_interval_ns"] = o.retry_interval;
    out["liveness_bound_ns"] = o.liveness_bound;
}

Result<EsProfileOptions, OptionProblem> es_options_from_json(const ordered_json& in) {
    if (!in.is_object())
        return Err(OptionProblem{"", "expected an object, found " + json_type_name(in), ""});
    JsonReader reader(in, "elasticsearch profile options");
    EsProfileOptions o;
    reader.optional_u32("operations", o.operations);
    reader.optional_nanos("task_run_min_ns", o.task_run_min);
    reader.optional_nanos("task_run_max_ns", o.task_run_max);
    reader.optional_nanos("step_interval_ns", o.step_interval);
    reader.optional_nanos("follower_check_interval_ns", o.follower_check_interval);
    reader.optional_u32("follower_check_retries", o.follower_check_retries);
    reader.optional_nanos("election_delay_ns", o.election_delay);
    reader.optional_nanos("retry_interval_ns", o.retry_interval);
    reader.optional_nanos("liveness_bound_ns", o.liveness_bound);
    reader.reject_unknown_keys({"operations", "task_run_min_ns", "task_run_max_ns",
                                "step_interval_ns", "follower_check_interval_ns",
                                "follower_check_retries", "election_delay_ns", "retry_interval_ns",
                                "liveness_bound_ns"});
    if (!reader.ok()) return Err(*reader.problem());
    if (auto problem = o.validate()) return Err(*problem);
    return o;
}

EsProfileOptions draw_es_options(Rng& rng) {
    EsProfileOptions o;
    o.operations = static_cast<std::uint32_t>(rng.uint_inclusive(50, 400));
    o.task_run_min = rng.int_inclusive(ms(50), ms(500));
    o.task_run_max = o.task_run_min + rng.int_inclusive(0, seconds(5) - ms(500));
    o.step_interval = rng.int_inclusive(ms(50), ms(200));
    o.follower_check_interval = rng.int_inclusive(ms(500), seconds(2));
    o.follower_check_retries = static_cast<std::uint32_t>(rng.uint_inclusive(2, 4));
    o.election_delay = rng.int_inclusive(seconds(1), seconds(3));
    o.retry_interval = rng.int_inclusive(ms(200), ms(1000));
    return o;
}

}  // namespace taskcheck::sim
