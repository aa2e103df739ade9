/* adir.c - an output folder replaced as a whole. The files are written into
 * a sibling staging folder, and only when every one is complete does the
 * staging folder take the target's place: renameat2(RENAME_EXCHANGE) swaps
 * the two in one step (Linux 3.15+; two plain renames where the file system
 * lacks it), then the old contents are removed. A run killed at any moment
 * leaves the target with either all of its old files or all of the new ones,
 * never a mix; a staging folder left by a killed run is removed by the next.
 * This is the directory form of afile.c's write-to-a-temporary-then-rename. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "schoolrun/io.h"
#include "util/i18n.h"

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int sr_rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Splits a cleaned target into its folder ("." when none) and base name. */
static void split_path(const char *target, char **dir, const char **base)
{
	const char *slash = strrchr(target, '/');
	if (!slash) {
		*dir = xstrdup(".");
		*base = target;
		return;
	}
	size_t n = slash == target ? 1 : (size_t)(slash - target);
	*dir = xmalloc(n + 1);
	memcpy(*dir, target, n);
	(*dir)[n] = '\0';
	*base = slash + 1;
}

/* Removes staging folders "<base>.new-PID" of runs whose process is gone. */
static void remove_stale(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t lp = strlen(base) + 5;
	char *pat = xmalloc(lp + 1);
	snprintf(pat, lp + 1, "%s.new-", base);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, pat, lp) != 0)
			continue;
		char *end;
		long pid = strtol(de->d_name + lp, &end, 10);
		if (*end || pid <= 0 || kill((pid_t)pid, 0) == 0 || errno == EPERM)
			continue; /* not a staging folder, or its run is still going */
		size_t m = strlen(dir) + strlen(de->d_name) + 2;
		char *full = xmalloc(m);
		snprintf(full, m, "%s/%s", dir, de->d_name);
		sr_rm_tree(full);
		free(full);
	}
	free(pat);
	closedir(d);
}

int sr_adir_begin(sr_adir_t *ad, const char *target, const char *marker, sr_error_t *err)
{
	memset(ad, 0, sizeof(*ad));
	if (!target[0])
		return sr_error_set(err, SR_EINPUT, "", 0, _("the output folder name is empty"));
	char *t = xstrdup(target);
	size_t n = strlen(t);
	while (n > 1 && t[n - 1] == '/')
		t[--n] = '\0';
	char *dir;
	const char *base;
	split_path(t, &dir, &base);
	int rc = SR_OK;
	struct stat st;
	if (!base[0] || !strcmp(base, ".") || !strcmp(base, "..")) {
		rc = sr_error_set(
			err, SR_EINPUT, target, 0,
			_("name a folder of its own for the outputs (it is replaced as a whole)"));
		goto fail;
	}
	if (stat(t, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			rc = sr_error_set(err, SR_EIO, target, 0, _("exists and is not a folder"));
			goto fail;
		}
		/* a folder that holds something other than an earlier output is
		 * never replaced: it may be the user's own */
		size_t m = strlen(t) + strlen(marker) + 2;
		char *mk = xmalloc(m);
		snprintf(mk, m, "%s/%s", t, marker);
		int has_marker = access(mk, F_OK) == 0;
		free(mk);
		DIR *d = opendir(t);
		int empty = 1;
		struct dirent *de;
		while (d && (de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = 0;
		if (d)
			closedir(d);
		if (!empty && !has_marker) {
			rc = sr_error_set(
				err, SR_EIO, target, 0,
				_("the folder is not empty and holds no earlier %s; choose a new or "
				  "empty folder (the outputs replace it as a whole)"),
				marker);
			goto fail;
		}
	} else if (errno != ENOENT) {
		rc = sr_error_set(err, SR_EIO, target, 0, _("cannot use: %s"), strerror(errno));
		goto fail;
	}
	if ((rc = sr_mkdir_p(dir, err)))
		goto fail;
	remove_stale(dir, base);
	size_t m = strlen(t) + 32;
	ad->stage = xmalloc(m);
	snprintf(ad->stage, m, "%s.new-%ld", t, (long)getpid());
	sr_rm_tree(ad->stage);
	if (mkdir(ad->stage, 0755) != 0) {
		rc = sr_error_set(err, SR_EIO, ad->stage, 0,
				  _("cannot create the staging folder: %s"), strerror(errno));
		free(ad->stage);
		ad->stage = NULL;
		goto fail;
	}
	ad->target = t;
	free(dir);
	return SR_OK;
fail:
	free(dir);
	free(t);
	return rc;
}

/* fsync of a folder, so that the renames inside it survive a power cut */
static void sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int sr_adir_commit(sr_adir_t *ad, sr_error_t *err)
{
	int rc = SR_OK;
	if (!ad->stage)
		return sr_error_set(err, SR_EINTERNAL, ad->target, 0, _("output folder not open"));
	sync_dir(ad->stage);
	if (renameat2(AT_FDCWD, ad->stage, AT_FDCWD, ad->target, RENAME_EXCHANGE) == 0) {
		sr_rm_tree(ad->stage); /* now the old contents */
	} else if (errno == ENOENT) {
		if (rename(ad->stage, ad->target) != 0)
			rc = sr_error_set(err, SR_EIO, ad->target, 0,
					  _("cannot rename the outputs into "
					    "place: %s"),
					  strerror(errno));
	} else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
		/* no atomic exchange here: move the old folder aside, then in */
		size_t m = strlen(ad->target) + 32;
		char *old = xmalloc(m);
		snprintf(old, m, "%s.old-%ld", ad->target, (long)getpid());
		sr_rm_tree(old);
		if (rename(ad->target, old) != 0 || rename(ad->stage, ad->target) != 0)
			rc = sr_error_set(err, SR_EIO, ad->target, 0,
					  _("cannot replace the outputs: %s"), strerror(errno));
		else
			sr_rm_tree(old);
		free(old);
	} else {
		rc = sr_error_set(err, SR_EIO, ad->target, 0, _("cannot replace the outputs: %s"),
				  strerror(errno));
	}
	if (rc)
		sr_rm_tree(ad->stage);
	char *dir;
	const char *base;
	split_path(ad->target, &dir, &base);
	sync_dir(dir);
	free(dir);
	free(ad->stage);
	free(ad->target);
	ad->stage = ad->target = NULL;
	return rc;
}

void sr_adir_abort(sr_adir_t *ad)
{
	if (ad->stage)
		sr_rm_tree(ad->stage);
	free(ad->stage);
	free(ad->target);
	ad->stage = ad->target = NULL;
}
