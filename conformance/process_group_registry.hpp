#pragma once
// The process groups of the targets we spawned, so that every one of them is killed when the
// run ends — normally (SpawnedTarget's destructor), or when the runner itself gets SIGINT or
// SIGTERM (a signal handler kills every registered group, then lets the signal end the runner).
// This is process-wide state on purpose: a signal handler can reach nothing else. It is a fixed
// array of atomics, so the handler stays async-signal-safe.

#include <sys/types.h>

namespace taskcheck::conformance {

// Installs the SIGINT/SIGTERM handlers (once; later calls do nothing).
void install_process_group_cleanup();

// Records / forgets a process group id. Registering more than 256 live groups trips TC_ASSERT.
void register_process_group(pid_t pgid);
void unregister_process_group(pid_t pgid);

}  // namespace taskcheck::conformance
