/*
 * Output formats of the lint command.
 *
 *   text    path:line:col: severity: message [RULE], a caret on a terminal
 *   json    {"version":1, "openssh", "diagnostics":[...], "summary"}
 *   sarif   SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
 *   github  GitHub Actions workflow commands (::error file=..::message)
 *
 * Lines and columns are 1-based. text and json give byte columns; sarif
 * and github give UTF-16 code units (SARIF's default columnKind, and what
 * GitHub's annotations count), so a column after a non-ASCII character
 * differs from the text output. For ASCII lines they are the same.
 */
#include "cli/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sshlint-config.h"
#include "cli/project.h"

/* informationUri is optional in SARIF: printed only when the build
 * defines a real project URL (-DSSHLINT_HOMEPAGE=...). */
#ifdef SSHLINT_HOMEPAGE
#define HOMEPAGE_FIELD ",\"informationUri\":\"" SSHLINT_HOMEPAGE "\""
#else
#define HOMEPAGE_FIELD ""
#endif

const char *
out_path(const struct out *o, uint32_t id)
{
	if (id < o->npaths && o->paths != NULL && o->paths[id] != NULL)
		return o->paths[id];
	return sl_ctx_source_path(o->ctx, id);
}

/* Length of the valid UTF-8 sequence at s (of n bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((k == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (k == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return k;
}

/* A JSON string: valid UTF-8 is kept, other bytes become U+FFFD. */
static void
jstrn(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;

	putchar('"');
	while (i < n) {
		if (s[i] == '"' || s[i] == '\\') {
			putchar('\\');
			putchar(s[i++]);
		} else if (s[i] == '\n') {
			fputs("\\n", stdout);
			i++;
		} else if (s[i] == '\t') {
			fputs("\\t", stdout);
			i++;
		} else if (s[i] == '\r') {
			fputs("\\r", stdout);
			i++;
		} else if (s[i] < 0x20 || s[i] == 0x7f) {
			printf("\\u%04x", s[i++]);
		} else if ((k = utf8_len(s + i, n - i)) == 0) {
			fputs("\\ufffd", stdout);
			i++;
		} else {
			fwrite(s + i, 1, k, stdout);
			i += k;
		}
	}
	putchar('"');
}

static void
jstr(const char *s)
{
	jstrn(s, strlen(s));
}

/* ---- text ---- */

