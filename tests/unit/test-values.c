/*
 * Unit tests of the directive validator (lint/values.c).
 *
 * The table below was run through the installed OpenSSH 9.2p1 (Debian
 * 9.2p1-2+deb12u10): `ssh -G -F FILE example` and `sshd -t -f FILE -h KEY`
 * with a config consisting of the line(s). "accept" is the exit status of
 * those runs. Cases whose result depends on the environment (DNS, unset
 * ${VARS}, a missing remote command), lines the parser rejects before the
 * validator runs and the AuthorizedKeysCommand-without-User check of
 * lint/check.c are left out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "lint/diag.h"
#include "lint/keywords.h"
#include "lint/util/alloc.h"
#include "lint/values.h"

#define V(a, b) SL_VERSION(a, b)
#define SSH SL_DIALECT_SSH
#define SSHD SL_DIALECT_SSHD

struct vcase {
	enum sl_dialect d;
	const char *text;	/* one or more lines */
	bool accept;
};

static const struct vcase verified[] = {
	{ SSH, "PasswordAuthentication yes", true },
	{ SSH, "PasswordAuthentication TRUE", true },
	{ SSH, "PasswordAuthentication maybe", false },
	{ SSH, "PasswordAuthentication yes no", false },
	{ SSH, "PasswordAuthentication \"\"", false },
	{ SSHD, "PasswordAuthentication yes", true },
	{ SSHD, "PasswordAuthentication true", false },
	{ SSHD, "PasswordAuthentication YES", true },
	{ SSHD, "PasswordAuthentication yes extra", false },
	{ SSHD, "PasswordAuthentication \"\"", false },
	{ SSH, "Compression yes", true },
	{ SSH, "Compression true", false },
	{ SSH, "Compression delayed", false },
	{ SSHD, "Compression delayed", true },
	{ SSHD, "Compression true", false },
	{ SSH, "ControlPersist yes", true },
	{ SSH, "ControlPersist YES", false },
	{ SSH, "ControlPersist 10m", true },
	{ SSH, "ControlPersist 0", true },
	{ SSH, "ControlPersist -1", false },
	{ SSH, "ControlPersist 1x", false },
	{ SSH, "ControlMaster autoask", true },
	{ SSH, "ControlMaster AUTO", true },
	{ SSH, "ControlMaster sometimes", false },
	{ SSH, "StrictHostKeyChecking accept-new", true },
	{ SSH, "StrictHostKeyChecking off", true },
	{ SSH, "StrictHostKeyChecking new", false },
	{ SSH, "VerifyHostKeyDNS ask", true },
	{ SSH, "UpdateHostKeys Ask", true },
	{ SSH, "UpdateHostKeys always", false },
	{ SSH, "RequestTTY force", true },
	{ SSH, "RequestTTY always", false },
	{ SSH, "SessionType subsystem", true },
	{ SSH, "SessionType yes", false },
	{ SSH, "Tunnel point-to-point", true },
	{ SSH, "Tunnel layer2", false },
	{ SSH, "CanonicalizeHostname always", true },
	{ SSH, "CanonicalizeHostname sometimes", false },
	{ SSH, "PubkeyAuthentication host-bound", true },
	{ SSH, "PubkeyAuthentication unbound", true },
	{ SSH, "PubkeyAuthentication bound", false },
	{ SSH, "AddressFamily inet6", true },
	{ SSH, "AddressFamily ipv4", false },
	{ SSHD, "AddressFamily INET", true },
	{ SSHD, "PermitRootLogin prohibit-password", true },
	{ SSHD, "PermitRootLogin without-password", true },
	{ SSHD, "PermitRootLogin forced-commands-only", true },
	{ SSHD, "PermitRootLogin Yes", true },
	{ SSHD, "PermitRootLogin maybe", false },
	{ SSHD, "IgnoreRhosts shosts-only", true },
	{ SSHD, "IgnoreRhosts sometimes", false },
	{ SSHD, "GatewayPorts clientspecified", true },
	{ SSHD, "GatewayPorts all", false },
	{ SSH, "GatewayPorts clientspecified", false },
	{ SSHD, "AllowTcpForwarding local", true },
	{ SSHD, "AllowTcpForwarding all", true },
	{ SSHD, "AllowTcpForwarding both", false },
	{ SSHD, "AllowStreamLocalForwarding remote", true },
	{ SSHD, "PermitTunnel point-to-point", true },
	{ SSHD, "PermitTunnel YES", false },
	{ SSHD, "PermitTunnel Yes", false },
	{ SSHD, "PermitTunnel ethernet", true },
	{ SSHD, "PermitUserEnvironment YES", true },
	{ SSHD, "PermitUserEnvironment LANG,LC_*", true },
	{ SSHD, "PermitUserEnvironment \"\"", false },
	{ SSH, "FingerprintHash md5", true },
	{ SSH, "FingerprintHash SHA256", true },
	{ SSH, "FingerprintHash sha224", false },
	{ SSHD, "FingerprintHash blake2", false },
	{ SSH, "LogLevel DEBUG3", true },
	{ SSH, "LogLevel debug4", false },
	{ SSH, "LogLevel verbose", true },
	{ SSHD, "LogLevel TRACE", false },
	{ SSH, "SyslogFacility LOCAL7", true },
	{ SSH, "SyslogFacility local8", false },
	{ SSHD, "SyslogFacility KERN", false },
	{ SSHD, "SyslogFacility authpriv", true },
	{ SSH, "ConnectTimeout 10", true },
	{ SSH, "ConnectTimeout none", true },
	{ SSH, "ConnectTimeout NONE", false },
	{ SSH, "ConnectTimeout 1h30m", true },
	{ SSH, "ConnectTimeout 1H", true },
	{ SSH, "ConnectTimeout 10x", false },
	{ SSH, "ConnectTimeout -5", false },
	{ SSH, "ConnectTimeout +5", true },
	{ SSH, "ConnectTimeout 5s5", true },
	{ SSH, "ConnectTimeout 2147483647", true },
	{ SSH, "ConnectTimeout 2147483648", false },
	{ SSH, "ConnectTimeout 1.5", false },
	{ SSH, "ServerAliveInterval 0", true },
	{ SSH, "ForwardX11Timeout 3w", true },
	{ SSHD, "LoginGraceTime 2m", true },
	{ SSHD, "LoginGraceTime none", false },
	{ SSHD, "LoginGraceTime 0", true },
	{ SSHD, "ClientAliveInterval 1d", true },
	{ SSHD, "ClientAliveInterval 5y", false },
	{ SSHD, "UnusedConnectionTimeout none", true },
	{ SSHD, "UnusedConnectionTimeout NONE", true },
	{ SSHD, "UnusedConnectionTimeout 1h", true },
	{ SSHD, "UnusedConnectionTimeout never", false },
	{ SSH, "ConnectionAttempts 3", true },
	{ SSH, "ConnectionAttempts 0", false },
	{ SSH, "ConnectionAttempts -1", false },
	{ SSH, "ConnectionAttempts 3x", false },
	{ SSH, "ConnectionAttempts 2147483648", false },
	{ SSH, "ConnectionAttempts 0x10", false },
	{ SSH, "NumberOfPasswordPrompts 2 3", false },
	{ SSHD, "MaxAuthTries 6", true },
	{ SSHD, "MaxAuthTries abc", false },
	{ SSHD, "MaxSessions -1", false },
	{ SSHD, "X11DisplayOffset 10", true },
	{ SSHD, "RequiredRSASize 2048", true },
	{ SSHD, "PerSourceMaxStartups none", true },
	{ SSHD, "PerSourceMaxStartups 10", true },
	{ SSHD, "PerSourceMaxStartups NONE", false },
	{ SSH, "Port 22", true },
	{ SSH, "Port ssh", true },
	{ SSH, "Port 0", false },
	{ SSH, "Port 65535", true },
	{ SSH, "Port 65536", false },
	{ SSH, "Port http-alt", true },
	{ SSH, "Port nosuchservice", false },
	{ SSH, "Port 22 23", false },
	{ SSHD, "Port 2222", true },
	{ SSHD, "Port 0", false },
	{ SSHD, "Port https", true },
	{ SSHD, "Port -1", false },
	{ SSH, "User \"\"", false },
	{ SSH, "User alice bob", false },
	{ SSH, "User alice", true },
	{ SSH, "Hostname example.org", true },
	{ SSH, "Hostname \"\"", false },
	{ SSH, "IdentityFile ~/.ssh/id_ed25519", true },
	{ SSH, "IdentityFile a b", false },
	{ SSH, "IdentityFile \"\"", false },
	{ SSH, "CertificateFile \"\"", false },
	{ SSH, "BindAddress 10.0.0.1", true },
	{ SSH, "UserKnownHostsFile /dev/null", true },
	{ SSH, "UserKnownHostsFile ~/.ssh/a ~/.ssh/b", true },
	{ SSH, "UserKnownHostsFile none", true },
	{ SSH, "UserKnownHostsFile none /x", false },
	{ SSH, "UserKnownHostsFile /x none", false },
	{ SSH, "UserKnownHostsFile /x \"\"", false },
	{ SSH, "GlobalKnownHostsFile NONE", true },
	{ SSH, "LogVerbose kex.c:*:1000", true },
	{ SSH, "LogVerbose none x", false },
	{ SSHD, "LogVerbose none", true },
	{ SSHD, "LogVerbose a none", false },
	{ SSHD, "LogVerbose a \"\"", false },
	{ SSH, "CanonicalDomains example.com example.org", true },
	{ SSH, "CanonicalDomains none", true },
	{ SSH, "CanonicalDomains -bad.com", false },
	{ SSH, "CanonicalDomains a..b", false },
	{ SSH, "CanonicalDomains a_b.com", true },
	{ SSH, "CanonicalDomains exa$mple.com", false },
	{ SSH, "CanonicalDomains example.com.", true },
	{ SSH, "CanonicalDomains none example.com", false },
	{ SSH, "CanonicalizePermittedCNAMEs none", true },
	{ SSH, "CanonicalizePermittedCNAMEs foo", false },
	{ SSH, "CanonicalizePermittedCNAMEs foo:", false },
	{ SSH, "CanonicalizePermittedCNAMEs a:b none", false },
	{ SSH, "IPQoS af21 cs1", true },
	{ SSH, "IPQoS lowdelay", true },
	{ SSH, "IPQoS AF11", true },
	{ SSH, "IPQoS 0x10", true },
	{ SSH, "IPQoS 010", true },
	{ SSH, "IPQoS 256", false },
	{ SSH, "IPQoS -1", false },
	{ SSH, "IPQoS ef ef ef", false },
	{ SSH, "IPQoS none", true },
	{ SSH, "IPQoS bogus", false },
	{ SSHD, "IPQoS af21 cs1", true },
	{ SSHD, "IPQoS 255", true },
	{ SSHD, "IPQoS af22 bogus", false },
	{ SSHD, "IPQoS \"\"", false },
	{ SSH, "RekeyLimit 1G 1h", true },
	{ SSH, "RekeyLimit default none", true },
	{ SSH, "RekeyLimit default", true },
	{ SSH, "RekeyLimit 15", false },
	{ SSH, "RekeyLimit 16", true },
	{ SSH, "RekeyLimit 0", true },
	{ SSH, "RekeyLimit 1X", false },
	{ SSH, "RekeyLimit 1.5G", true },
	{ SSH, "RekeyLimit 1g", true },
	{ SSH, "RekeyLimit 1G 1x", false },
	{ SSH, "RekeyLimit 1G NONE", false },
	{ SSH, "RekeyLimit 1G 1h extra", false },
	{ SSH, "RekeyLimit -1", false },
	{ SSHD, "RekeyLimit 512M 30m", true },
	{ SSHD, "RekeyLimit 8", false },
	{ SSHD, "RekeyLimit default none", true },
	{ SSH, "EscapeChar ~", true },
	{ SSH, "EscapeChar none", true },
	{ SSH, "EscapeChar ^A", true },
	{ SSH, "EscapeChar ^?", false },
	{ SSH, "EscapeChar ^1", false },
	{ SSH, "EscapeChar ab", false },
	{ SSH, "EscapeChar NONE", false },
	{ SSH, "TunnelDevice any:any", true },
	{ SSH, "TunnelDevice 0:1", true },
	{ SSH, "TunnelDevice 5", true },
	{ SSH, "TunnelDevice any", true },
	{ SSH, "TunnelDevice x:1", false },
	{ SSH, "TunnelDevice 1:", false },
	{ SSH, "TunnelDevice 2147483647", false },
	{ SSH, "TunnelDevice 2147483646", false },
	{ SSH, "TunnelDevice ANY", true },
	{ SSH, "StreamLocalBindMask 0177", true },
	{ SSH, "StreamLocalBindMask 777", true },
	{ SSH, "StreamLocalBindMask 1000", false },
	{ SSH, "StreamLocalBindMask 8", false },
	{ SSH, "StreamLocalBindMask 07x", true },
	{ SSH, "StreamLocalBindMask -1", false },
	{ SSHD, "StreamLocalBindMask 0777", true },
	{ SSHD, "StreamLocalBindMask abc", false },
	{ SSH, "SendEnv LANG LC_*", true },
	{ SSH, "SendEnv -LC_*", true },
	{ SSH, "SendEnv A=B", false },
	{ SSH, "SendEnv \"\"", false },
	{ SSH, "SetEnv FOO=bar", true },
	{ SSH, "SetEnv FOO", false },
	{ SSH, "SetEnv =x", false },
	{ SSH, "SetEnv \"FOO=a b\" BAR=1", true },
	{ SSHD, "SetEnv FOO=bar", true },
	{ SSHD, "SetEnv FOO", false },
	{ SSHD, "AcceptEnv LANG LC_*", true },
	{ SSHD, "AcceptEnv A=B", false },
	{ SSHD, "AcceptEnv \"\"", false },
	{ SSH, "LocalForward 8080 localhost:80", true },
	{ SSH, "LocalForward 127.0.0.1:8080 localhost:80", true },
	{ SSH, "LocalForward [::1]:8080 [::1]:80", true },
	{ SSH, "LocalForward 8080", false },
	{ SSH, "LocalForward 8080 localhost", false },
	{ SSH, "LocalForward 0 localhost:80", false },
	{ SSH, "LocalForward 8080 localhost:0", false },
	{ SSH, "LocalForward 70000 localhost:80", false },
	{ SSH, "LocalForward /tmp/sock localhost:80", true },
	{ SSH, "LocalForward 8080 /tmp/sock", true },
	{ SSH, "LocalForward /tmp/a /tmp/b", true },
	{ SSH, "LocalForward 8080 localhost:80 extra", false },
	{ SSH, "LocalForward *:8080 localhost:80", true },
	{ SSH, "LocalForward 8080 localhost:http", true },
	{ SSH, "LocalForward a:b:c localhost:80", false },
	{ SSH, "RemoteForward 8080 localhost:80", true },
	{ SSH, "RemoteForward 8080", true },
	{ SSH, "RemoteForward 0 localhost:80", true },
	{ SSH, "RemoteForward 0", true },
	{ SSH, "RemoteForward localhost:8080", true },
	{ SSH, "RemoteForward 8080 \"\"", true },
	{ SSH, "RemoteForward /tmp/sock", true },
	{ SSH, "DynamicForward 1080", true },
	{ SSH, "DynamicForward localhost:1080", true },
	{ SSH, "DynamicForward 0", false },
	{ SSH, "DynamicForward 1080 extra", false },
	{ SSH, "DynamicForward /tmp/socks", true },
	{ SSH, "DynamicForward [::1]:1080", true },
	{ SSH, "PermitRemoteOpen any", true },
	{ SSH, "PermitRemoteOpen none", true },
	{ SSH, "PermitRemoteOpen host:22 other:*", true },
	{ SSH, "PermitRemoteOpen host", false },
	{ SSH, "PermitRemoteOpen host:0", false },
	{ SSH, "PermitRemoteOpen any host:22", false },
	{ SSH, "PermitRemoteOpen ANY", true },
	{ SSH, "PermitRemoteOpen [::1]:22", true },
	{ SSHD, "PermitOpen any", true },
	{ SSHD, "PermitOpen none", true },
	{ SSHD, "PermitOpen host:22 other:*", true },
	{ SSHD, "PermitOpen host", false },
	{ SSHD, "PermitOpen host:0", false },
	{ SSHD, "PermitOpen any host:22", false },
	{ SSHD, "PermitOpen host:22 any", false },
	{ SSHD, "PermitOpen ANY", false },
	{ SSHD, "PermitOpen host:22 \"\"", true },
	{ SSHD, "PermitOpen host:22 \"\" x:1", false },
	{ SSHD, "PermitListen 8080", true },
	{ SSHD, "PermitListen localhost:8080", true },
	{ SSHD, "PermitListen *:*", true },
	{ SSHD, "PermitListen 0", false },
	{ SSHD, "PermitListen abc", false },
	{ SSHD, "PermitListen [::1]:22", true },
	{ SSHD, "ListenAddress 0.0.0.0", true },
	{ SSHD, "ListenAddress 0.0.0.0:2222", true },
	{ SSHD, "ListenAddress [::]:2222", true },
	{ SSHD, "ListenAddress ::", true },
	{ SSHD, "ListenAddress ::1:22", true },
	{ SSHD, "ListenAddress host:0", false },
	{ SSHD, "ListenAddress host:abc", false },
	{ SSHD, "ListenAddress 10.0.0.1 rdomain r1", false },
	{ SSHD, "ListenAddress 10.0.0.1 extra", false },
	{ SSHD, "ListenAddress 10.0.0.1 rdomain", false },
	{ SSHD, "ListenAddress [::1", false },
	{ SSHD, "ListenAddress a/b", false },
	{ SSHD, "Subsystem sftp /usr/lib/openssh/sftp-server", true },
	{ SSHD, "Subsystem sftp internal-sftp -l INFO", true },
	{ SSHD, "Subsystem sftp", false },
	{ SSHD, "Subsystem sftp \"\"", false },
	{ SSHD, "Subsystem sftp /x\nSubsystem sftp /y", false },
	{ SSHD, "Subsystem sftp /x\nSubsystem other /y", true },
	{ SSHD, "Subsystem sftp /x\nSubsystem SFTP /y", true },
	{ SSHD, "MaxStartups 10:30:100", true },
	{ SSHD, "MaxStartups 10", true },
	{ SSHD, "MaxStartups 10:30", false },
	{ SSHD, "MaxStartups 10:0:100", false },
	{ SSHD, "MaxStartups 10:101:100", false },
	{ SSHD, "MaxStartups 100:30:10", false },
	{ SSHD, "MaxStartups 0", false },
	{ SSHD, "MaxStartups 10:30:100:5", true },
	{ SSHD, "MaxStartups 10x", true },
	{ SSHD, "MaxStartups -5", false },
	{ SSHD, "MaxStartups \" 10\"", true },
	{ SSHD, "PerSourceNetBlockSize 24", true },
	{ SSHD, "PerSourceNetBlockSize 24:56", true },
	{ SSHD, "PerSourceNetBlockSize 33", false },
	{ SSHD, "PerSourceNetBlockSize 24:129", false },
	{ SSHD, "PerSourceNetBlockSize 24:", true },
	{ SSHD, "PerSourceNetBlockSize abc", false },
	{ SSHD, "PerSourceNetBlockSize 24x", true },
	{ SSHD, "AllowUsers alice bob@10.0.0.0/8", true },
	{ SSHD, "AllowUsers alice@10.0.0.1/8", false },
	{ SSHD, "AllowUsers alice@", false },
	{ SSHD, "AllowUsers alice@host.example.com", true },
	{ SSHD, "AllowUsers alice@*.example.com,!bad.example.com", true },
	{ SSHD, "AllowUsers \"alice@10.0.0.0/33\"", false },
	{ SSHD, "AllowUsers \"\"", false },
	{ SSHD, "DenyUsers root@1.2.3.4", true },
	{ SSHD, "DenyUsers a@b@c", true },
	{ SSHD, "AllowGroups wheel staff", true },
	{ SSHD, "AllowGroups wheel \"\"", false },
	{ SSHD, "AuthenticationMethods publickey,password", true },
	{ SSHD, "AuthenticationMethods publickey,keyboard-interactive:pam", true },
	{ SSHD, "AuthenticationMethods any", true },
	{ SSHD, "AuthenticationMethods any publickey", false },
	{ SSHD, "AuthenticationMethods publickey any", false },
	{ SSHD, "AuthenticationMethods bogus", false },
	{ SSHD, "AuthenticationMethods publickey,,password", false },
	{ SSHD, "AuthenticationMethods \"\"", false },
	{ SSHD, "AuthenticationMethods password\nAuthenticationMethods any", false },
	{ SSHD, "AuthenticationMethods password\nMatch user x\nAuthenticationMethods any", false },
	{ SSHD, "Match user x\nAuthenticationMethods password\nMatch user y\nAuthenticationMethods any", true },
	{ SSHD, "AuthenticationMethods none", true },
	{ SSHD, "AuthenticationMethods hostbased", false },
	{ SSHD, "AuthenticationMethods gssapi-with-mic", false },
	{ SSHD, "PubkeyAuthOptions none", true },
	{ SSHD, "PubkeyAuthOptions touch-required verify-required", true },
	{ SSHD, "PubkeyAuthOptions TOUCH-REQUIRED", true },
	{ SSHD, "PubkeyAuthOptions bogus", false },
	{ SSHD, "PubkeyAuthOptions none touch-required", true },
	{ SSHD, "ChannelTimeout session=5m", true },
	{ SSHD, "ChannelTimeout none", true },
	{ SSHD, "ChannelTimeout agent-connection=1h direct-tcpip=0", true },
	{ SSHD, "ChannelTimeout session", false },
	{ SSHD, "ChannelTimeout =5m", false },
	{ SSHD, "ChannelTimeout session=5x", false },
	{ SSHD, "ChannelTimeout none session=5m", false },
	{ SSHD, "ChannelTimeout session=5m none", true },
	{ SSHD, "ChannelTimeout *=1m", true },
	{ SSHD, "RDomain %D", false },
	{ SSHD, "Match user x\nRDomain %D", false },
	{ SSHD, "Banner /etc/issue.net", true },
	{ SSHD, "Banner none", true },
	{ SSHD, "Banner a b", false },
	{ SSHD, "ChrootDirectory \"\"", false },
	{ SSHD, "AuthorizedKeysFile .ssh/authorized_keys .ssh/authorized_keys2", true },
	{ SSHD, "AuthorizedKeysFile none", true },
	{ SSHD, "AuthorizedKeysFile none .ssh/x", true },
	{ SSHD, "AuthorizedKeysFile .ssh/x \"\"", false },
	{ SSHD, "AuthorizedKeysCommand none", true },
	{ SSHD, "AuthorizedKeysCommand relative/path", false },
	{ SSHD, "AuthorizedKeysCommand /usr/bin/x %u\nAuthorizedKeysCommandUser nobody", true },
	{ SSHD, "AuthorizedPrincipalsCommand NONE", true },
	{ SSHD, "ForceCommand internal-sftp", true },
	{ SSHD, "ForceCommand echo \"a b\" # c", true },
	{ SSHD, "VersionAddendum hello world", true },
	{ SSHD, "VersionAddendum none", true },
	{ SSHD, "SecurityKeyProvider internal", true },
	{ SSHD, "TrustedUserCAKeys /etc/ssh/ca.pub extra", false },
	{ SSH, "ProxyCommand ssh -W %h:%p bastion", true },
	{ SSH, "ProxyCommand none", true },
	{ SSH, "ProxyJump bastion", true },
	{ SSH, "ProxyJump user@bastion:2222,other", true },
	{ SSH, "ProxyJump none", true },
	{ SSH, "ProxyJump ssh://user@bastion:2222", true },
	{ SSH, "ProxyJump bastion:0", false },
	{ SSH, "ProxyJump bastion:abc", false },
	{ SSH, "ProxyJump a,,b", false },
	{ SSH, "ProxyJump @bastion", false },
	{ SSH, "ProxyJump ssh://bad_host!", false },
	{ SSH, "ProxyJump ssh://host/path", false },
	{ SSH, "ProxyJump bastion # comment", true },
	{ SSH, "ProxyJump bastion,", false },
	{ SSH, "ProxyJump ssh://%zz@host", false },
	{ SSH, "LocalCommand echo hi", true },
	{ SSH, "RemoteCommand uptime", true },
	{ SSH, "KnownHostsCommand /bin/echo %H", true },
	{ SSH, "ForwardAgent yes", true },
	{ SSH, "ForwardAgent ~/.ssh/agent.sock", true },
	{ SSH, "ForwardAgent $SSH_AUTH_SOCK", true },
	{ SSH, "ForwardAgent $1BAD", true },
	{ SSH, "ForwardAgent ${SHELL}", true },
	{ SSH, "ForwardAgent ${unterminated", false },
	{ SSH, "ForwardAgent \"\"", false },
	{ SSH, "IdentityAgent none", true },
	{ SSH, "IdentityAgent SSH_AUTH_SOCK", true },
	{ SSH, "IdentityAgent $SSH-SOCK", false },
	{ SSH, "IdentityAgent ~/agent.sock", true },
	{ SSH, "AddKeysToAgent confirm", true },
	{ SSH, "AddKeysToAgent confirm 5m", true },
	{ SSH, "AddKeysToAgent 1h", true },
	{ SSH, "AddKeysToAgent ask", true },
	{ SSH, "AddKeysToAgent yes 5m", false },
	{ SSH, "AddKeysToAgent confirm 5x", false },
	{ SSH, "AddKeysToAgent maybe", false },
	{ SSH, "AddKeysToAgent confirm 5m extra", false },
	{ SSH, "Ciphers aes128-ctr,aes256-gcm@openssh.com", true },
	{ SSH, "Ciphers +aes128-cbc", true },
	{ SSH, "Ciphers -aes*", true },
	{ SSH, "Ciphers -bogus", true },
	{ SSH, "Ciphers ^chacha20-poly1305@openssh.com", true },
	{ SSH, "Ciphers aes*", false },
	{ SSH, "Ciphers bogus", false },
	{ SSH, "Ciphers aes128-ctr,,bogus", true },
	{ SSH, "Ciphers ,bogus", true },
	{ SSH, "Ciphers AES128-CTR", false },
	{ SSH, "Ciphers +", false },
	{ SSH, "Ciphers aes128-ctr aes256-ctr", false },
	{ SSH, "Ciphers none", false },
	{ SSH, "Ciphers arcfour", false },
	{ SSH, "Ciphers 3des-cbc", true },
	{ SSHD, "Ciphers aes128-ctr", true },
	{ SSHD, "Ciphers bogus", false },
	{ SSHD, "Ciphers ,bogus", false },
	{ SSHD, "Ciphers -*", true },
	{ SSHD, "Ciphers aes128-ctr,", true },
	{ SSHD, "Ciphers ,", false },
	{ SSH, "MACs hmac-sha2-256,umac-64@openssh.com", true },
	{ SSH, "MACs hmac-sha2-512-etm@openssh.com", true },
	{ SSH, "MACs hmac-md5-96", true },
	{ SSH, "MACs hmac-ripemd160", false },
	{ SSH, "MACs +hmac-sha1", true },
	{ SSHD, "MACs bogus", false },
	{ SSH, "KexAlgorithms curve25519-sha256", true },
	{ SSH, "KexAlgorithms sntrup761x25519-sha512", true },
	{ SSH, "KexAlgorithms sntrup761x25519-sha512@openssh.com", true },
	{ SSH, "KexAlgorithms mlkem768x25519-sha256", false },
	{ SSH, "KexAlgorithms +diffie-hellman-group1-sha1", true },
	{ SSH, "KexAlgorithms diffie-hellman-group1-sha1", true },
	{ SSH, "KexAlgorithms gss-gex-sha1-", true },
	{ SSH, "KexAlgorithms curve25519*", false },
	{ SSHD, "KexAlgorithms ext-info-c", false },
	{ SSHD, "KexAlgorithms kex-strict-s-v00@openssh.com", false },
	{ SSH, "HostKeyAlgorithms ssh-ed25519", true },
	{ SSH, "HostKeyAlgorithms ssh-ed25519*", true },
	{ SSH, "HostKeyAlgorithms +ssh-rsa", true },
	{ SSH, "HostKeyAlgorithms bogus*", false },
	{ SSH, "HostKeyAlgorithms bogus", false },
	{ SSH, "HostKeyAlgorithms rsa", false },
	{ SSH, "HostKeyAlgorithms RSA", false },
	{ SSH, "HostKeyAlgorithms ed25519-sk", false },
	{ SSHD, "HostKeyAlgorithms rsa", false },
	{ SSHD, "HostKeyAlgorithms ssh-ed25519,rsa", true },
	{ SSH, "HostKeyAlgorithms !ssh-rsa", false },
	{ SSHD, "HostKeyAlgorithms !ssh-rsa", false },
	{ SSH, "HostKeyAlgorithms ssh-dss", true },
	{ SSH, "HostKeyAlgorithms ssh-xmss@openssh.com", false },
	{ SSH, "HostKeyAlgorithms webauthn-sk-ecdsa-sha2-nistp256@openssh.com", true },
	{ SSH, "HostKeyAlgorithms ssh-rsa-cert-v01@openssh.com", true },
	{ SSH, "PubkeyAcceptedAlgorithms +ssh-rsa,ssh-rsa-cert-v01@openssh.com", true },
	{ SSH, "PubkeyAcceptedAlgorithms !ssh-rsa", true },
	{ SSH, "PubkeyAcceptedAlgorithms +!ssh-rsa", true },
	{ SSHD, "PubkeyAcceptedAlgorithms +!ssh-rsa", false },
	{ SSHD, "PubkeyAcceptedAlgorithms ssh-ed25519,!ssh-rsa", false },
	{ SSHD, "PubkeyAcceptedAlgorithms rsa-sha2-*", true },
	{ SSHD, "PubkeyAcceptedAlgorithms *", true },
	{ SSHD, "PubkeyAcceptedAlgorithms ecdsa*,,bogus", true },
	{ SSH, "CASignatureAlgorithms ssh-ed25519-cert-v01@openssh.com", true },
	{ SSHD, "CASignatureAlgorithms ssh-ed25519-cert-v01@openssh.com", false },
	{ SSHD, "CASignatureAlgorithms ssh-ed25519,rsa-sha2-512", true },
	{ SSHD, "CASignatureAlgorithms *cert*", false },
	{ SSH, "CASignatureAlgorithms *cert*", true },
	{ SSH, "HostbasedAcceptedAlgorithms ssh-ed25519", true },
	{ SSH, "HostbasedKeyTypes ssh-ed25519", true },
	{ SSHD, "HostbasedAcceptedKeyTypes ssh-ed25519", true },
	{ SSHD, "GSSAPIKexAlgorithms +gss-curve25519-sha256-", false },
	{ SSH, "GSSAPIKexAlgorithms gss-group14-sha1-,bogus", false },
	{ SSH, "GSSAPIKexAlgorithms \"\"", false },
	{ SSH, "Protocol 1", true },
	{ SSH, "Protocol 2 3 4", true },
	{ SSH, "Cipher blowfish extra", true },
	{ SSH, "RSAAuthentication yes", true },
	{ SSHD, "UsePrivilegeSeparation sandbox", true },
	{ SSHD, "Protocol 2", true },
	{ SSH, "Host *", true },
	{ SSH, "Include /nonexistent/*", true },
	{ SSH, "IgnoreUnknown Foo*", true },
	{ SSHD, "RDomain x", false },
	{ SSHD, "ExposeAuthInfo yes", true },
	{ SSHD, "DisableForwarding no", true },
	{ SSHD, "KbdInteractiveAuthentication no", true },
	{ SSHD, "ChallengeResponseAuthentication no", true },
	{ SSHD, "UsePAM yes", true },
	{ SSHD, "PrintLastLog no", true },
	{ SSHD, "StrictModes no", true },
	{ SSHD, "HostbasedUsesNameFromPacketOnly yes", true },
	{ SSHD, "KerberosAuthentication yes", true },
	{ SSHD, "GSSAPICleanupCredentials yes", true },
	{ SSHD, "GSSAPICleanupCreds no", true },
	{ SSHD, "GSSAPIStrictAcceptorCheck no", true },
	{ SSHD, "GSSAPIStoreCredentialsOnRekey yes", true },
	{ SSHD, "DebianBanner no", true },
	{ SSHD, "PermitBlacklistedKeys foo bar", true },
	{ SSH, "UseBlacklistedKeys foo bar", true },
	{ SSH, "GSSAPIRenewalForcesRekey true", true },
	{ SSH, "GSSAPIServerIdentity host@example.com", true },
	{ SSH, "SetupTimeOut 5x", false },
	{ SSH, "PermitLocalCommand yes", true },
	{ SSH, "ProxyUseFdpass no", true },
	{ SSH, "StdinNull yes", true },
	{ SSH, "EnableEscapeCommandline yes", true },
	{ SSH, "RequiredRSASize 1024", true },
	{ SSH, "SecurityKeyProvider internal", true },
	{ SSH, "PKCS11Provider none", true },
	{ SSH, "SmartcardDevice /usr/lib/x.so", true },
	{ SSH, "ClearAllForwardings yes", true },
	{ SSH, "BatchMode yes", true },
	{ SSH, "HashKnownHosts no", true },
	{ SSH, "VisualHostKey yes", true },
	{ SSHD, "AuthorizedPrincipalsCommand /bin/true\nAuthorizedPrincipalsCommandUser nobody", true },
	{ SSHD, "AuthenticationMethods hostbased\nHostbasedAuthentication yes", true },
	{ SSHD, "PasswordAuthentication no\nAuthenticationMethods password", false },
	{ SSHD, "PasswordAuthentication no\nAuthenticationMethods password publickey", true },
	{ SSHD, "FingerprintHash sha1", true },
	{ SSH, "FingerprintHash sha384", true },
	{ SSHD, "AuthenticationMethods publickey,password publickey:foo", true },
	{ SSHD, "LogLevel SILENT", true },
	{ SSH, "LogLevel silent", true },
	{ SSH, "SetupTimeOut none", true },
	{ SSH, "ProtocolKeepAlives 1m", true },
	{ SSH, "GSSAPIKexAlgorithms gss-group1-sha1-", true },
	{ SSH, "GSSAPIKexAlgorithms gss-group14-sha256-,gss-gex-sha1-", true },
	{ SSHD, "GSSAPIKexAlgorithms gss-curve25519-sha256-,,bogus", true },
	{ SSHD, "GSSAPIKexAlgorithms bogus", false },
	{ SSH, "GSSAPIKexAlgorithms GSS-GEX-SHA1-", false },
	{ SSH, "GSSAPIKexAlgorithms -gss-gex-sha1-", false },
	{ SSH, "GSSAPIKeyExchange true", true },
	{ SSHD, "GSSAPIKeyExchange true", false },
	{ SSHD, "DebianBanner true", false },
	{ SSH, "GSSAPIClientIdentity a b", false },
	{ SSH, "GSSAPITrustDns maybe", false },
	{ SSH, "KexAlgorithms gss-gex-sha1-foo", true },
	{ SSH, "KexAlgorithms +gss-group14-sha256-", true },
	{ SSHD, "KexAlgorithms gss-gex-sha1-", false },
	{ SSHD, "KexAlgorithms +gss-gex-sha1-", true },
	{ SSH, "GSSAPIKexAlgorithms gss-gex-sha1-foo", true },
	{ SSH, "GSSAPIKexAlgorithms ,bogus", true },
	{ SSH, "GSSAPIKexAlgorithms curve25519-sha256", false },
	{ SSH, "HostKeyAlgorithms +!ssh-rsa", false },
	{ SSH, "HostKeyAlgorithms ^ssh-rsa", true },
	{ SSH, "HostKeyAlgorithms ssh-rsa,,bogus", true },
	{ SSH, "HostKeyAlgorithms ,bogus", false },
	{ SSH, "HostKeyAlgorithms -bogus", true },
	{ SSH, "HostKeyAlgorithms ssh-ed25519,!ssh-rsa", false },
	{ SSH, "HostbasedAcceptedAlgorithms rsa", true },
	{ SSH, "CASignatureAlgorithms rsa", true },
	{ SSHD, "CASignatureAlgorithms rsa", false },
	{ SSHD, "Ciphers +,bogus", true },
	{ SSHD, "Ciphers +!x", false },
	{ SSH, "Ciphers ,!x", true },
	{ SSHD, "MACs ,bogus", false },
	{ SSHD, "KexAlgorithms ,bogus", false },
	{ SSHD, "PubkeyAcceptedAlgorithms ,bogus", false },
	{ SSHD, "HostbasedAcceptedAlgorithms rsa", false },
	{ SSH, "Ciphers rijndael-cbc@lysator.liu.se", false },
	{ SSH, "Ciphers aes128-ctr,aes192-ctr,", true },
	{ SSH, "PubkeyAcceptedAlgorithms ssh-dss*", true },
	{ SSH, "PubkeyAcceptedAlgorithms ED25519", true },
	{ SSHD, "PubkeyAcceptedAlgorithms ED25519", false },
	{ SSHD, "PubkeyAcceptedAlgorithms ED25519-CERT", false },
	{ SSHD, "HostKeyAlgorithms ECDSA", false },
	{ SSH, "RequiredRSASize 512", true },
	{ SSHD, "RequiredRSASize 512", true },
	{ SSH, "ServerAliveCountMax 0", true },
	{ SSH, "NumberOfPasswordPrompts 0", true },
	{ SSHD, "MaxAuthTries 0", true },
	{ SSHD, "ClientAliveCountMax 0", true },
	{ SSH, "CanonicalizeMaxDots 0", true },
	{ SSH, "ConnectTimeout 0", true },
	{ SSHD, "X11DisplayOffset 2147483647", true },
	{ SSH, "Port \" 22\"", true },
	{ SSH, "Port +22", true },
	{ SSH, "Port 022", true },
	{ SSHD, "Port 22x", false },
	{ SSH, "RekeyLimit 1Kb", false },
	{ SSH, "RekeyLimit 1K!", true },
	{ SSH, "RekeyLimit -", true },
	{ SSH, "RekeyLimit 1G 0", true },
	{ SSH, "RekeyLimit 1G \"\"", false },
	{ SSH, "IPQoS af11 \"\"", false },
	{ SSHD, "IPQoS af11 af12 af13", false },
	{ SSH, "ControlPersist false", true },
	{ SSH, "ControlPersist 1h30m", true },
	{ SSH, "EscapeChar ^@", true },
	{ SSH, "EscapeChar ^~", true },
	{ SSH, "EscapeChar x", true },
	{ SSH, "TunnelDevice 2147483645", true },
	{ SSH, "TunnelDevice 0:any", true },
	{ SSH, "StreamLocalBindMask +7", true },
	{ SSH, "SendEnv -*", true },
	{ SSH, "SetEnv A=1 B", false },
	{ SSHD, "SetEnv A=1 \"\"", false },
	{ SSHD, "AcceptEnv LANG \"\"", false },
	{ SSH, "LocalForward [/tmp/a]:x localhost:80", false },
	{ SSH, "LocalForward 8080 [localhost]:80", true },
	{ SSH, "LocalForward localhost:8080:x localhost:80", false },
	{ SSH, "LocalForward 8080\\:x localhost:80", false },
	{ SSH, "RemoteForward [::1]:8080 localhost:80", true },
	{ SSH, "RemoteForward 8080 localhost", false },
	{ SSH, "RemoteForward 8080 localhost:99999", false },
	{ SSH, "DynamicForward 65536", false },
	{ SSH, "DynamicForward *:1080", true },
	{ SSH, "PermitRemoteOpen host:*", true },
	{ SSH, "PermitRemoteOpen host/22", false },
	{ SSH, "PermitRemoteOpen [::1", false },
	{ SSHD, "PermitOpen [::1]:*", true },
	{ SSHD, "PermitOpen host/22", false },
	{ SSHD, "PermitListen *", true },
	{ SSHD, "PermitListen localhost:*", true },
	{ SSHD, "ListenAddress [::1]", true },
	{ SSHD, "ListenAddress 127.0.0.1:22 rdomain", false },
	{ SSHD, "ListenAddress 127.0.0.1 a b", false },
	{ SSHD, "ListenAddress 127.0.0.1:", false },
	{ SSHD, "MaxStartups 10:30:100 x", false },
	{ SSHD, "MaxStartups 1:1:1", true },
	{ SSHD, "PerSourceNetBlockSize 32:128", true },
	{ SSHD, "PerSourceNetBlockSize -1", false },
	{ SSHD, "AllowUsers *@192.168.0.0/16", true },
	{ SSHD, "AllowUsers a@!", false },
	{ SSHD, "AllowUsers a@1.2.3.4,", false },
	{ SSHD, "AllowUsers a@::1/129", true },
	{ SSHD, "DenyUsers a@fe80::/10", true },
	{ SSHD, "AllowGroups \"\"", false },
	{ SSHD, "AuthenticationMethods any\nAuthenticationMethods password", true },
	{ SSHD, "AuthenticationMethods keyboard-interactive:bsdauth", true },
	{ SSHD, "AuthenticationMethods publickey,publickey", true },
	{ SSHD, "PubkeyAuthOptions none none", true },
	{ SSHD, "ChannelTimeout session=5m x11-connection=1h", true },
	{ SSHD, "ChannelTimeout session=1.5", false },
	{ SSHD, "ChannelTimeout session=", false },
	{ SSHD, "Banner \"\"", false },
	{ SSHD, "AuthorizedKeysFile none none", true },
	{ SSHD, "AuthorizedKeysCommand none # comment", false },
	{ SSHD, "AuthorizedKeysCommand /x # comment\nAuthorizedKeysCommandUser nobody", true },
	{ SSHD, "VersionAddendum none # comment", true },
	{ SSHD, "PidFile /run/x.pid extra", false },
	{ SSHD, "HostKey \"\"", false },
	{ SSH, "ProxyJump user@host:22", true },
	{ SSH, "ProxyJump host:22:33", false },
	{ SSH, "ProxyJump [::1]:22", true },
	{ SSH, "ProxyJump ssh://[::1]", false },
	{ SSH, "ProxyJump ssh://host:22/", true },
	{ SSH, "ProxyJump ssh://u;x=y@host", true },
	{ SSH, "ProxyJump ssh://@host", false },
	{ SSH, "ProxyJump a@b@c", true },
	{ SSH, "ProxyJump NONE", true },
	{ SSH, "ForwardAgent no", true },
	{ SSH, "ForwardAgent Yes", true },
	{ SSH, "ForwardAgent ${}", false },
	{ SSH, "IdentityAgent $HOME", true },
	{ SSH, "IdentityAgent ${SHELL}/x", true },
	{ SSH, "AddKeysToAgent no 1h", false },
	{ SSH, "AddKeysToAgent 0", true },
	{ SSH, "CanonicalizeHostname no extra", false },
	{ SSH, "UserKnownHostsFile \"\"", false },
	{ SSH, "IdentityFile2 /x", true },
	{ SSH, "SmartcardDevice \"\"", false },
	{ SSH, "KeepAlive yes", true },
	{ SSHD, "KeepAlive true", false },
	{ SSHD, "DSAAuthentication no", true },
	{ SSH, "HostbasedKeyTypes bogus", false },
	{ SSHD, "PubkeyAcceptedKeyTypes bogus", false },
	{ SSH, "Tunnel ethernet extra", false },
	{ SSHD, "UseDNS yes", true },
	{ SSHD, "PermitUserRC no", true },
	{ SSHD, "TCPKeepAlive yes", true },
	{ SSHD, "X11UseLocalhost maybe", false },
	{ SSH, "ConnectTimeout 5 6", false },
	{ SSH, "User \"a b\"", true },
	{ SSH, "LogVerbose \"\"", false },
	{ SSHD, "ClientAliveInterval 1w1d", true },
	{ SSHD, "LoginGraceTime \" 5\"", true },
	{ SSH, "Hostname %h.example.com", true },
	{ SSH, "Hostname %z.example.com", false },
	{ SSH, "Hostname 100%%", true },
	{ SSH, "Hostname 100%", false },
	{ SSH, "Hostname %p.example.com", false },
	{ SSH, "ControlPath ~/.ssh/cm-%C", true },
	{ SSH, "ControlPath /tmp/%r@%h:%p", true },
	{ SSH, "ControlPath /tmp/%z", false },
	{ SSH, "ControlPath /tmp/%j", false },
	{ SSH, "ControlPath none", true },
	{ SSH, "IdentityAgent /tmp/%d/agent", true },
	{ SSH, "IdentityAgent /tmp/%T", false },
	{ SSH, "ForwardAgent /tmp/%u/sock", true },
	{ SSH, "ForwardAgent /tmp/%x/sock", false },
	{ SSH, "UserKnownHostsFile ~/.ssh/known_hosts_%h", true },
	{ SSH, "UserKnownHostsFile ~/.ssh/kh %q", false },
	{ SSH, "RemoteCommand echo %h %r", true },
	{ SSH, "RemoteCommand echo 100%", false },
	{ SSH, "RemoteCommand echo %T", false },
	{ SSH, "LocalForward /tmp/%h.sock localhost:22", true },
	{ SSH, "LocalForward /tmp/%Q.sock localhost:22", false },
	{ SSH, "RemoteForward 8022 /tmp/%z.sock", false },
	{ SSH, "DynamicForward /tmp/%h.socks", true },
	{ SSH, "DynamicForward /tmp/%y.socks", false },
	{ SSH, "IdentityFile ~/.ssh/%h", true },
	{ SSH, "LocalCommand echo %z", true },
	{ SSH, "ProxyCommand nc %z", true },
	{ SSH, "ControlPath /tmp/%", false },
	{ SSH, "ProxyJump host:22 no", true },
	{ SSH, "ProxyJump x y,z:0", true },
	{ SSH, "ProxyJump a, b", false },
	{ SSH, "ProxyJump a,b:0 c", false },
	{ SSH, "ProxyJump a#b", true },
	{ SSHD, "ListenAddress ::1:-1:ssh", false },
	{ SSHD, "ListenAddress :22:*", false },
	{ SSHD, "ListenAddress fe80::1", true },
	{ SSHD, "ListenAddress ::ffff:127.0.0.1", true },
	{ SSHD, "AllowUsers u@1.2.3.4/33", false },
	{ SSHD, "AllowUsers u@1.2.3.4/-1", true },
	{ SSHD, "AllowUsers u@fe80::1/10", false },
	{ SSH, "Ciphers ^aes128-ctr,,!x", true },
	{ SSHD, "Ciphers ^aes128-ctr,,!x", false },
	{ SSHD, "KexAlgorithms +curve25519-sha256,,!x", true },
	{ SSH, "HostKeyAlgorithms ^ssh-ed25519,!ssh-rsa", false },
	{ SSH, "LocalForward [/tmp/s] localhost:22", true },
	{ SSH, "LocalForward localhost:22 [/tmp/s]", true },
	{ SSH, "RemoteForward [::1]:0 localhost:22", true },
	{ SSH, "TunnelDevice :1", false },
	{ SSH, "AddKeysToAgent confirm x", false },
	{ SSHD, "AuthenticationMethods gssapi-keyex\nGSSAPIKeyExchange yes", false },
	{ SSHD, "MaxStartups 10:30:100:1", true },
	{ SSHD, "PerSourceNetBlockSize 0:0", true },
	{ SSHD, "AuthenticationMethods gssapi-keyex\nGSSAPIAuthentication yes", true },
	{ SSHD, "AuthenticationMethods gssapi-with-mic\nGSSAPIAuthentication yes", true },
	{ SSHD, "Ciphers aes128-ctr\nCiphers ,bogus", true },
	{ SSHD, "Match user x\nPubkeyAcceptedAlgorithms ,bogus", true },
	{ SSHD, "Match user x\nPubkeyAcceptedAlgorithms !ssh-rsa", true },
	{ SSHD, "PubkeyAcceptedAlgorithms ssh-ed25519\nPubkeyAcceptedAlgorithms !ssh-rsa", true },
	{ SSH, "Host other\nHostKeyAlgorithms ,bogus", true },
	{ SSH, "HostKeyAlgorithms ssh-ed25519\nHostKeyAlgorithms ,bogus", true },
	{ SSH, "ConnectionAttempts 3\nConnectionAttempts 0", true },
	{ SSH, "Host other\nConnectionAttempts 0", true },
	{ SSH, "Host other\nControlPath /tmp/%z", true },
	{ SSH, "ControlPath /tmp/x\nControlPath /tmp/%z", true },
	{ SSH, "Host other\nLocalForward /tmp/%Q.sock localhost:22", true },
	{ SSH, "LocalForward /tmp/a.sock localhost:22\nLocalForward /tmp/%Q.sock localhost:22", false },
	{ SSH, "UserKnownHostsFile /x\nUserKnownHostsFile /%q", true },
	{ SSH, "Host other\nUserKnownHostsFile /%q", true },
	{ SSHD, "Match user x\nAuthorizedKeysCommand /x", true },
	{ SSHD, "AuthenticationMethods publickey\nAuthenticationMethods any", false },
	{ SSHD, "Match user x\nCASignatureAlgorithms rsa", true },
};

