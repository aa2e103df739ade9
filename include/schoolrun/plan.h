/*
 * plan.h - transfer plans: the term's sessions, the riders (groups of
 * children by village and session) and the fleet in; runs, bus duties and
 * the data every timetable is printed from out.
 *
 * sr_plan_t is the one model the output stage (output.h) reads. Times are
 * seconds since midnight; days are a bit mask (bit 0 = Monday ... bit 6 =
 * Sunday).
 */
#ifndef SCHOOLRUN_PLAN_H
#define SCHOOLRUN_PLAN_H

#include <stdint.h>
#include "schoolrun/osm.h"
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Settings (plan.conf keys, each also a --flag). Their defaults, bounds,
 * flags, units and help lines are the rows of the registry in
 * src/plan/settings.c (plan_settings_table). */
typedef struct plan_settings {
	char *map, *sessions, *riders, *fleet; /* resolved paths */
	int arrival_buffer_min;
	int early_window_min;
	int departure_buffer_min;
	int late_window_min; /* home runs may leave up to this much
				      later than end + departure buffer when
				      buses are short */
	double dwell_base_s;
	double dwell_per_child_s;
	int max_ride_min;
	double speed_cap_kmh;
	char lang[4]; /* "ru" or "en" */
	uint64_t seed;
	double time_limit_s;	/* total planning budget. Routing effort
				      is counted in iterations (the plan
				      depends on the inputs and the seed
				      only); the limit is a safety net: when
				      it cuts a routing or chaining call
				      short, a warning says so and the plan
				      may then differ between machines */
	char term_start[11];	/* the term's first day (YYYY-MM-DD), for
				      the GTFS calendar */
	char *map_bbox;		/* NULL: the whole map; else
				      "minlon,minlat,maxlon,maxlat": only what
				      lies in the box is read (osm_read) */
	char term_end[11];	/* its last day, inclusive; not before
				      term_start */
	char *organisation;	/* NULL: who runs the transport, printed on
				      every page with the contact line */
	char *contact_name;	/* NULL: whom to call */
	char *contact_phone;	/* NULL: … and at which number */
	char *organisation_url; /* NULL: its web site (GTFS agency_url) */
	char *timezone;		/* the district's IANA time zone (GTFS),
				   "Europe/Moscow" by default */
	char *approved_by;	/* NULL: who approves the register of routes,
				"position / name" ("УТВЕРЖДАЮ" block) */
	char *agreed_with;	/* NULL: with whom it is agreed, "position / name"
				("СОГЛАСОВАНО" block: the traffic police) */
	char *children;		/* NULL: children.csv (child,pickup,session
				      [,phone]) for the run lists */
	/* drivers' working time (order No. 424 of the Ministry of Transport,
	 * 2020, gives the frame; hours.c) */
	double max_shift_h;	       /* longest bus day, depot to depot */
	double max_driving_h;	       /* most driving in a day */
	double max_week_h;	       /* longest working week of a bus's drivers,
					  checked, not planned for (0: none) */
	char week_balance[4];	       /* "yes": the buses share the patterns' duties
					  so that each week keeps within its
					  max_week_h (week.c balance) */
	int break_min;		       /* a wait this long is a break */
	double driving_before_break_h; /* most driving between breaks */
	int depot_return_min;	       /* a longer gap is spent at the depot */
	/* the map reader's limits (osm_opts_t, README "Limits") */
	int max_depth, max_attrs, max_tags, max_way_nodes, max_map_mb;
	char *locks;	       /* NULL: locks.csv (session,pickup,bus and/or run): pins */
	char hints[4];	       /* "on": hints worth a bus in summary.txt (hints.c) */
	char keep_priority[9]; /* "children" (a re-plan changes the fewest
				  children first), "buses" (fewest buses first
				  on each day pattern) */
	char home_same_bus[7]; /* "prefer": the chaining weighs the round trips
				  (after buses and the same bus all week,
				  before km); "free": only the exchanges that
				  cost no km (roundtrip.c) */
	char mixed_load[4];    /* "yes": children of sessions close in time and place
			       may share a run (mixed.c); "no": one session a run */
	/* split shifts (hours.c): with split_shift "yes", a stay at the depot
	 * of split_break_min_h or longer divides the day in two parts; at
	 * most split_break_max_h of it is not working time, max_shift_h
	 * limits the working time and max_span_h the day from leaving the
	 * depot to coming back */
	char split_shift[4];
	double split_break_min_h, split_break_max_h, max_span_h;
	char *no_service; /* days of the term without runs: dates and
			     ranges, ru_holidays, or none (calendar.c) */
} plan_settings_t;

