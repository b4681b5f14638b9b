#define _GNU_SOURCE
#include "event_loop.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int vrrp_signalfd(const int *signals) {
    sigset_t set;
    sigemptyset(&set);
    for (const int *signal = signals; *signal; signal++) sigaddset(&set, *signal);
    int result = pthread_sigmask(SIG_BLOCK, &set, NULL);
    if (result != 0) return -result;
    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

int vrrp_set_timer_slack(unsigned long nanoseconds) {
    return prctl(PR_SET_TIMERSLACK, nanoseconds, 0, 0, 0) == 0 ? 0 : -errno;
}

/* struct sched_attr of sched_setattr(2); glibc before 2.41 declares neither it nor the call. */
struct vrrp_sched_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
};

int vrrp_set_fair_slice(unsigned long long nanoseconds) {
    struct vrrp_sched_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    /* sched_getattr for the current policy and nice value: sched_setattr sets them all at once. */
    if (syscall(SYS_sched_getattr, 0, &attr, sizeof attr, 0) != 0) return -errno;
    if (attr.sched_policy != SCHED_OTHER && attr.sched_policy != SCHED_BATCH) return -EPERM;
    attr.size = sizeof attr;
    attr.sched_flags = 0;
    attr.sched_runtime = nanoseconds;
    attr.sched_deadline = 0;
    attr.sched_period = 0;
    if (syscall(SYS_sched_setattr, 0, &attr, 0) != 0) return -errno;
    return 0;
}

long long vrrp_fair_slice(void) {
    struct vrrp_sched_attr attr;
    memset(&attr, 0, sizeof attr);
    if (syscall(SYS_sched_getattr, 0, &attr, sizeof attr, 0) != 0) return -errno;
    return (long long)attr.sched_runtime;
}
