#!/bin/sh
# Install the dependencies (Debian 12, as root or with sudo), build
# sshlint, and run it on a shipped example.
set -eu
cd "$(dirname "$0")/.."
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    meson ninja-build pkg-config gcc libyaml-dev libpcre2-dev \
    libcmocka-dev python3 python3-jsonschema python3-paramiko openssh-client \
    openssh-server patch >/dev/null
# for the ecosystem tests (pre-commit, Ansible, manual pages, completion);
# each is skipped when its tool is missing
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends git pre-commit ansible-core mandoc bash-completion \
    >/dev/null
meson setup build >/dev/null 2>&1 || meson setup --reconfigure build >/dev/null
ninja -C build >/dev/null
echo "$ build/cli/sshlint --openssh 9.2 fixtures/ssh_config/example-broken.conf"
build/cli/sshlint --openssh 9.2 fixtures/ssh_config/example-broken.conf || true
