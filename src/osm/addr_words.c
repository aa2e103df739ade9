/*
 * addr_words.c - reading a street address as a district office writes it
 * ("ул. Центральная, 12", "д. Ивановка, ул. Садовая, д. 5", "Садовая ул.,
 * 5", "Маросейка 2/15 стр. 1", "Landstrasse 12, Schaan") and the keys the
 * map's addresses are matched by.
 *
 * The text is folded first (osm_name_fold: case, ё/е, quotes, dashes),
 * then cut at commas into parts and each part into words at spaces and
 * dots. Words from three small tables tell the parts apart, the way
 * libpostal's and Nominatim's abbreviation lists do (learned from them,
 * none copied): street words (ул., улица, пер., пр-т, пл., ш., бул., мкр,
 * наб.; Strasse/str., Weg, Gasse, Platz), settlement words (д., дер.,
 * с., село, п., пос., посёлок, г., город, рп, ст.) and house words (д.,
 * дом before a number; корп./к., стр./с., лит. after one). "д." is a
 * house before a number and a village before a name. The first number
 * that is no part of a street's name ("ул. 8 Марта") begins the house
 * number; words of a part with no such word are left as groups, for the
 * map to tell a street from a settlement (addr_find.c). Any other word
 * written with a dot is an abbreviation of a street's word ("Б.
 * Златоустинский пер." for Большой Златоустинский переулок; "М.", "Ср.",
 * "Ниж.", "Верх.", "Нов."...): it matches the words it begins, whatever
 * their ending (Малый, Малая, Малое), as Russian offices shorten the
 * adjectives of street names.
 */
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"

typedef struct word {
	const char *w;
	int kind; /* street words: their kind (0: either, 1 = улица); full: not cut short */
	int full;
} word_t;

static const word_t street_words[] = {
	{"ул", 1, 0},	      {"улица", 1, 1},	{"пер", 2, 0},	      {"переулок", 2, 1},
	{"пр-т", 3, 0},	      {"пр-кт", 3, 0},	{"просп", 3, 0},      {"проспект", 3, 1},
	{"пр", 0, 0},	      {"пл", 4, 0},	{"площадь", 4, 1},    {"ш", 5, 0},
	{"шоссе", 5, 1},      {"бул", 6, 0},	{"б-р", 6, 0},	      {"бульвар", 6, 1},
	{"мкр", 7, 0},	      {"мкрн", 7, 0},	{"микрорайон", 7, 1}, {"наб", 8, 0},
	{"набережная", 8, 1}, {"проезд", 9, 1}, {"пр-д", 9, 0},	      {"туп", 10, 0},
	{"тупик", 10, 1},     {"аллея", 11, 1}, {"кв-л", 12, 0},      {"квартал", 12, 1},
	{"strasse", 20, 1},   {"str", 20, 0},	{"street", 20, 1},    {"road", 21, 1},
	{"weg", 22, 1},	      {"gasse", 23, 1}, {"platz", 24, 1},     {"allee", 11, 1},
};

static const char *const settle_words[] = {
	"д",	 "дер", "деревня", "с",	 "село",    "п", "пос",	  "поселок", "г",
	"город", "рп",	"пгт",	   "ст", "станица", "х", "хутор", "сл",	     "слобода",
};

/* Words after a house number that say корпус, строение or литера. */
static const char *const sub_words[] = {"к",	    "корп", "корпус", "с",    "стр",
					"строение", "лит",  "литера", "литер"};

/* A flat or room within the house: not on the map, left out. */
static const char *const flat_words[] = {"кв", "квартира", "ком", "комн", "комната", "оф", "офис"};

#define NROWS(a) (sizeof(a) / sizeof((a)[0]))

static const word_t *street_word(const char *t)
{
	for (size_t i = 0; i < NROWS(street_words); i++)
		if (!strcmp(t, street_words[i].w))
			return &street_words[i];
	return NULL;
}

static int in_list(const char *t, const char *const *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t, l[i]))
			return 1;
	return 0;
}

static int is_settle_word(const char *t)
{
	return in_list(t, settle_words, NROWS(settle_words));
}

