// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: lesson rules (module/lesson.c, docs/lessons.md) over
 * loopback: bad rules refused with their errno; drop, hold and dup each
 * with exact counters; a rule that waits for its nth match and retires
 * after its count; the switch lesson_no_time_wait; a namespace that goes
 * with a segment still held.
 *
 *   lesson               the checks
 *   lesson leave-held    leave a SYN held for a minute, for rmmod to free
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <linux/capability.h>

#include "selftest.h"

#define LESSON "/proc/net/edutcp/lesson"

static int fam;

/* write one rule: 0, or -1 and errno */
static int rule(const char *text)
{
	int fd = open(LESSON, O_WRONLY), r, e;

	if (fd < 0)
		return -1;
	r = write(fd, text, strlen(text)) < 0 ? -1 : 0;
	e = errno;
	close(fd);
	errno = e;
	return r;
}

/* the rules the file lists */
static int rules_listed(void)
{
	FILE *f = fopen(LESSON, "r");
	char line[256];
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n++;
	if (f)
		fclose(f);
	return n;
}

static struct sockaddr_edutcp lo(int port)
{
	struct sockaddr_edutcp a = { .sin_family = fam };

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int listen_on(int port)
{
	struct sockaddr_edutcp a = lo(port);
	int one = 1, l = socket(fam, SOCK_STREAM, 0);

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 8))
		st_bail("lesson: listen on %d: %s", port, strerror(errno));
	return l;
}

/* connect to @port (blocking): the fd, and the seconds it took in *@took */
static int connect_to(int port, double *took)
{
	struct sockaddr_edutcp a = lo(port);
	int c = socket(fam, SOCK_STREAM, 0), one = 1;
	double t = st_now();

	setsockopt(c, SOL_EDUTCP, EDUTCP_NODELAY, &one, sizeof(one));
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("lesson: connect %d: %s", port, strerror(errno));
	*took = st_now() - t;
	return c;
}

