#pragma once
// ScratchDir: a fresh, empty directory under $TMPDIR (or /tmp) for one test, removed with
// everything in it when the ScratchDir goes out of scope.

#include <filesystem>
#include <string>

namespace taskcheck::reports::test {

class ScratchDir {
  public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Writes `text` to path()/name and returns the full path.
    std::filesystem::path write(const std::string& name, const std::string& text) const;

  private:
    std::filesystem::path path_;
};

// The whole content of a file ("" if it cannot be read).
std::string read_file(const std::filesystem::path& path);

}  // namespace taskcheck::reports::test
