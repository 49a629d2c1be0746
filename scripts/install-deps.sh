#!/usr/bin/env bash
# Installs the Debian 12 packages taskcheck needs, and only those that are missing.
# Idempotent and quiet: with everything present it makes no network call and prints one line.
set -euo pipefail

packages=(
    g++ cmake make pkg-config
    libboost-test-dev libboost-dev libboost-filesystem-dev
    librapidcheck-dev nlohmann-json3-dev libcpp-httplib-dev libcli11-dev libsqlite3-dev
    libssl-dev zlib1g-dev libbrotli-dev
    libxml2-utils chromium
    clang-16 libclang-rt-16-dev lld-16
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: need root to run apt-get (missing: ${missing[*]})" >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
