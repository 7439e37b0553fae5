/*
 * Argument validation of one directive, following what readconf.c and
 * servconf.c of each OpenSSH release accept.
 *
 * A directive is checked once per "epoch" of the targeted release range:
 * the releases at which some value grammar changed (convtime() got
 * stricter in 9.8, and so on). Findings that hold in every epoch are
 * reported as they are; the others name the releases they apply to.
 * Algorithm lists are checked name by name against the algorithm tables
 * of every targeted release instead (lint/algos.h).
 */
#if !defined(_GNU_SOURCE) && !defined(_DEFAULT_SOURCE)
/* getservbyname() and strtoll() under -std=c11 */
#define _DEFAULT_SOURCE	1
#endif

#include "lint/values.h"

#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/algos.h"
#include "lint/match.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"

#define V(a, b)		SL_VERSION(a, b)
#define MSGLEN		480	/* longest finding message */
#define SHOWLEN		72	/* longest quoted value in a message */
#define MAXRANGES	8	/* release ranges named in one message */

/* sockaddr_un.sun_path on Linux, NI_MAXHOST: forwarding length limits */
#define PATH_MAX_SUN	108
#define HOST_MAX	1025

#define TUNID_MAX	(INT_MAX - 2)

/*
 * Releases at which a value grammar checked here changed. A directive is
 * evaluated once for each of these that falls inside the targeted range.
 */
static const int epochs[] = {
	V(8, 2),	/* ssh Compression: yes/no only */
	V(8, 3),	/* sshd IgnoreRhosts shosts-only */
	V(8, 5),	/* ssh %-tokens shared by most options */
	V(8, 7),	/* sshd *Command absolute path checked on every line */
	V(8, 9),	/* ssh PubkeyAuthentication unbound/host-bound */
	V(9, 4),	/* CASignatureAlgorithms refuses certificate types */
	V(9, 5),	/* sshd duplicate Subsystem no longer fatal */
	V(9, 6),	/* ssh %j token */
	V(9, 7),	/* "any"/"none" alone rules fixed */
	V(9, 8),	/* convtime() digits only; IPQoS numbers decimal */
	V(9, 9),	/* AllowUsers splits user@host at the last '@' */
	V(10, 0),	/* domain names may start with '_' */
	V(10, 3),	/* convtime() fractions; several revoked-key files */
	V(10, 4),	/* ssh algorithm assembly errors become fatal */
};

struct finding {
	int rule;		/* enum sl_rule, or -1 for none */
	enum sl_severity sev;
	uint32_t start, end;
	char msg[MSGLEN];
};

/* One evaluation of a directive for one release. */
struct vctx {
	const struct sl_check *c;
	const struct sl_keyword *kw;
	const struct sl_arg *a;
	size_t n;
	int v;
	struct finding *f;
	int eff;	/* EFF_* */
};

/*
 * Does the line set the value OpenSSH uses? Some checks (%-tokens, the
 * algorithm list assembly, ConnectionAttempts) only bite on the value in
 * use: fatal for a top-level line that wins, a warning inside a Host or
 * Match block, nothing for a line an earlier one overrides.
 */
enum {
	EFF_YES,	/* top level, first (or accumulating) */
	EFF_BLOCK,	/* inside Host/Match: applies to some connections */
	EFF_NEVER,	/* an earlier top-level line wins */
};

/* sshd options that enable authentication methods */
enum auth_flag {
	AM_PUBKEY, AM_PASSWORD, AM_KBDINT, AM_HOSTBASED, AM_GSSAPI, AM__COUNT
};

struct sl_check_state {
	/* sshd: Subsystem names of top-level lines, in order */
	char **subsys;
	size_t nsubsys, capsubsys;
	/* sshd: a top-level AuthenticationMethods line was stored */
	bool authmeth;
	/* sshd: first top-level values, for sl_check_finish() */
	/* first AuthenticationMethods line: its lists, NUL separated */
	char *am_lists;
	size_t am_len;
	uint32_t am_source, am_start, am_end;
	/* PubkeyAuthentication, PasswordAuthentication, ...: -1 unset */
	int flag[AM__COUNT];
	/* options set by a top-level line so far */
	unsigned char seen[(SL_OPT__COUNT + 7) / 8];
};


/* ------------------------------------------------------------------ */
/* small string helpers (ASCII, locale independent) */

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool
eqi(const char *a, const char *b)
{
	while (*a != '\0' && lc((unsigned char)*a) == lc((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(int c)
{
	c = lc(c);
	return c >= 'a' && c <= 'z';
}

static bool
is_alnum(int c)
{
	return is_digit(c) || is_alpha(c);
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r';
}

static bool
is_xdigit(int c)
{
	c = lc(c);
	return is_digit(c) || (c >= 'a' && c <= 'f');
}

/* Printable rendering of a value for a message, shortened if long. */
static const char *
show(char *buf, size_t sz, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;
	unsigned char ch;

	for (i = 0; i < len && o + 5 < sz; i++) {
		if (o >= SHOWLEN) {
			buf[o++] = '.';
			buf[o++] = '.';
			buf[o++] = '.';
			break;
		}
		ch = (unsigned char)s[i];
		if (ch < 0x20 || ch == 0x7f || ch == '\'') {
			buf[o++] = '\\';
			if (ch == '\'') {
				buf[o++] = '\'';
				continue;
			}
			buf[o++] = 'x';
			buf[o++] = hex[ch >> 4];
			buf[o++] = hex[ch & 15];
		} else
			buf[o++] = (char)ch;
	}
	buf[o] = '\0';
	return buf;
}

/* ------------------------------------------------------------------ */
/* findings */

static bool
failed(const struct vctx *x)
{
	return x->f->rule >= 0;
}

static void __attribute__((format(printf, 6, 7)))
setf(struct vctx *x, enum sl_rule rule, enum sl_severity sev,
    uint32_t start, uint32_t end, const char *fmt, ...)
{
	va_list ap;

	if (failed(x))
		return;
	x->f->rule = (int)rule;
	x->f->sev = sev;
	x->f->start = start;
	x->f->end = end;
	va_start(ap, fmt);
	vsnprintf(x->f->msg, sizeof(x->f->msg), fmt, ap);
	va_end(ap);
}

static uint32_t
last_end(const struct vctx *x)
{
	return x->n > 0 ? x->a[x->n - 1].end : x->c->kw_end;
}

/* Bad value of argument i. */
static void __attribute__((format(printf, 3, 4)))
bad(struct vctx *x, size_t i, const char *fmt, ...)
{
	va_list ap;

	if (failed(x))
		return;
	x->f->rule = SL_RULE_BAD_VALUE;
	x->f->sev = SL_SEV_ERROR;
	x->f->start = x->a[i].start;
	x->f->end = x->a[i].end;
	va_start(ap, fmt);
	vsnprintf(x->f->msg, sizeof(x->f->msg), fmt, ap);
	va_end(ap);
}

/* Generic "bad value 'v' for 'Keyword': why". */
static void
badv(struct vctx *x, size_t i, const char *why)
{
	char vb[SHOWLEN + 8];

	bad(x, i, "bad value '%s' for '%s': %s",
	    show(vb, sizeof(vb), x->a[i].val, x->a[i].len), x->kw->name, why);
}

static void
empty_arg(struct vctx *x, size_t i, const char *ossh)
{
	setf(x, SL_RULE_EMPTY_ARGUMENT, SL_SEV_ERROR, x->a[i].start,
	    x->a[i].end, "empty argument for '%s' (%s)", x->kw->name, ossh);
}

static void
missing(struct vctx *x, const char *what)
{
	setf(x, SL_RULE_MISSING_ARGUMENT, SL_SEV_ERROR, x->c->kw_start,
	    last_end(x), "missing %s for '%s'", what, x->kw->name);
}

static void
extra(struct vctx *x, size_t from)
{
	if (from >= x->n)
		return;
	setf(x, SL_RULE_EXTRA_ARGUMENTS, SL_SEV_ERROR, x->a[from].start,
	    x->a[x->n - 1].end, "too many arguments for '%s': extra "
	    "arguments at end of line", x->kw->name);
}

/* Require argument i to exist and be non-empty. */
static bool
need(struct vctx *x, size_t i, const char *what)
{
	if (failed(x))
		return false;
	if (i >= x->n) {
		missing(x, what);
		return false;
	}
	if (x->a[i].len == 0) {
		empty_arg(x, i, what);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* OpenSSH's micro-grammars (misc.c), per release */

/* strtonum(3): decimal in [lo, hi] after optional blanks and sign. */
static bool
num_in(const char *s, long long lo, long long hi, long long *out)
{
	char *ep;
	long long v;

	if (s == NULL || *s == '\0')
		return false;
	errno = 0;
	v = strtoll(s, &ep, 10);
	if (ep == s || *ep != '\0' || errno == ERANGE || v < lo || v > hi)
		return false;
	if (out != NULL)
		*out = v;
	return true;
}

/* atoi_err(): NULL when valid, else OpenSSH's word for the problem. */
static const char *
atoi_why(const char *s, int *out)
{
	char *ep;
	long long v;

	if (s == NULL || *s == '\0')
		return "missing";
	errno = 0;
	v = strtoll(s, &ep, 10);
	if (ep == s || *ep != '\0')
		return "invalid";
	if ((v == LLONG_MIN && errno == ERANGE) || v < 0)
		return "too small";
	if ((v == LLONG_MAX && errno == ERANGE) || v > INT_MAX)
		return "too large";
	if (out != NULL)
		*out = (int)v;
	return NULL;
}

/* convtime() of release v: seconds, or -1. */
static double
conv_time(const char *s, int v)
{
	double total = 0, mult, val;
	const char *p = s, *q;
	char *ep;
	long long secs;
	bool seen_secs = false, frac = false;

	if (s == NULL || *s == '\0')
		return -1;
	while (*p != '\0') {
		if (v < V(9, 8)) {
			/* strtol(): blanks and a sign are accepted */
			errno = 0;
			secs = strtol(p, &ep, 10);
			if (ep == p || errno == ERANGE || secs < 0)
				return -1;
			val = (double)secs;
		} else if (v < V(10, 3)) {
			/* digits only, then strtonum() */
			for (q = p; is_digit((unsigned char)*q); q++)
				;
			if (q == p)
				return -1;
			errno = 0;
			secs = strtoll(p, &ep, 10);
			if (errno == ERANGE || secs > INT_MAX)
				return -1;
			val = (double)secs;
		} else {
			/* decimal numbers; fractions for seconds only */
			if (!is_digit((unsigned char)*p) && *p != '.')
				return -1;
			for (q = p; is_digit((unsigned char)*q) || *q == '.';
			    q++)
				;
			errno = 0;
			val = strtod(p, &ep);
			if (ep == p || ep != q || errno != 0 || val < 0)
				return -1;
			frac = memchr(p, '.', (size_t)(q - p)) != NULL;
			if (frac && !is_digit((unsigned char)q[-1]))
				return -1;
		}
		switch (*ep) {
		case '\0':
		case 's':
		case 'S':
			if (v >= V(10, 3) && seen_secs)
				return -1;
			seen_secs = true;
			mult = 1;
			break;
		case 'm':
		case 'M':
			mult = 60;
			break;
		case 'h':
		case 'H':
			mult = 3600;
			break;
		case 'd':
		case 'D':
			mult = 86400;
			break;
		case 'w':
		case 'W':
			mult = 604800;
			break;
		default:
			return -1;
		}
		if (frac && mult > 1)
			return -1;
		if (v < V(10, 3) && val > INT_MAX / mult)
			return -1;
		total += val * mult;
		if (total > INT_MAX)
			return -1;
		p = *ep != '\0' ? ep + 1 : ep;
	}
	return total;
}

/* a2port(): port number or /etc/services name; -1 if bad. */
static long
a2port(const char *s)
{
	struct servent *se;
	long long port;

	if (num_in(s, 0, 65535, &port))
		return (long)port;
	if (s != NULL && *s != '\0' && (se = getservbyname(s, "tcp")) != NULL)
		return (long)(uint16_t)((((unsigned)se->s_port & 0xff) << 8) |
		    (((unsigned)se->s_port >> 8) & 0xff));
	return -1;
}

static bool
valid_env_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!is_alnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/*
 * percent_expand() with the keys `keys`: NULL if every %x of s is known,
 * else a pointer to the bad '%'.
 */
static const char *
percent_bad(const char *s, const char *keys)
{
	for (; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		if (s[1] == '\0' || strchr(keys, s[1]) == NULL)
			return s;
		s++;
	}
	return NULL;
}

/*
 * Keys ssh expands (and refuses unknown ones of) before ssh -G prints
 * anything: DEFAULT_CLIENT_PERCENT_EXPAND_ARGS, shared since 8.5; NULL
 * for releases this module does not model.
 */
static const char *
client_keys(int v)
{
	if (v < V(8, 5))
		return NULL;
	return v >= V(9, 6) ? "CLiklnpdhruj" : "CLiklnpdhru";
}

/*
 * ${VAR} syntax of dollar_expand(): 0 fine (or no ${}), -1 malformed.
 * Whether VAR is set is only known at run time.
 */
static int
dollar_syntax(const char *s, bool *has_var)
{
	const char *e;

	*has_var = false;
	for (; *s != '\0'; s++) {
		if (s[0] != '$' || s[1] != '{')
			continue;
		if ((e = strchr(s + 2, '}')) == NULL || e == s + 2)
			return -1;
		*has_var = true;
		s = e;
	}
	return 0;
}

/* valid_domain(): NULL if fine, else the reason. */
static const char *
domain_why(const char *s, int v)
{
	size_t i, l = strlen(s);
	unsigned char c, last = '\0';

	if (l == 0)
		return "empty domain name";
	if (!is_alnum((unsigned char)s[0]) && !(v >= V(10, 0) && s[0] == '_'))
		return "starts with invalid character";
	for (i = 0; i < l; i++) {
		c = (unsigned char)lc((unsigned char)s[i]);
		if (last == '.' && c == '.')
			return "contains consecutive separators";
		if (c != '.' && c != '-' && !is_alnum(c) && c != '_')
			return "contains invalid characters";
		last = c;
	}
	return NULL;
}

/*
 * hpdelim(): split "host[:port]" / "[v6]:port" at the first ':' (outside
 * brackets). Returns false where OpenSSH returns NULL. host/hostlen is the
 * host part, port NULL when absent.
 */
static bool
hpdelim(const char *s, size_t *hostlen, const char **port)
{
	const char *p;

	if (*s == '[') {
		if ((p = strchr(s, ']')) == NULL)
			return false;
		p++;
	} else if ((p = strpbrk(s, ":/")) == NULL)
		p = s + strlen(s);
	*hostlen = (size_t)(p - s);
	switch (*p) {
	case '\0':
		*port = NULL;
		return true;
	case ':':
		*port = p + 1;
		return true;
	default:	/* '/' or junk after ']' */
		return false;
	}
}

/* parse_ipqos() of release v. */
static bool
ipqos_ok(const char *s, int v)
{
	static const char *const names[] = {
		"none", "af11", "af12", "af13", "af21", "af22", "af23",
		"af31", "af32", "af33", "af41", "af42", "af43", "cs0", "cs1",
		"cs2", "cs3", "cs4", "cs5", "cs6", "cs7", "ef", "le",
		"lowdelay", "throughput", "reliability",
	};
	size_t i;
	char *ep;
	long val;

	if (s == NULL)
		return false;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (eqi(s, names[i]))
			return true;
	if (v >= V(9, 8))
		return num_in(s, 0, 255, NULL);
	errno = 0;
	val = strtol(s, &ep, 0);
	return *s != '\0' && *ep == '\0' && errno == 0 && val >= 0 &&
	    val <= 255;
}

/* scan_scaled() (fmt_scaled.c): sizes like 1G or 1.5M; false if bad. */
static bool
scan_scaled(const char *s, long long *out)
{
	static const char scale[] = "BKMGTPE";
	const char *p = s;
	long long whole = 0, fact = 1;
	unsigned ndig = 0;
	int sign = 0, i;
	bool frac = false;

	while (is_space((unsigned char)*p))
		p++;
	while (*p == '-' || *p == '+') {
		if (sign)
			return false;
		sign = *p == '-' ? -1 : 1;
		p++;
	}
	for (; is_digit((unsigned char)*p) || *p == '.'; p++) {
		if (*p == '.') {
			if (frac)
				return false;
			frac = true;
			continue;
		}
		if (frac)
			continue;	/* the fraction only adds bytes */
		if (++ndig >= 21 || whole > (LLONG_MAX - 9) / 10)
			return false;
		whole = whole * 10 + (*p - '0');
	}
	if (sign)
		whole *= sign;
	if (*p == '\0') {
		*out = whole;
		return true;
	}
	for (i = 0; scale[i] != '\0'; i++) {
		if (i > 0)
			fact *= 1024;	/* 1024^6 is the largest */
		if (*p != scale[i] && *p != lc((unsigned char)scale[i]))
			continue;
		if (is_alnum((unsigned char)p[1]))
			return false;
		if (whole > LLONG_MAX / fact || whole < LLONG_MIN / fact)
			return false;
		*out = whole * fact;
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* enumerations */

struct enumdef {
	const char *const *names;	/* NULL terminated */
	bool nocase;
	const char *expect;		/* for the message */
};

static const char *const e_flag[] = { "yes", "no", "true", "false", NULL };
static const char *const e_flag_sshd[] = { "yes", "no", NULL };
static const char *const e_yesnoask[] = {
	"yes", "no", "true", "false", "ask", NULL };
static const char *const e_strict[] = {
	"yes", "no", "true", "false", "ask", "off", "accept-new", NULL };
static const char *const e_af[] = { "any", "inet", "inet6", NULL };
static const char *const e_cm[] = {
	"yes", "no", "true", "false", "ask", "auto", "autoask", NULL };
static const char *const e_tunnel[] = {
	"yes", "no", "true", "false", "point-to-point", "ethernet", NULL };
static const char *const e_tty[] = {
	"yes", "no", "true", "false", "force", "auto", NULL };
static const char *const e_session[] = {
	"none", "subsystem", "default", NULL };
static const char *const e_canon[] = {
	"yes", "no", "true", "false", "always", NULL };
static const char *const e_pubkey[] = {
	"yes", "no", "true", "false", "unbound", "host-bound", NULL };
static const char *const e_comp_ssh[] = { "yes", "no", NULL };
static const char *const e_comp_sshd[] = { "yes", "delayed", "no", NULL };
static const char *const e_weak[] = {
	"yes", "no", "true", "false", "no-pq-kex", NULL };
static const char *const e_root[] = {
	"yes", "no", "prohibit-password", "without-password",
	"forced-commands-only", NULL };
static const char *const e_rhosts[] = { "yes", "no", "shosts-only", NULL };
static const char *const e_gw[] = { "yes", "no", "clientspecified", NULL };
static const char *const e_fwd[] = {
	"yes", "all", "no", "local", "remote", NULL };
static const char *const e_tun_sshd[] = {
	"yes", "no", "point-to-point", "ethernet", NULL };
static const char *const e_hash[] = {
	"md5", "sha1", "sha256", "sha384", "sha512", NULL };
static const char *const e_level[] = {
	"QUIET", "FATAL", "ERROR", "INFO", "VERBOSE", "DEBUG", "DEBUG1",
	"DEBUG2", "DEBUG3", NULL };
static const char *const e_facility[] = {
	"DAEMON", "USER", "AUTH", "AUTHPRIV", "LOCAL0", "LOCAL1", "LOCAL2",
	"LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7", NULL };

static bool
in_enum(const char *s, const char *const *names, bool nocase)
{
	for (; *names != NULL; names++)
		if (nocase ? eqi(s, *names) : strcmp(s, *names) == 0)
			return true;
	return false;
}

/* One argument out of an enumeration, then no more arguments. */
static void
check_enum(struct vctx *x, const char *const *names, bool nocase,
    const char *expect, const char *ossh)
{
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "argument"))
		return;
	if (!in_enum(x->a[0].val, names, nocase))
		bad(x, 0, "bad value '%s' for '%s': expected %s (%s)",
		    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
		    x->kw->name, expect, ossh);
	extra(x, 1);
}

static void
check_flag_sshd(struct vctx *x)
{
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "argument"))
		return;
	if (!in_enum(x->a[0].val, e_flag_sshd, true)) {
		show(vb, sizeof(vb), x->a[0].val, x->a[0].len);
		if (eqi(x->a[0].val, "true") || eqi(x->a[0].val, "false"))
			bad(x, 0, "bad value '%s' for '%s': expected yes or "
			    "no; sshd does not accept true/false", vb,
			    x->kw->name);
		else
			bad(x, 0, "bad value '%s' for '%s': expected yes or "
			    "no", vb, x->kw->name);
	}
	extra(x, 1);
}

/* ------------------------------------------------------------------ */
/* scalar grammars */

static void
check_time(struct vctx *x, bool allow_none)
{
	const char *s;
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "time value"))
		return;
	s = x->a[0].val;
	if (allow_none) {
		/* ssh: exact "none"; sshd UnusedConnectionTimeout: any case */
		if (x->c->dialect == SL_DIALECT_SSH ?
		    strcmp(s, "none") == 0 : eqi(s, "none")) {
			extra(x, 1);
			return;
		}
	}
	if (conv_time(s, x->v) < 0)
		bad(x, 0, "bad time interval '%s' for '%s': expected "
		    "digits with an optional s, m, h, d or w unit%s "
		    "(invalid time value)",
		    show(vb, sizeof(vb), s, x->a[0].len), x->kw->name,
		    allow_none ? ", or none" : "");
	extra(x, 1);
}

static void
check_int(struct vctx *x, bool allow_none)
{
	const char *why;
	char vb[SHOWLEN + 8];
	int val = 0;

	if (x->n == 0) {
		missing(x, "integer value");
		return;
	}
	if (allow_none && strcmp(x->a[0].val, "none") == 0) {
		extra(x, 1);
		return;
	}
	if ((why = atoi_why(x->a[0].val, &val)) != NULL) {
		if (x->a[0].len == 0)
			empty_arg(x, 0, "integer value missing");
		else
			bad(x, 0, "bad integer '%s' for '%s': value %s",
			    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
			    x->kw->name, why);
		return;
	}
	extra(x, 1);
	if (x->c->dialect == SL_DIALECT_SSH &&
	    x->kw->opt == SL_OPT_SSH_CONNECTIONATTEMPTS && val <= 0 &&
	    x->eff != EFF_NEVER)
		setf(x, SL_RULE_BAD_VALUE, x->eff == EFF_YES ? SL_SEV_ERROR :
		    SL_SEV_WARNING, x->a[0].start, x->a[0].end, "bad value "
		    "'%s' for '%s': must be at least 1 (Invalid number of "
		    "ConnectionAttempts)%s", show(vb, sizeof(vb), x->a[0].val,
		    x->a[0].len), x->kw->name, x->eff == EFF_YES ? "" :
		    ", fatal where the line applies");
}

static void
check_port(struct vctx *x)
{
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "port"))
		return;
	if (a2port(x->a[0].val) <= 0)
		bad(x, 0, "bad port '%s' for '%s': expected 1 to 65535 or a "
		    "service name",
		    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
		    x->kw->name);
	extra(x, 1);
}

