/* fuzz_sbrp.c - the Park-Tae-Kim SBRP reader (sbrp_read) on arbitrary
 * bytes: the input is Schools.txt and Stops.txt joined by FUZZ_SEP,
 * written into a folder that sbrp_read reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "schoolrun/sbrp.h"

static const char *const files[] = {"Schools.txt", "Stops.txt"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *parts[2];
	size_t lens[2];
	fuzz_split(data, size, 2, parts, lens);
	for (int i = 0; i < 2; i++)
		fuzz_write(files[i], parts[i], lens[i]);
	sbrp_instance_t *inst = NULL;
	sr_error_t err;
	if (sbrp_read(fuzz_dir(), &inst, &err) == SR_OK) {
		if (!inst)
			abort();
		sbrp_instance_free(inst);
	} else if (!err.msg[0]) {
		abort();
	}
	return 0;
}

uint8_t *fuzz_pack_dir(const char *dir, size_t *size)
{
	char p[1024];
	snprintf(p, sizeof(p), "%s/%s", dir, files[0]);
	FILE *f = fopen(p, "r");
	if (!f)
		return NULL; /* not an instance: a corpus folder */
	fclose(f);
	uint8_t *buf = NULL;
	*size = 0;
	for (int i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
		fuzz_pack_append(&buf, size, p, i == 0);
	}
	return buf;
}
