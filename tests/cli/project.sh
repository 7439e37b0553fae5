#!/bin/sh
# The project file .sshlint.yaml: found upward, entry points, an Included
# fragment checked in its entry point's context, disables and overrides,
# errors with positions, options winning over the file; --policy.
# usage: project.sh SSHLINT SOURCE_ROOT
set -u
sshlint=$1
root=$2
. "$(dirname "$0")/lib.sh"
repo=$root/fixtures/project/repo

# --- no PATH: the entry points (.ssh/config with its Includes, and an sshd
# entry whose fragment is Included inside a Match block)
cd "$repo" || exit 2
run entries 1
expect entries "^\\.ssh/config\\.d/10-work:3:3: error: unknown keyword 'Usr'" "$tmp/out"
expect entries "^etc/ssh/sshd_config\\.d/10-port\\.conf:1:1: error: 'Port' is not allowed within a Match block" "$tmp/out"
expect entries 'checked for OpenSSH 8\.4\.\.9\.6, from the project configuration\)' "$tmp/out"
# the override disables unknown-keyword in .ssh/config.d/legacy-*
reject entries 'legacy-box' "$tmp/out"
count entries 2 ': error:' "$tmp/out"

# --- a fragment given alone is checked in the context of its entry point:
# alone, 10-port.conf is a fine sshd file; Included in a Match block,
# Port is an error, reported under the name given
run fragment 1 etc/ssh/sshd_config.d/10-port.conf
expect fragment "^etc/ssh/sshd_config\\.d/10-port\\.conf:1:1: error: 'Port' is not allowed within a Match block" "$tmp/out"
count fragment 1 ': error:' "$tmp/out"
run fragment-alone 0 --config /dev/null --openssh 9.2 etc/ssh/sshd_config.d/10-port.conf
# only the findings of the given files: not those of other entries' files
run fragment-ssh 1 .ssh/config.d/10-work
expect fragment-ssh "^\\.ssh/config\\.d/10-work:3:3: error: unknown keyword 'Usr'" "$tmp/out"
reject fragment-ssh 'sshd_config' "$tmp/out"
# a file no entry point reaches is checked alone
run orphan 1 orphan.conf .ssh/config
expect orphan "^orphan\\.conf:2:3: error: unknown keyword 'Usr'" "$tmp/out"
count orphan 1 ': error:' "$tmp/out"
# overrides apply to a given file too
run override 0 .ssh/config.d/legacy-box
# all formats name the file as given
run fragment-json 1 --format json etc/ssh/sshd_config.d/10-port.conf
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [x["path"] for x in d["diagnostics"]]==["etc/ssh/sshd_config.d/10-port.conf"], d' "$tmp/out"; then ok; else bad "fragment-json"; fi

# --- found upward, from a subdirectory; paths as given there
cd "$repo/etc/ssh/sshd_config.d" || exit 2
run upward 1 10-port.conf
expect upward "^10-port\\.conf:1:1: error: 'Port' is not allowed within a Match block in OpenSSH 8\\.4\\.\\.9\\.6" "$tmp/out"
expect upward 'from the project configuration' "$tmp/out"
run upward-entries 1
expect upward-entries "^\\.\\./\\.\\./\\.\\./\\.ssh/config\\.d/10-work:3:3: error" "$tmp/out"
# the search stops at a directory that has .git
mkdir -p "$tmp/top/repo/.git" "$tmp/top/repo/sub"
printf 'openssh: 7.4\n' >"$tmp/top/.sshlint.yaml"
printf 'User x\n' >"$tmp/top/repo/sub/c"
cd "$tmp/top/repo/sub" || exit 2
run git-stop 0 --dialect ssh c
expect git-stop 'the newest known release' "$tmp/out"
cd "$tmp/top" || exit 2
run found-here 0 --dialect ssh repo/sub/c
expect found-here 'checked for OpenSSH 7\.4, from the project configuration' "$tmp/out"

# --- options win over the file
cd "$repo" || exit 2
run cli-openssh 1 --openssh 9.2 etc/ssh/sshd_config.d/10-port.conf
expect cli-openssh 'Match block; move it' "$tmp/out"
expect cli-openssh 'checked for OpenSSH 9\.2\)' "$tmp/out"
# --home elsewhere: ~/.ssh/config.d/* no longer reaches the repo's files
mkdir -p "$tmp/home/.ssh"
run cli-home 0 --home "$tmp/home" .ssh/config
expect cli-home "Include 'config\\.d/\\*' matches no file" "$tmp/out"
# --dialect wins over the entry's dialect
run cli-dialect 1 --dialect ssh etc/ssh/sshd_config
expect cli-dialect "'PermitRootLogin' is an sshd_config keyword" "$tmp/out"
# --config names another file; /dev/null means none
printf 'openssh: 9.6\n' >"$tmp/other.yaml"
run cli-config2 1 --config "$tmp/other.yaml" --dialect ssh orphan.conf
expect cli-config2 'checked for OpenSSH 9\.6, from the project configuration' "$tmp/out"
run no-config 1 --config /dev/null --dialect ssh orphan.conf
expect no-config 'newest known release' "$tmp/out"

