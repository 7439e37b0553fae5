/*
 * Unit tests of the keyword tables (lint/keywords.def, lint/keywords.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "lint/keywords.h"

#define V(a, b) SL_VERSION(a, b)

/* 131 names: every keyword the installed ssh 9.2p1 (Debian) accepts */
static const char *const ssh92_names[] = {
	"addkeystoagent", "addressfamily", "afstokenpassing", "batchmode",
	"bindaddress", "bindinterface", "canonicaldomains",
	"canonicalizefallbacklocal", "canonicalizehostname",
	"canonicalizemaxdots", "canonicalizepermittedcnames",
	"casignaturealgorithms", "certificatefile",
	"challengeresponseauthentication", "checkhostip", "cipher",
	"ciphers", "clearallforwardings", "compression", "compressionlevel",
	"connectionattempts", "connecttimeout", "controlmaster",
	"controlpath", "controlpersist", "dsaauthentication",
	"dynamicforward", "enableescapecommandline", "enablesshkeysign",
	"escapechar", "exitonforwardfailure", "fallbacktorsh",
	"fingerprinthash", "forkafterauthentication", "forwardagent",
	"forwardx11", "forwardx11timeout", "forwardx11trusted",
	"gatewayports", "globalknownhostsfile", "globalknownhostsfile2",
	"gssapiauthentication", "gssapiclientidentity",
	"gssapidelegatecredentials", "gssapikexalgorithms",
	"gssapikeyexchange", "gssapirenewalforcesrekey",
	"gssapiserveridentity", "gssapitrustdns", "hashknownhosts", "host",
	"hostbasedacceptedalgorithms", "hostbasedauthentication",
	"hostbasedkeytypes", "hostkeyalgorithms", "hostkeyalias", "hostname",
	"identitiesonly", "identityagent", "identityfile", "identityfile2",
	"ignoreunknown", "include", "ipqos", "kbdinteractiveauthentication",
	"kbdinteractivedevices", "keepalive", "kerberosauthentication",
	"kerberostgtpassing", "kexalgorithms", "knownhostscommand",
	"localcommand", "localforward", "loglevel", "logverbose", "macs",
	"match", "nohostauthenticationforlocalhost",
	"numberofpasswordprompts", "passwordauthentication",
	"permitlocalcommand", "permitremoteopen", "pkcs11provider", "port",
	"preferredauthentications", "protocol", "protocolkeepalives",
	"proxycommand", "proxyjump", "proxyusefdpass",
	"pubkeyacceptedalgorithms", "pubkeyacceptedkeytypes",
	"pubkeyauthentication", "rekeylimit", "remotecommand",
	"remoteforward", "requesttty", "requiredrsasize", "revokedhostkeys",
	"rhostsauthentication", "rhostsrsaauthentication",
	"rsaauthentication", "securitykeyprovider", "sendenv",
	"serveralivecountmax", "serveraliveinterval", "sessiontype",
	"setenv", "setuptimeout", "skeyauthentication", "smartcarddevice",
	"stdinnull", "streamlocalbindmask", "streamlocalbindunlink",
	"stricthostkeychecking", "syslogfacility", "tcpkeepalive",
	"tisauthentication", "tunnel", "tunneldevice", "updatehostkeys",
	"useblacklistedkeys", "useprivilegedport", "user",
	"userknownhostsfile", "userknownhostsfile2", "useroaming", "usersh",
	"verifyhostkeydns", "visualhostkey", "xauthlocation",
};
/* 128 names: every keyword the installed sshd 9.2p1 (Debian) accepts */
static const char *const sshd92_names[] = {
	"acceptenv", "addressfamily", "afstokenpassing",
	"allowagentforwarding", "allowgroups", "allowstreamlocalforwarding",
	"allowtcpforwarding", "allowusers", "authenticationmethods",
	"authorizedkeyscommand", "authorizedkeyscommanduser",
	"authorizedkeysfile", "authorizedkeysfile2",
	"authorizedprincipalscommand", "authorizedprincipalscommanduser",
	"authorizedprincipalsfile", "banner", "casignaturealgorithms",
	"challengeresponseauthentication", "channeltimeout", "checkmail",
	"chrootdirectory", "ciphers", "clientalivecountmax",
	"clientaliveinterval", "compression", "debianbanner", "denygroups",
	"denyusers", "disableforwarding", "dsaauthentication",
	"exposeauthinfo", "fingerprinthash", "forcecommand", "gatewayports",
	"gssapiauthentication", "gssapicleanupcredentials",
	"gssapicleanupcreds", "gssapikexalgorithms", "gssapikeyexchange",
	"gssapistorecredentialsonrekey", "gssapistrictacceptorcheck",
	"gssapiusesessioncredcache", "gssusesessionccache",
	"hostbasedacceptedalgorithms", "hostbasedacceptedkeytypes",
	"hostbasedauthentication", "hostbasedusesnamefrompacketonly",
	"hostcertificate", "hostdsakey", "hostkey", "hostkeyagent",
	"hostkeyalgorithms", "ignorerhosts", "ignoreuserknownhosts",
	"include", "ipqos", "kbdinteractiveauthentication", "keepalive",
	"kerberosauthentication", "kerberosgetafstoken",
	"kerberosorlocalpasswd", "kerberostgtpassing",
	"kerberosticketcleanup", "kexalgorithms", "keyregenerationinterval",
	"listenaddress", "logingracetime", "loglevel", "logverbose", "macs",
	"match", "maxauthtries", "maxsessions", "maxstartups", "modulifile",
	"pamauthenticationviakbdint", "passwordauthentication",
	"permitblacklistedkeys", "permitemptypasswords", "permitlisten",
	"permitopen", "permitrootlogin", "permittty", "permittunnel",
	"permituserenvironment", "permituserrc", "persourcemaxstartups",
	"persourcenetblocksize", "pidfile", "port", "printlastlog",
	"printmotd", "protocol", "pubkeyacceptedalgorithms",
	"pubkeyacceptedkeytypes", "pubkeyauthentication",
	"pubkeyauthoptions", "rdomain", "rekeylimit", "requiredrsasize",
	"reversemappingcheck", "revokedkeys", "rhostsauthentication",
	"rhostsrsaauthentication", "rsaauthentication",
	"securitykeyprovider", "serverkeybits", "setenv",
	"skeyauthentication", "streamlocalbindmask", "streamlocalbindunlink",
	"strictmodes", "subsystem", "syslogfacility", "tcpkeepalive",
	"trustedusercakeys", "unusedconnectiontimeout", "usedns", "uselogin",
	"usepam", "useprivilegeseparation", "verifyreversemapping",
	"versionaddendum", "x11displayoffset", "x11forwarding",
	"x11uselocalhost", "xauthlocation",
};

