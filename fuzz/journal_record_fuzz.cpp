// journal_record_fuzz: the journal record decoders of both server profiles, as start-up replays
// a journal whose checksums are sound (server/journal_record.hpp, meili_command.hpp,
// es_command.hpp). The first byte picks the profile; the rest is one command per line, each
// made into a record (seq 1, 2, ...), checked, decoded and applied in order to a fresh state.
// Checks: a record with its checksum passes record_problem and the same record with a changed
// checksum does not; decoding and applying throw only InputError ("journal-corrupt"); a decoded
// command encodes to text that decodes to the same encoding (the round-trip promise).
#include "fuzz/fuzz_support.hpp"
#include "model/common/assert.hpp"
#include "server/es_command.hpp"
#include "server/es_state.hpp"
#include "server/journal_record.hpp"
#include "server/meili_command.hpp"
#include "server/meili_state.hpp"

using namespace taskcheck;

namespace {

constexpr std::size_t kMaxRecords = 64;

void check_record(std::uint64_t seq, const std::string& command) {
    server::JournalRecord record = server::make_record(seq, command);
    TC_ASSERT(!server::record_problem(record) == !command.empty());
    record.checksum ^= 1;
    TC_ASSERT(server::record_problem(record).has_value());
}

void replay_meili(const std::vector<std::string>& commands) {
    server::MeiliState state;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        const std::uint64_t seq = i + 1;
        const server::MeiliCommand command = server::decode_meili_command(commands[i], seq);
        const std::string encoded = server::encode_meili_command(command);
        TC_ASSERT(server::encode_meili_command(server::decode_meili_command(encoded, seq)) ==
                  encoded);
        state.apply(command, seq);
    }
}

void replay_es(const std::vector<std::string>& commands) {
    server::EsState state(3);
    for (std::size_t i = 0; i < commands.size(); ++i) {
        const std::uint64_t seq = i + 1;
        const server::EsCommand command = server::decode_es_command(commands[i], seq);
        const std::string encoded = server::encode_es_command(command);
        TC_ASSERT(server::encode_es_command(server::decode_es_command(encoded, seq)) == encoded);
        (void)state.apply(command);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return -1;
    std::string_view text = fuzz::as_text(data + 1, size - 1);
    std::vector<std::string> commands;
    while (!text.empty() && commands.size() < kMaxRecords) {
        const std::size_t newline = text.find('\n');
        commands.emplace_back(text.substr(0, newline));
        text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    }
    for (std::size_t i = 0; i < commands.size(); ++i)
        check_record(i + 1, commands[i]);
    fuzz::expect_input_error_only([&] {
        if (data[0] % 2 == 0) {
            replay_meili(commands);
        } else {
            replay_es(commands);
        }
    });
    return 0;
}
