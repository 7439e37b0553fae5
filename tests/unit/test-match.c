/*
 * Unit tests of lint/match.c. Expected values follow OpenSSH 9.2; the
 * address and Match/Host cases marked [sshd -T] / [ssh -G] were checked
 * against the installed binaries (Match Address / Host blocks).
 */
#define UNIT_TESTING 1

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lint/match.h"
#include "lint/util/alloc.h"

/*
 * Reference matcher for the randomised comparison: the plain recursive
 * definition ('*' tries every split, '?' takes one byte), exponential but
 * fine on the short inputs used here.
 */
static bool
ref_match(const char *s, const char *p)
{
	if (*p == '\0')
		return *s == '\0';
	if (*p == '*')
		return ref_match(s, p + 1) ||
		    (*s != '\0' && ref_match(s + 1, p));
	if (*s == '\0')
		return false;
	return (*p == '?' || *p == *s) && ref_match(s + 1, p + 1);
}

static void
test_match__pattern_basics(void **state)
{
	(void)state;
	assert_true(sl_match_pattern("", ""));
	assert_false(sl_match_pattern("a", ""));
	assert_false(sl_match_pattern("", "a"));
	assert_true(sl_match_pattern("", "*"));
	assert_true(sl_match_pattern("", "***"));
	assert_false(sl_match_pattern("", "?"));
	assert_true(sl_match_pattern("abc", "abc"));
	assert_false(sl_match_pattern("abc", "abd"));
	assert_false(sl_match_pattern("abc", "ab"));
	assert_false(sl_match_pattern("ab", "abc"));
	assert_true(sl_match_pattern("abc", "a*"));
	assert_true(sl_match_pattern("abc", "*c"));
	assert_true(sl_match_pattern("abc", "*b*"));
	assert_true(sl_match_pattern("abc", "a*b*c"));
	assert_true(sl_match_pattern("abc", "a**c"));
	assert_true(sl_match_pattern("abc", "???"));
	assert_false(sl_match_pattern("abc", "??"));
	assert_false(sl_match_pattern("abc", "????"));
	assert_true(sl_match_pattern("abc", "?*"));
	assert_true(sl_match_pattern("abc", "*?"));
	assert_true(sl_match_pattern("abc", "*???"));
	assert_false(sl_match_pattern("abc", "*????"));
	assert_true(sl_match_pattern("aaa", "*a"));
	assert_true(sl_match_pattern("abab", "*ab"));
	assert_true(sl_match_pattern("mississippi", "m*iss*ppi"));
	assert_false(sl_match_pattern("mississippi", "m*iss*ppx"));
	assert_true(sl_match_pattern("host.example.com", "*.example.com"));
	assert_false(sl_match_pattern("example.com", "*.example.com"));
	/* case-sensitive, no escapes, no classes */
	assert_false(sl_match_pattern("ABC", "abc"));
	assert_false(sl_match_pattern("a", "[a]"));
	assert_true(sl_match_pattern("[a]", "[a]"));
	assert_false(sl_match_pattern("a", "\\a"));
	assert_true(sl_match_pattern("\\a", "\\?"));
	/* bytes >= 0x80 are plain bytes */
	assert_true(sl_match_pattern("h\xc3\xa9", "h??"));
	assert_true(sl_match_pattern("h\xc3\xa9", "h\xc3*"));
	assert_false(sl_match_pattern(NULL, "*"));
	assert_false(sl_match_pattern("a", NULL));
}

static void
test_match__pattern_same_as_recursive(void **state)
{
	static const char alpha[] = "ab*?";
	char s[9], p[9];
	size_t i, n, m;
	long k;

	(void)state;
	srand(12345);
	for (k = 0; k < 200000; k++) {
		n = (size_t)rand() % 8;
		m = (size_t)rand() % 8;
		for (i = 0; i < n; i++)
			s[i] = alpha[rand() % 2];
		s[n] = '\0';
		for (i = 0; i < m; i++)
			p[i] = alpha[rand() % 4];
		p[m] = '\0';
		if (sl_match_pattern(s, p) != ref_match(s, p))
			fail_msg("'%s' vs '%s'", s, p);
	}
}