static int is_sub_word(const char *t)
{
	return in_list(t, sub_words, NROWS(sub_words));
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A корпус or строение word with its number joined on: "к1", "стр2". */
static int sub_attached(const char *t)
{
	for (size_t i = 0; i < NROWS(sub_words); i++) {
		size_t n = strlen(sub_words[i]);
		if (!strncmp(t, sub_words[i], n) && is_digit(t[n]))
			return 1;
	}
	return 0;
}

/* A house number's first word: a digit first, and not an ordinal ("1-я"). */
static int number_word(const char *t)
{
	if (!is_digit(t[0]))
		return 0;
	while (is_digit(*t))
		t++;
	return !(t[0] == '-' && t[1] && !is_digit(t[1]));
}

/* One code point only (a house's letter: "12 а"). */
static int one_letter(const char *t)
{
	size_t n = strlen(t);
	return n > 0 && n <= 4 && !is_digit(t[0]) && ((unsigned char)t[0] < 0x80 ? n == 1 : n == 2);
}

/* Words of text s (folded), cut at spaces, dots and commas (a comma also
 * ends a part: an empty word marks it). Returns the count; the words point
 * into buf (a copy of s the caller frees). */
static size_t split_words(const char *s, char **buf, char ***words)
{
	size_t n = 0, cap = 0;
	char *b = xstrdup(s), *p = b;
	*words = NULL;
	while (*p) {
		char *start = p;
		while (*p && *p != ' ' && *p != '.' && *p != ',')
			p++;
		int comma = *p == ',';
		if (*p)
			*p++ = '\0';
		if (*start) {
			sr_grow(words, &cap, n + 1, sizeof(char *));
			(*words)[n++] = start;
		}
		if (comma) {
			sr_grow(words, &cap, n + 1, sizeof(char *));
			(*words)[n++] = (char *)""; /* part break */
		}
	}
	*buf = b;
	return n;
}

/* The fallback key of a street named only by kind words ("Набережная
 * улица"): its full word of another kind than улица, else улица. */
static void kind_only_key(char **w, size_t n, sr_buf_t *out, int *type)
{
	const word_t *pick = NULL;
	for (size_t i = 0; i < n; i++) {
		const word_t *sw = street_word(w[i]);
		if (sw && sw->full && (!pick || (pick->kind == 1 && sw->kind != 1)))
			pick = sw;
	}
	if (pick) {
		sr_buf_puts(out, pick->w);
		*type = pick->kind == 1 ? 1 : -1;
	}
}

/* A word of a street's key: kind words out (their kind into *type),
 * "...str" as "...strasse". */
static void street_key_word(const char *w, sr_buf_t *out, int *type)
{
	const word_t *sw = street_word(w);
	size_t len = strlen(w);
	if (sw) {
		if (*type < 0)
			*type = sw->kind;
		return;
	}
	sr_buf_puts(out, out->len && w[0] != '-' ? " " : ""); /* "St.-Georgen" as folded twice */
	int str = len > 4 && w[len - 1] == OSM_ADDR_ABBREV && !strncmp(w + len - 4, "str", 3);
	sr_buf_append(out, w, str ? len - 1 : len);
	if (str || (len > 3 && !strcmp(w + len - 3, "str")))
		sr_buf_puts(out, "asse"); /* Landstr. = Landstrasse */
}

/* The key of a street (type not NULL) or a settlement name: folded, cut
 * into words, the kind words left out. */
static char *key_of(const char *s, int *type)
{
	char *f = osm_name_fold(s), *buf, **w;
	if (!f)
		return NULL;
	size_t n = split_words(f, &buf, &w);
	sr_buf_t out;
	sr_buf_init(&out);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(w[i]);
		if (!type && len > 1 && w[i][len - 1] == OSM_ADDR_ABBREV)
			w[i][len - 1] = '\0'; /* a settlement's name: no abbreviations */
		if (!w[i][0])
			continue;
		if (type)
			street_key_word(w[i], &out, type);
		else if (!is_settle_word(w[i]) || n == 1)
			sr_buf_printf(&out, "%s%s", out.len && w[i][0] != '-' ? " " : "", w[i]);
	}
	if (type && !out.len) {
		*type = -1;
		kind_only_key(w, n, &out, type);
	}
	free(w);
	free(buf);
	free(f);
	return out.data ? out.data : xstrdup("");
}

char *osm_addr_street_key(const char *s, int *type)
{
	*type = -1;
	return key_of(s, type);
}

char *osm_addr_settle_key(const char *s)
{
	return key_of(s, NULL);
}

/* The end of the word at s (a space or the end). */
static const char *word_end(const char *s)
{
	const char *e = strchr(s, ' ');
	return e ? e : s + strlen(s);
}

int osm_addr_street_match(const char *q, const char *key)
{
	int whole = 0; /* a word not abbreviated: "Ср." alone names no street */
	while (*q && *key) {
		const char *qe = word_end(q), *ke = word_end(key);
		size_t nq = (size_t)(qe - q), nk = (size_t)(ke - key);
		int abbrev = nq > 1 && q[nq - 1] == OSM_ADDR_ABBREV;
		if (abbrev ? nk < nq - 1 || strncmp(q, key, nq - 1)
			   : nq != nk || strncmp(q, key, nq))
			return 0;
		whole |= !abbrev;
		q = *qe ? qe + 1 : qe;
		key = *ke ? ke + 1 : ke;
	}
	return !*q && !*key && whole;
}

