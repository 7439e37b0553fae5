/*
 * Fuzz target: parsing must never crash, and the tokens must tile the
 * input so that printing the tree gives it back byte for byte. Both
 * dialects are parsed, and the whole lint (Include resolution disabled by
 * running on a buffer) is run on the result.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/cst.h"
#include "sshlint/sshlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_file *f;
	struct sl_ctx *ctx;
	uint32_t i, j, pos;
	int d;

	for (d = 0; d < 2; d++) {
		f = NULL;
		if (sl_cst_parse(&f, (const char *)data, size,
		    (enum sl_dialect)d) != 0)
			abort();
		if (!sl_cst_tiles(f))
			abort();
		/* re-assemble and compare */
		pos = 0;
		for (i = 0; i < f->nlines; i++)
			for (j = 0; j < f->lines[i].ntok; j++) {
				const struct sl_token *t = &f->lines[i].tok[j];

				if (memcmp(data + pos, data + t->start,
				    t->end - t->start) != 0 || t->start != pos)
					abort();
				pos = t->end;
			}
		if (pos != size)
			abort();
		sl_cst_free(f);

		if ((ctx = sl_ctx_new()) == NULL)
			abort();
		lo.dialect = d;
		lo.openssh_min = SL_VERSION(8, 4);
		lo.openssh_max = SL_VERSION(9, 2);
		(void)sl_lint_buffer(ctx, &lo, d ? "fuzz/sshd_config" :
		    "fuzz/config", (const char *)data, size);
		sl_ctx_sort_diags(ctx);
		sl_ctx_free(ctx);
	}
	return 0;
}
