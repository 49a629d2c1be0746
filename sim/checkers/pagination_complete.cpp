#include "sim/checkers/pagination_complete.hpp"

#include <map>
#include <string>

#include "sim/checkers/task_ledger.hpp"

namespace taskcheck::sim {

std::optional<Violation> check_pagination_complete(const std::vector<MeiliRecord>& records) {
    struct Walk {
        std::vector<meili::TaskUid> seen;
        std::vector<meili::TaskUid> expected;
        bool stable = true;
    };
    std::map<std::uint32_t, Walk> walks;  // by op
    for (std::size_t i = 0; i < records.size(); ++i) {
        const MeiliRecord& r = records[i];
        if (r.kind != MeiliRecordKind::page) continue;
        Walk& walk = walks[r.op];
        if (r.page == 0) walk = Walk{{}, r.matched, true};
        if (r.matched != walk.expected) walk.stable = false;
        walk.seen.insert(walk.seen.end(), r.uids.begin(), r.uids.end());
        if (r.next || !walk.stable || walk.seen == walk.expected) continue;
        return violation_at("check_pagination_complete", records, i,
                            "op=" + std::to_string(r.op) + ": " + std::to_string(r.page + 1) +
                                " pages did not cover the filtered tasks exactly once",
                            format_uids(walk.expected), format_uids(walk.seen));
    }
    return std::nullopt;
}

}  // namespace taskcheck::sim
