#!/usr/bin/env bash
# The main job (README command 1), run after the build in BUILD_DIR.
# It grows as the kit grows; today it shows what is built and runs the model walkthrough.
set -euo pipefail
build=${1:?usage: scripts/main-job.sh BUILD_DIR}
"$build/cli/taskcheck" --version
