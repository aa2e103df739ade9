/* json_mini.c - recursive-descent JSON reader following the grammar of
 * RFC 8259 sections 2-8 (see json_mini.h). Test code only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_mini.h"
#include "schoolrun/util.h"

typedef struct jp {
	const char *s;
	size_t i, n;
	char *err;
	size_t errsize;
	int depth;
} jp_t;

static jval_t *fail(jp_t *p, const char *what)
{
	if (p->err && !p->err[0])
		snprintf(p->err, p->errsize, "JSON offset %zu: %s", p->i, what);
	return NULL;
}

static void ws(jp_t *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
		p->i++;
}

static jval_t *new_val(jtype_t t)
{
	jval_t *v = xcalloc(1, sizeof *v);
	v->t = t;
	return v;
}

static void put_utf8(sr_buf_t *b, unsigned cp)
{
	char c[4];
	int n;
	if (cp < 0x80) {
		c[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		c[0] = (char)(0xc0 | cp >> 6), c[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
	} else if (cp < 0x10000) {
		c[0] = (char)(0xe0 | cp >> 12), c[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		c[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	} else {
		c[0] = (char)(0xf0 | cp >> 18), c[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		c[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), c[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
	}
	sr_buf_append(b, c, (size_t)n);
}

static int hex4(jp_t *p, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		if (p->i >= p->n)
			return -1;
		char c = p->s[p->i++];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Parses a string literal at p->i (which is at '"'); returns malloc'd text. */
static char *parse_str(jp_t *p)
{
	sr_buf_t b;
	sr_buf_init(&b);
	p->i++;
	for (;;) {
		if (p->i >= p->n) {
			fail(p, "unterminated string");
			goto out_bad;
		}
		unsigned char c = (unsigned char)p->s[p->i++];
		if (c == '"')
			break;
		if (c < 0x20) {
			fail(p, "raw control character in string");
			goto out_bad;
		}
		if (c != '\\') {
			sr_buf_putc(&b, (char)c);
			continue;
		}
		if (p->i >= p->n) {
			fail(p, "bad escape");
			goto out_bad;
		}
		char e = p->s[p->i++];
		const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
		const char *k = strchr(from, e);
		if (e && k) {
			sr_buf_putc(&b, to[k - from]);
		} else if (e == 'u') {
			unsigned cp, lo;
			if (hex4(p, &cp)) {
				fail(p, "bad \\u escape");
				goto out_bad;
			}
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (p->i + 2 > p->n || p->s[p->i] != '\\' ||
				    p->s[p->i + 1] != 'u') {
					fail(p, "lone surrogate");
					goto out_bad;
				}
				p->i += 2;
				if (hex4(p, &lo) || lo < 0xdc00 || lo > 0xdfff) {
					fail(p, "bad surrogate pair");
					goto out_bad;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp < 0xe000) {
				fail(p, "lone surrogate");
				goto out_bad;
			}
			put_utf8(&b, cp);
		} else {
			fail(p, "bad escape");
			goto out_bad;
		}
	}
	if (!b.data)
		sr_buf_puts(&b, "");
	return b.data;
out_bad:
	sr_buf_free(&b);
	return NULL;
}

static jval_t *parse_val(jp_t *p);

static jval_t *parse_num(jp_t *p)
{
	size_t st = p->i;
	if (p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0') {
		p->i++;
	} else if (p->i < p->n && p->s[p->i] >= '1' && p->s[p->i] <= '9') {
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
	} else {
		return fail(p, "bad number");
	}
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		size_t d = p->i;
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
		if (p->i == d)
			return fail(p, "bad fraction");
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		size_t d = p->i;
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
		if (p->i == d)
			return fail(p, "bad exponent");
	}
	char tmp[64];
	size_t len = p->i - st;
	if (len >= sizeof tmp)
		return fail(p, "number too long");
	memcpy(tmp, p->s + st, len);
	tmp[len] = '\0';
	jval_t *v = new_val(J_NUM);
	v->num = strtod(tmp, NULL);
	return v;
}

