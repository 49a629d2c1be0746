#pragma once
// Rng: the simulator's only source of randomness, seeded by one uint64_t.
//
// Algorithm (fixed; changing it changes every seed's run, so do not change it):
//  - Seeding: the four 64-bit words of state are the first four outputs of splitmix64 started at
//    the seed (Steele, Lea, Flood 2014; reference code at https://prng.di.unimi.it/splitmix64.c).
//  - Generator: xoshiro256** 1.0 (Blackman, Vigna 2018;
//  https://prng.di.unimi.it/xoshiro256starstar.c).
//  - Bounded integers: Lemire's nearly divisionless method ("Fast Random Integer Generation in an
//    Interval", 2019), unbiased, on closed ranges only — an exclusive bound invites off-by-one
//    errors when a range is empty, so there is deliberately no exclusive form.
//  - Bernoulli: uint_inclusive(0, d - 1) < n for a Ratio n/d; always one draw, even for 0 and 1, so
//    a rate of zero keeps the stream where a non-zero rate would leave it.
//  - Long-tail delay: see delay_long_tail().
// No floating point anywhere and no std:: distributions (their output differs between standard
// libraries), so a seed gives the same numbers on every machine; tests pin the first outputs.
//
// Streams: each subsystem takes its own Rng from stream("network"), stream("faults")..., derived
// from this Rng's seed and the name only. Adding a draw to one subsystem never moves another.
// Deterministic: no globals; an Rng is a value, copied only on purpose.

#include <bit>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

#include "model/common/assert.hpp"
#include "model/common/time.hpp"
#include "sim/ratio.hpp"

namespace taskcheck::sim {

// Advances `state` and returns the next splitmix64 output.
std::uint64_t splitmix64(std::uint64_t& state);

// FNV-1a 64 of `text` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
std::uint64_t fnv1a64(std::string_view text);

class Rng {
  public:
    explicit Rng(std::uint64_t seed);

    // The seed this Rng was built from (not its current position).
    std::uint64_t seed() const { return seed_; }

    // The next raw xoshiro256** output.
    std::uint64_t next_u64() {
        const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = std::rotl(state_[3], 45);
        return result;
    }

    // Uniform in [lo, hi]. Requires: lo <= hi.
    std::uint64_t uint_inclusive(std::uint64_t lo, std::uint64_t hi) {
        TC_ASSERT_LE(lo, hi);
        const std::uint64_t span = hi - lo;
        if (span == UINT64_MAX) return next_u64();
        return lo + below(span + 1);
    }

    // Uniform in [lo, hi]. Requires: lo <= hi.
    std::int64_t int_inclusive(std::int64_t lo, std::int64_t hi) {
        TC_ASSERT_LE(lo, hi);
        const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + uint_inclusive(0, span));
    }

    // True with probability ratio.numerator / ratio.denominator. Requires: a valid ratio.
    bool chance(Ratio ratio) {
        TC_ASSERT_GT(ratio.denominator, 0u);
        TC_ASSERT_LE(ratio.numerator, ratio.denominator);
        return uint_inclusive(0, ratio.denominator - 1) < ratio.numerator;
    }

    // Index i with probability weights[i] / sum(weights). Zero weights are never chosen.
    // Requires: some weight > 0 and the sum fits in 64 bits.
    std::size_t weighted_index(std::span<const std::uint64_t> weights);

    // Fisher–Yates (Durstenfeld): for i from size-1 down to 1, swap items[i] with items[j],
    // j = uint_inclusive(0, i).
    template <typename T>
    void shuffle(std::span<T> items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            const std::size_t j = static_cast<std::size_t>(uint_inclusive(0, i - 1));
            using std::swap;
            swap(items[i - 1], items[j]);
        }
    }

    // A delay >= min with mean `mean` and an exponential tail, from integer maths only:
    //   delay = min + (mean - min) * 2/3 * (k + f)
    // where k = countl_zero(first draw) is geometric (P(k) = 2^-(k+1), mean 1) and f is the top 32
    // bits of a second draw over 2^32 (uniform on [0, 1), mean 1/2), so E[k + f] = 3/2 and
    // P(delay >= min + (mean - min) * 2/3 * j) = 2^-j. Always two draws.
    // Requires: 0 <= min <= mean, and mean - min <= INT64_MAX / 64.
    Nanos delay_long_tail(Nanos min, Nanos mean);

    // An independent Rng for the subsystem `name`, from this Rng's seed and `name` only; it does
    // not advance this Rng.
    Rng stream(std::string_view name) const;

    // An independent Rng for one event named by three keys (e.g. link, time, rank), from this
    // Rng's seed and the keys only; it does not advance this Rng. Seed: splitmix64 chained over
    // seed ^ a, then ^ b, then ^ c. Lets a world give each message or task its own draws, so
    // removing one event never shifts the numbers of another.
    Rng derive(std::uint64_t a, std::uint64_t b, std::uint64_t c) const;

    // A child Rng seeded by one draw of this one (advances this Rng by one).
    Rng fork() { return Rng(next_u64()); }

  private:
    // Uniform in [0, range). Requires: range > 0.
    std::uint64_t below(std::uint64_t range) {
        using u128 = unsigned __int128;
        u128 product = static_cast<u128>(next_u64()) * range;
        std::uint64_t low = static_cast<std::uint64_t>(product);
        if (low < range) {
            const std::uint64_t threshold = (0 - range) % range;
            while (low < threshold) {
                product = static_cast<u128>(next_u64()) * range;
                low = static_cast<std::uint64_t>(product);
            }
        }
        return static_cast<std::uint64_t>(product >> 64);
    }

    std::uint64_t seed_;
    std::uint64_t state_[4];
};

}  // namespace taskcheck::sim
