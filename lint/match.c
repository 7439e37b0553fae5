/*
 * OpenSSH pattern and address matching, re-implemented from the documented
 * behaviour of OpenSSH 9.2's match.c, addrmatch.c and addr.c:
 *
 * - Wildcard patterns know '*' (any run, also empty) and '?' (one byte);
 *   there is no escape character. The matcher here is the iterative
 *   "remember the last star" algorithm: O(len(s) * len(pattern)) in the
 *   worst case, where OpenSSH's recursive one (before 10.4) is exponential.
 *   The set of accepted strings is the same.
 * - Pattern lists are comma separated, '!' negates one entry; a negated
 *   match wins at once. An entry of 1023 bytes or more ends the scan with
 *   "no match" (OpenSSH copies entries into a 1024-byte buffer).
 * - Addresses are parsed like glibc's getaddrinfo(AI_NUMERICHOST), which is
 *   what OpenSSH uses on Linux: IPv4 in inet_aton() forms ("10.1",
 *   "0x7f.1", octal parts), IPv6 in inet_pton() form with an optional
 *   "%scope" (a decimal number, or an interface name for link-local
 *   addresses, looked up with if_nametoindex()). No name is resolved.
 *
 * Nothing here allocates except the two filter functions.
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "lint/match.h"

#include <net/if.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lint/util/alloc.h"
#include "lint/util/banned.h"

/* Longest pattern-list entry OpenSSH still considers (sizeof(sub) - 1). */
#define SUBPATTERN_MAX	1023
/* addr_pton_cidr() copies an entry into a 64-byte buffer first. */
#define CIDR_BUF	64
/* addr_match_cidr_list(): INET6_ADDRSTRLEN + "/128". */
#define CIDR_ENTRY_MAX	(46 + 3)

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Does s[0..slen) match p[0..plen)? lower_s / lower_p fold ASCII upper
 * case of the string / the pattern before comparing.
 *
 * On a mismatch after a '*', only the most recent '*' needs to be retried
 * one byte further: whatever an earlier '*' could absorb, the later one
 * can absorb too. So each (string, pattern) position pair is visited at
 * most once per star and the loop is bounded by slen * plen.
 */
static bool
glob(const char *s, size_t slen, const char *p, size_t plen, bool lower_s,
    bool lower_p)
{
	size_t si = 0, pi = 0, star_p = SIZE_MAX, star_s = 0;
	int sc, pc;

	while (si < slen) {
		if (pi < plen && p[pi] == '*') {
			star_p = pi++;
			star_s = si;
			continue;
		}
		if (pi < plen) {
			sc = (unsigned char)s[si];
			pc = (unsigned char)p[pi];
			if (lower_s)
				sc = lower(sc);
			if (lower_p)
				pc = lower(pc);
			if (pc == '?' || pc == sc) {
				si++;
				pi++;
				continue;
			}
		}
		if (star_p == SIZE_MAX)
			return false;
		pi = star_p + 1;
		si = ++star_s;
	}
	while (pi < plen && p[pi] == '*')
		pi++;
	return pi == plen;
}

bool
sl_match_pattern(const char *s, const char *pattern)
{
	if (s == NULL || pattern == NULL)
		return false;
	return glob(s, strlen(s), pattern, strlen(pattern), false, false);
}

static int
pattern_list(const char *s, size_t slen, const char *list, bool lower_s,
    bool lower_p)
{
	size_t i = 0, start, n, len = strlen(list);
	bool negated, positive = false;

	while (i < len) {
		negated = list[i] == '!';
		if (negated)
			i++;
		start = i;
		while (i < len && list[i] != ',' && i - start < SUBPATTERN_MAX)
			i++;
		if ((n = i - start) >= SUBPATTERN_MAX)
			return 0;
		if (i < len)
			i++;	/* the comma */
		if (glob(s, slen, list + start, n, lower_s, lower_p)) {
			if (negated)
				return -1;
			positive = true;
		}
	}
	return positive ? 1 : 0;
}

int
sl_match_pattern_list(const char *s, const char *list, bool dolower)
{
	if (s == NULL || list == NULL)
		return 0;
	return pattern_list(s, strlen(s), list, false, dolower);
}

