#pragma once
// Crc32c: the CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) checksum that guards every
// journal record, computed in software (slicing-by-8) so that the value never depends on the CPU.
// It is the checksum iSCSI, ext4 and LevelDB's log use: it catches every burst error up to 32 bits
// and every odd number of flipped bits, which covers the byte flips a torn or rotten page makes.
// Deterministic: a pure function of the bytes; `extend` lets a record be hashed in parts.

#include <cstdint>
#include <string_view>

namespace taskcheck::server {

// The CRC-32C of `data` appended to a stream whose CRC so far is `crc` (0 for an empty stream):
// crc32c_extend(crc32c_extend(0, a), b) == crc32c_extend(0, a + b).
std::uint32_t crc32c_extend(std::uint32_t crc, std::string_view data);

// The CRC-32C of `data`, e.g. crc32c("123456789") == 0xE3069283 (the standard check value).
inline std::uint32_t crc32c(std::string_view data) {
    return crc32c_extend(0, data);
}

}  // namespace taskcheck::server
