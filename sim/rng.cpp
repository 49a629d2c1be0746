#include "sim/rng.hpp"

#include <cstdint>

#include "model/common/splitmix64.hpp"

namespace taskcheck::sim {

std::uint64_t splitmix64(std::uint64_t& state) {
    return splitmix64_next(state);
}

std::uint64_t fnv1a64(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

Rng::Rng(std::uint64_t seed) : seed_(seed) {
    std::uint64_t mixer = seed;
    for (auto& word : state_)
        word = splitmix64(mixer);
}

std::size_t Rng::weighted_index(std::span<const std::uint64_t> weights) {
    std::uint64_t total = 0;
    for (const std::uint64_t weight : weights) {
        TC_ASSERT_LE(weight, UINT64_MAX - total);
        total += weight;
    }
    TC_ASSERT_GT(total, 0u);
    std::uint64_t pick = uint_inclusive(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (pick < weights[i]) return i;
        pick -= weights[i];
    }
    TC_ASSERT(false);
}

Nanos Rng::delay_long_tail(Nanos min, Nanos mean) {
    TC_ASSERT_GE(min, 0);
    TC_ASSERT_LE(min, mean);
    const std::uint64_t extra = static_cast<std::uint64_t>(mean - min);
    TC_ASSERT_LE(extra, static_cast<std::uint64_t>(INT64_MAX / 64));
    const auto k = static_cast<std::uint64_t>(std::countl_zero(next_u64()));
    const std::uint64_t fraction = next_u64() >> 32;
    using u128 = unsigned __int128;
    const u128 scaled = ((static_cast<u128>(k) << 32) + fraction) * extra * 2;
    const u128 tail = scaled / (static_cast<u128>(3) << 32);
    TC_ASSERT(tail <= static_cast<u128>(INT64_MAX - min));
    return min + static_cast<Nanos>(tail);
}

Rng Rng::stream(std::string_view name) const {
    std::uint64_t mixer = seed_ ^ fnv1a64(name);
    return Rng(splitmix64(mixer));
}

Rng Rng::derive(std::uint64_t a, std::uint64_t b, std::uint64_t c) const {
    std::uint64_t mixer = seed_ ^ a;
    std::uint64_t mixed = splitmix64(mixer);
    mixer = mixed ^ b;
    mixed = splitmix64(mixer);
    mixer = mixed ^ c;
    return Rng(splitmix64(mixer));
}

}  // namespace taskcheck::sim
