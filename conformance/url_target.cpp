#include "conformance/url_target.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

namespace {

const char* const kUrlHint =
    "write --target http://HOST:PORT or http://HOST:PORT/PREFIX, e.g. http://127.0.0.1:7700";

[[noreturn]] void bad_url(const std::string& url, const std::string& problem) {
    throw InputError("target-url", {}, "\"" + url + "\" " + problem, kUrlHint);
}

int parse_port(const std::string& url, std::string_view text) {
    int port = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port <= 0 || port > 65535) {
        bad_url(url, "has a bad port \"" + std::string(text) + "\" (1 to 65535)");
    }
    return port;
}

// The prefix without trailing "/"; rejects what cannot be put in front of a request path.
std::string parse_base_path(const std::string& url, std::string_view path) {
    while (path.ends_with("/"))
        path.remove_suffix(1);
    for (char c : path) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '?' || c == '#') bad_url(url, "has a query or fragment; give a path prefix only");
        if (byte <= 0x20 || byte == 0x7f) bad_url(url, "has a space or control character");
    }
    return std::string(path);
}

// Waits until the non-blocking connect on `fd` ends; 0 or the errno it failed with.
int finish_connect(int fd, std::int64_t timeout_ms) {
    pollfd waiting{fd, POLLOUT, 0};
    int ready = ::poll(&waiting, 1, static_cast<int>(timeout_ms));
    if (ready == 0) return ETIMEDOUT;
    if (ready < 0) return errno;
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    return error;
}

// 0 iff a TCP connection to `address` opened within `timeout_ms`; otherwise the errno.
int try_connect(const addrinfo& address, std::int64_t timeout_ms) {
    int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                      address.ai_protocol);
    if (fd < 0) return errno;
    int error = ::connect(fd, address.ai_addr, address.ai_addrlen) == 0 ? 0 : errno;
    if (error == EINPROGRESS) error = finish_connect(fd, timeout_ms);
    ::close(fd);
    return error;
}

}  // namespace

UrlTarget::UrlTarget(const std::string& url) : url_(url) {
    std::string_view rest = url;
    if (!rest.starts_with("http://")) bad_url(url, "is not an http:// URL");
    rest.remove_prefix(7);
    std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) base_path_ = parse_base_path(url, rest.substr(slash));
    std::size_t colon = authority.rfind(':');
    host_ = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_ = parse_port(url, authority.substr(colon + 1));
    if (host_.empty()) bad_url(url, "has no host");
}

std::optional<std::string> UrlTarget::inject(FaultKind) {
    TC_ASSERT(false && "faults are skipped against a URL target");
    return std::nullopt;
}

std::optional<std::string> UrlTarget::probe(std::int64_t timeout_ms) const {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port_);
    if (int error = ::getaddrinfo(host_.c_str(), service.c_str(), &hints, &found); error != 0) {
        return "cannot resolve host \"" + host_ + "\" (" + ::gai_strerror(error) + ")";
    }
    int error = EADDRNOTAVAIL;
    for (const addrinfo* address = found; address != nullptr && error != 0;
         address = address->ai_next) {
        error = try_connect(*address, timeout_ms);
    }
    ::freeaddrinfo(found);
    if (error == 0) return std::nullopt;
    if (error == ETIMEDOUT) {
        return "no connection to " + host_ + ":" + service + " within " +
               std::to_string(timeout_ms) + " ms";
    }
    return "cannot connect to " + host_ + ":" + service + " (" + std::strerror(error) + ")";
}

}  // namespace taskcheck::conformance
