// meili_task_query_fuzz: the Meilisearch query strings of the reference server — the `/tasks`
// filter parser (model/meili/task_query_parser.hpp) for its three routes, the task uid path
// segment, and the offset/limit/fields and known-parameter parsers of the index routes
// (server/meili_http.hpp). The first byte picks the parser, the rest is the raw query.
// Checks: no crash/UB; an accepted /tasks query renders (render_task_query) to a query that
// parses back to the same rendering (the documented inverse), and errors are client errors.
#include <array>

#include "fuzz/fuzz_support.hpp"
#include "model/common/assert.hpp"
#include "model/meili/query_string.hpp"
#include "model/meili/task_query_parser.hpp"
#include "server/meili_http.hpp"

using namespace taskcheck;

namespace {

void check_tasks_query(meili::TaskRoute route, std::string_view query) {
    const auto parsed = meili::parse_task_query(route, query);
    if (!parsed.ok()) {
        TC_ASSERT_GE(parsed.error().http_status, 400);
        TC_ASSERT_LT(parsed.error().http_status, 500);
        return;
    }
    const std::string rendered = meili::render_task_query(route, parsed.value());
    const auto again = meili::parse_task_query(route, rendered);
    TC_ASSERT(again.ok());
    TC_ASSERT(meili::render_task_query(route, again.value()) == rendered);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return -1;
    const std::string_view query = fuzz::as_text(data + 1, size - 1);
    switch (data[0] % 6) {
        case 0:
            check_tasks_query(meili::TaskRoute::list, query);
            break;
        case 1:
            check_tasks_query(meili::TaskRoute::cancel, query);
            break;
        case 2:
            check_tasks_query(meili::TaskRoute::delete_, query);
            break;
        case 3:
            (void)meili::parse_task_uid_path(meili::form_decode(query));
            break;
        case 4:
            (void)server::parse_list_params(
                query,
                {"invalid_document_offset", "invalid_document_limit", "invalid_document_fields"});
            break;
        default: {
            static constexpr std::array<std::string_view, 2> accepted = {"primaryKey", "limit"};
            (void)server::parse_known_params(query, accepted);
            break;
        }
    }
    return 0;
}
