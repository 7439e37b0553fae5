/* Unit tests of the lossless lexer (lint/lex.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lint/cst.h"
#include "lint/util/alloc.h"

static struct sl_file *
parse(const char *text, enum sl_dialect d)
{
	struct sl_file *f = NULL;

	assert_int_equal(sl_cst_parse(&f, text, strlen(text), d), 0);
	assert_non_null(f);
	assert_true(sl_cst_tiles(f));
	return f;
}

/* Cooked arguments of line 0 joined with '|'. */
static void
assert_args(const char *text, enum sl_dialect d, const char *kw,
    const char *want)
{
	struct sl_file *f = parse(text, d);
	char buf[512] = "";
	size_t n = 0;
	uint32_t i;

	assert_true(f->nlines >= 1);
	assert_int_equal(f->lines[0].kind == SL_LINE_DIRECTIVE ||
	    f->lines[0].kind == SL_LINE_INCLUDE, 1);
	assert_non_null(f->lines[0].keyword);
	assert_string_equal(f->lines[0].keyword, kw);
	for (i = 0; i < f->lines[0].nargs; i++) {
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i ? "|" : "", f->lines[0].args[i].val);
	}
	assert_string_equal(buf, want);
	sl_cst_free(f);
}

static void
test_lex__separators(void **state)
{
	(void)state;
	assert_args("User alice\n", SL_DIALECT_SSH, "User", "alice");
	assert_args("User=alice\n", SL_DIALECT_SSH, "User", "alice");
	assert_args("User = alice\n", SL_DIALECT_SSH, "User", "alice");
	assert_args("User =alice\n", SL_DIALECT_SSH, "User", "alice");
	assert_args("User\t=\talice\n", SL_DIALECT_SSH, "User", "alice");
	/* only one '=' is eaten */
	assert_args("User==carol\n", SL_DIALECT_SSH, "User", "=carol");
	assert_args("User= =dave\n", SL_DIALECT_SSH, "User", "=dave");
	assert_args("  =User x\n", SL_DIALECT_SSH, "User", "x");
	assert_args("\"User\" quotedkw\n", SL_DIALECT_SSH, "User",
	    "quotedkw");
	assert_args("Us\"er\" x\n", SL_DIALECT_SSH, "User", "x");
}

static void
test_lex__argv_rules(void **state)
{
	(void)state;
	assert_args("User a\\ b\n", SL_DIALECT_SSH, "User", "a b");
	assert_args("User \"a\\ b\"\n", SL_DIALECT_SSH, "User", "a\\ b");
	assert_args("User a\\\"b\n", SL_DIALECT_SSH, "User", "a\"b");
	assert_args("User a\\nb\n", SL_DIALECT_SSH, "User", "a\\nb");
	assert_args("User a\\\\b\n", SL_DIALECT_SSH, "User", "a\\b");
	assert_args("User pre\"mid dle\"post\n", SL_DIALECT_SSH, "User",
	    "premid dlepost");
	assert_args("User 'single q'\n", SL_DIALECT_SSH, "User", "single q");
	assert_args("User a#b\n", SL_DIALECT_SSH, "User", "a#b");
	assert_args("User ab # c\n", SL_DIALECT_SSH, "User", "ab");
	assert_args("User ab #c 'unterminated\n", SL_DIALECT_SSH, "User",
	    "ab");
	assert_args("SendEnv A B\tC\n", SL_DIALECT_SSH, "SendEnv", "A|B|C");
	assert_args("User \"\"\n", SL_DIALECT_SSH, "User", "");
}

static void
test_lex__raw_rest_of_line(void **state)
{
	(void)state;
	assert_args("ProxyCommand nc \"%h\" %p   # trailing comment\n",
	    SL_DIALECT_SSH, "ProxyCommand",
	    "nc \"%h\" %p   # trailing comment");
	assert_args("ProxyCommand = = nc %h\n", SL_DIALECT_SSH,
	    "ProxyCommand", "nc %h");
	assert_args("ForceCommand echo \"a  b\" # comment\n",
	    SL_DIALECT_SSHD, "ForceCommand", "echo \"a  b\" # comment");
}

