/*
 * Unit tests of the server evaluator (lint/eval_server.c): one test per
 * rule of evaluation. Each expectation is what the installed OpenSSH
 * 9.2p1 (Debian) prints for `sshd -T -f CFG -h KEY -C SPEC` on the same
 * configuration (tests/oracle/showdiff.py compares many more).
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
#include <fnmatch.h>
#include <unistd.h>

#include <cmocka.h>

#include "lint/eval.h"
#include "lint/source.h"
#include "lint/util/alloc.h"
#include "sshlint/eval.h"

#define V92 SL_VERSION(9, 2)

static char dir[] = "/tmp/sshlint-evals-XXXXXX";

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
	struct sl_eff *e;
	char path[512];
};

static const char *const hostkey[] = { "/etc/ssh/test_host_key" };

/* sshd -T -f CFG -h /etc/ssh/test_host_key [-C spec] */
static void
eval_v(struct res *r, const char *cfg, const struct sl_conn_spec *spec,
    int version)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;

	write_file("sshd_config", cfg);
	snprintf(r->path, sizeof(r->path), "%s/sshd_config", dir);
	lo.dialect = SL_DIALECT_SSHD;
	lo.openssh_min = lo.openssh_max = version;
	lo.home = dir;
	r->ctx = sl_ctx_new();
	assert_non_null(r->ctx);
	r->e = sl_eff_new(SL_DIALECT_SSHD, version);
	assert_non_null(r->e);
	assert_int_equal(sl_eval_server(r->ctx, &lo, r->path, version, spec,
	    hostkey, 1, r->e), 0);
}

static void
eval_spec(struct res *r, const char *cfg, const char *user,
    const char *addr)
{
	struct sl_conn_spec spec;

	memset(&spec, 0, sizeof(spec));
	spec.user = user;
	spec.host = "h";
	spec.addr = addr;
	eval_v(r, cfg, &spec, V92);
}

static void
eval(struct res *r, const char *cfg)
{
	eval_spec(r, cfg, "u", "1.2.3.4");
}

static void
done(struct res *r)
{
	sl_eff_free(r->e);
	sl_ctx_free(r->ctx);
}

