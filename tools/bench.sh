#!/bin/sh
# Print timing figures (not a test): sshlint on a typical dotfile and on a
# 10,000-host config, next to `ssh -G` on the same files when installed.
# usage: tools/bench.sh [BUILD_DIR]
set -eu
build=${1:-build}
sshlint=$build/cli/sshlint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import sys, os
d = sys.argv[1]
os.makedirs(d + "/.ssh/config.d")
with open(d + "/.ssh/config", "w") as f:
    f.write("Include ~/.ssh/config.d/*\n\nHost *\n  ServerAliveInterval 30\n  IdentitiesOnly yes\n")
for k in range(4):
    with open(d + "/.ssh/config.d/%02d" % k, "w") as f:
        for i in range(10):
            f.write("Host h%d-%d\n  HostName h%d-%d.example.com\n  User u\n  Port 22\n# note\n" % (k, i, k, i))
with open(d + "/big", "w") as f:
    for i in range(10000):
        f.write("Host host%d\n    HostName 10.0.%d.%d\n    User deploy\n    Port %d\n" % (i, i // 256, i % 256, 2000 + i % 1000))
PY

now() { date +%s%N; }
per_run() { # CMD... : mean milliseconds over N runs
	n=$1; shift
	t0=$(now); i=0
	while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1 || true; i=$((i + 1)); done
	t1=$(now)
	awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n / 1e6 }'
}
lines=$(cat "$tmp/.ssh/config" "$tmp"/.ssh/config.d/* | wc -l)
echo "typical dotfile ($lines lines, 5 files with Include):"
echo "  sshlint --openssh 9.2      $(per_run 50 "$sshlint" --openssh 9.2 --home "$tmp") ms"
echo "  sshlint --openssh 7.4..10.5 $(per_run 50 "$sshlint" --openssh 7.4..10.5 --home "$tmp") ms"
if command -v ssh >/dev/null 2>&1; then
	echo "  ssh -G (one host)          $(per_run 50 env -i HOME="$tmp" SHELL=/bin/false ssh -G -F "$tmp/.ssh/config" h1-1) ms"
fi
echo "10,000 hosts ($(wc -l <"$tmp/big") lines):"
echo "  sshlint --openssh 9.2      $(per_run 5 "$sshlint" --openssh 9.2 "$tmp/big") ms"
echo "  sshlint --openssh 7.4..10.5 $(per_run 5 "$sshlint" --openssh 7.4..10.5 "$tmp/big") ms"
if command -v ssh >/dev/null 2>&1; then
	one=$(per_run 5 env -i HOME="$tmp" SHELL=/bin/false ssh -G -F "$tmp/big" host9999)
	echo "  ssh -G, one host           $one ms (x10,000 hosts = $(awk -v x="$one" 'BEGIN { printf "%.0f", x * 10 }') s)"
fi
