/* sshlint command line. Sees only the public API in include/sshlint/. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sshlint-config.h"
#include "sshlint/fix.h"
#include "sshlint/policy.h"
#include "sshlint/sshlint.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "cli/project.h"

struct cli {
	struct sl_lint_options lo;
	enum out_format format;
	enum sl_severity fail_on;
	bool quiet, color, caret;
	const char *config;	/* --config */
	const char *policy;	/* --policy */
	const char *openssh;	/* --openssh */
	bool fix, diff;		/* --fix, --diff */
	const char *backup;	/* --backup SUFFIX */
};

/* Option table: drives parsing and --help. */
enum opt_id {
	O_DIALECT, O_OPENSSH, O_POLICY, O_FORMAT, O_HOME, O_SYSROOT, O_CONFIG,
	O_FAILON, O_QUIET, O_NOCOLOR, O_FIX, O_DIFF, O_BACKUP, O_HELP,
	O_VERSION,
};

struct opt {
	enum opt_id id;
	const char *name;
	const char *arg;	/* NULL: flag */
	const char *help;
};

static const struct opt lint_opts[] = {
	{ O_DIALECT, "dialect", "ssh|sshd",
	    "dialect of the files (default: guessed from the name: "
	    "sshd_config and sshd_config.d/*.conf are sshd, anything else "
	    "ssh)" },
	{ O_OPENSSH, "openssh", "VERSION[..VERSION]|installed",
	    "OpenSSH release(s) the configuration must work with (default: "
	    "from .sshlint.yaml, else the newest known release)" },
	{ O_POLICY, "policy", "NAME|FILE", "policy to check against: a "
	    "built-in name or a YAML file (default: 'policy:' of "
	    ".sshlint.yaml, else the built-in 'default')" },
	{ O_FORMAT, "format", "text|json|sarif|github", "output format: "
	    "text (default), json, sarif (SARIF 2.1.0, e.g. for GitHub code "
	    "scanning) or github (GitHub Actions annotations)" },
	{ O_HOME, "home", "DIR", "use DIR as the home directory for ~ and "
	    "the default path ~/.ssh/config" },
	{ O_SYSROOT, "sysroot", "DIR", "prefix absolute Include paths "
	    "(/etc/ssh/...) with DIR" },
	{ O_CONFIG, "config", "FILE", "project configuration file (default: "
	    ".sshlint.yaml in the current directory or the nearest parent, "
	    "up to the repository root); options given here win over it" },
	{ O_FAILON, "fail-on", "error|warning|info", "lowest severity that "
	    "makes the exit status 1 (default: error)" },
	{ O_QUIET, "quiet", NULL, "print findings only, no summary" },
	{ O_NOCOLOR, "no-color", NULL, "never colour the output (also: "
	    "NO_COLOR set in the environment)" },
	{ O_FIX, "fix", NULL, "apply the fixes the findings propose, each "
	    "verified by re-linting and re-evaluating, and rewrite the files "
	    "in place (atomically; mode and owner kept); then report what "
	    "remains" },
	{ O_DIFF, "diff", NULL, "print the fixes as a unified diff (for git "
	    "apply / patch -p1) and write nothing; exit 1 when there is "
	    "something to fix" },
	{ O_BACKUP, "backup", "SUFFIX", "with --fix, keep each original file "
	    "as PATH+SUFFIX" },
	{ O_HELP, "help", NULL, "show this help and exit" },
	{ O_VERSION, "version", NULL, "print the version and exit" },
};

#define NOPTS (sizeof(lint_opts) / sizeof(lint_opts[0]))

/* Print `text` wrapped at 79 columns, continuation lines indented by
 * `indent`; the first line starts at column `col`. */
static void
wrap(FILE *f, const char *text, size_t col, size_t indent)
{
	const char *w = text, *e;
	size_t n;

	while (*w) {
		e = w + strcspn(w, " ");
		n = (size_t)(e - w);
		if (col > indent && col + 1 + n > 79) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fwrite(w, 1, n, f);
		col += n;
		w = e + strspn(e, " ");
	}
	fputc('\n', f);
}

