// known_failures_fuzz: `--expect FILE` known-failure files (conformance/expectations.hpp).
// Any text loads or throws InputError; a loaded file renders to text that loads back to the
// same list (render_expectations is what `--write-expect` writes).
#include "conformance/expectations.hpp"
#include "fuzz/fuzz_support.hpp"
#include "model/common/assert.hpp"

using namespace taskcheck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    fuzz::expect_input_error_only([&] {
        const conformance::Expectations parsed =
            conformance::parse_expectations(text, "known-failures.json");
        const std::string rendered = conformance::render_expectations(parsed);
        const conformance::Expectations again =
            conformance::parse_expectations(rendered, "rendered.json");
        TC_ASSERT_EQ(again.known_failures.size(), parsed.known_failures.size());
        for (std::size_t i = 0; i < parsed.known_failures.size(); ++i) {
            TC_ASSERT(again.known_failures[i].fixture == parsed.known_failures[i].fixture);
            TC_ASSERT(again.known_failures[i].reason == parsed.known_failures[i].reason);
        }
    });
    return 0;
}
