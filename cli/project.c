/*
 * .sshlint.yaml, the project configuration (libyaml):
 *
 *   entry: [ssh/config, {path: etc/sshd_config, dialect: sshd}]
 *   home: .                  # ~ of Include lines (relative: to this file)
 *   sysroot: rootfs          # prefix of absolute Include paths
 *   openssh: 8.4..9.6        # VERSION, A..B or installed
 *   policy: default          # built-in name or a path (relative: here)
 *   disable: [SSH106, renamed-keyword]
 *   overrides:
 *     - paths: ["ssh/config.d/legacy-*"]
 *       disable: [SSH201]
 *       dialect: ssh
 */
#include "cli/project.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "sshlint/sshlint.h"

#define PROJECT_NAME	".sshlint.yaml"
#define PROJECT_MAX	(1024 * 1024)

struct loader {
	const char *file;
	yaml_document_t *doc;
	struct project *p;
	char *err;
	size_t errlen;
};

static int
fail(struct loader *l, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct loader *l, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	int k = 0;

	if (n != NULL)
		k = snprintf(l->err, l->errlen, "%s:%zu:%zu: error: ", l->file,
		    n->start_mark.line + 1, n->start_mark.column + 1);
	else
		k = snprintf(l->err, l->errlen, "%s: error: ", l->file);
	if (k < 0 || (size_t)k >= l->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(l->err + k, l->errlen - (size_t)k, fmt, ap);
	va_end(ap);
	return -1;
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		exit(2);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		exit(2);
	}
	return p;
}

char *
project_join(const char *dir, const char *rel)
{
	size_t n;
	char *p;

	if (rel[0] == '/' || dir == NULL || strcmp(dir, ".") == 0)
		return xstrdup(rel);
	if (strcmp(rel, ".") == 0)
		return xstrdup(dir);
	n = strlen(dir) + strlen(rel) + 2;
	p = xcalloc(n, 1);
	snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
	    rel);
	return p;
}

char *
project_find(void)
{
	char rel[4096] = "", cand[4200], cwd[4096], *slash;
	struct stat st;
	size_t depth;

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return NULL;
	for (depth = 0; depth < 256; depth++) {
		snprintf(cand, sizeof(cand), "%s%s", rel, PROJECT_NAME);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
			return xstrdup(cand);
		snprintf(cand, sizeof(cand), "%s.git", rel);
		if (lstat(cand, &st) == 0)
			return NULL;
		if (strcmp(cwd, "/") == 0 || cwd[0] == '\0')
			return NULL;
		/* climb the logical path */
		if ((slash = strrchr(cwd, '/')) == NULL)
			return NULL;
		if (slash == cwd)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (strlen(rel) + 4 >= sizeof(rel))
			return NULL;
		memcpy(rel + strlen(rel), "../", 4);
	}
	return NULL;
}

static bool
is_scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE;
}

