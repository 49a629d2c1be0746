#include "model/meili/task_kind.hpp"

#include <array>

namespace taskcheck::meili {
namespace {

constexpr std::array<std::string_view, kKindCount> kKindNames = {
    "documentAdditionOrUpdate", "documentDeletion", "settingsUpdate", "indexCreation",
    "indexDeletion",            "indexUpdate",      "indexSwap",      "taskCancelation",
    "taskDeletion",             "dumpCreation",     "snapshotCreation",
};
constexpr std::array<std::string_view, kStatusCount> kStatusNames = {
    "enqueued", "processing", "succeeded", "failed", "canceled",
};

bool equals_ignore_ascii_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
        if (x != y) return false;
    }
    return true;
}

}  // namespace

std::string_view kind_name(Kind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }
std::string_view status_name(Status status) {
    return kStatusNames[static_cast<std::size_t>(status)];
}

std::optional<Kind> parse_kind(std::string_view text) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i)
        if (equals_ignore_ascii_case(text, kKindNames[i])) return static_cast<Kind>(i);
    return std::nullopt;
}

std::optional<Status> parse_status(std::string_view text) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i)
        if (equals_ignore_ascii_case(text, kStatusNames[i])) return static_cast<Status>(i);
    return std::nullopt;
}

bool is_global_kind(Kind kind) {
    switch (kind) {
        case Kind::index_swap:
        case Kind::task_cancelation:
        case Kind::task_deletion:
        case Kind::dump_creation:
        case Kind::snapshot_creation: return true;
        default: return false;
    }
}

bool is_terminal(Status status) {
    return status == Status::succeeded || status == Status::failed || status == Status::canceled;
}

}  // namespace taskcheck::meili
