/*
 * internal.h - what the readers of src/io share with each other, not with
 * the stages above: the trimming every table's fields get (csv.c), so a
 * spreadsheet's cells read as the same CSV's fields do.
 */
#ifndef SR_IO_INTERNAL_H
#define SR_IO_INTERNAL_H

#include "schoolrun/io.h"

/* Strips the spaces and tabs around every field, and a CR a CRLF line left
 * at a field's end. */
void io_trim_fields(sr_csv_t *csv);

#endif
