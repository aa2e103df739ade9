/*
 * matrix.h - road travel times between points: snapping a point onto the
 * road network, the many-to-many time/distance matrix on the bus profile, and
 * the road polyline of a shortest path.
 */
#ifndef SCHOOLRUN_MATRIX_H
#define SCHOOLRUN_MATRIX_H

#include <stdint.h>
#include "schoolrun/network.h"
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct net_snapper net_snapper_t;

/* ---- snapping (src/network/snap.c) ---- */

/* A point snapped onto a road edge: the projection of the point onto the
 * segment of edge `edge` (and of its reverse twin when the road is two-way),
 * at fraction `t` of the edge's length from its tail. t is measured by the
 * haversine length along the edge's geometry (as length_m is), and travel
 * time is taken as spread evenly along the edge; on a two-way road the
 * point is also at 1 - t of net_edge_twin(edge), and the matrix and path
 * start and end on both directions. off_main does NOT mean "unreachable":
 * with a main_only snapper the point is on the main network either way; the
 * flag says that its nearest road overall was a cut-off fragment, so the
 * snap distance is larger than the nearest road would suggest. */
typedef struct net_snap {
	uint32_t edge;	 /* edge id in the network */
	double t;	 /* 0..1 along the edge (by length) */
	double lat, lon; /* the snapped point on the road */
	double dist_m;	 /* from the original point to the road */
	int off_main;	 /* 1 if the nearest road overall lies in a cut-off
				component (so the point was snapped to the main one) */
	int off_allowed; /* 1 if the nearest road overall is one a stop may
				not be put on (stops_only: motorway, trunk, links) */
	int near_class;	 /* net_class_t of the nearest road overall */
	double near_m;	 /* its distance */
} net_snap_t;

/* Which roads a snapper may put a point on. */
typedef struct net_snap_opts {
	int main_only;	/* only the largest strongly connected component; default 1 */
	int stops_only; /* only roads a bus may stop on to let children on
				or off: not motorway, trunk or their links; default 0 */
} net_snap_opts_t;

void net_snap_opts_init(net_snap_opts_t *o);
/* Builds a spatial index over the edges the options admit. Caller frees
 * with net_snapper_free(). */
net_snapper_t *net_snapper_new_opts(const sr_network_t *net, const net_snap_opts_t *o);
/* 1 when a stop may be put on a road of class c (not motorway, trunk or
 * their links). */
int net_class_stop_ok(int c);

/* Builds a spatial index over the edges of the network; with main_only,
 * only edges inside the largest SCC are candidates. Caller frees with
 * net_snapper_free(). */
net_snapper_t *net_snapper_new(const sr_network_t *net, int main_only);
void net_snapper_free(net_snapper_t *s);
/* Snaps a point. Returns SR_OK, or SR_EINPUT if no candidate edge exists. */
int net_snap(const net_snapper_t *s, double lat, double lon, net_snap_t *out, sr_error_t *err);

/* The tail node of edge e (binary search over first_out). */
uint32_t net_edge_tail(const sr_network_t *net, uint32_t e);
/* The reverse twin of edge e: the edge that runs the same road the other
 * way (head and tail swapped, same length, reversed geometry), or
 * NET_NO_EDGE for a oneway road. A snapped point lies on both: at fraction
 * t of e and at 1 - t of its twin. */
#define NET_NO_EDGE UINT32_MAX
uint32_t net_edge_twin(const sr_network_t *net, uint32_t e);

/* ---- many-to-many matrix (src/matrix/) ---- */
typedef enum mat_metric {
	MAT_FASTEST = 0, /* minimise time; metres of that route */
	MAT_SHORTEST	 /* minimise distance; seconds of that route */
} mat_metric_t;

typedef enum mat_algo {
	MAT_AUTO = 0, /* MAT_DIJKSTRA below MAT_CH_MIN_POINTS points,
				 MAT_CH from there on (default) */
	MAT_DIJKSTRA, /* one-to-all search per source */
	MAT_CH	      /* contraction hierarchy + buckets (ch.c) */
} mat_algo_t;
/* Where building a hierarchy starts to pay (see bench_matrix.sh). */
#define MAT_CH_MIN_POINTS 400

typedef struct mat_opts {
	int threads; /* worker threads; 0 = number of cores (default) */
	int metric;  /* mat_metric_t; default MAT_FASTEST */
	int algo;    /* mat_algo_t; default MAT_AUTO. Both give the
				 same figures up to float rounding (1e-9
				 relative); mat_path() agrees bit for bit with
				 MAT_DIJKSTRA */
} mat_opts_t;

void mat_opts_init(mat_opts_t *o);

/* The result: n x n row-major; seconds[i*n+j] and meters[i*n+j] from point i
 * to point j along the fastest bus route; INFINITY where unreachable. */
typedef struct sr_matrix {
	uint32_t n;
	double *seconds;
	double *meters;
} sr_matrix_t;

/* Computes the matrix between n snapped points. Caller frees with
 * mat_free(). */
int mat_compute(const sr_network_t *net, const net_snap_t *pts, uint32_t n, const mat_opts_t *o,
		sr_matrix_t **out, sr_error_t *err);
void mat_free(sr_matrix_t *m);

/* ---- geometry (src/matrix/) ---- */
/* The road polyline of the fastest route from a to b: *n points written to
 * freshly allocated arrays *lat and *lon (caller frees both with free()); starts at
 * a's snapped point and ends at b's. Also returns its seconds and metres
 * (may be NULL). SR_EINPUT when b is unreachable from a. */
int mat_path(const sr_network_t *net, const net_snap_t *a, const net_snap_t *b, double **lat,
	     double **lon, size_t *n, double *seconds, double *meters, sr_error_t *err);
/* The same with options (metric: the polyline of the shortest route). */
int mat_path_ex(const sr_network_t *net, const net_snap_t *a, const net_snap_t *b,
		const mat_opts_t *o, double **lat, double **lon, size_t *n, double *seconds,
		double *meters, sr_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
