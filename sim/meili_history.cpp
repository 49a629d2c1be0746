#include "sim/meili_history.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::sim {

std::uint64_t MeiliHistory::add(const MeiliRecord& record) {
    if (trace_.enabled()) trace_meili_record(trace_, record);
    checks_.observe(record, size_);
    ++counts_[static_cast<std::size_t>(record.kind)];
    if (keep_) records_.push_back(record);
    return size_++;
}

const std::vector<MeiliRecord>& MeiliHistory::records() const {
    TC_ASSERT(keep_);
    return records_;
}

void MeiliHistory::reserve(std::size_t count) {
    if (keep_) records_.reserve(count);
}

}  // namespace taskcheck::sim
