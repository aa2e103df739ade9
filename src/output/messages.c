/* messages.c - the words of the printed schedules and summary.txt in
 * Russian and English,
 * one table (after gettext's idea of keyed messages, kept as a static
 * array since there are only two languages). settings.lang "ru" selects
 * Russian; anything else English. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"

static const char *const msgs[M_N_MSGS][2] = {
	[M_INDEX_TITLE] = {"Transfer schedules", "Расписание подвоза"},
	[M_DRIVER_SHEETS] = {"Drivers' sheets", "Листы водителей"},
	[M_DRIVER_SHEET] = {"Driver's sheet", "Лист водителя"},
	[M_DESTINATIONS] = {"Destinations", "Пункты назначения"},
	[M_VILLAGES] = {"Villages", "Населённые пункты"},
	[M_PICKUPS] = {"Pickup points", "Пункты посадки"},
	[M_BUS] = {"Bus", "Автобус"},
	[M_SEATS] = {"Seats", "Мест"},
	[M_MODEL] = {"Model", "Марка"},
	[M_DAYS] = {"Days", "Дни"},
	[M_DEPOT] = {"Depot", "Гараж"},
	[M_RUN] = {"Run", "Рейс"},
	[M_SESSION] = {"Session", "Занятие"},
	[M_SESSIONS] = {"Sessions", "Занятия"},
	[M_DESTINATION] = {"Destination", "Пункт назначения"},
	[M_VILLAGE] = {"Village", "Населённый пункт"},
	[M_DIR_TO] = {"to the session", "к занятию"},
	[M_DIR_HOME] = {"home", "домой"},
	[M_STOP] = {"Stop", "Остановка"},
	[M_ARRIVAL] = {"Arrival", "Прибытие"},
	[M_DEPARTURE] = {"Departure", "Отправление"},
	[M_BOARD] = {"On", "Посадка"},
	[M_ALIGHT] = {"Off", "Высадка"},
	[M_CHILDREN] = {"Children", "Детей"},
	[M_DEADHEAD] = {"Empty drive", "Порожний пробег"},
	[M_WAIT] = {"Waiting", "Стоянка"},
	[M_LEAVE_DEPOT] = {"Leave the depot", "Выезд из гаража"},
	[M_RETURN_DEPOT] = {"Back at the depot", "Возвращение в гараж"},
	[M_TOTAL_KM] = {"Distance of the day", "Пробег за день"},
	[M_KM] = {"km", "км"},
	[M_MIN] = {"min", "мин"},
	[M_SESSION_TIME] = {"Session time", "Время занятия"},
	[M_ARRIVE_BY_BUS] = {"Arriving by bus", "Прибывают автобусом"},
	[M_LEAVE_BY_BUS] = {"Leaving by bus", "Уезжают автобусом"},
	[M_FROM] = {"From", "Откуда"},
	[M_TO] = {"To", "Куда"},
	[M_PICKUP_TIME] = {"Bus at the stop", "Автобус на остановке"},
	[M_AT_DESTINATION] = {"Arrives", "Прибытие на место"},
	[M_LEAVES_DESTINATION] = {"Leaves", "Отправление обратно"},
	[M_BACK_HOME] = {"Back home", "Прибытие домой"},
	[M_UNSERVED] = {"Not served", "Не обслуживаются"},
	[M_REASON] = {"Reason", "Причина"},
	[M_MAP] = {"Map", "Схема"},
	[M_NOT_LOCATED] = {"(not on the map)", "(не найден на карте)"},
	[M_STOP_AWAY] = {"The bus does not stop in the centre but {1} m {2} of it, on the road at "
			 "{3}, {4}: the road nearest the centre is not one a bus can reach or stop "
			 "on.",
			 "Автобус останавливается не в центре, а в {1} м {2} от него, на дороге "
			 "(координаты {3}, {4}): ближайшая к центру дорога для автобуса недоступна "
			 "или на ней нельзя останавливаться."},
	[M_ALSO_PICKUP] = {"Children also board here for other sessions:",
			   "Здесь же садятся дети, которые едут на другие занятия:"},
	[M_PICKUP_PAGE] = {"the pickup's page", "страница пункта посадки"},
	[M_STOP_AWAY_PT] = {"The bus does not stop at the point given but {1} m {2} of it, on the "
			    "road at {3}, {4}: the road nearest the point is not one a bus can "
			    "reach or stop on.",
			    "Автобус останавливается не в указанной точке, а в {1} м {2} от неё, "
			    "на дороге (координаты {3}, {4}): ближайшая к точке дорога для "
			    "автобуса недоступна или на ней нельзя останавливаться."},
	[M_DIR_N] = {"north", "к северу"},
	[M_DIR_NE] = {"north-east", "к северо-востоку"},
	[M_DIR_E] = {"east", "к востоку"},
	[M_DIR_SE] = {"south-east", "к юго-востоку"},
	[M_DIR_S] = {"south", "к югу"},
	[M_DIR_SW] = {"south-west", "к юго-западу"},
	[M_DIR_W] = {"west", "к западу"},
	[M_DIR_NW] = {"north-west", "к северо-западу"},
	[M_BUS_STOP_LABEL] = {"{1}, stop “{2}”", "{1}, ост. «{2}»"},
	[M_UNASSIGNED] = {"no bus", "без автобуса"},
	[M_NO_RUNS] = {"No runs.", "Рейсов нет."},
	[M_BACK_TO_INDEX] = {"All schedules", "Все расписания"},
	[M_RIDE] = {"Ride", "В пути"},
	[M_SUM_TITLE] = {"schoolrun plan summary", "schoolrun: сводка плана подвоза"},
	[M_SUM_BUSES] = {"buses used:", "автобусов:"},
	[M_SUM_BUSES_OF] = {"{1} of {2}", "{1} из {2}"},
	[M_SUM_RUNS] = {"runs:", "рейсов:"},
	[M_SUM_RUNS_PAT1] = {"{1} in {2} day pattern", "{1}, наборов дней: {2}"},
	[M_SUM_RUNS_PATN] = {"{1} in {2} day patterns", "{1}, наборов дней: {2}"},
	[M_SUM_KM_WEEK] = {"km a week:", "км в неделю:"},
	[M_SUM_LONGEST] = {"longest ride:", "самая долгая поездка:"},
	[M_SUM_UNSERVED] = {"unserved children:", "не обслужено детей:"},
	[M_SUM_GROUPS1] = {"{1} in {2} group", "{1}, групп: {2}"},
	[M_SUM_GROUPSN] = {"{1} in {2} groups", "{1}, групп: {2}"},
	[M_SUM_STEADY] = {"same bus all week:", "тот же автобус всю неделю:"},
	[M_SUM_STEADY_V] = {"{1} of {2} repeating runs ({3})",
			    "{1} из {2} повторяющихся рейсов ({3})"},
	[M_SUM_ROUND] = {"home by the same bus:", "домой тем же автобусом:"},
	[M_SUM_ROUND_V] = {"{1} of {2} children's round trips ({3})",
			   "{1} из {2} поездок детей туда и обратно ({3})"},
	[M_SUM_PER_DAY] = {"buses per day:", "автобусов по дням:"},
	[M_SUM_P_RUNS] = {"{1} ({2} to sessions, {3} home)", "{1} ({2} к занятиям, {3} домой)"},
	[M_SUM_P_NO_BUS] = {", {1} without a bus", ", без автобуса: {1}"},
	[M_SUM_P_CHILDREN] = {"children:", "детей:"},
	[M_SUM_P_CHILDREN_V] = {"{1} to sessions, {2} home", "{1} к занятиям, {2} домой"},
	[M_SUM_P_KM_DAY] = {"km a day:", "км в день:"},
	[M_SUM_P_KM_DAY_V] = {"{1} (with children {2}, empty {3})",
			      "{1} (с детьми {2}, порожний пробег {3})"},
	[M_SUM_P_LONGEST_V] = {"{1} ({2}, run {3}, session {4}, {5})",
			       "{1} ({2}, рейс {3}, занятие {4}, {5})"},
	[M_SUM_P_EARLIEST] = {"earliest pickup:", "первая посадка:"},
	[M_SUM_P_EARLIEST_V] = {"{1} ({2}, run {3}, session {4})",
				"{1} ({2}, рейс {3}, занятие {4})"},
	[M_SUM_UNSERVED_HEAD] = {"unserved", "не обслуживаются"},
	[M_SUM_UNSERVED_LINE] =
		{"{9} line {1}: {2} children from {3}, session {4}, {5}, {6}: {7} ({8})",
		 "{9}, строка {1}: детей {2}, откуда: {3}, занятие {4}, {5}, {6}: {7} ({8})"},
	[M_SUM_FIX_HEAD] = {"to serve everyone on {1}: ", "чтобы перевезти всех ({1}): "},
	[M_SUM_FIX_BUSES] = {"more buses: {1}, like {2} ({3} seats, depot {4})",
			     "ещё автобусов: {1}, как {2} (мест: {3}, гараж {4})"},
	[M_SUM_FIX_SPLIT] =
		{"split shifts for the drivers with the buses there are (split_shift = "
		 "yes: a stay at the depot between the parts of the day is not working "
		 "time)",
		 "раздельная смена водителей с имеющимися автобусами (split_shift = yes: "
		 "стоянка в гараже между частями смены не входит в рабочее время)"},
	[M_SUM_FIX_SPLIT_BUSES] = {"split shifts for the drivers and more buses: {1}, like {2} "
				   "(split_shift = yes)",
				   "раздельная смена водителей и ещё автобусов: {1}, как {2} "
				   "(split_shift = yes)"},
	[M_SUM_FIX_SHIFT] = {"a driver's day of up to {1} h {2} min with the buses there are "
			     "(max_shift_h = {3})",
			     "рабочий день водителя до {1} ч {2} мин с имеющимися автобусами "
			     "(max_shift_h = {3})"},
	[M_SUM_FIX_LATER] = {"session {1} starting at {2} instead of {3} ({4} min later) with the "
			     "buses there are",
			     "начало занятия «{1}» в {2} вместо {3} (на {4} мин позже) с "
			     "имеющимися автобусами"},
	[M_SUM_FIX_EARLIER] = {"session {1} starting at {2} instead of {3} ({4} min earlier) with "
			       "the buses there are",
			       "начало занятия «{1}» в {2} вместо {3} (на {4} мин раньше) с "
			       "имеющимися автобусами"},
	[M_SUM_FIX_EARLY_WINDOW] =
		{"session {1} taking children in earlier: an arrival window of {2} "
		 "min instead of {3} (arriving from {4} on; early_window_min in "
		 "sessions.csv) with the buses there are",
		 "занятие «{1}» принимает детей раньше: окно прибытия {2} мин "
		 "вместо {3} (приезд с {4}; «окно прибытия, мин» в таблице "
		 "занятий) с имеющимися автобусами"},
	[M_SUM_FIX_LATE_WINDOW] =
		{"session {1} letting children go later: a departure window of {2} "
		 "min instead of {3} (leaving by {4}; late_window_min in "
		 "sessions.csv) with the buses there are",
		 "занятие «{1}» отпускает детей позже: окно отъезда {2} мин "
		 "вместо {3} (отъезд до {4}; «окно отъезда, мин» в таблице "
		 "занятий) с имеющимися автобусами"},
	[M_SUM_FIX_OR] = {", or ", " или "},
	[M_SUM_UNKNOWN] = {"(unknown)", "(неизвестно)"},
	[M_SUM_NO_REASON] = {"no reason given", "причина не указана"},
	[M_BOTH_WAYS] = {"both ways", "в обе стороны"},
	[M_DIR_TO_BOTH] = {"to the session, and so home too", "к занятию, а значит и домой"},
	[M_DIR_HOME_BOTH] = {"home, and so to the session too", "домой, а значит и к занятию"},
	[M_DIRECTION] = {"Direction", "Направление"},
	[M_SEQ] = {"No.", "№"},
	[M_XLSX_TITLE] = {"Transfer timetable", "Расписание подвоза"},
	[M_TERM] = {"Term", "Учебный период"},
	[M_CONTACT] = {"Contact", "Ответственный"},
	[M_PHONE] = {"tel.", "тел."},
	[M_NOTE] = {"Note", "Примечание"},
	[M_BOOKS] = {"Books to print", "Для печати целиком"},
	[M_BUS_THERE] = {"Bus there", "Автобус туда"},
	[M_BUS_HOME] = {"Bus home", "Автобус обратно"},
	[M_NORTH] = {"N", "С"},
	[M_METRES] = {"m", "м"},
	[M_ESCORT] = {"Escort", "Сопровождающий"},
	[M_CHILD] = {"Child", "Ребёнок"},
	[M_PHONE_COL] = {"Parent's phone", "Телефон родителя"},
	[M_SIGNATURE] = {"Mark", "Отметка"},
	[M_BIRTH_COL] = {"Date of birth", "Дата рождения"},
	[M_CLASS_COL] = {"Class, group", "Класс, группа"},
	[M_PARENT_COL] = {"Parent", "Родитель"},
	[M_AGE_WORD] = {"age", "возраст"},
	[M_LISTS] = {"Children on each run", "Списки детей по рейсам"},
	[M_LIST_TITLE] = {"Children on run", "Список детей, рейс"},
	[M_DRIVER] = {"Driver", "Водитель"},
	[M_TO_DEPOT] = {"To the depot", "В гараж"},
	[M_AT_DEPOT] = {"At the depot", "Стоянка в гараже"},
	[M_BREAK] = {"Break", "Перерыв"},
	[M_BREAK_AT_DEPOT] = {"Break at the depot", "Перерыв в гараже"},
	[M_WORKDAY] = {"Working day", "Рабочий день"},
	[M_AGREED] = {"AGREED", "СОГЛАСОВАНО"},
	[M_APPROVED] = {"APPROVED", "УТВЕРЖДАЮ"},
	[M_SIGN_DATE] = {"date: ____________ 20___", "«____» ______________ 20___ г."},
	[M_WEEK_WORK] = {"Working time in the week: {1}.", "Рабочее время за неделю: {1}."},
	[M_WEEK_OVER] = {"Working time in the week: {1}, more than {2} h: a second driver or split "
			 "shifts are needed.",
			 "Рабочее время за неделю: {1}, больше {2} ч: нужен второй водитель или "
			 "раздельная смена."},
	[M_DRIVING] = {"driving", "за рулём"},
	[M_SUM_SHIFT] = {"longest shift:", "самая долгая смена:"},
	[M_SUM_SHIFT_V] = {"{1} (bus {2}, {3})", "{1} (автобус {2}, {3})"},
	[M_SUM_DRIVING] = {"most driving:", "за рулём, максимум:"},
	[M_SUM_WEEK] = {"longest week:", "самая долгая неделя:"},
	[M_SUM_WEEK_V] = {"{1} (bus {2}; at most {3} h)", "{1} (автобус {2}; не более {3} ч)"},
	[M_SUM_WEEK_V0] = {"{1} (bus {2})", "{1} (автобус {2})"},
	[M_WARNINGS_H] = {"Warnings of the planning", "Предупреждения расчёта"},
	[M_SUM_WEEKS] = {"drivers' working week by bus:", "рабочая неделя водителей по автобусам:"},
	[M_SUM_WEEKS_V] = {"{1} (driving {2})", "{1} (за рулём {2})"},
	[M_SUM_WEEKS_OVER] = {"{1} (driving {2}), more than {3} h",
			      "{1} (за рулём {2}), больше {3} ч"},
	[M_ROUTE_MAP] = {"Route map", "Карта маршрутов"},
	[M_ALL] = {"all", "все"},
	[M_OSM_CREDIT] = {"© OpenStreetMap contributors", "© участники OpenStreetMap"},
	[M_CHILDREN_SHORT] = {"children", "детей"},
	[M_NO_BUS_HOME] = {"no bus home (there only)", "обратно без автобуса (только туда)"},
	[M_NO_BUS_THERE] = {"no bus there (home only)", "туда без автобуса (только обратно)"},
	[M_THERE_FROM] = {"there from {1}", "туда — от {1}"},
	[M_HOME_TO] = {"home to {1}", "обратно — домой: {1}"},
	[M_CHG_TITLE] = {"Changes for families", "Изменения для семей"},
	[M_CHG_INTRO] = {"Re-planned against the earlier plan: {1} runs kept as they were, {2} new "
			 "or changed; the children of these groups get another time or bus.",
			 "План пересчитан от прежнего. Рейсов оставлено как было: {1}, новых "
			 "или изменённых: {2}; у детей этих групп меняется время или автобус."},
	[M_CHG_NONE] = {"Nothing changes for anybody.", "Ни у кого ничего не меняется."},
	[M_CHG_WAS] = {"was", "было"},
	[M_CHG_NOW] = {"now", "стало"},
	[M_CHG_NEW] = {"new group", "новая группа"},
	[M_CHG_NEW_DAY] = {"the session's new day", "новый день занятия"},
	[M_CAUSE_BUS_GONE] = {"the earlier bus is no longer in the fleet",
			      "прежнего автобуса больше нет в парке"},
	[M_CAUSE_BUS_SMALLER] = {"the earlier bus has fewer seats now",
				 "в прежнем автобусе теперь меньше мест"},
	[M_CAUSE_SESSION_TIME] = {"the session's time changed", "у занятия новое время"},
	[M_CAUSE_CHILDREN] = {"the number of children changed", "изменилось число детей"},
	[M_CHG_GONE] = {"no longer served", "больше не возят"},
	[M_CHG_SESSION_GONE] = {"session removed", "занятие отменено"},
	[M_CHG_LEFT] = {"not carried", "не везут детей"},
	[M_CHG_NO_WAY_HOME] = {"no ride home, so the children are not taken there either",
			       "нет рейса домой, поэтому детей не везут и на занятие"},
	[M_CHG_NO_WAY_THERE] = {"no ride to the session, so none home either",
				"нет рейса на занятие, поэтому нет и рейса домой"},
	[M_SUM_REPLAN] = {"Re-plan: {1} runs kept as they were, {2} new or changed; {3} children "
			  "of the earlier plan get another time or bus; new groups: {4} "
			  "(changes.csv, print/changes.html)",
			  "Пересчёт: рейсов оставлено как было: {1}, новых или изменённых: {2}; "
			  "детей прежнего плана с другим временем или автобусом: {3}; новых "
			  "групп: {4} (changes.csv, print/changes.html)"},
	[M_SUM_LOCKS] = {"Locks (locks.csv): {1} of {2} kept", "Закрепления (locks.csv): "
							       "соблюдены {1} из {2}"},
	[M_SUM_REPLAN_ALT] = {"  no extra bus on {1} ({2} fewer a day) if {3} children's times or "
			      "buses change (planned anew; keep_priority = buses takes it)",
			      "  без лишнего автобуса в {1} (на {2} меньше в день), если сменить "
			      "время или автобус детям прежнего плана: {3} (план заново; "
			      "keep_priority = buses)"},
	[M_SUM_HINT] =
		{"Hint: session {1} {2}: buses fewer by {3} on {4} (the day chained again)",
		 "Подсказка: занятие {1} {2}: автобусов меньше на {3}, {4} (дни пересчитаны)"},
	[M_SUM_HINT_MOVE] = {"starting {1} min {2}", "с началом на {1} мин {2}"},
	[M_SUM_HINT_LATE] = {"with its home runs leaving {1} min later (the late window)",
			     "с развозом домой на {1} мин позже (позднее окно)"},
	[M_SUM_HINT_NONE] = {"Hints: no move of a session by up to 30 min, nor the late window, "
			     "saves a bus on any day",
			     "Подсказки: ни сдвиг занятия до 30 мин, ни позднее окно не сберегают "
			     "автобус ни в один день"},
	[M_EARLIER] = {"earlier", "раньше"},
	[M_LATER] = {"later", "позже"},
	[M_SPLIT_BREAK] = {"Split-shift break", "Перерыв (раздельная смена)"},
	[M_WORKTIME] = {"working time {1}, without {3} of the split-shift break {2}",
			"рабочее время {1}, без {3} перерыва раздельной смены {2}"},
	[M_SUM_WARNINGS] = {"warnings of the planning", "предупреждения расчёта"},
	[M_NO_SERVICE] = {"except", "кроме"},
	[M_SUM_NO_SERVICE] = {"no runs on:", "без рейсов:"},
	[M_SUM_KM_TERM] = {"km in the term:", "км за период:"},
	[M_SUM_KM_TERM_V] = {"{1} (days with runs: {2})", "{1} (дней с рейсами: {2})"},
	[M_REGISTER] = {"Route register", "Реестр маршрутов"},
	[M_ROUTE] = {"Route (stops in order)", "Маршрут (остановки по порядку)"},
	[M_RIDE_MIN] = {"On the way, min", "В пути, мин"},
	[M_REGISTER_TOTAL] = {"Runs a week: {1}; km a week along the routes (empty drives not "
			      "counted): {2}",
			      "Рейсов в неделю: {1}; км в неделю по маршрутам (без порожних "
			      "пробегов): {2}"},
	[M_SUM_SPLIT] = {"split shifts:", "раздельные смены:"},
	[M_SUM_SPLIT_V] = {"{1} of {2} bus-days; the shifts above are working time without the "
			   "split-shift break",
			   "{1} из {2} дней автобусов; смены выше: рабочее время без перерыва "
			   "раздельной смены"},
	[M_SUM_LOCK_NOT] = {"  line {1}: {2} — not kept: {3}",
			    "  строка {1}: {2} — не соблюдено: {3}"},
};

/* Reason codes the planner uses (plan.h, plan_unserved_t), in Russian;
 * the plan carries English sentences. */
