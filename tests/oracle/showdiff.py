#!/usr/bin/env python3
"""Differential test of `sshlint show` against the installed OpenSSH.

Random configuration *trees* (a top file plus Include'd files) are generated
and, for each case, the effective configuration is computed twice:

  client   env -i HOME=H PATH=/usr/bin:/bin SHELL=/bin/sh \\
               ssh -G -F FILE [-l USER] [-p PORT] HOST
           sshlint show client --openssh 9.2 --home H -F FILE [-l USER]
               [-p PORT] [--assume-exec true|false] HOST
  server   sshd -T -f FILE -h KEY [-C SPEC]...
           sshlint show server --openssh 9.2 --home H -f FILE -h KEY
               [-C SPEC]...

The exit status class (0 / non-zero) must agree and, when both succeed,
every output line, in order.  A share of the client cases also checks
`sshlint show client --all`: each `# HOST` block must equal `ssh -G HOST`,
and the hosts listed must be the literal names of the Host lines.

A case is a pure function of (seed, dialect, index): `--case 17` with the
same seed rebuilds the same tree and query anywhere.  Both programs run in a
clean environment (HOME = the case's home directory, PATH=/usr/bin:/bin,
SHELL=/bin/sh), on files in a temporary directory removed at the end.

Run:
  python3 tests/oracle/showdiff.py --sshlint build/cli/sshlint \
      --dialect ssh --cases 500 --seed 1
  ... --dialect ssh --case 17 -v     one case: files, commands, diff
  ... --keep /tmp/sd                 keep failing cases, with a repro.sh
  ... --oracle-only                  OpenSSH only: how often it accepts the
                                     generated trees, and why it refuses

Generated on purpose only where the result does not depend on the machine
beyond this checkout: host names are under .invalid or single labels, and
every CanonicalDomains suffix is under .invalid, so canonicalization always
fails the same way; `Match exec` runs only `true` or `false` (one of them per
case, passed to sshlint as --assume-exec); sshd Includes are absolute (a
relative one means /etc/ssh/...); RDomain (refused on Linux builds),
HostKeyAgent and HostCertificate (need an agent / a file) are not used.  A
client case where ssh looks a name up in the DNS (CanonicalizePermittedCNAMEs)
is counted as skipped.

Python 3 standard library only.  Exit status: 0 no mismatch, 1 mismatches
(listed on stdout), 2 usage / harness error, 77 skipped (ssh / sshd not
installed or unable to run here).
"""

import argparse
import collections
import concurrent.futures
import difflib
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest as dt  # noqa: E402  (value generators, keyword tables)

SSH = "/usr/bin/ssh"
SSHD = "/usr/sbin/sshd"
OPENSSH = "9.2"
DIR = "@DIR@"           # the case directory, substituted when written out
HOMEDIR = "@DIR@/home"  # HOME of both programs
TIMEOUT = 30

# ---------------------------------------------------------------------------
# Small helpers


def pick(*c):
    return lambda r: r.choice(c)


def wpick(r, pairs):
    """Weighted choice from [(weight, value), ...]."""
    tot = sum(w for w, _ in pairs)
    x = r.random() * tot
    for w, v in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][1]


def dtgen(g):
    """A difftest value generator (gen, rng) -> str as rng -> str."""
    return lambda r: g(None, r)


def kwcase(r, kw):
    p = r.random()
    if p < 0.70:
        return kw
    if p < 0.82:
        return kw.lower()
    if p < 0.88:
        return kw.upper()
    return "".join(c.upper() if r.random() < 0.5 else c.lower() for c in kw)


def render(r, kw, val, indent="", raw=False):
    """One directive line: keyword case, separators, quoting, comments."""
    sep = wpick(r, [(76, " "), (6, "="), (6, " = "), (5, "\t"), (4, "  "),
                    (3, "\t=\t")])
    if (not raw and r.random() < 0.07 and val and " " not in val and
            '"' not in val and "'" not in val and "#" not in val):
        val = '"%s"' % val
    line = indent + kwcase(r, kw) + sep + val
    p = r.random()
    if p < 0.04:
        line += r.choice([" # comment", "\t# c", "  #x"])
    elif p < 0.07:
        line += r.choice(["  ", "\t", " \t"])
    return line


def comment(r, indent=""):
    return r.choice(["", "# comment", indent + "# " + r.choice(
        ["note", "Port 22", "Host x", "see wiki"]), "#", indent, ""])


def unquote_tokens(s):
    """Split a Host line's arguments roughly as ssh does (for --all)."""
    try:
        return shlex.split(s, comments=True)
    except ValueError:
        return s.split()


# ---------------------------------------------------------------------------
# Algorithm lists with + - ^ and wildcards (both dialects)

ALG_PATTERNS = {
    "cipher": ["aes*", "aes*-ctr", "*-gcm@openssh.com", "*cbc", "chacha*",
               "aes128-*", "3des-cbc,aes*-cbc"],
    "mac": ["hmac-sha2-*", "*-etm@openssh.com", "umac-*", "hmac-sha1*",
            "hmac-md5*", "*96*"],
    "kex": ["diffie-hellman-*", "ecdh-sha2-*", "curve25519-*", "sntrup*",
            "*sha1", "diffie-hellman-group1*"],
    "key": ["ssh-rsa*", "*-cert-v01@openssh.com", "ecdsa-sha2-*",
            "sk-*", "ssh-ed25519*", "rsa-sha2-*", "ssh-dss*", "*nistp521*"],
}
ALG_PATTERNS["sig"] = ["ssh-rsa*", "ecdsa-sha2-*", "sk-*", "ssh-ed25519*",
                       "rsa-sha2-*", "*nistp521*"]
ALG_NAMES = {"cipher": dt.CIPHERS, "mac": dt.MACS, "kex": dt.KEX,
             "key": dt.KEYS,
             # CASignatureAlgorithms: no certificate types (OpenSSH refuses)
             "sig": [k for k in dt.KEYS if "-cert-" not in k]}


def alglist(kind):
    names, pats = ALG_NAMES[kind], ALG_PATTERNS[kind]

    def gen(r):
        n = r.randint(1, 4)
        items = []
        for _ in range(n):
            items.append(r.choice(pats) if r.random() < 0.25
                         else r.choice(names))
        items = list(dict.fromkeys(items))
        pre = wpick(r, [(40, ""), (25, "+"), (25, "-"), (10, "^")])
        if kind not in ("key", "sig") and pre != "-" and any("*" in i for i in items):
            # ssh/sshd 9.2 take wildcards in a '-' list only (key types:
            # everywhere); a few are kept, refused by OpenSSH
            if r.random() < 0.97:
                pre = "-"
        return pre + ",".join(items)
    return gen


def alglist_bad(kind):
    names = ALG_NAMES[kind]

    def gen(r):
        k = r.randint(0, 4)
        if k == 0:
            return r.choice(names) + ",bogus-alg"
        if k == 1:
            return "+" + r.choice(dt.ALG_WRONG)
        if k == 2:
            return r.choice(names) + ",,"
        if k == 3:
            return r.choice(names).upper()
        return r.choice(names) + " " + r.choice(names)
    return gen


# ---------------------------------------------------------------------------
# Client (ssh -G)
#
# Host names: only names that resolve nowhere (.invalid, single labels that
# are not in /etc/hosts) so that CanonicalizeHostname is deterministic: every
# CanonicalDomains suffix is under .invalid, so each lookup fails.

C_HOSTS = ["web1", "web2", "db", "db.corp.invalid", "gw", "bastion",
           "git.example.invalid", "10.1.2.3", "build-7", "Mixed",
           "alpha.beta.invalid", "app01", "jump.corp.invalid", "x"]
C_OTHER = ["other", "web10", "corp.invalid", "WEB1", "DB.CORP.INVALID",
           "192.168.7.7", "unlisted.example.invalid", "b", "web"]
C_USERS = ["alice", "git", "root", "deploy", "bob", "u.ser"]
C_DOMAINS = ["example.invalid", "corp.invalid", "a.invalid", "b.c.invalid"]


def c_hostname(r):
    return wpick(r, [
        (4, lambda: r.choice(C_HOSTS)),
        (3, lambda: "%h." + r.choice(C_DOMAINS)),
        (1, lambda: "%h"),
        (1, lambda: "10.9.8.%d" % r.randint(1, 20)),
        (1, lambda: "HOST-%h.INVALID"),
        (1, lambda: r.choice(["%%h.invalid", "%l.corp.invalid",
                              "[%h]", "%h:22", "gw.%h"])),
    ])()