/* All values of `key`, joined with '|'. */
static const char *
get(struct res *r, const char *key)
{
	static char buf[8192];
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

static const struct sl_eff_item *
item(struct res *r, const char *key)
{
	size_t i;

	for (i = 0; i < sl_eff_nitems(r->e); i++)
		if (strcmp(sl_eff_item(r->e, i)->key, key) == 0)
			return sl_eff_item(r->e, i);
	return NULL;
}

/* Line (1-based) of the directive behind `key`; -1 default/cmdline. */
static int
line_of(struct res *r, const char *key)
{
	const struct sl_eff_item *it = item(r, key);

	assert_non_null(it);
	return it->origin.source_id < 0 ? -1 : (int)it->origin.line + 1;
}

/* `s` matches the shell pattern `pat` */
static void
assert_glob(const char *s, const char *pat)
{
	if (fnmatch(pat, s, 0) != 0)
		fail_msg("'%s' does not match '%s'", s, pat);
}

static const char *
fatal(struct res *r)
{
	const char *f = sl_eff_fatal(r->e, NULL);

	return f != NULL ? f : "";
}

/* ------------------------------------------------------------------ */

static void
test_defaults(void **state)
{
	struct res r;
	const struct sl_eff_item *it;

	(void)state;
	eval(&r, "# nothing\n");
	assert_null(sl_eff_fatal(r.e, NULL));
	/* the first and last lines of sshd -T, in order */
	assert_string_equal(sl_eff_item(r.e, 0)->key, "port");
	assert_string_equal(sl_eff_item(r.e, 0)->value, "22");
	assert_string_equal(sl_eff_item(r.e, sl_eff_nitems(r.e) - 1)->key,
	    "pubkeyauthoptions");
	assert_int_equal(sl_eff_nitems(r.e), 88);
	assert_string_equal(get(&r, "listenaddress"), "[::]:22|0.0.0.0:22");
	assert_string_equal(get(&r, "permitrootlogin"), "without-password");
	assert_string_equal(get(&r, "compression"), "yes");
	assert_string_equal(get(&r, "ipqos"), "lowdelay throughput");
	assert_string_equal(get(&r, "authorizedkeysfile"),
	    ".ssh/authorized_keys .ssh/authorized_keys2");
	assert_string_equal(get(&r, "authenticationmethods"), "any");
	assert_string_equal(get(&r, "persourcemaxstartups"), "none");
	assert_string_equal(get(&r, "unusedconnectiontimeout"), "none");
	assert_string_equal(get(&r, "pidfile"), "/run/sshd.pid");
	assert_string_equal(get(&r, "loglevel"), "INFO");
	assert_string_equal(get(&r, "gssapikexalgorithms"),
	    "gss-group14-sha256-,gss-group16-sha512-,gss-nistp256-sha256-,"
	    "gss-curve25519-sha256-,gss-group14-sha1-,gss-gex-sha1-");
	/* -h replaces the default host keys; not printed: channeltimeout */
	assert_string_equal(get(&r, "hostkey"), "/etc/ssh/test_host_key");
	assert_string_equal(get(&r, "channeltimeout"), "");
	it = item(&r, "hostkey");
	assert_int_equal(it->origin.source_id, SL_ORIGIN_CMDLINE);
	it = item(&r, "maxsessions");
	assert_int_equal(it->origin.source_id, SL_ORIGIN_DEFAULT);
	done(&r);
}

static void
test_default_hostkeys(void **state)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct res r;

	(void)state;
	write_file("sshd_config", "Port 2222\n");
	snprintf(r.path, sizeof(r.path), "%s/sshd_config", dir);
	r.ctx = sl_ctx_new();
	r.e = sl_eff_new(SL_DIALECT_SSHD, V92);
	assert_int_equal(sl_eval_server(r.ctx, &lo, r.path, V92, NULL, NULL,
	    0, r.e), 0);
	assert_string_equal(get(&r, "hostkey"), "/etc/ssh/ssh_host_rsa_key|"
	    "/etc/ssh/ssh_host_ecdsa_key|/etc/ssh/ssh_host_ed25519_key");
	assert_string_equal(get(&r, "port"), "2222");
	done(&r);

	/* HostKey lines come after -h; "none" prints as (null) */
	eval(&r, "HostKey /k1\nHostKey none\n");
	assert_string_equal(get(&r, "hostkey"),
	    "/etc/ssh/test_host_key|/k1|(null)");
	done(&r);
}

static void
test_first_wins(void **state)
{
	struct res r;

	(void)state;
	eval(&r, "PasswordAuthentication no\nPasswordAuthentication yes\n"
	    "LoginGraceTime 1m\nLoginGraceTime 5\n");
	assert_string_equal(get(&r, "passwordauthentication"), "no");
	assert_int_equal(line_of(&r, "passwordauthentication"), 1);
	assert_string_equal(get(&r, "logingracetime"), "60");
	done(&r);

	/* RekeyLimit: size and interval are first-wins separately */
	eval(&r, "RekeyLimit 1G none\nRekeyLimit 2G 1h\n");
	assert_string_equal(get(&r, "rekeylimit"), "1073741824 3600");
	done(&r);
}

static void
test_match_overrides(void **state)
{
	static const char cfg[] =
	    "X11Forwarding no\n"
	    "Match User u\n"
	    "  X11Forwarding yes\n"
	    "  MaxAuthTries 3\n"
	    "Match all\n"
	    "  MaxAuthTries 4\n"
	    "  X11Forwarding no\n";
	struct res r;

	(void)state;
	/* a matching block beats the global value; first block wins */
	eval_spec(&r, cfg, "u", "1.2.3.4");
	assert_string_equal(get(&r, "x11forwarding"), "yes");
	assert_int_equal(line_of(&r, "x11forwarding"), 3);
	assert_string_equal(get(&r, "maxauthtries"), "3");
	done(&r);
	eval_spec(&r, cfg, "x", "1.2.3.4");
	assert_string_equal(get(&r, "x11forwarding"), "no");
	assert_int_equal(line_of(&r, "x11forwarding"), 7);
	assert_string_equal(get(&r, "maxauthtries"), "4");
	done(&r);
	/* no user in the spec: User criteria are false */
	eval_spec(&r, cfg, NULL, NULL);
	assert_string_equal(get(&r, "maxauthtries"), "4");
	done(&r);
}

