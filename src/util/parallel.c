/*
 * parallel.c - the one worker pool: tasks 0..n-1 spread over a few threads
 * that take the next index from a shared atomic counter (the dynamic
 * scheduling of OpenMP's `schedule(dynamic, 1)`, without OpenMP). Each
 * thread may keep its own scratch state (a search queue), made once per
 * thread by the caller's init and given back to its fini. A task must write
 * only what its index owns, so the result never depends on how many threads
 * ran or which thread took which index.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#include "schoolrun/util.h"

#define SR_MAX_THREADS 64

static int g_threads; /* sr_set_threads(); 0: every core */

void sr_set_threads(int n)
{
	g_threads = n > 0 ? n : 0;
}

int sr_threads(int requested, size_t n_tasks)
{
	long t = requested > 0 ? requested : g_threads;
	if (t <= 0)
		t = sysconf(_SC_NPROCESSORS_ONLN);
	if (t < 1)
		t = 1;
	if (t > SR_MAX_THREADS)
		t = SR_MAX_THREADS;
	if (n_tasks > 0 && (size_t)t > n_tasks)
		t = (long)n_tasks;
	return (int)t;
}

typedef struct pool {
	const sr_parallel_t *job;
	atomic_size_t next;
} pool_t;

typedef struct worker {
	pool_t *pool;
	int id;
} worker_t;

static void *work(void *arg)
{
	worker_t *w = arg;
	const sr_parallel_t *job = w->pool->job;
	void *state = job->init ? job->init(job->arg, w->id) : NULL;
	for (;;) {
		size_t i = atomic_fetch_add(&w->pool->next, 1);
		if (i >= job->n)
			break;
		job->task(state, i, job->arg);
	}
	if (job->fini)
		job->fini(state, job->arg);
	return NULL;
}

int sr_parallel_for(const sr_parallel_t *job)
{
	if (job->n == 0)
		return 0;
	int nt = sr_threads(job->threads, job->n);
	pool_t pool = {.job = job};
	atomic_init(&pool.next, 0);
	pthread_t th[SR_MAX_THREADS];
	worker_t w[SR_MAX_THREADS];
	int started = 1;
	for (int t = 1; t < nt; t++) {
		w[t] = (worker_t){&pool, t};
		if (pthread_create(&th[t], NULL, work, &w[t]) != 0)
			break; /* fewer threads: every index is still done */
		started++;
	}
	w[0] = (worker_t){&pool, 0};
	work(&w[0]);
	for (int t = 1; t < started; t++)
		pthread_join(th[t], NULL);
	return started;
}
