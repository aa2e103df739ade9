/*
 * matrix.c - the many-to-many travel time/distance matrix: one pruned
 * one-to-all Dijkstra per source (search.c) on the compact CSR graph, the
 * sources shared among pthreads workers.
 *
 * Why not contraction hierarchies with bucket many-to-many (Geisberger et
 * al. 2008; Knopp et al. 2007, OSRM's table service)? Because the graphs
 * here are small once degree-2 chains are folded, and the table is square.
 * MEASUREMENTS: to be filled in.
 * independent Dijkstra. A search stops once every target's tail nodes are
 * settled (pruning that pays off for small point sets in a large map).
 *
 * Rows are independent: a worker takes the next source index from a shared
 * counter and writes only its own row, so results do not depend on the
 * number of threads or on timing.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "matrix/internal.h"

void mat_opts_init(mat_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->threads = 0;
	o->metric = MAT_FASTEST;
}

void mat_free(sr_matrix_t *m)
{
	if (!m)
		return;
	free(m->seconds);
	free(m->meters);
	free(m);
}

typedef struct job {
	const sr_network_t *net;
	const mq_pos_t *pos;
	uint32_t n;
	int metric;
	const uint8_t *need;
	uint32_t n_need;
	sr_matrix_t *m;
	pthread_mutex_t lock;
	uint32_t next;
} job_t;

static void *worker(void *arg)
{
	job_t *jb = arg;
	mq_t q;
	mq_init(&q, jb->net, jb->metric);
	for (;;) {
		pthread_mutex_lock(&jb->lock);
		uint32_t i = jb->next++;
		pthread_mutex_unlock(&jb->lock);
		if (i >= jb->n)
			break;
		mq_start(&q, &jb->pos[i]);
		mq_run(&q, jb->need, jb->n_need);
		double *sec = jb->m->seconds + (size_t)i * jb->n;
		double *met = jb->m->meters + (size_t)i * jb->n;
		for (uint32_t j = 0; j < jb->n; j++) {
			mq_best_t b;
			mq_best(&q, &jb->pos[i], &jb->pos[j], &b);
			sec[j] = jb->metric == MAT_SHORTEST ? b.k2 : b.k1;
			met[j] = jb->metric == MAT_SHORTEST ? b.k1 : b.k2;
		}
	}
	mq_free(&q);
	return NULL;
}

int mat_compute(const sr_network_t *net, const net_snap_t *pts, uint32_t n,
		const mat_opts_t *o, sr_matrix_t **out, sr_error_t *err)
{
	mat_opts_t def;
	if (!o) {
		mat_opts_init(&def);
		o = &def;
	}
	*out = NULL;
	if (o->metric != MAT_FASTEST && o->metric != MAT_SHORTEST)
		return sr_error_set(err, SR_EINPUT, NULL, 0, "unknown matrix metric %d", o->metric);
	for (uint32_t i = 0; i < n; i++)
		if (pts[i].edge >= net->n_edges || !(pts[i].t >= 0 && pts[i].t <= 1))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    "point %u: edge %u / t %g is not on the network",
					    i, pts[i].edge, pts[i].t);
	sr_matrix_t *m = xcalloc(1, sizeof(*m));
	m->n = n;
	m->seconds = xreallocarray(NULL, (size_t)n * n + 1, sizeof(double));
	m->meters = xreallocarray(NULL, (size_t)n * n + 1, sizeof(double));

	job_t jb;
	memset(&jb, 0, sizeof(jb));
	jb.net = net;
	jb.n = n;
	jb.metric = o->metric;
	jb.m = m;
	mq_pos_t *pos = xreallocarray(NULL, (size_t)n + 1, sizeof(mq_pos_t));
	uint8_t *need = xcalloc((size_t)net->n_nodes + 1, 1);
	for (uint32_t i = 0; i < n; i++) {
		mq_pos_of(net, &pts[i], &pos[i]);
		for (int k = 0; k < pos[i].n; k++)
			if (!need[pos[i].tail[k]]) {
				need[pos[i].tail[k]] = 1;
				jb.n_need++;
			}
	}
	jb.pos = pos;
	jb.need = need;
	pthread_mutex_init(&jb.lock, NULL);

	long nt = o->threads;
	if (nt <= 0)
		nt = sysconf(_SC_NPROCESSORS_ONLN);
	if (nt < 1)
		nt = 1;
	if (nt > 64)
		nt = 64;
	if ((uint32_t)nt > n)
		nt = n ? n : 1;
	pthread_t th[64];
	long started = 0;
	for (long t = 1; t < nt; t++) {
		if (pthread_create(&th[t], NULL, worker, &jb) != 0)
			break; /* fewer threads; the rows still all get done */
		started++;
	}
	worker(&jb);
	for (long t = 1; t <= started; t++)
		pthread_join(th[t], NULL);
	pthread_mutex_destroy(&jb.lock);
	free(need);
	free(pos);
	*out = m;
	return SR_OK;
}
