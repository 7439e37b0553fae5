#!/bin/sh
# End-to-end tests of the sshlint command line: exit codes, message format,
# Include resolution, bad input. usage: cli.sh SSHLINT SOURCE_ROOT
set -u
sshlint=$1
root=$2
fixtures=$root/fixtures
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export NO_COLOR=1
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME EXPECTED_EXIT ARGS... ; output in $tmp/out, $tmp/err
run() {
	name=$1
	want=$2
	shift 2
	"$sshlint" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok
	else
		bad "$name: exit $got, expected $want"
		sed 's/^/    out: /' "$tmp/out" | head -20
		sed 's/^/    err: /' "$tmp/err" | head -5
	fi
}

# expect NAME PATTERN FILE: grep -E pattern must match
expect() {
	if grep -Eq -- "$2" "$3"; then ok; else
		bad "$1: no line matching '$2' in $(basename "$3")"
		sed 's/^/    | /' "$3" | head -20
	fi
}
reject() {
	if grep -Eq -- "$2" "$3"; then
		bad "$1: unexpected line matching '$2'"
		sed 's/^/    | /' "$3" | head -20
	else ok; fi
}

# --- basics
run help 0 --help
expect help '--openssh' "$tmp/out"
expect help 'exit status' "$tmp/out"
run version 0 --version
expect version '^sshlint [0-9]+\.[0-9]+' "$tmp/out"
run bad-option 2 --frobnicate
expect bad-option "unknown option '--frobnicate'" "$tmp/err"
run bad-openssh 2 --openssh 9.x "$fixtures/ssh_config/dotfile.conf"
run rules 0 rules
expect rules '^SSH005 +unknown-keyword' "$tmp/out"
run rule-explain 0 rules SSH013
expect rule-explain 'byte-order-mark' "$tmp/out"
run rule-unknown 2 rules SSH999

# --- clean file: exit 0 and the version assumed is stated
run clean 0 --openssh 9.2 "$fixtures/ssh_config/dotfile.conf"
expect clean 'checked for OpenSSH 9\.2' "$tmp/out"
run default-version 0 "$fixtures/ssh_config/dotfile.conf"
expect default-version 'newest known release' "$tmp/out"

# --- findings: gcc-style lines, exit 1
printf 'Host a\n  Usr bob\n  Port abc\n' >"$tmp/c1"
run findings 1 --openssh 9.2 --dialect ssh "$tmp/c1"
expect findings "^$tmp/c1:2:3: error: unknown keyword 'Usr'; did you mean 'User'\\? \\[SSH005\\]" "$tmp/out"
expect findings "^$tmp/c1:3:8: error: .*\\[SSH004\\]" "$tmp/out"
run quiet 1 --quiet --openssh 9.2 --dialect ssh "$tmp/c1"
reject quiet '^sshlint:' "$tmp/out"
run json 1 --format json --openssh 9.2 --dialect ssh "$tmp/c1"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["error"]==2, d; assert d["diagnostics"][0]["line"]==2' "$tmp/out"; then ok; else bad "json: invalid or unexpected"; fi
run fail-on-warning 1 --fail-on warning --openssh 9.2 "$fixtures/ssh_config/tokens.conf"

# dialect guessed from the name
mkdir -p "$tmp/etc/ssh/sshd_config.d"
printf 'PermitRootLogin no\nMatch User x\n  Port 22\n' >"$tmp/etc/ssh/sshd_config"
run guess-sshd 1 --openssh 9.2 "$tmp/etc/ssh/sshd_config"
expect guess-sshd "sshd_config:3:3: error: 'Port' is not allowed within a Match block" "$tmp/out"
printf 'X11Forwarding no\n' >"$tmp/etc/ssh/sshd_config.d/10-x.conf"
run guess-sshd-dropin 0 --openssh 9.2 "$tmp/etc/ssh/sshd_config.d/10-x.conf"
run wrong-dialect 1 --openssh 9.2 --dialect ssh "$tmp/etc/ssh/sshd_config.d/10-x.conf"
expect wrong-dialect "'X11Forwarding' is an sshd_config keyword" "$tmp/out"

# --- version ranges
printf 'PubkeyAcceptedAlgorithms +ssh-rsa\n' >"$tmp/v1"
run range 1 --openssh 8.4..9.2 --dialect ssh "$tmp/v1"
expect range "not known to OpenSSH 8\\.4.*\\[SSH401\\]" "$tmp/out"
printf 'PubkeyAcceptedKeyTypes +ssh-rsa\n' >"$tmp/v2"
run renamed 0 --openssh 8.5..9.2 --dialect ssh "$tmp/v2"
expect renamed "old name of 'PubkeyAcceptedAlgorithms'.*\\[SSH402\\]" "$tmp/out"
run renamed-range 0 --openssh 8.4..9.2 --dialect ssh "$tmp/v2"
reject renamed-range 'SSH402' "$tmp/out"

