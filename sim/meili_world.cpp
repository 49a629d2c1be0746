#include "sim/meili_world.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "model/common/assert.hpp"
#include "model/meili/task_query_parser.hpp"

namespace taskcheck::sim {

using meili::Status;
using meili::TaskUid;
using Json = nlohmann::ordered_json;

namespace {

std::string encode(std::uint32_t op, std::uint32_t page, std::optional<TaskUid> from) {
    return std::to_string(op) + " " + std::to_string(page) + " " +
           (from ? std::to_string(*from) : std::string("-"));
}

// The next space-separated unsigned number of `text` from `at`; moves `at` past it.
std::uint32_t next_number(std::string_view text, std::size_t& at) {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), value);
    TC_ASSERT(error == std::errc());
    at = static_cast<std::size_t>(end - text.data()) + 1;
    return value;
}

meili::TaskRequest task_request(const MeiliOperation& op, std::uint32_t op_index) {
    switch (op.kind) {
        case MeiliOpKind::add_documents: {
            meili::AddDocuments add{op.index, Json::array(), std::nullopt, op.method, true};
            for (std::uint32_t i = 0; i < op.documents; ++i) {
                const bool bad = op.bad_document && i + 1 == op.documents;
                // Built key by key: an initializer list builds and converts a temporary array.
                Json& doc = add.documents.emplace_back(Json::value_t::object);
                if (bad) {
                    doc["title"] = "no id";
                } else {
                    doc["id"] = op_index * 1000 + i;
                }
            }
            return add;
        }
        case MeiliOpKind::delete_documents: {
            meili::DeleteDocuments del{op.index, {}};
            for (std::uint32_t i = 0; i < op.documents; ++i)
                del.document_ids.push_back(std::to_string(i));
            return del;
        }
        case MeiliOpKind::clear_documents:
            return meili::ClearDocuments{op.index};
        case MeiliOpKind::update_settings:
            return meili::UpdateSettings{op.index, Json{{"searchableAttributes", {"title"}}}, true};
        case MeiliOpKind::create_index:
            return meili::CreateIndex{op.index, std::nullopt};
        case MeiliOpKind::update_index:
            return meili::UpdateIndex{op.index, std::string("id")};
        case MeiliOpKind::delete_index:
            return meili::DeleteIndex{op.index};
        case MeiliOpKind::swap_indexes:
            return meili::SwapIndexes{{{op.index, op.other_index}}};
        case MeiliOpKind::create_dump:
            return meili::CreateDump{};
        case MeiliOpKind::create_snapshot:
            return meili::CreateSnapshot{};
        default:
            TC_ASSERT(false);
    }
    return meili::CreateDump{};
}

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

// "op page from" as encode() wrote it, `from` "-" when absent.
MeiliWorld::Request MeiliWorld::decode_request(std::string_view text) {
    Request request;
    std::size_t at = 0;
    request.op = next_number(text, at);
    request.page = next_number(text, at);
    TC_ASSERT_LT(at, text.size());
    if (text[at] != '-') request.from = next_number(text, at);
    return request;
}

void MeiliWorld::send_request(NodeId client, const Request& request) {
    network_.send(client, kMeiliNode, encode(request.op, request.page, request.from));
}

void MeiliWorld::answer(NodeId client, Response response) {
    responses_.push_back(std::move(response));
    network_.send(kMeiliNode, client, std::to_string(responses_.size() - 1));
}

