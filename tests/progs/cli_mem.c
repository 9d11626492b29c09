/* SPDX-License-Identifier: MIT */
/* Memory calls: mmap (mmap2 on i386), mprotect, madvise, mremap, munmap, brk. */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cli/tracee.h"

#ifdef __i386__
#define MMAP_NR SYS_mmap2
#define MMAP_NAME "mmap2"
#else
#define MMAP_NR SYS_mmap
#define MMAP_NAME "mmap"
#endif

int main(void)
{
	char line[512];
	long r, p, q;

	p = syscall(MMAP_NR, 0L, 8192L, (long)(PROT_READ | PROT_WRITE),
		    (long)(MAP_PRIVATE | MAP_ANONYMOUS), -1L, 0L);
	expect("%s= %#lx",
	       col(MMAP_NAME
		   "(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)"),
	       p);

	r = syscall(SYS_mprotect, p, 4096L, (long)PROT_READ);
	snprintf(line, sizeof(line), "mprotect(%#lx, 4096, PROT_READ)", p);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_mprotect, p, 4096L, (long)PROT_NONE);
	snprintf(line, sizeof(line), "mprotect(%#lx, 4096, PROT_NONE)", p);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_madvise, p, 8192L, (long)MADV_DONTNEED);
	snprintf(line, sizeof(line), "madvise(%#lx, 8192, MADV_DONTNEED)", p);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_mprotect, p, 4096L, (long)(PROT_READ | PROT_WRITE));
	snprintf(line, sizeof(line), "mprotect(%#lx, 4096, PROT_READ|PROT_WRITE)", p);
	expect("%s= %ld", col(line), r);

	q = syscall(SYS_mremap, p, 8192L, 16384L, (long)MREMAP_MAYMOVE);
	snprintf(line, sizeof(line), "mremap(%#lx, 8192, 16384, MREMAP_MAYMOVE)", p);
	expect("%s= %#lx", col(line), q);

	r = syscall(SYS_munmap, q, 16384L);
	snprintf(line, sizeof(line), "munmap(%#lx, 16384)", q);
	expect("%s= %ld", col(line), r);

	r = syscall(MMAP_NR, 0L, 4096L, (long)PROT_READ, (long)MAP_SHARED, 12345L, 0L);
	expect("%s= %s", col(MMAP_NAME "(NULL, 4096, PROT_READ, MAP_SHARED, 12345, 0)"),
	       err_text(errno));

	r = syscall(SYS_brk, 0L);
	expect("%s= %#lx", col("brk(NULL)"), r);

	expect_flush();
	return 0;
}
