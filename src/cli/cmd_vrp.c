/* cmd_vrp.c - `schoolrun vrp`: not written yet (see the open issue). */
#include <stdio.h>
#include "cli/commands.h"

int cmd_vrp(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "schoolrun: 'vrp' is not available yet\n");
	return 1;
}
