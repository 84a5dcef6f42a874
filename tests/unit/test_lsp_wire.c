/* The Language Server Protocol on the wire: framing read off a pipe,
 * messages decoded into the fields the server reads. */
#include <string.h>
#include <unistd.h>

#include "profdiff/lsp_wire.h"
#include "testutil.h"

static int fds[2];
static pd_lsp_reader reader;
static pd_buf body;

static void setup(void)
{
	ck_assert_int_eq(pipe(fds), 0);
	pd_lsp_reader_init(&reader, fds[0]);
}

static void teardown(void)
{
	pd_lsp_reader_free(&reader);
	pd_buf_free(&body);
	close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

/* Writes the bytes and ends the input. */
static void feed(const char *s, size_t n)
{
	ck_assert_int_eq(write(fds[1], s, n), (ssize_t)n);
	close(fds[1]);
	fds[1] = -1;
}

static void feed_str(const char *s)
{
	feed(s, strlen(s));
}

static void expect_body(const char *want)
{
	ck_assert_int_eq(pd_lsp_read(&reader, &body), 0);
	ck_assert_uint_eq(body.len, strlen(want));
	ck_assert(memcmp(body.ptr, want, body.len) == 0);
}

START_TEST(messages_back_to_back)
{
	feed_str("Content-Length: 2\r\n\r\n{}"
		 "content-length:3\r\nContent-Type: application/"
		 "vscode-jsonrpc; charset=utf-8\r\n\r\n[1]"
		 "\r\nContent-Length: 4\n\n{\"\"}");
	expect_body("{}");
	expect_body("[1]");
	expect_body("{\"\"}"); /* bare LF, and a blank line before */
	ck_assert_int_eq(pd_lsp_read(&reader, &body), 1);
}
END_TEST

START_TEST(bad_headers_are_skipped)
{
	feed_str("Content-Length: 1x\r\n\r\n"
		 "Content-Type: text\r\n\r\n"
		 "no colon here\r\n"
		 "Content-Length: 2\r\n\r\n{}");
	ck_assert_int_eq(pd_lsp_read(&reader, &body), PD_EINVALID);
	ck_assert(strstr(pd_error_last()->message, "not a number"));
	ck_assert_int_eq(pd_lsp_read(&reader, &body), PD_EINVALID);
	ck_assert(strstr(pd_error_last()->message, "without Content-Length"));
	ck_assert_int_eq(pd_lsp_read(&reader, &body), PD_EINVALID);
	ck_assert(strstr(pd_error_last()->message, "not a header"));
	expect_body("{}");
}
END_TEST

START_TEST(a_long_header_line_is_dropped)
{
	pd_buf b = PD_BUF_INIT;
	size_t i;

	for (i = 0; i < 20000; i++)
		pd_buf_putc(&b, 'x');
	pd_buf_puts(&b, "\r\nContent-Length: 2\r\n\r\n{}");
	feed(b.ptr, b.len);
	ck_assert_int_eq(pd_lsp_read(&reader, &body), PD_EINVALID);
	expect_body("{}");
	pd_buf_free(&b);
}
END_TEST

START_TEST(a_body_too_large_is_read_past)
{
	feed_str("Content-Length: 999999999999\r\n\r\n{}");
	ck_assert_int_eq(pd_lsp_read(&reader, &body), 1);
}
END_TEST

START_TEST(a_body_cut_short_ends_the_input)
{
	feed_str("Content-Length: 10\r\n\r\n{}");
	ck_assert_int_eq(pd_lsp_read(&reader, &body), 1);
}
END_TEST

static pd_lsp_message *decode(const char *s)
{
	pd_lsp_message *m = NULL;

	ck_assert_int_eq(pd_lsp_decode(&m, s, strlen(s)), 0);
	return m;
}

START_TEST(a_request_decoded)
{
	pd_lsp_message *m = decode(
		"{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"method\":"
		"\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":"
		"\"file:///p.yaml\",\"version\":7,\"text\":\"x\\u0000y\"},"
		"\"position\":{\"line\":3,\"character\":4},\"context\":"
		"{\"includeDeclaration\":true},\"capabilities\":{\"general\":"
		"{\"positionEncodings\":[\"utf-32\",\"utf-7\",\"utf-8\"]}}}}");

	ck_assert_int_eq(m->error, 0);
	ck_assert_str_eq(m->method, "textDocument/hover");
	ck_assert_str_eq(m->id, "\"a\\\"b\"");
	ck_assert_str_eq(m->uri, "file:///p.yaml");
	ck_assert(m->has_version && m->version == 7);
	ck_assert_uint_eq(m->text_len, 3); /* the NUL kept */
	ck_assert(m->has_position);
	ck_assert_uint_eq(m->position.line, 3);
	ck_assert_uint_eq(m->position.character, 4);
	ck_assert(m->include_declaration);
	ck_assert_uint_eq(m->nencodings, 2);
	ck_assert_int_eq(m->encodings[0], PD_LSP_UTF32);
	ck_assert_int_eq(m->encodings[1], PD_LSP_UTF8);
	pd_lsp_message_free(m);
}
END_TEST

START_TEST(changes_decoded)
{
	pd_lsp_message *m = decode(
		"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\","
		"\"params\":{\"textDocument\":{\"uri\":\"u\"},\"contentChanges\":"
		"[{\"text\":\"all\"},{\"range\":{\"start\":{\"line\":0,"
		"\"character\":1},\"end\":{\"line\":0,\"character\":2}},"
		"\"text\":\"L\"}]}}");

	ck_assert(!m->id);
	ck_assert(m->has_changes);
	ck_assert_uint_eq(m->nchanges, 2);
	ck_assert(!m->changes[0].has_range);
	ck_assert_str_eq(m->changes[0].text, "all");
	ck_assert(m->changes[1].has_range);
	ck_assert_uint_eq(m->changes[1].range.start.character, 1);
	ck_assert_uint_eq(m->changes[1].range.end.character, 2);
	pd_lsp_message_free(m);
}
END_TEST

START_TEST(wrong_types_are_missing_fields)
{
	pd_lsp_message *m = decode(
		"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{"
		"\"textDocument\":{\"uri\":5},\"position\":{\"line\":-1,"
		"\"character\":0},\"contentChanges\":[{\"text\":1}]}}");

	ck_assert_int_eq(m->error, 0);
	ck_assert(!m->uri && !m->has_position && !m->has_changes);
	pd_lsp_message_free(m);
}
END_TEST

START_TEST(what_is_not_json_rpc)
{
	static const struct {
		const char *body;
		int error;
	} cases[] = {
		{"{", PD_LSP_PARSE_ERROR},
		{"", PD_LSP_PARSE_ERROR},
		{"[]", PD_LSP_INVALID_REQUEST},
		{"{\"id\":1,\"method\":\"m\"}", PD_LSP_INVALID_REQUEST},
		{"{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"m\"}",
		 PD_LSP_INVALID_REQUEST},
		{"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":2}",
		 PD_LSP_INVALID_REQUEST},
		{"{\"jsonrpc\":\"2.0\",\"id\":1}", PD_LSP_INVALID_REQUEST},
		{"{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}", 0},
	};
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		pd_lsp_message *m = decode(cases[k].body);

		ck_assert_msg(m->error == cases[k].error, "%s: %d",
			      cases[k].body, m->error);
		ck_assert(!m->method);
		pd_lsp_message_free(m);
	}
}
END_TEST

START_TEST(written_with_its_header)
{
	char got[64];
	ssize_t n;

	ck_assert_int_eq(pd_lsp_write(fds[1], "{}", 2), 0);
	close(fds[1]);
	fds[1] = -1;
	n = read(fds[0], got, sizeof(got) - 1);
	ck_assert_int_gt(n, 0);
	got[n] = '\0';
	ck_assert_str_eq(got, "Content-Length: 2\r\n\r\n{}");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lsp_wire");
	TCase *tc = tcase_create("lsp_wire");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, messages_back_to_back);
	tcase_add_test(tc, bad_headers_are_skipped);
	tcase_add_test(tc, a_long_header_line_is_dropped);
	tcase_add_test(tc, a_body_too_large_is_read_past);
	tcase_add_test(tc, a_body_cut_short_ends_the_input);
	tcase_add_test(tc, a_request_decoded);
	tcase_add_test(tc, changes_decoded);
	tcase_add_test(tc, wrong_types_are_missing_fields);
	tcase_add_test(tc, what_is_not_json_rpc);
	tcase_add_test(tc, written_with_its_header);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