static void
test_lex__match_tokeniser(void **state)
{
	(void)state;
	/* 9.2: strdelim splits on '=', double quotes only */
	assert_args("Match host=foo user bar\n", SL_DIALECT_SSH, "Match",
	    "host|foo|user|bar");
	assert_args("Match exec 'test 1 = 1'\n", SL_DIALECT_SSH, "Match",
	    "exec|'test|1|1'");
	assert_args("Match exec \"test %h = h\"\n", SL_DIALECT_SSH, "Match",
	    "exec|test %h = h");
	assert_args("Match User bob # comment\n", SL_DIALECT_SSHD, "Match",
	    "User|bob");
}

static void
test_lex__line_kinds(void **state)
{
	struct sl_file *f;

	(void)state;
	f = parse("# comment\n\n  \t\nUser x\n  # indented\n= =User y\n"
	    "\"User x\nUser\n", SL_DIALECT_SSH);
	assert_int_equal(f->nlines, 8);
	assert_int_equal(f->lines[0].kind, SL_LINE_COMMENT);
	assert_int_equal(f->lines[1].kind, SL_LINE_BLANK);
	assert_int_equal(f->lines[2].kind, SL_LINE_BLANK);
	assert_int_equal(f->lines[3].kind, SL_LINE_DIRECTIVE);
	assert_int_equal(f->lines[4].kind, SL_LINE_COMMENT);
	assert_int_equal(f->lines[5].kind, SL_LINE_ERROR);
	assert_true(f->lines[5].flags & SL_LF_EMPTY_KEYWORD);
	assert_int_equal(f->lines[6].kind, SL_LINE_ERROR);
	assert_true(f->lines[6].flags & SL_LF_KW_UNTERMINATED);
	assert_int_equal(f->lines[7].kind, SL_LINE_DIRECTIVE);
	assert_true(f->lines[7].flags & SL_LF_NO_ARGUMENT);
	sl_cst_free(f);
}

static void
test_lex__invalid_quotes(void **state)
{
	struct sl_file *f;

	(void)state;
	f = parse("User \"abc\nProxyCommand sh -c 'echo\nUser ok\n",
	    SL_DIALECT_SSH);
	assert_true(f->lines[0].flags & SL_LF_INVALID_QUOTES);
	assert_true(f->lines[1].flags & SL_LF_INVALID_QUOTES);
	assert_false(f->lines[2].flags & SL_LF_INVALID_QUOTES);
	sl_cst_free(f);
}

static void
test_lex__crlf_and_trailing(void **state)
{
	struct sl_file *f;
	const struct sl_line *ln;

	(void)state;
	f = parse("User crlf\r\nUser ws \t \f\nUser mid\fff", SL_DIALECT_SSH);
	assert_int_equal(f->nlines, 3);
	ln = &f->lines[0];
	assert_string_equal(ln->args[0].val, "crlf");
	assert_int_equal(ln->tok[ln->ntok - 1].kind, SL_TOK_EOL);
	assert_int_equal(ln->tok[ln->ntok - 1].end - ln->tok[ln->ntok - 1].start,
	    2);
	assert_string_equal(f->lines[1].args[0].val, "ws");
	assert_string_equal(f->lines[2].args[0].val, "mid\fff");
	sl_cst_free(f);
}

static void
test_lex__nul_and_bom(void **state)
{
	static const char text[] = "\xef\xbb\xbfUser a\0junk\nUser b\n";
	struct sl_file *f = NULL;

	(void)state;
	assert_int_equal(sl_cst_parse(&f, text, sizeof(text) - 1,
	    SL_DIALECT_SSH), 0);
	assert_true(sl_cst_tiles(f));
	assert_true(f->bom);
	assert_true(f->lines[0].flags & SL_LF_NUL);
	/* the BOM is part of the keyword, as in OpenSSH */
	assert_string_equal(f->lines[0].keyword, "\xef\xbb\xbfUser");
	assert_string_equal(f->lines[0].args[0].val, "a");
	assert_string_equal(f->lines[1].args[0].val, "b");
	sl_cst_free(f);
}

