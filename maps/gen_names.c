/*
 * gen_names.c - name tables and transliteration for the district generator.
 *
 * Village names follow the common patterns of central Russian toponymy:
 * possessive -овка/-евка stems (feminine), church-dedication and adjectival
 * -ское/-ое stems (neuter), -ово/-ино patronymic stems (neuter), plural
 * diminutives (Горки, Дубки) and a few masculine ones (Бор, Починок). Pairs
 * such as "Ивановка" / "Большая Ивановка" are as frequent in real districts
 * as they are here. The tables are written for this project; the
 * transliteration implements BGN/PCGN 1947 (simplified, see gen_names.h).
 */
#include <stdlib.h>
#include <string.h>
#include "gen_names.h"

enum { G_M = 0, G_F, G_N, G_P };

typedef struct stem {
	const char *name;
	int gender;
} stem_t;

/* clang-format off */
static const stem_t stems[] = {
	/* feminine -ка */
	{"Ивановка", G_F}, {"Петровка", G_F}, {"Михайловка", G_F}, {"Александровка", G_F},
	{"Андреевка", G_F}, {"Васильевка", G_F}, {"Николаевка", G_F}, {"Покровка", G_F},
	{"Берёзовка", G_F}, {"Сосновка", G_F}, {"Ольховка", G_F}, {"Липовка", G_F},
	{"Дубровка", G_F}, {"Малиновка", G_F}, {"Каменка", G_F}, {"Марьевка", G_F},
	{"Екатериновка", G_F}, {"Алексеевка", G_F}, {"Григорьевка", G_F}, {"Дмитриевка", G_F},
	{"Фёдоровка", G_F}, {"Семёновка", G_F}, {"Павловка", G_F}, {"Ильинка", G_F},
	{"Знаменка", G_F}, {"Вознесенка", G_F}, {"Вишнёвка", G_F}, {"Рябиновка", G_F},
	{"Калиновка", G_F}, {"Ореховка", G_F}, {"Гремячка", G_F}, {"Студёнка", G_F},
	{"Быстрянка", G_F}, {"Ключевка", G_F}, {"Луговка", G_F}, {"Полянка", G_F},
	{"Красновка", G_F}, {"Слобода", G_F}, {"Софьинка", G_F}, {"Анненка", G_F},
	{"Богдановка", G_F}, {"Степановка", G_F}, {"Ясеновка", G_F}, {"Осиновка", G_F},
	{"Черёмуховка", G_F}, {"Грязновка", G_F}, {"Песковатка", G_F}, {"Ракитянка", G_F},
	/* neuter -ское/-ое */
	{"Никольское", G_N}, {"Покровское", G_N}, {"Успенское", G_N}, {"Воскресенское", G_N},
	{"Богородское", G_N}, {"Троицкое", G_N}, {"Спасское", G_N}, {"Ильинское", G_N},
	{"Михайловское", G_N}, {"Знаменское", G_N}, {"Архангельское", G_N}, {"Петровское", G_N},
	{"Дмитровское", G_N}, {"Красное", G_N}, {"Высокое", G_N}, {"Широкое", G_N},
	{"Раздолье", G_N}, {"Заречье", G_N}, {"Подлесье", G_N}, {"Приволье", G_N},
	{"Рождествено", G_N}, {"Городище", G_N},
	/* neuter -ово/-ево/-ино */
	{"Сергеево", G_N}, {"Кузьмино", G_N}, {"Тарасово", G_N}, {"Борисово", G_N},
	{"Захарово", G_N}, {"Лукино", G_N}, {"Никитино", G_N}, {"Фомино", G_N},
	{"Ерёмино", G_N}, {"Савино", G_N}, {"Климово", G_N}, {"Гаврилово", G_N},
	{"Прокудино", G_N}, {"Артёмово", G_N}, {"Демидово", G_N}, {"Анисимово", G_N},
	{"Медведево", G_N}, {"Волково", G_N}, {"Воронино", G_N}, {"Зайцево", G_N},
	{"Лисицыно", G_N}, {"Соколово", G_N}, {"Орлово", G_N}, {"Грачёво", G_N},
	{"Журавлёво", G_N}, {"Скворцово", G_N}, {"Щеглово", G_N}, {"Горелово", G_N},
	{"Дубово", G_N}, {"Липино", G_N}, {"Берёзово", G_N}, {"Ольхово", G_N},
	{"Осиново", G_N}, {"Клёново", G_N}, {"Рябинино", G_N}, {"Бобрино", G_N},
	{"Куликово", G_N}, {"Лебедево", G_N}, {"Голубево", G_N}, {"Сорокино", G_N},
	{"Ершово", G_N}, {"Карпово", G_N}, {"Шипилово", G_N}, {"Тимонино", G_N},
	{"Кондратово", G_N}, {"Юрьево", G_N}, {"Андреево", G_N}, {"Мартыново", G_N},
	{"Степаново", G_N}, {"Фролово", G_N}, {"Матвеево", G_N}, {"Ефремово", G_N},
	{"Пахомово", G_N}, {"Тихоново", G_N}, {"Макарово", G_N}, {"Ларионово", G_N},
	{"Филиппово", G_N}, {"Глебово", G_N}, {"Назарово", G_N}, {"Кочетово", G_N},
	{"Сычёво", G_N}, {"Дятлово", G_N}, {"Овсянниково", G_N}, {"Мельниково", G_N},
	/* masculine */
	{"Бор", G_M}, {"Починок", G_M}, {"Городок", G_M}, {"Погост", G_M},
	{"Дубняк", G_M}, {"Ключ", G_M},
	/* plural */
	{"Горки", G_P}, {"Дубки", G_P}, {"Выселки", G_P}, {"Борки", G_P},
	{"Лужки", G_P}, {"Ключи", G_P}, {"Поляны", G_P}, {"Дворики", G_P},
	{"Липки", G_P}, {"Сосенки", G_P}, {"Мостки", G_P}, {"Прудки", G_P},
	{"Озерки", G_P}, {"Песочки", G_P}, {"Бугры", G_P}, {"Ручьи", G_P},
};

