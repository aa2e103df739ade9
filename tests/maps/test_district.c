/*
 * test_district.c - checks the bundled synthetic district (maps/district.osm),
 * the tiny map, a generated 300-village region, and the examples built on
 * them, against the requirements of issues 2 and 5, with an independent
 * OSM reader (osmcheck.c) rather than the project's own.
 *
 * Usage: test_district district|tiny|region|mutants (mutants: broken copies
 * of the district and its example that the checks must reject)
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "osmcheck.h"
#include "testutil.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct expect {
	int min_places, max_places; /* villages + hamlets */
	int min_kg, max_kg;
	int min_school;
	int dests;	       /* exact number of destinations, -1: any */
	double min_km, max_km; /* extent of the map */
	int full;	       /* the whole road hierarchy */
	int max_crossings;     /* roads crossing without a junction */
} expect_t;

static int starts_with(const char *s, const char *p)
{
	return s && strncmp(s, p, strlen(p)) == 0;
}

static int count_tag(const oc_map_t *m, char type, const char *k, const char *v)
{
	int n = 0;
	for (size_t i = 0; i < m->n; i++) {
		if (type && m->e[i].type != type)
			continue;
		const char *t = oc_tag(m, i, k);
		n += t && (!v || !strcmp(t, v));
	}
	return n;
}

static double node_dist(const oc_map_t *m, size_t a, size_t b)
{
	return sr_haversine_m(m->e[a].lat, m->e[a].lon, m->e[b].lat, m->e[b].lon);
}

/* centroid of an element (node: itself; way: mean of distinct nodes;
 * relation: of its first member) */
static void centroid(const oc_map_t *m, size_t i, double *lat, double *lon)
{
	const oc_elem_t *e = &m->e[i];
	while (e->type == 'r' && e->n_refs)
		e = &m->e[m->refs[e->ref0]];
	if (e->type == 'n') {
		*lat = e->lat;
		*lon = e->lon;
		return;
	}
	double sl = 0, so = 0;
	size_t n = e->n_refs > 1 && m->refs[e->ref0] == m->refs[e->ref0 + e->n_refs - 1]
			   ? e->n_refs - 1
			   : e->n_refs;
	for (size_t k = 0; k < n; k++) {
		sl += m->e[m->refs[e->ref0 + k]].lat;
		so += m->e[m->refs[e->ref0 + k]].lon;
	}
	*lat = n ? sl / n : 0;
	*lon = n ? so / n : 0;
}

static size_t town_node(const oc_map_t *m)
{
	for (size_t i = 0; i < m->n_nodes; i++) {
		const char *p = oc_tag(m, i, "place");
		if (p && !strcmp(p, "town"))
			return i;
	}
	return 0;
}

typedef struct rseg {
	double x1, y1, x2, y2;
	size_t a, b;
} rseg_t;

static int rseg_cmp(const void *pa, const void *pb)
{
	double a = fmin(((const rseg_t *)pa)->x1, ((const rseg_t *)pa)->x2);
	double b = fmin(((const rseg_t *)pb)->x1, ((const rseg_t *)pb)->x2);
	return (a > b) - (a < b);
}

/* Road segments (highway=* ways) that cross without a shared node; roads
 * meet at junctions, and a bridge would be tagged. A sweep over segments
 * in a local metric projection. */