/*
 * Not timed here (the design keeps timing out of tests): a backtracking
 * matcher would take ages on these inputs and hit the test timeout, the
 * bounded one needs about 40M steps.
 */
static void
test_match__pattern_pathological_is_fast(void **state)
{
	char *s, *p, *list;
	size_t i, n = 20000;

	(void)state;
	s = malloc(n + 1);
	p = malloc(2 * n + 2);
	list = malloc(1100);
	assert_non_null(s);
	assert_non_null(p);
	assert_non_null(list);
	memset(s, 'a', n);
	s[n] = '\0';
	/* "*?*?*?...*?b": hopeless for a backtracking matcher */
	for (i = 0; i < 2 * 500; i += 2) {
		p[i] = '*';
		p[i + 1] = '?';
	}
	p[i] = 'b';
	p[i + 1] = '\0';
	assert_false(sl_match_pattern(s, p));
	p[i] = 'a';
	assert_true(sl_match_pattern(s, p));
	/* the same as a Host line, just under the 1023-byte entry limit */
	memset(list, 0, 1100);
	for (i = 0; i < 1020; i += 2) {
		list[i] = '*';
		list[i + 1] = '?';
	}
	list[1020] = 'b';
	assert_int_equal(sl_match_hostname(s, list), 0);
	s[n - 1] = 'B';
	assert_int_equal(sl_match_hostname(s, list), 1);
	free(s);
	free(p);
	free(list);
}

static void
test_match__pattern_list(void **state)
{
	(void)state;
	assert_int_equal(sl_match_pattern_list("foo", "foo", false), 1);
	assert_int_equal(sl_match_pattern_list("foo", "bar,foo", false), 1);
	assert_int_equal(sl_match_pattern_list("foo", "bar,baz", false), 0);
	assert_int_equal(sl_match_pattern_list("foo", "f*,!foo", false), -1);
	assert_int_equal(sl_match_pattern_list("foo", "!foo,f*", false), -1);
	assert_int_equal(sl_match_pattern_list("fob", "f*,!foo", false), 1);
	/* only negations: never a positive match */
	assert_int_equal(sl_match_pattern_list("foo", "!bar", false), 0);
	assert_int_equal(sl_match_pattern_list("bar", "!bar", false), -1);
	/* empty list and empty entries */
	assert_int_equal(sl_match_pattern_list("foo", "", false), 0);
	assert_int_equal(sl_match_pattern_list("", "", false), 0);
	assert_int_equal(sl_match_pattern_list("", "a,,b", false), 1);
	assert_int_equal(sl_match_pattern_list("", ",a", false), 1);
	assert_int_equal(sl_match_pattern_list("", "a,", false), 0);
	assert_int_equal(sl_match_pattern_list("", "!", false), -1);
	assert_int_equal(sl_match_pattern_list("x", "!", false), 0);
	assert_int_equal(sl_match_pattern_list("x", ",", false), 0);
	/* '!' only at the start of an entry */
	assert_int_equal(sl_match_pattern_list("a!b", "a!b", false), 1);
	assert_int_equal(sl_match_pattern_list("!a", "!!a", false), -1);
	/* case folding of the patterns only */
	assert_int_equal(sl_match_pattern_list("foo", "FOO", false), 0);
	assert_int_equal(sl_match_pattern_list("foo", "FOO", true), 1);
	assert_int_equal(sl_match_pattern_list("FOO", "foo", true), 0);
	assert_int_equal(sl_match_pattern_list("FOO", "FOO", true), 0);
	assert_int_equal(sl_match_pattern_list("foo", "F*,!FOO", true), -1);
	assert_int_equal(sl_match_pattern_list(NULL, "x", false), 0);
	assert_int_equal(sl_match_pattern_list("x", NULL, false), 0);
}

