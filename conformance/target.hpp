#pragma once
// Target: the system under test, as the runner sees it — where to send requests, and for a
// spawned process the faults it can take and whether it is still alive. Two implementations:
// UrlTarget (a server someone else runs; no faults) and SpawnedTarget (our child process).

#include <optional>
#include <string>

#include "conformance/fixture.hpp"

namespace taskcheck::conformance {

class Target {
  public:
    virtual ~Target() = default;

    virtual std::string host() const = 0;
    virtual int port() const = 0;
    // "http://127.0.0.1:7700" or the spawn command as run, for messages and the report.
    virtual std::string description() const = 0;

    // True iff faults can be injected (a spawned process).
    virtual bool takes_faults() const = 0;
    // Injects `kind`; returns why it failed (e.g. the restart did not become ready), or nullopt.
    // Requires: takes_faults().
    virtual std::optional<std::string> inject(FaultKind kind) = 0;

    // nullopt while the target is running or was stopped by a fault on purpose; otherwise what
    // happened, e.g. "target exited with status 3". A URL target is never known to be dead.
    virtual std::optional<std::string> unexpected_exit() = 0;

    // True iff requests can reach it: false after a kill fault or a crash.
    virtual bool running() = 0;

    // Number of stderr lines seen so far, and the last `count` lines after line `since`
    // (joined with "\n"). Empty for a URL target.
    virtual std::size_t stderr_line_count() const = 0;
    virtual std::string stderr_tail(std::size_t since, std::size_t count) const = 0;
};

}  // namespace taskcheck::conformance
