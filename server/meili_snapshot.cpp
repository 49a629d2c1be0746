#include "server/meili_snapshot.hpp"

#include <map>
#include <vector>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"
#include "server/snapshot_codec.hpp"
#include "server/snapshot_file.hpp"

namespace taskcheck::meili {

using taskcheck::server::SnapshotReader;
using taskcheck::server::SnapshotWriter;
using Json = nlohmann::ordered_json;

namespace {

// A field added to one of these types must be added to the snapshot too: these sizes make the
// build fail first (x86-64, libstdc++), pointing here.
static_assert(sizeof(Task) == 104, "Task changed: update server/meili_snapshot.cpp");
static_assert(sizeof(Payload) == 112, "Payload changed: update server/meili_snapshot.cpp");
static_assert(sizeof(TaskStore) == 1256, "TaskStore changed: update server/meili_snapshot.cpp");
static_assert(sizeof(TaskQueue) == 1512, "TaskQueue changed: update server/meili_snapshot.cpp");

// Nanos differences wrap (two's complement), so every pair of instants round-trips exactly.
std::int64_t delta(Nanos value, Nanos base) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(value) -
                                     static_cast<std::uint64_t>(base));
}
Nanos undelta(std::int64_t delta, Nanos base) {
    return static_cast<Nanos>(static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(delta));
}

TaskUid read_uid(SnapshotReader& in, const char* what) {
    const std::uint64_t value = in.var(what);
    if (value > kNoTask) in.fail(std::string(what) + " " + std::to_string(value) + " is not a uid");
    return static_cast<TaskUid>(value);
}

// kNoTask / kNoIndex as 0, anything else as value + 1.
void write_optional_id(SnapshotWriter& out, std::uint32_t value, std::uint32_t none) {
    out.var(value == none ? 0 : std::uint64_t{value} + 1);
}
std::uint32_t read_optional_id(SnapshotReader& in, std::uint32_t none, const char* what) {
    const std::uint64_t value = in.var(what);
    if (value == 0) return none;
    if (value > none) in.fail(std::string(what) + " " + std::to_string(value - 1) + " too large");
    return static_cast<std::uint32_t>(value - 1);
}

void write_count(SnapshotWriter& out, const Count& count) {
    out.boolean(count.has_value());
    out.var(count.value_or(0));
}
Count read_count(SnapshotReader& in) {
    bool present = in.boolean("count present");
    std::uint64_t value = in.var("count");
    return present ? Count(value) : std::nullopt;
}

void write_shared_text(SnapshotWriter& out, const std::shared_ptr<const std::string>& text) {
    out.boolean(text != nullptr);
    if (text) out.text(*text);
}
std::shared_ptr<const std::string> read_shared_text(SnapshotReader& in) {
    if (!in.boolean("text present")) return nullptr;
    return std::make_shared<const std::string>(in.text("text"));
}

void write_json(SnapshotWriter& out, const Json& value) {
    out.text(value.dump());
}
Json read_json(SnapshotReader& in, const char* what) {
    const std::string_view text = in.text_view(what);
    Json value = Json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded()) in.fail(std::string(what) + " is not JSON");
    return value;
}

void write_texts(SnapshotWriter& out, const std::vector<std::string>& texts) {
    out.var(texts.size());
    for (const std::string& text : texts)
        out.text(text);
}
std::vector<std::string> read_texts(SnapshotReader& in) {
    std::vector<std::string> out(in.count("text list", 1));
    for (std::string& text : out)
        text = in.text("text list item");
    return out;
}

// A uid list in its own order (not always sorted): zigzag deltas from the previous uid.
void write_uids(SnapshotWriter& out, const std::vector<TaskUid>& uids) {
    out.var(uids.size());
    TaskUid previous = 0;
    for (TaskUid uid : uids) {
        out.svar(std::int64_t{uid} - std::int64_t{previous});
        previous = uid;
    }
}
std::vector<TaskUid> read_uids(SnapshotReader& in) {
    std::vector<TaskUid> out(in.count("uid list", 1));
    std::int64_t previous = 0;
    for (TaskUid& uid : out) {
        const std::int64_t value = previous + in.svar("uid delta");
        if (value < 0 || value > std::int64_t{kNoTask}) in.fail("uid list item out of range");
        uid = static_cast<TaskUid>(value);
        previous = value;
    }
    return out;
}

