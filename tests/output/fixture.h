/* fixture.h - a small hand-built plan for the output tests: two sessions
 * (football Mon/Wed/Fri at a stadium, kindergarten Mon-Fri), two day
 * patterns, two buses (one with a Cyrillic id), villages with Cyrillic
 * names (one with CSV and HTML special characters), and two unserved
 * groups (one not located on the map). */
#ifndef SR_TEST_OUTPUT_FIXTURE_H
#define SR_TEST_OUTPUT_FIXTURE_H

#include "schoolrun/schoolrun.h"

/* Point indices of the fixture. */
enum {
	FX_IVANOVKA = 0,
	FX_PETROVKA,
	FX_STADIUM,
	FX_KINDERGARTEN,
	FX_DEPOT,
	FX_SIDOROVO,
	FX_N_POINTS
};

/* The plan in language lang ("ru" or "en"). Free with fixture_free(). */
sr_plan_t *fixture_plan(const char *lang);
void fixture_free(sr_plan_t *p);

#endif
