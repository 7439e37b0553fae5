/*
 * sshd_config evaluation: what `sshd -T [-C spec]` prints.
 *
 * Modelled on OpenSSH 9.2p1 as Debian builds it (servconf.c, sshd.c):
 *
 *  1. -h host keys are added, then the startup parse: global lines and
 *     'Match all' blocks apply, other Match blocks are only checked;
 *  2. fill_default_server_options(): defaults, algorithm lists assembled,
 *     "none" values cleared; the startup checks of sshd.c main();
 *  3. the per-connection pass (-T always runs it, with a blank connection
 *     without -C): the whole configuration is read again into a fresh set
 *     of options with global lines inactive and matching Match blocks
 *     active, then copy_set_server_options() copies every Match-able value
 *     that got set over the startup values (arrays replaced wholesale) and
 *     assembles the algorithm lists again;
 *  4. dump_config().
 *
 * Every directive handler below mirrors its case of 9.2's
 * process_server_config_line_depth(), including the parts that ignore the
 * activity of the block (the 9.2 bugs live there). Each value remembers
 * the line that set it. Other releases reuse the 9.2 model with the
 * differences that are cheap to express (see the version checks).
 */
#include <errno.h>
#include <glob.h>
#include <grp.h>
#include <limits.h>
#include <netdb.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "lint/algos.h"
#include "lint/eval.h"
#include "lint/keywords.h"
#include "lint/match.h"
#include "lint/util/alloc.h"
#include "lint/util/strbuf.h"
#include "lint/util/banned.h"

#define STOP		1	/* sshd stopped; out->fatal says why */
#define NEVERMATCH	0x04	/* SSHCFG_NEVERMATCH */
#define MATCH_ONLY	0x08	/* SSHCFG_MATCH_ONLY */
#define MAX_PORTS	256
#define MAX_SUBSYSTEMS	256
#define LINE_BUDGET	4000000UL	/* lines visited, re-reads included */
#define V(a, b)		SL_VERSION(a, b)

/* ------------------------------------------------------------------ */
/* Options (ServerOptions) */

enum fld {
	/* integers and enumerations (-1 = unset) */
	F_USE_PAM, F_ADDRESS_FAMILY, F_LOGIN_GRACE_TIME, F_PERMIT_ROOT_LOGIN,
	F_IGNORE_RHOSTS, F_IGNORE_USER_KNOWN_HOSTS, F_PRINT_MOTD,
	F_PRINT_LASTLOG, F_X11_FORWARDING, F_X11_DISPLAY_OFFSET,
	F_X11_USE_LOCALHOST, F_PERMIT_TTY, F_PERMIT_USER_RC, F_STRICT_MODES,
	F_TCP_KEEP_ALIVE, F_LOG_FACILITY, F_LOG_LEVEL, F_HOSTBASED_AUTH,
	F_HOSTBASED_PKT_NAME, F_PUBKEY_AUTH, F_PUBKEY_AUTH_OPTIONS,
	F_KERBEROS_AUTH, F_KERBEROS_OR_LOCAL_PASSWD,
	F_KERBEROS_TICKET_CLEANUP, F_GSS_AUTH, F_GSS_CLEANUP_CREDS,
	F_GSS_STRICT_ACCEPTOR, F_GSS_KEYEX, F_GSS_STORE_REKEY,
	F_GSS_DELEG_CREDS, F_PASSWORD_AUTH, F_KBDINT_AUTH, F_CHALLENGE_AUTH,
	F_PERMIT_EMPTY_PASSWD, F_PERMIT_USER_ENV, F_COMPRESSION, F_REKEY_LIMIT,
	F_REKEY_INTERVAL, F_ALLOW_TCP_FWD, F_ALLOW_STREAMLOCAL_FWD,
	F_ALLOW_AGENT_FWD, F_GATEWAY_PORTS, F_STREAMLOCAL_BIND_MASK,
	F_STREAMLOCAL_BIND_UNLINK, F_MAX_STARTUPS_BEGIN, F_MAX_STARTUPS_RATE,
	F_MAX_STARTUPS, F_PER_SOURCE_MAX_STARTUPS, F_PER_SOURCE_V4,
	F_PER_SOURCE_V6, F_MAX_AUTHTRIES, F_MAX_SESSIONS, F_USE_DNS,
	F_CLIENT_ALIVE_INTERVAL, F_CLIENT_ALIVE_COUNT_MAX, F_PERMIT_TUN,
	F_IPQOS_INTERACTIVE, F_IPQOS_BULK, F_FINGERPRINT_HASH,
	F_DISABLE_FORWARDING, F_EXPOSE_AUTH_INFO, F_REQUIRED_RSA_SIZE,
	F_UNUSED_CONN_TIMEOUT, F_DEBIAN_BANNER, F_REFUSE_CONNECTION,
	/* strings (NULL = unset) */
	F_PID_FILE, F_MODULI_FILE, F_XAUTH_LOCATION, F_CIPHERS, F_MACS, F_KEX,
	F_HOSTKEY_ALGS, F_HOSTBASED_ALGS, F_PUBKEY_ALGS, F_CA_SIGN_ALGS,
	F_GSS_KEX_ALGS, F_BANNER, F_FORCE_COMMAND, F_CHROOT, F_TRUSTED_CA,
	F_REVOKED_KEYS, F_SK_PROVIDER, F_AUTH_PRINC_FILE, F_VERSION_ADDENDUM,
	F_AKC, F_AKC_USER, F_APC, F_APC_USER, F_HOSTKEY_AGENT, F_PUE_ALLOWLIST,
	F_RDOMAIN, F_PAM_SERVICE, F_SSHD_SESSION_PATH, F_SSHD_AUTH_PATH,
	F_PENALTY_EXEMPT, F_PENALTIES,
	F__COUNT
};
#define F_FIRST_STRING F_PID_FILE

enum arrid {
	A_PORT, A_QLISTEN, A_LISTEN, A_HOSTKEY, A_HOSTCERT, A_ALLOW_USERS,
	A_DENY_USERS, A_ALLOW_GROUPS, A_DENY_GROUPS, A_ACCEPT_ENV, A_SETENV,
	A_AUTH_METHODS, A_PERMIT_OPEN, A_PERMIT_LISTEN, A_CHANNEL_TIMEOUT,
	A_LOG_VERBOSE, A_AUTHKEYS_FILES, A_SUBSYSTEM,
	A__COUNT
};

struct val {
	bool set;		/* for strings: s != NULL */
	long long n;
	const char *s;
	struct sl_origin o;	/* line that set it (kept when cleared) */
};

struct item {
	const char *s;		/* element; subsystem name; queued address */
	const char *s2;		/* subsystem command+args; queued rdomain */
	int n;			/* port */
	struct sl_origin o;
};

struct arr {
	struct item *v;
	size_t n, cap;
	struct sl_origin cleared;	/* origin of a "none"/"any" clear */
};

struct sopts {
	struct val f[F__COUNT];
	struct arr a[A__COUNT];
	bool ports_from_cmdline;
};

/* One evaluation. */
struct ev {
	struct sl_ctx *ctx;
	const struct sl_lint_options *opts;
	int version;
	bool debian;		/* the release has Debian data (9.2) */
	struct sl_eff *out;
	struct sl_arena ar;	/* strings of the evaluation */
	const struct sl_conn_spec *spec;
	int lport;		/* 0: absent (as sshd's connection_info) */
	unsigned long budget;
	bool have_opt[SL_OPT__COUNT];
	const char *name[SL_OPT__COUNT];	/* spelling (10.5 prints it) */
};

/* The line being processed and its parse state. */
struct lc {
	struct ev *ev;
	struct sopts *so;
	const char *fname;	/* as sshd names the file in messages */
	const struct sl_line *ln;
	struct sl_origin o;
	int *activep;
	int *flags;
	int depth;
	bool ci;		/* connection info (the Match pass) */
};

static const struct sl_origin o_default = { SL_ORIGIN_DEFAULT, 0 };
static const struct sl_origin o_cmdline = { SL_ORIGIN_CMDLINE, 0 };

/* ------------------------------------------------------------------ */
/* Enumerations (servconf.c multistate tables, log.c, misc.c) */

struct ms {
	const char *key;
	int val;
};

static const struct ms ms_flag[] = {
	{ "yes", 1 }, { "no", 0 }, { NULL, -1 } };
static const struct ms ms_rhosts[] = {
	{ "yes", 1 }, { "no", 0 }, { "shosts-only", 2 }, { NULL, -1 } };
static const struct ms ms_af[] = {
	{ "inet", 1 }, { "inet6", 2 }, { "any", 0 }, { NULL, -1 } };
static const struct ms ms_root[] = {
	{ "without-password", 1 }, { "prohibit-password", 1 },
	{ "forced-commands-only", 2 }, { "yes", 3 }, { "no", 0 },
	{ NULL, -1 } };
static const struct ms ms_root101[] = {	/* 10.1 prints the new name */
	{ "prohibit-password", 1 }, { "without-password", 1 },
	{ "forced-commands-only", 2 }, { "yes", 3 }, { "no", 0 },
	{ NULL, -1 } };
static const struct ms ms_comp[] = {
	{ "yes", 2 }, { "delayed", 2 }, { "no", 0 }, { NULL, -1 } };
static const struct ms ms_gw[] = {
	{ "clientspecified", 2 }, { "yes", 1 }, { "no", 0 }, { NULL, -1 } };
static const struct ms ms_fwd[] = {
	{ "yes", 3 }, { "all", 3 }, { "no", 0 }, { "remote", 2 },
	{ "local", 1 }, { NULL, -1 } };
/* case-sensitive: strcmp in servconf.c */
static const struct ms ms_tun[] = {
	{ "no", 0 }, { "point-to-point", 1 }, { "ethernet", 2 }, { "yes", 3 },
	{ NULL, -1 } };
static const struct ms ms_hash[] = {
	{ "MD5", 0 }, { "SHA1", 1 }, { "SHA256", 2 }, { "SHA384", 3 },
	{ "SHA512", 4 }, { NULL, -1 } };
/* Debian's log.c names the quiet level SILENT first */
static const struct ms ms_level_deb[] = {
	{ "SILENT", 0 }, { "QUIET", 0 }, { "FATAL", 1 }, { "ERROR", 2 },
	{ "INFO", 3 }, { "VERBOSE", 4 }, { "DEBUG", 5 }, { "DEBUG1", 5 },
	{ "DEBUG2", 6 }, { "DEBUG3", 7 }, { NULL, -1 } };
static const struct ms ms_level[] = {
	{ "QUIET", 0 }, { "FATAL", 1 }, { "ERROR", 2 }, { "INFO", 3 },
	{ "VERBOSE", 4 }, { "DEBUG", 5 }, { "DEBUG1", 5 }, { "DEBUG2", 6 },
	{ "DEBUG3", 7 }, { NULL, -1 } };
static const struct ms ms_facility[] = {
	{ "DAEMON", 0 }, { "USER", 1 }, { "AUTH", 2 }, { "AUTHPRIV", 3 },
	{ "LOCAL0", 4 }, { "LOCAL1", 5 }, { "LOCAL2", 6 }, { "LOCAL3", 7 },
	{ "LOCAL4", 8 }, { "LOCAL5", 9 }, { "LOCAL6", 10 }, { "LOCAL7", 11 },
	{ NULL, -1 } };
static const struct ms ms_ipqos[] = {
	{ "none", INT_MAX }, { "af11", 0x28 }, { "af12", 0x30 },
	{ "af13", 0x38 }, { "af21", 0x48 }, { "af22", 0x50 },
	{ "af23", 0x58 }, { "af31", 0x68 }, { "af32", 0x70 },
	{ "af33", 0x78 }, { "af41", 0x88 }, { "af42", 0x90 },
	{ "af43", 0x98 }, { "cs0", 0x00 }, { "cs1", 0x20 }, { "cs2", 0x40 },
	{ "cs3", 0x60 }, { "cs4", 0x80 }, { "cs5", 0xa0 }, { "cs6", 0xc0 },
	{ "cs7", 0xe0 }, { "ef", 0xb8 }, { "le", 0x04 },
	{ "lowdelay", 0x10 }, { "throughput", 0x08 }, { "reliability", 0x04 },
	{ NULL, -1 } };

/* misc.c iptos2str() */
static const char *
iptos2str(long long v, char *buf, size_t sz)
{
	const struct ms *m;

	for (m = ms_ipqos; m->key != NULL; m++)
		if (m->val == v)
			return m->key;
	snprintf(buf, sz, "0x%02llx", v & 0xff);
	return buf;
}

static int
ms_parse(const struct ms *m, const char *s, bool nocase)
{
	for (; m->key != NULL; m++)
		if (nocase ? strcasecmp(s, m->key) == 0 : strcmp(s, m->key) == 0)
			return m->val;
	return -1;
}

static const char *
ms_name(const struct ms *m, long long v)
{
	for (; m->key != NULL; m++)
		if (m->val == v)
			return m->key;
	return "UNKNOWN";
}

/* ------------------------------------------------------------------ */
/* Small helpers */

static char *
sdup(struct ev *ev, const char *s)
{
	return sl_arena_strndup(&ev->ar, s, strlen(s));
}

static char *
fmt(struct ev *ev, const char *f, ...) __attribute__((format(printf, 2, 3)));

static char *
fmt(struct ev *ev, const char *f, ...)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	va_list ap;
	char *r = NULL;

	va_start(ap, f);
	if (sl_strbuf_vaddf(&sb, f, ap) == 0)
		r = sl_arena_strndup(&ev->ar, sb.buf ? sb.buf : "", sb.len);
	va_end(ap);
	sl_strbuf_release(&sb);
	return r;
}

/* Record what stopped sshd; returns STOP (or SL_ENOMEM). */
static int
vfail(struct ev *ev, struct sl_origin o, const char *f, va_list ap)
    __attribute__((format(printf, 3, 0)));

static int
vfail(struct ev *ev, struct sl_origin o, const char *f, va_list ap)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	int r;

	if (sl_strbuf_vaddf(&sb, f, ap) != 0) {
		sl_strbuf_release(&sb);
		ev->out->oom = true;
		return SL_ENOMEM;
	}
	r = sl_eff_fail(ev->out, o, "%s", sb.buf ? sb.buf : "");
	sl_strbuf_release(&sb);
	return r != 0 ? r : STOP;
}