static const char *
sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* An explicit null: '~', 'null' or nothing, written plain. */
static bool
is_null(const yaml_node_t *n)
{
	const char *s;

	if (!is_scalar(n) || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = sval(n);
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static int
want_string(struct loader *l, const yaml_node_t *n, const char *key,
    const char **out)
{
	if (!is_scalar(n) || is_null(n))
		return fail(l, n, "'%s' needs a string value", key);
	if (strlen(sval(n)) != n->data.scalar.length)
		return fail(l, n, "'%s': NUL byte in value", key);
	*out = sval(n);
	return 0;
}

static int
parse_dialect(struct loader *l, const yaml_node_t *n, int *out)
{
	const char *s;

	if (want_string(l, n, "dialect", &s) != 0)
		return -1;
	if (strcmp(s, "ssh") == 0)
		*out = SL_DIALECT_SSH;
	else if (strcmp(s, "sshd") == 0)
		*out = SL_DIALECT_SSHD;
	else
		return fail(l, n, "bad dialect '%s' (ssh or sshd)", s);
	return 0;
}

/* Call fn for each item of a sequence, or for a lone scalar. */
typedef int (*item_fn)(struct loader *l, yaml_node_t *n, void *arg);

static int
each_item(struct loader *l, yaml_node_t *n, const char *key, item_fn fn,
    void *arg)
{
	yaml_node_item_t *it;

	if (is_null(n))
		return 0;
	if (is_scalar(n))
		return fn(l, n, arg);
	if (n->type != YAML_SEQUENCE_NODE)
		return fail(l, n, "'%s' needs a list", key);
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++)
		if (fn(l, yaml_document_get_node(l->doc, *it), arg) != 0)
			return -1;
	return 0;
}

static int
rule_item(struct loader *l, yaml_node_t *n, void *arg)
{
	struct proj_rules *r = arg;
	const struct sl_rule_info *ri;
	const char *s;

	if (want_string(l, n, "disable", &s) != 0)
		return -1;
	if (strcmp(s, "all") == 0) {
		r->all = true;
		return 0;
	}
	if ((ri = sl_rule_find(s)) == NULL)
		return fail(l, n, "unknown rule '%s' (see 'sshlint rules')",
		    s);
	if (r->rule == NULL)
		r->rule = xcalloc(sl_rules_count(), sizeof(*r->rule));
	r->rule[ri - sl_rule_at(0)] = true;
	return 0;
}

static int
entry_item(struct loader *l, yaml_node_t *n, void *arg)
{
	struct project *p = l->p;
	struct proj_entry *e;
	yaml_node_pair_t *pr;
	yaml_node_t *k, *v, *pathn = NULL;
	const char *s = NULL;
	int dialect = -1;

	(void)arg;
	if (n->type == YAML_MAPPING_NODE) {
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(l->doc, pr->key);
			v = yaml_document_get_node(l->doc, pr->value);
			if (!is_scalar(k))
				return fail(l, k, "expected a key");
			if (strcmp(sval(k), "path") == 0) {
				if (want_string(l, v, "path", &s) != 0)
					return -1;
				pathn = v;
			} else if (strcmp(sval(k), "dialect") == 0) {
				if (parse_dialect(l, v, &dialect) != 0)
					return -1;
			} else
				return fail(l, k, "unknown key '%s' in an "
				    "entry (known: path, dialect)", sval(k));
		}
		if (pathn == NULL)
			return fail(l, n, "an entry needs a 'path'");
	} else if (want_string(l, n, "entry", &s) != 0)
		return -1;
	if (*s == '\0')
		return fail(l, pathn ? pathn : n, "empty entry path");
	p->entries = realloc(p->entries, (p->nentries + 1) *
	    sizeof(*p->entries));
	if (p->entries == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		exit(2);
	}
	e = &p->entries[p->nentries++];
	e->path = project_join(p->dir, s);
	e->dialect = dialect;
	return 0;
}

static int
glob_item(struct loader *l, yaml_node_t *n, void *arg)
{
	struct proj_override *o = arg;
	const char *s;

	if (want_string(l, n, "paths", &s) != 0)
		return -1;
	if (*s == '\0')
		return fail(l, n, "empty glob in 'paths'");
	o->paths = realloc(o->paths, (o->npaths + 1) * sizeof(*o->paths));
	if (o->paths == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		exit(2);
	}
	/* "./x" and "x" are the same path */
	while (s[0] == '.' && s[1] == '/')
		s += 2;
	o->paths[o->npaths++] = xstrdup(s);
	return 0;
}