static void
usage(FILE *f)
{
	size_t i, n;
	char buf[64];

	fprintf(f,
	    "usage: sshlint [lint] [OPTIONS] [PATH...]\n"
	    "       sshlint parse --reprint|--json [--dialect D] FILE\n"
	    "       sshlint show client|server [OPTIONS] ... (see sshlint show "
	    "--help)\n"
	    "       sshlint negotiate --client-config F --host H [OPTIONS] "
	    "(see --help)\n"
	    "       sshlint explain 'OPENSSH MESSAGE'\n"
	    "       sshlint doctor [HOST] [OPTIONS] (see sshlint doctor "
	    "--help)\n"
	    "       sshlint rules [RULE]\n"
	    "       sshlint policies [NAME|FILE]\n"
	    "\n"
	    "Check OpenSSH client (ssh_config) and server (sshd_config)\n"
	    "configuration files and the files they Include. With no PATH,\n"
	    "checks the entry points of the project file (.sshlint.yaml), else\n"
	    "~/.ssh/config; a PATH of - reads standard input.\n\n"
	    "options:\n");
	for (i = 0; i < NOPTS; i++) {
		snprintf(buf, sizeof(buf), "--%s%s%s", lint_opts[i].name,
		    lint_opts[i].arg ? " " : "",
		    lint_opts[i].arg ? lint_opts[i].arg : "");
		n = strlen(buf);
		if (n > 28) {
			fprintf(f, "  %s\n%*s", buf, 32, "");
			wrap(f, lint_opts[i].help, 32, 32);
		} else {
			fprintf(f, "  %-28s  ", buf);
			wrap(f, lint_opts[i].help, 32, 32);
		}
	}
	fprintf(f,
	    "\nproject file (.sshlint.yaml; paths are relative to it):\n"
	    "  entry: [FILE | {path: FILE, dialect: ssh|sshd}, ...]\n"
	    "  home: DIR    sysroot: DIR    openssh: VERSION|A..B\n"
	    "  policy: NAME|FILE    disable: [RULE, ...]\n"
	    "  overrides: [{paths: GLOB|[GLOB, ...], disable: [RULE, ...], "
	    "dialect: D}]\n"
	    "A PATH that an entry point Includes is checked in that entry's\n"
	    "context; only the findings in the PATHs given are reported.\n"
	    "\nsuppressions (comments in the checked files):\n"
	    "  # sshlint: disable=RULE[,RULE]       the next directive; right "
	    "after a\n"
	    "                                       Host/Match line: the whole "
	    "block\n"
	    "  # sshlint: disable-file=RULE[,RULE]  the whole file\n"
	    "RULE is an id (SSH301), a name (root-login) or all. A suppression "
	    "that\nsuppresses nothing is reported (SSH107).\n"
	    "\nexit status: 0 no finding at or above the --fail-on level,\n"
	    "1 findings, 2 usage error, unreadable input or internal error.\n"
	    "Output: path:line:col: severity: message [RULE]\n");
}

static void die_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
die_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sshlint: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sshlint --help'.\n");
	exit(EXIT_USAGE);
}

int
installed_version(enum sl_dialect d)
{
	const char *paths[] = { "/usr/bin/ssh", "/usr/sbin/sshd" };
	const char *p = paths[d == SL_DIALECT_SSHD ? 1 : 0];
	static char buf[1 << 16];
	size_t n, i, keep = 0;
	FILE *f;
	int v = -1;

	if ((f = fopen(p, "rb")) == NULL)
		return -1;
	while ((n = fread(buf + keep, 1, sizeof(buf) - keep - 1, f)) > 0) {
		n += keep;
		buf[n] = '\0';
		for (i = 0; i + 12 < n; i++) {
			if (memcmp(buf + i, "OpenSSH_", 8) == 0 &&
			    (v = sl_version_parse(buf + i)) < 0) {
				char tmp[16];
				size_t k;

				for (k = 0; k < sizeof(tmp) - 1 &&
				    buf[i + 8 + k] &&
				    strchr("0123456789.p", buf[i + 8 + k]); k++)
					tmp[k] = buf[i + 8 + k];
				tmp[k] = '\0';
				v = sl_version_parse(tmp);
			}
			if (v > 0)
				goto done;
		}
		keep = 16;
		memmove(buf, buf + n - keep, keep);
	}
 done:
	fclose(f);
	return v;
}

/*
 * Parse VERSION, A..B or "installed" into *plo and *phi. Returns 0, or -1 with
 * a message in err. A range beyond the known releases is clamped, with a
 * warning.
 */
static int
version_range(const char *arg, int dialect, int *plo, int *phi, char *err,
    size_t errlen)
{
	const char *dots = strstr(arg, "..");
	char a[32];
	int lo, hi;

	if (strcmp(arg, "installed") == 0) {
		lo = installed_version(dialect == SL_DIALECT_SSHD ?
		    SL_DIALECT_SSHD : SL_DIALECT_SSH);
		if (lo < 0) {
			snprintf(err, errlen, "cannot find the version of the "
			    "installed OpenSSH");
			return -1;
		}
		*plo = *phi = lo;
		return 0;
	}
	if (dots != NULL) {
		if ((size_t)(dots - arg) >= sizeof(a)) {
			snprintf(err, errlen, "bad OpenSSH range '%s'", arg);
			return -1;
		}
		memcpy(a, arg, (size_t)(dots - arg));
		a[dots - arg] = '\0';
		lo = sl_version_parse(a);
		hi = sl_version_parse(dots + 2);
	} else
		lo = hi = sl_version_parse(arg);
	if (lo < 0 || hi < 0 || lo > hi) {
		snprintf(err, errlen, "bad OpenSSH version '%s' (expected e.g. "
		    "9.2 or 8.4..9.6)", arg);
		return -1;
	}
	if (lo < SL_VERSION(7, 4) || hi > sl_version_newest()) {
		char b[16];

		fprintf(stderr, "sshlint: warning: OpenSSH releases known: "
		    "7.4 .. %s; '%s' is outside\n",
		    sl_version_str(sl_version_newest(), b, sizeof(b)), arg);
		if (lo < SL_VERSION(7, 4))
			lo = SL_VERSION(7, 4);
		if (hi > sl_version_newest())
			hi = sl_version_newest();
		if (lo > hi)
			lo = hi;
	}
	*plo = lo;
	*phi = hi;
	return 0;
}

