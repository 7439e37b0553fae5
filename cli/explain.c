/*
 * sshlint explain 'TEXT': what OpenSSH error or debug lines mean, their
 * likely causes, the sshlint check that confirms each and the fixes. The
 * message table is lint/messages.def.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sshlint/negotiate.h"
#include "sshlint/sshlint.h"

#define MAX_STDIN	(4 * 1024 * 1024)

static void
explain_usage(FILE *f)
{
	fprintf(f,
"usage: sshlint explain [--format text|json] 'TEXT'...\n"
"       sshlint explain [--format text|json] -      (read the text from stdin)\n"
"       sshlint explain --list\n"
"\n"
"Find OpenSSH error and debug messages in TEXT (one line or a whole\n"
"'ssh -v' output or sshd log) and print what each means, its causes in order\n"
"of likelihood, the sshlint check that confirms each cause, and the fixes.\n"
"Host names, files, key types and algorithm lists in the messages may be\n"
"anything.\n"
"\n"
"Exit status: 0 a message was recognised, 1 none was, 2 usage error.\n");
}

static void die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sshlint explain: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sshlint explain --help'.\n");
	exit(EXIT_USAGE);
}

static char *
read_stdin(void)
{
	size_t n = 0, cap = 65536, r;
	char *buf = malloc(cap), *t;

	if (buf == NULL)
		return NULL;
	while ((r = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
		n += r;
		if (n + 1 >= cap) {
			if (cap >= MAX_STDIN)
				break;
			if ((t = realloc(buf, cap * 2)) == NULL) {
				free(buf);
				return NULL;
			}
			buf = t;
			cap *= 2;
		}
	}
	buf[n] = '\0';
	return buf;
}

static void
list(void)
{
	size_t i, n = sl_explain_count();

	for (i = 0; i < n; i++) {
		const struct sl_explain_entry *e = sl_explain_at(i);
		const char *nl = strchr(e->pattern, '\n');

		printf("%-24s %.*s\n", e->id, nl ? (int)(nl - e->pattern) :
		    (int)strlen(e->pattern), e->pattern);
	}
}

int
cmd_explain(int argc, char **argv)
{
	struct sl_explain_match *m = NULL;
	bool json = false, have_text = false;
	char *text = NULL, *t;
	size_t len = 0, l;
	long n;
	int a, rc;

	for (a = 2; a < argc; a++) {
		const char *o = argv[a];

		if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
			explain_usage(stdout);
			free(text);
			return EXIT_CLEAN;
		}
		if (strcmp(o, "--list") == 0) {
			list();
			free(text);
			return EXIT_CLEAN;
		}
		if (strcmp(o, "--format") == 0) {
			if (a + 1 >= argc)
				die("option --format needs an argument");
			o = argv[++a];
			if (strcmp(o, "json") == 0)
				json = true;
			else if (strcmp(o, "text") != 0)
				die("bad --format '%s' (text or json)", o);
			continue;
		}
		if (strcmp(o, "--") == 0 && a + 1 < argc)
			o = argv[++a];
		else if (o[0] == '-' && o[1] != '\0')
			die("unknown option %s", o);
		/* a text argument ("-": standard input) */
		if (strcmp(o, "-") == 0) {
			char *in = read_stdin();

			if (in == NULL)
				die("out of memory");
			o = in;
			t = NULL;
			l = strlen(in);
			if ((t = realloc(text, len + l + 2)) == NULL)
				die("out of memory");
			text = t;
			memcpy(text + len, in, l);
			free(in);
		} else {
			l = strlen(o);
			if ((t = realloc(text, len + l + 2)) == NULL)
				die("out of memory");
			text = t;
			memcpy(text + len, o, l);
		}
		len += l;
		text[len++] = '\n';
		text[len] = '\0';
		have_text = true;
	}
	if (!have_text) {
		explain_usage(stderr);
		return EXIT_USAGE;
	}
	n = sl_explain(text, &m);
	free(text);
	if (n < 0) {
		fprintf(stderr, "sshlint explain: %s\n", sl_strerror((int)n));
		return EXIT_USAGE;
	}
	if (json)
		rc = sl_explain_print_json(m, (size_t)n, stdout);
	else if (n == 0) {
		printf("no OpenSSH message sshlint knows was found (sshlint "
		    "explain --list shows them)\n");
		rc = 0;
	} else
		rc = sl_explain_print_text(m, (size_t)n, stdout);
	sl_explain_free(m, (size_t)n);
	if (rc != 0)
		return EXIT_USAGE;
	return n > 0 ? EXIT_CLEAN : EXIT_FINDINGS;
}
