#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/fileio.h"
#include "profdiff/yaml.h"
#include "testutil.h"

pd_buf tu_fixture(const char *rel)
{
	char path[4096];
	pd_buf b = PD_BUF_INIT;

	snprintf(path, sizeof(path), "%s/%s", PD_FIXTURES, rel);
	if (pd_file_read(&b, path, (size_t)64 << 20) < 0)
		ck_abort_msg("cannot read fixture %s: %s", path,
			     pd_error_last()->message);
	return b;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **tu_list(const char *reldir, const char *suffix)
{
	char path[4096];
	DIR *d;
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, sl = strlen(suffix);

	snprintf(path, sizeof(path), "%s/%s", PD_FIXTURES, reldir);
	d = opendir(path);
	ck_assert_msg(d != NULL, "cannot open %s", path);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || len < sl ||
		    strcmp(e->d_name + len - sl, suffix) != 0)
			continue;
		v = realloc(v, (n + 2) * sizeof(*v));
		ck_assert(v != NULL);
		v[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (!v) {
		v = calloc(1, sizeof(*v));
		ck_assert(v != NULL);
	}
	v[n] = NULL;
	qsort(v, n, sizeof(*v), cmp_str);
	return v;
}

void tu_free_list(char **list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

pd_profile *tu_read_yaml(const char *data, size_t len, const char *name)
{
	pd_profile *p = NULL;

	if (pd_yaml_read(&p, data, len, name, NULL) < 0) {
		char msg[2048];

		pd_error_format(pd_error_last(), msg, sizeof(msg));
		ck_abort_msg("unexpected read error: %s", msg);
	}
	return p;
}

int tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
