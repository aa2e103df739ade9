/* cmd_vrp.c - `schoolrun vrp FILE`: solves a CVRPLIB/TSPLIB CVRP instance
 * with the routing engine (vrp_solve) and prints the routes in the CVRPLIB
 * .sol layout ("Route #k: ..." with customer numbers = node id - 1, then
 * "Cost X"), or with --json one object:
 *   {"name", "cost", "routes": [[node ids as in the file, depot excluded]],
 *    "lower_bound", "optimal", "seconds", "unserved": [node ids],
 *    "profile": where the time went (vrp_profile_t: "wall_s", "cpu_s",
 *    "chains", "width", "phases": {name: {"wall", "cpu"}}, "chain": [per
 *    chain: "cpu", "helper_cpu", "cand", "sync", "judge", "wait",
 *    "helper_cand", "helper_sync", "iters", "changes", "batches", "need"]);
 *    the last key, so that `sed 's/,"profile":.*$/}/'` leaves the rest)
 * Distances follow CVRPLIB: EUC_2D rounded per arc, real for the CMT files
 * (see vrp_instance_read); --real-dist / --rounded-dist override that.
 * The fleet is unlimited unless --vehicles K is given (then at most K). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/commands.h"
#include "schoolrun/io.h"
#include "schoolrun/vrp.h"
#include "util/i18n.h"

static const char *const usage_text =
	N_("usage: schoolrun vrp FILE.vrp [options]\n"
	   "  --time-limit S     safety net in seconds (default 600); with --iterations time\n"
	   "                     the search time (default 10)\n"
	   "  --seed N           random seed (default 1); same seed, same result\n"
	   "  --vehicles K       at most K vehicles (default: unlimited)\n"
	   "  --iterations N     search effort: N ruin-and-recreate iterations, or 'time'\n"
	   "                     to search until the time limit (not repeatable run to run);\n"
	   "                     default: a fixed budget from the instance's size (repeatable)\n"
	   "  --chains N         independent search chains (default 2); part of the\n"
	   "                     result like the seed, whatever the number of cores\n"
	   "  --threads N        worker threads (default: all cores); never changes the result\n"
	   "  --crossover        HGS's crossover between search rounds (unlimited fleet only;\n"
	   "                     better per iteration, dearer per CPU-second)\n"
	   "  --json             print one JSON object instead of the .sol layout\n"
	   "  --real-dist        unrounded Euclidean distances (default for CMT files)\n"
	   "  --rounded-dist     EUC_2D distances rounded per arc (default otherwise)\n"
	   "  --verbose          progress on stderr\n");

struct args {
	const char *file;
	double time_limit;
	uint64_t seed;
	long vehicles;
	long iterations;	      /* vrp_opts.max_iters: 0 auto, -1 until the limit */
	long chains, threads;	      /* 0: the defaults */
	int json, verbose, dist_mode; /* dist_mode: 0 file default, 1 real, 2 rounded */
	int crossover;
};

static int bad_arg(sr_error_t *err, const char *fmt, const char *v)
{
	return sr_error_set(err, SR_EINPUT, NULL, 0, fmt, v);
}

static int parse_args(int argc, char **argv, struct args *a, sr_error_t *err)
{
	memset(a, 0, sizeof(*a));
	a->time_limit = 0; /* not given: see below */
	a->seed = 1;
	a->vehicles = -1;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
		if (!strcmp(s, "--json")) {
			a->json = 1;
		} else if (!strcmp(s, "--verbose")) {
			a->verbose = 1;
		} else if (!strcmp(s, "--crossover")) {
			a->crossover = 1;
		} else if (!strcmp(s, "--real-dist")) {
			a->dist_mode = 1;
		} else if (!strcmp(s, "--rounded-dist")) {
			a->dist_mode = 2;
		} else if (!strcmp(s, "--time-limit")) {
			if (!v || sr_parse_double(v, &a->time_limit) || !(a->time_limit > 0))
				return bad_arg(
					err,
					_("--time-limit needs a positive number of seconds, got '%s'"),
					v ? v : "");
			i++;
		} else if (!strcmp(s, "--seed")) {
			int64_t x;
			if (!v || sr_parse_int64(v, &x) || x < 0)
				return bad_arg(err,
					       _("--seed needs a non-negative integer, got '%s'"),
					       v ? v : "");
			a->seed = (uint64_t)x;
			i++;
		} else if (!strcmp(s, "--iterations")) {
			if (v && !strcmp(v, "time"))
				a->iterations = -1;
			else if (!v || sr_parse_long(v, &a->iterations) || a->iterations < 1)
				return bad_arg(
					err,
					_("--iterations needs a positive integer or 'time', got '%s'"),
					v ? v : "");
			i++;
		} else if (!strcmp(s, "--chains") || !strcmp(s, "--threads")) {
			long *dst = s[2] == 'c' ? &a->chains : &a->threads;
			if (!v || sr_parse_long(v, dst) || *dst < 1 || *dst > 1024)
				return sr_error_set(
					err, SR_EINPUT, NULL, 0,
					_("%s needs a whole number from 1 to 1024, got '%s'"), s,
					v ? v : "");
			i++;
		} else if (!strcmp(s, "--vehicles")) {
			if (!v || sr_parse_long(v, &a->vehicles) || a->vehicles < 1 ||
			    a->vehicles > 1000000)
				return bad_arg(err,
					       _("--vehicles needs a positive integer, got '%s'"),
					       v ? v : "");
			i++;
		} else if (s[0] == '-' && s[1]) {
			return bad_arg(err, _("unknown option '%s' (see schoolrun vrp --help)"), s);
		} else if (!a->file) {
			a->file = s;
		} else {
			return bad_arg(err, _("more than one instance file ('%s')"), s);
		}
	}
	if (!a->file)
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("no instance file given (see schoolrun vrp --help)"));
	/* a fixed budget ends by its own count: the limit is only a safety
	 * net, far enough that a loaded machine does not cut it (1,000
	 * customers take about 25 CPU-seconds, 150 s of wall time at a load
	 * of 12 on 2 cores) */
	if (!(a->time_limit > 0))
		a->time_limit = a->iterations == -1 ? 10 : 600;
	return SR_OK;
}

