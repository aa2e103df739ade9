/*
 * gen_names.h - Russian names for the synthetic district: villages (a stem
 * with its grammatical gender, optionally with an agreeing adjective such as
 * "Большая"/"Большое"), streets, towns and facility names, and a Latin
 * transliteration for name:en.
 *
 * The transliteration follows the BGN/PCGN 1947 system for Russian in its
 * simplified form (no apostrophes for ь/ъ, "ye" for е at the start of a word
 * or after a vowel), which is what OpenStreetMap's name:en usually carries
 * for small Russian settlements.
 */
#ifndef GEN_NAMES_H
#define GEN_NAMES_H

#include <stddef.h>
#include "schoolrun/util.h"

/* Village name stems and the adjectives that may precede them. */
size_t gen_n_village_stems(void);
size_t gen_n_village_adjectives(void);

/* The name made of stem `stem` and adjective `adj` (-1: none), the
 * adjective agreeing with the stem's gender and number ("Большая Ивановка",
 * "Большое Никольское", "Большие Горки"). Returns a newly allocated UTF-8
 * string; distinct (stem, adj) pairs give distinct names. */
char *gen_village_name(size_t stem, int adj);

/* Town names (place=town), n of them. */
extern const char *const gen_town_names[];
extern const size_t gen_n_town_names;

/* Street names for villages and the town. */
extern const char *const gen_street_names[];
extern const size_t gen_n_street_names;

/* Names in guillemets for facilities: stadiums, sports schools, pools,
 * kindergartens, sports centres, depots. */
extern const char *const gen_stadium_names[];
extern const size_t gen_n_stadium_names;
extern const char *const gen_sports_school_names[];
extern const size_t gen_n_sports_school_names;
extern const char *const gen_pool_names[];
extern const size_t gen_n_pool_names;
extern const char *const gen_kindergarten_names[];
extern const size_t gen_n_kindergarten_names;
extern const char *const gen_sports_centre_names[];
extern const size_t gen_n_sports_centre_names;

/* Appends the Latin transliteration of UTF-8 text s to b. Characters
 * outside the Russian alphabet pass through, except the guillemets « »
 * (ASCII double quotes) and № ("No."). */
void gen_translit(sr_buf_t *b, const char *s);

/* Newly allocated transliteration of s. */
char *gen_translit_dup(const char *s);

#endif
