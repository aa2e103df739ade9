/* cmd_inspect.c - `schoolrun inspect`: not written yet (see the open issue). */
#include <stdio.h>
#include "cli/commands.h"

int cmd_inspect(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "schoolrun: 'inspect' is not available yet\n");
	return 1;
}