/* %-tokens of argument i against the keys ssh expands them with. */
static void
check_tokens(struct vctx *x, size_t i, const char *keys)
{
	const char *bp;
	char list[64];
	size_t k, o = 0;

	if (keys == NULL || failed(x) ||
	    (bp = percent_bad(x->a[i].val, keys)) == NULL)
		return;
	for (k = 0; keys[k] != '\0' && o + 5 < sizeof(list); k++) {
		list[o++] = '%';
		list[o++] = keys[k];
		list[o++] = ' ';
	}
	list[o] = '\0';
	if (x->eff == EFF_NEVER)
		return;
	if (bp[1] == '\0')
		setf(x, SL_RULE_BAD_VALUE, x->eff == EFF_YES ? SL_SEV_ERROR :
		    SL_SEV_WARNING, x->a[i].start, x->a[i].end, "'%%' at the "
		    "end of '%s' starts no token (invalid format)%s; write %%%% "
		    "for a literal %%", x->kw->name, x->eff == EFF_YES ? "" :
		    ", fatal where the line applies");
	else
		setf(x, SL_RULE_BAD_VALUE, x->eff == EFF_YES ? SL_SEV_ERROR :
		    SL_SEV_WARNING, x->a[i].start, x->a[i].end, "unknown "
		    "token '%%%c' in '%s': ssh expands %s%%%% here (unknown "
		    "key %%%c)%s", bp[1], x->kw->name, list, bp[1],
		    x->eff == EFF_YES ? "" : ", fatal where the line applies");
}

/*
 * Tokens ssh expands only when it uses the option (after ssh -G has
 * printed the configuration), or NULL: an unknown one stops the
 * connection, so it is a warning here.
 */
static const char *
late_keys(const struct vctx *x, char *buf, size_t sz)
{
	const char *k;

	if (x->c->dialect != SL_DIALECT_SSH || (k = client_keys(x->v)) == NULL)
		return NULL;
	switch (x->kw->opt) {
	case SL_OPT_SSH_PROXYCOMMAND:
		return "hknpr";
	case SL_OPT_SSH_LOCALCOMMAND:
		snprintf(buf, sz, "%sT", k);
		return buf;
	case SL_OPT_SSH_KNOWNHOSTSCOMMAND:
		snprintf(buf, sz, "%sHItfK", k);
		return buf;
	case SL_OPT_SSH_IDENTITYFILE:
	case SL_OPT_SSH_CERTIFICATEFILE:
		return k;
	default:
		return NULL;
	}
}

static void
warn_tokens(struct vctx *x, size_t i)
{
	const char *s, *keys, *bp;
	char kb[32];

	if (failed(x) || i >= x->n || x->eff == EFF_NEVER ||
	    (keys = late_keys(x, kb, sizeof(kb))) == NULL)
		return;
	s = x->a[i].val;
	/* KnownHostsCommand expands the arguments, not the command */
	if (x->kw->opt == SL_OPT_SSH_KNOWNHOSTSCOMMAND)
		s += strcspn(s, " \t");
	if ((bp = percent_bad(s, keys)) == NULL)
		return;
	if (bp[1] == '\0')
		setf(x, SL_RULE_BAD_VALUE, SL_SEV_WARNING, x->a[i].start,
		    x->a[i].end, "'%%' at the end of '%s' starts no token: ssh "
		    "stops when it uses the option (invalid format)",
		    x->kw->name);
	else
		setf(x, SL_RULE_BAD_VALUE, SL_SEV_WARNING, x->a[i].start,
		    x->a[i].end, "unknown token '%%%c' in '%s': ssh stops when "
		    "it uses the option (unknown key %%%c)", bp[1],
		    x->kw->name, bp[1]);
}

/* Tokens ssh -G already expands for this ssh option, or NULL. */
static const char *
option_keys(const struct vctx *x)
{
	if (x->c->dialect != SL_DIALECT_SSH)
		return NULL;
	switch (x->kw->opt) {
	case SL_OPT_SSH_HOSTNAME:
		return "h";
	case SL_OPT_SSH_CONTROLPATH:
	case SL_OPT_SSH_IDENTITYAGENT:
	case SL_OPT_SSH_FORWARDAGENT:
	case SL_OPT_SSH_USERKNOWNHOSTSFILE:
	case SL_OPT_SSH_REMOTECOMMAND:
	case SL_OPT_SSH_LOCALFORWARD:
	case SL_OPT_SSH_REMOTEFORWARD:
	case SL_OPT_SSH_DYNAMICFORWARD:
		return client_keys(x->v);
	default:
		return NULL;
	}
}