static void
test_lex__blocks(void **state)
{
	struct sl_file *f;

	(void)state;
	f = parse("User g\nHost a\n  User x\nMatch all\nUser y\n  Host b\n",
	    SL_DIALECT_SSH);
	assert_int_equal(f->nblocks, 4);
	assert_int_equal(f->blocks[0].header, -1);
	assert_int_equal(f->lines[0].block, 0);
	assert_int_equal(f->lines[2].block, 1);
	assert_int_equal(f->lines[4].block, 2);
	assert_int_equal(f->lines[5].block, 3);
	sl_cst_free(f);
	/* sshd has no Host keyword: only Match opens a block */
	f = parse("Host a\nMatch User u\nX11Forwarding no\n", SL_DIALECT_SSHD);
	assert_int_equal(f->nblocks, 2);
	sl_cst_free(f);
}

static void
test_lex__spans(void **state)
{
	struct sl_file *f;
	const struct sl_line *ln;

	(void)state;
	f = parse("Host x\n\tPort  2222 # c\n", SL_DIALECT_SSH);
	ln = &f->lines[1];
	assert_int_equal(ln->lineno, 2);
	assert_int_equal(ln->tok[ln->kw_tok].start, 8);
	assert_int_equal(ln->tok[ln->kw_tok].end, 12);
	assert_int_equal(ln->args[0].start, 14);
	assert_int_equal(ln->args[0].end, 18);
	assert_int_equal(ln->tok[ln->ntok - 2].kind, SL_TOK_COMMENT);
	sl_cst_free(f);
}

/* Random bytes always tile and never crash. */
static void
test_lex__random_roundtrip(void **state)
{
	static const char alphabet[] = "Us er=\"'\\#\t\r\n\f\0aHostMatch!*,";
	char buf[512];
	struct sl_file *f;
	unsigned seed = 12345;
	int iter, d;
	size_t i, n;

	(void)state;
	for (iter = 0; iter < 3000; iter++) {
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 8) % sizeof(buf);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		for (d = 0; d < 2; d++) {
			f = NULL;
			assert_int_equal(sl_cst_parse(&f, buf, n,
			    (enum sl_dialect)d), 0);
			assert_true(sl_cst_tiles(f));
			sl_cst_free(f);
		}
	}
}

/* Every allocation failure is reported, never a crash or a leak. */
static void
test_lex__alloc_failure(void **state)
{
	static const char text[] = "Host a b\n  User x\nMatch host=y\n"
	    "  SendEnv A B C D E F G H I J K L\n";
	struct sl_file *f;
	long n;
	int r;

	(void)state;
	for (n = 0; n < 200; n++) {
		f = NULL;
		sl_alloc_fail_after(n);
		r = sl_cst_parse(&f, text, sizeof(text) - 1, SL_DIALECT_SSH);
		sl_alloc_fail_after(-1);
		if (r == 0) {
			assert_true(sl_cst_tiles(f));
			sl_cst_free(f);
			break;
		}
		assert_int_equal(r, SL_ENOMEM);
		assert_null(f);
	}
	assert_true(n < 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lex__separators),
		cmocka_unit_test(test_lex__argv_rules),
		cmocka_unit_test(test_lex__raw_rest_of_line),
		cmocka_unit_test(test_lex__match_tokeniser),
		cmocka_unit_test(test_lex__line_kinds),
		cmocka_unit_test(test_lex__invalid_quotes),
		cmocka_unit_test(test_lex__crlf_and_trailing),
		cmocka_unit_test(test_lex__nul_and_bom),
		cmocka_unit_test(test_lex__blocks),
		cmocka_unit_test(test_lex__spans),
		cmocka_unit_test(test_lex__random_roundtrip),
		cmocka_unit_test(test_lex__alloc_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
