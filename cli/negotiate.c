/*
 * sshlint negotiate: predict whether a client can connect to a server and
 * authenticate, step by step, with the messages OpenSSH prints and the
 * smallest scoped fix. The walk is in lint/negotiate*.c.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sshlint/eval.h"
#include "sshlint/fix.h"
#include "sshlint/negotiate.h"
#include "sshlint/sshlint.h"

#define MAX_LIST 64

static void
negotiate_usage(FILE *f)
{
	fprintf(f,
"usage: sshlint negotiate --client-config FILE --host HOST [-l USER] [-p PORT]\n"
"           [--server-config FILE [-C SPEC]...] [--server-version V]\n"
"           [--server-hostkey KEY.pub]... [--identity KEY[.pub]]...\n"
"           [--client-version V] [--authorized-keys FILE] [--no-agent]\n"
"           [--fix [--backup SUFFIX] | --diff]\n"
"           [--server-auth-methods LIST]\n"
"           [--format text|json] [--home DIR] [--sysroot DIR]\n"
"\n"
"Predict what OpenSSH does when the client connects to HOST: key exchange,\n"
"host key algorithm, cipher, MAC, compression, then public-key\n"
"authentication with each identity. Each step shows the algorithms of both\n"
"sides and the one chosen, or the failure with the exact lines ssh and sshd\n"
"of those releases print; a failing connection gets the smallest fixes,\n"
"scoped to the host's block (client) or to a Match block (server), as\n"
"edits of the files. Nothing is run and nothing is sent over the network;\n"
"the agent (SSH_AUTH_SOCK) is only asked for its list of keys.\n"
"\n"
"  --client-config FILE  the client's configuration, as ssh -F FILE\n"
"  --host HOST           destination, as typed on the ssh command line\n"
"  -l USER, -p PORT      as ssh -l / -p\n"
"  --server-config FILE  sshd_config (default: the release's defaults)\n"
"  -C SPEC               connection for sshd's Match: user=,host=,addr=,\n"
"                        laddr=,lport=,rdomain= (user defaults to the\n"
"                        client's login name)\n"
"  --server-version V    sshd release (default: the installed one, else the\n"
"                        newest); below 7.2: a legacy peer without rsa-sha2\n"
"                        and server-sig-algs (modelled as 7.1)\n"
"  --server-hostkey KEY  the server's host key (.pub); repeatable (default:\n"
"                        the .pub next to each HostKey of the server config)\n"
"  --identity KEY        identity file; repeatable (default: IdentityFile and\n"
"                        CertificateFile of the client configuration)\n"
"  --client-version V    ssh release whose defaults apply (default: the\n"
"                        installed one, else the newest)\n"
"  --server-auth-methods LIST\n"
"                        methods the server offers when no --server-config\n"
"                        is given (e.g. publickey for an appliance)\n"
"  --authorized-keys F   check that the identities are listed in F\n"
"                        (default: assumed)\n"
"  --no-agent            do not ask the agent for its keys\n"
"  --format text|json    output format\n"
"  --fix                 apply the proposed edits to the configuration files\n"
"                        (atomically; only when they make the connection\n"
"                        succeed), then predict again\n"
"  --diff                print the edits as a unified diff (patch -p1)\n"
"  --backup SUFFIX       with --fix, keep each original as FILE+SUFFIX\n"
"\n"
"Exit status: 0 the connection would succeed, 1 it would fail, 2 usage or\n"
"file error.\n");
}

static void die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sshlint negotiate: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sshlint negotiate --help'.\n");
	exit(EXIT_USAGE);
}

static int
version_arg(const char *arg, enum sl_dialect d, bool legacy_ok)
{
	int v;
	size_t n, i;
	const int *rel;

	if (arg == NULL || strcmp(arg, "installed") == 0) {
		if ((v = installed_version(d)) > 0)
			return v;
		if (arg != NULL)
			die("cannot find the version of the installed %s",
			    d == SL_DIALECT_SSH ? "ssh" : "sshd");
		return sl_version_newest();
	}
	if ((v = sl_version_parse(arg)) < 0)
		die("bad version '%s' (e.g. 9.2)", arg);
	if (legacy_ok && v < SL_VERSION(7, 2) && v >= SL_VERSION(6, 0))
		return v;
	rel = sl_versions(&n);
	for (i = 0; i < n; i++)
		if (rel[i] == v)
			return v;
	die("version %s is not modelled (releases 7.4 .. 10.5%s)", arg,
	    legacy_ok ? ", or below 7.2 for a legacy server" : "");
}

/* sshd -C: comma-separated key=value fields; later ones overwrite. */
static void
parse_spec(struct sl_conn_spec *spec, char *copy)
{
	char *p, *f, *v;

	for (p = copy; (f = strsep(&p, ",")) != NULL;) {
		if ((v = strchr(f, '=')) == NULL)
			die("Invalid test mode specification %s", f);
		*v++ = '\0';
		if (strcmp(f, "user") == 0)
			spec->user = v;
		else if (strcmp(f, "host") == 0)
			spec->host = v;
		else if (strcmp(f, "addr") == 0)
			spec->addr = v;
		else if (strcmp(f, "laddr") == 0)
			spec->laddr = v;
		else if (strcmp(f, "lport") == 0)
			spec->lport = v;
		else if (strcmp(f, "rdomain") == 0)
			spec->rdomain = v;
		else
			die("Invalid test mode specification %s", f);
	}
}