static void
test_match__pattern_list_entry_limit(void **state)
{
	char list[2100];
	size_t i;

	(void)state;
	/* 1022 bytes: still a pattern */
	memset(list, 'a', 1022);
	list[1022] = '\0';
	assert_int_equal(sl_match_pattern_list(list, list, false), 1);
	/* 1023 bytes: the scan ends with "no match" */
	memset(list, 'a', 1023);
	list[1023] = '\0';
	assert_int_equal(sl_match_pattern_list(list, list, false), 0);
	assert_int_equal(sl_match_pattern_list("x", "*", false), 1);
	/* ... also discarding an earlier positive match */
	memcpy(list, "*,", 2);
	memset(list + 2, 'a', 1100);
	list[1102] = '\0';
	assert_int_equal(sl_match_pattern_list("x", list, false), 0);
	/* ... but an earlier negated match has already decided */
	memcpy(list, "!x,", 3);
	memset(list + 3, '*', 1100);
	list[1103] = '\0';
	assert_int_equal(sl_match_pattern_list("x", list, false), -1);
	/* after a long entry nothing else is looked at */
	memset(list, '*', 1500);
	memcpy(list + 1500, ",x", 3);
	assert_int_equal(sl_match_pattern_list("x", list, false), 0);
	/* the '!' does not count towards the limit */
	list[0] = '!';
	for (i = 1; i < 1023; i++)
		list[i] = '*';
	list[1023] = '\0';
	assert_int_equal(sl_match_pattern_list("x", list, false), -1);
}

static void
test_match__hostname(void **state)
{
	(void)state;
	/* [ssh -G] Host foo matches FOO; Host a,b vs a: match */
	assert_int_equal(sl_match_hostname("FOO", "foo"), 1);
	assert_int_equal(sl_match_hostname("foo", "FOO"), 1);
	assert_int_equal(sl_match_hostname("Foo.Example.COM", "*.example.com"),
	    1);
	assert_int_equal(sl_match_hostname("a", "a,b"), 1);
	assert_int_equal(sl_match_hostname("bad", "!bad,*"), -1);
	assert_int_equal(sl_match_hostname("good", "!bad"), 0);
	assert_int_equal(sl_match_hostname("good", "!bad,*"), 1);
	assert_int_equal(sl_match_hostname("10.0.0.1", "10.0.0.*"), 1);
	assert_int_equal(sl_match_hostname("10.0.0.1", "10.0.0.?"), 1);
	assert_int_equal(sl_match_hostname("10.0.0.10", "10.0.0.?"), 0);
	/* only ASCII folds */
	assert_int_equal(sl_match_hostname("\xc3\x89", "\xc3\xa9"), 0);
	assert_int_equal(sl_match_hostname("", ""), 0);
	assert_int_equal(sl_match_hostname("", "*"), 1);
}