static int
valid_in(const struct sl_keyword *kw, int v)
{
	return (kw->since == 0 || v >= kw->since) &&
	    (kw->until == 0 || v < kw->until);
}

/* Number of distinct spellings of `d` valid in release `v`. */
static size_t
count_valid(enum sl_dialect d, int v, int with_vendor)
{
	const struct sl_keyword *t;
	size_t n, i, count = 0;

	t = sl_kw_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].dialect != d || !valid_in(&t[i], v))
			continue;
		if (!with_vendor && (t[i].flags & SL_KWF_VENDOR))
			continue;
		count++;
	}
	return count;
}

static const struct sl_keyword *
lk(enum sl_dialect d, const char *name, int v)
{
	return sl_kw_lookup(d, name, strlen(name), v);
}

static void
test_keywords__sorted(void **state)
{
	const struct sl_keyword *t;
	size_t n, i;
	int c;

	(void)state;
	t = sl_kw_table(&n);
	assert_true(n > 300);
	for (i = 1; i < n; i++) {
		if (t[i - 1].dialect != t[i].dialect) {
			assert_true(t[i - 1].dialect < t[i].dialect);
			continue;
		}
		c = strcasecmp(t[i - 1].name, t[i].name);
		if (c == 0) {
			/* rows of one spelling: adjacent, ordered ranges */
			assert_true(t[i - 1].until != 0);
			assert_true(t[i - 1].until <= t[i].since ||
			    (t[i].flags & SL_KWF_VENDOR));
		} else if (c > 0) {
			fail_msg("rows out of order: %s, %s", t[i - 1].name,
			    t[i].name);
		}
	}
}

