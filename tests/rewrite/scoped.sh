#!/bin/sh
# The scoped compatibility fix (the seed case): a server older than
# rsa-sha2 needs ssh-rsa for one host; `negotiate --fix` writes
# HostKeyAlgorithms/PubkeyAcceptedAlgorithms +ssh-rsa into that host's
# block only, `--diff` gives the same change as a patch, and afterwards the
# connection is predicted to succeed. (The real handshake against a legacy
# peer is in tests/negotiate/.)
# usage: scoped.sh SSHLINT
set -u
sshlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
command -v ssh-keygen >/dev/null 2>&1 || exit 77

cd "$tmp" || exit 2
ssh-keygen -q -t rsa -b 2048 -N '' -f id_rsa
ssh-keygen -q -t rsa -b 2048 -N '' -f hk
cat >config <<EOC
Host legacy
    HostName 192.0.2.10
    IdentityFile $tmp/id_rsa

Host *
    ServerAliveInterval 30
EOC
cp config config.orig
set -- negotiate --client-config config --host legacy --server-version 7.1 \
    --identity id_rsa --server-hostkey hk.pub --home "$tmp" --no-agent

"$sshlint" "$@" >out 2>&1
[ $? -eq 1 ] && ok || bad "the legacy peer is not predicted to fail"
grep -q 'no matching host key type found' out && ok || bad "no host key message"

"$sshlint" "$@" --diff >diff 2>/dev/null
[ $? -eq 1 ] && ok || bad "--diff exit status"
cmp -s config config.orig && ok || bad "--diff wrote the file"
mkdir p && cp config.orig p/config
(cd p && patch -s -p1 <../diff) && ok || bad "the diff does not apply"

"$sshlint" "$@" --fix >out 2>&1
[ $? -eq 0 ] && ok || bad "--fix exit status: $(tail -3 out)"
grep -q 'after the edits the connection succeeds' out && ok || bad "no success after --fix"
cmp -s config p/config && ok || bad "--fix and --diff disagree"
# scoped: the lines are in the Host legacy block, Host * is untouched
awk '/^Host legacy/{b=1} /^Host \*/{b=0} b && /\+ssh-rsa/{n++} END{exit n==2?0:1}' config \
    && ok || bad "the fix is not in the host's block"
awk '/^Host \*/{b=1} b && /ssh-rsa/{f=1} END{exit f?1:0}' config \
    && ok || bad "the fix leaked into Host *"
# idempotent: the connection already succeeds, nothing is written
cp config config.2
"$sshlint" "$@" --fix >out 2>&1
[ $? -eq 0 ] && ok || bad "second negotiate --fix: exit status"
cmp -s config config.2 && ok || bad "second --fix changed the file"

echo "scoped: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
