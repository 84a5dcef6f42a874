/*
 * app_lsp.h: `profdiff lsp`, a Language Server Protocol server for the
 * editors' own editors (app_lsp.c, the session; app_lsp_doc.c, what it
 * knows of one document). docs/DESIGN.md, section 10, "The language
 * server".
 *
 * The server takes messages one at a time (their bodies, the framing
 * being lsp_wire.h's) and answers through a callback: responses to
 * requests, and the diagnostics it publishes when a document opens or
 * changes. Nothing an editor sends stops it but `exit` or the end of the
 * input: a message that is not JSON, a request it does not know, a
 * document that does not read, are each answered or ignored, and the
 * next one is read.
 */
#ifndef PROFDIFF_APP_LSP_H
#define PROFDIFF_APP_LSP_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/app.h"

/* Where the server's messages go: one JSON-RPC message's body a call
 * (borrowed for the call). Returns 0, or a negative code to stop the
 * server (the editor has gone). */
typedef int (*pd_app_lsp_send)(void *ctx, const char *body, size_t len);

typedef struct pd_app_lsp_options {
	unsigned version;
	pd_app_lsp_send send;
	void *send_ctx;
	pd_app_report log; /* what the server goes past (bad framing) */
	void *log_ctx;
} pd_app_lsp_options;

#define PD_APP_LSP_OPTIONS_VERSION 1
#define PD_APP_LSP_OPTIONS_INIT \
	{PD_APP_LSP_OPTIONS_VERSION, NULL, NULL, NULL, NULL}

typedef struct pd_app_lsp pd_app_lsp;

/* A server before `initialize`. The caller frees *out. 0 or PD_ENOMEM. */
int pd_app_lsp_new(pd_app_lsp **out, const pd_app_lsp_options *o);

/* Handles one message's body: answers it, or publishes what it changed.
 * Returns 0; PD_ENOMEM; or the send callback's code. */
int pd_app_lsp_handle(pd_app_lsp *s, const char *body, size_t len);

/* True once `exit` came; *status is then the exit status the protocol
 * asks for: 0 after `shutdown`, 1 without. */
bool pd_app_lsp_exited(const pd_app_lsp *s, int *status);

void pd_app_lsp_free(pd_app_lsp *s);

/* The server on file descriptors: messages read from `in` until `exit` or
 * the end of the input, answers written to `out`. Returns the exit status
 * (0 after shutdown and exit, 1 otherwise), or a negative code when the
 * answers cannot be written or memory runs out. */
int pd_app_lsp_serve(int in, int out, const pd_app_lsp_options *o);

#endif
