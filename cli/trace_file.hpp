#pragma once
// The --trace file of `taskcheck sim` and `taskcheck replay`: opened before the run, so a path
// that cannot be written is an error at once (exit 2) rather than a run whose trace silently
// went nowhere, and checked again after writing (a full disk).

#include <fstream>
#include <string>

namespace taskcheck::cli {

// Opens `path` for writing, truncating it. Throws InputError "trace-unwritable" naming the path
// and why (a directory, a missing folder, no permission).
std::ofstream open_trace_file(const std::string& path);

// Flushes and closes `out`. Throws InputError "trace-unwritable" if any write failed.
void close_trace_file(std::ofstream& out, const std::string& path);

}  // namespace taskcheck::cli
