/* ref.h - an independent reference for the matrix tests: the snapped points
 * become real nodes that split their roads (so no mid-edge logic is
 * shared with the code under test), and a plain O(n^2) Dijkstra with
 * lexicographic (primary, secondary) keys runs on that graph. Two-way roads
 * are given by the test as pairs of edge ids it built itself. */
#ifndef SR_TEST_MATRIX_REF_H
#define SR_TEST_MATRIX_REF_H

#include "schoolrun/schoolrun.h"

/* twin[e] = the reverse edge of a two-way road, or UINT32_MAX. With
 * shortest, the primary key is length; else time. Fills n*n sec and met. */
void ref_matrix(const sr_network_t *net, const uint32_t *twin, const net_snap_t *pts, uint32_t n,
		int shortest, double *sec, double *met);

/* Reverse edges found by the test's own rule: v->u with equal length and
 * reversed geometry (first such edge). */
uint32_t *ref_twins(const sr_network_t *net);

/* Nearest point of the network to (lat, lon) by exhaustive scan over all
 * segments, equirectangular projection at the query point. With main_only,
 * only edges with both ends in the largest SCC. Returns the distance in
 * metres; *edge gets the edge. */
double ref_nearest(const sr_network_t *net, double lat, double lon, int main_only, uint32_t *edge);
/* Distance from (lat, lon) to (plat, plon) in the same projection. */
double ref_local_dist(double lat, double lon, double plat, double plon);
/* The point at fraction t of edge e's haversine length along its geometry. */
void ref_point_on_edge(const sr_network_t *net, uint32_t e, double t, double *lat, double *lon);

#endif
