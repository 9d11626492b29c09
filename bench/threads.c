/* SPDX-License-Identifier: MIT */
/*
 * threads N [T]: T threads (default 4) share N getppid calls (default
 * 2000000) equally; the main thread waits for them.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_THREADS 64

static void *loop(void *arg)
{
	long n = *(long *)arg;

	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return NULL;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000000;
	int nt = argc > 2 ? atoi(argv[2]) : 4;
	pthread_t th[MAX_THREADS];
	long share[MAX_THREADS];

	if (n < 0 || nt < 1 || nt > MAX_THREADS) {
		fprintf(stderr, "usage: %s [ITERATIONS [THREADS]]\n", argv[0]);
		return 2;
	}
	for (int i = 0; i < nt; i++) {
		share[i] = n / nt + (i < n % nt);
		int err = pthread_create(&th[i], NULL, loop, &share[i]);
		if (err) {
			fprintf(stderr, "pthread_create: error %d\n", err);
			return 1;
		}
	}
	for (int i = 0; i < nt; i++)
		pthread_join(th[i], NULL);
	return 0;
}
