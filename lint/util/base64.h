/* Base64 (RFC 4648, standard alphabet), as OpenSSH writes keys and
 * fingerprints. */
#ifndef SSHLINT_LINT_UTIL_BASE64_H
#define SSHLINT_LINT_UTIL_BASE64_H

#include <stdbool.h>
#include <stddef.h>

/* Characters sl_base64_encode() writes for `n` bytes (with padding),
 * not counting the NUL. */
#define SL_BASE64_ENCLEN(n)	((((n) + 2) / 3) * 4)

/*
 * Encode `n` bytes into `out` (room for SL_BASE64_ENCLEN(n) + 1), with
 * '=' padding unless `nopad` (SSH fingerprints are printed without it).
 * Returns the length written.
 */
size_t sl_base64_encode(const void *in, size_t n, char *out, size_t outlen,
    bool nopad);

/*
 * Strict decode of `n` characters (no whitespace; padding optional only
 * when `pad_optional`): at most n / 4 * 3 + 2 bytes into `out`. Returns
 * the number of bytes, or -1 with *bad set to the offset of the first
 * character that makes the input invalid (a character outside the
 * alphabet, misplaced '=', a length of 4k+1, or non-zero trailing bits).
 */
long sl_base64_decode(const char *in, size_t n, unsigned char *out,
    size_t outlen, bool pad_optional, size_t *bad);

#endif