static void
check_string(struct vctx *x)
{
	if (!need(x, 0, "argument"))
		return;
	check_tokens(x, 0, option_keys(x));
	extra(x, 1);
	warn_tokens(x, 0);
}

/* Lists of non-empty arguments where "none" must stand alone. */
static void
check_list_none(struct vctx *x, bool none_alone)
{
	size_t i;

	if (x->n == 0) {
		missing(x, "argument");
		return;
	}
	for (i = 0; i < x->n && !failed(x); i++) {
		if (x->a[i].len == 0) {
			empty_arg(x, i, "empty argument");
			return;
		}
		if (none_alone && eqi(x->a[i].val, "none") && x->n > 1)
			bad(x, i, "'none' must appear alone in '%s'",
			    x->kw->name);
		check_tokens(x, i, option_keys(x));
	}
}

static void
check_canon_domains(struct vctx *x)
{
	const char *why;
	char vb[SHOWLEN + 8];
	size_t i;

	for (i = 0; i < x->n && !failed(x); i++) {
		if (x->a[i].len == 0 && x->v < V(10, 5)) {
			empty_arg(x, i, "empty argument");
			return;
		}
		if (eqi(x->a[i].val, "none") && x->n > 1) {
			bad(x, i, "'none' must appear alone in '%s'",
			    x->kw->name);
			return;
		}
		if ((why = domain_why(x->a[i].val, x->v)) != NULL)
			bad(x, i, "bad domain name '%s' for '%s': %s",
			    show(vb, sizeof(vb), x->a[i].val, x->a[i].len),
			    x->kw->name, why);
	}
}

static void
check_cnames(struct vctx *x)
{
	const char *s, *colon;
	char vb[SHOWLEN + 8];
	size_t i;

	for (i = 0; i < x->n && !failed(x); i++) {
		s = x->a[i].val;
		if (eqi(s, "none")) {
			if (x->n > 1)
				bad(x, i, "'none' must appear alone in '%s'",
				    x->kw->name);
			continue;
		}
		if (strcmp(s, "*") == 0)
			continue;
		if ((colon = strchr(s, ':')) == NULL || colon[1] == '\0')
			bad(x, i, "bad value '%s' for '%s': expected "
			    "source-domains:target-domains, '*' or none "
			    "(Invalid permitted CNAME)",
			    show(vb, sizeof(vb), s, x->a[i].len), x->kw->name);
	}
}

static void
check_ipqos(struct vctx *x)
{
	char vb[SHOWLEN + 8];
	size_t i;

	if (x->n == 0) {
		missing(x, "IPQoS value");
		return;
	}
	for (i = 0; i < 2 && i < x->n && !failed(x); i++) {
		if (i == 0 && x->a[0].len == 0 &&
		    x->c->dialect == SL_DIALECT_SSHD) {
			empty_arg(x, 0, "missing argument");
			return;
		}
		if (!ipqos_ok(x->a[i].val, x->v))
			bad(x, i, "bad IPQoS value '%s' for '%s': expected "
			    "af11..af43, cs0..cs7, ef, le, lowdelay, "
			    "throughput, reliability, none or a number 0 to "
			    "255%s", show(vb, sizeof(vb), x->a[i].val,
			    x->a[i].len), x->kw->name, x->v >= V(9, 8) ?
			    " in decimal" : "");
	}
	extra(x, 2);
}

static void
check_rekeylimit(struct vctx *x)
{
	long long val;
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "argument"))
		return;
	if (strcmp(x->a[0].val, "default") != 0) {
		if (!scan_scaled(x->a[0].val, &val)) {
			bad(x, 0, "bad size '%s' for '%s': expected a number "
			    "with an optional K, M or G unit, or default",
			    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
			    x->kw->name);
			return;
		}
		if (val != 0 && val < 16) {
			bad(x, 0, "bad size '%s' for '%s': too small (at "
			    "least 16 bytes, or 0)",
			    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
			    x->kw->name);
			return;
		}
	}
	if (x->n >= 2 && strcmp(x->a[1].val, "none") != 0) {
		if (x->a[1].len == 0) {
			empty_arg(x, 1, "missing time value");
			return;
		}
		if (conv_time(x->a[1].val, x->v) < 0) {
			bad(x, 1, "bad time interval '%s' for '%s': expected "
			    "digits with an optional s, m, h, d or w unit, or "
			    "none (invalid time value)",
			    show(vb, sizeof(vb), x->a[1].val, x->a[1].len),
			    x->kw->name);
			return;
		}
	}
	extra(x, 2);
}

static void
check_escapechar(struct vctx *x)
{
	const char *s;
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "argument"))
		return;
	s = x->a[0].val;
	if (strcmp(s, "none") != 0 && x->a[0].len != 1 &&
	    !(x->a[0].len == 2 && s[0] == '^' &&
	    (unsigned char)s[1] >= 64 && (unsigned char)s[1] < 128))
		bad(x, 0, "bad escape character '%s' for '%s': expected one "
		    "character, ^ and a character from @ to ~, or none",
		    show(vb, sizeof(vb), s, x->a[0].len), x->kw->name);
	extra(x, 1);
}

/* a2tun() of one side: "any" or 0..TUNID_MAX. */
static bool
tun_ok(const char *s, size_t len)
{
	char buf[32];

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return eqi(buf, "any") || num_in(buf, 0, TUNID_MAX, NULL);
}

static void
check_tunneldevice(struct vctx *x)
{
	const char *s, *colon;
	char vb[SHOWLEN + 8];
	bool ok;

	if (!need(x, 0, "argument"))
		return;
	s = x->a[0].val;
	if ((colon = strchr(s, ':')) == NULL)
		ok = tun_ok(s, x->a[0].len);
	else
		ok = tun_ok(s, (size_t)(colon - s)) &&
		    tun_ok(colon + 1, strlen(colon + 1));
	if (!ok)
		bad(x, 0, "bad tunnel device '%s' for '%s': expected "
		    "local[:remote], each a number or any (Bad tun device)",
		    show(vb, sizeof(vb), s, x->a[0].len), x->kw->name);
	extra(x, 1);
}

static void
check_octal(struct vctx *x)
{
	const char *s;
	char *ep, vb[SHOWLEN + 8];
	long val;

	if (!need(x, 0, "argument"))
		return;
	s = x->a[0].val;
	errno = 0;
	val = strtol(s, &ep, 8);
	if (ep == s || val < 0 || val > 0777)
		bad(x, 0, "bad mask '%s' for '%s': expected an octal mode "
		    "0 to 0777", show(vb, sizeof(vb), s, x->a[0].len),
		    x->kw->name);
	extra(x, 1);
}

static void
check_controlpersist(struct vctx *x)
{
	const char *s;
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "argument"))
		return;
	s = x->a[0].val;
	if (!in_enum(s, e_flag, false) && conv_time(s, x->v) < 0) {
		show(vb, sizeof(vb), s, x->a[0].len);
		if (in_enum(s, e_flag, true))
			bad(x, 0, "bad value '%s' for '%s': yes, no, true and "
			    "false must be lower case here", vb, x->kw->name);
		else
			bad(x, 0, "bad value '%s' for '%s': expected yes, no "
			    "or a time interval (Bad ControlPersist "
			    "argument)", vb, x->kw->name);
	}
	extra(x, 1);
}

static void
check_addkeys(struct vctx *x)
{
	static const char *const e_add[] = {
		"yes", "no", "true", "false", "ask", "confirm", NULL };
	char vb[SHOWLEN + 8];
	bool known, confirm;

	if (x->n == 0 || x->a[0].len == 0) {
		if (x->n == 0)
			missing(x, "argument");
		else
			empty_arg(x, 0, "unsupported option");
		return;
	}
	known = in_enum(x->a[0].val, e_add, true);
	confirm = eqi(x->a[0].val, "confirm");
	if (confirm && x->n >= 2) {
		if (conv_time(x->a[1].val, x->v) < 0)
			bad(x, 1, "bad time interval '%s' for '%s' confirm "
			    "(invalid time value)",
			    show(vb, sizeof(vb), x->a[1].val, x->a[1].len),
			    x->kw->name);
		extra(x, 2);
		return;
	}
	if (!known && x->n == 1) {
		if (conv_time(x->a[0].val, x->v) < 0)
			bad(x, 0, "bad value '%s' for '%s': expected yes, no, "
			    "ask, confirm [time] or a time interval",
			    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
			    x->kw->name);
		return;
	}
	if (!known)
		bad(x, 0, "bad value '%s' for '%s': expected yes, no, ask, "
		    "confirm [time] or a time interval",
		    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
		    x->kw->name);
	else if (x->n >= 2)
		setf(x, SL_RULE_EXTRA_ARGUMENTS, SL_SEV_ERROR, x->a[1].start,
		    x->a[x->n - 1].end, "too many arguments for '%s': only "
		    "confirm takes a time interval", x->kw->name);
}

/* Agent socket given as a path or environment variable. */
static void
agent_path(struct vctx *x, size_t i)
{
	const char *s = x->a[i].val;
	char vb[SHOWLEN + 8];
	bool var;

	if (dollar_syntax(s, &var) != 0)
		bad(x, i, "bad value '%s' for '%s': ${ without a name and "
		    "closing } (Invalid environment expansion)",
		    show(vb, sizeof(vb), s, x->a[i].len), x->kw->name);
	else if (s[0] == '$' && s[1] != '{' && !valid_env_name(s + 1))
		bad(x, i, "bad value '%s' for '%s': not a valid environment "
		    "variable name (Invalid environment name)",
		    show(vb, sizeof(vb), s, x->a[i].len), x->kw->name);
}

static void
check_forwardagent(struct vctx *x)
{
	if (!need(x, 0, "argument"))
		return;
	if (!in_enum(x->a[0].val, e_flag, true)) {
		agent_path(x, 0);
		check_tokens(x, 0, option_keys(x));
	}
	extra(x, 1);
}

static void
check_identityagent(struct vctx *x)
{
	if (!need(x, 0, "argument"))
		return;
	agent_path(x, 0);
	check_tokens(x, 0, option_keys(x));
	extra(x, 1);
}

static void
check_sendenv(struct vctx *x, bool server)
{
	size_t i;
	char vb[SHOWLEN + 8];

	for (i = 0; i < x->n && !failed(x); i++) {
		if (x->a[i].len == 0)
			empty_arg(x, i, "Invalid environment name");
		else if (strchr(x->a[i].val, '=') != NULL)
			bad(x, i, "bad environment name '%s' for '%s': '=' is "
			    "not allowed%s", show(vb, sizeof(vb), x->a[i].val,
			    x->a[i].len), x->kw->name, server ? "" :
			    " (use SetEnv to set a value)");
	}
}

static void
check_setenv(struct vctx *x)
{
	size_t i;
	char vb[SHOWLEN + 8];

	if (x->n == 0 && x->v >= V(9, 7))
		missing(x, "NAME=VALUE");
	for (i = 0; i < x->n && !failed(x); i++) {
		if (x->a[i].len == 0)
			empty_arg(x, i, "Invalid environment");
		else if (strchr(x->a[i].val, '=') == NULL)
			bad(x, i, "bad value '%s' for '%s': expected "
			    "NAME=VALUE", show(vb, sizeof(vb), x->a[i].val,
			    x->a[i].len), x->kw->name);
	}
}

/* ------------------------------------------------------------------ */
/* forwarding (readconf.c parse_forward) */

struct fwdfield {
	const char *p;
	size_t len;	/* after unescaping */
	char buf[PATH_MAX_SUN + HOST_MAX];
	bool ispath;
};

/* parse_fwd_field(); *pp advances. false at the end or on error. */
static bool
fwd_field(const char **pp, struct fwdfield *f, bool *err)
{
	const char *cp = *pp, *ep;
	size_t o = 0;

	*err = false;
	f->ispath = false;
	if (*cp == '\0')
		return false;
	if (*cp == '[') {
		for (ep = cp + 1; *ep != ']' && *ep != '\0'; ep++)
			if (*ep == '/')
				f->ispath = true;
		if (ep[0] != ']' || (ep[1] != ':' && ep[1] != '\0')) {
			*err = true;
			return false;
		}
		f->p = cp + 1;
		f->len = (size_t)(ep - cp - 1);
		ep++;
		if (*ep != '\0')
			ep++;
		*pp = ep;
		return true;
	}
	for (; *cp != '\0'; cp++) {
		if (*cp == '\\') {
			cp++;
			if (*cp == '\0') {
				*err = true;
				return false;
			}
		} else if (*cp == '/')
			f->ispath = true;
		else if (*cp == ':') {
			cp++;
			break;
		}
		if (o < sizeof(f->buf) - 1)
			f->buf[o++] = *cp;
	}
	f->buf[o] = '\0';
	f->p = f->buf;
	f->len = o;
	*pp = cp;
	return true;
}

static long
fwd_port(const struct fwdfield *f)
{
	char buf[32];

	if (f->len >= sizeof(buf))
		return -1;
	memcpy(buf, f->p, f->len);
	buf[f->len] = '\0';
	return a2port(buf);
}

/* parse_forward(): true when OpenSSH accepts the specification. With
 * keys, *tok is set to the first socket path with an unknown %-token. */