int
sl_match_hostname(const char *host, const char *list)
{
	if (host == NULL || list == NULL)
		return 0;
	return pattern_list(host, strlen(host), list, true, true);
}

/*
 * Filters
 */

static char *
filter_list(const char *proposal, const char *filter, bool denylist)
{
	const char *cp, *comma;
	char *out;
	size_t n, o = 0;
	int r;

	if (proposal == NULL || filter == NULL)
		return NULL;
	if ((out = sl_malloc(strlen(proposal) + 1)) == NULL)
		return NULL;
	out[0] = '\0';
	for (cp = proposal;; cp = comma + 1) {
		comma = strchr(cp, ',');
		n = comma != NULL ? (size_t)(comma - cp) : strlen(cp);
		r = pattern_list(cp, n, filter, false, false);
		if (denylist ? r != 1 : r == 1) {
			/* a kept empty entry adds a comma only after others */
			if (o > 0)
				out[o++] = ',';
			memcpy(out + o, cp, n);
			o += n;
			out[o] = '\0';
		}
		if (comma == NULL)
			break;
	}
	return out;
}

char *
sl_match_filter_allowlist(const char *proposal, const char *filter)
{
	return filter_list(proposal, filter, false);
}

char *
sl_match_filter_denylist(const char *proposal, const char *filter)
{
	return filter_list(proposal, filter, true);
}

/*
 * Addresses
 */

struct xaddr {
	int af;			/* 4 or 6 */
	uint8_t a[16];		/* network order; IPv4 uses a[0..3] */
	uint32_t scope;		/* IPv6 scope id */
};

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * inet_aton() forms, whole string: 1 to 4 parts separated by '.', each
 * decimal, octal (leading 0) or hex (0x); the last part fills the
 * remaining bytes. Every part must start with a digit.
 */
static bool
parse_v4_aton(const char *s, uint8_t out[4])
{
	static const uint32_t max[4] = {
		0xffffffffU, 0xffffffU, 0xffffU, 0xffU
	};
	uint8_t bytes[4] = { 0, 0, 0, 0 };
	uint64_t val;
	size_t nparts = 0;
	int base, d;

	for (;;) {
		if (!is_digit((unsigned char)*s))
			return false;
		base = 10;
		if (s[0] == '0') {
			if ((s[1] == 'x' || s[1] == 'X') &&
			    hex_value((unsigned char)s[2]) >= 0) {
				base = 16;
				s += 2;
			} else
				base = 8;
		}
		val = 0;
		for (;;) {
			d = hex_value((unsigned char)*s);
			if (d < 0 || d >= base)
				break;
			if (val <= 0xffffffffULL)
				val = val * (unsigned)base + (unsigned)d;
			s++;
		}
		if (val > 0xffffffffULL)
			return false;
		if (*s != '.')
			break;
		if (nparts > 2 || val > 0xff)
			return false;
		bytes[nparts++] = (uint8_t)val;
		s++;
	}
	if (*s != '\0' || val > max[nparts])
		return false;
	for (d = 3; d >= (int)nparts; d--) {
		bytes[d] |= (uint8_t)(val & 0xff);
		val >>= 8;
	}
	memcpy(out, bytes, 4);
	return true;
}

/* inet_pton(AF_INET) on s[0..len): exactly four decimal bytes, no
 * leading zeros. */
static bool
parse_v4_strict(const char *s, size_t len, uint8_t out[4])
{
	size_t i, octets = 0;
	unsigned v = 0;
	bool digit = false;

	for (i = 0; i < len; i++) {
		if (is_digit((unsigned char)s[i])) {
			if (digit && v == 0)
				return false;
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 255)
				return false;
			if (!digit) {
				if (++octets > 4)
					return false;
				digit = true;
			}
			out[octets - 1] = (uint8_t)v;
		} else if (s[i] == '.' && digit) {
			if (octets == 4)
				return false;
			v = 0;
			digit = false;
		} else
			return false;
	}
	return octets == 4 && digit;
}

