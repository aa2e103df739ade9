/*
 * columns.c - the Russian names of the input tables' columns and of their
 * yes/no and direction words. A district office heads its spreadsheet in
 * Russian ("Пункт посадки;Занятие;Детей"); the planner reads those headers
 * as the English ones, the way spreadsheet importers map localised column
 * titles onto field names. Matching is forgiving: the cell is folded as
 * names on the map are (osm_name_fold: case, ё, spaces) after underscores
 * and punctuation become spaces, so "Макс. поездка, мин" is
 * "макс поездка мин".
 */
#include <stdlib.h>
#include <string.h>
#include "schoolrun/osm.h"
#include "plan/columns.h"

typedef struct {
	const char *name;
	const char *ru[8]; /* the first is the one error messages show */
} column_t;

static const column_t columns[] = {
	{"session", {"занятие", "секция", "кружок"}},
	{"destination", {"куда", "место", "место проведения", "пункт назначения"}},
	{"days", {"дни", "дни недели"}},
	{"start", {"начало", "время начала"}},
	{"end", {"конец", "окончание", "время окончания"}},
	{"time", {"время", "время проведения", "время занятия", "часы"}},
	{"max_ride_min", {"макс поездка мин", "поездка не более мин"}},
	{"mix", {"смешивать", "с другими"}},
	{"early_window_min", {"окно прибытия мин", "прибытие раньше мин", "приезд раньше мин"}},
	{"late_window_min", {"окно отъезда мин", "отъезд позже мин"}},
	{"pickup", {"посадка", "пункт посадки", "откуда", "остановка"}},
	{"children", {"детей", "дети"}},
	{"note", {"примечание", "заметка"}},
	{"direction", {"направление"}},
	{"home",
	 {"домой", "высадка", "пункт высадки", "место высадки", "куда отвезти", "отвезти домой"}},
	{"bus", {"автобус"}},
	{"depot", {"гараж", "стоянка", "депо", "база"}},
	{"seats", {"мест", "места", "вместимость"}},
	{"available_from", {"работает с", "доступен с", "с"}},
	{"available_to", {"работает до", "доступен до", "до"}},
	{"cost_per_km", {"стоимость км", "стоимость за км", "руб за км"}},
	{"escort", {"сопровождающий", "сопровождающие"}},
	{"plate", {"госномер", "гос номер", "номер"}},
	{"max_shift_h", {"макс смена ч", "смена не более ч"}},
	{"max_driving_h", {"макс за рулем ч", "за рулем не более ч"}},
	{"max_week_h", {"макс неделя ч", "неделя не более ч", "рабочая неделя ч"}},
	{"split_shift", {"разрыв смены", "раздельная смена"}},
	/* children.csv as a school's list of pupils heads it (decree No. 1527
	 * asks for each child's date of birth or age and a parent's phone) */
	{"child",
	 {"ребенок", "фио", "фамилия имя", "фио ребенка", "фамилия имя отчество", "ф и о",
	  "фамилия имя ребенка"}},
	{"phone",
	 {"телефон", "телефон родителя", "телефон родителей", "телефон законного представителя",
	  "телефон родителя законного представителя", "телефон родителей законных представителей",
	  "контактный телефон"}},
	{"birth_date", {"дата рождения", "д р", "дата рожд", "год рождения", "г р"}},
	{"age", {"возраст", "полных лет", "возраст лет", "возраст полных лет"}},
	{"class", {"класс", "группа", "класс группа"}},
	{"parent",
	 {"родитель", "фио родителя", "законный представитель", "фио законного представителя",
	  "фио родителя законного представителя", "родители", "родитель законный представитель"}},
	{"run", {"рейс"}},
	{"driver", {"водитель", "фио водителя"}},
	{"driver_phone", {"телефон водителя"}},
	{"model", {"марка", "модель", "марка автобуса", "марка тс", "марка модель"}},
};
#define N_COLUMNS (sizeof(columns) / sizeof(columns[0]))

/* The folded form of a header cell or word: punctuation and underscores
 * as spaces, then osm_name_fold. Caller frees; NULL if not UTF-8. */
static char *fold(const char *s)
{
	char *t = xstrdup(s);
	for (char *q = t; *q; q++)
		if (strchr("_.,:;()/", *q))
			*q = ' ';
	char *f = osm_name_fold(t);
	free(t);
	return f;
}

/* The English name of the column whose Russian name is the folded header
 * f, or NULL. */
static const char *lookup(const char *f)
{
	for (size_t i = 0; i < N_COLUMNS; i++)
		for (int k = 0; k < 8 && columns[i].ru[k]; k++)
			if (!strcmp(f, columns[i].ru[k]))
				return columns[i].name;
	return NULL;
}

