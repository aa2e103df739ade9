/*
 * conf.c - reads a plan.conf file into plan settings.
 *
 * plan.conf is a flat `key = value` file in the spirit of git-config and
 * systemd unit files without sections: one setting a line, '#' starts a
 * comment, unknown keys are errors (a typo must not silently fall back to
 * a default). Paths are relative to the folder holding the file, so an
 * example folder can be moved or run from anywhere. The keys, their types
 * and bounds are the registry's (settings.c). Every bad line is reported,
 * not only the first.
 *
 * `include = ../base/plan.conf` reads another conf at that point (as
 * git-config's include.path and nginx's include do), so a scenario is one
 * small file: keys after the include override it. An include cycle is an
 * error naming the chain of files.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/io.h"
#include "schoolrun/plan.h"
#include "util/i18n.h"

/* The folder part of path ("" for a bare file name), with a trailing '/'. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup("");
	return xstrndup(path, (size_t)(slash - path) + 1);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

/* Splits the next line off *p (advanced past it; NULL after the last):
 * the comment dropped, *l the trimmed rest ("" for a blank line); when
 * it holds '=', *key and *val the trimmed sides (a value in double quotes
 * without them), else *key is NULL. Returns 0 when there is no line. */
static int next_line(char **p, char **l, char **key, char **val)
{
	if (!*p || !**p)
		return 0;
	char *nl = strchr(*p, '\n');
	if (nl)
		*nl = '\0';
	char *hash = strchr(*p, '#');
	if (hash)
		*hash = '\0';
	*l = trim(*p);
	*p = nl ? nl + 1 : NULL;
	char *eq = strchr(*l, '=');
	*key = *val = NULL;
	if (!eq)
		return 1;
	*eq = '\0';
	*key = trim(*l);
	*val = trim(eq + 1);
	size_t vl = strlen(*val);
	if (vl >= 2 && (*val)[0] == '"' && (*val)[vl - 1] == '"') {
		(*val)[vl - 1] = '\0';
		(*val)++;
	}
	return 1;
}

/* Notes one bad line: the first goes into err, later ones into more. */
static void bad_line(sr_error_t *err, sr_buf_t *more, int *n_bad, const char *path, long line,
		     const char *why)
{
	if (!(*n_bad)++)
		sr_error_set(err, SR_EINPUT, path, line, "%s", why);
	else if (*n_bad <= 10)
		sr_buf_printf(more, "; line %ld: %s", line, why);
}

/* Where the settings that plan_settings_check relates were last set. */
typedef struct conf_where {
	char path[PATH_MAX];
	long line;
} conf_where_t;

/* The files being read, innermost first, to find include cycles. */
typedef struct conf_chain {
	const char *path;
	char real[PATH_MAX];
	const struct conf_chain *up;
	conf_where_t *where;
} conf_chain_t;

static int conf_read(const char *path, plan_settings_t *s, const conf_chain_t *up, sr_error_t *err);

/* `include = FILE` on line `line` of `from`: FILE (relative to dir, the
 * folder of `from`) is read into s now. */
static int conf_include(const char *from, long line, const char *dir, const char *val,
			plan_settings_t *s, const conf_chain_t *up, sr_error_t *err)
{
	sr_buf_t path;
	sr_buf_init(&path);
	sr_buf_puts(&path, val[0] == '/' ? "" : dir);
	sr_buf_puts(&path, val);
	conf_chain_t me = {.path = path.data, .up = up, .where = up->where};
	int rc = SR_OK;
	if (!val[0] || !realpath(path.data, me.real)) {
		rc = sr_error_set(err, SR_EINPUT, from, line,
				  _("cannot include '%s': no such file"), val);
		goto out;
	}
	for (const conf_chain_t *c = up; c; c = c->up) {
		if (strcmp(c->real, me.real))
			continue;
		/* name the files in the order they include each other */
		sr_buf_t b;
		sr_buf_init(&b);
		const conf_chain_t *d = c;
		sr_buf_puts(&b, c->path);
		while (d != &me) {
			const conf_chain_t *next = &me;
			while (next->up != d)
				next = next->up;
			sr_buf_printf(&b, " includes %s", next->path);
			d = next;
		}
		rc = sr_error_set(err, SR_EINPUT, from, line, _("include cycle: %s"), b.data);
		sr_buf_free(&b);
		goto out;
	}
	rc = conf_read(path.data, s, &me, err);
out:
	sr_buf_free(&path);
	return rc;
}

