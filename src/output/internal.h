/* internal.h - helpers shared by the writers in src/output (not public):
 * checking the plan before anything is written, fixed formats for times,
 * days and coordinates, a stable order of runs, trip ids, and the ru/en
 * message table of the printed pages. */
#ifndef SR_OUTPUT_INTERNAL_H
#define SR_OUTPUT_INTERNAL_H

#include <stdint.h>
#include "schoolrun/output.h"
#include "schoolrun/io.h"

/* The GTFS calendar's term when a plan's settings carry none (a plan not
 * made by plan_build; plan_settings_init gives the same dates). YYYYMMDD,
 * inclusive. */
#define OUT_TERM_START "20260901"
#define OUT_TERM_END "20261228"

/* Placeholder agency for the GTFS feed (agency_url is required by GTFS;
 * example.org is reserved for documentation, RFC 2606). */
#define OUT_AGENCY_NAME "schoolrun"
#define OUT_AGENCY_URL "https://example.org/schoolrun"
#define OUT_AGENCY_TZ "Europe/Moscow"

/* Verifies the invariants every writer relies on, so that no writer emits a
 * broken file: indices in range, ids present, unique and valid UTF-8,
 * stop times non-negative and non-decreasing along each run, duties whose
 * runs are assigned to the duty's bus, patterns with disjoint non-empty day
 * sets. Returns SR_OK or SR_EINTERNAL with a message naming the object. */
int out_check_plan(const sr_plan_t *p, sr_error_t *err);

/* "HH:MM:SS" (hours may exceed 23 past midnight, GTFS style); buf >= 16. */
void out_fmt_hms(char *buf, int s);
/* "HH:MM", seconds dropped (floor); buf >= 16. */
void out_fmt_hm(char *buf, int s);
/* Days as English three-letter names in week order joined by sep:
 * "Mon,Wed,Fri" with sep ",". buf >= 40. */
void out_fmt_days(char *buf, size_t size, uint8_t days, const char *sep);
/* Days in the plan's language, three or more consecutive days as a range,
 * as Russian timetables write them: "Пн, Ср, Пт", "Пн–Пт, Сб" (a list of
 * every day, "Пн, Вт, Ср, Чт, Пт", headed the summary's day patterns and
 * the driver sheets, while the village pages said "Пн–Пт"). */
void out_buf_days_short(sr_buf_t *b, const sr_plan_t *p, uint8_t days);
/* "to_session" / "home" / "both" (dir -1). */
const char *out_dir_code(int dir);

/* The display name of a point (its id if it has no name). */
const char *out_pt_name(const plan_point_t *pt);
/* The name for pages in the plan's language: the point's label (for
 * coordinates and unnamed destinations, plan_name_points) in that language,
 * else the English name (OSM name:en) on English pages when the map has
 * one, else out_pt_name. */
const char *out_pt_label(const sr_plan_t *p, const plan_point_t *pt);
/* Appends ", except 26.10–01.11.2026, 04.11.2026" (the term's days without
 * runs, no_service) after the term, or nothing when there are none. */
void out_no_service(sr_buf_t *b, const sr_plan_t *p);
/* The km the plan's buses drive over the term (each pattern's duties times
 * its days in the term, plan_term_days), and in *days the days with runs. */
double out_term_km(const sr_plan_t *p, int *days);
/* out_pt_label with the public bus stop used, when there is one:
 * "Липки, ост. «Школа»" / "Lipki, stop “Школа”". Written into buf. */
const char *out_pt_stop_label(const sr_plan_t *p, const plan_point_t *pt, char *buf, size_t size);
/* Where the bus stops for a point: the road snap when the plan has one,
 * otherwise the point as given. */
void out_pt_stop_ll(const plan_point_t *pt, double *lat, double *lon);

/* print/: a bus as people name it, "3 (А123ВС 50)" with its plate
 * (print_html.c); the organisation, term and contact line that starts a
 * sheet on screen. */
