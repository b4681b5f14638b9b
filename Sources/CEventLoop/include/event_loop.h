#ifndef VRRP_EVENT_LOOP_H
#define VRRP_EVENT_LOOP_H
/* Linux event-loop headers that Swift's Glibc module does not export. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <signal.h>

/// Blocks `signals` (a zero-terminated list) in the calling thread and returns a non-blocking, close-on-exec
/// signalfd for them, or -errno.
int vrrp_signalfd(const int *signals);
/// Sets the calling thread's timer slack in nanoseconds (prctl PR_SET_TIMERSLACK); returns 0 or -errno.
int vrrp_set_timer_slack(unsigned long nanoseconds);
#endif
