/*
 * normalize.c - the forgiving form of a name (osm_name_fold) and the edit
 * distance between two names, for matching what a coordinator types
 * against the map's names.
 *
 * Unicode work is ICU's (the Debian package libicu-dev): NFC composition
 * (unorm2) and full case folding (u_strFoldCase), so Cyrillic, Latin and
 * Greek fold alike ("ПРУДКИ" = "прудки", "Straße" = "strasse"). On top of
 * that, the conventions of Russian place names that Unicode leaves apart:
 * ё is written е (Ефрёмово = Ефремово), stress accents (U+0301, as in the
 * map's "Э́шен") are dropped, typographic and plain quotes are dropped
 * (Стадион «Колос» = Стадион Колос), every dash and hyphen is '-' with no
 * space around it, "№ 2" is "№2", and white space is collapsed. The same
 * idea as Nominatim's "normalization" step before its token lookup.
 *
 * The edit distance is the classic two-row Levenshtein dynamic programme
 * over code points, with an early exit once a whole row exceeds the limit.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include "schoolrun/osm.h"
#include "util/i18n.h"

/* The folded text's own mapping of one code point: -1 to drop it,
 * otherwise the code point to keep (' ' for any space, '-' for any dash). */
static UChar32 map_char(UChar32 c)
{
	switch (c) {
	case 0x0451:
		return 0x0435; /* ё -> е */
	case 0x0301:
	case 0x0300:
		return -1; /* stress accents */
	case 0x00AD:
		return -1; /* soft hyphen */
	case '"':
	case '\'':
	case '`':
	case 0x00AB:
	case 0x00BB:
	case 0x00B4:
	case 0x2039:
	case 0x203A:
	case 0xFF02:
	case 0xFF07:
		return -1; /* quotes */
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212:
	case 0xFE58:
	case 0xFE63:
	case 0xFF0D:
		return '-';
	default:
		break;
	}
	if (c >= 0x2018 && c <= 0x201F)
		return -1; /* ‘ ’ ‚ ‛ “ ” „ ‟ */
	if (u_isUWhiteSpace(c) || c == 0x200B)
		return ' ';
	return c;
}

/* NFC, then full case folding, into a fresh UTF-16 buffer; NULL on
 * invalid UTF-8. */
static UChar *nfc_fold(const char *s, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8(NULL, 0, &n, s, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	st = U_ZERO_ERROR;
	UChar *a = xreallocarray(NULL, (size_t)n + 1, sizeof(UChar));
	u_strFromUTF8(a, n + 1, NULL, s, -1, &st);
	UChar *b = NULL, *c = NULL;
	if (U_FAILURE(st))
		goto out_fail;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st))
		goto out_fail;
	/* composition and folding may each grow the text a little (ß -> ss) */
	int32_t cap = 3 * n + 8;
	b = xreallocarray(NULL, (size_t)cap, sizeof(UChar));
	int32_t nb = unorm2_normalize(nfc, a, n, b, cap, &st);
	if (U_FAILURE(st))
		goto out_fail;
	c = xreallocarray(NULL, (size_t)cap, sizeof(UChar));
	*len = u_strFoldCase(c, cap, b, nb, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
		goto out_fail;
	free(a);
	free(b);
	return c;
out_fail:
	free(a);
	free(b);
	free(c);
	return NULL;
}

char *osm_name_fold(const char *s)
{
	int32_t n;
	UChar *u = nfc_fold(s, &n);
	if (!u)
		return NULL;
	/* code points after the mapping, spaces collapsed */
	UChar32 *cp = xreallocarray(NULL, (size_t)n + 1, sizeof(UChar32));
	int32_t m = 0;
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U16_NEXT(u, i, n, c);
		c = map_char(c);
		if (c < 0)
			continue;
		if (c == ' ' &&
		    (m == 0 || cp[m - 1] == ' ' || cp[m - 1] == '-' || cp[m - 1] == 0x2116))
			continue; /* leading, repeated, after a dash or № */
		if (c == '-' && m > 0 && cp[m - 1] == ' ')
			m--; /* no space before a dash */
		cp[m++] = c;
	}
	if (m > 0 && cp[m - 1] == ' ')
		m--;
	free(u);
	char *out = xmalloc((size_t)m * 4 + 1);
	int32_t k = 0;
	for (int32_t i = 0; i < m; i++) {
		UBool err = 0;
		U8_APPEND((uint8_t *)out, k, m * 4, cp[i], err);
		(void)err;
	}
	out[k] = '\0';
	free(cp);
	return out;
}

