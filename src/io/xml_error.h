/*
 * xml_error.h - the first error libxml2 reports while a reader streams a
 * document, kept for the message: libxml2's structured error handler
 * (xmlTextReaderSetStructuredErrorHandler) shared by the XML readers, the
 * OSM map's (src/osm/xml.c) and the spreadsheets' parts (sheet_zip.c), so
 * that libxml2 prints nothing and the reader says where and what.
 */
#ifndef SR_IO_XML_ERROR_H
#define SR_IO_XML_ERROR_H

#include <libxml/xmlerror.h>

typedef struct io_xml_error {
	const char *prefix; /* put before libxml2's message ("malformed XML: ") */
	int failed;	    /* an error was kept (a reader may also set it itself) */
	long line;	    /* its line, 0 when unknown */
	char msg[512];
} io_xml_error_t;

/* The handler; ctx is the io_xml_error_t. Keeps the first error (not
 * warnings), its message without the trailing line break. */
#if LIBXML_VERSION >= 21200
void io_xml_on_error(void *ctx, const xmlError *e);
#else
void io_xml_on_error(void *ctx, xmlErrorPtr e);
#endif

#endif