static void
test_keywords__rows_consistent(void **state)
{
	const struct sl_keyword *t, *c, *any;
	size_t n, i;

	(void)state;
	t = sl_kw_table(&n);
	for (i = 0; i < n; i++) {
		assert_true(t[i].until == 0 || t[i].until > t[i].since);
		assert_true(t[i].dialect == SL_DIALECT_SSH ||
		    t[i].dialect == SL_DIALECT_SSHD);
		assert_true(t[i].vtype < SL_VT__COUNT);
		if (t[i].dialect == SL_DIALECT_SSH)
			assert_int_equal(t[i].match_since, 0);
		if (t[i].flags & SL_KWF_ALIAS) {
			assert_non_null(t[i].canonical);
			/* the canonical spelling at the row's last release */
			c = sl_kw_lookup(t[i].dialect, t[i].canonical,
			    strlen(t[i].canonical),
			    t[i].until ? t[i].until - 1 : V(10, 5));
			if (c == NULL)
				fail_msg("alias %s: no %s", t[i].name,
				    t[i].canonical);
			assert_int_equal(c->opt, t[i].opt);
			if (c->flags & SL_KWF_ALIAS)
				fail_msg("alias %s -> alias %s", t[i].name,
				    c->name);
		} else {
			assert_null(t[i].canonical);
		}
		if (t[i].opt != SL_OPT_NONE)
			assert_non_null(sl_opt_dump_name(t[i].opt));
		if (t[i].flags & (SL_KWF_DEPRECATED | SL_KWF_UNSUPPORTED |
		    SL_KWF_IGNORED | SL_KWF_HOST | SL_KWF_MATCH |
		    SL_KWF_INCLUDE))
			assert_int_equal(t[i].opt, SL_OPT_NONE);
		/* the parser decides RAW from the newest row */
		any = sl_kw_lookup_any(t[i].dialect, t[i].name,
		    strlen(t[i].name));
		assert_int_equal(any->flags & SL_KWF_RAW,
		    t[i].flags & SL_KWF_RAW);
	}
}

