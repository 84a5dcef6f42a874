/*
 * config.c: .profdiff.yaml (see config.h), read like a profile: on the
 * event API, every unknown key, wrong type, anchor or tag an error at its
 * position.
 */
#include <string.h>

#include "profdiff/config.h"
#include "yaml_events.h"

#define MAX_CONFIG_SIZE (1u << 20)

int pd_config_new(pd_config **out)
{
	pd_arena *a = pd_arena_new();
	pd_config *c;

	*out = NULL;
	if (!a)
		return PD_ENOMEM;
	c = pd_arena_alloc(a, sizeof(*c));
	if (!c) {
		pd_arena_free(a);
		return PD_ENOMEM;
	}
	c->arena = a;
	c->profiles_dir = "profiles";
	c->uncited = PD_UNCITED_PARAGRAPH;
	*out = c;
	return 0;
}

void pd_config_free(pd_config *c)
{
	if (c)
		pd_arena_free(c->arena);
}

typedef struct creader {
	yaml_events e;
	pd_config *c;
	size_t capsev, capextra, capalias;
} creader;

static int read_severities(creader *r)
{
	int err;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT,
				"'lint.severity'")) < 0)
		return err;
	for (;;) {
		pd_rule_severity *rs;
		int rule, sev;
		size_t i;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if ((err = pd_ye_expect(&r->e, YAML_SCALAR_EVENT,
					"a rule")) < 0)
			return err;
		rule = pd_rule_lookup(pd_ye_sval(&r->e), pd_ye_slen(&r->e));
		if (rule < 0 || rule == PD_RULE_SCHEMA)
			return pd_ye_fail(&r->e, pd_ye_pos(&r->e),
					  "unknown lint rule '%.60s'",
					  pd_ye_sval(&r->e));
		for (i = 0; i < r->c->nseverities; i++)
			if ((int)r->c->severities[i].rule == rule)
				return pd_ye_fail(&r->e, pd_ye_pos(&r->e),
						  "duplicate key '%s'",
						  pd_ye_sval(&r->e));
		if ((err = pd_ye_next(&r->e)) < 0 ||
		    (err = pd_ye_enum(&r->e, "severity", pd_severity_lookup,
				      "error, warning, info or off", &sev)) < 0)
			return err;
		rs = pd_ye_push(&r->e, (void **)&r->c->severities,
				&r->c->nseverities, &r->capsev, sizeof(*rs));
		if (!rs)
			return PD_ENOMEM;
		rs->rule = (pd_rule_id)rule;
		rs->severity = (pd_severity)sev;
	}
}

static int uncited_lookup(const char *s, size_t len)
{
	if (len == 9 && memcmp(s, "paragraph", 9) == 0)
		return PD_UNCITED_PARAGRAPH;
	if (len == 8 && memcmp(s, "sentence", 8) == 0)
		return PD_UNCITED_SENTENCE;
	return -1;
}

static const char *const lint_keys[] = {"uncited", "severity"};
static const ye_keys lint_kt = {lint_keys, 2, "'lint'",
				"uncited, severity"};

static int read_lint(creader *r)
{
	unsigned seen = 0;
	pd_pos first[2];
	int err, k, v;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT, "'lint'")) < 0)
		return err;
	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if ((err = pd_ye_key(&r->e, &lint_kt, &seen, first, &k)) < 0)
			return err;
		if (k == 0) {
			err = pd_ye_enum(&r->e, "uncited mode", uncited_lookup,
					 "paragraph or sentence", &v);
			r->c->uncited = (pd_uncited_mode)v;
		} else {
			err = read_severities(r);
		}
		if (err < 0)
			return err;
	}
}

static bool valid_id(const char *s, size_t len)
{
	size_t i;

	if (!len || len > 40)
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static const char *const treaty_keys[] = {"name", "aliases"};
static const ye_keys treaty_kt = {treaty_keys, 2, "a treaty",
				  "name, aliases"};

/* One entry of `treaties`: a new treaty, or aliases for a known one. */
static int read_treaty(creader *r, const char *id, pd_pos at)
{
	pd_config *c = r->c;
	bool builtin = pd_vocab_find(NULL, id, strlen(id)) >= 0;
	const char **aliases = NULL;
	size_t nal = 0, capal = 0, i;
	unsigned seen = 0;
	pd_pos first[2];
	char *name = NULL;
	int err, k;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT,
				"a treaty")) < 0)
		return err;
	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_key(&r->e, &treaty_kt, &seen, first, &k)) < 0)
			return err;
		if (k == 0) {
			if (builtin)
				return pd_ye_fail(&r->e, first[0],
						  "'%s' is a built-in treaty: "
						  "only aliases can be added",
						  id);
			err = pd_ye_text(&r->e, "'name'", &name, NULL);
		} else {
			if ((err = pd_ye_expect(&r->e,
						YAML_SEQUENCE_START_EVENT,
						"'aliases'")) < 0)
				return err;
			for (;;) {
				char **slot;

				if ((err = pd_ye_next(&r->e)) < 0)
					return err;
				if (r->e.ev.type == YAML_SEQUENCE_END_EVENT)
					break;
				slot = pd_ye_push(&r->e, (void **)&aliases,
						  &nal, &capal, sizeof(*slot));
				if (!slot)
					return PD_ENOMEM;
				if ((err = pd_ye_text(&r->e, "an alias", slot,
						      NULL)) < 0)
					return err;
			}
		}
		if (err < 0)
			return err;
	}
	if (builtin) {
		for (i = 0; i < nal; i++) {
			pd_vocab_alias *va = pd_ye_push(
				&r->e, (void **)&c->vocab.aliases,
				&c->vocab.naliases, &r->capalias, sizeof(*va));

			if (!va)
				return PD_ENOMEM;
			va->id = id;
			va->alias = aliases[i];
		}
		return 0;
	}
	if (!name)
		return pd_ye_fail(&r->e, at, "treaty '%s' needs a 'name'", id);
	{
		pd_treaty_def *d;
		const char **list = pd_arena_calloc(c->arena, nal + 1,
						    sizeof(*list));

		if (!list)
			return PD_ENOMEM;
		for (i = 0; i < nal; i++)
			list[i] = aliases[i];
		d = pd_ye_push(&r->e, (void **)&c->vocab.extra,
			       &c->vocab.nextra, &r->capextra, sizeof(*d));
		if (!d)
			return PD_ENOMEM;
		d->id = id;
		d->name = name;
		d->aliases = list;
	}
	return 0;
}

