/*
 * Unit tests of the client evaluator (lint/eval_client.c): one test per
 * rule of evaluation. Each expectation is what the installed OpenSSH
 * 9.2p1 prints for `ssh -G -F CFG HOST` on the same configuration (the
 * differential suite tests/oracle/showdiff.py checks many more).
 */
#define UNIT_TESTING 1

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lint/eval.h"
#include "lint/source.h"
#include "lint/util/alloc.h"
#include "sshlint/eval.h"

static char dir[] = "/tmp/sshlint-evalc-XXXXXX";

static void
write_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

struct res {
	struct sl_ctx *ctx;
	struct sl_client *c;
	struct sl_eff *e;
};

static void
eval_q(struct res *r, const char *cfg, const struct sl_client_query *q)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	char path[512];
	const char *paths[1];

	write_file("config", cfg);
	snprintf(path, sizeof(path), "%s/config", dir);
	paths[0] = path;
	lo.dialect = SL_DIALECT_SSH;
	lo.openssh_min = lo.openssh_max = SL_VERSION(9, 2);
	lo.home = dir;
	r->ctx = sl_ctx_new();
	assert_non_null(r->ctx);
	assert_int_equal(sl_client_open(r->ctx, &lo, paths, 1, false,
	    SL_VERSION(9, 2), &r->c), 0);
	r->e = sl_eff_new(SL_DIALECT_SSH, SL_VERSION(9, 2));
	assert_non_null(r->e);
	assert_int_equal(sl_client_eval(r->c, q, r->e), 0);
}

static void
eval(struct res *r, const char *cfg, const char *host)
{
	struct sl_client_query q;

	memset(&q, 0, sizeof(q));
	q.host = host;
	eval_q(r, cfg, &q);
}

static void
done(struct res *r)
{
	sl_eff_free(r->e);
	sl_client_free(r->c);
	sl_ctx_free(r->ctx);
}

/* All values of `key`, space-joined. */
static const char *
get(struct res *r, const char *key)
{
	static char buf[4096];
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < sl_eff_nitems(r->e); i++) {
		const struct sl_eff_item *it = sl_eff_item(r->e, i);

		if (strcmp(it->key, key) != 0)
			continue;
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
		    o ? "|" : "", it->value);
	}
	return buf;
}

/* Line (1-based) of the directive behind the first item of `key`. */
static int
line_of(struct res *r, const char *key)
{
	size_t i;

	for (i = 0; i < sl_eff_nitems(r->e); i++) {
		const struct sl_eff_item *it = sl_eff_item(r->e, i);

		if (strcmp(it->key, key) == 0)
			return it->origin.source_id < 0 ? -1 :
			    (int)it->origin.line + 1;
	}
	return 0;
}

static void
test_first_wins(void **state)
{
	struct res r;

	(void)state;
	eval(&r, "Host *\n  User first\nHost example\n  User second\n",
	    "example");
	assert_string_equal(get(&r, "user"), "first");
	assert_int_equal(line_of(&r, "user"), 2);
	assert_string_equal(get(&r, "port"), "22");
	assert_int_equal(line_of(&r, "port"), -1);	/* default */
	done(&r);
}

static void
test_host_patterns(void **state)
{
	struct res r;
	const char *cfg = "Host !bad *.example.com\n  Port 1\n"
	    "Host !neg\n  Port 2\nHost a,b\n  Port 3\nHost FOO\n  Port 4\n"
	    "Host f?o\n  Port 5\n";

	(void)state;
	eval(&r, cfg, "x.example.com");
	assert_string_equal(get(&r, "port"), "1");
	done(&r);
	/* negation wins; a line with only negations never matches */
	eval(&r, cfg, "bad");
	assert_string_equal(get(&r, "port"), "22");
	done(&r);
	/* a comma is no separator in Host lines, but Debian's 9.2 refuses
	 * it in a host name on the command line */
	eval(&r, cfg, "a,b");
	assert_string_equal(sl_eff_fatal(r.e, NULL),
	    "hostname contains invalid characters");
	done(&r);
	/* case-sensitive against the name as typed */
	eval(&r, cfg, "foo");
	assert_string_equal(get(&r, "port"), "5");
	done(&r);
	eval(&r, cfg, "FOO");
	assert_string_equal(get(&r, "port"), "4");
	assert_string_equal(get(&r, "hostname"), "foo");
	assert_string_equal(get(&r, "host"), "FOO");
	done(&r);
}

