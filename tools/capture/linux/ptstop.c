/*
 * ptrace stop workload for kreplay captures (SPEC §3.3): the first lines of
 * every t_ptrace_wait test.
 *
 *   ptstop [COUNT]
 *
 * The tracee does PTRACE_TRACEME and raise(SIGSTOP) COUNT times (default 5);
 * the tracer collects each stop with wait4 and resumes it with
 * PTRACE_CONT, 0 (the SIGSTOP is not delivered). After the first resume the
 * tracer polls once with WNOHANG (usually 0: nothing to report); after the
 * exit, one more wait4 fails with ECHILD.
 * Build: cc -O2 -o ptstop ptstop.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 5;
	pid_t child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
			_exit(2);
		for (int i = 0; i < count; i++)
			raise(SIGSTOP);
		_exit(0);
	}
	int status, stops = 0, options = 0;
	for (;;) {
		pid_t got = wait4(child, &status, options, NULL);
		if (got == 0) { /* WNOHANG, nothing yet */
			options = 0;
			continue;
		}
		if (got < 0) {
			perror("wait4");
			return 1;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		stops++;
		ptrace(PTRACE_CONT, child, NULL, (void *)0);
		options = stops == 1 ? WNOHANG : 0;
	}
	if (wait4(-1, &status, 0, NULL) >= 0 || errno != ECHILD)
		fprintf(stderr, "ptstop: expected ECHILD\n");
	printf("ptstop: %d stops collected\n", stops);
	return 0;
}
