#!/bin/sh
# Allocation failure: fail the Nth allocation (SSHLINT_FAIL_ALLOC=N) for
# every N until a run completes, in lint, show client, show server, policy
# loading and --fix. Each run must end cleanly: exit 0, 1 or 2 (2 with an
# "out of memory" message), no crash, no sanitizer report (run it in the
# ASan build: leaks fail it), and --fix leaves the file either untouched or
# completely fixed, never half-written.
# usage: allocfail.sh SSHLINT [STEP]
set -u
sshlint=$1
step=${2:-1}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

cat >"$tmp/client" <<'EOC'
Include ~/.ssh/conf.d/*
Host web web2
    HostName %h.example.com
    Port 22
    Port 2222
    Ciphers +3des-cbc
Match host *.example.com final
    User deploy
Host *
    User x
    ServerAliveInterval 30
EOC
mkdir -p "$tmp/home/.ssh/conf.d"
printf 'Host db\n    User dba\n' >"$tmp/home/.ssh/conf.d/db"
cat >"$tmp/sshd_config" <<'EOC'
PermitRootLogin no
PasswordAuthentication yes
Match User alice Address 192.0.2.0/24
    PasswordAuthentication no
    Port 2222
EOC
ssh-keygen -q -t ed25519 -N '' -f "$tmp/hk" >/dev/null 2>&1 || :
cp "$tmp/client" "$tmp/client.orig"
# the fully fixed text, for comparison
cp "$tmp/client" "$tmp/client.want"
"$sshlint" --fix --openssh 9.2 --dialect ssh --home "$tmp/home" \
    --config /dev/null "$tmp/client.want" >/dev/null 2>&1

# run NAME ARGS...: N from 0 until a run completes without running out
run() {
	name=$1
	shift
	n=0
	while [ "$n" -lt 200000 ]; do
		if [ "$name" = fix ]; then
			cp "$tmp/client.orig" "$tmp/client"
		fi
		SSHLINT_FAIL_ALLOC=$n "$sshlint" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		case $rc in
		0|1) ;;
		2) grep -qi 'memory' "$tmp/err" || { bad "$name N=$n: exit 2 without an out-of-memory message: $(head -c 200 "$tmp/err")"; }
		   ;;
		*) bad "$name N=$n: exit $rc: $(head -c 300 "$tmp/err")"
		   return ;;
		esac
		if [ "$name" = fix ] && ! cmp -s "$tmp/client" "$tmp/client.orig" &&
		    ! cmp -s "$tmp/client" "$tmp/client.want"; then
			bad "fix N=$n: the file is neither the original nor fixed"
			return
		fi
		pass=$((pass + 1))
		if [ $rc -ne 2 ] && ! grep -qi 'memory' "$tmp/err"; then
			return
		fi
		n=$((n + step))
	done
	bad "$name: never completed"
}

run lint --openssh 9.2 --dialect ssh --home "$tmp/home" --config /dev/null "$tmp/client"
run show-client show client --openssh 9.2 --home "$tmp/home" -F "$tmp/client" web
run show-server show server --openssh 9.2 -f "$tmp/sshd_config" -h "$tmp/hk" -C user=alice,addr=192.0.2.9
run policy --policy hardened --openssh 9.2 --dialect sshd --config /dev/null "$tmp/sshd_config"
run fix --fix --openssh 9.2 --dialect ssh --home "$tmp/home" --config /dev/null "$tmp/client"
echo "allocfail: $pass runs ended cleanly, $fail failed"
[ "$fail" -eq 0 ]
