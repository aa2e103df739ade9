/*
 * pbf.c - OSM PBF (the binary format every regional download offers) into
 * the element sink (sink.c), one pass, so everything downstream is the same
 * as for XML.
 *
 * The format, as described on the OpenStreetMap wiki ("PBF Format"): a
 * sequence of blocks, each a 4-byte big-endian header length, a
 * BlockHeader (type and size) and a Block holding the contents raw or
 * zlib-compressed. The first is the file header (the features a reader
 * must support); the others hold a string table (tag keys, values and
 * relation roles are indices into it), a coordinate granularity and offset
 * (position = offset + granularity * value, in nanodegrees), and groups of
 * plain nodes, dense nodes (parallel delta-coded columns of ids, lats and
 * lons; tags as 0-terminated key/value index lists), ways (delta-coded node
 * refs) or relations (delta-coded member ids with kinds and roles). The
 * messages are decoded by protobuf-c from schoolrun's own .proto files
 * (src/osm/proto, compiled by protoc-c at build time).
 *
 * Damage is an error, never a shorter map: a block cut short, a header or
 * block over the format's size limits (64 KiB, 32 MiB), a decompressed size
 * other than announced, a string index outside the table, member lists of
 * unequal lengths, a position outside the globe, a required feature this
 * reader does not know (history files, for one).
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "osm/internal.h"
#include "pbf_file.pb-c.h"
#include "pbf_data.pb-c.h"
#include "util/i18n.h"

#define MAX_HEADER (64 * 1024)
#define MAX_BODY (32 * 1024 * 1024)

/* Where a decoded data block's memory comes from: a bump allocator reset
 * for each block, so decoding costs no malloc per string or array and the
 * memory is that of the largest block. */
typedef struct bump {
	unsigned char **chunk;
	size_t *size;
	size_t n, cur, used;
} bump_t;

static void *bump_alloc(void *data, size_t n)
{
	bump_t *a = data;
	n = (n + 15) & ~(size_t)15;
	while (a->cur < a->n && a->used + n > a->size[a->cur]) {
		a->cur++;
		a->used = 0;
	}
	if (a->cur == a->n) {
		/* chunks grow 64 KB, 128 KB ... 1 MB: a small file's blocks
		 * need no megabyte */
		size_t grow = a->n < 4 ? (size_t)64 << 10 << a->n : (size_t)1 << 20;
		size_t sz = n > grow ? n : grow;
		a->chunk = xrealloc(a->chunk, (a->n + 1) * sizeof(*a->chunk));
		a->size = xrealloc(a->size, (a->n + 1) * sizeof(*a->size));
		a->chunk[a->n] = xmalloc(sz);
		a->size[a->n] = sz;
		a->n++;
		a->used = 0;
	}
	void *ptr = a->chunk[a->cur] + a->used;
	a->used += n;
	return ptr;
}

static void bump_free(void *data, void *ptr)
{
	(void)data;
	(void)ptr; /* all at once, by bump_reset */
}

static void bump_reset(bump_t *a)
{
	a->cur = a->used = 0;
}

static void bump_done(bump_t *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->chunk[i]);
	free(a->chunk);
	free(a->size);
}

typedef struct pbf {
	osm_input_t *in;
	const char *path;
	osm_sink_t *sink;
	sr_error_t *err;
	long block;	 /* 1-based, for messages */
	uint64_t offset; /* byte offset of the current block */
	unsigned char *buf, *data;
	size_t cap_buf, cap_data;
	/* per data block: key index of each string (-2 = not looked up yet) */
	signed char *key;
	size_t cap_key;
	bump_t arena;
	ProtobufCAllocator alloc;
} pbf_t;

