/* svg_map.c - a run's map as inline SVG for the printed sheets: the roads
 * of the plan's map around the run (roads.c: main roads drawn, middle ones
 * lighter, minor ones faint, simplified to the drawing's resolution), the
 * run's road shape over them, the stops as numbered dots (the number inside
 * the dot; the stop table beside the map is the legend, so no name can
 * overlap another), a north arrow and a scale bar of a round length (1, 2
 * or 5 times a power of ten metres, about a quarter of the width), as on
 * topographic sheets. A dot that would cover one already drawn is moved
 * aside to the first free place of eight around it, with a leader line to
 * where the bus stops (the usual point-feature label placement, Imhof,
 * "Positioning names on maps", The American Cartographer 2(2), 1975).
 *
 * Projection: equirectangular with the parallel at the middle of the run's
 * extent (x = lon * cos(lat0), y = -lat), which is accurate to well under a
 * percent over a district a few tens of kilometres across (Snyder, "Map
 * Projections - A Working Manual", USGS 1987, ch. 12). The extent is fitted
 * into the box with a margin, keeping the aspect ratio and centring. Numbers
 * have one decimal of a user unit, so the drawing is byte-stable. */
#include <math.h>
#include <stdlib.h>
#include "output/internal.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Radius of a stop's dot, in user units. */
#define DOT_R 8.0

typedef struct proj {
	double min_x, max_y, scale, off_x, off_y, kx;
	double width, height;
} proj_t;

static void xy(const proj_t *pr, double lat, double lon, double *x, double *y)
{
	*x = pr->off_x + (lon * pr->kx - pr->min_x) * pr->scale;
	*y = pr->off_y + (pr->max_y - lat) * pr->scale;
}

static void extend(double *lo, double *hi, double v)
{
	if (v < *lo)
		*lo = v;
	if (v > *hi)
		*hi = v;
}

/* Fits the run's shape and stops into width x height with a margin. */
static void fit(proj_t *pr, const sr_plan_t *p, const plan_run_t *r, double width, double height)
{
	double min_lat = INFINITY, max_lat = -INFINITY, min_lon = INFINITY, max_lon = -INFINITY;
	for (size_t i = 0; i < r->n_shape; i++) {
		extend(&min_lat, &max_lat, r->shape_lat[i]);
		extend(&min_lon, &max_lon, r->shape_lon[i]);
	}
	for (int i = 0; i < r->n_stops; i++) {
		double la, lo;
		out_pt_stop_ll(&p->points[r->stops[i].point], &la, &lo);
		extend(&min_lat, &max_lat, la);
		extend(&min_lon, &max_lon, lo);
	}
	pr->width = width, pr->height = height;
	pr->kx = cos((min_lat + max_lat) / 2 * M_PI / 180);
	pr->min_x = min_lon * pr->kx;
	pr->max_y = max_lat;
	double dx = (max_lon - min_lon) * pr->kx, dy = max_lat - min_lat;
	const double margin = 28;
	double sx = dx > 1e-9 ? (width - 2 * margin) / dx : INFINITY;
	double sy = dy > 1e-9 ? (height - 2 * margin) / dy : INFINITY;
	pr->scale = sx < sy ? sx : sy;
	if (!isfinite(pr->scale))
		pr->scale = 111320.0 / 10; /* a single point: 10 m a unit */
	pr->off_x = (width - dx * pr->scale) / 2;
	pr->off_y = (height - dy * pr->scale) / 2;
}

/* The roads around the run, a path per rank (lighter for lesser roads),
 * simplified to about a unit of the drawing. */
