/*
 * Validity checks of a configuration tree: per line (keyword known to the
 * targeted releases, dialect, Match scope, Host/Match syntax, quotes) and
 * Include resolution, walking every file in the context OpenSSH reads it
 * in. Argument grammars are in values.c.
 */
#include "lint/source.h"

#include <errno.h>
#include <glob.h>
#include <grp.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/match.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "lint/util/strbuf.h"
#include "lint/values.h"

struct walk {
	struct sl_ctx *ctx;
	const struct sl_lint_options *opts;
	struct sl_check_state *state;
	int vmin, vmax;
	const int *rel;		/* releases in [vmin, vmax] */
	size_t nrel;
	/* include stack for cycle detection */
	struct sl_source *stack[SL_MAX_INCLUDE_DEPTH + 2];
	int depth;
	/* ssh IgnoreUnknown seen in a context that always applies */
	char *ignore_unknown;
	/* sshd: global AuthorizedKeys/PrincipalsCommand and their users */
	struct cmd_user {
		struct sl_source *src;
		const struct sl_line *cmd;	/* effective command line */
		bool user_set;
	} akc, apc;
	/* sshd: files already read for an Include pattern (servconf.c keeps
	 * them and reuses them instead of globbing again) */
	struct inc_cache {
		char *selector;
		struct sl_source *src;	/* NULL: pattern matched nothing */
	} *cache;
	size_t ncache, capcache;
	/* sshd: AddressFamily and the ListenAddress lines, resolved by sshd
	 * only after the whole file is read */
	const struct sl_line *family;
	struct listen {
		struct sl_source *src;
		const struct sl_line *ln;
	} *listen;
	size_t nlisten, caplisten;
	bool rereading;		/* sshd cycle: lines read again, no Include */
};

/* Match criteria of each dialect and the release that added them. */
struct criterion {
	const char *name;
	int since;
	bool noarg;
};

static const struct criterion ssh_criteria[] = {
	{ "all", 0, true },
	{ "canonical", 0, true },
	{ "final", 0, true },
	{ "host", 0, false },
	{ "originalhost", 0, false },
	{ "user", 0, false },
	{ "localuser", 0, false },
	{ "exec", 0, false },
	{ "localnetwork", SL_VERSION(9, 4), false },
	{ "tagged", SL_VERSION(9, 4), false },
	{ "version", SL_VERSION(10, 0), false },
	{ "sessiontype", SL_VERSION(10, 0), false },
	{ "command", SL_VERSION(10, 0), false },
	{ NULL, 0, false },
};

static const struct criterion sshd_criteria[] = {
	{ "all", 0, true },
	{ "user", 0, false },
	{ "group", 0, false },
	{ "host", 0, false },
	{ "address", 0, false },
	{ "localaddress", 0, false },
	{ "localport", 0, false },
	{ "rdomain", 0, false },
	{ "invalid-user", SL_VERSION(9, 9), true },
	{ "version", SL_VERSION(10, 0), false },
	{ NULL, 0, false },
};

static const char *
vstr(int v, char *buf, size_t len)
{
	return sl_version_str(v, buf, len);
}

/* "7.4" or "7.4..8.4" for the releases of the range where pred is false */
static void
describe_releases(const struct walk *w, const bool *ok, struct sl_strbuf *sb)
{
	char a[16], b[16];
	size_t i, j;
	bool first = true;

	for (i = 0; i < w->nrel; i++) {
		if (ok[i])
			continue;
		for (j = i; j + 1 < w->nrel && !ok[j + 1]; j++)
			;
		if (!first)
			sl_strbuf_adds(sb, ", ");
		first = false;
		if (i == j)
			sl_strbuf_adds(sb, vstr(w->rel[i], a, sizeof(a)));
		else
			sl_strbuf_addf(sb, "%s..%s", vstr(w->rel[i], a,
			    sizeof(a)), vstr(w->rel[j], b, sizeof(b)));
		i = j;
	}
}

static bool
in_block(const struct sl_file *f, const struct sl_line *ln)
{
	return f->blocks[ln->block].header >= 0;
}

/*
 * sshd: is `ln` in Match scope, where global-only keywords are fatal? At
 * startup sshd evaluates Match lines without a connection: every criterion
 * is false except 'all', so a 'Match all' block is active and its
 * directives are taken as global ones (servconf.c checks the scope only
 * for inactive blocks).
 */
static bool
sshd_match_scope(const struct sl_file *f, const struct sl_line *ln)
{
	const struct sl_block *b = &f->blocks[ln->block];
	const struct sl_line *h;

	if (b->header < 0 || &f->lines[b->header] == ln)
		return false;
	h = &f->lines[b->header];
	return !(h->nargs >= 1 && strcasecmp(h->args[0].val, "all") == 0);
}

static uint32_t
kw_start(const struct sl_line *ln)
{
	return ln->tok[ln->kw_tok].start;
}

static uint32_t
kw_end(const struct sl_line *ln)
{
	return ln->tok[ln->kw_tok].end;
}

