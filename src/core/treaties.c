/*
 * treaties.c: the built-in treaty vocabulary (docs/DESIGN.md, section 4).
 *
 * Aliases are the names met in the publication's prose; extraction matches
 * them case-blind on word boundaries, longest first.
 */
#include <string.h>

#include "profdiff/treaties.h"

#define ALIASES(...) ((const char *const[]){__VA_ARGS__, NULL})

static const pd_treaty_def builtin[] = {
	{"ICCPR", "International Covenant on Civil and Political Rights",
	 ALIASES("International Covenant on Civil and Political Rights",
		 "Covenant on Civil and Political Rights", "ICCPR")},
	{"ICESCR",
	 "International Covenant on Economic, Social and Cultural Rights",
	 ALIASES("International Covenant on Economic, Social and Cultural "
		 "Rights",
		 "Covenant on Economic, Social and Cultural Rights", "ICESCR")},
	{"CEDAW",
	 "Convention on the Elimination of All Forms of Discrimination "
	 "against Women",
	 ALIASES("Convention on the Elimination of All Forms of "
		 "Discrimination against Women",
		 "Women's Convention", "CEDAW")},
	{"CRC", "Convention on the Rights of the Child",
	 ALIASES("Convention on the Rights of the Child", "UNCRC", "CRC")},
	{"CERD",
	 "International Convention on the Elimination of All Forms of Racial "
	 "Discrimination",
	 ALIASES("International Convention on the Elimination of All Forms "
		 "of Racial Discrimination",
		 "Convention on the Elimination of All Forms of Racial "
		 "Discrimination",
		 "ICERD", "CERD")},
	{"CAT",
	 "Convention against Torture and Other Cruel, Inhuman or Degrading "
	 "Treatment or Punishment",
	 ALIASES("Convention against Torture and Other Cruel, Inhuman or "
		 "Degrading Treatment or Punishment",
		 "Convention against Torture", "Torture Convention", "UNCAT",
		 "CAT")},
	{"CRPD", "Convention on the Rights of Persons with Disabilities",
	 ALIASES("Convention on the Rights of Persons with Disabilities",
		 "Disability Convention", "UNCRPD", "CRPD")},
	{"CMW",
	 "International Convention on the Protection of the Rights of All "
	 "Migrant Workers and Members of Their Families",
	 ALIASES("International Convention on the Protection of the Rights "
		 "of All Migrant Workers and Members of Their Families",
		 "Migrant Workers Convention", "ICRMW", "CMW")},
	{"CED",
	 "International Convention for the Protection of All Persons from "
	 "Enforced Disappearance",
	 ALIASES("International Convention for the Protection of All Persons "
		 "from Enforced Disappearance",
		 "Enforced Disappearance Convention", "ICPPED", "CED")},
	{"REFUGEE-1951", "1951 Convention relating to the Status of Refugees",
	 ALIASES("1951 Convention relating to the Status of Refugees",
		 "Convention relating to the Status of Refugees",
		 "1951 Refugee Convention", "Refugee Convention",
		 "Refugees Convention")},
	{"REFUGEE-1967", "1967 Protocol relating to the Status of Refugees",
	 ALIASES("1967 Protocol relating to the Status of Refugees",
		 "Protocol relating to the Status of Refugees",
		 "1967 Refugee Protocol", "1967 Protocol", "Refugee Protocol")},
	{"STATELESS-1954",
	 "1954 Convention relating to the Status of Stateless Persons",
	 ALIASES("1954 Convention relating to the Status of Stateless "
		 "Persons",
		 "Convention relating to the Status of Stateless Persons",
		 "1954 Statelessness Convention", "1954 Stateless Convention",
		 "1954 Convention")},
	{"STATELESS-1961",
	 "1961 Convention on the Reduction of Statelessness",
	 ALIASES("1961 Convention on the Reduction of Statelessness",
		 "Convention on the Reduction of Statelessness",
		 "1961 Statelessness Convention", "1961 Stateless Convention",
		 "1961 Convention")},
};

#define NBUILTIN (sizeof(builtin) / sizeof(builtin[0]))

size_t pd_vocab_count(const pd_vocab *v)
{
	return NBUILTIN + (v ? v->nextra : 0);
}

const pd_treaty_def *pd_vocab_get(const pd_vocab *v, size_t i)
{
	if (i < NBUILTIN)
		return &builtin[i];
	return &v->extra[i - NBUILTIN];
}

int pd_vocab_find(const pd_vocab *v, const char *id, size_t len)
{
	size_t i, n = pd_vocab_count(v);

	for (i = 0; i < n; i++) {
		const char *x = pd_vocab_get(v, i)->id;

		if (strlen(x) == len && memcmp(x, id, len) == 0)
			return (int)i;
	}
	return -1;
}
