#!/usr/bin/env python3
"""`sshlint show` against the installed OpenSSH on the shared real-world corpus.

For every corpus file OpenSSH 9.2 accepts: client files are evaluated for
`example` and up to four literal names of their Host lines (`ssh -G -F FILE
HOST` vs `sshlint show client`), server files for three connection specs
(`sshd -T -f FILE -h KEY [-C SPEC]` vs `sshlint show server`). Every line
and the exit status must agree. Runs in a cleared environment with a
throwaway home. Exit 77 (skip) without the corpus or without ssh/sshd.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SPECS = [None, "user=root,host=client.example,addr=192.0.2.10",
         "user=alice,host=h.example,addr=2001:db8::5,laddr=10.0.0.1,lport=22"]


def run(cmd, env):
    p = subprocess.run(cmd, env=env, capture_output=True, text=True,
                       errors="replace", timeout=60)
    return p.returncode, p.stdout


def main():
    sshlint, corpus = sys.argv[1], sys.argv[2]
    tsv = os.path.join(corpus, "SOURCES.tsv")
    if not os.path.exists(tsv) or not shutil.which("ssh") or \
            not os.path.exists("/usr/sbin/sshd"):
        print("no corpus or no ssh/sshd: skipped")
        return 77
    tmp = tempfile.mkdtemp(prefix="sshlint-showcorpus-")
    try:
        os.makedirs("/run/sshd", exist_ok=True)
        key = os.path.join(tmp, "hostkey")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                        "-f", key], check=True)
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        env = {"HOME": home, "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh"}
        n = bad = 0
        with open(tsv, encoding="utf-8", errors="replace") as f:
            header = f.readline().rstrip("\n").split("\t")
            col = header.index("openssh92")
            rows = [l.rstrip("\n").split("\t") for l in f]
        for row in rows:
            name, verdict = row[0], row[col]
            path = os.path.join(corpus, name)
            if verdict != "accepts" or not os.path.isfile(path):
                continue
            if name.startswith("client/"):
                text = open(path, encoding="utf-8", errors="replace").read()
                hosts = ["example"]
                for m in re.finditer(r"(?im)^\s*host\s+(.*)$", text):
                    for h in m.group(1).split():
                        if not re.search(r"[*?!#\"',]", h) and h not in hosts:
                            hosts.append(h)
                jobs = [(["ssh", "-G", "-F", path, h],
                         [sshlint, "show", "client", "--openssh", "9.2",
                          "-F", path, h]) for h in hosts[:5]]
            elif name.startswith("server/"):
                jobs = []
                for s in SPECS:
                    c = ["-C", s] if s else []
                    jobs.append((["/usr/sbin/sshd", "-T", "-f", path, "-h",
                                  key] + c,
                                 [sshlint, "show", "server", "--openssh",
                                  "9.2", "-f", path, "-h", key] + c))
            else:
                continue
            for oracle, mine in jobs:
                n += 1
                orc, oout = run(oracle, env)
                mrc, mout = run(mine, env)
                if (orc == 0) != (mrc == 0) or (orc == 0 and oout != mout):
                    bad += 1
                    print("MISMATCH %s: %s (exit %d vs %d)" % (
                        name, " ".join(oracle[-1:]), orc, mrc))
                    ol, ml = oout.splitlines(), mout.splitlines()
                    for i in range(max(len(ol), len(ml))):
                        a = ol[i] if i < len(ol) else "(nothing)"
                        b = ml[i] if i < len(ml) else "(nothing)"
                        if a != b:
                            print("  line %d: OpenSSH %r, sshlint %r" % (
                                i + 1, a, b))
                            break
        print("show on the corpus: %d evaluations, %d agree, %d differ" % (
            n, n - bad, bad))
        return 1 if bad else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