// A set as runs of consecutive uids: count, then per run the gap after the previous run and the
// length - 1. A dense set (all tasks, one status) is a few bytes per run instead of 4 per uid.
void write_set(SnapshotWriter& out, const UidSet& set) {
    std::vector<std::pair<TaskUid, std::uint64_t>> runs;  // first uid, length
    set.for_each_ascending(0, [&](TaskUid uid) {
        if (!runs.empty() && runs.back().first + runs.back().second == uid) {
            ++runs.back().second;
        } else {
            runs.emplace_back(uid, 1);
        }
        return true;
    });
    out.var(runs.size());
    std::uint64_t next = 0;
    for (const auto& [first, length] : runs) {
        out.var(first - next);
        out.var(length - 1);
        next = first + length;
    }
}
// Every member must be below `limit` (the number of task slots).
UidSet read_set(SnapshotReader& in, std::uint64_t limit) {
    UidSet out;
    std::uint64_t next = 0;
    for (std::uint64_t runs = in.count("uid set runs", 2); runs > 0; --runs) {
        const std::uint64_t first = next + in.var("uid run gap");
        const std::uint64_t length = in.var("uid run length") + 1;
        if (first < next || length > limit || first > limit - length)
            in.fail("uid run past the " + std::to_string(limit) + " task slots");
        for (std::uint64_t uid = first; uid < first + length; ++uid)
            out.insert(static_cast<TaskUid>(uid));
        next = first + length;
    }
    return out;
}

// Sorted (instant, uid) pairs: the instant as a delta from the previous one (>= 0), the uid as a
// zigzag delta from the previous uid.
void write_dates(SnapshotWriter& out, const DateIndex& dates) {
    out.var(dates.size());
    Nanos previous_instant = 0;
    TaskUid previous_uid = 0;
    for (const auto& [instant, uid] : dates) {
        out.var(static_cast<std::uint64_t>(delta(instant, previous_instant)));
        out.svar(std::int64_t{uid} - std::int64_t{previous_uid});
        previous_instant = instant;
        previous_uid = uid;
    }
}
DateIndex read_dates(SnapshotReader& in) {
    DateIndex out;
    const std::uint64_t size = in.count("date index", 2);
    out.reserve(size);
    for (std::uint64_t n = size; n > 0; --n) {
        const Nanos base = out.empty() ? 0 : out.back().first;
        const Nanos instant = undelta(static_cast<std::int64_t>(in.var("date")), base);
        const std::int64_t uid = std::int64_t{out.empty() ? 0 : out.back().second} + in.svar("uid");
        if (uid < 0 || uid > std::int64_t{kNoTask}) in.fail("date uid out of range");
        const std::pair<Nanos, TaskUid> entry{instant, static_cast<TaskUid>(uid)};
        if (!out.empty() && !(out.back() < entry)) in.fail("date index out of order");
        out.push_back(entry);
    }
    return out;
}

struct DetailsWriter {
    SnapshotWriter& out;
    void operator()(const std::monostate&) const {}
    void operator()(const DocumentAdditionDetails& d) const {
        out.var(d.received_documents);
        write_count(out, d.indexed_documents);
    }
    void operator()(const DocumentDeletionDetails& d) const {
        out.var(d.provided_ids);
        write_count(out, d.deleted_documents);
    }
    void operator()(const ClearAllDetails& d) const { write_count(out, d.deleted_documents); }
    void operator()(const SettingsDetails& d) const {
        out.boolean(d.settings != nullptr);
        if (d.settings) write_json(out, *d.settings);
    }
    void operator()(const IndexInfoDetails& d) const { write_shared_text(out, d.primary_key); }
    void operator()(const IndexSwapDetails& d) const {
        out.boolean(d.swaps != nullptr);
        if (!d.swaps) return;
        out.var(d.swaps->size());
        for (const auto& [lhs, rhs] : *d.swaps) {
            out.text(lhs);
            out.text(rhs);
        }
    }
    void operator()(const TaskCancelationDetails& d) const {
        out.var(d.matched_tasks);
        write_count(out, d.canceled_tasks);
        write_shared_text(out, d.original_filter);
    }
    void operator()(const TaskDeletionDetails& d) const {
        out.var(d.matched_tasks);
        write_count(out, d.deleted_tasks);
        write_shared_text(out, d.original_filter);
    }
    void operator()(const DumpDetails& d) const { write_shared_text(out, d.dump_uid); }
};