/* adjective forms: masculine, feminine, neuter, plural */
static const char *const adjectives[][4] = {
	{"Большой", "Большая", "Большое", "Большие"},
	{"Малый", "Малая", "Малое", "Малые"},
	{"Новый", "Новая", "Новое", "Новые"},
	{"Старый", "Старая", "Старое", "Старые"},
	{"Верхний", "Верхняя", "Верхнее", "Верхние"},
	{"Нижний", "Нижняя", "Нижнее", "Нижние"},
};
/* clang-format on */

size_t gen_n_village_stems(void)
{
	return sizeof(stems) / sizeof(stems[0]);
}

size_t gen_n_village_adjectives(void)
{
	return sizeof(adjectives) / sizeof(adjectives[0]);
}

char *gen_village_name(size_t stem, int adj)
{
	sr_buf_t b;
	sr_buf_init(&b);
	if (adj >= 0) {
		sr_buf_puts(&b, adjectives[adj][stems[stem].gender]);
		sr_buf_putc(&b, ' ');
	}
	sr_buf_puts(&b, stems[stem].name);
	return b.data;
}

const char *const gen_town_names[] = {
	"Заозёрск",   "Красноборск",   "Сосновоборск", "Новоспасск",
	"Старогорск", "Верхнеречинск", "Белоключинск", "Ольховск",
};
const size_t gen_n_town_names = sizeof(gen_town_names) / sizeof(gen_town_names[0]);

const char *const gen_street_names[] = {
	"Центральная улица",  "улица Мира",	     "Садовая улица",	  "Школьная улица",
	"Лесная улица",	      "Полевая улица",	     "Молодёжная улица",  "Заречная улица",
	"Новая улица",	      "Луговая улица",	     "Колхозная улица",	  "Набережная улица",
	"Речная улица",	      "Весенняя улица",	     "Зелёная улица",	  "улица Гагарина",
	"Первомайская улица", "Пролетарская улица",  "Октябрьская улица", "Рабочая улица",
	"улица Строителей",   "Кооперативная улица", "Сиреневая улица",	  "Вокзальная улица",
};
const size_t gen_n_street_names = sizeof(gen_street_names) / sizeof(gen_street_names[0]);