static const struct opt *
find_opt(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NOPTS; i++)
		if (strlen(lint_opts[i].name) == len &&
		    strncmp(lint_opts[i].name, name, len) == 0)
			return &lint_opts[i];
	return NULL;
}

/* Parse options; returns the index of the first non-option argument,
 * having moved positional arguments to the front. */
static int
parse_options(struct cli *c, int argc, char **argv, int start,
    const char ***pos, int *npos)
{
	const struct opt *o;
	const char *name, *val, *eq;
	int i;

	*npos = 0;
	*pos = calloc((size_t)argc + 1, sizeof(**pos));
	if (*pos == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		exit(EXIT_USAGE);
	}
	for (i = start; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			for (i++; i < argc; i++)
				(*pos)[(*npos)++] = argv[i];
			break;
		}
		if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0') {
			if (argv[i][0] == '-' && argv[i][1] != '\0' &&
			    strcmp(argv[i], "-h") != 0)
				die_usage("unknown option '%s'", argv[i]);
			if (strcmp(argv[i], "-h") == 0) {
				usage(stdout);
				exit(EXIT_CLEAN);
			}
			(*pos)[(*npos)++] = argv[i];
			continue;
		}
		name = argv[i] + 2;
		eq = strchr(name, '=');
		o = find_opt(name, eq ? (size_t)(eq - name) : strlen(name));
		if (o == NULL)
			die_usage("unknown option '%s'", argv[i]);
		val = NULL;
		if (o->arg != NULL) {
			if (eq != NULL)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				die_usage("option '%s' needs an argument",
				    argv[i]);
		} else if (eq != NULL)
			die_usage("option '%s' takes no argument", argv[i]);
		switch (o->id) {
		case O_DIALECT:
			if (strcmp(val, "ssh") == 0)
				c->lo.dialect = SL_DIALECT_SSH;
			else if (strcmp(val, "sshd") == 0)
				c->lo.dialect = SL_DIALECT_SSHD;
			else
				die_usage("bad --dialect '%s' (ssh or sshd)",
				    val);
			break;
		case O_OPENSSH:
			c->openssh = val;
			break;
		case O_POLICY:
			c->policy = val;
			break;
		case O_FORMAT:
			if (strcmp(val, "text") == 0)
				c->format = OUT_TEXT;
			else if (strcmp(val, "json") == 0)
				c->format = OUT_JSON;
			else if (strcmp(val, "sarif") == 0)
				c->format = OUT_SARIF;
			else if (strcmp(val, "github") == 0)
				c->format = OUT_GITHUB;
			else
				die_usage("bad --format '%s' (text, json, sarif "
				    "or github)", val);
			break;
		case O_HOME:
			c->lo.home = val;
			break;
		case O_SYSROOT:
			c->lo.sysroot = val;
			break;
		case O_CONFIG:
			c->config = val;
			break;
		case O_FAILON:
			if (strcmp(val, "error") == 0)
				c->fail_on = SL_SEV_ERROR;
			else if (strcmp(val, "warning") == 0)
				c->fail_on = SL_SEV_WARNING;
			else if (strcmp(val, "info") == 0)
				c->fail_on = SL_SEV_INFO;
			else
				die_usage("bad --fail-on '%s'", val);
			break;
		case O_QUIET:
			c->quiet = true;
			break;
		case O_NOCOLOR:
			c->color = false;
			break;
		case O_FIX:
			c->fix = true;
			break;
		case O_DIFF:
			c->diff = true;
			break;
		case O_BACKUP:
			c->backup = val;
			break;
		case O_HELP:
			usage(stdout);
			exit(EXIT_CLEAN);
		case O_VERSION:
			printf("sshlint %s\n", SSHLINT_VERSION);
			exit(EXIT_CLEAN);
		}
	}
	return *npos;
}

static char *
default_path(const struct cli *c)
{
	const char *home = c->lo.home;
	struct passwd *pw;
	char *p;
	size_t n;

	if (home == NULL)
		home = getenv("HOME");
	if (home == NULL && (pw = getpwuid(getuid())) != NULL)
		home = pw->pw_dir;
	if (home == NULL)
		return NULL;
	n = strlen(home) + sizeof("/.ssh/config");
	if ((p = malloc(n)) != NULL)
		snprintf(p, n, "%s/.ssh/config", home);
	return p;
}

