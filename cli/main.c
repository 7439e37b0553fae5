/* sshlint command line. Sees only the public API in include/sshlint/. */
#include <errno.h>
#include <fcntl.h>
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
#include "sshlint/sshlint.h"
#include "cli/cli.h"

enum fmt { FMT_TEXT, FMT_JSON };

struct cli {
	struct sl_lint_options lo;
	enum fmt format;
	enum sl_severity fail_on;
	bool quiet, color, caret;
	const char *config;
	int version_from;	/* 0 default, 1 option, 2 config file */
};

/* Option table: drives parsing and --help. */
enum opt_id {
	O_DIALECT, O_OPENSSH, O_FORMAT, O_HOME, O_SYSROOT, O_CONFIG, O_FAILON,
	O_QUIET, O_NOCOLOR, O_HELP, O_VERSION,
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
	{ O_FORMAT, "format", "text|json", "output format (default: text)" },
	{ O_HOME, "home", "DIR", "use DIR as the home directory for ~ and "
	    "the default path ~/.ssh/config" },
	{ O_SYSROOT, "sysroot", "DIR", "prefix absolute Include paths "
	    "(/etc/ssh/...) with DIR" },
	{ O_CONFIG, "config", "FILE", "project configuration file (default: "
	    ".sshlint.yaml in the current directory, if present)" },
	{ O_FAILON, "fail-on", "error|warning|info", "lowest severity that "
	    "makes the exit status 1 (default: error)" },
	{ O_QUIET, "quiet", NULL, "print findings only, no summary" },
	{ O_NOCOLOR, "no-color", NULL, "never colour the output (also: "
	    "NO_COLOR set in the environment)" },
	{ O_HELP, "help", NULL, "show this help and exit" },
	{ O_VERSION, "version", NULL, "print the version and exit" },
};

#define NOPTS (sizeof(lint_opts) / sizeof(lint_opts[0]))

