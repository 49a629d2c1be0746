// server_meili_serve: runs the Meilisearch serve profile exactly as `taskcheck serve --profile
// meilisearch --port 0 --data-dir DIR --processing-ms MS --threads N --snapshot-every-records R
// --snapshot-every-s S` does (meili_serve_profile), without the rest of the CLI. The snapshot
// crash tests start, SIGTERM, SIGKILL and restart it, and bench_server_meili measures it, without
// building the CLI's other libraries. (Not named bench_*: bench/run_all.sh runs those.)
// usage: server_meili_serve DATA_DIR [PROCESSING_MS [THREADS [SNAPSHOT_RECORDS [SNAPSHOT_S]]]]
#include <iostream>
#include <stdexcept>
#include <string>

#include "model/common/input_error.hpp"
#include "server/meili_serve.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: server_meili_serve DATA_DIR [PROCESSING_MS [THREADS "
                     "[SNAPSHOT_RECORDS [SNAPSHOT_S]]]]\n";
        return 2;
    }
    taskcheck::server::ServeOptions options;
    options.profile = "meilisearch";
    options.port = 0;
    options.data_dir = argv[1];
    try {
        if (argc > 2) options.processing_ms = std::stoll(argv[2]);
        if (argc > 3) options.threads = std::stoul(argv[3]);
        if (argc > 4) options.snapshot_every_records = std::stoull(argv[4]);
        if (argc > 5) options.snapshot_every_s = std::stoll(argv[5]);
        return taskcheck::server::meili_serve_profile().run(options, std::cout);
    } catch (const taskcheck::InputError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const std::logic_error& e) {  // std::stoll and friends
        std::cerr << "server_meili_serve: bad number: " << e.what() << "\n";
        return 2;
    }
}