Details read_details(SnapshotReader& in) {
    const std::uint8_t tag = in.u8("details tag");
    switch (tag) {
        case 0:
            return std::monostate{};
        case 1: {
            DocumentAdditionDetails d;
            d.received_documents = in.var("receivedDocuments");
            d.indexed_documents = read_count(in);
            return d;
        }
        case 2: {
            DocumentDeletionDetails d;
            d.provided_ids = in.var("providedIds");
            d.deleted_documents = read_count(in);
            return d;
        }
        case 3:
            return ClearAllDetails{read_count(in)};
        case 4: {
            if (!in.boolean("settings present")) return SettingsDetails{};
            return SettingsDetails{std::make_shared<const Json>(read_json(in, "settings"))};
        }
        case 5:
            return IndexInfoDetails{read_shared_text(in)};
        case 6: {
            IndexSwapDetails d;
            if (!in.boolean("swaps present")) return d;
            d.swaps = std::make_shared<std::vector<std::pair<std::string, std::string>>>();
            for (std::uint64_t n = in.count("swaps", 2); n > 0; --n) {
                std::string lhs = in.text("swap lhs");
                d.swaps->emplace_back(std::move(lhs), in.text("swap rhs"));
            }
            return d;
        }
        case 7:
        case 8: {
            std::uint64_t matched = in.var("matchedTasks");
            Count done = read_count(in);
            auto filter = read_shared_text(in);
            if (tag == 7) return TaskCancelationDetails{matched, done, filter};
            return TaskDeletionDetails{matched, done, filter};
        }
        case 9:
            return DumpDetails{read_shared_text(in)};
        default:
            in.fail("details tag " + std::to_string(tag) + " is not 0..9");
    }
}

}  // namespace

// Reads and rebuilds the private parts of TaskStore and TaskQueue (a friend of both).
struct SnapshotAccess {
    // Errors are shared by every task a batch error failed: written once, referred to by index.
    struct ErrorTable {
        std::map<const ApiError*, std::uint32_t> index_of;  // pointers compared, never written
        std::vector<std::shared_ptr<const ApiError>> errors;
    };

    static void write_error(SnapshotWriter& out, ErrorTable& table,
                            const std::shared_ptr<const ApiError>& error) {
        if (!error) return out.var(0);
        auto [it, fresh] = table.index_of.emplace(error.get(), table.errors.size() + 1);
        out.var(it->second);
        if (!fresh) return;
        table.errors.push_back(error);
        out.svar(error->http_status);
        out.text(error->message);
        out.text(error->code);
        out.text(error->type);
    }

    static std::shared_ptr<const ApiError> read_error(SnapshotReader& in, ErrorTable& table) {
        const std::uint64_t index = in.var("error index");
        if (index == 0) return nullptr;
        if (index <= table.errors.size()) return table.errors[index - 1];
        if (index != table.errors.size() + 1) in.fail("error index " + std::to_string(index));
        ApiError error;
        error.http_status = static_cast<int>(in.svar("httpStatus"));
        error.message = in.text("error message");
        error.code = in.text("error code");
        error.type = in.text("error type");
        table.errors.push_back(std::make_shared<const ApiError>(std::move(error)));
        return table.errors.back();
    }

    // A task's first byte: 0 for an empty slot, else 1 + status * kKindCount + kind (<= 55),
    // plus kStarted / kFinished when it has those dates. Its uid is its slot.
    static constexpr std::uint8_t kStarted = 64, kFinished = 128;

    // Instants are deltas: enqueuedAt from the previous task's, startedAt from enqueuedAt,
    // finishedAt from startedAt (or enqueuedAt).
    static void write_task(SnapshotWriter& out, ErrorTable& errors, const Task& task,
                           Nanos& previous_enqueued) {
        std::uint8_t head = static_cast<std::uint8_t>(
            1 + static_cast<int>(task.status) * kKindCount + static_cast<int>(task.kind));
        if (task.started_at != kNoTime) head |= kStarted;
        if (task.finished_at != kNoTime) head |= kFinished;
        out.u8(head);
        write_optional_id(out, task.index, kNoIndex);
        write_optional_id(out, task.canceled_by, kNoTask);
        out.svar(delta(task.enqueued_at, previous_enqueued));
        previous_enqueued = task.enqueued_at;
        Nanos base = task.enqueued_at;
        if (task.started_at != kNoTime) out.svar(delta(task.started_at, base));
        if (task.started_at != kNoTime) base = task.started_at;
        if (task.finished_at != kNoTime) out.svar(delta(task.finished_at, base));
        out.u8(static_cast<std::uint8_t>(task.details.index()));
        std::visit(DetailsWriter{out}, task.details);
        write_error(out, errors, task.error);
    }