static void
test_arrays_replaced(void **state)
{
	static const char cfg[] =
	    "AllowUsers a b\n"
	    "AcceptEnv LANG\n"
	    "Match all\n"
	    "  AllowUsers c\n"
	    "Match User u\n"
	    "  AllowUsers d\n"
	    "  AcceptEnv LC_*\n";
	struct res r;

	(void)state;
	eval_spec(&r, cfg, "u", "1.2.3.4");
	assert_string_equal(get(&r, "allowusers"), "c|d");
	assert_string_equal(get(&r, "acceptenv"), "LC_*");
	done(&r);
	eval_spec(&r, cfg, "x", "1.2.3.4");
	assert_string_equal(get(&r, "allowusers"), "c");
	assert_string_equal(get(&r, "acceptenv"), "LANG");
	done(&r);
}

static void
test_firstline(void **state)
{
	struct res r;

	(void)state;
	eval(&r, "AuthorizedKeysFile .ssh/a .ssh/b\n"
	    "AuthorizedKeysFile .ssh/c\n"
	    "SetEnv A=1 B=2 A=3\n"
	    "SetEnv C=4\n"
	    "PermitListen 8080 host:9000\n"
	    "PermitListen 1\n"
	    "Match User u\n"
	    "  PermitOpen a:1 b:2\n"
	    "  PermitOpen c:3\n");
	assert_string_equal(get(&r, "authorizedkeysfile"), ".ssh/a .ssh/b");
	assert_string_equal(get(&r, "setenv"), "A=1|B=2");
	assert_string_equal(get(&r, "permitlisten"), "*:8080 host:9000");
	assert_string_equal(get(&r, "permitopen"), "a:1 b:2");
	assert_int_equal(line_of(&r, "permitopen"), 8);
	done(&r);

	/* "none" clears ChannelTimeout globally, stays in a Match block */
	eval(&r, "ChannelTimeout none\n");
	assert_string_equal(get(&r, "channeltimeout"), "");
	done(&r);
	eval(&r, "Match User u\n  ChannelTimeout none\n");
	assert_string_equal(get(&r, "channeltimeout"), "none");
	done(&r);
}

static void
test_last_wins(void **state)
{
	struct res r;

	(void)state;
	eval(&r, "MaxStartups 10:50:60\n"
	    "MaxStartups 5\n"		/* keeps the rate of the line above */
	    "IPQoS af11\n"
	    "IPQoS cs0 0x10\n"
	    "FingerprintHash md5\n"
	    "FingerprintHash sha512\n"
	    "StreamLocalBindMask 022\n"
	    "PerSourceMaxStartups 3\n"
	    "PerSourceMaxStartups none\n"
	    "UnusedConnectionTimeout 5m\n"
	    "UnusedConnectionTimeout none\n"
	    "UnusedConnectionTimeout 7m\n"
	    "Match User u\n"
	    "  StreamLocalBindMask 0777\n"
	    "  IPQoS ef\n"
	    "  IPQoS le 255\n");
	assert_string_equal(get(&r, "maxstartups"), "5:50:5");
	assert_string_equal(get(&r, "fingerprinthash"), "SHA512");
	assert_string_equal(get(&r, "streamlocalbindmask"), "0777");
	assert_string_equal(get(&r, "ipqos"), "le 0xff");
	assert_int_equal(line_of(&r, "ipqos"), 16);
	assert_string_equal(get(&r, "persourcemaxstartups"), "none");
	assert_string_equal(get(&r, "unusedconnectiontimeout"), "none");
	done(&r);
}