static size_t count_crossings(const oc_map_t *m)
{
	rseg_t *sg = NULL;
	size_t n = 0, cap = 0, crossings = 0;
	double k = m->n_nodes ? cos(m->e[0].lat * M_PI / 180) : 1;
	for (size_t i = m->n_nodes; i < m->n_nodes + m->n_ways; i++) {
		if (!oc_tag(m, i, "highway") || oc_tag(m, i, "bridge"))
			continue;
		for (size_t r = 1; r < m->e[i].n_refs; r++) {
			size_t a = m->refs[m->e[i].ref0 + r - 1], b = m->refs[m->e[i].ref0 + r];
			sr_grow(&sg, &cap, n + 1, sizeof(*sg));
			sg[n++] = (rseg_t){m->e[a].lon * k, m->e[a].lat, m->e[b].lon * k,
					   m->e[b].lat,	    a,		 b};
		}
	}
	/* sweep: sorted by western end, a segment meets only those that start
	 * before it ends */
	if (n)
		qsort(sg, n, sizeof(*sg), rseg_cmp);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1;
		     j < n && fmin(sg[j].x1, sg[j].x2) <= fmax(sg[i].x1, sg[i].x2); j++) {
			const rseg_t *p = &sg[i], *q = &sg[j];
			if (fmax(p->y1, p->y2) < fmin(q->y1, q->y2) ||
			    fmax(q->y1, q->y2) < fmin(p->y1, p->y2))
				continue;
			if (p->a == q->a || p->a == q->b || p->b == q->a || p->b == q->b)
				continue;
			double d1 = (p->x2 - p->x1) * (q->y1 - p->y1) -
				    (p->y2 - p->y1) * (q->x1 - p->x1);
			double d2 = (p->x2 - p->x1) * (q->y2 - p->y1) -
				    (p->y2 - p->y1) * (q->x2 - p->x1);
			double d3 = (q->x2 - q->x1) * (p->y1 - q->y1) -
				    (q->y2 - q->y1) * (p->x1 - q->x1);
			double d4 = (q->x2 - q->x1) * (p->y2 - q->y1) -
				    (q->y2 - q->y1) * (p->x2 - q->x1);
			if (((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0))) {
				if (crossings++ < 5)
					printf("  roads cross at %.6f %.6f without a junction\n",
					       p->y1, p->x1 / k);
			}
		}
	free(sg);
	return crossings;
}

