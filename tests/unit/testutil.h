/*
 * testutil.h: helpers shared by the Check suites.
 */
#ifndef PD_TESTUTIL_H
#define PD_TESTUTIL_H

#include <check.h>
#include <stddef.h>

#include "profdiff/buf.h"
#include "profdiff/profile.h"

/* Reads a file under tests/fixtures (a path relative to it) into a new
 * buffer; the test fails when it cannot. */
pd_buf tu_fixture(const char *rel);

/* Lists the names in a fixtures directory ending with `suffix`, sorted;
 * NULL-terminated, free with tu_free_list. */
char **tu_list(const char *reldir, const char *suffix);
void tu_free_list(char **list);

/* Parses YAML text; fails the test with the reader's message on error. */
pd_profile *tu_read_yaml(const char *data, size_t len, const char *name);

/* Runs a suite and returns the process exit status. */
int tu_run(Suite *s);

#endif
