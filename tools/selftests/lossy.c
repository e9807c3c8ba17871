// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: connections across a lossy link (two network
 * namespaces joined by veth, netem on both ends; suite.sh sets it up).
 *
 *   lossy synretry ADDR PORT RETRIES   peer drops everything: connect
 *                                      retransmits its SYN RETRIES times
 *                                      with backoff, then ETIMEDOUT
 *   lossy server PORT COUNT [WAIT]     serve COUNT echo connections; with
 *                                      WAIT, first sleep WAIT s without
 *                                      accepting (listen backlog 2)
 *   lossy clients ADDR PORT COUNT      COUNT connections, 1000 bytes each
 *                                      way, every byte checked, then close
 *   lossy flood ADDR PORT COUNT        COUNT connects at once, not waiting
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <time.h>

#include "selftest.h"

static struct sockaddr_edutcp addr(const char *ip, int port)
{
	struct sockaddr_edutcp a = { .sin_family = st_family() };

	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

/* RFC 9293 §3.8.1 and RFC 6298 (5.5): SYN retransmission with backoff. */
static int synretry(const char *ip, int port, int retries)
{
	struct sockaddr_edutcp a = addr(ip, port);
	long rtx = st_counter("RetransSegs"), fails = st_counter("AttemptFails");
	int fd = socket(st_family(), SOCK_STREAM, 0);
	double t0 = st_now(), t;
	/* 1 + 2 + ... + 2^retries seconds: the last wait ends in give-up */
	double expect = (1 << (retries + 1)) - 1;
	char name[128];

	st_plan(6);
	st_expect_errno("connect to a peer behind 100% loss: ETIMEDOUT",
			connect(fd, (struct sockaddr *)&a, sizeof(a)), ETIMEDOUT);
	t = st_now() - t0;
	snprintf(name, sizeof(name), "the SYN was sent again exactly %d times",
		 retries);
	st_result(st_counter("RetransSegs") - rtx == retries, name, "%ld",
		  st_counter("RetransSegs") - rtx);
	snprintf(name, sizeof(name),
		 "backoff 1, 2, 4 ... s: gave up after %.0f s (+-20%%)", expect);
	st_result(t > expect * 0.8 && t < expect * 1.2, name, "took %.1f s", t);
	st_result(st_counter("AttemptFails") - fails == 1,
		  "AttemptFails moves by one", "moved %ld",
		  st_counter("AttemptFails") - fails);
	close(fd);

	/* SO_SNDTIMEO bounds a blocking connect: EINPROGRESS, as TCP */
	fd = socket(st_family(), SOCK_STREAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO,
		   &(struct timeval){ .tv_usec = 500000 }, sizeof(struct timeval));
	t0 = st_now();
	st_expect_errno("connect with SO_SNDTIMEO 0.5 s and no answer: EINPROGRESS",
			connect(fd, (struct sockaddr *)&a, sizeof(a)), EINPROGRESS);
	t = st_now() - t0;
	st_result(t > 0.4 && t < 0.6, "it returned after 0.5 s (+-20%)",
		  "took %.1f s", t);
	close(fd);
	return st_exit();
}

static int echo_one(int c)
{
	char buf[2048];
	long n, total = 0;

	while ((n = read(c, buf, sizeof(buf))) > 0) {
		if (write(c, buf, n) != n)
			return -1;
		total += n;
	}
	close(c);
	return n < 0 ? -1 : total;
}

static int server(int port, int count, int wait)
{
	struct sockaddr_edutcp a = addr("0.0.0.0", port);
	int one = 1, l = socket(st_family(), SOCK_STREAM, 0), i, bad = 0;
	char name[128];

	st_plan(1);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(l, wait ? 2 : 16))
		st_bail("bind or listen on %d: %s", port, strerror(errno));
	printf("# listening on %d\n", port);
	fflush(stdout);
	if (wait)
		sleep(wait);
	for (i = 0; i < count; i++) {
		int c = accept(l, NULL, NULL);

		if (c < 0 || echo_one(c) < 0)
			bad++;
	}
	close(l);
	snprintf(name, sizeof(name), "the echo side echoed %d connections", count);
	st_result(!bad, name, "%d of them failed", bad);
	return st_exit();
}

static int clients(const char *ip, int port, int count)
{
	struct sockaddr_edutcp a = addr(ip, port);
	char out[1000], in[1000], name[128];
	int i, ok = 0;

	st_plan(1);
	for (i = 0; i < (int)sizeof(out); i++)
		out[i] = 'a' + i % 26;
	for (i = 0; i < count; i++) {
		int fd = socket(st_family(), SOCK_STREAM, 0), got = 0, n;

		if (connect(fd, (struct sockaddr *)&a, sizeof(a)) ||
		    write(fd, out, sizeof(out)) != sizeof(out)) {
			printf("# connection %d: %s\n", i, strerror(errno));
			close(fd);
			continue;
		}
		shutdown(fd, SHUT_WR);
		while (got < (int)sizeof(in) &&
		       (n = read(fd, in + got, sizeof(in) - got)) > 0)
			got += n;
		if (got == sizeof(in) && !memcmp(in, out, sizeof(in)) &&
		    read(fd, in, 1) == 0)
			ok++;
		else
			printf("# connection %d: got %d bytes\n", i, got);
		close(fd);
	}
	snprintf(name, sizeof(name),
		 "%d connections open, echo 1000 bytes intact and close", count);
	st_result(ok == count, name, "%d of %d did", ok, count);
	return st_exit();
}

static int flood(const char *ip, int port, int count)
{
	struct sockaddr_edutcp a = addr(ip, port);
	char name[128];
	int i, started = 0;

	st_plan(1);
	for (i = 0; i < count; i++) {
		int fd = socket(st_family(), SOCK_STREAM | SOCK_NONBLOCK, 0);

		if (connect(fd, (struct sockaddr *)&a, sizeof(a)) &&
		    errno == EINPROGRESS)
			started++;
		/* left open: the half-open connections are the point */
	}
	snprintf(name, sizeof(name), "%d non-blocking connects started", count);
	st_result(started == count, name, "%d were", started);
	sleep(2);
	return st_exit();
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "synretry"))
		return synretry(argv[2], atoi(argv[3]), atoi(argv[4]));
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "server"))
		return server(atoi(argv[2]), atoi(argv[3]),
			      argc == 5 ? atoi(argv[4]) : 0);
	if (argc == 5 && !strcmp(argv[1], "clients"))
		return clients(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc == 5 && !strcmp(argv[1], "flood"))
		return flood(argv[2], atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: see the top of lossy.c\n");
	return 2;
}