static bool
forward_ok(const char *spec, bool dynamic, bool remote, const char *keys,
    char *tok, size_t toksz)
{
	struct fwdfield fa[4];
	const char *cp = spec;
	size_t i, n, lpath = 0, cpath = 0, lhost = 0, chost = 0;
	long lport = -1, cport = -1;
	bool err, has_lpath = false, has_cpath = false;

	while (is_space((unsigned char)*cp))
		cp++;
	for (i = 0; i < 4; i++)
		if (!fwd_field(&cp, &fa[i], &err))
			break;
	if (err || *cp != '\0')
		i = 0;
	switch (i) {
	case 1:
		if (fa[0].ispath) {
			has_lpath = true;
			lpath = fa[0].len;
			lport = -2;
		} else
			lport = fwd_port(&fa[0]);
		chost = 5;	/* "socks" */
		break;
	case 2:
		if (fa[0].ispath && fa[1].ispath) {
			has_lpath = has_cpath = true;
			lpath = fa[0].len;
			cpath = fa[1].len;
			lport = cport = -2;
		} else if (fa[1].ispath) {
			lport = fwd_port(&fa[0]);
			has_cpath = true;
			cpath = fa[1].len;
			cport = -2;
		} else {
			lhost = fa[0].len;
			lport = fwd_port(&fa[1]);
			chost = 5;
		}
		break;
	case 3:
		if (fa[0].ispath) {
			has_lpath = true;
			lpath = fa[0].len;
			lport = -2;
			chost = fa[1].len;
			cport = fwd_port(&fa[2]);
		} else if (fa[2].ispath) {
			lhost = fa[0].len;
			lport = fwd_port(&fa[1]);
			has_cpath = true;
			cpath = fa[2].len;
			cport = -2;
		} else {
			lport = fwd_port(&fa[0]);
			chost = fa[1].len;
			cport = fwd_port(&fa[2]);
		}
		break;
	case 4:
		lhost = fa[0].len;
		lport = fwd_port(&fa[1]);
		chost = fa[2].len;
		cport = fwd_port(&fa[3]);
		break;
	default:
		return false;
	}
	if (dynamic) {
		if (i != 1 && i != 2)
			return false;
	} else {
		if (i != 3 && i != 4 && !has_cpath && !has_lpath)
			return false;
		if (cport <= 0 && !has_cpath)
			return false;
	}
	if ((lport < 0 && !has_lpath) || (!remote && lport == 0))
		return false;
	if (chost >= HOST_MAX || lhost >= HOST_MAX ||
	    cpath >= PATH_MAX_SUN || lpath >= PATH_MAX_SUN)
		return false;
	for (n = 0; keys != NULL && tok != NULL && n < i; n++) {
		if (!fa[n].ispath || fa[n].len >= toksz)
			continue;
		memcpy(tok, fa[n].p, fa[n].len);
		tok[fa[n].len] = '\0';
		if (percent_bad(tok, keys) != NULL)
			return true;
	}
	if (tok != NULL)
		tok[0] = '\0';
	return true;
}

static void
check_forward(struct vctx *x, bool dynamic, bool remote)
{
	char spec[256], vb[SHOWLEN + 8], tok[PATH_MAX_SUN + 1];
	bool dyn = dynamic, var;

	if (!need(x, 0, "argument"))
		return;
	if (!dynamic && (x->n < 2 || x->a[1].len == 0)) {
		if (!remote) {
			if (x->n < 2)
				missing(x, "target argument");
			else
				empty_arg(x, 1, "Missing target argument");
			return;
		}
		dyn = true;
	}
	if (dyn)
		snprintf(spec, sizeof(spec), "%s", x->a[0].val);
	else
		snprintf(spec, sizeof(spec), "%s:%s", x->a[0].val,
		    x->a[1].val);
	if (dollar_syntax(spec, &var) != 0)
		setf(x, SL_RULE_BAD_VALUE, SL_SEV_ERROR, x->a[0].start,
		    x->a[dyn ? 0 : 1].end, "bad forwarding specification "
		    "for '%s': ${ without a name and closing }", x->kw->name);
	else if (!var && !forward_ok(spec, dyn, remote, option_keys(x), tok,
	    sizeof(tok)))
		setf(x, SL_RULE_BAD_VALUE, SL_SEV_ERROR, x->a[0].start,
		    x->a[dyn ? 0 : 1].end, "bad forwarding specification "
		    "'%s' for '%s': expected %s", show(vb, sizeof(vb), spec,
		    strlen(spec)), x->kw->name, dyn ?
		    "[bind_address:]port or a socket path" :
		    "[bind_address:]port host:hostport (ports 1 to 65535) "
		    "or socket paths");
	else if (!var && tok[0] != '\0' && x->eff != EFF_NEVER)
		setf(x, SL_RULE_BAD_VALUE, x->eff == EFF_YES ? SL_SEV_ERROR :
		    SL_SEV_WARNING, x->a[0].start, x->a[dyn ? 0 : 1].end,
		    "unknown %%-token in socket path '%s' of '%s' (unknown "
		    "key)%s", show(vb, sizeof(vb), tok, strlen(tok)),
		    x->kw->name, x->eff == EFF_YES ? "" :
		    ", fatal where the line applies");
	extra(x, dynamic ? 1 : 2);
}

static void
check_permitremoteopen(struct vctx *x)
{
	const char *s, *port;
	char vb[SHOWLEN + 8];
	size_t i, hl;

	if (x->n == 0) {
		missing(x, "host:port specification");
		return;
	}
	for (i = 0; i < x->n && !failed(x); i++) {
		s = x->a[i].val;
		if (eqi(s, "none") || eqi(s, "any")) {
			if (x->n > 1)
				bad(x, i, "'%s' must appear alone in '%s'",
				    show(vb, sizeof(vb), s, x->a[i].len),
				    x->kw->name);
			continue;
		}
		if (!hpdelim(s, &hl, &port))
			bad(x, i, "bad value '%s' for '%s': missing host",
			    show(vb, sizeof(vb), s, x->a[i].len), x->kw->name);
		else if (port == NULL ||
		    (strcmp(port, "*") != 0 && a2port(port) <= 0))
			bad(x, i, "bad value '%s' for '%s': expected host:port "
			    "with a port 1 to 65535 or * (bad port number)",
			    show(vb, sizeof(vb), s, x->a[i].len), x->kw->name);
	}
}

/* sshd PermitOpen / PermitListen */
static void
check_permitopen(struct vctx *x, bool listen)
{
	const char *s, *port;
	char vb[SHOWLEN + 8];
	size_t i, hl;

	if (!need(x, 0, "argument"))
		return;
	if (strcmp(x->a[0].val, "any") == 0 ||
	    strcmp(x->a[0].val, "none") == 0) {
		extra(x, 1);
		return;
	}
	for (i = 0; i < x->n && x->a[i].len > 0 && !failed(x); i++) {
		s = x->a[i].val;
		if (listen && strchr(s, ':') == NULL)
			port = s;
		else if (!hpdelim(s, &hl, &port)) {
			bad(x, i, "bad value '%s' for '%s': missing host",
			    show(vb, sizeof(vb), s, x->a[i].len), x->kw->name);
			return;
		}
		if (port == NULL ||
		    (strcmp(port, "*") != 0 && a2port(port) <= 0))
			bad(x, i, "bad value '%s' for '%s': expected %s with a "
			    "port 1 to 65535 or * (bad port number)",
			    show(vb, sizeof(vb), s, x->a[i].len), x->kw->name,
			    listen ? "[host:]port" : "host:port");
	}
	/* an empty argument ends the list; anything after it is extra */
	if (i < x->n)
		extra(x, i + 1);
}

static void
check_listenaddress(struct vctx *x)
{
	const char *s, *c1, *port;
	char vb[SHOWLEN + 8];
	struct in6_addr in6;
	size_t hl;

	if (!need(x, 0, "address"))
		return;
	s = x->a[0].val;
	c1 = strchr(s, ':');
	if (strchr(s, '[') == NULL && c1 != NULL &&
	    strchr(c1 + 1, ':') != NULL) {
		/* a bare IPv6 address: getaddrinfo() must take it as one */
		if (strchr(s, '%') == NULL &&
		    inet_pton(AF_INET6, s, &in6) != 1) {
			bad(x, 0, "bad address '%s' for '%s': two or more ':' "
			    "make it an IPv6 address, and it is not one; write "
			    "host:port or [address]:port",
			    show(vb, sizeof(vb), s, x->a[0].len), x->kw->name);
			return;
		}
	} else if (!hpdelim(s, &hl, &port)) {
		bad(x, 0, "bad address '%s' for '%s': expected host, "
		    "host:port, [address]:port or an IPv6 address (bad "
		    "address:port usage)", show(vb, sizeof(vb), s,
		    x->a[0].len), x->kw->name);
		return;
	} else if (port != NULL && a2port(port) <= 0) {
		bad(x, 0, "bad port in '%s' for '%s': expected 1 to 65535 or "
		    "a service name", show(vb, sizeof(vb), s, x->a[0].len),
		    x->kw->name);
		return;
	}
	if (x->n == 1)
		return;
	if (strcmp(x->a[1].val, "rdomain") != 0 || x->n < 3) {
		setf(x, SL_RULE_BAD_VALUE, SL_SEV_ERROR, x->a[1].start,
		    last_end(x), "bad syntax for '%s': only 'rdomain NAME' may "
		    "follow the address (bad ListenAddress syntax)",
		    x->kw->name);
		return;
	}
	/* valid_rdomain() is false on every platform but OpenBSD */
	setf(x, SL_RULE_BAD_VALUE, SL_SEV_ERROR, x->a[1].start, x->a[2].end,
	    "routing domain in '%s' is not supported on this platform (bad "
	    "routing domain)", x->kw->name);
}

/* ------------------------------------------------------------------ */
/* sshd lists */

static bool
subsys_defined(const struct sl_check_state *st, const char *name)
{
	size_t i;

	for (i = 0; st != NULL && i < st->nsubsys; i++)
		if (strcmp(st->subsys[i], name) == 0)
			return true;
	return false;
}

static void
check_subsystem(struct vctx *x)
{
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "subsystem name"))
		return;
	if (x->v >= V(9, 5)) {
		(void)need(x, 1, "subsystem command");
		return;
	}
	if (x->c->in_block) {
		/* 9.2 skips inactive lines after one more argument */
		extra(x, 2);
		return;
	}
	if (subsys_defined(x->c->state, x->a[0].val)) {
		bad(x, 0, "subsystem '%s' defined twice (Subsystem '%s' "
		    "already defined)", show(vb, sizeof(vb), x->a[0].val,
		    x->a[0].len), vb);
		return;
	}
	(void)need(x, 1, "subsystem command");
}

static void
check_maxstartups(struct vctx *x)
{
	char vb[SHOWLEN + 8];
	int begin = 0, rate = 0, full = 0, n;

	if (!need(x, 0, "argument"))
		return;
	n = sscanf(x->a[0].val, "%d:%d:%d", &begin, &rate, &full);
	if (n == 1)
		full = begin;
	if ((n != 1 && n != 3) ||
	    (n == 3 && (begin > full || rate > 100 || rate < 1)) ||
	    full <= 0 || begin <= 0)
		bad(x, 0, "bad value '%s' for '%s': expected N or "
		    "start:rate:full with 0 < start <= full and rate 1 to 100 "
		    "(Invalid MaxStartups spec)",
		    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
		    x->kw->name);
	extra(x, 1);
}

static void
check_netblock(struct vctx *x)
{
	char vb[SHOWLEN + 8];
	int v4 = 0, v6 = 0, n;

	if (!need(x, 0, "argument"))
		return;
	n = sscanf(x->a[0].val, "%d:%d", &v4, &v6);
	if (n == 2 && (v6 < 0 || v6 > 128))
		n = -1;
	if ((n == 1 || n == 2) && (v4 < 0 || v4 > 32))
		n = -1;
	if (n != 1 && n != 2)
		bad(x, 0, "bad value '%s' for '%s': expected v4-bits[:v6-bits] "
		    "with 0 to 32 and 0 to 128 (Invalid PerSourceNetBlockSize "
		    "spec)", show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
		    x->kw->name);
	extra(x, 1);
}

static void
check_users(struct vctx *x)
{
	const char *s, *at;
	char vb[SHOWLEN + 8];
	size_t i;

	for (i = 0; i < x->n && !failed(x); i++) {
		s = x->a[i].val;
		if (x->a[i].len == 0) {
			empty_arg(x, i, "invalid pattern");
			return;
		}
		at = x->v >= V(9, 9) ? strrchr(s, '@') : strchr(s, '@');
		if (at != NULL && sl_addr_match_list(NULL, at + 1) == -2)
			bad(x, i, "bad pattern '%s' for '%s': the part after "
			    "'@' is not a valid address list (a CIDR block "
			    "with host bits set, a bad mask or an empty "
			    "entry)", show(vb, sizeof(vb), s, x->a[i].len),
			    x->kw->name);
	}
}

static void
check_groups(struct vctx *x)
{
	size_t i;

	for (i = 0; i < x->n && !failed(x); i++)
		if (x->a[i].len == 0)
			empty_arg(x, i, "empty pattern");
}

static const char *const auth_methods[] = {
	"none", "publickey", "gssapi-with-mic", "password",
	"keyboard-interactive", "hostbased", NULL
};

