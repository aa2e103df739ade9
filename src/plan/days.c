/*
 * days.c - weekday sets and clock times as coordinators write them in a
 * spreadsheet: "Mon,Wed,Fri", "Mon-Fri", "1-5", "Пн,Ср,Пт", "Пн-Пт",
 * "будни"; "16:00" (or "16.00", "16:00:00"), and both times in one cell,
 * "16:00-17:30" or "с 16:00 до 17:30". Day sets are a 7-bit mask,
 * Monday = bit 0 (ISO 8601 weekday numbering, as GTFS calendar.txt lists
 * them too). A day cell is read in its folded form (osm_name_fold: case,
 * dashes as '-'), so the tables below hold lower case only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/osm.h"
#include "schoolrun/plan.h"
#include "util/i18n.h"

int plan_parse_hhmm(const char *s, int *seconds)
{
	/* "16:00", "7:05"; also "16.00", as Russian texts write the time, and
	 * "16:00:00", as a spreadsheet's time cell saves it (seconds 00 only) */
	int h = 0, m = 0, i = 0, nd = 0;
	while (s[i] >= '0' && s[i] <= '9' && nd < 3) {
		h = h * 10 + (s[i] - '0');
		i++;
		nd++;
	}
	char sep = s[i];
	if (nd < 1 || nd > 2 || (sep != ':' && sep != '.'))
		return -1;
	i++;
	if (!(s[i] >= '0' && s[i] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9'))
		return -1;
	m = (s[i] - '0') * 10 + (s[i + 1] - '0');
	i += 2;
	if (sep == ':' && !strcmp(s + i, ":00"))
		i += 3;
	if (s[i] || h > 23 || m > 59)
		return -1;
	*seconds = h * 3600 + m * 60;
	return 0;
}

/* A time range's separator at s: a hyphen, an en or em dash, a minus sign
 * or the word "до"/"to" between spaces; its length in bytes, else 0. */
static size_t range_dash(const char *s)
{
	static const char *const dashes[] = {"-",    "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x88\x92",
					     " до ", " to "};
	for (size_t k = 0; k < sizeof(dashes) / sizeof(dashes[0]); k++)
		if (!strncmp(s, dashes[k], strlen(dashes[k])))
			return strlen(dashes[k]);
	return 0;
}

/* One side of a range, spaces around it trimmed, as plan_parse_hhmm; in
 * a range a whole hour may stand alone ("с 16 до 17.30", "16-17:30"). */
static int range_side(const char *s, size_t n, int *seconds)
{
	while (n && s[0] == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	char buf[16];
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (n <= 2 && buf[0] >= '0' && buf[0] <= '9' &&
	    (n == 1 || (buf[1] >= '0' && buf[1] <= '9'))) {
		int h = atoi(buf);
		if (h > 23)
			return -1;
		*seconds = h * 3600;
		return 0;
	}
	return plan_parse_hhmm(buf, seconds);
}

/* The length of s without a trailing word for hours ("16:00-17:30 ч.",
 * "с 16 до 17 часов"), spaces before it included. */
static size_t without_hours_word(const char *s)
{
	static const char *const words[] = {"ч.", "ч", "час.", "час", "часов", "h"};
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		size_t w = strlen(words[k]);
		if (n > w && !strncmp(s + n - w, words[k], w) &&
		    (s[n - w - 1] == ' ' || (s[n - w - 1] >= '0' && s[n - w - 1] <= '9'))) {
			n -= w;
			break;
		}
	}
	while (n && s[n - 1] == ' ')
		n--;
	return n;
}

int plan_parse_time_range(const char *s, int *start, int *end)
{
	/* "с 16:00 до 17:30" (Cyrillic or Latin c) and "from 16:00 to 17:30" */
	static const char *const lead[] = {"\xd1\x81 ", "\xd0\xa1 ", "c ", "C ", "from ", "From "};
	while (*s == ' ')
		s++;
	for (size_t k = 0; k < sizeof(lead) / sizeof(lead[0]); k++)
		if (!strncmp(s, lead[k], strlen(lead[k]))) {
			s += strlen(lead[k]);
			break;
		}
	size_t len = without_hours_word(s);
	for (size_t i = 0; i < len; i++) {
		size_t d = range_dash(s + i);
		if (!d || i + d > len)
			continue;
		int a, b;
		if (range_side(s, i, &a) || range_side(s + i + d, len - i - d, &b))
			return -1;
		*start = a;
		*end = b;
		return 0;
	}
	return -1;
}

/* Day names, folded: English short, long and plural, ISO numbers, Russian
 * short and long in the cases a sentence puts them in: "с понедельника по
 * пятницу" (genitive, accusative), "по вторникам и четвергам" (dative
 * plural), "в среду". NULL ends a row. */
static const char *const day_names[7][12] = {
	{"mon", "monday", "mondays", "1", "пн", "пон", "понедельник", "понедельника",
	 "понедельникам", "понедельники", NULL},
	{"tue", "tues", "tuesday", "tuesdays", "2", "вт", "вторник", "вторника", "вторникам",
	 "вторники", NULL},
	{"wed", "wednesday", "wednesdays", "3", "ср", "среда", "среду", "среды", "средам", NULL},
	{"thu", "thur", "thurs", "thursday", "thursdays", "4", "чт", "четверг", "четверга",
	 "четвергам", "четверги", NULL},
	{"fri", "friday", "fridays", "5", "пт", "пят", "пятница", "пятницу", "пятницы", "пятницам",
	 NULL},
	{"sat", "saturday", "saturdays", "6", "сб", "суб", "суббота", "субботу", "субботы",
	 "субботам", NULL},
	{"sun", "sunday", "sundays", "7", "вс", "вск", "воскресенье", "воскресенья", "воскресеньям",
	 NULL},
};

static int day_of(const char *tok, size_t n)
{
	for (int d = 0; d < 7; d++)
		for (int k = 0; day_names[d][k]; k++)
			if (strlen(day_names[d][k]) == n && !strncmp(tok, day_names[d][k], n))
				return d;
	return -1;
}

/* Whether the n bytes at tok are one of the words of list (NULL ends). */
static int word_in(const char *tok, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncmp(tok, *list, n))
			return 1;
	return 0;
}

