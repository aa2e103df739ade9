/* commands.h - the subcommands of `schoolrun`, one file each (cmd_*.c).
 * Each takes argc/argv after the subcommand name (argv[0] is the
 * subcommand) and returns the process exit status. */
#ifndef SR_CLI_COMMANDS_H
#define SR_CLI_COMMANDS_H

#include "schoolrun/osm.h"
#include "schoolrun/util.h"

int cmd_inspect(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
int cmd_names(int argc, char **argv);
int cmd_vrp(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_sbrp(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_compare(int argc, char **argv);

/* Prints an error as "schoolrun: file:line: message" on stderr and returns
 * the exit status for it: 2 for bad input or unreadable files, 1 otherwise. */
int cli_fail(const sr_error_t *err);

/* `schoolrun names --kind address` (names_addr.c): the map's street
 * addresses, those whose text holds filter (folded; NULL: all) and lie
 * within radius_m of a point (near NULL: anywhere), as text or CSV on
 * stdout. Returns SR_OK or the error. */
typedef struct names_near {
	double lat, lon, radius_m;
} names_near_t;
int names_list_addresses(const sr_map_t *m, const char *filter, const names_near_t *near, int csv,
			 sr_error_t *err);

#endif
