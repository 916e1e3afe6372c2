/*
 * ptrace + tgkill workload for kreplay captures (SPEC §3.3): a tracer and a
 * two-thread tracee, the Linux shape of NetBSD's _lwp_kill tests.
 *
 *   pttgkill [COUNT]
 *
 * The tracee does PTRACE_TRACEME; raise(SIGSTOP); the tracer sets
 * PTRACE_O_TRACECLONE so the second thread is traced too. The second thread
 * sends SIGUSR1 to the main thread with tgkill COUNT times (default 4). Each
 * one is a ptrace signal-delivery-stop of the main thread: the tracer
 * collects it with wait4(__WALL) and resumes with PTRACE_CONT, passing the
 * signal on (it is then delivered to the handler) for odd rounds and
 * suppressing it (sig 0) for even ones.
 * Build: cc -O2 -pthread -o pttgkill pttgkill.c
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int count;
static pid_t main_tid;
static volatile sig_atomic_t handled;

static void on_usr1(int sig) { (void)sig; handled++; }

static void *sender(void *arg)
{
	(void)arg;
	for (int i = 0; i < count; i++) {
		syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1);
		usleep(20000);
	}
	return NULL;
}

static int tracee(void)
{
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
		return 2;
	signal(SIGUSR1, on_usr1);
	raise(SIGSTOP);
	main_tid = (pid_t)syscall(SYS_gettid);
	pthread_t thread;
	pthread_create(&thread, NULL, sender, NULL);
	pthread_join(thread, NULL);
	return handled == (count + 1) / 2 ? 0 : 3;
}

int main(int argc, char **argv)
{
	count = argc > 1 ? atoi(argv[1]) : 4;
	pid_t child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0)
		_exit(tracee());
	int status, round = 0;
	int first = 1;
	for (;;) {
		pid_t got = wait4(-1, &status, __WALL, NULL);
		if (got < 0) {
			perror("wait4");
			return 1;
		}
		if (got == child && (WIFEXITED(status) || WIFSIGNALED(status)))
			break;
		if (!WIFSTOPPED(status))
			continue;
		int sig = WSTOPSIG(status);
		int pass = 0;
		if (first && got == child) {
			ptrace(PTRACE_SETOPTIONS, child, NULL, (void *)PTRACE_O_TRACECLONE);
			first = 0;
		} else if (sig == SIGUSR1) {
			round++;
			pass = round % 2 ? SIGUSR1 : 0;
		}
		/* Clone-event stops (SIGTRAP) and the new thread's SIGSTOP: resume with 0. */
		ptrace(PTRACE_CONT, got, NULL, (void *)(long)pass);
	}
	printf("pttgkill: %d SIGUSR1 stops, tracee exit %d\n", round,
	    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
