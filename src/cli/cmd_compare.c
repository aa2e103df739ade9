/*
 * cmd_compare.c - `schoolrun compare OUT_A OUT_B [--out DIFF_DIR] [--lang ru|en]`:
 * two plans of a district (scenarios or re-runs), or two batch folders, side
 * by side: compare.csv and compare.html in DIFF_DIR (default: the current
 * folder); compare.html in Russian or English (default: the plans' own
 * language when they all agree, else Russian). Exit 0 whether or not
 * anything changed; 2 for bad input.
 */
#include <stdio.h>
#include <string.h>
#include "cli/commands.h"
#include "schoolrun/batch.h"
#include "util/i18n.h"

static void usage(FILE *fp)
{
	fputs(_("usage: schoolrun compare OUT_A OUT_B [--out DIFF_DIR] [--lang ru|en] [-q]\n"
		"\n"
		"OUT_A and OUT_B are two plan folders (schoolrun plan --out) or two batch\n"
		"folders (schoolrun batch --out; districts paired by name). Writes\n"
		"DIFF_DIR/compare.csv and DIFF_DIR/compare.html (default DIFF_DIR: .): the\n"
		"figures of both, and per session, direction and village the changed pickup\n"
		"and drop-off times, buses and unserved children. Buses that differ only\n"
		"by their names (A's buses matched to B's by the calls they share) are\n"
		"listed apart, as bus_renamed.\n"
		"  --lang ru|en  compare.html's language (default: the plans' own language\n"
		"                when they all agree, else ru); compare.csv keeps English keys\n"),
	      fp);
}

int cmd_compare(int argc, char **argv)
{
	const char *ab[2] = {NULL, NULL}, *out = ".", *lang = NULL;
	int n = 0, quiet = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
			quiet = 1;
		} else if (!strcmp(argv[i], "--out") || !strcmp(argv[i], "--lang")) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("schoolrun compare: %s needs a value\n"),
					argv[i]);
				return 2;
			}
			*(!strcmp(argv[i], "--out") ? &out : &lang) = argv[i + 1];
			i++;
		} else if (argv[i][0] == '-' || n == 2) {
			fprintf(stderr, _("schoolrun compare: unexpected argument '%s'\n"),
				argv[i]);
			return 2;
		} else {
			ab[n++] = argv[i];
		}
	}
	if (n != 2) {
		usage(stderr);
		return 2;
	}
	if (lang && strcmp(lang, "ru") && strcmp(lang, "en")) {
		fprintf(stderr, _("schoolrun compare: --lang must be ru or en, not '%s'\n"), lang);
		return 2;
	}
	sr_error_t err;
	int changes = 0, renamed = 0;
	if (batch_compare(ab[0], ab[1], out, lang, &changes, &renamed, &err))
		return cli_fail(&err);
	if (!quiet && renamed)
		fprintf(stderr,
			_("schoolrun compare: %d changes, %d of them the same calls under another bus; see %s/compare.html\n"),
			changes, renamed, out);
	else if (!quiet)
		fprintf(stderr, _("schoolrun compare: %d changes; see %s/compare.html\n"), changes,
			out);
	return 0;
}
