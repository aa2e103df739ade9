/*
 * sheet_zip.c - a workbook's parts: the zip opened with libzip, each XML
 * part streamed from it into libxml2's xmlTextReader (never a tree of a
 * sheet), and every byte unpacked counted against one budget
 * (SHEET_MAX_BYTES) as it arrives, so a zip bomb is refused whatever sizes
 * its directory claims. The XML is read as untrusted input is (libxml2's
 * advice, as the OSM reader does): no network, no entity substitution, and
 * any document type refused, since no spreadsheet part has one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/sheet.h"
#include "util/i18n.h"

#define SAVE_AGAIN "save it again as .xlsx or .ods, or save the sheet as .csv"
#define SAVE_AS "open it in Excel or LibreOffice and " SAVE_AGAIN

int sheet_zip_open(sheet_zip_t *sz, const char *path, sr_error_t *err)
{
	memset(sz, 0, sizeof(*sz));
	sz->path = path;
	sz->left = SHEET_MAX_BYTES;
	int ze = 0;
	sz->z = zip_open(path, ZIP_RDONLY, &ze);
	if (sz->z)
		return SR_OK;
	zip_error_t e;
	zip_error_init_with_code(&e, ze);
	int rc = sr_error_set(
		err, SR_EINPUT, path, 0,
		_("a damaged workbook (it begins as a zip archive, but libzip says: %s): "
		  "%s"),
		zip_error_strerror(&e), SAVE_AS);
	zip_error_fini(&e);
	return rc;
}

void sheet_zip_close(sheet_zip_t *sz)
{
	if (sz->z)
		zip_discard(sz->z); /* opened read-only: nothing to write */
	sz->z = NULL;
}

int sheet_zip_has(sheet_zip_t *sz, const char *part)
{
	return zip_name_locate(sz->z, part, ZIP_FL_NOCASE) >= 0;
}

/* Opens a part for reading, refusing one that is missing, encrypted or
 * claims more than the budget. */
static zip_file_t *part_open(sheet_zip_t *sz, const char *part, sr_error_t *err)
{
	zip_stat_t st;
	if (zip_stat(sz->z, part, ZIP_FL_NOCASE, &st) != 0) {
		sr_error_set(
			err, SR_EINPUT, sz->path, 0,
			_("the workbook has no part '%s' (damaged, or not made by a spreadsheet "
			  "program): %s"),
			part, SAVE_AS);
		return NULL;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		sr_error_set(err, SR_EINPUT, sz->path, 0,
			     _("the workbook is encrypted (a password on the zip): remove the "
			       "password and %s"),
			     SAVE_AGAIN);
		return NULL;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)sz->left) {
		sr_error_set(
			err, SR_EINPUT, sz->path, 0,
			_("the workbook unpacks to more than %ld MB (its part '%s' to "
			  "%llu MB): refused as a zip bomb; a district's table is far smaller"),
			SHEET_MAX_BYTES >> 20, part, (unsigned long long)(st.size >> 20));
		return NULL;
	}
	zip_file_t *zf = zip_fopen(sz->z, part, ZIP_FL_NOCASE);
	if (!zf)
		sr_error_set(err, SR_EINPUT, sz->path, 0, _("cannot unpack the part '%s' (%s): %s"),
			     part, zip_strerror(sz->z), SAVE_AS);
	return zf;
}

/* Reads up to n bytes of a part, counted against the budget: -1 and
 * *too_big past it, -1 and *failed on a damaged part (libzip checks the
 * CRC). */
static long part_read(sheet_zip_t *sz, zip_file_t *zf, char *buf, size_t n, int *too_big,
		      int *failed)
{
	zip_int64_t got = zip_fread(zf, buf, n);
	if (got < 0) {
		*failed = 1;
		return -1;
	}
	if (got > sz->left) {
		*too_big = 1;
		return -1;
	}
	sz->left -= got;
	return (long)got;
}

static int too_big_error(sheet_zip_t *sz, const char *part, sr_error_t *err)
{
	return sr_error_set(err, SR_EINPUT, sz->path, 0,
			    _("the workbook unpacks to more than %ld MB (reading its part '%s'): "
			      "refused as a zip bomb; a district's table is far smaller"),
			    SHEET_MAX_BYTES >> 20, part);
}