/* Recomputes Euclidean distances when the user overrides the file's rule. */
static int apply_dist_mode(vrp_instance_t *in, int mode, const char *path, sr_error_t *err)
{
	if (mode == 0)
		return SR_OK;
	if (!in->x)
		return sr_error_set(
			err, SR_EINPUT, path, 0,
			_("--real-dist/--rounded-dist need coordinates (this file is EXPLICIT)"));
	int n = in->n;
	in->rounded = (mode == 2);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			double d = (i == j) ? 0 : hypot(in->x[i] - in->x[j], in->y[i] - in->y[j]);
			in->dist[i * n + j] = in->rounded ? floor(d + 0.5) : d;
		}
	return SR_OK;
}

static void json_phase(sr_buf_t *b, const char *name, vrp_phase_time_t t, int first)
{
	sr_buf_printf(b, "%s\"%s\":{\"wall\":", first ? "" : ",", name);
	sr_buf_num(b, t.wall, 4);
	sr_buf_puts(b, ",\"cpu\":");
	sr_buf_num(b, t.cpu, 4);
	sr_buf_putc(b, '}');
}

static void json_chain(sr_buf_t *b, const vrp_chain_profile_t *h)
{
	const double v[] = {h->cpu,   h->helper_cpu, h->cand,	     h->sync,
			    h->judge, h->wait,	     h->helper_cand, h->helper_sync};
	const char *name[] = {"cpu",   "helper_cpu", "cand",	    "sync",
			      "judge", "wait",	     "helper_cand", "helper_sync"};
	for (int i = 0; i < 8; i++) {
		sr_buf_printf(b, "%s\"%s\":", i ? "," : "{", name[i]);
		sr_buf_num(b, v[i], 4);
	}
	sr_buf_printf(b, ",\"iters\":%ld,\"changes\":%ld,\"batches\":%ld,\"need\":[", h->iters,
		      h->changes, h->batches);
	for (int p = 0; p < 5; p++)
		sr_buf_printf(b, "%s%ld", p ? "," : "", h->need[p]);
	sr_buf_puts(b, "]}");
}

/* The profile object (time accounting: differs run to run). */
static void json_profile(sr_buf_t *b, const vrp_profile_t *P)
{
	sr_buf_puts(b, "{\"wall_s\":");
	sr_buf_num(b, P->total.wall, 4);
	sr_buf_puts(b, ",\"cpu_s\":");
	sr_buf_num(b, P->total.cpu, 4);
	sr_buf_printf(b, ",\"chains\":%d,\"width\":%d,\"phases\":{", P->n_chains, P->width);
	json_phase(b, "start", P->start, 1);
	json_phase(b, "sisr", P->sisr, 0);
	json_phase(b, "route_pools", P->collect, 0);
	json_phase(b, "set_partitioning", P->setpart, 0);
	json_phase(b, "crossover", P->crossover, 0);
	json_phase(b, "local_search", P->local_search, 0);
	json_phase(b, "exact", P->exact, 0);
	json_phase(b, "rest", P->rest, 0);
	sr_buf_puts(b, "},\"chain\":[");
	for (int i = 0; i < P->n_chains && i < VRP_PROF_CHAINS; i++) {
		if (i)
			sr_buf_putc(b, ',');
		json_chain(b, &P->chain[i]);
	}
	sr_buf_puts(b, "]}");
}

