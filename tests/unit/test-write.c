/*
 * Unit tests of rewrite/write.c: the atomic replacement refuses a file
 * that changed since it was read, keeps mode/owner, and cleans up.
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
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "rewrite/diff.h"
#include "rewrite/write.h"

static char dir[] = "/tmp/sshlint-write-XXXXXX";

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *
get(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
temps_left(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, ".sshlint-", 9) == 0;
	closedir(d);
	return n;
}

static void
test_replace(void **state)
{
	char p[512], buf[256], err[256];
	struct stat st;

	(void)state;
	snprintf(p, sizeof(p), "%s/a", dir);
	put(p, "old\n");
	chmod(p, 0604);
	assert_int_equal(sl_atomic_replace(p, "old\n", 4, "new\n", 4, NULL,
	    NULL, err, sizeof(err)), 0);
	assert_string_equal(get(p, buf, sizeof(buf)), "new\n");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0604);
	assert_int_equal(temps_left(), 0);
}

static void
test_modified_since_read(void **state)
{
	char p[512], buf[256], err[256];

	(void)state;
	snprintf(p, sizeof(p), "%s/b", dir);
	put(p, "someone else's edit\n");
	/* what we read before was "old\n": refuse, keep the file */
	assert_int_not_equal(sl_atomic_replace(p, "old\n", 4, "new\n", 4,
	    NULL, NULL, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "modified since it was read"));
	assert_string_equal(get(p, buf, sizeof(buf)), "someone else's edit\n");
	assert_int_equal(temps_left(), 0);
}

static void
test_faults(void **state)
{
	struct sl_write_faults f = { ENOSPC, 0, 0, 0 };
	char p[512], buf[256], err[256];

	(void)state;
	snprintf(p, sizeof(p), "%s/c", dir);
	put(p, "old\n");
	assert_int_not_equal(sl_atomic_replace(p, "old\n", 4, "new\n", 4,
	    NULL, &f, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "No space left"));
	f.write_errno = 0;
	f.rename_errno = EIO;
	assert_int_not_equal(sl_atomic_replace(p, "old\n", 4, "new\n", 4,
	    NULL, &f, err, sizeof(err)), 0);
	assert_string_equal(get(p, buf, sizeof(buf)), "old\n");
	assert_int_equal(temps_left(), 0);
}

static void
test_diff(void **state)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;

	(void)state;
	assert_int_equal(sl_udiff(&sb, "a/x", "b/x", "1\n2\n3\n", 6,
	    "1\n3\n4", 5), 0);
	assert_string_equal(sb.buf, "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n"
	    " 1\n-2\n 3\n+4\n\\ No newline at end of file\n");
	sl_strbuf_release(&sb);
	/* equal texts: nothing */
	assert_int_equal(sl_udiff(&sb, "a/x", "b/x", "1\n", 2, "1\n", 2), 0);
	assert_int_equal(sb.len, 0);
	sl_strbuf_release(&sb);
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
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_modified_since_read),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_diff),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
