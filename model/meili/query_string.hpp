#pragma once
// Query strings as Meilisearch v1.1.1 reads them (spec/meilisearch.md §1.1): deserr's
// `AwebQueryParameter` hands `req.query_string()` to serde_urlencoded, which decodes it with
// `form_urlencoded::parse` into a serde_json map of strings, and deserr then walks that map.
//
// Decoding (form_urlencoded 1.x), applied to keys and values alike:
//  - the text is split on `&` only (`;` is an ordinary character); empty pieces are skipped;
//  - a piece splits at its first `=`; a piece without `=` is a key with the empty value;
//  - `+` becomes a space, then `%XX` (two hex digits, either case) becomes that byte;
//  - a `%` not followed by two hex digits is kept as a literal `%` (percent_encoding leaves it),
//    and decoding goes on with the next character, so `%%41` is `%A`;
//  - the bytes are then read as UTF-8 lossily (`String::from_utf8_lossy`): each maximal invalid
//    subsequence becomes one U+FFFD.
//
// Map semantics: serde_json is built with `preserve_order` in Meilisearch (milli and meilisearch
// enable it, and cargo unifies features), so the map is an IndexMap. Inserting a key already
// present replaces its value and keeps its place: one entry per distinct key, **at the position of
// its first occurrence, holding the value of its last** (`a=1&b=2&a=3` -> [a=3, b=2]). deserr
// visits entries in that order and stops at the first error, so this is the order in which
// parameter errors are found (spec §1.1 "Only the first error is reported").
// Deterministic: pure functions.

#include <string>
#include <string_view>
#include <vector>

namespace taskcheck::meili {

struct QueryParam {
    std::string key;
    std::string value;

    bool operator==(const QueryParam&) const = default;
};

// Decodes one key or value: `+` -> space, `%XX` -> byte, lossy UTF-8 (see above).
std::string form_decode(std::string_view component);

// Every `key=value` piece of `raw` in order, decoded, duplicates kept. `raw` is the text after
// `?`, without it.
std::vector<QueryParam> decode_query_pairs(std::string_view raw);

// The map deserr sees: pairs with duplicate keys merged, first position, last value.
std::vector<QueryParam> parse_query_string(std::string_view raw);

}  // namespace taskcheck::meili
