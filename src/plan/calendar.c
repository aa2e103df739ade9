/*
 * calendar.c - the days of the term without runs (plan.conf no_service):
 * holidays and school breaks, as a district office lists them ("26.10-01.11,
 * 04.11"), and the fixed Russian public holidays (Labour Code, art. 112:
 * 1-8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November) for
 * the word ru_holidays. The GTFS feed gets them as calendar_dates.txt
 * exceptions and the printed pages name them beside the term. Day numbers
 * count days since 1970-01-01 (timegm at noon, so no time zone or leap
 * second moves a date).
 */
#define _DEFAULT_SOURCE /* timegm, gmtime_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "schoolrun/plan.h"
#include "util/i18n.h"

/* Day number of y-m-d, or -1 when that is no date (31.02). */
static int day_number(int y, int m, int d)
{
	if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
	time_t t = timegm(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != m - 1)
		return -1;
	return (int)(t / 86400);
}

static void civil(int day, int *y, int *m, int *d)
{
	time_t t = (time_t)day * 86400 + 43200;
	struct tm tm;
	gmtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

int plan_day_number(const char *iso)
{
	int y, m, d, n = 0;
	if (strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return -1;
	return day_number(y, m, d);
}

void plan_day_ymd(int day, char out[16])
{
	int y, m, d;
	civil(day, &y, &m, &d);
	snprintf(out, 16, "%04u%02u%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

int plan_weekday(int day)
{
	return (day + 3) % 7; /* 1970-01-01 was a Thursday */
}

/* One date of the list, "2026-11-04", "04.11.2026" or "04.11" ("4.11"; the
 * year that puts it in the term [t0, t1]), at s[0..n). */
static int parse_date(const char *s, size_t n, int t0, int t1)
{
	char b[16];
	int y, m, d, k = 0;
	if (n >= sizeof(b))
		return -1;
	memcpy(b, s, n);
	b[n] = '\0';
	if (n == 10 && b[4] == '-')
		return plan_day_number(b);
	if (strspn(b, "0123456789.") != n) /* no signs, no spaces inside */
		return -1;
	if (sscanf(b, "%2d.%2d.%4d%n", &d, &m, &y, &k) == 3 && k == (int)n && n >= 8)
		return day_number(y, m, d);
	if (sscanf(b, "%2d.%2d%n", &d, &m, &k) != 2 || k != (int)n ||
	    day_number(2024, m, d) < 0) /* a leap year has every day and month */
		return -1;
	int y0, y1, mm, dd;
	civil(t0, &y0, &mm, &dd);
	civil(t1, &y1, &mm, &dd);
	for (y = y0; y <= y1; y++) {
		int day = day_number(y, m, d);
		if (day >= t0 && day <= t1)
			return day;
	}
	return -2; /* a date, but none in the term */
}

/* Whether s ends in the word w (after a space or not): its length
 * without it and the spaces before it, else n. */
static size_t strip_tail(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n <= k || strncmp(s + n - k, w, k))
		return n;
	n -= k;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

int plan_birth_day(const char *s, int *year_only)
{
	/* "2015 г.р.", "2015г." as a list of pupils writes the year */
	static const char *const tail[] = {"г.р.", "г. р.", "г.р", "гр", "г.", "г", NULL};
	char b[32];
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	while (n > 0 && *s == ' ')
		s++, n--;
	for (int i = 0; tail[i]; i++) {
		size_t m = strip_tail(s, n, tail[i]);
		if (m < n) {
			n = m;
			break;
		}
	}
	if (n == 0 || n >= sizeof(b))
		return -1;
	memcpy(b, s, n);
	b[n] = '\0';
	*year_only = 0;
	int y, m, d, k = 0;
	if (n == 16 && !strcmp(b + 10, " 00:00")) /* a date cell with its time */
		b[n = 10] = '\0';
	if (n == 10 && b[4] == '-')
		return plan_day_number(b);
	if (strspn(b, "0123456789.") != n)
		return -1;
	if (n == 4 && sscanf(b, "%4d", &y) == 1) {
		*year_only = 1;
		return day_number(y, 1, 1);
	}
	if (sscanf(b, "%2d.%2d.%4d%n", &d, &m, &y, &k) != 3 || k != (int)n)
		return -1;
	size_t yl = n - (size_t)(strrchr(b, '.') - b) - 1; /* digits of the year */
	if (yl == 2)
		y += 2000;
	else if (yl != 4)
		return -1;
	return day_number(y, m, d);
}

int plan_years_between(int born, int day)
{
	int y0, m0, d0, y1, m1, d1;
	civil(born, &y0, &m0, &d0);
	civil(day, &y1, &m1, &d1);
	return y1 - y0 - (m1 < m0 || (m1 == m0 && d1 < d0));
}

void plan_day_text(int day, int year_only, int ru, char out[16])
{
	int y, m, d;
	civil(day, &y, &m, &d);
	unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 100u, dd = (unsigned)d % 100u;
	if (year_only)
		snprintf(out, 16, "%04u", yy);
	else if (ru)
		snprintf(out, 16, "%02u.%02u.%04u", dd, mm, yy);
	else
		snprintf(out, 16, "%04u-%02u-%02u", yy, mm, dd);
}

/* The fixed Russian public holidays within [t0, t1] into mark. */
static void ru_holidays(int t0, int t1, char *mark)
{
	static const int md[][2] = {{1, 1}, {1, 2},  {1, 3}, {1, 4}, {1, 5}, {1, 6},  {1, 7},
				    {1, 8}, {2, 23}, {3, 8}, {5, 1}, {5, 9}, {6, 12}, {11, 4}};
	int y0, y1, m, d;
	civil(t0, &y0, &m, &d);
	civil(t1, &y1, &m, &d);
	for (int y = y0; y <= y1; y++)
		for (size_t i = 0; i < sizeof(md) / sizeof(md[0]); i++) {
			int day = day_number(y, md[i][0], md[i][1]);
			if (day >= t0 && day <= t1)
				mark[day - t0] = 1;
		}
}

/* The range separator inside item s[0..n): "..", an en or em dash, or a
 * hyphen between two dates written with dots. Returns its offset and
 * length, or -1. */
static int range_split(const char *s, size_t n, size_t *len)
{
	static const char *const seps[] = {"..", "\xe2\x80\x93", "\xe2\x80\x94"};
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < 3; k++)
			if (n - i >= strlen(seps[k]) && !strncmp(s + i, seps[k], strlen(seps[k]))) {
				*len = strlen(seps[k]);
				return (int)i;
			}
	const char *h = memchr(s, '-', n);
	if (h && memchr(s, '.', (size_t)(h - s))) {
		*len = 1;
		return (int)(h - s);
	}
	return -1;
}

/* One item (spaces trimmed) into mark; 0, or -1 with why. */
static int parse_item(const char *s, size_t n, int t0, int t1, char *mark, char *why,
		      size_t why_size)
{
	if (n == 11 && !strncmp(s, "ru_holidays", 11)) {
		ru_holidays(t0, t1, mark);
		return 0;
	}
	size_t sl = 0;
	int at = range_split(s, n, &sl);
	size_t n0 = at < 0 ? n : (size_t)at;
	while (n0 && s[n0 - 1] == ' ')
		n0--;
	const char *s1 = at < 0 ? s : s + at + sl;
	while (at >= 0 && *s1 == ' ')
		s1++;
	int a = parse_date(s, n0, t0, t1);
	int b = at < 0 ? a : parse_date(s1, n - (size_t)(s1 - s), t0, t1);
	if (a == -1 || b == -1) {
		snprintf(
			why, why_size,
			_("no_service: '%.*s' is not a date or range (write 2026-11-04, 04.11.2026 "
			  "or 04.11, a range 26.10-01.11, or ru_holidays)"),
			(int)n, s);
		return -1;
	}
	if (a < t0 || b > t1) {
		snprintf(why, why_size, _("no_service: '%.*s' is outside the term"), (int)n, s);
		return -1;
	}
	if (b < a) {
		snprintf(why, why_size, _("no_service: the range '%.*s' ends before it starts"),
			 (int)n, s);
		return -1;
	}
	memset(mark + (a - t0), 1, (size_t)(b - a + 1));
	return 0;
}

int plan_no_service_days(const plan_settings_t *s, int **days, int *n, char *why, size_t why_size)
{
	*days = NULL;
	*n = 0;
	int t0 = plan_day_number(s->term_start), t1 = plan_day_number(s->term_end);
	const char *v = s->no_service ? s->no_service : "";
	if (t0 < 0 || t1 < t0 || !strcmp(v, "none"))
		return 0;
	char *mark = calloc((size_t)(t1 - t0 + 1), 1);
	if (!mark)
		abort();
	int rc = 0;
	for (const char *p = v; *p && !rc;) {
		size_t k = strcspn(p, ",;");
		const char *a = p;
		size_t len = k;
		while (len && *a == ' ')
			a++, len--;
		while (len && a[len - 1] == ' ')
			len--;
		if (len)
			rc = parse_item(a, len, t0, t1, mark, why, why_size);
		p += k + (p[k] != '\0');
	}
	for (int d = 0; !rc && d <= t1 - t0; d++)
		if (mark[d]) {
			*days = xreallocarray(*days, (size_t)*n + 1, sizeof(int));
			(*days)[(*n)++] = t0 + d;
		}
	free(mark);
	return rc;
}

int plan_term_days(const plan_settings_t *s, const int *off, int n_off, unsigned mask)
{
	int t0 = plan_day_number(s->term_start), t1 = plan_day_number(s->term_end);
	int k = 0, count = 0;
	if (t0 < 0 || t1 < t0)
		return 0;
	for (int d = t0; d <= t1; d++) {
		while (k < n_off && off[k] < d)
			k++;
		if ((mask >> plan_weekday(d)) & 1u && !(k < n_off && off[k] == d))
			count++;
	}
	return count;
}

void plan_no_service_text(const int *days, int n, sr_buf_t *b)
{
	for (int i = 0; i < n;) {
		int j = i;
		while (j + 1 < n && days[j + 1] == days[j] + 1)
			j++;
		int y, m, d, y2, m2, d2;
		civil(days[i], &y, &m, &d);
		civil(days[j], &y2, &m2, &d2);
		if (i)
			sr_buf_puts(b, ", ");
		if (j > i && y == y2)
			sr_buf_printf(b, "%02d.%02d\xe2\x80\x93%02d.%02d.%04d", d, m, d2, m2, y2);
		else if (j > i)
			sr_buf_printf(b, "%02d.%02d.%04d\xe2\x80\x93%02d.%02d.%04d", d, m, y, d2,
				      m2, y2);
		else
			sr_buf_printf(b, "%02d.%02d.%04d", d, m, y);
		i = j + 1;
	}
}