static int
override_item(struct loader *l, yaml_node_t *n, void *arg)
{
	struct project *p = l->p;
	struct proj_override *o;
	yaml_node_pair_t *pr;
	yaml_node_t *k, *v;
	bool have_paths = false;

	(void)arg;
	if (n->type != YAML_MAPPING_NODE)
		return fail(l, n, "an override is a mapping with 'paths' and "
		    "'disable' or 'dialect'");
	p->overrides = realloc(p->overrides, (p->noverrides + 1) *
	    sizeof(*p->overrides));
	if (p->overrides == NULL) {
		fprintf(stderr, "sshlint: out of memory\n");
		exit(2);
	}
	o = &p->overrides[p->noverrides++];
	memset(o, 0, sizeof(*o));
	o->dialect = -1;
	for (pr = n->data.mapping.pairs.start;
	    pr < n->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(l->doc, pr->key);
		v = yaml_document_get_node(l->doc, pr->value);
		if (!is_scalar(k))
			return fail(l, k, "expected a key");
		if (strcmp(sval(k), "paths") == 0) {
			if (each_item(l, v, "paths", glob_item, o) != 0)
				return -1;
			have_paths = true;
		} else if (strcmp(sval(k), "disable") == 0) {
			if (each_item(l, v, "disable", rule_item,
			    &o->disable) != 0)
				return -1;
		} else if (strcmp(sval(k), "dialect") == 0) {
			if (parse_dialect(l, v, &o->dialect) != 0)
				return -1;
		} else
			return fail(l, k, "unknown key '%s' in an override "
			    "(known: paths, disable, dialect)", sval(k));
	}
	if (!have_paths || o->npaths == 0)
		return fail(l, n, "an override needs 'paths'");
	return 0;
}

static const char *const top_keys[] = {
	"entry", "home", "sysroot", "openssh", "policy", "disable",
	"overrides",
};

static int
load_top(struct loader *l, yaml_node_t *root)
{
	struct project *p = l->p;
	yaml_node_pair_t *pr, *q;
	yaml_node_t *k, *v;
	const char *key, *s;
	size_t i;

	if (root == NULL || is_null(root))
		return 0;	/* an empty file */
	if (root->type != YAML_MAPPING_NODE)
		return fail(l, root, "expected a mapping of keys (%s, ...)",
		    top_keys[0]);
	for (pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(l->doc, pr->key);
		v = yaml_document_get_node(l->doc, pr->value);
		if (!is_scalar(k))
			return fail(l, k, "expected a key");
		key = sval(k);
		for (q = root->data.mapping.pairs.start; q < pr; q++) {
			yaml_node_t *k2 = yaml_document_get_node(l->doc,
			    q->key);

			if (is_scalar(k2) && strcmp(sval(k2), key) == 0)
				return fail(l, k, "duplicate key '%s'", key);
		}
		if (strcmp(key, "entry") == 0) {
			if (each_item(l, v, key, entry_item, NULL) != 0)
				return -1;
		} else if (strcmp(key, "home") == 0 ||
		    strcmp(key, "sysroot") == 0) {
			if (want_string(l, v, key, &s) != 0)
				return -1;
			if (key[0] == 'h')
				p->home = project_join(p->dir, s);
			else
				p->sysroot = project_join(p->dir, s);
		} else if (strcmp(key, "openssh") == 0) {
			if (want_string(l, v, key, &s) != 0)
				return -1;
			p->openssh = xstrdup(s);
			p->openssh_pos.line = (int)v->start_mark.line + 1;
			p->openssh_pos.col = (int)v->start_mark.column + 1;
		} else if (strcmp(key, "policy") == 0) {
			size_t n;

			if (want_string(l, v, key, &s) != 0)
				return -1;
			n = strlen(s);
			/* a path (as sl_policy_load() tells them apart) is
			 * relative to the project directory */
			if (strchr(s, '/') != NULL || (n > 5 &&
			    strcmp(s + n - 5, ".yaml") == 0) || (n > 4 &&
			    strcmp(s + n - 4, ".yml") == 0))
				p->policy = project_join(p->dir, s);
			else
				p->policy = xstrdup(s);
			p->policy_pos.line = (int)v->start_mark.line + 1;
			p->policy_pos.col = (int)v->start_mark.column + 1;
		} else if (strcmp(key, "disable") == 0) {
			if (each_item(l, v, key, rule_item, &p->disable) != 0)
				return -1;
		} else if (strcmp(key, "overrides") == 0) {
			if (!is_null(v) && v->type != YAML_SEQUENCE_NODE)
				return fail(l, v, "'overrides' needs a list");
			if (each_item(l, v, key, override_item, NULL) != 0)
				return -1;
		} else {
			char known[128] = "";
			size_t off = 0;

			for (i = 0; i < sizeof(top_keys) / sizeof(top_keys[0]);
			    i++)
				off += (size_t)snprintf(known + off,
				    sizeof(known) - off, "%s%s", i ? ", " : "",
				    top_keys[i]);
			return fail(l, k, "unknown key '%s' (known: %s)", key,
			    known);
		}
	}
	return 0;
}

