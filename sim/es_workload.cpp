#include "sim/es_workload.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace taskcheck::sim {
namespace {

constexpr std::array<std::uint64_t, kEsOpKindCount> kWeights = {40, 10, 4, 6, 14, 16, 10};

struct Labels {
    std::uint32_t trees = 0;
    std::uint32_t jobs = 0;
};

// Every draw happens whatever the kind, so the stream position per operation is fixed.
EsOperation draw_operation(Rng& rng, const EsWorkloadOptions& options, Labels& labels) {
    EsOperation op;
    op.at = rng.int_inclusive(0, options.duration);
    op.node = static_cast<std::uint32_t>(rng.uint_inclusive(0, options.node_count - 1));
    op.kind = static_cast<EsOpKind>(rng.weighted_index(kWeights));
    const std::uint64_t pick = rng.next_u64();
    const auto fanout = static_cast<std::uint32_t>(rng.uint_inclusive(1, 3));
    const auto depth = static_cast<std::uint32_t>(rng.uint_inclusive(0, 2));
    const bool second = rng.chance(Ratio{1, 2});
    switch (op.kind) {
        case EsOpKind::start_tree:
            op.tree = labels.trees++;
            op.fanout = fanout;
            op.depth = depth;
            break;
        case EsOpKind::cancel_task:
        case EsOpKind::cancel_children:
            op.tree = labels.trees == 0 ? 0 : static_cast<std::uint32_t>(pick % labels.trees);
            break;
        case EsOpKind::cancel_actions:
            op.actions = second ? "indices:data/write/bulk*" : "indices:data/write/reindex";
            break;
        case EsOpKind::create_persistent:
            op.id = "job-" + std::to_string(labels.jobs++);
            op.name = second ? "sim/job-b" : "sim/job-a";
            break;
        case EsOpKind::update_persistent:
        case EsOpKind::complete_persistent:
            op.id = "job-" + std::to_string(labels.jobs == 0 ? 0 : pick % labels.jobs);
            break;
    }
    return op;
}

}  // namespace

std::vector<EsOperation> generate_es_workload(Rng& rng, const EsWorkloadOptions& options) {
    TC_ASSERT_GE(options.node_count, 1u);
    TC_ASSERT_GE(options.duration, 0);
    std::vector<EsOperation> ops;
    ops.reserve(options.operations);
    Labels labels;
    for (std::uint32_t i = 0; i < options.operations; ++i)
        ops.push_back(draw_operation(rng, options, labels));
    // Labels follow draw order, so sorting by time may put a cancel before its tree starts: a
    // race the workload wants (the cancel then matches nothing).
    std::stable_sort(ops.begin(), ops.end(),
                     [](const EsOperation& a, const EsOperation& b) { return a.at < b.at; });
    return ops;
}

}  // namespace taskcheck::sim
