#pragma once
// UrlTarget: a server at a URL that someone else runs (`--target http://host:port[/prefix]`).
// Faults are not possible; fixtures that use them are skipped with that reason. A path prefix
// (a target behind a proxy at a sub-path) is put in front of every request path.

#include <cstdint>
#include <string>

#include "conformance/target.hpp"

namespace taskcheck::conformance {

class UrlTarget : public Target {
  public:
    // Parses "http://host[:port][/prefix][/]". Throws InputError "target-url" for anything else
    // (https, a bad port, a query, a fragment, spaces or control characters in the prefix).
    explicit UrlTarget(const std::string& url);

    std::string host() const override { return host_; }
    int port() const override { return port_; }
    // "" or the prefix without its trailing "/", e.g. "/search".
    const std::string& base_path() const { return base_path_; }
    std::string description() const override { return url_; }
    bool takes_faults() const override { return false; }
    std::optional<std::string> inject(FaultKind kind) override;
    std::optional<std::string> unexpected_exit() override { return std::nullopt; }
    bool running() override { return true; }
    std::size_t stderr_line_count() const override { return 0; }
    std::string stderr_tail(std::size_t, std::size_t) const override { return ""; }

    // Opens one TCP connection to host:port and closes it (no HTTP request is sent); returns why
    // it could not ("connection refused", "no connection within 200 ms", an unknown host), or
    // nullopt. The runner calls it once before the first fixture (docs/runner.md "Targets").
    std::optional<std::string> probe(std::int64_t timeout_ms) const;

  private:
    std::string url_;
    std::string host_;
    int port_ = 80;
    std::string base_path_;
};

}  // namespace taskcheck::conformance
