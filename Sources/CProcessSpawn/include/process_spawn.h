#ifndef VRRP_PROCESS_SPAWN_H
#define VRRP_PROCESS_SPAWN_H

#include <sys/types.h>

/// Starts `argv[0]` (a path) with `argv` and `envp` in a new process group of its own, optionally as another user.
/// stdin is /dev/null; stdout and stderr go to `output_fd` when it is >= 0, else /dev/null. Every other
/// descriptor is closed in the child. `uid` / `gid` of -1 keep the caller's.
/// Returns 0 and sets `*pid_out` and `*pidfd_out` (a pidfd, or -1 where the kernel has none), or an errno value:
/// a failure of exec in the child is reported here, not as an exit status.
int vrrp_spawn(const char *const argv[], const char *const envp[], int output_fd, long uid, long gid,
               pid_t *pid_out, int *pidfd_out);

/// Waits without blocking for the child `pid`. Returns 1 and sets `*status_out` (a wait status) when it has
/// ended, 0 when it still runs, or -errno.
int vrrp_reap(pid_t pid, int *status_out);

/// Decodes a wait status: returns the exit code (0–255) when the child exited, or -signal when a signal ended it.
int vrrp_wait_status_code(int status);

#endif
