/* cmd_matrix.c - `schoolrun matrix MAP --points POINTS.csv`: the road travel
 * time and distance between every pair of points, as CSV rows
 * from,to,seconds,meters (libcsv, written atomically) or as JSON.
 *
 * POINTS.csv has a header and either `id,lat,lon` or `id,place` columns
 * (both kinds may be mixed when all three are present: a row's place wins
 * when given). A place is an OSM id (n123, w45, r6) or an exact name, looked
 * up by osm_find() with places first. Every point is snapped to the main
 * road network; one farther than --max-snap-m is an error naming it.
 *
 * For benchmarks and comparisons, --sample N replaces --points with N points
 * taken from the map itself: its places, then its destinations (those that
 * snap onto the main network within the limit), then seeded random points
 * on main roads; --points-out saves them as id,lat,lon. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/commands.h"
#include "cli/options.h"
#include "schoolrun/io.h"
#include "schoolrun/matrix.h"
#include "schoolrun/osm.h"
#include "util/i18n.h"

typedef struct pt {
	const char *id;
	const char *place; /* the place column when given, else NULL */
	long line;
	double lat, lon;
	net_snap_t snap;
} pt_t;

#define MATRIX_SYNOPSIS                                                  \
	N_("usage: schoolrun matrix MAP --points POINTS.csv [options]\n" \
	   "       schoolrun matrix MAP --sample N [options]\n"          \
	   "  MAP                       OSM XML (.osm, .osm.gz, .osm.bz2) or PBF (.osm.pbf)\n")
static const char *const matrix_flags[] = {
	"points",    "out",	  "json",   "max-snap-m", "allow-tracks",  "speed-cap",
	"shortest",  "threads",	  "sample", "seed",	  "points-out",	   "stats",
	"ch",	     "dijkstra",  "bbox",   "max-map-mb", "max-way-nodes", "max-tags",
	"max-attrs", "max-depth", NULL};