/* ------------------------------------------------------------------ */
/* a small OpenSSH-like line splitter for the tests */

#define MAXARGS 32

struct tline {
	char keyword[64];
	char cooked[MAXARGS][4096];
	struct sl_arg args[MAXARGS];
	size_t nargs;
	uint32_t kw_start, kw_end, line_end;
};

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t';
}

/* Split one line: keyword (strdelim), then argv_split or the raw rest. */
static void
split_line(enum sl_dialect d, const char *line, size_t len, struct tline *t)
{
	const struct sl_keyword *kw;
	size_t i = 0, k = 0, o;
	char q;

	memset(t, 0, sizeof(*t));
	while (len > 0 && (is_ws(line[len - 1]) || line[len - 1] == '\r'))
		len--;
	t->line_end = (uint32_t)len;
	while (i < len && is_ws(line[i]))
		i++;
	t->kw_start = (uint32_t)i;
	while (i < len && !is_ws(line[i]) && line[i] != '=' &&
	    k < sizeof(t->keyword) - 1)
		t->keyword[k++] = line[i++];
	t->kw_end = (uint32_t)i;
	while (i < len && is_ws(line[i]))
		i++;
	if (i < len && line[i] == '=') {
		i++;
		while (i < len && is_ws(line[i]))
			i++;
	}
	kw = sl_kw_lookup_any(d, t->keyword, strlen(t->keyword));
	if (kw != NULL && (kw->flags & SL_KWF_RAW)) {
		while (i < len && (is_ws(line[i]) ||
		    (d == SL_DIALECT_SSH && line[i] == '=')))
			i++;
		if (len - i >= sizeof(t->cooked[0]))
			len = i + sizeof(t->cooked[0]) - 1;
		memcpy(t->cooked[0], line + i, len - i);
		t->cooked[0][len - i] = '\0';
		t->args[0].val = t->cooked[0];
		t->args[0].len = len - i;
		t->args[0].start = (uint32_t)i;
		t->args[0].end = (uint32_t)len;
		t->nargs = len > i ? 1 : 0;
		return;
	}
	while (i < len && t->nargs < MAXARGS) {
		while (i < len && is_ws(line[i]))
			i++;
		if (i >= len || line[i] == '#')
			break;
		t->args[t->nargs].start = (uint32_t)i;
		o = 0;
		q = 0;
		while (i < len && (q != 0 || !is_ws(line[i])) &&
		    o < sizeof(t->cooked[0]) - 2) {
			if (line[i] == '\\' && i + 1 < len &&
			    (line[i + 1] == '\\' || line[i + 1] == '"' ||
			    line[i + 1] == '\'' || (q == 0 &&
			    line[i + 1] == ' '))) {
				t->cooked[t->nargs][o++] = line[i + 1];
				i += 2;
				continue;
			}
			if (q == 0 && (line[i] == '"' || line[i] == '\'')) {
				q = line[i++];
				continue;
			}
			if (q != 0 && line[i] == q) {
				q = 0;
				i++;
				continue;
			}
			t->cooked[t->nargs][o++] = line[i++];
		}
		t->cooked[t->nargs][o] = '\0';
		t->args[t->nargs].val = t->cooked[t->nargs];
		t->args[t->nargs].len = o;
		t->args[t->nargs].end = (uint32_t)i;
		t->nargs++;
	}
}