/* inet_pton(AF_INET6) on s[0..len). */
static bool
parse_v6(const char *s, size_t len, uint8_t out[16])
{
	uint8_t tmp[16];
	const char *end = s + len, *tok;
	size_t tp = 0, gap = SIZE_MAX, ndigits = 0, n;
	unsigned val = 0;
	int d;

	memset(tmp, 0, sizeof(tmp));
	if (s == end)
		return false;
	if (*s == ':' && (++s == end || *s != ':'))
		return false;
	tok = s;
	while (s < end) {
		char c = *s++;

		if ((d = hex_value((unsigned char)c)) >= 0) {
			if (ndigits == 4)
				return false;
			val = (val << 4) | (unsigned)d;
			ndigits++;
			continue;
		}
		if (c == ':') {
			tok = s;
			if (ndigits == 0) {
				if (gap != SIZE_MAX)
					return false;
				gap = tp;
				continue;
			}
			if (s == end || tp + 2 > 16)
				return false;
			tmp[tp++] = (uint8_t)(val >> 8);
			tmp[tp++] = (uint8_t)val;
			ndigits = 0;
			val = 0;
			continue;
		}
		if (c == '.' && tp + 4 <= 16 &&
		    parse_v4_strict(tok, (size_t)(end - tok), tmp + tp)) {
			tp += 4;
			ndigits = 0;
			break;
		}
		return false;
	}
	if (ndigits > 0) {
		if (tp + 2 > 16)
			return false;
		tmp[tp++] = (uint8_t)(val >> 8);
		tmp[tp++] = (uint8_t)val;
	}
	if (gap != SIZE_MAX) {
		if (tp == 16)
			return false;
		n = tp - gap;
		memmove(tmp + 16 - n, tmp + gap, n);
		memset(tmp + gap, 0, 16 - n - gap);
		tp = 16;
	}
	if (tp != 16)
		return false;
	memcpy(out, tmp, 16);
	return true;
}

/* The "%scope" suffix of an IPv6 address. */
static bool
parse_scope(const uint8_t a[16], const char *scope, uint32_t *out)
{
	uint64_t v = 0;
	unsigned idx;
	const char *p;
	bool linklocal = (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) ||
	    (a[0] == 0xff && ((a[1] & 0x0f) == 1 || (a[1] & 0x0f) == 2));

	if (linklocal && *scope != '\0' && strlen(scope) < IF_NAMESIZE &&
	    (idx = if_nametoindex(scope)) != 0) {
		*out = idx;
		return true;
	}
	if (!is_digit((unsigned char)*scope))
		return false;
	for (p = scope; is_digit((unsigned char)*p); p++) {
		v = v * 10 + (unsigned)(*p - '0');
		if (v > UINT32_MAX)
			return false;
	}
	if (*p != '\0')
		return false;
	*out = (uint32_t)v;
	return true;
}

/* addr_pton(): a numeric IPv4 or IPv6 address, nothing else. */
static bool
addr_parse(const char *s, struct xaddr *x)
{
	const char *pct;

	memset(x, 0, sizeof(*x));
	if (parse_v4_aton(s, x->a)) {
		x->af = 4;
		return true;
	}
	pct = strchr(s, '%');
	if (!parse_v6(s, pct != NULL ? (size_t)(pct - s) : strlen(s), x->a))
		return false;
	if (pct != NULL && !parse_scope(x->a, pct + 1, &x->scope))
		return false;
	x->af = 6;
	return true;
}

static unsigned
addr_bits(const struct xaddr *x)
{
	return x->af == 4 ? 32 : 128;
}

/* Is bit `i` (0 = most significant) of the address inside the mask? */
static bool
in_mask(unsigned i, unsigned masklen)
{
	return i < masklen;
}

/* Are all host bits (those after masklen) zero? */
static bool
host_bits_zero(const struct xaddr *x, unsigned masklen)
{
	unsigned i, nbits = addr_bits(x);

	for (i = 0; i < nbits; i++) {
		if (!in_mask(i, masklen) &&
		    (x->a[i / 8] & (0x80 >> (i % 8))) != 0)
			return false;
	}
	return true;
}

