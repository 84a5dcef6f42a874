/*
 * cases.h: reading data-driven test cases: an input line followed by
 * "> " expectation lines, cases separated by blank lines, '#' comments.
 */
#ifndef PD_CASES_H
#define PD_CASES_H

#include <stddef.h>

#define CASE_MAX_EXPECT 64

typedef struct test_case {
	const char *input;
	const char *expect[CASE_MAX_EXPECT];
	size_t nexpect;
} test_case;

/* Calls fn for every case of the fixture file `rel`; returns how many. */
size_t for_each_case(const char *rel, void (*fn)(const test_case *, void *),
		     void *ctx);

#endif
