/*
 * sshlint show client|server: the effective configuration, as ssh -G and
 * sshd -T print it, without running either.
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "sshlint/diag.h"
#include "sshlint/eval.h"
#include "sshlint/sshlint.h"

#define MAX_LIST 256

struct show {
	bool server, all, json;
	int version;
	struct sl_lint_options lo;
	const char *file;		/* -F / -f */
	struct sl_client_query q;
	struct sl_conn_spec spec;
	const char *hostkeys[MAX_LIST];
	size_t nhostkeys;
	char *specbuf[MAX_LIST];	/* -C copies (the spec points in) */
	size_t nspecbuf;
};

static void
show_usage(FILE *f)
{
	fprintf(f,
"usage: sshlint show client [-F FILE] [-l USER] [-p PORT] [OPTIONS] HOST\n"
"       sshlint show client --all [-F FILE] [OPTIONS]\n"
"       sshlint show server [-f FILE] [-C SPEC]... [-h KEY]... [OPTIONS]\n"
"\n"
"Print the effective configuration exactly as 'ssh -G' or 'sshd -T' of the\n"
"chosen OpenSSH release would, computed from the files without running\n"
"ssh or sshd, or resolving names.\n"
"\n"
"client:\n"
"  -F FILE             configuration file (default: ~/.ssh/config, then\n"
"                      /etc/ssh/ssh_config, as ssh reads them; 'none': no file)\n"
"  -l USER             remote user, as ssh -l\n"
"  -p PORT             port, as ssh -p\n"
"  --all               every literal host name of the Host lines (fleet view)\n"
"  --assume-exec true|false\n"
"                      result of every 'Match exec' (never run; default false)\n"
"server:\n"
"  -f FILE             configuration file (default: /etc/ssh/sshd_config)\n"
"  -C SPEC             connection: user=,host=,addr=,laddr=,lport=,rdomain=\n"
"                      (repeatable, fields accumulate, as sshd -C)\n"
"  -h KEY              extra host key file, as sshd -h (repeatable)\n"
"common:\n"
"  --openssh VERSION   release whose defaults and output are used, or\n"
"                      'installed' (default: the installed OpenSSH if found,\n"
"                      else the newest known release)\n"
"  --format text|json  json adds where each value comes from\n"
"  --home DIR          use DIR as the home directory (~)\n"
"  --sysroot DIR       prefix for absolute paths\n"
"  --help              this help\n"
"\n"
"Exit status: 0 printed; 1 OpenSSH would refuse the configuration (the\n"
"error is printed); 2 usage or file error.\n");
}

static void die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sshlint show: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sshlint show --help'.\n");
	exit(EXIT_USAGE);
}

/* sshd -C: comma-separated key=value fields; later ones overwrite. */
static void
parse_spec(struct show *s, const char *arg)
{
	char *copy, *p, *f, *v;

	if (s->nspecbuf >= MAX_LIST || (copy = strdup(arg)) == NULL)
		die("too many -C options (%s)", arg);
	s->specbuf[s->nspecbuf++] = copy;
	for (p = copy; (f = strsep(&p, ",")) != NULL;) {
		if ((v = strchr(f, '=')) == NULL)
			die("Invalid test mode specification %s", f);
		*v++ = '\0';
		if (strcmp(f, "user") == 0)
			s->spec.user = v;
		else if (strcmp(f, "host") == 0)
			s->spec.host = v;
		else if (strcmp(f, "addr") == 0)
			s->spec.addr = v;
		else if (strcmp(f, "laddr") == 0)
			s->spec.laddr = v;
		else if (strcmp(f, "lport") == 0)
			s->spec.lport = v;
		else if (strcmp(f, "rdomain") == 0)
			s->spec.rdomain = v;
		else
			die("Invalid test mode specification %s", f);
	}
}

