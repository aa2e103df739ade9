/* cmd_sbrp.c - `schoolrun sbrp`: not written yet (see the open issue). */
#include <stdio.h>
#include "cli/commands.h"

int cmd_sbrp(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "schoolrun: 'sbrp' is not available yet\n");
	return 1;
}