static void draw_roads(sr_buf_t *b, const sr_plan_t *p, const proj_t *pr)
{
	static const char *const style[OUT_N_ROAD_RANKS] = {
		"stroke=\"#8a8a8a\" stroke-width=\"1.8\"",
		"stroke=\"#b0b0b0\" stroke-width=\"1.1\"",
		"stroke=\"#d4d4d4\" stroke-width=\"0.7\""};
	if (!p->map || !p->map->net)
		return;
	double m_per_unit = 111320.0 / pr->scale, tol[OUT_N_ROAD_RANKS];
	for (int i = 0; i < OUT_N_ROAD_RANKS; i++)
		tol[i] = 0.7 * m_per_unit;
	double box[4] = {pr->max_y - (pr->height - pr->off_y) / pr->scale,
			 (pr->min_x - pr->off_x / pr->scale) / pr->kx,
			 pr->max_y + pr->off_y / pr->scale,
			 (pr->min_x + (pr->width - pr->off_x) / pr->scale) / pr->kx};
	out_roads_t rs;
	out_roads_collect(p->map->net, box, tol, &rs);
	for (int rank = OUT_N_ROAD_RANKS - 1; rank >= 0; rank--) {
		size_t start = b->len;
		sr_buf_printf(b, "<path fill=\"none\" %s stroke-linecap=\"round\" d=\"",
			      style[rank]);
		size_t head = b->len;
		for (size_t i = 0; i < rs.n_roads; i++) {
			const out_road_t *rd = &rs.roads[i];
			for (size_t j = 0; rd->rank == rank && j < rd->n; j++) {
				double x, y;
				xy(pr, rs.lat[rd->first + j], rs.lon[rd->first + j], &x, &y);
				sr_buf_printf(b, "%c%.1f %.1f", j ? 'L' : 'M', x, y);
			}
		}
		if (b->len == head)
			b->len = start, b->data[start] = '\0'; /* no road of this rank */
		else
			sr_buf_puts(b, "\"/>\n");
	}
	out_roads_free(&rs);
}

