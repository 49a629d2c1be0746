// Query-string decoding as serde_urlencoded / form_urlencoded do it, and the map semantics deserr
// walks (query_string.hpp, spec/meilisearch.md §1.1).
#include "model/meili/query_string.hpp"

#include <boost/test/unit_test.hpp>
#include <sstream>

using namespace taskcheck::meili;

namespace {

// "k=v|k=v" for whole-list comparisons.
std::string describe(const std::vector<QueryParam>& params) {
    std::ostringstream out;
    for (std::size_t i = 0; i < params.size(); ++i)
        out << (i == 0 ? "" : "|") << params[i].key << "=" << params[i].value;
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meili_query_string)

BOOST_AUTO_TEST_CASE(pairs_split_on_ampersand_and_at_the_first_equals_sign) {
    BOOST_TEST(describe(decode_query_pairs("a=1&b=2")) == "a=1|b=2");
    BOOST_TEST(describe(decode_query_pairs("a=b=c")) == "a=b=c");
    BOOST_TEST(decode_query_pairs("a=b=c")[0].value == "b=c");
}

BOOST_AUTO_TEST_CASE(semicolon_is_an_ordinary_character) {
    auto pairs = decode_query_pairs("a=1;b=2");
    BOOST_TEST(pairs.size() == 1u);
    BOOST_TEST(pairs[0].value == "1;b=2");
}

BOOST_AUTO_TEST_CASE(empty_pieces_are_skipped_and_a_bare_key_has_the_empty_value) {
    BOOST_TEST(describe(decode_query_pairs("&&uids&x=&")) == "uids=|x=");
    BOOST_TEST(decode_query_pairs("").empty());
    BOOST_TEST(decode_query_pairs("&").empty());
    // "=" alone is a piece: the empty key with the empty value.
    auto pairs = decode_query_pairs("=");
    BOOST_TEST(pairs.size() == 1u);
    BOOST_TEST(pairs[0].key == "");
}

BOOST_AUTO_TEST_CASE(plus_is_a_space_and_percent_2b_is_a_plus) {
    BOOST_TEST(form_decode("2021-12-03T10:00:00+01:00") == "2021-12-03T10:00:00 01:00");
    BOOST_TEST(form_decode("2021-12-03T10:00:00%2B01:00") == "2021-12-03T10:00:00+01:00");
}

BOOST_AUTO_TEST_CASE(keys_are_percent_decoded_too) {
    BOOST_TEST(describe(decode_query_pairs("%6Cimit=5&index%55ids=a%2Cb")) ==
               "limit=5|indexUids=a,b");
}

BOOST_AUTO_TEST_CASE(hex_digits_decode_in_either_case) {
    BOOST_TEST(form_decode("%c3%A9") == "\xC3\xA9");
    BOOST_TEST(form_decode("%2c%2C") == ",,");
}

// percent_encoding keeps a `%` that does not start two hex digits and goes on with the next
// character: nothing is rejected.
BOOST_AUTO_TEST_CASE(invalid_percent_escapes_are_kept_literally) {
    BOOST_TEST(form_decode("%zz") == "%zz");
    BOOST_TEST(form_decode("%4") == "%4");
    BOOST_TEST(form_decode("%") == "%");
    BOOST_TEST(form_decode("%%41") == "%A");
    BOOST_TEST(form_decode("100%") == "100%");
    BOOST_TEST(form_decode("%4g1") == "%4g1");
}

// String::from_utf8_lossy: one U+FFFD per maximal invalid subpart.
BOOST_AUTO_TEST_CASE(invalid_utf8_becomes_replacement_characters) {
    const std::string fffd = "\xEF\xBF\xBD";
    BOOST_TEST(form_decode("%FF") == fffd);
    BOOST_TEST(form_decode("a%E2%82b") == "a" + fffd + "b");               // truncated 3-byte
    BOOST_TEST(form_decode("%C0%80") == fffd + fffd);                      // overlong lead
    BOOST_TEST(form_decode("%ED%A0%80") == fffd + fffd + fffd);            // surrogate
    BOOST_TEST(form_decode("%F0%9F%98%80") == "\xF0\x9F\x98\x80");         // U+1F600 intact
    BOOST_TEST(form_decode("%F0%9F%98") == fffd);                          // truncated at end
    BOOST_TEST(form_decode("%F4%90%80%80") == fffd + fffd + fffd + fffd);  // above U+10FFFF
}

BOOST_AUTO_TEST_CASE(duplicate_keys_keep_the_first_position_and_the_last_value) {
    BOOST_TEST(describe(decode_query_pairs("a=1&b=2&a=3")) == "a=1|b=2|a=3");
    BOOST_TEST(describe(parse_query_string("a=1&b=2&a=3")) == "a=3|b=2");
    BOOST_TEST(describe(parse_query_string("a=1&a&b")) == "a=|b=");
}

BOOST_AUTO_TEST_CASE(keys_equal_only_after_decoding_are_duplicates) {
    BOOST_TEST(describe(parse_query_string("uids=1&%75ids=2")) == "uids=2");
}

BOOST_AUTO_TEST_SUITE_END()
