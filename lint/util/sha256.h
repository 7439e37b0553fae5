/* SHA-256 (FIPS 180-4), for key fingerprints. Not for secrets: no attempt
 * is made to wipe state. */
#ifndef SSHLINT_LINT_UTIL_SHA256_H
#define SSHLINT_LINT_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SL_SHA256_LEN	32

struct sl_sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

void sl_sha256_init(struct sl_sha256 *c);
void sl_sha256_update(struct sl_sha256 *c, const void *data, size_t n);
void sl_sha256_final(struct sl_sha256 *c, unsigned char out[SL_SHA256_LEN]);
/* One call: digest of `n` bytes. */
void sl_sha256(const void *data, size_t n, unsigned char out[SL_SHA256_LEN]);

#endif
