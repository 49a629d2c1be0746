#include "sim/meili_workload.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace taskcheck::sim {
namespace {

constexpr std::array<std::uint64_t, kMeiliOpKindCount> kWeights = {28, 6, 2, 6,  6, 2,  3,
                                                                   2,  1, 1, 12, 3, 18, 8};

std::string index_name(Rng& rng, std::uint32_t indexes) {
    return "idx" + std::to_string(rng.uint_inclusive(0, indexes - 1));
}

// A filter for cancel/delete (never empty: the route needs one) or for a list.
std::string filter(Rng& rng, std::uint32_t indexes, std::uint32_t tasks_so_far, bool for_delete) {
    const std::uint64_t pick = rng.uint_inclusive(0, 7);
    const std::string index = index_name(rng, indexes);
    const std::uint64_t a = rng.uint_inclusive(0, tasks_so_far + 1);
    const std::uint64_t b = rng.uint_inclusive(0, tasks_so_far + 1);
    switch (pick) {
        case 0:
            return for_delete ? "statuses=succeeded,failed,canceled" : "statuses=enqueued";
        case 1:
            return "statuses=enqueued,processing";
        case 2:
            return "indexUids=" + index;
        case 3:
            return "uids=" + std::to_string(a) + "," + std::to_string(b);
        case 4:
            return "types=documentAdditionOrUpdate&statuses=processing,enqueued";
        case 5:
            return "indexUids=" + index + "&statuses=enqueued,processing";
        case 6:
            return "types=settingsUpdate,documentDeletion";
        default:
            return "statuses=*";
    }
}

MeiliOperation draw_operation(Rng& rng, const MeiliWorkloadOptions& options,
                              std::uint32_t tasks_so_far) {
    MeiliOperation op;
    op.client = static_cast<std::uint32_t>(rng.uint_inclusive(0, options.clients - 1));
    op.kind = static_cast<MeiliOpKind>(rng.weighted_index(kWeights));
    op.index = index_name(rng, options.indexes);
    switch (op.kind) {
        case MeiliOpKind::add_documents:
            op.documents = static_cast<std::uint32_t>(rng.uint_inclusive(1, 20));
            op.method = rng.chance(Ratio{1, 4}) ? meili::DocumentMethod::update
                                                : meili::DocumentMethod::replace;
            op.bad_document = rng.chance(Ratio{1, 10});
            break;
        case MeiliOpKind::delete_documents:
            op.documents = static_cast<std::uint32_t>(rng.uint_inclusive(1, 5));
            break;
        case MeiliOpKind::swap_indexes:
            op.other_index = op.index == "idx0" ? "idx1" : "idx0";
            break;
        case MeiliOpKind::create_dump:
        case MeiliOpKind::create_snapshot:
            op.index.clear();
            break;
        case MeiliOpKind::cancel_tasks:
        case MeiliOpKind::delete_tasks:
            op.index.clear();
            op.query =
                filter(rng, options.indexes, tasks_so_far, op.kind == MeiliOpKind::delete_tasks);
            break;
        case MeiliOpKind::list_tasks: {
            op.index.clear();
            const std::string limit = "limit=" + std::to_string(rng.uint_inclusive(1, 5));
            op.query = rng.chance(Ratio{1, 2})
                           ? limit
                           : limit + "&" + filter(rng, options.indexes, tasks_so_far, false);
            break;
        }
        case MeiliOpKind::get_task:
            op.index.clear();
            op.uid = static_cast<meili::TaskUid>(rng.uint_inclusive(0, tasks_so_far + 1));
            break;
        default:
            break;
    }
    return op;
}

}  // namespace

std::vector<MeiliOperation> generate(Rng& rng, const MeiliWorkloadOptions& options) {
    TC_ASSERT_GE(options.clients, 1u);
    TC_ASSERT_GE(options.indexes, 1u);
    TC_ASSERT_GE(options.duration, 0);
    // Half the gaps are a burst (0..2 ms, so requests meet the same batch and cancelations find
    // work to cancel), the others uniform around the mean that spreads the run over `duration`.
    std::vector<Nanos> times;
    const Nanos mean_gap = options.operations ? options.duration / options.operations : 0;
    Nanos at = 0;
    for (std::uint32_t i = 0; i < options.operations; ++i) {
        const bool burst = rng.chance(Ratio{1, 2});
        const Nanos gap = rng.int_inclusive(0, burst ? ms(2) : 2 * mean_gap);
        at = std::min(options.duration, at + gap);
        times.push_back(at);
    }
    std::vector<MeiliOperation> ops;
    std::uint32_t tasks_so_far = 0;
    for (std::uint32_t i = 0; i < options.operations; ++i) {
        MeiliOperation op = draw_operation(rng, options, tasks_so_far);
        op.at = times[i];
        if (op.registers_task()) ++tasks_so_far;
        ops.push_back(std::move(op));
    }
    return ops;
}

}  // namespace taskcheck::sim