static const char *const reasons_ru[][2] = {
	{"unreachable", "нет проезда по дорогам до места занятия"},
	{"unlocated", "место посадки не найдено на карте"},
	{"ride_limit", "даже прямой рейс длиннее допустимого времени в пути"},
	{"night_run", "понадобился бы рейс в ночное время (23:00–06:00)"},
	{"no_bus", "не хватает автобусов или мест"},
	{"other_leg", "не возят и в эту сторону: другую поездку этой группы выполнить нельзя"},
	/* a re-plan's reasons (src/plan/changes.c) */
	{"session_removed", "занятия больше нет в sessions.csv"},
	{"not_on_day", "в этот день занятия больше нет"},
	{"village_removed", "в riders.csv больше нет детей из этого села на это занятие"},
	{"one_way", "в riders.csv группе теперь нужна только поездка в другую сторону"},
};

/* The planner's English reasons (runs.c, duties.c) and their Russian.
 * {1}, {2} stand for the figures in the sentence; they are read from the
 * English and put into the Russian, so no number is lost (gettext's
 * msgid/msgstr pairs with positional arguments, matched in reverse since
 * the plan carries the English sentence). */
static const char *const sentences_ru[][2] = {
	{"the fleet has no buses", "в парке нет автобусов"},
	{"no bus can reach the pickup in time from any depot within its hours",
	 "ни один автобус не успевает из своего гаража к месту посадки в часы своей работы"},
	{"no bus can bring the children home and get back to its depot within its hours",
	 "ни один автобус не успевает развезти детей и вернуться в гараж в часы своей работы"},
	{"not enough buses: every bus that could do this run is busy then",
	 "не хватает автобусов: все подходящие автобусы в это время заняты"},
	{"a bus that could do this run stood idle, but the time limit (time_limit_s = {1}) cut the "
	 "search for bus duties short: raise time_limit_s",
	 "автобус, который мог бы выполнить этот рейс, стоял без дела, но ограничение времени "
	 "(time_limit_s = {1}) прервало поиск расписания автобусов: увеличьте time_limit_s"},
	{"a bus that could do this run stood idle, but the search for bus duties stopped at its "
	 "work limit",
	 "автобус, который мог бы выполнить этот рейс, стоял без дела, но поиск расписания "
	 "автобусов остановился на пределе своей работы"},
	{"no bus of the fleet has enough seats for this run",
	 "ни в одном автобусе нет столько мест, сколько нужно этому рейсу"},
	{"no bus with enough seats can reach the first stop in time from its depot within its hours",
	 "ни один автобус с нужным числом мест не успевает из своего гаража к первой остановке в часы своей работы"},
	{"no bus big enough can do this run and get back to its depot within its hours",
	 "ни один автобус с нужным числом мест не успевает выполнить рейс и вернуться в гараж в часы своей работы"},
	{"not enough buses within the drivers' working time: a bus free then would work or drive "
	 "longer than its limit",
	 "не хватает автобусов при ограничениях рабочего времени водителей: у свободного в это время "
	 "автобуса водитель работал бы или был бы за рулём дольше допустимого"},
	{"no bus can do this run within the drivers' working time limits",
	 "ни один автобус не может выполнить этот рейс, не нарушив ограничений рабочего времени водителя"},
	{"no route keeps this group within its ride limit",
	 "ни один маршрут не укладывается для этой группы в допустимое время в пути"},
	{"the children cannot be brought home (see the home leg), so they are not taken to the "
	 "session either; riders.csv marks a group that needs this leg only with direction = to",
	 "детей не на чем отвезти домой (см. поездку домой), поэтому их не везут и на занятие; "
	 "группу, которой нужна только эта поездка, отмечают в riders.csv: direction = to"},
	{"the children cannot be taken to the session (see that leg), so no run brings them "
	 "home either; riders.csv marks a group that needs this leg only with direction = from",
	 "детей не на чем отвезти на занятие (см. поездку туда), поэтому нет и рейса домой; "
	 "группу, которой нужна только эта поездка, отмечают в riders.csv: direction = from"},
	{"the children cannot be brought home to where they live (see the home leg), so they are "
	 "not taken from here either",
	 "детей не на чем отвезти домой (см. поездку домой), поэтому их не забирают и отсюда"},
	{"the children are not taken to the session from where they board (see that leg), so "
	 "no run brings them home either",
	 "детей не везут на занятие оттуда, где они садятся (см. поездку туда), поэтому нет и "
	 "рейса домой"},
	{"there is no road route between the pickup and the destination",
	 "нет проезда по дорогам между местом посадки и местом занятия"},
	{"the pickup is more than 1 km from the main road network (its nearest road is cut off or missing)",
	 "место посадки дальше 1 км от основной сети дорог (ближайшая к нему дорога отрезана или её нет)"},
	{"the destination is more than 1 km from the main road network (its nearest road is cut off or missing)",
	 "место занятия дальше 1 км от основной сети дорог (ближайшая к нему дорога отрезана или её нет)"},
	{"even a direct trip takes {1} min, over the {2} min ride limit",
	 "даже прямой рейс занимает {1} мин, больше допустимых {2} мин в пути"},
	{"the session would need a run between 23:00 and 06:00, which decree No. 1527 forbids",
	 "для занятия понадобился бы рейс между 23:00 и 06:00, а постановление № 1527 это запрещает"},
};

