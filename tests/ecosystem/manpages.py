#!/usr/bin/env python3
"""The manual pages against the program.

  manpages.py options SSHLINT SOURCE_ROOT RULES_MAN
      every option that `sshlint --help` and each subcommand's --help list is
      documented in doc/sshlint.1 (lint options under OPTIONS, a
      subcommand's under its .Ss in COMMANDS), every .Fl of the page is an
      option some --help lists, every subcommand has a section and a
      SYNOPSIS line, and the generated sshlint-rules(7) lists every rule of
      `sshlint rules` with its severity.
  manpages.py lint SOURCE_ROOT RULES_MAN
      `mandoc -T lint` is clean on the three pages (exit 77: no mandoc). The
      only messages let through are about the environment: "referenced
      manual not found" for the three sshlint pages (not installed while
      testing) and mandoc.db being out of date.

Options are read from a help text as the bash completion reads them: the
usage lines of that subcommand, and the option column (what comes before
the first run of two blanks on a line indented by at most four blanks that
starts with '-') when the help is that subcommand's own.
"""
import os
import re
import shutil
import subprocess
import sys

SUBCOMMANDS = ['show', 'negotiate', 'doctor', 'explain', 'rules', 'policies',
               'parse']
OPT = re.compile(r'^--?[A-Za-z][-A-Za-z0-9]*$')


def strip(tok):
    tok = re.sub(r'^\[+', '', tok)
    return re.sub(r'(\]|\.\.\.|,|\))+$', '', tok)


def scan(text, out):
    for tok in text.split():
        tok = strip(tok)
        if tok.startswith('-') and '|' in tok:
            out.update(t for t in tok.split('|') if OPT.match(t))
        elif OPT.match(tok):
            out.add(tok)


def help_options(text, sub):
    """Options of subcommand `sub` ('' for lint) in a --help text."""
    opts, inusage, mine, first = set(), False, False, None
    for line in text.splitlines():
        if line.startswith('usage:'):
            inusage = True
            line = line[len('usage:'):]
        if inusage and not line.strip():
            inusage = False
            continue
        if inusage:
            m = re.match(r'\s*sshlint(?:\s+(\S+))?', line)
            if m:
                w = m.group(1) or ''
                mine = (w == '' or w[0] in '[-' or w == 'lint') \
                    if sub == '' else w == sub
                if first is None:
                    first = mine
                line = line[m.end():]
            if mine:
                scan(re.sub(r'\(see .*', '', line), opts)
            continue
        if first and re.match(r'^ {1,4}-', line):
            scan(re.split(r'  ', line.strip(), maxsplit=1)[0], opts)
    return opts


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, env={'NO_COLOR': '1',
                                                     'PATH': '/usr/bin:/bin'})
    return p.returncode, p.stdout


MACRO = re.compile(r'^(?:[A-Z][a-z]{1,2}|%[A-Z])$')


def fl_options(lines):
    """The options named by .Fl macros in mdoc lines."""
    opts = set()
    for line in lines:
        if not line.startswith('.'):
            continue
        toks = line[1:].split()
        i = 0
        while i < len(toks):
            if toks[i] == 'Fl':
                i += 1
                while i < len(toks) and not MACRO.match(toks[i]):
                    t = toks[i]
                    if re.match(r'^-?[A-Za-z][-A-Za-z0-9]*$', t):
                        opts.add('-' + t)
                    i += 1
                continue
            i += 1
    return opts


def sections(path):
    """{'OPTIONS': lines, 'SYNOPSIS': lines, 'ss:show': lines, ...}"""
    sec, cur, sh = {}, None, None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('.Sh '):
            sh = line[4:].strip().strip('"')
            cur = sec.setdefault(sh, [])
            continue
        if line.startswith('.Ss ') and sh == 'COMMANDS':
            name = line[4:].split()[0].strip('"')
            cur = sec.setdefault('ss:' + name, [])
            continue
        if cur is not None:
            cur.append(line)
    return sec


