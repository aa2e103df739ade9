/* svg_map.c - a run's map as inline SVG for the printed sheets: the road
 * shape as a polyline and the stops as numbered dots (the number inside the
 * dot; the stop table beside the map is the legend, so no label can overlap
 * another), a north arrow and a scale bar of a round length (1, 2 or 5
 * times a power of ten metres, about a quarter of the width), as on
 * topographic sheets.
 *
 * Projection: equirectangular with the parallel at the middle of the run's
 * extent (x = lon * cos(lat0), y = -lat), which is accurate to well under a
 * percent over a district a few tens of kilometres across (Snyder, "Map
 * Projections - A Working Manual", USGS 1987, ch. 12). The extent is fitted
 * into the box with a margin, keeping the aspect ratio and centring. Numbers
 * have one decimal of a user unit, so the drawing is byte-stable. */
#include <math.h>
#include "output/internal.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct proj {
	double min_x, max_y, scale, off_x, off_y, kx;
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

void out_svg_run_map(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, double width,
		     double height)
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
	proj_t pr;
	pr.kx = cos((min_lat + max_lat) / 2 * M_PI / 180);
	pr.min_x = min_lon * pr.kx;
	pr.max_y = max_lat;
	double dx = (max_lon - min_lon) * pr.kx, dy = max_lat - min_lat;
	const double margin = 28;
	double sx = dx > 1e-9 ? (width - 2 * margin) / dx : INFINITY;
	double sy = dy > 1e-9 ? (height - 2 * margin) / dy : INFINITY;
	pr.scale = sx < sy ? sx : sy;
	if (!isfinite(pr.scale))
		pr.scale = 1; /* a single point */
	pr.off_x = (width - dx * pr.scale) / 2;
	pr.off_y = (height - dy * pr.scale) / 2;

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
	sr_buf_puts(b, "<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"2.5\" "
		       "stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
	if (r->n_shape >= 2) {
		for (size_t i = 0; i < r->n_shape; i++) {
			double x, y;
			xy(&pr, r->shape_lat[i], r->shape_lon[i], &x, &y);
			sr_buf_printf(b, "%s%.1f,%.1f", i ? " " : "", x, y);
		}
	} else {
		for (int i = 0; i < r->n_stops; i++) {
			double la, lo, x, y;
			out_pt_stop_ll(&p->points[r->stops[i].point], &la, &lo);
			xy(&pr, la, lo, &x, &y);
			sr_buf_printf(b, "%s%.1f,%.1f", i ? " " : "", x, y);
		}
	}
	sr_buf_puts(b, "\"/>\n");
	for (int i = 0; i < r->n_stops; i++) {
		const plan_point_t *pt = &p->points[r->stops[i].point];
		double la, lo, x, y;
		out_pt_stop_ll(pt, &la, &lo);
		xy(&pr, la, lo, &x, &y);
		int dest = pt->kind == PLAN_PT_DESTINATION;
		sr_buf_printf(b,
			      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"%s\" stroke=\"#000\" "
			      "stroke-width=\"1.2\"/>\n",
			      x, y, dest ? "#000" : "#fff");
		sr_buf_printf(b,
			      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" font-weight=\"bold\" "
			      "text-anchor=\"middle\" fill=\"%s\">%d</text>\n",
			      x, y + 3.5, dest ? "#fff" : "#000", i + 1);
	}
	/* north arrow, top right */
	sr_buf_printf(b,
		      "<path d=\"M %.1f 10 l 6 16 l -6 -5 l -6 5 z\" fill=\"#000\"/>\n"
		      "<text x=\"%.1f\" y=\"38\" font-size=\"10\" text-anchor=\"middle\">",
		      width - 16, width - 16);
	sr_buf_html(b, out_msg(p, M_NORTH));
	sr_buf_puts(b, "</text>\n");
	/* scale bar, bottom left: metres per user unit from the projection
	 * (one degree of latitude is 111.32 km) */
	double m_per_unit = pr.scale > 0 ? 111320.0 / pr.scale : 0;
	if (m_per_unit > 0 && isfinite(m_per_unit)) {
		double want = m_per_unit * width / 4, len = 1;
		while (len * 10 <= want)
			len *= 10;
		len *= want >= 5 * len ? 5 : want >= 2 * len ? 2 : 1;
		double w = len / m_per_unit, y0 = height - 10;
		sr_buf_printf(
			b,
			"<path d=\"M 10 %.1f v 4 h %.1f v -4\" fill=\"none\" stroke=\"#000\" "
			"stroke-width=\"1.5\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">",
			y0 - 4, w, 14 + w, y0);
		if (len >= 1000)
			sr_buf_printf(b, "%g ", len / 1000);
		else
			sr_buf_printf(b, "%g ", len);
		sr_buf_html(b, out_msg(p, len >= 1000 ? M_KM : M_METRES));
		sr_buf_puts(b, "</text>\n");
	}
	sr_buf_puts(b, "</svg>\n");
}
