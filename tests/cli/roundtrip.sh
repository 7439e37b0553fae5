#!/bin/sh
# Round trip: `sshlint parse --reprint F` must give back F byte for byte,
# for every fixture and, when present, every file of the shared corpus.
# usage: roundtrip.sh SSHLINT DIR...
set -u
sshlint=$1
shift
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
for dir in "$@"; do
	[ -d "$dir" ] || continue
	find "$dir" -type f >"$tmp/list"
	while IFS= read -r f; do
		n=$((n + 1))
		if ! "$sshlint" parse --reprint "$f" >"$tmp/out" 2>"$tmp/err"; then
			echo "FAIL (exit): $f: $(cat "$tmp/err")"
			fail=$((fail + 1))
		elif ! cmp -s "$tmp/out" "$f"; then
			echo "FAIL (differs): $f"
			fail=$((fail + 1))
		fi
	done <"$tmp/list"
done
echo "round trip: $n files, $fail failures"
[ "$n" -gt 0 ] || exit 77
[ "$fail" -eq 0 ]