static void
test_accumulating(void **state)
{
	struct res r;

	(void)state;
	eval(&r, "Host *\n  IdentityFile ~/a\n  IdentityFile ~/b\n"
	    "  IdentityFile ~/a\n  SendEnv LANG LC_* X\n  SendEnv -LC_*\n"
	    "  SetEnv A=1 B=2 A=3\n  SetEnv C=4\n"
	    "  LocalForward 1234 localhost:22\n  LocalForward 1234 localhost:22\n"
	    "  DynamicForward 1080\n  RemoteForward 5555\n",
	    "h");
	assert_string_equal(get(&r, "identityfile"), "~/a|~/b");
	assert_string_equal(get(&r, "sendenv"), "LANG|X");
	assert_string_equal(get(&r, "setenv"), "A=1|B=2");
	assert_string_equal(get(&r, "localforward"), "1234 [localhost]:22");
	assert_string_equal(get(&r, "dynamicforward"), "1080");
	assert_string_equal(get(&r, "remoteforward"), "5555 [socks]:0");
	done(&r);
	/* without IdentityFile the seven defaults appear */
	eval(&r, "", "h");
	assert_string_equal(get(&r, "identityfile"), "~/.ssh/id_rsa|"
	    "~/.ssh/id_ecdsa|~/.ssh/id_ecdsa_sk|~/.ssh/id_ed25519|"
	    "~/.ssh/id_ed25519_sk|~/.ssh/id_xmss|~/.ssh/id_dsa");
	done(&r);
}

static void
test_first_line_lists(void **state)
{
	struct res r;

	(void)state;
	eval(&r, "GlobalKnownHostsFile /a /b\nGlobalKnownHostsFile /c\n"
	    "LogVerbose kex.c:* packet.c:*\nCanonicalDomains a.com b.com\n"
	    "CanonicalDomains c.com\nPermitRemoteOpen h:1 h:2\n", "h");
	assert_string_equal(get(&r, "globalknownhostsfile"), "/a /b");
	/* 9.2 keeps only the first argument of LogVerbose */
	assert_string_equal(get(&r, "logverbose"), "kex.c:*");
	assert_string_equal(get(&r, "canonicaldomains"), "a.com b.com");
	assert_string_equal(get(&r, "permitremoteopen"), "h:1 h:2");
	done(&r);
}

static void
test_exceptions(void **state)
{
	struct res r;

	(void)state;
	/* 'none' counts as unset for ConnectTimeout & co. */
	eval(&r, "ConnectTimeout none\nConnectTimeout 5m\n"
	    "ServerAliveInterval none\n", "h");
	assert_string_equal(get(&r, "connecttimeout"), "300");
	assert_string_equal(get(&r, "serveraliveinterval"), "0");
	done(&r);
	/* StreamLocalBindMask: the last line wins, even in other blocks */
	eval(&r, "StreamLocalBindMask 0077\nHost other\n"
	    "  StreamLocalBindMask 0007\n  SyslogFacility LOCAL3\n"
	    "Host *\n  SyslogFacility AUTH\n", "h");
	assert_string_equal(get(&r, "streamlocalbindmask"), "07");
	assert_string_equal(get(&r, "syslogfacility"), "LOCAL3");
	done(&r);
	/* ProxyJump first: ProxyCommand ignored; and the reverse */
	eval(&r, "ProxyJump u@j:2200\nProxyCommand nc %h %p\n", "h");
	assert_string_equal(get(&r, "proxyjump"), "u@j:2200");
	assert_string_equal(get(&r, "proxycommand"), "");
	assert_string_equal(get(&r, "proxyusefdpass"), "no");
	done(&r);
	eval(&r, "ProxyCommand nc %h %p\nProxyJump u@j:2200\n", "h");
	assert_string_equal(get(&r, "proxycommand"), "nc %h %p");
	assert_string_equal(get(&r, "proxyjump"), "");
	done(&r);
	/* RekeyLimit's two values are set independently */
	eval(&r, "RekeyLimit 1G\nRekeyLimit 2G 1h\n", "h");
	assert_string_equal(get(&r, "rekeylimit"), "1073741824 3600");
	done(&r);
}

static void
test_hostname_and_match(void **state)
{
	struct res r;
	const char *cfg = "Host alias\n  HostName Real.%h.Example\n"
	    "Match host real.alias.example\n  Port 2222\n"
	    "Match originalhost alias user bob\n  Compression yes\n"
	    "Match final host real.alias.example\n  User late\n"
	    "Host real.alias.example\n  ConnectionAttempts 4\n";
	struct sl_client_query q;

	(void)state;
	memset(&q, 0, sizeof(q));
	q.host = "alias";
	q.user = "bob";
	eval_q(&r, cfg, &q);
	assert_string_equal(get(&r, "hostname"), "real.alias.example");
	assert_string_equal(get(&r, "port"), "2222");
	assert_string_equal(get(&r, "compression"), "yes");
	/* -l wins over the User line of the final pass */
	assert_string_equal(get(&r, "user"), "bob");
	/* the final pass: Host lines see the new name */
	assert_string_equal(get(&r, "connectionattempts"), "4");
	done(&r);
}