/* Words between days that say nothing more than a comma: "Пн, Ср и Пт",
 * "по субботам", "в среду", "on Mondays". */
static const char *const fillers[] = {"и", "and", "по", "в", "во", "on", NULL};
/* A range's first word ("с понедельника по пятницу", "from Mon to Fri")
 * and the words between its days (Cyrillic and Latin c alike) */
static const char *const range_from[] = {"с", "c", "from", NULL};
static const char *const range_to[] = {"по", "до", "to", "till", "until", "through", NULL};

/* Separators between items ("пн, ср", "вт/чт", "пн.,ср."); the range
 * dash is '-' (folding made every dash one). */
static size_t sep_len(const char *s)
{
	if (*s == ',' || *s == ' ' || *s == ';' || *s == '\t' || *s == '/' || *s == '.')
		return 1;
	return 0;
}

/* Whole-cell words for common sets, after folding: weekdays, every day,
 * the weekend. */
static int day_set_word(const char *f, uint8_t *mask)
{
	static const struct {
		const char *w;
		uint8_t m;
	} words[] = {{"будни", 0x1f},	  {"по будням", 0x1f},	 {"weekdays", 0x1f},
		     {"ежедневно", 0x7f}, {"каждый день", 0x7f}, {"daily", 0x7f},
		     {"every day", 0x7f}, {"выходные", 0x60},	 {"weekend", 0x60}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(f, words[i].w)) {
			*mask = words[i].m;
			return 1;
		}
	return 0;
}

static size_t dash_len(const char *s)
{
	return *s == '-';
}

/* After "d1-d2" at *p, the rest of a chain of three or more days joined
 * by dashes ("пн-ср-пт", "mon-wed-fri"): a list of those days, each later
 * in the week than the one before (no range has two dashes), into *m.
 * Returns how many days, or -1. */
static int chain_of_days(const char **pp, int d1, int d2, uint8_t *m)
{
	const char *p = *pp;
	if (d2 <= d1)
		return -1;
	*m |= (uint8_t)(1u << d1 | 1u << d2);
	int last = d2, n = 2;
	while (dash_len(p)) {
		p++;
		while (*p == ' ')
			p++;
		const char *b = p;
		while (*p && !sep_len(p) && !dash_len(p))
			p++;
		int d = day_of(b, (size_t)(p - b));
		while (*p == '.')
			p++;
		if (d <= last)
			return -1;
		*m |= (uint8_t)(1u << d);
		last = d;
		n++;
	}
	*pp = p;
	return n;
}

/* After a day at p: the length of a dash or of a word of range_to ("пн по
 * пт", "с пн до пт"), which makes it a range's first day; else 0. */
static size_t range_word(const char *p)
{
	const char *b = p;
	if (dash_len(p))
		return 1;
	while (*p && !sep_len(p) && !dash_len(p))
		p++;
	return word_in(b, (size_t)(p - b), range_to) ? (size_t)(p - b) : 0;
}

/* The items of a folded cell into *mask: days and ranges, "и"/"and"
 * between them read as a comma, "с пн по пт" as "пн-пт". */
