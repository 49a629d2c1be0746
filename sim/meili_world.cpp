#include "sim/meili_world.hpp"

#include <algorithm>

#include "model/common/assert.hpp"
#include "model/meili/task_query_parser.hpp"

namespace taskcheck::sim {

using meili::Status;
using meili::TaskUid;
using Json = nlohmann::ordered_json;

namespace {

std::string fault_text(const FaultEntry& fault, bool ending) {
    std::string out(fault_kind_name(fault.kind));
    if (ending) return out + " end";
    switch (fault.kind) {
        case FaultKind::crash:
        case FaultKind::restart:
        case FaultKind::amnesia_restart:
        case FaultKind::pause:
        case FaultKind::slow_node:
        case FaultKind::isolate:
        case FaultKind::task_failure:
            out += " node=" + std::to_string(fault.node);
            break;
        case FaultKind::clock_skew:
        case FaultKind::clock_jump:
            out += " node=" + std::to_string(fault.node) + " by=" + std::to_string(fault.amount);
            break;
        default:
            break;
    }
    return out;
}

}  // namespace

MeiliWorld::MeiliWorld(const Scenario& scenario, const MeiliProfileOptions& options,
                       std::vector<MeiliOperation> operations, Trace& trace, MeiliPlantedBug bug,
                       MeiliRecords keeping)
    : options_(options),
      bug_(bug),
      operations_(std::move(operations)),
      faults_(scenario.faults),
      network_(scenario.options.network, Rng(scenario.seed).stream("network"), events_),
      history_(trace, keeping),
      queries_(operations_.size()),
      acked_(operations_.size(), 0),
      pages_asked_(operations_.size(), 0) {
    TC_ASSERT(!options_.validate());
    // Room for a typical run's records up front when they are kept.
    history_.reserve(operations_.size() * 12 + 64);
    TC_ASSERT_EQ(scenario.options.network.node_count, options_.clients + 1);
    for (std::size_t i = 0; i < operations_.size(); ++i) {
        TC_ASSERT_LT(operations_[i].client, options_.clients);
        events_.schedule(operations_[i].at, EventKind::operation, operations_[i].client + 1, i);
    }
    for (std::size_t i = 0; i < faults_.size(); ++i) {
        events_.schedule(faults_[i].at, EventKind::fault, faults_[i].node, 2 * i);
        if (fault_has_window(faults_[i].kind))
            events_.schedule(faults_[i].at + faults_[i].duration, EventKind::fault, faults_[i].node,
                             2 * i + 1);
    }
}

MeiliRecord MeiliWorld::record(MeiliRecordKind kind, NodeId node) const {
    MeiliRecord r;
    r.kind = kind;
    r.at = events_.now();
    r.node = node;
    return r;
}

void MeiliWorld::handle(const Event& event) {
    switch (event.kind) {
        case EventKind::operation:
            return on_operation(static_cast<std::uint32_t>(event.arg));
        case EventKind::message_delivery:
            return on_delivery(event.arg);
        case EventKind::fault:
            return on_fault(event.arg);
        case EventKind::timer:
            if (defer_if_paused(event)) return;
            return on_wake(event.arg);
        case EventKind::node_step:
            if (defer_if_paused(event)) return;
            return on_batch_end(event.arg);
    }
}

bool MeiliWorld::defer_if_paused(const Event& event) {
    if (events_.now() >= paused_until_) return false;
    events_.schedule(paused_until_, event.kind, event.node, event.arg);
    return true;
}

// ---- clients -----------------------------------------------------------------------------------

void MeiliWorld::on_operation(std::uint32_t op) {
    const MeiliOperation& operation = operations_[op];
    MeiliRecord r = record(MeiliRecordKind::operation, operation.client + 1);
    r.op = op;
    r.text = std::string(meili_op_name(operation.kind));
    history_.add(std::move(r));
    pages_asked_[op] = 1;
    send_request(operation.client + 1, Request{op, 0, std::nullopt});
}

// ---- the instance: scheduler -------------------------------------------------------------------

void MeiliWorld::journal(MeiliJournalEntry entry) {
    if (bug_ == MeiliPlantedBug::ack_before_journal &&
        (entry.kind == MeiliJournalEntry::Kind::enqueue ||
         entry.kind == MeiliJournalEntry::Kind::cancel ||
         entry.kind == MeiliJournalEntry::Kind::delete_tasks)) {
        unwritten_.push_back(std::move(entry));
        return;
    }
    flush_unwritten();
    const bool batch_end = entry.kind == MeiliJournalEntry::Kind::batch_finish;
    journal_.append(std::move(entry));
    if (bug_ != MeiliPlantedBug::sync_only_at_batch_end || batch_end) journal_.sync();
}

void MeiliWorld::flush_unwritten() {
    for (MeiliJournalEntry& entry : unwritten_)
        journal_.append(std::move(entry));
    unwritten_.clear();
}

void MeiliWorld::schedule_wake() {
    if (!up_ || wake_pending_ || model_.batch_in_progress()) return;
    if (model_.tasks().with_status(Status::enqueued).empty() && after_pick_.empty()) return;
    wake_pending_ = true;
    events_.schedule_after(options_.scheduler_wake, EventKind::timer, kMeiliNode, generation_);
}

Nanos MeiliWorld::batch_cost(const std::vector<TaskUid>& uids) const {
    Nanos cost = options_.batch_cost_base;
    for (TaskUid uid : uids) {
        cost += options_.batch_cost_per_task;
        const auto it = task_op_.find(uid);
        if (it != task_op_.end())
            cost += options_.batch_cost_per_document * operations_[it->second].documents;
    }
    return cost;
}

void MeiliWorld::on_wake(std::uint64_t generation) {
    if (generation != generation_ || !up_) return;
    wake_pending_ = false;
    TC_ASSERT(!model_.batch_in_progress());
    const Nanos at = local_now();
    batch_uids_ = model_.start_next_batch(at);
    if (!batch_uids_.empty()) {
        MeiliJournalEntry entry;
        entry.kind = MeiliJournalEntry::Kind::batch_start;
        entry.at = at;
        journal(std::move(entry));
        MeiliRecord r = record(MeiliRecordKind::batch_started);
        r.uids = batch_uids_;
        history_.add(std::move(r));
        observe({}, false);
        events_.schedule_after(batch_cost(batch_uids_), EventKind::node_step, kMeiliNode,
                               generation_);
    }
    flush_after_pick();
}

// register_after_pick: what arrived while the pick was pending is registered only now.
void MeiliWorld::flush_after_pick() {
    std::vector<std::pair<std::uint32_t, MeiliJournalEntry>> waiting = std::move(after_pick_);
    after_pick_.clear();
    for (auto& [op, entry] : waiting) {
        const TaskUid uid = apply_registration(model_, entry);
        journal(std::move(entry));
        task_op_[uid] = op;
    }
    schedule_wake();
}

void MeiliWorld::on_batch_end(std::uint64_t generation) {
    if (generation != generation_ || !up_) return;
    TC_ASSERT(model_.batch_in_progress());
    // A clock jumped back during the batch would finish it before its start; the model requires
    // finish >= start, so the finish is clamped (docs/simulator.md, Meilisearch profile).
    const Nanos at = std::max(local_now(), model_.processing().started_at);
    const meili::BatchEnd end = model_.finish_batch(at);
    MeiliJournalEntry entry;
    entry.kind = MeiliJournalEntry::Kind::batch_finish;
    entry.at = at;
    for (TaskUid uid : batch_uids_) {
        const meili::Task* task = model_.tasks().find(uid);
        if (task != nullptr && task->status == Status::failed) entry.had_failure = true;
    }
    journal(std::move(entry));
    MeiliRecord r = record(MeiliRecordKind::batch_finished);
    r.end = end;
    history_.add(std::move(r));
    std::vector<TaskUid> extra;
    if (batch_uids_.size() == 1) {
        const auto it = matched_.find(batch_uids_.front());
        if (it != matched_.end()) extra = it->second;
    }
    batch_uids_.clear();
    observe(extra, false);
    schedule_wake();
}

// ---- observation -------------------------------------------------------------------------------

// Records every change of observable status since the last look: the unfinished tasks and
// `extra` (a deletion's targets), or every task ever seen when `everything` (after a restart).
void MeiliWorld::observe(const std::vector<TaskUid>& extra, bool everything) {
    // Ascending and unique, as a std::set would give, in a vector the world reuses (this runs
    // after every queue command).
    std::vector<TaskUid>& look = look_;
    look.assign(unfinished_.begin(), unfinished_.end());
    look.insert(look.end(), extra.begin(), extra.end());
    if (everything)
        for (const auto& [uid, status] : observed_)
            look.push_back(uid);
    if (!extra.empty() || everything) {
        std::sort(look.begin(), look.end());
        look.erase(std::unique(look.begin(), look.end()), look.end());
    }
    for (TaskUid uid : look) {
        const auto seen = observed_.find(uid);
        if (seen == observed_.end()) continue;
        const meili::Task* task = model_.tasks().find(uid);
        if (task == nullptr) {
            MeiliRecord r = record(MeiliRecordKind::deleted);
            r.uid = uid;
            history_.add(std::move(r));
            observed_.erase(seen);
            unfinished_.erase(uid);
            continue;
        }
        const Status now = task->status == Status::enqueued && model_.processing().contains(uid)
                               ? Status::processing
                               : task->status;
        if (now == seen->second) continue;
        MeiliRecord r = record(MeiliRecordKind::status);
        r.uid = uid;
        r.from = seen->second;
        r.to = now;
        r.canceled_by = task->canceled_by;
        if (const auto* d = std::get_if<meili::TaskCancelationDetails>(&task->details))
            r.count = d->canceled_tasks;
        if (const auto* d = std::get_if<meili::TaskDeletionDetails>(&task->details))
            r.count = d->deleted_tasks;
        history_.add(std::move(r));
        seen->second = now;
        if (meili::is_terminal(now)) {
            unfinished_.erase(uid);
        } else {
            unfinished_.insert(uid);
        }
    }
}

// ---- faults ------------------------------------------------------------------------------------

void MeiliWorld::on_fault(std::uint64_t arg) {
    if (liveness_) return;
    const FaultEntry& fault = faults_[arg / 2];
    const bool ending = arg % 2 == 1;
    MeiliRecord r = record(MeiliRecordKind::fault, fault.node);
    r.text = fault_text(fault, ending);
    history_.add(std::move(r));
    apply_fault(fault, ending);
}

void MeiliWorld::apply_fault(const FaultEntry& fault, bool ending) {
    const bool on_instance = fault.node == kMeiliNode;
    switch (fault.kind) {
        case FaultKind::crash:
            if (on_instance) crash();
            return;
        case FaultKind::restart:
            if (on_instance) restart();
            return;
        case FaultKind::amnesia_restart:
            if (on_instance) amnesia_restart();
            return;
        case FaultKind::pause:
            if (!on_instance) return;
            if (!ending) {
                paused_until_ = std::max(paused_until_, fault.at + fault.duration);
            } else if (events_.now() >= paused_until_) {
                std::vector<Message> waiting = std::move(deferred_);
                deferred_.clear();
                for (const Message& message : waiting)
                    if (up_) serve_message(message);
            }
            return;
        case FaultKind::slow_node:
            network_.set_node_slowdown(fault.node, ending ? 0 : fault.amount);
            return;
        case FaultKind::partition_symmetric:
            return ending ? network_.heal() : network_.partition(fault.nodes);
        case FaultKind::partition_asymmetric: {
            if (ending) return network_.heal();
            std::vector<NodeId> rest;
            for (NodeId n = 0; n < network_.options().node_count; ++n)
                if (std::find(fault.nodes.begin(), fault.nodes.end(), n) == fault.nodes.end())
                    rest.push_back(n);
            return network_.block(fault.nodes, rest);
        }
        case FaultKind::isolate:
            return ending ? network_.heal() : network_.isolate(fault.node);
        case FaultKind::heal:
            return network_.heal();
        case FaultKind::drop_burst:
        case FaultKind::reorder_burst:
        case FaultKind::duplicate_burst:
        case FaultKind::delay_burst: {
            LinkConditions conditions = network_.conditions();
            const LinkConditions base = baseline_conditions(network_.options());
            if (fault.kind == FaultKind::drop_burst)
                conditions.drop_probability = ending ? base.drop_probability : fault.probability;
            if (fault.kind == FaultKind::reorder_burst)
                conditions.reorder_probability =
                    ending ? base.reorder_probability : fault.probability;
            if (fault.kind == FaultKind::duplicate_burst)
                conditions.duplicate_probability =
                    ending ? base.duplicate_probability : fault.probability;
            if (fault.kind == FaultKind::delay_burst)
                conditions.delay_extra_mean = ending ? 0 : fault.amount;
            return network_.set_conditions(conditions);
        }
        case FaultKind::clock_skew:
            if (on_instance) clock_.set_skew(fault.amount);
            return;
        case FaultKind::clock_jump:
            if (on_instance) clock_.jump(fault.amount);
            return;
        case FaultKind::task_failure:
            return;  // no model hook yet: recorded only
    }
}

void MeiliWorld::crash() {
    if (!up_) return;
    up_ = false;
    ++generation_;
    wake_pending_ = false;
    // ack_before_journal: registrations the live queue applied but never journalled die here,
    // so the live queue no longer is the journal's replay.
    if (!unwritten_.empty()) model_is_replay_ = false;
    unwritten_.clear();
    after_pick_.clear();
    deferred_.clear();
    batch_uids_.clear();
    paused_until_ = 0;
    history_.add(record(MeiliRecordKind::crash));
}

// The queue a restart finds is the journal replayed, then restart(). While every command the
// live queue applied is in the journal, in order (the model is deterministic), the live queue is
// that replay already and needs only restart(); a full replay runs only when the two may differ:
// power loss dropped entries, ack_before_journal dropped unjournalled ones, or the planted
// replay_forgets_failures replays differently. meili_world_test checks the shortcut against a
// full replay.
void MeiliWorld::restart() {
    crash();
    if (model_is_replay_ && bug_ != MeiliPlantedBug::replay_forgets_failures) {
        model_.restart();
    } else {
        model_ = journal_.rebuild(bug_ == MeiliPlantedBug::replay_forgets_failures);
        model_is_replay_ = true;
    }
    // Synced like every other entry (not in sync_only_at_batch_end's instance): a power loss
    // right after would otherwise drop only this entry, which changes nothing but forced a full
    // replay.
    MeiliJournalEntry entry;
    entry.kind = MeiliJournalEntry::Kind::restart;
    entry.at = local_now();
    journal(std::move(entry));
    up_ = true;
    history_.add(record(MeiliRecordKind::restart));
    MeiliRecord r = record(MeiliRecordKind::recovered);
    model_.tasks().all().for_each_ascending(0, [&](TaskUid uid) {
        r.uids.push_back(uid);
        return true;
    });
    history_.add(std::move(r));
    observe({}, true);
    schedule_wake();
}

// Power loss: the process dies and the page cache with it, so journal entries written but not
// yet synced are gone; then the usual restart from what is left. A correct instance syncs before
// every answer, so nothing it acknowledged is lost (spec/meilisearch.md: the task store is LMDB,
// committed durably before the 202).
void MeiliWorld::amnesia_restart() {
    crash();
    if (journal_.lose_unsynced() > 0) model_is_replay_ = false;
    restart();
}

// ---- phases ------------------------------------------------------------------------------------

void MeiliWorld::enter_liveness() {
    history_.add(record(MeiliRecordKind::liveness));
    liveness_ = true;
    network_.heal();
    network_.set_conditions(baseline_conditions(network_.options()));
    for (NodeId node = 0; node < network_.options().node_count; ++node)
        network_.set_node_slowdown(node, 0);
    if (!up_) restart();
    if (paused_until_ > events_.now()) {
        paused_until_ = events_.now();
        FaultEntry resume;
        resume.kind = FaultKind::pause;
        apply_fault(resume, true);
    }
    schedule_wake();
}

std::optional<std::string> MeiliWorld::pending() const {
    if (!up_) return "meili-0 is down";
    if (!unfinished_.empty()) {
        const TaskUid uid = *unfinished_.begin();
        return "task " + std::to_string(uid) + " still " +
               std::string(meili::status_name(observed_.at(uid))) + " on meili-0";
    }
    if (!after_pick_.empty()) return "registrations waiting for the scheduler on meili-0";
    if (network_.in_flight() > 0)
        return std::to_string(network_.in_flight()) + " client messages in flight";
    return std::nullopt;
}

std::optional<Violation> MeiliWorld::check() const {
    return history_.first_violation();
}

std::string MeiliWorld::summary() const {
    std::uint64_t counts[meili::kStatusCount] = {};
    for (const auto& [uid, status] : observed_)
        ++counts[static_cast<int>(status)];
    const std::uint64_t batches = history_.count(MeiliRecordKind::batch_started);
    const std::uint64_t restarts = history_.count(MeiliRecordKind::restart);
    const NetworkStats& net = network_.stats();
    return "tasks=" + std::to_string(observed_.size()) + " succeeded=" + std::to_string(counts[2]) +
           " failed=" + std::to_string(counts[3]) + " canceled=" + std::to_string(counts[4]) +
           " enqueued=" + std::to_string(counts[0]) + " processing=" + std::to_string(counts[1]) +
           " batches=" + std::to_string(batches) + " restarts=" + std::to_string(restarts) +
           " messages=" + std::to_string(net.sent) + " dropped=" + std::to_string(net.dropped);
}

}  // namespace taskcheck::sim
