/*
 * input.c - the bytes of an OSM file ("-" = stdin), plain, gzip or bzip2,
 * chosen by the file's first bytes (1f 8b: gzip, "BZh": bzip2), never by its
 * name, read ahead by a feeder thread so that decompression overlaps
 * parsing.
 *
 * Decompression drives zlib's inflate() and libbz2's BZ2_bzDecompress()
 * directly rather than gzread(), so that every way a stream can be damaged
 * is an error: a stream that ends before its end marker (a truncated file,
 * a trailer cut short), a CRC or length that does not match, corrupt data,
 * or bytes after the end that are not another member. Several gzip members
 * (RFC 1952) or bzip2 streams one after another (pbzip2's output) are read
 * as one stream, as gzip(1) and bzip2(1) do.
 *
 * The feeder fills a small ring of blocks (the classic bounded
 * producer/consumer buffer with a mutex and two condition variables, as in
 * libosmium's input queue, much reduced); the parser thread copies out of
 * the block at the head. The bytes delivered are the same whatever the
 * timing, so results stay deterministic.
 *
 * Buffers follow the file: a regular file's read buffer and first block
 * are no bigger than it needs (its size, or a guess from the compressed
 * size), and the feeder's blocks are allocated only when a file needs more
 * than one block, so a small map costs kilobytes, not a megabyte of
 * buffers per pass (the fuzz harness reads thousands of maps a second).
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "osm/internal.h"
#include "util/i18n.h"

#define NBLOCKS 4
#define BLOCK (256 * 1024)
#define RAW (128 * 1024)

enum { Z_NONE, Z_GZIP, Z_BZIP2 };

struct osm_input {
	/* the compressed side: owned by whichever thread fills blocks */
	int fd;
	int kind;
	unsigned char *raw;
	size_t raw_cap, raw_len, raw_pos;
	int raw_eof;
	int in_member; /* inside a gzip member / bzip2 stream */
	int dec_init;
	z_stream z;
	bz_stream bz;

	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t filled, drained;
	char *block[NBLOCKS]; /* allocated when first filled */
	int cap[NBLOCKS], len[NBLOCKS];
	int head, count; /* blocks [head, head+count) are full */
	int pos;	 /* read position in the head block */
	int eof, failed, stop;
	char msg[256];
};

static const char *kind_name(int kind)
{
	return kind == Z_GZIP ? "gzip" : "bzip2";
}

/* Refills raw[] when empty; returns -1 on a read error. */
static int raw_fill(osm_input_t *in)
{
	if (in->raw_pos < in->raw_len || in->raw_eof)
		return 0;
	ssize_t n;
	do
		n = read(in->fd, in->raw, in->raw_cap);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		snprintf(in->msg, sizeof(in->msg), _("read error: %s"), strerror(errno));
		return -1;
	}
	in->raw_len = (size_t)n;
	in->raw_pos = 0;
	in->raw_eof = n == 0;
	return 0;
}

static int dec_fail(osm_input_t *in, const char *what)
{
	snprintf(in->msg, sizeof(in->msg), _("%s data error: %s"), kind_name(in->kind), what);
	return -1;
}

/* Starts the next member when the remaining input begins with one.
 * Returns 1 started, 0 clean end of input, -1 error. */
