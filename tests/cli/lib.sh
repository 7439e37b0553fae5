# Helpers shared by the CLI test scripts (sourced). Expects $sshlint set;
# sets $tmp (removed on exit), counts passes and failures.
case $sshlint in /*) ;; *) sshlint=$(pwd)/$sshlint ;; esac
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

# expect NAME PATTERN FILE: a line must match the extended regex
expect() {
	if grep -Eq -- "$2" "$3"; then ok; else
		bad "$1: no line matching '$2' in $(basename "$3")"
		sed 's/^/    | /' "$3" | head -20
	fi
}
# reject NAME PATTERN FILE: no line may match
reject() {
	if grep -Eq -- "$2" "$3"; then
		bad "$1: unexpected line matching '$2'"
		sed 's/^/    | /' "$3" | head -20
	else ok; fi
}
# count NAME N PATTERN FILE: exactly N lines match
count() {
	n=$(grep -Ec -- "$3" "$4")
	if [ "$n" -eq "$2" ]; then ok; else
		bad "$1: $n lines match '$3', expected $2"
		sed 's/^/    | /' "$4" | head -20
	fi
}

# The closing line: "N passed, N failed"; exit status 1 on failures.
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
