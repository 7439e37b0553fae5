#!/usr/bin/env python3
"""Differential accept/reject test: sshlint against the installed OpenSSH.

For every generated configuration (and a fixed list of hand-written edge
cases) this compares

  * OpenSSH's verdict:   ssh -G -F FILE example   (client, exit 255 = reject)
                         sshd -t -f FILE -h KEY   (server, non-zero = reject)
  * sshlint's verdict:   sshlint --openssh 9.2 --dialect D --format json
                         (reject = at least one error-severity diagnostic)

and, when both reject, that every line OpenSSH names in its messages carries
an error-severity sshlint diagnostic (same file, same line).

Python 3 standard library only.  Exit status: 0 all agree, 1 disagreements
(listed on stdout), 77 skipped (no /usr/bin/ssh or /usr/sbin/sshd, or they
cannot be run here), 2 usage / harness error.  See README.md next to this file.
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

SSH = "/usr/bin/ssh"
SSHD = "/usr/sbin/sshd"
TARGET_HOST = "example"
MAIN = "main.conf"
DIR = "@DIR@"          # replaced by the case directory when written out
TIMEOUT = 30

# ---------------------------------------------------------------------------
# Names known to the installed 9.2p1 (ssh -Q).  Hard-coded so that generation
# does not depend on the machine.

CIPHERS = """3des-cbc aes128-cbc aes192-cbc aes256-cbc aes128-ctr aes192-ctr
aes256-ctr aes128-gcm@openssh.com aes256-gcm@openssh.com
chacha20-poly1305@openssh.com""".split()
MACS = """hmac-sha1 hmac-sha1-96 hmac-sha2-256 hmac-sha2-512 hmac-md5 hmac-md5-96
umac-64@openssh.com umac-128@openssh.com hmac-sha1-etm@openssh.com
hmac-sha1-96-etm@openssh.com hmac-sha2-256-etm@openssh.com
hmac-sha2-512-etm@openssh.com hmac-md5-etm@openssh.com
hmac-md5-96-etm@openssh.com umac-64-etm@openssh.com
umac-128-etm@openssh.com""".split()
KEX = """diffie-hellman-group1-sha1 diffie-hellman-group14-sha1
diffie-hellman-group14-sha256 diffie-hellman-group16-sha512
diffie-hellman-group18-sha512 diffie-hellman-group-exchange-sha1
diffie-hellman-group-exchange-sha256 ecdh-sha2-nistp256 ecdh-sha2-nistp384
ecdh-sha2-nistp521 curve25519-sha256 curve25519-sha256@libssh.org
sntrup761x25519-sha512 sntrup761x25519-sha512@openssh.com""".split()
KEYS = """ssh-ed25519 ssh-ed25519-cert-v01@openssh.com sk-ssh-ed25519@openssh.com
sk-ssh-ed25519-cert-v01@openssh.com ecdsa-sha2-nistp256
ecdsa-sha2-nistp256-cert-v01@openssh.com ecdsa-sha2-nistp384
ecdsa-sha2-nistp384-cert-v01@openssh.com ecdsa-sha2-nistp521
ecdsa-sha2-nistp521-cert-v01@openssh.com sk-ecdsa-sha2-nistp256@openssh.com
sk-ecdsa-sha2-nistp256-cert-v01@openssh.com
webauthn-sk-ecdsa-sha2-nistp256@openssh.com ssh-dss ssh-dss-cert-v01@openssh.com
ssh-rsa ssh-rsa-cert-v01@openssh.com rsa-sha2-256
rsa-sha2-256-cert-v01@openssh.com rsa-sha2-512
rsa-sha2-512-cert-v01@openssh.com""".split()
GSSKEX = """gss-gex-sha1- gss-group1-sha1- gss-group14-sha1- gss-group14-sha256-
gss-group16-sha512- gss-nistp256-sha256- gss-curve25519-sha256-""".split()
# Names of other releases / other kinds / garbage.
ALG_WRONG = ["bogus-alg", "aes128-cbc@openssh.com", "chacha20-poly1305",
             "mlkem768x25519-sha256", "sntrup761x25519-sha512@openssh.comx",
             "hmac-sha2-256-96", "arcfour", "blowfish-cbc", "ssh-ed448",
             "rsa-sha2-384", "gss-curve25519-sha256-", "none",
             "ssh-rsa-sha256@ssh.com", "hmac-ripemd160"]

# ---------------------------------------------------------------------------
# Value generators.  Each takes (gen, rng) and returns the argument text (may
# hold several blank-separated arguments) or None for "no argument at all".


def pick(*choices):
    return lambda g, r: r.choice(choices)


def any_of(*gens):
    return lambda g, r: r.choice(gens)(g, r)


FLAG_SSH = pick("yes", "no", "true", "false", "Yes", "NO", "True", "yes",
                "no")
FLAG_SSHD = pick("yes", "no", "Yes", "NO", "yes", "no")
FLAG_BAD = pick("maybe", "on", "off", "1", "0", "yess", "y", '""', "enabled",
                "yes no", "true", "false")
INT = pick("0", "1", "3", "6", "10", "100", "1024", "2147483647", "007")
INT_BAD = pick("-1", "2147483648", "10x", "abc", "1.5", "0x10", '""', "+5",
               "99999999999", "1 2")
TIME = pick("0", "30", "1h30m", "10s", "5M", "2w", "1d", "90", "1H", "3600",
            "1h2m3s", "120m", "1W", "00", "1h0", "0s", "2147483647",
            "596523h")
TIME_BAD = pick("10x", "-5", "h", "1h 30m", "99999999999", "1.5h", "5mm",
                "s", "30sec", '""', "1y")
TIME_OR_NONE = any_of(TIME, pick("none", "None"))
PORT = pick("22", "2222", "65535", "1", "ssh", "8022", "443", "022",
            "+22")
PORT_BAD = pick("0", "65536", "-1", "bogus", "22x", '""', "99999", "22 23",
                "0x16")
LOGLEVEL = pick("QUIET", "FATAL", "ERROR", "INFO", "VERBOSE", "DEBUG",
                "DEBUG1", "DEBUG2", "DEBUG3", "info", "Verbose", "SILENT")
LOGLEVEL_BAD = pick("DEBUG4", "WARN", "LOUD", "warning", "INFO VERBOSE", "0")
FACILITY = pick("DAEMON", "USER", "AUTH", "AUTHPRIV", "LOCAL0", "LOCAL7",
                "local3", "auth")
FACILITY_BAD = pick("LOCAL8", "KERN", "SYSLOG", "MAIL", "AUTH USER")
IPQOS1 = ["af11", "af12", "af13", "af21", "af22", "af23", "af31", "af32",
          "af33", "af41", "af42", "af43", "cs0", "cs1", "cs2", "cs3", "cs4",
          "cs5", "cs6", "cs7", "ef", "le", "lowdelay", "throughput",
          "reliability", "none", "0", "8", "184", "AF21", "CS1"]


def ipqos(g, r):
    if r.random() < 0.5:
        return r.choice(IPQOS1)
    return r.choice(IPQOS1) + " " + r.choice(IPQOS1)


IPQOS_BAD = pick("af44", "cs8", "bogus", "af21 cs1 ef", "256", "-1",
                 "lowdelay,throughput", "0x10", "af2")
STRING = pick("alice", "bob", "git", "root", "deploy-user", "u_1",
              "alice@corp", "x")
PATH = pick("/tmp/sshlint-difftest/x", "~/.ssh/id_ed25519", "/dev/null",
            "~/.ssh/known_hosts", "/nonexistent/path", "none",
            "/tmp/with space/x")


def wrong_enum(*good):
    bad = ["maybe", "bogus", "yes no", "1", "ask-me", '""']
    return lambda g, r: r.choice(bad + [r.choice(good) + "x"])


def enum(*vals):
    return pick(*vals)


def alglist(names, wildcard_ok):
    def valid(g, r):
        items = r.sample(names, r.randint(1, 3))
        if wildcard_ok and r.random() < 0.2:
            items[0] = items[0][:5] + "*"
        pre = r.choice(["", "", "", "+", "-", "^"])
        return pre + ",".join(items)

    def invalid(g, r):
        items = r.sample(names, r.randint(1, 2))
        k = r.randint(0, 10)
        if k == 0:
            items.insert(r.randint(0, len(items)), r.choice(ALG_WRONG))
        elif k == 1:
            items[0] = items[0][:4] + "*"
        elif k == 2:
            items[0] = items[0].upper()
        elif k == 3:
            items.insert(1, "")          # a,,b
        elif k == 4:
            items.append("")             # trailing comma
        elif k == 5:
            items[0] = "!" + items[0]
        elif k == 6:
            return ",".join(items) + " " + r.choice(names)   # two args
        elif k == 7:
            return r.choice(["-", "+", "^"]) + r.choice(ALG_WRONG)
        elif k == 8:
            return r.choice(['""', "+", "-*", "*", "-", ",", "+,"])
        elif k == 9:
            items.insert(0, r.choice(ALG_WRONG) + "*")
        else:
            return r.choice(["+", "-", "^"]) + ",".join(items) + "," + \
                r.choice(ALG_WRONG)
        return r.choice(["", "", "+", "-", "^"]) + ",".join(items)
    return valid, invalid


CIPHER_V, CIPHER_I = alglist(CIPHERS, False)
MAC_V, MAC_I = alglist(MACS, False)
KEX_V, KEX_I = alglist(KEX, False)
KEY_V, KEY_I = alglist(KEYS, True)


def gsskex(g, r):
    return ",".join(r.sample(GSSKEX, r.randint(1, 3)))


GSSKEX_BAD = pick("+gss-curve25519-sha256-", "gss-bogus-", "-gss-gex-sha1-",
                  "gss-curve25519-sha256", "gss-group14-sha1-,bogus")

# ---- ssh specials ----
LFWD = pick("8080 localhost:80", "127.0.0.1:8080 example.com:80",
            "[::1]:8080 [::1]:80", "localhost:5432 db:5432",
            "*:8080 localhost:80", "/tmp/sock.local host:80",
            "8080 /tmp/remote.sock", "8080 [2001:db8::1]:80",
            "0.0.0.0:2000 10.0.0.1:22", "::1/8080 localhost/80",
            "8080 2001:db8::1/80", "localhost:8080 localhost:ssh",
            "[127.0.0.1]:8080 x:80")
LFWD_BAD = pick("8080", "abc localhost:80", "8080 localhost",
                "70000 localhost:80", "8080 localhost:70000",
                "8080 localhost:80 extra", "[::1:8080 x:80", "8080 :80",
                "host: localhost:80")
RFWD = any_of(LFWD, pick("1080", "localhost:1080", "[::1]:1080"))
RFWD_BAD = any_of(LFWD_BAD, pick("abc", "70000"))
DFWD = pick("1080", "localhost:1080", "[::1]:1080", "*:1080",
            "127.0.0.1:9050")
DFWD_BAD = pick("abc", "1080 extra", "70000", "host:", "localhost:x",
                "0", "-1")
ADDKEYS = pick("yes", "no", "ask", "confirm", "confirm 5m", "1h", "30",
               "Confirm", "true", "false")
ADDKEYS_BAD = pick("maybe", "confirm x", "ask 5", "yes 1h", "5x")
CPERSIST = pick("yes", "no", "true", "false", "10m", "0", "1h30m", "600")
CPERSIST_BAD = pick("YES", "True", "No", "maybe", "10x", "-1")
REKEY = pick("default", "1G", "500M 1h", "16", "0", "1G none",
             "default none", "4K 30m", "2147483647")
REKEY_BAD = pick("1X", "1G 1x", "15", "-1", "default 1h extra", "abc", "1.5G",
                 "1T")
ESCAPE = pick("~", "^A", "none", "%", "^]", "+")
ESCAPE_BAD = pick("ab", "^", "^1", "~~", '""')
TUNDEV = pick("any", "any:any", "0:1", "5", "0:any")
TUNDEV_BAD = pick("x", "1:y", "-1", "any:", "1:2:3")
BINDMASK = pick("0177", "077", "0777", "0", "0022", "000")
BINDMASK_BAD = pick("0778", "1000", "abc", "8", "-1", "0x1f")
SENDENV = pick("LANG LC_*", "-LC_*", "GIT_*", "A B C", "-*", "LC_ALL")
SENDENV_BAD = pick("A=B", "LANG LC_ALL=C")
SETENV = pick("FOO=bar", '"FOO=a b"', "A=1 B=2", "EMPTY=", "X=y=z")
SETENV_BAD = pick("FOO", "=x", "FOO bar", '""')
CDOMAINS = pick("example.com", "example.com corp.example.org", "none",
                "a.b.c", "example.com.", "_srv.example.com", "EXAMPLE.COM")
CDOMAINS_BAD = pick("foo..bar", "-x.com", "none example.com",
                    "exa_mple.com", "*.example.com")
CNAMES = pick("*.a.example:*.b.example", "none", "*:*",
              "*.a.example,*.c.example:*.b.example")
CNAMES_BAD = pick("foo", "none *:*", "a:b:c", ":x")
REMOTEOPEN = pick("any", "none", "host:22", "*:*", "localhost:8080 db:5432",
                  "[::1]:22", "host:*")
REMOTEOPEN_BAD = pick("host", "host:abc", "any host:22", ":22", "host:-1")
LOGVERB = pick("kex.c:*:*", "none", "sshconnect2.c:*:1234",
               "kex.c:kex_exchange_identification:*,packet.c:*:*")
LOGVERB_BAD = pick("none kex.c:*:*", '""')
KHFILES = pick("~/.ssh/known_hosts", "none", "/dev/null",
               "~/.ssh/known_hosts ~/.ssh/known_hosts2",
               "/etc/ssh/ssh_known_hosts")
KHFILES_BAD = pick("none /x", '""')
# ${VAR} is looked up in ssh's environment when the line is parsed, and a
# ForwardAgent socket path must exist (fatal with ExitOnForwardFailure):
# neither depends on the file alone, so only ${...} syntax errors are made.
IDAGENT = pick("SSH_AUTH_SOCK", "none", "/tmp/agent.sock", "$SSH_AUTH_SOCK",
               "~/.ssh/agent.sock")
IDAGENT_BAD = pick("$1bad", "${unterminated", "$", "a b")
FWDAGENT = FLAG_SSH
FWDAGENT_BAD = pick("maybe", "${x", "yes no", "1")
PROXYJUMP = pick("jump", "user@jump:2222", "a,b", "none",
                 "ssh://u@h:22", "[2001:db8::1]:22", "j1,user@j2")
PROXYJUMP_BAD = pick("user@", ":22", "ssh://", "host:abc", "a,,b",
                     "host:70000", "@host")
CMD = pick("nc %h %p", "none", "ssh -W %h:%p jump", "echo hello",
           "sh -c 'exec nc %h %p'", '/usr/bin/nc "%h" %p',
           "connect -S proxy:1080 %h %p")
CMD_BAD = pick("sh -c 'echo", 'echo "unterminated', "")
STRICT = pick("yes", "no", "true", "false", "ask", "off", "accept-new", "Ask")
PUBKEYAUTH = pick("yes", "no", "true", "false", "unbound", "host-bound")
CONTROLMASTER = pick("yes", "no", "true", "false", "ask", "auto", "autoask")
REQTTY = pick("yes", "no", "true", "false", "force", "auto")
TUNNEL = pick("yes", "no", "true", "false", "point-to-point", "ethernet")
CANON = pick("yes", "no", "true", "false", "always")
VERIFYDNS = pick("yes", "no", "true", "false", "ask")
FPHASH = pick("md5", "sha256", "SHA256", "MD5")
FPHASH_BAD = pick("sha1", "sha512", "md5 sha256")
AF = pick("any", "inet", "inet6", "INET")
AF_BAD = pick("inet4", "ipv6", "both")
PREFAUTH = pick("publickey", "publickey,password",
                "gssapi-with-mic,hostbased,publickey,keyboard-interactive,"
                "password")

# ---- sshd specials ----
PERMITROOT = pick("yes", "no", "prohibit-password", "without-password",
                  "forced-commands-only", "Prohibit-Password")
PERMITROOT_BAD = pick("true", "maybe", "prohibit_password", "without-pw")
IGNRHOSTS = pick("yes", "no", "shosts-only")
GWPORTS = pick("yes", "no", "clientspecified")
TCPFWD = pick("yes", "no", "all", "local", "remote", "All")
PERMTUN = pick("yes", "no", "point-to-point", "ethernet")
PERMTUN_BAD = pick("YES", "Ethernet", "true", "maybe")
COMPRESSION_SSHD = pick("yes", "no", "delayed", "Delayed")
PERMUSERENV = pick("yes", "no", "LANG,LC_*", "YES", "FOO", "No")
MAXSTARTUPS = pick("10", "10:30:100", "1:100:1", "100")
MAXSTARTUPS_BAD = pick("10:101:100", "100:30:10", "10:30", "a:b:c", "-1",
                       "10:0:100", "10:30:100:5")
PSMAXSTARTUPS = pick("none", "5", "100", "None")
PSMAXSTARTUPS_BAD = pick("x", "-1", "5 6", "0")
PSNETBLOCK = pick("24", "24:56", "32:128", "0:0", "16:48")
PSNETBLOCK_BAD = pick("33", "24:129", "-1", "x", "24:", ":56", "24:56:1")
LISTEN = pick("0.0.0.0", "[::]:22", "1.2.3.4:2222", "::1", "127.0.0.1",
              "[::1]", "10.0.0.1:22")
LISTEN_BAD = pick("1.2.3.4:abc", "[::1", "1.2.3.4:70000",
                  "10.0.0.1 rdomain r", "1.2.3.4 extra", "[::1]:",
                  "1.2.3.4:0")
SUBSYS = pick("sftp /usr/lib/openssh/sftp-server", "sftp internal-sftp",
              "backup /usr/local/bin/backup -l INFO", "x /bin/true")
SUBSYS_BAD = pick("sftp", '"" /bin/true')
ALLOWUSERS = pick("alice", "bob@host.example.com", "carol@10.0.0.0/8",
                  "alice bob", "*", "dave@192.168.1.*", "!eve *")
ALLOWUSERS_BAD = pick("dave@10.0.0.1/33", "erin@10.0.0.0/", "x@1.2.3.4/99")
ACCEPTENV = pick("LANG LC_*", "GIT_*", "XMODIFIERS", "*")
ACCEPTENV_BAD = pick("A=B", "LANG LC_ALL=C")
AKFILE = pick(".ssh/authorized_keys", ".ssh/authorized_keys "
              ".ssh/authorized_keys2", "none", "/etc/ssh/keys/%u",
              "%h/.ssh/authorized_keys", "/etc/ssh/keys/%U")
AUTHMETH = pick("publickey,password", "any", "publickey",
                "publickey,keyboard-interactive:pam",
                "publickey publickey,password", "password,publickey",
                "hostbased,publickey", "gssapi-with-mic publickey",
                "keyboard-interactive:bsdauth", "publickey,publickey",
                "password hostbased")
AUTHMETH_BAD = pick("bogus", "any publickey", "publickey,", "publickey,,",
                    "publickey,bogus", "keyboard-interactive:")
PERMITOPEN = pick("any", "none", "host:22", "host:*", "[::1]:22",
                  "localhost:8080 db:5432", "*:80")
PERMITOPEN_BAD = pick("host", "host:abc", "any host:22", ":22")
PERMITLISTEN = pick("22", "localhost:8080", "any", "none", "*:2222",
                    "[::1]:22")
PERMITLISTEN_BAD = pick("abc", "host:abc", "any 22", "70000")
CHTIMEOUT = pick("session=5m", "global=1h", "none", "session:*=30m",
                 "direct-tcpip=10m forwarded-tcpip=1h")
CHTIMEOUT_BAD = pick("session", "session=x", "none session=5m", "=5m")
PKOPTS = pick("none", "touch-required", "verify-required",
              "touch-required verify-required")
PKOPTS_BAD = pick("bogus", "none,touch-required")
AKCMD = pick("/usr/bin/sss_ssh_authorizedkeys %u",
             "/bin/false", "none", "/usr/local/bin/keys %u %f")
AKCMD_BAD = pick("relative/cmd", "sss_ssh_authorizedkeys %u")
VERADD = pick("hello", "none", "hello#world  # c", "Debian-1")
HOSTKEY = pick("/nonexistent/ssh_host_ed25519_key", DIR + "/hk")

# Match criteria ------------------------------------------------------------

SSH_MATCH_OK = ["all", "host example", "host=example", "host other",
                "!host other", "originalhost example,other",
                "user root", "localuser root", 'exec "true"', "exec true",
                'exec "test -e /nonexistent"', "final", "canonical",
                "!final", "host example all", "canonical all",
                "Host *.example.com", 'host "example,other"',
                "user root host example", "!canonical host other",
                "originalhost=ex* !user=nobody", "localuser=root"]
SSH_MATCH_BAD = ["host=", 'host "a b"', "exec", "all host example", "tagged x", "localnetwork 10.0.0.0/8",
                 "host", "bogus x", "all all", "exec 'test 1 = 1'",
                 "version 9.2", "user", "host example exec", "!all",
                 "host example all all", "sessiontype shell", "Tag x"]
SSHD_MATCH_OK = ["User alice", "user=alice", "Group staff",
                 "Host *.example.com", "Address 10.0.0.0/8",
                 "Address 192.168.1.0/24,!192.168.1.1", "LocalAddress 127.0.0.1",
                 "LocalPort 22", "RDomain r0", "All", "all",
                 "User alice Address 10.0.0.0/8", "User !x", "User alice,bob",
                 "Address 2001:db8::/32", "Address 1.2.3.4",
                 "group=wheel host=*.example.com", "User root LocalPort 2222"]
SSHD_MATCH_BAD = ["User=", 'User "a b"', "Host", "Address 1.2.3.5/24", "Address 10.0.0.0/33",
                  "LocalPort bogus", "LocalPort 0", "LocalPort 65536",
                  "all User x", "User x all", "!User x", "User", "Bogus x",
                  "Invalid-User", "Version 9.2", "Address 10.0.0.0/8,1.2.3.5/24",
                  "LocalPort 22,23", "Address", "LocalAddress 999.1.1.1/8"]

SSH_HOST_OK = ["*", "example", "other", "*.example.com", "!example *",
               "ex*", "exa?ple", "example other", "192.168.0.*", "!other *",
               '"example"', "EXAMPLE", "a,b", "!bad", "* !other"]
SSH_HOST_BAD = [None, '""', '"*" ""', 'example ""']

# ---------------------------------------------------------------------------
# Keyword tables.  K(name, valid, invalid, m=allowed in sshd Match,
# pct=value may hold %-tokens expanded after parsing (ssh), raw=rest-of-line)


class K:
    def __init__(self, name, valid, invalid=None, m=True, pct=False,
                 raw=False):
        self.name, self.valid, self.invalid = name, valid, invalid
        self.m, self.pct, self.raw = m, pct, raw


def ssh_keywords():
    t = []
    flags = """BatchMode CheckHostIP ClearAllForwardings EnableEscapeCommandline
    EnableSSHKeysign ExitOnForwardFailure ForwardX11 ForwardX11Trusted
    GatewayPorts HashKnownHosts HostbasedAuthentication IdentitiesOnly
    NoHostAuthenticationForLocalhost PasswordAuthentication PermitLocalCommand
    ProxyUseFdpass StdinNull StreamLocalBindUnlink VisualHostKey
    CanonicalizeFallbackLocal GSSAPIAuthentication GSSAPIDelegateCredentials
    TCPKeepAlive KeepAlive KbdInteractiveAuthentication
    ChallengeResponseAuthentication SKeyAuthentication TISAuthentication
    GSSAPITrustDns GSSAPIRenewalForcesRekey GSSAPIKeyExchange""".split()
    for f in flags:
        t.append(K(f, FLAG_SSH, FLAG_BAD))
    # ForkAfterAuthentication yes makes ssh -G fail without a command: that
    # depends on the command line, not the file, so only no/false/garbage.
    t.append(K("ForkAfterAuthentication", pick("no", "false", "No"),
               pick("maybe", "1")))
    ints = """ConnectionAttempts NumberOfPasswordPrompts ServerAliveCountMax
    CanonicalizeMaxDots RequiredRSASize""".split()
    for i in ints:
        t.append(K(i, INT, INT_BAD))
    for i in ["ConnectTimeout", "ForwardX11Timeout", "ServerAliveInterval",
              "ProtocolKeepAlives", "SetupTimeOut"]:
        t.append(K(i, TIME_OR_NONE, TIME_BAD))
    t += [
        K("Port", PORT, PORT_BAD),
        K("AddKeysToAgent", ADDKEYS, ADDKEYS_BAD),
        K("AddressFamily", AF, AF_BAD),
        K("PubkeyAuthentication", PUBKEYAUTH, wrong_enum("unbound")),
        K("DSAAuthentication", FLAG_SSH, FLAG_BAD),
        K("Compression", pick("yes", "no", "Yes"), pick("true", "false",
                                                          "delayed", "maybe")),
        K("StrictHostKeyChecking", STRICT, wrong_enum("accept-new")),
        K("VerifyHostKeyDNS", VERIFYDNS, wrong_enum("ask")),
        K("UpdateHostKeys", VERIFYDNS, wrong_enum("ask")),
        K("ControlMaster", CONTROLMASTER, wrong_enum("autoask")),
        K("ControlPersist", CPERSIST, CPERSIST_BAD),
        K("RequestTTY", REQTTY, wrong_enum("force")),
        K("SessionType", pick("none", "subsystem", "default"),
          wrong_enum("shell")),
        K("Tunnel", TUNNEL, wrong_enum("ethernet")),
        K("CanonicalizeHostname", CANON, wrong_enum("always")),
        K("TunnelDevice", TUNDEV, TUNDEV_BAD),
        K("RekeyLimit", REKEY, REKEY_BAD),
        K("EscapeChar", ESCAPE, ESCAPE_BAD),
        K("IPQoS", ipqos, IPQOS_BAD),
        K("LogLevel", LOGLEVEL, LOGLEVEL_BAD),
        K("SyslogFacility", FACILITY, FACILITY_BAD),
        K("FingerprintHash", FPHASH, FPHASH_BAD),
        K("StreamLocalBindMask", BINDMASK, BINDMASK_BAD),
        K("User", STRING, pick('""', "a b")),
        K("Hostname", pick("host.example.com", "10.0.0.1", "%h.example.com",
                           "EXAMPLE.org", "%h"),
          pick('""', "a b", "%p.example.com", "%z", "host%"), pct=True),
        K("HostKeyAlias", pick("alias", "gw.example"), pick('""', "a b")),
        K("BindAddress", pick("10.0.0.1", "::1", "localhost"), pick("a b")),
        K("BindInterface", pick("eth0", "lo"), pick("a b", '""')),
        K("PreferredAuthentications", PREFAUTH, pick("a b")),
        K("KbdInteractiveDevices", pick("pam", "bsdauth,pam"), pick("a b")),
        K("XAuthLocation", pick("/usr/bin/xauth"), pick("a b")),
        K("ControlPath", pick("~/.ssh/cm-%r@%h:%p", "none", "/tmp/%C",
                              "~/.ssh/master-%%"),
          pick("/tmp/%z", "a b", "/tmp/%"), pct=True),
        K("RevokedHostKeys", pick("/etc/ssh/revoked", "none"), pick("a b")),
        K("SecurityKeyProvider", pick("internal", "/usr/lib/libsk.so"),
          pick("a b")),
        K("PKCS11Provider", pick("/usr/lib/opensc-pkcs11.so", "none"),
          pick("a b")),
        K("SmartcardDevice", pick("/usr/lib/opensc-pkcs11.so"), pick("a b")),
        K("GSSAPIClientIdentity", pick("alice@EXAMPLE.COM"), pick("a b")),
        K("GSSAPIServerIdentity", pick("host@EXAMPLE.COM"), pick("a b")),
        K("GSSAPIKexAlgorithms", gsskex, GSSKEX_BAD),
        K("IdentityAgent", IDAGENT, IDAGENT_BAD, pct=True),
        K("ForwardAgent", FWDAGENT, FWDAGENT_BAD),
        K("ProxyCommand", CMD, CMD_BAD, raw=True),
        K("LocalCommand", CMD, CMD_BAD, raw=True),
        K("RemoteCommand", pick("tmux new -A -s main", "none", "ls -la",
                                "echo %h"),
          pick("echo %z", "sh -c 'x"), raw=True, pct=True),
        K("KnownHostsCommand", pick("/usr/bin/get-keys %H", "none"),
          CMD_BAD, raw=True),
        K("ProxyJump", PROXYJUMP, PROXYJUMP_BAD, raw=True),
        K("IdentityFile", PATH, pick("a b", '""')),
        K("IdentityFile2", PATH, pick("a b")),
        K("CertificateFile", PATH, pick("a b", '""')),
        K("LocalForward", LFWD, LFWD_BAD, pct=True),
        K("RemoteForward", RFWD, RFWD_BAD, pct=True),
        K("DynamicForward", DFWD, DFWD_BAD),
        K("SendEnv", SENDENV, SENDENV_BAD),
        K("SetEnv", SETENV, SETENV_BAD),
        K("GlobalKnownHostsFile", KHFILES, KHFILES_BAD),
        K("UserKnownHostsFile", KHFILES, any_of(KHFILES_BAD, pick("/x/%z")),
          pct=True),
        K("CanonicalDomains", CDOMAINS, CDOMAINS_BAD),
        K("CanonicalizePermittedCNAMEs", CNAMES, CNAMES_BAD),
        K("LogVerbose", LOGVERB, LOGVERB_BAD),
        K("PermitRemoteOpen", REMOTEOPEN, REMOTEOPEN_BAD),
        K("Ciphers", CIPHER_V, CIPHER_I),
        K("MACs", MAC_V, MAC_I),
        K("KexAlgorithms", KEX_V, KEX_I),
        K("HostKeyAlgorithms", KEY_V, KEY_I),
        K("CASignatureAlgorithms", KEY_V, KEY_I),
        K("HostbasedAcceptedAlgorithms", KEY_V, KEY_I),
        K("HostbasedKeyTypes", KEY_V, KEY_I),
        K("PubkeyAcceptedAlgorithms", KEY_V, KEY_I),
        K("PubkeyAcceptedKeyTypes", KEY_V, KEY_I),
    ]
    return t


def sshd_keywords():
    t = []
    mflags = """AllowAgentForwarding DisableForwarding ExposeAuthInfo
    GSSAPIAuthentication HostbasedAuthentication
    HostbasedUsesNameFromPacketOnly KerberosAuthentication
    PasswordAuthentication PermitEmptyPasswords PermitTTY PermitUserRC
    PubkeyAuthentication StreamLocalBindUnlink X11Forwarding X11UseLocalhost
    KbdInteractiveAuthentication ChallengeResponseAuthentication
    SKeyAuthentication""".split()
    gflags = """DSAAuthentication UsePAM PrintMotd PrintLastLog
    IgnoreUserKnownHosts StrictModes UseDNS KerberosOrLocalPasswd
    KerberosTicketCleanup GSSAPICleanupCredentials GSSAPICleanupCreds
    GSSAPIStrictAcceptorCheck GSSAPIKeyExchange GSSAPIStoreCredentialsOnRekey
    DebianBanner TCPKeepAlive KeepAlive""".split()
    for f in mflags:
        t.append(K(f, FLAG_SSHD, FLAG_BAD, m=True))
    for f in gflags:
        t.append(K(f, FLAG_SSHD, FLAG_BAD, m=False))
    for i in ["X11DisplayOffset", "MaxAuthTries", "MaxSessions",
              "ClientAliveCountMax", "RequiredRSASize"]:
        t.append(K(i, INT, INT_BAD, m=True))
    t += [
        K("PermitRootLogin", PERMITROOT, PERMITROOT_BAD),
        K("IgnoreRhosts", IGNRHOSTS, wrong_enum("shosts-only")),
        K("GatewayPorts", GWPORTS, wrong_enum("clientspecified")),
        K("AllowTcpForwarding", TCPFWD, wrong_enum("local")),
        K("AllowStreamLocalForwarding", TCPFWD, wrong_enum("remote")),
        K("PermitTunnel", PERMTUN, PERMTUN_BAD),
        K("AddressFamily", AF, AF_BAD, m=False),
        K("Compression", COMPRESSION_SSHD, pick("true", "maybe", "false"),
          m=False),
        K("PermitUserEnvironment", PERMUSERENV, pick('""', "a b"), m=False),
        K("ClientAliveInterval", TIME, TIME_BAD),
        K("UnusedConnectionTimeout", TIME_OR_NONE, TIME_BAD),
        K("LoginGraceTime", TIME, TIME_BAD, m=False),
        K("RekeyLimit", REKEY, REKEY_BAD),
        K("IPQoS", ipqos, IPQOS_BAD),
        K("LogLevel", LOGLEVEL, LOGLEVEL_BAD),
        K("SyslogFacility", FACILITY, FACILITY_BAD, m=False),
        K("LogVerbose", LOGVERB, LOGVERB_BAD),
        K("StreamLocalBindMask", BINDMASK, BINDMASK_BAD),
        K("FingerprintHash", FPHASH, FPHASH_BAD, m=False),
        K("MaxStartups", MAXSTARTUPS, MAXSTARTUPS_BAD, m=False),
        K("PerSourceMaxStartups", PSMAXSTARTUPS, PSMAXSTARTUPS_BAD, m=False),
        K("PerSourceNetBlockSize", PSNETBLOCK, PSNETBLOCK_BAD, m=False),
        K("Port", PORT, PORT_BAD, m=False),
        K("ListenAddress", LISTEN, LISTEN_BAD, m=False),
        K("HostKey", HOSTKEY, pick('""'), m=False),
        K("HostDSAKey", HOSTKEY, pick('""'), m=False),
        K("HostCertificate", pick("/nonexistent/cert.pub"), pick('""'),
          m=False),
        K("Subsystem", SUBSYS, SUBSYS_BAD, m=False),
        K("AllowUsers", ALLOWUSERS, ALLOWUSERS_BAD),
        K("DenyUsers", ALLOWUSERS, ALLOWUSERS_BAD),
        K("AllowGroups", pick("wheel", "staff sudo", "*", "!nogroup *"),
          pick('""')),
        K("DenyGroups", pick("nogroup", "guests"), pick('""')),
        K("AcceptEnv", ACCEPTENV, ACCEPTENV_BAD),
        K("SetEnv", SETENV, SETENV_BAD),
        K("AuthorizedKeysFile", AKFILE, pick('""')),
        K("AuthenticationMethods", AUTHMETH, AUTHMETH_BAD),
        K("PermitOpen", PERMITOPEN, PERMITOPEN_BAD),
        K("PermitListen", PERMITLISTEN, PERMITLISTEN_BAD),
        K("ChannelTimeout", CHTIMEOUT, CHTIMEOUT_BAD),
        K("PubkeyAuthOptions", PKOPTS, PKOPTS_BAD),
        K("Ciphers", CIPHER_V, CIPHER_I, m=False),
        K("MACs", MAC_V, MAC_I, m=False),
        K("KexAlgorithms", KEX_V, KEX_I, m=False),
        K("HostKeyAlgorithms", KEY_V, KEY_I, m=False),
        K("PubkeyAcceptedAlgorithms", KEY_V, KEY_I),
        K("PubkeyAcceptedKeyTypes", KEY_V, KEY_I),
        K("HostbasedAcceptedAlgorithms", KEY_V, KEY_I),
        K("HostbasedAcceptedKeyTypes", KEY_V, KEY_I),
        K("CASignatureAlgorithms", KEY_V, KEY_I),
        K("GSSAPIKexAlgorithms", gsskex, GSSKEX_BAD, m=False),
        K("Banner", pick("/etc/issue.net", "none", "~/banner"), pick("a b")),
        K("RevokedKeys", pick("/etc/ssh/revoked_keys", "none"), pick("a b")),
        K("TrustedUserCAKeys", pick("/etc/ssh/ca.pub", "none"), pick("a b")),
        K("ChrootDirectory", pick("/srv/chroot/%u", "none", "%h"),
          pick("a b")),
        K("AuthorizedPrincipalsFile", pick("/etc/ssh/principals/%u", "none"),
          pick("a b")),
        K("AuthorizedKeysCommandUser", pick("nobody", "root"), pick("a b")),
        K("AuthorizedPrincipalsCommandUser", pick("nobody"), pick("a b")),
        K("ForceCommand", pick("internal-sftp", "none",
                               "/usr/bin/echo hello # c", 'echo "a  b"'),
          CMD_BAD, raw=True),
        K("AuthorizedKeysCommand", AKCMD, AKCMD_BAD, raw=True),
        K("AuthorizedPrincipalsCommand", AKCMD, AKCMD_BAD, raw=True),
        K("RDomain", pick("%D"), pick("r0")),
        K("PidFile", pick("/run/sshd-x.pid", "none"), pick("a b"), m=False),
        K("ModuliFile", pick("/etc/ssh/moduli"), pick("a b"), m=False),
        K("XAuthLocation", pick("/usr/bin/xauth"), pick("a b"), m=False),
        K("HostKeyAgent", pick("SSH_AUTH_SOCK", "/run/agent.sock"),
          pick("a b"), m=False),
        K("SecurityKeyProvider", pick("internal"), pick("a b"), m=False),
        K("VersionAddendum", VERADD, CMD_BAD, m=False, raw=True),
    ]
    return t


SSH_KW = ssh_keywords()
SSHD_KW = sshd_keywords()

SSH_DEPRECATED = ["Cipher", "FallBackToRsh", "GlobalKnownHostsFile2",
                  "RhostsAuthentication", "UserKnownHostsFile2", "UseRoaming",
                  "UseRsh", "UsePrivilegedPort", "UseBlacklistedKeys",
                  "Protocol", "AFSTokenPassing", "KerberosAuthentication",
                  "KerberosTGTPassing", "RSAAuthentication",
                  "RhostsRSAAuthentication", "CompressionLevel"]
SSHD_DEPRECATED = ["PAMAuthenticationViaKbdInt", "ServerKeyBits",
                   "KeyRegenerationInterval", "RhostsAuthentication",
                   "CheckMail", "UseLogin", "VerifyReverseMapping",
                   "ReverseMappingCheck", "UsePrivilegeSeparation",
                   "PermitBlacklistedKeys", "RhostsRSAAuthentication",
                   "RSAAuthentication", "AuthorizedKeysFile2",
                   "KerberosGetAFSToken", "KerberosTgtPassing",
                   "AFSTokenPassing", "GSSUseSessionCCache",
                   "GSSAPIUseSessionCredCache", "Protocol"]
DEPRECATED_VALUES = ["yes", "no", "2", "1,2", "sandbox", "768", "3des",
                     "~/.ssh/known_hosts2", "6"]
# keywords of newer releases / other platforms / typos seen in the wild
UNKNOWN_KW = ["UseKeychain", "Tag", "ChannelTimeout", "ObscureKeystrokeTiming",
              "RefuseConnection", "WarnWeakCrypto", "VersionAddendum",
              "HostbasedAlgorithms", "PerSourcePenalties",
              "PerSourcePenaltyExemptList", "SshdSessionPath",
              "PAMServiceName", "GSSAPIDelegateCredentials", "Foo",
              "ServerAliveCountMaxx", "IdentifyFile", "StrictHostkeyCheck",
              "ForwardX11Trust", "PubkeyAcceptedKeyType", "AllowUser",
              "PermitRootlogin ", "X11Forward", "UsePrivilegeSep"]
SSH_ONLY = ["User", "Hostname", "ForwardAgent", "IdentityFile", "ProxyCommand",
            "ProxyJump", "StrictHostKeyChecking", "ServerAliveInterval",
            "ControlMaster", "LocalForward", "SendEnv", "UserKnownHostsFile",
            "BatchMode", "Host", "IdentitiesOnly", "ControlPersist"]
SSHD_ONLY = ["PermitRootLogin", "UsePAM", "AllowUsers", "Subsystem",
             "X11Forwarding", "PrintMotd", "AcceptEnv", "ChrootDirectory",
             "MaxAuthTries", "ClientAliveInterval", "AuthorizedKeysFile",
             "ListenAddress", "HostKey", "ForceCommand", "UseDNS"]

# ---------------------------------------------------------------------------
# The generator


class Case:
    def __init__(self, cid, dialect, files, note="", modes=None):
        self.id = cid
        self.dialect = dialect
        self.files = files          # relative path -> text (with @DIR@)
        self.note = note
        self.modes = modes or {}

    def text(self):
        """All files, for display and known-difference matching."""
        out = [repr(self.files[MAIN])]
        for name in sorted(self.files):
            if name != MAIN:
                out.append("%s: %r" % (name, self.files[name]))
        return "\n      ".join(out)


class Gen:
    """Generates one case; all randomness comes from self.r."""

    def __init__(self, r, dialect):
        self.r = r
        self.d = dialect
        self.kw = SSH_KW if dialect == "ssh" else SSHD_KW
        self.files = {}
        self.nfiles = 0

    # -- rendering --------------------------------------------------------
    def kwcase(self, kw):
        r, p = self.r, self.r.random()
        if p < 0.62:
            k = kw
        elif p < 0.77:
            k = kw.lower()
        elif p < 0.86:
            k = kw.upper()
        else:
            k = "".join(c.upper() if r.random() < 0.5 else c.lower()
                        for c in kw)
        p = r.random()
        if p < 0.02:
            k = '"%s"' % k
        elif p < 0.03 and len(k) > 3:
            k = k[:2] + '"' + k[2:] + '"'
        return k

    def mangle_value(self, v):
        r = self.r
        k = r.randint(0, 11)
        if k == 0:
            return '"%s"' % v
        if k == 1:
            return "'%s'" % v
        if k == 2:
            toks = v.split(" ")
            toks[0] = '"%s"' % toks[0]
            return " ".join(toks)
        if k == 3:
            return '"' + v                      # unterminated "
        if k == 4:
            return v + "'"                      # unterminated '
        if k == 5:
            return v.replace(" ", "\\ ", 1)
        if k == 6 and len(v) > 1:
            return v[:1] + '"' + v[1:] + '"'    # quote starting mid-token
        if k == 7:
            return v + "#notacomment"
        if k == 8:
            return v.replace(" ", "\t")
        if k == 9:
            return v + ' "'
        if k == 10:
            return '\\"' + v + '\\"'
        return v + " extra"

    def render(self, kw, val, raw=False):
        r = self.r
        line = r.choice([""] * 12 + ["  ", "\t", "    ", " \t"])
        if r.random() < 0.015:
            line += r.choice(["=", "= ", "= ="])        # V4 forms
        line += self.kwcase(kw)
        if val is None:
            return line + r.choice(["", "", " ", "=", " = "])
        line += r.choice([" "] * 14 + ["\t", "=", " = ", "  ", "\t=\t", " =",
                                       "= ", "==", "= =", " =\t"])
        if r.random() < 0.08:
            val = self.mangle_value(val)
        line += val
        p = r.random()
        if p < 0.08:
            line += r.choice([" # comment", "\t# c", "  #", " #x y z"])
        elif p < 0.13:
            line += r.choice(["  ", "\t", " \t ", " \f"])
        return line

    # -- directives -------------------------------------------------------
    def directive(self, st, bad):
        """A keyword line; st carries top/in_match context."""
        r = self.r
        kws = self.kw
        if self.d == "sshd" and st["in_match"] and r.random() < 0.9:
            kws = [k for k in kws if k.m]
        k = r.choice(kws)
        if self.d == "ssh" and k.pct and not st["top"]:
            # %-tokens are expanded after parsing only for the effective
            # value, which depends on the host: use values without them.
            val = r.choice(["none", "/tmp/plain", "host.example.com"]) \
                if not k.name.endswith("Forward") else "8080 localhost:80"
            if k.name == "IdentityAgent":
                val = r.choice(["none", "SSH_AUTH_SOCK"])
            if k.name == "RemoteCommand":
                val = "ls -la"
            return self.render(k.name, val, k.raw)
        gen = k.invalid if (bad and k.invalid) else k.valid
        return self.render(k.name, gen(self, r), k.raw)

    def other_line(self, st):
        r = self.r
        c = r.randint(0, 9)
        if c <= 2:      # unknown / newer / misspelt keyword
            if r.random() < 0.5:
                kw = r.choice(UNKNOWN_KW).strip()
            else:
                kw = self.misspell(r.choice(self.kw).name)
            return self.render(kw, r.choice(["yes", "no", "1", "x"]))
        if c <= 4:      # keyword of the other dialect
            kw = r.choice(SSHD_ONLY if self.d == "ssh" else SSH_ONLY)
            return self.render(kw, r.choice(["yes", "no", "alice", "22"]))
        if c <= 7:      # deprecated / unsupported / ignored
            kw = r.choice(SSH_DEPRECATED if self.d == "ssh"
                          else SSHD_DEPRECATED)
            return self.render(kw, None if r.random() < 0.1
                               else r.choice(DEPRECATED_VALUES))
        # keyword without argument
        k = r.choice(self.kw)
        return self.render(k.name, r.choice([None, '""', "''"]))

    def misspell(self, kw):
        r = self.r
        i = r.randrange(len(kw))
        k = r.randint(0, 3)
        if k == 0:
            return kw[:i] + kw[i + 1:]
        if k == 1 and i + 1 < len(kw):
            return kw[:i] + kw[i + 1] + kw[i] + kw[i + 2:]
        if k == 2:
            return kw[:i] + r.choice("aeiosx") + kw[i:]
        return kw + r.choice(["s", "2", "-", "_"])

    def comment(self):
        return self.r.choice(["# comment", "", "  # indented comment", "#",
                              "\t", "#Port 22", "# sshlint: nothing", "   "])

    def block(self, st, bad):
        r = self.r
        if self.d == "ssh":
            if r.random() < 0.45:
                pats = r.choice(SSH_HOST_BAD if bad else SSH_HOST_OK)
                return self.render("Host", pats)
            crit = r.choice(SSH_MATCH_BAD if bad else SSH_MATCH_OK)
            return self.render("Match", crit or None)
        crit = r.choice(SSHD_MATCH_BAD if bad else SSHD_MATCH_OK)
        st["in_match"] = True
        return self.render("Match", crit or None)

    def newfile(self, prefix="inc/f", suffix=".conf"):
        self.nfiles += 1
        return "%s%d%s" % (prefix, self.nfiles, suffix)

    def include(self, st, depth):
        r = self.r
        c = r.randint(0, 9)
        sub = dict(st, top=False)
        if c <= 3 and depth < 3:        # existing file, absolute path
            name = self.newfile()
            self.files[name] = self.body(sub, r.randint(1, 3), depth + 1)
            return self.render("Include", "%s/%s" % (DIR, name))
        if c == 4:                      # missing file (absolute)
            return self.render("Include", DIR + "/inc/missing.conf")
        if c == 5 and depth < 3:        # glob
            n = r.randint(0, 2)
            for i in range(n):
                name = self.newfile("inc/g", ".conf")
                self.files[name] = self.body(sub, r.randint(1, 2), depth + 1)
            return self.render("Include", DIR + "/inc/g*.conf")
        if c == 6 and depth < 3:        # relative path
            if self.d == "ssh":
                name = self.newfile(".ssh/rel", ".conf")
                self.files[name] = self.body(sub, r.randint(1, 2), depth + 1)
                return self.render("Include", name[len(".ssh/"):])
            # sshd: relative = /etc/ssh/<arg>; only ever a missing one
            return self.render("Include", "sshlint-difftest-absent.conf")
        if c == 7:                      # self include: a cycle
            return self.render("Include", "%s/%s" % (DIR, st["file"]))
        if c == 8:                      # chain 15..18 deep
            n = r.randint(15, 18)
            last = self.newfile("inc/chain", "-0")
            self.files[last] = self.render("Port", "22") + "\n"
            for i in range(n - 1):
                name = self.newfile("inc/chain", "-%d" % (i + 1))
                self.files[name] = "Include %s/%s\n" % (DIR, last)
                last = name
            return self.render("Include", "%s/%s" % (DIR, last))
        # several arguments, one of them missing; or tilde
        if self.d == "ssh" and r.random() < 0.5:
            name = "tilde%d.conf" % self.nfiles
            self.nfiles += 1
            self.files[name] = self.body(sub, 1, depth + 1)
            return self.render("Include", "~/" + name)
        if depth < 3:
            name = self.newfile()
            self.files[name] = self.body(sub, r.randint(1, 2), depth + 1)
            return self.render("Include", "%s/inc/missing.conf %s/%s" %
                               (DIR, DIR, name))
        return self.render("Include", "%s/inc/none*.conf" % DIR)

    def line(self, st, depth):
        r = self.r
        p = r.random()
        if p < 0.57:
            return self.directive(st, bad=False)
        if p < 0.645:
            return self.directive(st, bad=True)
        if p < 0.72:
            return self.comment()
        if p < 0.80:
            st["top"] = False
            return self.block(st, bad=r.random() < 0.2)
        if p < 0.87:
            return self.other_line(st)
        if p < 0.93:
            return self.include(st, depth)
        if self.d == "ssh" and st["top"] and p < 0.96:
            return self.render("IgnoreUnknown", r.choice(
                ["Foo*", "UseKeychain", "AddKeysToAgent,UseKeychain", "*",
                 "usekeychain", "Tag,ChannelTimeout"]))
        if self.d == "sshd" and p < 0.96:
            # pairs that matter together
            return r.choice([
                "AuthorizedKeysCommandUser nobody",
                "AuthorizedPrincipalsCommandUser nobody",
                "Subsystem sftp internal-sftp",
                "AuthenticationMethods any"])
        return self.directive(st, bad=False)

    def body(self, st, n, depth):
        return self.join([self.line(st, depth) for _ in range(n)])

    def join(self, lines):
        r = self.r
        p = r.random()
        if p < 0.8:
            eols = ["\n"] * len(lines)
        elif p < 0.95:
            eols = ["\r\n"] * len(lines)
        else:
            eols = [r.choice(["\n", "\r\n"]) for _ in lines]
        if r.random() < 0.1:
            eols[-1] = ""
        return "".join(l + e for l, e in zip(lines, eols))

    def case(self, cid):
        r = self.r
        st = {"top": True, "in_match": False, "file": MAIN}
        n = r.randint(1, 6)
        text = self.body(st, n, 0)
        if r.random() < 0.03:
            text = "\ufeff" + text
        self.files[MAIN] = text
        return Case(cid, self.d, self.files)


def generate(seed, dialect, k):
    r = random.Random("sshlint-difftest:%d:%s:%d" % (seed, dialect, k))
    return Gen(r, dialect).case("%s-%d" % (dialect, k))


# ---------------------------------------------------------------------------
# Hand-written cases: the verification items (V1..V35) of section 11 of the
# reference, plus a few more edge cases.  (id, dialect, main, {extra files})


def hand_cases():
    D = DIR
    cs = []

    def add(cid, dialect, main, extra=None, note="", modes=None):
        files = {MAIN: main}
        files.update(extra or {})
        cs.append(Case(cid, dialect, files, note, modes))

    add("V1-longline", "ssh", "User " + "a" * 200000 + "\n")
    add("V1-sendenv5000", "ssh",
        "SendEnv " + " ".join("V%d" % i for i in range(5000)) + "\n")
    add("V1-acceptenv5000", "sshd",
        "AcceptEnv " + " ".join("V%d" % i for i in range(5000)) + "\n")
    add("V2-bom-user", "ssh", "\ufeffUser bom\n")
    add("V2-bom-comment", "ssh", "\ufeff# c\nUser x\n")
    add("V2-bom-sshd", "sshd", "\ufeffBanner none\n")
    add("V3-crlf", "ssh", "User crlf\r\nPort 22\r\n")
    add("V3-trailing-ws", "ssh", "User ws \t \f\n")
    add("V3-mid-ff", "ssh", "User mid\fff\n")
    add("V3-crlf-sshd", "sshd", "PermitRootLogin no\r\nPort 22\r\n")
    add("V4-eqeq", "ssh", "User==carol\n")
    add("V4-eq-sp-eq", "ssh", "User= =dave\n")
    add("V4-quoted-kw", "ssh", '"User" quotedkw\n')
    add("V4-partly-quoted-kw", "ssh", 'Us"er" x\n')
    add("V4-leading-eq", "ssh", "=User x\n")
    add("V4-ignored-line", "ssh", "= =User y\n")
    add("V4-ignored-bogus", "ssh", "= =Bogus y\n")
    add("V4-sshd-eqeq", "sshd", "PermitRootLogin==no\n")
    add("V4-sshd-ignored", "sshd", "= =Bogus y\n")
    add("V4-sshd-eq", "sshd", "PermitRootLogin = no\nPort=22\n")
    add("V5-escapes", "ssh", 'User a\\ b\n')
    for i, v in enumerate(['"a\\ b"', 'a\\"b', "a\\nb", "a\\\\b",
                           'pre"mid dle"post', "'single q'", "a#b",
                           "ab # c"]):
        add("V5-value-%d" % i, "ssh", "User %s\n" % v)
    add("V5-two-args", "ssh", "User a b\n")
    add("V5-empty-arg", "ssh", 'User ""\n')
    add("V6-proxycommand-comment", "ssh",
        'ProxyCommand nc "%h" %p   # trailing comment\n')
    add("V6-proxycommand-unterminated", "ssh", "ProxyCommand sh -c 'echo\n")
    add("V7-versionaddendum", "sshd", "VersionAddendum hello#world  # c\n")
    add("V7-forcecommand", "sshd", 'ForceCommand echo "a  b" # comment\n')
    add("V7-forcecommand-unterminated", "sshd", 'ForceCommand echo "a\n')
    add("V8-match-host-all", "ssh", "Match host h all\n")
    add("V8-match-all-host", "ssh", "Match all host h\n")
    add("V8-match-tagged", "ssh", "Match tagged x\n")
    add("V8-match-exec-single-quotes", "ssh", "Match exec 'test 1 = 1'\n")
    add("V8-match-exec-double", "ssh", 'Match exec "test %h = h"\n')
    add("V8-match-exec-skipped", "ssh",
        'Match host x exec "test -e /nonexistent"\n')
    add("V8-match-eq", "ssh", "Match host=foo\nUser x\n")
    add("V9-controlpersist-YES", "ssh", "ControlPersist YES\n")
    add("V9-permittunnel-YES", "sshd", "PermitTunnel YES\n")
    add("V9-permituserenv-YES", "sshd", "PermitUserEnvironment YES\n")
    add("V9-compression-true", "ssh", "Compression true\n")
    add("V10-inactive-bad-port", "ssh", "Host nomatch\nPort abc\n")
    add("V10-sshd-match-bad-int", "sshd",
        "Match user nomatch\nMaxAuthTries abc\n")
    add("V11-ignoreunknown-after", "ssh", "FooBar 1\nIgnoreUnknown foo*\n")
    add("V11-ignoreunknown-before", "ssh", "IgnoreUnknown Baz\nbaz 2\n")
    add("V11-ignoreunknown-inactive", "ssh",
        "Host nomatch\nIgnoreUnknown baz\nHost *\nbaz 2\n",
        note="IgnoreUnknown in a block that does not match 'example'")
    add("V11-ignoreunknown-known-bad-value", "ssh",
        "IgnoreUnknown *\nPort abc\n")
    add("V11-unsupported", "ssh", "RSAAuthentication yes\n")
    add("V12-sshd-deprecated", "sshd",
        "UsePrivilegeSeparation sandbox\nRSAAuthentication yes\n"
        "KerberosTgtPassing yes\nProtocol 2\n")
    add("V13-host-comma", "ssh", "Host a,b\nUser x\n")
    add("V13-host-neg", "ssh", "Host !bad *\nUser x\nHost !bad\nUser y\n")
    add("V14-match-host-hostname", "ssh",
        "Host foo\nHostname bar.example\nMatch host bar.example\n"
        "User viaMatchHost\n")
    add("V15-final", "ssh",
        "Host foo\nHostname bar.example\nHost bar.example\nUser baruser\n"
        "Port 2222\nMatch final\n")
    add("V16-lists", "ssh",
        "Host example\nIdentityFile ~/.ssh/one\nCertificateFile ~/.ssh/c1\n"
        "LocalForward 8080 localhost:80\nSendEnv A B C_X\n"
        "SetEnv X=1 Y=2\nUserKnownHostsFile ~/.ssh/k1\n"
        "CanonicalDomains a.example\nHost *\nIdentityFile ~/.ssh/two\n"
        "LocalForward 8080 localhost:80\nSendEnv -B -C_X D\nSetEnv Z=3\n"
        "StreamLocalBindMask 0177\nHost nomatch\nStreamLocalBindMask 077\n"
        "SyslogFacility LOCAL5\n")
    add("V17-timeout-none", "ssh",
        "ConnectTimeout none\nConnectTimeout 5\nForwardX11Timeout none\n")
    add("V18-jump-command", "ssh",
        "ProxyJump j1\nProxyCommand nc %h %p\n")
    add("V18-command-none-jump", "ssh", "ProxyCommand none\nProxyJump j\n")
    add("V19-not-final", "ssh", "Match !final\nPort 7\n")
    add("V20-match-user-final", "ssh",
        "Match user alice\nPort 1006\nHost example\nUser alice\n"
        "Match final\n")
    add("V21-canonicalize", "ssh",
        "CanonicalizeHostname yes\nCanonicalDomains example.invalid\n")
    add("V22-relative-include", "ssh", "Include relinc.conf\n",
        {".ssh/relinc.conf": "Port 2\n"})
    add("V22-relative-include-bad", "ssh", "Include relinc.conf\n",
        {".ssh/relinc.conf": "Port 0\n"})
    add("V22-glob-order", "ssh", "Include %s/inc/*.conf\n" % D,
        {"inc/10.conf": "User ten\n", "inc/9.conf": "User nine\n",
         "inc/B.conf": "User bee\n", "inc/a.conf": "Bogus 1\n"})
    add("V22-missing", "ssh", "Include %s/inc/missing.conf\nUser x\n" % D)
    add("V22-missing-relative", "ssh", "Include missing.conf\nUser x\n")
    add("V22-tilde", "ssh", "Include ~/t.conf\n", {"t.conf": "Port 0\n"})
    add("V23-sshd-relative-missing", "sshd",
        "Include sshlint-difftest-absent.conf\nPort 22\n")
    add("V23-sshd-tilde-not-expanded", "sshd", "Include ~/t.conf\n",
        {"t.conf": "Port 0\n"})
    add("V23-sshd-include-in-match", "sshd",
        "Match user u\nInclude %s/inc/f.conf\n" % D,
        {"inc/f.conf": "Port 2\n"})
    add("V23-sshd-include-in-match-ok", "sshd",
        "Match user u\nInclude %s/inc/f.conf\n" % D,
        {"inc/f.conf": "PasswordAuthentication no\n"})
    add("V24-include-mode-664", "ssh", "Include %s/inc/p.conf\n" % D,
        {"inc/p.conf": "User perm\n"}, modes={"inc/p.conf": 0o664})
    add("V24-include-mode-646", "ssh", "Include %s/inc/p.conf\n" % D,
        {"inc/p.conf": "User perm\n"}, modes={"inc/p.conf": 0o646})
    for dialect in ("ssh", "sshd"):
        for n in (16, 17):
            files = {}
            for i in range(1, n):
                files["inc/c%d" % i] = "Include %s/inc/c%d\n" % (D, i + 1)
            files["inc/c%d" % n] = "Port 22\n"
            add("V25-chain-%d-%s" % (n, dialect), dialect,
                "Include %s/inc/c1\n" % D, files)
        add("cycle-self-%s" % dialect, dialect,
            "Port 22\nInclude %s/%s\n" % (D, MAIN))
        add("cycle-two-%s" % dialect, dialect, "Include %s/inc/a\n" % D,
            {"inc/a": "Include %s/inc/b\n" % D,
             "inc/b": "Include %s/inc/a\n" % D})
    add("V26-include-inactive", "ssh", "Host nomatch\nInclude %s/inc/x\n" % D,
        {"inc/x": "User incuser\nHost other\nPort 9999\n"})
    add("V26-include-active", "ssh",
        "Host example\nInclude %s/inc/x\nPort 2\n" % D,
        {"inc/x": "User incuser\nHost other\nPort 9999\n"})
    add("V26-include-inactive-bad", "ssh",
        "Host nomatch\nInclude %s/inc/x\n" % D, {"inc/x": "Bogus 1\n"})
    add("V27-allowusers", "sshd",
        "AllowUsers a\nMatch all\nAllowUsers b\nMatch user u\nAllowUsers c\n")
    add("V27-match-password", "sshd",
        "Match user u\nPasswordAuthentication yes\n")
    add("V28-address-host-bits", "sshd", "Match Address 1.2.3.5/24\n")
    add("V28-localport", "sshd", "Match LocalPort 22\nX11Forwarding no\n")
    add("V28-not-user", "sshd", "Match !User x\n")
    add("V28-user-not", "sshd", "Match User !x\nX11Forwarding no\n")
    add("V29-last-wins", "sshd",
        "MaxStartups 5\nMaxStartups 7\nPerSourceMaxStartups 3\n"
        "PerSourceMaxStartups none\nIPQoS af21\nIPQoS cs1\n"
        "FingerprintHash md5\nFingerprintHash sha256\n"
        "StreamLocalBindMask 077\nPerSourceNetBlockSize 24\n")
    add("V30-principals-command", "sshd",
        "AuthorizedPrincipalsCommandUser nobody\n"
        "AuthorizedPrincipalsCommand /bin/a\n"
        "AuthorizedPrincipalsCommand /bin/b\n")
    add("V30-principals-with-keys-command", "sshd",
        "AuthorizedKeysCommandUser nobody\nAuthorizedPrincipalsCommandUser "
        "nobody\nAuthorizedKeysCommand /bin/k\n"
        "AuthorizedPrincipalsCommand /bin/a\n")
    add("akc-without-user", "sshd", "AuthorizedKeysCommand /bin/k\n")
    add("apc-without-user", "sshd", "AuthorizedPrincipalsCommand /bin/k\n")
    add("akc-user-only-in-match", "sshd",
        "AuthorizedKeysCommand /bin/k\nMatch user x\n"
        "AuthorizedKeysCommandUser nobody\n")
    add("akc-only-in-match", "sshd",
        "Match user x\nAuthorizedKeysCommand /bin/k\n")
    add("V31-authmethods-any", "sshd",
        "AuthenticationMethods password\nMatch User ivy\n"
        "AuthenticationMethods any\n")
    add("V31-authmethods-any-first", "sshd",
        "AuthenticationMethods any\nMatch User ivy\n"
        "AuthenticationMethods password\n")
    add("V32-rdomain", "sshd", "RDomain x\n")
    add("V32-listen-rdomain", "sshd", "ListenAddress 10.0.0.1 rdomain r\n")
    add("V33-gsskex-plus", "ssh",
        "GSSAPIKexAlgorithms +gss-curve25519-sha256-\n")
    add("V33-gsskex-plus-sshd", "sshd",
        "GSSAPIKexAlgorithms +gss-curve25519-sha256-\n")
    add("V33-setuptimeout", "ssh", "SetupTimeOut 44\nProtocolKeepAlives 33\n")
    add("V33-silent", "ssh", "LogLevel SILENT\n")
    add("V33-silent-sshd", "sshd", "LogLevel SILENT\n")
    add("debian-keywords-ssh", "ssh",
        "GSSAPIKeyExchange yes\nGSSAPITrustDns no\n"
        "GSSAPIRenewalForcesRekey no\nGSSAPIClientIdentity a@B\n"
        "GSSAPIKexAlgorithms gss-curve25519-sha256-\n")
    add("debian-keywords-sshd", "sshd",
        "DebianBanner no\nGSSAPIKeyExchange yes\n"
        "GSSAPIStoreCredentialsOnRekey no\nGSSAPICleanupCreds yes\n"
        "GSSAPIKexAlgorithms gss-group14-sha256-\n")
    v34 = ["Ciphers -*", "Ciphers -aes*,!aes128-ctr", "Ciphers aes*",
           "Ciphers -bogus", "Ciphers aes128-ctr,,bogus",
           "Ciphers !aes128-ctr", "Ciphers AES128-CTR",
           "HostKeyAlgorithms ssh-ed25519*",
           "PubkeyAcceptedAlgorithms !ssh-rsa",
           "CASignatureAlgorithms ssh-ed25519-cert-v01@openssh.com",
           "KexAlgorithms +diffie-hellman-group1-sha1",
           "MACs ^hmac-md5", "HostKeyAlgorithms bogus*",
           "Ciphers +3des-cbc,bogus"]
    for dialect in ("ssh", "sshd"):
        for i, line in enumerate(v34):
            add("V34-%d-%s" % (i, dialect), dialect, line + "\n")
    add("V35-many-strings", "ssh",
        "BindAddress 10.0.0.1\nBindInterface lo\nControlPath none\n"
        "HostKeyAlias alias\nIdentityAgent none\nIgnoreUnknown x\n"
        "KbdInteractiveDevices pam\nLocalCommand echo hi\n"
        "RemoteCommand echo hi\nPKCS11Provider none\n"
        "PreferredAuthentications publickey\nRevokedHostKeys none\n"
        "KnownHostsCommand none\nProxyCommand none\n")
    # a few more from the brief
    add("pct-hostname-bad", "ssh", "Hostname %z.example.com\n")
    # ('Host other' + 'Hostname %z' would be rejected by 'ssh -G other' but
    # not by 'ssh -G example': host-dependent, so use a block no host matches)
    add("pct-hostname-inactive", "ssh", "Match !all\nHostname %z\n",
        note="only the Hostname in effect is expanded; this one never is")
    add("pct-hostname-second", "ssh", "Hostname a.example\nHostname %z\n",
        note="first value wins; the second is never expanded")
    add("pct-controlpath-bad", "ssh", "ControlPath /tmp/%z\n")
    add("match-exec-harmless", "ssh", 'Match exec "test -e /nonexistent"\n'
        "User x\n")
    add("host-empty", "ssh", 'Host ""\nUser x\n')
    add("host-noarg", "ssh", "Host\n")
    add("match-noarg-ssh", "ssh", "Match\n")
    add("match-noarg-sshd", "sshd", "Match\n")
    add("sshd-subsystem-dup", "sshd",
        "Subsystem sftp internal-sftp\nSubsystem sftp /bin/x\n")
    add("sshd-match-port", "sshd", "Match User x\nPort 2222\n")
    add("sshd-match-deprecated", "sshd", "Match User x\nUseLogin no\n")
    add("sshd-match-unknown", "sshd", "Match User x\nBogus no\n")
    add("sshd-dsaauth-in-match", "sshd", "Match User x\nDSAAuthentication no\n")
    add("ssh-other-dialect", "ssh", "PermitRootLogin no\n")
    add("sshd-other-dialect", "sshd", "User x\n")
    add("newer-keyword-ssh", "ssh", "ChannelTimeout session=5m\n")
    add("newer-keyword-sshd", "sshd", "PerSourcePenalties no\n")
    add("noarg-ssh", "ssh", "User\n")
    add("noarg-sshd", "sshd", "PermitRootLogin\n")
    add("unterminated-sshd", "sshd", 'Banner "/etc/issue\n')
    add("hash-comment-value", "ssh", "Port 22#x\n")
    add("empty-file-ssh", "ssh", "")
    add("empty-file-sshd", "sshd", "")
    add("no-final-newline", "sshd", "PermitRootLogin no")
    add("port-service", "ssh", "Port ssh\n",
        note="service names come from /etc/services")
    add("ignored-protocol-ssh", "ssh", "Protocol 1\n")
    # found by this test
    add("sshd-match-all-global-only", "sshd", "Match All\nPort 2222\n",
        note="9.2 applies lines after 'Match all' at startup")
    add("sshd-match-all-deprecated", "sshd", "Match all\nServerKeyBits 768\n")
    add("sshd-match-all-akc", "sshd",
        "Match All\nAuthorizedKeysCommand /bin/k\n")
    add("sshd-match-localport-0", "sshd", "Match LocalPort 0\n")
    add("sshd-authmethods-disabled", "sshd",
        "PasswordAuthentication no\nAuthenticationMethods password\n")
    add("sshd-authmethods-disabled-alias", "sshd",
        "DSAAuthentication no\nAuthenticationMethods publickey,password\n")
    add("sshd-authmethods-one-usable", "sshd",
        "PasswordAuthentication no\nAuthenticationMethods password "
        "publickey\n")
    add("sshd-authmethods-disabled-in-match", "sshd",
        "Match User x\nPasswordAuthentication no\n"
        "AuthenticationMethods password\n")
    add("sshd-listen-family", "sshd", "AddressFamily inet\nListenAddress ::1\n")
    add("sshd-listen-family-after", "sshd",
        "ListenAddress [::]:22\nAddressFamily inet\n")
    add("sshd-listen-eq", "sshd", "ListenAddress==0.0.0.0\n",
        note="'=0.0.0.0' is looked up as a host name and fails")
    add("sshd-include-glob-cache", "sshd", "Include %s/inc/g*.conf\n" % D,
        {"inc/g1.conf": "Port 22\n",
         "inc/g2.conf": "Include %s/inc/g*.conf\n" % D},
        note="sshd reuses the cached g1.conf: no recursion")
    add("ssh-include-glob-cycle", "ssh", "Include %s/inc/g*.conf\n" % D,
        {"inc/g1.conf": "Port 22\n",
         "inc/g2.conf": "Include %s/inc/g*.conf\n" % D})
    add("ssh-host-empty-nevermatch", "ssh",
        "Match !all\nInclude %s/inc/f\n" % D, {"inc/f": 'Host example ""\n'},
        note="in a never-matching context only the first Host pattern "
        "is looked at")
    add("sshd-selfinclude-subsystem", "sshd",
        "Subsystem sftp internal-sftp\nInclude %s/%s\n" % (D, MAIN))
    add("sshd-selfinclude-after-match", "sshd",
        "PermitRootLogin no\nMatch User x\nInclude %s/%s\n" % (D, MAIN))
    return cs


# ---------------------------------------------------------------------------
# Running


NOISE = re.compile(r"^(Pseudo-terminal will not be allocated|debug\d?: )")
NONERROR = re.compile(r"(Deprecated|Unsupported) option|^Unable to load host "
                      r"key|^Could not load host certificate")
LINE_WITH_FILE = re.compile(r"^(?P<file>/[^ ]*?):? line (?P<line>\d+):")
LINE_NO_FILE = re.compile(r"\bat line (?P<line>\d+)\b")


def stderr_lines(text):
    return [l for l in text.splitlines() if l.strip() and not NOISE.search(l)]


def named_lines(lines):
    """(realpath or None, line) pairs of error messages naming a line."""
    out = []
    for l in lines:
        if NONERROR.search(l) or "reprocess config" in l:
            continue
        m = LINE_WITH_FILE.search(l)
        if m:
            out.append((os.path.realpath(m.group("file")),
                        int(m.group("line"))))
            continue
        m = LINE_NO_FILE.search(l)
        if m:
            out.append((None, int(m.group("line"))))
    return sorted(set(out), key=lambda x: (x[0] or "", x[1]))


def materialize(case, d):
    for name, text in case.files.items():
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(text.replace(DIR, d).encode("utf-8", "surrogateescape"))
        os.chmod(p, case.modes.get(name, 0o644))


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


def openssh_cmd(dialect, main, d, hostkey):
    if dialect == "ssh":
        return ([SSH, "-G", "-F", main, TARGET_HOST],
                {"HOME": d, "SHELL": "/bin/false"})
    return ([SSHD, "-t", "-f", main, "-h", hostkey], {"HOME": d})


def sshlint_cmd(sshlint, dialect, main, d):
    return ([sshlint, "--openssh", "9.2", "--dialect", dialect, "--format",
             "json", "--home", d, main],
            {"HOME": d, "NO_COLOR": "1",
             "PATH": os.environ.get("PATH", "/usr/bin:/bin")})


class Result:
    pass


def run_case(case, root, hostkey, sshlint):
    d = os.path.join(root, case.id)
    os.makedirs(d)
    materialize(case, d)
    main = os.path.join(d, MAIN)
    res = Result()
    res.case = case
    res.dir = d
    cmd, env = openssh_cmd(case.dialect, main, d, hostkey)
    rc, _, err = run(cmd, d, env)
    res.os_rc = rc
    res.os_err = stderr_lines(err)
    res.os_reject = rc != 0
    res.harness = None
    res.skip = None
    if rc is None:
        res.harness = "OpenSSH timed out"
    elif rc == -1000:
        res.harness = err
    elif case.dialect == "ssh" and rc not in (0, 255):
        res.harness = "ssh exited %d" % rc
    res.os_named = named_lines(res.os_err) if res.os_reject else []
    if rc == 255 and any("Could not resolve host" in l for l in res.os_err):
        # CanonicalizePermittedCNAMEs / CanonicalizeHostname made ssh look
        # the target up in the DNS: the verdict depends on the network.
        res.skip = "ssh -G looked %s up in the DNS" % TARGET_HOST

    cmd, env = sshlint_cmd(sshlint, case.dialect, main, d)
    rc, out, err = run(cmd, d, env)
    res.sl_rc = rc
    res.sl_stderr = err.strip()
    res.sl_errors = []
    res.sl_other = []
    res.sl_fail = None
    if rc is None:
        res.sl_fail = "sshlint timed out"
    elif rc == -1000:
        res.sl_fail = err
    elif rc < 0:
        res.sl_fail = "sshlint killed by signal %d" % -rc
    elif rc not in (0, 1):
        res.sl_fail = "sshlint exited %d: %s" % (rc, err.strip()[:300])
    else:
        try:
            doc = json.loads(out)
            diags = doc.get("diagnostics", [])
            nerr = doc["summary"]["error"]
        except (ValueError, KeyError, TypeError) as e:
            res.sl_fail = "sshlint output is not the expected JSON (%s): " \
                "%r" % (e, out[:300])
        else:
            nall = 0
            for dg in diags:
                path = dg.get("path") or ""
                if not os.path.isabs(path):
                    path = os.path.join(d, path)
                item = (os.path.realpath(path), dg.get("line"),
                        dg.get("severity"), dg.get("rule"),
                        dg.get("message"))
                if dg.get("severity") == "error":
                    nall += 1
                # acceptance is about validity (SSH0xx) and versions
                # (SSH4xx); semantic, crypto and policy findings
                # (SSH1xx-3xx) may be errors of a valid configuration
                rule = dg.get("rule") or ""
                (res.sl_errors if dg.get("severity") == "error" and
                 rule[3:4] in ("0", "4") else res.sl_other).append(item)
            if nerr != nall:
                res.sl_fail = "summary.error=%d but %d error diagnostics" % (
                    nerr, nall)
            elif (rc == 1) != (nerr > 0):
                res.sl_fail = "exit status %d with %d errors" % (rc, nerr)
    res.sl_reject = bool(res.sl_errors)

    res.missing_lines = []
    if res.os_reject and res.sl_reject:
        have = {(p, l) for p, l, *_ in res.sl_errors}
        have_lines = {l for p, l, *_ in res.sl_errors}
        for p, l in res.os_named:
            if (p is None and l not in have_lines) or \
                    (p is not None and (p, l) not in have):
                res.missing_lines.append((p, l))
    return res


# ---------------------------------------------------------------------------
# Reporting


def rel(path, d):
    if path and path.startswith(d + "/"):
        return path[len(d) + 1:]
    return path


KW_NAMES = None


def normalize_msg(msg, d):
    """Message with paths, line numbers, keywords and values blanked, so
    that similar failures group together."""
    global KW_NAMES
    if KW_NAMES is None:
        KW_NAMES = {k.name.lower() for k in SSH_KW + SSHD_KW}
        KW_NAMES.update(x.lower() for x in SSH_DEPRECATED + SSHD_DEPRECATED +
                        ["include", "ignoreunknown"])
    m = msg.replace(d + "/", "")
    m = re.sub(r"^[^ ]*:? line \d+: ", "", m)
    m = re.sub(r"^[^ ]+: ", "", m) if m.startswith(("main.conf", "inc/",
                                                     ".ssh/")) else m
    m = re.sub(r"'[^']*'", "'…'", m)
    m = re.sub(r'"[^"]*"', '"…"', m)
    m = " ".join("KW" if w.lower().strip('"\'') in KW_NAMES else w
                 for w in m.split(" "))
    m = re.sub(r"\bline \d+", "line N", m)
    m = re.sub(r"(option|attribute|criteria for|argument|timeout|value|"
               r"host):? [^ ]+$", r"\1 …", m)
    m = re.sub(r"(Directive '…' is not allowed within a Match block).*",
               r"\1", m)
    return m


def first_error(res):
    for l in res.os_err:
        if not NONERROR.search(l):
            return l
    return res.os_err[0] if res.os_err else "(no message)"


def describe(res, out):
    c = res.case
    d = res.dir
    out.append("  [%s] %s%s" % (c.id, c.dialect,
                                ("  (%s)" % c.note) if c.note else ""))
    out.append("      config: " + c.text())
    out.append("      OpenSSH: %s (rc %s): %s" % (
        "rejects" if res.os_reject else "accepts", res.os_rc,
        first_error(res).replace(d + "/", "") if res.os_err else "-"))
    if res.os_named:
        out.append("      OpenSSH names: " + ", ".join(
            "%s:%d" % (rel(p, d) or "?", l) for p, l in res.os_named))
    if res.sl_errors:
        for p, l, sev, rule, msg in res.sl_errors[:6]:
            out.append("      sshlint: %s:%s: error: %s [%s]" % (
                rel(p, d), l, msg, rule))
    else:
        out.append("      sshlint: no error" + (
            " (%s)" % "; ".join("%s:%s %s %s [%s]" % (rel(p, d), l, s, m, r)
                                for p, l, s, r, m in res.sl_other[:3])
            if res.sl_other else ""))
    if res.missing_lines:
        out.append("      no sshlint error on: " + ", ".join(
            "%s:%d" % (rel(p, d) or "?", l) for p, l in res.missing_lines))


def load_known(path):
    known = []
    if not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3 or not parts[2].strip():
                sys.exit("%s:%d: want DIALECT<TAB>REGEX<TAB>REASON" %
                         (path, n))
            known.append((parts[0], re.compile(parts[1]), parts[2]))
    return known


def is_known(known, res):
    blob = "\n".join(res.case.files.values())
    for dialect, rx, reason in known:
        if dialect in (res.case.dialect, "both") and rx.search(blob):
            return reason
    return None


def keep_case(res, keepdir, sshlint, hostkey):
    d = os.path.join(keepdir, res.case.id)
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(d)
    d = os.path.realpath(d)
    materialize(res.case, d)
    main = os.path.join(d, MAIN)
    ocmd, oenv = openssh_cmd(res.case.dialect, main, d, hostkey)
    lcmd, _ = sshlint_cmd(os.path.realpath(sshlint), res.case.dialect, main,
                          d)
    env = " ".join("%s=%s" % kv for kv in sorted(oenv.items()))
    with open(os.path.join(d, "repro.sh"), "w") as f:
        f.write("#!/bin/sh\n# case %s (%s)\ncd %s\n" % (
            res.case.id, res.case.dialect, d))
        if res.case.dialect == "sshd":
            f.write("test -f %s || ssh-keygen -q -t ed25519 -N '' -f %s\n"
                    "mkdir -p /run/sshd\n" % (hostkey, hostkey))
        f.write("env -i %s %s; echo \"OpenSSH exit $?\"\n" % (
            env, " ".join(ocmd)))
        f.write("%s; echo \"sshlint exit $?\"\n" % " ".join(lcmd))
    os.chmod(os.path.join(d, "repro.sh"), 0o755)


def main():
    global SSH, SSHD
    ap = argparse.ArgumentParser(
        description="Compare sshlint's accept/reject verdict with the "
        "installed ssh -G / sshd -t.")
    ap.add_argument("--sshlint", default="build/cli/sshlint",
                    help="sshlint binary (default: %(default)s)")
    ap.add_argument("--cases", type=int, default=600,
                    help="generated cases (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dialect", choices=["ssh", "sshd", "both"],
                    default="both")
    ap.add_argument("--keep", metavar="DIR",
                    help="write every failing case (and a repro.sh) to DIR")
    ap.add_argument("--case", action="append", metavar="ID",
                    help="run only this case id (e.g. ssh-17, V8-match-all-"
                    "host); repeatable")
    ap.add_argument("--no-hand", action="store_true",
                    help="skip the hand-written cases")
    ap.add_argument("--list", action="store_true",
                    help="print the cases and exit (no binary is run)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--ssh", default=SSH, help=argparse.SUPPRESS)
    ap.add_argument("--sshd", default=SSHD, help=argparse.SUPPRESS)
    ap.add_argument("--known", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "known-differences.txt"))
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every case and both verdicts")
    a = ap.parse_args()
    SSH, SSHD = a.ssh, a.sshd

    dialects = ["ssh", "sshd"] if a.dialect == "both" else [a.dialect]
    cases = []
    if not a.no_hand:
        cases += [c for c in hand_cases() if c.dialect in dialects]
    for i in range(a.cases):
        dialect = dialects[i % len(dialects)]
        cases.append(generate(a.seed, dialect, i // len(dialects)))
    if a.case:
        want = set(a.case)
        cases = [c for c in cases if c.id in want]
        missing = want - {c.id for c in cases}
        if missing:
            # a generated id beyond --cases still works
            for cid in sorted(missing):
                m = re.match(r"^(ssh|sshd)-(\d+)$", cid)
                if not m:
                    sys.exit("difftest: unknown case %s" % cid)
                cases.append(generate(a.seed, m.group(1), int(m.group(2))))
    if a.list:
        for c in cases:
            print("[%s] %s" % (c.id, c.text()))
        return 0

    need = {"ssh": SSH, "sshd": SSHD}
    for dl in dialects:
        if not os.access(need[dl], os.X_OK):
            print("SKIP: %s not found" % need[dl])
            return 77
    if not os.access(a.sshlint, os.X_OK):
        print("difftest: sshlint binary %s not found" % a.sshlint,
              file=sys.stderr)
        return 2
    sshlint = os.path.abspath(a.sshlint)
    known = load_known(a.known)

    root = os.path.realpath(tempfile.mkdtemp(prefix="sshlint-difftest-"))
    try:
        hostkey = os.path.join(root, "hostkey")
        if "sshd" in dialects:
            p = subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                                "-f", hostkey], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            if p.returncode != 0:
                print("SKIP: ssh-keygen failed: %s" % p.stdout.decode())
                return 77
            try:
                os.makedirs("/run/sshd", exist_ok=True)
            except OSError:
                pass
        # the oracles must accept an empty file, or they cannot run here
        for dl in list(dialects):
            probe = Case("probe-%s" % dl, dl, {MAIN: ""})
            r = run_case(probe, root, hostkey, sshlint)
            if r.os_rc != 0:
                print("SKIP %s: %s cannot check an empty file here: %s" % (
                    dl, need[dl], "; ".join(r.os_err[:2])))
                dialects.remove(dl)
        if not dialects:
            return 77
        cases = [c for c in cases if c.dialect in dialects]
        results = [None] * len(cases)
        with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as ex:
            futs = {ex.submit(run_case, c, root, hostkey, sshlint): i
                    for i, c in enumerate(cases)}
            for f in concurrent.futures.as_completed(futs):
                results[futs[f]] = f.result()
        return report(results, a, known, sshlint, hostkey, dialects)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def report(results, a, known, sshlint, hostkey, dialects):
    out = []
    stats = {dl: {"cases": 0, "os_reject": 0, "agree": 0} for dl in dialects}
    missed, false_err, lines, fails, harness, known_hits, skipped = \
        [], [], [], [], [], [], []
    for res in results:
        st = stats[res.case.dialect]
        st["cases"] += 1
        st["os_reject"] += res.os_reject
        if a.verbose:
            out.append("[%s] %s  OpenSSH %s, sshlint %s" % (
                res.case.id, res.case.text(),
                "rejects" if res.os_reject else "accepts",
                res.sl_fail or ("rejects" if res.sl_reject else "accepts")))
        if res.harness:
            harness.append(res)
            continue
        if res.skip:
            skipped.append(res)
            continue
        if res.sl_fail:
            fails.append(res)
            continue
        bad = res.os_reject != res.sl_reject or res.missing_lines
        if not bad:
            st["agree"] += 1
            continue
        reason = is_known(known, res)
        if reason:
            known_hits.append((res, reason))
            st["agree"] += 1
            continue
        if res.os_reject and not res.sl_reject:
            missed.append(res)
        elif res.sl_reject and not res.os_reject:
            false_err.append(res)
        else:
            lines.append(res)

    out.append("")
    out.append("sshlint differential test against %s / %s, seed %d" % (
        SSH, SSHD, a.seed))
    for dl in dialects:
        st = stats[dl]
        out.append("  %-4s: %d cases (OpenSSH rejects %d, accepts %d), "
                   "%d agree" % (dl, st["cases"], st["os_reject"],
                                 st["cases"] - st["os_reject"], st["agree"]))
    out.append("  disagreements: %d (OpenSSH rejects, sshlint accepts: %d; "
               "OpenSSH accepts, sshlint rejects: %d)" % (
                   len(missed) + len(false_err), len(missed), len(false_err)))
    out.append("  line mismatches (both reject, OpenSSH names a line "
               "sshlint has no error on): %d" % len(lines))
    out.append("  sshlint failures (crash/exit 2/bad JSON): %d" % len(fails))
    if harness:
        out.append("  harness problems (OpenSSH timeout/odd exit): %d" %
                   len(harness))
    if skipped:
        out.append("  not compared (verdict depends on the network: %s): %d"
                   % (", ".join(r.case.id for r in skipped[:5]) +
                      (", ..." if len(skipped) > 5 else ""), len(skipped)))
    if known_hits:
        out.append("  known differences (known-differences.txt): %d" %
                   len(known_hits))

    def section(title, items, key):
        if not items:
            return
        out.append("")
        out.append("== %s (%d)" % (title, len(items)))
        groups = {}
        for res in items:
            groups.setdefault(key(res), []).append(res)
        for k in sorted(groups, key=lambda k: (-len(groups[k]), k)):
            out.append("-- %s  [%d case(s)]" % (k, len(groups[k])))
            for res in groups[k]:
                describe(res, out)

    section("OpenSSH rejects, sshlint accepts", missed,
            lambda r: "%s: %s" % (r.case.dialect,
                                  normalize_msg(first_error(r), r.dir)))
    section("OpenSSH accepts, sshlint rejects", false_err,
            lambda r: "%s: %s" % (r.case.dialect, ", ".join(sorted(
                {"%s %s" % (e[3], e[4].split(":")[0][:60])
                 for e in r.sl_errors}))))
    def line_key(r):
        if any("Include cycle" in (e[4] or "") or "recursive" in (e[4] or "")
               for e in r.sl_errors):
            return "%s: sshlint reports an Include cycle; OpenSSH fails " \
                "earlier, on a line re-read through it (%s)" % (
                    r.case.dialect, normalize_msg(first_error(r), r.dir))
        return "%s: %s" % (r.case.dialect,
                           normalize_msg(first_error(r), r.dir))

    section("Line mismatches", lines, line_key)
    section("sshlint failures", fails, lambda r: r.sl_fail[:80])
    section("Harness problems", harness, lambda r: r.harness)
    if known_hits and a.verbose:
        out.append("")
        out.append("== Known differences")
        for res, reason in known_hits:
            out.append("  [%s] %s" % (res.case.id, reason))
    print("\n".join(out))

    failing = missed + false_err + lines + fails + harness
    if a.keep and failing:
        os.makedirs(a.keep, exist_ok=True)
        for res in failing:
            keep_case(res, a.keep, sshlint, os.path.join(
                os.path.realpath(a.keep), "hostkey"))
        print("\nfailing cases written to %s/<id>/ (run repro.sh there)" %
              a.keep)
    if failing:
        print("\nreproduce one case: python3 %s --sshlint %s --seed %d "
              "--case ID -v" % (os.path.relpath(__file__), a.sshlint, a.seed))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
