// Rng: the outputs are pinned to the published algorithms, and each distribution is checked
// against an independent computation from a second generator with the same seed.
#include "sim/rng.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <numeric>
#include <vector>

using namespace taskcheck;
using namespace taskcheck::sim;

BOOST_AUTO_TEST_SUITE(rng)

BOOST_AUTO_TEST_CASE(splitmix64_matches_the_published_reference) {
    // First outputs of splitmix64.c from state 0 (Vigna's reference; also in Java's
    // SplittableRandom).
    std::uint64_t state = 0;
    BOOST_TEST(splitmix64(state) == 0xe220a8397b1dcdafULL);
    BOOST_TEST(splitmix64(state) == 0x6e789e6aa1b965f4ULL);
    BOOST_TEST(splitmix64(state) == 0x06c45d188009454fULL);
}

BOOST_AUTO_TEST_CASE(xoshiro256starstar_matches_the_reference_c_code) {
    // Computed with the reference xoshiro256starstar.c seeded by four splitmix64 outputs.
    const std::vector<std::pair<std::uint64_t, std::vector<std::uint64_t>>> golden = {
        {0,
         {0x99ec5f36cb75f2b4ULL, 0xbf6e1f784956452aULL, 0x1a5f849d4933e6e0ULL,
          0x6aa594f1262d2d2cULL, 0xbba5ad4a1f842e59ULL}},
        {1,
         {0xb3f2af6d0fc710c5ULL, 0x853b559647364ceaULL, 0x92f89756082a4514ULL,
          0x642e1c7bc266a3a7ULL, 0xb27a48e29a233673ULL}},
        {8471923,
         {0x82513979a08f4ee9ULL, 0xae9fa07ae6df7786ULL, 0xdcac36ac278177d1ULL,
          0xa108c1a9226cc671ULL, 0x0a19a05dcf97c9e8ULL}},
    };
    for (const auto& [seed, outputs] : golden) {
        Rng rng(seed);
        for (const std::uint64_t expected : outputs)
            BOOST_TEST(rng.next_u64() == expected);
    }
}

BOOST_AUTO_TEST_CASE(bounded_ints_are_lemire_multiply_high) {
    // For range 10 the rejection threshold is 2^64 mod 10 = 6, so no draw here is rejected and
    // the result is the high word of draw * 10.
    Rng rng(7);
    Rng raw(7);
    for (int i = 0; i < 1000; ++i) {
        const auto high =
            static_cast<std::uint64_t>((static_cast<unsigned __int128>(raw.next_u64()) * 10) >> 64);
        BOOST_TEST(rng.uint_inclusive(5, 14) == 5 + high);
    }
}

BOOST_AUTO_TEST_CASE(bounded_ints_cover_closed_ranges_exactly) {
    Rng rng(11);
    std::vector<int> seen(7, 0);
    for (int i = 0; i < 7000; ++i)
        ++seen[rng.int_inclusive(-3, 3) + 3];
    for (const int count : seen)
        BOOST_TEST(count > 800);
    BOOST_TEST(rng.int_inclusive(-5, -5) == -5);
    BOOST_TEST(rng.uint_inclusive(9, 9) == 9u);
    Rng full(3);
    Rng raw(3);
    BOOST_TEST(full.uint_inclusive(0, UINT64_MAX) == raw.next_u64());
    const std::int64_t wide = full.int_inclusive(INT64_MIN, INT64_MAX);
    BOOST_TEST(static_cast<std::uint64_t>(wide) - static_cast<std::uint64_t>(INT64_MIN) ==
               raw.next_u64());
}

BOOST_AUTO_TEST_CASE(chance_draws_once_whatever_the_ratio) {
    Rng never(5), always(5), quarter(5), raw(5);
    int hits = 0;
    for (int i = 0; i < 40000; ++i) {
        BOOST_TEST(!never.chance(Ratio::zero()));
        BOOST_TEST(always.chance(Ratio::one()));
        hits += quarter.chance(Ratio{1, 4}) ? 1 : 0;
        raw.next_u64();
    }
    BOOST_TEST(hits > 9600);
    BOOST_TEST(hits < 10400);
    const std::uint64_t next = raw.next_u64();
    BOOST_TEST(never.next_u64() == next);
    BOOST_TEST(always.next_u64() == next);
    BOOST_TEST(quarter.next_u64() == next);
}

