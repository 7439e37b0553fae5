/* Atomic replacement of a file: temp file, fsync, rename. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/util/alloc.h"
#include "rewrite/write.h"
#include "sshlint/sshlint.h"

static int
fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return SL_EIO;
}

/* Does the file at `path` hold exactly `expect`? -1 on read error. */
static int
holds(const char *path, const char *expect, size_t elen)
{
	char buf[65536];
	size_t off = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	int r = 1;

	if (fd == -1)
		return -1;
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			r = -1;
			break;
		}
		if (n == 0)
			break;
		if (off + (size_t)n > elen ||
		    memcmp(buf, expect + off, (size_t)n) != 0) {
			r = 0;
			break;
		}
		off += (size_t)n;
	}
	close(fd);
	if (r == 1 && off != elen)
		r = 0;
	return r;
}

static int
write_all(int fd, const char *p, size_t n, const struct sl_write_faults *f)
{
	ssize_t w;

	while (n > 0) {
		if (f != NULL && f->write_errno != 0) {
			errno = f->write_errno;
			return -1;
		}
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
sl_atomic_replace(const char *path, const char *expect, size_t elen,
    const char *data, size_t len, const char *backup_suffix,
    const struct sl_write_faults *faults, char *err, size_t errlen)
{
	char target[PATH_MAX], dirbuf[PATH_MAX], tmp[PATH_MAX + 32];
	char bak[PATH_MAX + 64];
	struct stat st;
	const char *dir;
	int fd = -1, dfd, h, r = SL_EIO;

	err[0] = '\0';
	/* write through a symlink to its target */
	if (realpath(path, target) == NULL)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	if (lstat(target, &st) == -1)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(err, errlen, "%s: not a regular file", path);
	/* a read-only file says "do not change me", also to root */
	if ((st.st_mode & 0222) == 0)
		return fail(err, errlen, "%s: the file is read-only", path);
	if ((h = holds(target, expect, elen)) != 1)
		return fail(err, errlen, h < 0 ? "%s: cannot read it back: %s" :
		    "%s: modified since it was read; not overwritten%s", path,
		    h < 0 ? strerror(errno) : "");
	snprintf(dirbuf, sizeof(dirbuf), "%s", target);
	dir = dirname(dirbuf);
	if (snprintf(tmp, sizeof(tmp), "%s/.sshlint-XXXXXX", dir) >=
	    (int)sizeof(tmp))
		return fail(err, errlen, "%s: path too long", path);
	if ((fd = mkstemp(tmp)) == -1)
		return fail(err, errlen, "%s: cannot create a temporary file "
		    "in %s: %s", path, dir, strerror(errno));
	if (write_all(fd, data, len, faults) != 0) {
		fail(err, errlen, "%s: write error: %s", path, strerror(errno));
		goto out;
	}
	if (faults != NULL && faults->fsync_errno != 0) {
		errno = faults->fsync_errno;
		fail(err, errlen, "%s: fsync: %s", path, strerror(errno));
		goto out;
	}
	if (fsync(fd) != 0) {
		fail(err, errlen, "%s: fsync: %s", path, strerror(errno));
		goto out;
	}
	if (fchmod(fd, st.st_mode & 07777) != 0) {
		fail(err, errlen, "%s: cannot keep the mode: %s", path,
		    strerror(errno));
		goto out;
	}
	if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
	    fchown(fd, st.st_uid, st.st_gid) != 0) {
		fail(err, errlen, "%s: cannot keep the owner and group: %s",
		    path, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		fail(err, errlen, "%s: write error: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (backup_suffix != NULL) {
		if (snprintf(bak, sizeof(bak), "%s%s", target, backup_suffix) >=
		    (int)sizeof(bak)) {
			fail(err, errlen, "%s: backup path too long", path);
			goto out;
		}
		(void)unlink(bak);
		if (link(target, bak) != 0) {
			fail(err, errlen, "%s: cannot make the backup %s: %s",
			    path, bak, strerror(errno));
			goto out;
		}
	}
	/* last check: nobody changed it while we wrote */
	if (holds(target, expect, elen) != 1) {
		fail(err, errlen, "%s: modified since it was read; not "
		    "overwritten", path);
		goto out;
	}
	if (faults != NULL && faults->kill_before_rename)
		(void)raise(SIGKILL);	/* test: a crash at the worst moment */
	if (faults != NULL && faults->rename_errno != 0) {
		errno = faults->rename_errno;
		fail(err, errlen, "%s: rename: %s", path, strerror(errno));
		goto out;
	}
	if (rename(tmp, target) != 0) {
		fail(err, errlen, "%s: rename: %s", path, strerror(errno));
		goto out;
	}
	tmp[0] = '\0';
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	r = 0;
 out:
	if (fd != -1)
		close(fd);
	if (tmp[0] != '\0')
		(void)unlink(tmp);
	return r;
}