static void
test_bugs_92(void **state)
{
	struct res r;

	(void)state;
	/* AuthorizedPrincipalsCommand: last wins while no
	 * AuthorizedKeysCommand, ignored after one */
	eval(&r, "AuthorizedPrincipalsCommand /a\n"
	    "AuthorizedPrincipalsCommand /b\n"
	    "AuthorizedKeysCommand /k\n"
	    "AuthorizedPrincipalsCommand /c\n"
	    "AuthorizedKeysCommandUser nobody\n"
	    "AuthorizedPrincipalsCommandUser nobody\n");
	assert_string_equal(get(&r, "authorizedprincipalscommand"), "/b");
	assert_int_equal(line_of(&r, "authorizedprincipalscommand"), 2);
	done(&r);
	eval(&r, "AuthorizedKeysCommand none\n"
	    "AuthorizedPrincipalsCommand /c\n"
	    "AuthorizedPrincipalsCommandUser nobody\n");
	assert_string_equal(get(&r, "authorizedprincipalscommand"), "none");
	assert_string_equal(get(&r, "authorizedkeyscommand"), "none");
	done(&r);

	/* "any" after any earlier AuthenticationMethods line, even in a
	 * block that does not apply */
	eval(&r, "AuthenticationMethods publickey\n"
	    "Match User nobody\n"
	    "  AuthenticationMethods any\n");
	assert_glob(fatal(&r), "*line 3: \"any\" must appear alone "
	    "in AuthenticationMethods");
	assert_int_equal(sl_eff_nitems(r.e), 0);
	done(&r);
	/* ... and in the connection pass (file name as sshd gives it) */
	eval(&r, "Match User u\n"
	    "  AuthenticationMethods publickey\n"
	    "Match User x\n"
	    "  AuthenticationMethods any\n");
	assert_string_equal(fatal(&r), "reprocess config line 4: \"any\" "
	    "must appear alone in AuthenticationMethods");
	done(&r);
	eval_spec(&r, "Match User u\n"
	    "  AuthenticationMethods publickey\n"
	    "Match User x\n"
	    "  AuthenticationMethods any\n", "x", NULL);
	assert_null(sl_eff_fatal(r.e, NULL));
	assert_string_equal(get(&r, "authenticationmethods"), "any");
	done(&r);

	/* PerSourceNetBlockSize without :v6 sets the IPv6 length to 0 */
	eval(&r, "PerSourceNetBlockSize 24\n");
	assert_string_equal(get(&r, "persourcenetblocksize"), "24:0");
	done(&r);

	/* duplicate Subsystem is fatal in 9.2, first wins in 9.5 */
	eval(&r, "Subsystem sftp a\nSubsystem sftp b\n");
	assert_glob(fatal(&r), "*line 2: Subsystem 'sftp' already "
	    "defined.");
	done(&r);
	eval_v(&r, "Subsystem sftp a\nSubsystem sftp b\n", NULL,
	    SL_VERSION(9, 5));
	assert_null(sl_eff_fatal(r.e, NULL));
	assert_string_equal(get(&r, "subsystem"), "sftp a");
	done(&r);
}

