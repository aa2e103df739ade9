/* buf.c - a growable, always NUL-terminated byte buffer with printf, JSON and
 * HTML escaping; every text output is assembled in one of these. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/util.h"

void sr_buf_init(sr_buf_t *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void sr_buf_free(sr_buf_t *b)
{
	free(b->data);
	sr_buf_init(b);
}

void sr_buf_reset(sr_buf_t *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static void reserve(sr_buf_t *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need > b->cap)
		sr_grow(&b->data, &b->cap, need, 1);
}

void sr_buf_append(sr_buf_t *b, const char *s, size_t n)
{
	reserve(b, n);
	if (n) /* an empty piece may come as NULL (protobuf-c's empty string) */
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sr_buf_puts(sr_buf_t *b, const char *s)
{
	sr_buf_append(b, s, strlen(s));
}

void sr_buf_putc(sr_buf_t *b, char c)
{
	sr_buf_append(b, &c, 1);
}

void sr_buf_vprintf(sr_buf_t *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sr_buf_printf(sr_buf_t *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sr_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void sr_buf_json_str(sr_buf_t *b, const char *s)
{
	sr_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; s && *p; p++) {
		switch (*p) {
		case '"':
			sr_buf_puts(b, "\\\"");
			break;
		case '\\':
			sr_buf_puts(b, "\\\\");
			break;
		case '\n':
			sr_buf_puts(b, "\\n");
			break;
		case '\r':
			sr_buf_puts(b, "\\r");
			break;
		case '\t':
			sr_buf_puts(b, "\\t");
			break;
		case '\b':
			sr_buf_puts(b, "\\b");
			break;
		case '\f':
			sr_buf_puts(b, "\\f");
			break;
		default:
			if (*p < 0x20)
				sr_buf_printf(b, "\\u%04x", *p);
			else
				sr_buf_putc(b, (char)*p);
		}
	}
	sr_buf_putc(b, '"');
}

void sr_buf_html(sr_buf_t *b, const char *s)
{
	for (const char *p = s; s && *p; p++) {
		switch (*p) {
		case '&':
			sr_buf_puts(b, "&amp;");
			break;
		case '<':
			sr_buf_puts(b, "&lt;");
			break;
		case '>':
			sr_buf_puts(b, "&gt;");
			break;
		case '"':
			sr_buf_puts(b, "&quot;");
			break;
		case '\'':
			sr_buf_puts(b, "&#39;");
			break;
		default:
			sr_buf_putc(b, *p);
		}
	}
}

void sr_buf_num(sr_buf_t *b, double v, int decimals)
{
	if (!isfinite(v)) {
		sr_buf_puts(b, "null");
		return;
	}
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	if (decimals > 0) {
		char *e = tmp + strlen(tmp) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	sr_buf_puts(b, tmp);
}

void sr_buf_quoted_inner(sr_buf_t *b, const char *s, int ru)
{
	/* the marks one level in: Russian «…» holds „…“, English “…” holds ‘…’
	 * (the rule of Russian typography, as in Мильчин & Чельцова's
	 * handbook; Chicago's for English) */
	static const char *const outer[2][2] = {{"\xe2\x80\x9c", "\xe2\x80\x9d"},
						{"\xc2\xab", "\xc2\xbb"}};
	static const char *const inner[2][2] = {{"\xe2\x80\x98", "\xe2\x80\x99"},
						{"\xe2\x80\x9e", "\xe2\x80\x9c"}};
	ru = ru != 0;
	for (const char *p = s; p && *p;) {
		int k = -1;
		for (int j = 0; j < 2 && k < 0; j++)
			if (!strncmp(p, outer[ru][j], strlen(outer[ru][j])))
				k = j;
		if (k < 0) {
			sr_buf_putc(b, *p++);
			continue;
		}
		sr_buf_puts(b, inner[ru][k]);
		p += strlen(outer[ru][k]);
	}
}

void sr_buf_days(sr_buf_t *b, unsigned days, const char *const names[7])
{
	int first = 1;
	for (int d = 0; d < 7; d++) {
		if (!(days & (1u << d)))
			continue;
		int e = d;
		while (e + 1 < 7 && (days & (1u << (e + 1))))
			e++;
		if (!first)
			sr_buf_puts(b, ", ");
		sr_buf_puts(b, names[d]);
		if (e - d >= 2) {
			sr_buf_puts(b, "–"); /* en dash */
			sr_buf_puts(b, names[e]);
			d = e;
		}
		first = 0;
	}
}
