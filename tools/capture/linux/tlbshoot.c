/*
 * TLB shootdown workload for kreplay captures (SPEC §2.4).
 *
 *   tlbshoot busy|sleep [COUNT]
 *
 * Two threads of one process, pinned to cpu0 and cpu1. The first maps one
 * page between two pages that stay mapped, touches it and unmaps it, COUNT
 * times (default 200): each munmap is one remote flush request. The neighbours
 * keep the page table alive, so no page-table page is freed and Linux may
 * skip lazy CPUs.
 *   busy  - the second thread spins in user space on cpu1: the mm stays
 *           loaded there, every request sends a flush IPI to cpu1.
 *   sleep - the second thread sleeps: cpu1 idles (lazy TLB) or runs other
 *           work, and the kernel sends (almost) no IPIs.
 * Build: cc -O2 -pthread -o tlbshoot tlbshoot.c
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static atomic_int done;
static int busy;

static void pin(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0)
		perror("pthread_setaffinity_np");
}

static void *second(void *arg)
{
	(void)arg;
	pin(1);
	if (busy) {
		while (!atomic_load_explicit(&done, memory_order_relaxed))
			;
	} else {
		while (!atomic_load(&done))
			usleep(200000);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "busy") && strcmp(argv[1], "sleep"))) {
		fprintf(stderr, "usage: tlbshoot busy|sleep [COUNT]\n");
		return 64;
	}
	busy = strcmp(argv[1], "busy") == 0;
	int count = argc > 2 ? atoi(argv[2]) : 200;
	long page = sysconf(_SC_PAGESIZE);
	pin(0);
	char *region = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	region[0] = 1;
	region[2 * page] = 1;
	pthread_t thread;
	pthread_create(&thread, NULL, second, NULL);
	usleep(50000); /* let the second thread settle on cpu1 */
	for (int i = 0; i < count; i++) {
		char *p = mmap(region + page, page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (p == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		p[0] = (char)i;
		munmap(p, page);
	}
	atomic_store(&done, 1);
	pthread_join(thread, NULL);
	return 0;
}
