/*
 * search.c - the one-to-all Dijkstra search behind the matrix and the path
 * geometry: a 4-ary heap with lazy deletion (internal.h) over the CSR graph
 * (the layout of OSRM's and RoutingKit's plain Dijkstra), with sources and
 * targets in the middle of edges.
 *
 * A snapped point splits its road: a search leaves it towards the head of
 * its edge (rest of the edge, (1 - t) of its weight) and, on a two-way road,
 * towards the tail (the twin's rest, t of its weight); a target is reached
 * from the tail of either direction, plus the part of the edge up to the
 * point. A source and a target on the same edge, the target ahead, also
 * have the direct ride along the edge. Keys are compared lexicographically
 * (primary metric, secondary metric, node id): labels are then the exact
 * minimum over paths of their float sums, independent of exploration order,
 * and distances along the fastest route are the shortest among equally fast
 * ones.
 */
#include <math.h>
#include <stdlib.h>
#include "matrix/internal.h"

void mq_init(mq_t *q, const sr_network_t *net, int metric)
{
	q->net = net;
	q->n = net->n_nodes;
	q->w1 = metric == MAT_SHORTEST ? net->length_m : net->time_s;
	q->w2 = metric == MAT_SHORTEST ? net->time_s : net->length_m;
	size_t n = (size_t)q->n + 1;
	q->k1 = xmalloc(n * sizeof(double));
	q->k2 = xmalloc(n * sizeof(double));
	q->pred = xmalloc(n * sizeof(uint32_t));
	q->done = xcalloc(n, 1);
	q->heap.cap = (size_t)q->n + 16;
	q->heap.a = xmalloc(q->heap.cap * sizeof(mq_ent_t));
	q->heap.n = 0;
	q->touched = xmalloc(n * sizeof(uint32_t));
	for (size_t v = 0; v < n; v++) {
		q->k1[v] = q->k2[v] = INFINITY;
		q->pred[v] = MQ_NONE;
	}
	q->heap.n = 0;
	q->nt = 0;
}

void mq_free(mq_t *q)
{
	free(q->k1);
	free(q->k2);
	free(q->pred);
	free(q->done);
	free(q->heap.a);
	free(q->touched);
}

void mq_pos_of(const sr_network_t *net, const net_snap_t *p, mq_pos_t *pos)
{
	pos->edge[0] = p->edge;
	pos->x[0] = p->t;
	pos->tail[0] = net_edge_tail(net, p->edge);
	pos->n = 1;
	uint32_t tw = net_edge_twin(net, p->edge);
	if (tw != NET_NO_EDGE) {
		pos->edge[1] = tw;
		pos->x[1] = 1.0 - p->t;
		pos->tail[1] = net->head[p->edge];
		pos->n = 2;
	}
}

/* Offers label (a1, a2) to v through edge e. */
static inline void relax(mq_t *q, uint32_t v, double a1, double a2, uint32_t e)
{
	if (q->done[v] || !mq_key_less(a1, a2, 0, q->k1[v], q->k2[v], 0))
		return;
	if (q->k1[v] == INFINITY)
		q->touched[q->nt++] = v;
	q->k1[v] = a1;
	q->k2[v] = a2;
	q->pred[v] = e;
	mq_heap_push(&q->heap, a1, a2, v);
}

void mq_start(mq_t *q, const mq_pos_t *src)
{
	for (uint32_t i = 0; i < q->nt; i++) {
		uint32_t v = q->touched[i];
		q->k1[v] = q->k2[v] = INFINITY;
		q->pred[v] = MQ_NONE;
		q->done[v] = 0;
	}
	q->nt = 0;
	q->heap.n = 0;
	for (int i = 0; i < src->n; i++) {
		uint32_t e = src->edge[i];
		double r = 1.0 - src->x[i];
		relax(q, q->net->head[e], r * q->w1[e], r * q->w2[e], MQ_SEED(i));
	}
}

void mq_run(mq_t *q, const uint8_t *need, uint32_t n_need)
{
	const uint32_t *first_out = q->net->first_out, *head = q->net->head;
	const float *w1 = q->w1, *w2 = q->w2;
	uint32_t got = 0;
	while (q->heap.n > 0) {
		mq_ent_t x = mq_heap_pop(&q->heap);
		uint32_t u = x.v;
		if (q->done[u] || x.k1 != q->k1[u] || x.k2 != q->k2[u])
			continue; /* stale entry */
		q->done[u] = 1;
		if (need && need[u] && ++got >= n_need)
			break;
		for (uint32_t e = first_out[u]; e < first_out[u + 1]; e++)
			relax(q, head[e], x.k1 + w1[e], x.k2 + w2[e], e);
	}
}

void mq_direct(const mq_pos_t *src, const mq_pos_t *dst, const float *w1, const float *w2,
	       double *k1, double *k2, int *sp, int *tp)
{
	for (int i = 0; i < src->n; i++)
		for (int j = 0; j < dst->n; j++) {
			uint32_t e = src->edge[i];
			if (dst->edge[j] != e || dst->x[j] < src->x[i])
				continue;
			double d = dst->x[j] - src->x[i];
			double c1 = d * w1[e], c2 = d * w2[e];
			if (mq_key_less(c1, c2, 0, *k1, *k2, 0)) {
				*k1 = c1;
				*k2 = c2;
				*sp = i;
				*tp = j;
			}
		}
}

void mq_best(const mq_t *q, const mq_pos_t *src, const mq_pos_t *dst, mq_best_t *b)
{
	b->k1 = b->k2 = INFINITY;
	b->via = b->sp = b->tp = -1;
	/* direct rides first, then through the tail nodes, in a fixed order */
	mq_direct(src, dst, q->w1, q->w2, &b->k1, &b->k2, &b->sp, &b->tp);
	for (int j = 0; j < dst->n; j++) {
		uint32_t e = dst->edge[j], a = dst->tail[j];
		if (q->k1[a] == INFINITY)
			continue;
		double c1 = q->k1[a] + dst->x[j] * q->w1[e];
		double c2 = q->k2[a] + dst->x[j] * q->w2[e];
		if (mq_key_less(c1, c2, 0, b->k1, b->k2, 0)) {
			b->k1 = c1;
			b->k2 = c2;
			b->via = j;
			b->sp = -1;
			b->tp = j;
		}
	}
}
