#!/bin/sh
# The bash completion (completions/sshlint.bash), sourced in a clean bash
# (with and without bash-completion loaded) and called the way readline
# calls it: COMP_WORDS/COMP_CWORD set, _sshlint run, COMPREPLY checked.
# The first word is the sshlint under test, so the options, rule ids and
# policy names come from it.
# usage: completion.sh SSHLINT SOURCE_ROOT      (exit 77: no bash)
set -u
sshlint=$1
src=$2
command -v bash >/dev/null 2>&1 || { echo "no bash: skipped"; exit 77; }
case $sshlint in /*) ;; *) sshlint=$(pwd)/$sshlint ;; esac

T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/dir/sub" && : >"$T/dir/site.yaml" && : >"$T/dir/sshd_config"

cat >"$T/cases" <<'EOF'
# words (| separates them; the last is the one completed) => expected
#   =  COMPREPLY is exactly this (sorted, space-separated)
#   ~  COMPREPLY contains all of these
#   !  COMPREPLY contains none of these
sh                              = show
neg                             = negotiate
--fo                            = --format
--format|                       = github json sarif text
--format|=|                     = github json sarif text
--fail-on|w                     = warning
--dialect|                      = ssh sshd
--openssh|                      = installed
--no-c                          = --no-color
--                              ~ --dialect --fix --diff --policy --version --config --home --sysroot --backup
rules|SSH00                     = SSH001 SSH002 SSH003 SSH004 SSH005 SSH006 SSH007 SSH008 SSH009
rules|SSH10                     ~ SSH101 SSH102 SSH107
rules|unknown-k                 = unknown-keyword
--policy|                       ~ default modern hardened fips legacy-compat
--policy|ha                     = hardened
policies|                       ~ default modern hardened fips legacy-compat
show|                           = client server
show|client|--                  ~ --all --assume-exec --openssh --format --home --sysroot
show|client|--                  ! -f
show|client|-                   ~ -F -l -p
show|client|-                   ! -f -C -h
show|server|-                   ~ -f -C -h --openssh
show|server|-                   ! -F -l --all
show|client|--assume-exec|      = false true
show|client|--format|           = json text
doctor|--fa                     = --fail-on
doctor|--                       ~ --server-config --user --no-agent --quiet
negotiate|--ser                 ~ --server-config --server-version --server-hostkey
negotiate|--                    ~ --client-config --host --identity --client-version
explain|--                      ~ --format --list
parse|--                        = --dialect --json --reprint
EOF

# the file name cases: run in $T/dir
cat >"$T/filecases" <<'EOF'
--policy|s                      = site.yaml sub
s                               ~ show sub sshd_config site.yaml
--home|s                        = sub
show|client|-F|ss               = sshd_config
EOF

cat >"$T/run.bash" <<'EOF'
# run.bash CASES SSHLINT COMPLETION [BASH_COMPLETION]
[ -n "${4:-}" ] && . "$4"
. "$3" || exit 3
fails=0 n=0
while IFS= read -r line; do
	case $line in '#'*|'') continue ;; esac
	spec=${line%% *}
	rest=${line#"$spec"}
	rest=${rest#"${rest%%[!\ ]*}"}
	op=${rest%% *}
	want=${rest#"$op"}
	want=${want# }
	IFS='|' read -r -a w <<<"$spec"
	[[ $spec == *'|' ]] && w+=("")
	COMP_WORDS=("$2" "${w[@]}")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_sshlint
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ')
	got=${got% }
	n=$((n + 1))
	case $op in
	=)
		exp=$(tr ' ' '\n' <<<"$want" | sort | tr '\n' ' ')
		exp=${exp% }
		[[ $got == "$exp" ]] && continue ;;
	'~')
		ok=1
		for x in $want; do [[ " $got " == *" $x "* ]] || ok=0; done
		((ok)) && continue ;;
	'!')
		ok=1
		for x in $want; do [[ " $got " == *" $x "* ]] && ok=0; done
		((ok)) && continue ;;
	esac
	echo "FAIL: sshlint ${spec//|/ }<TAB>: $op $want; got: $got"
	fails=$((fails + 1))
done <"$1"
echo "$n cases, $fails failure(s)"
exit $((fails > 0))
EOF

failures=0
comp=$src/completions/sshlint.bash
bc=/usr/share/bash-completion/bash_completion
for with in "" "$bc"; do
	[ -n "$with" ] && [ ! -r "$with" ] && continue
	if [ -n "$with" ]; then
		echo "with $with loaded:"
	else
		echo "without bash-completion:"
	fi
	(cd "$T/dir" && bash --norc --noprofile "$T/run.bash" "$T/cases" \
	    "$sshlint" "$comp" "$with") || failures=$((failures + 1))
	(cd "$T/dir" && bash --norc --noprofile "$T/run.bash" "$T/filecases" \
	    "$sshlint" "$comp" "$with") || failures=$((failures + 1))
done
# the file registers itself for sshlint
r=$(bash --norc --noprofile -c ". '$comp'; complete -p sshlint")
case $r in
*"-F _sshlint sshlint") echo "ok: $r" ;;
*) echo "FAIL: complete -p sshlint: $r"; failures=$((failures + 1)) ;;
esac
echo "$failures failing run(s)"
[ "$failures" -eq 0 ]
