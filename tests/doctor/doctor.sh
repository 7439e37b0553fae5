#!/bin/sh
# sshlint doctor against the real OpenSSH: every prediction is checked
# against what ssh, sshd (inetd mode through ProxyCommand, no listening
# socket) and ssh-agent actually do, with throwaway keys and configuration
# under a temporary directory.
#   1. a private key of mode 0644: ssh prints UNPROTECTED PRIVATE KEY FILE,
#      doctor predicts the same lines; after chmod 600 both agree it works
#   2. an Included file group-writable by a foreign group / owned by another
#      uid: ssh -G stops with 'Bad owner or permissions on ...', doctor too
#   3. StrictModes: a group-writable ~/.ssh makes sshd log 'Authentication
#      refused: bad ownership or modes for directory ...', doctor --server-
#      config prints the same line; after the fix both agree again
#   4. a real ssh-agent on a socket in the temporary directory, without and
#      with the key loaded, then stopped
# usage: doctor.sh SSHLINT     (exit 77: OpenSSH missing or not root)
set -u
sshlint=$1
for p in ssh ssh-agent ssh-add ssh-keygen /usr/sbin/sshd; do
	command -v "$p" >/dev/null 2>&1 || { echo "no $p"; exit 77; }
done
[ "$(id -u)" -eq 0 ] || { echo "needs root (chown)"; exit 77; }
mkdir -p /run/sshd 2>/dev/null || { echo "cannot create /run/sshd"; exit 77; }
unset SSH_AUTH_SOCK SSH_AGENT_PID