static int read_treaties(creader *r)
{
	int err;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT,
				"'treaties'")) < 0)
		return err;
	for (;;) {
		pd_pos at;
		char *id;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if ((err = pd_ye_expect(&r->e, YAML_SCALAR_EVENT,
					"a treaty id")) < 0)
			return err;
		at = pd_ye_pos(&r->e);
		if (!valid_id(pd_ye_sval(&r->e), pd_ye_slen(&r->e)))
			return pd_ye_fail(
				&r->e, at,
				"a treaty id is capital letters, digits "
				"and '-', not '%.60s'",
				pd_ye_sval(&r->e));
		if (pd_vocab_find(&r->c->vocab, pd_ye_sval(&r->e),
				  pd_ye_slen(&r->e)) >= 0 &&
		    pd_vocab_find(NULL, pd_ye_sval(&r->e),
				  pd_ye_slen(&r->e)) < 0)
			return pd_ye_fail(&r->e, at, "duplicate key '%s'",
					  pd_ye_sval(&r->e));
		id = pd_arena_strndup(r->c->arena, pd_ye_sval(&r->e),
				      pd_ye_slen(&r->e));
		if (!id)
			return PD_ENOMEM;
		if ((err = pd_ye_next(&r->e)) < 0 ||
		    (err = read_treaty(r, id, at)) < 0)
			return err;
	}
}

static const char *const top_keys[] = {"profiles", "lint", "treaties",
				       "publish"};
static const ye_keys top_kt = {top_keys, 4, "the configuration",
			       "profiles, lint, treaties, publish"};

/* A branch name as git takes one: no space, control character, "..",
 * or leading '-' or '/'. */
static bool valid_branch(const char *s)
{
	const unsigned char *p;

	if (!*s || *s == '-' || *s == '/' || strstr(s, "..") ||
	    strlen(s) > 200)
		return false;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("~^:?*[\\", *p))
			return false;
	return true;
}

static int read_config(creader *r)
{
	unsigned seen = 0;
	pd_pos first[4];
	int err, k;
	char *dir;

	err = pd_ye_document_start(
		&r->e,
		"a configuration is a mapping (profiles, lint, "
		"treaties)",
		true);
	if (err)
		return err < 0 ? err : 0; /* an empty file: the defaults */
	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_key(&r->e, &top_kt, &seen, first, &k)) < 0)
			return err;
		if (k == 0) {
			err = pd_ye_text(&r->e, "'profiles'", &dir, NULL);
			if (!err && (dir[0] == '/' || strstr(dir, "..")))
				return pd_ye_fail(&r->e, pd_ye_pos(&r->e),
						  "'profiles' is a directory "
						  "inside the repository, not "
						  "'%s'",
						  dir);
			if (!err) {
				/* "./data/" names what "data" names */
				size_t n = strlen(dir);

				while (n > 1 && dir[n - 1] == '/')
					dir[--n] = '\0';
				while (dir[0] == '.' && dir[1] == '/')
					dir += 2;
				r->c->profiles_dir = dir;
			}
		} else if (k == 1) {
			err = read_lint(r);
		} else if (k == 2) {
			err = read_treaties(r);
		} else {
			char *branch;

			err = pd_ye_text(&r->e, "'publish'", &branch, NULL);
			if (!err && !valid_branch(branch))
				return pd_ye_fail(&r->e, pd_ye_pos(&r->e),
						  "'publish' is a branch name, "
						  "not '%.60s'",
						  branch);
			if (!err)
				r->c->publish = branch;
		}
		if (err < 0)
			return err;
	}
	return pd_ye_document_end(&r->e);
}

int pd_config_read(pd_config **out, const char *data, size_t len,
		   const char *path)
{
	creader r;
	int err;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	if (len > MAX_CONFIG_SIZE)
		return pd_error_set(PD_EINVALID, path, 1, 1,
				    "the file is over the limit of %u bytes",
				    MAX_CONFIG_SIZE);
	if ((err = pd_config_new(&r.c)) < 0)
		return err;
	if ((err = pd_ye_begin(&r.e, data, len, path, r.c->arena)) < 0 ||
	    (err = read_config(&r)) < 0) {
		pd_ye_end(&r.e);
		pd_config_free(r.c);
		return err;
	}
	pd_ye_end(&r.e);
	*out = r.c;
	return 0;
}
