/* print_pdf.c - `schoolrun plan --pdf`: the printable books rendered to PDF
 * by Debian's Chromium in headless mode (its --print-to-pdf, which honours
 * the pages' CSS Paged Media: A4, page breaks, the contact line in the page
 * margin), one PDF beside each book in print/. Chromium runs as a child
 * process (fork/exec, no shell), with a throw-away profile folder, no
 * network services, and a time limit; each PDF is written to a temporary
 * name and renamed (atomic). Without Chromium, the error says how to
 * install it. PDFs carry Chromium's creation time, so unlike the other
 * outputs they are not byte-identical from run to run. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "output/internal.h"
#include "util/i18n.h"

enum { PDF_TIMEOUT_S = 180 };

/* The first of Chromium's names found in PATH, or NULL. */
static char *find_chromium(void)
{
	static const char *const names[] = {"chromium", "chromium-browser"};
	const char *path = getenv("PATH");
	if (!path)
		return NULL;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		const char *d = path;
		while (*d) {
			size_t n = strcspn(d, ":");
			sr_buf_t b;
			sr_buf_init(&b);
			sr_buf_printf(&b, "%.*s/%s", (int)n, d, names[k]);
			if (n && access(b.data, X_OK) == 0)
				return b.data;
			sr_buf_free(&b);
			d += n + (d[n] == ':');
		}
	}
	return NULL;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* Runs chromium to print url into pdf; 0 when it exited 0 in time. */
static int run_chromium(const char *exe, const char *profile, const char *url, const char *pdf)
{
	sr_buf_t a_prof, a_pdf;
	sr_buf_init(&a_prof);
	sr_buf_init(&a_pdf);
	sr_buf_printf(&a_prof, "--user-data-dir=%s", profile);
	sr_buf_printf(&a_pdf, "--print-to-pdf=%s", pdf);
	char *const argv[] = {(char *)exe,
			      "--headless",
			      "--no-sandbox",
			      "--disable-gpu",
			      "--no-first-run",
			      "--no-default-browser-check",
			      "--disable-background-networking",
			      "--disable-component-update",
			      "--no-pdf-header-footer",
			      a_prof.data,
			      a_pdf.data,
			      (char *)url,
			      NULL};
	int ok = -1;
	pid_t pid = fork();
	if (pid == 0) {
		/* Chromium talks a lot on stderr: keep the user's terminal clean */
		if (!freopen("/dev/null", "w", stderr) || !freopen("/dev/null", "w", stdout))
			_exit(127);
		execv(exe, argv);
		_exit(127);
	}
	if (pid > 0) {
		int st = 0;
		struct timespec tick = {0, 100 * 1000 * 1000};
		for (int t = 0; t < PDF_TIMEOUT_S * 10; t++) {
			pid_t w = waitpid(pid, &st, WNOHANG);
			if (w == pid) {
				ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
				break;
			}
			if (w < 0 && errno != EINTR)
				break;
			nanosleep(&tick, NULL);
			if (t == PDF_TIMEOUT_S * 10 - 1) {
				kill(pid, SIGKILL);
				waitpid(pid, &st, 0);
			}
		}
	}
	sr_buf_free(&a_prof);
	sr_buf_free(&a_pdf);
	return ok;
}

int out_print_pdf(const char *print_dir, sr_error_t *err)
{
	static const char *const books[] = {"drivers", "destinations", "villages", "lists",
					    "routes"};
	char *exe = find_chromium();
	if (!exe)
		return sr_error_set(err, SR_EIO, print_dir, 0,
				    _("--pdf needs Chromium: install the Debian package chromium "
				      "(apt-get install chromium); the HTML books are written"));
	char abs[PATH_MAX];
	if (!realpath(print_dir, abs)) {
		free(exe);
		return sr_error_set(err, SR_EIO, print_dir, 0, _("cannot resolve: %s"),
				    strerror(errno));
	}
	char profile[] = "/tmp/schoolrun-chromium.XXXXXX";
	if (!mkdtemp(profile)) {
		free(exe);
		return sr_error_set(err, SR_EIO, "/tmp", 0, _("cannot make a temporary folder: %s"),
				    strerror(errno));
	}
	int rc = SR_OK;
	for (size_t i = 0; i < sizeof books / sizeof books[0] && !rc; i++) {
		sr_buf_t url, pdf, tmp;
		sr_buf_init(&url);
		sr_buf_init(&pdf);
		sr_buf_init(&tmp);
		sr_buf_printf(&url, "file://%s/%s.html", abs, books[i]);
		sr_buf_printf(&pdf, "%s/%s.pdf", abs, books[i]);
		sr_buf_printf(&tmp, "%s/%s.pdf.tmp.%ld", abs, books[i], (long)getpid());
		struct stat sb;
		if (run_chromium(exe, profile, url.data, tmp.data) != 0 ||
		    stat(tmp.data, &sb) != 0 || sb.st_size == 0) {
			unlink(tmp.data);
			rc = sr_error_set(err, SR_EIO, pdf.data, 0,
					  _("Chromium (%s) could not print %s.html"), exe,
					  books[i]);
		} else if (rename(tmp.data, pdf.data) != 0) {
			unlink(tmp.data);
			rc = sr_error_set(err, SR_EIO, pdf.data, 0, _("rename failed: %s"),
					  strerror(errno));
		}
		sr_buf_free(&url);
		sr_buf_free(&pdf);
		sr_buf_free(&tmp);
	}
	nftw(profile, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(exe);
	return rc;
}
