/*
 * sshlint doctor [HOST]: what breaks a connection on this machine (key
 * files, permissions, the agent) and, with --server-config, on the server
 * (StrictModes, authorized_keys). The checks are in lint/doctor.c.
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "lint/doctor.h"
#include "sshlint/diag.h"
#include "sshlint/sshlint.h"

#define MAX_SPEC 64

struct doc_cli {
	const char *host, *file, *user, *port, *home, *sysroot;
	const char *server_config, *server_user, *version_arg;
	char *specbuf[MAX_SPEC];
	size_t nspec;
	struct sl_conn_spec spec;
	bool json, quiet, color, no_agent;
	enum sl_severity fail_on;
};

static const char *
env_get(const char *name)
{
	return getenv(name);
}

static void
doctor_usage(FILE *f)
{
	fprintf(f,
"usage: sshlint doctor [HOST] [-F FILE] [-l USER] [-p PORT] [OPTIONS]\n"
"       sshlint doctor --server-config FILE [--user USER] [-C SPEC] [OPTIONS]\n"
"\n"
"Check what makes ssh fail on this machine, before connecting: for HOST's\n"
"effective configuration (every host of the configuration without HOST)\n"
"the key files (modes and owners as ssh checks them, missing IdentityFile\n"
"and CertificateFile, key types and sizes, certificates), ~/.ssh/config and\n"
"its Included files (owner and modes) and the agent (SSH_AUTH_SOCK, the keys\n"
"it holds, whether it holds the host's keys). With --server-config, for one\n"
"user: sshd's StrictModes walk over each AuthorizedKeysFile and a lint of\n"
"the files (options, key types, PubkeyAcceptedAlgorithms, sizes,\n"
"duplicates). Reads files and asks the agent for its key list only: never\n"
"decrypts a key, never asks the agent to sign, never connects anywhere.\n"
"\n"
"client:\n"
"  -F FILE               configuration file (default: ~/.ssh/config, then\n"
"                        /etc/ssh/ssh_config)\n"
"  -l USER, -p PORT      as ssh -l / -p\n"
"  --no-agent            do not contact the agent\n"
"server:\n"
"  --server-config FILE  sshd_config to evaluate (sshd -T -f FILE)\n"
"  --user USER           the user logging in (default: you)\n"
"  -C SPEC               more connection fields: host=,addr=,laddr=,lport=\n"
"common:\n"
"  --openssh VERSION     release of ssh/sshd (default: the installed one)\n"
"  --home DIR            use DIR as the home directory (~); with\n"
"                        --server-config, as the user's home\n"
"  --sysroot DIR         prefix for absolute Include paths\n"
"  --format text|json    output format\n"
"  --fail-on error|warning|info\n"
"                        lowest severity that makes the exit status 1\n"
"                        (default: warning)\n"
"  --quiet               findings only\n"
"  --no-color            never colour the output\n"
"\n"
"Exit status: 0 nothing wrong, 1 findings, 2 usage or file error.\n");
}

static void die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sshlint doctor: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sshlint doctor --help'.\n");
	exit(EXIT_USAGE);
}

static void
parse_spec(struct doc_cli *c, const char *arg)
{
	char *copy, *p, *f, *v;

	if (c->nspec >= MAX_SPEC || (copy = strdup(arg)) == NULL)
		die("too many -C options (%s)", arg);
	c->specbuf[c->nspec++] = copy;
	for (p = copy; (f = strsep(&p, ",")) != NULL;) {
		if ((v = strchr(f, '=')) == NULL)
			die("Invalid test mode specification %s", f);
		*v++ = '\0';
		if (strcmp(f, "user") == 0)
			c->server_user = v;
		else if (strcmp(f, "host") == 0)
			c->spec.host = v;
		else if (strcmp(f, "addr") == 0)
			c->spec.addr = v;
		else if (strcmp(f, "laddr") == 0)
			c->spec.laddr = v;
		else if (strcmp(f, "lport") == 0)
			c->spec.lport = v;
		else if (strcmp(f, "rdomain") == 0)
			c->spec.rdomain = v;
		else
			die("Invalid test mode specification %s", f);
	}
}

static int
pick_version(const char *arg, enum sl_dialect d)
{
	int v;

	if (arg != NULL && strcmp(arg, "installed") != 0) {
		if ((v = sl_version_parse(arg)) < 0 || strstr(arg, "..") != NULL)
			die("bad --openssh value '%s' (one release, e.g. 9.2)",
			    arg);
		if (v < SL_VERSION(7, 4) || v > sl_version_newest())
			die("--openssh %s: releases known are 7.4 .. %d.%d", arg,
			    sl_version_newest() / 100,
			    sl_version_newest() % 100);
		return v;
	}
	v = installed_version(d);
	if (v < 0 && arg != NULL)
		die("--openssh installed: cannot find the version of the "
		    "installed OpenSSH");
	if (v < SL_VERSION(7, 4) || v > sl_version_newest())
		v = sl_version_newest();
	return v;
}

/* ---- output ---- */

