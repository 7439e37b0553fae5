/*
 * Unit tests of lint/doctor.c and lint/agent.c: the StrictModes walk on
 * temporary trees with chmod/chown variations (chown needs root: skipped
 * otherwise), AuthorizedKeysFile expansion, the agent's reply parser, its
 * confirmation capability, the socket states (missing, not a socket,
 * nobody listening, a fake agent), and the client and server checks end to
 * end on a temporary home.
 */
#define UNIT_TESTING 1

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "lint/agent.h"
#include "lint/doctor.h"
#include "lint/util/alloc.h"
#include "sshlint/sshlint.h"

static char tmp[] = "/tmp/sshlint-doctor-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmp) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static void
put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static void
sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

/* ---- StrictModes ---- */

static void
test_safe_path(void **state)
{
	char home[256], dotssh[512], ak[1024], err[2048], bad[2048];
	bool deb;

	(void)state;
	if (geteuid() != 0)
		skip();
	snprintf(home, sizeof(home), "%s/home", tmp);
	snprintf(dotssh, sizeof(dotssh), "%s/.ssh", home);
	snprintf(ak, sizeof(ak), "%s/authorized_keys", dotssh);
	assert_int_equal(mkdir(home, 0755), 0);
	assert_int_equal(mkdir(dotssh, 0700), 0);
	put(ak, "", 0600);
	/* user 1000 owns home; root may own the rest */
	assert_int_equal(chown(home, 1000, 1000), 0);
	assert_int_equal(sl_doctor_safe_path(ak, 1000, home, err, sizeof(err),
	    bad, sizeof(bad), &deb), 0);
	/* 0644 / 0755 are fine: read access is not required */
	chmod(ak, 0644);
	chmod(dotssh, 0755);
	assert_int_equal(sl_doctor_safe_path(ak, 1000, home, err, sizeof(err),
	    bad, sizeof(bad), &deb), 0);
	/* group-writable ~/.ssh of a group with no entry */
	assert_int_equal(chown(dotssh, 1000, 4321), 0);
	chmod(dotssh, 0775);
	assert_int_equal(sl_doctor_safe_path(ak, 1000, home, err, sizeof(err),
	    bad, sizeof(bad), &deb), -1);
	assert_string_equal(bad, dotssh);
	assert_false(deb);
	assert_non_null(strstr(err, "bad ownership or modes for directory "));
	chmod(dotssh, 0755);
	/* world-writable file */
	chmod(ak, 0666);
	assert_int_equal(sl_doctor_safe_path(ak, 1000, home, err, sizeof(err),
	    bad, sizeof(bad), &deb), -1);
	assert_int_equal(strncmp(err, "bad ownership or modes for file ", 32),
	    0);
	assert_false(deb);
	chmod(ak, 0600);
	/* a file owned by another user */
	assert_int_equal(chown(ak, 4321, 0), 0);
	assert_int_equal(sl_doctor_safe_path(ak, 1000, home, err, sizeof(err),
	    bad, sizeof(bad), &deb), -1);
	assert_string_equal(bad, ak);
	assert_int_equal(chown(ak, 1000, 1000), 0);
	/* the home directory owned by another user */
	assert_int_equal(chown(home, 4321, 4321), 0);
	assert_int_equal(sl_doctor_safe_path(ak, 1000, home, err, sizeof(err),
	    bad, sizeof(bad), &deb), -1);
	assert_string_equal(bad, home);
	assert_int_equal(chown(home, 1000, 1000), 0);
	/* the walk stops at home: tmp's own mode does not matter */
	assert_int_equal(sl_doctor_safe_path(ak, 1000, home, err, sizeof(err),
	    bad, sizeof(bad), &deb), 0);
	/* through a symlink: the canonical path is checked and named */
	sh("ln -s %s %s/link", ak, tmp);
	chmod(ak, 0620);
	{
		char link[512];

		snprintf(link, sizeof(link), "%s/link", tmp);
		assert_int_equal(sl_doctor_safe_path(link, 1000, home, err,
		    sizeof(err), bad, sizeof(bad), &deb), -1);
		assert_string_equal(bad, ak);
	}
	chmod(ak, 0600);
	/* missing file */
	assert_int_equal(sl_doctor_safe_path("/nonexistent/x", 1000, home, err,
	    sizeof(err), bad, sizeof(bad), &deb), -1);
}

