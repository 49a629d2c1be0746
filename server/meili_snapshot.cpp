#include "server/meili_snapshot.hpp"

#include <map>
#include <ostream>
#include <vector>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"
#include "server/meili_command.hpp"
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

void write_count(SnapshotWriter& out, const Count& count) {
    out.boolean(count.has_value());
    out.u64(count.value_or(0));
}
Count read_count(SnapshotReader& in) {
    bool present = in.boolean("count present");
    std::uint64_t value = in.u64("count");
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
    std::string text = in.text(what);
    Json value = Json::parse(text, nullptr, false);
    if (value.is_discarded()) in.fail(std::string(what) + " is not JSON");
    return value;
}

void write_texts(SnapshotWriter& out, const std::vector<std::string>& texts) {
    out.u64(texts.size());
    for (const std::string& text : texts)
        out.text(text);
}
std::vector<std::string> read_texts(SnapshotReader& in) {
    std::vector<std::string> out(in.count("text list", 8));
    for (std::string& text : out)
        text = in.text("text list item");
    return out;
}

void write_uids(SnapshotWriter& out, const std::vector<TaskUid>& uids) {
    out.u64(uids.size());
    for (TaskUid uid : uids)
        out.u32(uid);
}
std::vector<TaskUid> read_uids(SnapshotReader& in) {
    std::vector<TaskUid> out(in.count("uid list", 4));
    for (TaskUid& uid : out)
        uid = in.u32("uid");
    return out;
}

void write_set(SnapshotWriter& out, const UidSet& set) {
    write_uids(out, set.to_vector());
}
UidSet read_set(SnapshotReader& in) {
    UidSet out;
    for (TaskUid uid : read_uids(in))
        if (!out.insert(uid)) in.fail("uid " + std::to_string(uid) + " twice in one set");
    return out;
}

void write_dates(SnapshotWriter& out, const DateIndex& dates) {
    out.u64(dates.size());
    for (const auto& [instant, uid] : dates) {
        out.i64(instant);
        out.u32(uid);
    }
}
DateIndex read_dates(SnapshotReader& in) {
    DateIndex out(in.count("date index", 12));
    for (auto& [instant, uid] : out) {
        instant = in.i64("date");
        uid = in.u32("date uid");
    }
    return out;
}

struct DetailsWriter {
    SnapshotWriter& out;
    void operator()(const std::monostate&) const {}
    void operator()(const DocumentAdditionDetails& d) const {
        out.u64(d.received_documents);
        write_count(out, d.indexed_documents);
    }
    void operator()(const DocumentDeletionDetails& d) const {
        out.u64(d.provided_ids);
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
        out.u64(d.swaps->size());
        for (const auto& [lhs, rhs] : *d.swaps) {
            out.text(lhs);
            out.text(rhs);
        }
    }
    void operator()(const TaskCancelationDetails& d) const {
        out.u64(d.matched_tasks);
        write_count(out, d.canceled_tasks);
        write_shared_text(out, d.original_filter);
    }
    void operator()(const TaskDeletionDetails& d) const {
        out.u64(d.matched_tasks);
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
            d.received_documents = in.u64("receivedDocuments");
            d.indexed_documents = read_count(in);
            return d;
        }
        case 2: {
            DocumentDeletionDetails d;
            d.provided_ids = in.u64("providedIds");
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
            for (std::uint64_t n = in.count("swaps", 16); n > 0; --n) {
                std::string lhs = in.text("swap lhs");
                d.swaps->emplace_back(std::move(lhs), in.text("swap rhs"));
            }
            return d;
        }
        case 7:
        case 8: {
            std::uint64_t matched = in.u64("matchedTasks");
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
        if (!error) return out.u32(0);
        auto [it, fresh] = table.index_of.emplace(error.get(), table.errors.size() + 1);
        out.u32(it->second);
        if (!fresh) return;
        table.errors.push_back(error);
        out.i64(error->http_status);
        out.text(error->message);
        out.text(error->code);
        out.text(error->type);
    }

