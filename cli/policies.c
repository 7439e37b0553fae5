/*
 * sshlint policies [NAME|FILE]: list the built-in policies, print one, or
 * check a policy file.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "sshlint/policy.h"
#include "sshlint/sshlint.h"

static void
policies_usage(FILE *f)
{
	fprintf(f,
"usage: sshlint policies            list the built-in policies\n"
"       sshlint policies NAME       print the YAML of a built-in policy\n"
"       sshlint policies FILE       check a policy file\n"
"\n"
"A FILE is a path with a '/' or a name ending in .yaml or .yml; anything\n"
"else is a built-in name. Checking loads the file and everything it\n"
"extends, compiles its patterns and validates algorithm names, settings\n"
"and rules; problems are printed as FILE:LINE:COL: error: MESSAGE.\n"
"The schema is described in doc/policy.md.\n"
"\n"
"Exit status: 0 listed, printed or valid; 2 unknown name, unreadable or\n"
"malformed policy, or usage error.\n");
}

static bool
looks_like_path(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') != NULL ||
	    (n >= 5 && strcmp(s + n - 5, ".yaml") == 0) ||
	    (n >= 4 && strcmp(s + n - 4, ".yml") == 0);
}

static int
list_policies(void)
{
	size_t i, n = sl_policy_builtin_count();
	const char *name;

	for (i = 0; i < n; i++) {
		name = sl_policy_builtin_name(i);
		printf("%-14s %s\n", name, sl_policy_builtin_summary(name));
	}
	return EXIT_CLEAN;
}

static int
check_file(const char *path)
{
	struct sl_policy_error err;
	struct sl_policy *p = NULL;
	int r;

	if ((r = sl_policy_load(path, &p, &err)) != 0) {
		if (err.line > 0)
			fprintf(stderr, "%s:%d:%d: error: %s\n", err.file,
			    err.line, err.col, err.msg);
		else
			fprintf(stderr, "%s: error: %s\n",
			    err.file[0] ? err.file : path,
			    err.msg[0] ? err.msg : sl_strerror(r));
		return EXIT_USAGE;
	}
	printf("%s: valid policy '%s'\n", path, sl_policy_name(p));
	sl_policy_free(p);
	return EXIT_CLEAN;
}

int
cmd_policies(int argc, char **argv)
{
	const char *arg = NULL, *text;
	bool dashdash = false;
	size_t i;
	int k;

	for (k = 2; k < argc; k++) {
		if (!dashdash && strcmp(argv[k], "--") == 0) {
			dashdash = true;
			continue;
		}
		if (!dashdash && (strcmp(argv[k], "--help") == 0 ||
		    strcmp(argv[k], "-h") == 0)) {
			policies_usage(stdout);
			return EXIT_CLEAN;
		}
		if (!dashdash && argv[k][0] == '-' && argv[k][1] != '\0') {
			fprintf(stderr, "sshlint policies: unknown option "
			    "'%s'\n", argv[k]);
			policies_usage(stderr);
			return EXIT_USAGE;
		}
		if (arg != NULL) {
			fprintf(stderr, "sshlint policies: one NAME or FILE "
			    "at a time\n");
			return EXIT_USAGE;
		}
		arg = argv[k];
	}
	if (arg == NULL)
		return list_policies();
	if (looks_like_path(arg))
		return check_file(arg);
	if ((text = sl_policy_builtin_text(arg)) == NULL) {
		fprintf(stderr, "sshlint policies: unknown policy '%s' "
		    "(built-ins:", arg);
		for (i = 0; i < sl_policy_builtin_count(); i++)
			fprintf(stderr, " %s", sl_policy_builtin_name(i));
		fprintf(stderr, "; a file needs a '/' or a .yaml name)\n");
		return EXIT_USAGE;
	}
	fputs(text, stdout);
	return EXIT_CLEAN;
}