    // Reads the task of slot `uid` whose first byte `head` (not 0) was read already.
    static void read_task(SnapshotReader& in, ErrorTable& errors, std::uint8_t head, TaskUid uid,
                          Task& task, Nanos& previous_enqueued) {
        const int code = (head & 63) - 1;
        if (code < 0 || code >= kStatusCount * kKindCount)
            in.fail("task " + std::to_string(uid) + " head byte " + std::to_string(head));
        task.uid = uid;
        task.status = static_cast<Status>(code / kKindCount);
        task.kind = static_cast<Kind>(code % kKindCount);
        task.index = read_optional_id(in, kNoIndex, "task index");
        task.canceled_by = read_optional_id(in, kNoTask, "task canceledBy");
        task.enqueued_at = undelta(in.svar("enqueuedAt"), previous_enqueued);
        previous_enqueued = task.enqueued_at;
        Nanos base = task.enqueued_at;
        if (head & kStarted) base = task.started_at = undelta(in.svar("startedAt"), base);
        if (head & kFinished) task.finished_at = undelta(in.svar("finishedAt"), base);
        task.details = read_details(in);
        task.error = read_error(in, errors);
    }

    static void write_store(SnapshotWriter& out, const TaskStore& store) {
        ErrorTable errors;
        out.var(store.next_uid_);
        out.var(store.tasks_.size());
        Nanos previous_enqueued = 0;
        for (std::size_t uid = 0; uid < store.tasks_.size(); ++uid) {
            if (!store.all_.contains(static_cast<TaskUid>(uid))) {
                out.u8(0);
                continue;
            }
            TC_ASSERT_EQ(store.tasks_[uid].uid, uid);
            write_task(out, errors, store.tasks_[uid], previous_enqueued);
        }
        write_set(out, store.all_);
        for (const UidSet& set : store.status_)
            write_set(out, set);
        for (const UidSet& set : store.kind_)
            write_set(out, set);
        write_texts(out, store.index_names_);
        for (const UidSet& set : store.index_tasks_)
            write_set(out, set);
        out.var(store.canceled_by_.size());
        for (const auto& [canceler, set] : store.canceled_by_) {
            out.var(canceler);
            write_set(out, set);
        }
        write_dates(out, store.enqueued_at_);
        write_dates(out, store.started_at_);
        write_dates(out, store.finished_at_);
    }

    static void read_tasks(SnapshotReader& in, TaskStore& store) {
        ErrorTable errors;
        const std::uint64_t slots = in.count("task slots");
        Nanos previous_enqueued = 0;
        for (std::uint64_t uid = 0; uid < slots; ++uid) {
            Task& task = store.tasks_.emplace_back();
            const std::uint8_t head = in.u8("task head");
            if (head != 0)
                read_task(in, errors, head, static_cast<TaskUid>(uid), task, previous_enqueued);
        }
    }

    static void read_store(SnapshotReader& in, TaskStore& store) {
        store.next_uid_ = read_uid(in, "next uid");
        read_tasks(in, store);
        const std::uint64_t slots = store.tasks_.size();
        store.all_ = read_set(in, slots);
        for (UidSet& set : store.status_)
            set = read_set(in, slots);
        for (UidSet& set : store.kind_)
            set = read_set(in, slots);
        store.index_names_ = read_texts(in);
        for (std::size_t id = 0; id < store.index_names_.size(); ++id) {
            store.index_ids_.emplace(store.index_names_[id], static_cast<IndexId>(id));
            store.index_tasks_.push_back(read_set(in, slots));
        }
        for (std::uint64_t n = in.count("canceledBy sets", 2); n > 0; --n) {
            const TaskUid canceler = read_uid(in, "canceler");
            store.canceled_by_.emplace(canceler, read_set(in, slots));
        }
        store.enqueued_at_ = read_dates(in);
        store.started_at_ = read_dates(in);
        store.finished_at_ = read_dates(in);
        store.all_.for_each_ascending(0, [&](TaskUid uid) {
            if (store.tasks_[uid].enqueued_at == kNoTime) in.fail("live uid on an empty slot");
            return true;
        });
    }

