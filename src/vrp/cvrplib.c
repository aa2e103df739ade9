/* cvrplib.c - reads CVRPLIB / TSPLIB CVRP instance files (vrp_instance_read).
 *
 * The format is G. Reinelt's TSPLIB 95 ("TSPLIB 95", Universitaet Heidelberg,
 * 1995) as used by CVRPLIB (Uchoa et al. 2017): a header of `KEY : value`
 * lines, then data sections (NODE_COORD_SECTION, EDGE_WEIGHT_SECTION,
 * DEMAND_SECTION, DEPOT_SECTION) and EOF. The reader is line based and
 * whitespace tolerant (any spaces/tabs, a colon with or without blanks), and
 * every complaint names the file and the line.
 *
 * Distances: EUC_2D arcs are rounded to the nearest integer one by one
 * (floor(d + 0.5)), as CVRPLIB's A/B/E/P optima assume; CEIL_2D rounds up;
 * EXPLICIT takes the matrix as given (FULL_MATRIX, LOWER_ROW, UPPER_ROW,
 * LOWER_DIAG_ROW, UPPER_DIAG_ROW; numbers may wrap across lines).
 * The Christofides-Mingozzi-Toth files say EUC_2D but their published values
 * use real (unrounded) distances: a file whose NAME starts with "CMT", or
 * which carries DISTANCE or SERVICE_TIME (the CMT route-length keys), is read
 * with real distances and `rounded = 0`. For EXPLICIT, `rounded` tells
 * whether all given distances are integers.
 *
 * Nodes are reordered so that the depot is node 0; node_id[] keeps each
 * node's id from the file. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "schoolrun/io.h"
#include "schoolrun/vrp.h"
#include "util/i18n.h"

enum ew_type { EW_NONE, EW_EUC_2D, EW_CEIL_2D, EW_EXPLICIT };
enum ew_format { EF_NONE, EF_FULL, EF_LOWER_ROW, EF_UPPER_ROW, EF_LOWER_DIAG, EF_UPPER_DIAG };
enum section { SEC_NONE, SEC_COORD, SEC_WEIGHT, SEC_DEMAND, SEC_DEPOT, SEC_SKIP };

struct reader {
	const char *path;
	sr_error_t *err;
	long line;
	/* header */
	char *name;
	long dim;      /* -1 until DIMENSION */
	long capacity; /* -1 until CAPACITY */
	enum ew_type ew;
	enum ew_format ef;
	double distance, service;
	int has_distance, has_service;
	long line_dim; /* line of DIMENSION, for messages */
	/* data, in file order (index = file id - 1) */
	double *x, *y;
	char *have_coord;
	long n_coord;
	long *dem;
	char *have_dem;
	long n_dem;
	double *w; /* explicit weights as read */
	long n_w, need_w;
	long depot; /* file id; 0 = none yet */
	int depot_done;
	long sec_line[5]; /* line where each section started */
};

static int fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct reader *r, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sr_error_set(r->err, SR_EINPUT, r->path, r->line, "%s", msg);
}

/* Splits a line in place on blanks into *tok (grown as needed); returns the
 * number of tokens. */
static int split(char *s, char ***tok, size_t *cap)
{
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(s, " \t\r\f\v", &save); t; t = strtok_r(NULL, " \t\r\f\v", &save)) {
		sr_grow(tok, cap, n + 1, sizeof(char *));
		(*tok)[n++] = t;
	}
	return (int)n;
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

static int parse_id(struct reader *r, const char *tok, const char *what, long *id)
{
	if (sr_parse_long(tok, id) != 0)
		return fail(r, _("%s: expected a node id, got '%s'"), what, tok);
	if (*id < 1 || *id > r->dim)
		return fail(r, _("%s: node id %ld outside 1..%ld (DIMENSION)"), what, *id, r->dim);
	return SR_OK;
}

