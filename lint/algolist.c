/* Effective algorithm lists: kex.c:kex_assemble_names() semantics. */
#include "lint/algos.h"
