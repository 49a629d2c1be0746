#pragma once
// Reading integers out of a journalled command's JSON (meili_command.cpp, es_command.cpp).
// nlohmann's get<integer>() converts a floating-point number with a static_cast, which is
// undefined behaviour when the value is out of range (`"now": 1.7e24`), and wraps an unsigned
// number too large for the type. A journal record holds only what the server wrote, so anything
// but an in-range JSON integer is a damaged or foreign record: throws std::invalid_argument,
// which the decoders turn into InputError "journal-corrupt".
// Deterministic: pure functions.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>

namespace taskcheck::server {

template <typename Int>
Int journal_integer(const nlohmann::ordered_json& object, const char* key) {
    const nlohmann::ordered_json& value = object.at(key);
    bool in_range = false;
    if (value.is_number_unsigned()) {
        in_range = std::in_range<Int>(value.get<std::uint64_t>());
    } else if (value.is_number_integer()) {
        in_range = std::in_range<Int>(value.get<std::int64_t>());
    } else {
        throw std::invalid_argument(
            std::string("`") + key + "` is not an integer: " +
            value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    if (!in_range) {
        throw std::invalid_argument(std::string("`") + key + "` is out of range: " + value.dump());
    }
    return value.is_number_unsigned() ? static_cast<Int>(value.get<std::uint64_t>())
                                      : static_cast<Int>(value.get<std::int64_t>());
}

}  // namespace taskcheck::server
