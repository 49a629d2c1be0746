#pragma once
// Meilisearch v1.1 task kinds and statuses, with their wire names (spec/meilisearch.md §2).
// Declaration order is the order of the v1.1 error message that lists them; do not reorder.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

namespace taskcheck::meili {

using TaskUid = std::uint32_t;

enum class Kind : std::uint8_t {
    document_addition_or_update,
    document_deletion,
    settings_update,
    index_creation,
    index_deletion,
    index_update,
    index_swap,
    task_cancelation,
    task_deletion,
    dump_creation,
    snapshot_creation,
};
constexpr int kKindCount = 11;

enum class Status : std::uint8_t { enqueued, processing, succeeded, failed, canceled };
constexpr int kStatusCount = 5;

// "documentAdditionOrUpdate", ...; "enqueued", ...
std::string_view kind_name(Kind kind);
std::string_view status_name(Status status);

// Case-insensitive (ASCII) parse of a wire name, as v1.1 does (eq_ignore_ascii_case);
// nullopt iff the text names no kind / status.
std::optional<Kind> parse_kind(std::string_view text);
std::optional<Status> parse_status(std::string_view text);

// True for the kinds whose indexUid is null: dumpCreation, taskCancelation, taskDeletion,
// indexSwap and snapshotCreation (spec §2).
bool is_global_kind(Kind kind);

bool is_terminal(Status status);

// For assertions and test messages: prints the wire name.
inline std::ostream& operator<<(std::ostream& out, Kind kind) { return out << kind_name(kind); }
inline std::ostream& operator<<(std::ostream& out, Status status) {
    return out << status_name(status);
}

}  // namespace taskcheck::meili
