#!/bin/sh
# Latency of a pre-commit run (not a test): a dotfiles repository with a
# typical ~200-line ssh configuration split over Include files and a
# .sshlint.yaml naming the entry point, timed the way the hooks run sshlint
# (the changed files on the command line, in the repository root), next to
# `ssh -G` on the same configuration. With pre-commit installed, also the
# whole `pre-commit run` (the framework's own start-up included).
# usage: tools/bench-precommit.sh [BUILD_DIR] [RUNS]
set -eu
build=${1:-build}
runs=${2:-100}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
sshlint=$build/cli/sshlint
[ -x "$sshlint" ] || { echo "no $sshlint: build first (ninja -C $build)" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo=$tmp/dotfiles

python3 - "$repo" <<'PY'
import os, sys
d = sys.argv[1]
os.makedirs(d + "/.ssh/config.d")
open(d + "/.sshlint.yaml", "w").write(
    "entry:\n  - .ssh/config\nhome: .\nopenssh: 8.4..9.6\n")
main = """# ~/.ssh/config: shared by the laptop (9.6) and the servers (8.4)
Include ~/.ssh/config.d/*

Host bastion
  HostName bastion.example.com
  User jump
  Port 2222
  IdentityFile ~/.ssh/id_ed25519
  ControlMaster auto
  ControlPath ~/.ssh/cm-%r@%h:%p
  ControlPersist 10m

Match host *.internal exec "test -f ~/.work"
  ProxyJump bastion

Host *
  ServerAliveInterval 30
  ServerAliveCountMax 3
  AddKeysToAgent yes
  IdentitiesOnly yes
  HashKnownHosts yes
  StrictHostKeyChecking ask
  UserKnownHostsFile ~/.ssh/known_hosts ~/.ssh/known_hosts.work
"""
open(d + "/.ssh/config", "w").write(main)
n = main.count("\n")
frag = 0
while n < 190:
    lines = ["# %s hosts\n" % ("work", "home", "cloud", "lab", "old")[frag % 5]]
    for i in range(6):
        h = "h%d-%d" % (frag, i)
        lines += ["Host %s %s.example.com\n" % (h, h),
                  "  HostName 10.%d.%d.10\n" % (frag, i),
                  "  User deploy\n",
                  "  Port %d\n" % (22 if i % 2 else 2200 + i),
                  "  IdentityFile ~/.ssh/id_%s\n" % ("ed25519" if i % 3 else "rsa"),
                  "  LocalForward 127.0.0.1:%d localhost:5432\n" % (15000 + 10 * frag + i)
                  if i == 0 else "  ForwardAgent no\n",
                  "\n"]
    open(d + "/.ssh/config.d/%02d-hosts" % (10 * frag), "w").write("".join(lines))
    n += len(lines)
    frag += 1
PY
cd "$repo"
files=$(cd "$repo" && find .ssh -type f | sort)
lines=$(cat $files | wc -l)
nfiles=$(echo "$files" | wc -l)
frag=.ssh/config.d/10-hosts
host=h1-2

now() { date +%s%N; }
per_run() { # N CMD...: mean milliseconds per run
	n=$1
	shift
	t0=$(now)
	i=0
	while [ "$i" -lt "$n" ]; do
		"$@" >/dev/null 2>&1 || true
		i=$((i + 1))
	done
	t1=$(now)
	awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "%7.2f", (b - a) / n / 1e6 }'
}

"$sshlint" $files >"$tmp/out" 2>&1 || true
echo "configuration: $lines lines in $nfiles files (Include), .sshlint.yaml with the entry point"
echo "  sshlint says: $(tail -1 "$tmp/out")"
echo "mean of $runs runs, milliseconds, process start-up included:"
row() { printf '  %-62s %s\n' "$1" "$2"; }
row "sshlint $frag (a changed fragment, in context)" \
    "$(per_run "$runs" "$sshlint" "$frag")"
row "sshlint <all $nfiles files> (every file changed)" \
    "$(per_run "$runs" "$sshlint" $files)"
row "sshlint --fix <all $nfiles files> (the fix hook; nothing to fix)" \
    "$(per_run "$runs" "$sshlint" --fix $files)"
row "sshlint --openssh 9.6 <all $nfiles files> (one release)" \
    "$(per_run "$runs" "$sshlint" --openssh 9.6 $files)"
if command -v ssh >/dev/null 2>&1; then
	row "ssh -G -F .ssh/config $host (one host, the same files)" \
	    "$(per_run "$runs" env -i HOME="$repo" SHELL=/bin/false ssh -G \
	    -F .ssh/config "$host")"
else
	echo "  ssh -G: ssh is not installed"
fi

if command -v pre-commit >/dev/null 2>&1 && command -v git >/dev/null 2>&1; then
	export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$HOME" "$tmp/bin" "$tmp/hooks"
	ln -s "$sshlint" "$tmp/bin/sshlint"
	export PATH="$tmp/bin:$PATH"
	cp "$src/.pre-commit-hooks.yaml" "$tmp/hooks/"
	g() { git -c init.defaultBranch=main -c user.name=b -c user.email=b@b "$@"; }
	(cd "$tmp/hooks" && g init -q && g add . && g commit -q -m h)
	rev=$(cd "$tmp/hooks" && git rev-parse HEAD)
	printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: sshlint\n' \
	    "$tmp/hooks" "$rev" >.pre-commit-config.yaml
	g init -q && g add -A && pre-commit install-hooks >/dev/null 2>&1
	n=$((runs / 10 + 1))
	row "pre-commit run sshlint --files $frag ($n runs)" \
	    "$(per_run "$n" pre-commit run sshlint --files "$frag")"
	row "pre-commit run sshlint --files <all $nfiles files> ($n runs)" \
	    "$(per_run "$n" pre-commit run sshlint --files $files)"
fi
