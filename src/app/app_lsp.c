/*
 * app_lsp.c: the language server's session (app_lsp.h): the protocol's
 * life cycle, the documents open, and each request handed to the
 * document it is about (app_lsp_doc.c).
 *
 * Life cycle, as the protocol has it: before `initialize` every request
 * is answered "not initialized" and every notification dropped, but
 * `exit`; `initialize` agrees the position encoding (the first of the
 * client's that the server knows, UTF-16 when it names none) and says
 * what the server does; after `shutdown` requests are refused; `exit`
 * ends the session, with status 0 after `shutdown` and 1 without.
 *
 * Every answer is written with the project's JSON writer (json.h) into
 * one buffer and sent whole. A document is linted on didOpen and on each
 * didChange, and its diagnostics published at once: the editor types,
 * the server reads the whole text again, the findings follow.
 */
#include <stdlib.h>
#include <string.h>

#include "app_lsp_doc.h"
#include "grow.h"
#include "profdiff/app_lsp.h"
#include "profdiff/version.h"

/* The protocol's error for a request that failed (LSP 3.17). */
#define REQUEST_FAILED (-32803)

struct pd_app_lsp {
	pd_app_lsp_options o;
	bool initialized;
	bool shut_down;
	bool exited;
	pd_lsp_encoding enc;
	pd_lsp_doc **docs;
	size_t ndocs;
	size_t docs_cap;
	pd_buf out; /* the message being written */
};

int pd_app_lsp_new(pd_app_lsp **out, const pd_app_lsp_options *o)
{
	pd_app_lsp *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return pd_error_oom();
	s->o = *o;
	s->enc = PD_LSP_UTF16;
	*out = s;
	return 0;
}

void pd_app_lsp_free(pd_app_lsp *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ndocs; i++)
		pd_lsp_doc_free(s->docs[i]);
	free(s->docs);
	pd_buf_free(&s->out);
	free(s);
}

bool pd_app_lsp_exited(const pd_app_lsp *s, int *status)
{
	if (s->exited && status)
		*status = s->shut_down ? 0 : 1;
	return s->exited;
}

static int send_out(pd_app_lsp *s)
{
	int err = pd_buf_ok(&s->out);

	if (err == 0 && s->o.send)
		err = s->o.send(s->o.send_ctx, s->out.ptr, s->out.len);
	pd_buf_clear(&s->out);
	return err;
}

/* A response's start: {"jsonrpc": "2.0", "id": ID, then its result or
 * error, then end_message. */
static void begin_message(pd_app_lsp *s, pd_json *j, const char *id)
{
	pd_buf_clear(&s->out);
	pd_json_init(j, &s->out);
	pd_json_begin_object(j);
	pd_json_member_cstr(j, "jsonrpc", "2.0");
	if (id) {
		pd_json_name(j, "id");
		pd_json_value_raw(j, id, strlen(id));
	}
}

static int end_message(pd_app_lsp *s, pd_json *j)
{
	pd_json_end_object(j);
	return send_out(s);
}

static int reply_error(pd_app_lsp *s, const char *id, int code,
		       const char *message)
{
	pd_json j;

	begin_message(s, &j, NULL);
	pd_json_name(&j, "id");
	if (id)
		pd_json_value_raw(&j, id, strlen(id));
	else
		pd_json_value_null(&j);
	pd_json_member_object(&j, "error");
	pd_json_member_int(&j, "code", code);
	pd_json_member_cstr(&j, "message", message);
	pd_json_end_object(&j);
	return end_message(s, &j);
}

static pd_lsp_doc *find_doc(pd_app_lsp *s, const char *uri, size_t *index)
{
	size_t i;

	for (i = 0; uri && i < s->ndocs; i++)
		if (strcmp(s->docs[i]->uri, uri) == 0) {
			if (index)
				*index = i;
			return s->docs[i];
		}
	return NULL;
}

static int publish(pd_app_lsp *s, const char *uri, const pd_lsp_doc *d)
{
	pd_json j;

	begin_message(s, &j, NULL);
	pd_json_member_cstr(&j, "method", "textDocument/publishDiagnostics");
	pd_json_member_object(&j, "params");
	pd_json_member_cstr(&j, "uri", uri);
	if (d) {
		pd_json_member_int(&j, "version", d->version);
		pd_json_name(&j, "diagnostics");
		pd_lsp_doc_diagnostics(d, &j, s->enc);
	} else {
		pd_json_member_array(&j, "diagnostics");
		pd_json_end_array(&j);
	}
	pd_json_end_object(&j);
	return end_message(s, &j);
}

