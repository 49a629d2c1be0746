// snapshot_fuzz: the snapshot decoders (server/snapshot_file.hpp, snapshot_codec.hpp,
// meili_snapshot.hpp). The first byte picks what the rest is:
//   0  a whole snapshot file (header checks, then the payload decoder if they pass);
//   1  a payload alone, as decode_meili_state() reads it after the file checks passed (damage
//      the checksums did not catch, or a bug of an older build);
//   2  a payload wrapped in a header with correct checksums, through both.
// Checks: only InputError escapes; a decoded state encodes to a payload that decodes and
// encodes to the same bytes (snapshots are a function of the state).
#include "fuzz/fuzz_support.hpp"
#include "model/common/assert.hpp"
#include "server/meili_snapshot.hpp"
#include "server/meili_state.hpp"
#include "server/snapshot_file.hpp"

using namespace taskcheck;

namespace {

void decode_payload(std::string_view payload) {
    const server::MeiliState state = server::decode_meili_state(payload);
    if (!state.batch().empty() || state.queue().batch_in_progress()) return;  // not encodable
    const std::string encoded = server::encode_meili_state(state);
    TC_ASSERT(server::encode_meili_state(server::decode_meili_state(encoded)) == encoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return -1;
    const std::string_view rest = fuzz::as_text(data + 1, size - 1);
    fuzz::expect_input_error_only([&] {
        switch (data[0] % 3) {
            case 0:
                decode_payload(
                    server::decode_snapshot_file(std::string(rest), "fuzz.snapshot").payload);
                break;
            case 1:
                decode_payload(rest);
                break;
            default: {
                server::SnapshotFile file;
                file.covered_seq = 1;
                file.payload = std::string(rest);
                const std::string bytes = server::encode_snapshot_file(file);
                decode_payload(server::decode_snapshot_file(bytes, "fuzz.snapshot").payload);
                break;
            }
        }
    });
    return 0;
}
