#pragma once
// The one response body runner_fast_target answers with, shared with the benchmark driver so the
// fixture and the Newman collection expect exactly these bytes. A Meilisearch v1.1 task view
// (spec/meilisearch.md), so matching it costs what matching a real answer costs.

namespace taskcheck::bench {

inline constexpr const char* kRunnerTargetBody =
    R"({"uid":1,"indexUid":"movies","status":"succeeded","type":"documentAdditionOrUpdate",)"
    R"("canceledBy":null,"details":{"receivedDocuments":1,"indexedDocuments":1},"error":null,)"
    R"("duration":"PT0.001S","enqueuedAt":"2024-01-01T00:00:00Z",)"
    R"("startedAt":"2024-01-01T00:00:00.001Z","finishedAt":"2024-01-01T00:00:00.002Z"})";

}  // namespace taskcheck::bench