    static std::shared_ptr<const ApiError> read_error(SnapshotReader& in, ErrorTable& table) {
        const std::uint32_t index = in.u32("error index");
        if (index == 0) return nullptr;
        if (index <= table.errors.size()) return table.errors[index - 1];
        if (index != table.errors.size() + 1) in.fail("error index " + std::to_string(index));
        ApiError error;
        error.http_status = static_cast<int>(in.i64("httpStatus"));
        error.message = in.text("error message");
        error.code = in.text("error code");
        error.type = in.text("error type");
        table.errors.push_back(std::make_shared<const ApiError>(std::move(error)));
        return table.errors.back();
    }

    static void write_task(SnapshotWriter& out, ErrorTable& errors, const Task& task) {
        out.u32(task.uid);
        out.u8(static_cast<std::uint8_t>(task.kind));
        out.u8(static_cast<std::uint8_t>(task.status));
        out.u32(task.index);
        out.u32(task.canceled_by);
        out.i64(task.enqueued_at);
        out.i64(task.started_at);
        out.i64(task.finished_at);
        out.u8(static_cast<std::uint8_t>(task.details.index()));
        std::visit(DetailsWriter{out}, task.details);
        write_error(out, errors, task.error);
    }

    static Task read_task(SnapshotReader& in, ErrorTable& errors) {
        Task task;
        task.uid = in.u32("task uid");
        const std::uint8_t kind = in.u8("task kind");
        if (kind >= kKindCount) in.fail("task kind " + std::to_string(kind));
        task.kind = static_cast<Kind>(kind);
        const std::uint8_t status = in.u8("task status");
        if (status >= kStatusCount) in.fail("task status " + std::to_string(status));
        task.status = static_cast<Status>(status);
        task.index = in.u32("task index");
        task.canceled_by = in.u32("task canceledBy");
        task.enqueued_at = in.i64("enqueuedAt");
        task.started_at = in.i64("startedAt");
        task.finished_at = in.i64("finishedAt");
        task.details = read_details(in);
        task.error = read_error(in, errors);
        return task;
    }

    static void write_store(SnapshotWriter& out, const TaskStore& store) {
        ErrorTable errors;
        out.u32(store.next_uid_);
        out.u64(store.tasks_.size());
        for (std::size_t uid = 0; uid < store.tasks_.size(); ++uid) {
            const bool live = store.all_.contains(static_cast<TaskUid>(uid));
            out.boolean(live);
            if (live) write_task(out, errors, store.tasks_[uid]);
        }
        write_set(out, store.all_);
        for (const UidSet& set : store.status_)
            write_set(out, set);
        for (const UidSet& set : store.kind_)
            write_set(out, set);
        write_texts(out, store.index_names_);
        for (const UidSet& set : store.index_tasks_)
            write_set(out, set);
        out.u64(store.canceled_by_.size());
        for (const auto& [canceler, set] : store.canceled_by_) {
            out.u32(canceler);
            write_set(out, set);
        }
        write_dates(out, store.enqueued_at_);
        write_dates(out, store.started_at_);
        write_dates(out, store.finished_at_);
    }

    static void read_store(SnapshotReader& in, TaskStore& store) {
        ErrorTable errors;
        store.next_uid_ = in.u32("next uid");
        const std::uint64_t slots = in.count("task slots");
        for (std::uint64_t uid = 0; uid < slots; ++uid) {
            if (!in.boolean("task live")) {
                store.tasks_.emplace_back();
                continue;
            }
            store.tasks_.push_back(read_task(in, errors));
            if (store.tasks_.back().uid != uid) in.fail("task slot " + std::to_string(uid));
        }
        store.all_ = read_set(in);
        for (UidSet& set : store.status_)
            set = read_set(in);
        for (UidSet& set : store.kind_)
            set = read_set(in);
        store.index_names_ = read_texts(in);
        for (std::size_t id = 0; id < store.index_names_.size(); ++id) {
            store.index_ids_.emplace(store.index_names_[id], static_cast<IndexId>(id));
            store.index_tasks_.push_back(read_set(in));
        }
        for (std::uint64_t n = in.count("canceledBy sets", 12); n > 0; --n) {
            const TaskUid canceler = in.u32("canceler");
            store.canceled_by_.emplace(canceler, read_set(in));
        }
        store.enqueued_at_ = read_dates(in);
        store.started_at_ = read_dates(in);
        store.finished_at_ = read_dates(in);
        if (store.all_.size() > store.tasks_.size()) in.fail("more live uids than task slots");
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
        out.u64(uids.size());
        for (const std::string& uid : uids) {
            const IndexState& index = *indexes.find(uid);
            out.text(uid);
            out.boolean(index.primary_key.has_value());
            out.text(index.primary_key.value_or(""));
            out.u64(index.document_ids.size());
            for (const std::string& id : index.document_ids)
                out.text(id);
        }
    }

