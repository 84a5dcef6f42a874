#include <string.h>

#include "cases.h"
#include "testutil.h"

size_t for_each_case(const char *rel, void (*fn)(const test_case *, void *),
		     void *ctx)
{
	pd_buf data = tu_fixture(rel);
	char *p = data.ptr;
	test_case c = {NULL, {NULL}, 0};
	size_t count = 0;

	for (;;) {
		char *nl = strchr(p, '\n');
		bool last = nl == NULL;

		if (nl)
			*nl = '\0';
		if (p[0] == '#') {
			/* comment */
		} else if (p[0] == '>' && (p[1] == ' ' || p[1] == '\0')) {
			ck_assert(c.nexpect < CASE_MAX_EXPECT);
			c.expect[c.nexpect++] = p[1] ? p + 2 : p + 1;
		} else if (p[0] != '\0') {
			c.input = p;
		}
		if ((p[0] == '\0' || last) && c.input) {
			fn(&c, ctx);
			count++;
			c.input = NULL;
			c.nexpect = 0;
		}
		if (last)
			break;
		p = nl + 1;
	}
	pd_buf_free(&data);
	return count;
}
