#pragma once
// UrlTarget: a server at a URL that someone else runs (`--target http://host:port`). Faults are
// not possible; fixtures that use them are skipped with that reason.

#include <string>

#include "conformance/target.hpp"

namespace taskcheck::conformance {

class UrlTarget : public Target {
  public:
    // Parses "http://host[:port][/]". Throws InputError "target-url" for anything else
    // (https, a path, a bad port).
    explicit UrlTarget(const std::string& url);

    std::string host() const override { return host_; }
    int port() const override { return port_; }
    std::string description() const override { return url_; }
    bool takes_faults() const override { return false; }
    std::optional<std::string> inject(FaultKind kind) override;
    std::optional<std::string> unexpected_exit() override { return std::nullopt; }
    bool running() override { return true; }
    std::size_t stderr_line_count() const override { return 0; }
    std::string stderr_tail(std::size_t, std::size_t) const override { return ""; }

  private:
    std::string url_;
    std::string host_;
    int port_ = 80;
};

}  // namespace taskcheck::conformance