void out_html_bus_name(sr_buf_t *b, const plan_bus_t *bus);
void out_html_sheet_head(sr_buf_t *b, const sr_plan_t *p);
/* The marked points (marked[i] != 0) in the alphabetical order of their
 * labels (case folded, ё as е; ties in point order) into *order (the
 * caller frees it); returns their count. The destinations of the
 * sessions, marked (the caller frees). */
int out_points_by_name(const sr_plan_t *p, const char *marked, int **order);
char *out_dest_points(const sr_plan_t *p);

/* The register of routes (register_html.c): a row per run, its days
 * merged over the patterns where it repeats with the same stops, times
 * and bus; by destination (alphabetically), session, to the session
 * before home, departure. The caller frees the array. */
typedef struct out_reg_row {
	const plan_run_t *r;
	uint8_t days;
	int rank; /* its destination's place in the alphabetical order */
} out_reg_row_t;
out_reg_row_t *out_register_rows(const sr_plan_t *p, int *n);
/* A run's first departure and last arrival (seconds since midnight). */
int out_run_dep(const plan_run_t *r);
int out_run_arr(const plan_run_t *r);
/* The places run r calls at, in order, joined by " — " (a stop repeated
 * in a row once); its sessions in the order of its destinations, joined
 * by ", ". Plain text, or HTML-escaped when html. */
void out_register_route(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, int html);
void out_register_sessions(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, int html);
/* print/routes.html's body: the register on A4 landscape with the driver
 * of each bus; nothing when the plan has no runs. */
void out_register_book(sr_buf_t *b, const sr_plan_t *p);

/* Runs of a pattern in the order every output lists them: by bus (index,
 * unassigned last), then first stop time, then id. Caller frees. */
int *out_run_order(const sr_plan_t *p, int pattern);

/* The GTFS trip id (and shape id) of a run: its id when run ids are unique
 * over the whole plan, else "<id>_<days joined by '-'>". buf >= 256. */
void out_trip_id(const sr_plan_t *p, int pattern, int run, char *buf, size_t size);

/* The plan's longest driver's day (depot to depot) and most driving in a
 * day: the duty, its days (NULL, 0 when the plan has no duty). */
typedef struct out_day {
	const plan_duty_t *shift, *drive;
	uint8_t shift_days, drive_days;
	int shift_s;
} out_day_t;
void out_longest_days(const sr_plan_t *p, out_day_t *o);
/* The bus whose drivers' working week is the longest (plan_week_hours;
 * the first of equals), its length in *work_s; -1 without duties. */
int out_longest_week(const sr_plan_t *p, int *work_s);

/* Length of a run's shape in metres (haversine sum), 0 for < 2 points. */
double out_shape_m(const plan_run_t *r);

/* Writes a buffer atomically. */
int out_write_buf(const char *path, const sr_buf_t *b, sr_error_t *err);

/* Joins dir and name into a new string (caller frees). */
char *out_path(const char *dir, const char *name);

