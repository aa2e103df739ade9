/*
 * input.c - the bytes of an OSM file, plain or gzip ("-" = stdin), read
 * ahead by a feeder thread so that decompression overlaps XML parsing.
 *
 * zlib's gzread() passes plain files through unchanged, so one path serves
 * both. The feeder fills a small ring of blocks (the classic bounded
 * producer/consumer buffer with a mutex and two condition variables, as in
 * libosmium's input queue, much reduced); the parser thread copies out of
 * the block at the head. The bytes delivered are the same whatever the
 * timing, so results stay deterministic.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "osm/internal.h"

#define NBLOCKS 4
#define BLOCK (256 * 1024)

struct osm_input {
	gzFile gz;
	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t filled, drained;
	char *block[NBLOCKS];
	int len[NBLOCKS];
	int head, count;   /* blocks [head, head+count) are full */
	int pos;           /* read position in the head block */
	int eof, failed, stop;
	char msg[256];
};

/* zlib prefixes its messages with the file name; ours name it already */
static const char *zmsg(gzFile gz, int *zerr)
{
	const char *m = gzerror(gz, zerr);
	const char *p = strstr(m, ": ");
	return p ? p + 2 : m;
}

/* Fills the block at tail; returns 1 at the end (or an error), with the
 * lock held by the caller. */
static int fill(osm_input_t *in, int tail, int n)
{
	int zerr;
	if (n < 0) {
		snprintf(in->msg, sizeof(in->msg), "gzip data error: %s", zmsg(in->gz, &zerr));
		in->failed = in->eof = 1;
	} else if (n == 0) {
		const char *m = zmsg(in->gz, &zerr);
		if (zerr != Z_OK) {
			snprintf(in->msg, sizeof(in->msg), "gzip data error: %s", m);
			in->failed = 1;
		}
		in->eof = 1;
	} else {
		in->len[tail] = n;
		in->count++;
	}
	return in->eof;
}

static void *feeder(void *arg)
{
	osm_input_t *in = arg;
	int tail = 1; /* block 0 was filled by osm_input_open() (the consumer
			 may have drained it already: do not derive from count) */
	for (;;) {
		pthread_mutex_lock(&in->mu);
		while (in->count == NBLOCKS && !in->stop)
			pthread_cond_wait(&in->drained, &in->mu);
		int stop = in->stop;
		pthread_mutex_unlock(&in->mu);
		if (stop)
			break;
		/* slot tail is outside [head, head+count): ours alone */
		int n = gzread(in->gz, in->block[tail], BLOCK);
		pthread_mutex_lock(&in->mu);
		int done = fill(in, tail, n);
		if (n > 0)
			tail = (tail + 1) % NBLOCKS;
		pthread_cond_signal(&in->filled);
		pthread_mutex_unlock(&in->mu);
		if (done)
			break;
	}
	return NULL;
}

int osm_input_open(const char *path, osm_input_t **out, sr_error_t *err)
{
	*out = NULL;
	gzFile gz;
	errno = 0;
	if (!strcmp(path, "-")) {
		int fd = dup(0);
		gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
		if (!gz && fd >= 0)
			close(fd);
	} else {
		gz = gzopen(path, "rb");
	}
	if (!gz)
		return sr_error_set(err, SR_EIO, strcmp(path, "-") ? path : "<stdin>", 0,
				    "cannot open: %s", errno ? strerror(errno) : "out of memory");
	gzbuffer(gz, 1 << 17);
	osm_input_t *in = xcalloc(1, sizeof(*in));
	in->gz = gz;
	for (int i = 0; i < NBLOCKS; i++)
		in->block[i] = xmalloc(BLOCK);
	pthread_mutex_init(&in->mu, NULL);
	pthread_cond_init(&in->filled, NULL);
	pthread_cond_init(&in->drained, NULL);
	/* the first block in this thread: a small file needs no feeder */
	int n = gzread(gz, in->block[0], BLOCK);
	fill(in, 0, n);
	if (n == BLOCK && !in->eof) {
		if (pthread_create(&in->thread, NULL, feeder, in) == 0)
			in->started = 1;
		else
			in->eof = in->failed = 1, snprintf(in->msg, sizeof(in->msg), "cannot start a thread");
	} else if (n > 0) {
		in->eof = 1; /* gzread returns a short block only at the end */
	}
	*out = in;
	return SR_OK;
}

int osm_input_read(osm_input_t *in, char *buf, int len)
{
	int done = 0;
	while (done < len) {
		pthread_mutex_lock(&in->mu);
		while (in->count == 0 && !in->eof)
			pthread_cond_wait(&in->filled, &in->mu);
		if (in->count == 0) {
			int failed = in->failed;
			pthread_mutex_unlock(&in->mu);
			return failed && done == 0 ? -1 : done;
		}
		int h = in->head;
		pthread_mutex_unlock(&in->mu);
		int n = in->len[h] - in->pos;
		if (n > len - done)
			n = len - done;
		memcpy(buf + done, in->block[h] + in->pos, (size_t)n);
		done += n;
		in->pos += n;
		if (in->pos == in->len[h]) {
			pthread_mutex_lock(&in->mu);
			in->head = (in->head + 1) % NBLOCKS;
			in->count--;
			in->pos = 0;
			pthread_cond_signal(&in->drained);
			pthread_mutex_unlock(&in->mu);
		}
		if (done > 0)
			break; /* hand over what we have */
	}
	return done;
}

const char *osm_input_error(const osm_input_t *in)
{
	return in->msg[0] ? in->msg : NULL;
}

void osm_input_close(osm_input_t *in)
{
	if (!in)
		return;
	if (in->started) {
		pthread_mutex_lock(&in->mu);
		in->stop = 1;
		pthread_cond_signal(&in->drained);
		pthread_mutex_unlock(&in->mu);
		pthread_join(in->thread, NULL);
	}
	gzclose(in->gz);
	for (int i = 0; i < NBLOCKS; i++)
		free(in->block[i]);
	pthread_mutex_destroy(&in->mu);
	pthread_cond_destroy(&in->filled);
	pthread_cond_destroy(&in->drained);
	free(in);
}