/* Whether sentence s matches template t ({1}..{9} match any text up to the
 * literal that follows); the captured arguments go to args/lens. */
static int match(const char *t, const char *s, const char *args[9], size_t lens[9])
{
	while (*t) {
		if (t[0] == '{' && t[1] >= '1' && t[1] <= '9' && t[2] == '}') {
			int k = t[1] - '1';
			t += 3;
			size_t lit = strcspn(t, "{");
			const char *e = s + strlen(s);
			if (lit) {
				char *want = xstrndup(t, lit);
				e = strstr(s, want);
				free(want);
				if (!e || e == s)
					return 0;
			}
			args[k] = s;
			lens[k] = (size_t)(e - s);
			s = e;
			continue;
		}
		if (*t++ != *s++)
			return 0;
	}
	return *s == '\0';
}

static int lang_ix(const sr_plan_t *p)
{
	return strcmp(p->settings.lang, "ru") == 0;
}

const char *out_msg(const sr_plan_t *p, out_msg_t m)
{
	return msgs[m][lang_ix(p)];
}

const char *out_day_name(const sr_plan_t *p, int day)
{
	return plan_day_short(day, lang_ix(p));
}

/* Appends template t with "{1}".."{9}" replaced by the n arguments
 * (args[i], lens[i] bytes; a missing one is empty). */
