#include "server/crc32c.hpp"

#include <array>

namespace taskcheck::server {
namespace {

constexpr std::uint32_t kPolynomial = 0x82F63B78u;  // reflected Castagnoli

// table[k][b]: the CRC of byte b followed by k zero bytes, so that eight bytes fold in one step.
using SliceTable = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr SliceTable make_slice_table() {
    SliceTable table{};
    for (std::uint32_t b = 0; b < 256; ++b) {
        std::uint32_t crc = b;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ ((crc & 1u) ? kPolynomial : 0u);
        table[0][b] = crc;
    }
    for (std::size_t k = 1; k < 8; ++k) {
        for (std::uint32_t b = 0; b < 256; ++b) {
            std::uint32_t prev = table[k - 1][b];
            table[k][b] = (prev >> 8) ^ table[0][prev & 0xFFu];
        }
    }
    return table;
}

constexpr SliceTable kTable = make_slice_table();

std::uint64_t load_le64(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

}  // namespace

std::uint32_t crc32c_extend(std::uint32_t crc, std::string_view data) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t n = data.size();
    crc = ~crc;
    while (n >= 8) {
        std::uint64_t v = load_le64(p) ^ crc;
        crc = kTable[7][v & 0xFF] ^ kTable[6][(v >> 8) & 0xFF] ^ kTable[5][(v >> 16) & 0xFF] ^
              kTable[4][(v >> 24) & 0xFF] ^ kTable[3][(v >> 32) & 0xFF] ^
              kTable[2][(v >> 40) & 0xFF] ^ kTable[1][(v >> 48) & 0xFF] ^ kTable[0][v >> 56];
        p += 8;
        n -= 8;
    }
    while (n-- > 0)
        crc = (crc >> 8) ^ kTable[0][(crc ^ *p++) & 0xFFu];
    return ~crc;
}

}  // namespace taskcheck::server
