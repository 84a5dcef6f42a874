/*
 * fuzz_page.c: the page importer on arbitrary bytes. Whatever it accepts
 * must write as canonical YAML that reads back to an equal profile.
 */
#include <stdint.h>
#include <stdlib.h>

#include "profdiff/buf.h"
#include "profdiff/page_import.h"
#include "profdiff/profile.h"
#include "profdiff/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pd_profile *p = NULL, *q = NULL;
	pd_page_report report;
	pd_buf out = PD_BUF_INIT;

	if (pd_page_import(&p, &report, (const char *)data, size, "fuzz.txt",
			   NULL) != 0)
		return 0;
	if (pd_yaml_write(&out, p) == 0) {
		if (pd_yaml_read(&q, out.ptr, out.len, "fuzz.yaml", NULL) != 0)
			abort(); /* the importer wrote YAML its reader refuses */
		pd_profile_free(q);
	}
	pd_buf_free(&out);
	pd_profile_free(p);
	return 0;
}
