/* internal.h - the search shared by the matrix and the path code: one
 * Dijkstra workspace per thread over the network's CSR arrays, with
 * lexicographic keys (primary metric, then the other one, then node id) so
 * that every label and every pop order depends only on the graph and the
 * source, never on threads or timing. */
#ifndef SR_MATRIX_INTERNAL_H
#define SR_MATRIX_INTERNAL_H

#include <stdint.h>
#include "schoolrun/matrix.h"

#define MQ_NONE UINT32_MAX
/* pred of a node seeded from source position k (edge ids stay below) */
#define MQ_SEED(k) (UINT32_MAX - 4 + (uint32_t)(k))

typedef struct mq_ent {
	double k1, k2;
	uint32_t v;
} mq_ent_t;

/* Lexicographic key order: primary, secondary, then node id. */
static inline int mq_key_less(double a1, double a2, uint32_t a, double b1, double b2, uint32_t b)
{
	if (a1 != b1)
		return a1 < b1;
	if (a2 != b2)
		return a2 < b2;
	return a < b;
}

/* A 4-ary min-heap of (key, node) entries with lazy deletion: a node may sit
 * in it more than once, and an entry whose key is no longer the node's
 * label is skipped when popped; the keys sit next to each other in memory. */
typedef struct mq_heap {
	mq_ent_t *a;
	size_t n, cap;
} mq_heap_t;

static inline int mq_ent_less(const mq_ent_t *a, const mq_ent_t *b)
{
	return mq_key_less(a->k1, a->k2, a->v, b->k1, b->k2, b->v);
}

static inline void mq_heap_push(mq_heap_t *h, double k1, double k2, uint32_t v)
{
	if (h->n == h->cap)
		sr_grow(&h->a, &h->cap, h->n + 1, sizeof(mq_ent_t));
	mq_ent_t x = {k1, k2, v};
	size_t i = h->n++;
	while (i > 0) {
		size_t p = (i - 1) / 4;
		if (!mq_ent_less(&x, &h->a[p]))
			break;
		h->a[i] = h->a[p];
		i = p;
	}
	h->a[i] = x;
}

static inline mq_ent_t mq_heap_pop(mq_heap_t *h)
{
	mq_ent_t top = h->a[0], x = h->a[--h->n];
	size_t i = 0, n = h->n;
	for (;;) {
		size_t c = 4 * i + 1;
		if (c >= n)
			break;
		size_t best = c, end = c + 4 < n ? c + 4 : n;
		for (size_t d = c + 1; d < end; d++)
			if (mq_ent_less(&h->a[d], &h->a[best]))
				best = d;
		if (!mq_ent_less(&h->a[best], &x))
			break;
		h->a[i] = h->a[best];
		i = best;
	}
	if (n > 0)
		h->a[i] = x;
	return top;
}

typedef struct mq {
	const sr_network_t *net;
	const float *w1, *w2; /* primary and secondary edge weights */
	uint32_t n;
	double *k1, *k2; /* labels, INFINITY when untouched */
	uint32_t *pred;	 /* edge that set the label, or MQ_SEED(k) */
	uint8_t *done;	 /* settled */
	mq_heap_t heap;
	uint32_t *touched, nt;
} mq_t;

/* A snapped point as positions on directed edges: (edge, fraction) for the
 * snapped edge and, when two-way, (twin, 1 - t). */
typedef struct mq_pos {
	uint32_t edge[2];
	uint32_t tail[2];
	double x[2];
	int n;
} mq_pos_t;

/* The best way to reach a target: a direct ride along one edge
 * (via == -1, on source position sp and target position tp) or through the
 * tail node of target position tp (via == tp). */
typedef struct mq_best {
	double k1, k2;
	int via, sp, tp;
} mq_best_t;

void mq_init(mq_t *q, const sr_network_t *net, int metric);
void mq_free(mq_t *q);
void mq_pos_of(const sr_network_t *net, const net_snap_t *p, mq_pos_t *pos);
/* Clears the labels of the previous search and seeds one from pos. */
void mq_start(mq_t *q, const mq_pos_t *src);
/* Runs until the heap is empty or all n_need nodes flagged in need are
 * settled. */
void mq_run(mq_t *q, const uint8_t *need, uint32_t n_need);
/* Improves (*k1, *k2) by a direct ride from src to dst along one edge
 * (same edge, dst ahead); *sp and *tp get the positions used. */
void mq_direct(const mq_pos_t *src, const mq_pos_t *dst, const float *w1, const float *w2,
	       double *k1, double *k2, int *sp, int *tp);
/* Best way from src to dst after mq_run settled dst's tail nodes. */
void mq_best(const mq_t *q, const mq_pos_t *src, const mq_pos_t *dst, mq_best_t *b);

/* ---- contraction hierarchies (ch.c), the alternative to one-to-all ---- */
typedef struct mat_ch mat_ch_t;
/* Builds the hierarchy for the metric (MAT_FASTEST / MAT_SHORTEST). */
mat_ch_t *mat_ch_build(const sr_network_t *net, int metric);
void mat_ch_free(mat_ch_t *ch);
/* Number of upward plus downward edges (original and shortcuts). */
size_t mat_ch_edges(const mat_ch_t *ch);
/* Fills the n x n keys k1 (primary) and k2 (secondary) between points. */
void mat_ch_table(const mat_ch_t *ch, const sr_network_t *net, int metric, const mq_pos_t *pos,
		  uint32_t n, int threads, double *k1, double *k2);

#endif