static int initialize(pd_app_lsp *s, const pd_lsp_message *m)
{
	static const char *const triggers[] = {" ", ":"};
	pd_json j;
	size_t k;

	s->enc = m->nencodings ? m->encodings[0] : PD_LSP_UTF16;
	s->initialized = true;
	begin_message(s, &j, m->id);
	pd_json_member_object(&j, "result");
	pd_json_member_object(&j, "capabilities");
	pd_json_member_cstr(&j, "positionEncoding",
			    pd_lsp_encoding_name(s->enc));
	pd_json_member_object(&j, "textDocumentSync");
	pd_json_member_bool(&j, "openClose", true);
	pd_json_member_uint(&j, "change", 1); /* the whole text */
	pd_json_member_object(&j, "save"); /* for .profdiff.yaml saved */
	pd_json_member_bool(&j, "includeText", false);
	pd_json_end_object(&j);
	pd_json_end_object(&j);
	pd_json_member_bool(&j, "hoverProvider", true);
	pd_json_member_bool(&j, "definitionProvider", true);
	pd_json_member_bool(&j, "referencesProvider", true);
	pd_json_member_object(&j, "completionProvider");
	pd_json_member_array(&j, "triggerCharacters");
	for (k = 0; k < sizeof(triggers) / sizeof(triggers[0]); k++)
		pd_json_value_cstr(&j, triggers[k]);
	pd_json_end_array(&j);
	pd_json_end_object(&j);
	pd_json_member_bool(&j, "documentFormattingProvider", true);
	pd_json_member_bool(&j, "codeActionProvider", true);
	pd_json_end_object(&j);
	pd_json_member_object(&j, "serverInfo");
	pd_json_member_cstr(&j, "name", "profdiff");
	pd_json_member_cstr(&j, "version", PD_VERSION);
	pd_json_end_object(&j);
	pd_json_end_object(&j);
	return end_message(s, &j);
}

/* didOpen, didChange, didClose: the documents held, and their
 * diagnostics published. A notification that is not one is dropped, as
 * the protocol has notifications go unanswered. */
static int document_sync(pd_app_lsp *s, const pd_lsp_message *m)
{
	size_t index;
	pd_lsp_doc *d = find_doc(s, m->uri, &index);
	int err;

	if (!m->uri)
		return 0;
	if (strcmp(m->method, "textDocument/didOpen") == 0) {
		if (!m->text)
			return 0;
		if (d) { /* opened again: the new text */
			pd_lsp_change whole = {false, {{0, 0}, {0, 0}},
					       m->text, m->text_len};

			err = pd_lsp_doc_change(d, &whole, 1, s->enc);
		} else {
			if (PD_GROW(s->docs, s->ndocs, s->docs_cap) < 0)
				return pd_error_oom();
			err = pd_lsp_doc_new(&d, m->uri, m->text, m->text_len);
			if (d)
				s->docs[s->ndocs++] = d;
		}
	} else if (strcmp(m->method, "textDocument/didChange") == 0) {
		if (!d || !m->has_changes)
			return 0;
		err = pd_lsp_doc_change(d, m->changes, m->nchanges, s->enc);
	} else {
		if (!d)
			return 0;
		pd_lsp_doc_free(d);
		s->docs[index] = s->docs[--s->ndocs];
		return publish(s, m->uri, NULL);
	}
	if (err < 0)
		return err;
	if (m->has_version)
		d->version = m->version;
	return publish(s, m->uri, d);
}

/* A request about a document. */
static int document_request(pd_app_lsp *s, const pd_lsp_message *m)
{
	const char *method = m->method + strlen("textDocument/");
	pd_lsp_doc *d = find_doc(s, m->uri, NULL);
	bool at = strcmp(method, "hover") == 0 ||
		  strcmp(method, "definition") == 0 ||
		  strcmp(method, "references") == 0 ||
		  strcmp(method, "completion") == 0;
	pd_json j;
	int err = 0;

	if (!d)
		return reply_error(s, m->id, PD_LSP_INVALID_PARAMS,
				   m->uri ? "the document is not open"
					  : "no params.textDocument.uri");
	if (at && !m->has_position)
		return reply_error(s, m->id, PD_LSP_INVALID_PARAMS,
				   "no params.position");
	begin_message(s, &j, m->id);
	pd_json_name(&j, "result");
	if (strcmp(method, "hover") == 0)
		err = pd_lsp_doc_hover(d, m->position, s->enc, &j);
	else if (strcmp(method, "definition") == 0)
		err = pd_lsp_doc_definition(d, m->position, s->enc, &j);
	else if (strcmp(method, "references") == 0)
		err = pd_lsp_doc_references(d, m->position,
					    m->include_declaration, s->enc,
					    &j);
	else if (strcmp(method, "completion") == 0)
		pd_lsp_doc_completion(d, m->position, s->enc, &j);
	else if (strcmp(method, "formatting") == 0)
		err = pd_lsp_doc_format(d, s->enc, &j);
	else if (strcmp(method, "codeAction") == 0)
		err = pd_lsp_doc_code_actions(d, s->enc, &j);
	if (err == PD_ENOMEM)
		return err;
	if (err < 0)
		return reply_error(s, m->id, REQUEST_FAILED,
				   pd_error_last()->message);
	return end_message(s, &j);
}