/* auth2_methods_valid(list, 0): NULL if fine, else the bad method. */
static bool
method_list_ok(const char *list, bool debian, const char **bad_at,
    size_t *bad_len)
{
	const char *p = list, *e, *colon;
	size_t n, i;
	bool ok;

	if (*list == '\0') {
		*bad_at = list;
		*bad_len = 0;
		return false;
	}
	for (;;) {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		colon = memchr(p, ':', n);
		if (colon != NULL)
			n = (size_t)(colon - p);
		ok = false;
		for (i = 0; auth_methods[i] != NULL && !ok; i++)
			ok = strlen(auth_methods[i]) == n &&
			    memcmp(auth_methods[i], p, n) == 0;
		if (!ok && debian)
			ok = n == 12 && memcmp(p, "gssapi-keyex", 12) == 0;
		if (!ok) {
			*bad_at = p;
			*bad_len = n;
			return false;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	return true;
}

static void
check_authmethods(struct vctx *x)
{
	const char *s, *b;
	char vb[SHOWLEN + 8];
	size_t i, bl;
	bool any = false;

	if (x->n == 0) {
		missing(x, "authentication method list");
		return;
	}
	for (i = 0; i < x->n && !failed(x); i++) {
		s = x->a[i].val;
		if (strcmp(s, "any") == 0) {
			if (i > 0)
				bad(x, i, "'any' must appear alone in '%s'",
				    x->kw->name);
			else if (x->v < V(9, 7) && x->c->state != NULL &&
			    x->c->state->authmeth)
				bad(x, i, "'any' after an earlier '%s' line is "
				    "rejected by OpenSSH before 9.7 (\"any\" "
				    "must appear alone)", x->kw->name);
			any = true;
		} else if (any) {
			bad(x, i, "'any' must appear alone in '%s'",
			    x->kw->name);
		} else if (x->a[i].len == 0) {
			empty_arg(x, i, "empty authentication method list");
		} else if (!method_list_ok(s, x->c->debian, &b, &bl)) {
			bad(x, i, "unknown authentication method '%s' in '%s' "
			    "(invalid method list)", show(vb, sizeof(vb), b,
			    bl), x->kw->name);
		}
	}
}

static void
check_pubkeyauthoptions(struct vctx *x)
{
	char vb[SHOWLEN + 8];
	size_t i;

	for (i = 0; i < x->n && !failed(x); i++) {
		if (!eqi(x->a[i].val, "none") &&
		    !eqi(x->a[i].val, "touch-required") &&
		    !eqi(x->a[i].val, "verify-required"))
			bad(x, i, "bad value '%s' for '%s': expected none, "
			    "touch-required or verify-required",
			    show(vb, sizeof(vb), x->a[i].val, x->a[i].len),
			    x->kw->name);
	}
}

static void
check_channeltimeout(struct vctx *x)
{
	const char *s, *eq;
	char vb[SHOWLEN + 8];
	size_t i;

	if (x->n == 0) {
		if (x->v >= V(9, 7))
			missing(x, "channel timeout");
		return;
	}
	for (i = 0; i < x->n && !failed(x); i++) {
		s = x->a[i].val;
		if (eqi(s, "none")) {
			/* before 9.7 only a "none" followed by more fails */
			if (i + 1 < x->n || (x->v >= V(9, 7) && i > 0))
				bad(x, i, "'none' must appear alone in '%s'",
				    x->kw->name);
			continue;
		}
		if ((eq = strchr(s, '=')) == NULL || eq == s ||
		    conv_time(eq + 1, x->v) < 0)
			bad(x, i, "bad channel timeout '%s' for '%s': expected "
			    "type=interval, e.g. session=5m",
			    show(vb, sizeof(vb), s, x->a[i].len), x->kw->name);
	}
}

static void
check_authcommand(struct vctx *x)
{
	const char *s;

	if (x->n == 0)
		return;
	s = x->a[0].val;
	/* before 8.7 only the first active line was checked */
	if (x->v < V(8, 7) && x->c->in_block)
		return;
	if (s[0] != '/' && !eqi(s, "none"))
		setf(x, SL_RULE_BAD_VALUE, SL_SEV_ERROR, x->a[0].start,
		    x->a[0].end, "'%s' must be an absolute path or none%s",
		    x->kw->name, strchr(s, '#') != NULL ? " (the rest of the "
		    "line, comments included, is the command)" : "");
}

static void
check_versionaddendum(struct vctx *x)
{
	if (x->n > 0 && memchr(x->a[0].val, '\r', x->a[0].len) != NULL &&
	    !(x->v < V(8, 7) && x->c->in_block))
		setf(x, SL_RULE_BAD_VALUE, SL_SEV_ERROR, x->a[0].start,
		    x->a[0].end, "carriage return inside '%s' (Invalid %s "
		    "argument)", x->kw->name, x->kw->name);
}

/* parse_uri("ssh", ...) syntax as ProxyJump uses it: 1 not a URI,
 * 0 fine, -1 bad. */
static int
ssh_uri(const char *s, size_t len)
{
	char host[HOST_MAX + 2];
	const char *p, *end = s + len, *at, *semi, *h, *he, *q;
	size_t hl;

	if (len < 6 || memcmp(s, "ssh://", 6) != 0)
		return 1;
	p = s + 6;
	if ((at = memchr(p, '@', (size_t)(end - p))) != NULL) {
		semi = memchr(p, ';', (size_t)(at - p));
		if ((semi != NULL ? semi : at) == p)
			return -1;
		for (q = p; q < (semi != NULL ? semi : at); q++)
			if (*q == '%' && (q + 2 >= at || !is_xdigit(q[1]) ||
			    !is_xdigit(q[2])))
				return -1;
		p = at + 1;
	}
	/* hpdelim2: host, then ':' port or '/' path */
	h = p;
	if (*h == '[') {
		for (he = h; he < end && *he != ']'; he++)
			;
		if (he == end)
			return -1;
		he++;
	} else
		for (he = h; he < end && *he != ':' && *he != '/'; he++)
			;
	if (he < end && *he != ':' && *he != '/')
		return -1;
	if (he == h)
		return -1;
	hl = (size_t)(he - h);
	if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
		h++;
		hl -= 2;
	}
	if (hl >= sizeof(host))
		return -1;
	memcpy(host, h, hl);
	host[hl] = '\0';
	if (domain_why(host, V(9, 2)) != NULL)
		return -1;
	if (he == end || he + 1 == end)
		return 0;
	if (*he == '/')
		return -1;	/* a path is not allowed */
	p = he + 1;
	q = memchr(p, '/', (size_t)(end - p));
	{
		char port[32];
		size_t pl = (size_t)((q != NULL ? q : end) - p);

		if (pl >= sizeof(port))
			return -1;
		memcpy(port, p, pl);
		port[pl] = '\0';
		if (a2port(port) <= 0)
			return -1;
	}
	if (q != NULL && q + 1 < end)
		return -1;	/* path */
	return 0;
}

/* parse_user_host_port() */
static bool
user_host_port(const char *s, size_t len)
{
	char buf[1024];
	const char *at, *port, *h;
	size_t i, hl;

	if (len >= sizeof(buf))
		return true;	/* too long to bother; OpenSSH copes */
	memcpy(buf, s, len);
	buf[len] = '\0';
	at = NULL;
	for (i = 0; i < len; i++)
		if (buf[i] == '@')
			at = buf + i;
	h = buf;
	if (at != NULL) {
		if (at == buf)
			return false;
		h = at + 1;
	}
	if (!hpdelim(h, &hl, &port) || hl == 0)
		return false;
	return port == NULL || *port == '\0' || a2port(port) > 0;
}

static void
check_proxyjump(struct vctx *x)
{
	const char *s, *e, *hash, *el;
	size_t len, n;
	int r;

	if (x->n == 0)
		return;
	s = x->a[0].val;
	if (eqi(s, "none"))
		return;
	len = x->a[0].len;
	if (x->v >= V(8, 7)) {
		/* the comment and trailing blanks are cut (8.7) */
		if ((hash = memchr(s, '#', len)) != NULL)
			len = (size_t)(hash - s);
		if (x->v < V(10, 3)) {
			/* rtrim() cut at every blank but the first char */
			for (n = 1; n < len && !is_space((unsigned char)s[n]);
			    n++)
				;
			if (n < len)
				len = n;
		}
		while (len > 0 && is_space((unsigned char)s[len - 1]))
			len--;
	}
	e = s + len;
	for (;;) {
		/* elements are taken from the end, split at ',' */
		for (el = e; el > s && el[-1] != ','; el--)
			;
		n = (size_t)(e - el);
		r = ssh_uri(el, n);
		if (r == -1 || (r == 1 && !user_host_port(el, n))) {
			setf(x, SL_RULE_BAD_VALUE, SL_SEV_ERROR, x->a[0].start,
			    x->a[0].end, "bad value for '%s': expected none "
			    "or a comma-separated list of [user@]host[:port] "
			    "or ssh://[user@]host[:port] (Invalid ProxyJump)",
			    x->kw->name);
			return;
		}
		if (el == s)
			break;
		e = el - 1;
	}
}

static void
check_obscure(struct vctx *x)
{
	const char *s;
	char vb[SHOWLEN + 8];
	int val = 0;

	if (x->n == 0) {
		missing(x, "argument");
		return;
	}
	s = x->a[0].val;
	if (!in_enum(s, e_flag, false)) {
		if (strncmp(s, "interval:", 9) != 0)
			bad(x, 0, "bad value '%s' for '%s': expected yes, no "
			    "or interval:milliseconds",
			    show(vb, sizeof(vb), s, x->a[0].len), x->kw->name);
		else if (atoi_why(s + 9, &val) != NULL || val <= 0 ||
		    val > 1000)
			bad(x, 0, "bad interval '%s' for '%s': expected 1 to "
			    "1000 milliseconds", show(vb, sizeof(vb), s,
			    x->a[0].len), x->kw->name);
	}
	if (x->n > 1)
		setf(x, SL_RULE_EXTRA_ARGUMENTS, SL_SEV_ERROR, x->a[1].start,
		    x->a[x->n - 1].end, "too many arguments for '%s' "
		    "(invalid arguments)", x->kw->name);
}

static void
check_penalties(struct vctx *x)
{
	static const char *const timed[] = {
		"crash:", "authfail:", "invaliduser:", "noauth:",
		"grace-exceeded:", "refuseconnection:", "max:", "min:", NULL
	};
	static const char *const fixed[] = {
		"overflow:deny-all", "overflow:permissive",
		"overflow6:deny-all", "overflow6:permissive", NULL
	};
	const char *s;
	char vb[SHOWLEN + 8];
	size_t i, j, l;
	bool ok;

	for (i = 0; i < x->n && !failed(x); i++) {
		s = x->a[i].val;
		if (eqi(s, "yes") || eqi(s, "no")) {
			if (i + 1 < x->n)
				bad(x, i, "'%s' must appear alone in '%s'",
				    s, x->kw->name);
			continue;
		}
		ok = in_enum(s, fixed, false);
		for (j = 0; !ok && timed[j] != NULL; j++) {
			l = strlen(timed[j]);
			if (strncmp(s, timed[j], l) == 0) {
				ok = true;
				if (conv_time(s + l, x->v) < 0)
					bad(x, i, "bad time in '%s' for '%s'",
					    show(vb, sizeof(vb), s,
					    x->a[i].len), x->kw->name);
			}
		}
		if (!ok && (strncmp(s, "max-sources4:", 13) == 0 ||
		    strncmp(s, "max-sources6:", 13) == 0)) {
			ok = true;
			if (atoi_why(s + 13, NULL) != NULL)
				bad(x, i, "bad number in '%s' for '%s'",
				    show(vb, sizeof(vb), s, x->a[i].len),
				    x->kw->name);
		}
		if (!ok)
			bad(x, i, "unknown '%s' clause '%s'", x->kw->name,
			    show(vb, sizeof(vb), s, x->a[i].len));
	}
}

static void
check_addrlist(struct vctx *x)
{
	char vb[SHOWLEN + 8];

	if (!need(x, 0, "argument"))
		return;
	if (sl_addr_match_list(NULL, x->a[0].val) != 0)
		bad(x, 0, "bad address list '%s' for '%s' (invalid address "
		    "argument)", show(vb, sizeof(vb), x->a[0].val,
		    x->a[0].len), x->kw->name);
	extra(x, 1);
}

static void
check_loglevel(struct vctx *x)
{
	char vb[SHOWLEN + 8];

	if (x->n == 0) {
		missing(x, "log level");
		return;
	}
	if (!in_enum(x->a[0].val, e_level, true) &&
	    !(x->c->debian && eqi(x->a[0].val, "SILENT"))) {
		if (x->a[0].len == 0)
			empty_arg(x, 0, "unsupported log level");
		else
			bad(x, 0, "bad log level '%s' for '%s': expected "
			    "QUIET, FATAL, ERROR, INFO, VERBOSE, DEBUG, "
			    "DEBUG1, DEBUG2 or DEBUG3",
			    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
			    x->kw->name);
	}
	extra(x, 1);
}

static void
check_facility(struct vctx *x)
{
	char vb[SHOWLEN + 8];

	if (x->n == 0) {
		missing(x, "log facility");
		return;
	}
	if (!in_enum(x->a[0].val, e_facility, true)) {
		if (x->a[0].len == 0)
			empty_arg(x, 0, "unsupported log facility");
		else
			bad(x, 0, "bad log facility '%s' for '%s': expected "
			    "DAEMON, USER, AUTH, AUTHPRIV or LOCAL0 to LOCAL7",
			    show(vb, sizeof(vb), x->a[0].val, x->a[0].len),
			    x->kw->name);
	}
	extra(x, 1);
}

/* ------------------------------------------------------------------ */
/* one release */

static void
check_at(struct vctx *x)
{
	const struct sl_check *c = x->c;

	switch (x->kw->vtype) {
	case SL_VT_FLAG:
		check_enum(x, e_flag, true, "yes or no", "unsupported option");
		break;
	case SL_VT_FLAG_SSHD:
		check_flag_sshd(x);
		break;
	case SL_VT_YESNOASK:
		check_enum(x, e_yesnoask, true, "yes, no or ask",
		    "unsupported option");
		break;
	case SL_VT_STRICTHOSTKEY:
		check_enum(x, e_strict, true, "yes, no, ask, accept-new or off",
		    "unsupported option");
		break;
	case SL_VT_ADDKEYSTOAGENT:
		check_addkeys(x);
		break;
	case SL_VT_ADDRFAMILY:
		check_enum(x, e_af, true, "any, inet or inet6",
		    "unsupported option");
		break;
	case SL_VT_CONTROLMASTER:
		check_enum(x, e_cm, true, "yes, no, ask, auto or autoask",
		    "unsupported option");
		break;
	case SL_VT_TUNNEL:
		check_enum(x, e_tunnel, true,
		    "yes, no, point-to-point or ethernet",
		    "unsupported option");
		break;
	case SL_VT_REQUESTTTY:
		check_enum(x, e_tty, true, "yes, no, force or auto",
		    "unsupported option");
		break;
	case SL_VT_SESSIONTYPE:
		check_enum(x, e_session, true, "none, subsystem or default",
		    "unsupported option");
		break;
	case SL_VT_CANONHOST:
		check_enum(x, e_canon, true, "yes, no or always",
		    "unsupported option");
		break;
	case SL_VT_PUBKEYAUTH:
		if (x->v >= V(8, 9))
			check_enum(x, e_pubkey, true,
			    "yes, no, unbound or host-bound",
			    "unsupported option");
		else
			check_enum(x, e_flag, true, "yes or no",
			    "unsupported option");
		break;
	case SL_VT_COMPRESSION_SSH:
		if (x->v >= V(8, 2))
			check_enum(x, e_comp_ssh, true, "yes or no",
			    "unsupported option");
		else
			check_enum(x, e_flag, true, "yes or no",
			    "unsupported option");
		break;
	case SL_VT_COMPRESSION_SSHD:
		check_enum(x, e_comp_sshd, true, "yes, delayed or no",
		    "unsupported option");
		break;
	case SL_VT_CONTROLPERSIST:
		check_controlpersist(x);
		break;
	case SL_VT_WARNWEAKCRYPTO:
		check_enum(x, e_weak, true, "yes, no or no-pq-kex",
		    "unsupported option");
		break;
	case SL_VT_OBSCUREKEYSTROKE:
		check_obscure(x);
		break;
	case SL_VT_PERMITROOTLOGIN:
		check_enum(x, e_root, true,
		    "yes, no, prohibit-password or forced-commands-only",
		    "unsupported option");
		break;
	case SL_VT_IGNORERHOSTS:
		if (x->v >= V(8, 3))
			check_enum(x, e_rhosts, true, "yes, no or shosts-only",
			    "unsupported option");
		else
			check_flag_sshd(x);
		break;
	case SL_VT_GATEWAYPORTS:
		check_enum(x, e_gw, true, "yes, no or clientspecified",
		    "unsupported option");
		break;
	case SL_VT_TCPFWD:
		check_enum(x, e_fwd, true, "yes, no, all, local or remote",
		    "unsupported option");
		break;
	case SL_VT_PERMITTUNNEL:
		check_enum(x, e_tun_sshd, false,
		    "yes, no, point-to-point or ethernet, in lower case",
		    "bad PermitTunnel argument");
		break;
	case SL_VT_PERMITUSERENV:
		check_string(x);
		break;
	case SL_VT_FINGERPRINTHASH:
		check_enum(x, e_hash, true, "md5 or sha256",
		    "Invalid hash algorithm");
		break;
	case SL_VT_LOGLEVEL:
		check_loglevel(x);
		break;
	case SL_VT_FACILITY:
		check_facility(x);
		break;
	case SL_VT_TIME:
		check_time(x, false);
		break;
	case SL_VT_TIME_NONE:
		check_time(x, true);
		break;
	case SL_VT_INT:
		check_int(x, false);
		break;
	case SL_VT_INT_NONE:
		check_int(x, true);
		break;
	case SL_VT_PORT:
		check_port(x);
		break;
	case SL_VT_STRING:
	case SL_VT_PATH:
		check_string(x);
		break;
	case SL_VT_STRLIST_NONE:
		check_list_none(x, true);
		break;
	case SL_VT_REVOKEDKEYS:
		if (x->v >= V(10, 3))
			check_list_none(x, true);
		else
			check_string(x);
		break;
	case SL_VT_AUTHKEYSFILE:
		check_list_none(x, x->v >= V(10, 3));
		break;
	case SL_VT_CANONDOMAINS:
		check_canon_domains(x);
		break;
	case SL_VT_PERMITTEDCNAMES:
		check_cnames(x);
		break;
	case SL_VT_IPQOS:
		check_ipqos(x);
		break;
	case SL_VT_REKEYLIMIT:
		check_rekeylimit(x);
		break;
	case SL_VT_ESCAPECHAR:
		check_escapechar(x);
		break;
	case SL_VT_TUNNELDEVICE:
		check_tunneldevice(x);
		break;
	case SL_VT_FORWARD_LOCAL:
		check_forward(x, false, false);
		break;
	case SL_VT_FORWARD_REMOTE:
		check_forward(x, false, true);
		break;
	case SL_VT_FORWARD_DYNAMIC:
		check_forward(x, true, false);
		break;
	case SL_VT_PERMITREMOTEOPEN:
		check_permitremoteopen(x);
		break;
	case SL_VT_SENDENV:
		check_sendenv(x, false);
		break;
	case SL_VT_ACCEPTENV:
		check_sendenv(x, true);
		break;
	case SL_VT_SETENV:
		check_setenv(x);
		break;
	case SL_VT_FORWARDAGENT:
		check_forwardagent(x);
		break;
	case SL_VT_IDENTITYAGENT:
		check_identityagent(x);
		break;
	case SL_VT_OCTALMASK:
		check_octal(x);
		break;
	case SL_VT_PROXYJUMP:
		check_proxyjump(x);
		break;
	case SL_VT_VERSIONADDENDUM:
		check_versionaddendum(x);
		break;
	case SL_VT_AUTHCOMMAND:
		check_authcommand(x);
		break;
	case SL_VT_CHANNELTIMEOUT:
		check_channeltimeout(x);
		break;
	case SL_VT_LISTENADDRESS:
		check_listenaddress(x);
		break;
	case SL_VT_SUBSYSTEM:
		check_subsystem(x);
		break;
	case SL_VT_MAXSTARTUPS:
		check_maxstartups(x);
		break;
	case SL_VT_NETBLOCKSIZE:
		check_netblock(x);
		break;
	case SL_VT_USERS:
		check_users(x);
		break;
	case SL_VT_GROUPS:
		check_groups(x);
		break;
	case SL_VT_AUTHMETHODS:
		check_authmethods(x);
		break;
	case SL_VT_PUBKEYAUTHOPTIONS:
		check_pubkeyauthoptions(x);
		break;
	case SL_VT_PERMITOPEN:
		check_permitopen(x, false);
		break;
	case SL_VT_PERMITLISTEN:
		check_permitopen(x, true);
		break;
	case SL_VT_RDOMAIN:
		/* servconf.c refuses the keyword outright off OpenBSD */
		setf(x, SL_RULE_BAD_VALUE, SL_SEV_ERROR, c->kw_start,
		    last_end(x), "'%s' is not supported on this platform "
		    "(setting RDomain not supported on this platform)",
		    x->kw->name);
		break;
	case SL_VT_PENALTIES:
		check_penalties(x);
		break;
	case SL_VT_ADDRLIST:
		check_addrlist(x);
		break;
	case SL_VT_COMMAND:
		if (x->n > 0 && !eqi(x->a[0].val, "none")) {
			check_tokens(x, 0, option_keys(x));
			warn_tokens(x, 0);
		}
		break;
	case SL_VT_NONE:
	case SL_VT_HOST:
	case SL_VT_MATCH:
	case SL_VT_INCLUDE:
	default:
		break;
	}
}

/* ------------------------------------------------------------------ */
/* release ranges in messages */

static void
vfmt(char *buf, size_t sz, int v)
{
	snprintf(buf, sz, "%d.%d", v / 100, v % 100);
}

/*
 * Append " (OpenSSH A to B, C)" naming the ranges [lo[i], hi[i]] to a
 * message.
 */
static void
append_ranges(char *msg, size_t sz, const int *lo, const int *hi,
    size_t n)
{
	char a[16], b[16];
	size_t i, len;

	len = strlen(msg);
	snprintf(msg + len, sz - len, " (OpenSSH ");
	for (i = 0; i < n; i++) {
		len = strlen(msg);
		vfmt(a, sizeof(a), lo[i]);
		vfmt(b, sizeof(b), hi[i]);
		if (lo[i] == hi[i])
			snprintf(msg + len, sz - len, "%s%s", i ? ", " : "", a);
		else
			snprintf(msg + len, sz - len, "%s%s to %s",
			    i ? ", " : "", a, b);
	}
	len = strlen(msg);
	snprintf(msg + len, sz - len, ")");
}

/* Last known release <= v, from the algorithm tables' release list. */
static int
release_floor(int v)
{
	const int *r;
	size_t n, i;
	int best = v;

	r = sl_algo_releases(&n);
	for (i = 0; i < n && r[i] <= v; i++)
		best = r[i];
	return best;
}

/* Last known release < v. */
static int
release_before(int v)
{
	const int *r;
	size_t n, i;
	int best = v - 1;

	r = sl_algo_releases(&n);
	for (i = 0; i < n && r[i] < v; i++)
		best = r[i];
	return best;
}

static int
emit(const struct sl_check *c, const struct finding *f)
{
	return sl_diag_add_sev(c->diags, (enum sl_rule)f->rule, f->sev,
	    c->source_id, f->start, f->end, "%s", f->msg);
}

static bool
same_finding(const struct finding *a, const struct finding *b)
{
	return a->rule == b->rule && a->sev == b->sev &&
	    a->start == b->start && a->end == b->end &&
	    strcmp(a->msg, b->msg) == 0;
}

/* ------------------------------------------------------------------ */
/* algorithm lists */

enum alist { AL_CIPHER, AL_MAC, AL_KEX, AL_KEY, AL_CASIG, AL_GSS };

static const char *
alist_noun(enum alist k)
{
	switch (k) {
	case AL_CIPHER:
		return "cipher";
	case AL_MAC:
		return "MAC";
	case AL_KEX:
	case AL_GSS:
		return "key exchange algorithm";
	default:
		return "key algorithm";
	}
}

static const char *
alist_ossh(enum alist k)
{
	switch (k) {
	case AL_CIPHER:
		return "Bad SSH2 cipher spec";
	case AL_MAC:
		return "Bad SSH2 MAC spec";
	case AL_KEX:
	case AL_GSS:
		return "Unsupported KEX algorithm";
	default:
		return "Bad key types";
	}
}

static bool
namelist_has(const struct sl_namelist *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->names[i]) == len &&
		    memcmp(l->names[i], s, len) == 0)
			return true;
	return false;
}