static void
usage(FILE *f)
{
	size_t i;
	char buf[64];

	fprintf(f,
	    "usage: sshlint [lint] [OPTIONS] [PATH...]\n"
	    "       sshlint parse --reprint|--json [--dialect D] FILE\n"
	    "       sshlint show client|server [OPTIONS] ... (see sshlint show "
	    "--help)\n"
	    "       sshlint rules [RULE]\n"
	    "\n"
	    "Check OpenSSH client (ssh_config) and server (sshd_config)\n"
	    "configuration files and the files they Include. With no PATH,\n"
	    "checks ~/.ssh/config; a PATH of - reads standard input.\n\n"
	    "options:\n");
	for (i = 0; i < NOPTS; i++) {
		snprintf(buf, sizeof(buf), "--%s%s%s", lint_opts[i].name,
		    lint_opts[i].arg ? " " : "",
		    lint_opts[i].arg ? lint_opts[i].arg : "");
		fprintf(f, "  %-38s %s\n", buf, lint_opts[i].help);
	}
	fprintf(f,
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

static void
parse_openssh(struct cli *c, const char *arg)
{
	const char *dots = strstr(arg, "..");
	char a[32];
	int lo, hi;

	if (strcmp(arg, "installed") == 0) {
		lo = installed_version(c->lo.dialect == SL_DIALECT_SSHD ?
		    SL_DIALECT_SSHD : SL_DIALECT_SSH);
		if (lo < 0)
			die_usage("--openssh installed: cannot find the "
			    "version of the installed OpenSSH");
		c->lo.openssh_min = c->lo.openssh_max = lo;
		return;
	}
	if (dots != NULL) {
		if ((size_t)(dots - arg) >= sizeof(a))
			die_usage("bad --openssh range '%s'", arg);
		memcpy(a, arg, (size_t)(dots - arg));
		a[dots - arg] = '\0';
		lo = sl_version_parse(a);
		hi = sl_version_parse(dots + 2);
	} else
		lo = hi = sl_version_parse(arg);
	if (lo < 0 || hi < 0 || lo > hi)
		die_usage("bad --openssh value '%s' (expected e.g. 9.2 or "
		    "8.4..9.6)", arg);
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
	c->lo.openssh_min = lo;
	c->lo.openssh_max = hi;
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
    const char ***pos, int *npos, const char *openssh_arg[1])
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
			openssh_arg[0] = val;
			break;
		case O_FORMAT:
			if (strcmp(val, "text") == 0)
				c->format = FMT_TEXT;
			else if (strcmp(val, "json") == 0)
				c->format = FMT_JSON;
			else
				die_usage("bad --format '%s' (text or json)",
				    val);
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

static void
json_str(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static const char *
sev_color(enum sl_severity s)
{
	switch (s) {
	case SL_SEV_ERROR:
		return "\033[1;31m";
	case SL_SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/* Print the source line of a finding with a caret under its span. */
static void
print_caret(const struct sl_ctx *ctx, const struct sl_diag *d, bool color)
{
	const char *data, *ls, *le;
	size_t len, i, span;
	uint32_t line, col;

	if (sl_ctx_source_text(ctx, d->source_id, &data, &len) != 0 ||
	    d->start > len)
		return;
	sl_ctx_source_pos(ctx, d->source_id, d->start, &line, &col);
	ls = data + d->start - (col - 1);
	for (le = ls; le < data + len && *le != '\n' && *le != '\r' &&
	    *le != '\0'; le++)
		;
	if (le - ls > 400)
		return;
	printf("  ");
	fwrite(ls, 1, (size_t)(le - ls), stdout);
	printf("\n  ");
	for (i = 0; i + 1 < col; i++)
		putchar(ls[i] == '\t' ? '\t' : ' ');
	span = d->end > d->start ? d->end - d->start : 1;
	if (d->start + span > (size_t)(le - data))
		span = (size_t)(le - data) > d->start ?
		    (size_t)(le - data) - d->start : 1;
	if (color)
		printf("\033[1;32m");
	putchar('^');
	for (i = 1; i < span && i < 200; i++)
		putchar('~');
	if (color)
		printf("\033[0m");
	putchar('\n');
}

static void
print_text(const struct sl_ctx *ctx, const struct cli *c)
{
	const struct sl_diag *d;
	const struct sl_rule_info *ri;
	size_t i;
	uint32_t line, col;

	for (i = 0; i < sl_ctx_ndiags(ctx); i++) {
		d = sl_ctx_diag(ctx, i);
		ri = sl_rule_at((size_t)d->rule);
		sl_ctx_source_pos(ctx, d->source_id, d->start, &line, &col);
		if (c->color)
			printf("\033[1m%s:%u:%u:\033[0m %s%s:\033[0m %s "
			    "[%s]\n", sl_ctx_source_path(ctx, d->source_id),
			    line, col, sev_color(d->severity),
			    sl_severity_name(d->severity), d->message, ri->id);
		else
			printf("%s:%u:%u: %s: %s [%s]\n",
			    sl_ctx_source_path(ctx, d->source_id), line, col,
			    sl_severity_name(d->severity), d->message, ri->id);
		if (c->caret)
			print_caret(ctx, d, c->color);
	}
}

static void
print_json(const struct sl_ctx *ctx, const struct cli *c, size_t counts[3])
{
	const struct sl_diag *d;
	const struct sl_rule_info *ri;
	size_t i;
	uint32_t line, col, eline, ecol;
	char a[16], b[16];

	printf("{\"version\":1,\"openssh\":{\"min\":\"%s\",\"max\":\"%s\"},"
	    "\"diagnostics\":[",
	    sl_version_str(c->lo.openssh_min, a, sizeof(a)),
	    sl_version_str(c->lo.openssh_max, b, sizeof(b)));
	for (i = 0; i < sl_ctx_ndiags(ctx); i++) {
		d = sl_ctx_diag(ctx, i);
		ri = sl_rule_at((size_t)d->rule);
		sl_ctx_source_pos(ctx, d->source_id, d->start, &line, &col);
		sl_ctx_source_pos(ctx, d->source_id, d->end, &eline, &ecol);
		printf("%s\n{\"path\":", i ? "," : "");
		json_str(stdout, sl_ctx_source_path(ctx, d->source_id));
		printf(",\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u,"
		    "\"start\":%u,\"end\":%u,\"severity\":\"%s\",\"rule\":\"%s\","
		    "\"name\":\"%s\",\"message\":", line, col, eline, ecol,
		    d->start, d->end, sl_severity_name(d->severity), ri->id,
		    ri->name);
		json_str(stdout, d->message);
		printf("}");
	}
	printf("\n],\"summary\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu}}"
	    "\n", counts[SL_SEV_ERROR], counts[SL_SEV_WARNING],
	    counts[SL_SEV_INFO]);
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

/* .sshlint.yaml support lives in the policies layer; for now only the
 * version is taken from "openssh:" when present. */
static const char *
project_openssh(const char *path, char *buf, size_t len)
{
	FILE *f;
	char line[512], *p, *e;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "openssh:", 8) != 0)
			continue;
		p = line + 8;
		p += strspn(p, " \t\"'");
		e = p + strcspn(p, " \t\"'#\r\n");
		*e = '\0';
		snprintf(buf, len, "%s", p);
		fclose(f);
		return buf;
	}
	fclose(f);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct cli c;
	struct sl_ctx *ctx = NULL;
	const char **pos = NULL, *openssh_arg[1] = { NULL };
	char *defp = NULL, vbuf[64], a[16], b[16];
	size_t counts[3] = { 0, 0, 0 }, i;
	int npos = 0, start = 1, r, rc = EXIT_CLEAN, failures = 0;
	const char *fa;

	if (getenv("SSHLINT_FAIL_ALLOC") != NULL)
		sl_alloc_fail_after(atol(getenv("SSHLINT_FAIL_ALLOC")));
	memset(&c, 0, sizeof(c));
	c.lo = (struct sl_lint_options)SL_LINT_OPTIONS_INIT;
	c.fail_on = SL_SEV_ERROR;
	c.caret = isatty(STDOUT_FILENO);
	c.color = c.caret && getenv("NO_COLOR") == NULL;

	if (argc > 1 && strcmp(argv[1], "rules") == 0)
		return cmd_rules(argc, argv);
	if (argc > 1 && strcmp(argv[1], "show") == 0)
		return cmd_show(argc, argv);
	if (argc > 1 && strcmp(argv[1], "policies") == 0)
		return cmd_policies(argc, argv);
	if (argc > 1 && strcmp(argv[1], "parse") == 0)
		return cmd_parse(argc, argv);
	if (argc > 1 && strcmp(argv[1], "lint") == 0)
		start = 2;
	parse_options(&c, argc, argv, start, &pos, &npos, openssh_arg);

	if (openssh_arg[0] != NULL) {
		parse_openssh(&c, openssh_arg[0]);
		c.version_from = 1;
	} else {
		fa = c.config ? c.config : ".sshlint.yaml";
		if (project_openssh(fa, vbuf, sizeof(vbuf)) != NULL) {
			parse_openssh(&c, vbuf);
			c.version_from = 2;
		} else if (c.config != NULL && access(c.config, R_OK) != 0) {
			fprintf(stderr, "sshlint: %s: %s\n", c.config,
			    strerror(errno));
			free(pos);
			return EXIT_USAGE;
		} else
			c.lo.openssh_min = c.lo.openssh_max =
			    sl_version_newest();
	}

	if (npos == 0) {
		if ((defp = default_path(&c)) == NULL) {
			fprintf(stderr, "sshlint: cannot find the home "
			    "directory; give a PATH\n");
			free(pos);
			return EXIT_USAGE;
		}
		pos[npos++] = defp;
	}
	if ((ctx = sl_ctx_new()) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		free(pos);
		free(defp);
		return EXIT_USAGE;
	}
	for (i = 0; i < (size_t)npos; i++) {
		const char *p = pos[i];

		if (strcmp(p, "-") == 0)
			r = lint_stdin(ctx, &c.lo);
		else
			r = sl_lint_file(ctx, &c.lo, p);
		if (r != 0) {
			fprintf(stderr, "sshlint: %s\n", sl_ctx_errmsg(ctx)[0] ?
			    sl_ctx_errmsg(ctx) : sl_strerror(r));
			failures++;
		}
	}
	sl_ctx_sort_diags(ctx);
	for (i = 0; i < sl_ctx_ndiags(ctx); i++)
		counts[sl_ctx_diag(ctx, i)->severity]++;
	if (c.format == FMT_JSON)
		print_json(ctx, &c, counts);
	else {
		print_text(ctx, &c);
		if (!c.quiet) {
			sl_version_str(c.lo.openssh_min, a, sizeof(a));
			sl_version_str(c.lo.openssh_max, b, sizeof(b));
			printf("sshlint: %zu error%s, %zu warning%s, %zu "
			    "info (checked for OpenSSH %s%s%s%s)\n",
			    counts[SL_SEV_ERROR],
			    counts[SL_SEV_ERROR] == 1 ? "" : "s",
			    counts[SL_SEV_WARNING],
			    counts[SL_SEV_WARNING] == 1 ? "" : "s",
			    counts[SL_SEV_INFO], a,
			    c.lo.openssh_min != c.lo.openssh_max ? ".." : "",
			    c.lo.openssh_min != c.lo.openssh_max ? b : "",
			    c.version_from == 0 ? ", the newest known release;"
			    " use --openssh to choose" : c.version_from == 2 ?
			    ", from the project configuration" : "");
		}
	}
	for (i = (size_t)c.fail_on; i < 3; i++)
		if (counts[i] > 0)
			rc = EXIT_FINDINGS;
	if (failures > 0)
		rc = EXIT_USAGE;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sshlint: write error: %s\n", strerror(errno));
		rc = EXIT_USAGE;
	}
	sl_ctx_free(ctx);
	free(pos);
	free(defp);
	return rc;
}
