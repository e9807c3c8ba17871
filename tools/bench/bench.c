// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp benchmark: edutcp against Linux TCP over the same loopback, in
 * one boot, runs alternating: bulk throughput (one way) and the latency
 * of 1-byte request/response, plus memcpy bandwidth as the ceiling.
 * Prints the medians, the raw runs and the ratios.
 *
 *   bench [BULK_MIB [RR_COUNT [RUNS]]]
 *
 * Meant for a guest under qemu -icount shift=0,sleep=off, where time is
 * executed instructions: cache misses and lock contention do not show.
 */
#define _GNU_SOURCE
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "../selftests/selftest.h"

#define CHUNK (64 * 1024)
#define MB (1 / 1e6)	/* bytes/s to MB/s */
#define US 1e6	/* s to us */

/* A listener on loopback and a connected client; the child serves. */
static int open_pair(int fam, int port, int *l)
{
	struct sockaddr_in a = { .sin_family = fam };
	int one = 1, c;

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	*l = socket(fam, SOCK_STREAM, 0);
	setsockopt(*l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(*l, (struct sockaddr *)&a, sizeof(a)) || listen(*l, 1))
		return -1;
	c = socket(fam, SOCK_STREAM, 0);
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		return -1;
	return c;
}

static int serve_one(int l, int echo)
{
	static char buf[CHUNK];
	int s = accept(l, NULL, NULL), one = 1;
	ssize_t r;

	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	while ((r = read(s, buf, echo ? 1 : sizeof(buf))) > 0)
		if (echo && write(s, buf, r) != r)
			return 1;
	close(s);
	return 0;
}

/* Bytes per second, one way, until the reader has read them all. */
static double bulk(int fam, int port, size_t bytes)
{
	static char buf[CHUNK];
	int l, c = open_pair(fam, port, &l);
	size_t done = 0;
	double t0, t;
	ssize_t r;

	if (c < 0)
		return -1;
	if (fork() == 0) {
		close(c);	/* else the child holds the client open */
		_exit(serve_one(l, 0));
	}
	close(l);
	memset(buf, 'b', sizeof(buf));
	t0 = st_now();
	while (done < bytes) {
		r = write(c, buf, sizeof(buf));
		if (r <= 0)
			return -1;
		done += r;
	}
	shutdown(c, SHUT_WR);
	while (read(c, buf, sizeof(buf)) > 0)	/* EOF: the reader is done */
		;
	t = st_now() - t0;
	close(c);
	wait(NULL);
	return done / t;
}

/* Seconds per 1-byte request and 1-byte response. */
static double rr(int fam, int port, int count)
{
	int l, c = open_pair(fam, port, &l), i;
	double t0, t;
	char b = 'r';

	if (c < 0)
		return -1;
	if (fork() == 0) {
		close(c);
		_exit(serve_one(l, 1));
	}
	close(l);
	for (i = 0; i < 100; i++)	/* warm up */
		if (write(c, &b, 1) != 1 || read(c, &b, 1) != 1)
			return -1;
	t0 = st_now();
	for (i = 0; i < count; i++)
		if (write(c, &b, 1) != 1 || read(c, &b, 1) != 1)
			return -1;
	t = st_now() - t0;
	close(c);
	wait(NULL);
	return t / count;
}

static double memcpy_rate(size_t bytes)
{
	char *a = malloc(bytes), *b = malloc(bytes);
	double t0, t;
	int i;

	memset(a, 1, bytes);
	memset(b, 2, bytes);
	t0 = st_now();
	for (i = 0; i < 4; i++) {
		memcpy(b, a, bytes);
		a[i] = b[bytes - 1 - i];	/* keep the copies */
	}
	t = st_now() - t0;
	free(a);
	free(b);
	return 4.0 * bytes / t;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void print_runs(const char *what, double *v, int n, double scale)
{
	int i;

	printf("# runs, %s:", what);
	for (i = 0; i < n; i++)
		printf(" %.1f", v[i] * scale);
	printf("\n");
}

int main(int argc, char **argv)
{
	size_t bytes = (argc > 1 ? atoi(argv[1]) : 32) * 1048576UL;
	int count = argc > 2 ? atoi(argv[2]) : 5000;
	int runs = argc > 3 ? atoi(argv[3]) : 5, i, port = 20000;
	double eb[16], lb[16], er[16], lr[16], mb, mr, e, t;
	int fams[2] = { st_family(), AF_INET };

	if (runs > 16)
		runs = 16;
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < runs; i++) {
		/* alternate which goes first, so neither always runs warm */
		int first = i % 2;

		e = bulk(fams[first], port++, bytes);
		t = bulk(fams[!first], port++, bytes);
		eb[i] = first ? t : e;
		lb[i] = first ? e : t;
		e = rr(fams[first], port++, count);
		t = rr(fams[!first], port++, count);
		er[i] = first ? t : e;
		lr[i] = first ? e : t;
	}
	mb = memcpy_rate(64 * 1048576UL);
	print_runs("edutcp bulk MB/s", eb, runs, MB);
	print_runs("Linux TCP bulk MB/s", lb, runs, MB);
	print_runs("edutcp request/response us", er, runs, US);
	print_runs("Linux TCP request/response us", lr, runs, US);
	e = median(eb, runs);
	t = median(lb, runs);
	printf("bench: bulk throughput: edutcp %.1f MB/s, Linux TCP %.1f MB/s,",
	       e * MB, t * MB);
	printf(" ratio %.2f (target >= 0.8)\n", e / t);
	e = median(er, runs);
	t = median(lr, runs);
	printf("bench: 1-byte request/response: edutcp %.1f us, Linux TCP %.1f us,",
	       e * US, t * US);
	printf(" ratio %.2f (target <= 1.1)\n", e / t);
	mr = mb;
	printf("bench: memcpy: %.1f MB/s (the ceiling)\n", mr * MB);
	printf("bench: %zu MiB per bulk run, %d round trips per latency run,",
	       bytes >> 20, count);
	printf(" %d runs each, medians\n", runs);
	return 0;
}