static bool is_document_request(const char *method)
{
	static const char *const known[] = {
		"textDocument/hover",	   "textDocument/definition",
		"textDocument/references", "textDocument/completion",
		"textDocument/formatting", "textDocument/codeAction"};
	size_t k;

	for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
		if (strcmp(method, known[k]) == 0)
			return true;
	return false;
}

static int request(pd_app_lsp *s, const pd_lsp_message *m)
{
	if (strcmp(m->method, "initialize") == 0) {
		if (s->initialized)
			return reply_error(s, m->id, PD_LSP_INVALID_REQUEST,
					   "initialize came twice");
		return initialize(s, m);
	}
	if (!s->initialized)
		return reply_error(s, m->id, PD_LSP_SERVER_NOT_INITIALIZED,
				   "the server is not initialized");
	if (s->shut_down)
		return reply_error(s, m->id, PD_LSP_INVALID_REQUEST,
				   "the server is shut down");
	if (strcmp(m->method, "shutdown") == 0) {
		pd_json j;

		s->shut_down = true;
		begin_message(s, &j, m->id);
		pd_json_name(&j, "result");
		pd_json_value_null(&j);
		return end_message(s, &j);
	}
	if (is_document_request(m->method))
		return document_request(s, m);
	return reply_error(s, m->id, PD_LSP_METHOD_NOT_FOUND,
			   "no such method");
}

/* didSave of the repository's settings: every document open is linted
 * again with them, as `profdiff lint` would be now. */
static int settings_saved(pd_app_lsp *s, const pd_lsp_message *m)
{
	size_t n, k = m->uri ? strlen(m->uri) : 0, i;
	int err;

	n = strlen(PD_CONFIG_FILE);
	if (k < n + 1 || m->uri[k - n - 1] != '/' ||
	    strcmp(m->uri + k - n, PD_CONFIG_FILE) != 0)
		return 0;
	for (i = 0; i < s->ndocs; i++) {
		pd_lsp_doc *d = s->docs[i];

		if ((err = pd_lsp_doc_change(d, NULL, 0, s->enc)) < 0 ||
		    (err = publish(s, d->uri, d)) < 0)
			return err;
	}
	return 0;
}

static int notification(pd_app_lsp *s, const pd_lsp_message *m)
{
	if (strcmp(m->method, "exit") == 0) {
		s->exited = true;
		return 0;
	}
	if (!s->initialized || s->shut_down)
		return 0;
	if (strcmp(m->method, "textDocument/didOpen") == 0 ||
	    strcmp(m->method, "textDocument/didChange") == 0 ||
	    strcmp(m->method, "textDocument/didClose") == 0)
		return document_sync(s, m);
	if (strcmp(m->method, "textDocument/didSave") == 0)
		return settings_saved(s, m);
	return 0; /* initialized, $/cancelRequest, and the rest */
}

int pd_app_lsp_handle(pd_app_lsp *s, const char *body, size_t len)
{
	pd_lsp_message *m = NULL;
	int err;

	if (s->exited)
		return 0;
	if ((err = pd_lsp_decode(&m, body, len)) < 0)
		return err;
	if (m->error)
		err = reply_error(s, m->id, m->error, m->error_message);
	else if (!m->method)
		err = 0; /* a response: the server asks nothing */
	else if (m->id)
		err = request(s, m);
	else
		err = notification(s, m);
	pd_lsp_message_free(m);
	return err;
}

/* Serving on file descriptors ------------------------------------------- */

static int send_fd(void *ctx, const char *body, size_t len)
{
	return pd_lsp_write(*(int *)ctx, body, len);
}

int pd_app_lsp_serve(int in, int out, const pd_app_lsp_options *o)
{
	pd_app_lsp_options so = *o;
	pd_lsp_reader r;
	pd_app_lsp *s = NULL;
	pd_buf body = PD_BUF_INIT;
	int err, status = 1;

	so.send = send_fd;
	so.send_ctx = &out;
	if ((err = pd_app_lsp_new(&s, &so)) < 0)
		return err;
	pd_lsp_reader_init(&r, in);
	while (!pd_app_lsp_exited(s, &status)) {
		err = pd_lsp_read(&r, &body);
		if (err == 1) {
			/* the editor went without exit */
			status = 1;
			err = 0;
			break;
		}
		if (err == PD_EINVALID) {
			if (o->log)
				o->log(o->log_ctx, pd_error_last());
			continue;
		}
		if (err < 0 ||
		    (err = pd_app_lsp_handle(s, body.ptr ? body.ptr : "",
					     body.len)) < 0)
			break;
	}
	pd_lsp_reader_free(&r);
	pd_buf_free(&body);
	pd_app_lsp_free(s);
	return err < 0 ? err : status;
}