static void
check_names(enum sl_dialect d, const char *const *names, size_t nnames,
    size_t expect)
{
	size_t i, j;

	assert_int_equal(nnames, expect);
	for (i = 0; i < nnames; i++) {
		if (lk(d, names[i], V(9, 2)) == NULL)
			fail_msg("'%s' unknown in 9.2", names[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(names[i], names[j]);
	}
	/* and nothing else */
	assert_int_equal(count_valid(d, V(9, 2), 1), expect);
}

static void
test_keywords__installed_92_ssh(void **state)
{
	(void)state;
	check_names(SL_DIALECT_SSH, ssh92_names,
	    sizeof(ssh92_names) / sizeof(ssh92_names[0]), 131);
	assert_int_equal(count_valid(SL_DIALECT_SSH, V(9, 2), 0), 122);
}

static void
test_keywords__installed_92_sshd(void **state)
{
	(void)state;
	check_names(SL_DIALECT_SSHD, sshd92_names,
	    sizeof(sshd92_names) / sizeof(sshd92_names[0]), 128);
	assert_int_equal(count_valid(SL_DIALECT_SSHD, V(9, 2), 0), 120);
}

static void
test_keywords__counts_per_release(void **state)
{
	/* upstream spellings per release, from the keywords[] tables */
	static const struct {
		int v;
		size_t ssh, sshd;
	} want[] = {
		{ V(7, 4), 106, 103 }, { V(7, 6), 108, 104 },
		{ V(8, 5), 117, 116 }, { V(8, 6), 117, 117 },
		{ V(8, 7), 120, 117 }, { V(9, 2), 122, 120 },
		{ V(9, 8), 125, 124 }, { V(10, 0), 126, 126 },
		{ V(10, 3), 128, 127 }, { V(10, 4), 128, 126 },
		{ V(10, 5), 128, 126 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(count_valid(SL_DIALECT_SSH, want[i].v, 0),
		    want[i].ssh);
		assert_int_equal(count_valid(SL_DIALECT_SSHD, want[i].v, 0),
		    want[i].sshd);
	}
}

static void
test_keywords__lookup_case_and_length(void **state)
{
	const struct sl_keyword *kw;
	const char *line = "pOrT 22";

	(void)state;
	kw = sl_kw_lookup(SL_DIALECT_SSH, line, 4, V(9, 2));
	assert_non_null(kw);
	assert_string_equal(kw->name, "Port");
	assert_int_equal(kw->opt, SL_OPT_SSH_PORT);
	assert_null(sl_kw_lookup(SL_DIALECT_SSH, line, 3, V(9, 2)));
	assert_null(sl_kw_lookup(SL_DIALECT_SSH, line, 5, V(9, 2)));
	assert_null(sl_kw_lookup(SL_DIALECT_SSH, "", 0, V(9, 2)));
	assert_null(sl_kw_lookup(SL_DIALECT_SSH, "Port\0x", 6, V(9, 2)));
	assert_null(lk(SL_DIALECT_SSH, "Ports", V(9, 2)));
	assert_null(lk(SL_DIALECT_SSH, "AcceptEnv", V(9, 2)));
	assert_non_null(lk(SL_DIALECT_SSHD, "ACCEPTENV", V(9, 2)));
	/* first and last rows of each dialect are reachable */
	assert_non_null(lk(SL_DIALECT_SSH, "addkeystoagent", V(9, 2)));
	assert_non_null(lk(SL_DIALECT_SSH, "XAuthLocation", V(9, 2)));
	assert_non_null(lk(SL_DIALECT_SSHD, "AcceptEnv", V(7, 4)));
	assert_non_null(lk(SL_DIALECT_SSHD, "xauthlocation", V(10, 5)));
}

static void
test_keywords__renames(void **state)
{
	const struct sl_keyword *kw;

	(void)state;
	kw = lk(SL_DIALECT_SSH, "PubkeyAcceptedKeyTypes", V(8, 4));
	assert_non_null(kw);
	assert_false(kw->flags & SL_KWF_ALIAS);
	assert_null(lk(SL_DIALECT_SSH, "PubkeyAcceptedAlgorithms", V(8, 4)));
	kw = lk(SL_DIALECT_SSH, "PubkeyAcceptedKeyTypes", V(8, 5));
	assert_true(kw->flags & SL_KWF_ALIAS);
	assert_string_equal(kw->canonical, "PubkeyAcceptedAlgorithms");
	assert_int_equal(kw->opt, SL_OPT_SSH_PUBKEYACCEPTEDALGORITHMS);

	/* the 8.5/8.6 client misspelling */
	assert_non_null(lk(SL_DIALECT_SSH, "HostbasedAlgorithms", V(8, 5)));
	assert_non_null(lk(SL_DIALECT_SSH, "HostbasedAlgorithms", V(8, 6)));
	assert_null(lk(SL_DIALECT_SSH, "HostbasedAlgorithms", V(9, 2)));
	assert_null(lk(SL_DIALECT_SSH, "HostbasedAcceptedAlgorithms",
	    V(8, 6)));
	kw = lk(SL_DIALECT_SSH, "HostbasedKeyTypes", V(9, 2));
	assert_true(kw->flags & SL_KWF_ALIAS);
	assert_string_equal(kw->canonical, "HostbasedAcceptedAlgorithms");
	kw = lk(SL_DIALECT_SSHD, "HostbasedAcceptedKeyTypes", V(8, 5));
	assert_true(kw->flags & SL_KWF_ALIAS);

	/* ChallengeResponseAuthentication: own option until 8.7 */
	kw = lk(SL_DIALECT_SSHD, "ChallengeResponseAuthentication", V(8, 6));
	assert_int_equal(kw->opt, SL_OPT_SSHD_CHALLENGERESPONSEAUTHENTICATION);
	assert_false(kw->flags & SL_KWF_ALIAS);
	kw = lk(SL_DIALECT_SSHD, "ChallengeResponseAuthentication", V(8, 7));
	assert_int_equal(kw->opt, SL_OPT_SSHD_KBDINTERACTIVEAUTHENTICATION);
	assert_string_equal(kw->canonical, "KbdInteractiveAuthentication");
	assert_int_equal(kw->match_since, V(8, 7));
	/* ssh SKeyAuthentication: unsupported 7.8 .. 8.6 */
	assert_true(lk(SL_DIALECT_SSH, "SKeyAuthentication", V(8, 0))->flags &
	    SL_KWF_UNSUPPORTED);
	assert_true(lk(SL_DIALECT_SSH, "SKeyAuthentication", V(9, 2))->flags &
	    SL_KWF_ALIAS);

	/* 10.4 generated the sshd GSSAPI names wrongly */
	assert_null(lk(SL_DIALECT_SSHD, "GSSAPIAuthentication", V(10, 4)));
	assert_non_null(lk(SL_DIALECT_SSHD, "GssAuthentication", V(10, 4)));
	assert_null(lk(SL_DIALECT_SSHD, "GssAuthentication", V(10, 5)));
	assert_non_null(lk(SL_DIALECT_SSHD, "GSSAPIAuthentication", V(10, 5)));
}

static void
test_keywords__flags_spot_checks(void **state)
{
	const struct sl_keyword *kw;

	(void)state;
	/* each checked against the installed 9.2p1 binaries */
	assert_true(lk(SL_DIALECT_SSH, "Protocol", V(9, 2))->flags &
	    SL_KWF_IGNORED);
	assert_true(lk(SL_DIALECT_SSHD, "Protocol", V(9, 2))->flags &
	    SL_KWF_IGNORED);
	assert_true(lk(SL_DIALECT_SSH, "Cipher", V(9, 2))->flags &
	    SL_KWF_DEPRECATED);
	assert_true(lk(SL_DIALECT_SSH, "RSAAuthentication", V(9, 2))->flags &
	    SL_KWF_UNSUPPORTED);
	assert_true(lk(SL_DIALECT_SSHD, "RSAAuthentication", V(9, 2))->flags &
	    SL_KWF_DEPRECATED);
	assert_true(lk(SL_DIALECT_SSHD, "KerberosTgtPassing", V(9, 2))->flags &
	    SL_KWF_UNSUPPORTED);
	assert_true(lk(SL_DIALECT_SSH, "Host", V(9, 2))->flags & SL_KWF_HOST);
	assert_null(lk(SL_DIALECT_SSHD, "Host", V(9, 2)));
	assert_true(lk(SL_DIALECT_SSHD, "Match", V(9, 2))->flags &
	    SL_KWF_MATCH);
	assert_true(lk(SL_DIALECT_SSH, "Include", V(9, 2))->flags &
	    SL_KWF_INCLUDE);
	assert_null(lk(SL_DIALECT_SSHD, "Include", V(8, 1)));
	assert_true(lk(SL_DIALECT_SSH, "StreamLocalBindMask", V(9, 2))->flags &
	    SL_KWF_NOACTIVE);
	assert_true(lk(SL_DIALECT_SSH, "SyslogFacility", V(9, 2))->flags &
	    SL_KWF_NOACTIVE);
	assert_int_equal(lk(SL_DIALECT_SSH, "StreamLocalBindMask",
	    V(9, 2))->mult, SL_MULT_LAST);
	assert_int_equal(lk(SL_DIALECT_SSH, "IdentityFile", V(9, 2))->mult,
	    SL_MULT_ACCUM);
	assert_int_equal(lk(SL_DIALECT_SSH, "UserKnownHostsFile",
	    V(9, 2))->mult, SL_MULT_FIRSTLINE);
	assert_int_equal(lk(SL_DIALECT_SSHD, "MaxStartups", V(9, 2))->mult,
	    SL_MULT_LAST);
	assert_int_equal(lk(SL_DIALECT_SSHD, "MaxStartups", V(10, 1))->mult,
	    SL_MULT_FIRST);

	/* raw rest-of-line keywords */
	assert_true(lk(SL_DIALECT_SSH, "ProxyCommand", V(9, 2))->flags &
	    SL_KWF_RAW);
	assert_true(lk(SL_DIALECT_SSH, "ProxyJump", V(9, 2))->flags &
	    SL_KWF_RAW);
	assert_true(lk(SL_DIALECT_SSH, "KnownHostsCommand", V(9, 2))->flags &
	    SL_KWF_RAW);
	assert_true(lk(SL_DIALECT_SSHD, "VersionAddendum", V(9, 2))->flags &
	    SL_KWF_RAW);
	assert_true(lk(SL_DIALECT_SSHD, "ForceCommand", V(7, 4))->flags &
	    SL_KWF_RAW);
	assert_false(lk(SL_DIALECT_SSHD, "ChrootDirectory", V(9, 2))->flags &
	    SL_KWF_RAW);

	/* Match scope (sshd -t: "not allowed within a Match block") */
	kw = lk(SL_DIALECT_SSHD, "Subsystem", V(9, 2));
	assert_int_equal(kw->match_since, 0);
	kw = lk(SL_DIALECT_SSHD, "Subsystem", V(9, 5));
	assert_int_equal(kw->match_since, V(9, 5));
	assert_int_equal(lk(SL_DIALECT_SSHD, "DSAAuthentication",
	    V(9, 2))->match_since, 0);
	assert_true(lk(SL_DIALECT_SSHD, "PubkeyAuthentication",
	    V(9, 2))->match_since != 0);
	assert_int_equal(lk(SL_DIALECT_SSHD, "Port", V(9, 2))->match_since, 0);
	assert_true(lk(SL_DIALECT_SSHD, "RDomain", V(9, 2))->match_since != 0);
	assert_true(lk(SL_DIALECT_SSHD, "Include", V(9, 2))->match_since != 0);
	assert_int_equal(lk(SL_DIALECT_SSHD, "PAMServiceName",
	    V(10, 4))->match_since, 0);

	/* Debian vendor rows */
	kw = lk(SL_DIALECT_SSH, "SetupTimeOut", V(9, 2));
	assert_true(kw->flags & SL_KWF_VENDOR);
	assert_true(kw->flags & SL_KWF_ALIAS);
	assert_int_equal(kw->opt, SL_OPT_SSH_SERVERALIVEINTERVAL);
	kw = lk(SL_DIALECT_SSHD, "GSSAPIKexAlgorithms", V(9, 2));
	assert_true(kw->flags & SL_KWF_VENDOR);
	assert_int_equal(kw->vtype, SL_VT_GSS_KEX);
	assert_int_equal(kw->match_since, 0);
	assert_true(lk(SL_DIALECT_SSHD, "GSSUseSessionCCache", V(9, 2))->flags &
	    SL_KWF_UNSUPPORTED);
}

static void
test_keywords__lookup_any(void **state)
{
	const struct sl_keyword *kw;

	(void)state;
	kw = sl_kw_lookup_any(SL_DIALECT_SSHD, "subsystem", 9);
	assert_non_null(kw);
	assert_int_equal(kw->since, V(9, 5));
	kw = sl_kw_lookup_any(SL_DIALECT_SSH, "HostbasedAlgorithms", 19);
	assert_non_null(kw);
	assert_int_equal(kw->until, V(8, 7));
	assert_null(sl_kw_lookup_any(SL_DIALECT_SSH, "NoSuchKeyword", 13));
	assert_null(sl_kw_lookup_any(SL_DIALECT_SSH, "Subsystem", 9));
}

static void
test_keywords__suggest(void **state)
{
	const char *s;

	(void)state;
	s = sl_kw_suggest(SL_DIALECT_SSH, "PasswordAuthentcation", 21,
	    V(9, 2));
	assert_non_null(s);
	assert_string_equal(s, "PasswordAuthentication");
	s = sl_kw_suggest(SL_DIALECT_SSH, "identifyfile", 12, V(9, 2));
	assert_non_null(s);
	assert_string_equal(s, "IdentityFile");
	s = sl_kw_suggest(SL_DIALECT_SSH, "StrictHostKeyCheckign", 21,
	    V(9, 2));
	assert_non_null(s);
	assert_string_equal(s, "StrictHostKeyChecking");
	s = sl_kw_suggest(SL_DIALECT_SSHD, "PermitRootLgin", 14, V(9, 2));
	assert_non_null(s);
	assert_string_equal(s, "PermitRootLogin");
	s = sl_kw_suggest(SL_DIALECT_SSH, "Usr", 3, V(9, 2));
	assert_non_null(s);
	assert_string_equal(s, "User");
	/* only keywords of the dialect and release */
	s = sl_kw_suggest(SL_DIALECT_SSH, "PermitRootLogin", 15, V(9, 2));
	assert_true(s == NULL || strcmp(s, "PermitRootLogin") != 0);
	s = sl_kw_suggest(SL_DIALECT_SSH, "PubkeyAcceptedAlgorithm", 23,
	    V(8, 4));
	assert_true(s == NULL ||
	    strcmp(s, "PubkeyAcceptedAlgorithms") != 0);
	s = sl_kw_suggest(SL_DIALECT_SSH, "PubkeyAcceptedAlgorithm", 23,
	    V(9, 2));
	assert_non_null(s);
	assert_string_equal(s, "PubkeyAcceptedAlgorithms");
	assert_null(sl_kw_suggest(SL_DIALECT_SSH, "xyzzy", 5, V(9, 2)));
	assert_null(sl_kw_suggest(SL_DIALECT_SSH, "", 0, V(9, 2)));
}

static void
test_keywords__dump_names(void **state)
{
	(void)state;
	assert_string_equal(
	    sl_opt_dump_name(SL_OPT_SSH_PUBKEYACCEPTEDALGORITHMS),
	    "pubkeyacceptedalgorithms");
	assert_string_equal(
	    sl_opt_dump_name(SL_OPT_SSH_CANONICALIZEPERMITTEDCNAMES),
	    "canonicalizePermittedcnames");
	assert_string_equal(sl_opt_dump_name(SL_OPT_SSHD_HOSTKEY), "hostkey");
	assert_string_equal(sl_opt_dump_name(SL_OPT_SSHD_PERMITEMPTYPASSWORDS),
	    "permitemptypasswords");
	assert_string_equal(sl_opt_dump_name(SL_OPT_SSHD_SYSLOGFACILITY),
	    "syslogfacility");
	assert_string_equal(sl_opt_dump_name(SL_OPT_SSH_GSSAPIKEXALGORITHMS),
	    "gssapikexalgorithms");
	assert_null(sl_opt_dump_name(SL_OPT_NONE));
	assert_null(sl_opt_dump_name(SL_OPT__COUNT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keywords__sorted),
		cmocka_unit_test(test_keywords__rows_consistent),
		cmocka_unit_test(test_keywords__installed_92_ssh),
		cmocka_unit_test(test_keywords__installed_92_sshd),
		cmocka_unit_test(test_keywords__counts_per_release),
		cmocka_unit_test(test_keywords__lookup_case_and_length),
		cmocka_unit_test(test_keywords__renames),
		cmocka_unit_test(test_keywords__flags_spot_checks),
		cmocka_unit_test(test_keywords__lookup_any),
		cmocka_unit_test(test_keywords__suggest),
		cmocka_unit_test(test_keywords__dump_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