static void
json_str(FILE *f, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static const char *
agent_state(enum sl_doc_agent_state s)
{
	switch (s) {
	case SL_DOC_AGENT_NOT_CHECKED: return "not-checked";
	case SL_DOC_AGENT_UNSET: return "unset";
	case SL_DOC_AGENT_DISABLED: return "disabled";
	case SL_DOC_AGENT_MISSING: return "missing";
	case SL_DOC_AGENT_NOT_SOCKET: return "not-a-socket";
	case SL_DOC_AGENT_REFUSED: return "refused";
	case SL_DOC_AGENT_FAILED: return "failed";
	case SL_DOC_AGENT_PROTOCOL: return "protocol-error";
	case SL_DOC_AGENT_OK: return "ok";
	}
	return "?";
}

static const char *
confirm_state(int c)
{
	return c == 1 ? "possible" : c == 2 ? "impossible" : "unknown";
}

static void
print_json(const struct sl_doctor *d, FILE *f)
{
	size_t i;
	char v[16];

	fputs("{\"client\":", f);
	if (!d->client_checked)
		fputs("null", f);
	else {
		fprintf(f, "{\"openssh\":\"%s\",\"host\":",
		    sl_version_str(d->client_version, v, sizeof(v)));
		json_str(f, d->host);
		fputs(",\"config_files\":[", f);
		for (i = 0; i < d->nconfig_files; i++) {
			fputs(i ? "," : "", f);
			json_str(f, d->config_files[i]);
		}
		fputs("],\"identities\":[", f);
		for (i = 0; i < d->nids; i++) {
			const struct sl_doc_identity *id = &d->ids[i];

			fputs(i ? "," : "", f);
			fputs("{\"path\":", f);
			json_str(f, id->path);
			fputs(",\"configured\":", f);
			json_str(f, id->configured);
			fprintf(f, ",\"kind\":\"%s\",\"user_provided\":%s,"
			    "\"exists\":%s,\"type\":", id->certificate ?
			    "certificate" : "identity", id->user_provided ?
			    "true" : "false", id->exists ? "true" : "false");
			json_str(f, id->type);
			fputs(",\"name\":", f);
			json_str(f, id->name);
			fprintf(f, ",\"bits\":%u,\"fingerprint\":", id->bits);
			json_str(f, id->fingerprint);
			fputs(",\"public_from\":", f);
			json_str(f, id->public_from);
			fprintf(f, ",\"encrypted\":%s,\"mode\":\"%04o\","
			    "\"in_agent\":%s}", id->encrypted ? "true" :
			    "false", id->mode, id->in_agent < 0 ? "null" :
			    id->in_agent ? "true" : "false");
		}
		fprintf(f, "],\"agent\":{\"state\":\"%s\",\"socket\":",
		    agent_state(d->agent));
		json_str(f, d->agent_socket);
		fputs(",\"detail\":", f);
		json_str(f, d->agent_detail);
		fprintf(f, ",\"confirm\":\"%s\",\"keys\":[",
		    confirm_state(d->agent_confirm));
		for (i = 0; i < d->nagent_keys; i++) {
			fputs(i ? "," : "", f);
			fputs("{\"type\":", f);
			json_str(f, d->agent_keys[i].type);
			fprintf(f, ",\"bits\":%u,\"fingerprint\":",
			    d->agent_keys[i].bits);
			json_str(f, d->agent_keys[i].fingerprint);
			fputs(",\"comment\":", f);
			json_str(f, d->agent_keys[i].comment);
			fputs("}", f);
		}
		fputs("]}}", f);
	}
	fputs(",\"server\":", f);
	if (!d->server_checked)
		fputs("null", f);
	else {
		fprintf(f, "{\"openssh\":\"%s\",\"config\":",
		    sl_version_str(d->server_version, v, sizeof(v)));
		json_str(f, d->server_config);
		fputs(",\"user\":", f);
		json_str(f, d->server_user);
		fputs(",\"home\":", f);
		json_str(f, d->server_home);
		fprintf(f, ",\"strictmodes\":%s,\"authorized_keys\":[",
		    d->strict_modes ? "true" : "false");
		for (i = 0; i < d->nauthfiles; i++) {
			fputs(i ? "," : "", f);
			fputs("{\"path\":", f);
			json_str(f, d->authfiles[i].path);
			fprintf(f, ",\"exists\":%s,\"keys\":%zu,\"refused\":",
			    d->authfiles[i].exists ? "true" : "false",
			    d->authfiles[i].nkeys);
			json_str(f, d->authfiles[i].refused);
			fputs("}", f);
		}
		fputs("]}", f);
	}
	fputs(",\"findings\":[", f);
	for (i = 0; i < d->nfindings; i++) {
		const struct sl_doc_finding *x = &d->findings[i];
		const struct sl_rule_info *ri = sl_rule_at((size_t)x->rule);

		fputs(i ? "," : "", f);
		fprintf(f, "{\"rule\":\"%s\",\"name\":\"%s\",\"severity\":"
		    "\"%s\",\"path\":", ri->id, ri->name,
		    sl_severity_name(x->severity));
		json_str(f, x->path);
		fprintf(f, ",\"line\":%u,\"column\":%u,\"message\":", x->line,
		    x->col);
		json_str(f, x->message);
		fputs(",\"openssh\":", f);
		json_str(f, x->openssh);
		fputs(",\"fix\":", f);
		json_str(f, x->fix);
		fputs("}", f);
	}
	fprintf(f, "],\"summary\":{\"errors\":%zu,\"warnings\":%zu,"
	    "\"info\":%zu}}\n", sl_doctor_count(d, SL_SEV_ERROR),
	    sl_doctor_count(d, SL_SEV_WARNING) - sl_doctor_count(d,
	    SL_SEV_ERROR), d->nfindings - sl_doctor_count(d,
	    SL_SEV_WARNING));
}

static const char *
sev_color(enum sl_severity s)
{
	return s == SL_SEV_ERROR ? "\033[1;31m" : s == SL_SEV_WARNING ?
	    "\033[1;35m" : "\033[1;36m";
}

/* Print `text` with every line after the first indented. */
static void
indented(FILE *f, const char *label, const char *text)
{
	const char *p = text, *nl;
	size_t w = strlen(label);

	fprintf(f, "    %s", label);
	for (;;) {
		nl = strchr(p, '\n');
		fprintf(f, "%.*s\n", (int)(nl ? nl - p : (long)strlen(p)), p);
		if (nl == NULL)
			break;
		p = nl + 1;
		fprintf(f, "    %*s", (int)w, "");
	}
}

static void
print_text(const struct sl_doctor *d, const struct doc_cli *c, FILE *f)
{
	size_t i, ne, nw, nn;
	char v[16];

	if (!c->quiet && d->client_checked) {
		fprintf(f, "client: %s%s%s (OpenSSH %s)\n", d->host ? "host " :
		    "every host", d->host ? d->host : "", d->host ? "" :
		    " of the configuration",
		    sl_version_str(d->client_version, v, sizeof(v)));
		for (i = 0; i < d->nconfig_files; i++)
			fprintf(f, "  config    %s\n", d->config_files[i]);
		for (i = 0; i < d->nids; i++) {
			const struct sl_doc_identity *id = &d->ids[i];

			fprintf(f, "  %-9s %s", id->certificate ? "cert" :
			    "identity", id->path);
			if (!id->exists && id->fingerprint == NULL) {
				fprintf(f, ": not present%s\n",
				    id->user_provided ? "" : " (default)");
				continue;
			}
			fprintf(f, ": %s", id->type ? id->type : "unknown type");
			if (id->bits)
				fprintf(f, " %u", id->bits);
			if (id->fingerprint)
				fprintf(f, " %s", id->fingerprint);
			if (id->public_from)
				fprintf(f, " (public key from %s%s)",
				    id->public_from, id->encrypted ?
				    ", passphrase-protected" : "");
			if (id->in_agent >= 0)
				fprintf(f, ", %s the agent", id->in_agent ?
				    "in" : "not in");
			fputc('\n', f);
		}
		fprintf(f, "  agent     ");
		switch (d->agent) {
		case SL_DOC_AGENT_OK:
			fprintf(f, "%s: %zu key%s\n", d->agent_socket,
			    d->nagent_keys, d->nagent_keys == 1 ? "" : "s");
			for (i = 0; i < d->nagent_keys; i++)
				fprintf(f, "            %s %u %s %s\n",
				    d->agent_keys[i].type ?
				    d->agent_keys[i].type : "?",
				    d->agent_keys[i].bits,
				    d->agent_keys[i].fingerprint ?
				    d->agent_keys[i].fingerprint : "-",
				    d->agent_keys[i].comment ?
				    d->agent_keys[i].comment : "");
			break;
		case SL_DOC_AGENT_NOT_CHECKED:
			fprintf(f, "not checked\n");
			break;
		case SL_DOC_AGENT_UNSET:
			fprintf(f, "none (SSH_AUTH_SOCK is not set)\n");
			break;
		case SL_DOC_AGENT_DISABLED:
			fprintf(f, "disabled (IdentityAgent none)\n");
			break;
		default:
			fprintf(f, "%s: %s%s%s\n", d->agent_socket ?
			    d->agent_socket : "?", agent_state(d->agent),
			    d->agent_detail ? ": " : "",
			    d->agent_detail ? d->agent_detail : "");
			break;
		}
	}
	if (!c->quiet && d->server_checked) {
		fprintf(f, "server: user %s (home %s), %s (OpenSSH %s), "
		    "StrictModes %s\n", d->server_user, d->server_home,
		    d->server_config, sl_version_str(d->server_version, v,
		    sizeof(v)), d->strict_modes ? "yes" : "no");
		for (i = 0; i < d->nauthfiles; i++)
			fprintf(f, "  authorized_keys %s: %s\n",
			    d->authfiles[i].path, !d->authfiles[i].exists ?
			    "not present" : d->authfiles[i].refused ?
			    "refused by StrictModes" : "read");
	}
	if (!c->quiet && d->nfindings > 0)
		fputc('\n', f);
	for (i = 0; i < d->nfindings; i++) {
		const struct sl_doc_finding *x = &d->findings[i];
		const struct sl_rule_info *ri = sl_rule_at((size_t)x->rule);

		if (x->path != NULL && x->line > 0)
			fprintf(f, "%s:%u:%u: ", x->path, x->line, x->col);
		else if (x->path != NULL)
			fprintf(f, "%s: ", x->path);
		else
			fprintf(f, "sshlint: ");
		fprintf(f, "%s%s%s: %s [%s]\n", c->color ?
		    sev_color(x->severity) : "", sl_severity_name(x->severity),
		    c->color ? "\033[0m" : "", x->message, ri->id);
		if (x->openssh != NULL)
			indented(f, "openssh: ", x->openssh);
		if (x->fix != NULL)
			indented(f, "fix: ", x->fix);
	}
	if (!c->quiet) {
		ne = sl_doctor_count(d, SL_SEV_ERROR);
		nw = sl_doctor_count(d, SL_SEV_WARNING) - ne;
		nn = d->nfindings - ne - nw;
		if (d->nfindings == 0)
			fprintf(f, "\nno problems found\n");
		else
			fprintf(f, "\n%zu error%s, %zu warning%s, %zu note%s\n",
			    ne, ne == 1 ? "" : "s", nw, nw == 1 ? "" : "s", nn,
			    nn == 1 ? "" : "s");
	}
}

int
cmd_doctor(int argc, char **argv)
{
	struct doc_cli c;
	struct sl_doctor d;
	struct sl_doctor_client_opts co;
	struct sl_doctor_server_opts so;
	struct passwd *pw;
	char err[2048], *user_copy = NULL, *home_copy = NULL;
	int i, r = 0, rc;
	size_t k;

	memset(&c, 0, sizeof(c));
	c.fail_on = SL_SEV_WARNING;
	c.color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			doctor_usage(stdout);
			return EXIT_CLEAN;
		}
		if (strcmp(a, "--quiet") == 0) {
			c.quiet = true;
			continue;
		}
		if (strcmp(a, "--no-color") == 0) {
			c.color = false;
			continue;
		}
		if (strcmp(a, "--no-agent") == 0) {
			c.no_agent = true;
			continue;
		}
		if (a[0] != '-') {
			if (c.host != NULL)
				die("only one HOST ('%s' is extra)", a);
			c.host = a;
			continue;
		}
		if (strcmp(a, "-F") != 0 && strcmp(a, "-l") != 0 &&
		    strcmp(a, "-p") != 0 && strcmp(a, "-C") != 0 &&
		    strcmp(a, "--home") != 0 && strcmp(a, "--sysroot") != 0 &&
		    strcmp(a, "--server-config") != 0 &&
		    strcmp(a, "--user") != 0 && strcmp(a, "--openssh") != 0 &&
		    strcmp(a, "--format") != 0 && strcmp(a, "--fail-on") != 0)
			die("unknown option '%s'", a);
		if (v == NULL)
			die("option %s needs an argument", a);
		if (strcmp(a, "-F") == 0)
			c.file = v;
		else if (strcmp(a, "-l") == 0)
			c.user = v;
		else if (strcmp(a, "-p") == 0)
			c.port = v;
		else if (strcmp(a, "--home") == 0)
			c.home = v;
		else if (strcmp(a, "--sysroot") == 0)
			c.sysroot = v;
		else if (strcmp(a, "--server-config") == 0)
			c.server_config = v;
		else if (strcmp(a, "--user") == 0)
			c.server_user = v;
		else if (strcmp(a, "-C") == 0)
			parse_spec(&c, v);
		else if (strcmp(a, "--openssh") == 0)
			c.version_arg = v;
		else if (strcmp(a, "--format") == 0) {
			if (strcmp(v, "json") == 0)
				c.json = true;
			else if (strcmp(v, "text") != 0)
				die("bad --format '%s' (text or json)", v);
		} else if (strcmp(a, "--fail-on") == 0) {
			if (strcmp(v, "error") == 0)
				c.fail_on = SL_SEV_ERROR;
			else if (strcmp(v, "warning") == 0)
				c.fail_on = SL_SEV_WARNING;
			else if (strcmp(v, "info") == 0)
				c.fail_on = SL_SEV_INFO;
			else
				die("bad --fail-on '%s'", v);
		} else
			die("unknown option '%s'", a);
		i++;
	}
	if (c.server_user != NULL && c.server_config == NULL)
		die("--user and -C need --server-config");

	sl_doctor_init(&d);
	if (c.server_config == NULL || c.host != NULL || c.file != NULL) {
		memset(&co, 0, sizeof(co));
		co.version = pick_version(c.version_arg, SL_DIALECT_SSH);
		co.host = c.host;
		co.user = c.user;
		co.port = c.port;
		co.config = c.file != NULL && strcmp(c.file, "none") == 0 ?
		    "/dev/null" : c.file;
		co.home = c.home;
		co.sysroot = c.sysroot;
		co.uid = getuid();
		co.getenv = env_get;
		co.check_agent = !c.no_agent;
		co.agent_timeout_ms = 2000;
		co.now = time(NULL);
		r = sl_doctor_client(&d, &co, err, sizeof(err));
		if (r != 0 && err[0] != '\0') {
			fprintf(stderr, "sshlint doctor: %s\n", err);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (r == 0 && c.server_config != NULL) {
		memset(&so, 0, sizeof(so));
		so.version = pick_version(c.version_arg, SL_DIALECT_SSHD);
		so.config = c.server_config;
		so.spec = c.spec;
		if (c.server_user == NULL) {
			if ((pw = getpwuid(getuid())) == NULL)
				die("cannot find your user name; give --user");
			c.server_user = user_copy = strdup(pw->pw_name);
		}
		if ((pw = getpwnam(c.server_user)) == NULL) {
			fprintf(stderr, "sshlint doctor: no such user '%s'\n",
			    c.server_user);
			rc = EXIT_USAGE;
			goto out;
		}
		so.user = c.server_user;
		so.uid = pw->pw_uid;
		so.home = c.home ? c.home : (home_copy = strdup(pw->pw_dir));
		so.sysroot = c.sysroot;
		so.now = time(NULL);
		if (so.home == NULL || so.user == NULL)
			r = SL_ENOMEM;
		else
			r = sl_doctor_server(&d, &so, err, sizeof(err));
		if (r != 0 && err[0] != '\0') {
			fprintf(stderr, "sshlint doctor: %s\n", err);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (r != 0) {
		fprintf(stderr, "sshlint doctor: %s\n", sl_strerror(r));
		rc = EXIT_USAGE;
		goto out;
	}
	if (c.json)
		print_json(&d, stdout);
	else
		print_text(&d, &c, stdout);
	rc = sl_doctor_count(&d, c.fail_on) > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sshlint doctor: write error: %s\n",
		    strerror(errno));
		rc = EXIT_USAGE;
	}
 out:
	sl_doctor_release(&d);
	for (k = 0; k < c.nspec; k++)
		free(c.specbuf[k]);
	free(user_copy);
	free(home_copy);
	return rc;
}