/* The settings registry: one row per plan.conf key, in plan.json order;
 * sets *n. Static, never freed. */
const sr_setting_t *plan_settings_table(size_t *n);

/* Fills s with the registry's defaults (paths NULL). */
void plan_settings_init(plan_settings_t *s);

/* Seed value meaning "not given" in an overrides struct. */
#define PLAN_SEED_UNSET UINT64_MAX

/* Fills s as an "overrides" struct with nothing set (sr_settings_unset:
 * ints INT_MIN, doubles NaN, paths NULL, lang and term dates "", seed
 * PLAN_SEED_UNSET). Set fields win over plan.conf. */
void plan_settings_unset(plan_settings_t *s);

/* Copies every set field of `over` (see plan_settings_unset) into s; paths
 * are duplicated (s owns its paths). */
void plan_settings_apply(plan_settings_t *s, const plan_settings_t *over);

/* Frees the paths a settings struct owns (not the struct). */
void plan_settings_clear(plan_settings_t *s);

/* Reads a plan.conf into s (which plan_settings_init() filled): `key =
 * value` lines, '#' comments, blank lines; unknown keys and bad values are
 * SR_EINPUT naming the file and line (every bad line of the file in one
 * message, the first one's line in err). Paths are made relative to the
 * conf's folder unless absolute. (plan_build checks that map, sessions,
 * riders and fleet are all given.) */
int plan_conf_read(const char *path, plan_settings_t *s, sr_error_t *err);

/* The files a conf includes, directly or through its includes, each once
 * as an absolute path (realpath), in the order met; files that cannot be
 * read are left out (plan_conf_read reports them). Returns their number;
 * the caller frees each and *names. (`schoolrun batch` leaves out an
 * argument that another argument's conf includes: a shared base.) */
int plan_conf_includes(const char *path, char ***names);

/* Sets one setting by its plan.conf key from text (the CLI maps
 * --arrival-buffer-min to arrival_buffer_min). Paths are joined to dir
 * unless dir is NULL or the path is absolute. Returns 0, or -1 with a
 * message in why. */
int plan_conf_set(plan_settings_t *s, const char *key, const char *val, const char *dir, char *why,
		  size_t why_size);

/* Checks what the bounds of single settings cannot: with split_shift =
 * yes, split_break_min_h not above split_break_max_h. Returns 0, or -1 with a message in why. (plan_conf_read reports it at the line
 * that set it last; plan_build after the flags.) */
int plan_settings_check(const plan_settings_t *s, char *why, size_t why_size);

/* Parses "HH:MM" (or "H:MM", "HH.MM", "HH:MM:00") into seconds since
 * midnight; 0 on success, -1 when malformed or out of range. */
int plan_parse_hhmm(const char *s, int *seconds);

/* Parses a session's time as one cell, as a timetable writes it: "16:00-17:30",
 * "16.00–17.30", "8.00 - 17.00", "с 16:00 до 17:30", "from 16:00 to 17:30"
 * (any dash; each time as plan_parse_hhmm reads it). Returns 0 with both
 * times set, -1 when malformed. */
int plan_parse_time_range(const char *s, int *start, int *end);

/* The days of the term without runs (plan.conf no_service: dates
 * "2026-11-04", "04.11.2026" or "04.11", ranges "26.10-01.11" or
 * "2026-10-26..2026-11-01", "ru_holidays" for the fixed Russian public
 * holidays, "none"; comma-separated), each within term_start..term_end, as
 * sorted day numbers (days since 1970-01-01) in *days (caller frees; NULL
 * when none). Returns 0, or -1 with a message in why. */