static struct sl_namelist
gss_names(int v)
{
	struct sl_namelist l;

	l = sl_algo_supported(v, SL_AK_GSS_KEX, true);
	if (l.n == 0)
		l = sl_algo_supported(V(9, 2), SL_AK_GSS_KEX, true);
	return l;
}

/* A Debian GSSAPI kex name: one of the prefixes, then anything. */
static bool
gss_prefix(int v, const char *s, size_t len)
{
	struct sl_namelist l = gss_names(v);
	size_t i, pl;

	for (i = 0; i < l.n; i++) {
		pl = strlen(l.names[i]);
		if (len >= pl && memcmp(s, l.names[i], pl) == 0)
			return true;
	}
	return false;
}

/* Shortnames sshkey_type_from_name() accepts for plain key types. */
static bool
key_shortname(int v, const char *s, size_t len)
{
	static const struct {
		const char *shortname, *needs;
	} sn[] = {
		{ "RSA", "ssh-rsa" },
		{ "DSA", "ssh-dss" },
		{ "ECDSA", "ecdsa-sha2-nistp256" },
		{ "ED25519", "ssh-ed25519" },
		{ "ECDSA-SK", "sk-ecdsa-sha2-nistp256@openssh.com" },
		{ "ED25519-SK", "sk-ssh-ed25519@openssh.com" },
		{ "XMSS", "ssh-xmss@openssh.com" },
	};
	struct sl_namelist plain;
	char buf[16];
	size_t i;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	plain = sl_algo_supported(v, SL_AK_KEY_PLAIN, false);
	for (i = 0; i < sizeof(sn) / sizeof(sn[0]); i++)
		if (eqi(buf, sn[i].shortname) &&
		    namelist_has(&plain, sn[i].needs, strlen(sn[i].needs)))
			return true;
	return false;
}

/* Does pattern s (no '!') match a name of the list? */
static bool
pattern_hits(const struct sl_namelist *l, const char *s, size_t len)
{
	char buf[1024];
	size_t i;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (i = 0; i < l->n; i++)
		if (sl_match_pattern(l->names[i], buf))
			return true;
	return false;
}

/* Is element s of a list valid at parse time in release v? */
static bool
elem_ok(enum alist k, int v, bool debian, const char *s, size_t len)
{
	struct sl_namelist l;

	switch (k) {
	case AL_CIPHER:
		l = sl_algo_supported(v, SL_AK_CIPHER, debian);
		return namelist_has(&l, s, len);
	case AL_MAC:
		l = sl_algo_supported(v, SL_AK_MAC, debian);
		return namelist_has(&l, s, len);
	case AL_KEX:
		l = sl_algo_supported(v, SL_AK_KEX, debian);
		return namelist_has(&l, s, len) ||
		    (debian && gss_prefix(v, s, len));
	case AL_GSS:
		return gss_prefix(v, s, len);
	case AL_KEY:
	case AL_CASIG:
		l = sl_algo_supported(v, SL_AK_KEY_SIG, debian);
		if (namelist_has(&l, s, len)) {
			if (k == AL_CASIG && v >= V(9, 4)) {
				l = sl_algo_supported(v, SL_AK_SIG, debian);
				return namelist_has(&l, s, len);
			}
			return true;
		}
		if (key_shortname(v, s, len))
			return true;
		if (len > 0 && s[0] == '!') {
			s++;
			len--;
		}
		return pattern_hits(&l, s, len);
	}
	return false;
}

/* Names assemble_algorithms() matches an explicit list against. */
static struct sl_namelist
assembly_all(enum alist k, int v, bool debian)
{
	switch (k) {
	case AL_CIPHER:
		return sl_algo_supported(v, SL_AK_CIPHER, debian);
	case AL_MAC:
		return sl_algo_supported(v, SL_AK_MAC, debian);
	case AL_KEX:
		return sl_algo_supported(v, SL_AK_KEX, debian);
	case AL_CASIG:
		return sl_algo_supported(v, SL_AK_SIG, debian);
	default:
		return sl_algo_supported(v, SL_AK_KEY_SIG, debian);
	}
}

/*
 * kex_assemble_names() of release v: 0 fine, 1 a '!' entry, 2 nothing
 * selected.
 */