static void
test_match__addr_list_v4(void **state)
{
	(void)state;
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4"), 1);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.5"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.0/24"), 1);
	assert_int_equal(sl_addr_match_list("1.2.4.4", "1.2.3.0/24"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "0.0.0.0/0"), 1);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4/32"), 1);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.0.0.0/8,!1.2.3.4"),
	    -1);
	assert_int_equal(sl_addr_match_list("1.2.3.5", "1.0.0.0/8,!1.2.3.4"),
	    1);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "!1.2.3.4"), -1);
	assert_int_equal(sl_addr_match_list("1.2.3.5", "!1.2.3.4"), 0);
	/* wildcards */
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.*"), 1);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.?.4"), 1);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "*"), 1);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "10.*,!1.2.*"), -1);
	/* [sshd -T] Match Address 1.2.3.5/24: invalid (host bits set) */
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.5/24"), -2);
	assert_int_equal(sl_addr_match_list(NULL, "1.2.3.5/24"), -2);
	/* ... even after a match, and also negated */
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4,1.2.3.5/24"),
	    -2);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "!1.2.3.5/24"), -2);
	/* a negated match stops the scan before a later bad entry */
	assert_int_equal(sl_addr_match_list("1.2.3.4", "!1.2.3.4,1.2.3.5/24"),
	    -1);
	/* prefix longer than the family: invalid; over 128: a pattern */
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4/33"), -2);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4/129"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4/"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4/x"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4/+8"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.0/024"), 1);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4/99999999999999"
	    "999999"), 0);
	/* inet_aton forms are addresses */
	assert_int_equal(sl_addr_match_list("127.0.0.1", "127.1"), 1);
	assert_int_equal(sl_addr_match_list("127.0.0.1", "0x7f.0.0.1"), 1);
	assert_int_equal(sl_addr_match_list("8.1.1.1", "010.1.1.1"), 1);
	assert_int_equal(sl_addr_match_list("127.1", "127.0.0.0/8"), 1);
	assert_int_equal(sl_addr_match_list("255.255.255.255", "4294967295"),
	    1);
	/* empty list / entries */
	assert_int_equal(sl_addr_match_list("1.2.3.4", ""), -2);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4,"), -2);
	assert_int_equal(sl_addr_match_list("1.2.3.4", ",1.2.3.4"), -2);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "!"), -2);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "1.2.3.4,,x"), -2);
	/* an address that does not parse: 0, list not even checked */
	assert_int_equal(sl_addr_match_list("host.example", "*"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4 ", "*"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.256", ""), 0);
	assert_int_equal(sl_addr_match_list("", "*"), 0);
	/* validation only */
	assert_int_equal(sl_addr_match_list(NULL, "1.2.3.0/24,!10.*,*"), 0);
	assert_int_equal(sl_addr_match_list(NULL, "1.2.3.1/24"), -2);
	assert_int_equal(sl_addr_match_list(NULL, NULL), -2);
	/* long entries are never CIDR, only patterns */
	assert_int_equal(sl_addr_match_list("1.2.3.4",
	    "1.2.3.4*****************************************************"
	    "*****"), 1);
}

static void
test_match__addr_list_v6(void **state)
{
	(void)state;
	assert_int_equal(sl_addr_match_list("::1", "::1"), 1);
	assert_int_equal(sl_addr_match_list("::1", "0:0:0:0:0:0:0:1"), 1);
	assert_int_equal(sl_addr_match_list("0::1", "::1/128"), 1);
	assert_int_equal(sl_addr_match_list("2001:db8::1", "2001:db8::/32"), 1);
	assert_int_equal(sl_addr_match_list("2001:DB8::1", "2001:db8::/32"), 1);
	assert_int_equal(sl_addr_match_list("2001:db9::1", "2001:db8::/32"), 0);
	assert_int_equal(sl_addr_match_list("2001:db8::1", "2001:db8::/33"), 1);
	assert_int_equal(sl_addr_match_list("2001:db8:8000::1",
	    "2001:db8::/33"), 0);
	assert_int_equal(sl_addr_match_list("2001:db8::1", "::/0"), 1);
	assert_int_equal(sl_addr_match_list("2001:db8::1",
	    "2001:db8::/32,!2001:db8::1"), -1);
	assert_int_equal(sl_addr_match_list("1:2:3:4:5:6:7:8",
	    "1:2:3:4:5:6:7:8/128"), 1);
	assert_int_equal(sl_addr_match_list("::ffff:1.2.3.4",
	    "::ffff:0:0/96"), 1);
	assert_int_equal(sl_addr_match_list("1:2:3:4:5:6:102:304",
	    "1:2:3:4:5:6:1.2.3.4"), 1);
	/* no cross-family matching */
	assert_int_equal(sl_addr_match_list("::ffff:1.2.3.4", "1.2.3.4"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "::ffff:1.2.3.4"), 0);
	assert_int_equal(sl_addr_match_list("1.2.3.4", "::/0"), 0);
	/* host bits set; prefix up to 128 */
	assert_int_equal(sl_addr_match_list("::1", "2001:db8::1/32"), -2);
	assert_int_equal(sl_addr_match_list("::1", "::1/129"), 0);
	/* wildcards on the textual form */
	assert_int_equal(sl_addr_match_list("fe80::1", "fe80::*"), 1);
	assert_int_equal(sl_addr_match_list("fe80::1", "FE80::*"), 0);
	/* bad forms are patterns, matching nothing here */
	assert_int_equal(sl_addr_match_list("::1", "1::2::3"), 0);
	assert_int_equal(sl_addr_match_list("::1", "12345::"), 0);
	assert_int_equal(sl_addr_match_list("::1", "1:2:3:4:5:6:7::8"), 0);
	assert_int_equal(sl_addr_match_list("::1", "::1.2.3.04"), 0);
	assert_int_equal(sl_addr_match_list("::1", ":::1"), 0);
	assert_int_equal(sl_addr_match_list("::1", "::1:"), 0);
	/* "::" may stand for a single zero group */
	assert_int_equal(sl_addr_match_list("0:1:2:3:4:5:6:7",
	    "::1:2:3:4:5:6:7"), 1);
	/* scope ids take part in the comparison */
	assert_int_equal(sl_addr_match_list("fe80::1%1", "fe80::1%1"), 1);
	assert_int_equal(sl_addr_match_list("fe80::1%1", "fe80::1"), 0);
	assert_int_equal(sl_addr_match_list("fe80::1", "fe80::/10"), 1);
	assert_int_equal(sl_addr_match_list("fe80::1%2", "fe80::/10"), 0);
	assert_int_equal(sl_addr_match_list("fe80::1%lo", "fe80::1%1"), 1);
	assert_int_equal(sl_addr_match_list("2001:db8::1%lo", "*"), 0);
	assert_int_equal(sl_addr_match_list("2001:db8::1%01", "2001:db8::1%1"),
	    1);
	assert_int_equal(sl_addr_match_list("::1%", "*"), 0);
	assert_int_equal(sl_addr_match_list("::1%4294967296", "*"), 0);
	assert_int_equal(sl_addr_match_list("::1%4294967295", "*"), 1);
}