static void
test_expand_authkeys(void **state)
{
	char *p;
	bool bad;

	(void)state;
	p = sl_doctor_expand_authkeys(".ssh/authorized_keys", "/home/u", "u",
	    1000, &bad);
	assert_string_equal(p, "/home/u/.ssh/authorized_keys");
	sl_free(p);
	p = sl_doctor_expand_authkeys("%h/.ssh/k", "/home/u", "u", 1000, &bad);
	assert_string_equal(p, "/home/u/.ssh/k");
	sl_free(p);
	p = sl_doctor_expand_authkeys("/etc/ssh/keys/%u.%U%%", "/home/u", "u",
	    1000, &bad);
	assert_string_equal(p, "/etc/ssh/keys/u.1000%");
	sl_free(p);
	p = sl_doctor_expand_authkeys("/x/%x", "/home/u", "u", 1000, &bad);
	assert_null(p);
	assert_true(bad);
}

/* ---- the agent ---- */

static size_t
put_str(unsigned char *b, size_t o, const void *p, size_t n)
{
	b[o] = (unsigned char)(n >> 24);
	b[o + 1] = (unsigned char)(n >> 16);
	b[o + 2] = (unsigned char)(n >> 8);
	b[o + 3] = (unsigned char)n;
	memcpy(b + o + 4, p, n);
	return o + 4 + n;
}

/* An identities answer: one Ed25519 key, one of an unknown type. */
static size_t
answer(unsigned char *b)
{
	unsigned char blob[64], pk[32];
	size_t o = 0, bl;

	memset(pk, 7, sizeof(pk));
	bl = put_str(blob, 0, "ssh-ed25519", 11);
	bl = put_str(blob, bl, pk, 32);
	b[o++] = SL_AGENT_IDENTITIES_ANSWER;
	memcpy(b + o, "\0\0\0\2", 4);
	o += 4;
	o = put_str(b, o, blob, bl);
	o = put_str(b, o, "my key", 6);
	bl = put_str(blob, 0, "ssh-future@example.com", 22);
	o = put_str(b, o, blob, bl);
	o = put_str(b, o, "future", 6);
	return o;
}

static void
test_agent_reply(void **state)
{
	unsigned char b[512];
	struct sl_agent a;
	size_t n;

	(void)state;
	memset(&a, 0, sizeof(a));
	n = answer(b);
	assert_int_equal(sl_agent_parse_reply(b, n, &a), 0);
	assert_int_equal(a.status, SL_AGENT_OK);
	assert_int_equal(a.nids, 2);
	assert_true(a.ids[0].parsed);
	assert_string_equal(a.ids[0].key.label, "ED25519");
	assert_string_equal(a.ids[0].comment, "my key");
	assert_false(a.ids[1].parsed);
	assert_string_equal(a.ids[1].name, "ssh-future@example.com");
	/* truncated */
	assert_int_equal(sl_agent_parse_reply(b, n - 3, &a), 0);
	assert_int_equal(a.status, SL_AGENT_PROTOCOL);
	assert_int_equal(a.nids, 0);
	/* failure */
	b[0] = SL_AGENT_FAILURE;
	assert_int_equal(sl_agent_parse_reply(b, 1, &a), 0);
	assert_int_equal(a.status, SL_AGENT_FAILED);
	/* too many identities */
	b[0] = SL_AGENT_IDENTITIES_ANSWER;
	memcpy(b + 1, "\0\0\x10\0", 4);
	assert_int_equal(sl_agent_parse_reply(b, 5, &a), 0);
	assert_int_equal(a.status, SL_AGENT_PROTOCOL);
	/* empty */
	memcpy(b + 1, "\0\0\0\0", 4);
	assert_int_equal(sl_agent_parse_reply(b, 5, &a), 0);
	assert_int_equal(a.status, SL_AGENT_OK);
	assert_int_equal(a.nids, 0);
	sl_agent_release(&a);
}

