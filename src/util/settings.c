/* settings.c - settings tables: one row per setting (key, type, field,
 * bounds, default, flag, unit, help), and the few generic functions that
 * derive everything else from the rows: defaults, parsing text with bounds,
 * "not given" markers for overrides, copying, freeing, the help text and
 * the JSON echo.
 *
 * Learned from Redis's config.c (static_configs[] built with
 * createIntConfig()/createEnumConfig()..., one typeInterface per type with
 * init/set/get): there a setting is one table row and CONFIG GET, CONFIG
 * SET, defaults and config rewriting all walk the table. Here the per-type
 * behaviour is a switch per operation instead of a struct of function
 * pointers: eight types, six operations, one screen each. */
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/util.h"
#include "util/i18n.h"

#define FIELD(d, base) ((char *)(base) + (d)->off)
#define CFIELD(d, base) ((const char *)(base) + (d)->off)

const sr_setting_t *sr_setting_by_key(const sr_setting_t *tab, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(tab[i].key, key))
			return &tab[i];
	return NULL;
}

const sr_setting_t *sr_setting_by_flag(const sr_setting_t *tab, size_t n, const char *name)
{
	char dashed[128], key[128];
	size_t len = strlen(name);
	if (len >= sizeof(key))
		return NULL;
	for (size_t i = 0; i <= len; i++) {
		dashed[i] = name[i] == '_' ? '-' : name[i];
		key[i] = name[i] == '-' ? '_' : name[i];
	}
	for (size_t i = 0; i < n; i++)
		if (tab[i].flag && !strcmp(tab[i].flag, dashed))
			return &tab[i];
	return sr_setting_by_key(tab, n, key);
}

/* Reads min to max digits at *s into *v and moves *s past them; 0 when
 * there are fewer than min. */
static int digits(const char **s, int min, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (n < max && **s >= '0' && **s <= '9') {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n >= min;
}

/* Whether s is a real calendar date (years 2000-2099, Gregorian leap
 * years), written as ISO 8601 "2027-01-11" or as Russian texts write it,
 * "11.01.2027" or "1.1.2027"; stored as YYYY-MM-DD in out. */
static int read_date(const char *s, char out[11])
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	const char *p = s;
	if (strchr(s, '-')) {
		if (!digits(&p, 4, 4, &y) || *p++ != '-' || !digits(&p, 2, 2, &m) || *p++ != '-' ||
		    !digits(&p, 2, 2, &d) || *p)
			return 0;
	} else if (!digits(&p, 1, 2, &d) || *p++ != '.' || !digits(&p, 1, 2, &m) || *p++ != '.' ||
		   !digits(&p, 4, 4, &y) || *p)
		return 0;
	if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return 0;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 1;
}

/* Whether val is one of the '|'-separated words in choices. */
static int is_choice(const char *choices, const char *val)
{
	size_t vl = strlen(val);
	for (const char *c = choices; c && *c;) {
		const char *bar = strchr(c, '|');
		size_t cl = bar ? (size_t)(bar - c) : strlen(c);
		if (cl == vl && !strncmp(c, val, vl))
			return 1;
		c = bar ? bar + 1 : NULL;
	}
	return 0;
}

/* "'ru' or 'en'", "'a', 'b' or 'c'" */
/* The units of the settings tables (plan/settings.c, cli/options.c), listed
 * here for xgettext: an error names a value's unit in the user's language. */
static const char *const units[] = {N_("min"),	N_("s"),     N_("h"),	   N_("km/h"),
				    N_("MB"),	N_("nodes"), N_("levels"), N_("attributes"),
				    N_("tags"), N_("m")};

static const char *unit_text(const char *unit)
{
	for (size_t i = 0; unit && i < sizeof units / sizeof units[0]; i++)
		if (!strcmp(unit, units[i]))
			return _(unit);
	return unit ? unit : "";
}