static int
cmd_rules(int argc, char **argv)
{
	const struct sl_rule_info *ri;
	size_t i;

	if (argc > 2 && (strcmp(argv[2], "--help") == 0 ||
	    strcmp(argv[2], "-h") == 0)) {
		printf("usage: sshlint rules [RULE]\n\nWithout RULE: every rule "
		    "with its id, name, default severity and summary, and\n"
		    "whether --fix can repair it. With RULE (an id such as "
		    "SSH101 or a name\nsuch as shadowed-directive): its "
		    "explanation.\n");
		return EXIT_CLEAN;
	}
	if (argc > 2) {
		if ((ri = sl_rule_find(argv[2])) == NULL) {
			fprintf(stderr, "sshlint: unknown rule '%s'\n",
			    argv[2]);
			return EXIT_USAGE;
		}
		printf("%s %s (%s%s)\n\n%s\n\n%s\n", ri->id, ri->name,
		    sl_severity_name(ri->severity),
		    ri->fixable ? ", fixable" : "", ri->summary,
		    ri->explanation);
		return EXIT_CLEAN;
	}
	for (i = 0; i < sl_rules_count(); i++) {
		ri = sl_rule_at(i);
		printf("%-7s %-24s %-8s %s%s\n", ri->id, ri->name,
		    sl_severity_name(ri->severity), ri->summary,
		    ri->fixable ? " (fixable)" : "");
	}
	return EXIT_CLEAN;
}

static int
cmd_parse(int argc, char **argv)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_ctx *ctx;
	const char *file = NULL;
	int mode = 0, i, r;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--reprint") == 0)
			mode = 1;
		else if (strcmp(argv[i], "--json") == 0)
			mode = 2;
		else if (strcmp(argv[i], "--dialect") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "ssh") == 0)
				lo.dialect = SL_DIALECT_SSH;
			else if (strcmp(argv[i], "sshd") == 0)
				lo.dialect = SL_DIALECT_SSHD;
			else
				die_usage("bad --dialect '%s'", argv[i]);
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return EXIT_CLEAN;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			die_usage("unknown option '%s'", argv[i]);
		else if (file == NULL)
			file = argv[i];
		else
			die_usage("parse takes one FILE ('%s' is extra)",
			    argv[i]);
	}
	if (mode == 0 || file == NULL)
		die_usage("usage: sshlint parse --reprint|--json FILE");
	if ((ctx = sl_ctx_new()) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		return EXIT_USAGE;
	}
	if (strcmp(file, "-") == 0)
		file = "/dev/stdin";
	r = mode == 1 ? sl_parse_reprint(ctx, &lo, file, stdout) :
	    sl_parse_json(ctx, &lo, file, stdout);
	if (r != 0)
		fprintf(stderr, "sshlint: %s\n", sl_ctx_errmsg(ctx)[0] ?
		    sl_ctx_errmsg(ctx) : sl_strerror(r));
	sl_ctx_free(ctx);
	if (fflush(stdout) != 0)
		r = SL_EIO;
	return r == 0 ? EXIT_CLEAN : EXIT_USAGE;
}

/*
 * "-": lint standard input, which may be a pipe (the library refuses
 * FIFOs given as paths, so that a FIFO never blocks it).
 */
static int
lint_stdin(struct sl_ctx *ctx, const struct sl_lint_options *lo)
{
	size_t len = 0, cap = 0, n;
	char *buf = NULL, *nb;
	int r;

	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > (size_t)256 * 1024 * 1024 ||
			    (nb = realloc(buf, cap)) == NULL) {
				free(buf);
				fprintf(stderr, "sshlint: <stdin>: too large or "
				    "out of memory\n");
				return SL_ELIMIT;
			}
			buf = nb;
		}
		if ((n = fread(buf + len, 1, cap - len, stdin)) == 0)
			break;
		len += n;
	}
	if (ferror(stdin)) {
		fprintf(stderr, "sshlint: <stdin>: read error: %s\n",
		    strerror(errno));
		free(buf);
		return SL_EIO;
	}
	r = sl_lint_buffer(ctx, lo, "<stdin>", buf ? buf : "", len);
	free(buf);
	return r;
}



/* Identity of a file: stat of its path. */
static bool
file_id(const char *path, dev_t *dev, ino_t *ino)
{
	struct stat st;

	if (strcmp(path, "<stdin>") == 0 || stat(path, &st) != 0)
		return false;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return true;
}

/* Source id of the file `path` in the context, or -1. */
static long
find_source(const struct sl_ctx *ctx, const char *path)
{
	dev_t d, d2;
	ino_t i, i2;
	size_t k, n = sl_ctx_nsources(ctx);

	if (!file_id(path, &d, &i))
		return -1;
	for (k = 0; k < n; k++)
		if (file_id(sl_ctx_source_path(ctx, (uint32_t)k), &d2, &i2) &&
		    d == d2 && i == i2)
			return (long)k;
	return -1;
}

/* Is `p` none of the paths given (so a path made by the program)? */
static bool
included_only(const char **pos, int npos, const char *p)
{
	int i;

	for (i = 0; i < npos; i++)
		if (strcmp(pos[i], p) == 0)
			return false;
	return true;
}

