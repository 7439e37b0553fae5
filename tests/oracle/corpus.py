#!/usr/bin/env python3
"""Accept/reject agreement with OpenSSH 9.2 on the shared real-world corpus.

../shared/corpus/SOURCES.tsv records, for every file, what the installed
OpenSSH 9.2p1 said (`ssh -G -F FILE example` for client files, `sshd -t -f
FILE` for server files). sshlint --openssh 9.2 must report at least one
error exactly for the files OpenSSH rejects. Exit 77 (skip) when the corpus
is absent.
"""
import json
import os
import subprocess
import sys

# Files whose verdict depends on the environment the corpus was checked in,
# not on the file: each with the reason.
KNOWN = {
    "client/Aetf__dotfiles/.ssh/config.d/lan":
        "ssh -G ran with a cleared environment: ${XDG_RUNTIME_DIR} was unset",
}


def dialect(path):
    if path.startswith("server/"):
        return "sshd"
    if path.startswith("templated/"):
        return "sshd" if "sshd" in path.lower() else "ssh"
    return "ssh"


def main():
    sshlint, corpus = sys.argv[1], sys.argv[2]
    tsv = os.path.join(corpus, "SOURCES.tsv")
    if not os.path.exists(tsv):
        print("no corpus at %s: skipped" % corpus)
        return 77
    n = agree = 0
    bad = []
    with open(tsv, encoding="utf-8", errors="replace") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = header.index("openssh92")
        for line in f:
            row = line.rstrip("\n").split("\t")
            path, verdict = row[0], row[col]
            full = os.path.join(corpus, path)
            if not os.path.isfile(full):
                continue
            n += 1
            p = subprocess.run(
                [sshlint, "--openssh", "9.2", "--dialect", dialect(path),
                 "--format", "json", "--home", "/nonexistent", full],
                capture_output=True, timeout=60)
            if p.returncode not in (0, 1):
                bad.append((path, "sshlint exit %d: %s" % (
                    p.returncode, p.stderr.decode(errors="replace"))))
                continue
            d = json.loads(p.stdout)
            errors = [x for x in d["diagnostics"] if x["severity"] == "error"]
            want = verdict.startswith("rejects")
            if bool(errors) == want:
                agree += 1
            elif path in KNOWN:
                agree += 1
                print("known difference: %s (%s)" % (path, KNOWN[path]))
            else:
                bad.append((path, "OpenSSH %s; sshlint errors: %s" % (
                    verdict, ["%d: %s" % (x["line"], x["message"])
                              for x in errors][:3])))
    for path, why in bad:
        print("DISAGREE %s: %s" % (path, why))
    print("corpus: %d files, %d agree with OpenSSH 9.2, %d disagree"
          % (n, agree, len(bad)))
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