static void
test_match__cidr_list(void **state)
{
	(void)state;
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4", "1.2.3.0/24"), 1);
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4", "10.0.0.0/8"), 0);
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4",
	    "10.0.0.0/8,1.2.3.4"), 1);
	assert_int_equal(sl_addr_match_cidr_list("::1", "::1/128"), 1);
	assert_int_equal(sl_addr_match_cidr_list("2001:db8::5",
	    "10.0.0.0/8,2001:db8::/48"), 1);
	assert_int_equal(sl_addr_match_cidr_list(NULL, "10.0.0.0/8,::1"), 0);
	/* no wildcards, no negation */
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4", "1.2.3.*"), -1);
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4", "!1.2.3.4"), -1);
	assert_int_equal(sl_addr_match_cidr_list(NULL, "*"), -1);
	/* host bits, bad prefix */
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4", "1.2.3.5/24"), -1);
	assert_int_equal(sl_addr_match_cidr_list(NULL, "1.2.3.4/33"), -1);
	assert_int_equal(sl_addr_match_cidr_list(NULL, "1.2.3.4/129"), -1);
	assert_int_equal(sl_addr_match_cidr_list(NULL, "1.2.3.4/"), -1);
	/* empty list / entries */
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4", ""), -1);
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4", "1.2.3.4,"), -1);
	assert_int_equal(sl_addr_match_cidr_list("1.2.3.4", "1.2.3.4,,"), -1);
	/* entry too long (> 49 bytes) */
	assert_int_equal(sl_addr_match_cidr_list(NULL,
	    "0000:0000:0000:0000:0000:0000:0000:0001/128"), 0);
	assert_int_equal(sl_addr_match_cidr_list(NULL,
	    "0000:0000:0000:0000:0000:0000:0000:00000000001/128"), -1);
	/* an address that does not parse: 0 */
	assert_int_equal(sl_addr_match_cidr_list("nope", "1.2.3.0/24"), 0);
	/*
	 * Characters outside [0-9a-fA-F.:/] mark the list invalid, yet the
	 * entry is still used and the scan goes on (OpenSSH quirk).
	 */
	assert_int_equal(sl_addr_match_cidr_list(NULL, "0x7f.0.0.1"), -1);
	assert_int_equal(sl_addr_match_cidr_list("127.0.0.1", "0x7f.0.0.1"),
	    1);
	assert_int_equal(sl_addr_match_cidr_list("127.0.0.2", "0x7f.0.0.1"),
	    -1);
	assert_int_equal(sl_addr_match_cidr_list("10.0.0.1",
	    "fe80::1%1,10.0.0.0/8"), 1);
	assert_int_equal(sl_addr_match_cidr_list(NULL, NULL), -1);
}