struct run {
	struct cli *c;
	struct project *proj;	/* NULL: none */
	struct sl_ctx *ctx;
	int failures;
};

/* Dialect of a top-level file: --dialect, the entry's, an override's, or
 * guessed from the name (-1). */
static int
top_dialect(const struct run *rn, const char *path, int entry_dialect,
    int cli_dialect)
{
	char *rel;
	int d;

	if (cli_dialect >= 0)
		return cli_dialect;
	if (entry_dialect >= 0)
		return entry_dialect;
	if (rn->proj == NULL)
		return -1;
	rel = project_relpath(rn->proj, path);
	d = project_dialect(rn->proj, rel);
	free(rel);
	return d;
}

static int
lint_one(struct run *rn, const char *path, int dialect)
{
	struct sl_lint_options lo = rn->c->lo;
	int r;

	lo.dialect = dialect;
	if (strcmp(path, "-") == 0)
		r = lint_stdin(rn->ctx, &lo);
	else
		r = sl_lint_file(rn->ctx, &lo, path);
	if (r != 0) {
		fprintf(stderr, "sshlint: %s\n", sl_ctx_errmsg(rn->ctx)[0] ?
		    sl_ctx_errmsg(rn->ctx) : sl_strerror(r));
		rn->failures++;
	}
	return r;
}

/* Keep the findings whose source is flagged. */
static int
keep_flagged(void *arg, const struct sl_diag *d)
{
	const bool *keep = arg;

	return keep[d->source_id];
}

struct disable_filter {
	const struct project *proj;
	char **rel;		/* project-relative path per source */
};

static int
keep_enabled(void *arg, const struct sl_diag *d)
{
	const struct disable_filter *f = arg;

	return !project_rule_disabled(f->proj, f->rel[d->source_id],
	    (size_t)d->rule);
}

static void
die_project(const struct project *p, const struct proj_pos *pos,
    const char *msg)
{
	fprintf(stderr, "%s:%d:%d: error: %s\n", p->file, pos->line, pos->col,
	    msg);
	exit(EXIT_USAGE);
}

/*
 * Load the policy: --policy, else the project's, else the built-in
 * "default". A load error is FILE:LINE:COL: error: MSG, exit 2.
 */
static struct sl_policy *
load_policy(const struct cli *c, const struct project *proj)
{
	struct sl_policy_error err;
	struct sl_policy *pol = NULL;
	const char *name = "default";
	int r;

	if (c->policy != NULL)
		name = c->policy;
	else if (proj != NULL && proj->policy != NULL)
		name = proj->policy;
	memset(&err, 0, sizeof(err));
#ifndef SSHLINT_NO_POLICY_YET
	if ((r = sl_policy_load(name, &pol, &err)) == 0)
		return pol;
#else
	r = 0;
	if (strcmp(name, "default") == 0)
		return pol;
#endif
	if (err.msg[0] == '\0')
		snprintf(err.msg, sizeof(err.msg), "cannot load policy '%s': "
		    "%s", name, sl_strerror(r));
	if (err.line > 0)
		fprintf(stderr, "%s:%d:%d: error: %s\n", err.file[0] ?
		    err.file : name, err.line, err.col > 0 ? err.col : 1,
		    err.msg);
	else if (c->policy == NULL && proj != NULL && proj->policy != NULL)
		die_project(proj, &proj->policy_pos, err.msg);
	else if (err.file[0] != '\0' && (strcmp(err.file, name) != 0 ||
	    strstr(err.msg, name) == NULL))
		fprintf(stderr, "%s: error: %s\n", err.file, err.msg);
	else
		fprintf(stderr, "sshlint: --policy: error: %s\n", err.msg);
	exit(EXIT_USAGE);
}

/* What the rewriter may touch: project overrides, and with files given
 * in a project, only those files (fixed in their entry point's context). */
struct fix_scope {
	const struct project *proj;
	char **only;		/* real paths, or NULL: any file */
	size_t nonly;
};

static int
fix_rule_off(void *arg, const char *path, int rule)
{
	const struct fix_scope *fs = arg;
	char real[PATH_MAX];
	size_t i;
	int off = 0;

	if (fs->proj != NULL) {
		char *rel = project_relpath(fs->proj, path);

		off = project_rule_disabled(fs->proj, rel, (size_t)rule);
		free(rel);
	}
	if (off || fs->only == NULL)
		return off;
	if (realpath(path, real) == NULL)
		return 1;
	for (i = 0; i < fs->nonly; i++)
		if (strcmp(fs->only[i], real) == 0)
			return 0;
	return 1;
}

static int
fault(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL)
		return 0;
	if (strcmp(v, "ENOSPC") == 0)
		return ENOSPC;
	if (strcmp(v, "EIO") == 0)
		return EIO;
	return EIO;
}

/*
 * --fix / --diff on one tree. Messages go to stdout with --fix and to
 * stderr with --diff (stdout carries the diff). Returns the number of
 * files with changes, or -1 when a file could not be written.
 */
