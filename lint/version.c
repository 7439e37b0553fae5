/* OpenSSH release numbers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sshlint/sshlint.h"

static const int releases[] = {
	704, 705, 706, 707, 708, 709, 800, 801, 802, 803, 804, 805, 806, 807,
	808, 809, 900, 901, 902, 903, 904, 905, 906, 907, 908, 909, 1000, 1001,
	1002, 1003, 1004, 1005,
};

const int *
sl_versions(size_t *n)
{
	*n = sizeof(releases) / sizeof(releases[0]);
	return releases;
}

int
sl_version_newest(void)
{
	return releases[sizeof(releases) / sizeof(releases[0]) - 1];
}

int
sl_version_parse(const char *s)
{
	char *end;
	long maj, min;

	if (strncmp(s, "OpenSSH_", 8) == 0)
		s += 8;
	if (!isdigit((unsigned char)*s))
		return -1;
	maj = strtol(s, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return -1;
	min = strtol(end + 1, &end, 10);
	/* allow a portable suffix: "p1", "p2" */
	if (*end == 'p') {
		end++;
		while (isdigit((unsigned char)*end))
			end++;
	}
	if (*end != '\0' && *end != ' ' && *end != ',')
		return -1;
	if (maj < 1 || maj > 99 || min < 0 || min > 99)
		return -1;
	return (int)(maj * 100 + min);
}

const char *
sl_version_str(int v, char *buf, size_t len)
{
	snprintf(buf, len, "%d.%d", v / 100, v % 100);
	return buf;
}
