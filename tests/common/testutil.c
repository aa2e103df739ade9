/* testutil.c - see testutil.h. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "testutil.h"

int test_passed, test_failed;

int test_summary(void)
{
	printf("%d passed, %d failed\n", test_passed, test_failed);
	return test_failed ? 1 : 0;
}

void test_skip(const char *why)
{
	printf("SKIP: %s\n", why);
	exit(77);
}

const char *test_env(const char *name)
{
	const char *v = getenv(name);
	return v ? v : "";
}

const char *test_shared_dir(void)
{
	const char *v = getenv("SR_SHARED");
	struct stat st;
	if (!v || stat(v, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return v;
}

const char *test_path(const char *dir, const char *rel)
{
	static char bufs[8][4096];
	static int k;
	char *b = bufs[k++ & 7];
	snprintf(b, 4096, "%s/%s", dir, rel);
	return b;
}

const char *test_write_file(const char *dir, const char *name, const char *text)
{
	const char *path = test_path(dir, name);
	FILE *fp = fopen(path, "w");
	if (!fp || fputs(text, fp) < 0 || fclose(fp) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
	return path;
}

int test_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

const char *test_tmpdir(void)
{
	static char tmpl[64];
	snprintf(tmpl, sizeof tmpl, "/tmp/srtest.XXXXXX");
	if (!mkdtemp(tmpl)) {
		perror("mkdtemp");
		exit(1);
	}
	return tmpl;
}

int test_run(const char *cmd)
{
	int st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}