/* Match criteria (both dialects; 9.2 tokenisation is in the CST). */
static void
check_match(struct walk *w, struct sl_source *s, const struct sl_line *ln)
{
	const struct criterion *tab = s->dialect == SL_DIALECT_SSH ?
	    ssh_criteria : sshd_criteria;
	const struct criterion *c;
	struct sl_diags *d = &w->ctx->diags;
	const struct sl_arg *a, *arg;
	char vb[16];
	const char *name;
	uint32_t i, attributes = 0;
	bool negate;

	for (i = 0; i < ln->nargs; i++) {
		a = &ln->args[i];
		name = a->val;
		negate = name[0] == '!';
		if (negate && s->dialect == SL_DIALECT_SSH)
			name++;
		for (c = tab; c->name != NULL; c++)
			if (strcasecmp(c->name, name) == 0)
				break;
		if (c->name == NULL || c->since > w->vmax) {
			sl_diag_add(d, SL_RULE_BAD_MATCH, s->id, a->start,
			    a->end, "unsupported Match criterion '%s'%s", a->val,
			    negate && s->dialect == SL_DIALECT_SSHD ?
			    " (sshd does not negate criteria; negate inside "
			    "the pattern list instead)" : "");
			return;
		}
		if (c->since > w->vmin) {
			sl_diag_add(d, SL_RULE_BAD_MATCH, s->id, a->start,
			    a->end, "Match criterion '%s' is not supported "
			    "before OpenSSH %s", a->val,
			    vstr(c->since, vb, sizeof(vb)));
		}
		if (strcasecmp(name, "all") == 0) {
			bool bad = s->dialect == SL_DIALECT_SSHD ?
			    attributes > 0 : attributes > 1;

			if (bad || i + 1 < ln->nargs) {
				sl_diag_add(d, SL_RULE_BAD_MATCH, s->id,
				    a->start, a->end, "'%s' cannot be combined "
				    "with other Match attributes", a->val);
			}
			return;
		}
		attributes++;
		if (c->noarg)
			continue;
		if (i + 1 >= ln->nargs || ln->args[i + 1].len == 0) {
			sl_diag_add(d, SL_RULE_BAD_MATCH, s->id, a->start,
			    a->end, "missing argument for Match criterion "
			    "'%s'", a->val);
			return;
		}
		arg = &ln->args[++i];
		if (s->dialect == SL_DIALECT_SSHD &&
		    (strcasecmp(name, "address") == 0 ||
		    strcasecmp(name, "localaddress") == 0)) {
			if (sl_addr_match_list(NULL, arg->val) != 0)
				sl_diag_add(d, SL_RULE_BAD_MATCH, s->id,
				    arg->start, arg->end, "invalid Match %s "
				    "argument '%s'", name, arg->val);
		} else if (s->dialect == SL_DIALECT_SSHD &&
		    strcasecmp(name, "localport") == 0) {
			char *end;
			long p = strtol(arg->val, &end, 10);

			if (*arg->val == '\0' || *end != '\0' || p < 0 ||
			    p > 65535)
				p = getservbyname(arg->val, "tcp") != NULL ?
				    0 : -1;
			if (p < 0)
				sl_diag_add(d, SL_RULE_BAD_MATCH, s->id,
				    arg->start, arg->end, "invalid Match "
				    "LocalPort '%s'", arg->val);
		} else if (s->dialect == SL_DIALECT_SSH &&
		    strcasecmp(name, "exec") == 0) {
			const char *p;

			for (p = strchr(arg->val, '%'); p != NULL;
			    p = strchr(p + 2, '%')) {
				if (p[1] == '\0' ||
				    strchr("%CLdhklnpru" "i", p[1]) == NULL) {
					sl_diag_add(d, SL_RULE_BAD_MATCH, s->id,
					    arg->start, arg->end, "unknown "
					    "token '%%%c' in Match exec",
					    p[1] ? p[1] : ' ');
					break;
				}
				if (p[1] == '\0')
					break;
			}
			sl_diag_add(d, SL_RULE_MATCH_EXEC, s->id, a->start,
			    arg->end, "'Match exec' cannot be evaluated "
			    "without running '%s'", arg->val);
		}
	}
	if (ln->flags & SL_LF_MATCH_UNCONSUMED) {
		sl_diag_add(d, SL_RULE_EXTRA_ARGUMENTS, s->id,
		    ln->nargs ? ln->args[ln->nargs - 1].end : ln->args_start,
		    ln->content_end, "garbage at end of Match line");
		return;
	}
	if (attributes == 0 && ln->nargs == 0)
		sl_diag_add(d, SL_RULE_BAD_MATCH, s->id, kw_start(ln),
		    kw_end(ln), "Match needs one or more criteria");
}

static void
check_host(struct walk *w, struct sl_source *s, const struct sl_line *ln,
    bool ctx_in_block)
{
	uint32_t i;

	for (i = 0; i < ln->nargs; i++) {
		if (ln->args[i].len != 0)
			continue;
		/* in a file included from a block that does not apply, ssh
		 * checks the first pattern only */
		sl_diag_add_sev(&w->ctx->diags, SL_RULE_EMPTY_ARGUMENT,
		    i > 0 && ctx_in_block ? SL_SEV_WARNING : SL_SEV_ERROR,
		    s->id, ln->args[i].start, ln->args[i].end,
		    "empty Host pattern%s", i > 0 && ctx_in_block ?
		    " (rejected by ssh for hosts the including block applies "
		    "to)" : "");
	}
}