// A client accepts only the answer to the request it is waiting for: the first registration
// answer of an op, or the page it asked last; stale duplicates are dropped here.
void MeiliWorld::receive(Response& response) {
    const MeiliOperation& operation = operations_[response.op];
    const NodeId client = operation.client + 1;
    if (response.kind == Response::Kind::got) return;
    if (response.kind != Response::Kind::page) {
        if (acked_[response.op] != 0) return;
        acked_[response.op] = 1;
        MeiliRecord r =
            record(response.kind == Response::Kind::registered ? MeiliRecordKind::acked
                                                               : MeiliRecordKind::api_error,
                   client);
        r.op = response.op;
        r.uid = response.uid;
        r.text = response.code;
        history_.add(std::move(r));
        return;
    }
    if (response.page != acked_[response.op] || pages_asked_[response.op] != response.page + 1)
        return;
    acked_[response.op] += 1;
    MeiliRecord r = record(MeiliRecordKind::page, client);
    r.op = response.op;
    r.page = response.page;
    // Moved out: a page is accepted once (acked_ moved past it), later copies are dropped above.
    r.uids = std::move(response.uids);
    r.next = response.next;
    r.matched = std::move(response.expected);
    history_.add(std::move(r));
    if (!response.next) return;
    pages_asked_[response.op] += 1;
    send_request(client, Request{response.op, response.page + 1, response.next});
}

void MeiliWorld::on_delivery(std::uint64_t message_id) {
    std::optional<Message> message = network_.take(message_id);
    if (!message) return;
    if (message->to != kMeiliNode) {
        return receive(responses_[std::stoull(message->payload)]);
    }
    if (!up_) return;  // a request to a down node is lost: the client never hears back
    if (events_.now() < paused_until_) {
        deferred_.push_back(std::move(*message));
        return;
    }
    serve_message(*message);
}

void MeiliWorld::serve_message(const Message& message) {
    serve(decode_request(message.payload), message.from);
}

const MeiliWorld::ParsedQuery& MeiliWorld::parsed_query(std::uint32_t op) {
    ParsedQuery& cached = queries_[op];
    if (cached.parsed) return cached;
    const MeiliOpKind kind = operations_[op].kind;
    const auto route = kind == MeiliOpKind::cancel_tasks   ? meili::TaskRoute::cancel
                       : kind == MeiliOpKind::delete_tasks ? meili::TaskRoute::delete_
                                                           : meili::TaskRoute::list;
    auto parsed = meili::parse_task_query(route, operations_[op].query);
    cached.parsed = true;
    if (parsed.ok()) {
        cached.query = std::move(parsed.value());
    } else {
        cached.error_code = parsed.error().code;
    }
    return cached;
}

// ---- the instance: requests --------------------------------------------------------------------

void MeiliWorld::serve(const Request& request, NodeId client) {
    switch (operations_[request.op].kind) {
        case MeiliOpKind::cancel_tasks:
            return serve_filter_task(request.op, true, client);
        case MeiliOpKind::delete_tasks:
            return serve_filter_task(request.op, false, client);
        case MeiliOpKind::list_tasks:
            return serve_page(request, client);
        case MeiliOpKind::get_task:
            return serve_get(request.op, client);
        default:
            return serve_registration(request.op, client);
    }
}

void MeiliWorld::serve_registration(std::uint32_t op, NodeId client) {
    MeiliJournalEntry entry;
    entry.kind = MeiliJournalEntry::Kind::enqueue;
    entry.at = local_now();
    entry.request = std::make_unique<const meili::TaskRequest>(task_request(operations_[op], op));
    register_task(op, std::move(entry), client, {}, false);
}

void MeiliWorld::serve_filter_task(std::uint32_t op, bool cancel, NodeId client) {
    const ParsedQuery& parsed = parsed_query(op);
    if (!parsed.query)
        return answer(client,
                      Response{Response::Kind::error, op, 0, 0, {}, {}, {}, parsed.error_code});
    MeiliJournalEntry entry;
    entry.kind = cancel ? MeiliJournalEntry::Kind::cancel : MeiliJournalEntry::Kind::delete_tasks;
    entry.at = local_now();
    meili::TaskQuery query = *parsed.query;
    // What the query captures now, below the task's own uid (§0.12), ascending: the model's own
    // captured set once registered (register_task), unless a planted bug makes the two differ —
    // a query changed after this point, or a registration deferred past later ones.
    const bool own_account = bug_ == MeiliPlantedBug::cancel_ignores_index_filter ||
                             bug_ == MeiliPlantedBug::register_after_pick;
    std::vector<TaskUid> matched;
    if (own_account) {
        matched = model_.matching_tasks(query);
        const TaskUid own = model_.tasks().next_uid() + static_cast<TaskUid>(after_pick_.size());
        std::erase_if(matched, [&](TaskUid uid) { return uid >= own; });
        std::reverse(matched.begin(), matched.end());
    }
    if (bug_ == MeiliPlantedBug::cancel_ignores_index_filter && cancel) query.index_uids.reset();
    entry.query = std::make_unique<const meili::TaskQuery>(std::move(query));
    register_task(op, std::move(entry), client, std::move(matched), !own_account);
}

