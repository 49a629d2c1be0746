// Start-up of the Meilisearch profile from snapshot + journal tail (meili_snapshot.hpp), and the
// refusal to start on a journal shorter than its snapshot proves it was (issue 12 finding 12).
#include <optional>
#include <ostream>
#include <system_error>

#include "model/common/input_error.hpp"
#include "server/meili_command.hpp"
#include "server/meili_snapshot.hpp"
#include "server/snapshot_file.hpp"

namespace taskcheck::server {
namespace {

// A sound snapshot covers a record that was durable when it was written: a journal ending
// before that record lost records (its tail, or all of it). Refused unless `accept`; accepted,
// the snapshot is moved aside so that it neither refuses nor warns again, and kept for recovery.
void handle_lost_records(Journal& journal, const std::filesystem::path& file,
                         std::uint64_t covered_seq, bool accept, std::ostream& warnings) {
    const std::uint64_t last = journal.last_seq();
    const std::filesystem::path aside = meili_snapshot_lost_file(journal.file().parent_path());
    const std::string problem =
        (last == 0 ? "the journal is empty" : "the journal ends at seq=" + std::to_string(last)) +
        ", but " + file.string() + " covers seq=" + std::to_string(covered_seq) + ": records " +
        std::to_string(last + 1) + ".." + std::to_string(covered_seq) +
        " (and any after them) were lost — the journal lost its tail or was deleted";
    const InputLocation where{journal.file().string(), 0, ""};
    if (!accept) {
        throw InputError("journal-lost", where, problem,
                         "restore journal.sqlite (with its -wal file) from a backup of this data "
                         "dir; or start serve with --accept-journal-loss to serve only what the "
                         "journal holds (the snapshot is then moved to " +
                             aside.string() + ")");
    }
    std::error_code error;
    std::filesystem::rename(file, aside, error);
    if (error) {
        throw InputError("journal-lost", where,
                         problem + "; cannot move the snapshot aside to " + aside.string() + ": " +
                             error.message(),
                         "make the data dir writable, or move the snapshot away by hand");
    }
    warnings << "taskcheck serve: warning: journal-lost: " << where.file << ": " << problem
             << "; accepted (--accept-journal-loss): serving the " << last
             << " records the journal holds; the snapshot was moved to " << aside.string()
             << std::endl;
}

// The snapshot's state when it is sound and was taken of this journal; nullopt otherwise, with
// the reason on `warnings`. Throws "journal-lost" as handle_lost_records() does.
std::optional<MeiliStartup> load_snapshot(Journal& journal, bool accept_journal_loss,
                                          std::ostream& warnings) {
    const std::filesystem::path file = meili_snapshot_file(journal.file().parent_path());
    std::optional<SnapshotFile> snapshot;
    try {
        snapshot = read_snapshot_file(file);
    } catch (const InputError& e) {
        warnings << "taskcheck serve: warning: " << e.what() << "; replaying the whole journal"
                 << std::endl;
        return std::nullopt;
    }
    if (!snapshot) return std::nullopt;
    if (snapshot->covered_seq > journal.last_seq()) {
        handle_lost_records(journal, file, snapshot->covered_seq, accept_journal_loss, warnings);
        return std::nullopt;
    }
    try {
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

std::filesystem::path meili_snapshot_lost_file(const std::filesystem::path& data_dir) {
    return data_dir / "meili-state.snapshot.lost";
}

MeiliStartup load_meili_state(Journal& journal, std::ostream& warnings, bool accept_journal_loss) {
    MeiliStartup out;
    if (std::optional<MeiliStartup> loaded = load_snapshot(journal, accept_journal_loss, warnings))
        out = std::move(*loaded);
    out.replayed = journal.replay_after(out.snapshot_seq, [&out](const JournalRecord& record) {
        out.state.apply(decode_meili_command(record.command, record.seq), record.seq);
    });
    return out;
}

}  // namespace taskcheck::server
