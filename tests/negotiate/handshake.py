#!/usr/bin/env python3
"""Real handshakes against sshlint's predictions.

For each case a throwaway sshd_config / ssh_config and keys are written to
a temporary directory (removed at the end); the real client connects to the
real server with no listening socket: the client's ProxyCommand starts
'sshd -i' (or a paramiko server, the legacy peer without rsa-sha2) on its
stdin/stdout. The test asserts that 'sshlint negotiate' predicted the
outcome: success or failure, the failing step, and the exact lines ssh (-v)
and sshd print. Failing cases then get the edits sshlint proposes applied to
the configuration and must connect. For the seed messages, 'sshlint explain'
is run on the real ssh output and must name the cause.

usage: handshake.py SSHLINT
Exit 77 (skipped) without ssh, sshd, ssh-keygen or root.
"""
import concurrent.futures
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SSHLINT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "sshlint"
SSHD = "/usr/sbin/sshd"
HERE = os.path.dirname(os.path.abspath(__file__))
PARAMIKO_SERVER = os.path.join(HERE, "paramiko_server.py")
LEVELS = ("fatal", "error", "info", "verbose", "debug1")

failures = []
checks = 0
lock = threading.Lock()
tls = threading.local()


def say(text):
    """Print, or collect when a scenario runs in a worker thread."""
    buf = getattr(tls, "buf", None)
    if buf is None:
        print(text)
    else:
        buf.append(text)


def skip(why):
    print("SKIP: %s" % why)
    sys.exit(77)


def check(cond, what):
    global checks
    with lock:
        checks += 1
        if not cond:
            failures.append(what)
    if not cond:
        say("FAIL: %s" % what)


def tool(name):
    p = shutil.which(name)
    if p is None:
        skip("%s not found" % name)
    return p


def paramiko_python():
    """A python that has paramiko (Debian's python3-paramiko)."""
    for py in ("/usr/bin/python3", sys.executable):
        if os.path.exists(py) and subprocess.run(
                [py, "-c", "import paramiko"], stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL).returncode == 0:
            return py
    return None


class World:
    def __init__(self, tmp):
        self.tmp = tmp
        self.keygen = tool("ssh-keygen")
        self.ssh = tool("ssh")
        self.keys = {}
        for name, args in (("hk_ed25519", ["-t", "ed25519"]),
                           ("hk_rsa", ["-t", "rsa", "-b", "3072"]),
                           ("hk_ecdsa", ["-t", "ecdsa"]),
                           ("id_ed25519", ["-t", "ed25519"]),
                           ("id_rsa", ["-t", "rsa", "-b", "3072"])):
            self.keys[name] = self.make_key(name, args)
        # a PEM RSA key without its public half
        self.keys["id_pem"] = self.make_key("id_pem", ["-t", "rsa", "-b",
                                                       "3072", "-m", "PEM"])
        with open(self.keys["id_pem"] + ".pub") as f:
            self.pem_pub = f.read()
        os.unlink(self.keys["id_pem"] + ".pub")
        self.ak = os.path.join(tmp, "authorized_keys")
        with open(self.ak, "w") as f:
            for k in ("id_ed25519", "id_rsa"):
                with open(self.keys[k] + ".pub") as p:
                    f.write(p.read())
            f.write(self.pem_pub)
        os.chmod(self.ak, 0o600)
        self.n = 0

    def make_key(self, name, args):
        path = os.path.join(self.tmp, name)
        subprocess.run([self.keygen, "-q", "-N", "", "-C", name, "-f",
                        path] + args, check=True)
        return path