static void
check_filter(const char *proposal, const char *filter, const char *allow,
    const char *deny)
{
	char *a = sl_match_filter_allowlist(proposal, filter);
	char *d = sl_match_filter_denylist(proposal, filter);

	assert_non_null(a);
	assert_non_null(d);
	assert_string_equal(a, allow);
	assert_string_equal(d, deny);
	sl_free(a);
	sl_free(d);
}

static void
test_match__filter(void **state)
{
	(void)state;
	check_filter("aes128-ctr,aes192-ctr,chacha20-poly1305@openssh.com",
	    "aes*", "aes128-ctr,aes192-ctr", "chacha20-poly1305@openssh.com");
	/* proposal order, not filter order */
	check_filter("c,b,a", "a,b", "b,a", "c");
	/* negation inside the filter ([ssh -G] Ciphers -aes*,!aes128-ctr) */
	check_filter("chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,"
	    "aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
	    "aes*,!aes128-ctr",
	    "aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
	    "aes256-gcm@openssh.com",
	    "chacha20-poly1305@openssh.com,aes128-ctr");
	check_filter("a,b", "*", "a,b", "");
	check_filter("a,b", "", "", "a,b");
	check_filter("", "*", "", "");
	check_filter("", "x", "", "");
	/* exact, case-sensitive */
	check_filter("ssh-rsa,ssh-ed25519", "SSH-RSA", "",
	    "ssh-rsa,ssh-ed25519");
	check_filter("ssh-rsa,rsa-sha2-256", "ssh-rsa", "ssh-rsa",
	    "rsa-sha2-256");
	/* empty proposal entries are kept like OpenSSH's strlcat loop */
	check_filter("a,,b", "x", "", "a,,b");
	check_filter(",b", "x", "", "b");
	check_filter("a,", "x", "", "a,");
	check_filter("a,,b", "a,,b", "a,,b", "");
	check_filter(",a", ",", "", "a");
	/* duplicates are not collapsed */
	check_filter("a,a,b", "a", "a,a", "b");
	assert_null(sl_match_filter_allowlist(NULL, "x"));
	assert_null(sl_match_filter_denylist("x", NULL));
}

static void
test_match__filter_out_of_memory(void **state)
{
	char *r;

	(void)state;
	sl_alloc_fail_after(0);
	r = sl_match_filter_allowlist("a,b", "a");
	sl_alloc_fail_after(-1);
	assert_null(r);
	sl_alloc_fail_after(0);
	r = sl_match_filter_denylist("a,b", "a");
	sl_alloc_fail_after(-1);
	assert_null(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match__pattern_basics),
		cmocka_unit_test(test_match__pattern_same_as_recursive),
		cmocka_unit_test(test_match__pattern_pathological_is_fast),
		cmocka_unit_test(test_match__pattern_list),
		cmocka_unit_test(test_match__pattern_list_entry_limit),
		cmocka_unit_test(test_match__hostname),
		cmocka_unit_test(test_match__addr_list_v4),
		cmocka_unit_test(test_match__addr_list_v6),
		cmocka_unit_test(test_match__cidr_list),
		cmocka_unit_test(test_match__filter),
		cmocka_unit_test(test_match__filter_out_of_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
