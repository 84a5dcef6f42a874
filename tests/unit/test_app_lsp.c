/* The language server in process: messages in, what it sends out, on the
 * fixture profile with a dangling citation (tests/fixtures/lsp). */
#include <string.h>

#include "profdiff/app_lsp.h"
#include "testutil.h"

static pd_app_lsp *server;
static pd_buf sent;  /* every message sent, one a line */
static pd_buf text;  /* the fixture, as a JSON string */

static int capture(void *ctx, const char *body, size_t len)
{
	(void)ctx;
	pd_buf_put(&sent, body, len);
	pd_buf_putc(&sent, '\n');
	return 0;
}

static void handle(const char *msg)
{
	ck_assert_int_eq(pd_app_lsp_handle(server, msg, strlen(msg)), 0);
}

static void setup(void)
{
	pd_app_lsp_options o = PD_APP_LSP_OPTIONS_INIT;
	pd_buf raw = tu_fixture("lsp/dangling.yaml");
	size_t i;

	o.send = capture;
	ck_assert_int_eq(pd_app_lsp_new(&server, &o), 0);
	pd_buf_putc(&text, '"');
	for (i = 0; i < raw.len; i++) {
		if (raw.ptr[i] == '\n')
			pd_buf_puts(&text, "\\n");
		else if (raw.ptr[i] == '"' || raw.ptr[i] == '\\')
			pd_buf_printf(&text, "\\%c", raw.ptr[i]);
		else
			pd_buf_putc(&text, raw.ptr[i]);
	}
	pd_buf_putc(&text, '"');
	pd_buf_free(&raw);
}

static void teardown(void)
{
	pd_app_lsp_free(server);
	pd_buf_free(&sent);
	pd_buf_free(&text);
}

static void initialize(void)
{
	handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
	       "\"params\":{\"capabilities\":{}}}");
	handle("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
}

static void open_fixture(void)
{
	pd_buf msg = PD_BUF_INIT;

	pd_buf_printf(&msg,
		      "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\","
		      "\"params\":{\"textDocument\":{\"uri\":\"untitled:p\","
		      "\"languageId\":\"yaml\",\"version\":1,\"text\":%s}}}",
		      pd_buf_cstr(&text));
	handle(pd_buf_cstr(&msg));
	pd_buf_free(&msg);
}

START_TEST(nothing_but_exit_before_initialize)
{
	int status = -1;

	open_fixture();
	ck_assert_uint_eq(sent.len, 0);
	handle("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"shutdown\"}");
	ck_assert(strstr(pd_buf_cstr(&sent), "\"id\": 7"));
	ck_assert(strstr(pd_buf_cstr(&sent), "-32002"));
	ck_assert(!pd_app_lsp_exited(server, &status));
	handle("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
	ck_assert(pd_app_lsp_exited(server, &status));
	ck_assert_int_eq(status, 1);
}
END_TEST

START_TEST(exit_after_shutdown_is_0)
{
	int status = -1;

	initialize();
	handle("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
	handle("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
	ck_assert(pd_app_lsp_exited(server, &status));
	ck_assert_int_eq(status, 0);
}
END_TEST

/* A range replaced after a character UTF-16 counts as two units: the
 * marker [1] after the emoji of line 8 starts at unit 61 (code point 60,
 * byte 67). */
START_TEST(a_range_changed_in_utf16_units)
{
	const char *s;

	initialize();
	open_fixture();
	ck_assert(!strstr(pd_buf_cstr(&sent), "footnote 9"));
	pd_buf_clear(&sent);
	handle("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\","
	       "\"params\":{\"textDocument\":{\"uri\":\"untitled:p\","
	       "\"version\":2},\"contentChanges\":[{\"range\":{\"start\":"
	       "{\"line\":7,\"character\":61},\"end\":{\"line\":7,"
	       "\"character\":64}},\"text\":\"[9]\"}]}}");
	s = pd_buf_cstr(&sent);
	ck_assert_msg(strstr(s, "\"range\": {\"start\": {\"line\": 7, "
				"\"character\": 61}, \"end\": {\"line\": 7, "
				"\"character\": 64}}, \"severity\": 1, "
				"\"code\": \"dangling-citation\""),
		      "%s", s);
	ck_assert(strstr(s, "[9] cites footnote 9"));
	ck_assert(strstr(s, "\"version\": 2"));
	/* the text itself: the marker replaced, not the bytes after it */
	pd_buf_clear(&sent);
	handle("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":"
	       "\"textDocument/formatting\",\"params\":{\"textDocument\":"
	       "{\"uri\":\"untitled:p\"},\"options\":{}}}");
	ck_assert_msg(strstr(pd_buf_cstr(&sent), "June 2023.[9] It is"), "%s",
		      pd_buf_cstr(&sent));
}
END_TEST

START_TEST(hover_follows_ibid)
{
	const char *s;

	initialize();
	open_fixture();
	pd_buf_clear(&sent);
	/* [2] on line 9 */
	handle("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\","
	       "\"params\":{\"textDocument\":{\"uri\":\"untitled:p\"},"
	       "\"position\":{\"line\":8,\"character\":19}}}");
	s = pd_buf_cstr(&sent);
	ck_assert_msg(strstr(s, "[2] ibid."), "%s", s);
	ck_assert(strstr(s, "<https://www.undp.org/laos/gov-x>"));
	ck_assert(strstr(s, "[footnote 1]"));
	ck_assert(strstr(s, "\"kind\": \"plaintext\""));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("app_lsp");
	TCase *tc = tcase_create("app_lsp");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, nothing_but_exit_before_initialize);
	tcase_add_test(tc, exit_after_shutdown_is_0);
	tcase_add_test(tc, a_range_changed_in_utf16_units);
	tcase_add_test(tc, hover_follows_ibid);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