static long weight_count(enum ew_format f, long n)
{
	switch (f) {
	case EF_FULL:
		return n * n;
	case EF_LOWER_ROW:
	case EF_UPPER_ROW:
		return n * (n - 1) / 2;
	case EF_LOWER_DIAG:
	case EF_UPPER_DIAG:
		return n * (n + 1) / 2;
	default:
		return 0;
	}
}

static int need_dim(struct reader *r, const char *sec)
{
	if (r->dim < 0)
		return fail(r, _("%s before DIMENSION"), sec);
	return SR_OK;
}

static int header_line(struct reader *r, char *key, char *val)
{
	long v;
	double d;
	if (!strcasecmp(key, "NAME")) {
		free(r->name);
		r->name = xstrdup(val);
	} else if (!strcasecmp(key, "TYPE")) {
		if (strcasecmp(val, "CVRP") != 0)
			return fail(r, _("TYPE '%s' is not supported (only CVRP)"), val);
	} else if (!strcasecmp(key, "DIMENSION")) {
		if (sr_parse_long(val, &v) != 0 || v < 2)
			return fail(r, _("DIMENSION must be an integer >= 2, got '%s'"), val);
		if (v > 20000)
			return fail(
				r,
				_("DIMENSION %ld is too large (at most 20000: the reader keeps a full matrix)"),
				v);
		if (r->dim >= 0)
			return fail(r, _("DIMENSION given twice"));
		r->dim = v;
		r->line_dim = r->line;
	} else if (!strcasecmp(key, "CAPACITY")) {
		if (sr_parse_long(val, &v) != 0 || v <= 0 || v > 2000000000L)
			return fail(r, _("CAPACITY must be a positive integer, got '%s'"), val);
		r->capacity = v;
	} else if ((!strcasecmp(key, "EDGE_WEIGHT_TYPE") ||
		    !strcasecmp(key, "EDGE_WEIGHT_FORMAT")) &&
		   (r->w || r->x)) {
		/* the data already read was laid out by the earlier value */
		return fail(r,
			    _("%s must come before the data sections (NODE_COORD_SECTION, "
			      "EDGE_WEIGHT_SECTION)"),
			    key);
	} else if (!strcasecmp(key, "EDGE_WEIGHT_TYPE")) {
		if (!strcasecmp(val, "EUC_2D"))
			r->ew = EW_EUC_2D;
		else if (!strcasecmp(val, "CEIL_2D"))
			r->ew = EW_CEIL_2D;
		else if (!strcasecmp(val, "EXPLICIT"))
			r->ew = EW_EXPLICIT;
		else
			return fail(
				r,
				_("unknown EDGE_WEIGHT_TYPE '%s' (supported: EUC_2D, CEIL_2D, EXPLICIT)"),
				val);
	} else if (!strcasecmp(key, "EDGE_WEIGHT_FORMAT")) {
		if (!strcasecmp(val, "FULL_MATRIX"))
			r->ef = EF_FULL;
		else if (!strcasecmp(val, "LOWER_ROW"))
			r->ef = EF_LOWER_ROW;
		else if (!strcasecmp(val, "UPPER_ROW"))
			r->ef = EF_UPPER_ROW;
		else if (!strcasecmp(val, "LOWER_DIAG_ROW"))
			r->ef = EF_LOWER_DIAG;
		else if (!strcasecmp(val, "UPPER_DIAG_ROW"))
			r->ef = EF_UPPER_DIAG;
		else
			return fail(r, _("unknown EDGE_WEIGHT_FORMAT '%s'"), val);
	} else if (!strcasecmp(key, "DISTANCE")) {
		if (sr_parse_double(val, &d) != 0 || !(d > 0))
			return fail(r, _("DISTANCE must be a positive number, got '%s'"), val);
		r->distance = d;
		r->has_distance = 1;
	} else if (!strcasecmp(key, "SERVICE_TIME")) {
		if (sr_parse_double(val, &d) != 0 || d < 0)
			return fail(r, _("SERVICE_TIME must be a number >= 0, got '%s'"), val);
		r->service = d;
		r->has_service = 1;
	}
	/* COMMENT, DISPLAY_DATA_TYPE, NODE_COORD_TYPE, ...: informative */
	return SR_OK;
}

