/*
 * Fuzz target: the rewriter. The input is written to a file (as an
 * ssh_config, then as an sshd_config) and fixed in place; the result must
 * parse back byte for byte, and fixing it again must change nothing
 * (idempotence). The first byte picks the policy (none, modern, hardened).
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sshlint/fix.h"
#include "sshlint/policy.h"
#include "sshlint/sshlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	if (n < 0 || (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

static void
one(const uint8_t *data, size_t size, int dialect, struct sl_policy *pol)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_fix_options fo;
	struct sl_fix_result res;
	char path[] = "/tmp/sshlint-fuzz-rewrite-XXXXXX";
	char *after, *again;
	size_t alen, glen;
	FILE *null = fopen("/dev/null", "w");
	int fd;

	if (null == NULL)
		abort();
	if ((fd = mkstemp(path)) == -1) {
		fclose(null);
		return;
	}
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		fclose(null);
		return;
	}
	close(fd);
	lo.dialect = dialect;
	lo.openssh_min = lo.openssh_max = SL_VERSION(9, 2);
	lo.policy = pol;
	lo.home = "/nonexistent";
	lo.sysroot = "/nonexistent";
	memset(&fo, 0, sizeof(fo));
	fo.mode = SL_FIX_WRITE;
	if (sl_fix_file(&lo, path, &fo, null, null, &res) == 0 &&
	    (after = slurp(path, &alen)) != NULL) {
		/* a second run changes nothing */
		if (sl_fix_file(&lo, path, &fo, null, null, &res) == 0) {
			if (res.fixed != 0)
				abort();
			if ((again = slurp(path, &glen)) == NULL)
				abort();
			if (glen != alen || memcmp(after, again, alen) != 0)
				abort();
			free(again);
		}
		free(after);
	}
	unlink(path);
	fclose(null);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { NULL, "modern", "hardened" };
	struct sl_policy_error err;
	struct sl_policy *pol = NULL;
	const char *name;

	if (size > 1 << 14)
		return 0;
	name = names[size > 0 ? data[0] % 3 : 0];
	if (name != NULL && sl_policy_load(name, &pol, &err) != 0)
		abort();
	one(data, size, SL_DIALECT_SSH, pol);
	one(data, size, SL_DIALECT_SSHD, pol);
	sl_policy_free(pol);
	return 0;
}