static const char *
env(const char *name)
{
	return getenv(name);
}

/*
 * --fix / --diff: write the planner's edits, grouped by file. The planner
 * proved they make the connection succeed (it re-ran the walk); they are
 * written atomically, and the prediction is the caller's to repeat.
 */
static int
apply_fixes(const struct sl_nego *n, bool fix, const char *backup, bool json)
{
	struct sl_fix_options fo;
	size_t ne = sl_nego_nedits(n), i, k, m;
	struct sl_edit *ed;
	char err[1024];
	int rc = EXIT_FINDINGS;

	if ((ed = calloc(ne, sizeof(*ed))) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		return EXIT_USAGE;
	}
	memset(&fo, 0, sizeof(fo));
	fo.mode = fix ? SL_FIX_WRITE : SL_FIX_DIFF;
	fo.backup_suffix = backup;
	for (i = 0; i < ne; i++) {
		const struct sl_nego_edit *e = sl_nego_edit_at(n, i);
		bool done = false;

		/* once per file: collect the edits of this file */
		for (k = 0; k < i; k++)
			if (strcmp(sl_nego_edit_at(n, k)->path, e->path) == 0)
				done = true;
		if (done)
			continue;
		for (m = 0, k = i; k < ne; k++) {
			const struct sl_nego_edit *x = sl_nego_edit_at(n, k);

			if (strcmp(x->path, e->path) != 0)
				continue;
			ed[m].start = x->start;
			ed[m].end = x->end;
			ed[m].text = x->text;
			m++;
		}
		if (sl_edit_file(e->path, ed, m, &fo, stdout, err,
		    sizeof(err)) != 0) {
			fprintf(stderr, "sshlint: %s\n", err[0] ? err :
			    "cannot apply the edits");
			free(ed);
			return EXIT_USAGE;
		}
		if (fix)
			fprintf(json ? stderr : stdout, "sshlint: %s: applied "
			    "%zu edit%s\n", e->path, m, m == 1 ? "" : "s");
	}
	if (fix)
		rc = EXIT_CLEAN;
	free(ed);
	return rc;
}