static int
assembly_fails(enum alist k, int v, bool debian, const char *list,
    size_t *bad_off, size_t *bad_len)
{
	struct sl_namelist all;
	const char *p, *e, *body = list;
	size_t n;
	bool hit = false, plus = *list == '+';

	if (*list == '-')
		return 0;
	if (*list == '+' || *list == '^')
		body++;
	all = assembly_all(k, v, debian);
	for (p = body;; p = e + 1) {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		/* '+' appends names only up to the first empty one */
		if (plus && n == 0)
			break;
		if (n > 0 && *p == '!') {
			*bad_off = (size_t)(p - list);
			*bad_len = n;
			return 1;
		}
		if (n > 0 && pattern_hits(&all, p, n))
			hit = true;
		if (e == NULL)
			break;
	}
	if (*list == '+' || *list == '^')
		return 0;	/* the defaults are still there */
	return hit ? 0 : 2;
}

/* Format the releases of r[] whose bit is set as ranges. */
static void
mask_ranges(const int *r, size_t nr, const bool *mask, int *lo, int *hi,
    size_t *nout)
{
	size_t i, n = 0;

	for (i = 0; i < nr; i++) {
		if (!mask[i])
			continue;
		if (n > 0 && i > 0 && mask[i - 1] && hi[n - 1] == r[i - 1]) {
			hi[n - 1] = r[i];
			continue;
		}
		if (n == MAXRANGES)
			break;
		lo[n] = hi[n] = r[i];
		n++;
	}
	*nout = n;
}

struct arange {
	const int *rel;		/* releases in range */
	size_t nrel;
};

static void
targeted(int lo, int hi, struct arange *ar)
{
	const int *r;
	size_t n, i, first;

	r = sl_algo_releases(&n);
	lo = release_floor(lo);
	for (i = 0; i < n && r[i] < lo; i++)
		;
	first = i;
	for (; i < n && r[i] <= hi; i++)
		;
	ar->rel = r + first;
	ar->nrel = i > first ? i - first : 0;
	if (ar->nrel == 0 && first > 0) {
		ar->rel = r + first - 1;
		ar->nrel = 1;
	}
}

static enum sl_algo_kind
alist_kind(enum alist k)
{
	switch (k) {
	case AL_CIPHER:
		return SL_AK_CIPHER;
	case AL_MAC:
		return SL_AK_MAC;
	case AL_KEX:
		return SL_AK_KEX;
	case AL_GSS:
		return SL_AK_GSS_KEX;
	default:
		return SL_AK_KEY_SIG;
	}
}

/* A supported name equal to s but for case, for a hint. */
static const char *
case_twin(enum alist k, int v, bool debian, const char *s, size_t len)
{
	struct sl_namelist l = sl_algo_supported(v, alist_kind(k), debian);
	size_t i, j;

	for (i = 0; i < l.n; i++) {
		if (strlen(l.names[i]) != len)
			continue;
		for (j = 0; j < len && lc((unsigned char)s[j]) ==
		    lc((unsigned char)l.names[i][j]); j++)
			;
		if (j == len)
			return l.names[i];
	}
	return NULL;
}

/* Report element [p, p+n) that no targeted release accepts. */
static int
unknown_elem(const struct sl_check *c, const struct sl_keyword *kw,
    enum alist k, const struct arange *ar, const char *p, size_t n,
    uint32_t s0, uint32_t s1)
{
	struct sl_namelist sig;
	char vb[SHOWLEN + 8], name[256], fb[16], lb[16], why[MSGLEN];
	const char *twin;
	int first, last;
	bool pattern, known = false;

	show(vb, sizeof(vb), p, n);
	pattern = memchr(p, '*', n) != NULL || memchr(p, '?', n) != NULL ||
	    (n > 0 && *p == '!');
	if (n < sizeof(name)) {
		memcpy(name, p, n);
		name[n] = '\0';
		known = !pattern && sl_algo_lifetime(alist_kind(k), name,
		    &first, &last);
	}
	twin = pattern ? NULL : case_twin(k, ar->rel[ar->nrel - 1],
	    c->debian, p, n);
	sig = sl_algo_supported(ar->rel[ar->nrel - 1], SL_AK_SIG, c->debian);
	if (k == AL_CASIG && known && !namelist_has(&sig, p, n) &&
	    ar->rel[0] >= V(9, 4))
		snprintf(why, sizeof(why), "certificate type '%s' not allowed "
		    "in '%s' since OpenSSH 9.4", vb, kw->name);
	else if (pattern && (k == AL_KEY || k == AL_CASIG))
		snprintf(why, sizeof(why), "pattern '%s' in '%s' matches no "
		    "key algorithm", vb, kw->name);
	else if (pattern)
		snprintf(why, sizeof(why), "pattern '%s' not allowed in '%s': "
		    "it takes exact names only", vb, kw->name);
	else if (twin != NULL)
		snprintf(why, sizeof(why), "unknown %s '%s' in '%s': names are "
		    "case-sensitive, did you mean '%s'?", alist_noun(k), vb,
		    kw->name, twin);
	else if (known) {
		vfmt(fb, sizeof(fb), first);
		vfmt(lb, sizeof(lb), last);
		snprintf(why, sizeof(why), "unsupported %s '%s' in '%s': only "
		    "OpenSSH %s to %s know it", alist_noun(k), vb, kw->name,
		    fb, lb);
	} else
		snprintf(why, sizeof(why), "unknown %s '%s' in '%s'",
		    alist_noun(k), vb, kw->name);
	return sl_diag_add(c->diags, SL_RULE_UNKNOWN_ALGORITHM, c->source_id,
	    s0, s1, "%s (%s)", why, alist_ossh(k));
}

static int
check_algos(const struct sl_check *c, const struct sl_keyword *kw,
    const struct sl_arg *args, size_t nargs, int lo, int hi, int eff)
{
	struct finding f;
	struct vctx x;
	struct arange ar;
	enum alist k;
	enum sl_severity sev;
	const char *list, *p, *e;
	char vb[SHOWLEN + 8];
	bool bad_at[64], fatal_at[64], any_bad = false, all_bad, exact;
	bool some_fatal, all_fatal;
	int rlo[MAXRANGES], rhi[MAXRANGES], fail, fail1 = 0;
	size_t i, n, nr, off = 0, blen = 0, base, first_bad = 0;
	uint32_t s0, s1;

	switch (kw->vtype) {
	case SL_VT_ALGOS_CIPHER:
		k = AL_CIPHER;
		break;
	case SL_VT_ALGOS_MAC:
		k = AL_MAC;
		break;
	case SL_VT_ALGOS_KEX:
		k = AL_KEX;
		break;
	case SL_VT_ALGOS_CASIG:
		k = AL_CASIG;
		break;
	case SL_VT_GSS_KEX:
		k = AL_GSS;
		break;
	default:
		k = AL_KEY;
		break;
	}
	memset(&f, 0, sizeof(f));
	f.rule = -1;
	x.c = c;
	x.kw = kw;
	x.a = args;
	x.n = nargs;
	x.v = hi;
	x.f = &f;
	x.eff = eff;
	if (!need(&x, 0, "algorithm list"))
		return emit(c, &f) != 0 ? SL_ENOMEM : 0;
	list = args[0].val;
	/* the raw token is the cooked one when no quote or escape shrank it */
	exact = args[0].end - args[0].start == args[0].len;
	targeted(lo, hi, &ar);
	if (ar.nrel > sizeof(bad_at) / sizeof(bad_at[0]))
		ar.nrel = sizeof(bad_at) / sizeof(bad_at[0]);
	if (ar.nrel == 0)
		goto extra_args;

	/* '-' lists are not validated at all */
	if (k != AL_GSS && *list == '-')
		goto extra_args;
	base = k != AL_GSS && (*list == '+' || *list == '^') ? 1 : 0;
	if (list[base] == '\0') {
		badv(&x, 0, "the list after the prefix is empty");
		if (emit(c, &f) != 0)
			return SL_ENOMEM;
		return 0;
	}
	/* parse-time validation stops at the first empty element */
	for (p = list + base; *p != '\0' && *p != ','; p = e + 1) {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		all_bad = true;
		for (i = 0; i < ar.nrel; i++) {
			bad_at[i] = !elem_ok(k, ar.rel[i], c->debian, p, n);
			all_bad = all_bad && bad_at[i];
		}
		for (i = 0; i < ar.nrel && !bad_at[i]; i++)
			;
		if (i < ar.nrel) {
			any_bad = true;
			off = (size_t)(p - list);
			s0 = exact ? args[0].start + (uint32_t)off :
			    args[0].start;
			s1 = exact ? s0 + (uint32_t)n : args[0].end;
			if (all_bad) {
				if (unknown_elem(c, kw, k, &ar, p, n, s0,
				    s1) != 0)
					return SL_ENOMEM;
			} else {
				mask_ranges(ar.rel, ar.nrel, bad_at, rlo, rhi,
				    &nr);
				snprintf(f.msg, sizeof(f.msg), "unsupported %s "
				    "'%s' in '%s' for part of the targeted "
				    "releases", alist_noun(k),
				    show(vb, sizeof(vb), p, n), kw->name);
				append_ranges(f.msg, sizeof(f.msg), rlo, rhi,
				    nr);
				if (sl_diag_add(c->diags,
				    SL_RULE_ALGORITHM_NOT_IN_RANGE,
				    c->source_id, s0, s1, "%s", f.msg) != 0)
					return SL_ENOMEM;
			}
		}
		if (e == NULL)
			break;
	}
	if (any_bad || k == AL_GSS)
		goto extra_args;

	/* kex_assemble_names(): the list must still select something */
	some_fatal = false;
	all_fatal = true;
	for (i = 0; i < ar.nrel; i++) {
		fail = assembly_fails(k, ar.rel[i], c->debian, list, &off,
		    &blen);
		bad_at[i] = fail != 0;
		/* ssh before 10.4 only logs; HostKeyAlgorithms is fatal */
		fatal_at[i] = bad_at[i] && (c->dialect == SL_DIALECT_SSHD ||
		    kw->opt == SL_OPT_SSH_HOSTKEYALGORITHMS ||
		    ar.rel[i] >= V(10, 4));
		if (bad_at[i] && fail1 == 0) {
			fail1 = fail;
			first_bad = off;
		}
		if (fatal_at[i])
			some_fatal = true;
		if (bad_at[i] && !fatal_at[i])
			all_fatal = false;
	}
	/* only the value in use is assembled */
	if (fail1 == 0 || eff == EFF_NEVER)
		goto extra_args;
	if (fail1 == 1) {
		e = strchr(list + first_bad, ',');
		blen = e != NULL ? (size_t)(e - list - first_bad) :
		    strlen(list + first_bad);
		snprintf(f.msg, sizeof(f.msg), "negated name '%s' in '%s': "
		    "'!' only works in a list that starts with '-' (invalid "
		    "argument)", show(vb, sizeof(vb), list + first_bad, blen),
		    kw->name);
	} else
		snprintf(f.msg, sizeof(f.msg), "'%s' selects no %s that the "
		    "targeted OpenSSH supports (invalid argument)", kw->name,
		    alist_noun(k));
	sev = some_fatal && eff == EFF_YES ? SL_SEV_ERROR : SL_SEV_WARNING;
	if (some_fatal && eff != EFF_YES)
		snprintf(f.msg + strlen(f.msg), sizeof(f.msg) -
		    strlen(f.msg), "; fatal where the line applies");
	else if (!some_fatal)
		snprintf(f.msg + strlen(f.msg), sizeof(f.msg) -
		    strlen(f.msg), "; ssh ignores the line and the rest of "
		    "its defaults");
	if (some_fatal && !all_fatal && eff == EFF_YES) {
		mask_ranges(ar.rel, ar.nrel, fatal_at, rlo, rhi, &nr);
		snprintf(f.msg + strlen(f.msg), sizeof(f.msg) -
		    strlen(f.msg), "; fatal in");
		append_ranges(f.msg, sizeof(f.msg), rlo, rhi, nr);
	} else {
		for (i = 0; i < ar.nrel && bad_at[i]; i++)
			;
		if (i < ar.nrel) {
			mask_ranges(ar.rel, ar.nrel, bad_at, rlo, rhi, &nr);
			append_ranges(f.msg, sizeof(f.msg), rlo, rhi, nr);
		}
	}
	if (sl_diag_add_sev(c->diags, fail1 == 2 ?
	    SL_RULE_UNKNOWN_ALGORITHM : SL_RULE_BAD_VALUE, sev, c->source_id,
	    args[0].start, args[0].end, "%s", f.msg) != 0)
		return SL_ENOMEM;

 extra_args:
	f.rule = -1;
	extra(&x, 1);
	if (f.rule >= 0 && emit(c, &f) != 0)
		return SL_ENOMEM;
	return 0;
}

/* ------------------------------------------------------------------ */
/* state */

struct sl_check_state *
sl_check_state_new(void)
{
	struct sl_check_state *st;
	size_t i;

	if ((st = sl_calloc(1, sizeof(*st))) == NULL)
		return NULL;
	for (i = 0; i < sizeof(st->flag) / sizeof(st->flag[0]); i++)
		st->flag[i] = -1;
	return st;
}

void
sl_check_state_free(struct sl_check_state *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->nsubsys; i++)
		sl_free(st->subsys[i]);
	sl_free(st->subsys);
	sl_free(st->am_lists);
	sl_free(st);
}

static int
state_add_subsys(struct sl_check_state *st, const char *name)
{
	if (subsys_defined(st, name))
		return 0;
	if (sl_grow(&st->subsys, &st->capsubsys, st->nsubsys,
	    sizeof(*st->subsys), 8))
		return SL_ENOMEM;
	if ((st->subsys[st->nsubsys] = sl_strdup(name)) == NULL)
		return SL_ENOMEM;
	st->nsubsys++;
	return 0;
}