static bool
yes(const char *p)
{
	(void)p;
	return true;
}

static bool
no(const char *p)
{
	(void)p;
	return false;
}

static void
test_agent_confirm(void **state)
{
	static const char with_display[] = "HOME=/root\0DISPLAY=:0\0";
	static const char none[] = "HOME=/root\0DISPLAY=\0";
	static const char force[] = "SSH_ASKPASS_REQUIRE=force\0"
	    "SSH_ASKPASS=/bin/true\0";
	static const char never[] = "DISPLAY=:0\0SSH_ASKPASS_REQUIRE=never\0";
	char why[256];

	(void)state;
	assert_int_equal(sl_agent_confirm_from_env(with_display,
	    sizeof(with_display) - 1, "/usr/bin/ssh-askpass", yes, why,
	    sizeof(why)), SL_CONFIRM_POSSIBLE);
	assert_int_equal(sl_agent_confirm_from_env(with_display,
	    sizeof(with_display) - 1, "/usr/bin/ssh-askpass", no, why,
	    sizeof(why)), SL_CONFIRM_IMPOSSIBLE);
	assert_non_null(strstr(why, "/usr/bin/ssh-askpass"));
	assert_int_equal(sl_agent_confirm_from_env(none, sizeof(none) - 1,
	    "/usr/bin/ssh-askpass", yes, why, sizeof(why)),
	    SL_CONFIRM_IMPOSSIBLE);
	assert_non_null(strstr(why, "DISPLAY"));
	assert_int_equal(sl_agent_confirm_from_env(force, sizeof(force) - 1,
	    "/usr/bin/ssh-askpass", yes, why, sizeof(why)),
	    SL_CONFIRM_POSSIBLE);
	assert_int_equal(sl_agent_confirm_from_env(never, sizeof(never) - 1,
	    "/usr/bin/ssh-askpass", yes, why, sizeof(why)),
	    SL_CONFIRM_IMPOSSIBLE);
}

static int
listen_at(const char *path, bool do_listen)
{
	struct sockaddr_un sa;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	if (do_listen)
		assert_int_equal(listen(fd, 1), 0);
	return fd;
}

