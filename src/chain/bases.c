/* bases.c - the store of root LP bases (chain_bases_t, schoolrun/chain.h):
 * a chaining done again with other costs on the same program starts its
 * simplex where the last one's root LP ended, optimal for the old costs
 * and still primal feasible (the re-optimisation after a change of the
 * objective of textbook sensitivity analysis, e.g. Chvátal, "Linear
 * Programming", 1983, ch. 10; no code taken). Entries are found by a key
 * of the program's structure (buses.c); the store keeps the
 * CHAIN_BASES_MAX most recent, so the same calls in the same order find
 * the same bases. */
#include <stdlib.h>
#include <string.h>
#include "chain/internal.h"

#define CHAIN_BASES_MAX 8

typedef struct base_entry {
	uint64_t key;
	ip_basis_t b;
} base_entry_t;

struct chain_bases {
	base_entry_t e[CHAIN_BASES_MAX];
	int n;
};

chain_bases_t *chain_bases_new(void)
{
	return xcalloc(1, sizeof(chain_bases_t));
}

void chain_bases_free(chain_bases_t *s)
{
	if (!s)
		return;
	for (int k = 0; k < s->n; k++)
		ip_basis_clear(&s->e[k].b);
	free(s);
}

static base_entry_t *find(chain_bases_t *s, uint64_t key)
{
	for (int k = 0; s && k < s->n; k++)
		if (s->e[k].key == key)
			return &s->e[k];
	return NULL;
}

int chain_bases_load(chain_bases_t *s, uint64_t key, ip_model_t *M)
{
	base_entry_t *e = find(s, key);
	return e && ip_basis_set(M, &e->b);
}

void chain_bases_keep(chain_bases_t *s, uint64_t key, ip_basis_t *b)
{
	if (!s || !b->stat)
		return;
	base_entry_t *e = find(s, key);
	if (!e) {
		if (s->n == CHAIN_BASES_MAX) { /* the oldest goes */
			ip_basis_clear(&s->e[0].b);
			memmove(s->e, s->e + 1, sizeof(base_entry_t) * (CHAIN_BASES_MAX - 1));
			s->n--;
		}
		e = &s->e[s->n++];
		memset(e, 0, sizeof(*e));
		e->key = key;
	}
	ip_basis_clear(&e->b);
	e->b = *b; /* takes b's memory */
	memset(b, 0, sizeof(*b));
}

uint64_t chain_bases_mix(uint64_t h, int64_t v)
{
	/* FNV-1a over the value's 8 bytes */
	for (int k = 0; k < 8; k++) {
		h ^= (uint64_t)((v >> (8 * k)) & 0xff);
		h *= 1099511628211ULL;
	}
	return h;
}
