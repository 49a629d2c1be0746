#pragma once
// TempDir: a fresh, empty directory for one test, removed with everything in it at the end.
// Named after the test and the process id so parallel ctest runs never share one.

#include <unistd.h>

#include <filesystem>
#include <string>

namespace taskcheck::server::testing {

class TempDir {
  public:
    explicit TempDir(const std::string& name)
        : path_(std::filesystem::temp_directory_path() /
                ("taskcheck-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& child) const { return path_ / child; }

  private:
    std::filesystem::path path_;
};

}  // namespace taskcheck::server::testing