static void fill_template(sr_buf_t *b, const char *t, const char *const *args, const size_t *lens,
			  int n)
{
	while (*t) {
		if (t[0] == '{' && t[1] >= '1' && t[1] <= '9' && t[2] == '}') {
			int k = t[1] - '1';
			if (k < n && args[k])
				sr_buf_append(b, args[k], lens[k]);
			t += 3;
		} else {
			sr_buf_putc(b, *t++);
		}
	}
}

void out_msg_fill(sr_buf_t *b, const sr_plan_t *p, out_msg_t m, const char *const *args, int n)
{
	size_t lens[9] = {0};
	for (int i = 0; i < n && i < 9; i++)
		lens[i] = args[i] ? strlen(args[i]) : 0;
	fill_template(b, out_msg(p, m), args, lens, n < 9 ? n : 9);
}

/* The planning warnings by code (plan_warn): {1} the days, {2}.. the
 * warning's args. */
static const char *const warnings_t[][3] = {
	{"time_limit_cut",
	 "the time limit (time_limit_s = {2}) cut {3} routing and {4} chaining calls short; this "
	 "plan may differ on another machine (a larger time_limit_s avoids it)",
	 "ограничение времени (time_limit_s = {2}) прервало {3} расчётов маршрутов и {4} "
	 "расчётов смен автобусов; на другом компьютере план может получиться другим (поможет "
	 "большее time_limit_s)"},
	{"chain_failed",
	 "{1}: chaining the runs into bus days failed ({2}); the buses' days are "
	 "made by list scheduling and may need more buses",
	 "{1}: расчёт смен автобусов не удался ({2}); смены составлены по порядку рейсов, "
	 "автобусов может понадобиться больше"},
	{"week_chain_failed",
	 "{1}: chaining the week again failed ({2}); the days keep their first duties, fewer runs "
	 "may keep one bus all week",
	 "{1}: повторный расчёт смен на неделю не удался ({2}); у дней остались первые смены, "
	 "меньше рейсов может остаться на одном автобусе всю неделю"},
	{"depot_off_network",
	 "bus {2}: its depot is not on the main road network; the bus is not used",
	 "автобус {2}: его гараж не на основной дорожной сети; автобус не используется"},
	{"week_hours",
	 "drivers' working weeks longer than max_week_h = {2} h (the Labour Code's 40-hour week, "
	 "art. 91): {3}; a second driver for such a bus (fleet.csv max_week_h = 80), split shifts "
	 "(split_shift = yes: the stay at the depot between runs is then not working time), a "
	 "shorter max_shift_h, or week_balance = yes (other buses take some days' duties)",
	 "рабочая неделя водителя дольше max_week_h = {2} ч (40 часов в неделю, ст. 91 Трудового "
	 "кодекса): {3}; второй водитель на такой автобус (в fleet.csv max_week_h = 80), "
	 "раздельная смена (split_shift = yes: стоянка в гараже между рейсами тогда не рабочее "
	 "время), меньше max_shift_h или week_balance = yes (смены некоторых дней берут другие "
	 "автобусы)"},
	{"week_hours_left",
	 "drivers' working weeks still longer than max_week_h = {2} h with the duties shared out "
	 "among the buses (week_balance = yes): {3}; a second driver for such a bus (fleet.csv "
	 "max_week_h = 80), split shifts (split_shift = yes) or a shorter max_shift_h",
	 "рабочая неделя водителя и после распределения смен между автобусами (week_balance = "
	 "yes) дольше max_week_h = {2} ч: {3}; второй водитель на такой автобус (в fleet.csv "
	 "max_week_h = 80), раздельная смена (split_shift = yes) или меньше max_shift_h"},
	{"drivers_rule", "{1}: bus {2}: its day breaks a drivers' working-time rule",
	 "{1}: автобус {2}: его смена нарушает правило режима труда водителя"},
	{"keep_no_bus",
	 "{1}: the earlier buses and the locks leave runs without a bus; this day pattern keeps "
	 "the new chaining's buses",
	 "{1}: прежние автобусы и закрепления оставляют рейсы без автобуса; для этих дней "
	 "взяты автобусы нового расчёта"},
	{"stop_moved",
	 "{2}: the nearest road is a {3} ({4} m) where a bus may not stop; the stop is on the {5} "
	 "road {6} m away",
	 "{2}: ближайшая дорога ({3}, {4} м) не для остановки автобуса; остановка на дороге ({5}) "
	 "в {6} м"},
	{"stop_too_far",
	 "{2}: the nearest road is a {3} ({4} m) where a bus may not stop; unserved: the nearest "
	 "other is the {5} road {6} m away",
	 "{2}: ближайшая дорога ({3}, {4} м) не для остановки автобуса; не обслуживается: "
	 "ближайшая другая дорога ({5}) в {6} м"},
	{"stop_off_fragment",
	 "{2}: the nearest road is cut off from the network; served from the main road {3} m away",
	 "{2}: ближайшая дорога отрезана от сети; остановка на основной дороге в {3} м"},
};