def c_user(r):
    return wpick(r, [(8, lambda: r.choice(C_USERS)),
                     (1, lambda: r.choice(["%u", "%r", "user-%h", "a@b"]))])()


def c_port(r):
    return r.choice(["22", "2222", "443", "8022", "65535", "1", "022",
                     "ssh"])


def c_path(what):
    def gen(r):
        return wpick(r, [
            (3, lambda: "~/.ssh/%s_%s" % (what, r.choice(
                ["ed25519", "rsa", "work", "%h", "%r@%h"]))),
            (2, lambda: "%d/.ssh/" + what + "-" + r.choice(
                ["%h", "%n", "%p", "%u", "%l", "%C", "%%"])),
            (1, lambda: "/etc/ssh/%s-%s" % (what, r.choice(["a", "b", "c"]))),
            (1, lambda: '"~/.ssh/with space/%s"' % what),
            (1, lambda: r.choice(["none", "${HOME}/.ssh/" + what,
                                  DIR + "/keys/" + what])),
        ])()
    return gen


def c_knownhosts(r):
    return wpick(r, [
        (3, lambda: " ".join(r.sample(
            ["~/.ssh/known_hosts", "~/.ssh/known_hosts2", "/dev/null",
             "%d/kh-%h", "/etc/ssh/ssh_known_hosts", "~/.ssh/kh_%k",
             DIR + "/kh"], r.randint(1, 3)))),
        (1, lambda: "none"),
    ])()


def c_fwd(r):
    lp = r.choice(["8080", "127.0.0.1:8080", "*:9000", "[::1]:8081",
                   "localhost:5432", "/tmp/local.sock", "2222",
                   "/tmp/fwd-%h.sock"])
    rp = r.choice(["localhost:80", "db.corp.invalid:5432", "[::1]:22",
                   "10.0.0.1:443", "/run/remote.sock", "%h:22"])
    return lp + " " + rp


def c_rfwd(r):
    if r.random() < 0.3:
        return r.choice(["1080", "localhost:1080", "[::1]:1081"])
    return c_fwd(r)


def c_cmd(r):
    return r.choice(["nc %h %p", "ssh -W %h:%p jump.corp.invalid",
                     "none", "sh -c 'exec nc %h %p'", '/usr/bin/nc "%h" %p',
                     "connect -S proxy:1080 %h %p", "socat - TCP:%h:%p",
                     "ncat --proxy %n %r"])


def c_jump(r):
    return r.choice(["jump.corp.invalid", "gw", "alice@gw:2222", "a,b",
                     "none", "ssh://u@gw:22", "j1,user@j2", "%h",
                     "[2001:db8::1]:22"])


def c_identityagent(r):
    return r.choice(["none", "SSH_AUTH_SOCK", "/tmp/agent.sock",
                     "~/.ssh/agent.sock", "${HOME}/agent", "%d/agent-%h",
                     "$SSH_AUTH_SOCK"])


def c_controlpath(r):
    return r.choice(["~/.ssh/cm-%r@%h:%p", "none", "/tmp/%C",
                     "%d/.ssh/master-%n", "~/.ssh/master-%%", "/tmp/cp-%l-%u",
                     "~/.ssh/cm-%i-%k"])


def c_localcmd(r):
    return r.choice(["echo %h %p", "none", "rsync -a %d/x %r@%h:",
                     "logger 'connected to %n'", "notify-send %C"])


def c_remotecmd(r):
    return r.choice(["tmux new -A -s main", "none", "ls -la %d",
                     "echo %h %r %u", "exec bash -l"])


def c_canondomains(r):
    return " ".join(r.sample(C_DOMAINS, r.randint(1, 3))) \
        if r.random() < 0.85 else "none"


def c_cnames(r):
    # resolving the host would depend on the DNS: mostly 'none'; other
    # values are kept but a case that makes ssh look a name up is skipped
    return "none" if r.random() < 0.8 else r.choice(
        ["*.corp.invalid:*.example.invalid", "*:*"])


def c_sendenv(r):
    return r.choice(["LANG LC_*", "-LC_*", "GIT_*", "A B C", "-*", "LC_ALL",
                     "-LANG", "-A* XMODIFIERS", "TERM"])


def c_setenv(r):
    return r.choice(["FOO=bar", '"FOO=a b"', "A=1 B=2", "EMPTY=", "X=y=z",
                     "LANG=C", "A=2"])


def c_dfwd(r):
    return r.choice(["1080", "localhost:1080", "[::1]:1080", "*:1080",
                     "127.0.0.1:9050", "9999"])


# name, generator, weight, invalid-generator
CLIENT_SPECIAL = {
    "Hostname": (c_hostname, 4),
    "User": (c_user, 4),
    "Port": (c_port, 4),
    "ConnectTimeout": (pick("none", "10", "0", "1m", "30s", "1h2m"), 2),
    "ForwardX11Timeout": (pick("0", "20m", "1h", "90"), 1),
    "ProtocolKeepAlives": (pick("0", "30", "2m"), 1),
    "SetupTimeOut": (pick("0", "44", "1m"), 1),
    "IdentityFile2": (c_path("id2"), 1),
    "ProxyCommand": (c_cmd, 3),
    "ProxyJump": (c_jump, 3),
    "IdentityFile": (c_path("id"), 5),
    "CertificateFile": (c_path("cert"), 3),
    "LocalForward": (c_fwd, 3),
    "RemoteForward": (c_rfwd, 3),
    "DynamicForward": (c_dfwd, 2),
    "SendEnv": (c_sendenv, 3),
    "SetEnv": (c_setenv, 3),
    "GlobalKnownHostsFile": (c_knownhosts, 2),
    "UserKnownHostsFile": (c_knownhosts, 3),
    "IdentityAgent": (c_identityagent, 2),
    "ControlPath": (c_controlpath, 2),
    "LocalCommand": (c_localcmd, 1),
    "RemoteCommand": (c_remotecmd, 2),
    "CanonicalizeHostname": (pick("yes", "no", "always", "true", "false"), 2),
    "CanonicalDomains": (c_canondomains, 2),
    "CanonicalizeFallbackLocal": (pick("yes", "no"), 1),
    "CanonicalizeMaxDots": (pick("0", "1", "2", "3"), 1),
    "CanonicalizePermittedCNAMEs": (c_cnames, 1),
    "Ciphers": (alglist("cipher"), 3),
    "MACs": (alglist("mac"), 3),
    "KexAlgorithms": (alglist("kex"), 3),
    "HostKeyAlgorithms": (alglist("key"), 3),
    "PubkeyAcceptedAlgorithms": (alglist("key"), 2),
    "PubkeyAcceptedKeyTypes": (alglist("key"), 1),
    "HostbasedAcceptedAlgorithms": (alglist("key"), 1),
    "HostbasedKeyTypes": (alglist("key"), 1),
    "CASignatureAlgorithms": (alglist("sig"), 2),
    "ForkAfterAuthentication": (pick("no", "false"), 1),
    "HostKeyAlias": (pick("alias", "gw.corp.invalid", "%h-alias"), 1),
    "BindAddress": (pick("10.0.0.1", "::1", "127.0.0.1"), 1),
    "StrictHostKeyChecking": (dtgen(dt.STRICT), 2),
    # (a socket path: ssh -G refuses it unless that socket exists)
    "ForwardAgent": (pick("yes", "no", "true", "false", "Yes"), 2),
    "RequestTTY": (dtgen(dt.REQTTY), 2),
    "LogLevel": (dtgen(dt.LOGLEVEL), 1),
    "AddKeysToAgent": (dtgen(dt.ADDKEYS), 2),
    "ServerAliveInterval": (pick("0", "30", "1m", "15", "2h"), 2),
    "ControlPersist": (dtgen(dt.CPERSIST), 2),
}
CLIENT_SKIP = {"ForkAfterAuthentication"}     # only 'no' (above)


def client_table():
    t = {}
    for k in dt.SSH_KW:
        t[k.name] = (dtgen(k.valid), 1,
                     dtgen(k.invalid) if k.invalid else None, k.raw)
    for name, (g, w) in CLIENT_SPECIAL.items():
        old = t.get(name)
        bad = old[2] if old else None
        if name in ("Ciphers", "MACs", "KexAlgorithms", "HostKeyAlgorithms",
                    "PubkeyAcceptedAlgorithms", "PubkeyAcceptedKeyTypes",
                    "HostbasedAcceptedAlgorithms", "HostbasedKeyTypes",
                    "CASignatureAlgorithms"):
            kind = {"Ciphers": "cipher", "MACs": "mac",
                    "KexAlgorithms": "kex"}.get(name, "key")
            bad = alglist_bad(kind)
        raw = old[3] if old else False
        t[name] = (g, w, bad, raw)
    return t