int
project_load(const char *path, struct project *p, char *err, size_t errlen)
{
	struct loader l;
	yaml_parser_t parser;
	yaml_document_t doc;
	struct stat st;
	const char *slash;
	FILE *f;
	int r;

	memset(p, 0, sizeof(*p));
	memset(&l, 0, sizeof(l));
	l.file = path;
	l.p = p;
	l.err = err;
	l.errlen = errlen;
	p->file = xstrdup(path);
	if ((slash = strrchr(path, '/')) == NULL)
		p->dir = xstrdup(".");
	else if (slash == path)
		p->dir = xstrdup("/");
	else {
		p->dir = xcalloc((size_t)(slash - path) + 1, 1);
		memcpy(p->dir, path, (size_t)(slash - path));
	}
	if (strcmp(path, "/dev/null") == 0)
		return 0;	/* --config /dev/null: no project file */
	if ((f = fopen(path, "rb")) == NULL)
		return fail(&l, NULL, "cannot open: %s", strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > PROJECT_MAX) {
		fclose(f);
		return fail(&l, NULL, "not a regular file of at most %d bytes",
		    PROJECT_MAX);
	}
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		return fail(&l, NULL, "out of memory");
	}
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "%s:%zu:%zu: error: %s%s%s%s", path,
		    parser.problem_mark.line + 1,
		    parser.problem_mark.column + 1,
		    parser.problem ? parser.problem : "YAML syntax error",
		    parser.context ? " (" : "",
		    parser.context ? parser.context : "",
		    parser.context ? ")" : "");
		yaml_parser_delete(&parser);
		fclose(f);
		return -1;
	}
	l.doc = &doc;
	r = load_top(&l, yaml_document_get_root_node(&doc));
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return r;
}

static void
rules_free(struct proj_rules *r)
{
	free(r->rule);
}

void
project_free(struct project *p)
{
	size_t i, j;

	for (i = 0; i < p->nentries; i++)
		free(p->entries[i].path);
	free(p->entries);
	for (i = 0; i < p->noverrides; i++) {
		for (j = 0; j < p->overrides[i].npaths; j++)
			free(p->overrides[i].paths[j]);
		free(p->overrides[i].paths);
		rules_free(&p->overrides[i].disable);
	}
	free(p->overrides);
	rules_free(&p->disable);
	free(p->file);
	free(p->dir);
	free(p->home);
	free(p->sysroot);
	free(p->openssh);
	free(p->policy);
	memset(p, 0, sizeof(*p));
}