static void check_map(const char *path, const expect_t *x, oc_map_t *m, char **in_scc)
{
	printf("checking %s\n", path);
	int rc = oc_read(path, m);
	CHECK_MSG(rc == 0, "%s: %s", path, m->problem);
	if (rc)
		return;

	/* places */
	int towns = count_tag(m, 'n', "place", "town");
	int villages = count_tag(m, 'n', "place", "village"),
	    hamlets = count_tag(m, 'n', "place", "hamlet");
	CHECK(towns == 1);
	CHECK_MSG(villages + hamlets >= x->min_places && villages + hamlets <= x->max_places,
		  "%d villages + %d hamlets", villages, hamlets);
	CHECK(hamlets >= 1);
	for (size_t i = 0; i < m->n; i++) {
		if (!oc_tag(m, i, "place"))
			continue;
		const char *name = oc_tag(m, i, "name"), *en = oc_tag(m, i, "name:en");
		const char *pop = oc_tag(m, i, "population");
		long p = -1;
		CHECK_MSG(name && (unsigned char)name[0] == 0xD0, "place %lld has no Cyrillic name",
			  (long long)m->e[i].id);
		CHECK_MSG(en && en[0] >= 'A' && en[0] <= 'Z', "place %lld: name:en",
			  (long long)m->e[i].id);
		CHECK_MSG(pop && sr_parse_long(pop, &p) == 0 && p > 0, "place %lld: population",
			  (long long)m->e[i].id);
		int dup = 0;
		for (size_t j = 0; j < i && name; j++) {
			const char *o = oc_tag(m, j, "place") ? oc_tag(m, j, "name") : NULL;
			dup += o && !strcmp(o, name);
		}
		CHECK_MSG(!dup, "two places named %s", name);
	}

	/* destinations, by issue 2's rule */
	int kg = 0, school = 0, stadium = 0, dyussh = 0, pool = 0, total = 0, kg_area = 0,
	    kg_node = 0;
	for (size_t i = 0; i < m->n; i++) {
		const char *k = oc_dest_kind(m, i);
		if (!k)
			continue;
		const char *name = oc_tag(m, i, "name");
		total++;
		CHECK_MSG(name != NULL, "destination %c%lld has no name", m->e[i].type,
			  (long long)m->e[i].id);
		if (!strcmp(k, "kindergarten")) {
			kg++;
			kg_area += m->e[i].type != 'n';
			kg_node += m->e[i].type == 'n';
		}
		school += !strcmp(k, "school");
		stadium += !strcmp(k, "stadium");
		dyussh += !strcmp(k, "sports_centre") && starts_with(name, "ДЮСШ ");
		pool += !strcmp(k, "swimming_pool") && starts_with(name, "Бассейн ");
	}
	CHECK_MSG(kg >= x->min_kg && kg <= x->max_kg, "%d kindergartens", kg);
	CHECK(kg_area >= 1 && (kg < 2 || kg_node >= 1));
	CHECK_MSG(school >= x->min_school, "%d schools", school);
	CHECK(stadium >= 1 && dyussh >= 1 && pool >= 1);
	CHECK_MSG(x->dests < 0 || total == x->dests, "%d destinations, want %d", total, x->dests);
	/* a private pool exists and is not counted */
	int private_pools = 0;
	for (size_t i = 0; i < m->n; i++) {
		const char *l = oc_tag(m, i, "leisure"), *a = oc_tag(m, i, "access");
		private_pools += l && !strcmp(l, "swimming_pool") && a && !strcmp(a, "private");
	}
	CHECK(private_pools >= 1);
	/* depots */
	int depots = 0;
	for (size_t i = 0; i < m->n; i++) {
		const char *lu = oc_tag(m, i, "landuse");
		depots += lu && !strcmp(lu, "garages") &&
			  starts_with(oc_tag(m, i, "name"), "Автопарк ");
	}
	CHECK(depots >= 1);
	CHECK(count_tag(m, 0, "amenity", "bus_station") >= 1);

	/* the road hierarchy */
	static const char *const classes[] = {
		"primary", "secondary", "tertiary", "unclassified", "residential", "track", NULL};
	for (const char *const *c = classes; *c && x->full; c++)
		CHECK_MSG(count_tag(m, 'w', "highway", *c) >= 1, "no highway=%s", *c);
	int gravel = 0, fast = 0, oneway_centre = 0;
	size_t town = town_node(m);
	for (size_t i = m->n_nodes; i < m->n_nodes + m->n_ways; i++) {
		const char *h = oc_tag(m, i, "highway"), *s = oc_tag(m, i, "surface");
		const char *ms = oc_tag(m, i, "maxspeed"), *ow = oc_tag(m, i, "oneway");
		if (!h)
			continue;
		gravel += s && !strcmp(s, "gravel") &&
			  (!strcmp(h, "unclassified") || !strcmp(h, "track"));
		fast += (!strcmp(h, "primary") || !strcmp(h, "secondary")) && ms &&
			(!strcmp(ms, "90") || !strcmp(ms, "RU:rural"));
		if (ow && strcmp(ow, "no") && m->e[i].n_refs)
			oneway_centre += node_dist(m, town, m->refs[m->e[i].ref0]) < 3000;
	}
	CHECK(gravel >= 1 || !x->full);
	CHECK(count_tag(m, 'w', "junction", "roundabout") >= 1 || !x->full);
	CHECK(count_tag(m, 'w', "highway", "living_street") >= 1 || !x->full);
	CHECK(count_tag(m, 'w', "access", "private") >= 1 || !x->full);
	CHECK(fast >= 1);
	CHECK_MSG(oneway_centre >= 2, "%d one-way streets in the centre", oneway_centre);

	size_t crossings = count_crossings(m);
	CHECK_MSG(crossings <= (size_t)x->max_crossings, "%zu road crossings without a junction",
		  crossings);

	/* extent: a plausible district in central Russia */
	double minlat = 90, maxlat = -90, minlon = 180, maxlon = -180;
	for (size_t i = 0; i < m->n_nodes; i++) {
		minlat = fmin(minlat, m->e[i].lat);
		maxlat = fmax(maxlat, m->e[i].lat);
		minlon = fmin(minlon, m->e[i].lon);
		maxlon = fmax(maxlon, m->e[i].lon);
	}
	double ns_km = sr_haversine_m(minlat, minlon, maxlat, minlon) / 1000;
	double ew_km = sr_haversine_m(minlat, minlon, minlat, maxlon) / 1000;
	CHECK_MSG(ns_km >= x->min_km && ns_km <= x->max_km && ew_km >= x->min_km &&
			  ew_km <= x->max_km,
		  "extent %.1f x %.1f km", ew_km, ns_km);
	CHECK(minlat > 50 && maxlat < 60 && minlon > 30 && maxlon < 50);

	/* connectivity: every place but one hamlet in the bus network's
	 * component of the town; that hamlet joins when tracks are allowed */
	*in_scc = xcalloc(m->n + 1, 1);
	char *with_tracks = xcalloc(m->n + 1, 1);
	double snap = 0, snap_t = 0;
	size_t out = oc_places_outside_scc(m, 0, *in_scc, &snap);
	size_t out_t = oc_places_outside_scc(m, 1, with_tracks, &snap_t);
	CHECK_MSG(out == 1, "%zu places outside the bus network's main component", out);
	CHECK_MSG(out_t == 0, "%zu places outside it with tracks", out_t);
	CHECK_MSG(snap < 300, "a place is %.0f m from the nearest road", snap);
	for (size_t i = 0; i < m->n_nodes; i++) {
		const char *p = oc_tag(m, i, "place");
		if (p && !(*in_scc)[i]) {
			printf("  track-only: %s (%s)\n", oc_tag(m, i, "name"), p);
			CHECK(!strcmp(p, "hamlet"));
		}
	}
	free(with_tracks);
	printf("  %d villages, %d hamlets, %d destinations, %zu nodes, %zu ways, %zu relations\n",
	       villages, hamlets, total, m->n_nodes, m->n_ways, m->n_rels);
}