    static void read_indexes(SnapshotReader& in, IndexStore& indexes) {
        for (std::uint64_t n = in.count("indexes", 8); n > 0; --n) {
            std::string uid = in.text("index uid");
            const bool has_key = in.boolean("index primaryKey present");
            std::string key = in.text("index primaryKey");
            if (indexes.exists(uid)) in.fail("index `" + uid + "` twice");
            IndexState& index =
                indexes.create(uid, has_key ? std::optional<std::string>(key) : std::nullopt);
            for (std::uint64_t d = in.count("document ids", 8); d > 0; --d)
                index.document_ids.insert(index.document_ids.end(), in.text("document id"));
        }
    }

    static void write_queue(SnapshotWriter& out, const TaskQueue& queue) {
        TC_ASSERT(!queue.current_.has_value());
        write_store(out, queue.store_);
        write_indexes(out, queue.indexes_);
        out.u64(queue.payloads_.size());
        for (const auto& [uid, payload] : queue.payloads_) {
            out.u32(uid);
            write_payload(out, payload);
        }
        write_uids(out, queue.processing_.uids);
        out.i64(queue.processing_.started_at);
        out.boolean(queue.must_stop_processing_);
    }

    static void read_queue(SnapshotReader& in, TaskQueue& queue) {
        read_store(in, queue.store_);
        read_indexes(in, queue.indexes_);
        for (std::uint64_t n = in.count("payloads", 4); n > 0; --n) {
            const TaskUid uid = in.u32("payload uid");
            queue.payloads_.emplace_hint(queue.payloads_.end(), uid, read_payload(in));
        }
        queue.processing_.uids = read_uids(in);
        queue.processing_.started_at = in.i64("processing startedAt");
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
        out.u64(documents.indexes_.size());
        for (const auto& [uid, index] : documents.indexes_) {
            out.text(uid);
            out.i64(index.created_at);
            out.i64(index.updated_at);
            out.u64(index.next_position);
            out.u64(index.position_of.size());
            for (const auto& [id, position] : index.position_of) {
                out.text(id);
                out.u64(position);
            }
            out.u64(index.by_position.size());
            for (const auto& [position, body] : index.by_position) {
                out.u64(position);
                out.text(body.dump());
            }
        }
        out.u64(documents.pending_.size());
        for (const auto& [uid, pending] : documents.pending_) {
            out.u32(uid);
            out.text(pending.documents.dump());
            out.u8(static_cast<std::uint8_t>(pending.method));
            out.u64(pending.document_ids.size());
            for (const std::string& id : pending.document_ids)
                out.text(id);
        }
    }

    static Json read_body(SnapshotReader& in, const char* what) {
        Json value = Json::parse(in.text(what), nullptr, false);
        if (value.is_discarded()) in.fail(std::string(what) + " is not JSON");
        return value;
    }

    static void read_index(SnapshotReader& in, MeiliIndexRecord& index) {
        index.created_at = in.i64("index createdAt");
        index.updated_at = in.i64("index updatedAt");
        index.next_position = in.u64("index next position");
        for (std::uint64_t n = in.count("document positions", 16); n > 0; --n) {
            std::string id = in.text("document id");
            index.position_of.emplace_hint(index.position_of.end(), std::move(id),
                                           in.u64("document position"));
        }
        for (std::uint64_t n = in.count("document bodies", 16); n > 0; --n) {
            const std::uint64_t position = in.u64("body position");
            index.by_position.emplace_hint(index.by_position.end(), position,
                                           read_body(in, "document body"));
        }
    }

