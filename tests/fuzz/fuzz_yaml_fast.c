/*
 * fuzz_yaml_fast.c: the scanner of profdiff's own YAML form against
 * libyaml. Whatever pd_yf_scan() accepts, libyaml must read without error
 * and into the same events: types, start marks, scalar values and styles.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "yaml_fast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	yf_stream s;
	yaml_parser_t ps;
	yaml_event_t ev, mine;
	const char *d = (const char *)data;

	if (pd_yf_scan(&s, d, size) != 1) {
		pd_yf_free(&s);
		return 0;
	}
	if (!yaml_parser_initialize(&ps))
		abort();
	yaml_parser_set_input_string(&ps, data, size);
	yaml_parser_set_encoding(&ps, YAML_UTF8_ENCODING);
	for (;;) {
		yaml_event_type_t type;

		if (!yaml_parser_parse(&ps, &ev))
			abort(); /* accepted what libyaml refuses */
		if (!pd_yf_next(&s, &mine) || mine.type != ev.type ||
		    mine.start_mark.line != ev.start_mark.line ||
		    mine.start_mark.column != ev.start_mark.column)
			abort();
		if (ev.type == YAML_SCALAR_EVENT &&
		    (mine.data.scalar.style != ev.data.scalar.style ||
		     mine.data.scalar.length != ev.data.scalar.length ||
		     memcmp(mine.data.scalar.value, ev.data.scalar.value,
			    ev.data.scalar.length) != 0))
			abort();
		type = ev.type;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	if (pd_yf_next(&s, &mine))
		abort();
	yaml_parser_delete(&ps);
	pd_yf_free(&s);
	return 0;
}