const char *const gen_stadium_names[] = {"Урожай", "Колос", "Спартак", "Труд", "Юность", "Старт"};
const size_t gen_n_stadium_names = sizeof(gen_stadium_names) / sizeof(gen_stadium_names[0]);
const char *const gen_sports_school_names[] = {"Олимп", "Чемпион", "Витязь", "Сокол", "Русь"};
const size_t gen_n_sports_school_names =
	sizeof(gen_sports_school_names) / sizeof(gen_sports_school_names[0]);
const char *const gen_pool_names[] = {"Дельфин", "Волна", "Чайка", "Нептун", "Акватория"};
const size_t gen_n_pool_names = sizeof(gen_pool_names) / sizeof(gen_pool_names[0]);
const char *const gen_kindergarten_names[] = {
	"Солнышко", "Колокольчик", "Ромашка",	"Берёзка",	  "Теремок",
	"Радуга",   "Светлячок",   "Алёнушка",	"Золотой ключик", "Ласточка",
	"Сказка",   "Буратино",	   "Звёздочка", "Ягодка",	  "Улыбка",
	"Рябинка",  "Журавушка",   "Незабудка", "Родничок",	  "Василёк",
};
const size_t gen_n_kindergarten_names =
	sizeof(gen_kindergarten_names) / sizeof(gen_kindergarten_names[0]);
const char *const gen_sports_centre_names[] = {
	"Атлант", "Атлет", "Лидер",  "Импульс", "Энергия",
	"Заря",	  "Факел", "Победа", "Надежда", "Рекорд",
};
const size_t gen_n_sports_centre_names =
	sizeof(gen_sports_centre_names) / sizeof(gen_sports_centre_names[0]);

/* ---- transliteration ---- */

/* Latin for а..я (U+0430..U+044F), lower case */
static const char *const lat_lower[32] = {
	"a", "b", "v", "g", "d", "e",  "zh", "z",  "i",	 "y",	 "k", "l", "m", "n", "o",  "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",	"e", "yu", "ya",
};

/* Decodes one UTF-8 code point at s (valid input assumed; invalid bytes
 * come back as themselves with length 1). */
static unsigned decode(const char *s, int *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
		*len = 2;
		return ((unsigned)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		*len = 3;
		return ((unsigned)(u[0] & 0x0F) << 12) | ((unsigned)(u[1] & 0x3F) << 6) |
		       (u[2] & 0x3F);
	}
	*len = 1;
	return u[0];
}

/* lower-case index 0..31 of a Cyrillic letter, 32 for ё, -1 otherwise;
 * *upper set for capitals */
static int cyr_index(unsigned cp, int *upper)
{
	*upper = 0;
	if (cp >= 0x0430 && cp <= 0x044F)
		return (int)(cp - 0x0430);
	if (cp >= 0x0410 && cp <= 0x042F) {
		*upper = 1;
		return (int)(cp - 0x0410);
	}
	if (cp == 0x0451)
		return 32;
	if (cp == 0x0401) {
		*upper = 1;
		return 32;
	}
	return -1;
}

static int is_vowel_index(int i)
{
	/* а е ё и о у ы э ю я, and ъ ь (after which е is "ye" too) */
	static const char v[33] = {
		1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0,
		0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1,
	};
	return i >= 0 && v[i];
}

void gen_translit(sr_buf_t *b, const char *s)
{
	int prev = -1; /* previous Cyrillic index, -1 at a word start */
	while (*s) {
		int len, upper;
		unsigned cp = decode(s, &len);
		int i = cyr_index(cp, &upper);
		if (i < 0) {
			if (cp == 0x00AB || cp == 0x00BB)
				sr_buf_putc(b, '"');
			else if (cp == 0x2116)
				sr_buf_puts(b, "No.");
			else
				sr_buf_append(b, s, (size_t)len);
			prev = -1;
			s += len;
			continue;
		}
		const char *lat;
		if (i == 32)
			lat = "yo";
		else if (i == 5 && (prev < 0 || is_vowel_index(prev)))
			lat = "ye";
		else
			lat = lat_lower[i];
		if (upper && lat[0]) {
			sr_buf_putc(b, (char)(lat[0] - 'a' + 'A'));
			sr_buf_puts(b, lat + 1);
		} else {
			sr_buf_puts(b, lat);
		}
		prev = i;
		s += len;
	}
}

char *gen_translit_dup(const char *s)
{
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, "");
	gen_translit(&b, s);
	return b.data;
}