int sheet_zip_small(sheet_zip_t *sz, const char *part, size_t max, char **data, sr_error_t *err)
{
	zip_file_t *zf = part_open(sz, part, err);
	if (!zf)
		return SR_EINPUT;
	char *buf = xmalloc(max + 1);
	size_t len = 0;
	int too_big = 0, failed = 0;
	long got;
	while (len < max && (got = part_read(sz, zf, buf + len, max - len, &too_big, &failed)) > 0)
		len += (size_t)got;
	zip_fclose(zf);
	buf[len] = '\0';
	*data = buf;
	if (too_big)
		return too_big_error(sz, part, err);
	if (failed)
		return sr_error_set(err, SR_EINPUT, sz->path, 0, _("the part '%s' is damaged: %s"),
				    part, SAVE_AS);
	return SR_OK;
}

static int xml_read_cb(void *ctx, char *buf, int len)
{
	sheet_xml_t *x = ctx;
	return (int)part_read(x->sz, x->zf, buf, (size_t)len, &x->too_big, &x->io_failed);
}

static int xml_close_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

int sheet_xml_open(sheet_zip_t *sz, const char *part, sheet_xml_t *x, sr_error_t *err)
{
	memset(x, 0, sizeof(*x));
	x->sz = sz;
	x->part = part;
	x->zf = part_open(sz, part, err);
	if (!x->zf)
		return SR_EINPUT;
	x->xr = xmlReaderForIO(xml_read_cb, xml_close_cb, x, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_COMPACT);
	if (!x->xr) {
		zip_fclose(x->zf);
		x->zf = NULL;
		return sr_error_set(err, SR_EINTERNAL, sz->path, 0,
				    _("cannot start the XML reader"));
	}
	xmlTextReaderSetStructuredErrorHandler(x->xr, io_xml_on_error, &x->xe);
	return SR_OK;
}

int sheet_xml_next(sheet_xml_t *x, sr_error_t *err)
{
	int ret = xmlTextReaderRead(x->xr);
	if (ret == 1 && xmlTextReaderNodeType(x->xr) == XML_READER_TYPE_DOCUMENT_TYPE) {
		sr_error_set(
			err, SR_EINPUT, x->sz->path, 0,
			_("the part '%s' declares a document type, which no spreadsheet writes: "
			  "refused (%s)"),
			x->part, SAVE_AS);
		return -1;
	}
	if (ret >= 0 && !x->too_big && !x->io_failed && !x->xe.failed)
		return ret;
	if (x->too_big)
		too_big_error(x->sz, x->part, err);
	else if (x->io_failed)
		sr_error_set(err, SR_EINPUT, x->sz->path, 0, _("the part '%s' is damaged: %s"),
			     x->part, SAVE_AS);
	else
		sr_error_set(err, SR_EINPUT, x->sz->path, 0,
			     _("malformed XML in the part '%s' (line %ld: %s): %s"), x->part,
			     x->xe.line, x->xe.failed ? x->xe.msg : "parse error", SAVE_AS);
	return -1;
}

void sheet_xml_close(sheet_xml_t *x)
{
	if (x->xr)
		xmlFreeTextReader(x->xr);
	if (x->zf)
		zip_fclose(x->zf);
	x->xr = NULL;
	x->zf = NULL;
}

int sheet_attr(sheet_xml_t *x, const char *ns, const char *name, char *buf, size_t size)
{
	xmlChar *v =
		ns ? xmlTextReaderGetAttributeNs(x->xr, (const xmlChar *)name, (const xmlChar *)ns)
		   : xmlTextReaderGetAttribute(x->xr, (const xmlChar *)name);
	if (!v)
		return 0;
	snprintf(buf, size, "%s", (const char *)v);
	xmlFree(v);
	return 1;
}

int sheet_is(sheet_xml_t *x, int type, const char *ns, const char *name)
{
	if (xmlTextReaderNodeType(x->xr) != type)
		return 0;
	const char *ln = (const char *)xmlTextReaderConstLocalName(x->xr);
	if (!ln || strcmp(ln, name))
		return 0;
	const char *uri = (const char *)xmlTextReaderConstNamespaceUri(x->xr);
	return !ns || (uri && !strcmp(uri, ns));
}

void sheet_text(sheet_xml_t *x, sr_buf_t *b)
{
	int t = xmlTextReaderNodeType(x->xr);
	if (t != XML_READER_TYPE_TEXT && t != XML_READER_TYPE_CDATA &&
	    t != XML_READER_TYPE_WHITESPACE && t != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
		return;
	const char *v = (const char *)xmlTextReaderConstValue(x->xr);
	if (v)
		sr_buf_puts(b, v);
}
