#pragma once
// The fake target (fake_target_main.cpp) as the spawn tests start it: the binary's path, and
// spawn options that pass it {port} and {data_dir} and probe GET /health for up to 5 s.

#include <string>

#include "conformance/spawned_target.hpp"

namespace taskcheck::conformance::testing {

inline const std::string kFake = TASKCHECK_FAKE_TARGET;

inline SpawnOptions fake_spawn() {
    SpawnOptions spawn;
    spawn.command = kFake + " {port} {data_dir}";
    spawn.ready_path = "/health";
    spawn.ready_timeout_ms = 5000;
    return spawn;
}

}  // namespace taskcheck::conformance::testing
