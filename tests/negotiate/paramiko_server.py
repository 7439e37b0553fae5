#!/usr/bin/python3
"""A legacy SSH peer for the handshake tests: Debian's python3-paramiko as a
server on stdin/stdout (run it as an ssh ProxyCommand), with the rsa-sha2
signature algorithms disabled, so it behaves like an OpenSSH older than 7.2
or an embedded server: ssh-rsa only, for host keys and for user keys.

usage: paramiko_server.py HOSTKEY AUTHORIZED_KEYS LOG
HOSTKEY is an RSA or Ed25519 private key (OpenSSH or PEM format);
AUTHORIZED_KEYS holds the public keys that may log in (any user). The
server accepts one 'exec' request, answers with exit status 0 and closes.
"""
import os
import select
import socket
import sys
import threading
import time

import paramiko


class StdioSocket:
    """The socket interface paramiko's Transport needs, over fds 0 and 1."""

    def __init__(self):
        self.timeout = None

    def settimeout(self, t):
        self.timeout = t

    def gettimeout(self):
        return self.timeout

    def recv(self, n):
        if self.timeout is not None:
            r, _, _ = select.select([0], [], [], self.timeout)
            if not r:
                raise socket.timeout()
        return os.read(0, n)

    def send(self, b):
        return os.write(1, b)

    def sendall(self, b):
        while b:
            b = b[os.write(1, b):]

    def close(self):
        pass


class Server(paramiko.ServerInterface):
    def __init__(self, allowed, log):
        self.allowed = allowed
        self.log = log
        self.done = threading.Event()

    def get_allowed_auths(self, username):
        return "publickey"

    def check_auth_publickey(self, username, key):
        ok = key.get_base64() in self.allowed
        self.log.write("publickey %s %s for %s: %s\n" % (
            key.get_name(), key.get_fingerprint().hex(), username,
            "accepted" if ok else "refused"))
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def check_channel_request(self, kind, chanid):
        return paramiko.OPEN_SUCCEEDED

    def check_channel_exec_request(self, channel, command):
        self.done.set()
        return True


def load_host_key(path):
    for cls in (paramiko.Ed25519Key, paramiko.RSAKey):
        try:
            return cls.from_private_key_file(path)
        except (paramiko.SSHException, ValueError):
            continue
    raise SystemExit("cannot read host key %s" % path)


def main():
    hostkey, authkeys, logpath = sys.argv[1:4]
    log = open(logpath, "a", buffering=1)
    allowed = set()
    with open(authkeys) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                allowed.add(parts[1])
    disabled = {"pubkeys": ["rsa-sha2-512", "rsa-sha2-256"],
                "keys": ["rsa-sha2-512", "rsa-sha2-256"]}
    t = paramiko.Transport(StdioSocket(), disabled_algorithms=disabled)
    t.add_server_key(load_host_key(hostkey))
    srv = Server(allowed, log)
    try:
        t.start_server(server=srv)
    except paramiko.SSHException as e:
        log.write("negotiation failed: %s\n" % e)
        return 1
    ch = t.accept(20)
    if ch is None:
        log.write("no channel\n")
        t.close()
        return 1
    srv.done.wait(10)
    ch.send_exit_status(0)
    ch.close()
    time.sleep(0.1)
    t.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
