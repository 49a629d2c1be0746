#pragma once
// The process groups and data dirs of the targets we spawned, so that every one of them is gone
// when the run ends — normally (SpawnedTarget's destructor), or when the runner itself gets
// SIGINT or SIGTERM. This is process-wide state on purpose: a signal handler can reach nothing
// else.
// On SIGINT/SIGTERM: 1. the handler SIGKILLs every registered group at once (a fixed array of
// atomics: async-signal-safe) and writes the signal to a self-pipe; 2. a dedicated clean-up
// thread reads it, takes the registry lock, kills the groups again (one may have been started
// since), removes every registered data dir — filesystem work that must not run inside a signal
// handler — and, still holding the lock so no new data dir can be made and no group started,
// restores the default action and re-raises the signal, which ends the runner.

#include <sys/types.h>

#include <functional>
#include <string>

namespace taskcheck::conformance {

// Installs the SIGINT/SIGTERM handlers and starts the clean-up thread (once; later calls do
// nothing).
void install_process_group_cleanup();

// Runs `spawn` (which starts a new process group and returns its id) and records the group, both
// under the lock the clean-up thread holds while it kills: a group started while the runner is
// terminating is never missed (the clean-up either sees it, or runs first and the runner ends
// before `spawn` runs). More than 256 live groups trips TC_ASSERT.
pid_t spawn_registered_group(const std::function<pid_t()>& spawn);
// Forgets a process group id.
void unregister_process_group(pid_t pgid);

// Makes a fresh directory <base>/<prefix>XXXXXX (mkdtemp: atomically unique, mode 0700) and
// records it for removal on SIGINT/SIGTERM; returns its path. Throws InputError
// "data-dir-failed" naming base when it cannot be made.
std::string make_registered_dir(const std::string& base, const std::string& prefix);
// Removes the directory and everything in it (errors ignored) and forgets it.
// Requires: `path` came from make_registered_dir and was not removed yet.
void remove_registered_dir(const std::string& path);

}  // namespace taskcheck::conformance