/* Reads and resolves the points file. */
static int read_points(const char *path, const sr_map_t *map, double max_snap_m, sr_csv_t **csv_out,
		       pt_t **out, uint32_t *n_out, sr_error_t *err)
{
	sr_csv_t *csv = NULL;
	pt_t *pts = NULL;
	int rc = sr_csv_read(path, 1, &csv, err);
	if (rc != SR_OK)
		return rc;
	*csv_out = csv;
	if (csv->n_rows == 0)
		return sr_error_set(err, SR_EINPUT, path, 0,
				    _("empty points file: expected a header "
				      "id,lat,lon or id,place and at least one row"));
	const sr_csv_row_t *h = &csv->rows[0];
	int c_id = sr_csv_col(h, "id"), c_lat = sr_csv_col(h, "lat"), c_lon = sr_csv_col(h, "lon");
	int c_place = sr_csv_col(h, "place");
	if (c_id < 0 || (c_place < 0 && (c_lat < 0 || c_lon < 0)))
		return sr_error_set(err, SR_EINPUT, path, h->line,
				    _("header must name the columns id,lat,lon or id,place"));
	if (csv->n_rows == 1)
		return sr_error_set(err, SR_EINPUT, path, h->line, _("no points after the header"));
	if (csv->n_rows - 1 > CLI_MAX_POINTS)
		return sr_error_set(err, SR_EINPUT, path, 0,
				    _("%zu points: at most %d (the table "
				      "holds n * n entries)"),
				    csv->n_rows - 1, CLI_MAX_POINTS);
	uint32_t n = (uint32_t)(csv->n_rows - 1);
	pts = xcalloc(n, sizeof(pt_t));
	*out = pts;
	*n_out = n;
	const osm_stats_t *st = &map->stats;
	/* the map's road extent, widened by the snapping limit */
	double mlat = max_snap_m / 111195.0;
	double mlon =
		mlat / fmax(0.05, cos(0.5 * (st->min_lat + st->max_lat) * 3.14159265358979 / 180));
	for (uint32_t i = 0; i < n; i++) {
		const sr_csv_row_t *r = &csv->rows[i + 1];
		pt_t *p = &pts[i];
		p->line = r->line;
		if (r->n != h->n)
			return sr_error_set(err, SR_EINPUT, path, r->line,
					    _("%d fields, the header has %d"), r->n, h->n);
		p->id = r->fields[c_id];
		if (!*p->id)
			return sr_error_set(err, SR_EINPUT, path, r->line, _("empty id"));
		for (uint32_t k = 0; k < i; k++)
			if (!strcmp(pts[k].id, p->id))
				return sr_error_set(err, SR_EINPUT, path, r->line,
						    _("duplicate id '%s' (first on line %ld)"),
						    p->id, pts[k].line);
		const char *place = c_place >= 0 ? r->fields[c_place] : "";
		if (*place) {
			osm_feature_t f;
			rc = osm_find(map, place, OSM_FIND_PICKUP, &f, err);
			if (rc != SR_OK) {
				char msg[sizeof(err->msg)];
				snprintf(msg, sizeof(msg), "%s", err->msg);
				return sr_error_set(err, rc, path, r->line, _("point '%s': %s"),
						    p->id, msg);
			}
			p->lat = f.lat;
			p->lon = f.lon;
			p->place = place;
		} else {
			const char *vla = c_lat >= 0 ? r->fields[c_lat] : "";
			const char *vlo = c_lon >= 0 ? r->fields[c_lon] : "";
			if (sr_parse_double(vla, &p->lat) != 0 || fabs(p->lat) > 90)
				return sr_error_set(err, SR_EINPUT, path, r->line,
						    _("point '%s': bad lat '%s'"), p->id, vla);
			if (sr_parse_double(vlo, &p->lon) != 0 || fabs(p->lon) > 180)
				return sr_error_set(err, SR_EINPUT, path, r->line,
						    _("point '%s': bad lon '%s'"), p->id, vlo);
		}
		if (p->lat < st->min_lat - mlat || p->lat > st->max_lat + mlat ||
		    p->lon < st->min_lon - mlon || p->lon > st->max_lon + mlon)
			return sr_error_set(
				err, SR_EINPUT, path, r->line,
				_("point '%s' (%.6f, %.6f) lies outside the map's extent "
				  "(lat %.4f..%.4f, lon %.4f..%.4f)"),
				p->id, p->lat, p->lon, st->min_lat, st->max_lat, st->min_lon,
				st->max_lon);
	}
	return SR_OK;
}

static int snap_points(const sr_network_t *net, const char *path, pt_t *pts, uint32_t n,
		       double max_snap_m, sr_error_t *err)
{
	net_snapper_t *s = net_snapper_new(net, 1);
	int rc = SR_OK;
	sr_buf_t far;
	sr_buf_init(&far);
	long first_line = 0;
	uint32_t n_far = 0;
	for (uint32_t i = 0; i < n && rc == SR_OK; i++) {
		rc = net_snap(s, pts[i].lat, pts[i].lon, &pts[i].snap, err);
		if (rc != SR_OK) {
			char msg[sizeof(err->msg)];
			snprintf(msg, sizeof(msg), "%s", err->msg);
			sr_error_set(err, rc, path, pts[i].line, _("point '%s': cannot snap: %s"),
				     pts[i].id, msg);
			break;
		}
		if (pts[i].snap.dist_m > max_snap_m) {
			if (n_far < 20)
				sr_buf_printf(
					&far, _("%s'%s'%s%s%s (line %ld) %.0f m"),
					n_far ? "; " : "", pts[i].id, pts[i].place ? " (" : "",
					pts[i].place ? pts[i].place : "", pts[i].place ? ")" : "",
					pts[i].line, pts[i].snap.dist_m);
			if (!n_far)
				first_line = pts[i].line;
			n_far++;
		} else if (pts[i].snap.off_main) {
			sr_warn(_("point '%s': its nearest road is cut off from the main network; "
				  "snapped %.0f m away to the main network"),
				pts[i].id, pts[i].snap.dist_m);
		}
	}
	if (rc == SR_OK && n_far)
		rc = sr_error_set(err, SR_EINPUT, path, first_line,
				  _n("%u point farther than %.0f m from a road: %s%s",
				     "%u points farther than %.0f m from a road: %s%s", n_far),
				  n_far, max_snap_m, far.data, n_far > 20 ? "; ..." : "");
	sr_buf_free(&far);
	net_snapper_free(s);
	return rc;
}

