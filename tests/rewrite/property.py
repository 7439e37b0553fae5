#!/usr/bin/env python3
"""Property test of --fix over generated configuration trees.

For each tree of the show differential generator (tests/oracle/showdiff.py):
  * when OpenSSH accepted the tree before, it still accepts it after --fix
    (`ssh -G -F` for the query host, `sshd -t -f -h KEY`);
  * a second --fix changes nothing (idempotent);
  * every line the fix did not edit is byte-identical: the changed lines
    of each file are at most the number of fixes it reported times two;
  * files that no fix names are untouched.

usage: property.py SSHLINT [--cases N] [--seed S] [-v]
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "oracle"))
import showdiff  # noqa: E402


def snapshot(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, d)] = open(p, "rb").read()
    return out


def accepted(case, d, hostkey, env):
    main = os.path.join(d, case.main)
    if case.dialect == "ssh":
        cmd = ["ssh", "-G", "-F", main, case.query["host"]]
    else:
        cmd = ["/usr/sbin/sshd", "-t", "-f", main, "-h", hostkey]
    return subprocess.run(cmd, cwd=d, env=env, capture_output=True,
                          timeout=60).returncode == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sshlint")
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    sshlint = os.path.abspath(a.sshlint)
    if not shutil.which("ssh") or not os.path.exists("/usr/sbin/sshd"):
        print("ssh/sshd not installed: skipped")
        return 77
    os.makedirs("/run/sshd", exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="sshlint-fixprop-")
    bad = fixed_trees = nfix = 0
    try:
        hostkey = os.path.join(tmp, "hostkey")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                        hostkey], check=True)
        for i in range(a.cases):
            dialect = "ssh" if i % 2 == 0 else "sshd"
            case = showdiff.generate(a.seed, dialect, i)
            d = os.path.join(tmp, "c%d" % i)
            showdiff.materialize(case, d)
            env = showdiff.clean_env(os.path.join(d, "home"))
            ok_before = accepted(case, d, hostkey, env)
            before = snapshot(d)
            cmd = [sshlint, "--fix", "--openssh", "9.2", "--dialect",
                   dialect, "--home", os.path.join(d, "home"), "--sysroot",
                   d, "--config", "/dev/null", case.main]
            p = subprocess.run(cmd, cwd=d, env=env, capture_output=True,
                               timeout=120)
            problems = []
            if p.returncode not in (0, 1):
                problems.append("exit %d: %s" % (p.returncode,
                                                 p.stderr.decode()[:300]))
            after = snapshot(d)
            fixes = [l for l in p.stdout.decode().splitlines()
                     if ": fixed " in l]
            nfix += len(fixes)
            if after != before:
                fixed_trees += 1
            for name in before:
                if before[name] == after.get(name):
                    continue
                named = sum(1 for l in fixes if l.startswith(
                    os.path.join(d, name) + ":") or l.startswith(name + ":"))
                if named == 0:
                    problems.append("%s changed but no fix names it" % name)
                    continue
                changed = sum(1 for l in difflib.ndiff(
                    before[name].decode("utf-8", "replace").splitlines(True),
                    after[name].decode("utf-8", "replace").splitlines(True))
                    if l[:1] in "+-")
                if changed > 2 * named:
                    problems.append("%s: %d lines changed for %d fixes" % (
                        name, changed, named))
            if ok_before and not accepted(case, d, hostkey, env):
                problems.append("OpenSSH accepted the tree before --fix, "
                                "not after")
            again = subprocess.run(cmd, cwd=d, env=env, capture_output=True,
                                   timeout=120)
            if snapshot(d) != after or b": fixed " in again.stdout:
                problems.append("a second --fix changed something: %s" %
                                again.stdout.decode()[:300])
            if problems:
                bad += 1
                print("FAIL %s (seed %d): %s" % (case.id, a.seed,
                                                 "; ".join(problems)))
                for l in fixes:
                    print("    " + l)
            elif a.v:
                print("ok   %s: %d fixes" % (case.id, len(fixes)))
        print("fix property: %d trees, %d changed by %d fixes, %d failed" % (
            a.cases, fixed_trees, nfix, bad))
        return 1 if bad else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