static int
fail(struct ev *ev, struct sl_origin o, const char *f, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct ev *ev, struct sl_origin o, const char *f, ...)
{
	va_list ap;
	int r;

	va_start(ap, f);
	r = vfail(ev, o, f, ap);
	va_end(ap);
	return r;
}

/* fatal("%s line %d: ...") of the line being processed. */
static int
die(struct lc *l, const char *f, ...) __attribute__((format(printf, 2, 3)));

static int
die(struct lc *l, const char *f, ...)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	va_list ap;
	int r;

	sl_strbuf_addf(&sb, "%s line %u: ", l->fname, l->ln->lineno);
	va_start(ap, f);
	sl_strbuf_vaddf(&sb, f, ap);
	va_end(ap);
	if (sb.failed) {
		sl_strbuf_release(&sb);
		l->ev->out->oom = true;
		return SL_ENOMEM;
	}
	r = fail(l->ev, l->o, "%s", sb.buf);
	sl_strbuf_release(&sb);
	return r;
}

static void
setv(struct val *v, long long n, const char *s, struct sl_origin o)
{
	v->set = true;
	v->n = n;
	v->s = s;
	v->o = o;
}

static int
arr_add(struct arr *a, const char *s, const char *s2, int n,
    struct sl_origin o)
{
	if (sl_grow(&a->v, &a->cap, a->n, sizeof(*a->v), 8) != 0)
		return SL_ENOMEM;
	a->v[a->n].s = s;
	a->v[a->n].s2 = s2;
	a->v[a->n].n = n;
	a->v[a->n].o = o;
	a->n++;
	return 0;
}

static void
arr_free(struct arr *a)
{
	sl_free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

static void
sopts_init(struct sopts *so)
{
	size_t i;

	memset(so, 0, sizeof(*so));
	for (i = 0; i < F__COUNT; i++) {
		so->f[i].n = -1;
		so->f[i].o = o_default;
	}
	for (i = 0; i < A__COUNT; i++)
		so->a[i].cleared = o_default;
}

static void
sopts_free(struct sopts *so)
{
	size_t i;

	for (i = 0; i < A__COUNT; i++)
		arr_free(&so->a[i]);
}

/* a2port(): 0..65535 or a service name; -1 if bad. */
static int
a2port(const char *s)
{
	struct servent *se;
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0' && errno == 0 && v >= 0 && v <= 65535 &&
	    (*s >= '0' && *s <= '9'))
		return (int)v;
	if ((se = getservbyname(s, "tcp")) != NULL)
		return ntohs((uint16_t)se->s_port);
	return -1;
}

/* misc.c convtime(): -1 if bad. */
static long
convtime(const char *s)
{
	long total = 0, secs, mult;
	const char *p = s;
	char *endp;

	if (p == NULL || *p == '\0')
		return -1;
	while (*p) {
		errno = 0;
		secs = strtol(p, &endp, 10);
		if (p == endp || (errno == ERANGE && (secs == LONG_MIN ||
		    secs == LONG_MAX)) || secs < 0)
			return -1;
		mult = 1;
		switch (*endp++) {
		case '\0':
			endp--;
			break;
		case 's': case 'S':
			break;
		case 'm': case 'M':
			mult = 60;
			break;
		case 'h': case 'H':
			mult = 60 * 60;
			break;
		case 'd': case 'D':
			mult = 24 * 60 * 60;
			break;
		case 'w': case 'W':
			mult = 7 * 24 * 60 * 60;
			break;
		default:
			return -1;
		}
		if (secs > INT_MAX / mult)
			return -1;
		secs *= mult;
		if (total > INT_MAX - secs)
			return -1;
		total += secs;
		p = endp;
	}
	return total;
}

/* atoi_err(): decimal 0..INT_MAX; -1 if bad. */
static long
atoi_ok(const char *s)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < 0 || v > INT_MAX)
		return -1;
	return (long)v;
}

