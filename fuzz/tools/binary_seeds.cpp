// taskcheck_fuzz_seeds: writes the seeds of journal_record_fuzz and snapshot_fuzz, which are
// binary or in formats only the server's encoders write. It serves every seed of the two HTTP
// targets (fuzz/corpus/{meili,es}_http_fuzz/) on a fresh server, as the fuzz targets do, then
// moves the manual clock on so batches run, and saves what that server wrote:
//   journal_record_fuzz/  the profile byte (0 meili, 1 es), then the journal's commands, one a line
//   snapshot_fuzz/        the Meilisearch snapshot file (mode 0) and its payload (modes 1, 2)
// Usage: taskcheck_fuzz_seeds FUZZ_DIR   (e.g. fuzz/; rewrites those two corpus folders)
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "fuzz/http_driver.hpp"
#include "fuzz/server_fixture.hpp"
#include "server/es_routes.hpp"
#include "server/es_service.hpp"
#include "server/http_listener.hpp"
#include "server/meili_routes.hpp"
#include "server/meili_service.hpp"
#include "server/meili_snapshot.hpp"

using namespace taskcheck;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Writes each distinct seed once, named by its index in sorted order.
void write_seeds(const fs::path& folder, const std::set<std::string>& seeds) {
    fs::remove_all(folder);
    fs::create_directories(folder);
    std::size_t i = 0;
    for (const std::string& seed : seeds) {
        if (seed.size() > 8192) continue;
        std::ofstream(folder / ("seed-" + std::to_string(i++)), std::ios::binary) << seed;
    }
    std::cout << folder.string() << ": " << i << " seeds\n";
}

std::vector<std::string> inputs(const fs::path& folder) {
    std::vector<std::string> out;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files)
        out.push_back(read_file(file));
    return out;
}

std::string commands_of(server::Journal& journal, char profile) {
    std::string out(1, profile);
    journal.flush();
    journal.replay([&](const server::JournalRecord& record) {
        if (out.size() > 1) out += '\n';
        out += record.command;
    });
    return out;
}

const std::string kAdvance =
    "POST /_taskcheck/clock/advance HTTP/1.1\r\nContent-Type: application/json\r\n"
    "Content-Length: 12\r\n\r\n{\"ms\":60000}";

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: taskcheck_fuzz_seeds FUZZ_DIR\n";
        return 2;
    }
    const fs::path fuzz_dir = argv[1];
    std::set<std::string> journals;
    std::set<std::string> snapshots;

    server::MeiliServiceOptions meili_options;
    meili_options.clock = server::ClockKind::manual;
    meili_options.snapshot_every_records = 0;
    meili_options.snapshot_every = 0;
    fuzz::ServerFixture<server::MeiliService, server::MeiliServiceOptions> meili(
        fuzz::fuzz_data_dir("fuzz-seeds-meili"), meili_options);
    server::HttpListener meili_listener{server::HttpListenerOptions{}};
    server::register_meili_routes(meili_listener, meili.service());
    for (const std::string& input : inputs(fuzz_dir / "corpus" / "meili_http_fuzz")) {
        meili.reset();
        fuzz::serve_bytes(meili_listener.server(), input + kAdvance, 16);
        if (meili.journal().last_seq() == 0) continue;
        journals.insert(commands_of(meili.journal(), '\0'));
        meili.service().write_snapshot();
        const std::string file = read_file(server::meili_snapshot_file(meili.data_dir()));
        if (file.empty()) continue;
        snapshots.insert('\0' + file);
        snapshots.insert('\1' + file.substr(44));
        snapshots.insert('\2' + file.substr(44));
    }

    server::EsServiceOptions es_options;
    es_options.manual_clock = true;
    fuzz::ServerFixture<server::EsService, server::EsServiceOptions> es(
        fuzz::fuzz_data_dir("fuzz-seeds-es"), es_options);
    server::HttpListener es_listener{server::HttpListenerOptions{}};
    server::register_es_routes(es_listener, es.service());
    server::register_es_admin_routes(es_listener, es.service());
    for (const std::string& input : inputs(fuzz_dir / "corpus" / "es_http_fuzz")) {
        es.reset();
        fuzz::serve_bytes(es_listener.server(), input, 16, [](httplib::Request& req) {
            if (req.params.count("wait_for_completion") > 0 ||
                req.path.find("_by_query") != std::string::npos ||
                req.path.find("_reindex") != std::string::npos) {
                req.params.erase("wait_for_completion");
                req.params.emplace("wait_for_completion", "false");
            }
        });
        journals.insert(commands_of(es.journal(), '\1'));
    }
    write_seeds(fuzz_dir / "corpus" / "journal_record_fuzz", journals);
    write_seeds(fuzz_dir / "corpus" / "snapshot_fuzz", snapshots);
    return 0;
}