static void choices_text(sr_buf_t *b, const char *choices)
{
	for (const char *c = choices; c && *c;) {
		const char *bar = strchr(c, '|');
		size_t cl = bar ? (size_t)(bar - c) : strlen(c);
		if (c != choices)
			sr_buf_puts(b, bar ? ", " : _(" or "));
		sr_buf_printf(b, "'%.*s'", (int)cl, c);
		c = bar ? bar + 1 : NULL;
	}
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false",
										    "off", "0"};
	for (int i = 0; i < 4; i++) {
		if (!strcmp(v, yes[i]))
			return *out = 1, 0;
		if (!strcmp(v, no[i]))
			return *out = 0, 0;
	}
	return -1;
}

static char *join_path(const char *dir, const char *rel)
{
	if (!dir || !dir[0] || rel[0] == '/')
		return xstrdup(rel);
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, dir);
	if (dir[strlen(dir) - 1] != '/')
		sr_buf_putc(&b, '/');
	sr_buf_puts(&b, rel);
	return b.data;
}

static int fail(char *why, size_t why_size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *why, size_t why_size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, why_size, fmt, ap);
	va_end(ap);
	return -1;
}

int sr_setting_parse(const sr_setting_t *d, void *base, const char *val, const char *dir, char *why,
		     size_t why_size)
{
	char *f = FIELD(d, base);
	const char *sp = d->unit ? " " : "", *unit = unit_text(d->unit);
	switch (d->type) {
	case SR_SET_INT: {
		long v;
		if (sr_parse_long(val, &v) || v < d->min || v > d->max)
			return fail(why, why_size,
				    _("%s must be a whole number from %.0f to %.0f%s%s, not '%s'"),
				    d->key, d->min, d->max, sp, unit, val);
		*(int *)f = (int)v;
		return 0;
	}
	case SR_SET_DOUBLE: {
		double v;
		if (sr_parse_double(val, &v) || v < d->min || v > d->max)
			return fail(why, why_size,
				    _("%s must be a number from %g to %g%s%s, not '%s'"), d->key,
				    d->min, d->max, sp, unit, val);
		*(double *)f = v;
		return 0;
	}
	case SR_SET_U64: {
		int64_t v;
		if (sr_parse_int64(val, &v) || v < 0 || (double)v < d->min)
			return fail(why, why_size,
				    _("%s must be a whole number, %g or more, not '%s'"), d->key,
				    d->min, val);
		*(uint64_t *)f = (uint64_t)v;
		return 0;
	}
	case SR_SET_BOOL:
		if (parse_bool(val, (int *)f))
			return fail(why, why_size, _("%s must be yes or no, not '%s'"), d->key,
				    val);
		return 0;
	case SR_SET_STRING:
	case SR_SET_PATH:
		if (d->type == SR_SET_PATH && !val[0])
			return fail(why, why_size, _("'%s' needs a file path"), d->key);
		if (d->max > 0 && strlen(val) > d->max)
			return fail(why, why_size, _("%s is longer than %g bytes"), d->key, d->max);
		free(*(char **)f);
		*(char **)f = d->type == SR_SET_PATH ? join_path(dir, val) : xstrdup(val);
		return 0;
	case SR_SET_ENUM:
		if (!is_choice(d->choices, val) || strlen(val) >= d->size) {
			sr_buf_t b;
			sr_buf_init(&b);
			choices_text(&b, d->choices);
			fail(why, why_size, _("%s must be %s, not '%s'"), d->key, b.data, val);
			sr_buf_free(&b);
			return -1;
		}
		memcpy(f, val, strlen(val) + 1);
		return 0;
	case SR_SET_DATE: {
		char iso[11];
		if (!read_date(val, iso) || d->size < 11)
			return fail(
				why, why_size,
				_("%s must be a date, 2027-01-11 or 11.01.2027 (2000-2099), not '%s'"),
				d->key, val);
		memcpy(f, iso, 11);
		return 0;
	}
	}
	return fail(why, why_size, _("%s: unknown setting type"), d->key);
}

void sr_settings_defaults(const sr_setting_t *tab, size_t n, void *base)
{
	char why[512];
	for (size_t i = 0; i < n; i++)
		if (tab[i].def &&
		    sr_setting_parse(&tab[i], base, tab[i].def, NULL, why, sizeof(why))) {
			fprintf(stderr, "schoolrun: bug: the default of '%s' is refused: %s\n",
				tab[i].key, why);
			abort();
		}
}

