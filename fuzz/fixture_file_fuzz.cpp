// fixture_file_fuzz: conformance fixture files (docs/fixture-format.md), the loader and the
// matcher. Any text is a fixture file: it loads, or throws InputError naming file/line/pointer.
// A loaded fixture's expected bodies are then matched against themselves, which runs every
// matcher ($regex, $type, $any, captures, ...) the file declares on a value of its own making.
#include <vector>

#include "conformance/fixture_loader.hpp"
#include "conformance/matcher.hpp"
#include "fuzz/fuzz_support.hpp"

using namespace taskcheck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    fuzz::expect_input_error_only([&] {
        const std::vector<conformance::Fixture> fixtures =
            conformance::parse_fixtures(text, "fuzz.json");
        for (const conformance::Fixture& fixture : fixtures) {
            for (const conformance::Step& step : fixture.steps) {
                if (!step.expect.body) continue;
                conformance::Json captures = conformance::Json::object();
                std::vector<conformance::Difference> differences;
                conformance::match_json(*step.expect.body, &*step.expect.body, "", captures,
                                        differences);
            }
        }
    });
    return 0;
}