CLIENT_KW = client_table()
CLIENT_NAMES = sorted(CLIENT_KW)
CLIENT_WEIGHTS = [CLIENT_KW[n][1] for n in CLIENT_NAMES]


class ClientGen:
    """One client case: files, query and flags; all randomness from r."""

    def __init__(self, r):
        self.r = r
        self.files = {}          # path relative to the case dir -> text
        self.nfiles = 0
        self.pool = r.sample(C_HOSTS, r.randint(3, 6))
        self.exec_cmd = r.choice(["true", "false"])
        self.has_exec = False
        self.bad_rate = r.choice([0.0, 0.0, 0.004, 0.01, 0.02])
        self.focus = r.choices(CLIENT_NAMES, CLIENT_WEIGHTS, k=10)
        self.host_lines = []     # argument text of every Host line
        self.ignored = []        # unknown keywords IgnoreUnknown covers

    # -- lines --------------------------------------------------------------
    def keyword(self):
        r = self.r
        if r.random() < 0.6:
            return r.choice(self.focus)
        return r.choices(CLIENT_NAMES, CLIENT_WEIGHTS)[0]

    def directive(self, indent):
        r = self.r
        name = self.keyword()
        gen, _, bad, raw = CLIENT_KW[name]
        if r.random() < self.bad_rate:
            return self.bad_line(indent)
        return render(r, name, gen(r), indent, raw)

    def bad_line(self, indent):
        r = self.r
        k = r.randint(0, 4)
        if k == 0:
            name = r.choice(CLIENT_NAMES)
            bad = CLIENT_KW[name][2]
            if bad:
                return render(r, name, bad(r), indent)
        if k == 1:
            return render(r, r.choice(["Bogus", "UseKeychain",
                                       "IdentifyFile", "PermitRootLogin"]),
                          "yes", indent)
        if k == 2:
            return render(r, r.choice(CLIENT_NAMES), "", indent).rstrip()
        if k == 3:
            return "Match " + r.choice(["bogus x", "host", "all host x",
                                        "exec", "user"])
        return render(r, "Port", r.choice(["0", "abc", "70000"]), indent)

    def other_line(self, indent):
        r = self.r
        k = r.randint(0, 3)
        if k == 0:      # deprecated / unsupported: warned about, ignored
            return render(r, r.choice(["Protocol", "UseRoaming",
                                       "RSAAuthentication", "Cipher",
                                       "UsePrivilegedPort",
                                       "CompressionLevel"]),
                          r.choice(["2", "no", "yes", "6"]), indent)
        if k == 1 and self.ignored:     # unknown, covered by IgnoreUnknown
            return render(r, r.choice(self.ignored), "yes", indent)
        return comment(r, indent)

    # -- Host / Match ---------------------------------------------------------
    def host_pattern(self):
        r = self.r
        h = r.choice(self.pool)
        return wpick(r, [
            (40, lambda: h),
            (4, lambda: h.upper() if h.lower() == h else h.lower()),
            (8, lambda: (h.split(".")[0][:3] or h) + "*"),
            (5, lambda: "*." + r.choice(["invalid", "corp.invalid",
                                         "example.invalid"])),
            (4, lambda: h[:-1] + "?" if len(h) > 1 else "?"),
            (3, lambda: "*"),
            (3, lambda: "10.1.*"),
            (6, lambda: "!" + h),
            (2, lambda: "!" + (h[:2] or h) + "*"),
            (4, lambda: r.choice(C_OTHER)),
        ])()

    def host_line(self):
        r = self.r
        k = r.random()
        if k < 0.10:
            arg = "*"
        elif k < 0.18:      # only negations: never matches
            arg = " ".join("!" + x for x in r.sample(self.pool, r.randint(
                1, 2)))
        elif k < 0.30:
            arg = "!%s *" % r.choice(self.pool) if r.random() < 0.6 else \
                "* !%s" % r.choice(self.pool)
        else:
            pats = [self.host_pattern() for _ in range(
                wpick(r, [(6, 1), (3, 2), (1, 3)]))]
            if len(pats) > 1 and all(p.startswith("!") for p in pats):
                pats.append(r.choice(self.pool))
            arg = " ".join(pats)
            if r.random() < 0.04 and " " not in arg:
                arg = '"%s"' % arg
            elif r.random() < 0.03:
                arg = arg.replace(" ", ",", 1)
        self.host_lines.append(arg)
        return render(r, "Host", arg)

    def patlist(self, what):
        r = self.r
        if what in ("host", "originalhost"):
            items = [self.host_pattern().lstrip("!") for _ in range(
                r.randint(1, 2))]
        elif what == "user":
            items = r.sample(C_USERS + ["r*", "*", "ali?e"], r.randint(1, 2))
        else:
            items = r.sample(["root", "nobody", "ro*", "*", "cloudsdk"],
                             r.randint(1, 2))
        if r.random() < 0.2:
            i = r.randrange(len(items))
            items[i] = "!" + items[i]
            if len(items) == 1:
                items.append("*")
        return ",".join(items)

    def match_line(self):
        r = self.r
        if r.random() < 0.10:
            crit = r.choice(["all", "all", "canonical all", "final all"])
        else:
            parts = []
            for _ in range(wpick(r, [(5, 1), (3, 2), (1, 3)])):
                what = wpick(r, [(8, "host"), (4, "originalhost"),
                                 (4, "user"), (3, "localuser"),
                                 (2, "canonical"), (2, "final"),
                                 (3, "exec")])
                neg = "!" if r.random() < 0.15 else ""
                if what in ("canonical", "final"):
                    parts.append(neg + what)
                    continue
                if what == "exec":
                    self.has_exec = True
                    cmd = r.choice([self.exec_cmd, self.exec_cmd,
                                    '"%s"' % self.exec_cmd,
                                    '"%s %%h %%p"' % self.exec_cmd])
                    arg = cmd
                else:
                    arg = self.patlist(what)
                    if r.random() < 0.04:
                        arg = '"%s"' % arg
                sep = "=" if r.random() < 0.1 else " "
                parts.append(neg + kwcase(r, what) + sep + arg)
            crit = " ".join(parts)
        return render(r, "Match", crit)

    # -- Include ---------------------------------------------------------------
    def newfile(self, where, suffix=".conf"):
        self.nfiles += 1
        if where == "abs":
            return "inc/f%d%s" % (self.nfiles, suffix)
        if where == "rel":
            return "home/.ssh/conf.d/r%d%s" % (self.nfiles, suffix)
        return "home/t%d%s" % (self.nfiles, suffix)

    def include(self, depth, indent):
        r = self.r
        if depth >= 3 or self.nfiles >= 7:
            return self.directive(indent)
        k = r.randint(0, 9)
        sub = lambda: self.subfile(depth + 1)   # noqa: E731
        if k <= 2:          # absolute
            name = self.newfile("abs")
            self.files[name] = sub()
            arg = "%s/%s" % (DIR, name)
        elif k <= 4:        # relative to ~/.ssh
            name = self.newfile("rel")
            self.files[name] = sub()
            arg = name[len("home/.ssh/"):]
        elif k == 5:        # tilde
            name = self.newfile("tilde")
            self.files[name] = sub()
            arg = "~/" + name[len("home/"):]
        elif k == 6:        # absolute glob
            self.nfiles += 1
            n = self.nfiles
            for i in range(r.randint(0, 3)):
                self.files["inc/g%d-%s.conf" % (n, r.choice(
                    "abcxyz") + str(i))] = sub()
            arg = "%s/inc/g%d-*.conf" % (DIR, n)
        elif k == 7:        # relative glob
            self.nfiles += 1
            n = self.nfiles
            for i in range(r.randint(1, 2)):
                self.files["home/.ssh/d%d/%d.conf" % (n, 10 - i)] = sub()
            arg = "d%d/*.conf" % n
        elif k == 8:        # several, one missing
            name = self.newfile("abs", "-m.conf")
            self.files[name] = sub()
            arg = "%s/inc/missing.conf %s/%s" % (DIR, DIR, name)
        else:               # missing
            arg = r.choice(["missing.conf", DIR + "/inc/none-*.conf"])
        return render(self.r, "Include", arg, indent)

    # -- files -------------------------------------------------------------
    def body(self, n, depth, indent):
        r = self.r
        out = []
        for _ in range(n):
            p = r.random()
            if p < 0.80:
                out.append(self.directive(indent))
            elif p < 0.88:
                out.append(self.include(depth, indent))
            elif p < 0.96:
                out.append(comment(r, indent))
            else:
                out.append(self.other_line(indent))
        return out

    def blocks(self, nblocks, depth):
        r = self.r
        out = []
        for _ in range(nblocks):
            out.append(self.host_line() if r.random() < 0.6
                       else self.match_line())
            indent = r.choice(["    ", "  ", "\t", ""])
            out += self.body(r.randint(1, 5), depth, indent)
            if r.random() < 0.2:
                out.append("")
        return out

    def subfile(self, depth):
        r = self.r
        lines = self.body(r.randint(1, 4), depth, r.choice(["", "  "]))
        if r.random() < 0.5:
            lines += self.blocks(r.randint(1, 2), depth)
        return join(r, lines)

    def case(self):
        r = self.r
        lines = []
        if r.random() < 0.2:
            arg, self.ignored = r.choice([
                ("UseKeychain", ["UseKeychain"]),
                ("XFooBar,UseKeychain", ["UseKeychain", "xfoobar"]),
                ("*", ["UseKeychain", "XFooBar"]),
                ("usekeychain", ["usekeychain"]),
                ("X*", ["XFooBar", "xfoobar"])])
            lines.append(render(r, "IgnoreUnknown", arg))
        lines += self.body(r.randint(0, 5), 0, "")
        lines += self.blocks(r.randint(2, 6), 0)
        if r.random() < 0.5:
            self.host_lines.append("*")
            lines.append(render(r, "Host", "*"))
            lines += self.body(r.randint(1, 5), 0, "    ")
        self.files["ssh_config"] = join(r, lines)
        # the query
        q = {}
        h = wpick(r, [(60, lambda: r.choice(self.pool)),
                      (10, lambda: r.choice(self.pool).upper()),
                      (22, lambda: r.choice(C_OTHER)),
                      (4, lambda: r.choice(["localhost", "127.0.0.1",
                                            "::1"])),
                      (4, lambda: "%s@%s" % (r.choice(C_USERS),
                                             r.choice(self.pool)))])()
        q["host"] = h
        if r.random() < 0.3:
            q["user"] = r.choice(C_USERS)
        if r.random() < 0.25:
            q["port"] = r.choice(["22", "2200", "443", "65535", "7"])
        q["all"] = r.random() < 0.2
        return q


