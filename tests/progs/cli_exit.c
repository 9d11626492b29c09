/* SPDX-License-Identifier: MIT */
/* Ends as told: "cli_exit N" exits with N, "cli_exit -SIG" dies of signal SIG. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int v = argc > 1 ? atoi(argv[1]) : 0;

	if (v < 0) {
		signal(-v, SIG_DFL);
		raise(-v);
		pause();
	}
	return v;
}