/* fmt_scaled.c scan_scaled(); false if bad. */
static bool
scan_scaled(const char *scaled, long long *result)
{
	static const char scale_chars[] = "BKMGTPE";
	static const long long scale_factors[] = {
		1LL, 1024LL, 1024LL * 1024, 1024LL * 1024 * 1024,
		1024LL * 1024 * 1024 * 1024, 1024LL * 1024 * 1024 * 1024 * 1024,
		1024LL * 1024 * 1024 * 1024 * 1024 * 1024,
	};
	const unsigned max_digits = 7 * 3;
	const char *p = scaled;
	int sign = 0;
	unsigned i, ndigits = 0, fract_digits = 0;
	long long scale_fact, whole = 0, fpart = 0;

	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	while (*p == '-' || *p == '+') {
		if (sign)
			return false;
		sign = *p == '-' ? -1 : 1;
		p++;
	}
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
		if (*p == '.') {
			if (fract_digits > 0)
				return false;
			fract_digits = 1;
			continue;
		}
		i = (unsigned)(*p - '0');
		if (fract_digits > 0) {
			if (fract_digits >= max_digits - 1)
				continue;
			fract_digits++;
			if (fpart > LLONG_MAX / 10)
				return false;
			fpart = fpart * 10 + i;
		} else {
			if (++ndigits >= max_digits || whole > LLONG_MAX / 10)
				return false;
			whole *= 10;
			if ((long long)i > LLONG_MAX - whole)
				return false;
			whole += i;
		}
	}
	if (sign)
		whole *= sign;
	if (*p == '\0') {
		*result = whole;
		return true;
	}
	for (i = 0; i < sizeof(scale_factors) / sizeof(*scale_factors); i++) {
		if (*p != scale_chars[i] && *p != scale_chars[i] - 'A' + 'a')
			continue;
		if ((p[1] >= '0' && p[1] <= '9') || (p[1] >= 'a' &&
		    p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z'))
			return false;
		scale_fact = scale_factors[i];
		if (whole > LLONG_MAX / scale_fact ||
		    whole < LLONG_MIN / scale_fact)
			return false;
		whole *= scale_fact;
		while (fpart >= LLONG_MAX / scale_fact) {
			fpart /= 10;
			fract_digits--;
		}
		fpart *= scale_fact;
		if (fract_digits > 0)
			for (i = 0; i < fract_digits - 1; i++)
				fpart /= 10;
		whole = sign == -1 ? whole - fpart : whole + fpart;
		*result = whole;
		return true;
	}
	return false;
}

/*
 * misc.c tilde_expand(): "~", "~/x", "~user/x". The home of the user
 * running sshd is --home when given. NULL with *why set if the user is
 * unknown; NULL with *why NULL when out of memory.
 */
static char *
tilde_expand(struct ev *ev, const char *fn, const char **why)
{
	const char *path = NULL, *home;
	char *user = NULL, *r;
	struct passwd *pw;
	size_t len;

	*why = NULL;
	if (*fn != '~')
		return sdup(ev, fn);
	fn++;
	if (*fn == '/' || *fn == '\0') {
		fn += strspn(fn, "/");
		path = *fn ? fn : NULL;
		if (ev->opts != NULL && ev->opts->home != NULL)
			home = ev->opts->home;
		else if ((pw = getpwuid(getuid())) != NULL)
			home = pw->pw_dir;
		else {
			*why = "No such uid";
			return NULL;
		}
	} else {
		const char *slash = strchr(fn, '/');

		if ((user = sl_strndup(fn, slash ? (size_t)(slash - fn) :
		    strlen(fn))) == NULL)
			return NULL;
		if (slash != NULL) {
			path = slash + 1 + strspn(slash + 1, "/");
			if (*path == '\0')
				path = NULL;
		}
		pw = getpwnam(user);
		sl_free(user);
		if (pw == NULL) {
			*why = "No such user";
			return NULL;
		}
		home = pw->pw_dir;
	}
	len = strlen(home);
	r = fmt(ev, "%s%s%s", home, len == 0 || home[len - 1] != '/' ? "/" :
	    "", path ? path : "");
	if (r != NULL && strlen(r) >= PATH_MAX) {
		*why = "Path too long";
		return NULL;
	}
	return r;
}

/* tilde_expand_filename() failed: sshd exits with tilde_expand's error. */
static int
tilde_fail(struct ev *ev, struct sl_origin o, const char *fn, const char *why)
{
	const char *e;

	if (why == NULL)
		return SL_ENOMEM;
	if (strcmp(why, "No such user") == 0) {
		e = strchr(fn + 1, '/');
		return fail(ev, o, "tilde_expand: No such user %.*s",
		    (int)(e ? (size_t)(e - fn - 1) : strlen(fn + 1)), fn + 1);
	}
	return fail(ev, o, "tilde_expand: %s", why);
}

static int
tilde(struct lc *l, const char *fn, const char **out)
{
	const char *why;

	if ((*out = tilde_expand(l->ev, fn, &why)) != NULL)
		return 0;
	return tilde_fail(l->ev, l->o, fn, why);
}

/* servconf.c derelativise_path(). */
static int
derelativise(struct ev *ev, struct sl_origin o, const char *path,
    const char **out)
{
	const char *why, *e;
	char cwd[PATH_MAX];

	if (strcasecmp(path, "none") == 0) {
		*out = "none";
		return 0;
	}
	if ((e = tilde_expand(ev, path, &why)) == NULL)
		return tilde_fail(ev, o, path, why);
	if (*e == '/') {
		*out = e;
		return 0;
	}
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return fail(ev, o, "derelativise_path: getcwd: %s",
		    strerror(errno));
	if ((*out = fmt(ev, "%s/%s", cwd, e)) == NULL)
		return SL_ENOMEM;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Match (servconf.c match_cfg_line) */

/* groupaccess.c: ga_init() + ga_match_pattern_list(). */
static int
group_match(const char *user, const char *pats, bool *res)
{
	struct passwd *pw;
	struct group *gr;
	gid_t *g = NULL, *ng, base;
	int n = 64, cap, i, tries;

	*res = false;
	if ((pw = getpwnam(user)) == NULL)
		return 0;
	base = pw->pw_gid;
	for (tries = 0; tries < 8; tries++) {
		cap = n;
		if ((ng = sl_reallocarray(g, (size_t)cap, sizeof(*g))) ==
		    NULL) {
			sl_free(g);
			return SL_ENOMEM;
		}
		g = ng;
		if (getgrouplist(user, base, g, &n) != -1)
			break;
		if (n <= cap)
			n = cap * 2;
	}
	if (tries == 8)
		n = 0;
	for (i = 0; i < n; i++) {
		if ((gr = getgrgid(g[i])) == NULL)
			continue;
		switch (sl_match_pattern_list(gr->gr_name, pats, false)) {
		case -1:
			*res = false;
			sl_free(g);
			return 0;
		case 1:
			*res = true;
			break;
		}
	}
	sl_free(g);
	return 0;
}

/*
 * Evaluate the Match line of `l` with the connection (l->ci) or without
 * (startup, or an Include in a block that does not apply). Sets *res to
 * 1 or 0; returns 0, STOP or SL_ENOMEM.
 */
static int
match_line(struct lc *l, bool ci, int *res)
{
	struct ev *ev = l->ev;
	const struct sl_conn_spec *sp = ev->spec;
	const struct sl_line *ln = l->ln;
	const char *attrib, *arg;
	uint32_t i, attributes = 0;
	int result = 1, port, r;
	bool g;

	for (i = 0; i < ln->nargs; i++) {
		attrib = ln->args[i].val;
		if (*attrib == '\0')
			break;
		attributes++;
		if (strcasecmp(attrib, "all") == 0) {
			if (attributes > 1 || i + 1 < ln->nargs)
				goto bad;
			*res = 1;
			return 0;
		}
		if (ev->version >= V(9, 9) &&
		    strcasecmp(attrib, "invalid-user") == 0) {
			/* no argument; the test connection is a valid user */
			result = 0;
			continue;
		}
		if (i + 1 >= ln->nargs || ln->args[i + 1].val[0] == '\0')
			goto bad;
		arg = ln->args[++i].val;
		if (strcasecmp(attrib, "user") == 0) {
			if (!ci || sp->user == NULL) {
				result = 0;
				continue;
			}
			if (sl_match_pattern_list(sp->user, arg, false) != 1)
				result = 0;
		} else if (strcasecmp(attrib, "group") == 0) {
			if (!ci || sp->user == NULL) {
				result = 0;
				continue;
			}
			if ((r = group_match(sp->user, arg, &g)) != 0)
				return r;
			if (!g)
				result = 0;
		} else if (strcasecmp(attrib, "host") == 0) {
			if (!ci || sp->host == NULL) {
				result = 0;
				continue;
			}
			if (sl_match_hostname(sp->host, arg) != 1)
				result = 0;
		} else if (strcasecmp(attrib, "address") == 0 ||
		    strcasecmp(attrib, "localaddress") == 0) {
			bool local = attrib[0] == 'l' || attrib[0] == 'L';
			const char *a = local ? sp->laddr : sp->addr;

			if (!ci || a == NULL) {
				if (sl_addr_match_list(NULL, arg) != 0)
					return fail(ev, l->o, "Invalid Match "
					    "%s argument '%s' at line %u",
					    local ? "localaddress" : "address",
					    arg, ln->lineno);
				result = 0;
				continue;
			}
			switch (sl_addr_match_list(a, arg)) {
			case 1:
				break;
			case -2:
				goto bad;
			default:
				result = 0;
			}
		} else if (strcasecmp(attrib, "localport") == 0) {
			if ((port = a2port(arg)) == -1)
				goto bad;
			if (!ci) {
				result = 0;
				continue;
			}
			if (ev->lport == 0)
				return fail(ev, l->o, "'Match LocalPort' in "
				    "configuration but 'lport' not in "
				    "connection test specification.");
			if (port != ev->lport)
				result = 0;
		} else if (strcasecmp(attrib, "rdomain") == 0) {
			if (!ci || sp->rdomain == NULL) {
				result = 0;
				continue;
			}
			if (sl_match_pattern_list(sp->rdomain, arg, false) != 1)
				result = 0;
		} else if (ev->version >= V(10, 0) &&
		    strcasecmp(attrib, "version") == 0) {
			if ((r = sl_eff_note(ev->out, l->o, SL_SEV_INFO,
			    "'Match version %s' is taken as not matching", arg))
			    != 0)
				return r;
			result = 0;
		} else
			goto bad;
	}
	if (attributes == 0)
		goto bad;
	*res = result;
	return 0;
 bad:
	return die(l, "Bad Match condition");
}

/* ------------------------------------------------------------------ */
/* Directives (servconf.c process_server_config_line_depth) */

static int parse_file(struct ev *ev, struct sopts *so, uint32_t id,
    const char *fname, int flags, int *activep, int depth, bool ci);

static const char *
arg0(const struct lc *l)
{
	return l->ln->nargs > 0 ? l->ln->args[0].val : "";
}

/* First-wins enumeration or flag. */
static int
h_multistate(struct lc *l, enum fld f, const struct ms *m, bool nocase)
{
	int v = ms_parse(m, arg0(l), nocase);

	if (v == -1)
		return die(l, "unsupported option \"%s\".", arg0(l));
	if (*l->activep && !l->so->f[f].set)
		setv(&l->so->f[f], v, NULL, l->o);
	return 0;
}

static int
h_flag(struct lc *l, enum fld f)
{
	return h_multistate(l, f, ms_flag, true);
}

static int
h_int(struct lc *l, enum fld f)
{
	long v = atoi_ok(arg0(l));

	if (v < 0)
		return die(l, "%.*s integer value invalid.",
		    (int)l->ln->keyword_len, l->ln->keyword);
	if (*l->activep && !l->so->f[f].set)
		setv(&l->so->f[f], v, NULL, l->o);
	return 0;
}

static int
h_time(struct lc *l, enum fld f, const char *arg)
{
	long v = convtime(arg);

	if (v < 0)
		return die(l, "invalid time value.");
	if (*l->activep && !l->so->f[f].set)
		setv(&l->so->f[f], v, NULL, l->o);
	return 0;
}

/* First-wins string taken as written. */
static int
h_str(struct lc *l, enum fld f, const char *s)
{
	if (*l->activep && !l->so->f[f].set) {
		const char *d = sdup(l->ev, s);

		if (d == NULL)
			return SL_ENOMEM;
		setv(&l->so->f[f], 0, d, l->o);
	}
	return 0;
}

/* parse_filename: first wins, derelativise_path(). */
static int
h_filename(struct lc *l, enum fld f)
{
	const char *p;
	int r;

	if (*l->activep && !l->so->f[f].set) {
		if ((r = derelativise(l->ev, l->o, arg0(l), &p)) != 0)
			return r;
		setv(&l->so->f[f], 0, p, l->o);
	}
	return 0;
}

/* Append every argument when active (A). */
static int
h_append(struct lc *l, enum arrid a)
{
	uint32_t i;
	const char *d;

	if (!*l->activep)
		return 0;
	for (i = 0; i < l->ln->nargs; i++) {
		if ((d = sdup(l->ev, l->ln->args[i].val)) == NULL ||
		    arr_add(&l->so->a[a], d, NULL, 0, l->o) != 0)
			return SL_ENOMEM;
	}
	return 0;
}

/* Only the first active line counts (A1). */
static int
h_firstline(struct lc *l, enum arrid a)
{
	if (l->so->a[a].n != 0)
		return 0;
	return h_append(l, a);
}

static bool
setenv_dup(const struct arr *a, const char *s)
{
	const char *eq = strchr(s, '=');
	size_t n, i;

	if (eq == NULL)
		return false;
	n = (size_t)(eq - s);
	for (i = 0; i < a->n; i++)
		if (strncmp(a->v[i].s, s, n) == 0 && a->v[i].s[n] == '=')
			return true;
	return false;
}

static int
h_setenv(struct lc *l)
{
	struct arr *a = &l->so->a[A_SETENV];
	size_t uvalue = a->n;
	uint32_t i;
	const char *d;

	for (i = 0; i < l->ln->nargs; i++) {
		const char *s = l->ln->args[i].val;

		if (*s == '\0' || strchr(s, '=') == NULL)
			return die(l, "Invalid environment.");
		if (!*l->activep || uvalue != 0 || setenv_dup(a, s))
			continue;
		if ((d = sdup(l->ev, s)) == NULL ||
		    arr_add(a, d, NULL, 0, l->o) != 0)
			return SL_ENOMEM;
	}
	return 0;
}

static int
h_permitopen(struct lc *l, enum arrid a)
{
	struct arr *ar = &l->so->a[a];
	size_t uvalue = ar->n;
	uint32_t i;
	const char *s = arg0(l);
	char *d;

	if (strcmp(s, "any") == 0 || strcmp(s, "none") == 0) {
		if (*l->activep && uvalue == 0) {
			if ((d = sdup(l->ev, s)) == NULL ||
			    arr_add(ar, d, NULL, 0, l->o) != 0)
				return SL_ENOMEM;
		}
		return 0;
	}
	for (i = 0; i < l->ln->nargs; i++) {
		s = l->ln->args[i].val;
		if (*s == '\0')
			break;
		if (a == A_PERMIT_LISTEN && strchr(s, ':') == NULL)
			d = fmt(l->ev, "*:%s", s);
		else
			d = sdup(l->ev, s);
		if (d == NULL)
			return SL_ENOMEM;
		if (*l->activep && uvalue == 0 &&
		    arr_add(ar, d, NULL, 0, l->o) != 0)
			return SL_ENOMEM;
	}
	return 0;
}

static int
h_authmethods(struct lc *l)
{
	struct arr *a = &l->so->a[A_AUTH_METHODS];
	bool found = a->n == 0, any = false, bug = l->ev->version < V(9, 7);
	uint32_t i;
	const char *d;

	for (i = 0; i < l->ln->nargs; i++) {
		const char *s = l->ln->args[i].val;

		if (strcmp(s, "any") == 0) {
			/* 9.2 counts the lines seen in any block (fixed 9.7) */
			if (bug ? a->n > 0 : i > 0)
				return die(l, "\"any\" must appear alone in "
				    "%.*s", (int)l->ln->keyword_len,
				    l->ln->keyword);
			any = true;
		} else if (any)
			return die(l, "\"any\" must appear alone in %.*s",
			    (int)l->ln->keyword_len, l->ln->keyword);
		if (!found || !*l->activep)
			continue;
		if ((d = sdup(l->ev, s)) == NULL ||
		    arr_add(a, d, NULL, 0, l->o) != 0)
			return SL_ENOMEM;
	}
	return 0;
}

static int
h_authkeysfile(struct lc *l)
{
	struct arr *a = &l->so->a[A_AUTHKEYS_FILES];
	size_t uvalue = a->n;
	uint32_t i;
	const char *e;
	int r;

	for (i = 0; i < l->ln->nargs; i++) {
		const char *s = l->ln->args[i].val;

		if (*s == '\0')
			return 0;
		/* expanded before the activity test: may stop sshd */
		if ((r = tilde(l, s, &e)) != 0)
			return r;
		if (*l->activep && uvalue == 0 &&
		    arr_add(a, e, NULL, 0, l->o) != 0)
			return SL_ENOMEM;
	}
	return 0;
}

static int
h_subsystem(struct lc *l)
{
	struct arr *a = &l->so->a[A_SUBSYSTEM];
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *name = arg0(l), *nm;
	char *args;
	uint32_t i;
	size_t k;

	if (a->n >= MAX_SUBSYSTEMS)
		return die(l, "too many subsystems defined.");
	if (!*l->activep)
		return 0;
	for (k = 0; k < a->n; k++) {
		if (strcmp(name, a->v[k].s) != 0)
			continue;
		if (l->ev->version < V(9, 5))
			return die(l, "Subsystem '%s' already defined.", name);
		return 0;	/* 9.5: the first definition wins */
	}
	if (l->ln->nargs < 2)
		return die(l, "Missing subsystem command.");
	for (i = 1; i < l->ln->nargs; i++) {
		if (i > 1)
			sl_strbuf_addc(&sb, ' ');
		sl_strbuf_adds(&sb, l->ln->args[i].val);
	}
	args = sb.failed ? NULL : sl_arena_strndup(&l->ev->ar,
	    sb.buf ? sb.buf : "", sb.len);
	sl_strbuf_release(&sb);
	if (args == NULL || (nm = sdup(l->ev, name)) == NULL ||
	    arr_add(a, nm, args, 0, l->o) != 0)
		return SL_ENOMEM;
	return 0;
}

static int
h_port(struct lc *l)
{
	int p;

	if (l->so->ports_from_cmdline)
		return 0;
	if (l->so->a[A_PORT].n >= MAX_PORTS)
		return die(l, "too many ports.");
	if ((p = a2port(arg0(l))) <= 0)
		return die(l, "Badly formatted port number.");
	/* no activity test in sshd (global-only keyword) */
	return arr_add(&l->so->a[A_PORT], NULL, NULL, p, l->o);
}

static int
h_listenaddress(struct lc *l)
{
	const char *arg = arg0(l), *colon, *host;
	char *h;
	int port = 0;

	colon = strchr(arg, ':');
	if (strchr(arg, '[') == NULL && colon != NULL &&
	    strchr(colon + 1, ':') != NULL) {
		host = arg;		/* bare IPv6 address */
	} else {
		const char *s = arg, *end, *rest = NULL;
		size_t hl;

		if (*s == '[') {
			if ((end = strchr(s, ']')) == NULL)
				return die(l, "bad address:port usage");
			end++;
		} else if ((end = strpbrk(s, ":/")) == NULL)
			end = s + strlen(s);
		if (*end == ':')
			rest = end + 1;
		else if (*end != '\0')
			return die(l, "bad address:port usage");
		hl = (size_t)(end - s);
		if (hl >= 2 && s[0] == '[' && s[hl - 1] == ']') {
			s++;
			hl -= 2;
		}
		if ((h = sl_arena_strndup(&l->ev->ar, s, hl)) == NULL)
			return SL_ENOMEM;
		host = h;
		if (rest != NULL && (port = a2port(rest)) <= 0)
			return die(l, "bad port number");
	}
	if (l->ln->nargs > 1) {
		if (strcmp(l->ln->args[1].val, "rdomain") != 0 ||
		    l->ln->nargs < 3)
			return die(l, "bad ListenAddress syntax");
		/* valid_rdomain() fails on Linux */
		return die(l, "bad routing domain");
	}
	if ((h = sdup(l->ev, host)) == NULL)
		return SL_ENOMEM;
	return arr_add(&l->so->a[A_QLISTEN], h, NULL, port, l->o);
}

static int
h_rekeylimit(struct lc *l)
{
	const char *s = arg0(l);
	long long v;

	if (strcmp(s, "default") == 0)
		v = 0;
	else {
		if (!scan_scaled(s, &v))
			return die(l, "Bad %.*s number '%s'",
			    (int)l->ln->keyword_len, l->ln->keyword, s);
		if (v != 0 && v < 16)
			return die(l, "%.*s too small",
			    (int)l->ln->keyword_len, l->ln->keyword);
	}
	if (*l->activep && !l->so->f[F_REKEY_LIMIT].set)
		setv(&l->so->f[F_REKEY_LIMIT], v, NULL, l->o);
	if (l->ln->nargs > 1) {
		if (strcmp(l->ln->args[1].val, "none") == 0)
			return 0;
		return h_time(l, F_REKEY_INTERVAL, l->ln->args[1].val);
	}
	return 0;
}

static int
h_maxstartups(struct lc *l)
{
	struct val *f = l->so->f;
	int b = -1, r = -1, m = -1, n;

	n = sscanf(arg0(l), "%d:%d:%d", &b, &r, &m);
	/* sscanf writes straight into the options; no activity test */
	if (n >= 1)
		setv(&f[F_MAX_STARTUPS_BEGIN], b, NULL, l->o);
	if (n >= 2)
		setv(&f[F_MAX_STARTUPS_RATE], r, NULL, l->o);
	if (n == 3) {
		setv(&f[F_MAX_STARTUPS], m, NULL, l->o);
		if (b > m || r > 100 || r < 1)
			return die(l, "Invalid %.*s spec.",
			    (int)l->ln->keyword_len, l->ln->keyword);
	} else if (n != 1)
		return die(l, "Invalid %.*s spec.", (int)l->ln->keyword_len,
		    l->ln->keyword);
	else
		setv(&f[F_MAX_STARTUPS], b, NULL, l->o);
	if (f[F_MAX_STARTUPS].n <= 0 || f[F_MAX_STARTUPS_BEGIN].n <= 0)
		return die(l, "Invalid %.*s spec.", (int)l->ln->keyword_len,
		    l->ln->keyword);
	return 0;
}

static int
h_netblock(struct lc *l)
{
	int v4 = -1, v6 = 0, n;

	n = sscanf(arg0(l), "%d:%d", &v4, &v6);
	if (n == 2 && (v6 < 0 || v6 > 128))
		n = -1;
	if ((n == 1 || n == 2) && (v4 < 0 || v4 > 32))
		n = -1;
	if (n != 1 && n != 2)
		return die(l, "Invalid %.*s spec.", (int)l->ln->keyword_len,
		    l->ln->keyword);
	if (n == 1 && l->ev->version >= V(10, 3))
		v6 = 128;	/* 9.2 left the IPv6 length at 0 */
	if (*l->activep && (!l->so->f[F_PER_SOURCE_V4].set ||
	    l->ev->version < V(10, 1))) {
		setv(&l->so->f[F_PER_SOURCE_V4], v4, NULL, l->o);
		setv(&l->so->f[F_PER_SOURCE_V6], v6, NULL, l->o);
	}
	return 0;
}

static int
h_ipqos(struct lc *l)
{
	int a, b;

	if ((a = ms_parse(ms_ipqos, arg0(l), true)) == -1) {
		char *end;
		long v = strtol(arg0(l), &end, 0);

		if (*arg0(l) == '\0' || *end != '\0' || v < 0 || v > 255)
			return die(l, "Bad %.*s value: %s",
			    (int)l->ln->keyword_len, l->ln->keyword, arg0(l));
		a = (int)v;
	}
	b = a;
	if (l->ln->nargs > 1) {
		const char *s = l->ln->args[1].val;

		if ((b = ms_parse(ms_ipqos, s, true)) == -1) {
			char *end;
			long v = strtol(s, &end, 0);

			if (*s == '\0' || *end != '\0' || v < 0 || v > 255)
				return die(l, "Bad %.*s value: %s",
				    (int)l->ln->keyword_len, l->ln->keyword,
				    s);
			b = (int)v;
		}
	}
	if (*l->activep && (l->ev->version < V(10, 3) ||
	    !l->so->f[F_IPQOS_INTERACTIVE].set)) {
		setv(&l->so->f[F_IPQOS_INTERACTIVE], a, NULL, l->o);
		setv(&l->so->f[F_IPQOS_BULK], b, NULL, l->o);
	}
	return 0;
}

static int
h_authcommand(struct lc *l, enum fld f, bool bug)
{
	const char *s = arg0(l);

	if (*s != '/' && strcasecmp(s, "none") != 0)
		return die(l, "%.*s must be an absolute path",
		    (int)l->ln->keyword_len, l->ln->keyword);
	/* 8.7 .. 9.3 test AuthorizedKeysCommand for both keywords */
	if (*l->activep && !l->so->f[bug ? F_AKC : f].set) {
		const char *d = sdup(l->ev, s);

		if (d == NULL)
			return SL_ENOMEM;
		setv(&l->so->f[f], 0, d, l->o);
	}
	return 0;
}

static int do_include(struct lc *l);

/* One line; 0, STOP or SL_ENOMEM. */
static int
process_line(struct lc *l)
{
	struct ev *ev = l->ev;
	const struct sl_line *ln = l->ln;
	const struct sl_keyword *kw;
	struct sopts *so = l->so;
	bool matchable;
	const char *s, *p;
	long v;
	int r;

	if ((ln->kind != SL_LINE_DIRECTIVE && ln->kind != SL_LINE_INCLUDE) ||
	    ln->keyword == NULL || ln->nargs == 0 ||
	    (ln->flags & (SL_LF_INVALID_QUOTES | SL_LF_NUL |
	    SL_LF_KW_UNTERMINATED | SL_LF_EMPTY_KEYWORD)))
		return 0;	/* lines sshd skips or refuses (lint errors) */
	if (++ev->budget > LINE_BUDGET)
		return fail(ev, l->o, "the configuration includes too many "
		    "files too often to be evaluated");
	kw = sl_kw_lookup(SL_DIALECT_SSHD, ln->keyword, ln->keyword_len,
	    ev->version);
	if (kw == NULL)
		return 0;	/* Bad configuration option (a lint error) */
	matchable = kw->match_since != 0 && kw->match_since <= ev->version;
	if (!*l->activep && !matchable) {
		if (!l->ci)
			return die(l, "Directive '%.*s' is not allowed "
			    "within a Match block", (int)ln->keyword_len,
			    ln->keyword);
		return 0;	/* applied at startup already */
	}
	if (kw->flags & SL_KWF_MATCH) {
		int value = 0;

		if ((r = match_line(l, (*l->flags & NEVERMATCH) ? false :
		    l->ci, &value)) != 0)
			return r;
		*l->activep = (*l->flags & NEVERMATCH) ? 0 : value;
		*l->flags &= ~MATCH_ONLY;
		return 0;
	}
	if (kw->flags & SL_KWF_INCLUDE)
		return do_include(l);
	s = arg0(l);

	switch ((enum sl_opt)kw->opt) {
	case SL_OPT_SSHD_USEPAM:
		return h_flag(l, F_USE_PAM);
	case SL_OPT_SSHD_PORT:
		return h_port(l);
	case SL_OPT_SSHD_LOGINGRACETIME:
		return h_time(l, F_LOGIN_GRACE_TIME, s);
	case SL_OPT_SSHD_LISTENADDRESS:
		return h_listenaddress(l);
	case SL_OPT_SSHD_ADDRESSFAMILY:
		return h_multistate(l, F_ADDRESS_FAMILY, ms_af, true);
	case SL_OPT_SSHD_HOSTKEY:
		if (*l->activep) {
			if ((r = derelativise(ev, l->o, s, &p)) != 0)
				return r;
			return arr_add(&so->a[A_HOSTKEY], p, NULL, 0, l->o);
		}
		return 0;
	case SL_OPT_SSHD_HOSTCERTIFICATE:
		if (*l->activep) {
			if ((r = derelativise(ev, l->o, s, &p)) != 0)
				return r;
			return arr_add(&so->a[A_HOSTCERT], p, NULL, 0, l->o);
		}
		return 0;
	case SL_OPT_SSHD_HOSTKEYAGENT:
		if (*l->activep && !so->f[F_HOSTKEY_AGENT].set) {
			if (strcmp(s, "SSH_AUTH_SOCK") == 0)
				p = sdup(ev, s);
			else if ((r = derelativise(ev, l->o, s, &p)) != 0)
				return r;
			if (p == NULL)
				return SL_ENOMEM;
			setv(&so->f[F_HOSTKEY_AGENT], 0, p, l->o);
		}
		return 0;
	case SL_OPT_SSHD_PIDFILE:
		return h_filename(l, F_PID_FILE);
	case SL_OPT_SSHD_MODULIFILE:
		return h_filename(l, F_MODULI_FILE);
	case SL_OPT_SSHD_XAUTHLOCATION:
		return h_filename(l, F_XAUTH_LOCATION);
	case SL_OPT_SSHD_BANNER:
		return h_filename(l, F_BANNER);
	case SL_OPT_SSHD_TRUSTEDUSERCAKEYS:
		return h_filename(l, F_TRUSTED_CA);
	case SL_OPT_SSHD_REVOKEDKEYS:
		return h_filename(l, F_REVOKED_KEYS);
	case SL_OPT_SSHD_PERMITROOTLOGIN:
		return h_multistate(l, F_PERMIT_ROOT_LOGIN, ms_root, true);
	case SL_OPT_SSHD_IGNORERHOSTS:
		return h_multistate(l, F_IGNORE_RHOSTS, ms_rhosts, true);
	case SL_OPT_SSHD_IGNOREUSERKNOWNHOSTS:
		return h_flag(l, F_IGNORE_USER_KNOWN_HOSTS);
	case SL_OPT_SSHD_HOSTBASEDAUTHENTICATION:
		return h_flag(l, F_HOSTBASED_AUTH);
	case SL_OPT_SSHD_HOSTBASEDUSESNAMEFROMPACKETONLY:
		return h_flag(l, F_HOSTBASED_PKT_NAME);
	case SL_OPT_SSHD_HOSTBASEDACCEPTEDALGORITHMS:
		return h_str(l, F_HOSTBASED_ALGS, s);
	case SL_OPT_SSHD_HOSTKEYALGORITHMS:
		return h_str(l, F_HOSTKEY_ALGS, s);
	case SL_OPT_SSHD_CASIGNATUREALGORITHMS:
		return h_str(l, F_CA_SIGN_ALGS, s);
	case SL_OPT_SSHD_PUBKEYACCEPTEDALGORITHMS:
		return h_str(l, F_PUBKEY_ALGS, s);
	case SL_OPT_SSHD_PUBKEYAUTHENTICATION:
		return h_flag(l, F_PUBKEY_AUTH);
	case SL_OPT_SSHD_PUBKEYAUTHOPTIONS: {
		uint32_t i;
		int bits = 0;

		for (i = 0; i < ln->nargs; i++) {
			const char *a = ln->args[i].val;

			if (strcasecmp(a, "touch-required") == 0)
				bits |= 1;
			else if (strcasecmp(a, "verify-required") == 0)
				bits |= 2;
			else if (strcasecmp(a, "none") != 0)
				return 0;	/* error, counted */
		}
		if (*l->activep && !so->f[F_PUBKEY_AUTH_OPTIONS].set)
			setv(&so->f[F_PUBKEY_AUTH_OPTIONS], bits, NULL, l->o);
		return 0;
	}
	case SL_OPT_SSHD_KERBEROSAUTHENTICATION:
		return h_flag(l, F_KERBEROS_AUTH);
	case SL_OPT_SSHD_KERBEROSORLOCALPASSWD:
		return h_flag(l, F_KERBEROS_OR_LOCAL_PASSWD);
	case SL_OPT_SSHD_KERBEROSTICKETCLEANUP:
		return h_flag(l, F_KERBEROS_TICKET_CLEANUP);
	case SL_OPT_SSHD_GSSAPIAUTHENTICATION:
		return h_flag(l, F_GSS_AUTH);
	case SL_OPT_SSHD_GSSAPICLEANUPCREDENTIALS:
		return h_flag(l, F_GSS_CLEANUP_CREDS);
	case SL_OPT_SSHD_GSSAPISTRICTACCEPTORCHECK:
		return h_flag(l, F_GSS_STRICT_ACCEPTOR);
	case SL_OPT_SSHD_GSSAPIKEYEXCHANGE:
		return h_flag(l, F_GSS_KEYEX);
	case SL_OPT_SSHD_GSSAPISTORECREDENTIALSONREKEY:
		return h_flag(l, F_GSS_STORE_REKEY);
	case SL_OPT_SSHD_GSSAPIDELEGATECREDENTIALS:
		return h_flag(l, F_GSS_DELEG_CREDS);
	case SL_OPT_SSHD_GSSAPIKEXALGORITHMS:
		return h_str(l, F_GSS_KEX_ALGS, s);
	case SL_OPT_SSHD_PASSWORDAUTHENTICATION:
		return h_flag(l, F_PASSWORD_AUTH);
	case SL_OPT_SSHD_KBDINTERACTIVEAUTHENTICATION:
		return h_flag(l, F_KBDINT_AUTH);
	case SL_OPT_SSHD_CHALLENGERESPONSEAUTHENTICATION:
		return h_flag(l, F_CHALLENGE_AUTH);
	case SL_OPT_SSHD_PRINTMOTD:
		return h_flag(l, F_PRINT_MOTD);
	case SL_OPT_SSHD_PRINTLASTLOG:
		return h_flag(l, F_PRINT_LASTLOG);
	case SL_OPT_SSHD_X11FORWARDING:
		return h_flag(l, F_X11_FORWARDING);
	case SL_OPT_SSHD_X11DISPLAYOFFSET:
		return h_int(l, F_X11_DISPLAY_OFFSET);
	case SL_OPT_SSHD_X11USELOCALHOST:
		return h_flag(l, F_X11_USE_LOCALHOST);
	case SL_OPT_SSHD_PERMITTTY:
		return h_flag(l, F_PERMIT_TTY);
	case SL_OPT_SSHD_PERMITUSERRC:
		return h_flag(l, F_PERMIT_USER_RC);
	case SL_OPT_SSHD_STRICTMODES:
		return h_flag(l, F_STRICT_MODES);
	case SL_OPT_SSHD_TCPKEEPALIVE:
		return h_flag(l, F_TCP_KEEP_ALIVE);
	case SL_OPT_SSHD_PERMITEMPTYPASSWORDS:
		return h_flag(l, F_PERMIT_EMPTY_PASSWD);
	case SL_OPT_SSHD_PERMITUSERENVIRONMENT:
		if (*l->activep && !so->f[F_PERMIT_USER_ENV].set) {
			if (strcmp(s, "yes") == 0)
				setv(&so->f[F_PERMIT_USER_ENV], 1, NULL, l->o);
			else if (strcmp(s, "no") == 0)
				setv(&so->f[F_PERMIT_USER_ENV], 0, NULL, l->o);
			else {
				if ((p = sdup(ev, s)) == NULL)
					return SL_ENOMEM;
				setv(&so->f[F_PERMIT_USER_ENV], 1, NULL, l->o);
				setv(&so->f[F_PUE_ALLOWLIST], 0, p, l->o);
			}
		}
		return 0;
	case SL_OPT_SSHD_COMPRESSION:
		return h_multistate(l, F_COMPRESSION, ms_comp, true);
	case SL_OPT_SSHD_REKEYLIMIT:
		return h_rekeylimit(l);
	case SL_OPT_SSHD_GATEWAYPORTS:
		return h_multistate(l, F_GATEWAY_PORTS, ms_gw, true);
	case SL_OPT_SSHD_USEDNS:
		return h_flag(l, F_USE_DNS);
	case SL_OPT_SSHD_SYSLOGFACILITY:
		if ((v = ms_parse(ms_facility, s, true)) == -1)
			return die(l, "unsupported log facility '%s'", s);
		/* no activity test in 9.2 */
		if (!so->f[F_LOG_FACILITY].set)
			setv(&so->f[F_LOG_FACILITY], v, NULL, l->o);
		return 0;
	case SL_OPT_SSHD_LOGLEVEL:
		if ((v = ms_parse(ev->debian ? ms_level_deb : ms_level, s,
		    true)) == -1)
			return die(l, "unsupported log level '%s'", s);
		if (*l->activep && !so->f[F_LOG_LEVEL].set)
			setv(&so->f[F_LOG_LEVEL], v, NULL, l->o);
		return 0;
	case SL_OPT_SSHD_LOGVERBOSE:
		return h_firstline(l, A_LOG_VERBOSE);
	case SL_OPT_SSHD_ALLOWTCPFORWARDING:
		return h_multistate(l, F_ALLOW_TCP_FWD, ms_fwd, true);
	case SL_OPT_SSHD_ALLOWSTREAMLOCALFORWARDING:
		return h_multistate(l, F_ALLOW_STREAMLOCAL_FWD, ms_fwd, true);
	case SL_OPT_SSHD_ALLOWAGENTFORWARDING:
		return h_flag(l, F_ALLOW_AGENT_FWD);
	case SL_OPT_SSHD_DISABLEFORWARDING:
		return h_flag(l, F_DISABLE_FORWARDING);
	case SL_OPT_SSHD_ALLOWUSERS:
		return h_append(l, A_ALLOW_USERS);
	case SL_OPT_SSHD_DENYUSERS:
		return h_append(l, A_DENY_USERS);
	case SL_OPT_SSHD_ALLOWGROUPS:
		return h_append(l, A_ALLOW_GROUPS);
	case SL_OPT_SSHD_DENYGROUPS:
		return h_append(l, A_DENY_GROUPS);
	case SL_OPT_SSHD_CIPHERS:
		/* no activity test (global-only keyword) */
		if (!so->f[F_CIPHERS].set && (p = sdup(ev, s)) != NULL)
			setv(&so->f[F_CIPHERS], 0, p, l->o);
		return so->f[F_CIPHERS].set ? 0 : SL_ENOMEM;
	case SL_OPT_SSHD_MACS:
		if (!so->f[F_MACS].set && (p = sdup(ev, s)) != NULL)
			setv(&so->f[F_MACS], 0, p, l->o);
		return so->f[F_MACS].set ? 0 : SL_ENOMEM;
	case SL_OPT_SSHD_KEXALGORITHMS:
		if (!so->f[F_KEX].set && (p = sdup(ev, s)) != NULL)
			setv(&so->f[F_KEX], 0, p, l->o);
		return so->f[F_KEX].set ? 0 : SL_ENOMEM;
	case SL_OPT_SSHD_SUBSYSTEM:
		return h_subsystem(l);
	case SL_OPT_SSHD_MAXSTARTUPS:
		if (ev->version >= V(10, 1) && (!*l->activep ||
		    so->f[F_MAX_STARTUPS].set))
			return 0;
		return h_maxstartups(l);
	case SL_OPT_SSHD_PERSOURCENETBLOCKSIZE:
		return h_netblock(l);
	case SL_OPT_SSHD_PERSOURCEMAXSTARTUPS:
		if (strcmp(s, "none") == 0)
			v = INT_MAX;
		else if ((v = atoi_ok(s)) < 0)
			return die(l, "%.*s integer value invalid.",
			    (int)ln->keyword_len, ln->keyword);
		if (*l->activep && (ev->version < V(9, 5) ||
		    !so->f[F_PER_SOURCE_MAX_STARTUPS].set))
			setv(&so->f[F_PER_SOURCE_MAX_STARTUPS], v, NULL,
			    l->o);
		return 0;
	case SL_OPT_SSHD_MAXAUTHTRIES:
		return h_int(l, F_MAX_AUTHTRIES);
	case SL_OPT_SSHD_MAXSESSIONS:
		return h_int(l, F_MAX_SESSIONS);
	case SL_OPT_SSHD_CLIENTALIVEINTERVAL:
		return h_time(l, F_CLIENT_ALIVE_INTERVAL, s);
	case SL_OPT_SSHD_CLIENTALIVECOUNTMAX:
		return h_int(l, F_CLIENT_ALIVE_COUNT_MAX);
	case SL_OPT_SSHD_AUTHORIZEDKEYSFILE:
		return h_authkeysfile(l);
	case SL_OPT_SSHD_AUTHORIZEDPRINCIPALSFILE:
		if (*l->activep && !so->f[F_AUTH_PRINC_FILE].set) {
			if ((r = tilde(l, s, &p)) != 0)
				return r;
			setv(&so->f[F_AUTH_PRINC_FILE], 0, p, l->o);
		}
		return 0;
	case SL_OPT_SSHD_ACCEPTENV:
		return h_append(l, A_ACCEPT_ENV);
	case SL_OPT_SSHD_SETENV:
		return h_setenv(l);
	case SL_OPT_SSHD_PERMITTUNNEL:
		return h_multistate(l, F_PERMIT_TUN, ms_tun, false);
	case SL_OPT_SSHD_PERMITOPEN:
		return h_permitopen(l, A_PERMIT_OPEN);
	case SL_OPT_SSHD_PERMITLISTEN:
		return h_permitopen(l, A_PERMIT_LISTEN);
	case SL_OPT_SSHD_FORCECOMMAND:
		return h_str(l, F_FORCE_COMMAND, s);
	case SL_OPT_SSHD_CHROOTDIRECTORY:
		return h_str(l, F_CHROOT, s);
	case SL_OPT_SSHD_SECURITYKEYPROVIDER:
		if (*l->activep && !so->f[F_SK_PROVIDER].set) {
			if (strcasecmp(s, "internal") == 0)
				p = sdup(ev, s);
			else if ((r = derelativise(ev, l->o, s, &p)) != 0)
				return r;
			if (p == NULL)
				return SL_ENOMEM;
			setv(&so->f[F_SK_PROVIDER], 0, p, l->o);
		}
		return 0;
	case SL_OPT_SSHD_IPQOS:
		return h_ipqos(l);
	case SL_OPT_SSHD_VERSIONADDENDUM:
		if (strchr(s, '\r') != NULL)
			return die(l, "Invalid %.*s argument",
			    (int)ln->keyword_len, ln->keyword);
		return h_str(l, F_VERSION_ADDENDUM,
		    strcasecmp(s, "none") == 0 ? "" : s);
	case SL_OPT_SSHD_AUTHORIZEDKEYSCOMMAND:
		return h_authcommand(l, F_AKC, false);
	case SL_OPT_SSHD_AUTHORIZEDPRINCIPALSCOMMAND:
		return h_authcommand(l, F_APC, kw->mult == SL_MULT_LAST);
	case SL_OPT_SSHD_AUTHORIZEDKEYSCOMMANDUSER:
		return h_str(l, F_AKC_USER, s);
	case SL_OPT_SSHD_AUTHORIZEDPRINCIPALSCOMMANDUSER:
		return h_str(l, F_APC_USER, s);
	case SL_OPT_SSHD_AUTHENTICATIONMETHODS:
		return h_authmethods(l);
	case SL_OPT_SSHD_STREAMLOCALBINDMASK: {
		char *end;

		errno = 0;
		v = strtol(s, &end, 8);
		if (s == end || v < 0 || v > 0777)
			return die(l, "Invalid %.*s.", (int)ln->keyword_len,
			    ln->keyword);
		if (*l->activep)
			setv(&so->f[F_STREAMLOCAL_BIND_MASK], v, NULL, l->o);
		return 0;
	}
	case SL_OPT_SSHD_STREAMLOCALBINDUNLINK:
		return h_flag(l, F_STREAMLOCAL_BIND_UNLINK);
	case SL_OPT_SSHD_FINGERPRINTHASH:
		if ((v = ms_parse(ms_hash, s, true)) == -1)
			return die(l, "Invalid %.*s algorithm \"%s\".",
			    (int)ln->keyword_len, ln->keyword, s);
		if (*l->activep)
			setv(&so->f[F_FINGERPRINT_HASH], v, NULL, l->o);
		return 0;
	case SL_OPT_SSHD_EXPOSEAUTHINFO:
		return h_flag(l, F_EXPOSE_AUTH_INFO);
	case SL_OPT_SSHD_RDOMAIN:
		/* not supported on Linux: fatal even where inactive */
		return die(l, "setting RDomain not supported on this "
		    "platform.");
	case SL_OPT_SSHD_REQUIREDRSASIZE:
		return h_int(l, F_REQUIRED_RSA_SIZE);
	case SL_OPT_SSHD_CHANNELTIMEOUT:
		return h_firstline(l, A_CHANNEL_TIMEOUT);
	case SL_OPT_SSHD_UNUSEDCONNECTIONTIMEOUT:
		if (strcasecmp(s, "none") == 0) {
			if (*l->activep)
				setv(&so->f[F_UNUSED_CONN_TIMEOUT], 0, NULL,
				    l->o);
			return 0;
		}
		return h_time(l, F_UNUSED_CONN_TIMEOUT, s);
	case SL_OPT_SSHD_DEBIANBANNER:
		return h_flag(l, F_DEBIAN_BANNER);
	case SL_OPT_SSHD_REFUSECONNECTION:
		return h_flag(l, F_REFUSE_CONNECTION);
	case SL_OPT_SSHD_PAMSERVICENAME:
		return h_str(l, F_PAM_SERVICE, s);
	case SL_OPT_SSHD_SSHDSESSIONPATH:
		return h_str(l, F_SSHD_SESSION_PATH, s);
	case SL_OPT_SSHD_SSHDAUTHPATH:
		return h_str(l, F_SSHD_AUTH_PATH, s);
	case SL_OPT_SSHD_PERSOURCEPENALTYEXEMPTLIST:
		return h_str(l, F_PENALTY_EXEMPT, s);
	case SL_OPT_SSHD_PERSOURCEPENALTIES:
		return h_str(l, F_PENALTIES, s);
	default:
		return 0;	/* deprecated, unsupported, ignored */
	}
}

/* An sshd_config source loaded by the walk, by its file identity. */
static const struct sl_source *
find_source(const struct ev *ev, const char *path)
{
	struct stat st;
	size_t i;

	if (stat(path, &st) != 0)
		return NULL;
	for (i = 0; i < ev->ctx->nsrc; i++) {
		const struct sl_source *s = ev->ctx->src[i];

		if (s->data != NULL && s->cst != NULL && s->dev == st.st_dev &&
		    s->ino == st.st_ino && s->dialect == SL_DIALECT_SSHD)
			return s;
	}
	return NULL;
}

/*
 * Include: every argument is globbed (relative to /etc/ssh) and each
 * file read in the includer's state, which is restored afterwards. sshd
 * caches the glob by pattern; re-reading gives the same files in the same
 * order, so globbing again is equivalent.
 */
static int
do_include(struct lc *l)
{
	struct ev *ev = l->ev;
	const struct sl_line *ln = l->ln;
	const struct sl_source *child;
	const char *why;
	char *pat;
	glob_t gl;
	uint32_t i;
	size_t g;
	int oactive, r = 0, gr;

	for (i = 0; i < ln->nargs; i++) {
		if (ln->args[i].val[0] == '\0')
			return 0;	/* empty argument: error, counted */
		pat = NULL;
		if (sl_include_pattern(ev->opts, SL_DIALECT_SSHD, false,
		    ln->args[i].val, &pat, &why) != 0) {
			sl_free(pat);
			if (why == NULL)
				return SL_ENOMEM;
			continue;
		}
		oactive = *l->activep;
		memset(&gl, 0, sizeof(gl));
		gr = glob(pat, 0, NULL, &gl);
		if (gr != 0 && gr != GLOB_NOMATCH) {
			r = die(l, "include \"%s\" glob failed", pat);
			globfree(&gl);
			sl_free(pat);
			return r;
		}
		for (g = 0; gr == 0 && g < gl.gl_pathc &&
		    g < SL_MAX_GLOB_MATCHES; g++) {
			if ((child = find_source(ev, gl.gl_pathv[g])) == NULL)
				continue;	/* unreadable: a lint error */
			r = parse_file(ev, l->so, child->id, child->path,
			    (*l->flags & MATCH_ONLY) ? MATCH_ONLY :
			    (oactive ? 0 : NEVERMATCH), l->activep,
			    l->depth + 1, l->ci);
			*l->activep = oactive;
			if (r != 0)
				break;
		}
		globfree(&gl);
		sl_free(pat);
		if (r != 0)
			return r;
	}
	return 0;
}

static int
parse_file(struct ev *ev, struct sopts *so, uint32_t id, const char *fname,
    int flags, int *activep, int depth, bool ci)
{
	const struct sl_source *src = ev->ctx->src[id];
	struct lc l;
	uint32_t i;
	int r;

	memset(&l, 0, sizeof(l));
	l.o.source_id = (int32_t)id;
	if (depth < 0 || depth > SL_MAX_INCLUDE_DEPTH)
		return fail(ev, l.o, "Too many recursive configuration "
		    "includes");
	if (src->cst == NULL)
		return 0;
	l.ev = ev;
	l.so = so;
	l.fname = fname;
	l.activep = activep;
	l.flags = &flags;
	l.depth = depth;
	l.ci = ci;
	for (i = 0; i < src->cst->nlines; i++) {
		l.ln = &src->cst->lines[i];
		l.o.line = i;
		if ((r = process_line(&l)) != 0)
			return r;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* After the startup parse */

static int
add_listen(struct ev *ev, struct sopts *so, const char *addr, int port,
    struct sl_origin o)
{
	struct addrinfo hints, *ai, *top = NULL;
	char strport[16], host[NI_MAXHOST], serv[NI_MAXSERV];
	size_t first = so->a[A_LISTEN].n, n, i;
	int gaierr, r = 0;
	char *s;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = so->f[F_ADDRESS_FAMILY].n == 1 ? AF_INET :
	    so->f[F_ADDRESS_FAMILY].n == 2 ? AF_INET6 : AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = addr == NULL ? AI_PASSIVE : 0;
	snprintf(strport, sizeof(strport), "%d", port);
	if ((gaierr = getaddrinfo(addr, strport, &hints, &top)) != 0)
		return fail(ev, o, "bad addr or host: %s (%s)",
		    addr ? addr : "<NULL>", gaierr == EAI_SYSTEM && errno ?
		    strerror(errno) : gai_strerror(gaierr));
	for (ai = top; ai != NULL; ai = ai->ai_next) {
		if (getnameinfo(ai->ai_addr, ai->ai_addrlen, host,
		    sizeof(host), serv, sizeof(serv),
		    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
			continue;
		s = fmt(ev, ai->ai_family == AF_INET6 ? "[%s]:%s" : "%s:%s",
		    host, serv);
		if (s == NULL || arr_add(&so->a[A_LISTEN], s, NULL, 0, o)) {
			r = SL_ENOMEM;
			break;
		}
	}
	freeaddrinfo(top);
	/* sshd prints the addresses of one lookup in reverse order */
	n = so->a[A_LISTEN].n;
	for (i = 0; r == 0 && i < (n - first) / 2; i++) {
		struct item t = so->a[A_LISTEN].v[first + i];

		so->a[A_LISTEN].v[first + i] = so->a[A_LISTEN].v[n - 1 - i];
		so->a[A_LISTEN].v[n - 1 - i] = t;
	}
	return r;
}

static int
add_listen_ports(struct ev *ev, struct sopts *so, const char *addr,
    int port, struct sl_origin o)
{
	size_t i;
	int r;

	if (port > 0)
		return add_listen(ev, so, addr, port, o);
	for (i = 0; i < so->a[A_PORT].n; i++)
		if ((r = add_listen(ev, so, addr, so->a[A_PORT].v[i].n, o)) !=
		    0)
			return r;
	return 0;
}

/* process_queued_listen_addrs() */
static int
queued_listens(struct ev *ev, struct sopts *so)
{
	const struct arr *q = &so->a[A_QLISTEN];
	size_t i;
	int r;

	if (so->a[A_PORT].n == 0 &&
	    (r = arr_add(&so->a[A_PORT], NULL, NULL, 22, o_default)) != 0)
		return r;
	if (!so->f[F_ADDRESS_FAMILY].set)
		setv(&so->f[F_ADDRESS_FAMILY], 0, NULL, o_default);
	for (i = 0; i < q->n; i++)
		if ((r = add_listen_ports(ev, so, q->v[i].s, q->v[i].n,
		    q->v[i].o)) != 0)
			return r;
	return 0;
}

static const struct {
	enum fld f;
	enum sl_algo_opt ao;
	const char *name;	/* ServerOptions field, for the message */
} algo_fields[] = {
	{ F_CIPHERS, SL_AO_CIPHERS, "ciphers" },
	{ F_MACS, SL_AO_MACS, "macs" },
	{ F_KEX, SL_AO_KEX, "kex_algorithms" },
	{ F_HOSTKEY_ALGS, SL_AO_HOSTKEY, "hostkeyalgorithms" },
	{ F_HOSTBASED_ALGS, SL_AO_HOSTBASED, "hostbased_accepted_algos" },
	{ F_PUBKEY_ALGS, SL_AO_PUBKEY, "pubkey_accepted_algos" },
	{ F_CA_SIGN_ALGS, SL_AO_CASIG, "ca_sign_algorithms" },
};

/* servconf.c assemble_algorithms() */
static int
assemble(struct ev *ev, struct sopts *so)
{
	size_t i;
	char *out;
	const char *d;
	int r;

	for (i = 0; i < sizeof(algo_fields) / sizeof(*algo_fields); i++) {
		struct val *v = &so->f[algo_fields[i].f];

		if (algo_fields[i].f == F_CA_SIGN_ALGS &&
		    ev->version < V(7, 9))
			continue;
		r = sl_algo_assemble(ev->version, true, algo_fields[i].ao,
		    v->s, true, &out);
		if (r == SL_EINVAL)
			return fail(ev, v->o, "assemble_algorithms: %s: "
			    "invalid argument", algo_fields[i].name);
		if (r != 0)
			return SL_ENOMEM;
		d = sdup(ev, out);
		sl_free(out);
		if (d == NULL)
			return SL_ENOMEM;
		v->s = d;
		v->set = true;
	}
	return 0;
}

static void
dflt(struct sopts *so, enum fld f, long long n)
{
	if (!so->f[f].set)
		setv(&so->f[f], n, NULL, o_default);
}

static int
dflt_str(struct ev *ev, struct sopts *so, enum fld f, const char *s)
{
	if (!so->f[f].set) {
		const char *d = sdup(ev, s);

		if (d == NULL)
			return SL_ENOMEM;
		setv(&so->f[f], 0, d, o_default);
	}
	return 0;
}

static void
clear_on_none(struct sopts *so, enum fld f)
{
	if (so->f[f].s != NULL && strcasecmp(so->f[f].s, "none") == 0)
		so->f[f].s = NULL;
}

static void
clear_array(struct arr *a, const char *none)
{
	if (a->n == 1 && strcasecmp(a->v[0].s, none) == 0) {
		a->cleared = a->v[0].o;
		a->n = 0;
	}
}

/* fill_default_server_options() */
static int
fill_defaults(struct ev *ev, struct sopts *so)
{
	static const char *const keys[] = {
		"/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_dsa_key",
		"/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key",
	};
	int v = ev->version, r, qi, qb;
	struct sl_namelist gl;
	struct sl_strbuf sb = SL_STRBUF_INIT;
	size_t i;

	dflt(so, F_USE_PAM, 0);
	if (so->a[A_HOSTKEY].n == 0) {
		for (i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
			if (i == 1 && v >= V(7, 7))
				continue;
			if (arr_add(&so->a[A_HOSTKEY], keys[i], NULL, 0,
			    o_default) != 0)
				return SL_ENOMEM;
		}
	}
	if (so->a[A_PORT].n == 0 &&
	    arr_add(&so->a[A_PORT], NULL, NULL, 22, o_default) != 0)
		return SL_ENOMEM;
	dflt(so, F_ADDRESS_FAMILY, 0);
	if (so->a[A_LISTEN].n == 0 &&
	    (r = add_listen_ports(ev, so, NULL, 0, o_default)) != 0)
		return r;
	if ((r = dflt_str(ev, so, F_PID_FILE, "/run/sshd.pid")) != 0 ||
	    (r = dflt_str(ev, so, F_MODULI_FILE, "/etc/ssh/moduli")) != 0 ||
	    (r = dflt_str(ev, so, F_XAUTH_LOCATION, "/usr/bin/xauth")) != 0 ||
	    (r = dflt_str(ev, so, F_SK_PROVIDER, "internal")) != 0 ||
	    (r = dflt_str(ev, so, F_VERSION_ADDENDUM, "")) != 0)
		return r;
	dflt(so, F_LOGIN_GRACE_TIME, 120);
	dflt(so, F_PERMIT_ROOT_LOGIN, 1);
	dflt(so, F_IGNORE_RHOSTS, 1);
	dflt(so, F_IGNORE_USER_KNOWN_HOSTS, 0);
	dflt(so, F_PRINT_MOTD, 1);
	dflt(so, F_PRINT_LASTLOG, 1);
	dflt(so, F_X11_FORWARDING, 0);
	dflt(so, F_X11_DISPLAY_OFFSET, 10);
	dflt(so, F_X11_USE_LOCALHOST, 1);
	dflt(so, F_PERMIT_TTY, 1);
	dflt(so, F_PERMIT_USER_RC, 1);
	dflt(so, F_STRICT_MODES, 1);
	dflt(so, F_TCP_KEEP_ALIVE, 1);
	dflt(so, F_LOG_FACILITY, 2);
	dflt(so, F_LOG_LEVEL, 3);
	dflt(so, F_HOSTBASED_AUTH, 0);
	dflt(so, F_HOSTBASED_PKT_NAME, 0);
	dflt(so, F_PUBKEY_AUTH, 1);
	dflt(so, F_PUBKEY_AUTH_OPTIONS, 0);
	dflt(so, F_KERBEROS_AUTH, 0);
	dflt(so, F_KERBEROS_OR_LOCAL_PASSWD, 1);
	dflt(so, F_KERBEROS_TICKET_CLEANUP, 1);
	dflt(so, F_GSS_AUTH, 0);
	dflt(so, F_GSS_CLEANUP_CREDS, 1);
	dflt(so, F_GSS_STRICT_ACCEPTOR, 1);
	dflt(so, F_GSS_KEYEX, 0);
	dflt(so, F_GSS_STORE_REKEY, 0);
	dflt(so, F_GSS_DELEG_CREDS, 0);
	dflt(so, F_PASSWORD_AUTH, 1);
	dflt(so, F_KBDINT_AUTH, 1);
	dflt(so, F_CHALLENGE_AUTH, 1);
	dflt(so, F_PERMIT_EMPTY_PASSWD, 0);
	dflt(so, F_PERMIT_USER_ENV, 0);
	dflt(so, F_COMPRESSION, 2);
	dflt(so, F_REKEY_LIMIT, 0);
	dflt(so, F_REKEY_INTERVAL, 0);
	dflt(so, F_ALLOW_TCP_FWD, 3);
	dflt(so, F_ALLOW_STREAMLOCAL_FWD, 3);
	dflt(so, F_ALLOW_AGENT_FWD, 1);
	dflt(so, F_GATEWAY_PORTS, 0);
	dflt(so, F_MAX_STARTUPS, 100);
	dflt(so, F_MAX_STARTUPS_RATE, 30);
	dflt(so, F_MAX_STARTUPS_BEGIN, 10);
	dflt(so, F_PER_SOURCE_MAX_STARTUPS, INT_MAX);
	dflt(so, F_PER_SOURCE_V4, 32);
	dflt(so, F_PER_SOURCE_V6, 128);
	dflt(so, F_MAX_AUTHTRIES, 6);
	dflt(so, F_MAX_SESSIONS, 10);
	dflt(so, F_USE_DNS, 0);
	dflt(so, F_CLIENT_ALIVE_INTERVAL, 0);
	dflt(so, F_CLIENT_ALIVE_COUNT_MAX, 3);
	if (so->a[A_AUTHKEYS_FILES].n == 0 &&
	    (arr_add(&so->a[A_AUTHKEYS_FILES], ".ssh/authorized_keys", NULL, 0,
	    o_default) != 0 || arr_add(&so->a[A_AUTHKEYS_FILES],
	    ".ssh/authorized_keys2", NULL, 0, o_default) != 0))
		return SL_ENOMEM;
	dflt(so, F_PERMIT_TUN, 0);
	/* IPQoS: lowdelay throughput before 7.8 and in Debian's 9.2 */
	if (v < V(7, 8) || ev->debian) {
		qi = 0x10;
		qb = 0x08;
	} else if (v < V(10, 1)) {
		qi = 0x48;
		qb = 0x20;
	} else {
		qi = 0xb8;
		qb = 0x00;
	}
	dflt(so, F_IPQOS_INTERACTIVE, qi);
	dflt(so, F_IPQOS_BULK, qb);
	dflt(so, F_STREAMLOCAL_BIND_MASK, 0177);
	dflt(so, F_STREAMLOCAL_BIND_UNLINK, 0);
	dflt(so, F_FINGERPRINT_HASH, 2);
	dflt(so, F_DISABLE_FORWARDING, 0);
	dflt(so, F_EXPOSE_AUTH_INFO, 0);
	dflt(so, F_REQUIRED_RSA_SIZE, 1024);
	dflt(so, F_UNUSED_CONN_TIMEOUT, 0);
	dflt(so, F_REFUSE_CONNECTION, 0);
	if ((r = dflt_str(ev, so, F_PAM_SERVICE, "sshd")) != 0 ||
	    (r = dflt_str(ev, so, F_SSHD_SESSION_PATH,
	    "/usr/lib/openssh/sshd-session")) != 0 ||
	    (r = dflt_str(ev, so, F_SSHD_AUTH_PATH,
	    "/usr/lib/openssh/sshd-auth")) != 0)
		return r;
	if (!so->f[F_GSS_KEX_ALGS].set) {
		gl = sl_algo_gss_kex_default(v, true);
		for (i = 0; i < gl.n; i++) {
			if (i)
				sl_strbuf_addc(&sb, ',');
			sl_strbuf_adds(&sb, gl.names[i]);
		}
		if (sb.failed) {
			sl_strbuf_release(&sb);
			return SL_ENOMEM;
		}
		r = dflt_str(ev, so, F_GSS_KEX_ALGS, sb.buf ? sb.buf : "");
		sl_strbuf_release(&sb);
		if (r != 0)
			return r;
	}
	if ((r = assemble(ev, so)) != 0)
		return r;
	clear_on_none(so, F_PID_FILE);
	clear_on_none(so, F_XAUTH_LOCATION);
	clear_on_none(so, F_BANNER);
	clear_on_none(so, F_TRUSTED_CA);
	clear_on_none(so, F_REVOKED_KEYS);
	clear_on_none(so, F_SK_PROVIDER);
	clear_on_none(so, F_AUTH_PRINC_FILE);
	clear_on_none(so, F_FORCE_COMMAND);
	clear_on_none(so, F_CHROOT);
	clear_on_none(so, F_RDOMAIN);
	clear_on_none(so, F_HOSTKEY_AGENT);
	clear_on_none(so, F_PENALTY_EXEMPT);
	for (i = 0; i < so->a[A_HOSTKEY].n; i++)
		if (strcasecmp(so->a[A_HOSTKEY].v[i].s, "none") == 0)
			so->a[A_HOSTKEY].v[i].s = NULL;
	for (i = 0; i < so->a[A_HOSTCERT].n; i++)
		if (strcasecmp(so->a[A_HOSTCERT].v[i].s, "none") == 0)
			so->a[A_HOSTCERT].v[i].s = NULL;
	clear_array(&so->a[A_CHANNEL_TIMEOUT], "none");
	clear_array(&so->a[A_AUTH_METHODS], "any");
	return 0;
}

/* auth2.c auth2_methods_valid(list, need_enable=1) */
static bool
methods_enabled(const struct sopts *so, const char *list, bool debian)
{
	const char *p = list, *e, *c;
	size_t n;

	if (*list == '\0')
		return false;
	for (;;) {
		bool ok;

		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		if ((c = memchr(p, ':', n)) != NULL)
			n = (size_t)(c - p);
#define IS(s) (n == sizeof(s) - 1 && memcmp(p, s, n) == 0)
		if (IS("none"))
			ok = true;
		else if (IS("publickey"))
			ok = so->f[F_PUBKEY_AUTH].n != 0;
		else if (IS("gssapi-with-mic") ||
		    (debian && IS("gssapi-keyex")))
			ok = so->f[F_GSS_AUTH].n != 0;
		else if (IS("password"))
			ok = so->f[F_PASSWORD_AUTH].n != 0;
		else if (IS("keyboard-interactive"))
			ok = so->f[F_KBDINT_AUTH].n != 0;
		else if (IS("hostbased"))
			ok = so->f[F_HOSTBASED_AUTH].n != 0;
		else
			ok = false;
#undef IS
		if (!ok)
			return false;
		if (e == NULL)
			return true;
		p = e + 1;
	}
}

/* The checks of sshd.c main() after fill_default_server_options(). */
static int
startup_checks(struct ev *ev, const struct sopts *so)
{
	const struct val *f = so->f;
	const struct arr *am = &so->a[A_AUTH_METHODS];
	size_t i;

	if (f[F_AKC_USER].s == NULL && f[F_AKC].s != NULL &&
	    strcasecmp(f[F_AKC].s, "none") != 0)
		return fail(ev, f[F_AKC].o, "AuthorizedKeysCommand set "
		    "without AuthorizedKeysCommandUser");
	if (f[F_APC_USER].s == NULL && f[F_APC].s != NULL &&
	    strcasecmp(f[F_APC].s, "none") != 0)
		return fail(ev, f[F_APC].o, "AuthorizedPrincipalsCommand set "
		    "without AuthorizedPrincipalsCommandUser");
	if (am->n == 0)
		return 0;
	for (i = 0; i < am->n; i++)
		if (methods_enabled(so, am->v[i].s, ev->debian))
			return 0;
	return fail(ev, am->v[0].o, "AuthenticationMethods cannot be "
	    "satisfied by enabled authentication methods");
}

/* ------------------------------------------------------------------ */
/* copy_set_server_options() */

static const enum fld copy_int[] = {
	F_PASSWORD_AUTH, F_GSS_AUTH, F_PUBKEY_AUTH, F_PUBKEY_AUTH_OPTIONS,
	F_KERBEROS_AUTH, F_HOSTBASED_AUTH, F_HOSTBASED_PKT_NAME,
	F_KBDINT_AUTH, F_PERMIT_ROOT_LOGIN, F_PERMIT_EMPTY_PASSWD,
	F_IGNORE_RHOSTS, F_ALLOW_TCP_FWD, F_ALLOW_STREAMLOCAL_FWD,
	F_ALLOW_AGENT_FWD, F_DISABLE_FORWARDING, F_EXPOSE_AUTH_INFO,
	F_PERMIT_TUN, F_GATEWAY_PORTS, F_STREAMLOCAL_BIND_UNLINK,
	F_X11_DISPLAY_OFFSET, F_X11_FORWARDING, F_X11_USE_LOCALHOST,
	F_PERMIT_TTY, F_PERMIT_USER_RC, F_MAX_SESSIONS, F_MAX_AUTHTRIES,
	F_CLIENT_ALIVE_COUNT_MAX, F_CLIENT_ALIVE_INTERVAL,
	F_IPQOS_INTERACTIVE, F_IPQOS_BULK, F_REKEY_LIMIT, F_REKEY_INTERVAL,
	F_LOG_LEVEL, F_REQUIRED_RSA_SIZE, F_UNUSED_CONN_TIMEOUT,
	F_STREAMLOCAL_BIND_MASK, F_REFUSE_CONNECTION, F_CHALLENGE_AUTH,
};
static const enum fld copy_str[] = {
	F_BANNER, F_TRUSTED_CA, F_REVOKED_KEYS, F_AKC, F_AKC_USER,
	F_AUTH_PRINC_FILE, F_APC, F_APC_USER, F_HOSTBASED_ALGS,
	F_PUBKEY_ALGS, F_CA_SIGN_ALGS, F_RDOMAIN, F_PUE_ALLOWLIST,
	F_PAM_SERVICE,
};
static const enum arrid copy_arr[] = {
	A_AUTHKEYS_FILES, A_ALLOW_USERS, A_DENY_USERS, A_ALLOW_GROUPS,
	A_DENY_GROUPS, A_ACCEPT_ENV, A_SETENV, A_AUTH_METHODS, A_PERMIT_OPEN,
	A_PERMIT_LISTEN, A_CHANNEL_TIMEOUT, A_LOG_VERBOSE,
};

static int
copy_set(struct ev *ev, struct sopts *dst, struct sopts *src)
{
	size_t i, k;
	int r;

	for (i = 0; i < sizeof(copy_int) / sizeof(*copy_int); i++)
		if (src->f[copy_int[i]].set)
			dst->f[copy_int[i]] = src->f[copy_int[i]];
	for (i = 0; i < sizeof(copy_str) / sizeof(*copy_str); i++)
		if (src->f[copy_str[i]].s != NULL)
			dst->f[copy_str[i]] = src->f[copy_str[i]];
	for (i = 0; i < sizeof(copy_arr) / sizeof(*copy_arr); i++) {
		struct arr *d = &dst->a[copy_arr[i]];
		const struct arr *s = &src->a[copy_arr[i]];

		if (s->n == 0)
			continue;
		d->n = 0;
		for (k = 0; k < s->n; k++)
			if (arr_add(d, s->v[k].s, s->v[k].s2, s->v[k].n,
			    s->v[k].o) != 0)
				return SL_ENOMEM;
	}
	if (ev->version >= V(9, 5) && src->a[A_SUBSYSTEM].n != 0) {
		/* 9.5: Subsystem is Match-able and copied as well */
		struct arr *d = &dst->a[A_SUBSYSTEM];

		d->n = 0;
		for (k = 0; k < src->a[A_SUBSYSTEM].n; k++) {
			const struct item *it = &src->a[A_SUBSYSTEM].v[k];

			if (arr_add(d, it->s, it->s2, 0, it->o) != 0)
				return SL_ENOMEM;
		}
	}
	if ((r = assemble(ev, dst)) != 0)
		return r;
	if (src->f[F_FORCE_COMMAND].s != NULL)
		dst->f[F_FORCE_COMMAND] = src->f[F_FORCE_COMMAND];
	clear_on_none(dst, F_FORCE_COMMAND);
	if (src->f[F_CHROOT].s != NULL)
		dst->f[F_CHROOT] = src->f[F_CHROOT];
	clear_on_none(dst, F_CHROOT);
	return 0;
}

/* ------------------------------------------------------------------ */
/* dump_config() */

struct dumper {
	struct ev *ev;
	const struct sopts *so;
	int r;
};

static bool
has(const struct ev *ev, enum sl_opt opt)
{
	return ev->have_opt[opt];
}

static void
put(struct dumper *d, enum sl_opt opt, const char *key, const char *value,
    struct sl_origin o)
{
	/* 10.5 prints the keywords as spelt in its table */
	if (d->ev->version >= V(10, 5) && d->ev->name[opt] != NULL)
		key = d->ev->name[opt];
	if (d->r == 0)
		d->r = sl_eff_add(d->ev->out, (int)opt, key, value, o);
}

static void
put_int(struct dumper *d, enum sl_opt opt, const char *key, enum fld f)
{
	char buf[32];

	if (!has(d->ev, opt))
		return;
	snprintf(buf, sizeof(buf), "%lld", d->so->f[f].n);
	put(d, opt, key, buf, d->so->f[f].o);
}

static void
put_ms(struct dumper *d, enum sl_opt opt, const char *key, enum fld f,
    const struct ms *m)
{
	if (!has(d->ev, opt))
		return;
	put(d, opt, key, ms_name(m, d->so->f[f].n), d->so->f[f].o);
}

static void
put_flag(struct dumper *d, enum sl_opt opt, const char *key, enum fld f)
{
	put_ms(d, opt, key, f, ms_flag);
}

static void
put_str(struct dumper *d, enum sl_opt opt, const char *key, enum fld f)
{
	const struct val *v = &d->so->f[f];

	if (!has(d->ev, opt))
		return;
	put(d, opt, key, v->s != NULL ? v->s : "none", v->o);
}

static void
put_arr(struct dumper *d, enum sl_opt opt, const char *key, enum arrid a)
{
	const struct arr *ar = &d->so->a[a];
	size_t i;

	if (!has(d->ev, opt))
		return;
	for (i = 0; i < ar->n; i++)
		put(d, opt, key, ar->v[i].s != NULL ? ar->v[i].s : "(null)",
		    ar->v[i].o);
}

/* One line, elements separated by blanks; `empty` when there are none
 * (NULL: no line). */
static void
put_oneline(struct dumper *d, enum sl_opt opt, const char *key,
    enum arrid a, const char *empty)
{
	const struct arr *ar = &d->so->a[a];
	struct sl_strbuf sb = SL_STRBUF_INIT;
	size_t i;

	if (!has(d->ev, opt) || (ar->n == 0 && empty == NULL))
		return;
	for (i = 0; i < ar->n; i++) {
		if (i)
			sl_strbuf_addc(&sb, ' ');
		sl_strbuf_adds(&sb, ar->v[i].s);
	}
	if (ar->n == 0)
		sl_strbuf_adds(&sb, empty);
	if (sb.failed) {
		if (d->r == 0)
			d->r = SL_ENOMEM;
	} else
		put(d, opt, key, sb.buf ? sb.buf : "", ar->n ? ar->v[0].o :
		    ar->cleared);
	sl_strbuf_release(&sb);
}

static int
dump(struct ev *ev, const struct sopts *so)
{
	struct dumper d = { ev, so, 0 };
	const struct val *f = so->f;
	char buf[64];
	size_t i;
	int v = ev->version;

#define O(x) SL_OPT_SSHD_##x
	for (i = 0; i < so->a[A_PORT].n; i++) {
		snprintf(buf, sizeof(buf), "%d", so->a[A_PORT].v[i].n);
		put(&d, O(PORT), "port", buf, so->a[A_PORT].v[i].o);
	}
	put_ms(&d, O(ADDRESSFAMILY), "addressfamily", F_ADDRESS_FAMILY,
	    ms_af);
	put_arr(&d, O(LISTENADDRESS), "listenaddress", A_LISTEN);
	put_flag(&d, O(USEPAM), "usepam", F_USE_PAM);
	if (v >= V(9, 8))
		put_str(&d, O(PAMSERVICENAME), "pamservicename",
		    F_PAM_SERVICE);
	put_int(&d, O(LOGINGRACETIME), "logingracetime", F_LOGIN_GRACE_TIME);
	put_int(&d, O(X11DISPLAYOFFSET), "x11displayoffset",
	    F_X11_DISPLAY_OFFSET);
	put_int(&d, O(MAXAUTHTRIES), "maxauthtries", F_MAX_AUTHTRIES);
	put_int(&d, O(MAXSESSIONS), "maxsessions", F_MAX_SESSIONS);
	put_int(&d, O(CLIENTALIVEINTERVAL), "clientaliveinterval",
	    F_CLIENT_ALIVE_INTERVAL);
	put_int(&d, O(CLIENTALIVECOUNTMAX), "clientalivecountmax",
	    F_CLIENT_ALIVE_COUNT_MAX);
	put_int(&d, O(REQUIREDRSASIZE), "requiredrsasize",
	    F_REQUIRED_RSA_SIZE);
	snprintf(buf, sizeof(buf), "0%llo",
	    (unsigned long long)f[F_STREAMLOCAL_BIND_MASK].n);
	put(&d, O(STREAMLOCALBINDMASK), "streamlocalbindmask", buf,
	    f[F_STREAMLOCAL_BIND_MASK].o);
	if (has(ev, O(UNUSEDCONNECTIONTIMEOUT))) {
		if (f[F_UNUSED_CONN_TIMEOUT].n == 0)
			put(&d, O(UNUSEDCONNECTIONTIMEOUT),
			    "unusedconnectiontimeout", "none",
			    f[F_UNUSED_CONN_TIMEOUT].o);
		else
			put_int(&d, O(UNUSEDCONNECTIONTIMEOUT),
			    "unusedconnectiontimeout",
			    F_UNUSED_CONN_TIMEOUT);
	}
	put_ms(&d, O(PERMITROOTLOGIN), "permitrootlogin",
	    F_PERMIT_ROOT_LOGIN, v >= V(10, 1) ? ms_root101 : ms_root);
	put_ms(&d, O(IGNORERHOSTS), "ignorerhosts", F_IGNORE_RHOSTS,
	    ms_rhosts);
	put_flag(&d, O(IGNOREUSERKNOWNHOSTS), "ignoreuserknownhosts",
	    F_IGNORE_USER_KNOWN_HOSTS);
	put_flag(&d, O(HOSTBASEDAUTHENTICATION), "hostbasedauthentication",
	    F_HOSTBASED_AUTH);
	put_flag(&d, O(HOSTBASEDUSESNAMEFROMPACKETONLY),
	    "hostbasedusesnamefrompacketonly", F_HOSTBASED_PKT_NAME);
	put_flag(&d, O(PUBKEYAUTHENTICATION), "pubkeyauthentication",
	    F_PUBKEY_AUTH);
	put_flag(&d, O(KERBEROSAUTHENTICATION), "kerberosauthentication",
	    F_KERBEROS_AUTH);
	put_flag(&d, O(KERBEROSORLOCALPASSWD), "kerberosorlocalpasswd",
	    F_KERBEROS_OR_LOCAL_PASSWD);
	put_flag(&d, O(KERBEROSTICKETCLEANUP), "kerberosticketcleanup",
	    F_KERBEROS_TICKET_CLEANUP);
	put_flag(&d, O(GSSAPIAUTHENTICATION), "gssapiauthentication",
	    F_GSS_AUTH);
	put_flag(&d, O(GSSAPICLEANUPCREDENTIALS), "gssapicleanupcredentials",
	    F_GSS_CLEANUP_CREDS);
	if (ev->debian) {
		/* Debian's GSSAPI key exchange patch */
		put_flag(&d, O(GSSAPIKEYEXCHANGE), "gssapikeyexchange",
		    F_GSS_KEYEX);
		put_flag(&d, O(GSSAPISTRICTACCEPTORCHECK),
		    "gssapistrictacceptorcheck", F_GSS_STRICT_ACCEPTOR);
		put_flag(&d, O(GSSAPISTORECREDENTIALSONREKEY),
		    "gssapistorecredentialsonrekey", F_GSS_STORE_REKEY);
		put_str(&d, O(GSSAPIKEXALGORITHMS), "gssapikexalgorithms",
		    F_GSS_KEX_ALGS);
	} else if (v >= V(10, 3)) {
		put_flag(&d, O(GSSAPIDELEGATECREDENTIALS),
		    "gssapidelegatecredentials", F_GSS_DELEG_CREDS);
		put_flag(&d, O(GSSAPISTRICTACCEPTORCHECK),
		    "gssapistrictacceptorcheck", F_GSS_STRICT_ACCEPTOR);
	}
	put_flag(&d, O(PASSWORDAUTHENTICATION), "passwordauthentication",
	    F_PASSWORD_AUTH);
	put_flag(&d, O(KBDINTERACTIVEAUTHENTICATION),
	    "kbdinteractiveauthentication", F_KBDINT_AUTH);
	if (v < V(8, 7))
		put_flag(&d, O(CHALLENGERESPONSEAUTHENTICATION),
		    "challengeresponseauthentication", F_CHALLENGE_AUTH);
	put_flag(&d, O(PRINTMOTD), "printmotd", F_PRINT_MOTD);
	put_flag(&d, O(PRINTLASTLOG), "printlastlog", F_PRINT_LASTLOG);
	put_flag(&d, O(X11FORWARDING), "x11forwarding", F_X11_FORWARDING);
	put_flag(&d, O(X11USELOCALHOST), "x11uselocalhost",
	    F_X11_USE_LOCALHOST);
	put_flag(&d, O(PERMITTTY), "permittty", F_PERMIT_TTY);
	put_flag(&d, O(PERMITUSERRC), "permituserrc", F_PERMIT_USER_RC);
	put_flag(&d, O(STRICTMODES), "strictmodes", F_STRICT_MODES);
	put_flag(&d, O(TCPKEEPALIVE), "tcpkeepalive", F_TCP_KEEP_ALIVE);
	put_flag(&d, O(PERMITEMPTYPASSWORDS), "permitemptypasswords",
	    F_PERMIT_EMPTY_PASSWD);
	put_ms(&d, O(COMPRESSION), "compression", F_COMPRESSION, ms_comp);
	put_ms(&d, O(GATEWAYPORTS), "gatewayports", F_GATEWAY_PORTS, ms_gw);
	put_flag(&d, O(USEDNS), "usedns", F_USE_DNS);
	put_ms(&d, O(ALLOWTCPFORWARDING), "allowtcpforwarding",
	    F_ALLOW_TCP_FWD, ms_fwd);
	put_flag(&d, O(ALLOWAGENTFORWARDING), "allowagentforwarding",
	    F_ALLOW_AGENT_FWD);
	put_flag(&d, O(DISABLEFORWARDING), "disableforwarding",
	    F_DISABLE_FORWARDING);
	put_ms(&d, O(ALLOWSTREAMLOCALFORWARDING),
	    "allowstreamlocalforwarding", F_ALLOW_STREAMLOCAL_FWD, ms_fwd);
	put_flag(&d, O(STREAMLOCALBINDUNLINK), "streamlocalbindunlink",
	    F_STREAMLOCAL_BIND_UNLINK);
	put_ms(&d, O(FINGERPRINTHASH), "fingerprinthash", F_FINGERPRINT_HASH,
	    ms_hash);
	put_flag(&d, O(EXPOSEAUTHINFO), "exposeauthinfo", F_EXPOSE_AUTH_INFO);
	if (v >= V(9, 9))
		put_flag(&d, O(REFUSECONNECTION), "refuseconnection",
		    F_REFUSE_CONNECTION);
	put_str(&d, O(PIDFILE), "pidfile", F_PID_FILE);
	put_str(&d, O(MODULIFILE), "modulifile", F_MODULI_FILE);
	put_str(&d, O(XAUTHLOCATION), "xauthlocation", F_XAUTH_LOCATION);
	put_str(&d, O(CIPHERS), "ciphers", F_CIPHERS);
	put_str(&d, O(MACS), "macs", F_MACS);
	put_str(&d, O(BANNER), "banner", F_BANNER);
	put_str(&d, O(FORCECOMMAND), "forcecommand", F_FORCE_COMMAND);
	put_str(&d, O(CHROOTDIRECTORY), "chrootdirectory", F_CHROOT);
	put_str(&d, O(TRUSTEDUSERCAKEYS), "trustedusercakeys", F_TRUSTED_CA);
	if (v < V(10, 3))
		put_str(&d, O(REVOKEDKEYS), "revokedkeys", F_REVOKED_KEYS);
	put_str(&d, O(SECURITYKEYPROVIDER), "securitykeyprovider",
	    F_SK_PROVIDER);
	put_str(&d, O(AUTHORIZEDPRINCIPALSFILE), "authorizedprincipalsfile",
	    F_AUTH_PRINC_FILE);
	if (has(ev, O(VERSIONADDENDUM)))
		put(&d, O(VERSIONADDENDUM), "versionaddendum",
		    f[F_VERSION_ADDENDUM].s == NULL ||
		    *f[F_VERSION_ADDENDUM].s == '\0' ? "none" :
		    f[F_VERSION_ADDENDUM].s, f[F_VERSION_ADDENDUM].o);
	put_str(&d, O(AUTHORIZEDKEYSCOMMAND), "authorizedkeyscommand", F_AKC);
	put_str(&d, O(AUTHORIZEDKEYSCOMMANDUSER), "authorizedkeyscommanduser",
	    F_AKC_USER);
	put_str(&d, O(AUTHORIZEDPRINCIPALSCOMMAND),
	    "authorizedprincipalscommand", F_APC);
	put_str(&d, O(AUTHORIZEDPRINCIPALSCOMMANDUSER),
	    "authorizedprincipalscommanduser", F_APC_USER);
	put_str(&d, O(HOSTKEYAGENT), "hostkeyagent", F_HOSTKEY_AGENT);
	put_str(&d, O(KEXALGORITHMS), "kexalgorithms", F_KEX);
	put_str(&d, O(CASIGNATUREALGORITHMS), "casignaturealgorithms",
	    F_CA_SIGN_ALGS);
	put_str(&d, O(HOSTBASEDACCEPTEDALGORITHMS),
	    "hostbasedacceptedalgorithms", F_HOSTBASED_ALGS);
	put_str(&d, O(HOSTKEYALGORITHMS), "hostkeyalgorithms",
	    F_HOSTKEY_ALGS);
	put_str(&d, O(PUBKEYACCEPTEDALGORITHMS), "pubkeyacceptedalgorithms",
	    F_PUBKEY_ALGS);
	if (v >= V(9, 8)) {
		put_str(&d, O(SSHDSESSIONPATH), "sshdsessionpath",
		    F_SSHD_SESSION_PATH);
		put_str(&d, O(SSHDAUTHPATH), "sshdauthpath",
		    F_SSHD_AUTH_PATH);
		put_str(&d, O(PERSOURCEPENALTYEXEMPTLIST),
		    "persourcepenaltyexemptlist", F_PENALTY_EXEMPT);
	}
	put(&d, O(LOGLEVEL), "loglevel", ms_name(ev->debian ? ms_level_deb :
	    ms_level, f[F_LOG_LEVEL].n), f[F_LOG_LEVEL].o);
	put(&d, O(SYSLOGFACILITY), "syslogfacility", ms_name(ms_facility,
	    f[F_LOG_FACILITY].n), f[F_LOG_FACILITY].o);
	put_oneline(&d, O(AUTHORIZEDKEYSFILE), "authorizedkeysfile",
	    A_AUTHKEYS_FILES, NULL);
	if (v >= V(10, 3) && has(ev, O(REVOKEDKEYS)) &&
	    f[F_REVOKED_KEYS].s != NULL)
		put_str(&d, O(REVOKEDKEYS), "revokedkeys", F_REVOKED_KEYS);
	put_arr(&d, O(HOSTKEY), "hostkey", A_HOSTKEY);
	put_arr(&d, O(HOSTCERTIFICATE), "hostcertificate", A_HOSTCERT);
	put_arr(&d, O(ALLOWUSERS), "allowusers", A_ALLOW_USERS);
	put_arr(&d, O(DENYUSERS), "denyusers", A_DENY_USERS);
	put_arr(&d, O(ALLOWGROUPS), "allowgroups", A_ALLOW_GROUPS);
	put_arr(&d, O(DENYGROUPS), "denygroups", A_DENY_GROUPS);
	put_arr(&d, O(ACCEPTENV), "acceptenv", A_ACCEPT_ENV);
	put_arr(&d, O(SETENV), "setenv", A_SETENV);
	put_oneline(&d, O(AUTHENTICATIONMETHODS), "authenticationmethods",
	    A_AUTH_METHODS, "any");
	put_oneline(&d, O(LOGVERBOSE), "logverbose", A_LOG_VERBOSE, NULL);
	put_oneline(&d, O(CHANNELTIMEOUT), "channeltimeout",
	    A_CHANNEL_TIMEOUT, NULL);
	for (i = 0; i < so->a[A_SUBSYSTEM].n; i++) {
		const struct item *it = &so->a[A_SUBSYSTEM].v[i];
		const char *val = fmt(ev, "%s %s", it->s, it->s2);

		if (val == NULL) {
			d.r = SL_ENOMEM;
			break;
		}
		put(&d, O(SUBSYSTEM), "subsystem", val, it->o);
	}
	snprintf(buf, sizeof(buf), "%lld:%lld:%lld",
	    f[F_MAX_STARTUPS_BEGIN].n, f[F_MAX_STARTUPS_RATE].n,
	    f[F_MAX_STARTUPS].n);
	put(&d, O(MAXSTARTUPS), "maxstartups", buf, f[F_MAX_STARTUPS].o);
	if (has(ev, O(PERSOURCEMAXSTARTUPS))) {
		if (f[F_PER_SOURCE_MAX_STARTUPS].n == INT_MAX)
			put(&d, O(PERSOURCEMAXSTARTUPS), "persourcemaxstartups",
			    "none", f[F_PER_SOURCE_MAX_STARTUPS].o);
		else
			put_int(&d, O(PERSOURCEMAXSTARTUPS),
			    "persourcemaxstartups",
			    F_PER_SOURCE_MAX_STARTUPS);
	}
	if (has(ev, O(PERSOURCENETBLOCKSIZE))) {
		snprintf(buf, sizeof(buf), "%lld:%lld", f[F_PER_SOURCE_V4].n,
		    f[F_PER_SOURCE_V6].n);
		put(&d, O(PERSOURCENETBLOCKSIZE), "persourcenetblocksize", buf,
		    f[F_PER_SOURCE_V4].o);
	}
	put_ms(&d, O(PERMITTUNNEL), "permittunnel", F_PERMIT_TUN, ms_tun);
	{
		char a[8], b[8];

		snprintf(buf, sizeof(buf), "%s %s",
		    iptos2str(f[F_IPQOS_INTERACTIVE].n, a, sizeof(a)),
		    iptos2str(f[F_IPQOS_BULK].n, b, sizeof(b)));
	}
	put(&d, O(IPQOS), "ipqos", buf, f[F_IPQOS_INTERACTIVE].o);
	snprintf(buf, sizeof(buf), "%llu %lld",
	    (unsigned long long)f[F_REKEY_LIMIT].n, f[F_REKEY_INTERVAL].n);
	put(&d, O(REKEYLIMIT), "rekeylimit", buf,
	    f[F_REKEY_LIMIT].o.source_id != SL_ORIGIN_DEFAULT ?
	    f[F_REKEY_LIMIT].o : f[F_REKEY_INTERVAL].o);
	put_oneline(&d, O(PERMITOPEN), "permitopen", A_PERMIT_OPEN, "any");
	put_oneline(&d, O(PERMITLISTEN), "permitlisten", A_PERMIT_LISTEN,
	    "any");
	if (f[F_PUE_ALLOWLIST].s != NULL)
		put(&d, O(PERMITUSERENVIRONMENT), "permituserenvironment",
		    f[F_PUE_ALLOWLIST].s, f[F_PUE_ALLOWLIST].o);
	else
		put_flag(&d, O(PERMITUSERENVIRONMENT),
		    "permituserenvironment", F_PERMIT_USER_ENV);
	if (has(ev, O(PUBKEYAUTHOPTIONS))) {
		long long b = f[F_PUBKEY_AUTH_OPTIONS].n;

		snprintf(buf, sizeof(buf), "%s%s%s", b == 0 ? " none" : "",
		    (b & 1) ? " touch-required" : "",
		    (b & 2) ? " verify-required" : "");
		put(&d, O(PUBKEYAUTHOPTIONS), "pubkeyauthoptions", buf + 1,
		    f[F_PUBKEY_AUTH_OPTIONS].o);
	}
#undef O
	return d.r;
}

/* ------------------------------------------------------------------ */

static void
find_options(struct ev *ev)
{
	const struct sl_keyword *t;
	size_t n, i;

	t = sl_kw_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].dialect != SL_DIALECT_SSHD || t[i].opt == SL_OPT_NONE ||
		    (t[i].since != 0 && ev->version < t[i].since) ||
		    (t[i].until != 0 && ev->version >= t[i].until))
			continue;
		ev->have_opt[t[i].opt] = true;
		if (!(t[i].flags & SL_KWF_ALIAS) && ev->name[t[i].opt] == NULL)
			ev->name[t[i].opt] = t[i].name;
	}
}

static int
evaluate(struct ev *ev, uint32_t top_id, const char *const *hostkeys,
    size_t nhostkeys)
{
	const struct sl_source *top = ev->ctx->src[top_id];
	struct sopts so, mo;
	const char *p;
	size_t i;
	int active, r;

	sopts_init(&so);
	sopts_init(&mo);
	/* sshd -h, before the file */
	for (i = 0; i < nhostkeys; i++) {
		if ((r = derelativise(ev, o_cmdline, hostkeys[i], &p)) != 0 ||
		    (r = arr_add(&so.a[A_HOSTKEY], p, NULL, 0, o_cmdline)) != 0)
			goto out;
	}
	active = 1;
	if ((r = parse_file(ev, &so, top_id, top->path, 0, &active, 0,
	    false)) != 0 || (r = queued_listens(ev, &so)) != 0 ||
	    (r = fill_defaults(ev, &so)) != 0 ||
	    (r = startup_checks(ev, &so)) != 0)
		goto out;
	/* -T: the connection pass, blank connection without -C */
	active = 0;
	if ((r = parse_file(ev, &mo, top_id, "reprocess config", MATCH_ONLY,
	    &active, 0, true)) != 0 || (r = copy_set(ev, &so, &mo)) != 0)
		goto out;
	r = dump(ev, &so);
 out:
	sopts_free(&so);
	sopts_free(&mo);
	return r;
}

int
sl_eval_server_src(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    uint32_t top_id, int version, const struct sl_conn_spec *spec,
    const char *const *hostkeys, size_t nhostkeys, struct sl_eff *out)
{
	static const struct sl_conn_spec blank;
	struct ev *ev;
	int r;

	sl_eff_reset(out);
	out->version = version;
	if (ctx == NULL || top_id >= ctx->nsrc || ctx->src[top_id] == NULL)
		return SL_EINVAL;
	if ((ev = sl_calloc(1, sizeof(*ev))) == NULL) {
		out->oom = true;
		return SL_ENOMEM;
	}
	ev->ctx = ctx;
	ev->opts = opts;
	ev->version = version;
	ev->debian = sl_algo_gss_kex_default(version, true).n > 0;
	ev->out = out;
	ev->spec = spec != NULL ? spec : &blank;
	find_options(ev);
	if (ev->spec->lport != NULL &&
	    (ev->lport = a2port(ev->spec->lport)) == -1) {
		r = fail(ev, o_cmdline, "Invalid port '%s' in test mode "
		    "specification lport=%s", ev->spec->lport,
		    ev->spec->lport);
	} else
		r = evaluate(ev, top_id, hostkeys, nhostkeys);
	if (r == STOP)
		out->nitems = 0;	/* sshd printed nothing */
	sl_arena_release(&ev->ar);
	sl_free(ev);
	if (r == SL_ENOMEM)
		out->oom = true;
	return r == SL_ENOMEM ? SL_ENOMEM : 0;
}
