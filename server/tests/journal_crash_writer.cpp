// journal_crash_writer DATA_DIR THREADS: the process the crash test kills.
// Opens the journal in DATA_DIR, replays it (printing `replayed <count>`), then appends from
// THREADS threads as fast as the disk allows, printing `<seq> <command>` for each record only
// after append() returned — so every printed line is an acknowledged, durable record. Runs until
// killed. A damaged journal prints the InputError on stderr and exits 2.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "model/common/input_error.hpp"
#include "server/journal.hpp"

using namespace taskcheck;
using namespace taskcheck::server;

namespace {

std::mutex g_stdout_mutex;

// One write(2) per line: a line in the pipe is a line the test can read after a SIGKILL.
void print_line(const std::string& line) {
    std::lock_guard<std::mutex> lock(g_stdout_mutex);
    std::string text = line + "\n";
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        ssize_t n = ::write(STDOUT_FILENO, p, left);
        if (n <= 0) std::_Exit(3);
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

void append_forever(Journal& journal, int thread) {
    for (long i = 0;; ++i) {
        std::string command = R"({"pid":)" + std::to_string(::getpid()) + R"(,"thread":)" +
                              std::to_string(thread) + R"(,"i":)" + std::to_string(i) + "}";
        std::uint64_t seq = journal.append(command);
        print_line(std::to_string(seq) + " " + command);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: journal_crash_writer DATA_DIR THREADS\n";
        return 2;
    }
    try {
        JournalOptions options;
        options.data_dir = argv[1];
        Journal journal(options);
        std::uint64_t replayed = journal.replay([](const JournalRecord&) {});
        print_line("replayed " + std::to_string(replayed));
        std::vector<std::thread> threads;
        for (int t = 0; t < std::atoi(argv[2]); ++t) {
            threads.emplace_back([&journal, t] { append_forever(journal, t); });
        }
        for (auto& thread : threads)
            thread.join();
    } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
