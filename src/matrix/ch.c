/*
 * ch.c - contraction hierarchies (Geisberger, Sanders, Schultes, Delling,
 * "Contraction Hierarchies", WEA 2008) with the bucket-based many-to-many
 * query (Knopp, Sanders, Schultes, Schulz, Wagner, ALENEX 2007), the
 * approach of OSRM's table service. Kept as the alternative to the plain
 * one-to-all searches of matrix.c, selectable with mat_opts.algo, so that
 * the choice between them is measured rather than guessed (see matrix.c).
 *
 * Preprocessing: nodes are contracted in the order of a lazily updated
 * priority (edge difference plus contracted neighbours); a shortcut u->w is
 * added unless a witness search from u that avoids v (at most 1,000 settled
 * nodes) finds a path at least as good. Keys are the same lexicographic
 * (primary, secondary) pairs as in search.c, so the hierarchy answers the
 * same question: the fastest route, and the shortest among equally fast.
 * Query: a backward upward search from every target fills buckets at the
 * nodes it settles; a forward upward search from every source scans the
 * buckets of the nodes it settles. Sources and targets in the middle of an
 * edge seed the searches with the parts of their edges, as in search.c, and
 * the direct ride along one edge is added at the end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "matrix/internal.h"

typedef struct cedge {
	uint32_t to;
	double w1, w2;
} cedge_t;

typedef struct cvec {
	cedge_t *a;
	size_t n, cap;
} cvec_t;

struct mat_ch {
	uint32_t n;
	uint32_t *up_first, *dn_first; /* CSR: upward out-edges; upward in-edges */
	cedge_t *up, *dn;
};

/* Adds edge (to, w) to v, or improves an existing one to the same node. */
static void cvec_put(cvec_t *v, uint32_t to, double w1, double w2)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->a[i].to == to) {
			if (mq_key_less(w1, w2, 0, v->a[i].w1, v->a[i].w2, 0)) {
				v->a[i].w1 = w1;
				v->a[i].w2 = w2;
			}
			return;
		}
	sr_grow(&v->a, &v->cap, v->n + 1, sizeof(cedge_t));
	v->a[v->n++] = (cedge_t){to, w1, w2};
}

typedef struct builder {
	uint32_t n;
	cvec_t *out, *in;
	uint8_t *done;	   /* contracted */
	uint32_t *deleted; /* contracted neighbours */
	/* witness search */
	double *d1, *d2;
	uint32_t *touched, nt;
	mq_heap_t heap;
} builder_t;

/* Witness search from s avoiding node skip, up to max_k1 and 1000 nodes. */
static void witness(builder_t *b, uint32_t s, uint32_t skip, double max_k1)
{
	for (uint32_t i = 0; i < b->nt; i++)
		b->d1[b->touched[i]] = b->d2[b->touched[i]] = INFINITY;
	b->nt = 0;
	b->heap.n = 0;
	b->d1[s] = b->d2[s] = 0;
	b->touched[b->nt++] = s;
	mq_heap_push(&b->heap, 0, 0, s);
	uint32_t settled = 0;
	while (b->heap.n > 0 && settled < 1000) {
		mq_ent_t x = mq_heap_pop(&b->heap);
		if (x.k1 != b->d1[x.v] || x.k2 != b->d2[x.v])
			continue;
		if (x.k1 > max_k1)
			break;
		settled++;
		const cvec_t *o = &b->out[x.v];
		for (size_t i = 0; i < o->n; i++) {
			uint32_t w = o->a[i].to;
			if (w == skip || b->done[w])
				continue;
			double c1 = x.k1 + o->a[i].w1, c2 = x.k2 + o->a[i].w2;
			if (!mq_key_less(c1, c2, 0, b->d1[w], b->d2[w], 0))
				continue;
			if (b->d1[w] == INFINITY)
				b->touched[b->nt++] = w;
			b->d1[w] = c1;
			b->d2[w] = c2;
			mq_heap_push(&b->heap, c1, c2, w);
		}
	}
}

/* Contracts v (add) or counts the shortcuts it would need; also counts its
 * live edges into *live. */