static void
test_agent_socket_states(void **state)
{
	char path[512];
	struct sl_agent a;
	unsigned char req[5], b[512];
	size_t n;
	pid_t pid;
	int fd, c, st;

	(void)state;
	snprintf(path, sizeof(path), "%s/nothing", tmp);
	assert_int_equal(sl_agent_query(path, 1000, &a), 0);
	assert_int_equal(a.status, SL_AGENT_MISSING);
	snprintf(path, sizeof(path), "%s/plain", tmp);
	put(path, "x", 0600);
	assert_int_equal(sl_agent_query(path, 1000, &a), 0);
	assert_int_equal(a.status, SL_AGENT_NOT_SOCKET);
	/* a socket file nobody listens on: what a dead agent leaves */
	snprintf(path, sizeof(path), "%s/dead", tmp);
	fd = listen_at(path, false);
	close(fd);
	assert_int_equal(sl_agent_query(path, 1000, &a), 0);
	assert_int_equal(a.status, SL_AGENT_REFUSED);
	/* a fake agent answering one request */
	snprintf(path, sizeof(path), "%s/agent", tmp);
	fd = listen_at(path, true);
	n = answer(b + 4);
	b[0] = b[1] = 0;
	b[2] = (unsigned char)(n >> 8);
	b[3] = (unsigned char)n;
	if ((pid = fork()) == 0) {
		c = accept(fd, NULL, NULL);
		if (c < 0 || read(c, req, 5) != 5 || req[4] != 11 ||
		    write(c, b, n + 4) != (ssize_t)(n + 4))
			_exit(1);
		close(c);
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(sl_agent_query(path, 2000, &a), 0);
	assert_int_equal(a.status, SL_AGENT_OK);
	assert_int_equal(a.nids, 2);
	/* SO_PEERCRED names the process that listened */
	assert_int_equal(a.peer_pid, getpid());
	sl_agent_release(&a);
	waitpid(pid, &st, 0);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* a listener that never answers: the timeout */
	assert_int_equal(sl_agent_query(path, 200, &a), 0);
	assert_int_equal(a.status, SL_AGENT_PROTOCOL);
	close(fd);
}

/* ---- the client checks on a temporary home ---- */

static const struct sl_doc_finding *
find_rule(const struct sl_doctor *d, const char *id, const char *path_end)
{
	size_t i;

	for (i = 0; i < d->nfindings; i++) {
		const struct sl_doc_finding *f = &d->findings[i];
		size_t pl = f->path ? strlen(f->path) : 0;

		if (strcmp(sl_rule_at((size_t)f->rule)->id, id) != 0)
			continue;
		if (path_end == NULL || (pl >= strlen(path_end) &&
		    strcmp(f->path + pl - strlen(path_end), path_end) == 0))
			return f;
	}
	return NULL;
}

static const char *
no_env(const char *name)
{
	(void)name;
	return NULL;
}

static void
test_client(void **state)
{
	char home[256], p[1024], err[1024];
	struct sl_doctor d;
	struct sl_doctor_client_opts o;
	const struct sl_doc_finding *f;

	(void)state;
	if (system("command -v ssh-keygen >/dev/null") != 0)
		skip();
	snprintf(home, sizeof(home), "%s/client", tmp);
	sh("mkdir -p %s/.ssh && cd %s/.ssh && "
	    "ssh-keygen -q -t ed25519 -N '' -f id_open && chmod 644 id_open && "
	    "ssh-keygen -q -t ed25519 -N '' -f id_ok && "
	    "ssh-keygen -q -t ed25519 -N 'passphrase' -f id_enc && "
	    "ssh-keygen -q -t rsa -b 1024 -N '' -f id_small", home, home);
	snprintf(p, sizeof(p), "%s/.ssh/config", home);
	put(p, "Include inc.conf\n"
	    "Host a\n"
	    "  IdentityFile ~/.ssh/id_open\n"
	    "  IdentityFile ~/.ssh/id_ok\n"
	    "  IdentityFile ~/.ssh/id_gone\n"
	    "  IdentityFile ~/.ssh/id_small\n"
	    "  IdentityFile ~/.ssh/id_enc\n"
	    "  CertificateFile ~/.ssh/nocert.pub\n"
	    "  RequiredRSASize 2048\n"
	    "  PubkeyAcceptedAlgorithms ssh-ed25519,rsa-sha2-512\n", 0644);
	snprintf(p, sizeof(p), "%s/.ssh/inc.conf", home);
	put(p, "# included\n", 0666);

	sl_doctor_init(&d);
	memset(&o, 0, sizeof(o));
	o.version = SL_VERSION(9, 2);
	o.host = "a";
	o.home = home;
	o.uid = geteuid();
	o.local_user = "tester";
	o.getenv = no_env;
	o.check_agent = true;
	o.now = time(NULL);
	assert_int_equal(sl_doctor_client(&d, &o, err, sizeof(err)), 0);
	/* UNPROTECTED PRIVATE KEY FILE, with ssh's exact lines */
	f = find_rule(&d, "SSH601", "/id_open");
	assert_non_null(f);
	assert_int_equal(f->severity, SL_SEV_ERROR);
	snprintf(p, sizeof(p), "Permissions 0644 for '%s/.ssh/id_open' are too "
	    "open.", home);
	assert_non_null(strstr(f->openssh, p));
	snprintf(p, sizeof(p), "Load key \"%s/.ssh/id_open\": bad permissions",
	    home);
	assert_non_null(strstr(f->openssh, p));
	assert_null(find_rule(&d, "SSH601", "/id_ok"));
	/* missing IdentityFile / CertificateFile */
	f = find_rule(&d, "SSH603", "/id_gone");
	assert_non_null(f);
	snprintf(p, sizeof(p), "no such identity: %s/.ssh/id_gone: No such "
	    "file or directory", home);
	assert_string_equal(f->openssh, p);
	assert_non_null(find_rule(&d, "SSH604", "/nocert.pub"));
	/* RSA 1024 below RequiredRSASize 2048 */
	f = find_rule(&d, "SSH606", "/id_small");
	assert_non_null(f);
	assert_int_equal(f->severity, SL_SEV_ERROR);
	/* the Included file is world-writable */
	f = find_rule(&d, "SSH021", "/inc.conf");
	assert_non_null(f);
	assert_non_null(strstr(f->openssh, "Bad owner or permissions on "));
	/* no agent */
	assert_int_equal(d.agent, SL_DOC_AGENT_UNSET);
	/* the identities seen */
	assert_true(d.nids >= 5);
	assert_string_equal(d.ids[1].type, "ED25519");
	assert_string_equal(d.ids[1].public_from, ".pub");
	sl_doctor_release(&d);

	/* ~/.ssh/config itself, group- and world-writable */
	snprintf(p, sizeof(p), "%s/.ssh/config", home);
	chmod(p, 0666);
	assert_int_equal(sl_doctor_client(&d, &o, err, sizeof(err)), 0);
	f = find_rule(&d, "SSH602", "/.ssh/config");
	assert_non_null(f);
	assert_int_equal(f->severity, SL_SEV_ERROR);
	sl_doctor_release(&d);
	/* with -F the file itself is not checked */
	o.config = p;
	assert_int_equal(sl_doctor_client(&d, &o, err, sizeof(err)), 0);
	assert_null(find_rule(&d, "SSH602", NULL));
	sl_doctor_release(&d);
	chmod(p, 0644);

	/* RSA keys skipped by PubkeyAcceptedAlgorithms without RSA */
	put(p, "Host b\n  IdentityFile ~/.ssh/id_small\n"
	    "  PubkeyAcceptedAlgorithms ssh-ed25519\n", 0644);
	o.host = "b";
	assert_int_equal(sl_doctor_client(&d, &o, err, sizeof(err)), 0);
	f = find_rule(&d, "SSH609", "/id_small");
	assert_non_null(f);
	assert_non_null(strstr(f->openssh, "Skipping ssh-rsa key "));
	assert_non_null(strstr(f->openssh,
	    "- corresponding algo not in PubkeyAcceptedAlgorithms"));
	sl_doctor_release(&d);
}

/* ---- the server checks ---- */

static void
test_server(void **state)
{
	char home[256], p[1024], err[1024], cfg[1024], key[1024];
	struct sl_doctor d;
	struct sl_doctor_server_opts o;
	const struct sl_doc_finding *f;
	FILE *pf;
	char line[2048];

	(void)state;
	if (system("command -v ssh-keygen >/dev/null") != 0)
		skip();
	snprintf(home, sizeof(home), "%s/srv", tmp);
	sh("mkdir -p %s/.ssh && chmod 700 %s/.ssh && "
	    "ssh-keygen -q -t ed25519 -N '' -f %s/k && "
	    "ssh-keygen -q -t dsa -N '' -f %s/d", home, home, tmp, tmp);
	snprintf(p, sizeof(p), "%s/k.pub", tmp);
	pf = fopen(p, "r");
	assert_non_null(fgets(key, sizeof(key), pf));
	fclose(pf);
	key[strcspn(key, "\n")] = '\0';
	snprintf(p, sizeof(p), "%s/d.pub", tmp);
	pf = fopen(p, "r");
	assert_non_null(fgets(line, sizeof(line), pf));
	fclose(pf);
	line[strcspn(line, "\n")] = '\0';
	snprintf(p, sizeof(p), "%s/.ssh/authorized_keys", home);
	{
		char body[8192];

		snprintf(body, sizeof(body),
		    "# test keys\n"
		    "%s\n"			/* 2: ok */
		    "no-ptty %s\n"		/* 3: bad option */
		    "restrict %s\n"		/* 4: duplicate of 2 */
		    "%s\n"			/* 5: DSA */
		    "ssh-ed25519 AAAA!\n",	/* 6: damaged */
		    key, key, key, line);
		put(p, body, 0600);
	}
	snprintf(cfg, sizeof(cfg), "%s/sshd_config", tmp);
	put(cfg, "AuthorizedKeysFile %h/.ssh/authorized_keys .ssh/other\n"
	    "StrictModes yes\n", 0644);

	sl_doctor_init(&d);
	memset(&o, 0, sizeof(o));
	o.version = SL_VERSION(9, 2);
	o.config = cfg;
	o.user = "u";
	o.uid = geteuid();
	o.home = home;
	o.now = time(NULL);
	assert_int_equal(sl_doctor_server(&d, &o, err, sizeof(err)), 0);
	assert_int_equal(d.nauthfiles, 2);
	assert_true(d.authfiles[0].exists);
	assert_false(d.authfiles[1].exists);
	f = find_rule(&d, "SSH615", "/authorized_keys");
	assert_non_null(f);
	assert_int_equal(f->line, 3);
	assert_int_equal(f->col, 1);
	snprintf(line, sizeof(line), "%s:3: bad key options: unknown key "
	    "option", p);
	assert_string_equal(f->openssh, line);
	f = find_rule(&d, "SSH618", "/authorized_keys");
	assert_non_null(f);
	assert_int_equal(f->line, 4);
	f = find_rule(&d, "SSH607", "/authorized_keys");
	assert_non_null(f);
	assert_int_equal(f->line, 5);
	f = find_rule(&d, "SSH616", "/authorized_keys");
	assert_non_null(f);
	assert_int_equal(f->line, 6);
	assert_int_equal(f->col, 17);
	assert_null(find_rule(&d, "SSH614", NULL));
	sl_doctor_release(&d);

	/* DSA on 10.0: not a key at all any more */
	o.version = SL_VERSION(10, 0);
	assert_int_equal(sl_doctor_server(&d, &o, err, sizeof(err)), 0);
	f = find_rule(&d, "SSH616", "/authorized_keys");
	assert_non_null(f);
	assert_int_equal(f->line, 5);
	sl_doctor_release(&d);
	o.version = SL_VERSION(9, 2);

	/* StrictModes: a group-writable ~/.ssh (root only: chown) */
	if (geteuid() == 0) {
		snprintf(p, sizeof(p), "%s/.ssh", home);
		assert_int_equal(chown(p, 0, 4321), 0);
		chmod(p, 0775);
		assert_int_equal(sl_doctor_server(&d, &o, err, sizeof(err)), 0);
		f = find_rule(&d, "SSH614", "/authorized_keys");
		assert_non_null(f);
		assert_int_equal(f->severity, SL_SEV_ERROR);
		snprintf(line, sizeof(line), "Authentication refused: bad "
		    "ownership or modes for directory %s", p);
		assert_string_equal(f->openssh, line);
		assert_non_null(d.authfiles[0].refused);
		sl_doctor_release(&d);
		chmod(p, 0700);
	}

	/* PubkeyAcceptedAlgorithms without Ed25519 */
	put(cfg, "AuthorizedKeysFile %h/.ssh/authorized_keys\n"
	    "PubkeyAcceptedAlgorithms rsa-sha2-512\n", 0644);
	assert_int_equal(sl_doctor_server(&d, &o, err, sizeof(err)), 0);
	f = find_rule(&d, "SSH617", "/authorized_keys");
	assert_non_null(f);
	assert_int_equal(f->line, 2);
	assert_string_equal(f->openssh, "userauth_pubkey: signature algorithm "
	    "ssh-ed25519 not in PubkeyAcceptedAlgorithms");
	sl_doctor_release(&d);

	/* no file at all */
	put(cfg, "AuthorizedKeysFile .ssh/none_here\n", 0644);
	assert_int_equal(sl_doctor_server(&d, &o, err, sizeof(err)), 0);
	assert_non_null(find_rule(&d, "SSH619", NULL));
	sl_doctor_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safe_path),
		cmocka_unit_test(test_expand_authkeys),
		cmocka_unit_test(test_agent_reply),
		cmocka_unit_test(test_agent_confirm),
		cmocka_unit_test(test_agent_socket_states),
		cmocka_unit_test(test_client),
		cmocka_unit_test(test_server),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