# --- disable and overrides
mkdir -p "$tmp/p/vendor/x"
printf 'Usr a\nPort abc\n' >"$tmp/p/main.conf"
printf 'Usr a\nPort abc\n' >"$tmp/p/vendor/x/v.conf"
cat >"$tmp/p/.sshlint.yaml" <<'EOF'
openssh: "9.2"
disable: bad-value
overrides:
  - paths: vendor/**
    disable: [all]
  - paths: ["*.sshd"]
    dialect: sshd
EOF
printf 'PermitRootLogin no\n' >"$tmp/p/srv.sshd"
cd "$tmp/p" || exit 2
run disable 1 main.conf vendor/x/v.conf srv.sshd
expect disable "^main\\.conf:1:1: error: unknown keyword 'Usr'" "$tmp/out"
reject disable 'SSH004' "$tmp/out"
reject disable 'vendor' "$tmp/out"
reject disable 'srv.sshd' "$tmp/out"
count disable 1 ': error:' "$tmp/out"

# --- errors in the project file: FILE:LINE:COL, exit 2
bad_project() {
	name=$1
	shift
	printf -- "$@" >"$tmp/p/.sshlint.yaml"
	run "$name" 2 main.conf
}
bad_project unknown-key 'openssh: 9.2\nentry:\n  - a\nfrobnicate: yes\n'
expect unknown-key "^\\.sshlint\\.yaml:4:1: error: unknown key 'frobnicate' \\(known: entry, " "$tmp/err"
bad_project unknown-override-key 'overrides:\n  - paths: x\n    disabel: [SSH005]\n'
expect unknown-override-key "^\\.sshlint\\.yaml:3:5: error: unknown key 'disabel' in an override" "$tmp/err"
bad_project unknown-rule 'disable: [SSH005, nope]\n'
expect unknown-rule "^\\.sshlint\\.yaml:1:19: error: unknown rule 'nope'" "$tmp/err"
bad_project bad-version 'openssh: 9.x\n'
expect bad-version "^\\.sshlint\\.yaml:1:10: error: bad OpenSSH version '9\\.x'" "$tmp/err"
bad_project bad-dialect 'entry:\n  - {path: a, dialect: ftp}\n'
expect bad-dialect "^\\.sshlint\\.yaml:2:24: error: bad dialect 'ftp'" "$tmp/err"
bad_project yaml-syntax 'entry: [a\n'
expect yaml-syntax "^\\.sshlint\\.yaml:2:1: error: " "$tmp/err"
bad_project not-a-map '- a\n- b\n'
expect not-a-map "^\\.sshlint\\.yaml:1:1: error: expected a mapping" "$tmp/err"
bad_project duplicate 'home: a\nhome: b\n'
expect duplicate "^\\.sshlint\\.yaml:2:1: error: duplicate key 'home'" "$tmp/err"
bad_project entry-missing 'entry: [nonexistent]\n'
expect entry-missing "nonexistent: cannot open" "$tmp/err"
printf '' >"$tmp/p/.sshlint.yaml"
run empty-file 1 main.conf
run missing-config 2 --config "$tmp/none.yaml" main.conf
expect missing-config "none\\.yaml: error: cannot open" "$tmp/err"

# --- policies: --policy and policy: (a load error is FILE:LINE:COL, exit 2)
printf '' >"$tmp/p/.sshlint.yaml"
run policy-unknown 2 --policy no-such-policy main.conf
expect policy-unknown "no-such-policy" "$tmp/err"
run policy-missing 2 --policy ./nofile.yaml main.conf
expect policy-missing "^\\./nofile\\.yaml: error: " "$tmp/err"
printf 'name: broken\nextends: [\n' >"$tmp/p/broken.yaml"
run policy-broken 2 --policy ./broken.yaml main.conf
expect policy-broken "broken\\.yaml:[0-9]+:[0-9]+: error: " "$tmp/err"
printf 'policy: broken.yaml\n' >"$tmp/p/.sshlint.yaml"
run policy-file 2 main.conf
expect policy-file "broken\\.yaml:[0-9]+:[0-9]+: error: " "$tmp/err"
printf 'policy: no-such-policy\n' >"$tmp/p/.sshlint.yaml"
run policy-file-unknown 2 main.conf
expect policy-file-unknown "^\\.sshlint\\.yaml:1:9: error: .*no-such-policy" "$tmp/err"
run policy-cli-wins 1 --policy default main.conf
run policy-default 1 --config /dev/null --policy default main.conf

echo "project: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