char *
cli_abspath(const char *path)
{
	char cwd[4096], *buf, *out, *seg, *save = NULL;
	size_t n, o = 0;

	if (path[0] != '/') {
		if (getcwd(cwd, sizeof(cwd)) == NULL)
			return NULL;
	} else
		cwd[0] = '\0';
	n = strlen(cwd) + strlen(path) + 3;
	buf = xcalloc(n, 1);
	out = xcalloc(n, 1);
	snprintf(buf, n, "%s/%s", cwd, path);
	for (seg = strtok_r(buf, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			out[o] = '\0';
			continue;
		}
		out[o++] = '/';
		memcpy(out + o, seg, strlen(seg));
		o += strlen(seg);
		out[o] = '\0';
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	free(buf);
	return out;
}

char *
cli_relpath(const char *base, const char *path)
{
	char *b = cli_abspath(base), *a = cli_abspath(path), *r = NULL;
	size_t n;

	if (a == NULL || b == NULL)
		goto out;
	n = strlen(b);
	if (strcmp(b, "/") == 0)
		r = xstrdup(a + 1);
	else if (strcmp(a, b) == 0)
		r = xstrdup(".");
	else if (strncmp(a, b, n) == 0 && a[n] == '/')
		r = xstrdup(a + n + 1);
 out:
	free(a);
	free(b);
	return r;
}

char *
project_relpath(const struct project *p, const char *path)
{
	return cli_relpath(p->dir, path);
}

/* One bracket expression at p ('[' ... ']') against c; *end gets the
 * byte after it, or NULL when unterminated (then '[' is literal). */
static bool
glob_class(const char *p, char c, const char **end)
{
	const char *q = p + 1;
	bool neg = false, hit = false;

	if (*q == '!' || *q == '^') {
		neg = true;
		q++;
	}
	if (*q == ']') {
		hit = c == ']';
		q++;
	}
	for (; *q != '\0' && *q != ']'; q++) {
		if (q[1] == '-' && q[2] != ']' && q[2] != '\0') {
			if (c >= q[0] && c <= q[2])
				hit = true;
			q += 2;
		} else if (*q == c)
			hit = true;
	}
	if (*q != ']') {
		*end = NULL;
		return false;
	}
	*end = q + 1;
	return hit != neg && c != '/';
}

bool
project_glob(const char *p, const char *s)
{
	const char *t, *end;

	for (;; p++, s++) {
		switch (*p) {
		case '\0':
			return *s == '\0';
		case '*':
			if (p[1] == '*') {
				/* "**" crosses '/'; "**" + "/" also matches
				 * no directory at all */
				p += 2;
				if (*p == '/') {
					p++;
					for (t = s;; t++) {
						if ((t == s || t[-1] == '/') &&
						    project_glob(p, t))
							return true;
						if (*t == '\0')
							return false;
					}
				}
				for (t = s;; t++) {
					if (project_glob(p, t))
						return true;
					if (*t == '\0')
						return false;
				}
			}
			for (t = s;; t++) {
				if (project_glob(p + 1, t))
					return true;
				if (*t == '\0' || *t == '/')
					return false;
			}
		case '?':
			if (*s == '\0' || *s == '/')
				return false;
			break;
		case '[':
			if (*s == '\0')
				return false;
			if (glob_class(p, *s, &end)) {
				p = end - 1;
				break;
			}
			if (end != NULL)
				return false;
			if (*s != '[')
				return false;
			break;
		case '\\':
			if (p[1] != '\0')
				p++;
			/* FALLTHROUGH */
		default:
			if (*p != *s)
				return false;
			break;
		}
	}
}

static bool
rules_has(const struct proj_rules *r, size_t rule)
{
	return r->all || (r->rule != NULL && r->rule[rule]);
}

bool
project_rule_disabled(const struct project *p, const char *rel, size_t rule)
{
	size_t i, j;

	if (rules_has(&p->disable, rule))
		return true;
	if (rel == NULL)
		return false;
	for (i = 0; i < p->noverrides; i++) {
		if (!rules_has(&p->overrides[i].disable, rule))
			continue;
		for (j = 0; j < p->overrides[i].npaths; j++)
			if (project_glob(p->overrides[i].paths[j], rel))
				return true;
	}
	return false;
}

int
project_dialect(const struct project *p, const char *rel)
{
	size_t i, j;
	int d = -1;

	if (rel == NULL)
		return -1;
	/* the last matching override wins */
	for (i = 0; i < p->noverrides; i++) {
		if (p->overrides[i].dialect < 0)
			continue;
		for (j = 0; j < p->overrides[i].npaths; j++)
			if (project_glob(p->overrides[i].paths[j], rel))
				d = p->overrides[i].dialect;
	}
	return d;
}