def check_options(sshlint, src, rules_man):
    failures = []
    sshlint = os.path.abspath(sshlint)
    man = src + '/doc/sshlint.1'
    sec = sections(man)
    allman = fl_options(open(man, encoding='utf-8').read().splitlines())

    rc, text = run([sshlint, '--help'])
    if rc != 0:
        failures.append('sshlint --help: exit %d' % rc)
    helps = {'': help_options(text, '')}
    # subcommands named in the general help, and the known ones
    subs = list(SUBCOMMANDS)
    for m in re.finditer(r'^\s*(?:usage:)?\s*sshlint ([a-z]+)', text, re.M):
        if m.group(1) not in subs and m.group(1) != 'lint':
            subs.append(m.group(1))
    for sub in subs:
        rc, t = run([sshlint, sub, '--help'])
        helps[sub] = help_options(t, sub) if rc == 0 else set()
        print('%-10s --help: exit %d, %d options: %s' % (
            sub, rc, len(helps[sub]), ' '.join(sorted(helps[sub]))))
        if 'ss:' + sub not in sec:
            failures.append('sshlint.1 has no ".Ss %s" under COMMANDS' % sub)
        if not any(re.match(r'^\.Cm %s\b' % sub, l)
                   for l in sec.get('SYNOPSIS', [])):
            failures.append('sshlint.1 SYNOPSIS lacks "%s"' % sub)
    print('%-10s --help: %d options: %s' % (
        'lint', len(helps['']), ' '.join(sorted(helps['']))))

    # lint: OPTIONS lists exactly the options of sshlint --help
    documented = fl_options(sec.get('OPTIONS', []))
    for o in sorted(helps[''] - documented):
        failures.append('sshlint --help has %s, OPTIONS of sshlint.1 does '
                        'not' % o)
    for o in sorted(documented - helps['']):
        failures.append('OPTIONS of sshlint.1 has %s, sshlint --help does '
                        'not' % o)
    # each subcommand: its section documents its options and names no
    # option that neither it nor lint has
    for sub in subs:
        documented = fl_options(sec.get('ss:' + sub, []))
        for o in sorted(helps[sub] - documented):
            failures.append('sshlint %s --help has %s, the "%s" section of '
                            'sshlint.1 does not' % (sub, o, sub))
        for o in sorted(documented - helps[sub] - helps['']):
            failures.append('the "%s" section of sshlint.1 has %s, sshlint '
                            '%s --help does not' % (sub, o, sub))
    known = set().union(*helps.values())
    for o in sorted(allman - known):
        failures.append('sshlint.1 has %s, which no --help lists' % o)

    # sshlint-rules(7): every rule, with its severity and fixability
    rc, text = run([sshlint, 'rules'])
    page = open(rules_man, encoding='utf-8').read()
    n = 0
    for line in text.splitlines():
        m = re.match(r'^(SSH\d+)\s+(\S+)\s+(error|warning|info)\s', line)
        if not m:
            continue
        n += 1
        want = '.It Sy %s Li %s\n(%s%s)\n' % (
            m.group(1), m.group(2), m.group(3),
            ', fixable' if line.endswith('(fixable)') else '')
        if want not in page:
            failures.append('sshlint-rules.7 lacks %r' % want)
    print('sshlint-rules.7: %d rules checked' % n)
    if n == 0:
        failures.append('sshlint rules listed no rule')
    return failures


ALLOWED = [
    re.compile(r'STYLE: referenced manual not found: Xr '
               r'(sshlint 1|sshlint-policy 5|sshlint-rules 7)\b'),
    re.compile(r'outdated mandoc\.db'),
]


def check_lint(src, rules_man):
    mandoc = shutil.which('mandoc')
    if mandoc is None:
        print('no mandoc: skipped')
        sys.exit(77)
    failures = []
    for page in [src + '/doc/sshlint.1', src + '/doc/sshlint-policy.5',
                 rules_man]:
        p = subprocess.run([mandoc, '-T', 'lint', '-W', 'style', page],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True)
        bad = [l for l in p.stdout.splitlines()
               if l.strip() and not any(a.search(l) for a in ALLOWED)]
        print('%s: mandoc -T lint: %d message(s), %d not about the '
              'environment' % (page, len(p.stdout.splitlines()), len(bad)))
        failures += bad
        # and it renders
        r = subprocess.run([mandoc, '-T', 'utf8', page],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0 or len(r.stdout) < 1000:
            failures.append('%s: mandoc -T utf8 failed' % page)
    return failures


def main():
    if sys.argv[1] == 'options':
        failures = check_options(*sys.argv[2:5])
    else:
        failures = check_lint(*sys.argv[2:4])
    for f in failures:
        print('FAIL:', f)
    print('%d failure(s)' % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
