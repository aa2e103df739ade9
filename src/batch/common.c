/* common.c - paths, the atomic CSV table writer and time formatting the
 * batch stage's files share. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "batch/internal.h"
#include "util/i18n.h"

char *bt_path(const char *dir, const char *name)
{
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, dir);
	if (b.len && b.data[b.len - 1] != '/')
		sr_buf_putc(&b, '/');
	sr_buf_puts(&b, name);
	return b.data;
}

char *bt_abspath(const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup(path);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (!strcmp(path, "."))
		return xstrdup(cwd);
	return bt_path(cwd, path);
}

int bt_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int bt_csv_open(bt_csv_t *c, const char *path, const char *const *header, int n, sr_error_t *err)
{
	c->io = 0;
	int rc = sr_afile_open(&c->af, path, err);
	if (rc)
		return rc;
	bt_csv_row(c, header, n);
	return SR_OK;
}

void bt_csv_row(bt_csv_t *c, const char *const *fields, int n)
{
	if (!c->io && sr_csv_write_row(c->af.fp, fields, n))
		c->io = 1;
}

int bt_csv_close(bt_csv_t *c, sr_error_t *err)
{
	if (c->io) {
		char *path = xstrdup(c->af.path);
		sr_afile_abort(&c->af);
		int rc = sr_error_set(err, SR_EIO, path, 0, _("write failed"));
		free(path);
		return rc;
	}
	return sr_afile_commit(&c->af, err);
}

const char *bt_hms(char *buf, int s)
{
	if (s < 0)
		s = 0;
	snprintf(buf, 16, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
	return buf;
}
