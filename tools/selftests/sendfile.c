// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: sendfile() and splice() without a copy, as TCP does
 * them (MSG_SPLICE_PAGES on 6.12, proto_ops.sendpage on 6.1). The proof
 * that the file's own pages are queued, not a copy: overwrite the file
 * after sendfile() returned, while most of its text still waits for a
 * receiver that does not read; what arrives is the new text. Linux's TCP
 * is run through the same steps in the same boot and must show the same,
 * so the test stands on what the kernel does, and a copy (write())
 * shows the old text on both. And a file sent by sendfile() leaves in
 * no more segments than the same bytes written with write().
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#include "selftest.h"

#define SF_PLAN 8
#define SF_FILE "/tmp/sendfile.dat"
#define SF_SIZE (256 * 1024)	/* the window lets a few KiB of it go */

static int fam;

static struct sockaddr_in lo(int family, int port)
{
	struct sockaddr_in a = { .sin_family = family };

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A connected pair of @family over loopback, the receiver's buffer small. */
static void pair(int family, int port, int *c, int *s, int rcvbuf)
{
	struct sockaddr_in a = lo(family, port);
	int l = socket(family, SOCK_STREAM, 0), one = 1, big = 4 << 20;

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (rcvbuf)
		setsockopt(l, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
		st_bail("listen on %d: %s", port, strerror(errno));
	*c = socket(family, SOCK_STREAM, 0);
	setsockopt(*c, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	if (connect(*c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("connect to %d: %s", port, strerror(errno));
	*s = accept(l, NULL, NULL);
	if (*s < 0)
		st_bail("accept on %d: %s", port, strerror(errno));
	close(l);
}

/* The file, SF_SIZE bytes of @c. */
static void fill(char c)
{
	static char buf[SF_SIZE];
	int fd = open(SF_FILE, O_WRONLY | O_CREAT, 0600);

	memset(buf, c, sizeof(buf));
	if (fd < 0 || pwrite(fd, buf, sizeof(buf), 0) != sizeof(buf))
		st_bail("%s: %s", SF_FILE, strerror(errno));
	close(fd);
}

enum how { BY_WRITE, BY_SENDFILE, BY_SPLICE };
static const char *const how_name[] = { "write()", "sendfile()", "splice()" };

/* Send the whole file over @c by @how; bytes the call took. */
static long send_file(int c, enum how how)
{
	static char buf[SF_SIZE];
	int fd = open(SF_FILE, O_RDONLY), p[2];
	long n = 0, k;

	if (fd < 0)
		st_bail("%s: %s", SF_FILE, strerror(errno));
	if (how == BY_WRITE) {
		n = read(fd, buf, sizeof(buf)) == sizeof(buf) ?
			write(c, buf, sizeof(buf)) : -1;
	} else if (how == BY_SENDFILE) {
		n = sendfile(c, fd, NULL, SF_SIZE);
	} else if (!pipe(p)) {
		/* file to pipe to socket, a pipe's worth (64 KiB) at a time */
		while (n < SF_SIZE &&
		       (k = splice(fd, NULL, p[1], NULL, SF_SIZE - n, 0)) > 0)
			n += splice(p[0], NULL, c, NULL, k, 0);
		close(p[0]);
		close(p[1]);
	}
	close(fd);
	return n;
}

/* Read all SF_SIZE bytes from @s; how many are @c. */
static long count_of(int s, char c)
{
	static char buf[65536];
	long got = 0, n, i, same = 0;

	while (got < SF_SIZE && (n = read(s, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			same += buf[i] == c;
		got += n;
	}
	return got == SF_SIZE ? same : -1;
}

/*
 * The file, all 'A', is sent; then, before the receiver reads, it is
 * overwritten with 'B'. Returns how many of the bytes that arrive are
 * 'B': those still queued as the file's pages when it changed.
 */
static long overwritten_after(int family, int port, enum how how)
{
	int c, s;
	long n, b;

	fill('A');
	pair(family, port, &c, &s, 4096);
	n = send_file(c, how);
	if (n != SF_SIZE)
		st_bail("%s took %ld of %d: %s", how_name[how], n, SF_SIZE,
			strerror(errno));
	usleep(100000);		/* what the window lets go goes */
	fill('B');
	b = count_of(s, 'B');
	close(c);
	close(s);
	return b;
}

/* One stack's run of overwritten_after(): new bytes @shown or none. */
static void zero_copy_on(int family, const char *stack, int port, enum how how,
			 int shown)
{
	long b = overwritten_after(family, port, how);
	char name[128];

	snprintf(name, sizeof(name), "%s, %s: %s", stack, how_name[how],
		 shown ? "the file's pages are queued, the change shows" :
		 "a copy, the change does not show");
	st_result(shown ? b > SF_SIZE / 2 : b == 0, name, "%ld of %d bytes new",
		  b, SF_SIZE);
}

static void zero_copy(void)
{
	int how, port = 7140;

	for (how = BY_SENDFILE; how <= BY_SPLICE; how++) {
		zero_copy_on(AF_INET, "Linux's TCP", port++, how, 1);
		zero_copy_on(fam, "edutcp, as TCP", port++, how, 1);
	}
	zero_copy_on(AF_INET, "Linux's TCP", port++, BY_WRITE, 0);
	zero_copy_on(fam, "edutcp, as TCP", port++, BY_WRITE, 0);
}

/* edutcp's OutSegs for the file sent by @how to a reader that keeps up */
static long segments(int port, enum how how)
{
	long before;
	int c, s;

	fill('C');
	pair(fam, port, &c, &s, 0);
	before = st_counter("OutSegs");
	if (send_file(c, how) != SF_SIZE || count_of(s, 'C') != SF_SIZE)
		st_bail("%s: the file did not arrive whole", how_name[how]);
	close(c);
	close(s);
	return st_counter("OutSegs") - before;
}

/*
 * Before, 6.1's fallback for a socket without sendpage handed edutcp one
 * page per call and each went out on its own: nearly twice the
 * segments. Now the pages of one sendfile() coalesce as a write's bytes do.
 */
static void segment_count(void)
{
	long w = segments(7150, BY_WRITE), f = segments(7151, BY_SENDFILE);
	long p = segments(7152, BY_SPLICE);

	printf("# OutSegs for %d bytes: write() %ld, sendfile() %ld, splice() %ld\n",
	       SF_SIZE, w, f, p);
	st_result(f <= w + w / 10 + 2,
		  "sendfile(): no more segments than write() (+10%)",
		  "%ld against %ld", f, w);
	st_result(p <= w + w / 10 + 2 + SF_SIZE / 65536,
		  "splice(): no more segments than write() (+10%, +1 a pipe's worth)",
		  "%ld against %ld", p, w);
}

int main(void)
{
	st_plan(SF_PLAN);
	fam = st_family();
	zero_copy();
	segment_count();
	unlink(SF_FILE);
	return st_exit();
}