def join(r, lines):
    eol = "\r\n" if r.random() < 0.05 else "\n"
    return "".join(l + eol for l in lines)


def literal_hosts(host_lines):
    """Names --all should list: Host patterns without * ? ! (ordered)."""
    out = []
    for arg in host_lines:
        for t in unquote_tokens(arg):
            if t and not any(c in t for c in "*?!,") and t not in out:
                out.append(t)
    return out


# ---------------------------------------------------------------------------
# Server (sshd -T)

S_USERS = ["root", "alice", "nobody", "postgres", "git", "daemon", "Alice"]
S_GROUPS = ["root", "nogroup", "staff", "ssl-cert", "postgres", "wheel",
            "daemon"]
S_HOSTS = ["web1.example.invalid", "gw", "client.corp.invalid", "GW",
           "Mixed.Example.invalid", "10.1.2.3"]
S_ADDRS = ["10.1.2.3", "192.168.1.1", "192.168.1.77", "127.0.0.1",
           "2001:db8::5", "::1", "172.16.0.9"]
S_LADDRS = ["10.0.0.1", "192.168.1.254", "127.0.0.1", "::1"]
S_LPORTS = ["22", "2222", "443"]
S_RDOMAINS = ["r0", "default", "vrf1"]
# patterns that match an address / the groups of a user (this machine's)
S_NETS = {"10.1.2.3": ["10.0.0.0/8", "10.1.2.0/24", "10.1.2.?", "10.*"],
          "192.168.1.1": ["192.168.1.0/24", "192.168.*", "192.168.1.1/32"],
          "192.168.1.77": ["192.168.1.0/24", "192.168.1.64/26"],
          "127.0.0.1": ["127.0.0.0/8", "127.0.0.1"],
          "2001:db8::5": ["2001:db8::/32", "2001:db8::5"],
          "::1": ["::1", "::1/128"],
          "172.16.0.9": ["172.16.0.0/12", "172.16.0.*"],
          "10.0.0.1": ["10.0.0.0/8", "10.0.0.1"],
          "192.168.1.254": ["192.168.1.0/24"]}
S_GROUPS_OF = {"root": ["root"], "nobody": ["nogroup"],
               "postgres": ["postgres", "ssl-cert"], "daemon": ["daemon"]}


def s_addr_pat(r):
    return r.choice(["10.0.0.0/8", "192.168.1.0/24", "192.168.1.1",
                     "127.0.0.1", "2001:db8::/32", "::1", "172.16.0.0/12",
                     "192.168.*", "10.1.2.?", "0.0.0.0/0", "*"])


def s_pats(r, pool, extra):
    items = r.sample(pool + extra, r.randint(1, 2))
    if r.random() < 0.2:
        i = r.randrange(len(items))
        items[i] = "!" + items[i]
        if len(items) == 1:
            items.append("*")
    return ",".join(items)


def s_listen(r):
    return r.choice(["0.0.0.0", "[::]:22", "10.0.0.1:2222", "::1",
                     "127.0.0.1", "[::1]", "10.0.0.1:22", "192.168.1.254"])


def s_subsystem(r):
    return r.choice(["sftp /usr/lib/openssh/sftp-server",
                     "sftp internal-sftp", "sftp internal-sftp -l INFO",
                     "backup /usr/local/bin/backup -l INFO",
                     "x /bin/true"])


SERVER_SPECIAL = {
    # name: (generator, weight)
    "Port": (pick("22", "2222", "443", "8022", "022"), 3),
    "ListenAddress": (s_listen, 3),
    "AllowUsers": (pick("alice", "bob@host.example.invalid",
                        "carol@10.0.0.0/8", "alice bob", "*",
                        "dave@192.168.1.*", "!eve *", "root@127.0.0.1"), 3),
    "DenyUsers": (pick("mallory", "eve@*", "* !alice", "guest*"), 2),
    "AllowGroups": (pick("wheel", "staff sudo", "*", "!nogroup *"), 2),
    "DenyGroups": (pick("nogroup", "guests"), 1),
    "AcceptEnv": (pick("LANG LC_*", "GIT_*", "XMODIFIERS", "*", "TZ",
                       "LC_ALL COLORTERM"), 3),
    "Subsystem": (s_subsystem, 2),
    "AuthorizedKeysFile": (lambda r: dtgen(dt.AKFILE)(r) if r.random() < 0.8
                           else r.choice(['".ssh/authorized keys" %h/k2',
                                          '"%h/.ssh/keys"',
                                          "/etc/ssh/keys/%u/%%x"]), 3),
    "AuthenticationMethods": (pick(
        "publickey,password", "any", "publickey", "publickey password",
        "publickey,keyboard-interactive", "keyboard-interactive:pam",
        "publickey publickey,password", "password,publickey",
        "hostbased,publickey", "gssapi-with-mic publickey"), 3),
    "PermitOpen": (dtgen(dt.PERMITOPEN), 2),
    "PermitListen": (dtgen(dt.PERMITLISTEN), 2),
    "SetEnv": (pick("FOO=bar", '"FOO=a b"', "A=1 B=2", "EMPTY="), 2),
    "Ciphers": (alglist("cipher"), 3),
    "MACs": (alglist("mac"), 3),
    "KexAlgorithms": (alglist("kex"), 3),
    "HostKeyAlgorithms": (alglist("key"), 2),
    "PubkeyAcceptedAlgorithms": (alglist("key"), 2),
    "PubkeyAcceptedKeyTypes": (alglist("key"), 1),
    "HostbasedAcceptedAlgorithms": (alglist("key"), 1),
    "HostbasedAcceptedKeyTypes": (alglist("key"), 1),
    "CASignatureAlgorithms": (alglist("sig"), 2),
    "PermitRootLogin": (dtgen(dt.PERMITROOT), 3),
    "PasswordAuthentication": (pick("yes", "no"), 3),
    "X11Forwarding": (pick("yes", "no"), 2),
    "MaxAuthTries": (pick("3", "6", "10"), 2),
    "ClientAliveInterval": (pick("0", "30", "5m", "1h"), 2),
    "ForceCommand": (pick("internal-sftp", "none", "/usr/bin/echo hello",
                          'echo "a  b"', "/bin/sh -c 'exit 0'"), 2),
    "ChrootDirectory": (pick("/srv/chroot/%u", "none", "%h", "/var/empty"),
                        2),
    "Banner": (pick("/etc/issue.net", "none", "/etc/ssh/banner-%u"), 1),
    "HostKey": (None, 2),           # filled in per case (real + missing)
    "LogLevel": (dtgen(dt.LOGLEVEL), 2),
    "UseDNS": (pick("yes", "no"), 1),
    "PerSourceMaxStartups": (pick("none", "5", "100"), 1),
    "ChannelTimeout": (dtgen(dt.CHTIMEOUT), 1),
}
# Not generated: sshd refuses them unless another keyword is set too, and
# they are emitted as a pair by ServerGen.pair().
SERVER_PAIRS = ["AuthorizedKeysCommand", "AuthorizedPrincipalsCommand"]
# Not generated: refused on this platform (RDomain), or sshd -T would need
# a running agent / an existing certificate.
SERVER_SKIP = ["RDomain", "HostKeyAgent", "HostCertificate"]