/* ---- examples ---- */

/* Elements whose name is s: places only (want 'p'), destinations ('d') or
 * any ('a'). Returns how many; *first the first. */
static int by_name(const oc_map_t *m, const char *s, char want, size_t *first)
{
	int n = 0;
	for (size_t i = 0; i < m->n; i++) {
		const char *name = oc_tag(m, i, "name");
		if (!name || strcmp(name, s))
			continue;
		if ((want == 'p' && !oc_tag(m, i, "place")) || (want == 'd' && !oc_dest_kind(m, i)))
			continue;
		if (!n++)
			*first = i;
	}
	return n;
}

static int parse_hhmm(const char *s)
{
	if (strlen(s) != 5 || s[2] != ':')
		return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), mi = (s[3] - '0') * 10 + (s[4] - '0');
	return h >= 0 && h < 24 && mi >= 0 && mi < 60 ? h * 60 + mi : -1;
}

static sr_csv_t *read_csv(const char *dir, const char *file, const char *const *cols, int ncols)
{
	sr_csv_t *c = NULL;
	sr_error_t err;
	const char *p = test_path(dir, file);
	int rc = sr_csv_read(p, 1, &c, &err);
	CHECK_OK(rc, &err);
	if (rc)
		return NULL;
	CHECK(c->n_rows >= 2);
	for (int k = 0; k < ncols; k++)
		CHECK_MSG(sr_csv_col(&c->rows[0], cols[k]) == k, "%s: column %s", p, cols[k]);
	for (size_t r = 1; r < c->n_rows; r++)
		CHECK_MSG(c->rows[r].n == ncols, "%s:%ld: %d fields", p, c->rows[r].line,
			  c->rows[r].n);
	return c;
}

typedef struct ex_expect {
	int min_children, min_villages, min_sports_sessions, min_sports_dests;
	int min_buses, max_buses;
	int session_dests; /* distinct session destinations, -1: any */
	int chain;	   /* fewer buses than runs */
} ex_expect_t;

