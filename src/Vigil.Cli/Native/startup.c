/*
 * Linked into the Native AOT binary on Linux (see Vigil.Cli.csproj, target CompileStartupHook); runs before main.
 *
 * A position-independent Native AOT binary expands about 3 MB of runtime data (type descriptions, frozen strings)
 * into its zero-filled data segment at every start, before Main. Each 4 KB page of it is a page fault at first
 * touch: about 730 of the 1,000 faults it takes to print the version. This asks the kernel to back that segment with
 * 2 MB pages where it can (transparent huge pages in "madvise" or "always" mode), and gives the data room on either
 * side so that every aligned 2 MB range it touches lies inside the segment whatever the (random) load address: 512
 * faults become one, in every start. It changes nothing the program computes, and a kernel that refuses the advice
 * leaves the start as it was.
 * Written in C because it must run before the .NET runtime starts, and the runtime writes the data itself.
 * When SQLite is linked in too, it also places SQLite's page cache in a huge page (place_sqlite_page_cache, below).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef VIGIL_LINKED_SQLITE
#include <sqlite3.h>
#endif

/* A huge page: 2 MB, the unit every range here is aligned to and sized in. */
#define HUGE_PAGE 2097152
#define TEXT(x) #x
#define NUMBER_TEXT(x) TEXT(x)

/*
 * 2 MB of zero-filled room on either side of the runtime data: the room before it in .bss, the room after it in the
 * runtime's own .hydrated section (the linker puts this file's part after the runtime's). Then every aligned 2 MB
 * range the data touches lies wholly inside the advised segment, whatever the load address, and all of the data
 * can be huge pages, not half of it in half the starts. The room is address space: only the part of it a huge page
 * of the data also covers ever becomes memory.
 */
static char room_before_runtime_data[HUGE_PAGE] __attribute__((aligned(4096)));
__asm__(".section .hydrated,\"aw\",@nobits\n"
        ".balign 4096\n"
        "room_after_runtime_data: .zero " NUMBER_TEXT(HUGE_PAGE) "\n"
        ".previous\n");
extern char room_after_runtime_data[];

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

#ifdef VIGIL_LINKED_SQLITE
/* False when the kernel has transparent huge pages off ("[never]"), or does not say. */
static int huge_pages_possible(void)
{
    char mode[128] = {0};
    int file = open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
    if (file < 0)
    {
        return 0;
    }

    ssize_t length = read(file, mode, sizeof mode - 1);
    close(file);
    return length > 0 && strstr(mode, "[never]") == NULL;
}

/*
 * SQLite's page cache in one 2 MB huge page, when SQLite is linked into the binary (only then can this run before
 * SQLite starts, which sqlite3_config requires). An audit reads about 230 pages of the database on a fresh
 * connection, and SQLite otherwise mallocs each one: about 1.1 MB of fresh memory, a page fault per 4 KB, which
 * made the audit's main query take 9 to 12 ms instead of 3.5 to 5 (measured in C on the benchmark's database and
 * names). Here every slot lies in one page the kernel fills in one fault. SQLite takes further pages from malloc
 * once the slots are in use, as before; a kernel without huge pages gets no buffer, as SQLite's default then costs
 * no more. The buffer lives as long as the process, as sqlite3_config requires.
 */
static void place_sqlite_page_cache(void)
{
    int header = 0;
    if (!huge_pages_possible() || sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK || header <= 0)
    {
        return;
    }

    size_t slot = (4096u + (size_t)header + 7u) & ~(size_t)7u;
    char *region = mmap(NULL, 2 * HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region == MAP_FAILED)
    {
        return;
    }

    char *aligned = (char *)(((uintptr_t)region + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    if (aligned > region)
    {
        (void)munmap(region, (size_t)(aligned - region));
    }

    (void)munmap(aligned + HUGE_PAGE, (size_t)(region + 2 * HUGE_PAGE - (aligned + HUGE_PAGE)));
    if (madvise(aligned, HUGE_PAGE, MADV_HUGEPAGE) != 0
        || sqlite3_config(SQLITE_CONFIG_PAGECACHE, aligned, (int)slot, (int)(HUGE_PAGE / slot)) != SQLITE_OK)
    {
        (void)munmap(aligned, HUGE_PAGE);
    }
}
#endif

__attribute__((constructor)) static void vigil_prepare_memory(void)
{
    /* The rooms are only ever referred to here, so that the linker keeps them. */
    __asm__ volatile("" : : "r"(room_before_runtime_data), "r"(room_after_runtime_data));
    dl_iterate_phdr(advise_zero_filled_data, NULL);
#ifdef VIGIL_LINKED_SQLITE
    place_sqlite_page_cache();
#endif
}