int plan_no_service_days(const plan_settings_t *s, int **days, int *n, char *why, size_t why_size);
/* The days of the term on the weekdays of mask (bit 0 = Monday) that are
 * not among off[0..n_off) (sorted, from plan_no_service_days): how many
 * days a pattern's runs are driven. */
int plan_term_days(const plan_settings_t *s, const int *off, int n_off, unsigned mask);
/* Appends days (sorted, from plan_no_service_days) as a district office
 * writes them: runs of days as ranges, "26.10–01.11.2026, 04.11.2026". */
void plan_no_service_text(const int *days, int n, sr_buf_t *b);
/* The day number of "YYYY-MM-DD" (days since 1970-01-01), -1 when it is
 * no date; and the weekday of a day number (0 = Monday). */
int plan_day_number(const char *iso);
int plan_weekday(int day);
/* A day number as GTFS writes dates, "20261104" (out: 16 bytes). */
void plan_day_ymd(int day, char out[16]);
/* A date of birth as a school's list of pupils writes it: "12.03.2015",
 * "12.03.15" (this century), "2015-03-12" (a spreadsheet's date cell, also
 * with " 00:00"), or the year alone, "2015" (also "2015 г.", "2015 г.р."):
 * its day number, *year_only set for a year alone (the day is its 1
 * January); -1 when it is none of these. */
int plan_birth_day(const char *s, int *year_only);
/* Whole years from day born to day (an age on that day). */
int plan_years_between(int born, int day);
/* Day as "12.03.2015" (ru) or "2015-03-12", or its year alone (out: 16 bytes). */
void plan_day_text(int day, int year_only, int ru, char out[16]);

/* Parses a set of weekdays: "Mon,Wed,Fri", "Mon-Fri", "1-5", "Пн,Ср,Пт",
 * "Пн-Пт", full English names, mixed with ',' ' ' or ';'. Ranges may wrap
 * (Sat-Mon). Returns 0 with *mask set (bit 0 = Monday), -1 when
 * malformed. */
int plan_parse_days(const char *s, uint8_t *mask);

/* Writes a day mask as "Mon,Wed,Fri" / "Mon-Fri" (English) into buf. */
const char *plan_days_label(uint8_t mask, char *buf, size_t size);
/* The same in the language of the terminal's messages ("Пн-Пт" under a
 * Russian locale; util/i18n.h), for stderr only: outputs use the above. */
const char *plan_days_said(uint8_t mask, char *buf, size_t size);
/* A weekday's short name as the pages write it (day 0 = Monday): "Пн"
 * (ru nonzero) or "Mon". */
const char *plan_day_short(int day, int ru);

typedef enum plan_point_kind {
	PLAN_PT_PICKUP = 0, /* a village/hamlet or a lat/lon pickup */
	PLAN_PT_DESTINATION,
	PLAN_PT_DEPOT
} plan_point_kind_t;

/* A located point: pickup, destination or depot. */
typedef struct plan_point {
	char *id;			   /* stable id for outputs: "n123", "w45", or "p7" */
	char *name;			   /* display name (UTF-8) */
	char *name_en;			   /* English name if the map has one, else NULL */
	char *label, *label_en;		   /* names for people where `name` is coordinates
				   or an OSM id ("ферма", "Городок (рядом)",
				   "стадион, Городок"); NULL otherwise */
	int kind;			   /* plan_point_kind_t */
	double lat, lon;		   /* the point as given / the feature's centroid */
	double snap_lat, snap_lon, snap_m; /* where the bus stops: on a road a bus
				may stop on, nearest to the outline (areas) or
				at the village's bus stop; snap_m from lat/lon */
	double *outline_lat, *outline_lon; /* an area's outline (n_outline
				points), NULL for a point */
	int n_outline;
	char *stop_name; /* the public bus stop used ("Школа"), or NULL */
	int is_place;	 /* a pickup that is a place of the map (place=*), not
			    a bus stop, another element or coordinates */
	int named;	 /* named as the inputs wrote it with its OSM id
			    ("Стадион «Колос» (w45)"), not as the map does */
} plan_point_t;

