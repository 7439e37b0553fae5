#!/bin/sh
# Inline suppressions: '# sshlint: disable=...' for the next directive or a
# whole block, 'disable-file=...', 'all', unused and unknown ones (SSH107).
# usage: suppress.sh SSHLINT SOURCE_ROOT
set -u
sshlint=$1
root=$2
. "$(dirname "$0")/lib.sh"
fx=$root/fixtures/suppress
lint() { run "$@" --openssh 9.2 --dialect ssh; }

# --- next directive: by id, by name; only that line
run next 1 --openssh 9.2 --dialect ssh "$fx/next-directive.conf"
reject next 'next-directive.conf:3:' "$tmp/out"
reject next 'next-directive.conf:7:' "$tmp/out"
expect next "next-directive.conf:9:3: error: unknown keyword 'Usr'" "$tmp/out"
# a blank line and other comments between comment and directive are fine
reject next 'next-directive.conf:13:' "$tmp/out"
# a suppression for another rule does not hide the finding
expect next "next-directive.conf:16:3: error: unknown keyword 'Usr'" "$tmp/out"
expect next "next-directive.conf:15:22: warning: unused suppression: SSH004 \\(bad-value\\) reports nothing on the line it covers \\[SSH107\\]" "$tmp/out"
# two ids, one used: only the unused one is reported
reject next 'next-directive.conf:17:22:' "$tmp/out"
expect next "next-directive.conf:17:29: warning: unused suppression: SSH003" "$tmp/out"
# after a directive: that line only
reject next 'next-directive.conf:20:' "$tmp/out"
count next 2 ': error:' "$tmp/out"

# --- block: right after Host/Match, before the first directive
run block 1 --openssh 9.2 --dialect ssh "$fx/block.conf"
reject block 'block.conf:(4|5|6):' "$tmp/out"
expect block "block.conf:9:3: error: unknown keyword 'Frob'" "$tmp/out"
# after the block's first directive it is a next-line suppression again
expect block "block.conf:14:3: error: unknown keyword 'Frob'" "$tmp/out"
reject block 'block.conf:13:' "$tmp/out"
# before the Host line: covers the Host line only
expect block "block.conf:18:3: error: unknown keyword 'Frob'" "$tmp/out"
expect block "block.conf:16:20: warning: unused suppression: SSH005 \\(unknown-keyword\\) reports nothing on the line it covers" "$tmp/out"
# sshd Match block
run block-sshd 0 --openssh 9.2 --dialect sshd "$fx/match-block.conf"
reject block-sshd 'SSH009' "$tmp/out"
count block-sshd 0 'SSH107' "$tmp/out"

# --- file
run file 0 --openssh 9.2 --dialect ssh "$fx/file.conf"
reject file ': error:' "$tmp/out"
reject file 'SSH107' "$tmp/out"

# --- all
run all 0 --openssh 9.2 --dialect ssh "$fx/all.conf"
expect all '^sshlint: 0 errors, 0 warnings' "$tmp/out"

# --- unused and unknown ones
run unused 0 --openssh 9.2 --dialect ssh "$fx/unused.conf"
expect unused "unused.conf:1:25: warning: unused suppression: SSH005 \\(unknown-keyword\\) reports nothing in this file \\[SSH107\\]" "$tmp/out"
expect unused "unused.conf:4:22: warning: unused suppression: SSH004 \\(bad-value\\) reports nothing in the block it covers" "$tmp/out"
expect unused "unused.conf:6:20: warning: unknown rule 'SSH999' in an sshlint suppression comment" "$tmp/out"
expect unused "unused.conf:6:27: warning: unknown rule 'no-such-rule'" "$tmp/out"
expect unused "unused.conf:7:12: warning: unknown sshlint directive 'enable'" "$tmp/out"
expect unused "unused.conf:8:12: warning: no rule after 'disable='" "$tmp/out"
expect unused "unused.conf:10:20: warning: unused suppression: 'all' reports nothing here \\(no directive follows\\)" "$tmp/out"
count unused 7 'SSH107' "$tmp/out"
# unused suppressions are warnings: --fail-on warning fails
run unused-fail 1 --fail-on warning --openssh 9.2 --dialect ssh "$fx/unused.conf"
# ... and can themselves be disabled for a file
printf '# sshlint: disable-file=SSH107\n# sshlint: disable=SSH005\nUser x\n' >"$tmp/quiet"
run unused-quiet 0 --fail-on warning --openssh 9.2 --dialect ssh "$tmp/quiet"
reject unused-quiet 'SSH107' "$tmp/out"

# --- in an included file, and in every output format
printf 'Include %s/inc\n' "$tmp" >"$tmp/top"
printf '# sshlint: disable=SSH005\nUsr x\nUsr y\n' >"$tmp/inc"
run included 1 --openssh 9.2 --dialect ssh "$tmp/top"
reject included 'inc:2:' "$tmp/out"
expect included "inc:3:1: error: unknown keyword 'Usr'" "$tmp/out"
run included-json 1 --format json --openssh 9.2 --dialect ssh "$tmp/top"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [x["line"] for x in d["diagnostics"]]==[3], d' "$tmp/out"; then ok; else bad "included-json"; fi

# --- keyword case and spacing of the comment
printf '#sshlint:disable=ssh005\nUsr x\n##  SSHLINT :  disable = SSH005 , SSH004 reason\nUsr y\n' >"$tmp/spacing"
run spacing 0 --openssh 9.2 --dialect ssh "$tmp/spacing"
expect spacing "spacing:3:35: warning: unused suppression: SSH004" "$tmp/out"
count spacing 1 'SSH107' "$tmp/out"
# an ordinary comment is no suppression
printf '# disable=SSH005 (not for sshlint)\nUsr x\n' >"$tmp/plain"
run plain 1 --openssh 9.2 --dialect ssh "$tmp/plain"

echo "suppress: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
