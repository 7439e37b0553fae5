/* Operational error codes (findings about the user's files are diagnostics,
 * not errors). */
#ifndef SSHLINT_LINT_ERRORS_H
#define SSHLINT_LINT_ERRORS_H

#include "sshlint/sshlint.h"

#endif