typedef struct plan_session {
	char *id;     /* as in sessions.csv; a part's "Футбол (Ср)" */
	char *family; /* a session held at other times on some days (rows of one
		 name in sessions.csv, days apart): that name, and id is the
		 part's, the name and its days; NULL for a session of one row */
	int part_of;  /* a part: 1 + the index of its family's first part; 0 for a
		 session of one row (plan_session_family) */
	int dest;     /* plan point index */
	uint8_t days; /* day mask */
	int start_s, end_s;
	int max_ride_s;		     /* effective session limit */
	int mix;		     /* 1: its children may share a run with other sessions'
			   (sessions.csv `mix`; kindergartens default to 0) */
	int window_s[2];	     /* its own windows by direction (plan_dir_t:
				   sessions.csv early_window_min, late_window_min) */
	unsigned char own_window[2]; /* 0: window_s unset, the plan's applies */
} plan_session_t;

/* The first part of session i's family (i itself for a session of one
 * row): sessions of one family are the same children on other days. */
static inline int plan_session_family(const plan_session_t *sessions, int i)
{
	return sessions[i].part_of ? sessions[i].part_of - 1 : i;
}

/* A session as sessions.csv names it: a part by its family's name
 * ("Футбол" of "Футбол (Ср)"), else its id. */
static inline const char *plan_session_name(const plan_session_t *s)
{
	return s->family ? s->family : s->id;
}

/* The trips a rider row needs: a group is taken to its session only if it
 * is also brought home, unless riders.csv marks it one way. */
typedef enum plan_legs {
	PLAN_LEGS_BOTH = 0, /* `both` (default): a whole round trip */
	PLAN_LEG_TO = 1,    /* `to`: to the session only */
	PLAN_LEG_HOME = 2   /* `from`: home only */
} plan_legs_t;

/* Whether rider legs `legs` (plan_legs_t) include direction dir
 * (plan_dir_t). */
static inline int plan_legs_has(int legs, int dir)
{
	return legs == PLAN_LEGS_BOTH || legs == dir + 1;
}

/* One row of riders.csv (after name resolution). */
typedef struct plan_rider {
	long line;   /* line in riders.csv */
	int pickup;  /* plan point index */
	int session; /* session index */
	int children;
	int max_ride_s; /* the row's own limit; 0 = none */
	char *note;	/* NULL when absent */
	int legs;	/* plan_legs_t: which trips the children need
				(riders.csv `direction`: both, to, from) */
	int pair_of;	/* a row that brings its children home elsewhere
			   (riders.csv `home`): 1 + the index of its other half
			   (the trip there from `pickup`, the trip home to the
			   home point); 0 for a rider of one point */
} plan_rider_t;

typedef struct plan_bus {
	char *id;
	int depot; /* plan point index */
	int seats;
	int avail_from_s, avail_to_s;
	double cost_per_km;
	char *escort; /* fleet.csv escort column, NULL when absent */
	char *plate;  /* fleet.csv plate column (registration plate), NULL when absent */
	double max_shift_h, max_driving_h; /* fleet.csv: this bus's own
					      limits; 0 = the plan's settings */
	int split_shift;		   /* fleet.csv: 1 yes, 0 no, -1 the plan's setting */
	char *driver;	    /* fleet.csv driver (name), NULL when absent; print only */
	char *driver_phone; /* fleet.csv driver_phone, NULL when absent; print only */
	char *model;	    /* fleet.csv model ("ПАЗ-32053"), NULL when absent */
	double max_week_h;  /* fleet.csv: its drivers' working week (80: two
			      drivers); 0 = the plan's max_week_h */
} plan_bus_t;

/* One row of the optional children.csv (personal data: printed on the
 * run lists in OUT_DIR/print only, never in plan.json or other files). */
typedef struct plan_child {
	long line; /* line in children.csv */
	char *name;
	char *phone;   /* NULL when absent */
	int born;      /* date of birth as a day number (plan_day_number), -1 when absent */
	int born_year; /* nonzero: only the year of birth is known (born is its 1 January) */
	int age;       /* age in years as children.csv gives it, -1 when absent */
	char *klass;   /* class or kindergarten group ("3б"), NULL when absent */
	char *parent;  /* parent or guardian, NULL when absent */
	int pickup;    /* plan point index (a pickup of riders.csv) */
	int session;   /* session index */
} plan_child_t;

