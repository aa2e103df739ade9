/* words.c - the words of region.html and compare.html in English and
 * Russian, one keyed table as src/output/messages.c keeps the printed
 * schedules' (after gettext's idea of keyed messages; a static array since
 * there are two languages), and which language the pages take when the
 * user names none: the plans' own (their settings.lang) when they all
 * agree, else Russian, the language the plans print in by default. The
 * CSV files keep English machine keys whatever the language. */
#include <string.h>
#include "batch/internal.h"

static const char *const words[BW_N][2] = {
	[BW_REGION_TITLE] = {"schoolrun: region", "schoolrun: регион"},
	[BW_REGION_H1] = {"Region: %d districts", "Регион, районов: %d"},
	[BW_REGION_H1_ONE] = {"Region: %d district", "Регион, районов: %d"},
	[BW_DISTRICT] = {"district", "район"},
	[BW_STATUS] = {"status", "статус"},
	[BW_RUN_TIME] = {"run time s", "время рас\u00adчёта, с"},
	[BW_PEAK_MB] = {"peak MB", "память, МБ"},
	[BW_PAGES] = {"pages", "страницы"},
	[BW_MESSAGE] = {"message", "сообщение"},
	[BW_TOTAL] = {"total", "итого"},
	[BW_TIMETABLES] = {"timetables", "расписания"},
	[BW_MAP] = {"map", "карта"},
	[BW_SUMMARY] = {"summary", "сводка"},
	[BW_LOG] = {"log", "журнал"},
	[BW_NO_RECORD] = {"no run record: the job did not run or did not finish",
			  "нет записи о расчёте: задание не запускалось или не завершилось"},
	[BW_UNSERVED_NOTE] = {"%d children in %d groups are not served (see summary.txt)",
			      "не обслужено детей: %d, групп: %d (см. summary.txt)"},
	[BW_TERM] = {"Term", "Учебный период"},
	[BW_TERMS_DIFFER] = {"The districts' terms differ (each district's pages give its own)",
			     "Учебные периоды районов различаются (свой — на страницах района)"},
	[BW_SCEN_H1] = {"Scenarios of one district: %d", "Варианты плана одного района: %d"},
	[BW_SCENARIO] = {"scenario", "вариант"},
	[BW_SCEN_NOTE] = {"%s plan one district (the same map and the same children or sessions): "
			  "they are scenarios, not districts, so no total adds them up. "
			  "schoolrun compare shows what changes between two of them, village by "
			  "village.",
			  "%s — варианты плана одного района (та же карта и те же дети или "
			  "занятия), а не разные районы, поэтому итогов нет: их не складывают. Что "
			  "меняется между двумя вариантами по населённым пунктам, покажет "
			  "schoolrun compare."},
	[BW_REGION_NOTE] =
		{"Click a heading to sort. Totals add the districts up; the longest ride and bus day "
		 "are the region's longest; the shares of runs on the same bus all week and of "
		 "children brought home by the bus that took them are the region's counts added "
		 "up (not the mean of the districts' percentages; a district with no such runs "
		 "counts as 100 %, as in its summary.txt); run time is the sum of the plans' times, "
		 "peak MB the largest. Status: 0 all served, 3 some children unserved, 2 bad input, "
		 "1 failed.",
		 "Щёлкните по заголовку, чтобы упорядочить таблицу. Итоги складывают районы; самая "
		 "долгая поездка и смена — наибольшие по региону; доли рейсов на одном автобусе всю "
		 "неделю и детей, которых домой везёт тот же автобус, что и туда, посчитаны по "
		 "сумме чисел районов (а не как среднее их процентов; район без таких рейсов "
		 "считается за 100 %, как в его summary.txt); время расчёта — сумма времени планов, "
		 "память — наибольшая. Статус: 0 — перевезены все, 3 — часть детей не обслужена, "
		 "2 — ошибка во входных данных, 1 — сбой."},
	[BW_CMP_TITLE] = {"schoolrun: comparison", "schoolrun: сравнение"},
	[BW_CMP_H1] = {"Comparison", "Сравнение"},
	[BW_CMP_NOTE] = {"Times are pickups on runs to a session and drop-offs on runs home; the "
			 "change is the first time's shift in minutes.",
			 "Время — посадка на рейсах к занятию и высадка на рейсах домой; "
			 "изменение — сдвиг первого времени в минутах."},
	[BW_DISTRICTS] = {"Districts", "Районы"},
	[BW_CHANGES] = {"changes", "изменений"},
	[BW_NOTE] = {"note", "примечание"},
	[BW_FIGURE] = {"figure", "показатель"},
	[BW_NO_CHANGE] = {"No village's times, buses or service changed.",
			  "Ни в одном населённом пункте не изменились время, автобусы или "
			  "обслуживание."},
	[BW_SESSION] = {"session", "занятие"},
	[BW_DIRECTION] = {"direction", "направление"},
	[BW_VILLAGE] = {"village", "населённый пункт"},
	[BW_DAYS] = {"days", "дни"},
	[BW_WHAT] = {"what", "что"},
	[BW_CHANGE] = {"change", "изменение"},
	[BW_DIR_TO] = {"to the session", "к занятию"},
	[BW_DIR_HOME] = {"home", "домой"},
	[BW_DIR_BOTH] = {"both ways", "в обе стороны"},
	[BW_KIND_TIME] = {"times", "время"},
	[BW_KIND_BUS] = {"buses", "автобусы"},
	[BW_KIND_UNSERVED] = {"unserved children", "не обслужено детей"},
	[BW_KIND_RENAMED] = {"bus renamed", "другой автобус"},
	[BW_RENAMED_H] = {"The same calls under another bus: each bus of B that took over a bus "
			  "of A's calls (matched by the calls they share), the villages below",
			  "Те же рейсы на другом автобусе: автобус плана B делает то же, что "
			  "автобус плана A (сопоставлены по общим остановкам), по населённым "
			  "пунктам"},
	[BW_MIN] = {"min", "мин"},
	[BW_HOUR] = {"h", "ч"},
	[BW_PP] = {"pp", "п. п."},
	[BW_NOT_IN_BATCH] = {"not in this batch", "нет в этом наборе районов"},
	[BW_STATUS_WHY] = {"status %d: %s", "статус %d: %s"},
	[BW_MON] = {"Mon", "Пн"},
	[BW_TUE] = {"Tue", "Вт"},
	[BW_WED] = {"Wed", "Ср"},
	[BW_THU] = {"Thu", "Чт"},
	[BW_FRI] = {"Fri", "Пт"},
	[BW_SAT] = {"Sat", "Сб"},
	[BW_SUN] = {"Sun", "Вс"},
};

const char *bt_word(int lang, int id)
{
	return words[id][lang == BT_RU];
}

const char *bt_lang_name(int lang)
{
	return lang == BT_RU ? "ru" : "en";
}

int bt_lang_parse(const char *s)
{
	return !s ? -1 : !strcmp(s, "ru") ? BT_RU : !strcmp(s, "en") ? BT_EN : -1;
}

void bt_lang_see(int *seen, const char *plan_lang)
{
	int l = bt_lang_parse(plan_lang);
	if (*seen == BT_LANG_NONE)
		*seen = l < 0 ? BT_LANG_MIXED : l;
	else if (*seen != l)
		*seen = BT_LANG_MIXED;
}

int bt_lang_pick(const char *asked, int seen)
{
	if (asked)
		return bt_lang_parse(asked);
	return seen == BT_EN || seen == BT_RU ? seen : BT_RU;
}
