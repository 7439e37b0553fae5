/**
 * @file diag.h
 * Findings about the user's files, and the rule registry.
 */
#ifndef SSHLINT_DIAG_H
#define SSHLINT_DIAG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Severity of a finding. */
enum sl_severity {
	SL_SEV_INFO = 0,
	SL_SEV_WARNING = 1,
	SL_SEV_ERROR = 2,
};

/** A rule of the registry. */
struct sl_rule_info {
	const char *id;		/**< permanent id, e.g. "SSH005" */
	const char *name;	/**< kebab-case name */
	enum sl_severity severity;	/**< default severity */
	int fixable;		/**< 1 when --fix can repair it */
	const char *summary;	/**< one line */
	const char *explanation;	/**< one paragraph */
};

/** Number of rules and the i-th rule (registry order). */
size_t sl_rules_count(void);
const struct sl_rule_info *sl_rule_at(size_t i);
/** Look a rule up by id ("SSH005") or name; NULL if unknown. */
const struct sl_rule_info *sl_rule_find(const char *id_or_name);

/** A finding. */
struct sl_diag {
	int rule;		/**< index into the registry */
	enum sl_severity severity;
	uint32_t source_id;	/**< file it is in */
	uint32_t start, end;	/**< byte span [start, end) */
	char *message;		/**< lower case, no final full stop */
	/** A proposed fix (fix_text NULL: none): replace the bytes
	 * [fix_start, fix_end) of source fix_source by fix_text. The
	 * strings belong to the context. */
	uint32_t fix_source, fix_start, fix_end;
	const char *fix_text;
	/** A second edit of the same file (fix2_text NULL: none), for a
	 * line that moves: the spans do not overlap. */
	uint32_t fix2_start, fix2_end;
	const char *fix2_text;
	const char *fix_what;	/**< what the fix does, for the report */
	/** The one effective setting (ssh -G / sshd -T key) the fix may
	 * change, or NULL when it must change nothing. */
	const char *fix_key;
};

const char *sl_severity_name(enum sl_severity s);

#ifdef __cplusplus
}
#endif

#endif