# --openssh installed reads the version from the installed binary
if [ -x /usr/bin/ssh ]; then
	run installed 0 --openssh installed "$fixtures/ssh_config/dotfile.conf"
	expect installed 'checked for OpenSSH [0-9]+\.[0-9]+\)' "$tmp/out"
fi
# sshd: a 'Match all' block is active at startup, global keywords pass
printf 'Match All\nPort 2222\nMatch User x\nPort 1\n' >"$tmp/match-all"
run match-all 1 --openssh 9.2 --dialect sshd "$tmp/match-all"
expect match-all ':4:1: error: .Port. is not allowed within a Match block' "$tmp/out"
reject match-all ':2:1: error' "$tmp/out"

# --- Include: --home maps ~ into a dotfiles repo
run home 0 --openssh 9.2 --home "$fixtures/include-trees/dotfiles"
expect home 'checked for OpenSSH 9\.2' "$tmp/out"
run home-explicit 0 --openssh 9.2 --home "$fixtures/include-trees/dotfiles" \
    "$fixtures/include-trees/dotfiles/.ssh/config"
run home-warn 0 --openssh 9.2 --fail-on error --home "$fixtures/include-trees/dotfiles"
printf 'Include %s/inc1\nUser x\n' "$tmp" >"$tmp/top"
printf 'Usr y\n' >"$tmp/inc1"
run include-error 1 --openssh 9.2 --dialect ssh "$tmp/top"
expect include-error "^$tmp/inc1:1:1: error: unknown keyword 'Usr'" "$tmp/out"
printf 'Include %s/nothing-*.conf\n' "$tmp" >"$tmp/missing"
run include-missing 0 --openssh 9.2 --dialect ssh "$tmp/missing"
expect include-missing 'info: Include .*matches no file.*\[SSH010\]' "$tmp/out"
printf 'Include %s/literal-missing.conf\n' "$tmp" >"$tmp/missing2"
run include-missing-literal 0 --openssh 9.2 --dialect ssh "$tmp/missing2"
expect include-missing-literal 'warning: Include .*matches no file' "$tmp/out"
# sysroot: absolute Include paths are looked up under DIR
printf 'Include /etc/ssh/sshd_config.d/*.conf\n' >"$tmp/sysroot-top"
printf 'Bogus yes\n' >"$tmp/etc/ssh/sshd_config.d/20-bad.conf"
run sysroot 1 --openssh 9.2 --dialect sshd --sysroot "$tmp" "$tmp/sysroot-top"
expect sysroot "20-bad.conf:1:1: error: unknown keyword 'Bogus'" "$tmp/out"
rm "$tmp/etc/ssh/sshd_config.d/20-bad.conf"
# an Include inside a Match block: global-only keywords are errors
printf 'Match User u\n  Include %s/inc-port\n' "$tmp" >"$tmp/m-top"
printf 'Port 2\n' >"$tmp/inc-port"
run include-in-match 1 --openssh 9.2 --dialect sshd "$tmp/m-top"
expect include-in-match "inc-port:1:1: error: 'Port' is not allowed within a Match block" "$tmp/out"
# cycle and depth
printf 'Include %s/self\n' "$tmp" >"$tmp/self"
run cycle 1 --openssh 9.2 --dialect ssh "$tmp/self"
expect cycle 'Include cycle.*\[SSH011\]' "$tmp/out"
i=0
while [ $i -le 17 ]; do
	printf 'Include %s/d%d\n' "$tmp" $((i + 1)) >"$tmp/d$i"
	i=$((i + 1))
done
printf 'User deep\n' >"$tmp/d18"
printf 'User deep\n' >"$tmp/d16"
run depth-16 0 --openssh 9.2 --dialect ssh "$tmp/d0"
printf 'Include %s/d17\n' "$tmp" >"$tmp/d16"
printf 'User deep\n' >"$tmp/d17"
run depth-17 1 --openssh 9.2 --dialect ssh "$tmp/d0"
expect depth-17 'too many recursive configuration includes.*\[SSH012\]' "$tmp/out"

# --- bad input: clear message, exit 2, never a crash
run missing-file 2 "$tmp/does-not-exist"
expect missing-file "does-not-exist: cannot open: No such file" "$tmp/err"
run directory 2 "$tmp"
expect directory 'not a regular file \(a directory\)' "$tmp/err"
ln -s "$tmp/nowhere" "$tmp/dangling"
run dangling 2 "$tmp/dangling"
expect dangling 'dangling: cannot open' "$tmp/err"
if [ "$(id -u)" -ne 0 ]; then
	printf 'User x\n' >"$tmp/unreadable"; chmod 000 "$tmp/unreadable"
	run unreadable 2 "$tmp/unreadable"
	expect unreadable 'Permission denied' "$tmp/err"
