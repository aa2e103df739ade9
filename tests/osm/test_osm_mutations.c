/* test_osm_mutations.c - the reader on damaged input: every fixture with
 * seeded random byte flips, deletions, insertions of markup characters and
 * cuts. Each read must either succeed with a whole map or fail with
 * SR_EINPUT naming the file and return no map; never crash (run this under
 * the sanitizers) and never leak. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static void mutate(sr_rng_t *r, char *buf, size_t *len)
{
	static const char junk[] = "<>&\"'=/ ;#x\n-9.e";
	int edits = 1 + (int)sr_rng_below(r, 4);
	for (int k = 0; k<edits && * len> 0; k++) {
		size_t at = sr_rng_below(r, (uint32_t)*len);
		switch (sr_rng_below(r, 4)) {
		case 0: /* overwrite */
			buf[at] = junk[sr_rng_below(r, sizeof(junk) - 1)];
			break;
		case 1: /* delete */
			memmove(buf + at, buf + at + 1, *len - at - 1);
			(*len)--;
			break;
		case 2: /* insert */
			memmove(buf + at + 1, buf + at, *len - at);
			buf[at] = junk[sr_rng_below(r, sizeof(junk) - 1)];
			(*len)++;
			break;
		default: /* cut */
			*len = at;
			break;
		}
	}
}

int main(void)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/tests/osm/fixtures", test_env("SR_SOURCE_DIR"));
	DIR *d = opendir(dir);
	if (!d)
		test_skip("fixtures not found");
	const char *tmp = test_tmpdir();
	char path[1200];
	snprintf(path, sizeof(path), "%s/mutated.osm", tmp);
	sr_rng_t rng;
	sr_rng_seed(&rng, 2024);
	osm_opts_t o;
	osm_opts_init(&o);
	struct dirent *de;
	char *names[64];
	int n_names = 0;
	while ((de = readdir(d)) && n_names < 64)
		if (strstr(de->d_name, ".osm") || strstr(de->d_name, ".xml"))
			names[n_names++] = strdup(de->d_name);
	closedir(d);
	/* readdir order differs between file systems: sort for a fixed run */
	for (int i = 1; i < n_names; i++)
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *x = names[j];
			names[j] = names[j - 1];
			names[j - 1] = x;
		}
	int ok_reads = 0, failed_reads = 0;
	for (int i = 0; i < n_names; i++) {
		char src[1300];
		snprintf(src, sizeof(src), "%s/%s", dir, names[i]);
		char *data;
		size_t len;
		sr_error_t err;
		if (sr_read_file(src, &data, &len, &err) != SR_OK)
			continue;
		char *buf = malloc(len + 64);
		for (int round = 0; round < 150; round++) {
			size_t n = len;
			memcpy(buf, data, len);
			mutate(&rng, buf, &n);
			FILE *fp = fopen(path, "wb");
			if (!fp)
				continue;
			size_t wrote = fwrite(buf, 1, n, fp);
			fclose(fp);
			if (wrote != n)
				continue;
			sr_map_t *m = (sr_map_t *)&o;
			int rc = osm_read(path, &o, &m, &err);
			if (rc == SR_OK) {
				CHECK(m != NULL && m->net != NULL);
				ok_reads++;
				osm_map_free(m);
			} else {
				CHECK_MSG(rc == SR_EINPUT && m == NULL &&
						  strstr(err.file, "mutated.osm") && err.msg[0],
					  "%s round %d: rc %d", names[i], round, rc);
				failed_reads++;
			}
		}
		free(buf);
		free(data);
		free(names[i]);
	}
	printf("%d mutated files read, %d refused\n", ok_reads, failed_reads);
	CHECK(failed_reads > 0 && ok_reads > 0);
	return test_summary();
}
