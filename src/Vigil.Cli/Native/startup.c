/*
 * Linked into the Native AOT binary on Linux (see Vigil.Cli.csproj, target CompileStartupHook); runs before main.
 *
 * A position-independent Native AOT binary expands about 3 MB of runtime data (type descriptions, frozen strings)
 * into its zero-filled data segment at every start, before Main. Each 4 KB page of it is a page fault at first
 * touch: about 730 of the 1,000 faults it takes to print the version. This asks the kernel to back that segment with
 * 2 MB pages where it can (transparent huge pages in "madvise" or "always" mode): when a whole aligned 2 MB range
 * lies inside the segment (about half the starts, as the load address is random), 512 faults become one. It changes
 * nothing the program computes, and a kernel that refuses the advice leaves the start as it was.
 * Written in C because it must run before the .NET runtime starts, and the runtime writes the data itself.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* The first object dl_iterate_phdr reports is the executable: its writable segment's zero-filled part. */
static int advise_zero_filled_data(struct dl_phdr_info *info, size_t size, void *unused)
{
    (void)size;
    (void)unused;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++)
    {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type == PT_LOAD && (segment->p_flags & PF_W) && segment->p_memsz > segment->p_filesz)
        {
            uintptr_t start = (info->dlpi_addr + segment->p_vaddr + segment->p_filesz + page - 1) & ~(page - 1);
            uintptr_t end = (info->dlpi_addr + segment->p_vaddr + segment->p_memsz + page - 1) & ~(page - 1);
            if (end > start)
            {
                (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
            }
        }
    }

    return 1;
}

__attribute__((constructor)) static void vigil_advise_runtime_data(void)
{
    dl_iterate_phdr(advise_zero_filled_data, NULL);
}