static void check_example(const char *dir, const char *map_path, const oc_map_t *m,
			  const char *in_scc, const ex_expect_t *x)
{
	printf("checking %s\n", dir);
	/* plan.conf names this map */
	char *conf = NULL;
	size_t len = 0;
	sr_error_t err;
	CHECK_OK(sr_read_file(test_path(dir, "plan.conf"), &conf, &len, &err), &err);
	if (!conf)
		return;
	const char *mp = strstr(conf, "\nmap = ");
	CHECK(mp != NULL);
	if (mp) {
		char ref[1024];
		snprintf(ref, sizeof(ref), "%.*s", (int)strcspn(mp + 7, "\n"), mp + 7);
		struct stat sa, sb;
		int same = stat(ref[0] == '/' ? ref : test_path(dir, ref), &sa) == 0 &&
			   stat(map_path, &sb) == 0 && sa.st_dev == sb.st_dev &&
			   sa.st_ino == sb.st_ino;
		CHECK_MSG(same, "plan.conf map = %s is not %s", ref, map_path);
	}
	free(conf);

	static const char *const sc[] = {"session", "destination", "days",
					 "start",   "end",	   "max_ride_min"};
	static const char *const rc[] = {"pickup", "session", "children", "max_ride_min", "note"};
	static const char *const fc[] = {"bus",		 "depot",      "seats", "available_from",
					 "available_to", "cost_per_km"};
	sr_csv_t *s = read_csv(dir, "sessions.csv", sc, 6);
	sr_csv_t *r = read_csv(dir, "riders.csv", rc, 5);
	sr_csv_t *f = read_csv(dir, "fleet.csv", fc, 6);
	if (!s || !r || !f)
		goto out;

	size_t ns = s->n_rows - 1;
	size_t *sdest = xcalloc(ns + 1, sizeof(size_t));
	int sports = 0, sports_dests = 0, distinct_dests = 0;
	for (size_t i = 1; i < s->n_rows; i++) {
		char **fl = s->rows[i].fields;
		size_t e = 0;
		int n = by_name(m, fl[1], 'd', &e);
		CHECK_MSG(n == 1, "session %s: destination %s names %d destinations", fl[0], fl[1],
			  n);
		sdest[i - 1] = e;
		int st = parse_hhmm(fl[3]), en = parse_hhmm(fl[4]);
		CHECK_MSG(st >= 360 && en > st && en <= 23 * 60, "session %s: %s-%s", fl[0], fl[3],
			  fl[4]);
		CHECK(fl[2][0] != '\0');
		const char *kind = n ? oc_dest_kind(m, e) : "";
		int is_sport = kind && strcmp(kind, "kindergarten") && strcmp(kind, "school");
		sports += is_sport;
		int first = 1, first_sport = 1;
		for (size_t j = 1; j < i; j++) {
			if (sdest[j - 1] == e) {
				first = 0;
				first_sport = 0;
			}
		}
		distinct_dests += first;
		sports_dests += is_sport && first_sport;
		if (kind && !strcmp(kind, "kindergarten"))
			CHECK_MSG(!strcmp(fl[2], "Mon-Fri"), "kindergarten session %s on %s", fl[0],
				  fl[2]);
	}
	CHECK_MSG(sports >= x->min_sports_sessions, "%d sports sessions", sports);
	CHECK_MSG(sports_dests >= x->min_sports_dests, "sports at %d destinations", sports_dests);
	CHECK_MSG(x->session_dests < 0 || distinct_dests == x->session_dests,
		  "sessions at %d destinations", distinct_dests);
	/* every kindergarten has its weekday session */
	for (size_t i = 0; i < m->n; i++) {
		const char *k = oc_dest_kind(m, i);
		if (!k || strcmp(k, "kindergarten") || x->min_sports_sessions < 3)
			continue;
		int found = 0;
		for (size_t j = 0; j < ns; j++)
			found += sdest[j] == i;
		CHECK_MSG(found == 1, "kindergarten %s has %d sessions", oc_tag(m, i, "name"),
			  found);
	}

	/* direct bus times both ways, destination by destination, so that
	 * every group's ride limit leaves room for a few stops (a run may
	 * take at most 4/3 of the direct ride) */
	oc_graph_t g;
	oc_graph_build(m, 0, &g);
	double *t_to = xmalloc(sizeof(double) * ns * g.n),
	       *t_from = xmalloc(sizeof(double) * ns * g.n);
	for (size_t j = 0; j < ns; j++) {
		double lat, lon;
		centroid(m, sdest[j], &lat, &lon);
		size_t v = oc_nearest_road(m, &g, lat, lon, NULL);
		oc_times_s(&g, v, 1, t_to + j * g.n);
		oc_times_s(&g, v, 0, t_from + j * g.n);
	}
	double worst = 0;
	long children = 0;
	int villages = 0;
	for (size_t i = 1; i < r->n_rows; i++) {
		char **fl = r->rows[i].fields;
		size_t p = 0;
		int n = by_name(m, fl[0], 'p', &p);
		CHECK_MSG(n == 1, "riders.csv:%ld: pickup %s names %d places", r->rows[i].line,
			  fl[0], n);
		CHECK_MSG(n != 1 || in_scc[p], "riders.csv:%ld: %s is not reachable by bus",
			  r->rows[i].line, fl[0]);
		long c = 0;
		CHECK_MSG(sr_parse_long(fl[2], &c) == 0 && c >= 2 && c <= 15,
			  "riders.csv:%ld: children %s", r->rows[i].line, fl[2]);
		children += c;
		size_t si = 0;
		for (si = 1; si < s->n_rows; si++)
			if (!strcmp(s->rows[si].fields[0], fl[1]))
				break;
		CHECK_MSG(si < s->n_rows, "riders.csv:%ld: unknown session %s", r->rows[i].line,
			  fl[1]);
		if (n == 1 && si < s->n_rows) {
			/* kindergarten groups come from nearby villages */
			size_t e = sdest[si - 1];
			const char *k = oc_dest_kind(m, e);
			double lat, lon;
			centroid(m, e, &lat, &lon);
			double km = sr_haversine_m(lat, lon, m->e[p].lat, m->e[p].lon) / 1000;
			if (k && !strcmp(k, "kindergarten"))
				CHECK_MSG(km < 15,
					  "riders.csv:%ld: %s is %.1f km from its kindergarten",
					  r->rows[i].line, fl[0], km);
			long lim = 60;
			if (sr_parse_long(s->rows[si].fields[5], &lim) != 0)
				lim = 60;
			if (fl[3][0])
				CHECK(sr_parse_long(fl[3], &lim) == 0 && lim > 0);
			size_t pv = oc_nearest_road(m, &g, m->e[p].lat, m->e[p].lon, NULL);
			double direct =
				fmax(t_to[(si - 1) * g.n + pv], t_from[(si - 1) * g.n + pv]);
			CHECK_MSG(direct <= 0.75 * lim * 60,
				  "riders.csv:%ld: %s to %s takes %.0f min direct, limit %ld",
				  r->rows[i].line, fl[0], s->rows[si].fields[1], direct / 60, lim);
			worst = fmax(worst, direct / (lim * 60));
		}
		int first = 1;
		for (size_t j = 1; j < i && first; j++)
			first = strcmp(r->rows[j].fields[0], fl[0]) != 0;
		villages += first;
	}
	free(t_to);
	free(t_from);
	oc_graph_free(&g);
	printf("  longest direct ride: %.0f%% of its limit\n", worst * 100);
	CHECK_MSG(children >= x->min_children, "%ld children", children);
	CHECK_MSG(villages >= x->min_villages, "children from %d villages", villages);

	int buses = (int)f->n_rows - 1;
	CHECK_MSG(buses >= x->min_buses && buses <= x->max_buses, "%d buses", buses);
	/* every session needs a run there and one back on its days */
	if (x->chain)
		CHECK_MSG(buses < 2 * (int)ns, "%d buses for %zu sessions: no chaining needed",
			  buses, ns);
	for (size_t i = 1; i < f->n_rows; i++) {
		char **fl = f->rows[i].fields;
		size_t e = 0;
		CHECK_MSG(by_name(m, fl[1], 'a', &e) == 1, "fleet.csv:%ld: depot %s",
			  f->rows[i].line, fl[1]);
		long seats = 0;
		CHECK_MSG(sr_parse_long(fl[2], &seats) == 0 && seats >= 20 && seats <= 45,
			  "fleet.csv:%ld: seats %s", f->rows[i].line, fl[2]);
		CHECK(parse_hhmm(fl[3]) >= 0 && parse_hhmm(fl[4]) > parse_hhmm(fl[3]));
	}
	printf("  %zu sessions (%d sports at %d destinations), %zu groups, %ld children from %d villages, %d buses\n",
	       ns, sports, sports_dests, r->n_rows - 1, children, villages, buses);
	free(sdest);
out:
	sr_csv_free(s);
	sr_csv_free(r);
	sr_csv_free(f);
}

