#!/usr/bin/env python3
"""Golden cases of --fix and --diff: fixtures/fix/<case>/{in,out}/ and args.

For each case the tree `in/` is copied to a temporary directory and
`sshlint --fix [args] TOP` is run there (TOP: ssh_config or sshd_config of
in/; args one per line, @DIR@ = the copy). The tree must then equal `out/`
byte for byte; a second --fix must change nothing (idempotent); and
`--diff` on a fresh copy, applied with `patch -p1`, must give `out/` too.

usage: golden_fix.py SSHLINT FIXTURES_DIR [-v]
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile


def tree(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, d)] = open(p, "rb").read()
    return out


def main():
    sshlint, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    verbose = "-v" in sys.argv
    cases_dir = os.path.join(root, "fix")
    n = bad = 0
    tmp = tempfile.mkdtemp(prefix="sshlint-fix-")
    try:
        for case in sorted(os.listdir(cases_dir)):
            d = os.path.join(cases_dir, case)
            n += 1
            top = "sshd_config" if os.path.exists(
                os.path.join(d, "in", "sshd_config")) else "ssh_config"
            for mode in ("fix", "diff"):
                w = os.path.join(tmp, case + "-" + mode)
                shutil.copytree(os.path.join(d, "in"), w, symlinks=True)
                args = []
                if os.path.exists(os.path.join(d, "args")):
                    args = open(os.path.join(d, "args")).read().replace(
                        "@DIR@", w).split()
                cmd = [sshlint, "--" + mode, "--openssh", "9.2"] + args + [
                    "--dialect", "sshd" if top == "sshd_config" else "ssh",
                    top]
                p = subprocess.run(cmd, cwd=w, capture_output=True)
                if p.returncode not in (0, 1):
                    bad += 1
                    print("FAIL %s (%s): exit %d: %s" % (
                        case, mode, p.returncode, p.stderr.decode()[:400]))
                    continue
                if mode == "diff" and p.stdout:
                    pp = subprocess.run(["patch", "-s", "-p1"], cwd=w,
                                        input=p.stdout, capture_output=True)
                    if pp.returncode != 0:
                        bad += 1
                        print("FAIL %s: the diff does not apply: %s\n%s" % (
                            case, pp.stdout.decode() + pp.stderr.decode(),
                            p.stdout.decode()))
                        continue
                got, want = tree(w), tree(os.path.join(d, "out"))
                got = {k: v for k, v in got.items() if not k.endswith(".orig")}
                if got != want:
                    bad += 1
                    print("FAIL %s (%s): result differs from out/" % (
                        case, mode))
                    for k in sorted(set(got) | set(want)):
                        if got.get(k) != want.get(k):
                            print("  %s:\n    got  %r\n    want %r" % (
                                k, got.get(k), want.get(k)))
                    print("  sshlint said: %s" % (
                        p.stdout.decode() + p.stderr.decode())[:800])
                    continue
                if mode == "fix":
                    again = subprocess.run(cmd, cwd=w, capture_output=True)
                    if tree(w) != got or b": fixed " in again.stdout:
                        bad += 1
                        print("FAIL %s: a second --fix changed something:"
                              " %s" % (case, again.stdout.decode()[:400]))
                        continue
                if verbose:
                    print("ok   %s (%s)" % (case, mode))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("golden fix cases: %d, %d failures" % (n, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