static uint32_t contract(builder_t *b, uint32_t v, int add, uint32_t *live)
{
	uint32_t shortcuts = 0, edges = 0;
	cvec_t *in = &b->in[v], *out = &b->out[v];
	for (size_t i = 0; i < out->n; i++)
		edges += !b->done[out->a[i].to];
	for (size_t i = 0; i < in->n; i++) {
		uint32_t u = in->a[i].to;
		if (b->done[u])
			continue;
		edges++;
		double max1 = 0;
		for (size_t k = 0; k < out->n; k++)
			if (!b->done[out->a[k].to] && out->a[k].to != u)
				max1 = fmax(max1, in->a[i].w1 + out->a[k].w1);
		witness(b, u, v, max1);
		for (size_t k = 0; k < out->n; k++) {
			uint32_t w = out->a[k].to;
			if (b->done[w] || w == u)
				continue;
			double c1 = in->a[i].w1 + out->a[k].w1, c2 = in->a[i].w2 + out->a[k].w2;
			if (!mq_key_less(c1, c2, 0, b->d1[w], b->d2[w], 0))
				continue; /* a witness at least as good */
			shortcuts++;
			if (add) {
				cvec_put(&b->out[u], w, c1, c2);
				cvec_put(&b->in[w], u, c1, c2);
				/* the vectors of u and w may have moved; v's did not */
			}
		}
	}
	*live = edges;
	return shortcuts;
}

static double priority(builder_t *b, uint32_t v)
{
	uint32_t live;
	uint32_t sc = contract(b, v, 0, &live);
	return (double)sc - (double)live + (double)b->deleted[v];
}

static void to_csr(cvec_t *lists, uint32_t n, uint32_t **first, cedge_t **edges)
{
	size_t total = 0;
	*first = xmalloc(((size_t)n + 1) * sizeof(uint32_t));
	for (uint32_t v = 0; v < n; v++) {
		(*first)[v] = (uint32_t)total;
		total += lists[v].n;
	}
	(*first)[n] = (uint32_t)total;
	*edges = xmalloc((total + 1) * sizeof(cedge_t));
	for (uint32_t v = 0; v < n; v++) {
		if (lists[v].n)
			memcpy(*edges + (*first)[v], lists[v].a, lists[v].n * sizeof(cedge_t));
		free(lists[v].a);
	}
}

mat_ch_t *mat_ch_build(const sr_network_t *net, int metric)
{
	builder_t b;
	memset(&b, 0, sizeof(b));
	uint32_t n = b.n = net->n_nodes;
	size_t n1 = (size_t)n + 1;
	b.out = xcalloc(n1, sizeof(cvec_t));
	b.in = xcalloc(n1, sizeof(cvec_t));
	b.done = xcalloc(n1, 1);
	b.deleted = xcalloc(n1, sizeof(uint32_t));
	b.d1 = xmalloc(n1 * sizeof(double));
	b.d2 = xmalloc(n1 * sizeof(double));
	b.touched = xmalloc(n1 * sizeof(uint32_t));
	for (size_t v = 0; v < n1; v++)
		b.d1[v] = b.d2[v] = INFINITY;
	const float *w1 = metric == MAT_SHORTEST ? net->length_m : net->time_s;
	const float *w2 = metric == MAT_SHORTEST ? net->time_s : net->length_m;
	for (uint32_t u = 0; u < n; u++)
		for (uint32_t e = net->first_out[u]; e < net->first_out[u + 1]; e++) {
			uint32_t v = net->head[e];
			if (v == u)
				continue;
			cvec_put(&b.out[u], v, w1[e], w2[e]);
			cvec_put(&b.in[v], u, w1[e], w2[e]);
		}
	cvec_t *up = xcalloc(n1, sizeof(cvec_t)), *dn = xcalloc(n1, sizeof(cvec_t));
	mq_heap_t order;
	memset(&order, 0, sizeof(order));
	for (uint32_t v = 0; v < n; v++)
		mq_heap_push(&order, priority(&b, v), 0, v);
	while (order.n > 0) {
		mq_ent_t x = mq_heap_pop(&order);
		double p = priority(&b, x.v);
		if (order.n > 0 && p > order.a[0].k1) {
			mq_heap_push(&order, p, 0, x.v); /* lazy update */
			continue;
		}
		uint32_t v = x.v, live;
		/* its remaining edges all lead upwards */
		for (size_t i = 0; i < b.out[v].n; i++)
			if (!b.done[b.out[v].a[i].to])
				cvec_put(&up[v], b.out[v].a[i].to, b.out[v].a[i].w1,
					 b.out[v].a[i].w2);
		for (size_t i = 0; i < b.in[v].n; i++)
			if (!b.done[b.in[v].a[i].to])
				cvec_put(&dn[v], b.in[v].a[i].to, b.in[v].a[i].w1, b.in[v].a[i].w2);
		contract(&b, v, 1, &live);
		b.done[v] = 1;
		for (size_t i = 0; i < b.out[v].n; i++)
			b.deleted[b.out[v].a[i].to]++;
		for (size_t i = 0; i < b.in[v].n; i++)
			b.deleted[b.in[v].a[i].to]++;
	}
	mat_ch_t *ch = xcalloc(1, sizeof(*ch));
	ch->n = n;
	to_csr(up, n, &ch->up_first, &ch->up);
	to_csr(dn, n, &ch->dn_first, &ch->dn);
	for (uint32_t v = 0; v < n; v++) {
		free(b.out[v].a);
		free(b.in[v].a);
	}
	free(up);
	free(dn);
	free(order.a);
	free(b.out);
	free(b.in);
	free(b.done);
	free(b.deleted);
	free(b.d1);
	free(b.d2);
	free(b.touched);
	free(b.heap.a);
	return ch;
}

