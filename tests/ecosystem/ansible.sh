#!/bin/sh
# The Ansible examples of doc/examples/ansible, run by the real
# ansible-playbook (connection local, inventory in a temporary directory,
# every ANSIBLE_* setting pointing there), with the sshlint under test first
# on PATH:
#   sshd.yml        template + validate: sshlint --dialect sshd %s
#                   a good sshd_config is deployed; a bad one is refused
#                   with sshlint's message in Ansible's output and the old
#                   file stays; a copy task with the same validate too
#   fleet-lint.yml  three hosts (different OpenSSH releases), each host's
#                   rendered sshd_config linted on the controller: per-host
#                   JSON and fleet.json, then SARIF and fleet.sarif (checked
#                   against the SARIF schema when jsonschema is there); the
#                   play fails naming the host with findings
# usage: ansible.sh SSHLINT SOURCE_ROOT     (exit 77: no ansible-playbook)
set -u
sshlint=$1
src=$2
command -v ansible-playbook >/dev/null 2>&1 ||
    { echo "no ansible-playbook: skipped"; exit 77; }
case $sshlint in /*) ;; *) sshlint=$(pwd)/$sshlint ;; esac
ex=$src/doc/examples/ansible

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

mkdir -p "$T/bin" "$T/home" "$T/out" "$T/ansible"
ln -s "$sshlint" "$T/bin/sshlint"
export PATH="$T/bin:$PATH" HOME="$T/home"
: >"$T/ansible.cfg"
export ANSIBLE_CONFIG="$T/ansible.cfg" ANSIBLE_HOME="$T/ansible"
export ANSIBLE_LOCAL_TEMP="$T/ansible/tmp" ANSIBLE_REMOTE_TEMP="$T/ansible/rtmp"
export ANSIBLE_COLLECTIONS_PATH="$T/ansible/collections"
export ANSIBLE_ROLES_PATH="$T/ansible/roles"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ANSIBLE_RETRY_FILES_ENABLED=0
export ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0
export ANSIBLE_DEPRECATION_WARNINGS=0 ANSIBLE_SYSTEM_WARNINGS=0
export ANSIBLE_STDOUT_CALLBACK=default
unset ANSIBLE_CALLBACKS_ENABLED ANSIBLE_CALLBACK_WHITELIST
export ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3
[ -x /usr/bin/python3 ] || unset ANSIBLE_PYTHON_INTERPRETER
export ANSIBLE_GATHERING=explicit NO_COLOR=1
unset ANSIBLE_VAULT_PASSWORD_FILE ANSIBLE_INVENTORY

# play: $1 playbook, then ansible-playbook arguments; output in $T/log
rc=0
play() {
	pb=$1
	shift
	ansible-playbook "$pb" "$@" >"$T/log" 2>&1
	rc=$?
	sed 's/^/    | /' "$T/log"
}
has() {
	if grep -F -q -e "$1" "$T/log"; then
		ok "output has: $1"
	else
		fail "output lacks: $1"
	fi
}

# 1. validate: a good sshd_config is deployed
printf 'localhost ansible_connection=local\n' >"$T/inventory"
dest=$T/out/sshd_config
common="-i $T/inventory -e sshd_config_dest=$dest -e sshd_reload=false"
common="$common -e sshd_include_dropins=false"
play "$ex/sshd.yml" $common
if [ "$rc" -eq 0 ] && grep -q '^PasswordAuthentication no$' "$dest"; then
	ok "a good sshd_config is deployed"
else
	fail "the good sshd_config: exit $rc"
fi
cp "$dest" "$T/good"

# 2. a bad one (a misspelt keyword, empty passwords) is refused, the
#    deployed file is untouched, and sshlint's messages are in the output
printf '%s\n' '{"sshd_extra_lines": ["PasswordAuthenticaton yes",' \
    '"PermitEmptyPasswords yes"]}' >"$T/bad.json"
play "$ex/sshd.yml" $common -e "@$T/bad.json"
[ "$rc" -ne 0 ] && ok "the bad sshd_config is refused (exit $rc)" ||
    fail "the bad sshd_config went through"
has "failed to validate"
has "error: unknown keyword 'PasswordAuthenticaton'; did you mean 'PasswordAuthentication'? [SSH005]"
has "[SSH303]"
cmp -s "$dest" "$T/good" && ok "the deployed file is unchanged" ||
    fail "the deployed file changed"
# what was validated is Ansible's temporary copy, not a file named
# sshd_config: --dialect sshd is what makes it a server file
if grep -q 'ansible-tmp-[^ :]*:[0-9]*:[0-9]*: error' "$T/log"; then
	ok "the file validated is Ansible's temporary copy"
else
	fail "the findings do not name Ansible's temporary file"
fi

# 3. the copy module with the same validate: a good file is deployed, then
#    a bad one is refused and the good one stays
cat >"$T/copy.yml" <<EOF
- hosts: all
  gather_facts: false
  vars:
    dest: $T/out/copied_sshd_config
  tasks:
    - name: good
      ansible.builtin.copy:
        content: "Port 22\\nUsePAM yes\\n"
        dest: "{{ dest }}"
        validate: sshlint --dialect sshd %s
    - name: bad
      ansible.builtin.copy:
        content: "Port 22\\nMatch User x\\n  Port 2222\\n"
        dest: "{{ dest }}"
        validate: sshlint --dialect sshd %s
      register: bad
      ignore_errors: true
    - name: refused, and the good file is still there
      ansible.builtin.assert:
        that:
          - bad is failed
          - lookup('file', dest) == "Port 22\\nUsePAM yes"
EOF
play "$T/copy.yml" -i "$T/inventory"
[ "$rc" -eq 0 ] && ok "copy: the good file is deployed, the bad one refused" ||
    fail "copy: exit $rc"
has "'Port' is not allowed within a Match block"

# 4. the fleet: three hosts, each its own OpenSSH release; legacy1 enables
#    3des-cbc (an error under the default policy)
cat >"$T/fleet" <<'EOF'
[sshd]
web1    openssh_version=9.2
web2    openssh_version=9.6
legacy1 openssh_version=8.4 sshd_ciphers=+3des-cbc

[sshd:vars]
ansible_connection=local
EOF
rep=$T/report
play "$ex/fleet-lint.yml" -i "$T/fleet" -e "sshlint_report_dir=$rep"
[ "$rc" -ne 0 ] && ok "fleet (json): the play fails" || fail "fleet (json): passed"
has "sshlint findings on 1 host(s): legacy1"
for h in web1 web2 legacy1; do
	[ -s "$rep/$h.json" ] && [ -s "$rep/$h.sshd_config" ] ||
	    fail "fleet: no report for $h"
done
grep -q '^ChallengeResponseAuthentication no' "$rep/legacy1.sshd_config" &&
    grep -q '^KbdInteractiveAuthentication no' "$rep/web1.sshd_config" ||
    fail "fleet: the template did not follow openssh_version"
py=$(command -v python3)
"$py" - "$rep/fleet.json" <<'EOF' >"$T/log" 2>&1
import json, sys
fleet = json.load(open(sys.argv[1]))
assert sorted(fleet) == ['legacy1', 'web1', 'web2'], sorted(fleet)
for h, r in fleet.items():
    s = r['summary']
    if h == 'legacy1':
        assert s['error'] >= 1, (h, s)
        d = [x for x in r['diagnostics'] if x['rule'] == 'SSH204']
        assert d and d[0]['path'] == 'legacy1.sshd_config', r['diagnostics']
        assert r['openssh']['min'] == '8.4', r['openssh']
    else:
        assert s['error'] == 0, (h, r['diagnostics'])
print('fleet.json: 3 hosts, legacy1 has SSH204 at %s:%d' % (
    d[0]['path'], d[0]['line']))
EOF
[ $? -eq 0 ] && ok "$(tail -1 "$T/log")" || { cat "$T/log"; fail "fleet.json"; }

play "$ex/fleet-lint.yml" -i "$T/fleet" -e "sshlint_report_dir=$rep" \
    -e sshlint_format=sarif
[ "$rc" -ne 0 ] && ok "fleet (sarif): the play fails" || fail "fleet (sarif): passed"
"$py" - "$rep/fleet.sarif" <<'EOF' >"$T/log" 2>&1
import json, sys
log = json.load(open(sys.argv[1]))
assert log['version'] == '2.1.0'
assert len(log['runs']) == 3, len(log['runs'])
uris = sorted(r['locations'][0]['physicalLocation']['artifactLocation']['uri']
              for run in log['runs'] for r in run.get('results', [])
              if r['ruleId'] == 'SSH204')
assert uris == ['legacy1.sshd_config'], uris
print('fleet.sarif: 3 runs, SSH204 in', uris[0])
EOF
[ $? -eq 0 ] && ok "$(tail -1 "$T/log")" || { cat "$T/log"; fail "fleet.sarif"; }
schema=$src/tests/data/sarif-schema-2.1.0.json
"$py" "$src/tests/cli/sarif-check.py" "$schema" "$rep/fleet.sarif" \
    >"$T/log" 2>&1
case $? in
0) ok "fleet.sarif is valid SARIF 2.1.0" ;;
2) echo "note: no jsonschema, fleet.sarif not checked against the schema" ;;
*) cat "$T/log"; fail "fleet.sarif does not validate" ;;
esac

# 5. a fleet with no finding passes
play "$ex/fleet-lint.yml" -i "$T/fleet" -e "sshlint_report_dir=$rep" \
    -e fleet_hosts=web1
[ "$rc" -eq 0 ] && ok "fleet of web1 alone: passes" || fail "fleet of web1: exit $rc"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