static const char *
sev_color(enum sl_severity s)
{
	switch (s) {
	case SL_SEV_ERROR:
		return "\033[1;31m";
	case SL_SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/* Print the source line of a finding with a caret under its span. */
static void
print_caret(const struct sl_ctx *ctx, const struct sl_diag *d, bool color)
{
	const char *data, *ls, *le;
	size_t len, i, span;
	uint32_t line, col;

	if (sl_ctx_source_text(ctx, d->source_id, &data, &len) != 0 ||
	    d->start > len)
		return;
	sl_ctx_source_pos(ctx, d->source_id, d->start, &line, &col);
	ls = data + d->start - (col - 1);
	for (le = ls; le < data + len && *le != '\n' && *le != '\r' &&
	    *le != '\0'; le++)
		;
	if (le - ls > 400)
		return;
	printf("  ");
	fwrite(ls, 1, (size_t)(le - ls), stdout);
	printf("\n  ");
	for (i = 0; i + 1 < col; i++)
		putchar(ls[i] == '\t' ? '\t' : ' ');
	span = d->end > d->start ? d->end - d->start : 1;
	if (d->start + span > (size_t)(le - data))
		span = (size_t)(le - data) > d->start ?
		    (size_t)(le - data) - d->start : 1;
	if (color)
		printf("\033[1;32m");
	putchar('^');
	for (i = 1; i < span && i < 200; i++)
		putchar('~');
	if (color)
		printf("\033[0m");
	putchar('\n');
}

static void
print_text(const struct out *o, const size_t counts[3])
{
	const struct sl_diag *d;
	const struct sl_rule_info *ri;
	size_t i;
	uint32_t line, col;
	char a[16], b[16];

	for (i = 0; i < sl_ctx_ndiags(o->ctx); i++) {
		d = sl_ctx_diag(o->ctx, i);
		ri = sl_rule_at((size_t)d->rule);
		sl_ctx_source_pos(o->ctx, d->source_id, d->start, &line, &col);
		if (o->color)
			printf("\033[1m%s:%u:%u:\033[0m %s%s:\033[0m %s "
			    "[%s]\n", out_path(o, d->source_id), line, col,
			    sev_color(d->severity),
			    sl_severity_name(d->severity), d->message, ri->id);
		else
			printf("%s:%u:%u: %s: %s [%s]\n",
			    out_path(o, d->source_id), line, col,
			    sl_severity_name(d->severity), d->message, ri->id);
		if (o->caret)
			print_caret(o->ctx, d, o->color);
	}
	if (o->quiet)
		return;
	sl_version_str(o->openssh_min, a, sizeof(a));
	sl_version_str(o->openssh_max, b, sizeof(b));
	printf("sshlint: %zu error%s, %zu warning%s, %zu info (checked for "
	    "OpenSSH %s%s%s%s)\n",
	    counts[SL_SEV_ERROR], counts[SL_SEV_ERROR] == 1 ? "" : "s",
	    counts[SL_SEV_WARNING], counts[SL_SEV_WARNING] == 1 ? "" : "s",
	    counts[SL_SEV_INFO], a,
	    o->openssh_min != o->openssh_max ? ".." : "",
	    o->openssh_min != o->openssh_max ? b : "",
	    o->version_note ? o->version_note : "");
}

/* ---- json ---- */

static void
print_json(const struct out *o, const size_t counts[3])
{
	const struct sl_diag *d;
	const struct sl_rule_info *ri;
	size_t i;
	uint32_t line, col, eline, ecol;
	char a[16], b[16];

	printf("{\"version\":1,\"openssh\":{\"min\":\"%s\",\"max\":\"%s\"},"
	    "\"diagnostics\":[",
	    sl_version_str(o->openssh_min, a, sizeof(a)),
	    sl_version_str(o->openssh_max, b, sizeof(b)));
	for (i = 0; i < sl_ctx_ndiags(o->ctx); i++) {
		d = sl_ctx_diag(o->ctx, i);
		ri = sl_rule_at((size_t)d->rule);
		sl_ctx_source_pos(o->ctx, d->source_id, d->start, &line, &col);
		sl_ctx_source_pos(o->ctx, d->source_id, d->end, &eline, &ecol);
		printf("%s\n{\"path\":", i ? "," : "");
		jstr(out_path(o, d->source_id));
		printf(",\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u,"
		    "\"start\":%u,\"end\":%u,\"severity\":\"%s\",\"rule\":\"%s\","
		    "\"name\":\"%s\",\"message\":", line, col, eline, ecol,
		    d->start, d->end, sl_severity_name(d->severity), ri->id,
		    ri->name);
		jstr(d->message);
		printf("}");
	}
	printf("\n],\"summary\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu}}"
	    "\n", counts[SL_SEV_ERROR], counts[SL_SEV_WARNING],
	    counts[SL_SEV_INFO]);
}

/* ---- positions in UTF-16 code units, for sarif and github ---- */

struct region {
	uint32_t line, col, eline, ecol;
};

/* 1-based line and UTF-16 column of byte `off` of a source. */
static void
pos16(const struct out *o, uint32_t id, const char *data, size_t len,
    uint32_t off, uint32_t *line, uint32_t *col)
{
	uint32_t bcol, i, u = 0;
	size_t ls;

	if (off > len)
		off = (uint32_t)len;
	sl_ctx_source_pos(o->ctx, id, off, line, &bcol);
	if (bcol == 0 || bcol - 1 > off) {
		*col = 1;
		return;
	}
	ls = off - (bcol - 1);
	for (i = 0; i + 1 < bcol; i++) {
		unsigned char c = (unsigned char)data[ls + i];

		if ((c & 0xc0) == 0x80)
			continue;	/* continuation byte */
		u += c >= 0xf0 ? 2 : 1;
	}
	*col = u + 1;
}

static bool
region_of(const struct out *o, const struct sl_diag *d, struct region *r)
{
	const char *data;
	size_t len;
	uint32_t end = d->end;

	if (sl_ctx_source_text(o->ctx, d->source_id, &data, &len) != 0)
		return false;
	pos16(o, d->source_id, data, len, d->start, &r->line, &r->col);
	if (r->line == 0)
		return false;
	/* a span that takes the end of line ends on its own line */
	if (end > d->start && end <= len && data[end - 1] == '\n') {
		end--;
		if (end > d->start && data[end - 1] == '\r')
			end--;
	}
	if (end < d->start)
		end = d->start;
	pos16(o, d->source_id, data, len, end, &r->eline, &r->ecol);
	if (r->eline < r->line || (r->eline == r->line && r->ecol < r->col)) {
		r->eline = r->line;
		r->ecol = r->col;
	}
	return true;
}

/* Path for sarif/github: relative to the working directory when under
 * it, else absolute. Caller frees. */
static char *
report_path(const struct out *o, uint32_t id, bool *relative)
{
	const char *p = out_path(o, id);
	char *r;

	*relative = false;
	if (strcmp(p, "<stdin>") == 0) {
		*relative = true;
		return strdup(p);
	}
	if ((r = cli_relpath(".", p)) != NULL) {
		*relative = true;
		return r;
	}
	return cli_abspath(p);
}

/* ---- sarif ---- */

static void
uri_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			putchar(*p);
		else
			printf("%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
}

static const char *
sarif_level(enum sl_severity s)
{
	return s == SL_SEV_ERROR ? "error" : s == SL_SEV_WARNING ? "warning" :
	    "note";
}

/* Tags by rule family (the hundreds digit of the id). */
static const char *
rule_tags(const struct sl_rule_info *ri)
{
	switch (strlen(ri->id) == 6 ? ri->id[3] : '?') {
	case '0':
		return "\"validity\"";
	case '1':
		return "\"semantics\"";
	case '2':
		return "\"security\",\"crypto\"";
	case '3':
		return "\"security\",\"hardening\"";
	case '4':
		return "\"portability\"";
	default:
		return "";
	}
}

/* 64-bit FNV-1a. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * Stable fingerprint of a finding: rule, path and the text of the line
 * it is on (blanks trimmed), not its line number, so that it survives
 * lines added above it.
 */
static uint64_t
fingerprint(const struct out *o, const struct sl_diag *d, const char *path)
{
	const char *data, *ls, *le;
	size_t len;
	uint64_t h = 0xcbf29ce484222325ULL;
	const struct sl_rule_info *ri = sl_rule_at((size_t)d->rule);

	h = fnv(h, ri->id, strlen(ri->id) + 1);
	h = fnv(h, path, strlen(path) + 1);
	if (sl_ctx_source_text(o->ctx, d->source_id, &data, &len) == 0 &&
	    d->start <= len) {
		for (ls = data + d->start; ls > data && ls[-1] != '\n'; ls--)
			;
		for (le = data + d->start; le < data + len && *le != '\n';
		    le++)
			;
		while (ls < le && (*ls == ' ' || *ls == '\t'))
			ls++;
		while (le > ls && (le[-1] == ' ' || le[-1] == '\t' ||
		    le[-1] == '\r'))
			le--;
		h = fnv(h, ls, (size_t)(le - ls));
	}
	return h;
}

static void
print_sarif(const struct out *o)
{
	const struct sl_rule_info *ri;
	const struct sl_diag *d;
	struct region rg;
	size_t i, j, n = sl_ctx_ndiags(o->ctx), nth;
	uint64_t *fps;
	bool rel;
	char *path, *cwd;

	printf("{\n\"$schema\":\"https://json.schemastore.org/"
	    "sarif-2.1.0.json\",\n\"version\":\"2.1.0\",\n\"runs\":[{\n"
	    "\"tool\":{\"driver\":{\"name\":\"sshlint\",\"version\":");
	jstr(SSHLINT_VERSION);
	printf(",\"semanticVersion\":");
	jstr(SSHLINT_VERSION);
	printf("%s,\"rules\":[", HOMEPAGE_FIELD);
	for (i = 0; i < sl_rules_count(); i++) {
		ri = sl_rule_at(i);
		printf("%s\n{\"id\":\"%s\",\"name\":\"%s\","
		    "\"shortDescription\":{\"text\":", i ? "," : "", ri->id,
		    ri->name);
		jstr(ri->summary);
		printf("},\"fullDescription\":{\"text\":");
		jstr(ri->explanation);
		printf("},\"help\":{\"text\":");
		jstr(ri->explanation);
		printf("},\"defaultConfiguration\":{\"level\":\"%s\"},"
		    "\"properties\":{\"fixable\":%s,\"tags\":[%s]}}",
		    sarif_level(ri->severity), ri->fixable ? "true" : "false",
		    rule_tags(ri));
	}
	printf("\n]}},\n\"invocations\":[{\"executionSuccessful\":%s}],\n",
	    o->complete ? "true" : "false");
	if ((cwd = cli_abspath(".")) != NULL) {
		printf("\"originalUriBaseIds\":{\"%%SRCROOT%%\":{\"uri\":"
		    "\"file://");
		uri_encode(cwd);
		printf("%s\"}},\n", strcmp(cwd, "/") == 0 ? "" : "/");
		free(cwd);
	}
	printf("\"columnKind\":\"utf16CodeUnits\",\n\"results\":[");
	fps = calloc(n ? n : 1, sizeof(*fps));
	for (i = 0; i < n; i++) {
		d = sl_ctx_diag(o->ctx, i);
		ri = sl_rule_at((size_t)d->rule);
		path = report_path(o, d->source_id, &rel);
		printf("%s\n{\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":"
		    "\"%s\",\"message\":{\"text\":", i ? "," : "", ri->id,
		    d->rule, sarif_level(d->severity));
		jstr(d->message);
		printf("},\"locations\":[{\"physicalLocation\":{"
		    "\"artifactLocation\":{\"uri\":\"");
		if (path != NULL) {
			if (!rel)
				printf("file://");
			uri_encode(path);
		}
		printf("\"%s}", rel ? ",\"uriBaseId\":\"%SRCROOT%\"" : "");
		if (region_of(o, d, &rg))
			printf(",\"region\":{\"startLine\":%u,\"startColumn\":"
			    "%u,\"endLine\":%u,\"endColumn\":%u}", rg.line,
			    rg.col, rg.eline, rg.ecol);
		printf("}}]");
		if (fps != NULL && path != NULL) {
			/* the n-th identical fingerprint gets ":n" */
			fps[i] = fingerprint(o, d, path);
			for (j = 0, nth = 1; j < i; j++)
				if (fps[j] == fps[i])
					nth++;
			printf(",\"partialFingerprints\":{"
			    "\"sshlintFingerprint/v1\":\"%016llx:%zu\"}",
			    (unsigned long long)fps[i], nth);
		}
		printf("}");
		free(path);
	}
	free(fps);
	printf("\n]\n}]\n}\n");
}

/* ---- github ---- */

/* Workflow command data: %, CR and LF escaped; in properties also : and ,. */
static void
gh_escape(const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			fputs("%25", stdout);
			break;
		case '\r':
			fputs("%0D", stdout);
			break;
		case '\n':
			fputs("%0A", stdout);
			break;
		case ':':
			fputs(property ? "%3A" : ":", stdout);
			break;
		case ',':
			fputs(property ? "%2C" : ",", stdout);
			break;
		default:
			putchar(*s);
		}
	}
}