/* A value rounded to 0.1 with the trailing ".0" left out ("" when not
 * finite). Written by hand: printf's exact float formatting was a third of
 * the run time of a 2,000-point table. */
static const char *fmt1(char *buf, double v)
{
	if (!isfinite(v)) {
		buf[0] = '\0';
		return buf;
	}
	if (fabs(v) >= 1e15) {
		snprintf(buf, 32, "%.1f", v);
		return buf;
	}
	long long t = llround(v * 10.0);
	char tmp[32];
	int n = 0, neg = t < 0;
	unsigned long long u = neg ? (unsigned long long)(-t) : (unsigned long long)t;
	if (u % 10) {
		tmp[n++] = (char)('0' + u % 10);
		tmp[n++] = '.';
	}
	u /= 10;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg && (n > 1 || tmp[0] != '0'))
		tmp[n++] = '-';
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

static int write_csv(FILE *fp, const pt_t *pts, const sr_matrix_t *m)
{
	const char *hdr[4] = {"from", "to", "seconds", "meters"};
	int rc = sr_csv_write_row(fp, hdr, 4);
	char a[32], b[32];
	for (uint32_t i = 0; i < m->n && rc == 0; i++)
		for (uint32_t j = 0; j < m->n && rc == 0; j++) {
			size_t k = (size_t)i * m->n + j;
			const char *f[4] = {pts[i].id, pts[j].id, fmt1(a, m->seconds[k]),
					    fmt1(b, m->meters[k])};
			rc = sr_csv_write_row(fp, f, 4);
		}
	return rc;
}

static void write_json(sr_buf_t *o, const pt_t *pts, const sr_matrix_t *m)
{
	sr_buf_puts(o, "{\"ids\": [");
	for (uint32_t i = 0; i < m->n; i++) {
		sr_buf_puts(o, i ? ", " : "");
		sr_buf_json_str(o, pts[i].id);
	}
	for (int which = 0; which < 2; which++) {
		const double *v = which ? m->meters : m->seconds;
		sr_buf_puts(o, which ? "],\n \"meters\": [" : "],\n \"seconds\": [");
		for (uint32_t i = 0; i < m->n; i++) {
			sr_buf_puts(o, i ? ",\n  [" : "\n  [");
			for (uint32_t j = 0; j < m->n; j++) {
				char b[32];
				double x = v[(size_t)i * m->n + j];
				sr_buf_puts(o, j ? ", " : "");
				sr_buf_puts(o, isfinite(x) ? fmt1(b, x) : "null");
			}
			sr_buf_putc(o, ']');
		}
	}
	sr_buf_puts(o, "],\n \"snap_m\": [");
	for (uint32_t i = 0; i < m->n; i++) {
		sr_buf_puts(o, i ? ", " : "");
		sr_buf_num(o, pts[i].snap.dist_m, 1);
	}
	sr_buf_puts(o, "]}\n");
}

/* The point at fraction t along edge e (haversine lengths, as snapping). */
static void point_on_edge(const sr_network_t *net, uint32_t e, double t, double *lat, double *lon)
{
	uint32_t u = net_edge_tail(net, e), g0 = net->geom_first[e];
	uint32_t np = net->geom_first[e + 1] - g0 + 2;
	double total = 0, la[2], lo[2];
	for (int pass = 0; pass < 2; pass++) {
		double walked = 0;
		for (uint32_t k = 0; k + 1 < np; k++) {
			for (int h = 0; h < 2; h++) {
				uint32_t q = k + (uint32_t)h;
				la[h] = q == 0	      ? net->lat[u]
					: q == np - 1 ? net->lat[net->head[e]]
						      : net->geom_lat[g0 + q - 1];
				lo[h] = q == 0	      ? net->lon[u]
					: q == np - 1 ? net->lon[net->head[e]]
						      : net->geom_lon[g0 + q - 1];
			}
			double l = sr_haversine_m(la[0], lo[0], la[1], lo[1]);
			if (pass == 1 && (walked + l >= t * total || k + 2 == np)) {
				double f = l > 0 ? (t * total - walked) / l : 0;
				f = f < 0 ? 0 : f > 1 ? 1 : f;
				*lat = la[0] + f * (la[1] - la[0]);
				*lon = lo[0] + f * (lo[1] - lo[0]);
				return;
			}
			walked += l;
		}
		total = walked;
	}
	*lat = net->lat[u];
	*lon = net->lon[u];
}