int plan_conf_read(const char *path, plan_settings_t *s, sr_error_t *err)
{
	conf_where_t where = {.line = 0};
	conf_chain_t top = {.path = path, .where = &where};
	if (!realpath(path, top.real))
		top.real[0] = '\0';
	snprintf(where.path, sizeof(where.path), "%s", path);
	int rc = conf_read(path, s, &top, err);
	char why[256];
	if (!rc && plan_settings_check(s, why, sizeof(why)))
		rc = sr_error_set(err, SR_EINPUT, where.path, where.line, "%s", why);
	return rc;
}

static int conf_read(const char *path, plan_settings_t *s, const conf_chain_t *up, sr_error_t *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc = sr_read_file(path, &data, &len, err);
	if (rc)
		return rc;
	char *dir = dir_of(path);
	char why[512];
	long line = 0;
	int n_bad = 0;
	sr_buf_t more;
	sr_buf_init(&more);
	char *p = data;
	if (!sr_utf8_valid(data, len)) {
		rc = sr_error_set(err, SR_EINPUT, path, 0, _("not valid UTF-8"));
		goto out;
	}
	char *l, *key, *val;
	while (next_line(&p, &l, &key, &val)) {
		line++;
		if (!*l)
			continue;
		if (!key) {
			snprintf(why, sizeof(why), _("expected 'key = value', got '%s'"), l);
			bad_line(err, &more, &n_bad, path, line, why);
			continue;
		}
		if (!strcmp(key, "include")) {
			if (n_bad)
				break; /* report this file's bad lines first */
			if ((rc = conf_include(path, line, dir, val, s, up, err)))
				goto out;
			continue;
		}
		if (plan_conf_set(s, key, val, dir, why, sizeof(why))) {
			bad_line(err, &more, &n_bad, path, line, why);
		} else if (!strncmp(key, "split_", 6)) {
			snprintf(up->where->path, sizeof(up->where->path), "%s", path);
			up->where->line = line;
		}
	}
	rc = SR_OK;
	if (n_bad) {
		rc = SR_EINPUT;
		if (n_bad > 1 && err) {
			char first[sizeof(err->msg)];
			snprintf(first, sizeof(first), "%s", err->msg);
			sr_error_set(err, SR_EINPUT, path, err->line,
				     _n("%s%s%s (%d bad line)", "%s%s%s (%d bad lines)", n_bad),
				     first, more.data, n_bad > 10 ? "; ..." : "", n_bad);
		}
	}
out:
	sr_buf_free(&more);
	free(dir);
	free(data);
	return rc;
}

/* The files `path` includes (transitively) into names[], each once, as
 * realpath()s; unreadable files are skipped (plan_conf_read reports them). */
static void conf_scan_includes(const char *path, char ***names, int *n, int depth)
{
	char *data = NULL;
	size_t len = 0;
	if (depth > 32 || sr_read_file(path, &data, &len, NULL))
		return;
	char *dir = dir_of(path), *p = data, *l, *key, *val;
	while (next_line(&p, &l, &key, &val)) {
		if (!key || strcmp(key, "include") || !val[0])
			continue;
		char real[PATH_MAX];
		sr_buf_t inc;
		sr_buf_init(&inc);
		sr_buf_printf(&inc, "%s%s", val[0] == '/' ? "" : dir, val);
		int seen = !realpath(inc.data, real);
		for (int i = 0; !seen && i < *n; i++)
			seen = !strcmp((*names)[i], real);
		if (!seen) {
			*names = xreallocarray(*names, (size_t)*n + 1, sizeof(char *));
			(*names)[(*n)++] = xstrdup(real);
			conf_scan_includes(inc.data, names, n, depth + 1);
		}
		sr_buf_free(&inc);
	}
	free(dir);
	free(data);
}

int plan_conf_includes(const char *path, char ***names)
{
	*names = NULL;
	int n = 0;
	conf_scan_includes(path, names, &n, 0);
	return n;
}