class Case:
    def __init__(self, w, name, sshd=(), hostkeys=("ed25519", "rsa",
                 "ecdsa"), client=(), identity="id_ed25519",
                 server="sshd", include=None):
        with lock:
            w.n += 1
            n = w.n
        self.w = w
        self.name = name
        self.dir = os.path.join(w.tmp, "c%02d" % n)
        os.mkdir(self.dir)
        self.log = os.path.join(self.dir, "server.log")
        self.sshd_config = os.path.join(self.dir, "sshd_config")
        self.ssh_config = os.path.join(self.dir, "ssh_config")
        self.server = server
        self.hostkeys = hostkeys
        self.env = dict(os.environ)
        self.env.pop("SSH_AUTH_SOCK", None)
        self.env.pop("DISPLAY", None)
        self.env.pop("SSH_ASKPASS", None)
        if server == "sshd":
            # the case's own lines first: sshd keeps the first value
            lines = list(sshd)
            lines += ["HostKey %s" % w.keys["hk_" + k] for k in hostkeys]
            lines += ["PidFile none",
                      "AuthorizedKeysFile %s" % w.ak,
                      "StrictModes no",
                      "LogLevel DEBUG1"]
            with open(self.sshd_config, "w") as f:
                f.write("\n".join(lines) + "\n")
            proxy = "%s -i -e -f %s 2>>%s" % (SSHD, self.sshd_config,
                                              self.log)
        else:
            proxy = "%s %s %s %s %s" % (w.python, PARAMIKO_SERVER,
                                        w.keys["hk_" + hostkeys[0]], w.ak,
                                        self.log)
        lines = ["Host target",
                 "    User root",
                 "    ProxyCommand %s" % proxy,
                 "    BatchMode yes",
                 "    UserKnownHostsFile %s" %
                 os.path.join(self.dir, "known_hosts"),
                 "    GlobalKnownHostsFile /dev/null",
                 "    StrictHostKeyChecking accept-new",
                 "    IdentitiesOnly yes"]
        if identity is not None:
            lines.append("    IdentityFile %s" % w.keys[identity])
        lines += ["    " + c for c in client]
        if include is not None:
            lines.insert(0, "Include %s" % include)
        with open(self.ssh_config, "w") as f:
            f.write("\n".join(lines) + "\n")

    def real(self):
        """Connect for real: (success, ssh -v stderr)."""
        open(self.log, "a").close()
        p = subprocess.run([self.w.ssh, "-v", "-F", self.ssh_config,
                            "target", "true"], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=self.env, timeout=60)
        return p.returncode == 0, p.stderr.decode(errors="replace")

    def server_log(self, want=None):
        """The server's log; waits a little for `want` to appear (the
        privilege-separated child logs through its monitor)."""
        for _ in range(40):
            with open(self.log, errors="replace") as f:
                text = f.read()
            if want is None or want in text:
                return text
            time.sleep(0.05)
        return text

    def predict(self, *extra):
        args = [SSHLINT, "negotiate", "--client-config", self.ssh_config,
                "--host", "target", "--format", "json"]
        if self.server == "sshd":
            args += ["--server-config", self.sshd_config]
        else:
            args += ["--server-version", "7.1", "--server-hostkey",
                     self.w.keys["hk_" + self.hostkeys[0]] + ".pub",
                     "--server-auth-methods", "publickey"]
        if "SSH_AUTH_SOCK" not in self.env:
            args.append("--no-agent")
        p = subprocess.run(args + list(extra), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=self.env, timeout=60)
        if p.returncode not in (0, 1):
            check(False, "%s: sshlint negotiate exit %d: %s" % (
                self.name, p.returncode, p.stderr.decode()))
            raise RuntimeError("sshlint negotiate failed")
        pred = json.loads(p.stdout)
        check((p.returncode == 0) == pred["ok"],
              "%s: exit status %d but ok=%s" % (self.name, p.returncode,
                                                pred["ok"]))
        return pred


def stage(pred, name):
    for s in pred["stages"]:
        if s["stage"] == name:
            return s
    raise KeyError(name)


def predicted_lines(pred, who):
    """(level, text) of the lines sshlint says `who` prints at the failing
    step (or, on success, in the authentication step)."""
    where = pred["failed_stage"] or "auth"
    out = [(m["level"], m["text"]) for m in stage(pred, where)["messages"]
           if m["side"] == who]
    if where == "auth":
        for i in pred["identities"]:
            out += [(m["level"], m["text"]) for m in i["messages"]
                    if m["side"] == who]
    return out


