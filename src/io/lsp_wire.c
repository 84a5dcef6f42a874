/*
 * lsp_wire.c: the Language Server Protocol's framing and its JSON read
 * with jansson (lsp_wire.h).
 *
 * The reader keeps what it has read in one buffer and takes lines of the
 * header block off its front, then the body. Whatever arrives, it ends:
 * a header line longer than HEADER_LINE_MAX is dropped to its newline, a
 * line that is not "Name: value" ends its block as an error, a body over
 * PD_LSP_MAX_MESSAGE is read past and dropped, never held; the end of the
 * input ends it all. The decoder asks jansson for the fields the server
 * reads and copies them into the message's arena, each checked for its
 * type: a wrong type is the same as a missing field, which the server
 * answers as invalid parameters.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "profdiff/error.h"
#include "profdiff/lsp_wire.h"

#define HEADER_LINE_MAX 8192
#define READ_CHUNK (64u << 10)

void pd_lsp_reader_init(pd_lsp_reader *r, int fd)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
}

void pd_lsp_reader_free(pd_lsp_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* Reads more bytes after those held. 1: some came; 0: the end of the
 * input; or a negative code. */
static int fill(pd_lsp_reader *r)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (r->off == r->len) {
		r->off = r->len = 0;
	} else if (r->off > r->cap / 2) {
		memmove(r->buf, r->buf + r->off, r->len - r->off);
		r->len -= r->off;
		r->off = 0;
	}
	if (r->cap - r->len < READ_CHUNK / 4) {
		size_t cap = r->cap ? r->cap * 2 : READ_CHUNK;
		char *b = realloc(r->buf, cap);

		if (!b)
			return pd_error_oom();
		r->buf = b;
		r->cap = cap;
	}
	do
		n = read(r->fd, r->buf + r->len, r->cap - r->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return pd_error_set(PD_EIO, NULL, 0, 0, "cannot read: %s",
				    strerror(errno));
	if (n == 0) {
		r->eof = true;
		return 0;
	}
	r->len += (size_t)n;
	return 1;
}

/* Drops `n` bytes of input, as they come. 0, 1 at the end, or a code. */
static int skip(pd_lsp_reader *r, unsigned long long n)
{
	while (n) {
		size_t have = r->len - r->off, take;
		int rc;

		if (!have) {
			if ((rc = fill(r)) <= 0)
				return rc < 0 ? rc : 1;
			continue;
		}
		take = have < n ? have : (size_t)n;
		r->off += take;
		n -= take;
	}
	return 0;
}