/* ssh: is this unknown keyword covered by an earlier IgnoreUnknown? */
static bool
ignored_unknown(const struct walk *w, const struct sl_line *ln)
{
	char *lc;
	bool r;
	uint32_t i;

	if (w->ignore_unknown == NULL)
		return false;
	if ((lc = sl_strndup(ln->keyword, ln->keyword_len)) == NULL)
		return false;
	for (i = 0; lc[i]; i++)
		if (lc[i] >= 'A' && lc[i] <= 'Z')
			lc[i] = (char)(lc[i] - 'A' + 'a');
	r = sl_match_pattern_list(lc, w->ignore_unknown, true) == 1;
	sl_free(lc);
	return r;
}

/* Remember IgnoreUnknown when it applies to every host. */
static void
note_ignore_unknown(struct walk *w, const struct sl_file *f,
    const struct sl_line *ln, bool ctx_in_block)
{
	const struct sl_block *b = &f->blocks[ln->block];
	const struct sl_line *h;

	if (w->ignore_unknown != NULL || ln->nargs < 1)
		return;
	if (b->header >= 0) {
		/* only 'Host *' and 'Match all' apply to every host */
		h = &f->lines[b->header];
		if (h->nargs != 1 || strcasecmp(h->args[0].val,
		    strncasecmp(h->keyword, "host", h->keyword_len) == 0 ?
		    "*" : "all") != 0)
			return;
	} else if (ctx_in_block)
		return;
	w->ignore_unknown = sl_strdup(ln->args[0].val);
}

/*
 * Keyword known to the releases of the range? Returns the row to use for
 * the argument checks (newest release that knows it), or NULL.
 */
static const struct sl_keyword *
check_keyword(struct walk *w, struct sl_source *s, const struct sl_line *ln,
    bool ctx_in_match)
{
	struct sl_diags *d = &w->ctx->diags;
	const struct sl_keyword *row = NULL, *r, *other;
	struct sl_strbuf sb = SL_STRBUF_INIT;
	bool ok[64], any = false, all = true, match_ok[64], match_all = true;
	const char *sugg;
	size_t i;
	enum sl_dialect od = s->dialect == SL_DIALECT_SSH ? SL_DIALECT_SSHD :
	    SL_DIALECT_SSH;

	for (i = 0; i < w->nrel && i < 64; i++) {
		r = sl_kw_lookup(s->dialect, ln->keyword, ln->keyword_len,
		    w->rel[i]);
		ok[i] = r != NULL;
		/* a release without the keyword reports it as unknown */
		match_ok[i] = r == NULL || (r->match_since != 0 &&
		    r->match_since <= w->rel[i]);
		if (r != NULL) {
			row = r;
			any = true;
		} else
			all = false;
		if (!match_ok[i])
			match_all = false;
	}
	if (!all && s->dialect == SL_DIALECT_SSH && ignored_unknown(w, ln))
		return row;
	if (!any && sl_kw_lookup_any(s->dialect, ln->keyword,
	    ln->keyword_len) == NULL) {
		other = sl_kw_lookup_any(od, ln->keyword, ln->keyword_len);
		if (other != NULL) {
			sl_diag_add(d, SL_RULE_WRONG_DIALECT, s->id,
			    kw_start(ln), kw_end(ln), "'%.*s' is an %s "
			    "keyword, not valid in %s",
			    (int)ln->keyword_len, ln->keyword,
			    od == SL_DIALECT_SSH ? "ssh_config" : "sshd_config",
			    s->dialect == SL_DIALECT_SSH ? "ssh_config" :
			    "sshd_config");
		} else {
			sugg = sl_kw_suggest(s->dialect, ln->keyword,
			    ln->keyword_len, w->vmax);
			if (sugg != NULL)
				sl_diag_add(d, SL_RULE_UNKNOWN_KEYWORD, s->id,
				    kw_start(ln), kw_end(ln), "unknown keyword "
				    "'%.*s'; did you mean '%s'?",
				    (int)ln->keyword_len, ln->keyword, sugg);
			else
				sl_diag_add(d, SL_RULE_UNKNOWN_KEYWORD, s->id,
				    kw_start(ln), kw_end(ln), "unknown keyword "
				    "'%.*s'", (int)ln->keyword_len,
				    ln->keyword);
		}
		return NULL;
	}
	if (!all) {
		describe_releases(w, ok, &sb);
		sl_diag_add(d, SL_RULE_KEYWORD_NOT_IN_RANGE, s->id,
		    kw_start(ln), kw_end(ln), "keyword '%.*s' is not known to "
		    "OpenSSH %s%s%.*s%s", (int)ln->keyword_len, ln->keyword,
		    sb.buf ? sb.buf : "?",
		    s->dialect == SL_DIALECT_SSH ? "; an earlier "
		    "'IgnoreUnknown " : "",
		    s->dialect == SL_DIALECT_SSH ? (int)ln->keyword_len : 0,
		    ln->keyword, s->dialect == SL_DIALECT_SSH ? "' line lets "
		    "those releases skip it" : "");
		sl_strbuf_release(&sb);
		if (!any)
			return NULL;
	}
	if (s->dialect == SL_DIALECT_SSHD && ctx_in_match && !match_all &&
	    !(row->flags & (SL_KWF_MATCH | SL_KWF_INCLUDE))) {
		describe_releases(w, match_ok, &sb);
		if (sl_diag_add(d, SL_RULE_NOT_IN_MATCH, s->id, kw_start(ln),
		    kw_end(ln), "'%s' is not allowed within a Match block%s%s; "
		    "move it above the first Match line", row->name,
		    w->nrel > 1 ? " in OpenSSH " : "", w->nrel > 1 && sb.buf ?
		    sb.buf : "") == 0)
			(void)sl_diag_fix_move_before_match(w->ctx, s->id,
			    (uint32_t)(ln - s->cst->lines), NULL);
		sl_strbuf_release(&sb);
	}
	if (row->flags & SL_KWF_VENDOR)
		sl_diag_add(d, SL_RULE_VENDOR_KEYWORD, s->id, kw_start(ln),
		    kw_end(ln), "'%s' exists only in distribution builds "
		    "(Debian/Ubuntu patches); upstream OpenSSH rejects it",
		    row->name);
	if (row->flags & SL_KWF_DEPRECATED) {
		if (sl_diag_add(d, SL_RULE_DEPRECATED_KEYWORD, s->id,
		    kw_start(ln), kw_end(ln), "'%s' is deprecated and ignored%s%s",
		    row->name, row->note ? ": " : "",
		    row->note ? row->note : "") == 0)
			(void)sl_diag_fix_delete_line(w->ctx, s->id,
			    (uint32_t)(ln - s->cst->lines),
			    "deleted the ignored line");
	} else if (row->flags & SL_KWF_UNSUPPORTED) {
		if (sl_diag_add(d, SL_RULE_UNSUPPORTED_KEYWORD, s->id,
		    kw_start(ln), kw_end(ln), "'%s' is no longer supported and "
		    "is ignored", row->name) == 0)
			(void)sl_diag_fix_delete_line(w->ctx, s->id,
			    (uint32_t)(ln - s->cst->lines),
			    "deleted the ignored line");
	}
	else if ((row->flags & SL_KWF_ALIAS) && row->canonical != NULL) {
		bool canon_all = true;

		for (i = 0; i < w->nrel; i++)
			if (sl_kw_lookup(s->dialect, row->canonical,
			    strlen(row->canonical), w->rel[i]) == NULL)
				canon_all = false;
		if (canon_all && sl_diag_add(d, SL_RULE_RENAMED_KEYWORD, s->id,
		    kw_start(ln), kw_end(ln), "'%.*s' is an old name of '%s'",
		    (int)ln->keyword_len, ln->keyword, row->canonical) == 0) {
			char what[96];

			snprintf(what, sizeof(what), "renamed to %s",
			    row->canonical);
			(void)sl_diag_fix(w->ctx, s->id, kw_start(ln),
			    kw_end(ln), row->canonical, what, NULL);
		}
	}
	if (row->flags & (SL_KWF_DEPRECATED | SL_KWF_UNSUPPORTED |
	    SL_KWF_IGNORED))
		return NULL;
	return row;
}