/* Whether folded header f begins with word w (and a space after it): its
 * rest, else NULL. */
static char *after_word(char *f, const char *w)
{
	size_t n = strlen(w);
	return !strncmp(f, w, n) && f[n] == ' ' ? f + n + 1 : NULL;
}

/* A count's header as offices write it, reduced to the count's word:
 * "Кол-во детей, чел." and "Количество посадочных мест" are "детей" and
 * "мест" (a number of X is X; the unit after it says nothing more). */
static char *count_word(char *f)
{
	static const char *const lead[] = {"кол-во", "кол во", "колво", "количество", "число"};
	static const char *const unit[] = {" чел", " человек", " шт", " ед"};
	for (size_t i = 0; i < sizeof(lead) / sizeof(lead[0]); i++) {
		char *r = after_word(f, lead[i]);
		if (r) {
			f = r;
			break;
		}
	}
	char *r = after_word(f, "посадочных");
	if (r && !strcmp(r, "мест"))
		f = r;
	size_t n = strlen(f);
	for (size_t i = 0; i < sizeof(unit) / sizeof(unit[0]); i++) {
		size_t u = strlen(unit[i]);
		if (n > u && !strcmp(f + n - u, unit[i])) {
			f[n - u] = '\0';
			break;
		}
	}
	return f;
}

static const char *english(const char *cell)
{
	char *f = fold(cell);
	const char *hit = f ? lookup(f) : NULL;
	if (f && !hit)
		hit = lookup(count_word(f));
	free(f);
	return hit;
}

void plan_columns_english(sr_csv_t *csv)
{
	if (!csv || !csv->n_rows)
		return;
	sr_csv_row_t *h = &csv->rows[0];
	for (int j = 0; j < h->n; j++) {
		const char *e = english(h->fields[j]);
		if (e) {
			free(h->fields[j]);
			h->fields[j] = xstrdup(e);
		}
	}
}

void plan_columns_russian(sr_buf_t *b, const char *const *names, int n, int n_req)
{
	for (int i = 0; i < n; i++) {
		const char *ru = names[i];
		for (size_t k = 0; k < N_COLUMNS; k++)
			if (!strcmp(columns[k].name, names[i]))
				ru = columns[k].ru[0];
		sr_buf_printf(b, "%s%s%s%s", i ? "," : "", i >= n_req ? "[" : "", ru,
			      i >= n_req ? "]" : "");
	}
}

/* A row-number column ("№ п/п", as tables in Russian office papers begin,
 * "N", "No.", "#"): the row's place in the list, no input. */
int plan_columns_row_number(const char *cell)
{
	/* compared without spaces: the fold writes "№ п/п" as "№п п" */
	static const char *const w[] = {
		"№", "№пп", "№№", "nпп", "n", "no", "nr", "#", "пп", "номерпп", "порядковыйномер",
		NULL};
	char *f = fold(cell);
	if (f) {
		char *o = f;
		for (const char *q = f; *q; q++)
			if (*q != ' ')
				*o++ = *q;
		*o = '\0';
	}
	int hit = 0;
	for (int k = 0; f && !hit && w[k]; k++)
		hit = !strcmp(f, w[k]);
	free(f);
	return hit;
}

/* Which of the lists of words v is (folded), or -1. */
static int word_of(const char *v, const char *const *const *lists, int n)
{
	char *f = fold(v);
	int hit = -1;
	for (int i = 0; f && hit < 0 && i < n; i++)
		for (int k = 0; lists[i][k] && hit < 0; k++)
			if (!strcmp(f, lists[i][k]))
				hit = i;
	free(f);
	return hit;
}

int plan_word_yes_no(const char *v)
{
	static const char *const yes[] = {"yes", "да", NULL}, *const no[] = {"no", "нет", NULL};
	static const char *const *const lists[] = {no, yes};
	return word_of(v, lists, 2);
}

int plan_word_direction(const char *v)
{
	/* "только туда" as a coordinator writes a group that parents fetch
	 * (the Liechtenstein trial term, 2026-12-05, was refused) */
	static const char *const both[] = {"both",	    "оба",	    "туда и обратно",
					   "в обе стороны", "туда-обратно", NULL};
	static const char *const to[] = {
		"to", "туда", "к занятию", "только туда", "только к занятию", NULL};
	static const char *const from[] = {"from",	     "обратно",	     "домой",
					   "только обратно", "только домой", NULL};
	static const char *const *const lists[] = {both, to, from};
	return word_of(v, lists, 3);
}