T=$(mktemp -d) || exit 2
apid=
cleanup() {
	[ -n "$apid" ] && kill "$apid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
ok() {
	echo "ok: $*"
}

ssh-keygen -q -t ed25519 -N '' -f "$T/hostkey" || exit 2
ssh-keygen -q -t ed25519 -N '' -C open -f "$T/id_open" || exit 2
ssh-keygen -q -t ed25519 -N '' -C fine -f "$T/id_ok" || exit 2

# sshd configuration: $1 name, $2 AuthorizedKeysFile, $3 StrictModes
server_conf() {
	cat >"$T/$1.conf" <<EOF
HostKey $T/hostkey
AuthorizedKeysFile $2
StrictModes $3
PidFile none
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
LogLevel DEBUG1
EOF
}
# client configuration: $1 name, $2 identity, $3 sshd configuration name
client_conf() {
	cat >"$T/$1.conf" <<EOF
Host target
  User root
  IdentityFile $2
  IdentitiesOnly yes
  BatchMode yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  ProxyCommand /usr/sbin/sshd -i -f $T/$3.conf -E $T/$3.log
EOF
}

# ---- 1. UNPROTECTED PRIVATE KEY FILE ----
cat "$T/id_open.pub" >"$T/ak1"
server_conf sshd1 "$T/ak1" no
client_conf c1 "$T/id_open" sshd1
chmod 644 "$T/id_open"
ssh -F "$T/c1.conf" target true </dev/null >/dev/null 2>"$T/ssh1.err"
rc=$?
"$sshlint" doctor --no-agent -F "$T/c1.conf" target >"$T/doc1.out" 2>&1
drc=$?
if [ "$rc" -eq 0 ] || ! grep -q 'UNPROTECTED PRIVATE KEY FILE!' "$T/ssh1.err"; then
	fail "ssh did not refuse the 0644 key (exit $rc): $(cat "$T/ssh1.err")"
elif [ "$drc" -ne 1 ] || ! grep -q '\[SSH601\]' "$T/doc1.out"; then
	fail "doctor did not predict the 0644 key (exit $drc)"
	cat "$T/doc1.out"
else
	# every line of ssh's block, word for word, in doctor's output
	missing=0
	grep -E '^(@|Permissions |It is required|This private key|Load key)' \
	    "$T/ssh1.err" | tr -d '\r' >"$T/ssh1.lines"
	while IFS= read -r line; do
		grep -qF -- "$line" "$T/doc1.out" || {
			echo "  not predicted: $line"
			missing=$((missing + 1))
		}
	done <"$T/ssh1.lines"
	if [ "$missing" -eq 0 ] && [ -s "$T/ssh1.lines" ]; then
		ok "0644 key: ssh and doctor print the same $(wc -l <"$T/ssh1.lines") lines"
	else
		fail "0644 key: $missing line(s) of ssh's message not predicted"
	fi
fi
chmod 600 "$T/id_open"
ssh -F "$T/c1.conf" target true </dev/null >/dev/null 2>"$T/ssh1b.err"
rc=$?
"$sshlint" doctor --no-agent -F "$T/c1.conf" target >"$T/doc1b.out" 2>&1
if [ "$rc" -ne 0 ]; then
	fail "ssh with the 0600 key failed: $(cat "$T/ssh1b.err")"
elif grep -q '\[SSH601\]' "$T/doc1b.out"; then
	fail "doctor still reports the 0600 key"
else
	ok "0600 key: ssh logs in, doctor reports nothing about the key"
fi

# ---- 2. Bad owner or permissions on an Included file ----
printf '# included\n' >"$T/inc.conf"
printf 'Include %s/inc.conf\nHost x\n  User y\n' "$T" >"$T/main.conf"
check_bad_owner() {	# $1: description
	ssh -F "$T/main.conf" -G x >/dev/null 2>"$T/ssh2.err"
	rc=$?
	"$sshlint" doctor --no-agent -F "$T/main.conf" x >"$T/doc2.out" 2>&1
	want="Bad owner or permissions on $T/inc.conf"
	if [ "$rc" -eq 0 ] || ! grep -qF "$want" "$T/ssh2.err"; then
		fail "$1: ssh -G did not refuse (exit $rc): $(cat "$T/ssh2.err")"
	elif ! grep -qF "$want" "$T/doc2.out" ||
	    ! grep -q '\[SSH021\]' "$T/doc2.out"; then
		fail "$1: doctor did not predict '$want'"
		cat "$T/doc2.out"
	else
		ok "$1: ssh -G and doctor: $want"
	fi
}
chown 0:4321 "$T/inc.conf"
chmod 664 "$T/inc.conf"
check_bad_owner "group-writable, foreign group"
chown 4321:0 "$T/inc.conf"
chmod 644 "$T/inc.conf"
check_bad_owner "owned by uid 4321"
chown 0:0 "$T/inc.conf"
ssh -F "$T/main.conf" -G x >/dev/null 2>"$T/ssh2b.err"
rc=$?
"$sshlint" doctor --no-agent -F "$T/main.conf" x >"$T/doc2b.out" 2>&1
if [ "$rc" -ne 0 ] || grep -q '\[SSH021\]' "$T/doc2b.out"; then
	fail "root-owned 0644 Include: ssh -G exit $rc, doctor: $(cat "$T/doc2b.out")"
else
	ok "root-owned 0644 Include: accepted by both"
fi

# ---- 3. StrictModes ----
mkdir -p "$T/home/.ssh"
cat "$T/id_ok.pub" >"$T/home/.ssh/authorized_keys"
chmod 600 "$T/home/.ssh/authorized_keys"
chown 0:4321 "$T/home/.ssh"
chmod 775 "$T/home/.ssh"
server_conf sshd3 "$T/home/.ssh/authorized_keys" yes
client_conf c3 "$T/id_ok" sshd3
# the first "Authentication refused" line of sshd's log and of doctor's
# prediction must be the same, or both absent
check_strict() {	# $1: description, $2: expect a refusal (1/0)
	: >"$T/sshd3.log"
	ssh -F "$T/c3.conf" target true </dev/null >/dev/null 2>"$T/ssh3.err"
	rc=$?
	"$sshlint" doctor --server-config "$T/sshd3.conf" --user root \
	    >"$T/doc3.out" 2>&1
	real=$(tr -d '\r' <"$T/sshd3.log" |
	    grep -o 'Authentication refused: .*' | head -n 1)
	pred=$(grep -o 'Authentication refused: .*' "$T/doc3.out" | head -n 1)
	if [ "$2" -eq 1 ] && [ -z "$real" ]; then
		fail "$1: sshd did not refuse (ssh exit $rc)"
		cat "$T/sshd3.log"
	elif [ "$real" != "$pred" ]; then
		fail "$1: sshd logged '$real', doctor predicted '$pred'"
		cat "$T/doc3.out"
	elif [ -z "$real" ] && [ "$rc" -ne 0 ]; then
		fail "$1: no refusal but ssh failed: $(cat "$T/ssh3.err")"
	else
		ok "$1: sshd and doctor agree: ${real:-accepted}"
	fi
}
check_strict "group-writable ~/.ssh" 1
chown 0:0 "$T/home/.ssh"
chmod 700 "$T/home/.ssh"
# with ~/.ssh fixed, sshd walks on up to / (the file is outside root's
# home): whatever it finds there, doctor must find the same
check_strict "~/.ssh fixed" 0

# ---- 4. ssh-agent ----
cat "$T/id_ok.pub" >"$T/ak4"
server_conf sshd4 "$T/ak4" no
client_conf c4 "$T/id_ok" sshd4
ssh-agent -D -a "$T/agent.sock" >/dev/null 2>&1 &
apid=$!
i=0
while [ ! -S "$T/agent.sock" ] && [ "$i" -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
fp=$(ssh-keygen -lf "$T/id_ok.pub" | awk '{print $2}')
SSH_AUTH_SOCK="$T/agent.sock" "$sshlint" doctor -F "$T/c4.conf" target \
    --format json >"$T/doc4a.json" 2>&1
if grep -q '"state":"ok"' "$T/doc4a.json" &&
    grep -q '"keys":\[\]' "$T/doc4a.json" &&
    grep -q '"rule":"SSH612"' "$T/doc4a.json" &&
    grep -q '"in_agent":false' "$T/doc4a.json"; then
	ok "empty agent: reached, no keys, the host's key reported missing"
else
	fail "empty agent: $(cat "$T/doc4a.json")"
fi
SSH_AUTH_SOCK="$T/agent.sock" ssh-add -q "$T/id_ok" 2>/dev/null ||
    fail "ssh-add failed"
SSH_AUTH_SOCK="$T/agent.sock" "$sshlint" doctor -F "$T/c4.conf" target \
    --format json >"$T/doc4b.json" 2>&1
if grep -qF "\"fingerprint\":\"$fp\",\"comment\":\"fine\"" "$T/doc4b.json" &&
    grep -q '"in_agent":true' "$T/doc4b.json" &&
    ! grep -q '"rule":"SSH612"' "$T/doc4b.json"; then
	ok "loaded agent: lists $fp and holds the host's key"
else
	fail "loaded agent: $(cat "$T/doc4b.json")"
fi
# the agent really signs with it: the login works through the agent
SSH_AUTH_SOCK="$T/agent.sock" ssh -F "$T/c4.conf" target true </dev/null \
    >/dev/null 2>"$T/ssh4.err" || fail "login through the agent failed: $(cat "$T/ssh4.err")"
kill "$apid"
wait "$apid" 2>/dev/null
apid=
SSH_AUTH_SOCK="$T/agent.sock" "$sshlint" doctor -F "$T/c4.conf" target \
    --format json >"$T/doc4c.json" 2>&1
if grep -q '"rule":"SSH611"' "$T/doc4c.json" &&
    ! grep -q '"state":"ok"' "$T/doc4c.json"; then
	ok "stopped agent: reported unreachable"
else
	fail "stopped agent: $(cat "$T/doc4c.json")"
fi

echo "doctor against OpenSSH: $failures failure(s)"
[ "$failures" -eq 0 ]
