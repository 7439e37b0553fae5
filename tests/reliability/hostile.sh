#!/bin/sh
# Hostile inputs: each run must end within its time bound with exit 1 or 2
# (0 where the input is in fact valid) and a message, never a crash or a
# hang. Covers binary data, NUL bytes, a BOM, invalid UTF-8, a 10 MB line,
# a million lines, include chains 10,000 deep, cycles and self-includes,
# a glob matching 100,000 files, pathological Host patterns and long
# negation lists, and `show` on the same.
# usage: hostile.sh SSHLINT
set -u
sshlint=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# check NAME SECONDS ALLOWED_EXITS ARGS...
check() {
	name=$1; secs=$2; allowed=$3
	shift 3
	start=$(date +%s)
	timeout "$secs" "$sshlint" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	took=$(( $(date +%s) - start ))
	case " $allowed " in
	*" $rc "*) pass=$((pass + 1)) ;;
	*) bad "$name: exit $rc (allowed: $allowed) after ${took}s: $(head -c 300 "$tmp/err")"; return ;;
	esac
	if [ "$rc" -ne 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then
		bad "$name: exit $rc without any message"
	fi
}

L="--openssh 9.2 --config /dev/null --home $tmp/home --dialect ssh"
mkdir -p "$tmp/home/.ssh"

head -c 200000 /bin/ls >"$tmp/binary"
check binary 60 "1 2" $L "$tmp/binary"
printf 'User a\0b\nPort 22\0\0\n' >"$tmp/nul"
check nul 60 "1" $L "$tmp/nul"
printf '\357\273\277User x\n' >"$tmp/bom"
check bom 60 "1" $L "$tmp/bom"
printf 'User \377\376caf\351\nHost \300\200\n  Port 22\n' >"$tmp/utf8"
check invalid-utf8 60 "0 1" $L "$tmp/utf8"

python3 -c 'import sys; sys.stdout.write("User " + "a" * (10 << 20) + "\n")' >"$tmp/longline"
check 10mb-line 120 "0 1 2" $L "$tmp/longline"
python3 -c '
import sys
w = sys.stdout.write
for i in range(1000000):
    w("Host h%d\n" % i if i % 5 == 0 else "    Port %d\n" % (1000 + i % 60000))
' >"$tmp/million"
check million-lines 300 "0 1 2" $L "$tmp/million"

# include chains: 10,000 deep; a cycle; a file including itself
i=0
while [ $i -lt 10000 ]; do
	printf 'Include %s/deep%d\n' "$tmp" $((i + 1)) >"$tmp/deep$i"
	i=$((i + 1))
done
printf 'User end\n' >"$tmp/deep10000"
check deep-include 120 "1 2" $L "$tmp/deep0"
grep -q 'SSH012\|too deep\|recursive' "$tmp/out" && pass=$((pass + 1)) || bad "deep-include: no depth message"
printf 'Include %s/cycb\n' "$tmp" >"$tmp/cyca"
printf 'Include %s/cyca\n' "$tmp" >"$tmp/cycb"
check cycle 60 "1 2" $L "$tmp/cyca"
printf 'Include %s/self\n' "$tmp" >"$tmp/self"
check self-include 60 "1 2" $L "$tmp/self"
check show-cycle 60 "1 2" show client --openssh 9.2 -F "$tmp/cyca" x

# a glob that matches 100,000 files: bounded
mkdir "$tmp/many"
python3 -c '
import os, sys
d = sys.argv[1]
for i in range(100000):
    open(os.path.join(d, "f%06d.conf" % i), "w").close()
' "$tmp/many"
printf 'Include %s/many/*.conf\n' "$tmp" >"$tmp/glob"
check glob-100k 300 "0 1 2" $L "$tmp/glob"

# pathological patterns
python3 -c '
import sys
w = sys.stdout.write
w("Host " + "*?" * 2000 + "x\n    User a\n")
w("Host " + " ".join("!n%d" % i for i in range(10000)) + " *\n    User b\n")
w("Match host " + ",".join("*a*b*c*%d" % i for i in range(3000)) + "\n    User c\n")
' >"$tmp/patterns"
check patterns 120 "0 1" $L "$tmp/patterns"
check show-patterns 120 "0 1" show client --openssh 9.2 -F "$tmp/patterns" aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaay
check show-patterns-all 300 "0 1" show client --openssh 9.2 --all -F "$tmp/patterns"

# the same hostile files as server configs
check sshd-binary 60 "1 2" --openssh 9.2 --config /dev/null --dialect sshd "$tmp/binary"
check sshd-million 300 "0 1 2" --openssh 9.2 --config /dev/null --dialect sshd "$tmp/million"

# nothing a configuration names is ever executed, in any command
cat >"$tmp/exec" <<EOC
Match exec "touch $tmp/pwned-match"
    User x
Host *
    ProxyCommand touch $tmp/pwned-proxy
    KnownHostsCommand /usr/bin/touch $tmp/pwned-khc
    LocalCommand touch $tmp/pwned-local
    PermitLocalCommand yes
    RemoteCommand touch $tmp/pwned-remote
EOC
cp "$tmp/exec" "$tmp/exec2"
"$sshlint" $L "$tmp/exec" >/dev/null 2>&1
"$sshlint" show client --openssh 9.2 --assume-exec true -F "$tmp/exec" h >/dev/null 2>&1
"$sshlint" show client --openssh 9.2 --all -F "$tmp/exec" >/dev/null 2>&1
"$sshlint" --fix $L "$tmp/exec2" >/dev/null 2>&1
"$sshlint" negotiate --client-config "$tmp/exec" --host h --no-agent >/dev/null 2>&1
"$sshlint" doctor -F "$tmp/exec" h >/dev/null 2>&1
if ls "$tmp" | grep -q '^pwned-'; then
	bad "a command of the configuration was executed: $(ls "$tmp" | grep '^pwned-')"
else
	pass=$((pass + 1))
fi

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
