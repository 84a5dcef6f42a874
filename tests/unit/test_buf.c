#include <stdio.h>
#include <string.h>

#include "profdiff/buf.h"
#include "profdiff/error.h"
#include "testutil.h"

START_TEST(appends_grow_the_buffer)
{
	pd_buf b = PD_BUF_INIT;
	int i;

	ck_assert_str_eq(pd_buf_cstr(&b), "");
	for (i = 0; i < 10000; i++)
		pd_buf_putc(&b, (char)('a' + i % 26));
	ck_assert_uint_eq(b.len, 10000);
	ck_assert_uint_eq(strlen(b.ptr), 10000);
	ck_assert_int_eq(b.ptr[26], 'a');
	ck_assert_int_eq(pd_buf_ok(&b), 0);
	pd_buf_free(&b);
	ck_assert_ptr_null(b.ptr);
}
END_TEST

START_TEST(printf_handles_long_output)
{
	pd_buf b = PD_BUF_INIT;
	char big[5000];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	pd_buf_puts(&b, "<");
	pd_buf_printf(&b, "%s|%d", big, 42);
	ck_assert_uint_eq(b.len, 1 + 4999 + 3);
	ck_assert_str_eq(b.ptr + b.len - 3, "|42");
	pd_buf_clear(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(pd_buf_cstr(&b), "");
	pd_buf_put(&b, "ab\0cd", 5);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_int_eq(memcmp(b.ptr, "ab\0cd", 5), 0);
	pd_buf_free(&b);
}
END_TEST

START_TEST(put_uint_writes_what_printf_writes)
{
	static const unsigned long long v[] = {
		0, 1, 9, 10, 99, 100, 4294967295ull, 4294967296ull,
		18446744073709551615ull};
	pd_buf b = PD_BUF_INIT;
	char want[32];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		pd_buf_clear(&b);
		pd_buf_putc(&b, '<');
		pd_buf_put_uint(&b, v[i]);
		pd_buf_putc(&b, '>');
		snprintf(want, sizeof(want), "<%llu>", v[i]);
		ck_assert_str_eq(pd_buf_cstr(&b), want);
	}
	pd_buf_free(&b);
}
END_TEST

START_TEST(put_int_writes_what_printf_writes)
{
	static const long long v[] = {0,
				      1,
				      -1,
				      9,
				      -10,
				      2026,
				      -2147483648ll,
				      9223372036854775807ll,
				      -9223372036854775807ll - 1};
	pd_buf b = PD_BUF_INIT;
	char want[32];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		pd_buf_clear(&b);
		pd_buf_putc(&b, '<');
		pd_buf_put_int(&b, v[i]);
		pd_buf_putc(&b, '>');
		snprintf(want, sizeof(want), "<%lld>", v[i]);
		ck_assert_str_eq(pd_buf_cstr(&b), want);
	}
	pd_buf_free(&b);
}
END_TEST

/* The bytes appended again are the buffer's own, even when the buffer
 * must grow (and move) to hold them; nothing for nothing, or for a range
 * the buffer does not hold. */
START_TEST(put_again_copies_the_buffer_s_own_bytes)
{
	pd_buf b = PD_BUF_INIT, want = PD_BUF_INIT;
	size_t i, at;

	pd_buf_put_again(&b, 0, 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(pd_buf_cstr(&b), "");
	pd_buf_puts(&b, "<a href=\"x&amp;y\">");
	pd_buf_put_again(&b, 9, 7);
	ck_assert_str_eq(pd_buf_cstr(&b), "<a href=\"x&amp;y\">x&amp;y");
	pd_buf_put_again(&b, 0, 0);
	pd_buf_put_again(&b, b.len, 0);
	pd_buf_put_again(&b, 3, b.len); /* past the end */
	pd_buf_put_again(&b, b.len + 1, 1);
	ck_assert_str_eq(pd_buf_cstr(&b), "<a href=\"x&amp;y\">x&amp;y");
	/* each time the whole buffer again: it grows past its capacity
	 * over and over */
	pd_buf_clear(&b);
	pd_buf_puts(&b, "0123456789");
	pd_buf_puts(&want, "0123456789");
	for (i = 0; i < 12; i++) {
		size_t cap = b.cap, n = b.len;

		pd_buf_put_again(&b, 0, n);
		for (at = 0; at < n; at++)
			pd_buf_putc(&want, want.ptr[at]);
		ck_assert_uint_eq(b.len, 2 * n);
		ck_assert_mem_eq(b.ptr, want.ptr, b.len);
		ck_assert_int_eq(b.ptr[b.len], '\0');
		if (i > 6)
			ck_assert_uint_gt(b.cap, cap);
	}
	ck_assert_int_eq(pd_buf_ok(&b), 0);
	pd_buf_free(&b);
	pd_buf_free(&want);
}
END_TEST

START_TEST(a_failed_buffer_reports_and_ignores_appends)
{
	pd_buf b = PD_BUF_INIT;

	pd_buf_puts(&b, "ok");
	ck_assert(!pd_buf_reserve(&b, SIZE_MAX - 1));
	ck_assert(b.failed);
	pd_buf_puts(&b, "more");
	pd_buf_put_again(&b, 0, 2);
	pd_buf_put_int(&b, -1);
	ck_assert_uint_eq(b.len, 2);
	ck_assert_int_eq(pd_buf_ok(&b), PD_ENOMEM);
	pd_buf_free(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("buf");

	tcase_add_test(tc, appends_grow_the_buffer);
	tcase_add_test(tc, printf_handles_long_output);
	tcase_add_test(tc, put_uint_writes_what_printf_writes);
	tcase_add_test(tc, put_int_writes_what_printf_writes);
	tcase_add_test(tc, put_again_copies_the_buffer_s_own_bytes);
	tcase_add_test(tc, a_failed_buffer_reports_and_ignores_appends);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