typedef enum plan_dir {
	PLAN_TO_SESSION = 0, /* morning-style: villages -> destination */
	PLAN_HOME = 1	     /* after the session: destination -> villages */
} plan_dir_t;

/* One stop event of a run. The destination appears as the last stop of a
 * PLAN_TO_SESSION run and as the first of a PLAN_HOME run. */
typedef struct plan_stop {
	int point; /* plan point index */
	int arrival_s;
	int departure_s;
	int board;   /* children getting on */
	int alight;  /* children getting off */
	int ride_s;  /* for pickups: this stop's ride (to or from the
				destination) */
	int session; /* the session of the children getting on or off here;
			at a destination, the session held there (a mixed run
			visits several) */
} plan_stop_t;

typedef struct plan_run {
	char *id; /* "R12" */
	int session;
	int dir; /* plan_dir_t */
	int bus; /* bus index, -1 if not assigned */
	plan_stop_t *stops;
	int n_stops;
	int children;
	double meters; /* along the road */
	int shift_s;   /* window flexibility used: TO_SESSION, how much
				earlier than the latest arrival it arrives;
				HOME, how much later than end + departure
				buffer it leaves */
	int lag_s;     /* a mixed run at its preferred time already uses this
				much of some destination's window (0 for a run
				of one session) */
	/* road polyline of the whole run (for maps, GeoJSON, GTFS shapes) */
	double *shape_lat, *shape_lon;
	size_t n_shape;
	int origin; /* the session's run it repeats on every day
				pattern (0-based, the same number on each
				pattern where it repeats), -1 for a run of one
				pattern only */
} plan_run_t;

/* Whether stop k of run r is a destination: the last stops of a run to
 * the sessions (children get off), the first of a run home. */
static inline int plan_stop_is_dest(const plan_run_t *r, int k)
{
	return r->dir == PLAN_TO_SESSION ? r->stops[k].alight > 0 || k == r->n_stops - 1
					 : r->stops[k].board > 0 || k == 0;
}

/* Whether run r carries children of session si. */
static inline int plan_run_has_session(const plan_run_t *r, int si)
{
	for (int k = 0; k < r->n_stops; k++)
		if (r->stops[k].session == si)
			return 1;
	return r->session == si;
}

/* Whether run r carries children of more than one session. */
static inline int plan_run_is_mixed(const plan_run_t *r)
{
	for (int k = 0; k < r->n_stops; k++)
		if (r->stops[k].session != r->session)
			return 1;
	return 0;
}

/* What a bus does between two of its runs: drives empty to the next
 * run's first stop and waits there, or, in a long gap, drives back to its
 * depot, waits there and drives out again. */
typedef struct plan_gap {
	int depot_in_s, depot_out_s; /* at the depot from .. to; -1 when
					the bus does not go there */
	int ready_s;		     /* at the next run's first stop */
	int wait_s;		     /* the wait (at the depot or the stop) */
	int is_break;		     /* the wait counts as the driver's break */
	int is_split;		     /* the wait at the depot is the split
					shift's break (not working time) */
} plan_gap_t;

/* A bus's day: its runs in order, with deadheads from and back to depot. */
typedef struct plan_duty {
	int bus;
	int *runs; /* indices into the pattern's runs */
	int n_runs;
	int depart_depot_s, return_depot_s;
	double meters;	  /* runs + deadheads */
	plan_gap_t *gaps; /* n_runs - 1: between runs k and k + 1 */
	int shift_s;	  /* the driver's working time: span_s less split_s */
	int span_s;	  /* return - depart */
	int split_s;	  /* the split shift's break as it counts (0: none) */
	int driving_s;	  /* driving in it (runs, empty drives) */
	int stretch_s;	  /* the longest driving between breaks */
} plan_duty_t;

/* A weekday pattern: the days that share the same set of sessions are
 * planned once. */
typedef struct plan_pattern {
	uint8_t days;
	plan_run_t *runs;
	int n_runs;
	plan_duty_t *duties;
	int n_duties;
} plan_pattern_t;

