#!/bin/sh
# `meson install --destdir` of the build under test, into a temporary
# directory: the binary, the three manual pages, the built-in policies and
# the bash completion land where a Debian package has them (with
# --prefix=/usr: /usr/bin/sshlint, /usr/share/man/man{1,5,7}/,
# /usr/share/sshlint/policies/, /usr/share/bash-completion/completions/
# sshlint), nothing else is installed, the installed binary runs on its own
# and prints the version from meson.build, its policies are the built-in
# ones, and bash-completion's on-demand loader finds the completion.
# usage: install.sh MESON BUILD_ROOT SOURCE_ROOT VERSION PREFIX BINDIR \
#            DATADIR MANDIR                     (exit 77: meson not found)
set -u
meson=$1 build=$2 src=$3 version=$4 prefix=$5 bindir=$6 datadir=$7 mandir=$8
[ -x "$meson" ] || command -v "$meson" >/dev/null 2>&1 ||
    { echo "no meson: skipped"; exit 77; }

T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
ok() {
	echo "ok: $*"
}
# an option value relative to the prefix, or absolute
D=$T/destdir
under() {
	case $1 in /*) echo "$D$1" ;; *) echo "$D$prefix/$1" ;; esac
}

"$meson" install -C "$build" --no-rebuild --quiet --destdir "$D" \
    >"$T/log" 2>&1
rc=$?
sed 's/^/    | /' "$T/log"
[ "$rc" -eq 0 ] || { fail "meson install: exit $rc"; exit 1; }

bin=$(under "$bindir")/sshlint
man=$(under "$mandir")
pol=$(under "$datadir")/sshlint/policies
comp=$(under "$datadir")/bash-completion/completions/sshlint

# where Debian expects them: the layout below the prefix
[ "$bindir" = bin ] || [ "$bindir" = "$prefix/bin" ] || fail "bindir $bindir"
[ "$datadir" = share ] || [ "$datadir" = "$prefix/share" ] ||
    fail "datadir $datadir"
[ "$mandir" = share/man ] || [ "$mandir" = "$prefix/share/man" ] ||
    fail "mandir $mandir"

# exactly these files
cat >"$T/want" <<EOF
$bin
$man/man1/sshlint.1
$man/man5/sshlint-policy.5
$man/man7/sshlint-rules.7
$pol/default.yaml
$pol/fips.yaml
$pol/hardened.yaml
$pol/legacy-compat.yaml
$pol/modern.yaml
$comp
EOF
find "$D" \( -type f -o -type l \) -print | sort >"$T/got"
sort -o "$T/want" "$T/want"
if cmp -s "$T/want" "$T/got"; then
	ok "installed files:"
	sed "s|^$D|    |" "$T/got"
else
	fail "installed files differ (- expected, + installed):"
	diff "$T/want" "$T/got" | sed -n "s|^\([<>]\) $D|    \1 |p"
fi

# the binary runs on its own and prints meson's version
if [ -x "$bin" ]; then
	v=$("$bin" --version 2>&1)
	if [ "$v" = "sshlint $version" ]; then
		ok "--version: $v"
	else
		fail "--version printed '$v', meson.build says $version"
	fi
	(cd "$T" && NO_COLOR=1 "$bin" --config /dev/null --openssh 9.2 \
	    "$src/fixtures/ssh_config/example-broken.conf" >"$T/out" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q 'SSH005' "$T/out"; then
		ok "the installed binary lints (exit 1, SSH005)"
	else
		fail "the installed binary: exit $rc: $(cat "$T/out")"
	fi
	# the installed policies are the built-ins, and valid
	names=$("$bin" policies | awk '{ print $1 }' | sort | tr '\n' ' ')
	files=$(cd "$pol" 2>/dev/null && ls *.yaml | sed 's/\.yaml$//' | sort |
	    tr '\n' ' ')
	[ "$names" = "$files" ] && ok "policies installed: $files" ||
	    fail "built-in policies '$names', installed '$files'"
	for f in "$pol"/*.yaml; do
		"$bin" policies "$f" >"$T/out" 2>&1 ||
		    fail "$(cat "$T/out")"
		n=$(basename "$f" .yaml)
		"$bin" policies "$n" | cmp -s - "$f" ||
		    fail "$f differs from the built-in '$n'"
	done
else
	fail "$bin is not executable"
fi

# the manual pages are the shipped ones (sshlint-rules.7: the generated one)
cmp -s "$man/man1/sshlint.1" "$src/doc/sshlint.1" || fail "sshlint.1 differs"
cmp -s "$man/man5/sshlint-policy.5" "$src/doc/sshlint-policy.5" ||
    fail "sshlint-policy.5 differs"
cmp -s "$man/man7/sshlint-rules.7" "$build/doc/sshlint-rules.7" ||
    fail "sshlint-rules.7 differs from the generated page"
if command -v man >/dev/null 2>&1; then
	for p in man1/sshlint.1 man5/sshlint-policy.5 man7/sshlint-rules.7; do
		MANPAGER=cat man -l "$man/$p" 2>/dev/null | grep -q "^NAME" &&
		    ok "man -l renders $p" || fail "man -l $p"
	done
fi

# bash-completion's loader finds the completion under the installed
# share directory (XDG_DATA_DIRS), as it finds /usr/share/bash-completion/
# completions/sshlint
bc=/usr/share/bash-completion/bash_completion
if [ -r "$bc" ] && command -v bash >/dev/null 2>&1; then
	r=$(XDG_DATA_DIRS="$(under "$datadir")" BASH_COMPLETION_USER_DIR="$T/no" \
	    bash --norc --noprofile -c '
		. '"$bc"' || exit 3
		complete -r sshlint 2>/dev/null
		__load_completion sshlint || _completion_loader sshlint
		complete -p sshlint' 2>&1)
	case $r in
	*"-F _sshlint"*) ok "bash-completion loads it: $r" ;;
	*) fail "bash-completion did not load the completion: $r" ;;
	esac
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