static int
fix_one(struct run *rn, const char *path, int dialect,
    const struct fix_scope *scope)
{
	struct sl_lint_options lo = rn->c->lo;
	struct sl_fix_options fo;
	struct sl_fix_result res;
	struct fix_scope whole = { rn->proj, NULL, 0 };
	int r;

	lo.dialect = dialect;
	memset(&fo, 0, sizeof(fo));
	fo.mode = rn->c->diff ? SL_FIX_DIFF : SL_FIX_WRITE;
	fo.backup_suffix = rn->c->backup;
	if (scope == NULL)
		scope = &whole;
	if (scope->proj != NULL || scope->only != NULL) {
		fo.rule_off = fix_rule_off;
		fo.rule_off_arg = (void *)scope;
	}
	/* test hooks for the writer's failure paths */
	fo.fail_write = fault("SSHLINT_FAIL_WRITE");
	fo.fail_fsync = fault("SSHLINT_FAIL_FSYNC");
	fo.fail_rename = fault("SSHLINT_FAIL_RENAME");
	fo.kill_before_rename = getenv("SSHLINT_TEST_KILL_BEFORE_RENAME") !=
	    NULL;
	r = sl_fix_file(&lo, path, &fo, stdout, rn->c->diff ? stderr : stdout,
	    &res);
	if (r != 0) {
		fprintf(stderr, "sshlint: %s\n", res.error[0] ? res.error :
		    sl_strerror(r));
		rn->failures++;
		return -1;
	}
	if (!rn->c->diff && !rn->c->quiet && (res.fixed || res.skipped))
		printf("sshlint: %s: %u fix%s applied in %u file%s, %u not "
		    "applied\n", path, res.fixed, res.fixed == 1 ? "" : "es",
		    res.files, res.files == 1 ? "" : "s", res.skipped);
	return (int)res.files;
}

/* A context holding the entry points, to tell which given files they
 * reach (find_source()); NULL on failure. The caller frees it. */
static struct sl_ctx *
entries_ctx(const struct run *rn, const struct project *proj,
    int cli_dialect)
{
	struct run tmp = *rn;
	size_t i;

	if ((tmp.ctx = sl_ctx_new()) == NULL)
		return NULL;
	tmp.failures = 0;
	for (i = 0; i < proj->nentries; i++)
		lint_one(&tmp, proj->entries[i].path, top_dialect(&tmp,
		    proj->entries[i].path, proj->entries[i].dialect,
		    cli_dialect));
	return tmp.ctx;
}