void mat_ch_free(mat_ch_t *ch)
{
	if (!ch)
		return;
	free(ch->up_first);
	free(ch->dn_first);
	free(ch->up);
	free(ch->dn);
	free(ch);
}

size_t mat_ch_edges(const mat_ch_t *ch)
{
	return (size_t)ch->up_first[ch->n] + ch->dn_first[ch->n];
}

/* an upward search workspace */
typedef struct usearch {
	double *d1, *d2;
	uint8_t *done;
	uint32_t *touched, nt;
	mq_heap_t heap;
} usearch_t;

static void us_init(usearch_t *s, uint32_t n)
{
	memset(s, 0, sizeof(*s));
	s->d1 = xmalloc(((size_t)n + 1) * sizeof(double));
	s->d2 = xmalloc(((size_t)n + 1) * sizeof(double));
	s->done = xcalloc((size_t)n + 1, 1);
	s->touched = xmalloc(((size_t)n + 1) * sizeof(uint32_t));
	for (size_t v = 0; v <= n; v++)
		s->d1[v] = s->d2[v] = INFINITY;
}

static void us_free(usearch_t *s)
{
	free(s->d1);
	free(s->d2);
	free(s->done);
	free(s->touched);
	free(s->heap.a);
}

static void us_seed(usearch_t *s, uint32_t v, double k1, double k2)
{
	if (!mq_key_less(k1, k2, 0, s->d1[v], s->d2[v], 0))
		return;
	if (s->d1[v] == INFINITY)
		s->touched[s->nt++] = v;
	s->d1[v] = k1;
	s->d2[v] = k2;
	mq_heap_push(&s->heap, k1, k2, v);
}

/* Runs an upward search; visit(v, k1, k2, ctx) for every settled node. */
static void us_run(usearch_t *s, const uint32_t *first, const cedge_t *edges,
		   void (*visit)(uint32_t, double, double, void *), void *ctx)
{
	while (s->heap.n > 0) {
		mq_ent_t x = mq_heap_pop(&s->heap);
		if (s->done[x.v] || x.k1 != s->d1[x.v] || x.k2 != s->d2[x.v])
			continue;
		s->done[x.v] = 1;
		visit(x.v, x.k1, x.k2, ctx);
		for (uint32_t i = first[x.v]; i < first[x.v + 1]; i++)
			us_seed(s, edges[i].to, x.k1 + edges[i].w1, x.k2 + edges[i].w2);
	}
	for (uint32_t i = 0; i < s->nt; i++) {
		uint32_t v = s->touched[i];
		s->d1[v] = s->d2[v] = INFINITY;
		s->done[v] = 0;
	}
	s->nt = 0;
}

typedef struct bent {
	uint32_t node, target;
	double k1, k2;
} bent_t;

typedef struct collect {
	bent_t *a;
	size_t n, cap;
	uint32_t target;
} collect_t;

static void visit_collect(uint32_t v, double k1, double k2, void *ctx)
{
	collect_t *c = ctx;
	sr_grow(&c->a, &c->cap, c->n + 1, sizeof(bent_t));
	c->a[c->n++] = (bent_t){v, c->target, k1, k2};
}

typedef struct table {
	const mat_ch_t *ch;
	const sr_network_t *net;
	const float *w1, *w2;
	const mq_pos_t *pos;
	uint32_t n;
	uint32_t *bfirst; /* buckets: CSR over nodes */
	bent_t *bucket;
	double *k1, *k2; /* n x n results */
} table_t;

