/*
 * columns.h - the Russian words of the input tables (columns.c): column
 * names and cell words a district office's spreadsheet uses, read as the
 * English ones the README documents.
 */
#ifndef SR_PLAN_COLUMNS_H
#define SR_PLAN_COLUMNS_H

#include "schoolrun/io.h"
#include "schoolrun/util.h"

/* Replaces each header cell of csv (its first row) that is a Russian name
 * of a column ("Занятие", "Пункт посадки", "Макс. поездка, мин") by the
 * English name ("session", "pickup", "max_ride_min"); case, ё, spaces,
 * underscores and punctuation do not matter. English names stay. */
void plan_columns_english(sr_csv_t *csv);

/* Appends the Russian header of names[0..n) (the first n_req required,
 * the rest optional in brackets): "занятие,куда,…,[смешивать]". */
void plan_columns_russian(sr_buf_t *b, const char *const *names, int n, int n_req);

/* Whether a header cell heads a row-number column ("№ п/п", "№", "N",
 * "No.", "#"): the tables of a Russian office begin with one; it is read
 * as no column at all. */
int plan_columns_row_number(const char *cell);

/* A yes/no cell: 1 for yes or да, 0 for no or нет (any case), -1 else. */
int plan_word_yes_no(const char *v);

/* A riders.csv direction: 0 both (оба, туда и обратно), 1 to (туда, к
 * занятию), 2 from (обратно, домой), -1 else; empty is not handled here. */
int plan_word_direction(const char *v);

#endif