/* without CAP_NET_ADMIN (a child that dropped it): the errno of a rule */
static int rule_errno_without_cap(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { 0 };
	int status;
	pid_t pid = fork();

	if (!pid) {
		syscall(SYS_capget, &h, d);
		d[0].effective &= ~(1U << CAP_NET_ADMIN);
		syscall(SYS_capset, &h, d);
		_exit(rule("drop out syn") ? errno : 0);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void bad_rules(void)
{
	char longer[200];
	int i;

	snprintf(longer, sizeof(longer), "drop out syn%*s port 7", 150, "");
	st_expect_errno("a rule with an unknown word: EINVAL",
			rule("drop sideways syn"), EINVAL);
	st_expect_errno("a rule with a number out of range: ERANGE",
			rule("drop out syn port 70000"), ERANGE);
	st_expect_errno("a rule longer than 128 bytes: EINVAL", rule(longer),
			EINVAL);
	for (i = 0; i < 16; i++)
		rule("drop out rst port 9");
	st_result(rules_listed() == 16, "16 rules are taken", "%d listed",
		  rules_listed());
	st_expect_errno("a 17th rule: ENOSPC", rule("drop out rst port 9"),
			ENOSPC);
	st_result(rule_errno_without_cap() == EPERM,
		  "a rule from a process without CAP_NET_ADMIN: EPERM",
		  "errno %d", rule_errno_without_cap());
	st_result(!rule("clear") && rules_listed() == 0,
		  "clear: no rule is left", "%d listed", rules_listed());
}

/* RFC 6298 (5.4): a lost SYN is sent again after the RTO, and connects */
static void drop_syn(void)
{
	long drops = st_counter("LessonDrops"), retr = st_counter("SynRetrans");
	int l = listen_on(7300), c;
	double took;

	rule("drop out syn port 7300");
	c = connect_to(7300, &took);
	st_result(st_counter("LessonDrops") - drops == 1 &&
		  st_counter("SynRetrans") - retr == 1,
		  "drop out syn: the SYN is lost once (LessonDrops +1), sent again (SynRetrans +1), connect() succeeds",
		  "LessonDrops +%ld SynRetrans +%ld", st_counter("LessonDrops") - drops,
		  st_counter("SynRetrans") - retr);
	st_result(rules_listed() == 0, "the rule retired after acting once",
		  "%d listed", rules_listed());
	close(c);
	close(l);
}

static unsigned int rto_us(int fd)
{
	struct edutcp_info i;
	socklen_t len = sizeof(i);

	if (getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len))
		st_bail("lesson: EDUTCP_INFO: %s", strerror(errno));
	return i.rto_us;
}

/*
 * RFC 6298 (5.7): a handshake whose SYN was sent again and that measured
 * no round trip starts the data at an RTO of 3 s, not at the SYN's
 * backed-off 2 s; with timestamps the SYN+ACK's TSecr measures one, and
 * the RTO follows it (loopback: the 200 ms minimum)
 */
static void drop_syn_rto(void)
{
	int l = listen_on(7302), c, ts;
	unsigned int rto[2];
	double took;

	for (ts = 0; ts < 2; ts++) {
		st_sysctl("timestamps", ts ? "1" : "0");
		rule("drop out syn port 7302");
		c = connect_to(7302, &took);
		rto[ts] = rto_us(c);
		close(c);
	}
	st_result(rto[0] == 3000000,
		  "RFC 6298 (5.7): SYN resent, no RTT measured: the RTO is 3 s when data starts",
		  "rto %u us", rto[0]);
	st_result(rto[1] >= 200000 && rto[1] < 1000000,
		  "RFC 6298 (5.7), RFC 7323 §4: SYN resent, timestamps measured the round trip: the RTO follows it",
		  "rto %u us", rto[1]);
	close(l);
}

/* a SYN held 300 ms, below the 1 s RTO: it arrives late, not again */
static void hold_syn(void)
{
	long holds = st_counter("LessonHolds"), retr = st_counter("SynRetrans");
	int l = listen_on(7301), c;
	double took;

	rule("hold in syn port 7301 ms 300");
	c = connect_to(7301, &took);
	st_result(st_counter("LessonHolds") - holds == 1 &&
		  st_counter("SynRetrans") == retr && took >= 0.3,
		  "hold in syn ms 300: the SYN comes 300 ms late (LessonHolds +1), not sent again",
		  "LessonHolds +%ld SynRetrans +%ld, connect %.3f s",
		  st_counter("LessonHolds") - holds,
		  st_counter("SynRetrans") - retr, took);
	close(c);
	close(l);
}

/*
 * a segment delivered twice: the copy comes when RCV.NXT has passed it,
 * not acceptable (RFC 9293 §3.10.7.4: an ACK answers it), and the reader
 * gets the text once
 */
static void dup_data(void)
{
	long dups = st_counter("LessonDups");
	int l = listen_on(7302), c, s;
	char buf[16] = { 0 };
	struct pollfd p;
	double took;
	ssize_t n;

	c = connect_to(7302, &took);
	s = accept(l, NULL, NULL);
	rule("dup in data port 7302");
	if (write(c, "hello", 5) != 5)
		perror("lesson: write");
	n = read(s, buf, sizeof(buf));
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	st_result(n == 5 && !strcmp(buf, "hello") && poll(&p, 1, 200) == 0,
		  "dup in data: the reader gets hello once", "read %zd '%s'", n,
		  buf);
	st_result(st_counter("LessonDups") - dups == 1,
		  "LessonDups +1: one copy was delivered", "LessonDups +%ld",
		  st_counter("LessonDups") - dups);
	close(s);
	close(c);
	close(l);
}

/*
 * nth 2 times 2: the 1st segment passes, the 2nd and 3rd are lost. On
 * loopback the 1st is in the reader's queue when write() returns; the
 * lost ones come again only after an RTO, at least rto_min_ms (200 ms)
 * later, so a read that waits half of that finds the 1st alone.
 */
static void nth_and_times(void)
{
	long drops = st_counter("LessonDrops");
	int l = listen_on(7303), c, s, i, got = 0;
	struct pollfd p = { .events = POLLIN };
	char buf[8] = { 0 };
	double took;
	ssize_t n;

	c = connect_to(7303, &took);
	s = accept(l, NULL, NULL);
	rule("drop in data port 7303 nth 2 times 2");
	for (i = 0; i < 4; i++)
		if (write(c, "abcd" + i, 1) != 1)
			perror("lesson: write");
	p.fd = s;
	n = poll(&p, 1, 100) == 1 ? read(s, buf, sizeof(buf) - 1) : 0;
	st_result(n == 1 && buf[0] == 'a',
		  "nth 2: the 1st segment passes, the 2nd is lost (the reader has a alone)",
		  "read %zd '%s'", n, buf);
	got = n > 0 ? n : 0;
	/* the losses are repaired by the RTO: read until all four came */
	while (got < 4 && (n = read(s, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	st_result(got == 4 && !strcmp(buf, "abcd") &&
		  st_counter("LessonDrops") - drops == 2 && rules_listed() == 0,
		  "nth 2 times 2: two segments lost, then the rule retired; the reader gets abcd",
		  "'%s', LessonDrops +%ld, %d rules listed", buf,
		  st_counter("LessonDrops") - drops, rules_listed());
	close(s);
	close(c);
	close(l);
}

/*
 * A close on loopback, the client first: the client's local address,
 * once the whole four-way close is over (it runs inside the close()
 * calls, on loopback).
 */
static struct sockaddr_edutcp close_first(int l, int port)
{
	struct sockaddr_edutcp a;
	socklen_t len = sizeof(a);
	int c, s;
	double took;
	char b;

	c = connect_to(port, &took);
	s = accept(l, NULL, NULL);
	getsockname(c, (struct sockaddr *)&a, &len);
	close(c);			/* the active close */
	if (read(s, &b, 1) != 0)
		printf("# no end of file on the server side\n");
	close(s);
	return a;
}

/*
 * The counterfactual switch lesson_no_time_wait: the rule that the
 * active closer waits 2*MSL in TIME_WAIT (RFC 9293 §3.3.2) switched off.
 * The client that closes first keeps no record and its port is free at
 * once; with the rule in force the same close keeps it (EADDRINUSE).
 */
static void no_time_wait(void)
{
	int l = listen_on(7306), fd, r, e;
	struct sockaddr_edutcp a;

	st_sysctl("lesson_no_time_wait", "1");
	a = close_first(l, 7306);
	fd = socket(fam, SOCK_STREAM, 0);
	r = bind(fd, (struct sockaddr *)&a, sizeof(a));
	e = errno;
	st_result(!r,
		  "lesson_no_time_wait=1: the active closer skips TIME_WAIT: its port is free at once",
		  "errno %d", e);
	close(fd);
	st_sysctl("lesson_no_time_wait", "0");
	a = close_first(l, 7306);
	fd = socket(fam, SOCK_STREAM, 0);
	st_expect_errno("lesson_no_time_wait=0: the same close keeps TIME_WAIT: the port is taken",
			bind(fd, (struct sockaddr *)&a, sizeof(a)), EADDRINUSE);
	close(fd);
	close(l);
}

/* a SYN held for a minute, in a namespace that goes at once */
static void held_in_dying_netns(void)
{
	int status;
	pid_t pid = fork();

	if (!pid) {
		struct sockaddr_edutcp a = lo(7304);
		int l, c;

		if (unshare(CLONE_NEWNET) || system("/usr/sbin/ip link set lo up"))
			_exit(2);
		l = listen_on(7304);
		if (rule("hold in syn port 7304 ms 60000"))
			_exit(3);
		c = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(c, (struct sockaddr *)&a, sizeof(a));
		_exit(st_counter("LessonHolds") == 1 ? 0 : 4);
		(void)l;
	}
	waitpid(pid, &status, 0);
	st_result(WIFEXITED(status) && !WEXITSTATUS(status),
		  "a namespace goes with a SYN held in it (the debug kernel checks it is freed)",
		  "child status %d", status);
}

/* leave-held: a SYN held a minute in this namespace, for rmmod to free */
static int leave_held(void)
{
	struct sockaddr_edutcp a = lo(7305);
	int l = listen_on(7305), c;

	if (rule("hold in syn port 7305 ms 60000"))
		return 1;
	c = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	close(c);
	close(l);
	printf("# a SYN to 7305 is held for 60 s\n");
	return 0;
}

int main(int argc, char **argv)
{
	fam = st_family();
	if (argc == 2 && !strcmp(argv[1], "leave-held"))
		return leave_held();
	st_plan(19);
	bad_rules();
	drop_syn();
	drop_syn_rto();
	hold_syn();
	dup_data();
	nth_and_times();
	no_time_wait();
	held_in_dying_netns();
	return st_exit();
}