def server_table():
    t = {}
    for k in dt.SSHD_KW:
        if k.name in SERVER_PAIRS or k.name in SERVER_SKIP:
            continue
        t[k.name] = [dtgen(k.valid), 1,
                     dtgen(k.invalid) if k.invalid else None, k.raw, k.m]
    for name, (g, w) in SERVER_SPECIAL.items():
        if name not in t:
            t[name] = [g, w, None, False, True]
        if g is not None:
            t[name][0] = g
        t[name][1] = w
    return t


SERVER_KW = server_table()
SERVER_NAMES = sorted(SERVER_KW)
SERVER_WEIGHTS = [SERVER_KW[n][1] for n in SERVER_NAMES]
MATCH_NAMES = [n for n in SERVER_NAMES if SERVER_KW[n][4]]
MATCH_WEIGHTS = [SERVER_KW[n][1] for n in MATCH_NAMES]


class ServerGen:
    def __init__(self, r):
        self.r = r
        self.files = {}
        self.nfiles = 0
        self.bad_rate = r.choice([0.0, 0.0, 0.003, 0.008, 0.015])
        self.focus = r.choices(SERVER_NAMES, SERVER_WEIGHTS, k=10)
        self.mfocus = r.choices(MATCH_NAMES, MATCH_WEIGHTS, k=6)
        self.listen_seen = False
        self.subsystems = set()
        self.plain = []             # files included at the top, globally
        # the connection -C mostly describes; Match lines often aim at it
        self.target = {"user": r.choice(S_USERS), "host": r.choice(S_HOSTS),
                       "addr": r.choice(S_ADDRS), "laddr": r.choice(S_LADDRS),
                       "lport": r.choice(S_LPORTS),
                       "rdomain": r.choice(S_RDOMAINS)}
        self.criteria = set()       # Match attributes used (for -C)

    def directive(self, in_match, indent):
        r = self.r
        if r.random() < self.bad_rate:
            return self.bad_line(in_match, indent)
        if in_match:
            name = r.choice(self.mfocus) if r.random() < 0.6 else \
                r.choices(MATCH_NAMES, MATCH_WEIGHTS)[0]
        else:
            name = r.choice(self.focus) if r.random() < 0.6 else \
                r.choices(SERVER_NAMES, SERVER_WEIGHTS)[0]
            if r.random() < 0.02:
                return self.pair(indent)
        if name == "ListenAddress":
            self.listen_seen = True
        if name == "Port" and self.listen_seen:
            name = "PermitTTY"      # sshd refuses Port after ListenAddress
        if name == "Subsystem":
            val = s_subsystem(r)
            sub = val.split()[0]
            if sub in self.subsystems and r.random() < 0.9:
                val = "s%d %s" % (len(self.subsystems), val.split(" ", 1)[1])
            self.subsystems.add(val.split()[0])
            return render(r, name, val, indent)
        if name in ("HostKey", "HostDSAKey"):
            val = r.choice([DIR + "/../hostkey", "/nonexistent/host_key",
                            DIR + "/hk-missing"])
        else:
            val = SERVER_KW[name][0](r)
        return render(r, name, val, indent, SERVER_KW[name][3])

    def pair(self, indent):
        r = self.r
        which = r.choice(SERVER_PAIRS)
        cmd = r.choice(["/usr/bin/sss_ssh_authorizedkeys %u", "/bin/false",
                        "/usr/local/bin/keys %u %f"])
        return render(r, which, cmd, indent, True) + "\n" + render(
            r, which + "User", r.choice(["nobody", "root"]), indent)

    def bad_line(self, in_match, indent):
        r = self.r
        k = r.randint(0, 4)
        if k == 0:
            name = r.choice(SERVER_NAMES)
            bad = SERVER_KW[name][2]
            if bad:
                return render(r, name, bad(r), indent)
        if k == 1:
            return render(r, r.choice(["Bogus", "Host", "IdentityFile"]),
                          "x", indent)
        if k == 2 and in_match:     # not allowed in Match
            return render(r, r.choice(["Port", "UsePAM", "Ciphers"]),
                          "yes", indent)
        if k == 3:
            return "Match " + r.choice(["Bogus x", "User", "all User x",
                                        "Address 10.0.0.0/33"])
        return render(r, "MaxAuthTries", r.choice(["abc", "-1"]), indent)

    def match_line(self):
        r = self.r
        if r.random() < 0.08:
            return render(r, "Match", r.choice(["All", "all"]))
        parts = []
        for _ in range(wpick(r, [(5, 1), (3, 2), (1, 3)])):
            what = wpick(r, [(6, "User"), (3, "Group"), (3, "Host"),
                             (5, "Address"), (2, "LocalAddress"),
                             (2, "LocalPort"), (1, "RDomain")])
            t = self.target
            aim = r.random() < 0.5
            if aim and what == "User":
                arg = r.choice([t["user"], t["user"] + ",nosuchuser",
                                t["user"][:2] + "*", "!nosuchuser,*"])
            elif aim and what == "Group" and t["user"] in S_GROUPS_OF:
                arg = r.choice(S_GROUPS_OF[t["user"]])
            elif aim and what == "Host":
                arg = r.choice([t["host"], t["host"].lower(),
                                t["host"].upper(), "*" + t["host"][-4:]])
            elif aim and what == "Address":
                arg = r.choice(S_NETS[t["addr"]] + [t["addr"]])
            elif aim and what == "LocalAddress":
                arg = r.choice(S_NETS[t["laddr"]] + [t["laddr"]])
            elif aim and what == "LocalPort":
                arg = t["lport"]
            elif aim and what == "RDomain":
                arg = t["rdomain"]
            elif what == "User":
                arg = s_pats(r, S_USERS, ["a*", "*"])
            elif what == "Group":
                arg = s_pats(r, S_GROUPS, ["s*"])
            elif what == "Host":
                arg = s_pats(r, S_HOSTS, ["*.invalid", "*.corp.invalid",
                                          "gw*"])
            elif what == "Address":
                arg = ",".join(s_addr_pat(r) for _ in range(r.randint(1, 2)))
                if r.random() < 0.2:
                    arg = "!" + r.choice(["192.168.1.1", "10.1.2.3"]) + \
                        "," + arg
            elif what == "LocalAddress":
                arg = r.choice(S_LADDRS + ["10.0.0.0/8", "!127.0.0.1,*"])
            elif what == "LocalPort":
                arg = r.choice(S_LPORTS)
            else:
                arg = r.choice(S_RDOMAINS + ["r*"])
            sep = "=" if r.random() < 0.1 else " "
            parts.append(kwcase(r, what) + sep + arg)
            self.criteria.add(what)
        return render(r, "Match", " ".join(parts))

    def include(self, depth, in_match, indent):
        r = self.r
        if depth >= 3 or self.nfiles >= 6:
            return self.directive(in_match, indent)
        k = r.randint(0, 6)
        sub = lambda: self.subfile(depth + 1, in_match)   # noqa: E731
        if k == 6 and self.plain:       # a file included a second time
            arg = "%s/%s" % (DIR, r.choice(self.plain))
        elif k <= 2 or k == 6:
            self.nfiles += 1
            name = "inc/s%d.conf" % self.nfiles
            self.files[name] = sub()
            if depth == 0 and not in_match:
                self.plain.append(name)
            arg = "%s/%s" % (DIR, name)
        elif k <= 4:
            self.nfiles += 1
            n = self.nfiles
            for i in range(r.randint(0, 3)):
                self.files["inc/g%d-%d.conf" % (n, 20 - i)] = sub()
            arg = "%s/inc/g%d-*.conf" % (DIR, n)
        else:
            arg = DIR + "/inc/missing.conf"
        return render(r, "Include", arg, indent)

    def body(self, n, depth, in_match, indent):
        r = self.r
        out = []
        for _ in range(n):
            p = r.random()
            if p < 0.86:
                out.append(self.directive(in_match, indent))
            elif p < 0.93:
                out.append(self.include(depth, in_match, indent))
            elif p < 0.98 or in_match:
                out.append(comment(r, indent))
            else:       # deprecated / unsupported: warned about, ignored
                out.append(render(r, r.choice(dt.SSHD_DEPRECATED),
                                  r.choice(dt.DEPRECATED_VALUES), indent))
        return out

    def matches(self, n, depth):
        r = self.r
        out = []
        for _ in range(n):
            out.append(self.match_line())
            out += self.body(r.randint(1, 4), depth, True,
                             r.choice(["    ", "  ", "\t", ""]))
        return out

    def subfile(self, depth, in_match):
        r = self.r
        lines = self.body(r.randint(1, 4), depth, in_match, "")
        if not in_match and r.random() < 0.3:
            lines += self.matches(1, depth)
        return join(r, lines)

    def case(self):
        r = self.r
        lines = self.body(r.randint(6, 22), 0, False, "")
        lines += self.matches(wpick(r, [(2, 0), (4, 1), (4, 2), (3, 3),
                                        (1, 4)]), 0)
        self.files["sshd_config"] = join(r, lines)
        # connection specification (-C), a random subset of the fields
        spec = []
        if r.random() < 0.85 or "LocalPort" in self.criteria and \
                r.random() < 0.9:
            fields = [("user", S_USERS), ("host", S_HOSTS), ("addr", S_ADDRS),
                      ("laddr", S_LADDRS), ("lport", S_LPORTS),
                      ("rdomain", S_RDOMAINS)]
            # mostly every field a Match line asks about (sshd -T refuses
            # 'Match LocalPort' without lport), plus random others
            used = {"User": "user", "Group": "user", "Host": "host",
                    "Address": "addr", "LocalAddress": "laddr",
                    "LocalPort": "lport", "RDomain": "rdomain"}
            need = {used[c] for c in self.criteria} \
                if r.random() < 0.85 else set()
            if "LocalPort" in self.criteria and r.random() < 0.9:
                need.add("lport")
            chosen = [f for f in fields
                      if f[0] in need or r.random() < 0.4] or [fields[0]]
            kv = ["%s=%s" % (f, self.target[f] if r.random() < 0.85
                             else r.choice(pool)) for f, pool in chosen]
            if r.random() < 0.05:       # a field twice: the last one counts
                f, pool = r.choice(chosen)
                kv.append("%s=%s" % (f, r.choice(pool)))
            if len(kv) > 2 and r.random() < 0.15:
                cut = r.randint(1, len(kv) - 1)
                spec = [",".join(kv[:cut]), ",".join(kv[cut:])]
            else:
                spec = [",".join(kv)]
        return {"spec": spec}