void out_warning(sr_buf_t *b, const sr_plan_t *p, const plan_warning_t *w)
{
	const char *args[6] = {"-", NULL, NULL, NULL, NULL, NULL};
	size_t lens[6] = {1, 0, 0, 0, 0, 0};
	sr_buf_t days;
	sr_buf_init(&days);
	if (w->days) {
		out_buf_days_short(&days, p, w->days);
		args[0] = days.data;
		lens[0] = days.len;
	}
	for (int k = 0; k < w->n_args && k < 5; k++) {
		args[k + 1] = w->args[k];
		lens[k + 1] = strlen(w->args[k]);
	}
	size_t i = 0, n = sizeof warnings_t / sizeof warnings_t[0];
	while (i < n && strcmp(warnings_t[i][0], w->code))
		i++;
	if (i < n)
		fill_template(b, warnings_t[i][1 + lang_ix(p)], args, lens, 6);
	else
		sr_buf_puts(b, w->message);
	sr_buf_free(&days);
}

/* Why a lock was not kept (plan/locks.c, plan_lock_t.why), in Russian. */
static const char *const locks_ru[][2] = {
	{"the run could not stay as it was (its stops, times or bus changed: riders, buses or the "
	 "roads changed)",
	 "рейс не удалось оставить прежним (изменились его остановки, время или автобус: "
	 "изменились дети, автобусы или дороги)"},
	{"the run could not be kept: its session, stops or riders changed",
	 "рейс не удалось сохранить: изменились его занятие, остановки или дети"},
	{"the bus cannot take this run (its seats, its hours or another pinned run at the same "
	 "time)",
	 "автобус не может взять этот рейс (не хватает мест, не подходят часы работы или в это "
	 "время у него другой закреплённый рейс)"},
	{"no run carries these children (they are not served)",
	 "этих детей не везёт ни один рейс (они не перевезены)"},
	{"the bus has fewer seats than this run carries",
	 "в автобусе меньше мест, чем детей на рейсе"},
	{"the run is outside the bus's working hours (fleet.csv available_from, available_to)",
	 "рейс не укладывается в часы работы автобуса («работает с», «работает до» в таблице "
	 "автобусов)"},
	{"at that time the bus does run %s", "в это время автобус выполняет рейс %s"},
	{"with this run the bus's driver's day would be longer than its limit (max_shift_h)",
	 "с этим рейсом рабочий день водителя автобуса превысит предел (max_shift_h)"},
};

