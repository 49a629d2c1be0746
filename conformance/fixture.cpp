#include "conformance/fixture.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::conformance {

std::string_view fault_name(FaultKind kind) {
    switch (kind) {
        case FaultKind::kill:
            return "kill";
        case FaultKind::restart:
            return "restart";
        case FaultKind::pause:
            return "pause";
        case FaultKind::resume:
            return "resume";
    }
    TC_ASSERT(false);
    return "";
}

std::string_view phase_name(Phase phase) {
    switch (phase) {
        case Phase::setup:
            return "setup";
        case Phase::main:
            return "main";
        case Phase::teardown:
            return "teardown";
    }
    TC_ASSERT(false);
    return "";
}

std::string_view step_kind_name(Step::Kind kind) {
    switch (kind) {
        case Step::Kind::request:
            return "request";
        case Step::Kind::poll:
            return "poll";
        case Step::Kind::capture:
            return "capture";
        case Step::Kind::fault:
            return "fault";
        case Step::Kind::sleep:
            return "sleep";
    }
    TC_ASSERT(false);
    return "";
}

bool Fixture::uses_faults() const {
    for (const Step& step : steps) {
        if (step.kind == Step::Kind::fault) return true;
    }
    return false;
}

const std::vector<std::string>& profile_names() {
    static const std::vector<std::string> names = {"meilisearch", "elasticsearch"};
    return names;
}

// Meilisearch: a task is enqueued, then processing, then terminal (spec/meilisearch.md §0.15:
// processing is never stored, but a reader sees it in that order). Elasticsearch GET _tasks/<id>:
// "completed" goes from false to true.
std::vector<Json> default_poll_order(const std::string& profile) {
    if (profile == "meilisearch") return {Json("enqueued"), Json("processing")};
    if (profile == "elasticsearch") return {Json(false)};
    return {};
}

}  // namespace taskcheck::conformance