/* A group of children that is not served, and why. */
typedef struct plan_unserved {
	long rider_line; /* line in riders.csv */
	int pickup;	 /* plan point index, -1 if it could not be located */
	int session;
	int dir; /* plan_dir_t, or -1 for both directions */
	int children;
	uint8_t days;
	char *reason;	   /* English, one sentence */
	char *reason_code; /* machine-readable: "unreachable" (off the main
				road network or no route), "ride_limit" (over
				the limit even on a direct trip), "night_run"
				(would need a run between 23:00 and 06:00),
				"no_bus" (not enough buses / seats),
				"other_leg" (this leg could be served, but
				the other leg of the round trip cannot, and
				the group is not taken one way only) */
} plan_unserved_t;

/* A pin of locks.csv (setting `locks`): the children of a pickup in a
 * session ride one bus on every day, or a run of the --keep plan stays as
 * it was (its stops, times and bus; on the row's bus when one is given). */
typedef struct plan_lock {
	long line;    /* line in locks.csv */
	int session;  /* session index, -1 for a run lock */
	int pickup;   /* point index, -1 for a run lock */
	int bus;      /* fleet index, -1 when the row names none */
	char *run;    /* run id of the --keep plan, NULL for a pickup lock */
	int kept;     /* 1: honoured on every day */
	int off;      /* 1: not honoured on some day, so pinned on none (keep.c) */
	char *reason; /* English, why not (NULL when kept): plan.json's */
	/* the same reason in parts, for the terminal's and the pages' language:
	 * reason is "why (run run, days)" */
	const char *why;     /* the sentence, a static English msgid (NULL when kept) */
	char *why_run;	     /* the run it speaks of, NULL for none ("-") */
	uint8_t why_days;    /* the days it speaks of (0: none) */
	char why_other[128]; /* the bus's other run that why's "%s" names, with its
				session ("R10 (Детсад)"; "" none) */
} plan_lock_t;

/* A lock's why with its "%s" (if any) replaced by other, into buf. */
const char *plan_lock_why_fill(const char *why, const char *other, char *buf, size_t size);

/* The reason a lock was not kept in the language of the terminal's
 * messages (util/i18n.h; days as plan_days_said), for stderr only: into buf,
 * which it returns. plan.json keeps L->reason. */
const char *plan_lock_reason_said(const plan_lock_t *L, char *buf, size_t size);

/* One call of a run at a pickup, as a re-plan's change lists it: the bus
 * leaving (to the session) or arriving (home), the bus's id, how many of
 * the group it carries. */
typedef struct plan_call {
	int time_s;
	char *bus;
	int children;
} plan_call_t;

/* What a re-plan (--keep) changed for the children of a pickup in a
 * session and direction on some days: the old and the new times (HH:MM,
 * several when several runs serve the pickup, "" when none) and buses. */
typedef struct plan_change {
	int pickup, session, dir; /* -1: the new inputs no longer have it */
	uint8_t days;
	int children;		   /* on the new plan (the old one's when none now) */
	int moved;		   /* of the old plan's children here, those whose time and
		      bus are not as before (a group grown onto a second run
		      keeps its earlier children where they were) */
	int is_new;		   /* the old plan had no run for them */
	char *old_time, *new_time; /* "07:32" or "07:32 07:45"; "" none */
	char *old_bus, *new_bus;   /* bus ids the same way */
	plan_call_t *calls[2];	   /* each side's calls (0 old, 1 new), in time */
	int n_calls[2];		   /* order, on the first of the days */
	char *session_id;	   /* the session's id (also a removed one's) */
	char *pickup_id, *pickup_name, *pickup_name_en; /* the village's, as
				the plan that has it says (name_en NULL when none) */
	/* why the children are no longer carried (or some of them not):
	 * NULL, or "session_removed" (not in sessions.csv any more),
	 * "not_on_day" (the session no longer takes place that day),
	 * "village_removed" (riders.csv has no children of the village in
	 * the session any more), "one_way" (riders.csv now marks the group
	 * for the other way only) or a plan_unserved_t reason code */
	char *reason_code;
	char *reason;	   /* English, one sentence, NULL with reason_code NULL */
	int left;	   /* children of a new group the new plan leaves out (it
			 carries `children` of them), else 0 */
	int other_day;	   /* new calls of a part of a session held at other times on
			  some days whose session the earlier plan had here on
			  other days (football moved from Wednesday to Thursday):
			  the session's new day, not a new group */
	const char *cause; /* why the children's time or bus changed, what the
			      coordinator tells the family: NULL (other groups
			      of their runs changed), "bus_gone" (an earlier bus
			      is no longer in fleet.csv), "bus_smaller" (it has
			      fewer seats now), "session_time" (the session
			      starts or ends otherwise now) or "children"
			      (riders.csv counts otherwise than the earlier plan
			      carried) */
} plan_change_t;

