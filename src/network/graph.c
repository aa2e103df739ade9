/*
 * graph.c - building and freeing the CSR road graph (network.h).
 *
 * The layout is the compressed-sparse-row adjacency array used by routing
 * engines (OSRM's static graph, Routino's segment lists): edges sorted by tail
 * node, first_out[v] .. first_out[v+1]-1 the out-edges of v. net_build() makes
 * one from a plain arc list with a counting sort that keeps the input order
 * of arcs of the same tail, so the result depends only on the input.
 */
#include <stdlib.h>
#include <string.h>
#include "schoolrun/network.h"

sr_network_t *net_build(uint32_t n_nodes, const double *lat, const double *lon,
			const net_arc_t *arcs, size_t n_arcs)
{
	sr_network_t *net = xcalloc(1, sizeof(*net));
	if (n_arcs >= UINT32_MAX) {
		sr_log(SR_LOG_ERROR, "net_build: too many arcs (%zu)", n_arcs);
		abort();
	}
	net->n_nodes = n_nodes;
	net->n_edges = (uint32_t)n_arcs;
	net->lat = xcalloc((size_t)n_nodes + 1, sizeof(double));
	net->lon = xcalloc((size_t)n_nodes + 1, sizeof(double));
	if (lat)
		memcpy(net->lat, lat, (size_t)n_nodes * sizeof(double));
	if (lon)
		memcpy(net->lon, lon, (size_t)n_nodes * sizeof(double));
	net->osm_id = xcalloc((size_t)n_nodes + 1, sizeof(int64_t));
	net->first_out = xcalloc((size_t)n_nodes + 1, sizeof(uint32_t));
	net->head = xcalloc(n_arcs + 1, sizeof(uint32_t));
	net->length_m = xcalloc(n_arcs + 1, sizeof(float));
	net->time_s = xcalloc(n_arcs + 1, sizeof(float));
	net->road_class = xcalloc(n_arcs + 1, sizeof(uint8_t));
	net->geom_first = xcalloc(n_arcs + 1, sizeof(uint32_t));
	net->geom_lat = xcalloc(1, sizeof(double));
	net->geom_lon = xcalloc(1, sizeof(double));
	net->comp = xcalloc((size_t)n_nodes + 1, sizeof(uint32_t));

	for (size_t i = 0; i < n_arcs; i++) {
		if (arcs[i].from >= n_nodes || arcs[i].to >= n_nodes) {
			sr_log(SR_LOG_ERROR, "net_build: arc %zu (%u -> %u) outside 0..%u", i,
			       arcs[i].from, arcs[i].to, n_nodes);
			abort();
		}
		net->first_out[arcs[i].from + 1]++;
	}
	for (uint32_t v = 0; v < n_nodes; v++)
		net->first_out[v + 1] += net->first_out[v];
	uint32_t *pos = xmalloc(((size_t)n_nodes + 1) * sizeof(uint32_t));
	memcpy(pos, net->first_out, ((size_t)n_nodes + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < n_arcs; i++) {
		uint32_t e = pos[arcs[i].from]++;
		net->head[e] = arcs[i].to;
		net->length_m[e] = arcs[i].length_m;
		net->time_s[e] = arcs[i].time_s;
		net->road_class[e] = arcs[i].road_class;
	}
	free(pos);
	net_compute_scc(net);
	return net;
}

void net_free(sr_network_t *net)
{
	if (!net)
		return;
	free(net->lat);
	free(net->lon);
	free(net->osm_id);
	free(net->first_out);
	free(net->head);
	free(net->length_m);
	free(net->time_s);
	free(net->road_class);
	free(net->geom_first);
	free(net->geom_lat);
	free(net->geom_lon);
	free(net->comp);
	free(net);
}