typedef struct scan {
	const table_t *t;
	double *r1, *r2; /* the row */
} scan_t;

static void visit_scan(uint32_t v, double k1, double k2, void *ctx)
{
	scan_t *s = ctx;
	const table_t *t = s->t;
	for (uint32_t i = t->bfirst[v]; i < t->bfirst[v + 1]; i++) {
		const bent_t *b = &t->bucket[i];
		double c1 = k1 + b->k1, c2 = k2 + b->k2;
		if (mq_key_less(c1, c2, 0, s->r1[b->target], s->r2[b->target], 0)) {
			s->r1[b->target] = c1;
			s->r2[b->target] = c2;
		}
	}
}

static void *table_init(void *arg, int worker)
{
	(void)worker;
	const table_t *t = arg;
	usearch_t *s = xmalloc(sizeof(*s));
	us_init(s, t->ch->n);
	return s;
}

static void table_free(void *state, void *arg)
{
	(void)arg;
	us_free(state);
	free(state);
}

/* one row: the upward search from source i, scanned against the buckets */
static void table_task(void *state, size_t i, void *arg)
{
	table_t *t = arg;
	usearch_t *s = state;
	scan_t sc = {t, t->k1 + i * t->n, t->k2 + i * t->n};
	for (uint32_t j = 0; j < t->n; j++)
		sc.r1[j] = sc.r2[j] = INFINITY;
	const mq_pos_t *p = &t->pos[i];
	for (int k = 0; k < p->n; k++) {
		uint32_t e = p->edge[k];
		double r = 1.0 - p->x[k];
		us_seed(s, t->net->head[e], r * t->w1[e], r * t->w2[e]);
	}
	us_run(s, t->ch->up_first, t->ch->up, visit_scan, &sc);
	/* direct rides along one edge */
	for (uint32_t j = 0; j < t->n; j++) {
		int sp, tp;
		mq_direct(p, &t->pos[j], t->w1, t->w2, &sc.r1[j], &sc.r2[j], &sp, &tp);
	}
}

void mat_ch_table(const mat_ch_t *ch, const sr_network_t *net, int metric, const mq_pos_t *pos,
		  uint32_t n, int threads, double *k1, double *k2)
{
	table_t t;
	memset(&t, 0, sizeof(t));
	t.ch = ch;
	t.net = net;
	t.w1 = metric == MAT_SHORTEST ? net->length_m : net->time_s;
	t.w2 = metric == MAT_SHORTEST ? net->time_s : net->length_m;
	t.pos = pos;
	t.n = n;
	t.k1 = k1;
	t.k2 = k2;
	/* backward searches from the targets fill the buckets */
	usearch_t s;
	us_init(&s, ch->n);
	collect_t c;
	memset(&c, 0, sizeof(c));
	for (uint32_t j = 0; j < n; j++) {
		c.target = j;
		for (int k = 0; k < pos[j].n; k++) {
			uint32_t e = pos[j].edge[k];
			us_seed(&s, pos[j].tail[k], pos[j].x[k] * t.w1[e], pos[j].x[k] * t.w2[e]);
		}
		us_run(&s, ch->dn_first, ch->dn, visit_collect, &c);
	}
	us_free(&s);
	t.bfirst = xcalloc((size_t)ch->n + 2, sizeof(uint32_t));
	for (size_t i = 0; i < c.n; i++)
		t.bfirst[c.a[i].node + 1]++;
	for (uint32_t v = 0; v < ch->n; v++)
		t.bfirst[v + 1] += t.bfirst[v];
	uint32_t *fill = xmalloc(((size_t)ch->n + 1) * sizeof(uint32_t));
	memcpy(fill, t.bfirst, ((size_t)ch->n + 1) * sizeof(uint32_t));
	t.bucket = xmalloc((c.n + 1) * sizeof(bent_t));
	for (size_t i = 0; i < c.n; i++)
		t.bucket[fill[c.a[i].node]++] = c.a[i];
	free(fill);
	free(c.a);
	/* forward searches from the sources, one row each, in parallel */
	sr_parallel_t job = {.n = n,
			     .threads = threads,
			     .init = table_init,
			     .task = table_task,
			     .fini = table_free,
			     .arg = &t};
	sr_parallel_for(&job);
	free(t.bfirst);
	free(t.bucket);
}