void MeiliWorld::register_task(std::uint32_t op, MeiliJournalEntry entry, NodeId client,
                               std::vector<TaskUid> matched, bool model_captures) {
    if (bug_ == MeiliPlantedBug::register_after_pick && wake_pending_) {
        const TaskUid predicted =
            model_.tasks().next_uid() + static_cast<TaskUid>(after_pick_.size());
        after_pick_.emplace_back(op, std::move(entry));
        record_registration(op, predicted, task_kind_of(operations_[op].kind), std::move(matched));
        answer(client, Response{Response::Kind::registered, op, 0, predicted, {}, {}, {}, {}});
        return;
    }
    const TaskUid uid = apply_registration(model_, entry);
    journal(std::move(entry));
    if (model_captures)
        if (const std::vector<TaskUid>* captured = model_.captured(uid)) matched = *captured;
    record_registration(op, uid, model_.tasks().find(uid)->kind, std::move(matched));
    answer(client, Response{Response::Kind::registered, op, 0, uid, {}, {}, {}, {}});
    schedule_wake();
}

void MeiliWorld::record_registration(std::uint32_t op, TaskUid uid, meili::Kind kind,
                                     std::vector<TaskUid> matched) {
    const MeiliOperation& operation = operations_[op];
    MeiliRecord r = record(MeiliRecordKind::registered);
    r.op = op;
    r.uid = uid;
    r.task_kind = kind;
    r.enqueued_at = local_now();
    if (!meili::is_global_kind(kind)) r.index = operation.index;
    if (kind == meili::Kind::index_swap) r.indexes = {operation.index, operation.other_index};
    r.matched = matched;
    if (kind == meili::Kind::task_cancelation || kind == meili::Kind::task_deletion)
        matched_[uid] = std::move(matched);
    history_.add(std::move(r));
    task_op_[uid] = op;
    observed_[uid] = Status::enqueued;
    unfinished_.insert(uid);
}

void MeiliWorld::serve_page(const Request& request, NodeId client) {
    const ParsedQuery& parsed = parsed_query(request.op);
    if (!parsed.query)
        return answer(
            client,
            Response{Response::Kind::error, request.op, 0, 0, {}, {}, {}, parsed.error_code});
    meili::TaskQuery query = *parsed.query;
    std::vector<TaskUid> expected = model_.matching_tasks(query);
    query.from = request.from;
    if (bug_ == MeiliPlantedBug::list_from_skips_one && query.from && *query.from > 0)
        query.from = *query.from - 1;
    meili::TaskUidPage page = model_.list_task_uids(query);
    Response response{Response::Kind::page, request.op, request.page, 0, page.next, {}, {}, {}};
    response.uids = std::move(page.uids);
    response.expected = std::move(expected);
    answer(client, std::move(response));
}

void MeiliWorld::serve_get(std::uint32_t op, NodeId client) {
    const auto view = model_.get_task(operations_[op].uid);
    MeiliRecord r = record(MeiliRecordKind::got);
    r.op = op;
    r.uid = operations_[op].uid;
    if (view.ok()) {
        r.to = *meili::parse_status(view.value()["status"].get<std::string>());
        history_.add(std::move(r));
        return answer(client, Response{Response::Kind::got, op, 0, 0, {}, {}, {}, {}});
    }
    r.text = view.error().code;
    history_.add(std::move(r));
    answer(client, Response{Response::Kind::error, op, 0, 0, {}, {}, {}, view.error().code});
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