static int
parse_version(const char *arg, enum sl_dialect d)
{
	int v;

	if (strcmp(arg, "installed") == 0) {
		if ((v = installed_version(d)) < 0)
			die("--openssh installed: cannot find the version of "
			    "the installed OpenSSH");
		return v;
	}
	if ((v = sl_version_parse(arg)) < 0 || strstr(arg, "..") != NULL)
		die("bad --openssh value '%s' (one release, e.g. 9.2)", arg);
	if (v < SL_VERSION(7, 4) || v > sl_version_newest())
		die("--openssh %s: releases known are 7.4 .. 10.5", arg);
	return v;
}

/* Print findings of severity error (what makes OpenSSH refuse). */
static size_t
print_errors(struct sl_ctx *ctx)
{
	size_t i, n = 0;
	uint32_t line, col;

	sl_ctx_sort_diags(ctx);
	for (i = 0; i < sl_ctx_ndiags(ctx); i++) {
		const struct sl_diag *d = sl_ctx_diag(ctx, i);

		if (d->severity != SL_SEV_ERROR)
			continue;
		sl_ctx_source_pos(ctx, d->source_id, d->start, &line, &col);
		fprintf(stderr, "%s:%u:%u: error: %s [%s]\n",
		    sl_ctx_source_path(ctx, d->source_id), line, col,
		    d->message, sl_rule_at((size_t)d->rule)->id);
		n++;
	}
	return n;
}

static void
print_notes(struct sl_ctx *ctx, const struct sl_eff *e)
{
	size_t i;
	uint32_t line, col;
	struct sl_origin o;
	const char *fatal;

	for (i = 0; i < sl_eff_nnotes(e); i++) {
		const struct sl_eff_note *n = sl_eff_note_at(e, i);
		const char *sev = n->severity == SL_SEV_ERROR ? "error" :
		    n->severity == SL_SEV_WARNING ? "warning" : "note";

		if (n->origin.source_id >= 0) {
			sl_ctx_source_pos(ctx, (uint32_t)n->origin.source_id,
			    0, &line, &col);
			fprintf(stderr, "%s:%u: %s: %s\n",
			    sl_ctx_source_path(ctx,
			    (uint32_t)n->origin.source_id),
			    n->origin.line + 1, sev, n->msg);
		} else
			fprintf(stderr, "sshlint: %s: %s\n", sev, n->msg);
	}
	if ((fatal = sl_eff_fatal(e, &o)) != NULL) {
		if (o.source_id >= 0)
			fprintf(stderr, "%s:%u: error: %s\n",
			    sl_ctx_source_path(ctx, (uint32_t)o.source_id),
			    o.line + 1, fatal);
		else
			fprintf(stderr, "sshlint: error: %s\n", fatal);
	}
}

static int
emit(struct sl_ctx *ctx, const struct show *s, const struct sl_eff *e,
    const char *label, bool *first)
{
	if (s->json) {
		fputs(*first ? "" : ",", stdout);
		*first = false;
		return sl_eff_print_json(e, ctx, label, stdout);
	}
	if (sl_eff_fatal(e, NULL) != NULL)
		return 0;
	return sl_eff_print_text(e, stdout);
}

static int
show_server(struct sl_ctx *ctx, struct show *s)
{
	struct sl_eff *e;
	const char *path = s->file ? s->file : "/etc/ssh/sshd_config";
	bool first = true;
	int r, rc = EXIT_CLEAN;

	if ((e = sl_eff_new(SL_DIALECT_SSHD, s->version)) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		return EXIT_USAGE;
	}
	r = sl_eval_server(ctx, &s->lo, path, s->version, &s->spec,
	    s->hostkeys, s->nhostkeys, e);
	if (r != 0) {
		fprintf(stderr, "sshlint: %s\n", sl_ctx_errmsg(ctx)[0] ?
		    sl_ctx_errmsg(ctx) : sl_strerror(r));
		sl_eff_free(e);
		return EXIT_USAGE;
	}
	if (print_errors(ctx) > 0)
		rc = EXIT_FINDINGS;
	else {
		print_notes(ctx, e);
		if (sl_eff_fatal(e, NULL) != NULL)
			rc = EXIT_FINDINGS;
		if (s->json)
			fputs("[", stdout);
		if (emit(ctx, s, e, NULL, &first) != 0)
			rc = EXIT_USAGE;
		if (s->json)
			fputs("]\n", stdout);
	}
	sl_eff_free(e);
	return rc;
}

