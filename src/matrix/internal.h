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

typedef struct mq {
	const sr_network_t *net;
	const float *w1, *w2;  /* primary and secondary edge weights */
	uint32_t n;
	double *k1, *k2;       /* labels, INFINITY when untouched */
	uint32_t *pred;        /* edge that set the label, or MQ_SEED(k) */
	uint8_t *done;         /* settled */
	mq_ent_t *heap;        /* 4-ary heap with lazy deletion */
	size_t hn, hcap;
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
/* Best way from src to dst after mq_run settled dst's tail nodes. */
void mq_best(const mq_t *q, const mq_pos_t *src, const mq_pos_t *dst, mq_best_t *b);

#endif