static int sample_points(const sr_map_t *map, uint32_t n, uint64_t seed, double max_snap_m,
			 pt_t **out, char ***ids_out, sr_error_t *err)
{
	const sr_network_t *net = map->net;
	if (net->n_edges == 0 || net->largest_comp_size < 2)
		return sr_error_set(err, SR_EINPUT, map->path, 0, _("no road network to sample"));
	pt_t *pts = xcalloc(n ? n : 1, sizeof(pt_t));
	char **ids = xcalloc(n ? n : 1, sizeof(char *));
	net_snapper_t *s = net_snapper_new(net, 1);
	uint32_t k = 0;
	const osm_feature_t *lists[2] = {map->places, map->dests};
	size_t counts[2] = {map->n_places, map->n_dests};
	char buf[64];
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l] && k < n; i++) {
			const osm_feature_t *f = &lists[l][i];
			net_snap_t sn;
			if (net_snap(s, f->lat, f->lon, &sn, NULL) != SR_OK || sn.off_main ||
			    sn.dist_m > max_snap_m)
				continue;
			snprintf(buf, sizeof(buf), "%c%lld", f->type, (long long)f->id);
			int dup = 0;
			for (uint32_t j = 0; j < k && !dup; j++)
				dup = !strcmp(ids[j], buf);
			if (dup)
				continue;
			ids[k] = xstrdup(buf);
			pts[k].lat = f->lat;
			pts[k].lon = f->lon;
			k++;
		}
	sr_rng_t r;
	sr_rng_seed(&r, seed);
	for (uint32_t road = 0; k < n; road++) {
		uint32_t e = sr_rng_below(&r, net->n_edges);
		double t = sr_rng_unit(&r);
		if (net->comp[net_edge_tail(net, e)] != net->largest_comp ||
		    net->comp[net->head[e]] != net->largest_comp)
			continue;
		snprintf(buf, sizeof(buf), "road%u", road);
		ids[k] = xstrdup(buf);
		point_on_edge(net, e, t, &pts[k].lat, &pts[k].lon);
		k++;
	}
	for (uint32_t i = 0; i < n; i++) {
		pts[i].id = ids[i];
		pts[i].line = 0;
	}
	net_snapper_free(s);
	*out = pts;
	*ids_out = ids;
	return SR_OK;
}

static int write_points(const char *path, const pt_t *pts, uint32_t n, sr_error_t *err)
{
	sr_afile_t af;
	if (sr_afile_open(&af, path, err) != SR_OK)
		return err->code;
	const char *hdr[3] = {"id", "lat", "lon"};
	int rc = sr_csv_write_row(af.fp, hdr, 3);
	char la[32], lo[32];
	for (uint32_t i = 0; i < n && rc == 0; i++) {
		snprintf(la, sizeof(la), "%.7f", pts[i].lat);
		snprintf(lo, sizeof(lo), "%.7f", pts[i].lon);
		const char *f[3] = {pts[i].id, la, lo};
		rc = sr_csv_write_row(af.fp, f, 3);
	}
	if (rc != 0) {
		sr_afile_abort(&af);
		return sr_error_set(err, SR_EIO, path, 0, _("write failed"));
	}
	return sr_afile_commit(&af, err);
}

/* The flags that only set options of the log and the matrix. */
static void apply_flags(cli_map_args_t *a)
{
	if (a->stats && sr_log_level() < SR_LOG_INFO)
		sr_log_set_level(SR_LOG_INFO);
	if (a->shortest)
		a->mat.metric = MAT_SHORTEST;
	if (a->ch)
		a->mat.algo = MAT_CH;
	if (a->dijkstra)
		a->mat.algo = MAT_DIJKSTRA;
}

