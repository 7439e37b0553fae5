/*
 * Fuzz target: evaluating any configuration never crashes. The input is
 * read as an ssh_config and as an sshd_config (from a buffer: no Include
 * is loaded); the client is evaluated for a few hosts (fixed names, the
 * fleet of its Host lines, -l/-p from the first byte) on two releases,
 * the server for several connection specs. The effective configuration
 * must have a line for the destination, unless OpenSSH would refuse.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/eval.h"
#include "lint/source.h"
#include "sshlint/eval.h"
#include "sshlint/sshlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
client(const uint8_t *data, size_t size, int version)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	static const char *const hosts[] = { "example", "FOO.example.com",
	    "10.1.2.3", "::1", "a" };
	struct sl_client_query q;
	struct sl_client *c = NULL;
	struct sl_source *s;
	struct sl_eff *e = NULL;
	struct sl_ctx *ctx = sl_ctx_new();
	uint32_t id;
	size_t i, n;

	if (ctx == NULL)
		return;
	lo.dialect = SL_DIALECT_SSH;
	lo.openssh_min = lo.openssh_max = version;
	if (sl_source_add_buffer(ctx, "fuzz", (const char *)data, size,
	    SL_DIALECT_SSH, &s) != 0 || sl_lint_walk(ctx, &lo, s) != 0)
		goto out;
	id = s->id;
	if (sl_client_open_src(ctx, &id, 1, version, &c) != 0 ||
	    (e = sl_eff_new(SL_DIALECT_SSH, version)) == NULL)
		goto out;
	memset(&q, 0, sizeof(q));
	if (size > 0 && (data[0] & 1))
		q.user = "bob";
	if (size > 0 && (data[0] & 2))
		q.port = "2222";
	q.assume_exec = size > 0 && (data[0] & 4);
	n = sl_client_nhosts(c);
	for (i = 0; i < 5 + (n < 8 ? n : 8); i++) {
		q.host = i < 5 ? hosts[i] : sl_client_host(c, i - 5);
		if (sl_client_eval(c, &q, e) != 0)
			abort();
		if (sl_eff_fatal(e, NULL) == NULL &&
		    sl_eff_find(e, SL_OPT_SSH_HOSTNAME, NULL) == NULL)
			abort();
	}
 out:
	sl_eff_free(e);
	sl_client_free(c);
	sl_ctx_free(ctx);
}

static void
server(const uint8_t *data, size_t size, int version)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	static const struct sl_conn_spec specs[] = {
		{ NULL, NULL, NULL, NULL, NULL, NULL },
		{ "root", "host.example", "192.0.2.7", "10.0.0.1", "22", NULL },
		{ "alice", "a.b", "2001:db8::1", "::1", "2222", "rd0" },
	};
	struct sl_source *s;
	struct sl_eff *e = NULL;
	struct sl_ctx *ctx = sl_ctx_new();
	size_t i;

	if (ctx == NULL)
		return;
	lo.dialect = SL_DIALECT_SSHD;
	lo.openssh_min = lo.openssh_max = version;
	if (sl_source_add_buffer(ctx, "fuzz", (const char *)data, size,
	    SL_DIALECT_SSHD, &s) != 0 || sl_lint_walk(ctx, &lo, s) != 0 ||
	    (e = sl_eff_new(SL_DIALECT_SSHD, version)) == NULL)
		goto out;
	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (sl_eval_server_src(ctx, &lo, s->id, version, &specs[i],
		    NULL, 0, e) != 0)
			abort();
 out:
	sl_eff_free(e);
	sl_ctx_free(ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	client(data, size, SL_VERSION(9, 2));
	client(data, size, SL_VERSION(10, 5));
	server(data, size, SL_VERSION(9, 2));
	server(data, size, SL_VERSION(7, 4));
	return 0;
}
