/*
 * matrix.c - the many-to-many travel time/distance matrix, by one of two
 * methods that give the same figures (up to float rounding, checked by the
 * tests): one pruned one-to-all Dijkstra per source on the compact CSR graph
 * (search.c), or a contraction hierarchy with bucket many-to-many (ch.c;
 * Geisberger et al. 2008, Knopp et al. 2007, OSRM's table service). Rows
 * are shared among pthreads workers.
 *
 * The choice, measured on liechtenstein-2021 (the largest shared map:
 * 4,719 nodes / 10,371 edges after osm_read() folds degree-2 chains) with
 * tests/bench/bench_matrix.sh, medians of 5 runs on a 2-core machine loaded
 * by other jobs (load average 12, so wall times are ~4x CPU times):
 *
 *   points  one-to-all (2 thr)  CH build + table (2 thr)
 *      100        0.21 s             0.23 s  (build 0.20 s)
 *      500        1.05 s             0.29 s
 *    2,000        4.41 s             1.18 s  (build 0.21-0.27 s)
 *
 * Under light load a one-to-all search took about 0.6 ms of CPU (2,000 x
 * 2,000: about 1.2 s of CPU). On the unfolded graph (23,720 nodes, one
 * thread) 500 x 500 took 8.7 s one-to-all against 1.3 s with the
 * hierarchy, nearly all of it the build. The hierarchy wins from a few hundred points on and its build
 * dominates below, so MAT_AUTO uses it from MAT_CH_MIN_POINTS (400) points
 * on and the plain search below; both stay selectable, they print the same
 * tables, and mat_path() (one search, stopped at the target) agrees bit
 * for bit with the plain search.
 *
 * A search stops once every target's tail nodes are settled (pruning that
 * pays off for small point sets in a large map). Rows are independent: the
 * worker pool (sr_parallel_for) hands out source indices and each task writes
 * only its own row, so results do not depend on the number of threads or on
 * timing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "matrix/internal.h"
#include "util/i18n.h"

void mat_opts_init(mat_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->threads = 0;
	o->metric = MAT_FASTEST;
	o->algo = MAT_AUTO;
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
} job_t;

static void *row_init(void *arg, int worker)
{
	(void)worker;
	const job_t *jb = arg;
	mq_t *q = xmalloc(sizeof(*q));
	mq_init(q, jb->net, jb->metric);
	return q;
}

static void row_free(void *state, void *arg)
{
	(void)arg;
	mq_free(state);
	free(state);
}

/* one row: a search from source i, read at every target */
static void row_task(void *state, size_t i, void *arg)
{
	const job_t *jb = arg;
	mq_t *q = state;
	mq_start(q, &jb->pos[i]);
	mq_run(q, jb->need, jb->n_need);
	double *sec = jb->m->seconds + i * jb->n;
	double *met = jb->m->meters + i * jb->n;
	for (uint32_t j = 0; j < jb->n; j++) {
		mq_best_t b;
		mq_best(q, &jb->pos[i], &jb->pos[j], &b);
		sec[j] = jb->metric == MAT_SHORTEST ? b.k2 : b.k1;
		met[j] = jb->metric == MAT_SHORTEST ? b.k1 : b.k2;
	}
}

int mat_compute(const sr_network_t *net, const net_snap_t *pts, uint32_t n, const mat_opts_t *o,
		sr_matrix_t **out, sr_error_t *err)
{
	mat_opts_t def;
	if (!o) {
		mat_opts_init(&def);
		o = &def;
	}
	*out = NULL;
	if (o->metric != MAT_FASTEST && o->metric != MAT_SHORTEST)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("unknown matrix metric %d"),
				    o->metric);
	if (o->algo != MAT_AUTO && o->algo != MAT_DIJKSTRA && o->algo != MAT_CH)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("unknown matrix algorithm %d"),
				    o->algo);
	if (net->n_edges >= MQ_SEED(0))
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("network too large (%u edges)"),
				    net->n_edges);
	for (uint32_t i = 0; i < n; i++)
		if (pts[i].edge >= net->n_edges || !(pts[i].t >= 0 && pts[i].t <= 1))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("point %u: edge %u / t %g is not on the network"), i,
					    pts[i].edge, pts[i].t);
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

	int nt = sr_threads(o->threads, n);
	int algo = o->algo;
	if (algo == MAT_AUTO)
		algo = n >= MAT_CH_MIN_POINTS ? MAT_CH : MAT_DIJKSTRA;
	if (algo == MAT_CH) {
		double t0 = sr_now();
		mat_ch_t *ch = mat_ch_build(net, o->metric);
		double t1 = sr_now();
		double *k1 = o->metric == MAT_SHORTEST ? m->meters : m->seconds;
		double *k2 = o->metric == MAT_SHORTEST ? m->seconds : m->meters;
		mat_ch_table(ch, net, o->metric, pos, n, nt, k1, k2);
		sr_info(_("contraction hierarchy: %zu edges, built in %.3f s, table in %.3f s"),
			mat_ch_edges(ch), t1 - t0, sr_now() - t1);
		mat_ch_free(ch);
		goto out_done;
	}
	sr_parallel_t job = {.n = n,
			     .threads = nt,
			     .init = row_init,
			     .task = row_task,
			     .fini = row_free,
			     .arg = &jb};
	sr_parallel_for(&job);
out_done:
	free(need);
	free(pos);
	*out = m;
	return SR_OK;
}