/* ---- messages of the printed pages (messages.c) ---- */
typedef enum out_msg {
	M_INDEX_TITLE,
	M_DRIVER_SHEETS,
	M_DRIVER_SHEET,
	M_DESTINATIONS,
	M_VILLAGES,
	M_PICKUPS,
	M_BUS,
	M_SEATS,
	M_MODEL,
	M_DAYS,
	M_DEPOT,
	M_RUN,
	M_SESSION,
	M_SESSIONS,
	M_DESTINATION,
	M_VILLAGE,
	M_DIR_TO,
	M_DIR_HOME,
	M_STOP,
	M_ARRIVAL,
	M_DEPARTURE,
	M_BOARD,
	M_ALIGHT,
	M_CHILDREN,
	M_DEADHEAD,
	M_WAIT,
	M_LEAVE_DEPOT,
	M_RETURN_DEPOT,
	M_TOTAL_KM,
	M_KM,
	M_MIN,
	M_SESSION_TIME,
	M_ARRIVE_BY_BUS,
	M_LEAVE_BY_BUS,
	M_FROM,
	M_TO,
	M_PICKUP_TIME,
	M_AT_DESTINATION,
	M_LEAVES_DESTINATION,
	M_BACK_HOME,
	M_UNSERVED,
	M_REASON,
	M_MAP,
	M_NOT_LOCATED,
	M_STOP_AWAY,
	M_STOP_AWAY_PT,
	M_ALSO_PICKUP,
	M_PICKUP_PAGE,
	M_DIR_N,
	M_DIR_NE,
	M_DIR_E,
	M_DIR_SE,
	M_DIR_S,
	M_DIR_SW,
	M_DIR_W,
	M_DIR_NW,
	M_BUS_STOP_LABEL,
	M_UNASSIGNED,
	M_NO_RUNS,
	M_BACK_TO_INDEX,
	M_RIDE,
	/* summary.txt ({1}, {2}... are filled in by out_msg_fill) */
	M_SUM_TITLE,
	M_SUM_BUSES,
	M_SUM_BUSES_OF,
	M_SUM_RUNS,
	M_SUM_RUNS_PAT1,
	M_SUM_RUNS_PATN,
	M_SUM_KM_WEEK,
	M_SUM_LONGEST,
	M_SUM_UNSERVED,
	M_SUM_GROUPS1,
	M_SUM_GROUPSN,
	M_SUM_STEADY,
	M_SUM_STEADY_V,
	M_SUM_ROUND,
	M_SUM_ROUND_V,
	M_SUM_PER_DAY,
	M_SUM_P_RUNS,
	M_SUM_P_NO_BUS,
	M_SUM_P_CHILDREN,
	M_SUM_P_CHILDREN_V,
	M_SUM_P_KM_DAY,
	M_SUM_P_KM_DAY_V,
	M_SUM_P_LONGEST_V,
	M_SUM_P_EARLIEST,
	M_SUM_P_EARLIEST_V,
	M_SUM_UNSERVED_HEAD,
	M_SUM_UNSERVED_LINE,
	M_SUM_FIX_HEAD,
	M_SUM_FIX_BUSES,
	M_SUM_FIX_SPLIT,
	M_SUM_FIX_SPLIT_BUSES,
	M_SUM_FIX_SHIFT,
	M_SUM_FIX_LATER,
	M_SUM_FIX_EARLIER,
	M_SUM_FIX_EARLY_WINDOW,
	M_SUM_FIX_LATE_WINDOW,
	M_SUM_FIX_OR,
	M_SUM_UNKNOWN,
	M_SUM_NO_REASON,
	M_BOTH_WAYS,
	M_DIR_TO_BOTH,
	M_DIR_HOME_BOTH,
	/* timetable.xlsx */
	M_DIRECTION,
	M_SEQ,
	M_XLSX_TITLE,
	/* books and pages */
	M_TERM,
	M_CONTACT,
	M_PHONE,
	M_NOTE,
	M_BOOKS,
	M_BUS_THERE,
	M_BUS_HOME,
	M_NORTH,
	M_METRES,
	M_ESCORT,
	M_CHILD,
	M_PHONE_COL,
	M_SIGNATURE,
	M_BIRTH_COL,
	M_CLASS_COL,
	M_PARENT_COL,
	M_AGE_WORD,
	M_LISTS,
	M_LIST_TITLE,
	M_DRIVER,
	M_TO_DEPOT,
	M_AT_DEPOT,
	M_BREAK,
	M_BREAK_AT_DEPOT,
	M_WORKDAY,
	M_AGREED,
	M_APPROVED,
	M_SIGN_DATE,
	M_WEEK_WORK,
	M_WEEK_OVER,
	M_DRIVING,
	M_SUM_SHIFT,
	M_SUM_SHIFT_V,
	M_SUM_DRIVING,
	M_SUM_WEEK,
	M_SUM_WEEK_V,
	M_SUM_WEEK_V0,
	M_SUM_WEEKS,
	M_WARNINGS_H,
	M_SUM_WEEKS_V,
	M_SUM_WEEKS_OVER,
	/* map.html */
	M_ROUTE_MAP,
	M_ALL,
	M_OSM_CREDIT,
	M_CHILDREN_SHORT,
	M_NO_BUS_HOME, /* a village page's empty cells of a one-way group */
	M_NO_BUS_THERE,
	M_THERE_FROM, /* … of a row that brings its children home elsewhere */
	M_HOME_TO,
	/* re-plan and locks (changes.c) */
	M_CHG_TITLE,
	M_CHG_INTRO,
	M_CHG_NONE,
	M_CHG_WAS,
	M_CHG_NOW,
	M_CHG_NEW,
	M_CHG_NEW_DAY,
	M_CAUSE_BUS_GONE,
	M_CAUSE_BUS_SMALLER,
	M_CAUSE_SESSION_TIME,
	M_CAUSE_CHILDREN,
	M_CHG_GONE,
	M_CHG_SESSION_GONE,
	M_CHG_NO_WAY_HOME,
	M_CHG_LEFT,
	M_CHG_NO_WAY_THERE,
	M_SUM_REPLAN,
	M_SUM_LOCKS,
	M_SUM_LOCK_NOT,
	M_SUM_HINT,
	M_SUM_REPLAN_ALT,
	M_SUM_HINT_MOVE,
	M_SUM_HINT_LATE,
	M_SUM_HINT_NONE,
	M_EARLIER,
	M_LATER,
	/* split shifts */
	M_SPLIT_BREAK,
	M_WORKTIME,
	M_SUM_SPLIT,
	M_SUM_SPLIT_V,
	M_SUM_WARNINGS,
	M_NO_SERVICE,
	M_SUM_NO_SERVICE,
	M_SUM_KM_TERM,
	M_SUM_KM_TERM_V,
	M_REGISTER,
	M_ROUTE,
	M_RIDE_MIN,
	M_REGISTER_TOTAL,
	M_N_MSGS
} out_msg_t;

