# bash completion for sshlint(1)                          -*- shell-script -*-
#
# Installed as /usr/share/bash-completion/completions/sshlint (loaded on
# demand by bash-completion), or source it from ~/.bashrc.
#
# The options of each subcommand are read from `sshlint SUBCOMMAND --help`
# (the sshlint being completed: the first word of the command line), so
# they never drift from the program; rule ids come from `sshlint rules`
# and policy names from `sshlint policies`.

# Print "OPTION ARG SECTION" lines (ARG "-" for a flag, SECTION "-" outside
# a client:/server:/common: section) from the help of `$@`, for the
# subcommand $_sshlint_sub ("" for lint). Options are read from the usage
# lines of that subcommand and from the option column of the help (what
# comes before the first run of two blanks), never from the prose.
_sshlint_opts()
{
	"$@" --help 2>/dev/null | awk -v sub_="$_sshlint_sub" '
	function strip(t) {
		sub(/^\[+/, "", t)
		sub(/(\]|\.\.\.|,|\))+$/, "", t)
		return t
	}
	function isopt(t) { return t ~ /^--?[A-Za-z][-A-Za-z0-9]*$/ }
	function scan(s, sect,   n, a, i, j, k, t, nx, m, b) {
		n = split(s, a, /[ \t]+/)
		for (i = 1; i <= n; i++) {
			t = strip(a[i])
			if (t ~ /^-/ && t ~ /\|/) {	# --reprint|--json
				m = split(t, b, /\|/)
				for (j = 1; j <= m; j++)
					if (isopt(b[j]))
						emit(b[j], "-", sect)
				continue
			}
			if (!isopt(t))
				continue
			nx = "-"
			if (i < n && a[i + 1] !~ /^\[?-/ && a[i + 1] !~ /^\(/) {
				nx = strip(a[i + 1])
				if (nx == "")
					nx = "-"
			}
			emit(t, nx, sect)
		}
	}
	function emit(o, arg, sect) {
		if (!((o SUBSEP sect) in seen)) {
			seen[o SUBSEP sect] = 1
			print o, arg, sect
		}
	}
	BEGIN { inusage = 0; mine = 0; sect = "-"; first = -1 }
	/^usage:/ { inusage = 1; sub(/^usage:/, "") }
	inusage && /^[ \t]*$/ { inusage = 0; next }
	inusage {
		line = $0
		if (line ~ /^[ \t]*sshlint( |$)/) {
			w = line; sub(/^[ \t]*sshlint[ \t]*/, "", w)
			split(w, ww, /[ \t]+/)
			if (sub_ == "")
				mine = (ww[1] == "" || ww[1] ~ /^[[-]/ || ww[1] == "lint")
			else
				mine = (ww[1] == sub_)
			if (first < 0)
				first = mine
			# show client ...: the options of the client side
			usect = (sub_ != "" && ww[2] ~ /^[a-z]+$/) ? ww[2] : "-"
			sub(/^[ \t]*sshlint[ \t]+[^ \t]+/, "", line)
		}
		if (mine) {
			sub(/\(see .*/, "", line)
			scan(line, usect)
		}
		next
	}
	# the help is that of the subcommand (parse --help prints the
	# general help): read its option column too
	first != 1 { next }
	/^[a-z][a-z ]*:$/ { sect = $0; sub(/:$/, "", sect); next }
	/^  ?  ?-/ || /^ -/ {
		col = $0; sub(/^[ \t]+/, "", col); sub(/  .*/, "", col)
		scan(col, sect)
	}'
}

# Print the known hosts for a host argument.
_sshlint_hosts()
{
	if declare -F _known_hosts_real >/dev/null 2>&1; then
		_known_hosts_real -- "$cur"
		printf '%s\n' "${COMPREPLY[@]}"
	else
		compgen -A hostname -- "$cur"
	fi
}

_sshlint()
{
	local cur prev cword sshlint sub side i w opts arg line o a s eqprefix=
	local -a words lines
	words=("${COMP_WORDS[@]}")
	cword=$COMP_CWORD
	cur=${words[cword]}
	prev=
	((cword > 0)) && prev=${words[cword - 1]}
	# --opt=value split by COMP_WORDBREAKS into "--opt" "=" "value"
	if [[ $cur == = ]]; then
		prev=${words[cword - 1]}
		cur=
	elif [[ $prev == = ]] && ((cword > 1)); then
		prev=${words[cword - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
		eqprefix=$prev=
	fi
	sshlint=${words[0]:-sshlint}
	[[ $sshlint == ~/* ]] && sshlint=$HOME/${sshlint#\~/}
	COMPREPLY=()

	local subs="lint show negotiate doctor explain rules policies parse"
	sub=
	side=
	if ((cword > 1)) && [[ " $subs " == *" ${words[1]} "* ]]; then
		sub=${words[1]}
		[[ $sub == lint ]] && sub=
	fi
	[[ $sub == show ]] && ((cword > 2)) && side=${words[2]}

	local -a cmd=("$sshlint")
	[[ -n $sub ]] && cmd+=("$sub")
	_sshlint_sub=$sub
	mapfile -t lines < <(_sshlint_opts "${cmd[@]}")
	unset _sshlint_sub

	# the argument of the option before the cursor
	arg=
	for line in "${lines[@]}"; do
		read -r o a s <<<"$line"
		if [[ $o == "$prev" ]]; then
			arg=$a
			break
		fi
	done
	if [[ -n $arg && $arg != - ]]; then
		case $arg in
		*NAME\|FILE*)	# --policy
			mapfile -t COMPREPLY < <(compgen -W "$("$sshlint" \
			    policies 2>/dev/null | awk '{ print $1 }')" -- "$cur")
			local -a files
			mapfile -t files < <(compgen -f -X '!*.y*ml' -- "$cur"
			    compgen -d -- "$cur")
			COMPREPLY+=("${files[@]}")
			;;
		DIR)
			mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
		USER)
			mapfile -t COMPREPLY < <(compgen -u -- "$cur") ;;
		HOST)
			mapfile -t COMPREPLY < <(_sshlint_hosts) ;;
		RULE)
			mapfile -t COMPREPLY < <(compgen -W "$("$sshlint" rules \
			    2>/dev/null | awk '{ print $1 }')" -- "$cur") ;;
		FILE|F|KEY*|SUFFIX)
			[[ $arg == SUFFIX ]] && return 0
			mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
		*\|*)		# choices: text|json, ssh|sshd, VERSION|installed
			mapfile -t COMPREPLY < <(compgen -W "$(tr '|' '\n' \
			    <<<"$arg" | grep -v '[A-Z]')" -- "$cur") ;;
		*)
			;;	# a value to type: PORT, SPEC, VERSION, LIST
		esac
		if [[ -n $eqprefix ]]; then
			for i in "${!COMPREPLY[@]}"; do
				COMPREPLY[i]=$eqprefix${COMPREPLY[i]}
			done
		fi
		return 0
	fi

	# the subcommand itself, or the client|server of show
	if ((cword == 1)) && [[ $cur != -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
		local -a files
		mapfile -t files < <(compgen -f -- "$cur")
		COMPREPLY+=("${files[@]}")
		return 0
	fi
	if [[ $sub == show ]] && ((cword == 2)); then
		mapfile -t COMPREPLY < <(compgen -W "client server" -- "$cur")
		return 0
	fi
	if [[ $sub == rules ]] && ((cword == 2)); then
		if [[ $cur == [a-z]* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$("$sshlint" rules \
			    2>/dev/null | awk '{ print $2 }')" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$("$sshlint" rules \
			    2>/dev/null | awk '{ print $1 }')" -- "$cur")
		fi
		return 0
	fi

	if [[ $cur == -* ]]; then
		opts=
		for line in "${lines[@]}"; do
			read -r o a s <<<"$line"
			[[ -n $side && $s != - && $s != common && $s != "$side" ]] &&
			    continue
			opts+=" $o"
		done
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi

	# positional arguments
	case $sub in
	policies)
		mapfile -t COMPREPLY < <(compgen -W "$("$sshlint" policies \
		    2>/dev/null | awk '{ print $1 }')" -- "$cur")
		local -a files
		mapfile -t files < <(compgen -f -X '!*.y*ml' -- "$cur"
		    compgen -d -- "$cur")
		COMPREPLY+=("${files[@]}")
		;;
	doctor)
		mapfile -t COMPREPLY < <(_sshlint_hosts) ;;
	show)
		[[ $side == client ]] && mapfile -t COMPREPLY < <(_sshlint_hosts)
		;;
	explain|negotiate)
		;;
	*)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	esac
	return 0
} &&
	complete -o filenames -F _sshlint sshlint

# ex: filetype=sh
