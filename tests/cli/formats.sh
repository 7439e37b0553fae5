#!/bin/sh
# --format text|json|sarif|github. SARIF is validated against the SARIF
# 2.1.0 schema in tests/data (and the validator is shown to reject a broken
# log). usage: formats.sh SSHLINT SOURCE_ROOT
set -u
sshlint=$1
root=$2
. "$(dirname "$0")/lib.sh"
schema=$root/tests/data/sarif-schema-2.1.0.json
check=$root/tests/cli/sarif-check.py

# a Python with jsonschema (Debian: python3-jsonschema)
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import jsonschema' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "FAIL: no python3 with the jsonschema module (apt-get install python3-jsonschema)"
	exit 1
fi

mkdir -p "$tmp/w"
# findings: unknown keyword, bad value with '%', ',' and ':', one after a
# non-ASCII character (UTF-16 columns differ from byte columns), and an
# unused suppression (a warning)
printf 'Host a\n  Usr bob\n  Port "a,b:%%c"\n' >"$tmp/w/c1"
printf 'Host \303\251t\303\251 \360\237\224\221\n  User "\303\251" x\n' >"$tmp/w/utf8"
printf '# sshlint: disable=SSH004\nUser bob\n' >"$tmp/w/unused"
printf 'Usr x\n' >"$tmp/w/we ird,na:me%1"

# --- text (unchanged format)
run text 1 --openssh 9.2 --dialect ssh "$tmp/w/c1"
expect text "^$tmp/w/c1:2:3: error: unknown keyword 'Usr'; did you mean 'User'\\? \\[SSH005\\]$" "$tmp/out"
expect text '^sshlint: 2 errors, 0 warnings, 0 info' "$tmp/out"

# --- json
run json 1 --format json --openssh 9.2 --dialect ssh "$tmp/w/c1" "$tmp/w/utf8"
if python3 - "$tmp/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["version"] == 1 and d["openssh"] == {"min": "9.2", "max": "9.2"}, d
keys = {"path", "line", "col", "end_line", "end_col", "start", "end",
        "severity", "rule", "name", "message"}
for x in d["diagnostics"]:
    assert set(x) == keys, x
assert d["summary"]["error"] == len(d["diagnostics"]) == 3, d
assert d["diagnostics"][1]["message"].startswith("bad port 'a,b:%c'"), d
EOF
then ok; else bad "json: invalid or unexpected"; fi

# --- sarif: valid, and what code scanning uses
cd "$tmp/w" || exit 2
run sarif 1 --format sarif --openssh 9.2 --dialect ssh c1 utf8 unused "we ird,na:me%1" "$tmp/w/../w/c1"
cp "$tmp/out" "$tmp/s1.sarif"
if "$py" "$check" "$schema" "$tmp/s1.sarif"; then ok; else bad "sarif: not valid SARIF 2.1.0"; fi
"$sshlint" rules >"$tmp/rules"
if python3 - "$tmp/s1.sarif" "$tmp/rules" "$tmp/w" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
nrules = len(open(sys.argv[2]).read().splitlines())
run = d["runs"][0]
drv = run["tool"]["driver"]
assert drv["name"] == "sshlint" and drv["version"]
assert len(drv["rules"]) == nrules, (len(drv["rules"]), nrules)
r = {x["id"]: x for x in drv["rules"]}["SSH005"]
assert r["name"] == "unknown-keyword", r
assert r["shortDescription"]["text"] and r["fullDescription"]["text"], r
assert r["defaultConfiguration"]["level"] == "error", r
assert r["properties"]["fixable"] is False, r
assert run["columnKind"] == "utf16CodeUnits", run["columnKind"]
base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
assert base.startswith("file:///") and base.endswith("/w/"), base
res = run["results"]
def loc(x):
    p = x["locations"][0]["physicalLocation"]
    return p["artifactLocation"], p["region"]
# relative to the working directory, percent-encoded
uris = [loc(x)[0]["uri"] for x in res]
assert "c1" in uris and "we%20ird%2Cna%3Ame%251" in uris, uris
assert all(loc(x)[0].get("uriBaseId") == "%SRCROOT%" for x in res), res
# '  User "é" x': the extra argument x is at byte column 13, UTF-16 column 12
x = [x for x in res if loc(x)[0]["uri"] == "utf8"]
assert x and x[0]["ruleId"] == "SSH003", x
assert loc(x[0])[1] == {"startLine": 2, "startColumn": 12, "endLine": 2,
                        "endColumn": 13}, loc(x[0])[1]
u = [x for x in res if x["ruleId"] == "SSH107"]
assert u and u[0]["level"] == "warning" and u[0]["ruleIndex"] >= 0, u
# the same file given twice under two names is one finding per name, and
# every fingerprint is distinct
fps = [list(x["partialFingerprints"].values())[0] for x in res]
assert len(set(fps)) == len(fps), fps
assert run["invocations"][0]["executionSuccessful"] is True
EOF
then ok; else bad "sarif: content"; fi