/* The message in the plan's language (settings.lang "ru", else English). */
const char *out_msg(const sr_plan_t *p, out_msg_t m);
/* Short day name (0 = Monday) in the plan's language. */
const char *out_day_name(const sr_plan_t *p, int day);
/* An unserved group's reason in the plan's language: a translation of the
 * planner's sentence with its figures, else of its reason_code, else the
 * English sentence; appended to b. */
void out_reason(sr_buf_t *b, const sr_plan_t *p, const plan_unserved_t *u);
/* Appends why lock L was not kept in the plan's language (plan.json's
 * English reason with lang en). */
void out_lock_reason(sr_buf_t *b, const sr_plan_t *p, const plan_lock_t *L);
/* A run's direction in the plan's language ("to the session", "home";
 * "both ways" for a dir < 0). */
const char *out_dir_word(const sr_plan_t *p, int dir);
/* How an entry of p->unserved is printed: the unserved legs as a
 * coordinator reads them, in summary.txt and on the printed pages: a
 * group's leg left for one reason on several day patterns is one line
 * with their days, and a leg dropped only because the other cannot be
 * served (other_leg) joins that other's line ("to the session, and so
 * home too"). plan.json keeps every leg and pattern. */
typedef struct {
	int shown;    /* 0: folded into another entry's line */
	int both;     /* the line stands for both legs: 1 the other left with
			 it (other_leg), 2 for the same reason */
	uint8_t days; /* the days of the line */
} out_unserved_t;
/* One out_unserved_t per entry of p->unserved (the caller frees it). */
out_unserved_t *out_unserved_lines(const sr_plan_t *p);
/* The entries of p->unserved in the order a coordinator reads them: by
 * the riders file's line, then the first day, then to the session before
 * home (the planner finds them pattern by pattern: lines 14, 13, 12, 10);
 * the caller frees it. */
int *out_unserved_order(const sr_plan_t *p);
/* The direction words of u's line l ("to the session, and so home too"). */
const char *out_unserved_dir(const sr_plan_t *p, const plan_unserved_t *u, const out_unserved_t *l);
/* What would serve everyone on a day pattern (plan_fix_t) as one
 * sentence in the plan's language ("чтобы перевезти всех (Пн): ..."),
 * appended to b (summary.c). */
