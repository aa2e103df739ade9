/*
 * search.c - the one-to-all Dijkstra search behind the matrix and the path
 * geometry: a 4-ary heap with decrease-key over the CSR graph (the layout of
 * OSRM's and RoutingKit's plain Dijkstra), with sources and targets in the
 * middle of edges.
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
	q->hpos = xmalloc(n * sizeof(uint32_t));
	q->heap = xmalloc(n * sizeof(uint32_t));
	q->touched = xmalloc(n * sizeof(uint32_t));
	for (size_t v = 0; v < n; v++) {
		q->k1[v] = q->k2[v] = INFINITY;
		q->pred[v] = MQ_NONE;
		q->hpos[v] = MQ_NONE;
	}
	q->hn = q->nt = 0;
}

void mq_free(mq_t *q)
{
	free(q->k1);
	free(q->k2);
	free(q->pred);
	free(q->hpos);
	free(q->heap);
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

static inline int key_less(double a1, double a2, uint32_t a, double b1, double b2, uint32_t b)
{
	if (a1 != b1)
		return a1 < b1;
	if (a2 != b2)
		return a2 < b2;
	return a < b;
}

static inline int node_less(const mq_t *q, uint32_t a, uint32_t b)
{
	return key_less(q->k1[a], q->k2[a], a, q->k1[b], q->k2[b], b);
}

static void sift_up(mq_t *q, uint32_t i)
{
	uint32_t v = q->heap[i];
	while (i > 0) {
		uint32_t p = (i - 1) / 4, pv = q->heap[p];
		if (!node_less(q, v, pv))
			break;
		q->heap[i] = pv;
		q->hpos[pv] = i;
		i = p;
	}
	q->heap[i] = v;
	q->hpos[v] = i;
}

static void sift_down(mq_t *q, uint32_t i)
{
	uint32_t v = q->heap[i];
	for (;;) {
		uint32_t c = 4 * i + 1;
		if (c >= q->hn)
			break;
		uint32_t best = c, end = c + 4 < q->hn ? c + 4 : q->hn;
		for (uint32_t d = c + 1; d < end; d++)
			if (node_less(q, q->heap[d], q->heap[best]))
				best = d;
		if (!node_less(q, q->heap[best], v))
			break;
		q->heap[i] = q->heap[best];
		q->hpos[q->heap[i]] = i;
		i = best;
	}
	q->heap[i] = v;
	q->hpos[v] = i;
}

/* Offers label (a1, a2) to v through edge e. */
static inline void relax(mq_t *q, uint32_t v, double a1, double a2, uint32_t e)
{
	uint32_t hp = q->hpos[v];
	if (hp == MQ_SETTLED)
		return;
	if (!key_less(a1, a2, 0, q->k1[v], q->k2[v], 0))
		return;
	if (q->k1[v] == INFINITY && hp == MQ_NONE)
		q->touched[q->nt++] = v;
	q->k1[v] = a1;
	q->k2[v] = a2;
	q->pred[v] = e;
	if (hp == MQ_NONE) {
		q->heap[q->hn] = v;
		sift_up(q, q->hn++);
	} else {
		sift_up(q, hp);
	}
}

void mq_start(mq_t *q, const mq_pos_t *src)
{
	for (uint32_t i = 0; i < q->nt; i++) {
		uint32_t v = q->touched[i];
		q->k1[v] = q->k2[v] = INFINITY;
		q->pred[v] = MQ_NONE;
		q->hpos[v] = MQ_NONE;
	}
	q->nt = q->hn = 0;
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
	while (q->hn > 0) {
		uint32_t u = q->heap[0];
		q->hpos[u] = MQ_SETTLED;
		if (--q->hn > 0) {
			q->heap[0] = q->heap[q->hn];
			sift_down(q, 0);
		}
		if (need && need[u] && ++got >= n_need)
			break;
		double a1 = q->k1[u], a2 = q->k2[u];
		for (uint32_t e = first_out[u]; e < first_out[u + 1]; e++)
			relax(q, head[e], a1 + w1[e], a2 + w2[e], e);
	}
}

void mq_best(const mq_t *q, const mq_pos_t *src, const mq_pos_t *dst, mq_best_t *b)
{
	b->k1 = b->k2 = INFINITY;
	b->via = b->sp = b->tp = -1;
	/* direct rides first, then through the tail nodes, in a fixed order */
	for (int i = 0; i < src->n; i++)
		for (int j = 0; j < dst->n; j++) {
			uint32_t e = src->edge[i];
			if (dst->edge[j] != e || dst->x[j] < src->x[i])
				continue;
			double d = dst->x[j] - src->x[i];
			double c1 = d * q->w1[e], c2 = d * q->w2[e];
			if (key_less(c1, c2, 0, b->k1, b->k2, 0)) {
				b->k1 = c1;
				b->k2 = c2;
				b->via = -1;
				b->sp = i;
				b->tp = j;
			}
		}
	for (int j = 0; j < dst->n; j++) {
		uint32_t e = dst->edge[j], a = dst->tail[j];
		if (q->k1[a] == INFINITY)
			continue;
		double c1 = q->k1[a] + dst->x[j] * q->w1[e];
		double c2 = q->k2[a] + dst->x[j] * q->w2[e];
		if (key_less(c1, c2, 0, b->k1, b->k2, 0)) {
			b->k1 = c1;
			b->k2 = c2;
			b->via = j;
			b->sp = -1;
			b->tp = j;
		}
	}
}
