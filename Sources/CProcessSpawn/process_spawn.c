#define _GNU_SOURCE
#include "process_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

static void close_from(int lowest) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned)lowest, ~0U, 0) == 0) return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int fd = lowest; fd < max; fd++) close(fd);
}

int vrrp_spawn(const char *const argv[], const char *const envp[], int output_fd, long uid, long gid,
               pid_t *pid_out, int *pidfd_out) {
    /* A close-on-exec pipe reports a failed exec: the child writes errno, a successful exec closes it. */
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;

    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid_t pid = fork();
    if (pid == 0) {
        /* Child: only async-signal-safe calls from here on. */
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int sig = 1; sig < 65; sig++) sigaction(sig, &dfl, NULL);
        setpgid(0, 0);
        int devnull = open("/dev/null", O_RDWR);
        int out = output_fd >= 0 ? output_fd : devnull;
        if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) goto fail;
        if (gid >= 0) {
            if (setgroups(0, NULL) != 0 && errno != EPERM) goto fail;
            if (setgid((gid_t)gid) != 0) goto fail;
        }
        if (uid >= 0 && setuid((uid_t)uid) != 0) goto fail;
        if (report[1] != 3) {
            if (dup3(report[1], 3, O_CLOEXEC) < 0) goto fail;
        }
        close_from(4);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execve(argv[0], (char *const *)argv, (char *const *)envp);
    fail: {
        int error = errno;
        ssize_t ignored = write(3, &error, sizeof error);
        (void)ignored;
        _exit(127);
    }
    }
    int fork_errno = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(report[1]);
    if (pid < 0) {
        close(report[0]);
        return fork_errno;
    }
    /* Also set the group from the parent, so a kill of the group cannot race the child's own setpgid. */
    setpgid(pid, pid);
    int child_errno = 0;
    ssize_t got;
    do {
        got = read(report[0], &child_errno, sizeof child_errno);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof child_errno) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return child_errno ? child_errno : EIO;
    }
    *pid_out = pid;
    *pidfd_out = (int)syscall(SYS_pidfd_open, pid, 0);
    return 0;
}

int vrrp_reap(pid_t pid, int *status_out) {
    int status = 0;
    pid_t got;
    do {
        got = waitpid(pid, &status, WNOHANG);
    } while (got < 0 && errno == EINTR);
    if (got < 0) return -errno;
    if (got == 0) return 0;
    *status_out = status;
    return 1;
}

int vrrp_wait_status_code(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return -WTERMSIG(status);
    return -255;
}