static int start_section(struct reader *r, const char *key, enum section *sec)
{
	int rc;
	if (!strcasecmp(key, "NODE_COORD_SECTION")) {
		if ((rc = need_dim(r, key)))
			return rc;
		if (r->x)
			return fail(r, _("NODE_COORD_SECTION given twice"));
		r->x = xcalloc((size_t)r->dim, sizeof(double));
		r->y = xcalloc((size_t)r->dim, sizeof(double));
		r->have_coord = xcalloc((size_t)r->dim, 1);
		*sec = SEC_COORD;
	} else if (!strcasecmp(key, "EDGE_WEIGHT_SECTION")) {
		if ((rc = need_dim(r, key)))
			return rc;
		if (r->ew != EW_EXPLICIT)
			return fail(r,
				    _("EDGE_WEIGHT_SECTION without EDGE_WEIGHT_TYPE : EXPLICIT"));
		if (r->ef == EF_NONE)
			return fail(r, _("EDGE_WEIGHT_SECTION without EDGE_WEIGHT_FORMAT"));
		if (r->w)
			return fail(r, _("EDGE_WEIGHT_SECTION given twice"));
		r->need_w = weight_count(r->ef, r->dim);
		r->w = xcalloc((size_t)r->need_w + 1, sizeof(double));
		*sec = SEC_WEIGHT;
	} else if (!strcasecmp(key, "DEMAND_SECTION")) {
		if ((rc = need_dim(r, key)))
			return rc;
		if (r->dem)
			return fail(r, _("DEMAND_SECTION given twice"));
		r->dem = xcalloc((size_t)r->dim, sizeof(long));
		r->have_dem = xcalloc((size_t)r->dim, 1);
		*sec = SEC_DEMAND;
	} else if (!strcasecmp(key, "DEPOT_SECTION")) {
		if ((rc = need_dim(r, key)))
			return rc;
		*sec = SEC_DEPOT;
	} else {
		*sec = SEC_SKIP; /* e.g. DISPLAY_DATA_SECTION: not needed */
		return SR_OK;
	}
	r->sec_line[*sec] = r->line;
	return SR_OK;
}

/* Checks that the section just left is complete. */
static int end_section(struct reader *r, enum section sec)
{
	switch (sec) {
	case SEC_COORD:
		if (r->n_coord != r->dim)
			return fail(
				r,
				_("NODE_COORD_SECTION (line %ld) has %ld nodes but DIMENSION is %ld"),
				r->sec_line[SEC_COORD], r->n_coord, r->dim);
		break;
	case SEC_DEMAND:
		if (r->n_dem != r->dim)
			return fail(
				r,
				_("DEMAND_SECTION (line %ld) has %ld nodes but DIMENSION is %ld"),
				r->sec_line[SEC_DEMAND], r->n_dem, r->dim);
		break;
	case SEC_WEIGHT:
		if (r->n_w != r->need_w)
			return fail(
				r,
				_("EDGE_WEIGHT_SECTION (line %ld) has %ld values but DIMENSION %ld needs %ld"),
				r->sec_line[SEC_WEIGHT], r->n_w, r->dim, r->need_w);
		break;
	case SEC_DEPOT:
		if (!r->depot_done)
			return fail(r, _("DEPOT_SECTION (line %ld) not terminated by -1"),
				    r->sec_line[SEC_DEPOT]);
		break;
	default:
		break;
	}
	return SR_OK;
}

