#!/usr/bin/env python3
"""Validate a SARIF log against the SARIF 2.1.0 JSON schema, then check what
GitHub code scanning relies on beyond the schema.

usage: sarif-check.py SCHEMA FILE
Exit 0 when valid, 1 with the reasons when not, 2 when jsonschema is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("sarif-check: the Python module jsonschema is missing "
          "(Debian: apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(2)


def extra_checks(log):
    """What the schema does not say but code scanning needs."""
    errs = []
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        ids = [r["id"] for r in rules]
        if len(ids) != len(set(ids)):
            errs.append("duplicate rule ids")
        for i, res in enumerate(run.get("results", [])):
            where = "results[%d]" % i
            idx = res.get("ruleIndex")
            if idx is None or not 0 <= idx < len(rules):
                errs.append(where + ": ruleIndex missing or out of range")
            elif rules[idx]["id"] != res.get("ruleId"):
                errs.append(where + ": ruleIndex names %s, ruleId is %s"
                            % (rules[idx]["id"], res.get("ruleId")))
            if not res.get("message", {}).get("text"):
                errs.append(where + ": no message text")
            locs = res.get("locations", [])
            if len(locs) != 1:
                errs.append(where + ": expected one location")
                continue
            pl = locs[0]["physicalLocation"]
            uri = pl["artifactLocation"]["uri"]
            if not uri or " " in uri:
                errs.append(where + ": bad uri %r" % uri)
            reg = pl.get("region")
            if reg:
                if (reg["endLine"], reg["endColumn"]) < \
                        (reg["startLine"], reg["startColumn"]):
                    errs.append(where + ": region ends before it starts")
            if not res.get("partialFingerprints"):
                errs.append(where + ": no partialFingerprints")
    return errs


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        with open(sys.argv[2], encoding="utf-8") as f:
            log = json.load(f)
    except ValueError as e:
        print("sarif-check: not JSON: %s" % e)
        return 1
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(v.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:20]:
        print("sarif-check: %s: %s" % ("/".join(map(str, e.path)) or "/",
                                       e.message))
    if errors:
        return 1
    extra = extra_checks(log)
    for e in extra:
        print("sarif-check: " + e)
    return 1 if extra else 0


if __name__ == "__main__":
    sys.exit(main())
