/* main.c - the `schoolrun` command: dispatches to the subcommands. */
#include <stdio.h>
#include <string.h>
#include "cli/commands.h"
#include "util/i18n.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{"plan", cmd_plan,
	 N_("plan EXAMPLE_DIR --out OUT_DIR   build a term's transfer plan and timetables")},
	{"inspect", cmd_inspect,
	 N_("inspect MAP [--json]             what an OSM map holds for bus routing")},
	{"names", cmd_names,
	 N_("names MAP [--kind K] [--csv]     the names a map holds, for the input files")},
	{"matrix", cmd_matrix,
	 N_("matrix MAP --points CSV          road travel time/distance matrix")},
	{"vrp", cmd_vrp, N_("vrp FILE.vrp                     solve a CVRPLIB instance")},
	{"batch", cmd_batch,
	 N_("batch DIR... --out OUT [--jobs N]  plan many districts or scenarios at once")},
	{"compare", cmd_compare,
	 N_("compare OUT_A OUT_B [--out DIR]  two plans or batches side by side")},
	{"sbrp", cmd_sbrp,
	 N_("sbrp INSTANCE_DIR --max-ride S   solve a Park-Tae-Kim school bus instance")},
};

static void usage(FILE *fp)
{
	fputs(_("usage: schoolrun COMMAND [ARGS]\n\ncommands:\n"), fp);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %s\n", _(commands[i].help));
	fputs(_("\n`schoolrun COMMAND --help` describes a command's options.\n"), fp);
}

int cli_fail(const sr_error_t *err)
{
	char buf[sizeof(err->msg) + sizeof(err->file) + 64];
	fprintf(stderr, "schoolrun: %s\n", sr_error_format(err, buf, sizeof(buf)));
	return (err->code == SR_EINPUT || err->code == SR_EIO) ? 2 : 1;
}

int main(int argc, char **argv)
{
	sr_i18n_init();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("schoolrun %s\n", SR_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, _("schoolrun: unknown command '%s'\n"), argv[1]);
	usage(stderr);
	return 2;
}