static int data_line(struct reader *r, enum section sec, char **tok, int nt)
{
	long id, v;
	double d;
	int rc;
	switch (sec) {
	case SEC_COORD:
		if (nt != 3)
			return fail(r, _("NODE_COORD_SECTION: expected 'id x y', got %d fields"),
				    nt);
		if ((rc = parse_id(r, tok[0], "NODE_COORD_SECTION", &id)))
			return rc;
		if (r->have_coord[id - 1])
			return fail(r, _("NODE_COORD_SECTION: node %ld given twice"), id);
		if (sr_parse_double(tok[1], &r->x[id - 1]) != 0 ||
		    sr_parse_double(tok[2], &r->y[id - 1]) != 0)
			return fail(r, _("NODE_COORD_SECTION: bad coordinate for node %ld"), id);
		r->have_coord[id - 1] = 1;
		r->n_coord++;
		break;
	case SEC_DEMAND:
		if (nt != 2)
			return fail(r, _("DEMAND_SECTION: expected 'id demand', got %d fields"),
				    nt);
		if ((rc = parse_id(r, tok[0], "DEMAND_SECTION", &id)))
			return rc;
		if (r->have_dem[id - 1])
			return fail(r, _("DEMAND_SECTION: node %ld given twice"), id);
		if (sr_parse_long(tok[1], &v) != 0 || v > 2000000000L)
			return fail(r, _("DEMAND_SECTION: bad demand '%s' for node %ld"), tok[1],
				    id);
		if (v < 0)
			return fail(r, _("DEMAND_SECTION: negative demand %ld for node %ld"), v,
				    id);
		if (r->capacity > 0 && v > r->capacity)
			return fail(
				r, _("DEMAND_SECTION: demand %ld of node %ld exceeds CAPACITY %ld"),
				v, id, r->capacity);
		r->dem[id - 1] = v;
		r->have_dem[id - 1] = 1;
		r->n_dem++;
		break;
	case SEC_WEIGHT:
		for (int i = 0; i < nt; i++) {
			if (r->n_w >= r->need_w)
				return fail(
					r,
					_("EDGE_WEIGHT_SECTION: more than %ld values (DIMENSION %ld)"),
					r->need_w, r->dim);
			if (sr_parse_double(tok[i], &d) != 0)
				return fail(r, _("EDGE_WEIGHT_SECTION: bad number '%s'"), tok[i]);
			if (d < 0)
				return fail(r, _("EDGE_WEIGHT_SECTION: negative distance %s"),
					    tok[i]);
			r->w[r->n_w++] = d;
		}
		break;
	case SEC_DEPOT:
		for (int i = 0; i < nt; i++) {
			if (r->depot_done)
				return fail(r, _("DEPOT_SECTION: data after the closing -1"));
			if (!strcmp(tok[i], "-1")) {
				if (!r->depot)
					return fail(r, _("DEPOT_SECTION: no depot before -1"));
				r->depot_done = 1;
				continue;
			}
			if ((rc = parse_id(r, tok[i], "DEPOT_SECTION", &id)))
				return rc;
			if (r->depot)
				return fail(
					r,
					_("DEPOT_SECTION: more than one depot (only one is supported)"));
			r->depot = id;
		}
		break;
	default:
		break;
	}
	return SR_OK;
}

/* Explicit weight between file indices a and b (0-based). */
static double explicit_w(const struct reader *r, long a, long b)
{
	long n = r->dim;
	if (r->ef == EF_FULL)
		return r->w[a * n + b];
	if (a == b)
		return 0;			   /* diagonal entries, if given, are ignored */
	long i = a > b ? a : b, j = a > b ? b : a; /* i > j */
	switch (r->ef) {
	case EF_LOWER_ROW:
		return r->w[i * (i - 1) / 2 + j];
	case EF_LOWER_DIAG:
		return r->w[i * (i + 1) / 2 + j];
	case EF_UPPER_ROW: /* row j holds (j, j+1..n-1) */
		return r->w[j * n - j * (j + 1) / 2 + (i - j - 1)];
	case EF_UPPER_DIAG: /* row j holds (j, j..n-1) */
		return r->w[j * n - j * (j - 1) / 2 + (i - j)];
	default:
		return 0;
	}
}

