/* Replacing a configuration file on disk, atomically. */
#ifndef SSHLINT_REWRITE_WRITE_H
#define SSHLINT_REWRITE_WRITE_H

#include <stddef.h>

/* Fault injection for the tests: make this step fail with this errno. */
struct sl_write_faults {
	int write_errno;	/* 0, or e.g. ENOSPC / EIO on write() */
	int fsync_errno;
	int rename_errno;
	int kill_before_rename;	/* SIGKILL the process just before rename */
};

/*
 * Replace the file `path` (a symlink is followed: its target is replaced,
 * the link stays) by `data`, provided it still holds exactly `expect`
 * (else it was modified since it was read: error). A temporary file in the
 * same directory gets the data, fsync, the original's mode, owner and
 * group, then is renamed over the target, and the directory is synced.
 * With `backup_suffix`, the original is kept as PATH+suffix. On failure
 * the original is untouched, the temporary file removed, and `err` says
 * why. Returns 0, SL_EIO or SL_ENOMEM.
 */
int sl_atomic_replace(const char *path, const char *expect, size_t elen,
    const char *data, size_t len, const char *backup_suffix,
    const struct sl_write_faults *faults, char *err, size_t errlen);

#endif
