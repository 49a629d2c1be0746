#include "server/serve_options.hpp"

#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <variant>

#include "model/common/input_error.hpp"
#include "model/common/json_depth.hpp"

namespace taskcheck::server {
namespace {

[[noreturn]] void reject(const std::string& field, const std::string& problem,
                         const std::string& hint) {
    throw InputError("serve-options", InputLocation{"", 0, "/" + field}, problem, hint);
}

nlohmann::ordered_json clock_json(bool manual, Nanos now) {
    return {{"clock", manual ? "manual" : "real"}, {"now", format_rfc3339(now)}, {"nowNs", now}};
}

// The span of an advance body, or the reason it is refused.
std::variant<Nanos, std::string> advance_span(const std::string& body) {
    // value.dump() below recurses once per level.
    if (json_depth_excess(body, kJsonDepthMax)) return std::string("nested deeper than 128 levels");
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object() || json.size() != 1)
        return std::string("expected a JSON object with one field, `ms` or `ns`");
    const std::string& key = json.begin().key();
    const auto& value = json.begin().value();
    if (key != "ms" && key != "ns") return "unknown field `" + key + "`; expected `ms` or `ns`";
    if (!value.is_number_unsigned() &&
        !(value.is_number_integer() && value.get<std::int64_t>() >= 0))
        return "`" + key + "` must be a non-negative integer, found " + value.dump();
    const std::uint64_t n = value.get<std::uint64_t>();
    const std::uint64_t scale = key == "ms" ? kNanosPerMilli : 1;
    if (n > static_cast<std::uint64_t>(std::numeric_limits<Nanos>::max() / 4) / scale)
        return "`" + key + "` " + std::to_string(n) + " is too large";
    return static_cast<Nanos>(n * scale);
}

}  // namespace

void ServeOptions::validate() const {
    if (profile != "meilisearch" && profile != "elasticsearch")
        reject("profile", "unknown profile `" + profile + "`", "use meilisearch or elasticsearch");
    if (port < 0 || port > 65535)
        reject("port", std::to_string(port) + " is outside 0..65535", "0 picks a free port");
    if (data_dir.empty()) reject("data_dir", "no data dir", "pass --data-dir DIR");
    if (clock != "real" && clock != "manual")
        reject("clock", "unknown clock `" + clock + "`", "use real or manual");
    if (processing_ms < 0)
        reject("processing_ms", std::to_string(processing_ms) + " is negative", "use 0 or more");
    if (nodes < 1) reject("nodes", std::to_string(nodes) + " nodes", "use at least 1");
    if (threads < 1) reject("threads", "0 threads", "use at least 1");
}

const ServeProfile& find_profile(const std::vector<ServeProfile>& profiles,
                                 const ServeOptions& options) {
    std::string names;
    for (const ServeProfile& profile : profiles) {
        if (profile.name == options.profile) return profile;
        names += (names.empty() ? "" : ", ") + profile.name;
    }
    reject("profile", "profile `" + options.profile + "` is not built into this taskcheck",
           "available: " + names);
}

void register_admin_clock_routes(HttpListener& listener, AdminClock clock, AdminErrorBody error) {
    listener.route(HttpMethod::get, "/_taskcheck/clock",
                   [clock](const httplib::Request&, httplib::Response& res) {
                       res.set_content(clock_json(clock.manual, clock.now()).dump(),
                                       "application/json");
                   });
    listener.route(
        HttpMethod::post, "/_taskcheck/clock/advance",
        [clock, error](const httplib::Request& req, httplib::Response& res) {
            if (!clock.manual) {
                res.status = 409;
                res.set_content(error(409, "clock_not_manual",
                                      "the clock is real; start serve with --clock manual to "
                                      "move time through this route"),
                                "application/json");
                return;
            }
            auto span = advance_span(req.body);
            if (auto* problem = std::get_if<std::string>(&span)) {
                res.status = 400;
                res.set_content(error(400, "invalid_clock_advance", *problem), "application/json");
                return;
            }
            const Nanos now = clock.advance(std::get<Nanos>(span));
            res.set_content(clock_json(true, now).dump(), "application/json");
        });
}

void report_journal_failure(const InputError& error) {
    std::cerr << "taskcheck serve: stopping (exit " << kJournalFailedExit << "): " << error.what()
              << std::endl;
}

bool flush_unless_failed(Journal& journal, const std::atomic<bool>& failed) {
    if (failed) return false;
    try {
        journal.flush();
    } catch (const InputError&) {
        if (!failed) throw;  // the handler reports a write failure; anything else is exit 2
    }
    return !failed;
}

}  // namespace taskcheck::server