/* addr_netmatch() == 0: same family, host & mask == net (incl. scope). */
static bool
net_match(const struct xaddr *host, const struct xaddr *net,
    unsigned masklen)
{
	unsigned i, nbits;
	int hb, nb;

	if (host->af != net->af)
		return false;
	nbits = addr_bits(host);
	for (i = 0; i < nbits; i++) {
		hb = in_mask(i, masklen) ?
		    (host->a[i / 8] & (0x80 >> (i % 8))) != 0 : 0;
		nb = (net->a[i / 8] & (0x80 >> (i % 8))) != 0;
		if (hb != nb)
			return false;
	}
	return host->af == 4 || host->scope == net->scope;
}

/*
 * addr_pton_cidr() on s[0..len): 0 ok, -1 not an address/prefix, -2 an
 * address whose prefix length does not fit it (too long for the family,
 * or host bits set).
 */
static int
cidr_parse(const char *s, size_t len, struct xaddr *x, unsigned *masklen)
{
	char buf[CIDR_BUF], *slash, *p;
	uint64_t v = 0;
	unsigned ml = 0;

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if ((slash = strchr(buf, '/')) != NULL) {
		*slash = '\0';
		p = slash + 1;
		if (!is_digit((unsigned char)*p))
			return -1;
		for (; is_digit((unsigned char)*p); p++) {
			if (v <= 128)
				v = v * 10 + (unsigned)(*p - '0');
		}
		if (*p != '\0' || v > 128)
			return -1;
		ml = (unsigned)v;
	}
	if (!addr_parse(buf, x))
		return -1;
	if (slash == NULL)
		ml = addr_bits(x);
	if (ml > addr_bits(x) || !host_bits_zero(x, ml))
		return -2;
	*masklen = ml;
	return 0;
}

int
sl_addr_match_list(const char *addr, const char *list)
{
	struct xaddr try_addr, net;
	const char *cp, *comma;
	unsigned masklen;
	size_t n;
	bool neg, found;
	int ret = 0, r;

	if (list == NULL)
		return -2;
	if (addr != NULL && !addr_parse(addr, &try_addr))
		return 0;
	for (cp = list;; cp = comma + 1) {
		comma = strchr(cp, ',');
		n = comma != NULL ? (size_t)(comma - cp) : strlen(cp);
		if ((neg = n > 0 && *cp == '!')) {
			cp++;
			n--;
		}
		if (n == 0)
			return -2;
		/* a CIDR block first, else a wildcard pattern */
		r = cidr_parse(cp, n, &net, &masklen);
		if (r == -2)
			return -2;
		if (addr == NULL)
			found = false;
		else if (r == 0)
			found = net_match(&try_addr, &net, masklen);
		else
			found = glob(addr, strlen(addr), cp, n, false, false);
		if (found) {
			if (neg)
				return -1;
			ret = 1;
		}
		if (comma == NULL)
			break;
	}
	return ret;
}

static bool
cidr_chars_only(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (hex_value((unsigned char)s[i]) < 0 && s[i] != '.' &&
		    s[i] != ':' && s[i] != '/')
			return false;
	}
	return true;
}

/*
 * OpenSSH quirk kept: an entry with characters outside [0-9a-fA-F.:/]
 * that still parses (e.g. "0x7f.0.0.1", "fe80::1%1") marks the list
 * invalid but the scan goes on, so a later match still returns 1.
 */
int
sl_addr_match_cidr_list(const char *addr, const char *list)
{
	struct xaddr try_addr, net;
	const char *cp, *comma;
	unsigned masklen;
	size_t n;
	int ret = 0;

	if (list == NULL)
		return -1;
	if (addr != NULL && !addr_parse(addr, &try_addr))
		return 0;
	for (cp = list;; cp = comma + 1) {
		comma = strchr(cp, ',');
		n = comma != NULL ? (size_t)(comma - cp) : strlen(cp);
		if (n == 0 || n > CIDR_ENTRY_MAX)
			return -1;
		if (!cidr_chars_only(cp, n))
			ret = -1;
		if (cidr_parse(cp, n, &net, &masklen) != 0)
			return -1;
		if (addr != NULL && net_match(&try_addr, &net, masklen))
			ret = 1;
		if (comma == NULL)
			break;
	}
	return ret;
}
