/* sshd_config evaluation (sshd -T [-C spec]). Being written (issue 3). */
#include "lint/eval.h"

int
sl_eval_server_src(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    uint32_t top_id, int version, const struct sl_conn_spec *spec,
    const char *const *hostkeys, size_t nhostkeys, struct sl_eff *out)
{
	(void)ctx; (void)opts; (void)top_id; (void)spec; (void)hostkeys;
	(void)nhostkeys;
	sl_eff_reset(out);
	out->version = version;
	return sl_eff_fail(out, SL_ORIGIN(SL_ORIGIN_DERIVED),
	    "server evaluation is not implemented yet");
}
