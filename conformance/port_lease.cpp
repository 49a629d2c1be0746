#include "conformance/port_lease.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <regex>
#include <utility>

#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

namespace {

constexpr PortRange kPreferred{20000, 29999};
constexpr int kRangeMin = 100;

std::string range_text(const PortRange& range) {
    return std::to_string(range.low) + "-" + std::to_string(range.high);
}

void make_lock_dir(const std::string& dir) {
    if (::mkdir(dir.c_str(), 01777) == 0) {
        // mkdir applies the umask; every user's taskcheck must be able to add lock files.
        ::chmod(dir.c_str(), 01777);
        return;
    }
    struct stat st {};
    if (errno == EEXIST && ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return;
    throw InputError("port-lock-failed", {dir, 0, ""},
                     std::string("cannot make the port lock directory: ") + std::strerror(errno),
                     "make it writable, or remove what is in the way");
}

// An O_CLOEXEC descriptor of <dir>/<port>.lock, or -1 when it cannot be opened (e.g. another
// user's file we may not read: that port is then someone else's).
int open_lock_file(const std::string& dir, int port) {
    std::string path = dir + "/" + std::to_string(port) + ".lock";
    for (int i = 0; i < 3; ++i) {
        // Open before create: with fs.protected_regular, O_CREAT on another user's file in a
        // sticky directory fails even when it exists.
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0 || errno != ENOENT) return fd;
        fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

// The lock on `port`, or -1 when another lease holds it.
int try_lock(const std::string& dir, int port) {
    int fd = open_lock_file(dir, port);
    if (fd < 0) return -1;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
    ::close(fd);
    return -1;
}

int random_offset(int size) {
    std::random_device device;
    return std::uniform_int_distribution<int>(0, size - 1)(device);
}

}  // namespace

PortRange parse_port_range(const std::string& text) {
    static const std::regex pattern(R"(([0-9]{1,5})-([0-9]{1,5}))");
    std::smatch match;
    PortRange range;
    if (std::regex_match(text, match, pattern)) {
        range.low = std::stoi(match[1].str());
        range.high = std::stoi(match[2].str());
    }
    if (range.low < 1 || range.high > 65535 || range.low > range.high) {
        throw InputError("port-range-invalid", {}, "--port-range \"" + text + "\"",
                         "give LOW-HIGH with 1 <= LOW <= HIGH <= 65535, e.g. 20000-29999");
    }
    return range;
}

std::optional<PortRange> read_ephemeral_port_range() {
    std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
    PortRange range;
    if (!(in >> range.low >> range.high)) return std::nullopt;
    return range;
}

PortRange default_port_range(const std::optional<PortRange>& ephemeral) {
    if (!ephemeral || ephemeral->high < kPreferred.low || ephemeral->low > kPreferred.high) {
        return kPreferred;
    }
    PortRange below{kPreferred.low, ephemeral->low - 1};
    PortRange above{ephemeral->high + 1, kPreferred.high};
    PortRange best = below.size() >= above.size() ? below : above;
    if (best.size() < kRangeMin) {
        throw InputError("port-range-none", {},
                         "the kernel's ephemeral port range " + range_text(*ephemeral) +
                             " leaves fewer than " + std::to_string(kRangeMin) +
                             " ports of the default " + range_text(kPreferred) +
                             " for spawned targets",
                         "give --port-range LOW-HIGH outside the ephemeral range "
                         "(/proc/sys/net/ipv4/ip_local_port_range)");
    }
    return best;
}

bool port_bindable(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    ::close(fd);
    return ok;
}

PortLease PortLease::acquire(const PortLeaseOptions& options) {
    PortRange range =
        options.range.empty() ? default_port_range(read_ephemeral_port_range()) : options.range;
    make_lock_dir(options.lock_dir);
    int offset = random_offset(range.size());
    for (int i = 0; i < range.size(); ++i) {
        int port = range.low + (offset + i) % range.size();
        int fd = try_lock(options.lock_dir, port);
        if (fd < 0) continue;
        if (port_bindable(port)) return PortLease(port, fd);
        ::close(fd);
    }
    throw InputError(
        "port-range-exhausted", {},
        "every port of " + range_text(range) + " is leased by another taskcheck target or in use",
        "give a wider or another --port-range, or stop what holds the ports");
}

PortLease::PortLease(PortLease&& other) noexcept
    : port_(std::exchange(other.port_, 0)), lock_fd_(std::exchange(other.lock_fd_, -1)) {}

PortLease& PortLease::operator=(PortLease&& other) noexcept {
    if (this == &other) return *this;
    if (lock_fd_ >= 0) ::close(lock_fd_);
    port_ = std::exchange(other.port_, 0);
    lock_fd_ = std::exchange(other.lock_fd_, -1);
    return *this;
}

PortLease::~PortLease() {
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

}  // namespace taskcheck::conformance
