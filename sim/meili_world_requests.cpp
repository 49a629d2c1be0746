// MeiliWorld's client side and request handling: requests encoded into network messages, served
// by the simulated instance (registrations, cancel/delete by filter, list pages, get) and answered.
// The rest of the world (events, journal, batches, faults, checks) is in meili_world.cpp.
#include <charconv>
#include <string_view>

#include "model/common/assert.hpp"
#include "model/meili/task_query_parser.hpp"
#include "sim/meili_world.hpp"

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

}  // namespace

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

}  // namespace taskcheck::sim
