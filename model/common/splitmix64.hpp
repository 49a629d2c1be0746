#pragma once
// splitmix64 (Steele, Lea, Flood 2014; https://prng.di.unimi.it/splitmix64.c): advances `state`
// and returns its next output. One definition for the simulator's seeding (sim/rng.cpp) and the
// seeded kill schedules of the server's crash tests, so every schedule is a function of its seed.

#include <cstdint>

namespace taskcheck {

inline std::uint64_t splitmix64_next(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace taskcheck
