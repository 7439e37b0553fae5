/*
 * Fuzz target: explaining any text never crashes, every match lies on a
 * line of the input and names a row of the table.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sshlint/negotiate.h"
#include "sshlint/sshlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_explain_match *m;
	char *text;
	long n, i;
	size_t lines = 1, k;

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (k = 0; k < size; k++)
		if (text[k] == '\n')
			lines++;
	n = sl_explain(text, &m);
	if (n > 0) {
		for (i = 0; i < n; i++) {
			if (m[i].entry == NULL || m[i].line < 1 ||
			    m[i].line > lines || m[i].matched == NULL)
				abort();
		}
		sl_explain_free(m, (size_t)n);
	} else if (n < 0 && n != SL_ENOMEM)
		abort();
	free(text);
	return 0;
}