static jval_t *parse_container(jp_t *p, int obj)
{
	jval_t *v = new_val(obj ? J_OBJ : J_ARR);
	size_t cap = 0;
	p->i++;
	ws(p);
	if (p->i < p->n && p->s[p->i] == (obj ? '}' : ']')) {
		p->i++;
		return v;
	}
	for (;;) {
		char *key = NULL;
		ws(p);
		if (obj) {
			if (p->i >= p->n || p->s[p->i] != '"' || !(key = parse_str(p))) {
				fail(p, "expected a key");
				goto out_bad;
			}
			for (int k = 0; k < v->n; k++)
				if (strcmp(v->keys[k], key) == 0) {
					free(key);
					fail(p, "duplicate key");
					goto out_bad;
				}
			ws(p);
			if (p->i >= p->n || p->s[p->i] != ':') {
				free(key);
				fail(p, "expected ':'");
				goto out_bad;
			}
			p->i++;
		}
		jval_t *item = parse_val(p);
		if (!item) {
			free(key);
			goto out_bad;
		}
		if ((size_t)v->n + 1 > cap) {
			size_t c2 = cap;
			sr_grow(&v->items, &c2, (size_t)v->n + 1, sizeof(jval_t *));
			if (obj)
				v->keys = xreallocarray(v->keys, c2, sizeof(char *));
			cap = c2;
		}
		v->items[v->n] = item;
		if (obj)
			v->keys[v->n] = key;
		v->n++;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == (obj ? '}' : ']')) {
			p->i++;
			return v;
		}
		fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
		goto out_bad;
	}
out_bad:
	json_free(v);
	return NULL;
}

static jval_t *parse_val(jp_t *p)
{
	ws(p);
	if (p->i >= p->n)
		return fail(p, "unexpected end");
	if (++p->depth > 200)
		return fail(p, "nested too deep");
	jval_t *v = NULL;
	char c = p->s[p->i];
	if (c == '{' || c == '[') {
		v = parse_container(p, c == '{');
	} else if (c == '"') {
		char *s = parse_str(p);
		if (s) {
			v = new_val(J_STR);
			v->str = s;
		}
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		v = parse_num(p);
	} else if (p->n - p->i >= 4 && strncmp(p->s + p->i, "null", 4) == 0) {
		p->i += 4;
		v = new_val(J_NULL);
	} else if (p->n - p->i >= 4 && strncmp(p->s + p->i, "true", 4) == 0) {
		p->i += 4;
		v = new_val(J_BOOL);
		v->num = 1;
	} else if (p->n - p->i >= 5 && strncmp(p->s + p->i, "false", 5) == 0) {
		p->i += 5;
		v = new_val(J_BOOL);
	} else {
		fail(p, "unexpected character");
	}
	p->depth--;
	return v;
}

jval_t *json_parse(const char *text, size_t len, char *err, size_t errsize)
{
	jp_t p = {text, 0, len, err, errsize, 0};
	if (err && errsize)
		err[0] = '\0';
	if (!sr_utf8_valid(text, len))
		return fail(&p, "not valid UTF-8");
	jval_t *v = parse_val(&p);
	if (!v)
		return NULL;
	ws(&p);
	if (p.i != p.n) {
		json_free(v);
		return fail(&p, "data after the document");
	}
	return v;
}

void json_free(jval_t *v)
{
	if (!v)
		return;
	for (int i = 0; i < v->n; i++) {
		json_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

const jval_t *json_get(const jval_t *obj, const char *key)
{
	if (!obj || obj->t != J_OBJ)
		return NULL;
	for (int i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const jval_t *json_at(const jval_t *arr, int i)
{
	if (!arr || arr->t != J_ARR || i < 0 || i >= arr->n)
		return NULL;
	return arr->items[i];
}

const char *json_str(const jval_t *obj, const char *key)
{
	const jval_t *v = json_get(obj, key);
	return v && v->t == J_STR ? v->str : NULL;
}

double json_num(const jval_t *obj, const char *key)
{
	const jval_t *v = json_get(obj, key);
	return v && v->t == J_NUM ? v->num : NAN;
}
