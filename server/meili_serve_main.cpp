// server_meili_serve: runs the Meilisearch serve profile exactly as `taskcheck serve --profile
// meilisearch --port 0 --data-dir DIR --processing-ms MS --threads N` does
// (meili_serve_profile), without the rest of the CLI, so that bench_server_meili measures the
// server alone and builds without the CLI's other libraries. (Not named bench_*: run_all.sh
// runs those.)
// usage: server_meili_serve DATA_DIR [PROCESSING_MS [THREADS]]
#include <iostream>
#include <string>

#include "model/common/input_error.hpp"
#include "server/meili_serve.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: server_meili_serve DATA_DIR [PROCESSING_MS [THREADS]]\n";
        return 2;
    }
    taskcheck::server::ServeOptions options;
    options.profile = "meilisearch";
    options.port = 0;
    options.data_dir = argv[1];
    if (argc > 2) options.processing_ms = std::stoll(argv[2]);
    if (argc > 3) options.threads = std::stoul(argv[3]);
    try {
        return taskcheck::server::meili_serve_profile().run(options, std::cout);
    } catch (const taskcheck::InputError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
}
