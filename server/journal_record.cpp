#include "server/journal_record.hpp"

#include <cstdio>

#include "server/crc32c.hpp"

namespace taskcheck::server {

std::uint32_t record_checksum(std::uint64_t seq, std::string_view command) {
    char seq_bytes[8];
    for (int i = 0; i < 8; ++i)
        seq_bytes[i] = static_cast<char>((seq >> (8 * i)) & 0xFFu);
    return crc32c_extend(crc32c(std::string_view(seq_bytes, 8)), command);
}

JournalRecord make_record(std::uint64_t seq, std::string command) {
    JournalRecord record;
    record.seq = seq;
    record.checksum = record_checksum(seq, command);
    record.command = std::move(command);
    return record;
}

std::string format_checksum(std::uint32_t checksum) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(checksum));
    return text;
}

std::optional<std::string> record_problem(const JournalRecord& record) {
    const std::string name = "record seq=" + std::to_string(record.seq);
    if (record.seq == 0) return name + ": seq must be at least 1";
    if (record.command.empty()) return name + ": empty command";
    std::uint32_t computed = record_checksum(record.seq, record.command);
    if (computed != record.checksum) {
        return name + ": stored checksum " + format_checksum(record.checksum) + ", computed " +
               format_checksum(computed) + " from its " + std::to_string(record.command.size()) +
               "-byte command";
    }
    return std::nullopt;
}

}  // namespace taskcheck::server
