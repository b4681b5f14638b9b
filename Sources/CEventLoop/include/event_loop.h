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
/// Asks the scheduler for a time slice of `nanoseconds` for the calling thread, which stays under its current
/// normal policy and nice value (sched_setattr with sched_runtime: EEVDF, Linux 6.12 and later; the kernel clamps
/// it to 0.1-100 ms; 0 restores the default slice). A shorter slice gives the thread an earlier virtual deadline, so
/// its wake-ups preempt a running CPU-bound task sooner. Needs no privilege. Returns 0 or -errno (-EINVAL where
/// the kernel has no custom slices, -EPERM for a thread not under SCHED_OTHER / SCHED_BATCH).
int vrrp_set_fair_slice(unsigned long long nanoseconds);
/// The calling thread's time slice in nanoseconds as the kernel reports it (sched_getattr's sched_runtime for a
/// normal thread), or -errno.
long long vrrp_fair_slice(void);
#endif
