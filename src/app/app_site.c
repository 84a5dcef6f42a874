/*
 * app_site.c: the publication's static site (app.h).
 */
#include <string.h>
#include <strings.h>

#include "profdiff/app.h"

bool pd_app_web_url(const char *s)
{
	const char *host;

	if (!s)
		return false;
	if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return false;
	/* a host, and nothing that would end an attribute or a line */
	if (!*host || *host == '/')
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == '"' || *s == '<' ||
		    *s == '>' || *s == '\\' || *s == 0x7f)
			return false;
	return true;
}