static void
print_github(const struct out *o)
{
	const struct sl_rule_info *ri;
	const struct sl_diag *d;
	struct region rg;
	size_t i;
	bool rel;
	char *path;

	for (i = 0; i < sl_ctx_ndiags(o->ctx); i++) {
		d = sl_ctx_diag(o->ctx, i);
		ri = sl_rule_at((size_t)d->rule);
		path = report_path(o, d->source_id, &rel);
		printf("::%s file=", d->severity == SL_SEV_ERROR ? "error" :
		    d->severity == SL_SEV_WARNING ? "warning" : "notice");
		gh_escape(path ? path : out_path(o, d->source_id), true);
		if (region_of(o, d, &rg))
			printf(",line=%u,col=%u,endLine=%u,endColumn=%u",
			    rg.line, rg.col, rg.eline, rg.ecol);
		printf(",title=");
		gh_escape(ri->id, true);
		printf(" ");
		gh_escape(ri->name, true);
		printf("::");
		gh_escape(d->message, false);
		printf(" [%s]\n", ri->id);
		free(path);
	}
}

void
out_print(const struct out *o, const size_t counts[3])
{
	switch (o->format) {
	case OUT_JSON:
		print_json(o, counts);
		break;
	case OUT_SARIF:
		print_sarif(o);
		break;
	case OUT_GITHUB:
		print_github(o);
		break;
	default:
		print_text(o, counts);
		break;
	}
}
