#include "reports/tests/sample_run.hpp"

namespace taskcheck::reports::test {

using conformance::Difference;
using conformance::FixtureResult;
using conformance::HttpExchange;
using conformance::Outcome;
using conformance::RunResult;
using conformance::StartOutcome;
using conformance::StepResult;

namespace {

const char kNastyText[] =
    "<b>&amp;</b> \"q\" 'a' `tick` ```fence``` | pipe *star* _u_ ]]> "
    "nul:\x00: esc:\x1b[31m: del:\x7f: bad:\xff\xfe: fffe:\xef\xbf\xbe: \xc3\xa9t\xc3\xa9 "
    "\xe2\x9c\x93\nsecond line";

}  // namespace

std::string nasty_text() {
    return std::string(kNastyText, sizeof kNastyText - 1);
}

namespace {

std::string nasty() {
    return nasty_text();
}

// `kind` is "<phase> <kind>" for setup and teardown steps, else the kind alone.
StepResult step(std::size_t index, std::string kind, std::string label, Outcome outcome,
                std::int64_t duration_ns) {
    StepResult s;
    s.index = index;
    s.phase = "main";
    if (std::size_t space = kind.find(' '); space != std::string::npos) {
        s.phase = kind.substr(0, space);
        kind.erase(0, space + 1);
    }
    s.kind = std::move(kind);
    s.label = std::move(label);
    s.outcome = outcome;
    s.duration_ns = duration_ns;
    return s;
}

HttpExchange exchange(std::string method, std::string path, std::string request_body, int status,
                      std::string response_body) {
    HttpExchange e;
    e.method = std::move(method);
    e.path = std::move(path);
    e.request_headers = {{"Content-Type", "application/json"}};
    e.request_body = std::move(request_body);
    e.status = status;
    e.response_headers = {{"content-type", "application/json"}};
    e.response_body = std::move(response_body);
    return e;
}

FixtureResult passed_fixture() {
    FixtureResult f;
    f.name = "create an index";
    f.file = "fixtures/meilisearch/create_index.json";
    f.profile = "meilisearch";
    f.tags = {"tasks", "smoke"};
    f.provenance = {"meilisearch-tasks.txt", "Task object",
                    "taskUid: the unique sequential identifier of the task", ""};
    f.outcome = Outcome::passed;
    StepResult create = step(0, "request", "POST /indexes", Outcome::passed, 3'400'000);
    create.exchange = exchange("POST", "/indexes", R"({"uid":"movies"})", 202,
                               R"({"taskUid":0,"indexUid":"movies","status":"enqueued"})");
    StepResult poll = step(1, "poll", "GET /tasks/0", Outcome::passed, 41'000'000);
    poll.poll_states = {"enqueued", "processing", "succeeded"};
    f.steps = {create, poll};
    f.captures = {{"t", 0}, {"index", "movies"}};
    f.duration_ns = 44'900'000;
    return f;
}

FixtureResult failed_fixture() {
    FixtureResult f;
    f.name = "cancel an enqueued task";
    f.file = "fixtures/meilisearch/cancel_enqueued.json";
    f.profile = "meilisearch";
    f.tags = {"cancel"};
    f.provenance = {"meilisearch-tasks.txt", "Canceling and deleting tasks",
                    "You can cancel a task while it is enqueued or processing", ""};
    f.outcome = Outcome::failed;
    StepResult create = step(0, "setup request", "POST /indexes", Outcome::passed, 2'000'000);
    StepResult get = step(1, "request", "GET /tasks/7", Outcome::failed, 1'500'000);
    get.message = "5 differences";
    get.differences = {{"/status", "\"canceled\"", "\"succeeded\"", ""},
                       {"/details/extra", "(missing)", "1", "unexpected key"},
                       {"/canceledBy", "{\"$type\":\"uint\"}", "(missing)", "missing key"},
                       {"/$status", "200", "404", ""},
                       {"", "{\"$subset\":{}}", "[]", "not an object"}};
    get.exchange = exchange("GET", "/tasks/7", "", 404, R"({"message":"Task `7` not found."})");
    StepResult poll = step(2, "poll", "GET /tasks/{{t}}", Outcome::failed, 250'000'000);
    poll.message = "status moved backwards from succeeded to processing";
    poll.poll_states = {"enqueued", "succeeded", "processing"};
    poll.differences = {{"/status", "forward move", "\"processing\"", "after \"succeeded\""}};
    StepResult teardown =
        step(3, "teardown request", "DELETE /indexes/movies", Outcome::passed, 900'000);
    f.steps = {create, get, poll, teardown};
    f.captures = {{"t", 7}};
    f.duration_ns = 254'400'000;
    return f;
}

FixtureResult skipped_fixture() {
    FixtureResult f;
    f.name = "a task processing at kill -9 comes back enqueued";
    f.file = "fixtures/meilisearch/kill_processing.json";
    f.profile = "meilisearch";
    f.tags = {"faults"};
    f.outcome = Outcome::skipped;
    f.reason = "fault step kill needs a spawned target (--spawn); the target is a URL";
    return f;
}

FixtureResult error_fixture() {
    FixtureResult f;
    f.name = nasty();
    f.file = "fixtures/elasticsearch/nasty <name>.json";
    f.profile = "elasticsearch";
    f.outcome = Outcome::error;
    f.reason = "target exited with status 101 before it was ready";
    f.target_stderr_tail = "starting\n" + nasty() + "\npanicked at 'boom'";
    f.target_starts = {
        {20001, StartOutcome::address_in_use, "target exited with status 1 before it was ready"},
        {24117, StartOutcome::failed, "target exited with status 101 before it was ready"}};
    f.duration_ns = 1'250'000'000;
    return f;
}

FixtureResult known_failure_fixture() {
    FixtureResult f;
    f.name = "list tasks grouped by parents";
    f.file = "./fixtures/elasticsearch/group_by_parents.json";
    f.profile = "elasticsearch";
    f.provenance = {"elasticsearch-task-management-api.txt", "Task Management API",
                    "group_by=parents", "the document shows `nodes` but the server returns tasks"};
    f.outcome = Outcome::known_failure;
    f.reason = "group_by=parents is not implemented yet (issue 12)";
    StepResult get = step(0, "request", "GET /_tasks?group_by=parents", Outcome::failed, 800'000);
    get.differences = {{"/tasks", "{\"$type\":\"object\"}", "(missing)", ""}};
    get.exchange = exchange("GET", "/_tasks?group_by=parents", "", 200, nasty());
    get.exchange->response_body_truncated = true;
    f.steps = {get};
    f.duration_ns = 800'000;
    return f;
}

FixtureResult unexpected_pass_fixture() {
    FixtureResult f;
    f.name = "cancel a task by id";
    f.file = "fixtures/elasticsearch/cancel_by_id.json";
    f.profile = "elasticsearch";
    f.outcome = Outcome::unexpected_pass;
    f.reason = "listed as a known failure (cancel was broken) but it passed";
    f.steps = {step(0, "request", "POST /_tasks/n1:5/_cancel", Outcome::passed, 700'000)};
    f.duration_ns = 700'000;
    return f;
}

}  // namespace

RunResult sample_run() {
    RunResult run;
    run.tool_version = "taskcheck 0.1.0";
    run.target = "http://127.0.0.1:7700";
    run.profile = "";
    run.version = "1.1.0";
    run.started_at = "2024-05-01T12:00:00Z";
    run.duration_ns = 1'551'800'000;
    run.fixtures = {passed_fixture(), failed_fixture(),        skipped_fixture(),
                    error_fixture(),  known_failure_fixture(), unexpected_pass_fixture()};
    run.run_errors = {"fixtures/broken.json:3 /steps/0: unknown key \"requets\""};
    return run;
}

}  // namespace taskcheck::reports::test
