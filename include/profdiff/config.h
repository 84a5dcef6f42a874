/*
 * config.h: the repository configuration, .profdiff.yaml at the root of a
 * profiles repository:
 *
 *   profiles: profiles          # where the profiles are
 *   publish: main               # the publication branch (docs/DESIGN.md,
 *                               # section 8); default: the upstream of
 *                               # the current branch, else main or master
 *   lint:
 *     uncited: paragraph        # or sentence
 *     severity:                 # per rule: error, warning, info or off
 *       orphan-footnote: error
 *   treaties:                   # the treaty vocabulary, extended
 *     ASEAN-HRD:                # a new treaty: name, aliases
 *       name: ASEAN Human Rights Declaration
 *       aliases: [AHRD]
 *     CRC:                      # more aliases for a built-in one
 *       aliases: [Child Rights Convention]
 */
#ifndef PROFDIFF_CONFIG_H
#define PROFDIFF_CONFIG_H

#include <stddef.h>

#include "profdiff/arena.h"
#include "profdiff/lint.h"
#include "profdiff/treaties.h"

#define PD_CONFIG_FILE ".profdiff.yaml"

typedef struct pd_config {
	pd_arena *arena;
	const char *profiles_dir;  /* relative to the repository root */
	pd_uncited_mode uncited;
	pd_rule_severity *severities;
	size_t nseverities;
	pd_vocab vocab;            /* the built-in one plus what is added */
	const char *publish;       /* the publication branch; NULL: default */
} pd_config;

/* A configuration with every default. Returns 0 or PD_ENOMEM. */
int pd_config_new(pd_config **out);

/* Reads .profdiff.yaml text; errors are PD_EINVALID with
 * "path:line:col: message" recorded. */
int pd_config_read(pd_config **out, const char *data, size_t len,
		   const char *path);

void pd_config_free(pd_config *c);

#endif