static void
test_address(void **state)
{
	static const char cfg[] =
	    "Match Address 1.2.3.0/24,!1.2.3.4\n"
	    "  MaxSessions 1\n"
	    "Match Address 2001:db8::/32\n"
	    "  MaxSessions 2\n"
	    "Match Address 10.*\n"
	    "  MaxSessions 3\n";
	struct res r;

	(void)state;
	eval_spec(&r, cfg, "u", "1.2.3.4");	/* negated */
	assert_string_equal(get(&r, "maxsessions"), "10");
	done(&r);
	eval_spec(&r, cfg, "u", "1.2.3.5");
	assert_string_equal(get(&r, "maxsessions"), "1");
	done(&r);
	eval_spec(&r, cfg, "u", "2001:db8::1");
	assert_string_equal(get(&r, "maxsessions"), "2");
	done(&r);
	eval_spec(&r, cfg, "u", "10.9.8.7");	/* wildcard */
	assert_string_equal(get(&r, "maxsessions"), "3");
	done(&r);
	eval_spec(&r, cfg, "u", "not-an-address");
	assert_string_equal(get(&r, "maxsessions"), "10");
	done(&r);
	/* host bits set in a CIDR block: refused at startup */
	eval(&r, "Match Address 1.2.3.5/24\n  MaxSessions 1\n");
	assert_string_equal(fatal(&r), "Invalid Match address argument "
	    "'1.2.3.5/24' at line 1");
	done(&r);
}

static void
test_localport(void **state)
{
	static const char cfg[] = "Match LocalPort 2222\n  MaxSessions 1\n";
	struct sl_conn_spec spec;
	struct res r;

	(void)state;
	eval(&r, cfg);
	assert_string_equal(fatal(&r), "'Match LocalPort' in configuration "
	    "but 'lport' not in connection test specification.");
	assert_int_equal(sl_eff_nitems(r.e), 0);
	done(&r);
	memset(&spec, 0, sizeof(spec));
	spec.user = "u";
	spec.lport = "2222";
	eval_v(&r, cfg, &spec, V92);
	assert_string_equal(get(&r, "maxsessions"), "1");
	done(&r);
	spec.lport = "22";
	eval_v(&r, cfg, &spec, V92);
	assert_string_equal(get(&r, "maxsessions"), "10");
	done(&r);
	spec.lport = "0";	/* 0 counts as absent */
	eval_v(&r, cfg, &spec, V92);
	assert_non_null(sl_eff_fatal(r.e, NULL));
	done(&r);
	spec.lport = "nope";
	eval_v(&r, cfg, &spec, V92);
	assert_glob(fatal(&r), "Invalid port 'nope'*");
	done(&r);
}

static const char def_ciphers[] = "chacha20-poly1305@openssh.com,"
    "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
    "aes256-gcm@openssh.com";

static void
test_algorithms(void **state)
{
	struct res r;

	(void)state;
	eval(&r, "Ciphers +3des-cbc\n"
	    "MACs -umac*,hmac-sha1*\n"
	    "KexAlgorithms ^curve25519-sha256\n"
	    "HostKeyAlgorithms ssh-ed25519*\n");
	assert_string_equal(get(&r, "ciphers"), "chacha20-poly1305@openssh.com,"
	    "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
	    "aes256-gcm@openssh.com,3des-cbc");
	assert_string_equal(get(&r, "macs"), "hmac-sha2-256-etm@openssh.com,"
	    "hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512");
	assert_string_equal(get(&r, "kexalgorithms"), "curve25519-sha256,"
	    "sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,"
	    "curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
	    "ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
	    "diffie-hellman-group-exchange-sha256,"
	    "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
	    "diffie-hellman-group14-sha256");
	assert_string_equal(get(&r, "hostkeyalgorithms"),
	    "ssh-ed25519,ssh-ed25519-cert-v01@openssh.com");
	assert_int_equal(line_of(&r, "kexalgorithms"), 3);
	done(&r);

	/* Ciphers -*: empty at startup, which the second assembly of the
	 * connection pass takes as unset: the full default */
	eval(&r, "Ciphers -*\n");
	assert_string_equal(get(&r, "ciphers"), def_ciphers);
	assert_int_equal(line_of(&r, "ciphers"), 1);
	done(&r);
	/* a Match-set list is assembled once: -* stays empty */
	eval(&r, "Match User u\n  PubkeyAcceptedAlgorithms -*\n");
	assert_string_equal(get(&r, "pubkeyacceptedalgorithms"), "");
	done(&r);
	/* '!' in a list, or nothing left: sshd refuses */
	eval(&r, "Match User u\n  PubkeyAcceptedAlgorithms !ssh-rsa\n");
	assert_string_equal(fatal(&r), "assemble_algorithms: "
	    "pubkey_accepted_algos: invalid argument");
	done(&r);
	eval(&r, "CASignatureAlgorithms ssh-ed25519-cert-v01@openssh.com\n");
	assert_string_equal(fatal(&r), "assemble_algorithms: "
	    "ca_sign_algorithms: invalid argument");
	done(&r);
}

