/* Functions we never want to see in sshlint: unbounded or racy. */
#ifndef SSHLINT_LINT_UTIL_BANNED_H
#define SSHLINT_LINT_UTIL_BANNED_H

#define BANNED(func) sorry_##func##_is_banned

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef sprintf
#define sprintf(...) BANNED(sprintf)

#endif