# fingerprints do not depend on line numbers: insert lines above
printf '# a comment\n\nHost a\n  Usr bob\n  Port "a,b:%%c"\n' >"$tmp/w/c1"
run sarif-moved 1 --format sarif --openssh 9.2 --dialect ssh c1
cp "$tmp/out" "$tmp/s2.sarif"
run sarif-orig 1 --format sarif --openssh 9.2 --dialect ssh c1
if python3 - "$tmp/s1.sarif" "$tmp/s2.sarif" <<'EOF'
import json, sys
def fp(path):
    res = json.load(open(path))["runs"][0]["results"]
    return {(x["ruleId"], x["locations"][0]["physicalLocation"]
             ["artifactLocation"]["uri"]):
            (x["partialFingerprints"]["sshlintFingerprint/v1"],
             x["locations"][0]["physicalLocation"]["region"]["startLine"])
            for x in res}
a, b = fp(sys.argv[1]), fp(sys.argv[2])
for k in (("SSH005", "c1"), ("SSH004", "c1")):
    assert a[k][0] == b[k][0], (k, a[k], b[k])
    assert a[k][1] + 2 == b[k][1], (k, a[k], b[k])
EOF
then ok; else bad "sarif: fingerprints move with the line"; fi

# outside the working directory: an absolute file: URI; an unreadable
# input makes executionSuccessful false (and exit 2)
cd "$root" || exit 2
run sarif-abs 2 --format sarif --openssh 9.2 --dialect ssh "$tmp/w/c1" "$tmp/missing"
if "$py" "$check" "$schema" "$tmp/out"; then ok; else bad "sarif-abs: not valid"; fi
expect sarif-abs "\"uri\":\"file://$tmp/w/c1\"" "$tmp/out"
expect sarif-abs '"executionSuccessful":false' "$tmp/out"
# no findings: an empty results list, still valid
run sarif-clean 0 --format sarif --openssh 9.2 "$root/fixtures/ssh_config/dotfile.conf"
if "$py" "$check" "$schema" "$tmp/out"; then ok; else bad "sarif-clean: not valid"; fi
expect sarif-clean '"results":\[$' "$tmp/out"

# the validator rejects a broken log (so the checks above mean something)
python3 - "$tmp/s1.sarif" "$tmp/broken.sarif" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["runs"][0]["results"][0]["level"] = "fatal"
del d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
d["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
json.dump(d, open(sys.argv[2], "w"))
EOF
if "$py" "$check" "$schema" "$tmp/broken.sarif" >"$tmp/why"; then
	bad "sarif-broken: a broken log passed validation"
else
	ok
	expect sarif-broken "'fatal' is not one of" "$tmp/why"
	expect sarif-broken "0 is less than the minimum of 1" "$tmp/why"
fi
printf '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"ruleIndex":3}]}]}' >"$tmp/broken2.sarif"
if "$py" "$check" "$schema" "$tmp/broken2.sarif" >"$tmp/why"; then
	bad "sarif-broken2: a bad rule index passed"
else ok; fi

# --- github workflow commands
cd "$tmp/w" || exit 2
printf 'Host a\n  Usr bob\n  Port "a,b:%%c"\n' >"$tmp/w/c1"
run github 1 --format github --openssh 9.2 --dialect ssh c1 "we ird,na:me%1" unused
count github 4 '^::(error|warning|notice) file=[^,:]+,line=[0-9]+,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+,title=SSH[0-9]{3} [a-z-]+::[^%]*(%25[^%]*)*\[SSH[0-9]{3}\]$' "$tmp/out"
expect github '^::error file=c1,line=2,col=3,endLine=2,endColumn=6,title=SSH005 unknown-keyword::unknown keyword .Usr.' "$tmp/out"
# data: % escaped (':' and ',' are kept); properties: also ':' and ','
expect github "^::error file=c1,line=3,col=8,.*::bad port 'a,b:%25c'" "$tmp/out"
expect github '^::error file=we ird%2Cna%3Ame%251,line=1,col=1,' "$tmp/out"
expect github '^::warning file=unused,line=1,col=20,.*title=SSH107 ' "$tmp/out"
reject github 'sshlint: ' "$tmp/out"
run github-clean 0 --format github --openssh 9.2 "$root/fixtures/ssh_config/dotfile.conf"
count github-clean 0 '.' "$tmp/out"

run bad-format 2 --format xml c1
expect bad-format "bad --format 'xml' \\(text, json, sarif or github\\)" "$tmp/err"
run help 0 --help
expect help '--format text\|json\|sarif\|github' "$tmp/out"

echo "formats: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