struct each_ctx {
	struct sl_ctx *ctx;
	const struct show *s;
	bool *first;
	int rc;
	size_t n;
};

/* --all: one block per host, "# HOST" first (text). */
static int
print_each(void *arg, const char *host, const struct sl_eff *e)
{
	struct each_ctx *ec = arg;

	print_notes(ec->ctx, e);
	if (sl_eff_fatal(e, NULL) != NULL && ec->rc == EXIT_CLEAN)
		ec->rc = EXIT_FINDINGS;
	if (!ec->s->json)
		printf("%s# %s\n", ec->n++ ? "\n" : "", host);
	if (emit(ec->ctx, ec->s, e, host, ec->first) != 0) {
		ec->rc = EXIT_USAGE;
		return SL_EIO;
	}
	return 0;
}

static int
show_client(struct sl_ctx *ctx, struct show *s)
{
	struct sl_client *c = NULL;
	struct sl_eff *e = NULL;
	const char *paths[2];
	char *userconf = NULL;
	size_t npaths = 0;
	bool first = true;
	int r, rc = EXIT_CLEAN;

	if (s->file != NULL) {
		if (strcmp(s->file, "none") != 0)
			paths[npaths++] = s->file;
	} else {
		const char *home = s->lo.home;
		struct passwd *pw;

		if (home == NULL && (pw = getpwuid(getuid())) != NULL)
			home = pw->pw_dir;
		if (home != NULL && asprintf(&userconf, "%s/.ssh/config",
		    home) > 0)
			paths[npaths++] = userconf;
		paths[npaths++] = "/etc/ssh/ssh_config";
	}
	r = sl_client_open(ctx, &s->lo, paths, npaths, s->file == NULL,
	    s->version, &c);
	if (r != 0) {
		fprintf(stderr, "sshlint: %s\n", sl_ctx_errmsg(ctx)[0] ?
		    sl_ctx_errmsg(ctx) : sl_strerror(r));
		free(userconf);
		return EXIT_USAGE;
	}
	if (print_errors(ctx) > 0) {
		rc = EXIT_FINDINGS;
		goto out;
	}
	if ((e = sl_eff_new(SL_DIALECT_SSH, s->version)) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if (s->json)
		fputs("[", stdout);
	if (s->all) {
		struct each_ctx ec = { ctx, s, &first, EXIT_CLEAN, 0 };

		r = sl_client_eval_all(c, &s->q, print_each, &ec);
		rc = ec.rc;
		if (r != 0 && rc == EXIT_CLEAN) {
			fprintf(stderr, "sshlint: %s\n", sl_strerror(r));
			rc = EXIT_USAGE;
		}
	} else if ((r = sl_client_eval(c, &s->q, e)) != 0) {
		fprintf(stderr, "sshlint: %s\n", sl_strerror(r));
		rc = EXIT_USAGE;
	} else {
		print_notes(ctx, e);
		if (sl_eff_fatal(e, NULL) != NULL)
			rc = EXIT_FINDINGS;
		if (emit(ctx, s, e, s->q.host, &first) != 0)
			rc = EXIT_USAGE;
	}
	if (s->json)
		fputs("]\n", stdout);
 out:
	sl_eff_free(e);
	sl_client_free(c);
	free(userconf);
	return rc;
}

int
cmd_show(int argc, char **argv)
{
	struct show s;
	struct sl_ctx *ctx;
	const char *version_arg = NULL;
	int i, rc;
	size_t k;

	memset(&s, 0, sizeof(s));
	s.lo = (struct sl_lint_options)SL_LINT_OPTIONS_INIT;
	if (argc < 3 || strcmp(argv[2], "--help") == 0 ||
	    strcmp(argv[2], "-h") == 0) {
		show_usage(argc < 3 ? stderr : stdout);
		return argc < 3 ? EXIT_USAGE : EXIT_CLEAN;
	}
	if (strcmp(argv[2], "server") == 0)
		s.server = true;
	else if (strcmp(argv[2], "client") != 0)
		die("unknown target '%s' (client or server)", argv[2]);
	s.lo.dialect = s.server ? SL_DIALECT_SSHD : SL_DIALECT_SSH;

	for (i = 3; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = true;

		if (strcmp(a, "--help") == 0) {
			show_usage(stdout);
			return EXIT_CLEAN;
		} else if (strcmp(a, "--all") == 0 && !s.server) {
			s.all = true;
			takes = false;
		} else if (a[0] != '-' && !s.server && s.q.host == NULL) {
			s.q.host = a;
			continue;
		}
		if (!takes)
			continue;
		if (a[0] != '-')
			die("unexpected argument '%s'", a);
		if (v == NULL)
			die("option %s needs an argument", a);
		if (strcmp(a, "--openssh") == 0)
			version_arg = v;
		else if (strcmp(a, "--format") == 0) {
			if (strcmp(v, "json") == 0)
				s.json = true;
			else if (strcmp(v, "text") != 0)
				die("bad --format '%s' (text or json)", v);
		} else if (strcmp(a, "--home") == 0)
			s.lo.home = v;
		else if (strcmp(a, "--sysroot") == 0)
			s.lo.sysroot = v;
		else if (!s.server && strcmp(a, "-F") == 0)
			s.file = v;
		else if (!s.server && strcmp(a, "-l") == 0)
			s.q.user = v;
		else if (!s.server && strcmp(a, "-p") == 0)
			s.q.port = v;
		else if (!s.server && strcmp(a, "--assume-exec") == 0) {
			if (strcmp(v, "true") == 0)
				s.q.assume_exec = 1;
			else if (strcmp(v, "false") == 0)
				s.q.assume_exec = 0;
			else
				die("bad --assume-exec '%s' (true or false)", v);
		} else if (s.server && strcmp(a, "-f") == 0)
			s.file = v;
		else if (s.server && strcmp(a, "-C") == 0)
			parse_spec(&s, v);
		else if (s.server && strcmp(a, "-h") == 0) {
			if (s.nhostkeys >= MAX_LIST)
				die("too many -h options (%s)", v);
			s.hostkeys[s.nhostkeys++] = v;
		} else
			die("unknown option '%s'", a);
		i++;
	}
	if (!s.server && !s.all && s.q.host == NULL)
		die("give a HOST, or --all");
	if (!s.server && s.all && s.q.host != NULL)
		die("--all takes no HOST (%s)", s.q.host);
	if (version_arg != NULL)
		s.version = parse_version(version_arg, s.lo.dialect);
	else if ((s.version = installed_version(s.lo.dialect)) < 0 ||
	    s.version < SL_VERSION(7, 4) || s.version > sl_version_newest())
		s.version = sl_version_newest();
	s.lo.openssh_min = s.lo.openssh_max = s.version;
	if (s.version != SL_VERSION(9, 2) && !s.json)
		fprintf(stderr, "sshlint: note: the output is checked line for "
		    "line against OpenSSH 9.2 (Debian); for other releases "
		    "the options, defaults and algorithm lists follow that "
		    "release, the line layout is not verified\n");

	if ((ctx = sl_ctx_new()) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		for (k = 0; k < s.nspecbuf; k++)
			free(s.specbuf[k]);
		return EXIT_USAGE;
	}
	rc = s.server ? show_server(ctx, &s) : show_client(ctx, &s);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sshlint: write error: %s\n", strerror(errno));
		rc = EXIT_USAGE;
	}
	sl_ctx_free(ctx);
	for (k = 0; k < s.nspecbuf; k++)
		free(s.specbuf[k]);
	return rc;
}