static int pbf_fail(pbf_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int pbf_fail(pbf_t *p, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sr_error_set(p->err, SR_EINPUT, p->path, 0, _("PBF block %ld (byte %llu): %s"),
			    p->block, (unsigned long long)p->offset, msg);
}

/* Reads exactly n bytes; returns how many were read (< n at the end), or
 * -1 on an input error. */
static long read_exact(pbf_t *p, unsigned char *buf, size_t n)
{
	size_t done = 0;
	while (done < n) {
		size_t want = n - done > (1u << 30) ? (1u << 30) : n - done;
		int r = osm_input_read(p->in, (char *)buf + done, (int)want);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (long)done;
}

static int input_fail(pbf_t *p)
{
	return pbf_fail(p, "%s", osm_input_error(p->in) ? osm_input_error(p->in) : _("read error"));
}

/* The block's contents, decompressed, into p->data; *n its size. */
static int block_data(pbf_t *p, const Srpbf__Block *b, const unsigned char **out, size_t *n)
{
	if (b->has_raw) {
		*out = b->raw.data;
		*n = b->raw.len;
		return SR_OK;
	}
	if (!b->has_zlib_data) {
		const char *how = b->has_lzma_data	  ? "lzma"
				  : b->has_lz4_data	  ? "lz4"
				  : b->has_zstd_data	  ? "zstd"
				  : b->has_old_bzip2_data ? "bzip2"
							  : NULL;
		if (how)
			return pbf_fail(p,
					_("compressed with %s, which this reader does not read "
					  "(`osmium cat -o out.osm.pbf` rewrites it with zlib)"),
					how);
		return pbf_fail(p, _("a block without data"));
	}
	if (!b->has_raw_size || b->raw_size < 0 || b->raw_size > MAX_BODY)
		return pbf_fail(p, _("zlib data without a valid decompressed size"));
	size_t want = (size_t)b->raw_size;
	sr_grow(&p->data, &p->cap_data, want + 1, 1);
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return pbf_fail(p, _("cannot start zlib"));
	z.next_in = b->zlib_data.data;
	z.avail_in = (uInt)b->zlib_data.len;
	z.next_out = p->data;
	z.avail_out = (uInt)want + 1; /* one spare byte: a longer stream is caught */
	int rc = inflate(&z, Z_FINISH);
	size_t got = want + 1 - z.avail_out;
	const char *zmsg = z.msg;
	inflateEnd(&z);
	if (rc != Z_STREAM_END)
		return pbf_fail(p, _("zlib data error: %s"),
				rc == Z_BUF_ERROR && got > want ? _("more data than announced")
				: zmsg				? zmsg
								: _("truncated or corrupt data"));
	if (got != want)
		return pbf_fail(p, _("zlib data is %zu bytes, the block announces %zu"), got, want);
	*out = p->data;
	*n = got;
	return SR_OK;
}

static int check_header(pbf_t *p, const unsigned char *d, size_t n)
{
	Srpbf__FileHeader *h = srpbf__file_header__unpack(NULL, n, d);
	if (!h)
		return pbf_fail(p, _("the file header cannot be decoded (damaged file)"));
	int rc = SR_OK;
	for (size_t i = 0; i < h->n_required_features && rc == SR_OK; i++) {
		const char *f = h->required_features[i];
		if (strcmp(f, "OsmSchema-V0.6") && strcmp(f, "DenseNodes"))
			rc = pbf_fail(
				p,
				_("the file needs the feature '%s', which this reader does not "
				  "support%s"),
				f,
				!strcmp(f, "HistoricalInformation")
					? _(" (a history file: `osmium time-filter` makes a map of one "
					    "date)")
					: "");
	}
	srpbf__file_header__free_unpacked(h, NULL);
	return rc;
}

/* ---- data blocks ---- */

typedef struct blockctx {
	pbf_t *p;
	const Srpbf__DataBlock *b;
	size_t n_str;
	int64_t gran, lat_off, lon_off;
} blockctx_t;

/* The sink's key index of string i (< n_str), looked up once a block. */
static int key_of(blockctx_t *c, uint32_t i)
{
	signed char *k = &c->p->key[i];
	if (*k == -2) {
		const ProtobufCBinaryData *s = &c->b->strings->s[i];
		char buf[32];
		if (s->len == 0 || s->len >= sizeof(buf)) {
			*k = -1;
		} else {
			memcpy(buf, s->data, s->len);
			buf[s->len] = '\0';
			*k = (signed char)osm_tag_key(buf);
		}
	}
	return *k;
}

static int sink_rc(blockctx_t *c, int rc)
{
	return rc == SR_OK ? SR_OK : pbf_fail(c->p, "%s", c->p->sink->msg);
}

/* One tag, handed to the sink (which counts every tag); its strings are
 * looked up only when the sink wants tags now (want). */
static int tag(blockctx_t *c, int want, uint32_t k, uint32_t v)
{
	if (k >= c->n_str || v >= c->n_str)
		return pbf_fail(
			c->p,
			_("a tag's string index %u is outside the string table (%zu entries)"),
			k >= c->n_str ? k : v, c->n_str);
	int key = want ? key_of(c, k) : -1;
	const ProtobufCBinaryData *s = &c->b->strings->s[v];
	return sink_rc(c, osm_sink_tag(c->p->sink, key, (const char *)s->data, s->len));
}

static int tags(blockctx_t *c, size_t nk, const uint32_t *k, size_t nv, const uint32_t *v)
{
	if (nk != nv)
		return pbf_fail(c->p, _("%zu tag keys but %zu values"), nk, nv);
	int want = osm_sink_wants_tags(c->p->sink);
	for (size_t i = 0; i < nk; i++)
		if (tag(c, want, k[i], v[i]))
			return SR_EINPUT;
	return SR_OK;
}

/* offset + granularity * v nanodegrees -> 1e-7 degrees, within +-lim. */
static int coord(blockctx_t *c, int64_t v, int64_t off, int lim, const char *what, int64_t id,
		 int32_t *out)
{
	int64_t nd;
	if (__builtin_mul_overflow(c->gran, v, &nd) || __builtin_add_overflow(nd, off, &nd) ||
	    nd < -(int64_t)lim * 1000000000 || nd > (int64_t)lim * 1000000000)
		return pbf_fail(c->p, _("node %lld: %s out of range (-%d..%d)"), (long long)id,
				what, lim, lim);
	/* to 1e-7 degrees, rounded half away from zero */
	*out = (int32_t)(nd >= 0 ? (nd + 50) / 100 : -((-nd + 50) / 100));
	return SR_OK;
}

static int node(blockctx_t *c, int64_t id, int64_t lat, int64_t lon, int32_t *la, int32_t *lo)
{
	if (coord(c, lat, c->lat_off, 90, "lat", id, la) ||
	    coord(c, lon, c->lon_off, 180, "lon", id, lo))
		return SR_EINPUT;
	return sink_rc(c, osm_sink_node(c->p->sink, id, *la, *lo));
}

static int dense(blockctx_t *c, const Srpbf__DenseNodeList *d)
{
	osm_sink_t *s = c->p->sink;
	if (d->n_lat != d->n_id || d->n_lon != d->n_id)
		return pbf_fail(c->p, _("dense nodes: %zu ids, %zu lats, %zu lons"), d->n_id,
				d->n_lat, d->n_lon);
	int64_t id = 0, lat = 0, lon = 0;
	size_t j = 0, nkv = d->n_keys_vals;
	for (size_t i = 0; i < d->n_id; i++) {
		id += d->id[i];
		lat += d->lat[i];
		lon += d->lon[i];
		int32_t la, lo;
		if (node(c, id, lat, lon, &la, &lo))
			return SR_EINPUT;
		if (nkv > 0) {
			int want = osm_sink_wants_tags(s);
			for (;;) {
				if (j >= nkv)
					return pbf_fail(c->p,
							_("dense nodes: the tag list ends early"));
				if (d->keys_vals[j] == 0) {
					j++;
					break;
				}
				if (j + 1 >= nkv || d->keys_vals[j] < 0 || d->keys_vals[j + 1] < 0)
					return pbf_fail(c->p, _("dense nodes: a damaged tag list"));
				if (tag(c, want, (uint32_t)d->keys_vals[j],
					(uint32_t)d->keys_vals[j + 1]))
					return SR_EINPUT;
				j += 2;
			}
		}
		if (sink_rc(c, osm_sink_end(s)))
			return SR_EINPUT;
	}
	return SR_OK;
}

static int group(blockctx_t *c, const Srpbf__Group *g)
{
	osm_sink_t *s = c->p->sink;
	for (size_t i = 0; i < g->n_nodes; i++) {
		const Srpbf__PlainNode *n = g->nodes[i];
		int32_t la, lo;
		if (node(c, n->id, n->lat, n->lon, &la, &lo) ||
		    tags(c, n->n_keys, n->keys, n->n_vals, n->vals) || sink_rc(c, osm_sink_end(s)))
			return SR_EINPUT;
	}
	if (g->dense && dense(c, g->dense))
		return SR_EINPUT;
	for (size_t i = 0; i < g->n_ways; i++) {
		const Srpbf__PlainWay *w = g->ways[i];
		if (sink_rc(c, osm_sink_way(s, w->id)) ||
		    tags(c, w->n_keys, w->keys, w->n_vals, w->vals))
			return SR_EINPUT;
		if (!s->skip) {
			int64_t ref = 0;
			for (size_t k = 0; k < w->n_refs; k++)
				if (sink_rc(c, osm_sink_way_ref(s, ref += w->refs[k])))
					return SR_EINPUT;
		}
		if (sink_rc(c, osm_sink_end(s)))
			return SR_EINPUT;
	}
	for (size_t i = 0; i < g->n_relations; i++) {
		const Srpbf__PlainRelation *r = g->relations[i];
		if (sink_rc(c, osm_sink_relation(s, r->id)) ||
		    tags(c, r->n_keys, r->keys, r->n_vals, r->vals))
			return SR_EINPUT;
		if (r->n_roles != r->n_member_ids || r->n_member_kinds != r->n_member_ids)
			return pbf_fail(
				c->p, _("relation %lld: %zu member ids, %zu kinds, %zu roles"),
				(long long)r->id, r->n_member_ids, r->n_member_kinds, r->n_roles);
		int64_t ref = 0;
		for (size_t k = 0; k < r->n_member_ids && !s->skip; k++) {
			ref += r->member_ids[k];
			int role = r->roles[k];
			if (role < 0 || (size_t)role >= c->n_str)
				return pbf_fail(
					c->p,
					_("relation %lld: role index %d outside the string table"),
					(long long)r->id, role);
			int kind = r->member_kinds[k];
			if (kind < 0 || kind > 2)
				return pbf_fail(c->p, _("relation %lld: unknown member kind %d"),
						(long long)r->id, kind);
			const ProtobufCBinaryData *rs = &c->b->strings->s[role];
			osm_sink_member(s, "nwr"[kind], ref, (const char *)rs -> data, rs -> len);
		}
		if (sink_rc(c, osm_sink_end(s)))
			return SR_EINPUT;
	}
	return SR_OK;
}

static int data_block(pbf_t *p, const unsigned char *d, size_t n)
{
	bump_reset(&p->arena);
	Srpbf__DataBlock *b = srpbf__data_block__unpack(&p->alloc, n, d);
	if (!b)
		return pbf_fail(p, _("a data block cannot be decoded (damaged file)"));
	blockctx_t c = {.p = p,
			.b = b,
			.n_str = b->strings->n_s,
			.gran = b->granularity,
			.lat_off = b->lat_offset,
			.lon_off = b->lon_offset};
	int rc = SR_OK;
	if (c.gran <= 0)
		rc = pbf_fail(p, _("granularity %lld is not positive"), (long long)c.gran);
	sr_grow(&p->key, &p->cap_key, c.n_str + 1, 1);
	memset(p->key, -2, c.n_str + 1);
	for (size_t i = 0; i < b->n_groups && rc == SR_OK; i++)
		rc = group(&c, b->groups[i]);
	return rc; /* b's memory: reused by the next block */
}

int osm_pbf_pass(osm_input_t *in, const char *path, osm_sink_t *s, sr_error_t *err)
{
	pbf_t p = {.in = in, .path = path, .sink = s, .err = err};
	p.alloc = (ProtobufCAllocator){bump_alloc, bump_free, &p.arena};
	int rc = SR_OK;
	for (;;) {
		unsigned char len4[4];
		p.block++;
		long r = read_exact(&p, len4, 4);
		if (r == 0)
			break; /* the clean end */
		if (r < 0) {
			rc = input_fail(&p);
			goto out_free;
		}
		if (r < 4) {
			rc = pbf_fail(
				&p, _("the file ends inside a block's length (a truncated file)"));
			goto out_free;
		}
		uint32_t hlen = (uint32_t)len4[0] << 24 | (uint32_t)len4[1] << 16 |
				(uint32_t)len4[2] << 8 | len4[3];
		if (hlen > MAX_HEADER) {
			rc = pbf_fail(&p,
				      _("a block header of %u bytes (the format allows 64 KiB): "
					"not PBF or damaged"),
				      hlen);
			goto out_free;
		}
		sr_grow(&p.buf, &p.cap_buf, hlen + 1, 1);
		r = read_exact(&p, p.buf, hlen);
		if (r < 0 || (size_t)r < hlen) {
			rc = r < 0 ? input_fail(&p)
				   : pbf_fail(&p, _("the file ends inside a block header "
						    "(a truncated file)"));
			goto out_free;
		}
		Srpbf__BlockHeader *h = srpbf__block_header__unpack(NULL, hlen, p.buf);
		if (!h) {
			rc = pbf_fail(&p, _("a block header cannot be decoded (damaged file)"));
			goto out_free;
		}
		int is_header = !strcmp(h->kind, "OSMHeader"),
		    is_data = !strcmp(h->kind, "OSMData");
		int32_t size = h->body_size;
		srpbf__block_header__free_unpacked(h, NULL);
		if (size < 0 || size > MAX_BODY) {
			rc = pbf_fail(&p, _("a block of %d bytes (the format allows 32 MiB)"),
				      size);
			goto out_free;
		}
		if (p.block == 1 && !is_header) {
			rc = pbf_fail(&p, _("the first block is not the file header (OSMHeader)"));
			goto out_free;
		}
		sr_grow(&p.buf, &p.cap_buf, (size_t)size + 1, 1);
		r = read_exact(&p, p.buf, (size_t)size);
		if (r < 0 || r < size) {
			rc = r < 0 ? input_fail(&p)
				   : pbf_fail(&p, _("the file ends inside a block "
						    "(a truncated file)"));
			goto out_free;
		}
		if (is_header || is_data) { /* other kinds: skipped, as the format says */
			Srpbf__Block *b = srpbf__block__unpack(NULL, (size_t)size, p.buf);
			if (!b) {
				rc = pbf_fail(&p, _("a block cannot be decoded (damaged file)"));
				goto out_free;
			}
			const unsigned char *d = NULL;
			size_t n = 0;
			rc = block_data(&p, b, &d, &n);
			if (rc == SR_OK)
				rc = is_header ? check_header(&p, d, n) : data_block(&p, d, n);
			srpbf__block__free_unpacked(b, NULL);
			if (rc != SR_OK)
				goto out_free;
		}
		p.offset += 4 + hlen + (uint64_t)size;
	}
	if (p.block == 1)
		rc = sr_error_set(err, SR_EINPUT, path, 0, _("empty file"));
out_free:
	bump_done(&p.arena);
	free(p.buf);
	free(p.data);
	free(p.key);
	return rc;
}