# ---------------------------------------------------------------------------
# Cases


class Case:
    def __init__(self, cid, dialect, index, files, query, note=""):
        self.id = cid
        self.dialect = dialect      # "ssh" | "sshd"
        self.index = index
        self.files = files
        self.query = query
        self.note = note

    @property
    def main(self):
        return "ssh_config" if self.dialect == "ssh" else "sshd_config"


def generate(seed, dialect, i):
    r = random.Random("sshlint-showdiff:%d:%s:%d" % (seed, dialect, i))
    if dialect == "ssh":
        g = ClientGen(r)
        q = g.case()
        if g.has_exec:
            q["exec"] = g.exec_cmd
        q["literal"] = literal_hosts(g.host_lines)
        return Case("client-%d" % i, dialect, i, g.files, q)
    g = ServerGen(r)
    q = g.case()
    return Case("server-%d" % i, dialect, i, g.files, q)


def materialize(case, d):
    os.makedirs(os.path.join(d, "home", ".ssh"), exist_ok=True)
    for name, text in case.files.items():
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text.replace(DIR, d))
        os.chmod(p, 0o644)


def clean_env(home):
    return {"HOME": home, "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh"}


def oracle_cmd(case, d, hostkey, host=None):
    main = os.path.join(d, case.main)
    q = case.query
    if case.dialect == "ssh":
        cmd = [SSH, "-G", "-F", main]
        if host is None:
            if "user" in q:
                cmd += ["-l", q["user"]]
            if "port" in q:
                cmd += ["-p", q["port"]]
        cmd.append(q["host"] if host is None else host)
        return cmd
    cmd = [SSHD, "-T", "-f", main, "-h", hostkey]
    for s in q["spec"]:
        cmd += ["-C", s]
    return cmd


def sshlint_cmd(sshlint, case, d, hostkey, all_hosts=False):
    main = os.path.join(d, case.main)
    home = os.path.join(d, "home")
    q = case.query
    if case.dialect == "ssh":
        cmd = [sshlint, "show", "client", "--openssh", OPENSSH, "--home",
               home, "-F", main]
        if "exec" in q:
            cmd += ["--assume-exec", q["exec"]]
        if all_hosts:
            return cmd + ["--all"]
        if "user" in q:
            cmd += ["-l", q["user"]]
        if "port" in q:
            cmd += ["-p", q["port"]]
        return cmd + [q["host"]]
    cmd = [sshlint, "show", "server", "--openssh", OPENSSH, "--home", home,
           "-f", main, "-h", hostkey]
    for s in q["spec"]:
        cmd += ["-C", s]
    return cmd


def run(cmd, cwd, env):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"))
    except subprocess.TimeoutExpired:
        return (None, "", "timeout after %ds" % TIMEOUT)
    except OSError as e:
        return (-1000, "", "cannot run %s: %s" % (cmd[0], e))


NOISE = re.compile(r"^(Pseudo-terminal will not be allocated|debug\d?: )")
WARNING = re.compile(r"(Deprecated|Unsupported) option|^Unable to load host "
                     r"key|^Could not load host certificate")


def cause(lines):
    """The line of OpenSSH's stderr that says why it refused."""
    for l in lines:
        if not WARNING.search(l):
            return l
    return lines[0] if lines else "-"


def errlines(text):
    return [l for l in text.splitlines() if l.strip() and not NOISE.search(l)]


DNS = re.compile(r"Could not resolve hostname|Name or service not known|"
                 r"Temporary failure in name resolution")


class Result:
    def __init__(self, case, d):
        self.case = case
        self.dir = d
        self.status = "agree"   # agree|lines|exit|fail|skip|harness
        self.detail = []        # lines for the report
        self.keywords = set()   # keywords of differing lines
        self.os_rc = None
        self.os_err = []
        self.sl_rc = None
        self.sl_err = []
        self.group = ""


def diff_lines(want, got, label=""):
    """(first differing pairs as report lines, keywords involved)."""
    out, kws = [], set()
    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    shown = 0
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        for l in want[i1:i2] + got[j1:j2]:
            kws.add(l.split(" ", 1)[0])
        if shown < 4:
            a = want[i1:i2][:3]
            b = got[j1:j2][:3]
            out.append("    %sline %d:" % (label, i1 + 1))
            for l in a:
                out.append("      OpenSSH: %s" % clip(l))
            if not a:
                out.append("      OpenSSH: (nothing)")
            for l in b:
                out.append("      sshlint: %s" % clip(l))
            if not b:
                out.append("      sshlint: (nothing)")
        shown += 1
    if shown > 4:
        out.append("    ... %d more differing hunks" % (shown - 4))
    return out, kws


def clip(s, n=160):
    return s if len(s) <= n else s[:n] + "..."


