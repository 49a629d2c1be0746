#pragma once
// A server profile for the HTTP fuzz targets: one HttpListener whose routes are registered once
// (compiling their regexes is most of the set-up cost) on a Journal and a service that are
// rebuilt, in place, for every input — a fresh data dir, an empty journal — so each input runs
// on a fresh server and a finding replays alone. The service lives in std::optional storage at
// a fixed address, which is what the routes' references point to; it is destroyed and emplaced
// again between inputs, never while a route runs.
// Clocks are manual (time moves only by the admin clock route) and no processing or snapshot
// thread is started: the targets are single-threaded and deterministic.
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>

#include "server/journal.hpp"

namespace taskcheck::fuzz {

// A data dir of this process on tmpfs when there is one (fsync is free there).
inline std::filesystem::path fuzz_data_dir(const std::string& name) {
    const std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                           ? "/dev/shm"
                                           : std::filesystem::temp_directory_path();
    return base / ("taskcheck-" + name + "-" + std::to_string(::getpid()));
}

template <typename Service, typename Options>
class ServerFixture {
  public:
    ServerFixture(std::filesystem::path data_dir, Options options)
        : data_dir_(std::move(data_dir)), options_(options) {
        reset();
    }
    ~ServerFixture() {
        service_.reset();
        journal_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(data_dir_, ignored);
    }

    // A fresh, empty server in the same storage.
    void reset() {
        service_.reset();
        journal_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(data_dir_, ignored);
        journal_.emplace(server::JournalOptions{data_dir_});
        service_.emplace(*journal_, options_);
    }

    Service& service() { return *service_; }
    server::Journal& journal() { return *journal_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }

  private:
    std::filesystem::path data_dir_;
    Options options_;
    std::optional<server::Journal> journal_;
    std::optional<Service> service_;
};

}  // namespace taskcheck::fuzz
