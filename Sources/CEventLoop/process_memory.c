#include "process_memory.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

/* One file-backed mapping that holds no private (copy-on-write) page. */
struct vrrp_mapping {
    unsigned long start;
    unsigned long end;
};

/* ---- working-set trim ---------------------------------------------------------------------------------------- */

/* The mappings a trim split, from vrrp_working_set_begin to vrrp_working_set_end. */
static pthread_mutex_t trim_lock = PTHREAD_MUTEX_INITIALIZER;
static struct vrrp_mapping *trim_mappings;
static size_t trim_count;
static int trim_released; /* the trim began with a release: every page resident at its end was used since */

/* Appends a range to a growing array; 0 or -ENOMEM. */
static int append(struct vrrp_mapping **array, size_t *count, size_t *capacity, unsigned long start,
                  unsigned long end) {
    if (*count == *capacity) {
        size_t grown_capacity = *capacity ? 2 * *capacity : 64;
        struct vrrp_mapping *grown = realloc(*array, grown_capacity * sizeof **array);
        if (!grown) return -ENOMEM;
        *array = grown;
        *capacity = grown_capacity;
    }
    (*array)[(*count)++] = (struct vrrp_mapping){start, end};
    return 0;
}

/* Clears the accessed bits of every page of the process (/proc/self/clear_refs "1"); 0 or -errno. */
static int clear_referenced(void) {
    int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    int result = write(fd, "1", 1) == 1 ? 0 : -errno;
    close(fd);
    return result;
}

/* Joins the split mappings again (one advice over each whole range: the pieces become alike and merge). */
static void join_trim_mappings(void) {
    for (size_t index = 0; index < trim_count; index++) {
        void *address = (void *)trim_mappings[index].start;
        (void)madvise(address, trim_mappings[index].end - trim_mappings[index].start, MADV_RANDOM);
    }
    free(trim_mappings);
    trim_mappings = NULL;
    trim_count = 0;
}

/* The most mappings a trim adds; the kernel refuses mappings beyond vm.max_map_count (65530 by default). */
#define VRRP_TRIM_MAPPING_BUDGET 16384

long vrrp_working_set_begin(int release, unsigned long only_start, unsigned long only_end) {
    FILE *smaps = fopen("/proc/self/smaps", "re");
    if (!smaps) return -errno;
    struct vrrp_mapping *candidates = NULL;
    size_t count = 0, capacity = 0;
    char line[512];
    unsigned long start = 0, end = 0, pages = 0, mappings = 0;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    int pending = 0, failed = 0;
    for (;;) {
        char *read = fgets(line, sizeof line, smaps);
        unsigned long a, b, inode;
        char perms[5];
        int header = read && sscanf(line, "%lx-%lx %4s %*s %*s %lu", &a, &b, perms, &inode) == 4;
        if (!read || header) {
            /* A mapping of one page gains nothing from splitting. */
            if (pending && end - start > page) {
                failed = append(&candidates, &count, &capacity, start, end);
                if (failed) break;
                pages += (end - start) / page;
            }
            pending = 0;
            if (!read) break;
            mappings++;
            if (only_end > only_start && (a < only_start || b > only_end)) continue;
            if (inode != 0 && perms[0] == 'r' && perms[1] == '-' && perms[3] == 'p') {
                start = a;
                end = b;
                pending = 1;
            }
            continue;
        }
        if (!pending) continue;
        unsigned long kilobytes;
        if (sscanf(line, "Anonymous: %lu kB", &kilobytes) == 1 && kilobytes != 0) pending = 0;
        if (sscanf(line, "Locked: %lu kB", &kilobytes) == 1 && kilobytes != 0) pending = 0;
    }
    fclose(smaps);
    if (failed) {
        free(candidates);
        return failed;
    }
    /* Pieces of one page, or of as many pages as keep the added mappings within the budget and the limit. */
    unsigned long budget = VRRP_TRIM_MAPPING_BUDGET, limit = 65530;
    FILE *sysctl = fopen("/proc/sys/vm/max_map_count", "re");
    if (sysctl) {
        if (fscanf(sysctl, "%lu", &limit) != 1) limit = 65530;
        fclose(sysctl);
    }
    if (limit > mappings && (limit - mappings) / 2 < budget) budget = (limit - mappings) / 2;
    size_t piece = page;
    while (budget > 0 && pages * page / piece > budget) piece *= 2;
    pthread_mutex_lock(&trim_lock);
    join_trim_mappings(); /* a trim begun and never ended */
    /* Every other piece gets other advice: each piece becomes a mapping of its own. Each call holds the process's
       mmap lock for writing, which stalls any thread that faults meanwhile; the running code's pages stay mapped
       until every mapping is split, so it does not fault, and a short pause every few calls lets a thread that
       needs the lock anyway (mmap, munmap) in. */
    unsigned calls = 0;
    for (size_t index = 0; index < count && budget > 0; index++) {
        char *address = (char *)candidates[index].start;
        size_t length = candidates[index].end - candidates[index].start;
        (void)madvise(address, length, MADV_RANDOM);
        for (size_t offset = piece; offset < length; offset += 2 * piece) {
            (void)madvise(address + offset, length - offset < piece ? length - offset : piece, MADV_NORMAL);
            if (++calls % 64 == 0) usleep(200);
        }
    }
    /* Then every page leaves at once (MADV_DONTNEED holds the lock only for reading: faults go on meanwhile). */
    for (size_t index = 0; index < count && budget > 0 && release; index++) {
        (void)madvise((void *)candidates[index].start, candidates[index].end - candidates[index].start,
                      MADV_DONTNEED);
    }
    trim_mappings = candidates;
    trim_count = count;
    trim_released = release;
    /* After a release every page resident at the end was used since: no accessed bits to clear. */
    int cleared = release ? 0 : clear_referenced();
    if (cleared != 0) join_trim_mappings();
    pthread_mutex_unlock(&trim_lock);
    return cleared != 0 ? cleared : (long)count;
}