static void
test_include(void **state)
{
	char cfg[1024];
	struct res r;
	const struct sl_eff_item *it;

	(void)state;
	write_file("inc-a.conf", "PasswordAuthentication no\n"
	    "Match User u\n  X11Forwarding yes\n");
	write_file("inc-b.conf", "MaxSessions 3\n");
	snprintf(cfg, sizeof(cfg),
	    "Include %s/inc-a.conf\n"
	    "X11Forwarding no\n"		/* the include's Match ended */
	    "Match User x\n"
	    "  Include %s/inc-b.conf\n"
	    "Match User u\n"
	    "  Include %s/inc-b.conf\n", dir, dir, dir);
	eval_spec(&r, cfg, "u", NULL);
	assert_string_equal(get(&r, "passwordauthentication"), "no");
	assert_string_equal(get(&r, "x11forwarding"), "yes");
	assert_string_equal(get(&r, "maxsessions"), "3");
	it = item(&r, "maxsessions");
	assert_true(it->origin.source_id >= 0);
	assert_glob(r.ctx->src[it->origin.source_id]->path,
	    "*/inc-b.conf");
	assert_int_equal(it->origin.line, 0);
	done(&r);
	eval_spec(&r, cfg, "y", NULL);
	assert_string_equal(get(&r, "x11forwarding"), "no");
	assert_string_equal(get(&r, "maxsessions"), "10");
	done(&r);
}

static void
test_startup_view(void **state)
{
	struct res r;

	(void)state;
	/* 'Match all' is active at startup: its global-only keywords and
	 * PermitUserEnvironment's pattern are taken from it */
	eval(&r, "PermitUserEnvironment no\n"
	    "Match all\n"
	    "  PermitUserEnvironment LANG\n"
	    "  Port 2222\n");
	assert_string_equal(get(&r, "permituserenvironment"), "LANG");
	assert_string_equal(get(&r, "port"), "2222");
	done(&r);
	/* checks of sshd.c main() */
	eval(&r, "AuthorizedKeysCommand /bin/k\n");
	assert_string_equal(fatal(&r), "AuthorizedKeysCommand set without "
	    "AuthorizedKeysCommandUser");
	done(&r);
	eval(&r, "AuthenticationMethods password\n"
	    "PasswordAuthentication no\n");
	assert_string_equal(fatal(&r), "AuthenticationMethods cannot be "
	    "satisfied by enabled authentication methods");
	done(&r);
	/* paths: ~ is --home, relative ones get the working directory */
	eval(&r, "Banner ~/banner\nForceCommand none\nChrootDirectory ~/c\n");
	assert_glob(get(&r, "banner"), "/tmp/sshlint-evals-*/banner");
	assert_string_equal(get(&r, "forcecommand"), "none");
	assert_string_equal(get(&r, "chrootdirectory"), "~/c");
	done(&r);
	eval(&r, "RDomain x\n");
	assert_glob(fatal(&r), "*line 1: setting RDomain not "
	    "supported on this platform.");
	done(&r);
}

static void
test_listen(void **state)
{
	struct res r;

	(void)state;
	/* a ListenAddress without port gets every Port, even later ones */
	eval(&r, "ListenAddress 127.0.0.1\n"
	    "ListenAddress [::1]:99\n"
	    "Port 2222\n"
	    "Port 22\n");
	assert_string_equal(get(&r, "listenaddress"), "127.0.0.1:2222|"
	    "127.0.0.1:22|[::1]:99");
	assert_int_equal(line_of(&r, "listenaddress"), 1);
	done(&r);
	eval(&r, "AddressFamily inet\n");
	assert_string_equal(get(&r, "listenaddress"), "0.0.0.0:22");
	assert_string_equal(get(&r, "addressfamily"), "inet");
	done(&r);
}