/* Remember what later lines and sl_check_finish() need. */
static int
state_update(const struct sl_check *c, const struct sl_keyword *kw,
    const struct sl_arg *a, size_t n)
{
	struct sl_check_state *st = c->state;
	size_t i, len;
	int fi = -1;

	if (st == NULL || c->in_block || n == 0)
		return 0;
	if (kw->opt != SL_OPT_NONE)
		st->seen[kw->opt / 8] |= (unsigned char)(1u << (kw->opt % 8));
	if (c->dialect != SL_DIALECT_SSHD)
		return 0;
	switch (kw->opt) {
	case SL_OPT_SSHD_SUBSYSTEM:
		if (a[0].len > 0)
			return state_add_subsys(st, a[0].val);
		return 0;
	case SL_OPT_SSHD_AUTHENTICATIONMETHODS:
		if (st->authmeth)
			return 0;
		st->authmeth = true;
		for (len = 0, i = 0; i < n; i++)
			len += a[i].len + 1;
		if ((st->am_lists = sl_malloc(len + 1)) == NULL)
			return SL_ENOMEM;
		for (len = 0, i = 0; i < n; i++) {
			memcpy(st->am_lists + len, a[i].val, a[i].len + 1);
			len += a[i].len + 1;
		}
		st->am_len = len;
		st->am_source = c->source_id;
		st->am_start = c->kw_start;
		st->am_end = a[n - 1].end;
		return 0;
	case SL_OPT_SSHD_PUBKEYAUTHENTICATION:
		fi = AM_PUBKEY;
		break;
	case SL_OPT_SSHD_PASSWORDAUTHENTICATION:
		fi = AM_PASSWORD;
		break;
	case SL_OPT_SSHD_KBDINTERACTIVEAUTHENTICATION:
		fi = AM_KBDINT;
		break;
	case SL_OPT_SSHD_HOSTBASEDAUTHENTICATION:
		fi = AM_HOSTBASED;
		break;
	case SL_OPT_SSHD_GSSAPIAUTHENTICATION:
		fi = AM_GSSAPI;
		break;
	default:
		return 0;
	}
	if (st->flag[fi] == -1 && (eqi(a[0].val, "yes") ||
	    eqi(a[0].val, "no")))
		st->flag[fi] = eqi(a[0].val, "yes");
	return 0;
}

/* ------------------------------------------------------------------ */

/* Rows of the spelling of kw: [*first, *last] in the keyword table. */
static void
spelling_rows(const struct sl_keyword *kw, const struct sl_keyword **first,
    const struct sl_keyword **last)
{
	const struct sl_keyword *t;
	size_t n;

	t = sl_kw_table(&n);
	*first = *last = kw;
	if (kw < t || kw >= t + n)
		return;		/* not a table row: use it alone */
	while (*first > t && (*first - 1)->dialect == kw->dialect &&
	    eqi((*first - 1)->name, kw->name))
		(*first)--;
	while (*last + 1 < t + n && (*last + 1)->dialect == kw->dialect &&
	    eqi((*last + 1)->name, kw->name))
		(*last)++;
}

static bool
row_at(const struct sl_keyword *r, int v)
{
	return (r->since == 0 || v >= r->since) &&
	    (r->until == 0 || v < r->until);
}

/* The row of the spelling valid in release v, or NULL. */
static const struct sl_keyword *
row_for(const struct sl_keyword *first, const struct sl_keyword *last,
    const struct sl_keyword *kw, int v)
{
	const struct sl_keyword *r;

	if (first == last)
		return kw;
	for (r = first; r <= last; r++)
		if (row_at(r, v))
			return r;
	return NULL;
}

static bool
is_algo_vtype(enum sl_vtype t)
{
	return t == SL_VT_ALGOS_CIPHER || t == SL_VT_ALGOS_MAC ||
	    t == SL_VT_ALGOS_KEX || t == SL_VT_ALGOS_KEY ||
	    t == SL_VT_ALGOS_CASIG || t == SL_VT_GSS_KEX;
}

static void
add_point(int *pt, size_t *np, size_t max, int v, int lo, int hi)
{
	size_t i, j;

	if (v < lo || v > hi || *np >= max)
		return;
	for (i = 0; i < *np && pt[i] < v; i++)
		;
	if (i < *np && pt[i] == v)
		return;
	for (j = *np; j > i; j--)
		pt[j] = pt[j - 1];
	pt[i] = v;
	(*np)++;
}

/* Does the grammar of this row stay the same in every release? */
static bool
version_free(const struct sl_keyword *kw)
{
	switch (kw->vtype) {
	case SL_VT_FLAG:
	case SL_VT_FLAG_SSHD:
	case SL_VT_YESNOASK:
	case SL_VT_STRICTHOSTKEY:
	case SL_VT_ADDRFAMILY:
	case SL_VT_CONTROLMASTER:
	case SL_VT_TUNNEL:
	case SL_VT_REQUESTTTY:
	case SL_VT_SESSIONTYPE:
	case SL_VT_CANONHOST:
	case SL_VT_COMPRESSION_SSHD:
	case SL_VT_WARNWEAKCRYPTO:
	case SL_VT_PERMITROOTLOGIN:
	case SL_VT_GATEWAYPORTS:
	case SL_VT_TCPFWD:
	case SL_VT_PERMITTUNNEL:
	case SL_VT_PERMITUSERENV:
	case SL_VT_FINGERPRINTHASH:
	case SL_VT_LOGLEVEL:
	case SL_VT_FACILITY:
	case SL_VT_INT:
	case SL_VT_INT_NONE:
	case SL_VT_PORT:
	case SL_VT_ESCAPECHAR:
	case SL_VT_TUNNELDEVICE:
	case SL_VT_OCTALMASK:
	case SL_VT_SENDENV:
	case SL_VT_ACCEPTENV:
	case SL_VT_PERMITTEDCNAMES:
	case SL_VT_PERMITREMOTEOPEN:
	case SL_VT_PERMITOPEN:
	case SL_VT_PERMITLISTEN:
	case SL_VT_LISTENADDRESS:
	case SL_VT_MAXSTARTUPS:
	case SL_VT_NETBLOCKSIZE:
	case SL_VT_GROUPS:
	case SL_VT_PUBKEYAUTHOPTIONS:
	case SL_VT_RDOMAIN:
	case SL_VT_ADDRLIST:
	case SL_VT_NONE:
	case SL_VT_HOST:
	case SL_VT_MATCH:
	case SL_VT_INCLUDE:
		return true;
	case SL_VT_STRING:
	case SL_VT_PATH:
	case SL_VT_STRLIST_NONE:
		/* %-tokens of some ssh options depend on the release */
		return kw->dialect == SL_DIALECT_SSHD ||
		    (kw->opt != SL_OPT_SSH_HOSTNAME &&
		    kw->opt != SL_OPT_SSH_CONTROLPATH &&
		    kw->opt != SL_OPT_SSH_USERKNOWNHOSTSFILE &&
		    kw->opt != SL_OPT_SSH_IDENTITYFILE &&
		    kw->opt != SL_OPT_SSH_CERTIFICATEFILE);
	default:
		return false;
	}
}

#define MAXPOINTS	(sizeof(epochs) / sizeof(epochs[0]) + 16)

int
sl_check_directive(const struct sl_check *c, const struct sl_keyword *kw,
    const struct sl_arg *args, size_t nargs)
{
	struct finding f[MAXPOINTS];
	const struct sl_keyword *first, *last, *rows[MAXPOINTS], *r;
	int pt[MAXPOINTS], lo, hi, alo = 0, ahi = 0, end, eff;
	int rlo[MAXRANGES], rhi[MAXRANGES];
	struct vctx x;
	size_t np = 0, i, j, nr, ncov = 0, nsame;
	bool done[MAXPOINTS];

	if (c == NULL || kw == NULL || (nargs > 0 && args == NULL))
		return SL_EINVAL;
	if (c->in_block)
		eff = EFF_BLOCK;
	else if (kw->mult != SL_MULT_ACCUM && kw->opt != SL_OPT_NONE &&
	    c->state != NULL &&
	    (c->state->seen[kw->opt / 8] & (1u << (kw->opt % 8))) != 0)
		eff = EFF_NEVER;
	else
		eff = EFF_YES;
	lo = c->version_min;
	hi = c->version_max < lo ? lo : c->version_max;
	spelling_rows(kw, &first, &last);

	if (is_algo_vtype(kw->vtype)) {
		/* the releases in range where the keyword takes a list */
		for (r = first; r <= last; r++) {
			if (!is_algo_vtype(r->vtype))
				continue;
			end = r->until ? release_before(r->until) : hi;
			if (r->since > hi || end < lo)
				continue;
			if (alo == 0 || (r->since > lo ? r->since : lo) < alo)
				alo = r->since > lo ? r->since : lo;
			if (end > ahi)
				ahi = end > hi ? hi : end;
		}
		if (alo == 0) {
			alo = lo;
			ahi = hi;
		}
		if (check_algos(c, kw, args, nargs, alo, ahi, eff) != 0)
			return SL_ENOMEM;
		return state_update(c, kw, args, nargs);
	}

	/* evaluation points: range start, grammar epochs, row changes */
	add_point(pt, &np, MAXPOINTS, lo, lo, hi);
	for (r = first; r <= last; r++) {
		add_point(pt, &np, MAXPOINTS, r->since, lo, hi);
		add_point(pt, &np, MAXPOINTS, r->until, lo, hi);
	}
	for (r = first; r <= last; r++) {
		if (version_free(r) || !(r->until == 0 || r->until > lo) ||
		    r->since > hi)
			continue;
		for (i = 0; i < sizeof(epochs) / sizeof(epochs[0]); i++)
			add_point(pt, &np, MAXPOINTS, epochs[i], lo, hi);
		break;
	}
	for (i = 0; i < np; i++) {
		memset(&f[i], 0, sizeof(f[i]));
		f[i].rule = -1;
		done[i] = false;
		rows[i] = row_for(first, last, kw, pt[i]);
		if (rows[i] == NULL) {
			/* the parser reports the keyword */
			done[i] = true;
			continue;
		}
		ncov++;
		x.c = c;
		x.kw = rows[i];
		x.a = args;
		x.n = nargs;
		x.v = pt[i];
		x.f = &f[i];
		x.eff = eff;
		check_at(&x);
	}
	/* one report per distinct finding, naming releases if partial */
	for (i = 0; i < np; i++) {
		if (f[i].rule < 0 || done[i])
			continue;
		nr = 0;
		nsame = 0;
		for (j = i; j < np; j++) {
			if (done[j] || f[j].rule < 0 ||
			    !same_finding(&f[i], &f[j]))
				continue;
			done[j] = true;
			nsame++;
			end = j + 1 < np ? release_before(pt[j + 1]) : hi;
			if (nr > 0 && j > 0 && rows[j - 1] != NULL &&
			    f[j - 1].rule >= 0 && same_finding(&f[i],
			    &f[j - 1])) {
				rhi[nr - 1] = end;
				continue;
			}
			if (nr == MAXRANGES)
				continue;
			rlo[nr] = pt[j];
			rhi[nr] = end;
			nr++;
		}
		if (nsame < ncov)
			append_ranges(f[i].msg, sizeof(f[i].msg), rlo, rhi,
			    nr);
		if (emit(c, &f[i]) != 0)
			return SL_ENOMEM;
	}
	return state_update(c, kw, args, nargs);
}

/*
 * ---- Added by the values module (declared at the end of values.h) ----
 */
int
sl_check_finish(const struct sl_check *c)
{
	const struct sl_check_state *st;
	const char *p, *e, *m;
	size_t n, i;
	int on[AM__COUNT];
	bool list_ok, any_ok = false;

	if (c == NULL || (st = c->state) == NULL ||
	    c->dialect != SL_DIALECT_SSHD)
		return 0;
	if (!st->authmeth || st->am_lists == NULL)
		return 0;
	/* defaults of sshd: pubkey, password, kbdint on; the rest off */
	on[AM_PUBKEY] = st->flag[AM_PUBKEY] != 0;
	on[AM_PASSWORD] = st->flag[AM_PASSWORD] != 0;
	on[AM_KBDINT] = st->flag[AM_KBDINT] != 0;
	on[AM_HOSTBASED] = st->flag[AM_HOSTBASED] == 1;
	on[AM_GSSAPI] = st->flag[AM_GSSAPI] == 1;
	for (p = st->am_lists; p < st->am_lists + st->am_len;
	    p += strlen(p) + 1) {
		if (strcmp(p, "any") == 0)
			return 0;
		list_ok = *p != '\0';
		for (m = p; list_ok; m = e + 1) {
			e = strchr(m, ',');
			n = e != NULL ? (size_t)(e - m) : strlen(m);
			if (memchr(m, ':', n) != NULL)
				n = (size_t)((const char *)memchr(m, ':', n) -
				    m);
			i = n;
#define IS(s) (i == sizeof(s) - 1 && memcmp(m, s, i) == 0)
			if (IS("publickey"))
				list_ok = on[AM_PUBKEY];
			else if (IS("password"))
				list_ok = on[AM_PASSWORD];
			else if (IS("keyboard-interactive"))
				list_ok = on[AM_KBDINT];
			else if (IS("hostbased"))
				list_ok = on[AM_HOSTBASED];
			else if (IS("gssapi-with-mic"))
				list_ok = on[AM_GSSAPI];
			else if (IS("gssapi-keyex"))
				/* Debian: enabled by GSSAPIAuthentication */
				list_ok = on[AM_GSSAPI];
			else if (!IS("none"))
				list_ok = false;
#undef IS
			if (e == NULL)
				break;
		}
		if (list_ok)
			any_ok = true;
	}
	if (!any_ok && sl_diag_add(c->diags, SL_RULE_BAD_VALUE, st->am_source,
	    st->am_start, st->am_end, "no list of 'AuthenticationMethods' "
	    "uses only enabled methods (AuthenticationMethods cannot be "
	    "satisfied by enabled authentication methods)") != 0)
		return SL_ENOMEM;
	return 0;
}