static int parse_items(const char *s, uint8_t *mask)
{
	uint8_t m = 0;
	const char *p = s;
	int items = 0, from = 0;
	for (;;) {
		while (*p && sep_len(p))
			p++;
		if (!*p)
			break;
		const char *a = p;
		while (*p && !sep_len(p) && !dash_len(p))
			p++;
		size_t n = (size_t)(p - a);
		if (word_in(a, n, range_from) && *p == ' ') {
			from = 1;
			continue;
		}
		if (word_in(a, n, fillers))
			continue;
		int d1 = day_of(a, n), d2 = d1;
		if (d1 < 0)
			return -1;
		while (*p == ' ' || *p == '.')
			p++;
		size_t dl = range_word(p);
		if (from && !dl) /* "с понедельника" and no end */
			return -1;
		from = 0;
		if (dl) {
			p += dl;
			while (*p == ' ')
				p++;
			const char *b = p;
			while (*p && !sep_len(p) && !dash_len(p))
				p++;
			d2 = day_of(b, (size_t)(p - b));
			while (*p == '.')
				p++;
			if (d2 < 0)
				return -1;
			if (dash_len(p)) { /* "пн-ср-пт": a list, as timetables write it */
				int n_days = chain_of_days(&p, d1, d2, &m);
				if (n_days < 0)
					return -1;
				items++;
				continue;
			}
		}
		for (int d = d1;; d = (d + 1) % 7) {
			m |= (uint8_t)(1u << d);
			if (d == d2)
				break;
		}
		items++;
	}
	if (!items)
		return -1;
	*mask = m;
	return 0;
}

/* A folded set of days without "кроме": a word for a set or items. */
static int parse_set(const char *f, uint8_t *mask)
{
	return day_set_word(f, mask) ? 0 : parse_items(f, mask);
}

/* "будни, кроме среды", "ежедневно кроме воскресенья", "Mon-Fri except
 * Wed": the days before the word less those after it (the Unterland
 * trial's sessions.xlsx, 2026-12-06, said "будни кроме среды"). Each side
 * must be days, every excepted day among the first ones and some day
 * left; 1 when f has such a word (the result in *rc), else 0. */
static int parse_except(char *f, uint8_t *mask, int *rc)
{
	static const char *const words[] = {" кроме ", " except ", " but "};
	char *at = NULL;
	size_t wl = 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0] && !at; i++)
		if ((at = strstr(f, words[i])))
			wl = strlen(words[i]);
	if (!at)
		return 0;
	*at = '\0';
	size_t n = strlen(f);
	while (n > 0 && (f[n - 1] == ',' || f[n - 1] == ' '))
		f[--n] = '\0'; /* "будни, кроме" */
	uint8_t all = 0, out = 0;
	*rc = -1;
	if (n > 0 && !parse_set(f, &all) && !parse_set(at + wl, &out) && (out & all) == out &&
	    (all & ~out)) {
		*mask = (uint8_t)(all & ~out);
		*rc = 0;
	}
	return 1;
}

int plan_parse_days(const char *s, uint8_t *mask)
{
	/* case (Cyrillic too), ё, dashes and spaces as names are folded */
	char *f = osm_name_fold(s);
	if (!f)
		return -1;
	int rc;
	if (!parse_except(f, mask, &rc))
		rc = parse_set(f, mask);
	free(f);
	return rc;
}

/* The label of plan_days_label, the day names through tr (NULL: English). */
static const char *days_label(uint8_t mask, char *buf, size_t size, const char *(*tr)(const char *))
{
	static const char *const names[7] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
					     N_("Fri"), N_("Sat"), N_("Sun")};
	const char *en[7];
	for (int d = 0; d < 7; d++)
		en[d] = tr ? tr(names[d]) : names[d];
	size_t len = 0;
	buf[0] = '\0';
	for (int d = 0; d < 7;) {
		if (!(mask & (1u << d))) {
			d++;
			continue;
		}
		int e = d;
		while (e + 1 < 7 && (mask & (1u << (e + 1))))
			e++;
		int w;
		if (e - d >= 2)
			w = snprintf(buf + len, size - len, "%s%s-%s", len ? "," : "", en[d],
				     en[e]);
		else if (e == d)
			w = snprintf(buf + len, size - len, "%s%s", len ? "," : "", en[d]);
		else
			w = snprintf(buf + len, size - len, "%s%s,%s", len ? "," : "", en[d],
				     en[e]);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
		d = e + 1;
	}
	return buf;
}

const char *plan_days_label(uint8_t mask, char *buf, size_t size)
{
	return days_label(mask, buf, size, NULL);
}

static const char *translate(const char *s)
{
	return _(s);
}

const char *plan_day_short(int day, int ru)
{
	static const char *const names[7][2] = {
		{"Mon", "Пн"}, {"Tue", "Вт"}, {"Wed", "Ср"}, {"Thu", "Чт"},
		{"Fri", "Пт"}, {"Sat", "Сб"}, {"Sun", "Вс"},
	};
	return names[day][ru != 0];
}

const char *plan_days_said(uint8_t mask, char *buf, size_t size)
{
	return days_label(mask, buf, size, translate);
}
