/* messages.c - the words of the printed schedules in Russian and English,
 * one table (after gettext's idea of keyed messages, kept as a static
 * array since there are only two languages). settings.lang "ru" selects
 * Russian; anything else English. */
#include <string.h>
#include "output/internal.h"

static const char *const msgs[M_N_MSGS][2] = {
	[M_INDEX_TITLE] = { "Transfer schedules", "Расписание подвоза" },
	[M_DRIVER_SHEETS] = { "Drivers' sheets", "Листы водителей" },
	[M_DRIVER_SHEET] = { "Driver's sheet", "Лист водителя" },
	[M_DESTINATIONS] = { "Destinations", "Пункты назначения" },
	[M_VILLAGES] = { "Villages", "Населённые пункты" },
	[M_BUS] = { "Bus", "Автобус" },
	[M_SEATS] = { "Seats", "Мест" },
	[M_DAYS] = { "Days", "Дни" },
	[M_DEPOT] = { "Depot", "Гараж" },
	[M_RUN] = { "Run", "Рейс" },
	[M_SESSION] = { "Session", "Занятие" },
	[M_DESTINATION] = { "Destination", "Пункт назначения" },
	[M_VILLAGE] = { "Village", "Населённый пункт" },
	[M_DIR_TO] = { "to the session", "к занятию" },
	[M_DIR_HOME] = { "home", "домой" },
	[M_STOP] = { "Stop", "Остановка" },
	[M_ARRIVAL] = { "Arrival", "Прибытие" },
	[M_DEPARTURE] = { "Departure", "Отправление" },
	[M_BOARD] = { "On", "Посадка" },
	[M_ALIGHT] = { "Off", "Высадка" },
	[M_CHILDREN] = { "Children", "Детей" },
	[M_DEADHEAD] = { "Empty drive", "Порожний пробег" },
	[M_WAIT] = { "Waiting", "Стоянка" },
	[M_LEAVE_DEPOT] = { "Leave the depot", "Выезд из гаража" },
	[M_RETURN_DEPOT] = { "Back at the depot", "Возвращение в гараж" },
	[M_TOTAL_KM] = { "Distance of the day", "Пробег за день" },
	[M_KM] = { "km", "км" },
	[M_MIN] = { "min", "мин" },
	[M_SESSION_TIME] = { "Session time", "Время занятия" },
	[M_ARRIVE_BY_BUS] = { "Arriving by bus", "Прибывают автобусом" },
	[M_LEAVE_BY_BUS] = { "Leaving by bus", "Уезжают автобусом" },
	[M_FROM] = { "From", "Откуда" },
	[M_TO] = { "To", "Куда" },
	[M_PICKUP_TIME] = { "Bus at the stop", "Автобус на остановке" },
	[M_AT_DESTINATION] = { "Arrives", "Прибытие на место" },
	[M_LEAVES_DESTINATION] = { "Leaves", "Отправление обратно" },
	[M_BACK_HOME] = { "Back home", "Прибытие домой" },
	[M_UNSERVED] = { "Not served", "Не обслуживаются" },
	[M_REASON] = { "Reason", "Причина" },
	[M_MAP] = { "Map", "Схема" },
	[M_NOT_LOCATED] = { "(not on the map)", "(не найден на карте)" },
	[M_UNASSIGNED] = { "no bus", "без автобуса" },
	[M_NO_RUNS] = { "No runs.", "Рейсов нет." },
	[M_BACK_TO_INDEX] = { "All schedules", "Все расписания" },
	[M_RIDE] = { "Ride", "В пути" },
};

static const char *const days[7][2] = {
	{ "Mon", "Пн" }, { "Tue", "Вт" }, { "Wed", "Ср" }, { "Thu", "Чт" },
	{ "Fri", "Пт" }, { "Sat", "Сб" }, { "Sun", "Вс" },
};

/* Reason codes the planner uses (plan.h, plan_unserved_t), in Russian;
 * the plan carries English sentences. */
static const char *const reasons_ru[][2] = {
	{ "unreachable", "нет проезда по дорогам до места занятия" },
	{ "unlocated", "место посадки не найдено на карте" },
	{ "ride_limit", "даже прямой рейс длиннее допустимого времени в пути" },
	{ "night_run", "понадобился бы рейс в ночное время (23:00–06:00)" },
	{ "no_bus", "не хватает автобусов или мест" },
};

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
	return days[day][lang_ix(p)];
}

const char *out_reason(const sr_plan_t *p, const plan_unserved_t *u)
{
	if (lang_ix(p) && u->reason_code)
		for (size_t i = 0; i < sizeof reasons_ru / sizeof reasons_ru[0]; i++)
			if (strcmp(u->reason_code, reasons_ru[i][0]) == 0)
				return reasons_ru[i][1];
	return u->reason ? u->reason : u->reason_code ? u->reason_code : "";
}
