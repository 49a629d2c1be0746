// es_serve_probe: runs the Elasticsearch serve profile exactly as `taskcheck serve --profile
// elasticsearch --port 0 --data-dir DIR` does (es_serve_profile), without the rest of the CLI,
// so the crash test can start, SIGKILL and restart it as a child process.
// usage: es_serve_probe DATA_DIR [manual]
#include <iostream>
#include <string>

#include "model/common/input_error.hpp"
#include "server/es_serve.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: es_serve_probe DATA_DIR [manual]\n";
        return 2;
    }
    taskcheck::server::ServeOptions options;
    options.profile = "elasticsearch";
    options.port = 0;
    options.data_dir = argv[1];
    if (argc > 2) options.clock = argv[2];
    try {
        return taskcheck::server::es_serve_profile().run(options, std::cout);
    } catch (const taskcheck::InputError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
}