static int member_start(osm_input_t *in)
{
	if (raw_fill(in))
		return -1;
	if (in->raw_pos == in->raw_len)
		return 0;
	const unsigned char *p = in->raw + in->raw_pos;
	size_t left = in->raw_len - in->raw_pos;
	/* the magic may straddle a refill only for a garbage tail: judge on
	 * what is here (at least one byte) */
	int ok = in->kind == Z_GZIP ? p[0] == 0x1f && (left < 2 || p[1] == 0x8b)
				    : p[0] == 'B' && (left < 2 || p[1] == 'Z');
	if (!ok)
		return dec_fail(in, _("bytes after the end of the compressed stream are not "
				      "another stream (a damaged or padded file)"));
	if (in->kind == Z_GZIP) {
		int rc = in->dec_init ? inflateReset(&in->z) : inflateInit2(&in->z, 15 + 16);
		if (rc != Z_OK)
			return dec_fail(in, _("cannot start zlib"));
	} else {
		if (in->dec_init)
			BZ2_bzDecompressEnd(&in->bz);
		memset(&in->bz, 0, sizeof(in->bz));
		if (BZ2_bzDecompressInit(&in->bz, 0, 0) != BZ_OK)
			return dec_fail(in, _("cannot start libbz2"));
	}
	in->dec_init = 1;
	in->in_member = 1;
	return 1;
}

/* Up to len decompressed bytes into out: n > 0, 0 at a clean end, -1 on an
 * error (message in in->msg). */
static int dec_read(osm_input_t *in, char *out, int len)
{
	int done = 0;
	while (in->kind == Z_NONE && done < len) {
		if (raw_fill(in))
			return -1;
		size_t n = in->raw_len - in->raw_pos;
		if (n == 0)
			return done;
		if (n > (size_t)(len - done))
			n = (size_t)(len - done);
		memcpy(out + done, in->raw + in->raw_pos, n);
		in->raw_pos += n;
		done += (int)n;
	}
	while (done < len) {
		if (!in->in_member) {
			int rc = member_start(in);
			if (rc <= 0)
				return rc < 0 ? -1 : done;
		}
		if (raw_fill(in))
			return -1;
		if (in->raw_pos == in->raw_len)
			return dec_fail(in,
					_("the compressed stream ends early (a truncated file)"));
		size_t avail = in->raw_len - in->raw_pos;
		int end;
		if (in->kind == Z_GZIP) {
			in->z.next_in = in->raw + in->raw_pos;
			in->z.avail_in = (uInt)avail;
			in->z.next_out = (Bytef *)out + done;
			in->z.avail_out = (uInt)(len - done);
			int rc = inflate(&in->z, Z_NO_FLUSH);
			if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
				return dec_fail(
					in,
					rc == Z_MEM_ERROR ? _("out of memory")
					: !in->z.msg	  ? _("corrupt data")
					: !strcmp(in->z.msg, "incorrect data check")
						? _("CRC-32 mismatch (incorrect data check): a damaged file")
					: !strcmp(in->z.msg, "incorrect length check")
						? _("length mismatch (incorrect length check): a damaged file")
						: in->z.msg);
			in->raw_pos += avail - in->z.avail_in;
			done = len - (int)in->z.avail_out;
			end = rc == Z_STREAM_END;
		} else {
			in->bz.next_in = (char *)in->raw + in->raw_pos;
			in->bz.avail_in = (unsigned)avail;
			in->bz.next_out = out + done;
			in->bz.avail_out = (unsigned)(len - done);
			int rc = BZ2_bzDecompress(&in->bz);
			if (rc != BZ_OK && rc != BZ_STREAM_END)
				return dec_fail(
					in, rc == BZ_DATA_ERROR ? _("CRC mismatch or corrupt data")
					    : rc == BZ_DATA_ERROR_MAGIC ? _("not bzip2 data")
					    : rc == BZ_MEM_ERROR	? _("out of memory")
									: _("corrupt data"));
			in->raw_pos += avail - in->bz.avail_in;
			done = len - (int)in->bz.avail_out;
			end = rc == BZ_STREAM_END;
		}
		if (end)
			in->in_member = 0;
	}
	return done;
}

/* Fills the block at tail; returns 1 at the end (or an error), with the
 * lock held by the caller. */