def compare(c, pred, ok, stderr, expect_stage, expect_reason=None):
    """The prediction agrees with what happened."""
    check(pred["ok"] == ok, "%s: predicted ok=%s, real ok=%s\n%s" % (
        c.name, pred["ok"], ok, stderr[-2000:]))
    check(pred["failed_stage"] == expect_stage,
          "%s: predicted failing step %s, expected %s" % (
              c.name, pred["failed_stage"], expect_stage))
    if expect_reason is not None:
        reasons = [pred["reason"]] + [i["reason"] for i in
                                      pred["identities"]]
        check(expect_reason in reasons, "%s: reason %s not in %s" % (
            c.name, expect_reason, reasons))
    # every line ssh prints by sshlint's prediction appears in ssh -v
    # (against sshd also the algorithms chosen; the paramiko peer is
    # modelled as an OpenSSH 7.1, whose lists are not paramiko's)
    lines = predicted_lines(pred, "client")
    if c.server == "sshd" and pred["ok"]:
        for st in ("kex", "hostkey", "cipher"):
            lines += [(m["level"], m["text"]) for m in
                      stage(pred, st)["messages"] if m["side"] == "client"]
    for level, text in lines:
        if level in LEVELS:
            check(text in stderr, "%s: ssh did not print %r\n%s" % (
                c.name, text, stderr[-3000:]))
    if c.server == "sshd" and expect_stage is not None:
        for level, text in predicted_lines(pred, "server"):
            log = c.server_log(text)
            if text.startswith("Unable to negotiate") and \
                    "Unable to negotiate" not in log:
                # sshd's unprivileged child logs through its monitor,
                # which does not always outlive the client's hang-up:
                # when the line is there it must be the predicted one
                continue
            check(text in log, "%s: sshd did not log %r\n%s" % (
                c.name, text, log[-3000:]))


def apply_edits(pred, c):
    """Apply sshlint's edits (byte spans) to the files."""
    by_path = {}
    for i, e in enumerate(pred["edits"]):
        by_path.setdefault(e["path"], []).append((i, e))
    for path, edits in by_path.items():
        with open(path, "rb") as f:
            data = f.read()
        # from the end; edits at the same offset keep their list order
        for i, e in sorted(edits, key=lambda x: (x[1]["start"], x[0]),
                           reverse=True):
            data = data[:e["start"]] + e["text"].encode() + data[e["end"]:]
        with open(path, "wb") as f:
            f.write(data)
    for fx in pred["fixes"]:
        if fx["side"] == "sshlint" and fx["command"] and \
                fx["command"].startswith("chmod "):
            subprocess.run(fx["command"], shell=True, check=True)


def explain(text):
    p = subprocess.run([SSHLINT, "explain", "--format", "json", text],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=60)
    check(p.returncode in (0, 1), "explain exit %d" % p.returncode)
    return json.loads(p.stdout)


def line_with(stderr, needle):
    for line in stderr.splitlines():
        if needle in line:
            return line
    return None


def run(c, expect_stage, expect_reason=None, fix=True, extra=(),
        after_fix=None):
    """Predict, connect, compare; then apply the fix and connect again."""
    pred = c.predict(*extra)
    ok, stderr = c.real()
    compare(c, pred, ok, stderr, expect_stage, expect_reason)
    why = pred["reason"] or ""
    if why == "permission-denied":
        why = ",".join(i["reason"] for i in pred["identities"]
                       if i["reason"])
    say("%-48s predicted %-8s real %-8s %s" % (
        c.name, "ok" if pred["ok"] else pred["failed_stage"],
        "ok" if ok else "failed", why))
    if expect_stage is None or not fix:
        return pred, stderr, None
    check(pred["fixed"] or any(f["command"] for f in pred["fixes"]),
          "%s: sshlint found no fix" % c.name)
    apply_edits(pred, c)
    if after_fix is not None:
        after_fix()
    pred2 = c.predict(*extra)
    ok2, stderr2 = c.real()
    compare(c, pred2, ok2, stderr2, None)
    check(ok2, "%s: still failing after the fix:\n%s" % (c.name,
                                                         stderr2[-2000:]))
    say("%-48s fixed:    %s" % ("", "; ".join(
        e["text"].strip().replace("\n", " | ") for e in pred["edits"]) or
        "; ".join(f["command"] or "" for f in pred["fixes"])))
    return pred, stderr, pred2