void out_fix_text(sr_buf_t *b, const sr_plan_t *p, const plan_fix_t *f);
/* A planning warning (plan_warn) in the plan's language, from its code,
 * days and args; its English message when the code is not known. */
void out_warning(sr_buf_t *b, const sr_plan_t *p, const plan_warning_t *w);
/* Appends message m with "{1}".."{9}" replaced by args[0..n) (so that the
 * languages may order the values differently). */
void out_msg_fill(sr_buf_t *b, const sr_plan_t *p, out_msg_t m, const char *const *args, int n);

/* ---- the interactive map (map_html.c) ---- */
/* map.html: Leaflet from Debian's libjs-leaflet inlined, the roads of the
 * plan's map, every run; not written (a warning) when Leaflet is missing. */
int out_map_html(const sr_plan_t *p, const char *path, sr_error_t *err);
/* Whether Leaflet is installed where map.html takes it from. */
int out_leaflet_found(void);

/* ---- the map's roads for drawing (roads.c) ---- */
/* Road ranks: how prominently a road is drawn. */
enum {
	OUT_ROAD_MAIN = 0, /* motorway, trunk, primary, secondary (+ links) */
	OUT_ROAD_MIDDLE,   /* tertiary (+ link), unclassified */
	OUT_ROAD_MINOR,	   /* residential, living street, service, road, track */
	OUT_N_ROAD_RANKS
};

/* The rank of a net_class_t. */
int out_road_rank(int road_class);

/* One road line: points lat/lon[first .. first + n) of its out_roads_t. */
typedef struct out_road {
	int rank;
	size_t first, n;
} out_road_t;

typedef struct out_roads {
	out_road_t *roads;
	size_t n_roads, cap_roads;
	double *lat, *lon;
	size_t n_pts, cap_lat, cap_lon;
} out_roads_t;

/* Fills r with every road of net once (a two-way road's two edges are one
 * line), in node and edge order; with box (min_lat, min_lon, max_lat,
 * max_lon) not NULL only roads whose extent overlaps it. Each line is
 * simplified (Douglas-Peucker) to within tol_m[rank] metres (0: every
 * point). net NULL gives no roads. Free with out_roads_free. */
void out_roads_collect(const sr_network_t *net, const double *box, const double tol_m[3],
		       out_roads_t *r);
void out_roads_free(out_roads_t *r);

/* ---- re-plan and locks (changes.c) ---- */
/* changes.csv: a row per change of a re-plan (nothing written without
 * --keep). */
int out_changes_csv(const sr_plan_t *p, const char *path, sr_error_t *err);
/* print/changes.html in dir: the changes for the coordinator's calls. */
int out_changes_html(const sr_plan_t *p, const char *dir, sr_error_t *err);
/* The re-plan and lock lines of summary.txt, appended to b. */
void out_changes_summary(sr_buf_t *b, const sr_plan_t *p);
/* The "locks" and "replan" members of plan.json (with a leading comma),
 * appended to b; nothing when the plan has neither. */
void out_changes_json(sr_buf_t *b, const sr_plan_t *p);
/* The start of a printed page in the look of print/ (print_html.c): the
 * head with its CSS, a link back to the index and the contact line. */
void out_html_page_begin(sr_buf_t *b, const sr_plan_t *p, const char *title);

/* Whether stop k of run r is at the place of stop k - 1 (a mixed run's
 * children of two sessions at one village or one stadium): the driver's
 * sheet and its map show them as one stop. */
static inline int out_stop_same_place(const plan_run_t *r, int k)
{
	return k > 0 && r->stops[k].point == r->stops[k - 1].point;
}

/* ---- inline SVG map of one run (svg_map.c) ---- */
/* Appends an <svg> of width x height user units drawing the run's shape
 * (or its stops when it has no shape) with its stops as labelled dots,
 * projected equirectangularly and fitted to the box. */
void out_svg_run_map(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, double width,
		     double height);

#endif
