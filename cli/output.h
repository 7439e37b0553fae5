/* Printing the findings of a lint run: text, JSON, SARIF, GitHub. */
#ifndef SSHLINT_CLI_OUTPUT_H
#define SSHLINT_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sshlint/sshlint.h"

enum out_format { OUT_TEXT, OUT_JSON, OUT_SARIF, OUT_GITHUB };

struct out {
	const struct sl_ctx *ctx;
	enum out_format format;
	bool color, caret, quiet;
	int openssh_min, openssh_max;
	const char *version_note;	/* text summary: where the version
					 * came from, "" or ", ..." */
	const char *const *paths;	/* display path per source id (NULL
					 * entries: the context's) */
	size_t npaths;
	bool complete;			/* every input could be read */
};

/* Display path of a source: the override, else the context's. */
const char *out_path(const struct out *o, uint32_t source_id);

/* Print every finding of o->ctx (sorted already) in o->format; counts
 * per severity are given. */
void out_print(const struct out *o, const size_t counts[3]);

#endif
