/*
 * test_error.c: the error record (error.h): one a thread, formatted as
 * the CLI prints it, and carried from one thread to another.
 */
#include <pthread.h>
#include <string.h>

#include "profdiff/error.h"
#include "testutil.h"

START_TEST(an_error_is_formatted_with_what_is_known)
{
	char out[256];

	ck_assert_int_eq(pd_error_set(PD_EINVALID, "p.yaml", 3, 7, "bad %s",
				      "key"),
			 PD_EINVALID);
	pd_error_format(pd_error_last(), out, sizeof(out));
	ck_assert_str_eq(out, "p.yaml:3:7: bad key");
	pd_error_set(PD_EIO, NULL, 0, 0, "no disk");
	pd_error_format(pd_error_last(), out, sizeof(out));
	ck_assert_str_eq(out, "no disk");
	pd_error_clear();
	ck_assert_int_eq(pd_error_last()->code, 0);
}
END_TEST

/* A worker's failure, kept and told again on the thread that waits for
 * it: the same record, its code returned; the worker's own record is its
 * own. */
static pd_error kept;

static void *failing_worker(void *arg)
{
	(void)arg;
	pd_error_set(PD_EIO, "site/index.html", 0, 0, "cannot write: %s",
		     "No space left on device");
	kept = *pd_error_last();
	return NULL;
}

START_TEST(an_error_crosses_threads_whole)
{
	pthread_t t;
	char out[256];

	pd_error_set(PD_EINVALID, "mine.yaml", 1, 1, "mine");
	ck_assert_int_eq(pthread_create(&t, NULL, failing_worker, NULL), 0);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_str_eq(pd_error_last()->message, "mine"); /* untouched */
	ck_assert_int_eq(pd_error_restore(&kept), PD_EIO);
	pd_error_format(pd_error_last(), out, sizeof(out));
	ck_assert_str_eq(out,
			 "site/index.html: cannot write: No space left on device");
	/* restoring the record itself changes nothing */
	ck_assert_int_eq(pd_error_restore(pd_error_last()), PD_EIO);
	ck_assert_str_eq(pd_error_last()->file, "site/index.html");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("error");
	TCase *tc = tcase_create("error");

	tcase_add_test(tc, an_error_is_formatted_with_what_is_known);
	tcase_add_test(tc, an_error_crosses_threads_whole);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