fi
mkfifo "$tmp/fifo" 2>/dev/null && {
	run fifo 2 "$tmp/fifo"
	expect fifo 'a FIFO' "$tmp/err"
}
run device 2 /dev/null
head -c 65536 /dev/urandom >"$tmp/binary"
"$sshlint" --openssh 9.2 --dialect ssh "$tmp/binary" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] || [ $rc -eq 0 ]; then ok; else bad "binary: exit $rc"; fi
"$sshlint" parse --reprint "$tmp/binary" | cmp -s - "$tmp/binary" && ok || bad "binary: round trip"
# a 10 MB line and 100,000 lines
python3 -c 'import sys; sys.stdout.write("User " + "a" * 10_000_000 + "\n")' >"$tmp/longline"
run longline 0 --openssh 9.2 --dialect ssh "$tmp/longline"
python3 -c 'import sys; sys.stdout.write("".join("Host h%d\n  User u%d\n" % (i, i) for i in range(50000)))' >"$tmp/manylines"
run manylines 0 --openssh 9.2 --dialect ssh "$tmp/manylines"
"$sshlint" parse --reprint "$tmp/manylines" | cmp -s - "$tmp/manylines" && ok || bad "manylines: round trip"
printf 'User a\0b\n' >"$tmp/nul"
run nul 1 --openssh 9.2 --dialect ssh "$tmp/nul"
expect nul 'NUL byte.*\[SSH017\]' "$tmp/out"
printf '\357\273\277User bom\n' >"$tmp/bom"
run bom 1 --openssh 9.2 --dialect ssh "$tmp/bom"
expect bom 'byte order mark.*\[SSH013\]' "$tmp/out"

# '-' reads standard input, also from a pipe
printf 'Usr x\n' | "$sshlint" --openssh 9.2 --dialect ssh - >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && ok || bad "stdin pipe: exit status"
expect stdin-pipe "^<stdin>:1:1: error: unknown keyword 'Usr'" "$tmp/out"

# parse --json is valid JSON with spans
"$sshlint" parse --json "$fixtures/ssh_config/tokens.conf" >"$tmp/tree.json" && \
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["lines"][0]["keyword"]=="User"' "$tmp/tree.json" && ok || bad "parse --json"

# --- show client (ssh -G) and its command line
cat >"$tmp/show.conf" <<'EOF2'
Host web1 web2
  HostName %h.example.com
  User deploy
Host *
  User nobody
  Ciphers +aes128-cbc
  Match exec "touch SHOULD_NOT_EXIST"
EOF2
run show-help 0 show --help
expect show-help 'show client' "$tmp/out"
run show-nohost 2 show client -F "$tmp/show.conf"
expect show-nohost 'give a HOST' "$tmp/err"
run show-client 0 show client --openssh 9.2 -F "$tmp/show.conf" web1
expect show-client '^hostname web1\.example\.com$' "$tmp/out"
expect show-client '^user deploy$' "$tmp/out"
expect show-client '^ciphers .*,aes128-cbc$' "$tmp/out"
[ ! -e SHOULD_NOT_EXIST ] && [ ! -e "$tmp/SHOULD_NOT_EXIST" ] && ok || bad "show: Match exec was run"
run show-l-p 0 show client --openssh 9.2 -F "$tmp/show.conf" -l me -p 2222 web2
expect show-l-p '^user me$' "$tmp/out"
expect show-l-p '^port 2222$' "$tmp/out"
run show-all 0 show client --openssh 9.2 --all -F "$tmp/show.conf"
expect show-all '^# web2$' "$tmp/out"
[ "$(grep -c '^# ' "$tmp/out")" -eq 2 ] && ok || bad "show --all: expected 2 hosts"
run show-json 0 show client --openssh 9.2 --format json -F "$tmp/show.conf" web1
python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))[0]
u = [i for i in d["items"] if i["key"] == "user"][0]
assert u["value"] == "deploy" and u["origin"]["line"] == 3, u
p = [i for i in d["items"] if i["key"] == "port"][0]
assert p["origin"]["kind"] == "default", p
' "$tmp/out" && ok || bad "show --format json: provenance"
printf 'Host x\n  Usr y\n' >"$tmp/showbad.conf"
run show-invalid 1 show client --openssh 9.2 -F "$tmp/showbad.conf" x
expect show-invalid "unknown keyword 'Usr'" "$tmp/err"
run show-missing 2 show client -F "$tmp/nonexistent" x
run show-bad-version 2 show client --openssh 9.x -F "$tmp/show.conf" x

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