int
cmd_negotiate(int argc, char **argv)
{
	struct sl_nego_query q;
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_ctx *ctx;
	struct sl_nego *n = NULL;
	const char *hostkeys[MAX_LIST], *ids[MAX_LIST];
	const char *cver = NULL, *sver = NULL;
	char *specs[MAX_LIST];
	size_t nhk = 0, nids = 0, nspecs = 0, i;
	bool json = false, no_agent = false, fix = false, diff = false;
	const char *backup = NULL;
	int a, r, rc;

	memset(&q, 0, sizeof(q));
	for (a = 2; a < argc; a++) {
		const char *o = argv[a];
		const char *v = a + 1 < argc ? argv[a + 1] : NULL;

		if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
			negotiate_usage(stdout);
			return EXIT_CLEAN;
		}
		if (strcmp(o, "--no-agent") == 0) {
			no_agent = true;
			continue;
		}
		if (strcmp(o, "--fix") == 0 || strcmp(o, "--diff") == 0) {
			if (o[2] == 'f')
				fix = true;
			else
				diff = true;
			continue;
		}
		if (o[0] != '-')
			die("unexpected argument '%s'", o);
		if (v == NULL)
			die("option %s needs an argument", o);
		a++;
		if (strcmp(o, "--client-config") == 0 || strcmp(o, "-F") == 0)
			q.client_config = v;
		else if (strcmp(o, "--host") == 0)
			q.host = v;
		else if (strcmp(o, "-l") == 0)
			q.user = v;
		else if (strcmp(o, "-p") == 0)
			q.port = v;
		else if (strcmp(o, "--server-config") == 0 ||
		    strcmp(o, "-f") == 0)
			q.server_config = v;
		else if (strcmp(o, "-C") == 0) {
			if (nspecs >= MAX_LIST ||
			    (specs[nspecs] = strdup(v)) == NULL)
				die("too many -C options");
			parse_spec(&q.spec, specs[nspecs++]);
		} else if (strcmp(o, "--server-version") == 0)
			sver = v;
		else if (strcmp(o, "--client-version") == 0)
			cver = v;
		else if (strcmp(o, "--server-hostkey") == 0) {
			if (nhk >= MAX_LIST)
				die("too many --server-hostkey options");
			hostkeys[nhk++] = v;
		} else if (strcmp(o, "--identity") == 0 ||
		    strcmp(o, "-i") == 0) {
			if (nids >= MAX_LIST)
				die("too many --identity options");
			ids[nids++] = v;
		} else if (strcmp(o, "--server-auth-methods") == 0)
			q.server_methods = v;
		else if (strcmp(o, "--authorized-keys") == 0)
			q.authorized_keys = v;
		else if (strcmp(o, "--format") == 0) {
			if (strcmp(v, "json") == 0)
				json = true;
			else if (strcmp(v, "text") != 0)
				die("bad --format '%s' (text or json)", v);
		} else if (strcmp(o, "--home") == 0)
			lo.home = v;
		else if (strcmp(o, "--sysroot") == 0)
			lo.sysroot = v;
		else if (strcmp(o, "--backup") == 0)
			backup = v;
		else
			die("unknown option %s", o);
	}
	if (fix && diff)
		die("--fix and --diff exclude each other");
	if (q.client_config == NULL)
		die("--client-config FILE is required");
	if (q.host == NULL)
		die("--host HOST is required");
	q.client_version = version_arg(cver, SL_DIALECT_SSH, false);
	q.server_version = version_arg(sver, SL_DIALECT_SSHD, true);
	if (q.server_version < SL_VERSION(7, 2) && q.server_config != NULL)
		die("--server-config needs a --server-version of 7.4 or later");
	q.hostkeys = hostkeys;
	q.nhostkeys = nhk;
	q.identities = ids;
	q.nidentities = nids;
	q.getenv = env;
	if (!no_agent)
		q.agent_socket = getenv("SSH_AUTH_SOCK");
	lo.dialect = SL_DIALECT_SSH;

	if ((ctx = sl_ctx_new()) == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		rc = EXIT_USAGE;
		goto out;
	}
	r = sl_negotiate(ctx, &lo, &q, &n);
	if (r != 0) {
		fprintf(stderr, "sshlint negotiate: %s\n",
		    sl_ctx_errmsg(ctx)[0] ? sl_ctx_errmsg(ctx) :
		    sl_strerror(r));
		rc = EXIT_USAGE;
	} else {
		r = json ? sl_nego_print_json(n, stdout) :
		    sl_nego_print_text(n, stdout);
		rc = r != 0 ? EXIT_USAGE : sl_nego_ok(n) ? EXIT_CLEAN :
		    EXIT_FINDINGS;
		if (r == 0 && !sl_nego_ok(n) && (fix || diff) &&
		    sl_nego_nedits(n) > 0) {
			rc = apply_fixes(n, fix, backup, json);
			if (fix && rc == EXIT_CLEAN) {
				/* predict again on the files as written */
				struct sl_ctx *c2 = sl_ctx_new();
				struct sl_nego *n2 = NULL;

				rc = EXIT_USAGE;
				if (c2 != NULL && sl_negotiate(c2, &lo, &q,
				    &n2) == 0) {
					rc = sl_nego_ok(n2) ? EXIT_CLEAN :
					    EXIT_FINDINGS;
					fprintf(json ? stderr : stdout,
					    "sshlint: after the edits the "
					    "connection %s\n", rc == EXIT_CLEAN ?
					    "succeeds" : "still fails");
				}
				sl_nego_free(n2);
				sl_ctx_free(c2);
			}
		}
	}
	sl_nego_free(n);
	sl_ctx_free(ctx);
 out:
	for (i = 0; i < nspecs; i++)
		free(specs[i]);
	return rc;
}
