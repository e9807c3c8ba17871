// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp-stat: the socket table and the counters of edutcp, read from
 * /proc/net/edutcp, shown the way ss and nstat show TCP's.
 *
 *   edutcp-stat              one line per socket, SYN queue entry and
 *                            TIME_WAIT record: state, queues, addresses,
 *                            the timer and when it fires (as ss -tan)
 *   edutcp-stat -c [FILE]    the counters that moved since the last -c
 *                            with the same FILE (default
 *                            /tmp/edutcp-stat.last), and by how much
 *                            (as nstat); the first call shows them all
 *   edutcp-stat -a           every counter and its value
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COUNTERS 128
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* the "tr" column of /proc/net/edutcp/sockets */
static const char *const timers[] = {
	"", "retransmit", "synq", "timewait", "probe", "fin_wait_2",
};

static void addr(unsigned int ip, unsigned int port, char *out, size_t n)
{
	snprintf(out, n, "%u.%u.%u.%u:%u", ip >> 24, (ip >> 16) & 255,
		 (ip >> 8) & 255, ip & 255, port);
}

static int show_table(void)
{
	FILE *f = fopen("/proc/net/edutcp/sockets", "r");
	unsigned int lip, lport, rip, rport, st, tx, rx, tr, retr;
	unsigned long when;
	char line[512], state[32], local[32], peer[32], timer[64];

	if (!f) {
		perror("/proc/net/edutcp/sockets (is edutcp loaded?)");
		return 1;
	}
	printf("%-12s %8s %8s %-22s %-22s %s\n", "State", "Recv-Q", "Send-Q",
	       "Local Address:Port", "Peer Address:Port", "Timer");
	if (!fgets(line, sizeof(line), f)) {	/* the header */
		fclose(f);
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, " %*d: %x:%x %x:%x %x %31s %x:%x %x:%lx %x",
			   &lip, &lport, &rip, &rport, &st, state, &tx, &rx,
			   &tr, &when, &retr) != 11) {
			fprintf(stderr, "edutcp-stat: a line it cannot read: %s",
				line);
			continue;
		}
		addr(lip, lport, local, sizeof(local));
		addr(rip, rport, peer, sizeof(peer));
		timer[0] = 0;
		if (tr)	/* as ss: (what, when in seconds, retransmissions) */
			snprintf(timer, sizeof(timer), "(%s,%lu.%03lus,%u)",
				 tr < ARRAY_SIZE(timers) ? timers[tr] : "?",
				 when / 1000, when % 1000, retr);
		printf("%-12s %8u %8u %-22s %-22s %s\n", state, rx, tx, local,
		       peer, timer);
	}
	fclose(f);
	return 0;
}

struct counters {
	int n;
	char name[MAX_COUNTERS][32];
	unsigned long long val[MAX_COUNTERS];
};

/* Read two "EduTcp:" lines (names, then values) from f. */
static int read_counters(FILE *f, struct counters *c)
{
	char names[4096], vals[4096], *n, *v, *sn, *sv;

	c->n = 0;
	if (!fgets(names, sizeof(names), f) || !fgets(vals, sizeof(vals), f))
		return -1;
	n = strtok_r(names, "\n ", &sn);
	v = strtok_r(vals, "\n ", &sv);
	while ((n = strtok_r(NULL, "\n ", &sn)) &&
	       (v = strtok_r(NULL, "\n ", &sv)) && c->n < MAX_COUNTERS) {
		snprintf(c->name[c->n], sizeof(c->name[0]), "%s", n);
		c->val[c->n++] = strtoull(v, NULL, 10);
	}
	return 0;
}

static int show_counters(const char *last_file, int all)
{
	FILE *f = fopen("/proc/net/edutcp/snmp", "r");
	struct counters now, last = { 0 };
	unsigned long long before;
	int i, j;

	if (!f || read_counters(f, &now)) {
		perror("/proc/net/edutcp/snmp (is edutcp loaded?)");
		return 1;
	}
	fclose(f);
	f = all ? NULL : fopen(last_file, "r");
	if (f) {
		read_counters(f, &last);
		fclose(f);
	}
	printf("%-20s %12s %12s\n", "#counter", all ? "" : "delta", "value");
	for (i = 0; i < now.n; i++) {
		before = 0;
		for (j = 0; j < last.n; j++)
			if (!strcmp(last.name[j], now.name[i]))
				before = last.val[j];
		if (all)
			printf("%-20s %12s %12llu\n", now.name[i], "",
			       now.val[i]);
		else if (now.val[i] != before)
			printf("%-20s %12lld %12llu\n", now.name[i],
			       (long long)(now.val[i] - before), now.val[i]);
	}
	if (all)
		return 0;
	/* keep this reading for the next call, in the format of the file */
	f = fopen(last_file, "w");
	if (!f) {
		perror(last_file);
		return 1;
	}
	fputs("EduTcp:", f);
	for (i = 0; i < now.n; i++)
		fprintf(f, " %s", now.name[i]);
	fputs("\nEduTcp:", f);
	for (i = 0; i < now.n; i++)
		fprintf(f, " %llu", now.val[i]);
	fputc('\n', f);
	return fclose(f) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 1)
		return show_table();
	if (!strcmp(argv[1], "-a"))
		return show_counters(NULL, 1);
	if (!strcmp(argv[1], "-c"))
		return show_counters(argc > 2 ? argv[2] : "/tmp/edutcp-stat.last", 0);
	fprintf(stderr, "usage: edutcp-stat [-a | -c [FILE]]\n");
	return 2;
}