/*
 * sshd refuses AuthorizedKeysCommand / AuthorizedPrincipalsCommand set in
 * the global section without the matching *User (sshd.c main()). 9.2 to
 * 9.3 set AuthorizedPrincipalsCommand only while AuthorizedKeysCommand is
 * unset (last one wins then), a bug fixed in 9.4.
 */
static void
note_command_user(struct walk *w, struct sl_source *s,
    const struct sl_line *ln, const struct sl_keyword *row)
{
	bool none = ln->nargs > 0 && strcasecmp(ln->args[0].val, "none") == 0;

	switch (row->opt) {
	case SL_OPT_SSHD_AUTHORIZEDKEYSCOMMAND:
		if (w->akc.cmd == NULL) {
			w->akc.cmd = ln;
			w->akc.src = none ? NULL : s;
		}
		break;
	case SL_OPT_SSHD_AUTHORIZEDKEYSCOMMANDUSER:
		w->akc.user_set = true;
		break;
	case SL_OPT_SSHD_AUTHORIZEDPRINCIPALSCOMMAND:
		if (w->vmin < SL_VERSION(9, 4) ? w->akc.cmd == NULL :
		    w->apc.cmd == NULL) {
			w->apc.cmd = ln;
			w->apc.src = none ? NULL : s;
		}
		break;
	case SL_OPT_SSHD_AUTHORIZEDPRINCIPALSCOMMANDUSER:
		w->apc.user_set = true;
		break;
	case SL_OPT_SSHD_ADDRESSFAMILY:
		if (w->family == NULL)
			w->family = ln;
		break;
	case SL_OPT_SSHD_LISTENADDRESS:
		if (sl_grow(&w->listen, &w->caplisten, w->nlisten,
		    sizeof(*w->listen), 8) == 0) {
			w->listen[w->nlisten].src = s;
			w->listen[w->nlisten++].ln = ln;
		} else
			w->ctx->diags.failed = 1;
		break;
	default:
		break;
	}
}

