#pragma once
// EventQueue: the simulator's agenda and its clock. Events are popped in (time, sequence) order;
// the sequence number is assigned at push, so two events at the same time come out in the order
// they were scheduled, whatever else is in the queue. One thread; no callbacks: the world pops an
// event and dispatches on its kind, which keeps the hot loop a plain switch.
//
// Invariants: now() never decreases; an event is never scheduled before now(); every popped event
// has time >= the previous one's, and sequence numbers are unique and increasing per push.
// Cancellation is not supported: a world that must cancel (a timer, a restarted node's pending
// work) keeps a generation number in `arg` and ignores stale events when they pop.
// Deterministic: a binary heap over (time, sequence), a total order; no pointers, no hashing.

#include <cstdint>
#include <vector>

#include "model/common/assert.hpp"
#include "model/common/time.hpp"

namespace taskcheck::sim {

// What an event means is the world's business; the core names the kinds it produces itself.
// Values are written into traces: append new kinds, never renumber.
enum class EventKind : std::uint16_t {
    message_delivery = 1,  // arg: message id (Network::take)
    fault = 2,             // arg: index into the fault schedule
    operation = 3,         // arg: index into the workload
    timer = 4,             // arg: world-defined (e.g. a generation number)
    node_step = 5,         // arg: world-defined work item of `node`
};

using NodeId = std::uint32_t;

struct Event {
    Nanos time = 0;
    std::uint64_t sequence = 0;
    std::uint64_t arg = 0;
    EventKind kind = EventKind::timer;
    NodeId node = 0;
};

class EventQueue {
  public:
    Nanos now() const { return now_; }
    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    // Events popped so far: the index the next popped event gets is popped_count().
    std::uint64_t popped_count() const { return popped_; }
    // Sequence numbers handed out so far (the next sequence number): events pushed plus
    // sequence numbers reserved.
    std::uint64_t pushed_count() const { return next_sequence_; }

    // Schedules an event at `time` and returns its sequence number. Requires: time >= now().
    std::uint64_t schedule(Nanos time, EventKind kind, NodeId node, std::uint64_t arg) {
        TC_ASSERT_GE(time, now_);
        const std::uint64_t sequence = next_sequence_++;
        heap_.push_back(Event{time, sequence, arg, kind, node});
        sift_up(heap_.size() - 1);
        return sequence;
    }

    // Reserves `count` consecutive sequence numbers and returns the first, for events known up
    // front (a workload) that the world pushes one at a time with schedule_reserved() when the
    // previous one pops. They pop exactly where they would have had they all been scheduled
    // now, but a long list stays out of the heap (a 60,000-operation run kept the heap 16 levels
    // deep and its sifts missing the cache).
    std::uint64_t reserve_sequences(std::uint64_t count) {
        const std::uint64_t first = next_sequence_;
        next_sequence_ += count;
        return first;
    }

    // Schedules an event with a sequence number from reserve_sequences(). Requires: time >= now();
    // `sequence` was reserved and is used once.
    void schedule_reserved(Nanos time, std::uint64_t sequence, EventKind kind, NodeId node,
                           std::uint64_t arg) {
        TC_ASSERT_GE(time, now_);
        TC_ASSERT_LT(sequence, next_sequence_);
        heap_.push_back(Event{time, sequence, arg, kind, node});
        sift_up(heap_.size() - 1);
    }

    // schedule(now() + delay, ...). Requires: delay >= 0.
    std::uint64_t schedule_after(Nanos delay, EventKind kind, NodeId node, std::uint64_t arg) {
        TC_ASSERT_GE(delay, 0);
        return schedule(now_ + delay, kind, node, arg);
    }

    // Time of the next event. Requires: !empty().
    Nanos next_time() const {
        TC_ASSERT(!heap_.empty());
        return heap_.front().time;
    }

    // Removes the earliest event, advances now() to its time and returns it. Requires: !empty().
    Event pop();

    // Moves now() forward to `time` without an event (the end of a phase). Requires: time >= now()
    // and no pending event before `time`.
    void advance_to(Nanos time);

  private:
    static bool earlier(const Event& a, const Event& b) {
        return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
    }
    void sift_up(std::size_t index);
    void sift_down(std::size_t index);

    std::vector<Event> heap_;
    Nanos now_ = 0;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t popped_ = 0;
};

}  // namespace taskcheck::sim