static void
test_match_exec_not_run(void **state)
{
	struct res r;
	struct sl_client_query q;
	const char *cfg = "Match exec \"touch /tmp/sshlint-must-not-exist\"\n"
	    "  Port 3\n";

	(void)state;
	unlink("/tmp/sshlint-must-not-exist");
	memset(&q, 0, sizeof(q));
	q.host = "h";
	eval_q(&r, cfg, &q);
	assert_string_equal(get(&r, "port"), "22");
	assert_true(sl_eff_nnotes(r.e) >= 1);
	done(&r);
	q.assume_exec = 1;
	eval_q(&r, cfg, &q);
	assert_string_equal(get(&r, "port"), "3");
	done(&r);
	assert_int_not_equal(access("/tmp/sshlint-must-not-exist", F_OK), 0);
}

static void
test_include_scope(void **state)
{
	struct res r;
	char cfg[1024];

	(void)state;
	write_file("inc.conf", "Port 7\nHost other\n  User x\n");
	snprintf(cfg, sizeof(cfg), "Host nomatch\n  Include %s/inc.conf\n"
	    "Host h\n  Include %s/inc.conf\n  User y\n", dir, dir);
	eval(&r, cfg, "h");
	/* inside a matching block the include's top lines apply, and its
	 * Host line does not leak past the Include */
	assert_string_equal(get(&r, "port"), "7");
	assert_string_equal(get(&r, "user"), "y");
	done(&r);
}

static void
test_algorithms(void **state)
{
	struct res r;

	(void)state;
	eval(&r, "Ciphers -*\nMACs ^hmac-sha1\n"
	    "HostKeyAlgorithms ssh-ed25519*\n", "h");
	assert_string_equal(get(&r, "ciphers"), "");
	assert_string_equal(get(&r, "hostkeyalgorithms"),
	    "ssh-ed25519,ssh-ed25519-cert-v01@openssh.com");
	assert_int_equal(strncmp(get(&r, "macs"), "hmac-sha1,umac-64-etm", 21),
	    0);
	done(&r);
	/* an invalid list: 9.2 logs it and prints no more algorithm lines */
	eval(&r, "PubkeyAcceptedAlgorithms !ssh-rsa\n", "h");
	assert_string_equal(get(&r, "pubkeyacceptedalgorithms"), "");
	assert_null(sl_eff_fatal(r.e, NULL));
	done(&r);
}

static void
test_fleet_index(void **state)
{
	struct res r;
	char *cfg = malloc(200000);
	size_t o = 0;
	int i;

	(void)state;
	assert_non_null(cfg);
	o += (size_t)sprintf(cfg + o, "Host *.wild\n  Port 9\n");
	for (i = 0; i < 2000; i++)
		o += (size_t)sprintf(cfg + o, "Host h%d h%d.wild\n  User u%d\n",
		    i, i, i);
	sprintf(cfg + o, "Host *\n  User last\n");
	eval(&r, cfg, "h1234.wild");
	assert_string_equal(get(&r, "port"), "9");
	assert_string_equal(get(&r, "user"), "u1234");
	assert_int_equal(sl_client_nhosts(r.c), 4000);
	assert_string_equal(sl_client_host(r.c, 1), "h0.wild");
	done(&r);
	free(cfg);
}

static void
test_alloc_failure(void **state)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_client_query q;
	char path[512];
	const char *paths[1];
	long n;

	(void)state;
	write_file("config", "Host h\n  Ciphers +aes128-cbc\n  SendEnv A\n"
	    "  LocalForward 1 h:2\nHost *\n  ControlPath ~/%C\n");
	snprintf(path, sizeof(path), "%s/config", dir);
	paths[0] = path;
	lo.dialect = SL_DIALECT_SSH;
	memset(&q, 0, sizeof(q));
	q.host = "h";
	for (n = 0; n < 400; n++) {
		struct sl_ctx *ctx = sl_ctx_new();
		struct sl_client *c = NULL;
		struct sl_eff *e = NULL;
		int r;

		sl_alloc_fail_after(n);
		if (ctx != NULL &&
		    sl_client_open(ctx, &lo, paths, 1, false, SL_VERSION(9, 2),
		    &c) == 0 && (e = sl_eff_new(SL_DIALECT_SSH,
		    SL_VERSION(9, 2))) != NULL) {
			r = sl_client_eval(c, &q, e);
			assert_true(r == 0 || r == SL_ENOMEM);
		}
		sl_alloc_fail_after(-1);
		sl_eff_free(e);
		sl_client_free(c);
		sl_ctx_free(ctx);
	}
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_wins),
		cmocka_unit_test(test_host_patterns),
		cmocka_unit_test(test_accumulating),
		cmocka_unit_test(test_first_line_lists),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_hostname_and_match),
		cmocka_unit_test(test_match_exec_not_run),
		cmocka_unit_test(test_include_scope),
		cmocka_unit_test(test_algorithms),
		cmocka_unit_test(test_fleet_index),
		cmocka_unit_test(test_alloc_failure),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
