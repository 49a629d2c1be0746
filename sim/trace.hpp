#pragma once
// Trace: the record of a simulation, one JSON line per event, plus a rolling hash.
//
// Line shape (canonical text; key order fixed, no spaces, no pointers, integers only):
//   {"i":12,"t":1500000,"node":2,"kind":"deliver","from":1,"msg":17}
// "i" is the line index from 0, "t" the simulated time in nanoseconds, "node" the node id (left
// out for world-level events), "kind" a short name, then the caller's fields in the order given.
// Strings are JSON-escaped (", \, and control characters as \uXXXX); nothing else is changed.
//
// Hash: FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over every line followed
// by "\n" — i.e. exactly the hash of the JSONL file write_jsonl() produces. Two runs of a seed are
// the same iff their hashes are (up to FNV collisions; first_divergence() then names the line).
//
// Modes: off records nothing (callers test enabled() before formatting, so no-trace costs one
// branch per event); hash builds and hashes each line but keeps none; full also keeps the lines.
// Deterministic: the text is a pure function of the calls made.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/common/time.hpp"
#include "sim/event_queue.hpp"

namespace taskcheck::sim {

enum class TraceMode { off, hash, full };

constexpr NodeId kNoNode = UINT32_MAX;
constexpr std::uint64_t kTraceHashSeed = 0xcbf29ce484222325ULL;

class Trace;

// Builder of one line, returned by Trace::begin(); add fields, then end(). Keys must be plain
// identifiers (letters, digits, '_'), are written as given, and must not repeat "i", "t", "node"
// or "kind".
class TraceLine {
  public:
    TraceLine& field(std::string_view key, std::int64_t value);
    TraceLine& field(std::string_view key, std::uint64_t value);
    TraceLine& field(std::string_view key, std::uint32_t value) {
        return field(key, static_cast<std::uint64_t>(value));
    }
    TraceLine& field(std::string_view key, int value) {
        return field(key, static_cast<std::int64_t>(value));
    }
    TraceLine& field(std::string_view key, bool value);
    TraceLine& field(std::string_view key, std::string_view value);
    TraceLine& field(std::string_view key, const char* value) {
        return field(key, std::string_view(value));
    }
    // `json` must already be canonical JSON text (e.g. nlohmann dump() of an ordered_json).
    TraceLine& raw(std::string_view key, std::string_view json);
    // Closes the line, hashes it and (in full mode) keeps it.
    void end();

  private:
    friend class Trace;
    explicit TraceLine(Trace& trace) : trace_(trace) {}
    void key(std::string_view key);
    Trace& trace_;
};

class Trace {
  public:
    explicit Trace(TraceMode mode) : mode_(mode) {}
    Trace(const Trace&) = delete;
    Trace& operator=(const Trace&) = delete;

    TraceMode mode() const { return mode_; }
    bool enabled() const { return mode_ != TraceMode::off; }

    // Starts line size() for an event of `kind` at `at` on `node` (kNoNode: none).
    // Requires: enabled(), no line open, kind a plain identifier.
    TraceLine begin(Nanos at, NodeId node, std::string_view kind);

    // Lines recorded (in hash and full modes).
    std::uint64_t size() const { return count_; }
    // The rolling hash of the lines so far; kTraceHashSeed when there are none.
    std::uint64_t hash() const { return hash_; }
    // Line `index` without its newline. Requires: mode full, index < size().
    std::string_view line(std::uint64_t index) const;
    // Every kept line, each followed by "\n". Requires: mode full.
    void write_jsonl(std::ostream& out) const;

  private:
    friend class TraceLine;
    void finish_line();

    TraceMode mode_;
    bool open_ = false;
    std::uint64_t count_ = 0;
    std::uint64_t hash_ = kTraceHashSeed;
    std::string current_;
    std::string text_;                    // full mode: all lines, each ending in '\n'
    std::vector<std::uint64_t> offsets_;  // full mode: where each line starts in text_
};

// The first line where two full traces differ. A missing line (one trace is shorter) is "".
struct TraceDivergence {
    std::uint64_t index = 0;
    std::string line_a;
    std::string line_b;
};

// Empty iff both traces have the same lines. Requires: both in full mode.
std::optional<TraceDivergence> first_divergence(const Trace& a, const Trace& b);

// "first divergence at event #12\n  a: <line>\n  b: <line>\n" ("<end of trace>" for "").
std::string render_divergence(const TraceDivergence& divergence);

// The compact human view of one trace line:
//   {"i":12,"t":1500000,"node":2,"kind":"deliver","from":1,"msg":17}
//   -> "#12 00:00:00.001 node=2 deliver from=1 msg=17"
// Strings stay JSON-quoted. Throws InputError (trace-invalid) when `json_line` is not a trace line.
std::string human_line(std::string_view json_line);

// "0123456789abcdef": a hash as 16 lower-case hex digits.
std::string format_hash(std::uint64_t hash);

}  // namespace taskcheck::sim
