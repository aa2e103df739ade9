/*
 * driver.c - replays inputs through a harness without libFuzzer, so plain
 * builds (and CTest) run every harness on its seed corpus and on the
 * shared repro inputs: each argument is a file (one input), or a folder
 * whose files are each one input, or, when the harness packs folders
 * (fuzz_pack_dir), a folder that is one input. A crash or sanitizer report
 * fails the run; returns 0 after all inputs ran. libFuzzer's own
 * replay mode (running a fuzzer binary on files) behaves the same.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"
#include "schoolrun/io.h"

static int n_run;

static void run_file(const char *path)
{
	char *data = NULL;
	size_t len = 0;
	sr_error_t err;
	if (sr_read_file(path, &data, &len, &err) != SR_OK) {
		fprintf(stderr, "driver: %s: %s\n", path, err.msg);
		exit(1);
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	n_run++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path, int top)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "driver: %s: no such file or folder\n", path);
		exit(1);
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	if (fuzz_pack_dir) {
		size_t len = 0;
		uint8_t *data = fuzz_pack_dir(path, &len);
		if (data) {
			LLVMFuzzerTestOneInput(data, len);
			free(data);
			n_run++;
			return;
		}
	}
	if (!top)
		return; /* one level: a corpus folder */
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		exit(1);
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
			sprintf(names[n++], "%s/%s", path, e->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		run_path(names[i], 0);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		run_path(argv[i], 1);
	printf("%s: %d inputs replayed without a crash\n", argv[0], n_run);
	return n_run > 0 ? 0 : 1;
}