def seed(c, pred, stderr, needle, entry, cause_word):
    """explain on the real ssh line names the cause negotiate found."""
    line = line_with(stderr, needle)
    check(line is not None, "%s: ssh printed no %r" % (c.name, needle))
    if line is None:
        return
    got = explain(line)
    check(len(got) == 1 and got[0]["id"] == entry,
          "%s: explain %r gave %s" % (c.name, line,
                                      [g["id"] for g in got]))
    if got:
        check(cause_word in got[0]["causes"][0]["cause"],
              "%s: explain's first cause lacks %r" % (c.name, cause_word))
    # the whole ssh -v output also finds it
    whole = explain(stderr)
    check(entry in [g["id"] for g in whole],
          "%s: explain on the whole output missed %s" % (c.name, entry))


# ---- the scenarios (independent: they run in parallel) ----

def sc_success(w):
    run(Case(w, "success"), None)


def sc_known_hosts_order(w):
    # verified 9.2: with only the RSA key in known_hosts the client prefers
    # rsa-sha2-512 although the server lists ssh-ed25519 first
    c = Case(w, "hostkey: known_hosts holds the RSA key")
    with open(w.keys["hk_rsa"] + ".pub") as f:
        typ, b64 = f.read().split()[:2]
    with open(os.path.join(c.dir, "known_hosts"), "w") as f:
        f.write("target %s %s\n" % (typ, b64))
    pred, _, _ = run(c, None)
    check(stage(pred, "hostkey")["chosen"] == "rsa-sha2-512",
          "known_hosts order: %s" % stage(pred, "hostkey")["chosen"])


def sc_identity_missing(w):
    c = Case(w, "auth: configured IdentityFile missing", identity=None,
             client=["IdentityFile %s" % os.path.join(w.tmp, "id_missing")])
    run(c, "auth", "identity-missing", fix=False)


def sc_hostkey_rsa_size(w):
    # verified 9.2: client RequiredRSASize=4096, 3072-bit host key
    c = Case(w, "hostkey: RSA host key under RequiredRSASize",
             hostkeys=("rsa",), client=["RequiredRSASize 4096"])
    run(c, "hostkey", "host-key-too-small")


def sc_user_rsa_size(w):
    # sshd drops its own 3072-bit RSA host key, refuses the user's
    c = Case(w, "auth: sshd RequiredRSASize above the user key",
             identity="id_rsa", sshd=["RequiredRSASize 4096"])
    run(c, "auth", "key-too-small-for-server")


def sc_kex(w):
    c = Case(w, "kex: server only diffie-hellman-group14-sha1",
             sshd=["KexAlgorithms diffie-hellman-group14-sha1"])
    run(c, "kex", "no-matching-kex")


def sc_hostkey(w):
    c = Case(w, "hostkey: server RSA key, HostKeyAlgorithms ssh-rsa",
             sshd=["HostKeyAlgorithms ssh-rsa"], hostkeys=("rsa",))
    run(c, "hostkey", "no-matching-host-key-type")


def sc_hostkey_client(w):
    c = Case(w, "hostkey: client ssh-ed25519 only, server RSA key",
             hostkeys=("rsa",), client=["HostKeyAlgorithms ssh-ed25519"])
    run(c, "hostkey", "no-matching-host-key-type")


def sc_cipher(w):
    c = Case(w, "cipher: client aes128-cbc only",
             client=["Ciphers aes128-cbc"])
    run(c, "cipher", "no-matching-cipher")


def sc_mac(w):
    c = Case(w, "mac: disjoint MACs, CTR cipher",
             sshd=["MACs hmac-sha2-256"],
             client=["Ciphers aes128-ctr", "MACs hmac-sha1"])
    run(c, "mac", "no-matching-mac")


def sc_mac_aead(w):
    c = Case(w, "mac: disjoint MACs, GCM cipher (implicit MAC)",
             sshd=["MACs hmac-sha2-256"],
             client=["Ciphers aes128-gcm@openssh.com", "MACs hmac-sha1"])
    pred, _, _ = run(c, None)
    check(stage(pred, "mac")["status"] == "skipped",
          "mac with AEAD not skipped")


def sc_server_refuses_ssh_rsa(w):
    # server PubkeyAcceptedAlgorithms refuses the client's algorithm
    c = Case(w, "auth: client signs ssh-rsa only, sshd 9.2 default",
             identity="id_rsa", client=["PubkeyAcceptedAlgorithms ssh-rsa"])
    run(c, "auth", "not-in-server-pubkeyacceptedalgorithms")