    static void read_documents(SnapshotReader& in, MeiliDocuments& documents) {
        for (std::uint64_t n = in.count("document indexes", 8); n > 0; --n) {
            std::string uid = in.text("document index uid");
            read_index(in, documents.indexes_[uid]);
        }
        for (std::uint64_t n = in.count("pending document tasks", 4); n > 0; --n) {
            const meili::TaskUid uid = in.u32("pending uid");
            MeiliDocuments::Pending pending;
            pending.documents = read_body(in, "pending documents");
            pending.method = in.boolean("pending method") ? meili::DocumentMethod::update
                                                          : meili::DocumentMethod::replace;
            for (std::uint64_t d = in.count("pending ids", 8); d > 0; --d)
                pending.document_ids.push_back(in.text("pending id"));
            documents.pending_.emplace_hint(documents.pending_.end(), uid, std::move(pending));
        }
    }

    static std::string encode(const MeiliState& state) {
        TC_ASSERT(state.batch_.empty());
        SnapshotWriter out;
        SnapshotAccess::write_queue(out, state.queue_);
        write_documents(out, state.documents_);
        out.i64(state.latest_);
        out.u64(state.applied_);
        return out.take();
    }

    static MeiliState decode(std::string_view payload) {
        SnapshotReader in(payload);
        MeiliState state;
        SnapshotAccess::read_queue(in, state.queue_);
        read_documents(in, state.documents_);
        state.latest_ = in.i64("latest");
        state.applied_ = in.u64("applied");
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

namespace {

// The snapshot's state when it is sound and was taken of this journal; nullopt otherwise, with
// the reason on `warnings`.
std::optional<MeiliStartup> load_snapshot(Journal& journal, std::ostream& warnings) {
    const std::filesystem::path file = meili_snapshot_file(journal.file().parent_path());
    try {
        std::optional<SnapshotFile> snapshot = read_snapshot_file(file);
        if (!snapshot) return std::nullopt;
        const std::optional<std::uint32_t> checksum =
            journal.record_checksum_at(snapshot->covered_seq);
        if (!checksum || *checksum != snapshot->covered_checksum) {
            warnings << "taskcheck serve: warning: " << file.string()
                     << " was not taken of this journal (record seq=" << snapshot->covered_seq
                     << (checksum ? " has another checksum" : " is missing")
                     << "); replaying the whole journal" << std::endl;
            return std::nullopt;
        }
        MeiliStartup out;
        out.state = decode_meili_state(snapshot->payload);
        out.snapshot_seq = snapshot->covered_seq;
        return out;
    } catch (const InputError& e) {
        warnings << "taskcheck serve: warning: " << e.what() << "; replaying the whole journal"
                 << std::endl;
        return std::nullopt;
    }
}

}  // namespace

MeiliStartup load_meili_state(Journal& journal, std::ostream& warnings) {
    MeiliStartup out;
    if (std::optional<MeiliStartup> loaded = load_snapshot(journal, warnings))
        out = std::move(*loaded);
    out.replayed = journal.replay_after(out.snapshot_seq, [&out](const JournalRecord& record) {
        out.state.apply(decode_meili_command(record.command, record.seq), record.seq);
    });
    return out;
}

void write_meili_snapshot(const MeiliState& state, const JournalPosition& at,
                          const std::filesystem::path& data_dir) {
    TC_ASSERT_GE(at.seq, 1u);
    SnapshotFile snapshot;
    snapshot.covered_seq = at.seq;
    snapshot.covered_checksum = at.checksum;
    snapshot.payload = encode_meili_state(state);
    write_snapshot_file(meili_snapshot_file(data_dir), snapshot);
}

}  // namespace taskcheck::server
