/* fuzz_cvrplib.c - the CVRPLIB reader (vrp_instance_read) on arbitrary
 * bytes, and vrp_validate on what it accepts. */
#include <stdlib.h>
#include "fuzz.h"
#include "schoolrun/vrp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("instance.vrp", data, size);
	vrp_instance_t *inst = NULL;
	sr_error_t err;
	if (vrp_instance_read(path, &inst, &err) == SR_OK) {
		if (!inst)
			abort();
		vrp_instance_free(inst);
	} else if (!err.msg[0]) {
		abort();
	}
	return 0;
}
