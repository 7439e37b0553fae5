#!/bin/sh
# The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit
# in a throwaway dotfiles repository under a temporary directory, offline:
#   - the hook repository is a local git repository holding this checkout's
#     .pre-commit-hooks.yaml, referenced by path and commit from the
#     dotfiles' .pre-commit-config.yaml (pre-commit clones it, as it would
#     from GitHub), so the file exercised is the one shipped;
#   - a good commit passes; a commit of a fragment with an error is blocked
#     with the finding printed; a fragment that is only wrong where it is
#     Included (Port inside a Match block) is blocked too (.sshlint.yaml
#     entry points); the fix hook rewrites a file and the commit of the
#     rewritten file passes; a change to an unrelated file skips the hooks.
# usage: precommit.sh SSHLINT SOURCE_ROOT   (exit 77: pre-commit or git missing)
set -u
sshlint=$1
src=$2
for p in pre-commit git; do
	command -v "$p" >/dev/null 2>&1 || { echo "no $p: skipped"; exit 77; }
done
case $sshlint in /*) ;; *) sshlint=$(pwd)/$sshlint ;; esac

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

# self-contained: no user or system git/pre-commit configuration, no network
export HOME="$T/home" PRE_COMMIT_HOME="$T/cache" XDG_CACHE_HOME="$T/cache"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
export NO_COLOR=1 PRE_COMMIT_COLOR=never
unset SKIP GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
mkdir -p "$HOME" "$T/bin"
# the hooks run "sshlint" from PATH: the freshly built one
ln -s "$sshlint" "$T/bin/sshlint"
export PATH="$T/bin:$PATH"

git_() { git -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

# the hook repository
mkdir "$T/hooks"
cp "$src/.pre-commit-hooks.yaml" "$T/hooks/" || exit 2
(cd "$T/hooks" && git_ init -q && git_ add .pre-commit-hooks.yaml &&
    git_ commit -q -m hooks) || exit 2
rev=$(cd "$T/hooks" && git rev-parse HEAD) || exit 2

# the dotfiles repository
R=$T/dotfiles
mkdir -p "$R/.ssh/config.d" "$R/etc/ssh/sshd_config.d"
cd "$R" || exit 2
git_ init -q || exit 2
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $T/hooks
    rev: $rev
    hooks:
      - id: sshlint-fix
      - id: sshlint
EOF
cat >.sshlint.yaml <<'EOF'
entry:
  - .ssh/config
  - {path: etc/ssh/sshd_config, dialect: sshd}
home: .
sysroot: .
openssh: 9.2
EOF
cat >.ssh/config <<'EOF'
Include config.d/*

Host *
  ServerAliveInterval 30
EOF
printf 'Host work\n  HostName work.example.com\n  User alice\n' \
    >.ssh/config.d/work
cat >etc/ssh/sshd_config <<'EOF'
PasswordAuthentication no
PermitRootLogin prohibit-password
Match User admin
  Include /etc/ssh/sshd_config.d/*.conf
EOF
printf 'AllowTcpForwarding no\n' >etc/ssh/sshd_config.d/10-admin.conf
echo notes >README

pre-commit install >"$T/out" 2>&1 || { cat "$T/out"; exit 2; }
head=$(git rev-parse HEAD 2>/dev/null)

# commit: $1 message; output in $T/out, status in $rc
rc=0
commit() {
	git_ commit -q -m "$1" >"$T/out" 2>&1
	rc=$?
	sed 's/^/    | /' "$T/out"
}
# the commit passes / is blocked
passes() {
	if [ "$rc" -eq 0 ] && git rev-parse -q --verify HEAD >/dev/null; then
		ok "$1: committed"
	else
		fail "$1: the commit was refused (status $rc)"
	fi
}
blocked() {
	before=$1
	shift
	if [ "$rc" -ne 0 ] && [ "$(git rev-parse -q --verify HEAD)" = "$before" ]
	then
		ok "$1: blocked"
	else
		fail "$1: the commit went through (status $rc)"
	fi
}
has() {
	if grep -F -q -e "$1" "$T/out"; then
		ok "output has: $1"
	else
		fail "output lacks: $1"
	fi
}

# 1. a good first commit runs both hooks and passes
git_ add -A || exit 2
commit "good configuration"
passes "good configuration"
has "sshlint --fix"
grep -q '^sshlint\.*Passed' "$T/out" || fail "the check hook did not pass"

# 2. an error in an Included fragment: blocked, the finding is printed with
#    the fragment's path, line and column
head=$(git rev-parse HEAD)
printf 'Host work\n  HostName work.example.com\n  Usr alice\n' \
    >.ssh/config.d/work
git_ add .ssh/config.d/work
SKIP=sshlint-fix commit "typo"
blocked "$head" "unknown keyword in a fragment"
has ".ssh/config.d/work:3:3: error: unknown keyword 'Usr'; did you mean 'User'? [SSH005]"
grep -q '^sshlint\.*Failed' "$T/out" || fail "the check hook is not reported as failed"
git_ checkout -q HEAD -- .ssh/config.d/work

# 3. a fragment that is valid alone but not where it is Included (inside
#    a Match block of the entry point): the project's context is used
head=$(git rev-parse HEAD)
printf 'Port 2222\n' >etc/ssh/sshd_config.d/20-port.conf
if "$sshlint" --config /dev/null --dialect sshd --openssh 9.2 \
    etc/ssh/sshd_config.d/20-port.conf >/dev/null 2>&1; then
	ok "the fragment alone is valid"
else
	fail "the fragment alone is not valid (the test proves nothing)"
fi
git_ add etc/ssh/sshd_config.d/20-port.conf
SKIP=sshlint-fix commit "port"
blocked "$head" "a fragment judged in its entry point's Match block"
has "etc/ssh/sshd_config.d/20-port.conf:1:1: error: 'Port' is not allowed within a Match block"
has "[SSH009]"
git_ rm -q --cached etc/ssh/sshd_config.d/20-port.conf
rm etc/ssh/sshd_config.d/20-port.conf

# 4. the fix hook: a fixable error is rewritten on disk, the commit is
#    stopped (pre-commit: files were modified by this hook); after git add
#    the same commit passes
head=$(git rev-parse HEAD)
printf 'Host legacy\n  HostName legacy.example.com\n  Ciphers +3des-cbc\n' \
    >.ssh/config.d/legacy
printf 'PermitEmptyPasswords yes\n' >etc/ssh/sshd_config.d/10-admin.conf
git_ add .ssh/config.d/legacy etc/ssh/sshd_config.d/10-admin.conf
commit "legacy host"
blocked "$head" "fixable errors"
has "fixed SSH204"
has "fixed SSH303"
has "files were modified by this hook"
if grep -q 3des .ssh/config.d/legacy; then
	fail "the fix hook left 3des-cbc in .ssh/config.d/legacy"
else
	ok "the fix hook removed 3des-cbc"
fi
if [ "$(cat etc/ssh/sshd_config.d/10-admin.conf)" = "PermitEmptyPasswords no" ]
then
	ok "the fix hook set PermitEmptyPasswords no"
else
	fail "10-admin.conf: $(cat etc/ssh/sshd_config.d/10-admin.conf)"
fi
git_ add .ssh/config.d/legacy etc/ssh/sshd_config.d/10-admin.conf
commit "legacy host, fixed"
passes "the fixed files"

# 5. a commit touching no configuration file skips both hooks
echo more >>README
git_ add README
commit "readme"
passes "unrelated file"
has "(no files to check)Skipped"

# 6. the files: regex of both hooks, as pre-commit applies it (re.search)
for id in sshlint sshlint-fix; do
	py=$(command -v python3) || break
	"$py" - "$src/.pre-commit-hooks.yaml" "$id" <<'EOF' >"$T/out" 2>&1
import re, sys
hooks, cur = {}, None
for line in open(sys.argv[1]):
    if line.startswith('- id: '):
        cur = hooks.setdefault(line[6:].strip(), {})
    elif cur is not None and line.startswith('  ') and ':' in line:
        k, v = line.strip().split(': ', 1)
        cur[k] = v
h = hooks[sys.argv[2]]
inc, exc = re.compile(h['files']), re.compile(h['exclude'])
yes = ['.ssh/config', 'home/.ssh/config', 'ssh/config', 'ssh_config',
       'etc/ssh/ssh_config', 'etc/ssh/ssh_config.d/50-local.conf',
       'ssh_config.d/x', 'dot_ssh/config', 'private_dot_ssh/config',
       '.ssh/config.d/work', 'ssh/config.d/10-hosts', 'sshd_config',
       'etc/ssh/sshd_config', 'etc/ssh/sshd_config.d/10-x.conf',
       'roles/sshd/files/sshd_config']
no = ['README', 'ssh/config.tmpl', 'etc/ssh/sshd_config.d/README',
      'sshd_config.d/a/b.conf', 'myssh_config', 'ssh/configure',
      '.ssh/known_hosts', '.ssh/config.d/work~', 'ssh/config.orig',
      'docs/ssh_config.md', '.ssh/id_ed25519.pub']
bad = [p for p in yes if not (inc.search(p) and not exc.search(p))]
bad += ['!' + p for p in no if inc.search(p) and not exc.search(p)]
print(' '.join(bad) if bad else 'ok')
EOF
	if [ "$(cat "$T/out")" = ok ]; then
		ok "$id: files/exclude select the configuration files"
	else
		fail "$id: files/exclude: $(cat "$T/out")"
	fi
	[ "$(grep -c "^  entry: sshlint" "$src/.pre-commit-hooks.yaml")" -eq 2 ] ||
	    fail "entry lines"
done

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
