/* Shared between the command-line modules. */
#ifndef SSHLINT_CLI_CLI_H
#define SSHLINT_CLI_CLI_H

#include "sshlint/sshlint.h"

#define EXIT_CLEAN	0
#define EXIT_FINDINGS	1
#define EXIT_USAGE	2

/* Version of the installed OpenSSH, read from the binary (never run);
 * -1 if unknown. */
int installed_version(enum sl_dialect d);

/* sshlint show client|server ... */
int cmd_show(int argc, char **argv);

/* sshlint negotiate --client-config F --host H ...: predict a connection */
int cmd_negotiate(int argc, char **argv);

/* sshlint explain 'TEXT': what an OpenSSH message means */
int cmd_explain(int argc, char **argv);

/* sshlint doctor [HOST]: keys, permissions, agent, authorized_keys */
int cmd_doctor(int argc, char **argv);

/* sshlint policies [NAME|FILE] */
int cmd_policies(int argc, char **argv);

#endif