/* ---- mutants: the checks above must catch a broken map or example ---- */

/* s with the first `max` (0: all) occurrences of from replaced by to. */
static char *replace(const char *s, const char *from, const char *to, int max)
{
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, "");
	size_t fl = strlen(from);
	int n = 0;
	for (const char *p = s;;) {
		const char *q = strstr(p, from);
		if (!q || (max && n >= max)) {
			sr_buf_puts(&b, p);
			break;
		}
		sr_buf_append(&b, p, (size_t)(q - p));
		sr_buf_puts(&b, to);
		p = q + fl;
		n++;
	}
	return b.data;
}

static void write_text(const char *path, const char *text)
{
	sr_error_t err;
	CHECK_OK(sr_write_file_atomic(path, text, strlen(text), &err), &err);
}

/* Runs the map (and example) checks on a mutant and returns how many of
 * them failed, leaving the test's own counters as they were. */
static int failures_on(const char *map, const char *dir, const expect_t *x, const ex_expect_t *ex)
{
	int passed = test_passed, failed = test_failed;
	oc_map_t m;
	char *in_scc = NULL;
	check_map(map, x, &m, &in_scc);
	if (in_scc && dir)
		check_example(dir, map, &m, in_scc, ex);
	free(in_scc);
	oc_free(&m);
	int got = test_failed - failed;
	test_passed = passed;
	test_failed = failed;
	return got;
}