/* Replaces every from in s (NUL-terminated, in place) by to (no longer). */
static void replace_all(char *s, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to);
	char *p;
	while ((p = strstr(s, from)) != NULL) {
		memmove(p + nt, p + nf, strlen(p + nf) + 1);
		memcpy(p, to, nt);
		s = p + nt;
	}
}

int osm_addr_number_key(const char *s, char *key, size_t ksz, char *main, size_t msz)
{
	char *f = osm_name_fold(s);
	key[0] = main[0] = '\0';
	if (!f)
		return -1;
	char *w = f, *o = f;
	for (; *w; w++) /* spaces and dots out */
		if (*w != ' ' && *w != '.')
			*o++ = *w;
	*o = '\0';
	const char *p = f;
	if (!strncmp(p, "дом", strlen("дом")))
		p += strlen("дом");
	else if (!strncmp(p, "д", strlen("д")))
		p += strlen("д");
	int rc = -1;
	if (is_digit(*p)) {
		char *k = xstrdup(p);
		static const char *const rep[][2] = {
			{"строение", "с"}, {"стр", "с"},  {"корпус", "к"}, {"корп", "к"},
			{"литера", ""},	   {"литер", ""}, {"лит", ""},
		};
		for (size_t i = 0; i < NROWS(rep); i++)
			replace_all(k, rep[i][0], rep[i][1]);
		snprintf(key, ksz, "%s", k);
		/* the main part: up to к or с followed by a digit */
		size_t cut = strlen(k);
		for (size_t i = 1; k[i]; i++)
			if ((!strncmp(k + i, "к", 2) || !strncmp(k + i, "с", 2)) &&
			    is_digit(k[i + 2])) {
				cut = i;
				break;
			}
		k[cut] = '\0';
		snprintf(main, msz, "%s", k);
		free(k);
		rc = 0;
	}
	free(f);
	return rc;
}

/* ---- the query ---- */
enum { PART_NONE, PART_STREET, PART_SETTLE };

typedef struct parse {
	osm_addr_query_t *q;
	const char *folded, *buf; /* the text, and the copy the words point into */
	char **w;
	size_t n, i;
	int kind;      /* of the part being read */
	sr_buf_t part; /* its words */
	sr_buf_t house;
	int house_done;
	char settle_word[16]; /* the settlement word of the part, when dotted ("ст") */
} parse_t;

static void end_part(parse_t *ps)
{
	osm_addr_query_t *q = ps->q;
	char *t = ps->part.data;
	if (ps->part.len && ps->kind == PART_STREET && !q->street) {
		q->street = osm_addr_street_key(t, &q->street_type);
	} else if (ps->part.len && ps->kind == PART_SETTLE && !q->settle) {
		q->settle = osm_addr_settle_key(t);
	} else if (ps->part.len && q->n_groups < OSM_ADDR_GROUPS) {
		q->groups[q->n_groups++] = xstrdup(t);
	}
	sr_buf_reset(&ps->part);
	ps->kind = PART_NONE;
}

static void add_word(parse_t *ps, const char *w)
{
	sr_buf_puts(&ps->part, ps->part.len ? " " : "");
	sr_buf_puts(&ps->part, w);
}

/* Is word i a letter word written with a dot after it ("Б.", "Ниж."; not
 * "St.-Georgen", a dot within a name)? */
static int dotted(const parse_t *ps)
{
	const char *t = ps->w[ps->i];
	const char *end = ps->folded + (size_t)(t - ps->buf) + strlen(t);
	return !is_digit(t[0]) && end[0] == '.' && end[1] != '-';
}

/* A word of letters, no part break or number ("" and "5" are none). */
static int is_letter_word(const char *t)
{
	return t[0] && !is_digit(t[0]);
}

static const char *next_word(const parse_t *ps)
{
	return ps->i + 1 < ps->n ? ps->w[ps->i + 1] : "";
}

/* The house number from word i on: the number, then its letter, корпус,
 * строение or литера words; ps->i left on its last word. */
static void read_house(parse_t *ps)
{
	sr_buf_puts(&ps->house, ps->w[ps->i]);
	while (ps->i + 1 < ps->n) {
		const char *t = next_word(ps);
		const char *after = ps->i + 2 < ps->n ? ps->w[ps->i + 2] : "";
		if (is_digit(t[0]) || (t[0] == '/' && t[1]) || sub_attached(t))
			sr_buf_puts(&ps->house, t);
		else if (is_sub_word(t) && (is_digit(after[0]) || one_letter(after)) &&
			 !(is_settle_word(t) && !is_digit(after[0])))
			sr_buf_puts(&ps->house, t);
		else if (one_letter(t) && !is_settle_word(t) && !street_word(t))
			sr_buf_puts(&ps->house, t);
		else
			break;
		ps->i++;
	}
	ps->house_done = 1;
}