static void
check_command_users(struct walk *w)
{
	const struct cmd_user *cu[2] = { &w->akc, &w->apc };
	static const char *const names[2][2] = {
		{ "AuthorizedKeysCommand", "AuthorizedKeysCommandUser" },
		{ "AuthorizedPrincipalsCommand",
		    "AuthorizedPrincipalsCommandUser" },
	};
	const struct sl_line *ln;
	int i;

	for (i = 0; i < 2; i++) {
		if (cu[i]->src == NULL || cu[i]->user_set)
			continue;
		ln = cu[i]->cmd;
		sl_diag_add(&w->ctx->diags, SL_RULE_COMMAND_WITHOUT_USER,
		    cu[i]->src->id, kw_start(ln), kw_end(ln), "'%s' is set "
		    "without '%s' in the global section; sshd refuses to "
		    "start", names[i][0], names[i][1]);
	}
}

/*
 * sshd resolves every ListenAddress with getaddrinfo() in the family of
 * AddressFamily once the file is read: an address of the other family, or
 * a name that cannot be a host name, stops it ("bad addr or host"). Names
 * are not looked up (no DNS).
 */
static void
check_listen_addresses(struct walk *w)
{
	const char *fam = w->family != NULL && w->family->nargs > 0 ?
	    w->family->args[0].val : "any";
	const struct sl_arg *a;
	unsigned char buf[sizeof(struct in6_addr)];
	char host[256];
	const char *h, *e, *p;
	size_t i, n;
	int af;

	for (i = 0; i < w->nlisten; i++) {
		if (w->listen[i].ln->nargs < 1)
			continue;
		a = &w->listen[i].ln->args[0];
		h = a->val;
		if (*h == '[') {
			h++;
			e = strchr(h, ']');
			n = e != NULL ? (size_t)(e - h) : strlen(h);
		} else if ((p = strchr(h, ':')) != NULL && strchr(p + 1, ':') ==
		    NULL)
			n = (size_t)(p - h);	/* host:port */
		else
			n = strlen(h);		/* host, or bare IPv6 */
		if (n == 0 || n >= sizeof(host))
			continue;
		memcpy(host, h, n);
		host[n] = '\0';
		if (inet_pton(AF_INET, host, buf) == 1)
			af = AF_INET;
		else if (inet_pton(AF_INET6, host, buf) == 1)
			af = AF_INET6;
		else {
			if (host[strspn(host, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_%")] != '\0')
				sl_diag_add(&w->ctx->diags, SL_RULE_BAD_VALUE,
				    w->listen[i].src->id, a->start, a->end,
				    "bad address or host name '%s' in "
				    "'ListenAddress': sshd cannot resolve it",
				    host);
			continue;
		}
		if ((af == AF_INET6 && strcasecmp(fam, "inet") == 0) ||
		    (af == AF_INET && strcasecmp(fam, "inet6") == 0))
			sl_diag_add(&w->ctx->diags, SL_RULE_BAD_VALUE,
			    w->listen[i].src->id, a->start, a->end,
			    "'ListenAddress %s' is an %s address but "
			    "'AddressFamily %s' is set: sshd stops with 'bad addr "
			    "or host'", host, af == AF_INET ? "IPv4" : "IPv6",
			    fam);
	}
}

/*
 * Debian's secure_permissions() (misc.c, patch "Allow harmless
 * group-writability"), used by Debian/Ubuntu ssh for ~/.ssh/config and
 * Included files (uid: the user running ssh) and by their sshd for
 * StrictModes (uid: the user logging in): NULL when a file or directory with
 * this status passes, else why not.
 */
const char *
sl_debian_perm_problem(const struct stat *st, uid_t uid)
{
	struct passwd *pw;
	struct group *gr;
	int members = 0;

	if (st->st_uid != 0 && st->st_uid != uid)
		return "owned by another user";
	if (st->st_mode & 002)
		return "writable by everyone";
	if ((st->st_mode & 020) == 0)
		return NULL;
	/* group write is allowed for the owner's private group only */
	if ((gr = getgrgid(st->st_gid)) == NULL)
		return "group-writable";
	setpwent();
	while ((pw = getpwent()) != NULL) {
		if (pw->pw_gid == gr->gr_gid) {
			members++;
			if (pw->pw_uid != uid) {
				endpwent();
				return "group-writable, and the group has other "
				    "members";
			}
		}
	}
	endpwent();
	if ((gr = getgrgid(st->st_gid)) == NULL ||
	    (pw = getpwuid(st->st_uid)) == NULL)
		return "group-writable";
	if (gr->gr_mem[0] != NULL) {
		members++;
		if (strcmp(pw->pw_name, gr->gr_mem[0]) != 0 ||
		    gr->gr_mem[1] != NULL)
			return "group-writable, and the group has other "
			    "members";
	}
	if (members == 0)
		return "group-writable";
	return NULL;
}

static int walk_file(struct walk *w, struct sl_source *s, bool in_match,
    bool ctx_in_block);

static int
cache_add(struct walk *w, const char *selector, struct sl_source *src)
{
	if (sl_grow(&w->cache, &w->capcache, w->ncache, sizeof(*w->cache),
	    8))
		return SL_ENOMEM;
	if ((w->cache[w->ncache].selector = sl_strdup(selector)) == NULL)
		return SL_ENOMEM;
	w->cache[w->ncache++].src = src;
	return 0;
}

static int
do_include(struct walk *w, struct sl_source *s, struct sl_line *ln,
    bool in_match, bool ctx_in_block)
{
	struct sl_diags *d = &w->ctx->diags;
	const struct sl_arg *a;
	struct sl_source *child;
	uint32_t *ids = NULL, nids = 0, *nv;
	const char *why;
	char *pat = NULL;
	glob_t gl;
	size_t i, lim;
	int r = 0, gr, j;
	bool found;

	for (i = 0; i < ln->nargs; i++) {
		a = &ln->args[i];
		if (a->len == 0) {
			sl_diag_add(d, SL_RULE_EMPTY_ARGUMENT, s->id, a->start,
			    a->end, "empty Include path");
			continue;
		}
		sl_free(pat);
		pat = NULL;
		if (sl_include_pattern(w->opts, s->dialect, s->user_conf,
		    a->val, &pat, &why) != 0) {
			if (pat == NULL && why == NULL) {
				r = SL_ENOMEM;
				goto out;
			}
			sl_diag_add(d, SL_RULE_INCLUDE_ERROR, s->id, a->start,
			    a->end, "bad Include path '%s': %s", a->val, why);
			continue;
		}
		if (s->dialect == SL_DIALECT_SSHD) {
			size_t k;
			bool cached = false;

			for (k = 0; k < w->ncache; k++) {
				if (strcmp(w->cache[k].selector, pat) != 0)
					continue;
				cached = true;
				if (w->cache[k].src == NULL ||
				    w->depth + 1 > SL_MAX_INCLUDE_DEPTH)
					continue;
				w->stack[++w->depth] = w->cache[k].src;
				r = walk_file(w, w->cache[k].src, in_match,
				    ctx_in_block);
				w->depth--;
				if (r != 0)
					goto out;
			}
			if (cached)
				continue;
		}
		memset(&gl, 0, sizeof(gl));
		gr = glob(pat, 0, NULL, &gl);
		if (gr == GLOB_NOMATCH || (gr == 0 && gl.gl_pathc == 0)) {
			/* an empty drop-in directory is normal; a missing
			 * literal file is more likely a mistake */
			sl_diag_add_sev(d, SL_RULE_INCLUDE_NOT_FOUND,
			    strpbrk(a->val, "*?[") != NULL ? SL_SEV_INFO :
			    SL_SEV_WARNING, s->id, a->start, a->end,
			    "Include '%s' matches no file (looked for '%s')",
			    a->val, pat);
			globfree(&gl);
			continue;
		}
		if (gr != 0) {
			sl_diag_add(d, SL_RULE_INCLUDE_ERROR, s->id, a->start,
			    a->end, "Include '%s': cannot expand '%s'%s",
			    a->val, pat, gr == GLOB_NOSPACE ?
			    " (out of memory)" : " (read error)");
			globfree(&gl);
			continue;
		}
		lim = gl.gl_pathc;
		if (lim > SL_MAX_GLOB_MATCHES) {
			sl_diag_add(d, SL_RULE_INCLUDE_ERROR, s->id, a->start,
			    a->end, "Include '%s' matches %zu files; only the "
			    "first %d are checked", a->val, gl.gl_pathc,
			    SL_MAX_GLOB_MATCHES);
			lim = SL_MAX_GLOB_MATCHES;
		}
		for (size_t g = 0; g < lim; g++) {
			const char *p = gl.gl_pathv[g];

			if (w->depth + 1 > SL_MAX_INCLUDE_DEPTH) {
				sl_diag_add(d, SL_RULE_INCLUDE_DEPTH, s->id,
				    a->start, a->end, "too many recursive "
				    "configuration includes: '%s' would be "
				    "level %d (limit %d)", p, w->depth + 1,
				    SL_MAX_INCLUDE_DEPTH);
				break;
			}
			w->ctx->errmsg[0] = '\0';
			r = sl_source_load(w->ctx, p, s->dialect, &child);
			if (r == SL_ENOMEM)
				goto out_glob;
			if (r != 0) {
				sl_diag_add(d, SL_RULE_INCLUDE_ERROR, s->id,
				    a->start, a->end, "cannot read included "
				    "file: %s", w->ctx->errmsg);
				r = 0;
				continue;
			}
			child->user_conf = s->user_conf;
			if (s->dialect == SL_DIALECT_SSH) {
				struct stat st;
				const char *why_perm;

				if (stat(p, &st) == 0 &&
				    (why_perm = sl_debian_perm_problem(&st,
				    getuid())) != NULL)
					sl_diag_add(d,
					    SL_RULE_INCLUDE_PERMISSIONS, s->id,
					    a->start, a->end, "bad owner or "
					    "permissions on '%s' (%s, mode "
					    "%03o): ssh refuses to read it", p,
					    why_perm,
					    (unsigned)(st.st_mode & 0777));
			}
			found = false;
			for (j = 0; j <= w->depth; j++)
				if (w->stack[j] == child)
					found = true;
			if (found) {
				sl_diag_add(d, SL_RULE_INCLUDE_CYCLE, s->id,
				    a->start, a->end, "Include cycle: '%s' "
				    "includes itself%s%s", child->path,
				    child == s ? "" : " through ",
				    child == s ? "" : s->path);
				/*
				 * sshd does read the file again before it
				 * gives up (a Subsystem defined twice then
				 * stops it first): check its lines once more.
				 */
				if (s->dialect == SL_DIALECT_SSHD &&
				    !w->rereading) {
					uint32_t saved = child->checked;

					w->rereading = true;
					child->checked = 0;
					r = walk_file(w, child, in_match,
					    ctx_in_block);
					child->checked = saved;
					w->rereading = false;
					if (r != 0)
						goto out_glob;
				}
				continue;
			}
			if ((nv = sl_reallocarray(ids, nids + 1,
			    sizeof(*ids))) == NULL) {
				r = SL_ENOMEM;
				goto out_glob;
			}
			ids = nv;
			ids[nids++] = child->id;
			w->stack[++w->depth] = child;
			r = walk_file(w, child, in_match, ctx_in_block);
			w->depth--;
			if (r == 0 && s->dialect == SL_DIALECT_SSHD)
				r = cache_add(w, pat, child);
			if (r != 0)
				goto out_glob;
		}
		globfree(&gl);
		continue;
 out_glob:
		globfree(&gl);
		goto out;
	}
	/* remember what this Include resolved to (first context wins) */
	if (ln->includes == NULL && nids > 0) {
		ln->includes = sl_arena_alloc(&s->cst->arena,
		    nids * sizeof(*ids));
		if (ln->includes == NULL) {
			r = SL_ENOMEM;
			goto out;
		}
		memcpy(ln->includes, ids, nids * sizeof(*ids));
		ln->nincludes = nids;
	}
 out:
	sl_free(pat);
	sl_free(ids);
	return r;
}

static int
check_line(struct walk *w, struct sl_source *s, struct sl_line *ln,
    bool in_match, bool ctx_in_block)
{
	struct sl_diags *d = &w->ctx->diags;
	const struct sl_keyword *row;
	struct sl_check c;
	uint32_t bad;

	if (ln->flags & SL_LF_NUL)
		sl_diag_add(d, SL_RULE_BINARY_INPUT, s->id, ln->content_end,
		    ln->content_end + 1, "NUL byte in line %u: OpenSSH "
		    "ignores the rest of the line", ln->lineno);
	if (ln->kind == SL_LINE_ERROR) {
		if (ln->flags & SL_LF_KW_UNTERMINATED)
			sl_diag_add_sev(d, SL_RULE_INVALID_QUOTES,
			    SL_SEV_WARNING, s->id, ln->start, ln->content_end,
			    "unterminated quote in the keyword: OpenSSH "
			    "silently skips this line");
		else if (ln->flags & SL_LF_EMPTY_KEYWORD)
			sl_diag_add_sev(d, SL_RULE_BAD_VALUE, SL_SEV_WARNING,
			    s->id, ln->start, ln->content_end, "line has no "
			    "keyword: OpenSSH silently skips it");
		return 0;
	}
	if (ln->kind != SL_LINE_DIRECTIVE && ln->kind != SL_LINE_INCLUDE)
		return 0;

	if (ln->flags & SL_LF_NO_ARGUMENT) {
		sl_diag_add(d, SL_RULE_MISSING_ARGUMENT, s->id, kw_start(ln),
		    kw_end(ln), "no argument after keyword '%.*s'",
		    (int)ln->keyword_len, ln->keyword);
		/* OpenSSH stops before looking the keyword up */
		return 0;
	}
	row = check_keyword(w, s, ln, in_match);
	if (ln->flags & SL_LF_INVALID_QUOTES) {
		bad = ln->args_start;
		for (uint32_t i = 0; i < ln->ntok; i++)
			if (ln->tok[i].kind == SL_TOK_ERROR &&
			    ln->tok[i].start < ln->content_end) {
				bad = ln->tok[i].start;
				break;
			}
		sl_diag_add(d, SL_RULE_INVALID_QUOTES, s->id, bad,
		    ln->content_end, "invalid quotes: a quote is not closed");
		return 0;
	}
	if (row == NULL)
		return 0;
	if (row->flags & SL_KWF_MATCH) {
		check_match(w, s, ln);
		return 0;
	}
	if (row->flags & SL_KWF_HOST) {
		check_host(w, s, ln, ctx_in_block);
		return 0;
	}
	if ((row->flags & SL_KWF_INCLUDE) && w->rereading)
		return 0;
	if (row->flags & SL_KWF_INCLUDE)
		return do_include(w, s, ln, in_match ||
		    (s->dialect == SL_DIALECT_SSHD &&
		    sshd_match_scope(s->cst, ln)),
		    ctx_in_block || in_block(s->cst, ln));
	if (s->dialect == SL_DIALECT_SSH &&
	    strcasecmp(row->name, "IgnoreUnknown") == 0)
		note_ignore_unknown(w, s->cst, ln, ctx_in_block);
	if (s->dialect == SL_DIALECT_SSHD && !in_match)
		note_command_user(w, s, ln, row);

	memset(&c, 0, sizeof(c));
	c.diags = d;
	c.source_id = s->id;
	c.dialect = s->dialect;
	c.version_min = w->vmin;
	c.version_max = w->vmax;
	c.debian = true;
	/* sshd reads a 'Match all' block as global lines at startup */
	c.in_block = s->dialect == SL_DIALECT_SSHD ? in_match :
	    ctx_in_block || in_block(s->cst, ln);
	c.kw_start = kw_start(ln);
	c.kw_end = kw_end(ln);
	c.line_end = ln->content_end;
	c.state = w->state;
	return sl_check_directive(&c, row, ln->args, ln->nargs);
}

static int
walk_file(struct walk *w, struct sl_source *s, bool in_match,
    bool ctx_in_block)
{
	struct sl_file *f = s->cst;
	struct sl_line *ln;
	uint32_t i, bit = in_match ? 2 : 1;
	int r;

	if (s->checked & bit)
		return 0;
	s->checked |= bit;
	if (f->bom && sl_diag_add(&w->ctx->diags, SL_RULE_BOM, s->id, 0, 3,
	    "file starts with a UTF-8 byte order mark; OpenSSH reads "
	    "it as part of the first keyword") == 0)
		(void)sl_diag_fix(w->ctx, s->id, 0, 3, "",
		    "removed the byte order mark", NULL);
	for (i = 0; i < f->nlines; i++) {
		ln = &f->lines[i];
		/* in sshd, a Match line starts Match scope for the rest */
		if ((r = check_line(w, s, ln, in_match ||
		    (s->dialect == SL_DIALECT_SSHD && sshd_match_scope(f, ln)),
		    ctx_in_block)) != 0)
			return r;
	}
	return 0;
}

int
sl_lint_walk(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *top)
{
	struct walk w;
	const int *all;
	size_t n, i, first = 0;
	int r;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.opts = opts;
	w.vmin = opts->openssh_min ? opts->openssh_min : sl_version_newest();
	w.vmax = opts->openssh_max ? opts->openssh_max : w.vmin;
	all = sl_versions(&n);
	for (i = 0; i < n && all[i] < w.vmin; i++)
		;
	/* a version between releases counts as the newest older one */
	if (i > 0 && (i == n || all[i] > w.vmin))
		i--;
	first = i;
	for (; i < n && all[i] <= w.vmax; i++)
		;
	w.rel = all + first;
	w.nrel = i > first ? i - first : 1;
	if ((w.state = sl_check_state_new()) == NULL)
		return SL_ENOMEM;
	w.stack[0] = top;
	r = walk_file(&w, top, false, false);
	if (r == 0 && top->dialect == SL_DIALECT_SSHD) {
		struct sl_check c;

		check_command_users(&w);
		check_listen_addresses(&w);
		memset(&c, 0, sizeof(c));
		c.diags = &ctx->diags;
		c.source_id = top->id;
		c.dialect = top->dialect;
		c.version_min = w.vmin;
		c.version_max = w.vmax;
		c.debian = true;
		c.state = w.state;
		r = sl_check_finish(&c);
	}
	sl_check_state_free(w.state);
	sl_free(w.ignore_unknown);
	for (i = 0; i < w.ncache; i++)
		sl_free(w.cache[i].selector);
	sl_free(w.cache);
	sl_free(w.listen);
	if (r == 0 && ctx->diags.failed)
		r = SL_ENOMEM;
	return r;
}

int
sl_include_pattern(const struct sl_lint_options *opts,
    enum sl_dialect dialect, bool user_conf, const char *arg, char **out,
    const char **why)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *home, *rest, *sysroot = opts->sysroot;
	struct passwd *pw;
	char *user = NULL;
	size_t ulen;

	*out = NULL;
	*why = NULL;
	if (sysroot != NULL && *sysroot == '\0')
		sysroot = NULL;
	home = opts->home;
	if (home == NULL)
		home = getenv("HOME");
	if (home == NULL && (pw = getpwuid(getuid())) != NULL)
		home = pw->pw_dir;
	if (home == NULL)
		home = "/";

	if (dialect == SL_DIALECT_SSH && arg[0] == '~') {
		if (!user_conf) {
			*why = "'~' is not allowed in the system ssh_config";
			return 1;
		}
		rest = arg + 1 + strcspn(arg + 1, "/");
		ulen = (size_t)(rest - arg - 1);
		if (ulen == 0) {
			if (opts->home == NULL && sysroot != NULL)
				sl_strbuf_adds(&sb, sysroot);
			sl_strbuf_adds(&sb, home);
		} else {
			if ((user = sl_strndup(arg + 1, ulen)) == NULL)
				return SL_ENOMEM;
			pw = getpwnam(user);
			sl_free(user);
			if (pw == NULL) {
				*why = "unknown user after '~'";
				return 1;
			}
			if (sysroot != NULL)
				sl_strbuf_adds(&sb, sysroot);
			sl_strbuf_adds(&sb, pw->pw_dir);
		}
		sl_strbuf_adds(&sb, rest);
	} else if (arg[0] != '/') {
		if (dialect == SL_DIALECT_SSH && user_conf) {
			if (opts->home == NULL && sysroot != NULL)
				sl_strbuf_adds(&sb, sysroot);
			sl_strbuf_addf(&sb, "%s/.ssh/%s", home, arg);
		} else {
			if (sysroot != NULL)
				sl_strbuf_adds(&sb, sysroot);
			sl_strbuf_addf(&sb, "/etc/ssh/%s", arg);
		}
	} else {
		if (sysroot != NULL)
			sl_strbuf_adds(&sb, sysroot);
		sl_strbuf_adds(&sb, arg);
	}
	if ((*out = sl_strbuf_detach(&sb)) == NULL)
		return SL_ENOMEM;
	return 0;
}