static void mutants(const char *src)
{
	static const struct {
		const char *what, *from, *to;
		int max;
	} maps[] = {
		{"a negative id", "<node id=\"1\" ", "<node id=\"-1\" ", 1},
		{"a way referring to a missing node", "<nd ref=\"1\"/>", "<nd ref=\"999999\"/>", 1},
		{"tracks turned into paths", "k=\"highway\" v=\"track\"",
		 "k=\"highway\" v=\"path\"", 0},
		{"no stadium", "v=\"stadium\"", "v=\"park\"", 0},
		{"no one-way streets", "k=\"oneway\"", "k=\"note\"", 0},
		{"a second town", "v=\"village\"", "v=\"town\"", 1},
		{"the private pool made public", "k=\"access\" v=\"private\"",
		 "k=\"access\" v=\"yes\"", 0},
	};
	expect_t x = {60, 100, 4, 6, 2, -1, 25, 50, 1, 0};
	ex_expect_t ex = {300, 40, 3, 2, 8, 12, -1, 1};
	const char *tmp = test_tmpdir();
	char map[4096], mut[4096], dir[4096], exdir[4096];
	snprintf(map, sizeof(map), "%s/maps/district.osm", src);
	snprintf(exdir, sizeof(exdir), "%s/examples/district", src);
	snprintf(mut, sizeof(mut), "%s/mutant.osm", tmp);
	char *osm = NULL, *conf = NULL;
	size_t len;
	sr_error_t err;
	CHECK_OK(sr_read_file(map, &osm, &len, &err), &err);
	if (!osm)
		return;
	CHECK_MSG(failures_on(map, NULL, &x, &ex) == 0, "the unmodified district fails");
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
		char *m = replace(osm, maps[i].from, maps[i].to, maps[i].max);
		CHECK_MSG(strcmp(m, osm) != 0, "mutant '%s' changed nothing", maps[i].what);
		write_text(mut, m);
		fprintf(stderr, "--- mutant: %s (failures expected below)\n", maps[i].what);
		int got = failures_on(mut, NULL, &x, &ex);
		CHECK_MSG(got > 0, "mutant '%s' was not caught", maps[i].what);
		printf("  mutant '%s': %d check(s) failed\n", maps[i].what, got);
		free(m);
	}
	/* example mutants: a copy of the example naming the real map */
	static const struct {
		const char *what, *file, *from, *to;
	} exs[] = {
		{"an unknown village", "riders.csv", "\n", "\nНесуществующее,Футбол,5,,\n"},
		{"a group of 40", "riders.csv", ",Футбол,", ",Футбол,4"},
		{"an unknown destination", "sessions.csv", "Стадион", "Стадиончик"},
		{"a 10-seat bus", "fleet.csv", ",20,", ",10,"},
	};
	snprintf(dir, sizeof(dir), "%s/ex", tmp);
	CHECK_OK(sr_mkdir_p(dir, &err), &err);
	CHECK_OK(sr_read_file(test_path(exdir, "plan.conf"), &conf, &len, &err), &err);
	char mapline[4200];
	snprintf(mapline, sizeof(mapline), "map = %s\n", map);
	char *conf2 = conf ? replace(conf, "map = ../../maps/district.osm\n", mapline, 1) : NULL;
	for (size_t i = 0; conf2 && i < sizeof(exs) / sizeof(exs[0]); i++) {
		static const char *const files[] = {"sessions.csv", "riders.csv", "fleet.csv"};
		write_text(test_path(dir, "plan.conf"), conf2);
		for (size_t f = 0; f < 3; f++) {
			char *text = NULL;
			CHECK_OK(sr_read_file(test_path(exdir, files[f]), &text, &len, &err), &err);
			if (!text)
				continue;
			char *t = strcmp(files[f], exs[i].file)
					  ? xstrdup(text)
					  : replace(text, exs[i].from, exs[i].to, 1);
			write_text(test_path(dir, files[f]), t);
			free(t);
			free(text);
		}
		fprintf(stderr, "--- example mutant: %s (failures expected below)\n", exs[i].what);
		int got = failures_on(map, dir, &x, &ex);
		CHECK_MSG(got > 0, "example mutant '%s' was not caught", exs[i].what);
		printf("  example mutant '%s': %d check(s) failed\n", exs[i].what, got);
	}
	free(conf2);
	free(conf);
	free(osm);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	test_run(cmd);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "district";
	const char *src = test_env("SR_SOURCE_DIR"), *bin = test_env("SR_BINARY_DIR");
	if (!src[0])
		test_skip("SR_SOURCE_DIR not set");
	oc_map_t m;
	char *in_scc = NULL;
	char map[4096], dir[4096];

	if (!strcmp(mode, "district")) {
		expect_t x = {60, 100, 4, 6, 2, -1, 25, 50, 1, 0};
		ex_expect_t ex = {300, 40, 3, 2, 8, 12, -1, 1};
		snprintf(map, sizeof(map), "%s/maps/district.osm", src);
		snprintf(dir, sizeof(dir), "%s/examples/district", src);
		check_map(map, &x, &m, &in_scc);
		if (in_scc)
			check_example(dir, map, &m, in_scc, &ex);
	} else if (!strcmp(mode, "tiny")) {
		expect_t x = {3, 4, 1, 2, 1, 5, 4, 15, 0, 0};
		ex_expect_t ex = {5, 2, 1, 1, 1, 2, 1, 0};
		snprintf(map, sizeof(map), "%s/maps/tiny.osm", src);
		snprintf(dir, sizeof(dir), "%s/examples/tiny", src);
		check_map(map, &x, &m, &in_scc);
		if (in_scc)
			check_example(dir, map, &m, in_scc, &ex);
	} else if (!strcmp(mode, "region")) {
		/* the planner benchmark's region: ~300 villages, 15 destinations */
		const char *tmp = test_tmpdir();
		sr_buf_t cmd;
		sr_buf_init(&cmd);
		snprintf(map, sizeof(map), "%s/region.osm", tmp);
		snprintf(dir, sizeof(dir), "%s/region", tmp);
		sr_buf_printf(
			&cmd,
			"'%s/maps/gen_district' --seed 5 --villages 300 --destinations 15 --buses 60 "
			"--out '%s' --example-dir '%s'",
			bin, map, dir);
		CHECK(test_run(cmd.data) == 0);
		expect_t x = {300, 300, 4, 10, 3, 15, 50, 100, 1, 0};
		ex_expect_t ex = {800, 80, 5, 3, 60, 60, 15, 0};
		check_map(map, &x, &m, &in_scc);
		if (in_scc)
			check_example(dir, map, &m, in_scc, &ex);
		sr_buf_reset(&cmd);
		sr_buf_printf(&cmd, "rm -rf '%s'", tmp);
		test_run(cmd.data);
		sr_buf_free(&cmd);
	} else if (!strcmp(mode, "mutants")) {
		mutants(src);
		return test_summary();
	} else {
		fprintf(stderr, "usage: test_district district|tiny|region|mutants\n");
		return 2;
	}
	free(in_scc);
	oc_free(&m);
	return test_summary();
}