void sr_settings_unset(const sr_setting_t *tab, size_t n, void *base)
{
	for (size_t i = 0; i < n; i++) {
		char *f = FIELD(&tab[i], base);
		switch (tab[i].type) {
		case SR_SET_INT:
			*(int *)f = INT_MIN;
			break;
		case SR_SET_DOUBLE:
			*(double *)f = NAN;
			break;
		case SR_SET_U64:
			*(uint64_t *)f = UINT64_MAX;
			break;
		case SR_SET_BOOL:
			*(int *)f = -1;
			break;
		case SR_SET_STRING:
		case SR_SET_PATH:
			*(char **)f = NULL;
			break;
		case SR_SET_ENUM:
		case SR_SET_DATE:
			f[0] = '\0';
			break;
		}
	}
}

int sr_setting_is_set(const sr_setting_t *d, const void *base)
{
	const char *f = CFIELD(d, base);
	switch (d->type) {
	case SR_SET_INT:
		return *(const int *)f != INT_MIN;
	case SR_SET_DOUBLE:
		return !isnan(*(const double *)f);
	case SR_SET_U64:
		return *(const uint64_t *)f != UINT64_MAX;
	case SR_SET_BOOL:
		return *(const int *)f >= 0;
	case SR_SET_STRING:
	case SR_SET_PATH:
		return *(char *const *)f != NULL;
	case SR_SET_ENUM:
	case SR_SET_DATE:
		return f[0] != '\0';
	}
	return 0;
}

void sr_settings_apply(const sr_setting_t *tab, size_t n, void *dst, const void *src)
{
	for (size_t i = 0; i < n; i++) {
		const sr_setting_t *d = &tab[i];
		if (!sr_setting_is_set(d, src))
			continue;
		char *t = FIELD(d, dst);
		if (d->type == SR_SET_STRING || d->type == SR_SET_PATH) {
			free(*(char **)t);
			*(char **)t = xstrdup(*(char *const *)CFIELD(d, src));
		} else {
			memcpy(t, CFIELD(d, src), d->size);
		}
	}
}

void sr_settings_free(const sr_setting_t *tab, size_t n, void *base)
{
	for (size_t i = 0; i < n; i++)
		if (tab[i].type == SR_SET_STRING || tab[i].type == SR_SET_PATH) {
			char **f = (char **)FIELD(&tab[i], base);
			free(*f);
			*f = NULL;
		}
}

void sr_setting_text(sr_buf_t *b, const sr_setting_t *d, const void *base)
{
	const char *f = CFIELD(d, base);
	if (!sr_setting_is_set(d, base))
		return;
	switch (d->type) {
	case SR_SET_INT:
		sr_buf_printf(b, "%d", *(const int *)f);
		break;
	case SR_SET_DOUBLE:
		sr_buf_printf(b, "%g", *(const double *)f);
		break;
	case SR_SET_U64:
		sr_buf_printf(b, "%" PRIu64, *(const uint64_t *)f);
		break;
	case SR_SET_BOOL:
		sr_buf_puts(b, *(const int *)f ? "yes" : "no");
		break;
	case SR_SET_STRING:
	case SR_SET_PATH:
		sr_buf_puts(b, *(char *const *)f);
		break;
	case SR_SET_ENUM:
	case SR_SET_DATE:
		sr_buf_puts(b, f);
		break;
	}
}

void sr_settings_json(sr_buf_t *b, const sr_setting_t *tab, size_t n, const void *base)
{
	for (size_t i = 0; i < n; i++) {
		const sr_setting_t *d = &tab[i];
		const char *f = CFIELD(d, base);
		if (i)
			sr_buf_putc(b, ',');
		sr_buf_json_str(b, d->key);
		sr_buf_putc(b, ':');
		if (!sr_setting_is_set(d, base)) {
			sr_buf_puts(b, "null");
			continue;
		}
		switch (d->type) {
		case SR_SET_DOUBLE:
			sr_buf_num(b, *(const double *)f, 3);
			break;
		case SR_SET_BOOL:
			sr_buf_puts(b, *(const int *)f ? "true" : "false");
			break;
		case SR_SET_INT:
		case SR_SET_U64:
			sr_setting_text(b, d, base);
			break;
		case SR_SET_STRING:
		case SR_SET_PATH:
			sr_buf_json_str(b, *(char *const *)f);
			break;
		case SR_SET_ENUM:
		case SR_SET_DATE:
			sr_buf_json_str(b, f);
			break;
		}
	}
}

