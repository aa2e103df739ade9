/* cmd_matrix.c - `schoolrun matrix`: not written yet (see the open issue). */
#include <stdio.h>
#include "cli/commands.h"

int cmd_matrix(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "schoolrun: 'matrix' is not available yet\n");
	return 1;
}
