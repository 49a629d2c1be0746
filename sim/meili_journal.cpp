#include "sim/meili_journal.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::sim {

meili::TaskUid apply_registration(meili::TaskQueue& queue, const MeiliJournalEntry& entry) {
    switch (entry.kind) {
        case MeiliJournalEntry::Kind::enqueue:
            return queue.enqueue(*entry.request, entry.at);
        case MeiliJournalEntry::Kind::cancel:
            return queue.cancel_tasks(*entry.query, entry.at);
        case MeiliJournalEntry::Kind::delete_tasks:
            return queue.delete_tasks(*entry.query, entry.at);
        default:
            TC_ASSERT(false);
    }
    return 0;
}

namespace {

// Applies `entries` to `queue` in order, as the live queue applied them.
void replay(meili::TaskQueue& queue, const MeiliJournalEntry* begin, const MeiliJournalEntry* end,
            bool forget_failures) {
    for (const MeiliJournalEntry* entry = begin; entry != end; ++entry) {
        switch (entry->kind) {
            case MeiliJournalEntry::Kind::enqueue:
            case MeiliJournalEntry::Kind::cancel:
            case MeiliJournalEntry::Kind::delete_tasks:
                apply_registration(queue, *entry);
                break;
            case MeiliJournalEntry::Kind::batch_start:
                TC_ASSERT(!queue.batch_in_progress());
                queue.start_next_batch(entry->at);
                break;
            case MeiliJournalEntry::Kind::batch_finish:
                // A replay that forgot a failure has diverged from the live run: its start may
                // have found nothing to run, so there is no batch to finish.
                if (forget_failures && !queue.batch_in_progress()) break;
                TC_ASSERT(queue.batch_in_progress());
                if (forget_failures && entry->had_failure) {
                    queue.restart();
                } else {
                    queue.finish_batch(entry->at);
                }
                break;
            case MeiliJournalEntry::Kind::restart:
                queue.restart();
                break;
        }
    }
}

}  // namespace

meili::TaskQueue MeiliJournal::rebuild(bool forget_failures) const {
    meili::TaskQueue queue;
    replay(queue, entries_.data(), entries_.data() + entries_.size(), forget_failures);
    queue.restart();
    return queue;
}

std::size_t MeiliJournal::lose_unsynced() {
    TC_ASSERT_LE(synced_, entries_.size());
    const std::size_t lost = entries_.size() - synced_;
    entries_.resize(synced_);
    return lost;
}

}  // namespace taskcheck::sim
