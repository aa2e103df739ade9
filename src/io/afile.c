/* afile.c - atomic output files: write to a temporary file in the target's
 * folder, fsync, then rename(2) over the target, so a reader never sees a
 * half-written plan and a crash leaves the previous file intact. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "schoolrun/io.h"
#include "util/i18n.h"

int sr_afile_open(sr_afile_t *af, const char *path, sr_error_t *err)
{
	memset(af, 0, sizeof(*af));
	size_t n = strlen(path) + 32;
	af->path = xstrdup(path);
	af->tmp_path = xmalloc(n);
	snprintf(af->tmp_path, n, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(af->tmp_path);
	if (fd < 0) {
		int e = errno;
		free(af->path);
		free(af->tmp_path);
		memset(af, 0, sizeof(*af));
		return sr_error_set(err, SR_EIO, path, 0, _("cannot create a temporary file: %s"),
				    strerror(e));
	}
	fchmod(fd, 0644);
	af->fp = fdopen(fd, "wb");
	if (!af->fp) {
		int e = errno;
		close(fd);
		unlink(af->tmp_path);
		free(af->path);
		free(af->tmp_path);
		memset(af, 0, sizeof(*af));
		return sr_error_set(err, SR_EIO, path, 0, _("cannot open: %s"), strerror(e));
	}
	return SR_OK;
}

int sr_afile_commit(sr_afile_t *af, sr_error_t *err)
{
	int rc = SR_OK;
	if (!af->fp)
		return sr_error_set(err, SR_EINTERNAL, af->path, 0, _("file not open"));
	int bad = ferror(af->fp) || fflush(af->fp) != 0 || fsync(fileno(af->fp)) != 0;
	int e = errno;
	if (fclose(af->fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	af->fp = NULL;
	if (bad) {
		rc = sr_error_set(err, SR_EIO, af->path, 0, _("write failed: %s"), strerror(e));
		unlink(af->tmp_path);
	} else if (rename(af->tmp_path, af->path) != 0) {
		rc = sr_error_set(err, SR_EIO, af->path, 0, _("rename failed: %s"),
				  strerror(errno));
		unlink(af->tmp_path);
	}
	free(af->path);
	free(af->tmp_path);
	af->path = af->tmp_path = NULL;
	return rc;
}

void sr_afile_abort(sr_afile_t *af)
{
	if (af->fp) {
		fclose(af->fp);
		af->fp = NULL;
		unlink(af->tmp_path);
	}
	free(af->path);
	free(af->tmp_path);
	af->path = af->tmp_path = NULL;
}

int sr_write_file_atomic(const char *path, const void *data, size_t len, sr_error_t *err)
{
	sr_afile_t af;
	int rc = sr_afile_open(&af, path, err);
	if (rc)
		return rc;
	if (len && fwrite(data, 1, len, af.fp) != len) {
		sr_afile_abort(&af);
		return sr_error_set(err, SR_EIO, path, 0, _("write failed"));
	}
	return sr_afile_commit(&af, err);
}

int sr_mkdir_p(const char *path, sr_error_t *err)
{
	if (!path[0])
		return sr_error_set(err, SR_EINPUT, "", 0, _("the output folder name is empty"));
	char *p = xstrdup(path);
	int rc = SR_OK;
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				rc = sr_error_set(err, SR_EIO, p, 0,
						  _("cannot create directory: %s"),
						  strerror(errno));
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return rc;
}

int sr_read_file(const char *path, char **data, size_t *len, sr_error_t *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!fp)
		return sr_error_set(err, SR_EIO, path, 0, _("cannot open: %s"), strerror(errno));
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (bad) {
		free(buf);
		return sr_error_set(err, SR_EIO, path, 0, _("read error"));
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return SR_OK;
}

int sr_file_commit(const char *tmp, const char *path, const char *failed, sr_error_t *err)
{
	if (failed) {
		unlink(tmp);
		return sr_error_set(err, SR_EIO, path, 0, _("write failed: %s"), failed);
	}
	if (rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return sr_error_set(err, SR_EIO, path, 0, _("rename failed: %s"), strerror(e));
	}
	return SR_OK;
}