void out_lock_reason(sr_buf_t *b, const sr_plan_t *p, const plan_lock_t *L)
{
	for (size_t i = 0; lang_ix(p) && L->why && i < sizeof locks_ru / sizeof locks_ru[0]; i++)
		if (!strcmp(L->why, locks_ru[i][0])) {
			char w[256];
			sr_buf_printf(b, "%s (рейс %s, ",
				      plan_lock_why_fill(locks_ru[i][1], L->why_other, w, sizeof w),
				      L->why_run ? L->why_run : "-");
			out_buf_days_short(b, p, L->why_days);
			sr_buf_putc(b, ')');
			return;
		}
	sr_buf_puts(b, L->reason ? L->reason : "");
}

void out_reason(sr_buf_t *b, const sr_plan_t *p, const plan_unserved_t *u)
{
	/* the one reason that carries a number: how far the stop would be */
	char far_ru[256];
	char who[16];
	double m;
	if (lang_ix(p) && u->reason &&
	    sscanf(u->reason, "the %15s is %lf m from the nearest road a bus may stop on", who,
		   &m) == 2) {
		snprintf(
			far_ru, sizeof far_ru,
			"%s в %.0f м от ближайшей дороги, где может остановиться автобус (больше 1 км; "
			"ближе только отрезанные дороги или магистрали)",
			strcmp(who, "pickup") ? "место занятия" : "место посадки", m);
		sr_buf_puts(b, far_ru);
		return;
	}
	if (lang_ix(p) && u->reason)
		for (size_t i = 0; i < sizeof sentences_ru / sizeof sentences_ru[0]; i++) {
			const char *args[9] = {0};
			size_t lens[9] = {0};
			if (!match(sentences_ru[i][0], u->reason, args, lens))
				continue;
			fill_template(b, sentences_ru[i][1], args, lens, 9);
			return;
		}
	if (lang_ix(p) && u->reason_code)
		for (size_t i = 0; i < sizeof reasons_ru / sizeof reasons_ru[0]; i++)
			if (strcmp(u->reason_code, reasons_ru[i][0]) == 0) {
				sr_buf_puts(b, reasons_ru[i][1]);
				return;
			}
	sr_buf_puts(b, u->reason ? u->reason : u->reason_code ? u->reason_code : "");
}