static int build(struct reader *r, vrp_instance_t **out)
{
	long n = r->dim;
	if (r->capacity < 0)
		return fail(r, _("CAPACITY missing"));
	if (r->ew == EW_NONE)
		return fail(r, _("EDGE_WEIGHT_TYPE missing"));
	if (!r->dem)
		return fail(r, _("DEMAND_SECTION missing"));
	if (r->ew == EW_EXPLICIT && !r->w)
		return fail(r, _("EDGE_WEIGHT_SECTION missing (EDGE_WEIGHT_TYPE : EXPLICIT)"));
	if (r->ew != EW_EXPLICIT && !r->x)
		return fail(r, _("NODE_COORD_SECTION missing"));
	long depot = r->depot ? r->depot : 1; /* TSPLIB default: node 1 */
	if (r->dem[depot - 1] != 0)
		return fail(r, _("depot %ld has demand %ld (must be 0)"), depot, r->dem[depot - 1]);
	long total = 0;
	for (long i = 0; i < n; i++) {
		if (r->dem[i] > r->capacity)
			return fail(r, _("demand %ld of node %ld exceeds CAPACITY %ld"), r->dem[i],
				    i + 1, r->capacity);
		total += r->dem[i];
	}
	/* the engine sums loads in int: keep every sum far from overflow */
	if (total > 1000000000L)
		return fail(r, _("total demand %ld is too large (at most 1000000000)"), total);

	vrp_instance_t *in = xcalloc(1, sizeof(*in));
	in->name = xstrdup(r->name ? r->name : "");
	in->n = (int)n;
	in->capacity = (int)r->capacity;
	in->service_time = r->has_service ? r->service : 0;
	in->max_distance = r->has_distance ? r->distance : 0;
	int cmt = !strncasecmp(in->name, "CMT", 3) || r->has_distance || r->has_service;
	in->rounded = !cmt;
	for (long k = 0; r->ew == EW_EXPLICIT && k < r->n_w; k++)
		if (r->w[k] != floor(r->w[k]))
			in->rounded = 0; /* integral iff every given value is */
	in->node_id = xcalloc((size_t)n, sizeof(int));
	in->demand = xcalloc((size_t)n, sizeof(int));
	in->dist = xcalloc((size_t)(n * n), sizeof(double));
	long *file = xcalloc((size_t)n, sizeof(long)); /* our index -> file index */
	file[0] = depot - 1;
	for (long i = 0, k = 1; i < n; i++)
		if (i != depot - 1)
			file[k++] = i;
	for (long i = 0; i < n; i++) {
		in->node_id[i] = (int)(file[i] + 1);
		in->demand[i] = (int)r->dem[file[i]];
	}
	if (r->x) {
		in->x = xcalloc((size_t)n, sizeof(double));
		in->y = xcalloc((size_t)n, sizeof(double));
		for (long i = 0; i < n; i++) {
			in->x[i] = r->x[file[i]];
			in->y[i] = r->y[file[i]];
		}
	}
	for (long i = 0; i < n; i++)
		for (long j = 0; j < n; j++) {
			double d;
			if (i == j) {
				d = 0;
			} else if (r->ew == EW_EXPLICIT) {
				d = explicit_w(r, file[i], file[j]);
			} else {
				double dx = in->x[i] - in->x[j], dy = in->y[i] - in->y[j];
				d = sqrt(dx * dx + dy * dy);
				if (r->ew == EW_CEIL_2D)
					d = ceil(d);
				else if (in->rounded)
					d = floor(d + 0.5);
			}
			in->dist[i * n + j] = d;
		}
	free(file);
	*out = in;
	return SR_OK;
}

/* A line starting with a letter: "KEY : value", a section name or EOF. It
 * ends the current section (*sec). */