static void
test_other_releases(void **state)
{
	struct res r;

	(void)state;
	/* options a release does not have are not printed */
	eval_v(&r, "", NULL, SL_VERSION(7, 4));
	assert_null(item(&r, "requiredrsasize"));
	assert_null(item(&r, "gssapikexalgorithms"));
	assert_string_equal(get(&r, "challengeresponseauthentication"), "yes");
	assert_string_equal(get(&r, "ipqos"), "lowdelay throughput");
	done(&r);
	eval_v(&r, "", NULL, SL_VERSION(9, 0));
	assert_string_equal(get(&r, "ipqos"), "af21 cs1");
	done(&r);
	/* 9.7 fixed the AuthenticationMethods "any" bug */
	eval_v(&r, "AuthenticationMethods publickey\n"
	    "Match User nobody\n  AuthenticationMethods any\n", NULL,
	    SL_VERSION(9, 7));
	assert_null(sl_eff_fatal(r.e, NULL));
	done(&r);
	/* 10.5 prints the keywords in their documented spelling */
	eval_v(&r, "", NULL, SL_VERSION(10, 5));
	assert_string_equal(get(&r, "PermitRootLogin"), "prohibit-password");
	assert_string_equal(get(&r, "IPQoS"), "ef cs0");
	done(&r);
}

static void
test_alloc_failure(void **state)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_conn_spec spec;
	struct sl_ctx *ctx;
	struct sl_eff *e;
	char path[512];
	long n;
	int rc;

	(void)state;
	write_file("inc-c.conf", "MaxSessions 3\nAllowUsers z\n");
	snprintf(path, sizeof(path), "%s/inc-c.conf", dir);
	{
		char cfg[1024];

		snprintf(cfg, sizeof(cfg), "Include %s\nAllowUsers a b\n"
		    "Ciphers +3des-cbc\nSubsystem sftp internal-sftp\n"
		    "Match User u\n  AllowUsers c\n  Banner /b\n"
		    "  PubkeyAcceptedAlgorithms -ssh-rsa*\n", path);
		write_file("sshd_config", cfg);
	}
	snprintf(path, sizeof(path), "%s/sshd_config", dir);
	memset(&spec, 0, sizeof(spec));
	spec.user = "u";
	lo.dialect = SL_DIALECT_SSHD;
	ctx = sl_ctx_new();
	assert_non_null(ctx);
	e = sl_eff_new(SL_DIALECT_SSHD, V92);
	assert_non_null(e);
	/* load once, then make the Nth allocation of the evaluation fail */
	assert_int_equal(sl_eval_server(ctx, &lo, path, V92, &spec, hostkey,
	    1, e), 0);
	for (n = 0;; n++) {
		sl_alloc_fail_after(n);
		rc = sl_eval_server(ctx, &lo, path, V92, &spec, hostkey, 1, e);
		sl_alloc_fail_after(-1);
		if (rc == 0 && sl_alloc_failures() == 0)
			break;
		assert_true(rc == SL_ENOMEM || rc == 0);
		assert_true(n < 100000);
	}
	assert_string_equal(sl_eff_item(e, 0)->key, "port");
	sl_eff_free(e);
	sl_ctx_free(ctx);
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
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_default_hostkeys),
		cmocka_unit_test(test_first_wins),
		cmocka_unit_test(test_match_overrides),
		cmocka_unit_test(test_arrays_replaced),
		cmocka_unit_test(test_firstline),
		cmocka_unit_test(test_last_wins),
		cmocka_unit_test(test_bugs_92),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_localport),
		cmocka_unit_test(test_algorithms),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_startup_view),
		cmocka_unit_test(test_listen),
		cmocka_unit_test(test_other_releases),
		cmocka_unit_test(test_alloc_failure),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
