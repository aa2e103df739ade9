/* json_mini.h - a small strict JSON reader (RFC 8259) for the output tests:
 * parses a document into a tree so that tests can check what plan.json and
 * routes.geojson say, independently of the writer. Rejects trailing data,
 * bad escapes, raw control characters, invalid UTF-8, leading zeros and
 * duplicate object keys. */
#ifndef SR_TEST_JSON_MINI_H
#define SR_TEST_JSON_MINI_H

#include <stddef.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype_t;

typedef struct jval {
	jtype_t t;
	double num;	     /* J_NUM; J_BOOL: 0/1 */
	char *str;	     /* J_STR, UTF-8 */
	struct jval **items; /* J_ARR elements, J_OBJ values */
	char **keys;	     /* J_OBJ keys */
	int n;
} jval_t;

/* Returns the tree or NULL with a message (offset and what) in err. */
jval_t *json_parse(const char *text, size_t len, char *err, size_t errsize);
void json_free(jval_t *v);
/* Member of an object or NULL. */
const jval_t *json_get(const jval_t *obj, const char *key);
/* Element i of an array or NULL. */
const jval_t *json_at(const jval_t *arr, int i);
/* Convenience: string member or NULL, number member or NaN. */
const char *json_str(const jval_t *obj, const char *key);
double json_num(const jval_t *obj, const char *key);

#endif
