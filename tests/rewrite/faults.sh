#!/bin/sh
# The writer under faults: every case leaves the original intact (or fully
# replaced), never partial, and no temporary file behind.
# usage: faults.sh SSHLINT
set -u
sshlint=$1
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# a config with one fixable finding (a duplicate line)
mk() {
	mkdir -p "$1"
	printf 'Host web\n    Port 22\n    Port 2222\n' >"$1/config"
}
fixed='Host web
    Port 22'
fixit() {	# fixit DIR EXPECTED_EXIT [env...]
	d=$1; want=$2; shift 2
	env "$@" "$sshlint" --fix --openssh 9.2 --dialect ssh "$d/config" \
	    >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] && ok || { bad "$d: exit $got, expected $want"; cat "$tmp/err"; }
}
intact() {	# intact DIR
	if [ "$(cat "$1/config")" = "$(printf 'Host web\n    Port 22\n    Port 2222')" ]; then ok; else bad "$1: original changed"; fi
	if ls -a "$1" | grep -q '^\.sshlint-'; then bad "$1: temporary file left"; else ok; fi
}

# 1. the normal case: mode, owner and group kept
mk "$tmp/n"
chmod 640 "$tmp/n/config"
chown 1234:2345 "$tmp/n/config"
fixit "$tmp/n" 0
[ "$(cat "$tmp/n/config")" = "$fixed" ] && ok || bad "normal: content"
[ "$(stat -c '%a %u %g' "$tmp/n/config")" = "640 1234 2345" ] && ok || bad "normal: mode/owner $(stat -c '%a %u %g' "$tmp/n/config")"

# 2. injected write errors: ENOSPC, EIO, fsync, rename
for f in SSHLINT_FAIL_WRITE=ENOSPC SSHLINT_FAIL_WRITE=EIO SSHLINT_FAIL_FSYNC=EIO SSHLINT_FAIL_RENAME=EIO; do
	d="$tmp/$(echo "$f" | tr '=' '-')"
	mk "$d"
	fixit "$d" 2 "$f"
	intact "$d"
	grep -q 'unchanged' "$tmp/err" && ok || bad "$f: no clear message"
done

# 2b. killed between the temporary write and the rename: the original is
# intact; the only trace is the recognisable temporary file
mk "$tmp/kill"
SSHLINT_TEST_KILL_BEFORE_RENAME=1 "$sshlint" --fix --openssh 9.2 \
    --dialect ssh "$tmp/kill/config" >/dev/null 2>&1
[ $? -eq 137 ] && ok || bad "kill: not killed"
if [ "$(cat "$tmp/kill/config")" = "$(printf 'Host web\n    Port 22\n    Port 2222')" ]; then ok; else bad "kill: original changed"; fi
[ "$(ls -a "$tmp/kill" | grep -c '^\.sshlint-')" -eq 1 ] && ok || bad "kill: expected one .sshlint-* file left"
# and the next run works normally
"$sshlint" --fix --openssh 9.2 --dialect ssh "$tmp/kill/config" >/dev/null 2>&1
[ "$(cat "$tmp/kill/config")" = "$fixed" ] && ok || bad "kill: the next run did not fix"

# 3. a read-only file (also for root)
mk "$tmp/ro"
chmod 444 "$tmp/ro/config"
fixit "$tmp/ro" 2
intact "$tmp/ro"
grep -q 'read-only' "$tmp/err" && ok || bad "read-only file: message"

# 4. a read-only directory, as an unprivileged user (root ignores modes)
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
	mk "$tmp/rodir"
	chown -R 65534:65534 "$tmp/rodir"
	chmod 755 "$tmp"
	chmod 555 "$tmp/rodir"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$sshlint" --fix --openssh 9.2 --dialect ssh "$tmp/rodir/config" \
	    >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 2 ] && ok || bad "read-only dir: exit status"
	intact "$tmp/rodir"
	grep -q 'temporary file' "$tmp/err" && ok || bad "read-only dir: message"
fi

# 5. a symlink: the target is replaced, the link stays
mk "$tmp/sl"
mv "$tmp/sl/config" "$tmp/sl/real"
ln -s real "$tmp/sl/config"
fixit "$tmp/sl" 0
[ -L "$tmp/sl/config" ] && ok || bad "symlink replaced by a file"
[ "$(cat "$tmp/sl/real")" = "$fixed" ] && ok || bad "symlink target not fixed"

# 6. --backup
mk "$tmp/bk"
"$sshlint" --fix --backup .orig --openssh 9.2 --dialect ssh "$tmp/bk/config" >/dev/null 2>&1
[ "$(cat "$tmp/bk/config.orig")" = "$(printf 'Host web\n    Port 22\n    Port 2222')" ] && ok || bad "backup content"
[ "$(cat "$tmp/bk/config")" = "$fixed" ] && ok || bad "backup: fixed content"

# 7. a FIFO and a device given as the path: refused, no hang
mkfifo "$tmp/fifo"
timeout 10 "$sshlint" --fix --dialect ssh "$tmp/fifo" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok || bad "fifo: exit status"
grep -q 'FIFO' "$tmp/err" && ok || bad "fifo: message"
timeout 10 "$sshlint" --fix --dialect ssh /dev/null >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok || bad "device: exit status"

# 8. --diff writes nothing and exits 1; --fix and --diff exclude each other
mk "$tmp/df"
"$sshlint" --diff --openssh 9.2 --dialect ssh "$tmp/df/config" >"$tmp/out" 2>/dev/null
[ $? -eq 1 ] && ok || bad "diff: exit status"
intact "$tmp/df"
grep -q '^-    Port 2222' "$tmp/out" && ok || bad "diff: content"
"$sshlint" --fix --diff "$tmp/df/config" >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "--fix --diff accepted"

echo "faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
