#include "model/meili/autobatcher.hpp"

#include <algorithm>

#include "model/common/assert.hpp"

namespace taskcheck::meili {
namespace {

using Tag = AutobatchTask::Tag;
using MaybeKey = std::optional<std::optional<std::string>>;  // Option<Option<&str>> in Rust

struct Accumulator {
    BatchKind kind;
    std::vector<TaskUid> uids;
    std::optional<bool> allow_index_creation;  // BatchKind::allow_index_creation()
    MaybeKey primary_key;                      // BatchKind::primary_key()
    DocumentMethod method = DocumentMethod::replace;
};

enum class Flow { go_on, stop };

struct Step {
    Flow flow;
    Accumulator acc;
};

MaybeKey task_key(const AutobatchTask& t) {
    if (t.tag != Tag::document_import) return std::nullopt;
    return MaybeKey(t.primary_key);
}

std::optional<bool> task_allows_creation(const AutobatchTask& t) {
    if (t.tag != Tag::document_import && t.tag != Tag::settings) return std::nullopt;
    return t.allow_index_creation;
}

// The primary-key condition of `accumulate`, written as in the source: break unless the two
// tasks ignore the key, or the task's key matches the index's, or it matches the batch's.
bool keys_compatible(const Accumulator& acc, const AutobatchTask& t,
                     const std::optional<std::string>& index_key) {
    const MaybeKey key = task_key(t);
    if (!acc.primary_key && !key) return true;
    if (index_key && (!key || *key == index_key)) return true;
    if (!acc.primary_key || !key) return true;
    return *acc.primary_key == *key;
}

Step start(const AutobatchTask& t) {
    Accumulator acc{
        BatchKind::document_operation, {t.uid}, task_allows_creation(t), task_key(t), t.method};
    switch (t.tag) {
        case Tag::index_creation:
            acc.kind = BatchKind::index_creation;
            return {Flow::stop, acc};
        case Tag::index_deletion:
            acc.kind = BatchKind::index_deletion;
            return {Flow::stop, acc};
        case Tag::index_update:
            acc.kind = BatchKind::index_update;
            return {Flow::stop, acc};
        case Tag::index_swap:
            acc.kind = BatchKind::index_swap;
            return {Flow::stop, acc};
        case Tag::document_clear:
            acc.kind = BatchKind::document_clear;
            break;
        case Tag::document_import:
            acc.kind = BatchKind::document_operation;
            break;
        case Tag::document_deletion:
            acc.kind = BatchKind::document_deletion;
            break;
        case Tag::settings:
            acc.kind = BatchKind::settings;
            break;
    }
    return {Flow::go_on, acc};
}

Step take(Accumulator acc, const AutobatchTask& t, BatchKind kind, Flow flow = Flow::go_on) {
    acc.uids.push_back(t.uid);
    acc.kind = kind;
    return {flow, std::move(acc)};
}

// One arm of BatchKind::accumulate per (batch kind, task tag) pair.
Step accumulate(Accumulator acc, const AutobatchTask& t, bool index_exists,
                const std::optional<std::string>& index_key) {
    const Tag tag = t.tag;
    if (tag == Tag::index_creation || tag == Tag::index_update || tag == Tag::index_swap)
        return {Flow::stop, acc};
    if (!index_exists && acc.allow_index_creation == false && task_allows_creation(t) == true)
        return {Flow::stop, acc};
    if (!keys_compatible(acc, t, index_key)) return {Flow::stop, acc};
    if (tag == Tag::index_deletion) return take(acc, t, BatchKind::index_deletion, Flow::stop);
    const bool same_method = t.method == acc.method;
    switch (acc.kind) {
        case BatchKind::document_clear:
            if (tag == Tag::document_clear || tag == Tag::document_deletion)
                return take(acc, t, BatchKind::document_clear);
            return {Flow::stop, acc};
        case BatchKind::document_operation:
            if (tag == Tag::document_clear) return take(acc, t, BatchKind::document_clear);
            if (tag == Tag::document_import && same_method) {
                acc.primary_key = task_key(t);
                return take(acc, t, BatchKind::document_operation);
            }
            if (tag == Tag::document_deletion) return take(acc, t, BatchKind::document_operation);
            if (tag == Tag::settings)
                return take(acc, t, BatchKind::settings_and_document_operation);
            return {Flow::stop, acc};
        case BatchKind::document_deletion:
            if (tag == Tag::document_clear) return take(acc, t, BatchKind::document_clear);
            if (tag == Tag::document_deletion) return take(acc, t, BatchKind::document_deletion);
            return {Flow::stop, acc};
        case BatchKind::settings:
            if (tag == Tag::document_clear) return take(acc, t, BatchKind::clear_and_settings);
            if (tag == Tag::settings) return take(acc, t, BatchKind::settings);
            return {Flow::stop, acc};
        case BatchKind::clear_and_settings:
            if (tag == Tag::document_import) return {Flow::stop, acc};
            return take(acc, t, BatchKind::clear_and_settings);
        case BatchKind::settings_and_document_operation:
            if (tag == Tag::document_clear) return take(acc, t, BatchKind::clear_and_settings);
            if (tag == Tag::settings)
                return take(acc, t, BatchKind::settings_and_document_operation);
            if (tag == Tag::document_import && same_method) {
                acc.primary_key = task_key(t);
                return take(acc, t, BatchKind::settings_and_document_operation);
            }
            return {Flow::stop, acc};
        default:
            TC_ASSERT(false);
    }
    return {Flow::stop, acc};
}

}  // namespace

AutobatchBuilder::AutobatchBuilder(bool index_exists, std::optional<std::string> primary_key)
    : index_exists_(index_exists), primary_key_(std::move(primary_key)) {}

bool AutobatchBuilder::offer(const AutobatchTask& task) {
    TC_ASSERT(open_);
    Step step = {Flow::go_on, {}};
    if (!started_) {
        step = start(task);
        started_ = true;
        must_create_index_ =
            task.tag == Tag::index_creation || task_allows_creation(task).value_or(false);
        // An index the first task may create counts as existing for the rest (autobatch()).
        index_exists_ = index_exists_ || must_create_index_;
    } else {
        TC_ASSERT_LT(uids_.back(), task.uid);
        Accumulator acc{kind_, std::move(uids_), allow_index_creation_, batch_key_, method_};
        step = accumulate(std::move(acc), task, index_exists_, primary_key_);
    }
    kind_ = step.acc.kind;
    uids_ = std::move(step.acc.uids);
    allow_index_creation_ = step.acc.allow_index_creation;
    batch_key_ = step.acc.primary_key;
    method_ = step.acc.method;
    open_ = step.flow == Flow::go_on;
    return open_;
}

Autobatch AutobatchBuilder::result() const {
    TC_ASSERT(started_);
    return Autobatch{kind_, uids_, must_create_index_};
}

std::optional<Autobatch> autobatch(const std::vector<AutobatchTask>& enqueued, bool index_exists,
                                   const std::optional<std::string>& primary_key) {
    if (enqueued.empty()) return std::nullopt;
    AutobatchBuilder builder(index_exists, primary_key);
    for (const AutobatchTask& task : enqueued)
        if (!builder.offer(task)) break;
    return builder.result();
}

}  // namespace taskcheck::meili
