/*
 * addr_find.h - what the address lookup (addr_find.c) and its error
 * messages (addr_errors.c) share. Not a public interface.
 */
#ifndef SR_OSM_ADDR_FIND_H
#define SR_OSM_ADDR_FIND_H

#include "osm/internal.h"

typedef struct look {
	const sr_map_t *m;
	const osm_addr_index_t *x;
	const char *query;
	osm_addr_query_t q;
	char *street;		 /* the street's key; NULL: a street-less (addr:place) address */
	int street_type;	 /* -1 */
	char *settle;		 /* the settlement's key, NULL when not given */
	const osm_address_t **c; /* the candidates */
	size_t n, cap;
} look_t;

/* The addresses on the street (or, street-less, of the settlement) into
 * L->c (appended). */
void addr_street_candidates(look_t *L);
/* The settlement of a candidate as the messages name it ("?" when none). */
const char *addr_settle_of(const look_t *L, const osm_address_t *a);

/* The errors, each SR_EINPUT with its message in err: no such street (or
 * street-less settlement), the street not in the settlement asked, no
 * such number on the street (the candidates are the street's addresses),
 * one street and number in several places (the candidates are those). */
int addr_err_street(const look_t *L, sr_error_t *err);
int addr_err_settle(const look_t *L, sr_error_t *err);
int addr_err_number(const look_t *L, sr_error_t *err);
int addr_err_ambiguous(const look_t *L, sr_error_t *err);
/* SR_OK when the candidates are of one street, else SR_EINPUT naming the
 * streets an abbreviated one may be ("М. Златоустинский": Малый or ...). */
int addr_check_one_street(const look_t *L, sr_error_t *err);

#endif