/* Code points of a UTF-8 string (invalid bytes count as one each). */
static UChar32 *code_points(const char *s, int32_t *n)
{
	int32_t len = (int32_t)strlen(s), k = 0;
	UChar32 *cp = xreallocarray(NULL, (size_t)len + 1, sizeof(UChar32));
	for (int32_t i = 0; i < len;) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, len, c);
		cp[k++] = c;
	}
	*n = k;
	return cp;
}

int osm_edit_distance(const char *a, const char *b, int limit)
{
	int32_t na, nb;
	UChar32 *x = code_points(a, &na), *y = code_points(b, &nb);
	int d = limit + 1;
	if (abs(na - nb) > limit)
		goto out;
	int *prev = xreallocarray(NULL, (size_t)nb + 1, sizeof(int));
	int *cur = xreallocarray(NULL, (size_t)nb + 1, sizeof(int));
	for (int32_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (int32_t i = 1; i <= na; i++) {
		cur[0] = i;
		int row_min = cur[0];
		for (int32_t j = 1; j <= nb; j++) {
			int v = prev[j - 1] + (x[i - 1] != y[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < row_min)
				row_min = v;
		}
		int *t = prev;
		prev = cur;
		cur = t;
		if (row_min > limit)
			break;
	}
	if (prev[nb] <= limit && na > 0 && prev[0] == na)
		d = prev[nb];
	else if (na == 0)
		d = nb <= limit ? nb : limit + 1;
	free(prev);
	free(cur);
out:
	free(x);
	free(y);
	return d;
}

int osm_closest_word(const char *q, const char *const *cands, size_t n)
{
	int best = -1, best_d = 4;
	size_t len = strlen(q);
	for (size_t i = 0; i < n; i++) {
		int d = len >= 4 && !strncmp(cands[i], q, len) ? 1
							       : osm_edit_distance(q, cands[i], 3);
		if (d < best_d) {
			best_d = d;
			best = (int)i;
		}
	}
	return best;
}

/* The words of a folded name: runs of letters and digits (ICU's
 * u_isalnum), so "№1500" is the word "1500" and "кодокан-2" two words.
 * Returns the count; starts[i] and lens[i] (in code points, into cp). */
static int words_of(const UChar32 *cp, int32_t n, int32_t *starts, int32_t *lens)
{
	int k = 0;
	for (int32_t i = 0; i < n;) {
		while (i < n && !u_isalnum(cp[i]))
			i++;
		if (i >= n)
			break;
		starts[k] = i;
		while (i < n && u_isalnum(cp[i]))
			i++;
		lens[k] = i - starts[k];
		k++;
	}
	return k;
}

/* A word worth matching on: one with a digit, or of three letters or more
 * ("№", "им", "ул" are not). */
static int significant(const UChar32 *w, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		if (u_isdigit(w[i]))
			return 1;
	return n >= 3;
}

/* Do two words match: equal, or (no digits in either) sharing a start of
 * 4 letters or more that leaves at most 2 letters of the shorter, as a
 * cut-off or another case ending does ("Потаповск", "Кодокана",
 * "Потаповского" for "Потаповский"). */
static int word_matches(const UChar32 *a, int32_t na, const UChar32 *b, int32_t nb)
{
	int32_t n = na < nb ? na : nb, p = 0;
	while (p < n && a[p] == b[p])
		p++;
	if (p == na && na == nb)
		return 1;
	if (p < 4 || p < n - 2)
		return 0;
	for (int32_t i = 0; i < na; i++)
		if (u_isdigit(a[i]))
			return 0;
	for (int32_t i = 0; i < nb; i++)
		if (u_isdigit(b[i]))
			return 0;
	return 1;
}

int osm_name_words_match(const char *q, const char *name, int *n_sig, int *name_rest)
{
	int32_t nq, nx;
	UChar32 *a = code_points(q, &nq), *b = code_points(name, &nx);
	int32_t *sa = xreallocarray(NULL, (size_t)nq + 1, 2 * sizeof(int32_t)), *la = sa + nq + 1;
	int32_t *sb = xreallocarray(NULL, (size_t)nx + 1, 2 * sizeof(int32_t)), *lb = sb + nx + 1;
	int ka = words_of(a, nq, sa, la), kb = words_of(b, nx, sb, lb);
	int matched = 0, sig = 0;
	char *hit = xcalloc((size_t)kb + 1, 1);
	for (int i = 0; i < ka; i++) {
		if (!significant(a + sa[i], la[i]))
			continue;
		sig++;
		for (int j = 0; j < kb; j++)
			if (!hit[j] && word_matches(a + sa[i], la[i], b + sb[j], lb[j])) {
				hit[j] = 1;
				matched++;
				break;
			}
	}
	int rest = 0;
	for (int j = 0; j < kb; j++)
		rest += !hit[j] && significant(b + sb[j], lb[j]);
	free(hit);
	free(sa);
	free(sb);
	free(a);
	free(b);
	*n_sig = sig;
	*name_rest = rest;
	return matched;
}

/* The script of a letter, Latin or Cyrillic (ICU's Script property), else
 * USCRIPT_COMMON. */
static UScriptCode latin_or_cyrillic(UChar32 c)
{
	UErrorCode e = U_ZERO_ERROR;
	UScriptCode sc = u_isalpha(c) ? uscript_getScript(c, &e) : USCRIPT_COMMON;
	return U_SUCCESS(e) && (sc == USCRIPT_LATIN || sc == USCRIPT_CYRILLIC) ? sc
									       : USCRIPT_COMMON;
}

/* A name typed with a key of the other keyboard layout looks right and
 * matches nothing: "Altenplоs" with a Cyrillic о, "Cтадион" with a Latin C,
 * and "did you mean Altenplos" alone leaves the coordinator staring at two
 * equal names. The first word of s (a run of letters) that has both Latin
 * and Cyrillic letters is named, with the letters of the script it has
 * fewer of (each once; a tie names the Cyrillic ones). */
void osm_mixed_script_note(sr_buf_t *b, const char *s)
{
	int32_t n = (int32_t)strlen(s), i = 0;
	while (i < n) {
		int32_t w0 = i, w1 = i, cnt[2] = {0, 0};
		UChar32 c;
		for (;;) { /* one word: letters, up to the first other character */
			int32_t at = i;
			if (i >= n)
				break;
			U8_NEXT(s, i, n, c);
			if (c < 0 || !u_isalpha(c)) {
				if (at == w0)
					w0 = i; /* not yet in a word */
				else
					break;
				continue;
			}
			UScriptCode sc = latin_or_cyrillic(c);
			if (sc != USCRIPT_COMMON)
				cnt[sc == USCRIPT_CYRILLIC]++;
			w1 = i;
		}
		if (!cnt[0] || !cnt[1])
			continue;
		UScriptCode few = cnt[1] <= cnt[0] ? USCRIPT_CYRILLIC : USCRIPT_LATIN;
		sr_buf_t letters;
		sr_buf_init(&letters);
		for (int32_t j = w0; j < w1;) {
			int32_t at = j;
			U8_NEXT(s, j, w1, c);
			if (latin_or_cyrillic(c) != few)
				continue;
			int seen = 0;
			for (int32_t k = w0; k < at && !seen;) {
				UChar32 d;
				U8_NEXT(s, k, at, d);
				seen = d == c;
			}
			if (!seen)
				sr_buf_printf(&letters, "%s%.*s", letters.len ? ", " : "",
					      (int)(j - at), s + at);
		}
		const char *fmt;
		if (few == USCRIPT_LATIN)
			/* TRANSLATORS: a word typed on two keyboard layouts; the
			   second %s lists its odd letters */
			fmt = _(" ('%.*s' mixes Latin and Cyrillic letters; Latin here: %s)");
		else
			/* TRANSLATORS: the same, its odd letters Cyrillic */
			fmt = _(" ('%.*s' mixes Latin and Cyrillic letters; Cyrillic here: %s)");
		sr_buf_printf(b, fmt, (int)(w1 - w0), s + w0, letters.data);
		sr_buf_free(&letters);
		return;
	}
}