/* The table to --out (CSV, atomically), and to stdout as JSON (--json) or
 * as CSV when there is no --out. */
static int write_outputs(const cli_map_args_t *a, const pt_t *pts, const sr_matrix_t *m,
			 sr_error_t *err)
{
	if (a->out) {
		sr_afile_t af;
		if (sr_afile_open(&af, a->out, err) != SR_OK)
			return err->code;
		if (write_csv(af.fp, pts, m) != 0) {
			sr_afile_abort(&af);
			return sr_error_set(err, SR_EIO, a->out, 0, _("write failed"));
		}
		if (sr_afile_commit(&af, err) != SR_OK)
			return err->code;
	}
	if (a->json) {
		sr_buf_t b;
		sr_buf_init(&b);
		write_json(&b, pts, m);
		fwrite(b.data, 1, b.len, stdout);
		sr_buf_free(&b);
	} else if (!a->out) {
		write_csv(stdout, pts, m);
	}
	if (fflush(stdout) != 0)
		return sr_error_set(err, SR_EIO, "stdout", 0, _("write failed"));
	return SR_OK;
}

int cmd_matrix(int argc, char **argv)
{
	cli_map_args_t a;
	cli_map_args_init(&a);
	const char *map_path = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	int status = 0;
	sr_map_t *map = NULL;
	sr_csv_t *csv = NULL;
	pt_t *pts = NULL;
	uint32_t n = 0;
	sr_matrix_t *m = NULL;
	net_snap_t *snaps = NULL;
	char **ids = NULL;
	int rc = cli_map_parse("matrix", MATRIX_SYNOPSIS, matrix_flags, argc, argv, &a, &map_path,
			       &err);
	if (rc < 0)
		goto out_fail;
	if (rc > 0)
		goto out_free;
	if (!map_path || (!a.points) == (a.sample == INT_MIN)) {
		sr_error_set(
			&err, SR_EINPUT, NULL, 0,
			_("matrix: MAP and one of --points or --sample are required (see --help)"));
		goto out_fail;
	}
	apply_flags(&a);

	double t_read = sr_now();
	if (osm_read(map_path, &a.osm, &map, &err) != SR_OK)
		goto out_fail;
	double t_points = sr_now();
	const char *points = a.points ? a.points : "(sample)";
	if (a.points) {
		if (read_points(points, map, a.max_snap_m, &csv, &pts, &n, &err) != SR_OK)
			goto out_fail;
	} else {
		n = (uint32_t)a.sample;
		if (sample_points(map, n, a.seed, a.max_snap_m, &pts, &ids, &err) != SR_OK)
			goto out_fail;
	}
	if (snap_points(map->net, points, pts, n, a.max_snap_m, &err) != SR_OK)
		goto out_fail;
	if (a.points_out && write_points(a.points_out, pts, n, &err) != SR_OK)
		goto out_fail;
	snaps = xcalloc(n, sizeof(net_snap_t));
	for (uint32_t i = 0; i < n; i++)
		snaps[i] = pts[i].snap;
	double t0 = sr_now();
	if (mat_compute(map->net, snaps, n, &a.mat, &m, &err) != SR_OK)
		goto out_fail;
	if (a.stats)
		fprintf(stderr,
			"matrix: %u points; read map %.3f s, points and snapping %.3f s, "
			"matrix %.3f s; peak RSS %ld kB\n",
			n, t_points - t_read, t0 - t_points, sr_now() - t0, sr_peak_rss_kb());
	if (write_outputs(&a, pts, m, &err) != SR_OK)
		goto out_fail;
	goto out_free;
out_fail:
	status = cli_fail(&err);
out_free:
	mat_free(m);
	free(snaps);
	free(pts);
	if (ids)
		for (uint32_t i = 0; i < n; i++)
			free(ids[i]);
	free(ids);
	sr_csv_free(csv);
	osm_map_free(map);
	cli_map_args_clear(&a);
	return status;
}
