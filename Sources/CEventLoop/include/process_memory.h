#ifndef VRRP_PROCESS_MEMORY_H
#define VRRP_PROCESS_MEMORY_H

/// Begins a working-set trim: each private read-only file mapping without copy-on-write pages (code and constants)
/// is split into one-page mappings (so /proc/self/smaps tells each page's use apart, and a fault maps only its own
/// page: the kernel's fault-around stays inside the faulting mapping), and the accessed bits of the process's pages
/// are cleared (/proc/self/clear_refs). With `release`, their pages instead leave the resident set at once, and
/// only those used from then on fault back in. Pieces are one page, or a power of two of pages when the process has so
/// many that one-page pieces would add more than 16384 mappings (or half the room left under vm.max_map_count).
/// With only_end > only_start, only mappings inside [only_start, only_end) take part. Returns how many mappings were
/// split, or -errno (then nothing stays split).
long vrrp_working_set_begin(int release, unsigned long only_start, unsigned long only_end);

/// Ends a working-set trim's observation: the pages of the split mappings that are resident but were not used
/// since vrrp_working_set_begin leave the resident set, and free heap returns to the kernel (malloc_trim). The
/// mappings stay split until vrrp_working_set_join. Returns the kilobytes dropped (0 when no trim was begun), or
/// -errno (then the mappings are joined already).
long vrrp_working_set_end(void);

/// Joins the mappings a working-set trim split (MADV_RANDOM over each: no read-ahead); the pages mapped stay, and
/// a page first used later brings its cached neighbours with it again (fault-around).
void vrrp_working_set_join(void);
#endif
