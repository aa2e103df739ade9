/* cmd_inspect.c - `schoolrun inspect MAP`: reads an OSM map with the bus
 * profile and reports what it holds (elements, road graph after folding,
 * road km by class, largest strongly connected component, places and
 * destinations by kind, skipped references, read time, peak memory), as
 * text or as one JSON object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/commands.h"
#include "cli/options.h"
#include "schoolrun/osm.h"
#include "util/i18n.h"

#define INSPECT_SYNOPSIS                                                                  \
	N_("usage: schoolrun inspect MAP [options]\n"                                     \
	   "  MAP                       OSM file: XML (.osm, .osm.gz, .osm.bz2) or PBF\n" \
	   "                            (.osm.pbf), told apart by content; - for stdin\n")
static const char *const inspect_flags[] = {
	"json",	      "allow-tracks",  "speed-cap", "no-fold",	 "all-roads", "bbox",
	"max-map-mb", "max-way-nodes", "max-tags",  "max-attrs", "max-depth", NULL};

static size_t count_kind(const osm_feature_t *f, size_t n, int kind)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += f[i].kind == kind;
	return c;
}

static void print_json(const sr_map_t *m, long peak_kb)
{
	const osm_stats_t *s = &m->stats;
	const sr_network_t *net = m->net;
	sr_buf_t b;
	sr_buf_init(&b);
	double km = 0;
	for (int c = 0; c < NET_N_CLASSES; c++)
		km += s->road_km_by_class[c];
	sr_buf_printf(&b, "{\"map\":");
	sr_buf_json_str(&b, m->path);
	sr_buf_printf(&b, ",\"nodes\":%llu,\"ways\":%llu,\"relations\":%llu",
		      (unsigned long long)s->nodes, (unsigned long long)s->ways,
		      (unsigned long long)s->relations);
	sr_buf_printf(&b, ",\"road_nodes\":%u,\"road_edges\":%u,\"road_km\":", net->n_nodes,
		      net->n_edges);
	sr_buf_num(&b, km, 3);
	sr_buf_puts(&b, ",\"road_km_by_class\":{");
	int first = 1;
	for (int c = 0; c < NET_N_CLASSES; c++) {
		if (s->road_km_by_class[c] <= 0)
			continue;
		sr_buf_printf(&b, "%s\"%s\":", first ? "" : ",", net_class_name((net_class_t)c));
		sr_buf_num(&b, s->road_km_by_class[c], 3);
		first = 0;
	}
	sr_buf_printf(&b, "},\"scc_count\":%u,\"largest_scc_nodes\":%u,\"largest_scc_share\":",
		      net->n_comps, net->largest_comp_size);
	sr_buf_num(&b, net->n_nodes ? (double)net->largest_comp_size / net->n_nodes : 0, 4);
	sr_buf_puts(&b, ",\"places\":{");
	for (int k = 0; k < OSM_PLACE_N_KINDS; k++)
		sr_buf_printf(&b, "%s\"%s\":%zu", k ? "," : "",
			      osm_place_kind_name((osm_place_kind_t)k),
			      count_kind(m->places, m->n_places, k));
	sr_buf_puts(&b, "},\"destinations\":{");
	for (int k = 0; k < OSM_DEST_N_KINDS; k++)
		sr_buf_printf(&b, "%s\"%s\":%zu", k ? "," : "",
			      osm_dest_kind_name((osm_dest_kind_t)k),
			      count_kind(m->dests, m->n_dests, k));
	sr_buf_printf(
		&b,
		"},\"others\":%zu,\"bus_stops\":%zu,\"addresses\":%zu,\"missing_node_refs\":%llu,"
		"\"missing_members\":%llu,\"unknown_maxspeed\":%llu,\"unplaced_features\":%llu",
		m->n_others, m->n_stops, m->n_addrs, (unsigned long long)s->missing_node_refs,
		(unsigned long long)s->missing_members, (unsigned long long)s->unknown_maxspeed,
		(unsigned long long)s->unplaced_features);
	sr_buf_puts(&b, ",\"extent\":[");
	sr_buf_num(&b, s->min_lon, 7);
	sr_buf_putc(&b, ',');
	sr_buf_num(&b, s->min_lat, 7);
	sr_buf_putc(&b, ',');
	sr_buf_num(&b, s->max_lon, 7);
	sr_buf_putc(&b, ',');
	sr_buf_num(&b, s->max_lat, 7);
	sr_buf_puts(&b, "],\"seconds\":");
	sr_buf_num(&b, s->seconds, 3);
	sr_buf_printf(&b, ",\"peak_rss_kb\":%ld}\n", peak_kb);
	fputs(b.data, stdout);
	sr_buf_free(&b);
}

static void print_text(const sr_map_t *m, int folded, long peak_kb)
{
	const osm_stats_t *s = &m->stats;
	const sr_network_t *net = m->net;
	double km = 0;
	for (int c = 0; c < NET_N_CLASSES; c++)
		km += s->road_km_by_class[c];
	printf("map            %s\n", m->path);
	printf("elements       %llu nodes, %llu ways, %llu relations\n",
	       (unsigned long long)s->nodes, (unsigned long long)s->ways,
	       (unsigned long long)s->relations);
	printf("road graph     %u nodes, %u edges (%s), %.1f km of road\n", net->n_nodes,
	       net->n_edges, folded ? "degree-2 chains folded" : "not folded", km);
	for (int c = 0; c < NET_N_CLASSES; c++)
		if (s->road_km_by_class[c] > 0)
			printf("  %-16s %10.1f km\n", net_class_name((net_class_t)c),
			       s->road_km_by_class[c]);
	printf("largest SCC    %u of %u road nodes (%.1f %%), %u components\n",
	       net->largest_comp_size, net->n_nodes,
	       net->n_nodes ? 100.0 * net->largest_comp_size / net->n_nodes : 0.0, net->n_comps);
	printf("places         %zu\n", m->n_places);
	for (int k = 0; k < OSM_PLACE_N_KINDS; k++) {
		size_t c = count_kind(m->places, m->n_places, k);
		if (c)
			printf("  %-16s %10zu\n", osm_place_kind_name((osm_place_kind_t)k), c);
	}
	printf("destinations   %zu\n", m->n_dests);
	for (int k = 0; k < OSM_DEST_N_KINDS; k++) {
		size_t c = count_kind(m->dests, m->n_dests, k);
		if (c)
			printf("  %-16s %10zu\n", osm_dest_kind_name((osm_dest_kind_t)k), c);
	}
	printf("depot candidates %zu (named bus stations, parkings, garages)\n", m->n_others);
	printf("bus stops      %zu (highway=bus_stop, public_transport=platform)\n", m->n_stops);
	printf("addresses      %zu (addr:housenumber with addr:street or addr:place)\n",
	       m->n_addrs);
	printf("skipped        %llu missing node refs, %llu missing relation members, "
	       "%llu unknown maxspeed values, %llu features without position\n",
	       (unsigned long long)s->missing_node_refs, (unsigned long long)s->missing_members,
	       (unsigned long long)s->unknown_maxspeed, (unsigned long long)s->unplaced_features);
	printf("extent         lon %.5f .. %.5f, lat %.5f .. %.5f\n", s->min_lon, s->max_lon,
	       s->min_lat, s->max_lat);
	printf("read time      %.3f s\n", s->seconds);
	printf("peak memory    %.1f MB\n", peak_kb / 1024.0);
}

int cmd_inspect(int argc, char **argv)
{
	cli_map_args_t a;
	cli_map_args_init(&a);
	const char *path = NULL;
	int status = 0;
	sr_error_t err;
	sr_error_clear(&err);
	int rc = cli_map_parse("inspect", INSPECT_SYNOPSIS, inspect_flags, argc, argv, &a, &path,
			       &err);
	if (rc < 0)
		goto out_fail;
	if (rc > 0)
		goto out;
	if (!path) {
		sr_error_set(&err, SR_EINPUT, NULL, 0, _("inspect: no MAP given (see --help)"));
		goto out_fail;
	}
	sr_map_t *m;
	if (osm_read(path, &a.osm, &m, &err) != SR_OK)
		goto out_fail;
	long peak = sr_peak_rss_kb();
	if (a.json)
		print_json(m, peak);
	else
		print_text(m, a.osm.fold, peak);
	osm_map_free(m);
	goto out;
out_fail:
	status = cli_fail(&err);
out:
	cli_map_args_clear(&a);
	return status;
}
