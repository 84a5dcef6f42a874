/*
 * fuzz_lsp.c: the language server on arbitrary bytes, two ways. As a
 * document an editor has half typed: opened, then every request at
 * positions taken from the input, then changed by a range the input
 * gives. As a message: after initialize, the bytes are one JSON-RPC
 * body. Every message the server sends must be JSON.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app_lsp_doc.h"
#include "profdiff/app_lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must_be_json(const char *s, size_t n)
{
	json_error_t e;
	json_t *v = json_loadb(s, n, JSON_ALLOW_NUL, &e);

	if (!v)
		abort(); /* the writer made something that is not JSON */
	json_decref(v);
}

static int check_sent(void *ctx, const char *body, size_t len)
{
	(void)ctx;
	must_be_json(body, len);
	return 0;
}

static void answer(pd_buf *b, const pd_lsp_doc *d, pd_lsp_pos at,
		   pd_lsp_encoding enc)
{
	pd_json j;

	pd_buf_clear(b);
	pd_json_init(&j, b);
	pd_json_begin_array(&j);
	pd_lsp_doc_diagnostics(d, &j, enc);
	if (pd_lsp_doc_hover(d, at, enc, &j) < 0 ||
	    pd_lsp_doc_definition(d, at, enc, &j) < 0 ||
	    pd_lsp_doc_references(d, at, true, enc, &j) < 0)
		return;
	pd_lsp_doc_completion(d, at, enc, &j);
	if (pd_lsp_doc_format(d, enc, &j) < 0)
		pd_json_value_null(&j);
	if (pd_lsp_doc_code_actions(d, enc, &j) < 0)
		return;
	pd_json_end_array(&j);
	if (pd_buf_ok(b) == 0)
		must_be_json(b->ptr, b->len);
}

static void as_document(const uint8_t *data, size_t size)
{
	pd_lsp_doc *d = NULL;
	pd_buf b = PD_BUF_INIT;
	pd_lsp_change ch;
	size_t i;

	if (pd_lsp_doc_new(&d, "file:///fuzz.yaml", (const char *)data, size) <
	    0)
		return;
	for (i = 0; i + 1 < size && i < 16; i += 2) {
		pd_lsp_pos at = {data[i] % 64, data[i + 1]};

		answer(&b, d, at, (pd_lsp_encoding)(i / 2 % 3));
	}
	memset(&ch, 0, sizeof(ch));
	ch.has_range = true;
	ch.range.start.line = size > 0 ? data[0] % 32 : 0;
	ch.range.start.character = size > 1 ? data[1] : 0;
	ch.range.end.line = size > 2 ? data[2] % 32 : 0;
	ch.range.end.character = size > 3 ? data[3] : 0;
	ch.text = size > 8 ? (const char *)data + 8 : "";
	ch.len = size > 8 ? (size - 8) / 2 : 0;
	if (pd_lsp_doc_change(d, &ch, 1, PD_LSP_UTF16) == 0) {
		pd_lsp_pos at = {size > 4 ? data[4] % 64 : 0,
				 size > 5 ? data[5] : 0};

		answer(&b, d, at, PD_LSP_UTF16);
	}
	pd_buf_free(&b);
	pd_lsp_doc_free(d);
}

static void as_message(const uint8_t *data, size_t size)
{
	static const char init[] =
		"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
		"\"params\":{\"capabilities\":{}}}";
	pd_app_lsp_options o = PD_APP_LSP_OPTIONS_INIT;
	pd_app_lsp *s = NULL;

	o.send = check_sent;
	if (pd_app_lsp_new(&s, &o) < 0)
		return;
	pd_app_lsp_handle(s, init, strlen(init));
	pd_app_lsp_handle(s, (const char *)data, size);
	pd_app_lsp_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_document(data, size);
	as_message(data, size);
	return 0;
}
