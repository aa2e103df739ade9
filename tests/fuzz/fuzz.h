/*
 * fuzz.h - what the fuzz harnesses share (fuzz_util.c): a private temporary
 * folder, writing the input's bytes to files in it, splitting one input
 * into several files, and the small map that name lookups resolve on.
 *
 * Every harness defines LLVMFuzzerTestOneInput (libFuzzer's entry point).
 * Built with -DSR_FUZZ=ON, libFuzzer drives it; otherwise driver.c replays
 * files and folders given on the command line (CTest runs the seed corpus
 * and ../shared/repro that way).
 */
#ifndef SR_FUZZ_H
#define SR_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include "schoolrun/osm.h"

/* Separates the files packed into one input (plan and SBRP harnesses). */
#define FUZZ_SEP "\n----8<----\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The harness's temporary folder (created once, removed at exit). */
const char *fuzz_dir(void);
/* Writes data to fuzz_dir()/name; returns the path (static buffer of 4). */
const char *fuzz_write(const char *name, const void *data, size_t size);
/* Splits data at FUZZ_SEP into up to n parts (missing parts are empty);
 * part i is (parts[i], lens[i]). */
void fuzz_split(const uint8_t *data, size_t size, int n, const uint8_t **parts, size_t *lens);
/* maps/tiny.osm, read once (aborts when it cannot be read). */
const sr_map_t *fuzz_map(void);

/* Optional, per harness: packs a folder given to the replay driver into
 * one input (the plan and SBRP harnesses: the files of a plan folder or an
 * instance). Returns malloc'ed bytes or NULL when the folder is not one. */
uint8_t *fuzz_pack_dir(const char *dir, size_t *size) __attribute__((weak));
/* Reads path (whole) and appends it to buf with a separator; for packers. */
void fuzz_pack_append(uint8_t **buf, size_t *size, const char *path, int first);

#endif
