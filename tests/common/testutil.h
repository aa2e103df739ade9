/* testutil.h - a tiny assertion kit for schoolrun's CTest programs.
 * CHECK records a failure and goes on; a test's main ends with
 * `return test_summary();`, which prints "N passed, N failed" and returns
 * non-zero if anything failed. test_skip() exits with 77 (CTest SKIP). */
#ifndef SR_TESTUTIL_H
#define SR_TESTUTIL_H

#include <stdio.h>
#include "schoolrun/schoolrun.h"

extern int test_passed, test_failed;

#define CHECK(cond)                                                                              \
	do {                                                                                     \
		if (cond) {                                                                      \
			test_passed++;                                                           \
		} else {                                                                         \
			test_failed++;                                                           \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                                \
	} while (0)

#define CHECK_MSG(cond, ...)                                                                     \
	do {                                                                                     \
		if (cond) {                                                                      \
			test_passed++;                                                           \
		} else {                                                                         \
			test_failed++;                                                           \
			fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                            \
			fputc('\n', stderr);                                                     \
		}                                                                                \
	} while (0)

#define CHECK_NEAR(a, b, tol)                                                           \
	CHECK_MSG(fabs((double)(a) - (double)(b)) <= (tol), "%s = %.9g, %s = %.9g", #a, \
		  (double)(a), #b, (double)(b))

#define CHECK_OK(rc, err)                                                                       \
	do {                                                                                    \
		int rc_ = (rc);                                                                 \
		if (rc_ == SR_OK) {                                                             \
			test_passed++;                                                          \
		} else {                                                                        \
			char b_[2048];                                                          \
			test_failed++;                                                          \
			fprintf(stderr, "%s:%d: %s returned %d: %s\n", __FILE__, __LINE__, #rc, \
				rc_, sr_error_format((err), b_, sizeof(b_)));                   \
		}                                                                               \
	} while (0)

int test_summary(void);
void test_skip(const char *why);
/* $SR_SHARED or NULL; $SR_SOURCE_DIR, $SR_BINARY_DIR, $SR_EXE (or "") */
const char *test_shared_dir(void);
const char *test_env(const char *name);
/* Path join into a static rotating buffer. */
const char *test_path(const char *dir, const char *rel);
/* Writes text to dir/name (exits on failure); returns the path (as
 * test_path). */
const char *test_write_file(const char *dir, const char *name, const char *text);
/* Whether a file exists. */
int test_file_exists(const char *path);
/* A fresh temporary directory (removed by the OS's tmp cleanup). */
const char *test_tmpdir(void);
/* Runs a shell command, returns its exit status (or -1). */
int test_run(const char *cmd);

#endif
