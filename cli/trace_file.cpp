#include "cli/trace_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "model/common/input_error.hpp"

namespace taskcheck::cli {

namespace {

[[noreturn]] void unwritable(const std::string& path, const std::string& why) {
    throw InputError("trace-unwritable", InputLocation{path, 0, ""},
                     "cannot write the trace: " + why,
                     "give --trace a file path in a folder you can write to");
}

}  // namespace

std::ofstream open_trace_file(const std::string& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) unwritable(path, "it is a directory");
    std::ofstream out(path, std::ios::trunc);
    if (!out) unwritable(path, std::strerror(errno));
    return out;
}

void close_trace_file(std::ofstream& out, const std::string& path) {
    out.close();
    if (!out) unwritable(path, "a write failed (is the disk full?)");
}

}  // namespace taskcheck::cli