static void print_json(sr_buf_t *b, const vrp_instance_t *in, const vrp_solution_t *s)
{
	sr_buf_puts(b, "{\"name\":");
	sr_buf_json_str(b, in->name);
	sr_buf_puts(b, ",\"cost\":");
	sr_buf_num(b, s->cost, 6);
	sr_buf_puts(b, ",\"routes\":[");
	for (int r = 0; r < s->n_routes; r++) {
		sr_buf_puts(b, r ? ",[" : "[");
		for (int k = 0; k < s->routes[r].n_stops; k++)
			sr_buf_printf(b, "%s%d", k ? "," : "", in->node_id[s->routes[r].stops[k]]);
		sr_buf_putc(b, ']');
	}
	sr_buf_puts(b, "],\"lower_bound\":");
	sr_buf_num(b, s->lower_bound, 6);
	sr_buf_printf(b, ",\"optimal\":%s,\"seconds\":", s->optimal ? "true" : "false");
	sr_buf_num(b, s->seconds, 3);
	sr_buf_puts(b, ",\"unserved\":[");
	for (int k = 0; k < s->n_unserved; k++)
		sr_buf_printf(b, "%s%d", k ? "," : "", in->node_id[s->unserved[k]]);
	sr_buf_puts(b, "],\"profile\":");
	json_profile(b, &s->profile);
	sr_buf_puts(b, "}\n");
}

static void print_sol(sr_buf_t *b, const vrp_instance_t *in, const vrp_solution_t *s)
{
	for (int r = 0; r < s->n_routes; r++) {
		sr_buf_printf(b, "Route #%d:", r + 1);
		for (int k = 0; k < s->routes[r].n_stops; k++)
			sr_buf_printf(b, " %d", in->node_id[s->routes[r].stops[k]] - 1);
		sr_buf_putc(b, '\n');
	}
	sr_buf_puts(b, "Cost ");
	sr_buf_num(b, s->cost, in->rounded ? 0 : 2);
	sr_buf_putc(b, '\n');
	if (s->n_unserved > 0) {
		sr_buf_puts(b, "Unserved:");
		for (int k = 0; k < s->n_unserved; k++)
			sr_buf_printf(b, " %d", in->node_id[s->unserved[k]] - 1);
		sr_buf_putc(b, '\n');
	}
}

int cmd_vrp(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(_(usage_text), stdout);
			return 0;
		}
	sr_error_t err;
	sr_error_clear(&err);
	struct args a;
	if (parse_args(argc, argv, &a, &err))
		return cli_fail(&err);
	if (a.verbose && sr_log_level() < SR_LOG_INFO)
		sr_log_set_level(SR_LOG_INFO);

	vrp_instance_t *in = NULL;
	double *service = NULL;
	vrp_solution_t sol;
	memset(&sol, 0, sizeof(sol));
	int status = 0;
	if (vrp_instance_read(a.file, &in, &err) ||
	    apply_dist_mode(in, a.dist_mode, a.file, &err)) {
		status = cli_fail(&err);
		goto out;
	}
	vrp_vehicle_type_t vt;
	vrp_problem_t p;
	vrp_instance_problem(in, (int)a.vehicles, &vt, &service, &p);
	vrp_opts_t o;
	vrp_opts_init(&o);
	o.time_limit_s = a.time_limit;
	o.seed = a.seed;
	o.verbose = a.verbose;
	o.max_iters = a.iterations;
	if (a.chains > 0)
		o.chains = (int)a.chains;
	o.threads = (int)a.threads;
	o.crossover = a.crossover;
	if (vrp_solve(&p, &o, &sol, &err)) {
		if (!err.file[0])
			snprintf(err.file, sizeof(err.file), "%s", a.file);
		status = cli_fail(&err);
		goto out;
	}
	sr_buf_t b;
	sr_buf_init(&b);
	if (a.json)
		print_json(&b, in, &sol);
	else
		print_sol(&b, in, &sol);
	fwrite(b.data, 1, b.len, stdout);
	sr_buf_free(&b);
	if (!a.json) {
		char lb[64];
		snprintf(lb, sizeof(lb), "%s", _("none"));
		if (isfinite(sol.lower_bound))
			snprintf(lb, sizeof(lb), "%.2f", sol.lower_bound);
		fprintf(stderr, _("schoolrun: %s: %d routes, lower bound %s, %s, %.2f s\n"),
			in->name, sol.n_routes, lb,
			sol.optimal ? _("proved optimal") : _("not proved optimal"), sol.seconds);
	}
	if (sol.n_unserved > 0) {
		fprintf(stderr,
			_n("schoolrun: %s: %d customer left unserved (the fleet is too small, or no "
			   "route can serve them within capacity, duration and ride limits)\n",
			   "schoolrun: %s: %d customers left unserved (the fleet is too small, or no "
			   "route can serve them within capacity, duration and ride limits)\n",
			   sol.n_unserved),
			a.file, sol.n_unserved);
		status = 1;
	}
out:
	vrp_solution_free(&sol);
	free(service);
	vrp_instance_free(in);
	return status;
}
