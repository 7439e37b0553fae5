/*
 * A bounded YAML document tree for the policy loader. libyaml's events
 * become nodes in an arena; aliases point at the anchored node (a DAG, not
 * a copy). Every dimension a hostile file could blow up is capped, so any
 * input costs bounded time and memory:
 *
 *   input size                 SL_YAML_MAX_INPUT bytes
 *   collection nesting         SL_YAML_MAX_DEPTH levels
 *   nodes in the file          SL_YAML_MAX_NODES
 *   nodes after alias expansion SL_YAML_MAX_EXPANDED (billion laughs)
 *   anchors                    SL_YAML_MAX_ANCHORS
 *   one string                 SL_YAML_MAX_SCALAR bytes
 *
 * Exceeding one is SL_ELIMIT with the position of the offending node.
 */
#ifndef SSHLINT_POLICIES_YTREE_H
#define SSHLINT_POLICIES_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/util/arena.h"
#include "sshlint/policy.h"

#define SL_YAML_MAX_INPUT	(1024u * 1024)
#define SL_YAML_MAX_DEPTH	32
#define SL_YAML_MAX_NODES	100000
#define SL_YAML_MAX_EXPANDED	100000
#define SL_YAML_MAX_ANCHORS	256
#define SL_YAML_MAX_SCALAR	4096

enum sl_ynode_type {
	SL_YN_SCALAR,
	SL_YN_SEQ,
	SL_YN_MAP,
};

struct sl_ynode {
	enum sl_ynode_type type;
	int line, col;		/* 1-based start of the node */
	bool plain;		/* scalar written without quotes */
	const char *str;	/* scalar: text (no NUL inside), else "" */
	size_t len;
	/* seq: n items; map: n pairs, kids[2i] key, kids[2i+1] value */
	struct sl_ynode **kids;
	size_t n;
	size_t weight;		/* nodes it stands for after alias expansion */
};

struct sl_ydoc {
	struct sl_arena arena;
	struct sl_ynode *root;	/* NULL for an empty stream */
};

#define SL_YDOC_INIT { SL_ARENA_INIT, NULL }

/*
 * Parse one YAML document. Returns 0, SL_EINVAL (syntax: err->line, col,
 * msg set, err->file untouched), SL_ELIMIT or SL_ENOMEM. Release the
 * document with sl_ydoc_release() in every case.
 */
int sl_ydoc_parse(struct sl_ydoc *doc, const char *data, size_t len,
    struct sl_policy_error *err);
void sl_ydoc_release(struct sl_ydoc *doc);

#endif