/* The run's road shape (its stops joined when it has none). */
static void draw_run_line(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, const proj_t *pr)
{
	sr_buf_puts(b, "<polyline fill=\"none\" stroke=\"#c00\" stroke-width=\"2.5\" "
		       "stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
	int n = r->n_shape >= 2 ? (int)r->n_shape : r->n_stops;
	for (int i = 0; i < n; i++) {
		double la, lo, x, y;
		if (r->n_shape >= 2)
			la = r->shape_lat[i], lo = r->shape_lon[i];
		else
			out_pt_stop_ll(&p->points[r->stops[i].point], &la, &lo);
		xy(pr, la, lo, &x, &y);
		sr_buf_printf(b, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	sr_buf_puts(b, "\"/>\n");
}

/* Where stop i's dot goes: at (x, y), or the first place of eight around
 * it that neither covers a dot placed before nor leaves the drawing. */
static void place_dot(const double *px, const double *py, int n, const proj_t *pr, double x,
		      double y, double *dx, double *dy)
{
	const double gap = 2 * DOT_R + 1;
	for (int k = 0; k <= 16; k++) {
		double a = (k - 1) * M_PI / 4, d = k ? (k <= 8 ? 2.6 : 4.2) * DOT_R : 0;
		double cx = x + d * cos(a), cy = y - d * sin(a);
		int free_ = cx >= DOT_R && cy >= DOT_R && cx <= pr->width - DOT_R &&
			    cy <= pr->height - DOT_R;
		for (int j = 0; j < n && free_; j++)
			free_ = hypot(cx - px[j], cy - py[j]) >= gap;
		if (free_ || k == 16) {
			*dx = free_ ? cx : x, *dy = free_ ? cy : y;
			return;
		}
	}
}

/* The stops as numbered dots (the destination black), moved aside with a
 * leader line where they would cover each other. */
static void draw_stops(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, const proj_t *pr)
{
	double *px = xmalloc(sizeof(double) * (size_t)(r->n_stops + 1));
	double *py = xmalloc(sizeof(double) * (size_t)(r->n_stops + 1));
	for (int i = 0, row = 0; i < r->n_stops; i++) {
		if (out_stop_same_place(r, i)) { /* one dot for a place, as the sheet
						    has one row */
			px[i] = px[i - 1], py[i] = py[i - 1];
			continue;
		}
		row++;
		const plan_point_t *pt = &p->points[r->stops[i].point];
		double la, lo, x, y;
		out_pt_stop_ll(pt, &la, &lo);
		xy(pr, la, lo, &x, &y);
		place_dot(px, py, i, pr, x, y, &px[i], &py[i]);
		if (px[i] != x || py[i] != y)
			sr_buf_printf(b,
				      "<path d=\"M %.1f %.1f L %.1f %.1f\" stroke=\"#000\" "
				      "stroke-width=\"0.8\"/>\n<circle cx=\"%.1f\" cy=\"%.1f\" "
				      "r=\"2\" fill=\"#000\"/>\n",
				      x, y, px[i], py[i], x, y);
		int dest = pt->kind == PLAN_PT_DESTINATION;
		sr_buf_printf(
			b,
			"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\" fill=\"%s\" stroke=\"#000\" "
			"stroke-width=\"1.2\"/>\n",
			px[i], py[i], DOT_R, dest ? "#000" : "#fff");
		sr_buf_printf(b,
			      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" font-weight=\"bold\" "
			      "text-anchor=\"middle\" fill=\"%s\">%d</text>\n",
			      px[i], py[i] + 3.5, dest ? "#fff" : "#000", row);
	}
	free(px);
	free(py);
}

/* North arrow (top right) and scale bar (bottom left), on a white ground
 * so that the roads do not run through them. */
static void draw_north_scale(sr_buf_t *b, const sr_plan_t *p, const proj_t *pr)
{
	double w = pr->width;
	sr_buf_printf(b,
		      "<rect x=\"%.1f\" y=\"4\" width=\"20\" height=\"38\" fill=\"#fff\" "
		      "fill-opacity=\"0.85\"/>\n<path d=\"M %.1f 10 l 6 16 l -6 -5 l -6 5 z\" "
		      "fill=\"#000\"/>\n<text x=\"%.1f\" y=\"38\" font-size=\"10\" "
		      "text-anchor=\"middle\">",
		      w - 26, w - 16, w - 16);
	sr_buf_html(b, out_msg(p, M_NORTH));
	sr_buf_puts(b, "</text>\n");
	/* metres per user unit from the projection (a degree of latitude is
	 * 111.32 km) */
	double m_per_unit = pr->scale > 0 ? 111320.0 / pr->scale : 0;
	if (!(m_per_unit > 0 && isfinite(m_per_unit)))
		return;
	double want = m_per_unit * w / 4, len = 1;
	while (len * 10 <= want)
		len *= 10;
	len *= want >= 5 * len ? 5 : want >= 2 * len ? 2 : 1;
	double bw = len / m_per_unit, y0 = pr->height - 10;
	sr_buf_printf(b,
		      "<rect x=\"4\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"#fff\" "
		      "fill-opacity=\"0.85\"/>\n",
		      y0 - 12, bw + 52);
	sr_buf_printf(b,
		      "<path d=\"M 10 %.1f v 4 h %.1f v -4\" fill=\"none\" stroke=\"#000\" "
		      "stroke-width=\"1.5\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">",
		      y0 - 4, bw, 14 + bw, y0);
	sr_buf_printf(b, "%g ", len >= 1000 ? len / 1000 : len);
	sr_buf_html(b, out_msg(p, len >= 1000 ? M_KM : M_METRES));
	sr_buf_puts(b, "</text>\n");
}

void out_svg_run_map(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, double width,
		     double height)
{
	proj_t pr;
	fit(&pr, p, r, width, height);
	sr_buf_printf(b,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		      "width=\"%.0f\" height=\"%.0f\" class=\"map\" role=\"img\">\n<title>",
		      width, height, width, height);
	sr_buf_html(b, out_msg(p, M_MAP));
	sr_buf_puts(b, ": ");
	sr_buf_html(b, out_msg(p, M_RUN));
	sr_buf_puts(b, " ");
	sr_buf_html(b, r->id);
	sr_buf_puts(b, "</title>\n");
	sr_buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/>\n",
		      width, height);
	draw_roads(b, p, &pr);
	draw_run_line(b, p, r, &pr);
	draw_stops(b, p, r, &pr);
	draw_north_scale(b, p, &pr);
	sr_buf_puts(b, "</svg>\n");
}
