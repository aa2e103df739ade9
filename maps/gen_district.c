/*
 * gen_district.c - the `gen_district` command: generates a synthetic rural
 * district (or a larger region) as OpenStreetMap XML, reproducibly from a
 * seed, and optionally a schoolrun example (plan.conf, sessions, riders,
 * fleet) whose names are taken from the generated map so that they always
 * match it.
 *
 *   gen_district --seed N --out FILE [--villages N] [--destinations N]
 *                [--size-km X] [--lat X --lon Y]
 *                [--example-dir DIR [--example-map PATH] [--example tiny|district]
 *                 [--buses N]]
 *
 * The layout is in gen_layout.c, the XML writer in gen_osm.c, the example
 * writer in gen_example.c, names in gen_names.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen_district.h"

static void usage(FILE *fp)
{
	fputs("usage: gen_district --seed N --out FILE [options]\n"
	      "  --villages N        villages and hamlets (default 80; 3..1000)\n"
	      "  --destinations N    sports facilities + kindergartens + schools (default 11; 5..60)\n"
	      "  --size-km X         side of the square district (default 40, larger for >80 villages)\n"
	      "  --lat X --lon Y     district centre (default: chosen from the seed in central Russia)\n"
	      "  --example-dir DIR   also write plan.conf, sessions.csv, riders.csv, fleet.csv there\n"
	      "  --example-map PATH  the `map =` value written into plan.conf (default: FILE\n"
	      "                      relative to DIR)\n"
	      "  --example KIND      district (default: several sessions) or tiny (one session)\n"
	      "  --buses N           buses in fleet.csv (default: 12 per 80 villages; tiny: 2)\n",
	      fp);
}

static int parse_u64(const char *s, uint64_t *out)
{
	int64_t v;
	if (sr_parse_int64(s, &v) != 0 || v < 0)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

static int parse_int(const char *s, int *out)
{
	long v;
	if (sr_parse_long(s, &v) != 0 || v < -1000000 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

/* `map =` for plan.conf: the map path relative to the example folder when
 * both are relative paths without "..", else the path as given. */
static char *map_ref(const char *out, const char *dir)
{
	sr_buf_t b;
	sr_buf_init(&b);
	if (out[0] != '/' && dir[0] != '/' && !strstr(out, "..") && !strstr(dir, "..")) {
		const char *p = dir;
		while (*p) {
			while (*p == '/')
				p++;
			const char *e = p + strcspn(p, "/");
			if (e > p && !(e - p == 1 && p[0] == '.'))
				sr_buf_puts(&b, "../");
			p = e;
		}
		while (out[0] == '.' && out[1] == '/')
			out += 2;
	}
	sr_buf_puts(&b, out);
	return b.data;
}

int main(int argc, char **argv)
{
	gd_opts_t o;
	gd_opts_init(&o);
	gd_example_opts_t eo;
	memset(&eo, 0, sizeof(eo));
	const char *out = NULL, *example_map = NULL;
	int have_seed = 0;
	double lat = NAN, lon = NAN;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int bad = 0;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!v) {
			fprintf(stderr, "gen_district: %s needs a value\n", a);
			return 2;
		}
		if (!strcmp(a, "--seed"))
			bad = parse_u64(v, &o.seed), have_seed = 1;
		else if (!strcmp(a, "--out"))
			out = v;
		else if (!strcmp(a, "--villages"))
			bad = parse_int(v, &o.villages);
		else if (!strcmp(a, "--destinations"))
			bad = parse_int(v, &o.destinations);
		else if (!strcmp(a, "--size-km"))
			bad = sr_parse_double(v, &o.size_km);
		else if (!strcmp(a, "--lat"))
			bad = sr_parse_double(v, &lat) || lat < -80 || lat > 80;
		else if (!strcmp(a, "--lon"))
			bad = sr_parse_double(v, &lon) || lon < -180 || lon > 180;
		else if (!strcmp(a, "--example-dir"))
			eo.dir = v;
		else if (!strcmp(a, "--example-map"))
			example_map = v;
		else if (!strcmp(a, "--example"))
			bad = strcmp(v, "tiny") && strcmp(v, "district"),
			eo.tiny = !strcmp(v, "tiny");
		else if (!strcmp(a, "--buses"))
			bad = parse_int(v, &eo.buses) || eo.buses < 1;
		else {
			fprintf(stderr, "gen_district: unknown option %s\n", a);
			usage(stderr);
			return 2;
		}
		if (bad) {
			fprintf(stderr, "gen_district: bad value for %s: '%s'\n", a, v);
			return 2;
		}
		i++;
	}
	if (!out || !have_seed) {
		fprintf(stderr, "gen_district: --seed and --out are required\n");
		usage(stderr);
		return 2;
	}
	if (isnan(lat) != isnan(lon)) {
		fprintf(stderr, "gen_district: give both --lat and --lon\n");
		return 2;
	}
	o.lat0 = lat;
	o.lon0 = lon;

	sr_error_t err;
	sr_error_clear(&err);
	gd_district_t *d = NULL;
	char buf[2048];
	int rc = gd_generate(&o, &d, &err);
	if (rc == SR_OK)
		rc = gd_write_osm(d, out, &err);
	char *ref = NULL;
	if (rc == SR_OK && eo.dir) {
		ref = example_map ? NULL : map_ref(out, eo.dir);
		eo.map_ref = example_map ? example_map : ref;
		eo.seed = o.seed;
		rc = gd_write_example(d, &eo, &err);
	}
	free(ref);
	gd_free(d);
	if (rc != SR_OK) {
		fprintf(stderr, "gen_district: %s\n", sr_error_format(&err, buf, sizeof(buf)));
		return rc == SR_EINPUT ? 2 : 1;
	}
	return 0;
}
