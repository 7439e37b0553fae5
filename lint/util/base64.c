#include "lint/util/base64.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
sl_base64_encode(const void *in, size_t n, char *out, size_t outlen,
    bool nopad)
{
	const unsigned char *p = in;
	size_t i, o = 0;
	unsigned long v;

	if (outlen == 0)
		return 0;
	for (i = 0; i + 2 < n && o + 4 < outlen; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		out[o++] = alphabet[(v >> 18) & 63];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = alphabet[(v >> 6) & 63];
		out[o++] = alphabet[v & 63];
	}
	if (i < n && n - i < 3 && o + 4 < outlen) {
		v = (unsigned long)p[i] << 16;
		if (n - i == 2)
			v |= (unsigned long)p[i + 1] << 8;
		out[o++] = alphabet[(v >> 18) & 63];
		out[o++] = alphabet[(v >> 12) & 63];
		if (n - i == 2)
			out[o++] = alphabet[(v >> 6) & 63];
		else if (!nopad)
			out[o++] = '=';
		if (!nopad)
			out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

static int
value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

long
sl_base64_decode(const char *in, size_t n, unsigned char *out,
    size_t outlen, bool pad_optional, size_t *bad)
{
	size_t i, o = 0, ndata = n, npad = 0;
	unsigned long acc = 0;
	int v, nbits = 0;

	*bad = 0;
	while (ndata > 0 && in[ndata - 1] == '=' && npad < 2) {
		ndata--;
		npad++;
	}
	for (i = 0; i < ndata; i++) {
		if ((v = value(in[i])) < 0) {
			*bad = i;
			return -1;
		}
		acc = (acc << 6 | (unsigned long)v) & 0xffffff;
		nbits += 6;
		if (nbits >= 8) {
			nbits -= 8;
			if (o >= outlen) {
				*bad = i;
				return -1;
			}
			out[o++] = (unsigned char)(acc >> nbits);
		}
	}
	/* a group of one character cannot encode a byte */
	if (ndata % 4 == 1) {
		*bad = ndata - 1;
		return -1;
	}
	/* padding must complete the last group exactly */
	if (npad > 0 && (ndata + npad) % 4 != 0) {
		*bad = ndata;
		return -1;
	}
	if (npad == 0 && ndata % 4 != 0 && !pad_optional) {
		*bad = n;
		return -1;
	}
	/* the unused low bits of the last character must be zero */
	if (nbits > 0 && (acc & ((1UL << nbits) - 1)) != 0) {
		*bad = ndata - 1;
		return -1;
	}
	return (long)o;
}