    static void write_payload(SnapshotWriter& out, const Payload& payload) {
        write_json(out, payload.documents);
        out.boolean(payload.primary_key.has_value());
        out.text(payload.primary_key.value_or(""));
        out.u8(static_cast<std::uint8_t>(payload.method));
        out.boolean(payload.allow_index_creation);
        write_texts(out, payload.document_ids);
        write_uids(out, payload.matched);
    }

    static Payload read_payload(SnapshotReader& in) {
        Payload payload;
        payload.documents = read_json(in, "payload documents");
        const bool has_key = in.boolean("payload primaryKey present");
        std::string key = in.text("payload primaryKey");
        if (has_key) payload.primary_key = std::move(key);
        payload.method =
            in.boolean("payload method") ? DocumentMethod::update : DocumentMethod::replace;
        payload.allow_index_creation = in.boolean("payload allowIndexCreation");
        payload.document_ids = read_texts(in);
        payload.matched = read_uids(in);
        return payload;
    }

    static void write_indexes(SnapshotWriter& out, const IndexStore& indexes) {
        const std::vector<std::string> uids = indexes.uids();
        out.var(uids.size());
        for (const std::string& uid : uids) {
            const IndexState& index = *indexes.find(uid);
            out.text(uid);
            out.boolean(index.primary_key.has_value());
            out.text(index.primary_key.value_or(""));
            out.var(index.document_ids.size());
            for (const std::string& id : index.document_ids)
                out.text(id);
            out.var(index.typo_sizes.one_typo);
            out.var(index.typo_sizes.two_typos);
        }
    }

    static void read_indexes(SnapshotReader& in, IndexStore& indexes) {
        for (std::uint64_t n = in.count("indexes", 3); n > 0; --n) {
            std::string uid = in.text("index uid");
            const bool has_key = in.boolean("index primaryKey present");
            std::string key = in.text("index primaryKey");
            if (indexes.exists(uid)) in.fail("index `" + uid + "` twice");
            IndexState& index =
                indexes.create(uid, has_key ? std::optional<std::string>(key) : std::nullopt);
            for (std::uint64_t d = in.count("document ids", 1); d > 0; --d)
                index.document_ids.insert(index.document_ids.end(), in.text("document id"));
            index.typo_sizes.one_typo = in.var("index oneTypo");
            index.typo_sizes.two_typos = in.var("index twoTypos");
        }
    }

    static void write_queue(SnapshotWriter& out, const TaskQueue& queue) {
        TC_ASSERT(!queue.current_.has_value());
        write_store(out, queue.store_);
        write_indexes(out, queue.indexes_);
        out.var(queue.payloads_.size());
        for (const auto& [uid, payload] : queue.payloads_) {
            out.var(uid);
            write_payload(out, payload);
        }
        write_uids(out, queue.processing_.uids);
        out.svar(queue.processing_.started_at);
        out.boolean(queue.must_stop_processing_);
    }

    static void read_queue(SnapshotReader& in, TaskQueue& queue) {
        read_store(in, queue.store_);
        read_indexes(in, queue.indexes_);
        for (std::uint64_t n = in.count("payloads", 2); n > 0; --n) {
            const TaskUid uid = read_uid(in, "payload uid");
            queue.payloads_.emplace_hint(queue.payloads_.end(), uid, read_payload(in));
        }
        queue.processing_.uids = read_uids(in);
        queue.processing_.started_at = in.svar("processing startedAt");
        queue.must_stop_processing_ = in.boolean("mustStopProcessing");
    }
};

}  // namespace taskcheck::meili

