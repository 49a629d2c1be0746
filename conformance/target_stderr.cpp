#include "conformance/target_stderr.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "model/common/assert.hpp"

namespace taskcheck::conformance {

namespace {

constexpr int kPollMs = 20;

// The pids in /proc whose fd table holds the pipe named `link` ("pipe:[inode]").
std::vector<pid_t> holders_of(const std::string& link) {
    std::vector<pid_t> pids;
    DIR* proc = ::opendir("/proc");
    if (proc == nullptr) return pids;
    while (dirent* entry = ::readdir(proc)) {
        pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
        if (pid <= 0 || pid == ::getpid()) continue;
        std::string fd_dir = std::string("/proc/") + entry->d_name + "/fd";
        DIR* fds = ::opendir(fd_dir.c_str());
        if (fds == nullptr) continue;  // not ours to read, or gone
        while (dirent* fd = ::readdir(fds)) {
            char target[64];
            std::string path = fd_dir + "/" + fd->d_name;
            ssize_t n = ::readlink(path.c_str(), target, sizeof(target) - 1);
            if (n <= 0 || std::string(target, static_cast<std::size_t>(n)) != link) continue;
            pids.push_back(pid);
            break;
        }
        ::closedir(fds);
    }
    ::closedir(proc);
    return pids;
}

}  // namespace

TargetStderr::~TargetStderr() {
    close();
}

int TargetStderr::open_pipe() {
    TC_ASSERT_LT(source_fd_, 0);
    int fds[2];
    TC_ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    source_fd_ = fds[0];
    sink_fd_ = fds[1];
    std::lock_guard lock(mutex_);
    eof_ = false;
    stopping_ = false;
    return sink_fd_;
}

void TargetStderr::start_reading() {
    TC_ASSERT_GE(source_fd_, 0);
    ::close(sink_fd_);
    sink_fd_ = -1;
    reader_ = std::thread([this] { read_loop(); });
}

void TargetStderr::read_loop() {
    char buffer[4096];
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
        }
        pollfd p{source_fd_, POLLIN, 0};
        if (::poll(&p, 1, kPollMs) <= 0) continue;
        ssize_t n = ::read(source_fd_, buffer, sizeof(buffer));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        partial_.append(buffer, static_cast<std::size_t>(n));
        for (std::size_t end = partial_.find('\n'); end != std::string::npos;
             end = partial_.find('\n')) {
            append_line(partial_.substr(0, end));
            partial_.erase(0, end + 1);
        }
    }
    if (!partial_.empty()) append_line(partial_);
    partial_.clear();
    std::lock_guard lock(mutex_);
    eof_ = true;
    eof_changed_.notify_all();
}

bool TargetStderr::wait_eof(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    return eof_changed_.wait_for(lock, wait, [this] { return eof_; });
}

void TargetStderr::close() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    if (reader_.joinable()) reader_.join();
    if (sink_fd_ >= 0) ::close(sink_fd_);
    if (source_fd_ >= 0) ::close(source_fd_);
    sink_fd_ = source_fd_ = -1;
}

std::vector<pid_t> TargetStderr::pipe_holders() const {
    if (source_fd_ < 0) return {};
    struct stat st {};
    if (::fstat(source_fd_, &st) != 0) return {};
    return holders_of("pipe:[" + std::to_string(st.st_ino) + "]");
}

void TargetStderr::note(const std::string& line) {
    append_line(line);
}

void TargetStderr::append_line(const std::string& line) {
    std::lock_guard lock(mutex_);
    lines_.push_back(line);
    ++total_;
    if (lines_.size() > lines_max_) lines_.pop_front();
}

std::size_t TargetStderr::line_count() const {
    std::lock_guard lock(mutex_);
    return total_;
}

std::optional<std::string> TargetStderr::first_match(const std::regex& pattern,
                                                     std::size_t since) const {
    std::lock_guard lock(mutex_);
    std::size_t first_kept = total_ - lines_.size();
    for (std::size_t i = std::max(since, first_kept); i < total_; ++i) {
        std::smatch match;
        if (std::regex_search(lines_[i - first_kept], match, pattern) && match.size() > 1) {
            return match[1].str();
        }
    }
    return std::nullopt;
}

std::string TargetStderr::tail(std::size_t since, std::size_t count) const {
    std::lock_guard lock(mutex_);
    std::size_t first_kept = total_ - lines_.size();
    std::size_t from = std::max(since, first_kept);
    if (total_ > count) from = std::max(from, total_ - count);
    std::string out;
    for (std::size_t i = from; i < total_; ++i) {
        if (!out.empty()) out += "\n";
        out += lines_[i - first_kept];
    }
    return out;
}

}  // namespace taskcheck::conformance