static int fill(osm_input_t *in, int tail, int n)
{
	if (n < 0)
		in->failed = in->eof = 1;
	else if (n == 0)
		in->eof = 1;
	else {
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
		if (!in->block[tail]) {
			in->block[tail] = xmalloc(BLOCK);
			in->cap[tail] = BLOCK;
		}
		int n = dec_read(in, in->block[tail], in->cap[tail]);
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

/* The first block's size: a regular file's size (+ 1, so that a file that
 * fits is seen to end), or for compressed data a generous guess from its
 * size (OSM XML compresses about tenfold); a full first block only means
 * the feeder takes over with full-size blocks. */
static int first_block_cap(int kind, size_t size)
{
	if (size == 0 || size >= BLOCK)
		return BLOCK;
	size_t guess = kind == Z_NONE ? size + 1 : 16 * size + 4096;
	return guess < BLOCK ? (int)guess : BLOCK;
}

int osm_input_open(const char *path, osm_input_t **out, sr_error_t *err)
{
	*out = NULL;
	int is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return sr_error_set(err, SR_EIO, is_stdin ? "<stdin>" : path, 0,
				    _("cannot open: %s"), strerror(errno));
	osm_input_t *in = xcalloc(1, sizeof(*in));
	in->fd = fd;
	struct stat st;
	size_t size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
	/* + 1: the read that finds the end fits too */
	in->raw_cap = size && size < RAW ? size + 1 : RAW;
	in->raw = xmalloc(in->raw_cap);
	pthread_mutex_init(&in->mu, NULL);
	pthread_cond_init(&in->filled, NULL);
	pthread_cond_init(&in->drained, NULL);
	*out = in;
	if (raw_fill(in)) {
		in->failed = in->eof = 1;
		return SR_OK; /* reported by the first read */
	}
	const unsigned char *p = in->raw;
	if (in->raw_len >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		in->kind = Z_GZIP;
	else if (in->raw_len >= 3 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h')
		in->kind = Z_BZIP2;
	/* the first block in this thread: a small file needs no feeder */
	in->cap[0] = first_block_cap(in->kind, size);
	in->block[0] = xmalloc((size_t)in->cap[0]);
	int n = dec_read(in, in->block[0], in->cap[0]);
	fill(in, 0, n);
	if (n == in->cap[0] && !in->eof) {
		if (pthread_create(&in->thread, NULL, feeder, in) == 0)
			in->started = 1;
		else
			in->eof = in->failed = 1,
			snprintf(in->msg, sizeof(in->msg), _("cannot start a thread"));
	} else if (n > 0) {
		/* a short block comes only at the end: check there is nothing
		 * after it (a damaged tail) */
		char c;
		int m = dec_read(in, &c, 1);
		if (m != 0)
			in->failed = 1;
		if (m > 0)
			snprintf(in->msg, sizeof(in->msg),
				 _("internal error: short block before the end"));
		in->eof = 1;
	}
	return SR_OK;
}

size_t osm_input_peek(osm_input_t *in, const char **p)
{
	/* before the first read, block 0 is the head and complete */
	if (in->count == 0) {
		*p = "";
		return 0;
	}
	*p = in->block[in->head] + in->pos;
	return (size_t)(in->len[in->head] - in->pos);
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

int osm_input_drain(osm_input_t *in)
{
	char buf[4096];
	int n;
	while ((n = osm_input_read(in, buf, sizeof(buf))) > 0)
		;
	return n < 0 || osm_input_error(in) ? -1 : 0;
}

const char *osm_input_error(const osm_input_t *in)
{
	if (in->msg[0])
		return in->msg;
	return in->failed ? "read error" : NULL;
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
	if (in->dec_init && in->kind == Z_GZIP)
		inflateEnd(&in->z);
	else if (in->dec_init)
		BZ2_bzDecompressEnd(&in->bz);
	close(in->fd);
	free(in->raw);
	for (int i = 0; i < NBLOCKS; i++)
		free(in->block[i]);
	pthread_mutex_destroy(&in->mu);
	pthread_cond_destroy(&in->filled);
	pthread_cond_destroy(&in->drained);
	free(in);
}
