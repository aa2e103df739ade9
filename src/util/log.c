/* log.c - leveled messages to stderr; stdout is reserved for results. A
 * warning said once more with the same words is not printed again: a
 * re-plan (--keep) reads the inputs twice, for the plan kept and the plan
 * made anew, and said "the totals row 'Итого' says 181 children…" twice
 * (the Liechtenstein region trial, 2026-12-06). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "schoolrun/util.h"
#include "util/i18n.h"

static int g_level = SR_LOG_WARN;

/* the FNV-1a hashes of the warnings printed so far */
static pthread_mutex_t said_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t *said;
static size_t n_said, cap_said;

void sr_log_set_level(int level)
{
	g_level = level;
}

int sr_log_level(void)
{
	return g_level;
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Whether warning text t was printed before (else it is noted as such). */
static int said_before(const char *t)
{
	uint64_t h = fnv1a(t);
	int seen = 0;
	pthread_mutex_lock(&said_mu);
	for (size_t i = 0; i < n_said && !seen; i++)
		seen = said[i] == h;
	if (!seen) {
		sr_grow(&said, &cap_said, n_said + 1, sizeof(*said));
		said[n_said++] = h;
	}
	pthread_mutex_unlock(&said_mu);
	return seen;
}

void sr_log(int level, const char *fmt, ...)
{
	static const char *names[] = {"", N_("error"), N_("warning"), N_("info"), "debug"};
	if (level > g_level)
		return;
	va_list ap;
	va_start(ap, fmt);
	char text[4096];
	int n = vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (level == SR_LOG_WARN && n >= 0 && (size_t)n < sizeof text && said_before(text))
		return;
	const char *name = names[level < 0 ? 0 : level > 4 ? 4 : level];
	if (n >= 0 && (size_t)n < sizeof text) {
		fprintf(stderr, "schoolrun: %s: %s\n", name[0] ? _(name) : name, text);
		return;
	}
	va_start(ap, fmt); /* longer than the buffer: printed as it comes */
	fprintf(stderr, "schoolrun: %s: ", name[0] ? _(name) : name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
