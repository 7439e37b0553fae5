/* The result object of sl_negotiate(), shared by lint/negotiate_run.c
 * (inputs) and lint/negotiate_out.c (edits and output). */
#ifndef SSHLINT_LINT_NEGOTIATE_INT_H
#define SSHLINT_LINT_NEGOTIATE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/negotiate.h"

#define SL_NEGO_MAX_FIXES 16

struct sl_nego {
	struct sl_arena a;
	struct sl_ctx *ctx;		/* not owned */
	struct sl_lint_options lo;
	struct sl_nego_query query;
	struct sl_client *client;
	struct sl_eff *client_eff, *server_eff;	/* the sides point in */
	uint32_t client_top, server_top;	/* top source ids */
	bool have_client_top;
	bool proxy_sshd;		/* ProxyCommand runs sshd -i */
	const char *agent_no_confirm;	/* why the agent cannot confirm a
					 * key's use (ssh-add -c), or NULL */
	struct sl_nego_side c, s;
	struct sl_nego_ident *ids;
	size_t nids, capids;
	struct sl_key *hostkeys;
	size_t nhostkeys, caphostkeys;
	struct sl_nresult res;
	struct sl_nfix fixes[SL_NEGO_MAX_FIXES];
	size_t nfixes;
	bool fixed_ok;			/* the walk succeeds after the fixes */
	struct sl_nego_edit *edits;
	size_t nedits, capedits;
	const char **notes;
	size_t nnotes, capnotes;
};

int sl_nego_note(struct sl_nego *n, const char *text);
/* Turn the planned fixes into edits of the configuration files. */
int sl_nego_place(struct sl_nego *n);
bool sl_nego_list_has(const char *list, const char *name);
bool sl_nego_is_addr(const char *h);

#endif
