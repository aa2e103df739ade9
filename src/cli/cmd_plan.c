/* cmd_plan.c - `schoolrun plan`: not written yet (see the open issue). */
#include <stdio.h>
#include "cli/commands.h"

int cmd_plan(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "schoolrun: 'plan' is not available yet\n");
	return 1;
}
