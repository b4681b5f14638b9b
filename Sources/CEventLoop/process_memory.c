#include "process_memory.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* One file-backed mapping that holds no private (copy-on-write) page. */
struct vrrp_mapping {
    unsigned long start;
    unsigned long end;
};

long vrrp_release_clean_file_pages(int random_access) {
    FILE *smaps = fopen("/proc/self/smaps", "re");
    if (!smaps) return -errno;
    size_t capacity = 64, count = 0;
    struct vrrp_mapping *candidates = malloc(capacity * sizeof *candidates);
    if (!candidates) {
        fclose(smaps);
        return -ENOMEM;
    }
    char line[512];
    unsigned long start = 0, end = 0, rss = 0;
    int pending = 0; /* the mapping being read is a candidate so far */
    long released = 0;
    for (;;) {
        char *read = fgets(line, sizeof line, smaps);
        unsigned long a, b, inode;
        char perms[5];
        int header = read && sscanf(line, "%lx-%lx %4s %*s %*s %lu", &a, &b, perms, &inode) == 4;
        if (!read || header) {
            if (pending && rss > 0) {
                if (count == capacity) {
                    struct vrrp_mapping *grown = realloc(candidates, 2 * capacity * sizeof *candidates);
                    if (!grown) break;
                    candidates = grown;
                    capacity *= 2;
                }
                candidates[count++] = (struct vrrp_mapping){start, end};
                released += (long)rss;
            }
            pending = 0;
            if (!read) break;
            /* Private, not writable, backed by a file: its pages can be read again from the file. */
            if (inode != 0 && perms[0] == 'r' && perms[1] == '-' && perms[3] == 'p') {
                start = a;
                end = b;
                rss = 0;
                pending = 1;
            }
            continue;
        }
        if (!pending) continue;
        unsigned long kilobytes;
        if (sscanf(line, "Rss: %lu kB", &kilobytes) == 1) rss = kilobytes;
        /* A page written before the mapping became read-only (RELRO) exists only in memory: keep the mapping. */
        if (sscanf(line, "Anonymous: %lu kB", &kilobytes) == 1 && kilobytes != 0) pending = 0;
        if (sscanf(line, "Locked: %lu kB", &kilobytes) == 1 && kilobytes != 0) pending = 0;
    }
    fclose(smaps);
    for (size_t index = 0; index < count; index++) {
        void *address = (void *)candidates[index].start;
        size_t length = candidates[index].end - candidates[index].start;
        if (random_access) (void)madvise(address, length, MADV_RANDOM);
        (void)madvise(address, length, MADV_DONTNEED);
    }
    free(candidates);
    malloc_trim(0);
    return released;
}