BOOST_AUTO_TEST_CASE(weighted_index_follows_the_weights_and_skips_zeros) {
    Rng rng(13);
    const std::vector<std::uint64_t> weights = {0, 1, 0, 3};
    std::vector<int> seen(4, 0);
    for (int i = 0; i < 40000; ++i)
        ++seen[rng.weighted_index(weights)];
    BOOST_TEST(seen[0] == 0);
    BOOST_TEST(seen[2] == 0);
    BOOST_TEST(seen[1] > 9600);
    BOOST_TEST(seen[1] < 10400);
    BOOST_TEST(seen[1] + seen[3] == 40000);
}

BOOST_AUTO_TEST_CASE(shuffle_is_fisher_yates_over_bounded_ints) {
    Rng rng(42);
    Rng reference(42);
    std::vector<int> items(10);
    std::iota(items.begin(), items.end(), 0);
    std::vector<int> expected = items;
    for (std::size_t i = expected.size(); i > 1; --i) {
        std::swap(expected[i - 1], expected[reference.uint_inclusive(0, i - 1)]);
    }
    rng.shuffle(std::span<int>(items));
    BOOST_TEST(items == expected);
    std::vector<int> sorted = items;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(sorted[i] == i);
    BOOST_TEST(items != sorted);
}

BOOST_AUTO_TEST_CASE(long_tail_delay_has_its_floor_mean_and_exponential_tail) {
    Rng rng(17);
    const Nanos min = ms(2);
    const Nanos mean = ms(8);
    const int draws = 200000;
    __int128 total = 0;
    int beyond_four_steps = 0;  // delay >= min + (mean - min) * 2/3 * 4, probability 1/16
    for (int i = 0; i < draws; ++i) {
        const Nanos delay = rng.delay_long_tail(min, mean);
        BOOST_TEST_REQUIRE(delay >= min);
        total += delay;
        if (delay >= min + ms(16)) ++beyond_four_steps;
    }
    const auto average = static_cast<Nanos>(total / draws);
    BOOST_TEST(average > ms(8) - us(100));
    BOOST_TEST(average < ms(8) + us(100));
    BOOST_TEST(beyond_four_steps > draws / 16 - 600);
    BOOST_TEST(beyond_four_steps < draws / 16 + 600);
    Rng fixed(1);
    BOOST_TEST(fixed.delay_long_tail(ms(3), ms(3)) == ms(3));
}

BOOST_AUTO_TEST_CASE(streams_are_independent_of_other_streams_draws) {
    // Adding draws to one subsystem must not change another's numbers.
    const Rng root(99);
    Rng network_alone = root.stream("network");
    Rng faults = root.stream("faults");
    for (int i = 0; i < 100; ++i)
        faults.next_u64();
    Rng network_after = root.stream("network");
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(network_alone.next_u64() == network_after.next_u64());
    BOOST_TEST(root.stream("network").next_u64() != root.stream("faults").next_u64());
    BOOST_TEST(root.stream("network").next_u64() != Rng(99).next_u64());
    BOOST_TEST(Rng(100).stream("network").next_u64() != root.stream("network").next_u64());
}

BOOST_AUTO_TEST_CASE(derive_depends_on_the_seed_and_keys_only) {
    // derive() is how a message or a task gets its own draws: the same keys give the same
    // numbers whatever the parent drew before; each key and the seed matter.
    Rng parent(42);
    const std::uint64_t first = parent.derive(1, 2, 3).next_u64();
    parent.next_u64();
    BOOST_TEST(parent.derive(1, 2, 3).next_u64() == first);
    std::uint64_t mixer = 42 ^ 1;
    std::uint64_t mixed = splitmix64(mixer);
    mixer = mixed ^ 2;
    mixed = splitmix64(mixer);
    mixer = mixed ^ 3;
    BOOST_TEST(first == Rng(splitmix64(mixer)).next_u64());
    BOOST_TEST(parent.derive(0, 2, 3).next_u64() != first);
    BOOST_TEST(parent.derive(1, 0, 3).next_u64() != first);
    BOOST_TEST(parent.derive(1, 2, 0).next_u64() != first);
    BOOST_TEST(Rng(43).derive(1, 2, 3).next_u64() != first);
}

BOOST_AUTO_TEST_CASE(fork_takes_one_draw_from_the_parent) {
    Rng parent(21);
    Rng copy(21);
    Rng child = parent.fork();
    BOOST_TEST(child.seed() == copy.next_u64());
    BOOST_TEST(parent.next_u64() == copy.next_u64());
}

BOOST_AUTO_TEST_CASE(fnv1a64_matches_published_test_vectors) {
    BOOST_TEST(fnv1a64("") == 0xcbf29ce484222325ULL);
    BOOST_TEST(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
    BOOST_TEST(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

BOOST_AUTO_TEST_SUITE_END()