def sc_server_refuses_rsa(w):
    c = Case(w, "auth: sshd accepts ssh-ed25519 only, RSA key",
             identity="id_rsa", sshd=["PubkeyAcceptedAlgorithms ssh-ed25519"])
    pred, _, _ = run(c, "auth", "not-in-server-pubkeyacceptedalgorithms")
    check(any(e["side"] == "server" and "Match User root" in e["text"]
              for e in pred["edits"]),
          "server fix not scoped to a Match block")


def sc_client_excludes_rsa(w):
    # an RSA key whose PubkeyAcceptedAlgorithms excludes every RSA algorithm
    c = Case(w, "auth: RSA key, client allows ssh-ed25519 only",
             identity="id_rsa", client=["PubkeyAcceptedAlgorithms ssh-ed25519"])
    run(c, "auth", "not-in-client-pubkeyacceptedalgorithms")


def sc_not_authorized(w):
    c = Case(w, "auth: key not in authorized_keys", identity="id_ed25519",
             sshd=["AuthorizedKeysFile /dev/null"])
    run(c, "auth", "not-in-authorized-keys", fix=False,
        extra=["--authorized-keys", "/dev/null"])


def sc_unprotected(w):
    bad = os.path.join(w.tmp, "id_open")
    shutil.copy(w.keys["id_ed25519"], bad)
    shutil.copy(w.keys["id_ed25519"] + ".pub", bad + ".pub")
    os.chmod(bad, 0o644)
    with lock:
        w.keys["id_open"] = bad
    c = Case(w, "auth: private key mode 0644", identity="id_open")
    run(c, "auth", "private-key-bad-permissions")


def sc_include_permissions(w):
    inc = os.path.join(w.tmp, "inc.conf")
    with open(inc, "w") as f:
        f.write("# included\n")
    os.chmod(inc, 0o666)
    c = Case(w, "config: Include writable by others", include=inc)
    pred = c.predict()
    ok, stderr = c.real()
    check(not pred["ok"] and pred["failed_stage"] == "config",
          "include permissions not predicted")
    check(not ok and ("Bad owner or permissions on %s" % inc) in stderr,
          "ssh accepted the include")
    os.chmod(inc, 0o644)
    pred = c.predict()
    ok, stderr = c.real()
    check(pred["ok"] and ok, "include chmod 644 did not fix it")
    say("%-48s predicted config   real failed  (fixed by chmod go-w)"
        % c.name)


def sc_legacy_send_pubkey_test(w):
    # the seed case: paramiko without rsa-sha2, an RSA key
    c = Case(w, "legacy peer: RSA key (send_pubkey_test)",
             server="paramiko", hostkeys=("ed25519",), identity="id_rsa")
    pred, stderr, _ = run(c, "auth", "no-mutual-signature-algorithm")
    seed(c, pred, stderr, "send_pubkey_test: no mutual signature algorithm",
         "no_mutual_sig_test", "server-sig-algs")
    check(any("PubkeyAcceptedAlgorithms +ssh-rsa" in e["text"]
              for e in pred["edits"]), "seed fix is not +ssh-rsa")


def sc_legacy_hostkey(w):
    c = Case(w, "legacy peer: RSA host key and RSA key",
             server="paramiko", hostkeys=("rsa",), identity="id_rsa")
    run(c, "hostkey", "no-matching-host-key-type")


def sc_legacy_no_public_half(w):
    c = Case(w, "legacy peer: PEM key without .pub",
             server="paramiko", hostkeys=("ed25519",), identity="id_pem")
    pred, stderr, _ = run(c, "auth", "no-mutual-signature-supported")
    seed(c, pred, stderr, "sign_and_send_pubkey: no mutual signature supported",
         "no_mutual_sig_sign", "without a public half")


def scenario(fn, w):
    """Run one scenario in a worker; its lines come back together."""
    tls.buf = []
    try:
        fn(w)
    except Exception as e:  # a broken case fails, the others go on
        check(False, "%s: %r" % (fn.__name__, e))
    return tls.buf


