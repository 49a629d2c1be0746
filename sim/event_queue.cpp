#include "sim/event_queue.hpp"

namespace taskcheck::sim {

Event EventQueue::pop() {
    TC_ASSERT(!heap_.empty());
    const Event top = heap_.front();
    TC_ASSERT_GE(top.time, now_);
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    now_ = top.time;
    ++popped_;
    return top;
}

void EventQueue::advance_to(Nanos time) {
    TC_ASSERT_GE(time, now_);
    if (!heap_.empty()) TC_ASSERT_GE(heap_.front().time, time);
    now_ = time;
}

// Hole-based sifts: move the event into place once instead of swapping at every level.
void EventQueue::sift_up(std::size_t index) {
    const Event moving = heap_[index];
    while (index > 0) {
        const std::size_t parent = (index - 1) / 2;
        if (!earlier(moving, heap_[parent])) break;
        heap_[index] = heap_[parent];
        index = parent;
    }
    heap_[index] = moving;
}

void EventQueue::sift_down(std::size_t index) {
    const std::size_t size = heap_.size();
    const Event moving = heap_[index];
    while (true) {
        std::size_t child = 2 * index + 1;
        if (child >= size) break;
        if (child + 1 < size && earlier(heap_[child + 1], heap_[child])) ++child;
        if (!earlier(heap_[child], moving)) break;
        heap_[index] = heap_[child];
        index = child;
    }
    heap_[index] = moving;
}

}  // namespace taskcheck::sim