/* A hint worth a bus: moving session's start by move_min minutes (or,
 * with late set, its home runs leaving at the end of the late window)
 * lets `saved` fewer buses do the day pattern `days` (chained again to
 * tell, not guessed). */
typedef struct plan_hint {
	int session;
	uint8_t days;
	int move_min; /* -30..30, 0 with late */
	int late;     /* 1: the home runs leave late_window_min later */
	int saved;    /* buses saved on each of those days */
} plan_hint_t;

/* A re-plan's alternative (keep.c): on the days of a day pattern where
 * keeping the earlier runs needs more buses than chaining all runs anew,
 * the chaining needs `saved` fewer buses a day and changes the time or bus
 * of `children` children of the earlier plan on those days (counted as
 * changed_children is). */
typedef struct plan_alt {
	uint8_t days;
	int saved;
	int children;
} plan_alt_t;

/* What would serve everyone on a day pattern that leaves children without
 * a bus (serve.c): extra_buses more buses like fleet bus like_bus, or
 * every driver's day up to max_shift_s with the buses there are, or
 * session move_session starting move_min minutes later (earlier when
 * negative) with the buses there are, or session window_session with a
 * wider own window (window_dir PLAN_TO_SESSION: children may arrive up to
 * window_min minutes before the arrival buffer; PLAN_HOME: leave up to
 * window_min after the departure buffer) with the buses there are
 * (chained again and proved, not guessed: serve.c; the window by planning
 * the pattern again, duties.c; 0 (-1) when no such fix was found within 3
 * buses, 4 hours, 30 minutes or a 90-minute window). */
typedef struct plan_fix {
	uint8_t days;
	int like_bus;	       /* fleet index */
	int extra_buses;       /* 0: none found */
	double max_shift_s;    /* 0: none found */
	int split_shift;       /* 1: plan.conf's split_shift = yes (for the
			       buses fleet.csv leaves to it) takes them all */
	int extra_buses_split; /* else, with it, fewer more buses than
				  extra_buses do: how many (0: none such) */
	int move_session;      /* session index; -1: none found */
	int move_min;	       /* -30, -15, 15 or 30 */
	int window_session;    /* session index; -1: none found */
	int window_dir;	       /* plan_dir_t: which window */
	int window_min;	       /* 30, 45, 60 or 90 */
} plan_fix_t;

/* Something planning did otherwise than asked (a fallback: a chaining
 * that failed or was cut short, a bus left out), said on stderr when it
 * happens and kept here for plan.json and summary.txt (plan_warn). */
typedef struct plan_warning {
	char *code;    /* "time_limit_cut", "chain_failed", "week_chain_failed",
			  "depot_off_network", "drivers_rule", "keep_no_bus",
			  "stop_moved", "stop_too_far", "stop_off_fragment",
			  "week_hours", "week_hours_left" */
	char *message; /* English, one sentence */
	uint8_t days;  /* the day pattern it concerns, 0: none */
	char *args[5]; /* the names and figures of the message, in order */
	int n_args;
} plan_warning_t;