struct run {
	struct sl_diags diags;
	size_t nerr, nwarn;
};

/*
 * Check every line of `text` as one configuration (shared state; a Match
 * or Host line opens a block) for releases [vmin, vmax].
 */
static void
run_text(enum sl_dialect d, const char *text, int vmin, int vmax,
    bool debian, struct run *r)
{
	struct sl_check c;
	struct sl_check_state *st;
	const struct sl_keyword *kw;
	struct tline t;
	const char *line = text, *nl;
	size_t len, i;
	bool in_block = false;

	memset(r, 0, sizeof(*r));
	st = sl_check_state_new();
	assert_non_null(st);
	for (;;) {
		nl = strchr(line, '\n');
		len = nl != NULL ? (size_t)(nl - line) : strlen(line);
		split_line(d, line, len, &t);
		kw = sl_kw_lookup(d, t.keyword, strlen(t.keyword), vmax);
		if (kw == NULL)
			fail_msg("keyword of '%.*s' unknown", (int)len, line);
		if (kw->flags & (SL_KWF_MATCH | SL_KWF_HOST)) {
			in_block = true;
		} else {
			memset(&c, 0, sizeof(c));
			c.diags = &r->diags;
			c.source_id = 1;
			c.dialect = d;
			c.version_min = vmin;
			c.version_max = vmax;
			c.debian = debian;
			c.in_block = in_block;
			c.kw_start = t.kw_start;
			c.kw_end = t.kw_end;
			c.line_end = t.line_end;
			c.state = st;
			assert_int_equal(sl_check_directive(&c, kw, t.args,
			    t.nargs), 0);
		}
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	memset(&c, 0, sizeof(c));
	c.diags = &r->diags;
	c.dialect = d;
	c.version_min = vmin;
	c.version_max = vmax;
	c.debian = debian;
	c.state = st;
	assert_int_equal(sl_check_finish(&c), 0);
	sl_check_state_free(st);
	for (i = 0; i < r->diags.n; i++) {
		if (r->diags.v[i].severity == SL_SEV_ERROR)
			r->nerr++;
		else if (r->diags.v[i].severity == SL_SEV_WARNING)
			r->nwarn++;
	}
}

static void
run_release(struct run *r)
{
	sl_diags_release(&r->diags);
}

/* The only finding, of rule `rule`. */
static const struct sl_diag *
only(struct run *r, enum sl_rule rule)
{
	if (r->diags.n != 1) {
		size_t i;

		for (i = 0; i < r->diags.n; i++)
			print_message("  finding: %s\n",
			    r->diags.v[i].message);
		fail_msg("%zu findings, wanted 1", r->diags.n);
	}
	assert_int_equal(r->diags.v[0].rule, rule);
	return &r->diags.v[0];
}

/* ------------------------------------------------------------------ */

static void
test_values__verified_92(void **state)
{
	struct run r;
	size_t i, bad = 0, nacc = 0;

	(void)state;
	for (i = 0; i < sizeof(verified) / sizeof(verified[0]); i++) {
		run_text(verified[i].d, verified[i].text, V(9, 2), V(9, 2),
		    true, &r);
		if ((r.nerr == 0) != verified[i].accept) {
			print_message("MISMATCH %s '%s': OpenSSH %s, sshlint "
			    "%zu error(s)%s%s\n", verified[i].d == SSH ?
			    "ssh" : "sshd", verified[i].text,
			    verified[i].accept ? "accepts" : "rejects",
			    r.nerr, r.diags.n ? ": " : "",
			    r.diags.n ? r.diags.v[0].message : "");
			bad++;
		}
		nacc += verified[i].accept;
		run_release(&r);
	}
	assert_true(i >= 150);
	assert_true(nacc > 50 && i - nacc > 50);
	assert_int_equal(bad, 0);
}

/* Messages: lower case start, no final full stop, keyword quoted. */
static void
test_values__message_style(void **state)
{
	struct run r;
	size_t i, j, len;
	const char *m;

	(void)state;
	for (i = 0; i < sizeof(verified) / sizeof(verified[0]); i++) {
		run_text(verified[i].d, verified[i].text, V(9, 2), V(9, 2),
		    true, &r);
		for (j = 0; j < r.diags.n; j++) {
			m = r.diags.v[j].message;
			len = strlen(m);
			assert_true(len > 10);
			if (m[0] >= 'A' && m[0] <= 'Z')
				fail_msg("capital: %s", m);
			if (m[len - 1] == '.')
				fail_msg("full stop: %s", m);
			assert_non_null(strchr(m, '\''));
			assert_true(r.diags.v[j].start <= r.diags.v[j].end);
		}
		run_release(&r);
	}
}

static void
test_values__bad_flag_message(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	run_text(SSHD, "PasswordAuthentication maybe", V(9, 2), V(9, 2),
	    true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_string_equal(dg->message, "bad value 'maybe' for "
	    "'PasswordAuthentication': expected yes or no");
	assert_int_equal(dg->start, 23);
	assert_int_equal(dg->end, 28);
	run_release(&r);

	run_text(SSHD, "PasswordAuthentication true", V(9, 2), V(9, 2),
	    true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_non_null(strstr(dg->message, "true/false"));
	run_release(&r);
}

static void
test_values__extra_arguments_span(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	/*                0         1         2
	 *                0123456789012345678901234567 */
	run_text(SSH, "Port 22 23  24", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_EXTRA_ARGUMENTS);
	assert_int_equal(dg->start, 8);
	assert_int_equal(dg->end, 14);
	assert_non_null(strstr(dg->message, "'Port'"));
	run_release(&r);

	/* a bad value is found before the extra arguments, as OpenSSH does */
	run_text(SSH, "Port abc 23", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->start, 5);
	assert_int_equal(dg->end, 8);
	run_release(&r);
}

static void
test_values__missing_and_empty(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	run_text(SSH, "LocalForward 8080", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_MISSING_ARGUMENT);
	assert_int_equal(dg->start, 0);
	assert_int_equal(dg->end, 17);
	run_release(&r);

	run_text(SSH, "User \"\"", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_EMPTY_ARGUMENT);
	assert_int_equal(dg->start, 5);
	assert_int_equal(dg->end, 7);
	run_release(&r);

	run_text(SSHD, "Subsystem sftp", V(9, 2), V(9, 2), true, &r);
	(void)only(&r, SL_RULE_MISSING_ARGUMENT);
	run_release(&r);

	/* "User #comment": no argument reaches the validator */
	run_text(SSH, "User #comment", V(9, 2), V(9, 2), true, &r);
	(void)only(&r, SL_RULE_MISSING_ARGUMENT);
	run_release(&r);
	/* ... which SendEnv accepts */
	run_text(SSH, "SendEnv #comment", V(9, 2), V(9, 2), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
}

static void
test_values__algorithm_spans(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	/*                0         1         2         3
	 *                0123456789012345678901234567890123456 */
	run_text(SSH, "Ciphers aes128-ctr,bogus,aes256-ctr", V(9, 2),
	    V(9, 2), true, &r);
	dg = only(&r, SL_RULE_UNKNOWN_ALGORITHM);
	assert_int_equal(dg->start, 19);
	assert_int_equal(dg->end, 24);
	assert_non_null(strstr(dg->message, "'bogus'"));
	assert_non_null(strstr(dg->message, "Bad SSH2 cipher spec"));
	run_release(&r);

	/* every unknown name is reported */
	run_text(SSHD, "MACs +foo,hmac-sha1,bar", V(9, 2), V(9, 2), true,
	    &r);
	assert_int_equal(r.diags.n, 2);
	assert_int_equal(r.diags.v[0].start, 6);
	assert_int_equal(r.diags.v[1].start, 20);
	run_release(&r);

	/* quoted: the whole argument */
	run_text(SSH, "Ciphers \"aes128-ctr,bogus\"", V(9, 2), V(9, 2), true,
	    &r);
	dg = only(&r, SL_RULE_UNKNOWN_ALGORITHM);
	assert_int_equal(dg->start, 8);
	assert_int_equal(dg->end, 26);
	run_release(&r);

	/* case hint */
	run_text(SSH, "Ciphers AES128-CTR", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_UNKNOWN_ALGORITHM);
	assert_non_null(strstr(dg->message, "'aes128-ctr'"));
	run_release(&r);
}

static void
test_values__algorithm_ranges(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	/* arcfour left in 7.6 */
	run_text(SSH, "Ciphers aes128-ctr,arcfour", V(7, 4), V(9, 2), false,
	    &r);
	dg = only(&r, SL_RULE_ALGORITHM_NOT_IN_RANGE);
	assert_non_null(strstr(dg->message, "7.6 to 9.2"));
	assert_int_equal(dg->severity, SL_SEV_ERROR);
	run_release(&r);
	run_text(SSH, "Ciphers arcfour", V(7, 4), V(7, 5), false, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	/* unknown to the whole range but known to older releases */
	run_text(SSH, "Ciphers arcfour", V(9, 0), V(9, 2), false, &r);
	dg = only(&r, SL_RULE_UNKNOWN_ALGORITHM);
	assert_non_null(strstr(dg->message, "7.4"));
	run_release(&r);
	/* sntrup761x25519-sha512: Debian 9.2 backport, upstream 9.9 */
	run_text(SSH, "KexAlgorithms sntrup761x25519-sha512", V(9, 2),
	    V(9, 2), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSH, "KexAlgorithms sntrup761x25519-sha512", V(9, 2),
	    V(9, 2), false, &r);
	(void)only(&r, SL_RULE_UNKNOWN_ALGORITHM);
	run_release(&r);
	/* DSA key types are gone in 10.1; a pattern for them too */
	run_text(SSHD, "PubkeyAcceptedAlgorithms +ssh-dss*", V(9, 2),
	    V(10, 5), false, &r);
	dg = only(&r, SL_RULE_ALGORITHM_NOT_IN_RANGE);
	assert_non_null(strstr(dg->message, "9.8 to 10.5"));
	run_release(&r);
	/* '-' lists are never validated */
	run_text(SSH, "Ciphers -nonsense*", V(7, 4), V(10, 5), false, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
}

static void
test_values__algorithm_assembly(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	/* ssh 9.2 only logs it; 10.4 made it fatal */
	run_text(SSH, "PubkeyAcceptedAlgorithms !ssh-rsa", V(9, 2), V(9, 2),
	    true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->severity, SL_SEV_WARNING);
	run_release(&r);
	run_text(SSH, "PubkeyAcceptedAlgorithms !ssh-rsa", V(9, 2),
	    V(10, 5), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->severity, SL_SEV_ERROR);
	assert_non_null(strstr(dg->message, "10.4 to 10.5"));
	run_release(&r);
	/* sshd always refuses it */
	run_text(SSHD, "PubkeyAcceptedAlgorithms !ssh-rsa", V(9, 2),
	    V(9, 2), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->severity, SL_SEV_ERROR);
	run_release(&r);
	/* nothing selected */
	run_text(SSHD, "HostKeyAlgorithms rsa", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_UNKNOWN_ALGORITHM);
	assert_int_equal(dg->severity, SL_SEV_ERROR);
	run_release(&r);
	run_text(SSH, "CASignatureAlgorithms rsa", V(9, 2), V(9, 2), true,
	    &r);
	dg = only(&r, SL_RULE_UNKNOWN_ALGORITHM);
	assert_int_equal(dg->severity, SL_SEV_WARNING);
	run_release(&r);
}

static void
test_values__casig_certificates(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	/* 9.2 parses a certificate type (and fails at assembly) */
	run_text(SSHD, "CASignatureAlgorithms ssh-ed25519,"
	    "ssh-ed25519-cert-v01@openssh.com", V(9, 2), V(9, 2), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSHD, "CASignatureAlgorithms ssh-ed25519,"
	    "ssh-ed25519-cert-v01@openssh.com", V(9, 2), V(9, 4), true, &r);
	dg = only(&r, SL_RULE_ALGORITHM_NOT_IN_RANGE);
	assert_non_null(strstr(dg->message, "9.4"));
	run_release(&r);
}

static void
test_values__time_versions(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	run_text(SSH, "ConnectTimeout +5", V(9, 2), V(9, 2), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSH, "ConnectTimeout +5", V(9, 2), V(10, 5), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_non_null(strstr(dg->message, "(OpenSSH 9.8 to 10.5)"));
	run_release(&r);
	/* fractions of seconds from 10.3 only */
	run_text(SSHD, "LoginGraceTime 1.5", V(10, 3), V(10, 5), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSHD, "LoginGraceTime 1.5", V(10, 0), V(10, 5), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_non_null(strstr(dg->message, "(OpenSSH 10.0 to 10.2)"));
	run_release(&r);
	run_text(SSHD, "LoginGraceTime 1.5m", V(10, 3), V(10, 3), true, &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	run_text(SSHD, "LoginGraceTime 5s5", V(10, 3), V(10, 3), true, &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	run_text(SSHD, "LoginGraceTime 1h30m", V(7, 4), V(10, 5), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	/* IPQoS numbers: any base before 9.8 */
	run_text(SSH, "IPQoS 0x10", V(9, 2), V(9, 8), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_non_null(strstr(dg->message, "(OpenSSH 9.8)"));
	run_release(&r);
}

static void
test_values__other_versions(void **state)
{
	struct run r;

	(void)state;
	run_text(SSH, "PubkeyAuthentication host-bound", V(8, 8), V(8, 9),
	    true, &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	run_text(SSH, "Compression true", V(8, 1), V(8, 1), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSHD, "IgnoreRhosts shosts-only", V(8, 2), V(8, 2), true,
	    &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	/* several revoked-key files from 10.3 */
	run_text(SSHD, "RevokedKeys /a /b", V(10, 3), V(10, 5), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSHD, "RevokedKeys /a /b", V(9, 2), V(10, 5), true, &r);
	(void)only(&r, SL_RULE_EXTRA_ARGUMENTS);
	run_release(&r);
	/* AuthorizedKeysFile none alone from 10.3 */
	run_text(SSHD, "AuthorizedKeysFile none .ssh/x", V(10, 3), V(10, 3),
	    true, &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	/* trailing "none" in ChannelTimeout refused from 9.7 */
	run_text(SSHD, "ChannelTimeout session=5m none", V(9, 7), V(9, 7),
	    true, &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	/* a row outside the range is checked where it applies */
	run_text(SSH, "ObscureKeystrokeTiming interval:2000", V(9, 5),
	    V(10, 5), true, &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	run_text(SSH, "ObscureKeystrokeTiming interval:20", V(9, 5),
	    V(10, 5), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
}

static void
test_values__subsystem_state(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	run_text(SSHD, "Subsystem sftp /a\nSubsystem sftp /b", V(9, 2),
	    V(9, 2), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->start, 10);
	assert_non_null(strstr(dg->message, "'sftp'"));
	run_release(&r);
	/* first wins without complaint from 9.5 */
	run_text(SSHD, "Subsystem sftp /a\nSubsystem sftp /b", V(9, 5),
	    V(10, 5), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSHD, "Subsystem sftp /a\nSubsystem sftp /b", V(9, 2),
	    V(10, 5), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_non_null(strstr(dg->message, "(OpenSSH 9.2 to 9.4)"));
	run_release(&r);
}

static void
test_values__authmethods_any(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	run_text(SSHD, "AuthenticationMethods password\nMatch user u\n"
	    "AuthenticationMethods any", V(9, 2), V(10, 5), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_non_null(strstr(dg->message, "(OpenSSH 9.2 to 9.6)"));
	run_release(&r);
	run_text(SSHD, "AuthenticationMethods password\nMatch user u\n"
	    "AuthenticationMethods any", V(9, 7), V(10, 5), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
}

static void
test_values__finish(void **state)
{
	struct run r;

	(void)state;
	/* AuthorizedKeysCommand without its User is lint/check.c's */
	run_text(SSHD, "AuthorizedKeysCommand /bin/true", V(9, 2), V(9, 2),
	    true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	/* only top-level lines count */
	run_text(SSHD, "PasswordAuthentication no\nMatch user x\n"
	    "AuthenticationMethods password", V(9, 2), V(9, 2), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSHD, "KbdInteractiveAuthentication no\nPasswordAuthentication"
	    " no\nAuthenticationMethods password keyboard-interactive",
	    V(9, 2), V(9, 2), true, &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	/* ssh: nothing to do */
	run_text(SSH, "User x", V(9, 2), V(9, 2), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
}

static void
test_values__vendor_values(void **state)
{
	struct run r;

	(void)state;
	run_text(SSHD, "LogLevel SILENT", V(9, 2), V(9, 2), false, &r);
	(void)only(&r, SL_RULE_BAD_VALUE);
	run_release(&r);
	run_text(SSHD, "AuthenticationMethods gssapi-keyex", V(9, 2), V(9, 2),
	    false, &r);
	assert_true(r.diags.n >= 1);
	assert_int_equal(r.diags.v[0].rule, SL_RULE_BAD_VALUE);
	assert_non_null(strstr(r.diags.v[0].message, "'gssapi-keyex'"));
	run_release(&r);
	run_text(SSH, "KexAlgorithms +gss-gex-sha1-", V(9, 2), V(9, 2),
	    false, &r);
	(void)only(&r, SL_RULE_UNKNOWN_ALGORITHM);
	run_release(&r);
}

/* tokens ssh expands only when it uses the option: warnings */
static void
test_values__late_tokens(void **state)
{
	struct run r;
	const struct sl_diag *dg;

	(void)state;
	/* `ssh -G` accepts these; a connection stops at the expansion */
	run_text(SSH, "ProxyCommand nc %z %p", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->severity, SL_SEV_WARNING);
	assert_non_null(strstr(dg->message, "'%z'"));
	run_release(&r);
	run_text(SSH, "IdentityFile ~/.ssh/%q", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->severity, SL_SEV_WARNING);
	run_release(&r);
	/* the command itself is not expanded, %T only in LocalCommand */
	run_text(SSH, "KnownHostsCommand /bin/%x %H %K", V(9, 2), V(9, 2),
	    true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSH, "LocalCommand echo %T %h", V(9, 2), V(9, 2), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSH, "RemoteCommand echo %T", V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->severity, SL_SEV_ERROR);
	run_release(&r);
	/* only the value in use is expanded */
	run_text(SSH, "Host other\nControlPath /tmp/%z", V(9, 2), V(9, 2),
	    true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->severity, SL_SEV_WARNING);
	run_release(&r);
	run_text(SSH, "ControlPath /tmp/x\nControlPath /tmp/%z", V(9, 2),
	    V(9, 2), true, &r);
	assert_int_equal(r.diags.n, 0);
	run_release(&r);
	run_text(SSHD, "Match user x\nPubkeyAcceptedAlgorithms !ssh-rsa",
	    V(9, 2), V(9, 2), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_int_equal(dg->severity, SL_SEV_WARNING);
	run_release(&r);
	/* %j from 9.6 */
	run_text(SSH, "ControlPath ~/.ssh/%j", V(9, 2), V(9, 6), true, &r);
	dg = only(&r, SL_RULE_BAD_VALUE);
	assert_non_null(strstr(dg->message, "(OpenSSH 9.2 to 9.5)"));
	run_release(&r);
}

static void
test_values__out_of_memory(void **state)
{
	struct sl_diags diags = SL_DIAGS_INIT;
	struct sl_check c;
	struct sl_arg a = { "maybe", 5, 5, 10 };
	const struct sl_keyword *kw;
	int r;

	(void)state;
	kw = sl_kw_lookup(SSH, "BatchMode", 9, V(9, 2));
	assert_non_null(kw);
	memset(&c, 0, sizeof(c));
	c.diags = &diags;
	c.dialect = SSH;
	c.version_min = c.version_max = V(9, 2);
	sl_alloc_fail_after(0);
	r = sl_check_directive(&c, kw, &a, 1);
	sl_alloc_fail_after(-1);
	assert_int_equal(r, SL_ENOMEM);
	sl_diags_release(&diags);
	sl_alloc_fail_after(0);
	assert_null(sl_check_state_new());
	sl_alloc_fail_after(-1);
	sl_check_state_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values__verified_92),
		cmocka_unit_test(test_values__message_style),
		cmocka_unit_test(test_values__bad_flag_message),
		cmocka_unit_test(test_values__extra_arguments_span),
		cmocka_unit_test(test_values__missing_and_empty),
		cmocka_unit_test(test_values__algorithm_spans),
		cmocka_unit_test(test_values__algorithm_ranges),
		cmocka_unit_test(test_values__algorithm_assembly),
		cmocka_unit_test(test_values__casig_certificates),
		cmocka_unit_test(test_values__time_versions),
		cmocka_unit_test(test_values__other_versions),
		cmocka_unit_test(test_values__subsystem_state),
		cmocka_unit_test(test_values__authmethods_any),
		cmocka_unit_test(test_values__finish),
		cmocka_unit_test(test_values__vendor_values),
		cmocka_unit_test(test_values__late_tokens),
		cmocka_unit_test(test_values__out_of_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