/* The value of a Content-Length line, or -1 when it is not a number. */
static long long parse_length(const char *v, size_t n)
{
	long long x = 0;
	size_t i = 0, digits = 0;

	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	while (n > i && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	for (; i < n; i++, digits++) {
		if (v[i] < '0' || v[i] > '9' || digits > 15)
			return -1;
		x = x * 10 + (v[i] - '0');
	}
	return digits ? x : -1;
}

/* Takes the next line of the header block into *line, *n (without its
 * line end). 0; 1 at the end of the input; PD_EINVALID for a line too
 * long (dropped); or a code. */
static int take_line(pd_lsp_reader *r, const char **line, size_t *n)
{
	bool too_long = false;
	char *nl;
	int rc;

	while (!(nl = r->len > r->off ? memchr(r->buf + r->off, '\n',
					       r->len - r->off)
				      : NULL)) {
		if (r->len - r->off > HEADER_LINE_MAX) {
			too_long = true;
			r->off = r->len;
		}
		if ((rc = fill(r)) <= 0)
			return rc < 0 ? rc : 1;
	}
	*line = r->buf + r->off;
	*n = (size_t)(nl - *line);
	r->off += *n + 1;
	if (too_long || *n > HEADER_LINE_MAX)
		return pd_error_set(PD_EINVALID, NULL, 0, 0,
				    "a header line over %d bytes",
				    HEADER_LINE_MAX);
	if (*n && (*line)[*n - 1] == '\r')
		(*n)--;
	return 0;
}

int pd_lsp_read(pd_lsp_reader *r, pd_buf *out)
{
	long long length = -1;
	bool any = false;
	int rc;

	pd_buf_clear(out);
	for (;;) {
		const char *line, *colon;
		size_t n;

		if ((rc = take_line(r, &line, &n)) != 0)
			return rc;
		if (n == 0) {
			if (any)
				break;
			continue; /* blank lines between messages */
		}
		any = true;
		colon = memchr(line, ':', n);
		if (!colon)
			return pd_error_set(PD_EINVALID, NULL, 0, 0,
					    "not a header line (no ':')");
		if ((size_t)(colon - line) == 14 &&
		    strncasecmp(line, "Content-Length", 14) == 0) {
			length = parse_length(colon + 1,
					      (size_t)(line + n - colon - 1));
			if (length < 0)
				return pd_error_set(PD_EINVALID, NULL, 0, 0,
						    "Content-Length is not a "
						    "number");
		}
	}
	if (length < 0)
		return pd_error_set(PD_EINVALID, NULL, 0, 0,
				    "a header without Content-Length");
	if ((unsigned long long)length > PD_LSP_MAX_MESSAGE) {
		if ((rc = skip(r, (unsigned long long)length)) != 0)
			return rc;
		return pd_error_set(PD_EINVALID, NULL, 0, 0,
				    "a message of %lld bytes, over the limit "
				    "of %u",
				    length, PD_LSP_MAX_MESSAGE);
	}
	while (r->len - r->off < (size_t)length)
		if ((rc = fill(r)) <= 0)
			return rc < 0 ? rc : 1;
	pd_buf_put(out, r->buf + r->off, (size_t)length);
	r->off += (size_t)length;
	return pd_buf_ok(out) < 0 ? pd_error_oom() : 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return pd_error_set(PD_EIO, NULL, 0, 0,
					    "cannot write: %s",
					    w < 0 ? strerror(errno) : "no room");
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int pd_lsp_write(int fd, const char *body, size_t len)
{
	char head[64];
	int n = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n",
			 len);
	int err = write_all(fd, head, (size_t)n);

	return err ? err : write_all(fd, body, len);
}

const char *pd_lsp_encoding_name(pd_lsp_encoding e)
{
	switch (e) {
	case PD_LSP_UTF8:
		return "utf-8";
	case PD_LSP_UTF32:
		return "utf-32";
	default:
		return "utf-16";
	}
}

/* Decoding --------------------------------------------------------------- */

static const char *dup_string(pd_arena *a, json_t *v, size_t *len)
{
	if (!json_is_string(v))
		return NULL;
	if (len)
		*len = json_string_length(v);
	return pd_arena_strndup(a, json_string_value(v),
				json_string_length(v));
}

/* A position's or a range's number: a JSON integer from 0 to UINT32_MAX. */
static bool get_uint(json_t *o, const char *key, uint32_t *out)
{
	json_t *v = json_object_get(o, key);
	json_int_t x;

	if (!json_is_integer(v))
		return false;
	x = json_integer_value(v);
	if (x < 0 || x > (json_int_t)UINT32_MAX)
		return false;
	*out = (uint32_t)x;
	return true;
}

static bool get_pos(json_t *o, pd_lsp_pos *out)
{
	return json_is_object(o) && get_uint(o, "line", &out->line) &&
	       get_uint(o, "character", &out->character);
}

static bool get_range(json_t *o, pd_lsp_range *out)
{
	return json_is_object(o) &&
	       get_pos(json_object_get(o, "start"), &out->start) &&
	       get_pos(json_object_get(o, "end"), &out->end);
}

static int decode_changes(pd_lsp_message *m, json_t *changes)
{
	size_t i, n = json_array_size(changes);

	if (!json_is_array(changes))
		return 0;
	m->changes = pd_arena_calloc(m->arena, n ? n : 1, sizeof(*m->changes));
	if (!m->changes)
		return PD_ENOMEM;
	for (i = 0; i < n; i++) {
		json_t *c = json_array_get(changes, i);
		pd_lsp_change *ch = &m->changes[i];

		if (!json_is_object(c) ||
		    !(ch->text = dup_string(m->arena,
					    json_object_get(c, "text"),
					    &ch->len)))
			return 0; /* not a change: the whole list is not */
		ch->has_range = get_range(json_object_get(c, "range"),
					  &ch->range);
	}
	m->nchanges = n;
	m->has_changes = true;
	return 0;
}

static void decode_encodings(pd_lsp_message *m, json_t *params)
{
	json_t *list = json_object_get(
		json_object_get(json_object_get(params, "capabilities"),
				"general"),
		"positionEncodings");
	size_t i;

	for (i = 0; i < json_array_size(list) && m->nencodings < 3; i++) {
		const char *e = json_string_value(json_array_get(list, i));

		if (!e)
			continue;
		if (strcmp(e, "utf-16") == 0)
			m->encodings[m->nencodings++] = PD_LSP_UTF16;
		else if (strcmp(e, "utf-8") == 0)
			m->encodings[m->nencodings++] = PD_LSP_UTF8;
		else if (strcmp(e, "utf-32") == 0)
			m->encodings[m->nencodings++] = PD_LSP_UTF32;
	}
}

static int decode_params(pd_lsp_message *m, json_t *params)
{
	json_t *doc = json_object_get(params, "textDocument");
	json_t *ctx = json_object_get(params, "context");

	if (!json_is_object(params))
		return 0;
	m->uri = dup_string(m->arena, json_object_get(doc, "uri"), NULL);
	m->text = dup_string(m->arena, json_object_get(doc, "text"),
			     &m->text_len);
	if (json_is_integer(json_object_get(doc, "version"))) {
		m->has_version = true;
		m->version = (long long)json_integer_value(
			json_object_get(doc, "version"));
	}
	m->has_position =
		get_pos(json_object_get(params, "position"), &m->position);
	m->has_range = get_range(json_object_get(params, "range"), &m->range);
	m->include_declaration =
		json_is_true(json_object_get(ctx, "includeDeclaration"));
	decode_encodings(m, params);
	if (m->uri && !m->uri[0])
		m->uri = NULL;
	return decode_changes(m, json_object_get(params, "contentChanges"));
}

static int invalid(pd_lsp_message *m, int code, const char *why)
{
	m->error = code;
	m->error_message = why;
	return 0;
}

static int decode(pd_lsp_message *m, const char *body, size_t len)
{
	json_error_t jerr;
	json_t *root, *id, *method;
	int err = 0;

	/* a text may hold NUL: its length is kept, never its C string's */
	root = json_loadb(body, len, JSON_ALLOW_NUL, &jerr);
	if (!root) {
		m->error = PD_LSP_PARSE_ERROR;
		m->error_message = pd_arena_sprintf(m->arena, "%s",
						    jerr.text);
		return m->error_message ? 0 : PD_ENOMEM;
	}
	if (!json_is_object(root)) {
		err = invalid(m, PD_LSP_INVALID_REQUEST, "not an object");
		goto done;
	}
	id = json_object_get(root, "id");
	if (id && (json_is_string(id) || json_is_integer(id))) {
		char *s = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);

		m->id = s ? pd_arena_strdup(m->arena, s) : NULL;
		free(s);
		if (!m->id) {
			err = PD_ENOMEM;
			goto done;
		}
	} else if (id && !json_is_null(id)) {
		err = invalid(m, PD_LSP_INVALID_REQUEST,
			      "an id that is neither a number nor a string");
		goto done;
	}
	method = json_object_get(root, "method");
	if (method && !json_is_string(method)) {
		err = invalid(m, PD_LSP_INVALID_REQUEST,
			      "a method that is not a string");
		goto done;
	}
	if (!json_is_string(json_object_get(root, "jsonrpc")) ||
	    strcmp(json_string_value(json_object_get(root, "jsonrpc")),
		   "2.0") != 0) {
		err = invalid(m, PD_LSP_INVALID_REQUEST,
			      "not JSON-RPC 2.0 (\"jsonrpc\": \"2.0\")");
		goto done;
	}
	if (!method) {
		if (!json_object_get(root, "result") &&
		    !json_object_get(root, "error"))
			err = invalid(m, PD_LSP_INVALID_REQUEST,
				      "neither a request nor a response");
		goto done;
	}
	if (!(m->method = dup_string(m->arena, method, NULL))) {
		err = PD_ENOMEM;
		goto done;
	}
	err = decode_params(m, json_object_get(root, "params"));
done:
	json_decref(root);
	return err;
}

int pd_lsp_decode(pd_lsp_message **out, const char *body, size_t len)
{
	pd_arena *a = pd_arena_new();
	pd_lsp_message *m = a ? pd_arena_calloc(a, 1, sizeof(*m)) : NULL;
	int err;

	*out = NULL;
	if (!m) {
		pd_arena_free(a);
		return pd_error_oom();
	}
	m->arena = a;
	if ((err = decode(m, body, len)) < 0) {
		pd_arena_free(a);
		return pd_error_oom();
	}
	*out = m;
	return 0;
}

void pd_lsp_message_free(pd_lsp_message *m)
{
	if (m)
		pd_arena_free(m->arena);
}
