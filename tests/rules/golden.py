#!/usr/bin/env python3
"""Golden cases of the rules: fixtures/rules/<ID>-<name>/<case>/.

Each case directory holds the configuration (`ssh_config` or `sshd_config`,
plus any files it includes), optionally `policy.yaml` (passed with
--policy) and `args` (extra command-line arguments, one per line), and
`expected`: the findings of rule <ID> that must be reported, one per line
as `FILE:LINE` (FILE relative to the case directory), nothing else. A case
named `nofire*` must produce no finding of the rule; every other case must
produce exactly the listed ones. Findings of other rules are ignored.

usage: golden.py SSHLINT FIXTURES_DIR [-v]
"""
import json
import os
import subprocess
import sys


def main():
    sshlint, root = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv
    rules_dir = os.path.join(root, "rules")
    n = bad = 0
    fired = set()
    for rdir in sorted(os.listdir(rules_dir)):
        rule = rdir.split("-")[0]
        for case in sorted(os.listdir(os.path.join(rules_dir, rdir))):
            d = os.path.join(rules_dir, rdir, case)
            if not os.path.isdir(d):
                continue
            n += 1
            cfg = "sshd_config" if os.path.exists(
                os.path.join(d, "sshd_config")) else "ssh_config"
            extra = open(os.path.join(d, "args")).read() if os.path.exists(
                os.path.join(d, "args")) else ""
            args = [sshlint, "--format", "json"] + (
                [] if "--openssh" in extra else ["--openssh", "9.2"]) + [
                    "--home", os.path.join(d, "home"),
                    "--dialect", "sshd" if cfg == "sshd_config" else "ssh"]
            if os.path.exists(os.path.join(d, "policy.yaml")):
                args += ["--policy", os.path.join(d, "policy.yaml")]
            if os.path.exists(os.path.join(d, "args")):
                args += open(os.path.join(d, "args")).read().replace(
                    "@DIR@", d).split()
            args.append(os.path.join(d, cfg))
            p = subprocess.run(args, capture_output=True, text=True)
            try:
                out = json.loads(p.stdout)
            except ValueError:
                bad += 1
                print("FAIL %s/%s: no JSON (exit %d): %s" % (
                    rdir, case, p.returncode, p.stderr.strip()[:300]))
                continue
            got = sorted("%s:%d" % (os.path.relpath(f["path"], d), f["line"])
                         for f in out["diagnostics"] if f["rule"] == rule)
            if case.startswith("nofire"):
                want = []
            else:
                want = sorted(l.strip() for l in open(
                    os.path.join(d, "expected")) if l.strip())
                if got:
                    fired.add(rule)
            if got != want:
                bad += 1
                print("FAIL %s/%s: %s expected %s, got %s" % (
                    rdir, case, rule, want or "nothing", got or "nothing"))
                for f in out["diagnostics"]:
                    print("    %s:%d %s %s" % (os.path.relpath(f["path"], d),
                                             f["line"], f["rule"],
                                             f["message"]))
            elif verbose:
                print("ok   %s/%s" % (rdir, case))
    print("golden rule cases: %d, %d failed" % (n, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