long vrrp_working_set_end(void) {
    pthread_mutex_lock(&trim_lock);
    if (trim_count == 0 || trim_released) {
        /* Nothing to read: after a release, what is resident was used since (smaps of thousands of mappings
           costs tens of milliseconds). */
        pthread_mutex_unlock(&trim_lock);
        malloc_trim(0);
        return 0;
    }
    long dropped = 0;
    FILE *smaps = fopen("/proc/self/smaps", "re");
    if (!smaps) {
        int error = errno;
        join_trim_mappings();
        pthread_mutex_unlock(&trim_lock);
        return -error;
    }
    /* The pieces of the split mappings that are resident but were not used since the trim began. */
    struct vrrp_mapping *unused = NULL;
    size_t count = 0, capacity = 0, range = 0;
    char line[512];
    unsigned long start = 0, end = 0, rss = 0, referenced = 0;
    int pending = 0;
    for (;;) {
        char *read = fgets(line, sizeof line, smaps);
        unsigned long a, b, inode;
        char perms[5];
        int header = read && sscanf(line, "%lx-%lx %4s %*s %*s %lu", &a, &b, perms, &inode) == 4;
        if (!read || header) {
            if (pending && rss > 0 && referenced == 0) {
                if (count > 0 && unused[count - 1].end == start) {
                    unused[count - 1].end = end;
                } else if (append(&unused, &count, &capacity, start, end) != 0) {
                    break;
                }
                dropped += (long)rss;
            }
            pending = 0;
            if (!read) break;
            /* smaps lists mappings in address order, as the split ranges are. */
            while (range < trim_count && trim_mappings[range].end <= a) range++;
            if (range < trim_count && a >= trim_mappings[range].start && b <= trim_mappings[range].end &&
                perms[1] == '-' && perms[3] == 'p') {
                start = a;
                end = b;
                rss = referenced = 0;
                pending = 1;
            }
            continue;
        }
        if (!pending) continue;
        unsigned long kilobytes;
        if (sscanf(line, "Rss: %lu kB", &kilobytes) == 1) rss = kilobytes;
        if (sscanf(line, "Referenced: %lu kB", &kilobytes) == 1) referenced = kilobytes;
        if (sscanf(line, "Anonymous: %lu kB", &kilobytes) == 1 && kilobytes != 0) pending = 0;
        if (sscanf(line, "Locked: %lu kB", &kilobytes) == 1 && kilobytes != 0) pending = 0;
    }
    fclose(smaps);
    /* Still split: a page used between the reading and here faults back alone. */
    for (size_t index = 0; index < count; index++) {
        (void)madvise((void *)unused[index].start, unused[index].end - unused[index].start, MADV_DONTNEED);
    }
    free(unused);
    pthread_mutex_unlock(&trim_lock);
    malloc_trim(0);
    return dropped;
}

void vrrp_working_set_join(void) {
    pthread_mutex_lock(&trim_lock);
    join_trim_mappings();
    pthread_mutex_unlock(&trim_lock);
}
