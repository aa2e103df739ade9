/* fuzz_util.c - the harnesses' shared helpers (see fuzz.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "schoolrun/io.h"
#include "schoolrun/util.h"

static char dir_path[256];

static void remove_dir(void)
{
	if (dir_path[0])
		sr_rm_tree(dir_path);
}

const char *fuzz_dir(void)
{
	if (!dir_path[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(dir_path, sizeof(dir_path), "%s/srfuzz.XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(dir_path)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(remove_dir);
		sr_log_set_level(SR_LOG_ERROR);
	}
	return dir_path;
}

const char *fuzz_write(const char *name, const void *data, size_t size)
{
	static char paths[4][320];
	static int k;
	char *p = paths[k++ % 4];
	snprintf(p, sizeof(paths[0]), "%s/%s", fuzz_dir(), name);
	FILE *f = fopen(p, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f)) {
		perror(p);
		abort();
	}
	return p;
}

void fuzz_split(const uint8_t *data, size_t size, int n, const uint8_t **parts, size_t *lens)
{
	size_t sl = strlen(FUZZ_SEP);
	for (int i = 0; i < n; i++) {
		parts[i] = data + size;
		lens[i] = 0;
	}
	size_t start = 0;
	for (int i = 0; i < n; i++) {
		size_t end = size;
		if (i < n - 1)
			for (size_t j = start; j + sl <= size; j++)
				if (!memcmp(data + j, FUZZ_SEP, sl)) {
					end = j;
					break;
				}
		parts[i] = data + start;
		lens[i] = end - start;
		if (end == size)
			break;
		start = end + sl;
	}
}

const sr_map_t *fuzz_map(void)
{
	static sr_map_t *map;
	if (!map) {
		osm_opts_t o;
		osm_opts_init(&o);
		sr_error_t err;
		fuzz_dir(); /* quiet logs */
		if (osm_read(SR_FUZZ_MAP, &o, &map, &err) != SR_OK) {
			fprintf(stderr, "fuzz: cannot read %s: %s\n", SR_FUZZ_MAP, err.msg);
			abort();
		}
	}
	return map;
}

void fuzz_pack_append(uint8_t **buf, size_t *size, const char *path, int first)
{
	char *data = NULL;
	size_t len = 0;
	sr_error_t err;
	if (sr_read_file(path, &data, &len, &err) != SR_OK)
		len = 0;
	size_t sl = first ? 0 : strlen(FUZZ_SEP);
	*buf = realloc(*buf, *size + sl + len + 1);
	memcpy(*buf + *size, FUZZ_SEP, sl);
	if (len)
		memcpy(*buf + *size + sl, data, len);
	*size += sl + len;
	free(data);
}