/* The placeholder for a flag's value in --help: the unit in capitals
 * ("km/h" -> KMH, "min" -> MIN) when there is one. */
static void metavar(sr_buf_t *b, const sr_setting_t *d)
{
	static const char *const by_type[] = {
		[SR_SET_INT] = "N", [SR_SET_DOUBLE] = "X",	  [SR_SET_U64] = "N",
		[SR_SET_BOOL] = "", [SR_SET_STRING] = "TEXT",	  [SR_SET_PATH] = "FILE",
		[SR_SET_ENUM] = "", [SR_SET_DATE] = "YYYY-MM-DD",
	};
	if (d->type == SR_SET_ENUM) {
		sr_buf_printf(b, " %s", d->choices);
	} else if (d->unit && (d->type == SR_SET_INT || d->type == SR_SET_DOUBLE)) {
		sr_buf_putc(b, ' ');
		for (const char *u = d->unit; *u; u++)
			if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z'))
				sr_buf_putc(b, (char)(*u & ~0x20));
	} else if (by_type[d->type][0]) {
		sr_buf_printf(b, " %s", by_type[d->type]);
	}
}

/* The columns n bytes of UTF-8 take on a terminal: one per character
 * (Cyrillic takes two bytes a letter, one column). */
static size_t text_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

/* Appends text wrapped at 79 columns, the lines after the first indented
 * to column `indent`; `col` is where the first line starts. A '\1' is a
 * space that does not break. Columns are counted in characters, not
 * bytes, so a translated help line wraps where its English one would. */
static void wrap(sr_buf_t *b, const char *text, size_t col, size_t indent)
{
	const char *w = text;
	while (*w) {
		const char *end = strchr(w, ' ');
		size_t len = end ? (size_t)(end - w) : strlen(w);
		size_t width = text_width(w, len);
		if (col > indent && col + 1 + width > 79) {
			sr_buf_printf(b, "\n%*s", (int)indent, "");
			col = indent;
		} else if (w != text) {
			sr_buf_putc(b, ' ');
			col++;
		}
		size_t at = b->len;
		sr_buf_append(b, w, len);
		for (char *c = b->data + at; *c; c++)
			if (*c == '\1')
				*c = ' ';
		col += width;
		w = end ? end + 1 : w + len;
	}
}

void sr_settings_help(sr_buf_t *b, const sr_setting_t *tab, size_t n, const void *base)
{
	enum { INDENT = 28 };
	sr_buf_t line;
	sr_buf_init(&line);
	for (size_t i = 0; i < n; i++) {
		const sr_setting_t *d = &tab[i];
		if (!d->flag)
			continue;
		size_t start = b->len;
		sr_buf_printf(b, "  --%s", d->flag);
		metavar(b, d);
		size_t w = b->len - start;
		if (w + 1 > INDENT)
			sr_buf_printf(b, "\n%*s", INDENT, "");
		else
			sr_buf_printf(b, "%*s", (int)(INDENT - w), "");
		sr_buf_reset(&line);
		sr_buf_puts(&line, _(d->help)); /* the rows mark it with N_() */
		int show = sr_setting_is_set(d, base) &&
			   (d->type != SR_SET_BOOL || *(const int *)CFIELD(d, base) == 1);
		if (show) {
			sr_buf_puts(&line, " (");
			for (const char *c = _("default:"); *c; c++) /* kept on one line */
				sr_buf_putc(&line, *c == ' ' ? '\1' : *c);
			sr_buf_putc(&line, '\1');
			sr_setting_text(&line, d, base);
			if (d->unit)
				sr_buf_printf(&line, "\1%s", unit_text(d->unit));
			sr_buf_putc(&line, ')');
		} else if (d->unit) {
			sr_buf_printf(&line, " (%s)", unit_text(d->unit));
		}
		wrap(b, line.data ? line.data : "", INDENT, INDENT);
		sr_buf_putc(b, '\n');
	}
	sr_buf_free(&line);
}
