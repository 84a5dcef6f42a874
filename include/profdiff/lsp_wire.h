/*
 * lsp_wire.h: the Language Server Protocol on the wire (lsp_wire.c), the
 * adapter between the editor's bytes and the server (app_lsp.h).
 *
 * A message is a header block ("Content-Length: N", other headers
 * ignored, each line ended by CRLF, the block by an empty line) and N
 * bytes of JSON-RPC 2.0. The reader takes messages off a file descriptor
 * one at a time; the decoder turns a message's JSON (jansson) into the
 * plain fields the server reads, so that no JSON library leaks past io.
 * Responses are written by the server with the project's JSON writer
 * (json.h) and framed by pd_lsp_write.
 */
#ifndef PROFDIFF_LSP_WIRE_H
#define PROFDIFF_LSP_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/arena.h"
#include "profdiff/buf.h"

/* The largest message read, in bytes: a profile of PD_MAX_PROFILE_SIZE
 * with every byte escaped stays under it. */
#define PD_LSP_MAX_MESSAGE (128u << 20)

/* JSON-RPC's error codes. */
#define PD_LSP_PARSE_ERROR (-32700)
#define PD_LSP_INVALID_REQUEST (-32600)
#define PD_LSP_METHOD_NOT_FOUND (-32601)
#define PD_LSP_INVALID_PARAMS (-32602)
#define PD_LSP_SERVER_NOT_INITIALIZED (-32002)

/* A reader of framed messages from a file descriptor. */
typedef struct pd_lsp_reader {
	int fd;
	char *buf;   /* bytes read and not yet taken */
	size_t len;
	size_t cap;
	size_t off;  /* the first byte not yet taken */
	bool eof;
} pd_lsp_reader;

void pd_lsp_reader_init(pd_lsp_reader *r, int fd);
void pd_lsp_reader_free(pd_lsp_reader *r);

/* Reads the next message's body into `out` (cleared first). Returns 0 for
 * a message; 1 at the end of the input (a message cut short included);
 * PD_EINVALID, recorded, for a header block that is not one (no or a bad
 * Content-Length, a line too long, a body over PD_LSP_MAX_MESSAGE): the
 * block, and the body it announced, are skipped and the next call reads
 * what follows; PD_EIO or PD_ENOMEM when reading fails. */
int pd_lsp_read(pd_lsp_reader *r, pd_buf *out);

/* Writes `len` bytes of body with their header to `fd`, whole. 0, or
 * PD_EIO recorded (the editor has gone). */
int pd_lsp_write(int fd, const char *body, size_t len);

/* Positions as the protocol counts them: 0-based lines, and characters
 * in the units of the position encoding agreed at initialize. */
typedef struct pd_lsp_pos {
	uint32_t line;
	uint32_t character;
} pd_lsp_pos;

typedef struct pd_lsp_range {
	pd_lsp_pos start;
	pd_lsp_pos end;
} pd_lsp_range;

/* The position encodings (general.positionEncodings). */
typedef enum pd_lsp_encoding {
	PD_LSP_UTF16, /* the protocol's default */
	PD_LSP_UTF8,
	PD_LSP_UTF32
} pd_lsp_encoding;

/* One of didChange's contentChanges: the whole text, or a range of it
 * replaced. */
typedef struct pd_lsp_change {
	bool has_range;
	pd_lsp_range range;
	const char *text;
	size_t len;
} pd_lsp_change;

/* A message decoded: JSON-RPC's envelope, and the parameters the server
 * reads, each with whether it was there. Everything lives in `arena`. */
typedef struct pd_lsp_message {
	pd_arena *arena;
	int error;                 /* 0, PD_LSP_PARSE_ERROR or
				    * PD_LSP_INVALID_REQUEST */
	const char *error_message; /* what was wrong, when `error` */
	const char *method;        /* NULL: a response from the client */
	const char *id;            /* the id as JSON text; NULL: a
				    * notification */
	const char *uri;           /* params.textDocument.uri */
	const char *text;          /* params.textDocument.text */
	size_t text_len;
	bool has_version;
	long long version;         /* params.textDocument.version */
	pd_lsp_change *changes;    /* params.contentChanges */
	size_t nchanges;
	bool has_changes;
	bool has_position;
	pd_lsp_pos position;       /* params.position */
	bool has_range;
	pd_lsp_range range;        /* params.range */
	bool include_declaration;  /* params.context.includeDeclaration */
	/* params.capabilities.general.positionEncodings, those known, in the
	 * client's order */
	pd_lsp_encoding encodings[3];
	size_t nencodings;
} pd_lsp_message;

/* Decodes a message's body. *out is a new message owned by the caller
 * (pd_lsp_message_free), with `error` set when the body is not JSON or
 * not a JSON-RPC message. Returns 0, or PD_ENOMEM. */
int pd_lsp_decode(pd_lsp_message **out, const char *body, size_t len);

void pd_lsp_message_free(pd_lsp_message *m);

/* The protocol's name of an encoding: "utf-16", "utf-8", "utf-32". */
const char *pd_lsp_encoding_name(pd_lsp_encoding e);

#endif
