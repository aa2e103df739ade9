/*
 * schoolrun.h - the whole public API, one header per pipeline stage:
 * map -> network -> matrix -> routes -> duties -> timetables.
 */
#ifndef SCHOOLRUN_H
#define SCHOOLRUN_H

#include "schoolrun/util.h"
#include "schoolrun/io.h"
#include "schoolrun/osm.h"
#include "schoolrun/network.h"
#include "schoolrun/matrix.h"
#include "schoolrun/vrp.h"
#include "schoolrun/chain.h"
#include "schoolrun/plan.h"
#include "schoolrun/sbrp.h"
#include "schoolrun/batch.h"
#include "schoolrun/output.h"

#endif
