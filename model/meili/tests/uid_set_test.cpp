// UidSet: ordered membership across the array/bitmap block forms.
#include "model/meili/uid_set.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::meili;

namespace {
std::vector<TaskUid> descending(const UidSet& set, TaskUid from) {
    std::vector<TaskUid> out;
    set.for_each_descending(from, [&](TaskUid uid) {
        out.push_back(uid);
        return true;
    });
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(meili_uid_set)

BOOST_AUTO_TEST_CASE(iterates_descending_from_an_inclusive_bound) {
    UidSet set;
    for (TaskUid uid : {5u, 1u, 70000u, 3u})
        set.insert(uid);
    BOOST_TEST(descending(set, 70000) == (std::vector<TaskUid>{70000, 5, 3, 1}));
    BOOST_TEST(descending(set, 4) == (std::vector<TaskUid>{3, 1}));
    BOOST_TEST(set.to_vector() == (std::vector<TaskUid>{1, 3, 5, 70000}));
}

BOOST_AUTO_TEST_CASE(dense_block_becomes_bitmap_and_back_without_losing_members) {
    UidSet set;
    for (TaskUid uid = 0; uid < 10000; uid += 2)
        set.insert(uid);  // 5000 > 4096: a bitmap
    BOOST_TEST(set.size() == 5000u);
    BOOST_TEST(set.contains(9998));
    BOOST_TEST(!set.contains(9999));
    BOOST_TEST(descending(set, 9997).front() == 9996u);
    for (TaskUid uid = 0; uid < 8000; uid += 2)
        set.erase(uid);  // 1000 left: an array again
    BOOST_TEST(set.size() == 1000u);
    BOOST_TEST(set.to_vector().front() == 8000u);
    BOOST_TEST(!set.insert(8000));
    BOOST_TEST(set.erase(8000));
    BOOST_TEST(!set.erase(8000));
}

BOOST_AUTO_TEST_CASE(ascending_walk_stops_when_asked) {
    UidSet set;
    for (TaskUid uid : {2u, 4u, 65536u, 65540u})
        set.insert(uid);
    std::vector<TaskUid> seen;
    set.for_each_ascending(3, [&](TaskUid uid) {
        seen.push_back(uid);
        return seen.size() < 2;
    });
    BOOST_TEST(seen == (std::vector<TaskUid>{4, 65536}));
}

BOOST_AUTO_TEST_SUITE_END()