def compare_one(res, os_out, os_rc, os_err, sl_out, sl_rc, sl_err,
                label=""):
    """Compare one oracle run with one sshlint run; False if different."""
    if sl_rc is None or sl_rc == -1000 or sl_rc < 0 or sl_rc not in (0, 1):
        res.status = "fail"
        why = "timeout" if sl_rc is None else \
            ("killed by signal %d" % -sl_rc if sl_rc and sl_rc < 0 and
             sl_rc != -1000 else "exit %s" % sl_rc)
        res.detail.append("  %ssshlint failed (%s): %s" % (
            label, why, clip(" | ".join(errlines(sl_err)[:2]))))
        res.group = "sshlint %s: %s" % (why, normalize(
            (errlines(sl_err) or ["-"])[0], res.dir))
        return False
    if (os_rc == 0) != (sl_rc == 0):
        res.status = "exit"
        res.detail.append("  %sexit: OpenSSH %d, sshlint %d" % (
            label, os_rc, sl_rc))
        if os_err:
            res.detail.append("    OpenSSH: %s" % clip(
                " | ".join(os_err[:2]).replace(res.dir + "/", "")))
        if sl_err:
            res.detail.append("    sshlint: %s" % clip(
                " | ".join(errlines(sl_err)[:2]).replace(res.dir + "/", "")))
        res.group = ("OpenSSH accepts, sshlint exit 1: %s" % normalize(
            (errlines(sl_err) or ["-"])[0], res.dir)) if os_rc == 0 else \
            ("OpenSSH refuses, sshlint exit 0; OpenSSH: %s" % normalize(
                cause(os_err), res.dir))
        return False
    if os_rc != 0:
        return True
    want = os_out.splitlines()
    got = sl_out.splitlines()
    if want == got:
        return True
    res.status = "lines"
    out, kws = diff_lines(want, got, label)
    res.detail += out
    res.keywords |= kws
    return False


def normalize(msg, d):
    m = msg.replace(d + "/", "")
    m = re.sub(r"^[^ ]*(:\d+)+: ", "", m)
    m = re.sub(r"\bline \d+", "line N", m)
    m = re.sub(r"'[^']*'", "'...'", m)
    m = re.sub(r'"[^"]*"', '"..."', m)
    m = re.sub(r"\b\d+\b", "N", m)
    return clip(m, 100)


def run_case(case, root, hostkey, sshlint, oracle_only=False):
    d = os.path.join(root, case.id)
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(d)
    materialize(case, d)
    res = Result(case, d)
    env = clean_env(os.path.join(d, "home"))
    rc, out, err = run(oracle_cmd(case, d, hostkey), d, env)
    res.os_rc, res.os_out, res.os_err = rc, out, errlines(err)
    if rc is None or rc == -1000:
        res.status = "harness"
        res.detail.append("  OpenSSH: " + err)
        res.group = "OpenSSH did not run: " + err[:60]
        return res
    if case.dialect == "ssh" and rc not in (0, 255):
        res.status = "harness"
        res.group = "ssh -G exited %d" % rc
        res.detail.append("  " + res.group)
        return res
    if rc != 0 and any(DNS.search(l) for l in res.os_err):
        res.status = "skip"
        res.group = "ssh looked a name up in the DNS"
        return res
    if oracle_only:
        return res
    rc2, out2, err2 = run(sshlint_cmd(sshlint, case, d, hostkey), d, env)
    res.sl_rc, res.sl_out, res.sl_err = rc2, out2, errlines(err2)
    compare_one(res, out, rc, res.os_err, out2, rc2, err2)
    if case.dialect == "ssh" and case.query.get("all") and \
            res.status == "agree":
        check_all(res, case, d, hostkey, sshlint, env)
    return res


def parse_blocks(text):
    """sshlint --all output -> [(host, [lines])]."""
    blocks = []
    for line in text.splitlines():
        if line.startswith("# "):
            blocks.append((line[2:], []))
        elif blocks and line != "":
            blocks[-1][1].append(line)
        elif not blocks and line != "":
            blocks.append((None, [line]))
    return blocks


def check_all(res, case, d, hostkey, sshlint, env):
    """sshlint show client --all against ssh -G for every host it lists."""
    rc, out, err = run(sshlint_cmd(sshlint, case, d, hostkey, True), d, env)
    label = "--all: "
    if rc is None or rc < 0 or rc not in (0, 1):
        compare_one(res, "", 0, [], out, rc, err, label)
        return
    blocks = parse_blocks(out)
    if blocks and blocks[0][0] is None:
        res.status = "lines"
        res.detail.append("  --all: output does not start with '# HOST'")
        res.keywords.add("(--all format)")
        return
    any_fail = False
    listed = [h for h, _ in blocks]
    want = case.query["literal"]
    if rc == 1 and not blocks:
        # refused as a whole: ssh must refuse the hosts as well
        for h in want[:3]:
            orc, _, oerr = run(oracle_cmd(case, d, hostkey, h), d, env)
            if orc == 0:
                res.status = "exit"
                res.detail.append("  --all: sshlint exit 1 without output, "
                                  "but ssh -G %s succeeds (sshlint: %s)" % (
                                      h, clip(" | ".join(errlines(err)[:2]))))
                res.group = "--all: sshlint refuses, ssh -G accepts"
                return
        return
    missing = [h for h in want if h not in listed]
    extra = [h for h in listed if h not in want]
    if missing or extra:
        res.status = "lines"
        res.keywords.add("(--all hosts)")
        res.detail.append("  --all: hosts listed differ from the literal "
                          "Host names: missing %s, extra %s" % (
                              missing or "-", extra or "-"))
    for h, lines in blocks:
        if h.startswith("-"):       # ssh would take it for an option
            res.status = "lines"
            res.detail.append("  --all: lists %r, not a host name" % h)
            continue
        orc, oout, oerr = run(oracle_cmd(case, d, hostkey, h), d, env)
        if orc != 0 and any(DNS.search(l) for l in errlines(oerr)):
            any_fail = True     # refused for a failed lookup: so may sshlint
            continue
        if orc != 0:
            any_fail = True
            if lines:
                res.status = "exit"
                res.detail.append("  --all: ssh -G %s refuses (%s) but "
                                  "sshlint prints a block" % (
                                      h, clip(" | ".join(errlines(oerr)[:1]))))
                res.group = "--all: OpenSSH refuses a host sshlint prints"
            continue
        want_lines = oout.splitlines()
        if want_lines != lines:
            res.status = "lines"
            o, k = diff_lines(want_lines, lines, "--all %s: " % h)
            res.detail += o
            res.keywords |= k
    if (rc == 1) != any_fail and res.status == "agree":
        res.status = "exit"
        res.detail.append("  --all: sshlint exit %d, ssh -G refuses %s" % (
            rc, "some host" if any_fail else "no host"))
        res.group = "--all: exit status"


# ---------------------------------------------------------------------------
# Reporting


def shell_line(cmd, env=None):
    s = " ".join(shlex.quote(c) for c in cmd)
    if env:
        s = "env -i " + " ".join("%s=%s" % (k, shlex.quote(v))
                                 for k, v in sorted(env.items())) + " " + s
    return s


def describe(res, out, verbose, sshlint=None, hostkey=None):
    c = res.case
    q = c.query
    if c.dialect == "ssh":
        what = "ssh -G %s%s%s%s" % (
            "-l %s " % q["user"] if "user" in q else "",
            "-p %s " % q["port"] if "port" in q else "",
            q["host"],
            "  (--assume-exec %s)" % q["exec"] if "exec" in q else "")
    else:
        what = "sshd -T " + " ".join("-C " + s for s in q["spec"])
    out.append("[%s] %s: %s" % (c.id, {"lines": "line mismatch",
                                       "exit": "exit mismatch",
                                       "fail": "sshlint failure",
                                       "harness": "harness problem",
                                       "skip": "skipped"}.get(res.status,
                                                              res.status),
                                what))
    out += res.detail
    if verbose:
        d = res.dir
        out.append("  OpenSSH exit %s%s; sshlint exit %s%s" % (
            res.os_rc, (" (%s)" % clip(cause(res.os_err).replace(d + "/", "")))
            if res.os_rc else "", res.sl_rc,
            (" (%s)" % clip(cause(res.sl_err or []).replace(
                d + "/", ""))) if res.sl_rc else ""))
        env = clean_env(os.path.join(d, "home"))
        out.append("  $ " + shell_line(oracle_cmd(c, d, hostkey), env))
        out.append("  $ " + shell_line(sshlint_cmd(sshlint, c, d, hostkey),
                                       env))
        if c.dialect == "ssh" and q.get("all"):
            out.append("  $ " + shell_line(
                sshlint_cmd(sshlint, c, d, hostkey, True), env))
        out.append("  (%s stands for %s)" % (DIR, d))
        files = sorted(c.files, key=lambda n: (n != c.main, n))
        for name in files:
            out.append("  --- %s" % name)
            for l in c.files[name].splitlines():
                out.append("  | " + l)


