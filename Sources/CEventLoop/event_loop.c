#include "event_loop.h"

#include <errno.h>
#include <pthread.h>

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