static int keyword_line(struct reader *r, char *s, enum section *sec, int *saw_eof, char ***tok,
			size_t *tok_cap)
{
	int rc = end_section(r, *sec);
	if (rc)
		return rc;
	*sec = SEC_NONE;
	char *colon = strchr(s, ':');
	char *key = s, *val = NULL;
	if (colon) {
		*colon = '\0';
		val = colon + 1;
		while (isspace((unsigned char)*val))
			val++;
	}
	trim(key);
	if (!colon) {
		/* "KEY" alone: a section header or EOF; tolerate a value after
		 * blanks ("NAME  x") only for headers */
		int nt = split(key, tok, tok_cap);
		if (nt != 1)
			return fail(r, _("expected 'KEY : value' or a section name"));
		if (!strcasecmp((*tok)[0], "EOF")) {
			*saw_eof = 1;
			return SR_OK;
		}
		size_t n = strlen((*tok)[0]);
		if (n > 8 && !strcasecmp((*tok)[0] + n - 8, "_SECTION"))
			return start_section(r, (*tok)[0], sec);
		return fail(r, _("unknown line '%s' (expected 'KEY : value')"), (*tok)[0]);
	}
	if (strlen(key) > 8 && !strcasecmp(key + strlen(key) - 8, "_SECTION"))
		return start_section(r, key, sec);
	return header_line(r, key, val);
}

int vrp_instance_read(const char *path, vrp_instance_t **out, sr_error_t *err)
{
	char *data = NULL;
	size_t len = 0;
	*out = NULL;
	int rc = sr_read_file(path, &data, &len, err);
	if (rc)
		return rc;
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.err = err;
	r.dim = -1;
	r.capacity = -1;
	enum section sec = SEC_NONE;
	int saw_eof = 0;
	char **tok = NULL;
	size_t tok_cap = 0;
	char *p = data, *end = data + len;
	while (p < end && !saw_eof) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line = p;
		if (nl) {
			*nl = '\0';
			p = nl + 1;
		} else {
			p = end;
		}
		r.line++;
		trim(line);
		char *s = line;
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			continue;
		/* A line starting with a letter is a keyword; anything else is
		 * data of the current section. */
		if (isalpha((unsigned char)*s)) {
			if ((rc = keyword_line(&r, s, &sec, &saw_eof, &tok, &tok_cap)))
				goto out;
			continue;
		}
		if (sec == SEC_NONE) {
			rc = fail(&r, _("data line outside any section"));
			goto out;
		}
		if (sec == SEC_SKIP)
			continue;
		int nt = split(s, &tok, &tok_cap);
		if ((rc = data_line(&r, sec, tok, nt)))
			goto out;
	}
	if ((rc = end_section(&r, sec)))
		goto out;
	if (r.dim < 0) {
		rc = fail(&r, _("DIMENSION missing"));
		goto out;
	}
	rc = build(&r, out);
out:
	free(tok);
	free(data);
	free(r.name);
	free(r.x);
	free(r.y);
	free(r.have_coord);
	free(r.dem);
	free(r.have_dem);
	free(r.w);
	return rc;
}

void vrp_instance_free(vrp_instance_t *inst)
{
	if (!inst)
		return;
	free(inst->name);
	free(inst->x);
	free(inst->y);
	free(inst->dist);
	free(inst->demand);
	free(inst->node_id);
	free(inst);
}

void vrp_instance_problem(const vrp_instance_t *in, int vehicles, vrp_vehicle_type_t *vt,
			  double **service, vrp_problem_t *p)
{
	*service = NULL;
	if (in->service_time > 0) {
		*service = xcalloc((size_t)in->n, sizeof(double));
		for (int i = 1; i < in->n; i++)
			(*service)[i] = in->service_time;
	}
	vrp_vehicle_type_init(vt);
	vt->capacity = in->capacity;
	vt->count = vehicles;
	memset(p, 0, sizeof(*p));
	p->n = in->n;
	p->dist = in->dist;
	p->demand = in->demand;
	p->service = *service;
	p->kind = VRP_CLOSED;
	p->types = vt;
	p->n_types = 1;
	p->max_duration = in->max_distance;
}