namespace taskcheck::server {

using meili::SnapshotAccess;
using Json = nlohmann::ordered_json;

static_assert(sizeof(MeiliDocuments) == 96, "MeiliDocuments changed: update meili_snapshot.cpp");
static_assert(sizeof(MeiliIndexRecord) == 120, "MeiliIndexRecord changed: update this file");

// Reads and rebuilds the private parts of MeiliDocuments and MeiliState (a friend of both).
struct MeiliSnapshotAccess {
    static void write_documents(SnapshotWriter& out, const MeiliDocuments& documents) {
        out.var(documents.indexes_.size());
        for (const auto& [uid, index] : documents.indexes_) {
            out.text(uid);
            out.svar(index.created_at);
            out.svar(index.updated_at);
            out.var(index.next_position);
            out.var(index.position_of.size());
            for (const auto& [id, position] : index.position_of) {
                out.text(id);
                out.var(position);
            }
            out.var(index.by_position.size());
            for (const auto& [position, body] : index.by_position) {
                out.var(position);
                out.text(body.dump());
            }
        }
        out.var(documents.pending_.size());
        for (const auto& [uid, pending] : documents.pending_) {
            out.var(uid);
            out.text(pending.documents.dump());
            out.u8(static_cast<std::uint8_t>(pending.method));
            out.var(pending.document_ids.size());
            for (const std::string& id : pending.document_ids)
                out.text(id);
        }
    }

    static Json read_body(SnapshotReader& in, const char* what) {
        const std::string_view text = in.text_view(what);
        Json value = Json::parse(text.begin(), text.end(), nullptr, false);
        if (value.is_discarded()) in.fail(std::string(what) + " is not JSON");
        return value;
    }

    static void read_index(SnapshotReader& in, MeiliIndexRecord& index) {
        index.created_at = in.svar("index createdAt");
        index.updated_at = in.svar("index updatedAt");
        index.next_position = in.var("index next position");
        for (std::uint64_t n = in.count("document positions", 2); n > 0; --n) {
            std::string id = in.text("document id");
            index.position_of.emplace_hint(index.position_of.end(), std::move(id),
                                           in.var("document position"));
        }
        for (std::uint64_t n = in.count("document bodies", 2); n > 0; --n) {
            const std::uint64_t position = in.var("body position");
            index.by_position.emplace_hint(index.by_position.end(), position,
                                           read_body(in, "document body"));
        }
    }

    static void read_documents(SnapshotReader& in, MeiliDocuments& documents) {
        for (std::uint64_t n = in.count("document indexes", 2); n > 0; --n) {
            std::string uid = in.text("document index uid");
            read_index(in, documents.indexes_[uid]);
        }
        for (std::uint64_t n = in.count("pending document tasks", 2); n > 0; --n) {
            const meili::TaskUid uid = meili::read_uid(in, "pending uid");
            MeiliDocuments::Pending pending;
            pending.documents = read_body(in, "pending documents");
            pending.method = in.boolean("pending method") ? meili::DocumentMethod::update
                                                          : meili::DocumentMethod::replace;
            for (std::uint64_t d = in.count("pending ids", 1); d > 0; --d)
                pending.document_ids.push_back(in.text("pending id"));
            documents.pending_.emplace_hint(documents.pending_.end(), uid, std::move(pending));
        }
    }

    static std::string encode(const MeiliState& state) {
        TC_ASSERT(state.batch_.empty());
        SnapshotWriter out;
        SnapshotAccess::write_queue(out, state.queue_);
        write_documents(out, state.documents_);
        out.svar(state.latest_);
        out.var(state.applied_);
        return out.take();
    }

    static MeiliState decode(std::string_view payload) {
        SnapshotReader in(payload);
        MeiliState state;
        SnapshotAccess::read_queue(in, state.queue_);
        read_documents(in, state.documents_);
        state.latest_ = in.svar("latest");
        state.applied_ = in.var("applied");
        if (!in.at_end()) in.fail("bytes left after the state");
        return state;
    }
};

std::string encode_meili_state(const MeiliState& state) {
    return MeiliSnapshotAccess::encode(state);
}

MeiliState decode_meili_state(std::string_view payload) {
    return MeiliSnapshotAccess::decode(payload);
}

std::filesystem::path meili_snapshot_file(const std::filesystem::path& data_dir) {
    return data_dir / "meili-state.snapshot";
}

void write_meili_snapshot(const MeiliState& state, const JournalPosition& at,
                          const std::filesystem::path& data_dir) {
    write_meili_snapshot_payload(encode_meili_state(state), at, data_dir);
}

void write_meili_snapshot_payload(std::string payload, const JournalPosition& at,
                                  const std::filesystem::path& data_dir) {
    TC_ASSERT_GE(at.seq, 1u);
    SnapshotFile snapshot;
    snapshot.covered_seq = at.seq;
    snapshot.covered_checksum = at.checksum;
    snapshot.payload = std::move(payload);
    write_snapshot_file(meili_snapshot_file(data_dir), snapshot);
}

}  // namespace taskcheck::server