int
main(int argc, char **argv)
{
	struct cli c;
	struct project proj;
	struct run rn;
	struct out o;
	struct sl_policy *policy = NULL;
	struct disable_filter df = { NULL, NULL };
	const char **pos = NULL, **paths = NULL;
	char *defp = NULL, *projfile = NULL, err[1024];
	size_t counts[3] = { 0, 0, 0 }, i, nsrc = 0;
	bool have_proj = false, *keep = NULL;
	int npos = 0, start = 1, rc = EXIT_CLEAN, cli_dialect;
	long id;

	if (getenv("SSHLINT_FAIL_ALLOC") != NULL)
		sl_alloc_fail_after(atol(getenv("SSHLINT_FAIL_ALLOC")));
	memset(&c, 0, sizeof(c));
	memset(&o, 0, sizeof(o));
	memset(&rn, 0, sizeof(rn));
	c.lo = (struct sl_lint_options)SL_LINT_OPTIONS_INIT;
	c.fail_on = SL_SEV_ERROR;
	c.caret = isatty(STDOUT_FILENO);
	c.color = c.caret && getenv("NO_COLOR") == NULL;

	if (argc > 1 && strcmp(argv[1], "rules") == 0)
		return cmd_rules(argc, argv);
	if (argc > 1 && strcmp(argv[1], "show") == 0)
		return cmd_show(argc, argv);
	if (argc > 1 && strcmp(argv[1], "negotiate") == 0)
		return cmd_negotiate(argc, argv);
	if (argc > 1 && strcmp(argv[1], "explain") == 0)
		return cmd_explain(argc, argv);
	if (argc > 1 && strcmp(argv[1], "doctor") == 0)
		return cmd_doctor(argc, argv);
	if (argc > 1 && strcmp(argv[1], "policies") == 0)
		return cmd_policies(argc, argv);
	if (argc > 1 && strcmp(argv[1], "parse") == 0)
		return cmd_parse(argc, argv);
	if (argc > 1 && strcmp(argv[1], "lint") == 0)
		start = 2;
	parse_options(&c, argc, argv, start, &pos, &npos);
	cli_dialect = c.lo.dialect;

	/* the project file: --config, else found upward */
	memset(&proj, 0, sizeof(proj));
	projfile = c.config != NULL ? strdup(c.config) : project_find();
	if (projfile != NULL) {
		if (project_load(projfile, &proj, err, sizeof(err)) != 0) {
			fprintf(stderr, "%s\n", err);
			project_free(&proj);
			free(projfile);
			free(pos);
			return EXIT_USAGE;
		}
		have_proj = true;
		free(projfile);
	}
	rn.c = &c;
	rn.proj = have_proj ? &proj : NULL;

	/* options win over the project file */
	if (c.openssh != NULL) {
		if (version_range(c.openssh, c.lo.dialect, &c.lo.openssh_min,
		    &c.lo.openssh_max, err, sizeof(err)) != 0)
			die_usage("--openssh: %s", err);
		o.version_note = "";
	} else if (have_proj && proj.openssh != NULL) {
		if (version_range(proj.openssh, c.lo.dialect,
		    &c.lo.openssh_min, &c.lo.openssh_max, err,
		    sizeof(err)) != 0)
			die_project(&proj, &proj.openssh_pos, err);
		o.version_note = ", from the project configuration";
	} else {
		c.lo.openssh_min = c.lo.openssh_max = sl_version_newest();
		o.version_note = ", the newest known release; use --openssh to "
		    "choose";
	}
	if (c.lo.home == NULL && have_proj)
		c.lo.home = proj.home;
	if (c.lo.sysroot == NULL && have_proj)
		c.lo.sysroot = proj.sysroot;
	policy = load_policy(&c, rn.proj);
	c.lo.policy = policy;

	if ((rn.ctx = sl_ctx_new()) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if (c.fix || c.diff) {
		int changed = 0, n;

		if (c.fix && c.diff)
			die_usage("--fix and --diff exclude each other");
		if (npos == 0 && have_proj && proj.nentries > 0) {
			for (i = 0; i < proj.nentries; i++)
				if ((n = fix_one(&rn, proj.entries[i].path,
				    top_dialect(&rn, proj.entries[i].path,
				    proj.entries[i].dialect, cli_dialect),
				    NULL)) > 0)
					changed += n;
		} else if (have_proj && proj.nentries > 0) {
			/*
			 * Files given in a project (a pre-commit fix hook):
			 * fixed in the context of the entry points that reach
			 * them, touching only them; a file no entry reaches
			 * is fixed alone.
			 */
			struct fix_scope sc = { &proj, NULL, 0 };
			char real[PATH_MAX];
			size_t k;

			if ((sc.only = calloc((size_t)npos,
			    sizeof(*sc.only))) == NULL) {
				fprintf(stderr, "sshlint: out of memory\n");
				rc = EXIT_USAGE;
				goto out;
			}
			for (k = 0; k < (size_t)npos; k++)
				if (realpath(pos[k], real) != NULL &&
				    (sc.only[sc.nonly] = strdup(real)) != NULL)
					sc.nonly++;
			for (i = 0; i < proj.nentries; i++)
				if ((n = fix_one(&rn, proj.entries[i].path,
				    top_dialect(&rn, proj.entries[i].path,
				    proj.entries[i].dialect, cli_dialect),
				    &sc)) > 0)
					changed += n;
			/* files that no entry point includes: alone */
			{
				struct sl_ctx *ec = entries_ctx(&rn, &proj,
				    cli_dialect);

				for (k = 0; ec != NULL && k < (size_t)npos;
				    k++)
					if (strcmp(pos[k], "-") != 0 &&
					    find_source(ec, pos[k]) < 0 &&
					    (n = fix_one(&rn, pos[k],
					    top_dialect(&rn, pos[k], -1,
					    cli_dialect), NULL)) > 0)
						changed += n;
				sl_ctx_free(ec);
			}
			for (k = 0; k < sc.nonly; k++)
				free(sc.only[k]);
			free(sc.only);
		} else if (npos == 0) {
			if ((defp = default_path(&c)) == NULL) {
				fprintf(stderr, "sshlint: cannot find the home "
				    "directory; give a PATH\n");
				rc = EXIT_USAGE;
				goto out;
			}
			if ((n = fix_one(&rn, defp, top_dialect(&rn, defp, -1,
			    cli_dialect), NULL)) > 0)
				changed += n;
		} else {
			for (i = 0; i < (size_t)npos; i++) {
				if (strcmp(pos[i], "-") == 0)
					die_usage("--fix/--diff need files, not "
					    "standard input");
				if ((n = fix_one(&rn, pos[i], top_dialect(&rn,
				    pos[i], -1, cli_dialect), NULL)) > 0)
					changed += n;
			}
		}
		if (c.diff) {
			rc = rn.failures ? EXIT_USAGE : changed ? EXIT_FINDINGS :
			    EXIT_CLEAN;
			goto out;
		}
		if (rn.failures) {
			rc = EXIT_USAGE;
			goto out;
		}
		free(defp);
		defp = NULL;
	}
	if (npos == 0 && have_proj && proj.nentries > 0) {
		/* the project's entry points */
		for (i = 0; i < proj.nentries; i++)
			lint_one(&rn, proj.entries[i].path, top_dialect(&rn,
			    proj.entries[i].path, proj.entries[i].dialect,
			    cli_dialect));
	} else if (npos == 0) {
		if ((defp = default_path(&c)) == NULL) {
			fprintf(stderr, "sshlint: cannot find the home "
			    "directory; give a PATH\n");
			rc = EXIT_USAGE;
			goto out;
		}
		lint_one(&rn, defp, top_dialect(&rn, defp, -1, cli_dialect));
	} else if (have_proj && proj.nentries > 0) {
		/*
		 * Files given with a project: each is checked in the context
		 * of the entry points that reach it, or alone; only the
		 * findings in the given files are reported, under the name
		 * they were given.
		 */
		for (i = 0; i < proj.nentries; i++)
			lint_one(&rn, proj.entries[i].path, top_dialect(&rn,
			    proj.entries[i].path, proj.entries[i].dialect,
			    cli_dialect));
		nsrc = sl_ctx_nsources(rn.ctx);
		for (i = 0; i < (size_t)npos; i++) {
			if (strcmp(pos[i], "-") != 0 &&
			    find_source(rn.ctx, pos[i]) >= 0)
				continue;
			lint_one(&rn, pos[i], top_dialect(&rn, pos[i], -1,
			    cli_dialect));
		}
		nsrc = sl_ctx_nsources(rn.ctx);
		keep = calloc(nsrc ? nsrc : 1, sizeof(*keep));
		paths = calloc(nsrc ? nsrc : 1, sizeof(*paths));
		if (keep == NULL || paths == NULL) {
			fprintf(stderr, "sshlint: out of memory\n");
			rc = EXIT_USAGE;
			goto out;
		}
		for (i = 0; i < (size_t)npos; i++) {
			if (strcmp(pos[i], "-") == 0) {
				for (id = 0; (size_t)id < nsrc; id++)
					if (strcmp(sl_ctx_source_path(rn.ctx,
					    (uint32_t)id), "<stdin>") == 0)
						keep[id] = true;
				continue;
			}
			if ((id = find_source(rn.ctx, pos[i])) >= 0) {
				keep[id] = true;
				paths[id] = pos[i];
			}
		}
	} else {
		for (i = 0; i < (size_t)npos; i++)
			lint_one(&rn, pos[i], top_dialect(&rn, pos[i], -1,
			    cli_dialect));
	}

	/* final passes over the findings: inline suppressions, the given
	 * files, the project's disabled rules */
	if (sl_ctx_apply_suppressions(rn.ctx) != 0) {
		fprintf(stderr, "sshlint: out of memory\n");
		rn.failures++;
	}
	if (keep != NULL)
		sl_ctx_filter_diags(rn.ctx, keep_flagged, keep);
	nsrc = sl_ctx_nsources(rn.ctx);
	if (have_proj) {
		df.proj = &proj;
		df.rel = calloc(nsrc ? nsrc : 1, sizeof(*df.rel));
		if (df.rel == NULL) {
			fprintf(stderr, "sshlint: out of memory\n");
			rc = EXIT_USAGE;
			goto out;
		}
		for (i = 0; i < nsrc; i++)
			df.rel[i] = project_relpath(&proj, paths != NULL &&
			    paths[i] != NULL ? paths[i] :
			    sl_ctx_source_path(rn.ctx, (uint32_t)i));
		sl_ctx_filter_diags(rn.ctx, keep_enabled, &df);
	}
	/* paths made from Include patterns: no "./" in front */
	if (paths == NULL && nsrc > 0 &&
	    (paths = calloc(nsrc, sizeof(*paths))) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		rc = EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < nsrc; i++) {
		const char *p = sl_ctx_source_path(rn.ctx, (uint32_t)i);

		if (paths[i] != NULL || !included_only(pos, npos, p))
			continue;
		while (p[0] == '.' && p[1] == '/' && p[2] != '\0')
			p += 2;
		paths[i] = p;
	}
	sl_ctx_sort_diags(rn.ctx);
	for (i = 0; i < sl_ctx_ndiags(rn.ctx); i++)
		counts[sl_ctx_diag(rn.ctx, i)->severity]++;

	o.ctx = rn.ctx;
	o.format = c.format;
	o.color = c.color;
	o.caret = c.caret && c.format == OUT_TEXT;
	o.quiet = c.quiet;
	o.openssh_min = c.lo.openssh_min;
	o.openssh_max = c.lo.openssh_max;
	o.paths = paths;
	o.npaths = nsrc;
	o.complete = rn.failures == 0;
	out_print(&o, counts);

	for (i = (size_t)c.fail_on; i < 3; i++)
		if (counts[i] > 0)
			rc = EXIT_FINDINGS;
	if (rn.failures > 0)
		rc = EXIT_USAGE;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sshlint: write error: %s\n", strerror(errno));
		rc = EXIT_USAGE;
	}
 out:
	if (df.rel != NULL)
		for (i = 0; i < nsrc; i++)
			free(df.rel[i]);
	free(df.rel);
	free(keep);
	free(paths);
	sl_ctx_free(rn.ctx);
#ifndef SSHLINT_NO_POLICY_YET
	sl_policy_free(policy);
#endif
	project_free(&proj);
	free(pos);
	free(defp);
	return rc;
}
