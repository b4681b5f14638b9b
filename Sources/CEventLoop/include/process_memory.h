#ifndef VRRP_PROCESS_MEMORY_H
#define VRRP_PROCESS_MEMORY_H

/// Drops from the process's resident set the pages of private read-only file mappings (code and constants of the
/// executable and its libraries) that hold no copy-on-write page, so only what is used afterwards faults back in;
/// with `random_access`, those mappings also stop reading around each fault (MADV_RANDOM). Then malloc_trim(0).
/// Returns the kilobytes that were resident in the released mappings, or -errno.
long vrrp_release_clean_file_pages(int random_access);
#endif