def write_repro(res, sshlint, hostkey):
    c, d = res.case, res.dir
    env = clean_env(os.path.join(d, "home"))
    with open(os.path.join(d, "repro.sh"), "w") as f:
        f.write("#!/bin/sh\n# %s: %s\ncd %s\n" % (c.id, res.status,
                                                  shlex.quote(d)))
        if c.dialect == "sshd":
            f.write("mkdir -p /run/sshd\n")
        f.write("%s > openssh.out; echo \"OpenSSH exit $?\"\n" %
                shell_line(oracle_cmd(c, d, hostkey), env))
        f.write("%s > sshlint.out; echo \"sshlint exit $?\"\n" %
                shell_line(sshlint_cmd(sshlint, c, d, hostkey), env))
        f.write("diff -u openssh.out sshlint.out\n")
        if c.dialect == "ssh" and c.query.get("all"):
            f.write("# --all:\n# %s\n" % shell_line(
                sshlint_cmd(sshlint, c, d, hostkey, True), env))
    os.chmod(os.path.join(d, "repro.sh"), 0o755)


def report(results, a, dialects, sshlint, hostkey, root):
    out = []
    failing = [r for r in results
               if r.status in ("lines", "exit", "fail", "harness")]
    shown = 0
    limit = None if (a.verbose or a.case) else a.show
    for res in results:
        if res.status == "agree" and not (a.verbose and a.case):
            continue
        if res.status == "skip" and not a.verbose:
            continue
        if limit is not None and shown >= limit:
            continue
        describe(res, out, a.verbose or bool(a.case), sshlint, hostkey)
        shown += 1
    if limit is not None and len(failing) > shown:
        out.append("... %d more failing cases not shown (-v shows all)" %
                   (len(failing) - shown))
    out.append("")
    out.append("sshlint show against %s, seed %d" % (
        " / ".join({"ssh": "ssh -G", "sshd": "sshd -T"}[x]
                   for x in dialects), a.seed))
    for dl in dialects:
        rs = [r for r in results if r.case.dialect == dl]
        n = len(rs)
        cnt = collections.Counter(r.status for r in rs)
        acc = sum(1 for r in rs if r.os_rc == 0)
        name = "client" if dl == "ssh" else "server"
        out.append("  %s: %d cases, %d agreed, %d line mismatches, %d exit "
                   "mismatches, %d sshlint failures, %d skipped%s" % (
                       name, n, cnt["agree"], cnt["lines"], cnt["exit"],
                       cnt["fail"], cnt["skip"],
                       (", %d harness problems" % cnt["harness"])
                       if cnt["harness"] else ""))
        if n:
            out.append("          OpenSSH accepts %d of %d (%.0f%%)" % (
                acc, n, 100.0 * acc / n))
    kw = collections.Counter()
    for r in results:
        if r.status == "lines":
            kw.update(r.keywords)
    if kw:
        out.append("  keywords of differing lines (cases): " + ", ".join(
            "%s %d" % (k, v) for k, v in kw.most_common(25)))
    groups = collections.Counter(r.group for r in results
                                 if r.status in ("exit", "fail", "harness"))
    if groups:
        out.append("  exit mismatches / failures by cause:")
        for g, v in groups.most_common(15):
            out.append("    %4d  %s" % (v, g))
    if a.oracle_only:
        errs = collections.Counter()
        for r in results:
            if r.os_rc not in (0, None):
                errs[normalize(cause(r.os_err), r.dir)] += 1
        out.append("  OpenSSH refusals by message:")
        for g, v in errs.most_common(20):
            out.append("    %4d  %s" % (v, g))
    if failing and not a.oracle_only:
        one = failing[0].case
        out.append("")
        out.append("rerun one case: python3 %s --sshlint %s --seed %d "
                   "--dialect %s --case %d -v" % (
                       os.path.relpath(os.path.abspath(__file__)),
                       a.sshlint, a.seed, one.dialect, one.index))
    if a.keep is not None and failing and not a.oracle_only:
        for r in failing:
            write_repro(r, sshlint, hostkey)
        out.append("failing cases kept in %s/<id>/ (repro.sh in each)" %
                   root)
    print("\n".join(out))
    sys.stdout.flush()
    if a.oracle_only:
        return 0
    return 1 if failing else 0


def main():
    global SSH, SSHD
    ap = argparse.ArgumentParser(
        description="Compare 'sshlint show' with ssh -G / sshd -T on "
        "random configuration trees.")
    ap.add_argument("--sshlint", default="build/cli/sshlint")
    ap.add_argument("--cases", type=int, default=300,
                    help="generated cases per dialect (default %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dialect", choices=["ssh", "sshd", "both"],
                    default="both")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--case", type=int, action="append", metavar="I",
                    help="run only case I (repeatable); prints its files")
    ap.add_argument("--keep", nargs="?", const="", metavar="DIR",
                    help="keep the failing cases (in DIR, default a temp "
                    "dir) with a repro.sh each")
    ap.add_argument("--show", type=int, default=40, metavar="N",
                    help="list at most N failing cases (default "
                    "%(default)s; -v lists all)")
    ap.add_argument("--oracle-only", action="store_true",
                    help="run OpenSSH only: acceptance rate of the "
                    "generator and OpenSSH's refusal messages")
    ap.add_argument("--list", action="store_true",
                    help="print the generated cases, run nothing")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--ssh", default=SSH, help=argparse.SUPPRESS)
    ap.add_argument("--sshd", default=SSHD, help=argparse.SUPPRESS)
    a = ap.parse_args()
    SSH, SSHD = a.ssh, a.sshd

    dialects = ["ssh", "sshd"] if a.dialect == "both" else [a.dialect]
    indices = a.case if a.case else range(a.cases)
    cases = [generate(a.seed, dl, i) for dl in dialects for i in indices]
    if a.list:
        for c in cases:
            print("=== %s  %r" % (c.id, {k: v for k, v in c.query.items()
                                         if k != "literal"}))
            for name in sorted(c.files, key=lambda n: (n != c.main, n)):
                print("--- %s" % name)
                sys.stdout.write(c.files[name])
        return 0

    need = {"ssh": SSH, "sshd": SSHD}
    for dl in dialects:
        if not os.access(need[dl], os.X_OK):
            print("SKIP: %s not installed" % need[dl])
            return 77
    sshlint = os.path.abspath(a.sshlint)
    if not a.oracle_only and not os.access(sshlint, os.X_OK):
        print("showdiff: sshlint binary %s not found" % a.sshlint,
              file=sys.stderr)
        return 2

    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        root = os.path.realpath(tempfile.mkdtemp(prefix="showdiff-",
                                                 dir=a.keep))
    else:
        root = os.path.realpath(tempfile.mkdtemp(prefix="sshlint-showdiff-"))
    keep_root = False
    try:
        hostkey = os.path.join(root, "hostkey")
        if "sshd" in dialects:
            p = subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                                "-C", "showdiff", "-f", hostkey],
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            if p.returncode != 0:
                print("SKIP: ssh-keygen failed: %s" % p.stdout.decode())
                return 77
            try:
                os.makedirs("/run/sshd", exist_ok=True)
            except OSError:
                pass
        # the oracles must accept a trivial file, or they cannot run here
        for dl in list(dialects):
            probe = Case("probe-" + dl, dl, -1,
                         {"ssh_config" if dl == "ssh" else "sshd_config":
                          "# empty\n"},
                         {"host": "probe", "spec": []})
            r = run_case(probe, root, hostkey, sshlint, oracle_only=True)
            if r.os_rc != 0:
                print("SKIP %s: %s cannot run here: %s" % (
                    dl, need[dl], "; ".join(r.os_err[:2]) or r.detail))
                dialects.remove(dl)
            shutil.rmtree(r.dir, ignore_errors=True)
        if not dialects:
            return 77
        cases = [c for c in cases if c.dialect in dialects]
        results = [None] * len(cases)
        with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as ex:
            futs = {ex.submit(run_case, c, root, hostkey, sshlint,
                              a.oracle_only): i
                    for i, c in enumerate(cases)}
            for f in concurrent.futures.as_completed(futs):
                res = f.result()
                results[futs[f]] = res
                if res.status in ("agree", "skip") or a.keep is None:
                    shutil.rmtree(res.dir, ignore_errors=True)
        rc = report(results, a, dialects, sshlint, hostkey, root)
        keep_root = a.keep is not None and rc != 0
        return rc
    finally:
        if not keep_root:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
