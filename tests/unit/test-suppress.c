/*
 * Unit tests of lint/suppress.c: the comment parser, and the final pass
 * over a context's findings (next directive, block, file, unused).
 */
#define UNIT_TESTING 1

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lint/suppress.h"
#include "sshlint/sshlint.h"

static enum sl_sup_kind
parse(const char *s, struct sl_sup_comment *c)
{
	return sl_sup_parse(s, strlen(s), c);
}

static int
rule_index(const char *id)
{
	return (int)(sl_rule_find(id) - sl_rule_at(0));
}

static void
test_parse_kinds(void **state)
{
	struct sl_sup_comment c;

	(void)state;
	assert_int_equal(parse("# an ordinary comment", &c), SL_SUP_NONE);
	assert_int_equal(parse("# disable=SSH005", &c), SL_SUP_NONE);
	assert_int_equal(parse("# sshlint", &c), SL_SUP_NONE);
	assert_int_equal(parse("# sshlint: disable=SSH005", &c), SL_SUP_NEXT);
	assert_int_equal(parse("#sshlint:disable-file=all", &c), SL_SUP_FILE);
	assert_int_equal(c.ids[0].rule, SL_SUP_ALL);
	assert_int_equal(parse("# SSHLint : Disable = SSH005", &c),
	    SL_SUP_NEXT);
	assert_int_equal(parse("# sshlint: enable=SSH005", &c), SL_SUP_BAD);
	assert_int_equal(c.word_off, 11);
	assert_int_equal(c.word_len, 6);
	assert_int_equal(parse("# sshlint: disable=", &c), SL_SUP_BAD);
	assert_int_equal(parse("# sshlint: disable SSH005", &c), SL_SUP_BAD);
	assert_int_equal(parse("# sshlint: disable-file", &c), SL_SUP_BAD);
}

static void
test_parse_ids(void **state)
{
	struct sl_sup_comment c;
	const char *s = "# sshlint: disable=SSH005 , unknown-keyword,ssh004,"
	    "SSH999 because of vendor X";

	(void)state;
	assert_int_equal(parse(s, &c), SL_SUP_NEXT);
	assert_int_equal(c.nids, 4);
	assert_int_equal(c.ids[0].rule, rule_index("SSH005"));
	assert_int_equal(c.ids[0].off, 19);
	assert_int_equal(c.ids[0].len, 6);
	assert_int_equal(c.ids[1].rule, rule_index("SSH005"));
	assert_int_equal(c.ids[2].rule, rule_index("SSH004"));
	assert_int_equal(c.ids[3].rule, SL_SUP_UNKNOWN);
	assert_memory_equal(s + c.ids[3].off, "SSH999", 6);
	assert_int_equal(c.ids[3].len, 6);
	/* a ';' is part of an id, so a wrong separator is an unknown rule */
	assert_int_equal(parse("# sshlint: disable=SSH005;SSH004", &c),
	    SL_SUP_NEXT);
	assert_int_equal(c.nids, 1);
	assert_int_equal(c.ids[0].rule, SL_SUP_UNKNOWN);
}

/* Lint a buffer, apply suppressions, return "line:RULE ..." of what is
 * left, sorted. */
static const char *
lint(const char *text)
{
	static char out[1024];
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_ctx *ctx = sl_ctx_new();
	const struct sl_diag *d;
	uint32_t line, col;
	size_t i, n = 0;

	lo.dialect = SL_DIALECT_SSH;
	lo.openssh_min = lo.openssh_max = SL_VERSION(9, 2);
	assert_non_null(ctx);
	assert_int_equal(sl_lint_buffer(ctx, &lo, "t", text, strlen(text)),
	    0);
	assert_int_equal(sl_ctx_apply_suppressions(ctx), 0);
	sl_ctx_sort_diags(ctx);
	out[0] = '\0';
	for (i = 0; i < sl_ctx_ndiags(ctx); i++) {
		d = sl_ctx_diag(ctx, i);
		sl_ctx_source_pos(ctx, d->source_id, d->start, &line, &col);
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%u:%s",
		    i ? " " : "", line, sl_rule_at((size_t)d->rule)->id);
	}
	sl_ctx_free(ctx);
	return out;
}

static void
test_apply(void **state)
{
	(void)state;
	/* next directive only */
	assert_string_equal(lint("# sshlint: disable=SSH005\nUsr a\nUsr b\n"),
	    "3:SSH005");
	/* block, right after Host */
	assert_string_equal(lint("Host a\n# sshlint: disable=SSH005\nUsr a\n"
	    "Usr b\nHost b\nUsr c\n"), "6:SSH005");
	/* file, and all */
	assert_string_equal(lint("Usr a\nPort x\n"
	    "# sshlint: disable-file=SSH005\n"), "2:SSH004");
	assert_string_equal(lint("Usr a\nPort x\n"
	    "# sshlint: disable-file=all\n"), "");
	/* unused: reported at the comment */
	assert_string_equal(lint("# sshlint: disable=SSH004\nUsr a\n"),
	    "1:SSH107 2:SSH005");
	/* unknown rule */
	assert_string_equal(lint("# sshlint: disable=SSH999,SSH005\nUsr a\n"),
	    "1:SSH107");
	/* nothing to suppress: no finding but the comment's own */
	assert_string_equal(lint("User a\n"), "");
}

/* sl_ctx_filter_diags drops what the callback rejects. */
static int
keep_not_005(void *arg, const struct sl_diag *d)
{
	(void)arg;
	return d->rule != rule_index("SSH005");
}

static void
test_filter(void **state)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_ctx *ctx = sl_ctx_new();
	const char *text = "Usr a\nPort x\nUsr b\n";

	(void)state;
	lo.dialect = SL_DIALECT_SSH;
	assert_int_equal(sl_lint_buffer(ctx, &lo, "t", text, strlen(text)),
	    0);
	assert_int_equal(sl_ctx_ndiags(ctx), 3);
	assert_int_equal(sl_ctx_filter_diags(ctx, keep_not_005, NULL), 2);
	assert_int_equal(sl_ctx_ndiags(ctx), 1);
	assert_int_equal(sl_ctx_diag(ctx, 0)->rule, rule_index("SSH004"));
	sl_ctx_free(ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_kinds),
		cmocka_unit_test(test_parse_ids),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