typedef struct sr_plan {
	plan_settings_t settings;
	plan_point_t *points;
	int n_points;
	plan_session_t *sessions;
	int n_sessions;
	plan_bus_t *buses;
	int n_buses;
	plan_rider_t *riders;
	int n_riders;
	plan_child_t *children; /* children.csv, in file order; none without it */
	int n_children;
	plan_pattern_t *patterns;
	int n_patterns;
	plan_unserved_t *unserved;
	int n_unserved;
	/* children and groups (pickup and session) left out on some day in
	 * some leg: a child counts once however many legs and days it lacks
	 * (the most children of the group left out on any one day) */
	int unserved_children, unserved_groups;
	/* SHA-256 hex of each input file, for plan.json */
	char *input_names[5];
	char input_sha256[5][65];
	int n_inputs;
	sr_map_t *map;	    /* the map (owned by the plan) */
	plan_lock_t *locks; /* locks.csv rows, in file order */
	int n_locks;
	int replan;		/* 1: planned with --keep (changes below) */
	plan_change_t *changes; /* re-plan: what changed, by session, direction,
				        pickup */
	int n_changes;
	int changed_children; /* children of the old plan whose time or bus
				        changed on some day (a pickup and session
				        counts its most children once) */
	plan_alt_t *alts;     /* re-plan: fewer buses, more changes (keep.c) */
	int n_alts;
	plan_hint_t *hints; /* moves worth a bus (hints.c), by session */
	int n_hints;
	plan_fix_t *fixes; /* what would serve everyone (serve.c), by pattern */
	int n_fixes;
	int kept_runs, new_runs;  /* runs kept as they were / others (over the
				        day patterns) */
	plan_warning_t *warnings; /* in the order they happened */
	int n_warnings;
} sr_plan_t;

/* How steady the week is (plan_week_stats). */
typedef struct plan_week {
	int repeating;	    /* runs (origin >= 0) on more than one day */
	int same_bus;	    /* ... of them on one bus every day */
	int distinct_buses; /* buses with a duty on some day */
	int buses_per_day[7];
	double meters; /* the buses' driving a week: duties' metres times days */
} plan_week_t;

/* Fills *w from p's patterns: a repeating run is one origin found on
 * two or more days; it keeps one bus when every day's copy has the same
 * bus. */
void plan_week_stats(const sr_plan_t *p, plan_week_t *w);

/* Bus b's working week: its duties' working time (shift_s) and driving
 * times the days of their patterns. */
void plan_week_hours(const sr_plan_t *p, int b, int *work_s, int *drive_s);
/* Bus b's limit on it in hours: fleet.csv max_week_h, else the plan's
 * (0: none). */
double plan_week_limit_h(const sr_plan_t *p, int b);
/* Whether bus b's working week (into *work_s when not NULL) is longer
 * than its limit (none: never). */
int plan_week_over(const sr_plan_t *p, int b, int *work_s);
/* A week's time as hours and minutes, "56:41", "6:50" (out: 16 bytes). */
void plan_week_text(int s, char out[16]);
/* Warns (week_hours) of the buses whose working week is longer than
 * their limit. */
void plan_week_hours_check(sr_plan_t *p);

/* Children brought home by the bus that took them: *all counts, per day,
 * the children of a pickup and session on a bus both ways (the smaller of
 * those taken and those brought home), *same those of them whose bus home
 * is the bus that took them (per bus, the smaller of the two). */
void plan_round_trip_stats(const sr_plan_t *p, long *same, long *all);

/* Reads EXAMPLE_DIR/plan.conf and the files it names; settings given in
 * `overrides` (non-negative / non-NULL fields, see plan_settings_init)
 * win over the file. Builds runs and duties. Caller frees with plan_free(). */
int plan_build(const char *conf_path, const plan_settings_t *overrides, sr_plan_t **out,
	       sr_error_t *err);
void plan_free(sr_plan_t *p);

/* Session si's window in direction dir (plan_dir_t), in seconds: to the
 * session, how much earlier than its latest arrival a run may arrive
 * (early_window_min); home, how much later than its earliest leaving a run
 * may leave (late_window_min): the session's own, else the plan's. */
int plan_session_window_s(const sr_plan_t *p, int si, int dir);

/* plan_build re-planning: keep_json (NULL: none) is the plan.json of an
 * earlier plan of the same district (the same map). Every run of it that
 * is still feasible is kept with its stops, times and bus; the riders it
 * does not carry are routed anew and fitted in around it (fewest children
 * whose time or bus changes, then buses, then km); p->changes lists what
 * changed. A plan.json of another map is SR_EINPUT. */
int plan_build_keep(const char *conf_path, const plan_settings_t *overrides, const char *keep_json,
		    sr_plan_t **out, sr_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