/* Does word i begin the house number? */
static int house_starts(parse_t *ps)
{
	const char *t = ps->w[ps->i], *nx = next_word(ps);
	if (ps->house_done)
		return 0;
	if ((!strcmp(t, "д") || !strcmp(t, "дом")) && number_word(nx)) {
		ps->q->marked = 1;
		ps->i++;
		return 1;
	}
	if (!number_word(t))
		return 0;
	/* "ул. 8 Марта": a number before a name in a street's part is its name */
	if (ps->kind == PART_STREET && nx[0] && !is_digit(nx[0]) && !street_word(nx) &&
	    !is_settle_word(nx) && !is_sub_word(nx) && !sub_attached(nx) && !one_letter(nx))
		return 0;
	return 1;
}

static void parse_word(parse_t *ps)
{
	const char *t = ps->w[ps->i];
	const word_t *sw = street_word(t);
	if (!t[0]) { /* a comma */
		end_part(ps);
	} else if (ps->house_done &&
		   (sub_attached(t) || (is_sub_word(t) && is_digit(next_word(ps)[0])))) {
		/* "д. 2/1, стр. 3": a корпус or строение after a comma is the
		 * house's ("с 3" with a number is строение, not село) */
		sr_buf_puts(&ps->house, t);
		if (!sub_attached(t))
			sr_buf_puts(&ps->house, ps->w[++ps->i]);
	} else if (in_list(t, flat_words, NROWS(flat_words)) && is_digit(next_word(ps)[0])) {
		ps->i++; /* "кв. 3": the house is what the bus finds */
	} else if (house_starts(ps)) {
		end_part(ps);
		read_house(ps);
	} else if (is_settle_word(t) && next_word(ps)[0] && !is_digit(next_word(ps)[0]) &&
		   !street_word(next_word(ps)) && (ps->kind != PART_STREET || !ps->part.len)) {
		end_part(ps);
		ps->kind = PART_SETTLE;
		ps->q->marked = 1;
		snprintf(ps->settle_word, sizeof(ps->settle_word), "%s", dotted(ps) ? t : "");
	} else if (sw && ps->kind == PART_SETTLE && ps->part.len && ps->settle_word[0] &&
		   !is_letter_word(next_word(ps))) {
		/* "Ст. Басманная ул., 5": the street word ends the name, so the
		 * settlement word before it was the name's shortened adjective */
		char *name = xstrdup(ps->part.data);
		sr_buf_reset(&ps->part);
		sr_buf_printf(&ps->part, "%s%c %s %s", ps->settle_word, OSM_ADDR_ABBREV, name, t);
		free(name);
		ps->kind = PART_STREET;
	} else if (sw) {
		/* a street word ends a settlement's words: "д. Ивановка ул. Садовая" */
		if (ps->kind == PART_SETTLE && ps->part.len)
			end_part(ps);
		ps->kind = PART_STREET;
		ps->q->marked = 1;
		add_word(ps, t);
	} else {
		add_word(ps, t);
		if (dotted(ps)) /* an abbreviation: "Б." for Большой (osm_addr_street_match) */
			sr_buf_putc(&ps->part, OSM_ADDR_ABBREV);
	}
}

int osm_addr_parse(const char *text, osm_addr_query_t *q)
{
	memset(q, 0, sizeof(*q));
	q->street_type = -1;
	char *f = osm_name_fold(text);
	if (!f)
		return -1;
	parse_t ps = {.q = q, .folded = f};
	char *buf;
	sr_buf_init(&ps.part);
	sr_buf_init(&ps.house);
	ps.n = split_words(f, &buf, &ps.w);
	ps.buf = buf;
	for (ps.i = 0; ps.i < ps.n; ps.i++)
		parse_word(&ps);
	end_part(&ps);
	int rc = -1;
	if (ps.house.len && !osm_addr_number_key(ps.house.data, q->number, sizeof(q->number),
						 q->main, sizeof(q->main)))
		rc = 0;
	sr_buf_free(&ps.part);
	sr_buf_free(&ps.house);
	free(ps.w);
	free(buf);
	free(f);
	return rc;
}

void osm_addr_query_free(osm_addr_query_t *q)
{
	free(q->street);
	free(q->settle);
	for (int i = 0; i < q->n_groups; i++)
		free(q->groups[i]);
	memset(q, 0, sizeof(*q));
}
