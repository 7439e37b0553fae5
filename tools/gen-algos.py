#!/usr/bin/env python3
"""Generate lint/algos_data.c from the reference algorithms.yaml.

Usage:
    python3 tools/gen-algos.py /work/shared/reference/algorithms.yaml \\
        > lint/algos_data.c
    python3 tools/gen-algos.py --check-installed
        Compare the Debian 9.2 capture embedded below (DEBIAN_9_2) with the
        ssh/sshd installed on this machine and exit 1 on any difference.
        Needs OpenSSH 9.2 (Debian) installed and ssh-keygen; runs
        `ssh -Q`, `ssh -G -F /dev/null` and `sshd -T` with a throwaway host
        key. Only this mode executes anything.

The generated file is committed: the project builds without the reference
directory and without this script. Python 3 standard library only; the
YAML reader below understands the subset that PyYAML's emitter produces for
algorithms.yaml (block mappings and sequences, flow sequences and mappings,
plain and quoted scalars folded over several lines, comments).

Upstream data comes from the YAML, per release. Debian's 9.2 package adds
names and changes defaults; those deltas are not in the YAML but in
DEBIAN_9_2 below, captured from the installed binaries (see the commands
next to each entry). A Debian list is emitted only when it differs from
upstream.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile


# ---------------------------------------------------------------------------
# YAML subset reader


class YamlError(Exception):
    pass


_INT_RE = re.compile(r"^[-+]?[0-9]+$")


def _resolve_plain(text):
    if text in ("null", "~", ""):
        return None
    if text in ("true", "True"):
        return True
    if text in ("false", "False"):
        return False
    if _INT_RE.match(text):
        return int(text)
    return text


class _Reader:
    """Recursive-descent reader over the whole text; self.i is the cursor."""

    FLOW_STOP = ",[]{}"

    def __init__(self, text):
        self.s = text if text.endswith("\n") else text + "\n"
        self.i = 0
        self.n = len(self.s)

    def fail(self, msg):
        line = self.s.count("\n", 0, self.i) + 1
        raise YamlError("line %d: %s" % (line, msg))

    # -- lines ------------------------------------------------------------

    def next_content(self):
        """From the start of a line, skip blank and comment lines. Return
        the indentation of the next content line (cursor at its start) or
        -1 at the end of the text."""
        s = self.s
        while self.i < self.n:
            j = self.i
            while j < self.n and s[j] == " ":
                j += 1
            if j >= self.n:
                self.i = self.n
                return -1
            if s[j] == "\t":
                self.i = j
                self.fail("tab in indentation")
            if s[j] == "\n":
                self.i = j + 1
                continue
            if s[j] == "#":
                self.i = s.index("\n", j) + 1
                continue
            return j - self.i
        return -1

    def end_of_line(self):
        """Expect only blanks or a comment up to the newline; consume it."""
        s = self.s
        while s[self.i] == " ":
            self.i += 1
        if s[self.i] == "#":
            self.i = s.index("\n", self.i)
        if s[self.i] != "\n":
            self.fail("unexpected text %r" % s[self.i:self.i + 20])
        self.i += 1

    def is_seq_entry(self, ind):
        j = self.i + ind
        return self.s[j] == "-" and self.s[j + 1] in " \n"

    # -- block structure --------------------------------------------------

    def document(self):
        ind = self.next_content()
        if ind < 0:
            return None
        v = self.block(ind)
        if self.next_content() >= 0:
            self.fail("content after the document")
        return v

    def block(self, ind):
        if self.is_seq_entry(ind):
            return self.sequence(ind)
        self.i += ind
        return self.mapping(ind)

    def sequence(self, ind):
        out = []
        while True:
            save = self.i
            cur = self.next_content()
            if cur != ind or not self.is_seq_entry(ind):
                if cur > ind:
                    self.fail("bad indentation in sequence")
                self.i = save if cur < 0 else self.i
                return out
            self.i += ind + 1
            while self.s[self.i] == " ":
                self.i += 1
            col = self.i - self.s.rindex("\n", 0, self.i) - 1
            c = self.s[self.i]
            if c == "\n" or c == "#":
                self.end_of_line()
                sub = self.next_content()
                out.append(self.block(sub) if sub > ind else None)
            elif self.looks_like_key():
                out.append(self.mapping(col))
            else:
                out.append(self.inline_value(ind))
                self.end_of_line()

    def looks_like_key(self):
        """Does the text from the cursor to the end of line start with a
        'key: ' (block mapping entry)?"""
        s = self.s
        j = self.i
        if s[j] in "[{":
            return False
        if s[j] in "'\"":
            q = s[j]
            j += 1
            while True:
                if s[j] == q:
                    if q == "'" and s[j + 1] == "'":
                        j += 2
                        continue
                    break
                if s[j] == "\\" and q == '"':
                    j += 1
                if s[j] == "\n":
                    return False
                j += 1
            return s[j + 1] == ":" and s[j + 2] in " \n"
        eol = s.index("\n", j)
        k = s.find(":", j, eol)
        while k >= 0:
            if s[k + 1] in " \n":
                return " #" not in s[j:k]
            k = s.find(":", k + 1, eol)
        return False

    def mapping(self, ind):
        """Block mapping at indentation `ind`; the cursor is on the first
        key (not necessarily at the start of a line)."""
        out = {}
        first = True
        while True:
            if not first:
                save = self.i
                cur = self.next_content()
                if cur != ind or self.is_seq_entry(ind):
                    if cur > ind:
                        self.fail("bad indentation in mapping")
                    self.i = save if cur < 0 else self.i
                    return out
                self.i += ind
            first = False
            key = self.key()
            if key in out:
                self.fail("duplicate key %r" % key)
            while self.s[self.i] == " ":
                self.i += 1
            c = self.s[self.i]
            if c == "\n" or c == "#":
                self.end_of_line()
                save = self.i
                sub = self.next_content()
                if sub > ind:
                    out[key] = self.block(sub)
                elif sub == ind and self.is_seq_entry(ind):
                    out[key] = self.sequence(ind)
                else:
                    self.i = save
                    out[key] = None
            else:
                out[key] = self.inline_value(ind)
                self.end_of_line()

    def key(self):
        s = self.s
        if s[self.i] in "'\"":
            k = self.quoted()
        else:
            eol = s.index("\n", self.i)
            j = self.i
            while True:
                j = s.find(":", j, eol)
                if j < 0:
                    self.fail("mapping key expected")
                if s[j + 1] in " \n":
                    break
                j += 1
            k = s[self.i:j].rstrip()
            self.i = j
        if s[self.i] != ":":
            self.fail("':' expected after key")
        self.i += 1
        return k

    def inline_value(self, parent_ind):
        c = self.s[self.i]
        if c in "[{":
            return self.flow_node()
        if c in "'\"":
            return self.quoted()
        if c in "|>":
            self.fail("block scalars are not supported")
        if c in "&*!":
            self.fail("anchors, aliases and tags are not supported")
        return self.block_plain(parent_ind)

    def block_plain(self, parent_ind):
        """Plain scalar in block context, possibly continued on more
        indented lines (folded with single spaces)."""
        s = self.s
        parts = []
        while True:
            eol = s.index("\n", self.i)
            seg = s[self.i:eol]
            k = seg.find(" #")
            if k >= 0:
                seg = seg[:k]
            parts.append(seg.strip())
            self.i = eol
            # continuation: next content line more indented than the parent
            j = eol + 1
            save = self.i
            self.i = j
            ind = self.next_content()
            if ind > parent_ind and not self.looks_like_key_at(ind) \
                    and k < 0:
                self.i += ind
                continue
            self.i = save
            break
        return _resolve_plain(" ".join(p for p in parts if p))

    def looks_like_key_at(self, ind):
        save = self.i
        self.i += ind
        r = self.is_seq_entry(0) or self.looks_like_key()
        self.i = save
        return r

    # -- scalars ----------------------------------------------------------

    def fold(self, buf):
        """At a newline inside a quoted or flow scalar: fold the line break
        per YAML (one break -> space, n blank lines -> n newlines)."""
        s = self.s
        while buf and buf[-1] in " \t":
            buf.pop()
        self.i += 1
        blanks = 0
        while True:
            while self.i < self.n and s[self.i] in " \t":
                self.i += 1
            if self.i < self.n and s[self.i] == "\n":
                blanks += 1
                self.i += 1
                continue
            break
        if self.i >= self.n:
            self.fail("unterminated scalar")
        buf.append("\n" * blanks if blanks else " ")

    _ESC = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t",
            "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
            " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
            "_": "\xa0", "L": "\u2028", "P": "\u2029"}

    def quoted(self):
        s = self.s
        q = s[self.i]
        self.i += 1
        buf = []
        while True:
            if self.i >= self.n:
                self.fail("unterminated quoted scalar")
            c = s[self.i]
            if c == q:
                if q == "'" and s[self.i + 1] == "'":
                    buf.append("'")
                    self.i += 2
                    continue
                self.i += 1
                return "".join(buf)
            if c == "\n":
                self.fold(buf)
                continue
            if q == '"' and c == "\\":
                e = s[self.i + 1]
                if e == "\n":
                    self.i += 2
                    while s[self.i] in " \t":
                        self.i += 1
                    continue
                if e in "xuU":
                    w = {"x": 2, "u": 4, "U": 8}[e]
                    buf.append(chr(int(s[self.i + 2:self.i + 2 + w], 16)))
                    self.i += 2 + w
                    continue
                if e not in self._ESC:
                    self.fail("bad escape \\%s" % e)
                buf.append(self._ESC[e])
                self.i += 2
                continue
            buf.append(c)
            self.i += 1

    # -- flow collections -------------------------------------------------

    def flow_ws(self):
        s = self.s
        while self.i < self.n:
            c = s[self.i]
            if c in " \t\n":
                self.i += 1
            elif c == "#" and s[self.i - 1] in " \t\n":
                self.i = s.index("\n", self.i)
            else:
                return
        self.fail("unterminated flow collection")

    def flow_node(self):
        s = self.s
        self.flow_ws()
        c = s[self.i]
        if c == "[":
            self.i += 1
            out = []
            while True:
                self.flow_ws()
                if s[self.i] == "]":
                    self.i += 1
                    return out
                out.append(self.flow_node())
                self.flow_ws()
                if s[self.i] == ",":
                    self.i += 1
                elif s[self.i] != "]":
                    self.fail("',' or ']' expected")
        if c == "{":
            self.i += 1
            out = {}
            while True:
                self.flow_ws()
                if s[self.i] == "}":
                    self.i += 1
                    return out
                k = self.flow_node()
                self.flow_ws()
                v = None
                if s[self.i] == ":":
                    self.i += 1
                    self.flow_ws()
                    if s[self.i] not in ",}":
                        v = self.flow_node()
                        self.flow_ws()
                out[k] = v
                if s[self.i] == ",":
                    self.i += 1
                elif s[self.i] != "}":
                    self.fail("',' or '}' expected")
        if c in "'\"":
            return self.quoted()
        return self.flow_plain()

    def flow_plain(self):
        s = self.s
        buf = []
        while self.i < self.n:
            c = s[self.i]
            if c in self.FLOW_STOP:
                break
            if c == ":" and s[self.i + 1] in " \n,[]{}":
                break
            if c == "#" and buf and buf[-1] in " \t":
                break
            if c == "\n":
                self.fold(buf)
                continue
            buf.append(c)
            self.i += 1
        text = "".join(buf).strip()
        if not text:
            self.fail("empty flow scalar")
        return _resolve_plain(text)


def yaml_load(text):
    return _Reader(text).document()


# ---------------------------------------------------------------------------
# Model

KINDS = [
    # (C enumerator, YAML key)
    ("SL_AK_CIPHER", "cipher"),
    ("SL_AK_CIPHER_AUTH", "cipher-auth"),
    ("SL_AK_MAC", "mac"),
    ("SL_AK_KEX", "kex"),
    ("SL_AK_KEY", "key"),
    ("SL_AK_KEY_CERT", "key-cert"),
    ("SL_AK_KEY_PLAIN", "key-plain"),
    ("SL_AK_KEY_SIG", "key-sig"),
    ("SL_AK_SIG", "sig"),
    ("SL_AK_COMPRESSION", "compression"),
    ("SL_AK_GSS_KEX", "kex-gss"),       # Debian only, never in the YAML
]

OPTS = [
    # (C enumerator, YAML key, short name for C identifiers)
    ("SL_AO_KEX", "KexAlgorithms", "kex"),
    ("SL_AO_CIPHERS", "Ciphers", "ciphers"),
    ("SL_AO_MACS", "MACs", "macs"),
    ("SL_AO_HOSTKEY", "HostKeyAlgorithms", "hostkey"),
    ("SL_AO_PUBKEY", "PubkeyAcceptedAlgorithms", "pubkey"),
    ("SL_AO_HOSTBASED", "HostbasedAcceptedAlgorithms", "hostbased"),
    ("SL_AO_CASIG", "CASignatureAlgorithms", "casig"),
]

# Kinds that upstream releases must provide.
UPSTREAM_KINDS = [k for _, k in KINDS if k != "kex-gss"]


def version_int(s):
    m = re.match(r"^(\d+)\.(\d+)$", str(s))
    if not m:
        raise ValueError("bad release %r" % (s,))
    return int(m.group(1)) * 100 + int(m.group(2))


def derive_kinds(sup):
    """Fill kinds a release's YAML lacks from the ones it has, the way
    OpenSSH's own lists relate (sshkey_alg_list(certs_only, plain_only,
    include_sigonly)): key-sig is key plus the signature-only names; sig is
    key-sig without certificates; key-cert/key-plain split key."""
    def is_cert(n):
        return "-cert-v01@" in n
    if "key-cert" not in sup and "key" in sup:
        sup["key-cert"] = [n for n in sup["key"] if is_cert(n)]
    if "key-plain" not in sup and "key" in sup:
        sup["key-plain"] = [n for n in sup["key"] if not is_cert(n)]
    if "sig" not in sup and "key-sig" in sup:
        sup["sig"] = [n for n in sup["key-sig"] if not is_cert(n)]


def load_upstream(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml_load(f.read())
    covered = doc["meta"]["releases_covered"]
    rels = doc["releases"]
    out = []
    for rname in covered:
        r = rels[rname]
        sup = dict((k, v) for k, v in r["supported"].items()
                   if k in UPSTREAM_KINDS)
        derive_kinds(sup)
        for k in UPSTREAM_KINDS:
            lst = sup.get(k)
            if not isinstance(lst, list) or \
                    not all(isinstance(x, str) for x in lst):
                raise SystemExit("release %s: supported.%s missing or "
                                 "not a list of names" % (rname, k))
            if len(set(lst)) != len(lst):
                raise SystemExit("release %s: duplicate in supported.%s"
                                 % (rname, k))
        defs = {}
        for side in ("client", "server"):
            d = r["defaults"][side]
            for _, opt, _ in OPTS:
                v = d[opt]["value"]
                if v is not None and not (isinstance(v, list) and
                                          all(isinstance(x, str)
                                              for x in v)):
                    raise SystemExit("release %s: defaults.%s.%s.value "
                                     "is not a list" % (rname, side, opt))
                defs[(side, opt)] = v
        out.append({"name": rname, "version": version_int(rname),
                    "supported": sup, "defaults": defs})
    out.sort(key=lambda x: x["version"])
    return out


# ---------------------------------------------------------------------------
# Debian 9.2 (OpenSSH_9.2p1 Debian-2+deb12u*), captured from the installed
# binaries on Debian 12. Regenerate/verify with --check-installed.

_D92_PK = ("ssh-ed25519-cert-v01@openssh.com,"
           "ecdsa-sha2-nistp256-cert-v01@openssh.com,"
           "ecdsa-sha2-nistp384-cert-v01@openssh.com,"
           "ecdsa-sha2-nistp521-cert-v01@openssh.com,"
           "sk-ssh-ed25519-cert-v01@openssh.com,"
           "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,"
           "rsa-sha2-512-cert-v01@openssh.com,"
           "rsa-sha2-256-cert-v01@openssh.com,"
           "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
           "ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,"
           "sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256")
_D92_KEX = ("sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,"
            "curve25519-sha256,curve25519-sha256@libssh.org,"
            "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
            "diffie-hellman-group-exchange-sha256,"
            "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
            "diffie-hellman-group14-sha256")
_D92_CIPHERS = ("chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,"
                "aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com")
_D92_MACS = ("umac-64-etm@openssh.com,umac-128-etm@openssh.com,"
             "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
             "hmac-sha1-etm@openssh.com,umac-64@openssh.com,"
             "umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1")
_D92_CASIG = ("ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
              "ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,"
              "sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256")
_D92_DEFAULTS = {
    "KexAlgorithms": _D92_KEX,
    "Ciphers": _D92_CIPHERS,
    "MACs": _D92_MACS,
    "HostKeyAlgorithms": _D92_PK,
    "PubkeyAcceptedAlgorithms": _D92_PK,
    "HostbasedAcceptedAlgorithms": _D92_PK,
    "CASignatureAlgorithms": _D92_CASIG,
}

DEBIAN_9_2 = {
    "version": "9.2",
    # `ssh -Q <kind>` (space separated here; one name a line in the output)
    "supported": {
        "cipher": "3des-cbc aes128-cbc aes192-cbc aes256-cbc aes128-ctr "
                  "aes192-ctr aes256-ctr aes128-gcm@openssh.com "
                  "aes256-gcm@openssh.com chacha20-poly1305@openssh.com",
        "cipher-auth": "aes128-gcm@openssh.com aes256-gcm@openssh.com "
                       "chacha20-poly1305@openssh.com",
        "mac": "hmac-sha1 hmac-sha1-96 hmac-sha2-256 hmac-sha2-512 hmac-md5 "
               "hmac-md5-96 umac-64@openssh.com umac-128@openssh.com "
               "hmac-sha1-etm@openssh.com hmac-sha1-96-etm@openssh.com "
               "hmac-sha2-256-etm@openssh.com hmac-sha2-512-etm@openssh.com "
               "hmac-md5-etm@openssh.com hmac-md5-96-etm@openssh.com "
               "umac-64-etm@openssh.com umac-128-etm@openssh.com",
        "kex": "diffie-hellman-group1-sha1 diffie-hellman-group14-sha1 "
               "diffie-hellman-group14-sha256 diffie-hellman-group16-sha512 "
               "diffie-hellman-group18-sha512 "
               "diffie-hellman-group-exchange-sha1 "
               "diffie-hellman-group-exchange-sha256 ecdh-sha2-nistp256 "
               "ecdh-sha2-nistp384 ecdh-sha2-nistp521 curve25519-sha256 "
               "curve25519-sha256@libssh.org sntrup761x25519-sha512 "
               "sntrup761x25519-sha512@openssh.com",
        "key": "ssh-ed25519 ssh-ed25519-cert-v01@openssh.com "
               "sk-ssh-ed25519@openssh.com "
               "sk-ssh-ed25519-cert-v01@openssh.com "
               "ecdsa-sha2-nistp256 ecdsa-sha2-nistp256-cert-v01@openssh.com "
               "ecdsa-sha2-nistp384 ecdsa-sha2-nistp384-cert-v01@openssh.com "
               "ecdsa-sha2-nistp521 ecdsa-sha2-nistp521-cert-v01@openssh.com "
               "sk-ecdsa-sha2-nistp256@openssh.com "
               "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com ssh-dss "
               "ssh-dss-cert-v01@openssh.com ssh-rsa "
               "ssh-rsa-cert-v01@openssh.com",
        "key-cert": "ssh-ed25519-cert-v01@openssh.com "
                    "sk-ssh-ed25519-cert-v01@openssh.com "
                    "ecdsa-sha2-nistp256-cert-v01@openssh.com "
                    "ecdsa-sha2-nistp384-cert-v01@openssh.com "
                    "ecdsa-sha2-nistp521-cert-v01@openssh.com "
                    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com "
                    "ssh-dss-cert-v01@openssh.com "
                    "ssh-rsa-cert-v01@openssh.com",
        "key-plain": "ssh-ed25519 sk-ssh-ed25519@openssh.com "
                     "ecdsa-sha2-nistp256 ecdsa-sha2-nistp384 "
                     "ecdsa-sha2-nistp521 sk-ecdsa-sha2-nistp256@openssh.com "
                     "ssh-dss ssh-rsa",
        "key-sig": "ssh-ed25519 ssh-ed25519-cert-v01@openssh.com "
                   "sk-ssh-ed25519@openssh.com "
                   "sk-ssh-ed25519-cert-v01@openssh.com ecdsa-sha2-nistp256 "
                   "ecdsa-sha2-nistp256-cert-v01@openssh.com "
                   "ecdsa-sha2-nistp384 "
                   "ecdsa-sha2-nistp384-cert-v01@openssh.com "
                   "ecdsa-sha2-nistp521 "
                   "ecdsa-sha2-nistp521-cert-v01@openssh.com "
                   "sk-ecdsa-sha2-nistp256@openssh.com "
                   "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com "
                   "webauthn-sk-ecdsa-sha2-nistp256@openssh.com ssh-dss "
                   "ssh-dss-cert-v01@openssh.com ssh-rsa "
                   "ssh-rsa-cert-v01@openssh.com rsa-sha2-256 "
                   "rsa-sha2-256-cert-v01@openssh.com rsa-sha2-512 "
                   "rsa-sha2-512-cert-v01@openssh.com",
        "sig": "ssh-ed25519 sk-ssh-ed25519@openssh.com ecdsa-sha2-nistp256 "
               "ecdsa-sha2-nistp384 ecdsa-sha2-nistp521 "
               "sk-ecdsa-sha2-nistp256@openssh.com "
               "webauthn-sk-ecdsa-sha2-nistp256@openssh.com ssh-dss ssh-rsa "
               "rsa-sha2-256 rsa-sha2-512",
        "compression": "none zlib@openssh.com zlib",
        # `ssh -Q kex-gss`; the same names are the only ones the
        # GSSAPIKexAlgorithms parser of ssh and sshd accepts.
        "kex-gss": "gss-gex-sha1- gss-group1-sha1- gss-group14-sha1- "
                   "gss-group14-sha256- gss-group16-sha512- "
                   "gss-nistp256-sha256- gss-curve25519-sha256-",
    },
    # `ssh -G -F /dev/null x` (comma lists, option names lower-cased there)
    "client": dict(_D92_DEFAULTS),
    # `sshd -T -f /dev/null -h HOSTKEY` (mkdir -p /run/sshd first)
    "server": dict(_D92_DEFAULTS),
    # gssapikexalgorithms line of both `ssh -G` and `sshd -T`
    "gss_default": "gss-group14-sha256-,gss-group16-sha512-,"
                   "gss-nistp256-sha256-,gss-curve25519-sha256-,"
                   "gss-group14-sha1-,gss-gex-sha1-",
}


def split_names(s, sep):
    return [x for x in s.split(sep) if x]


def debian_release(d):
    sup = {k: split_names(v, " ") for k, v in d["supported"].items()}
    defs = {}
    for side in ("client", "server"):
        for opt, v in d[side].items():
            defs[(side, opt)] = split_names(v, ",")
    return {"name": d["version"], "version": version_int(d["version"]),
            "supported": sup, "defaults": defs,
            "gss_default": split_names(d["gss_default"], ",")}


# ---------------------------------------------------------------------------
# Comparison with the installed binaries (--check-installed)

_G_KEYS = {
    "kexalgorithms": "KexAlgorithms",
    "ciphers": "Ciphers",
    "macs": "MACs",
    "hostkeyalgorithms": "HostKeyAlgorithms",
    "pubkeyacceptedalgorithms": "PubkeyAcceptedAlgorithms",
    "hostbasedacceptedalgorithms": "HostbasedAcceptedAlgorithms",
    "casignaturealgorithms": "CASignatureAlgorithms",
    "gssapikexalgorithms": "gss_default",
}


def _run(argv):
    r = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                       text=True)
    if r.returncode != 0:
        raise SystemExit("%s failed: %s" % (" ".join(argv), r.stderr))
    return r.stdout


def _dump_lines(text):
    out = {}
    for line in text.splitlines():
        k, _, v = line.partition(" ")
        if k in _G_KEYS:
            out[_G_KEYS[k]] = v
    return out


def check_installed():
    ver = _run(["ssh", "-V"]) or subprocess.run(
        ["ssh", "-V"], capture_output=True, text=True).stderr
    bad = 0
    for kind, want in DEBIAN_9_2["supported"].items():
        got = " ".join(_run(["ssh", "-Q", kind]).split())
        if got != want:
            print("ssh -Q %s differs:\n  got  %s\n  want %s"
                  % (kind, got, want))
            bad += 1
    client = _dump_lines(_run(["ssh", "-G", "-F", "/dev/null", "x"]))
    sshd = shutil.which("sshd") or "/usr/sbin/sshd"
    tmp = tempfile.mkdtemp()
    try:
        key = os.path.join(tmp, "hostkey")
        _run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key])
        os.makedirs("/run/sshd", exist_ok=True)
        server = _dump_lines(_run([sshd, "-T", "-f", "/dev/null",
                                   "-h", key]))
    finally:
        shutil.rmtree(tmp)
    for side, got in (("client", client), ("server", server)):
        want = dict(DEBIAN_9_2[side])
        want["gss_default"] = DEBIAN_9_2["gss_default"]
        for opt, w in want.items():
            if got.get(opt) != w:
                print("%s default %s differs:\n  got  %s\n  want %s"
                      % (side, opt, got.get(opt), w))
                bad += 1
    print("%s: %s" % (ver.strip(), "matches" if not bad else
                      "%d difference(s)" % bad))
    return 1 if bad else 0


# ---------------------------------------------------------------------------
# C output


def c_ident(name, used):
    base = "n_" + re.sub(r"[^A-Za-z0-9]", "_", name)
    ident = base
    k = 2
    while ident in used and used[ident] != name:
        ident = "%s_%d" % (base, k)
        k += 1
    used[ident] = name
    return ident


class Emitter:
    def __init__(self):
        self.names = {}         # name -> identifier
        self.used = {}          # identifier -> name
        self.lists = {}         # tuple(names) -> identifier
        self.list_order = []

    def name(self, n):
        if n not in self.names:
            self.names[n] = c_ident(n, self.used)
        return self.names[n]

    def namelist(self, lst, hint):
        """C initializer of a struct sl_namelist; None -> absent. A new
        list is named after its first use (`hint`), e.g. cipher_7_4."""
        if lst is None:
            return "{ NULL, 0 }"
        t = tuple(lst)
        if not t:
            return "{ empty, 0 }"
        if t not in self.lists:
            for n in t:
                self.name(n)
            ident = re.sub(r"[^A-Za-z0-9]", "_", hint)
            if ident in self.lists.values():
                raise SystemExit("list name clash: %s" % ident)
            self.lists[t] = ident
            self.list_order.append(t)
        return "{ %s, %d }" % (self.lists[t], len(t))


def release_rows(em, rel, base):
    """Initializer lines of one struct sl_algo_release. With `base` (the
    upstream release) only lists that differ from it are emitted."""
    tag = ("deb_" if base is not None else "") + rel["name"]
    rows = ["\t{", "\t\t%d,\t/* %s */" % (rel["version"], rel["name"])]
    rows.append("\t\t{")
    for enum, kind in KINDS:
        lst = rel["supported"].get(kind)
        if base is not None and base["supported"].get(kind) == lst:
            lst = None
        rows.append("\t\t\t[%s] = %s," % (
            enum, em.namelist(lst, "%s_%s" % (kind, tag))))
    rows.append("\t\t},")
    rows.append("\t\t{")
    for side in ("client", "server"):
        rows.append("\t\t\t{\t/* %s */" % side)
        for enum, opt, short in OPTS:
            # None in an upstream row: the option does not exist
            lst = rel["defaults"].get((side, opt))
            if base is not None and \
                    base["defaults"].get((side, opt)) == lst:
                lst = None
            rows.append("\t\t\t\t[%s] = %s," % (
                enum, em.namelist(lst, "%s_%s_%s" % (
                    side[0], short, tag))))
        rows.append("\t\t\t},")
    rows.append("\t\t},")
    rows.append("\t\t%s," % em.namelist(rel.get("gss_default"),
                                          "gss_default_" + tag))
    rows.append("\t},")
    return rows


def generate(yaml_path):
    ups = load_upstream(yaml_path)
    deb = [debian_release(DEBIAN_9_2)]
    byver = {r["version"]: r for r in ups}
    for d in deb:
        if d["version"] not in byver:
            raise SystemExit("Debian delta for unknown release %s"
                             % d["name"])

    em = Emitter()
    up_rows = []
    for r in ups:
        up_rows += release_rows(em, r, None)
    deb_rows = []
    for d in deb:
        deb_rows += release_rows(em, d, byver[d["version"]])

    out = []
    w = out.append
    w("/*")
    w(" * GENERATED by tools/gen-algos.py from algorithms.yaml; do not edit.")
    w(" *")
    w(" *   python3 tools/gen-algos.py algorithms.yaml > lint/algos_data.c")
    w(" *")
    w(" * Upstream OpenSSH portable %s .. %s (%d releases), typical build;"
      % (ups[0]["name"], ups[-1]["name"], len(ups)))
    w(" * Debian deltas: %s (captured from the installed binaries)."
      % ", ".join(d["name"] for d in deb))
    w(" * A NULL list in a Debian row means \"same as upstream\"; a NULL")
    w(" * default in an upstream row means the option does not exist.")
    w(" */")
    w("#include \"lint/algos.h\"")
    w("")
    w("#include <stddef.h>")
    w("")
    w("/* clang-format off */")
    w("")
    w("/* Names (%d). */" % len(em.names))
    for n in sorted(em.names, key=lambda x: em.names[x]):
        decl = "static const char %s[] = \"%s\";" % (em.names[n], n)
        if len(decl) > 80:
            decl = "static const char %s[] =\n    \"%s\";" % (em.names[n], n)
        w(decl)
    w("")
    if "{ empty, 0 }" in "\n".join(up_rows + deb_rows):
        w("static const char *const empty[1] = { NULL };")
        w("")
    w("/* Distinct lists (%d), referenced by the release rows. */"
      % len(em.list_order))
    for t in em.list_order:
        w("static const char *const %s[] = {" % em.lists[t])
        for n in t:
            w("\t%s," % em.names[n])
        w("};")
    w("")
    w("const struct sl_algo_release sl_algo_upstream[] = {")
    out.extend(up_rows)
    w("};")
    w("const size_t sl_algo_nupstream =")
    w("    sizeof(sl_algo_upstream) / sizeof(sl_algo_upstream[0]);")
    w("")
    w("const struct sl_algo_release sl_algo_debian[] = {")
    out.extend(deb_rows)
    w("};")
    w("const size_t sl_algo_ndebian =")
    w("    sizeof(sl_algo_debian) / sizeof(sl_algo_debian[0]);")
    w("")
    w("const int sl_algo_release_versions[] = {")
    line = "\t"
    for r in ups:
        item = "%d," % r["version"]
        if len(line.expandtabs()) + len(item) + 1 > 78:
            w(line.rstrip())
            line = "\t"
        line += item + " "
    w(line.rstrip())
    w("};")
    w("")
    w("/* clang-format on */")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) == 2 and argv[1] == "--check-installed":
        return check_installed()
    if len(argv) != 2 or argv[1].startswith("-"):
        sys.stderr.write("usage: %s algorithms.yaml > lint/algos_data.c\n"
                         "       %s --check-installed\n"
                         % (argv[0], argv[0]))
        return 2
    sys.stdout.write(generate(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