def agent_scenarios(w, tmp):
    """A real ssh-agent (sequential: the cases share it). Returns its pid."""
    agent = shutil.which("ssh-agent")
    add = shutil.which("ssh-add")
    if agent is None or add is None:
        say("SKIP agent cases: ssh-agent not found")
        return None
    sock = os.path.join(tmp, "agent.sock")
    aenv = {k: v for k, v in os.environ.items()
            if k not in ("DISPLAY", "SSH_ASKPASS", "SSH_ASKPASS_REQUIRE",
                         "WAYLAND_DISPLAY")}
    out = subprocess.run([agent, "-s", "-a", sock], env=aenv,
                         stdout=subprocess.PIPE, check=True,
                         timeout=30).stdout.decode()
    pid = int(out.split("SSH_AGENT_PID=")[1].split(";")[0])
    aenv["SSH_AUTH_SOCK"] = sock
    aenv["SSH_AGENT_PID"] = str(pid)

    def ssh_add(*args):
        subprocess.run([add, "-q"] + list(args), env=aenv, check=True,
                       stderr=subprocess.DEVNULL, timeout=30)

    c = Case(w, "agent: key loaded", identity="id_rsa")
    c.env = dict(aenv)
    ssh_add(w.keys["id_rsa"])
    pred, _, _ = run(c, None)
    check(any(i["in_agent"] and i["status"] == "ok"
              for i in pred["identities"]), "the agent's key was not used")

    # the third seed: a key added with -c and no askpass
    c = Case(w, "agent: key added with -c, no askpass", identity="id_rsa")
    c.env = dict(aenv)
    ssh_add("-D")
    ssh_add("-c", w.keys["id_rsa"])
    pred = c.predict()
    ok, stderr = c.real()
    want = ('sign_and_send_pubkey: signing failed for RSA "%s" from agent: '
            'agent refused operation' % w.keys["id_rsa"])
    check(not ok and want in stderr, "agent did not refuse:\n" +
          stderr[-2000:])
    auth = stage(pred, "auth")
    check(auth["status"] == "warn" and
          any(want in m["text"] for m in auth["messages"]),
          "negotiate did not name the agent refusal: %s" % auth["messages"])
    seed(c, pred, stderr, "agent refused operation", "agent_refused_sign",
         "ssh-add -c")
    # the fix explain gives: re-add the key without -c
    ssh_add("-D")
    ssh_add(w.keys["id_rsa"])
    ok, stderr = c.real()
    check(ok, "re-adding without -c did not fix it")
    say("%-48s predicted warn     real failed  (fixed by re-adding "
        "without -c)" % c.name)

    c = Case(w, "agent: key not loaded", identity="id_ed25519")
    c.env = dict(aenv)
    run(c, None)
    return pid


def main():
    if os.geteuid() != 0:
        skip("needs root (sshd -i)")
    if not os.access(SSHD, os.X_OK):
        skip("%s not found" % SSHD)
    tool("ssh")
    tool("ssh-keygen")
    try:
        os.makedirs("/run/sshd", exist_ok=True)
    except OSError as e:
        skip("cannot create /run/sshd: %s" % e)
    tmp = tempfile.mkdtemp(prefix="sshlint-handshake-")
    agent_pid = None
    try:
        w = World(tmp)
        w.python = paramiko_python()
        todo = [sc_success, sc_known_hosts_order, sc_identity_missing,
                sc_hostkey_rsa_size, sc_user_rsa_size, sc_kex, sc_hostkey, sc_hostkey_client,
                sc_cipher, sc_mac, sc_mac_aead, sc_server_refuses_ssh_rsa,
                sc_server_refuses_rsa, sc_client_excludes_rsa,
                sc_not_authorized, sc_unprotected, sc_include_permissions]
        if w.python is not None:
            todo += [sc_legacy_send_pubkey_test, sc_legacy_hostkey,
                     sc_legacy_no_public_half]
        else:
            print("SKIP paramiko cases: python3-paramiko is not installed")
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            for lines in pool.map(lambda f: scenario(f, w), todo):
                for line in lines:
                    print(line)
        agent_pid = agent_scenarios(w, tmp)
    finally:
        if agent_pid is not None:
            try:
                os.kill(agent_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        shutil.rmtree(tmp, ignore_errors=True)

    print("%d checks, %d failed" % (checks, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