const char *out_dir_word(const sr_plan_t *p, int dir)
{
	return out_msg(p, dir == PLAN_TO_SESSION ? M_DIR_TO
			  : dir == PLAN_HOME	 ? M_DIR_HOME
						 : M_BOTH_WAYS);
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Whether a and b are one group's legs (the same direction when same_dir,
 * else opposite ones), days aside. */
static int one_group(const plan_unserved_t *a, const plan_unserved_t *b, int same_dir)
{
	return a->rider_line == b->rider_line && a->pickup == b->pickup &&
	       a->session == b->session && a->children == b->children &&
	       (same_dir ? a->dir == b->dir : a->dir >= 0 && b->dir >= 0 && a->dir != b->dir);
}

out_unserved_t *out_unserved_lines(const sr_plan_t *p)
{
	int n = p->n_unserved;
	const plan_unserved_t *u = p->unserved;
	out_unserved_t *l = xcalloc((size_t)n + 1, sizeof *l);
	for (int i = 0; i < n; i++) {
		l[i].shown = 1;
		l[i].days = u[i].days;
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n && l[i].shown; j++)
			if (l[j].shown && one_group(&u[i], &u[j], 1) &&
			    same_str(u[i].reason_code, u[j].reason_code) &&
			    same_str(u[i].reason, u[j].reason)) {
				l[i].days |= u[j].days;
				l[j].shown = 0;
			}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n && l[i].shown && !l[i].both; j++)
			if (l[j].shown && j != i && !same_str(u[i].reason_code, "other_leg") &&
			    same_str(u[j].reason_code, "other_leg") && one_group(&u[i], &u[j], 0) &&
			    l[i].days == l[j].days) {
				l[i].both = 1;
				l[j].shown = 0;
			}
	/* both legs left for the same reason on the same days: one line */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n && l[i].shown && !l[i].both; j++)
			if (l[j].shown && !l[j].both && one_group(&u[i], &u[j], 0) &&
			    same_str(u[i].reason_code, u[j].reason_code) &&
			    same_str(u[i].reason, u[j].reason) && l[i].days == l[j].days) {
				l[i].both = 2;
				l[j].shown = 0;
			}
	return l;
}

/* An unserved entry's sort key (out_unserved_order). */
typedef struct {
	long line;
	int day, dir, i;
} uns_key_t;

static int by_line(const void *a, const void *b)
{
	const uns_key_t *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->dir != y->dir)
		return x->dir < y->dir ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

int *out_unserved_order(const sr_plan_t *p)
{
	int n = p->n_unserved;
	uns_key_t *k = xcalloc((size_t)n + 1, sizeof(*k));
	for (int i = 0; i < n; i++) {
		const plan_unserved_t *u = &p->unserved[i];
		k[i] = (uns_key_t){u->rider_line, __builtin_ctz((unsigned)u->days | 0x80u), u->dir,
				   i};
	}
	qsort(k, (size_t)n, sizeof(*k), by_line);
	int *ord = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		ord[i] = k[i].i;
	free(k);
	return ord;
}

const char *out_unserved_dir(const sr_plan_t *p, const plan_unserved_t *u, const out_unserved_t *l)
{
	if (!l->both || l->both == 2)
		return out_dir_word(p, l->both ? -1 : u->dir);
	return out_msg(p, u->dir == PLAN_TO_SESSION ? M_DIR_TO_BOTH : M_DIR_HOME_BOTH);
}
