// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: the scripted fake peer (peer.h) against the module's
 * byte stream, segment by segment: reassembly of out-of-order and
 * duplicate text, a full receive buffer, fast retransmit after three
 * duplicate ACKs, zero-window probes, an orphan that gives up on a window
 * that never opens; each with its counters exactly.
 *
 *   peer_stream IFNAME MAC-OF-V0      (run from the first namespace; suite.sh)
 */
#include "peer.h"

#include <time.h>

#define PEER_STREAM_PLAN 41	/* the checks main() runs */

/*
 * RFC 9293 §3.10.7.4 seventh: text ahead of RCV.NXT is kept and
 * acknowledged at once with RCV.NXT (RFC 5681 §4.2: a duplicate ACK);
 * a copy of it is refused; the segment that fills the gap is
 * acknowledged at once past everything kept; a FIN that came early is
 * taken when its turn comes.
 */
static void reassembly(int l)
{
	long ofo = st_counter("OFOQueue"), dup = st_counter("DupData");
	uint32_t x = 7000, y;
	int fd = handshake(l, 41010, 7101, x, &y);
	char buf[16] = { 0 };

	send_seg(41010, 7101, x + 3, y + 1, ACK, "cd", 0);
	expect("text after a gap: kept, ACK of RCV.NXT at once", 41010, ACK,
	       y + 1, x + 1);
	send_seg(41010, 7101, x + 3, y + 1, ACK, "cd", 0);
	expect("the same text again: ACK of RCV.NXT", 41010, ACK, y + 1, x + 1);
	send_seg(41010, 7101, x + 1, y + 1, ACK, "ab", 0);
	expect("the gap filled: ACK past the kept text at once", 41010, ACK,
	       y + 1, x + 5);
	st_result(read(fd, buf, sizeof(buf)) == 4 && !strcmp(buf, "abcd"),
		  "the reader gets abcd, in order", "%s", buf);
	send_seg(41010, 7101, x + 7, y + 1, ACK | FIN, NULL, 0);
	expect("a FIN after a gap: ACK of RCV.NXT", 41010, ACK, y + 1, x + 5);
	send_seg(41010, 7101, x + 5, y + 1, ACK, "ef", 0);
	expect("the gap before the FIN filled: ACK of text and FIN", 41010, ACK,
	       y + 1, x + 8);
	memset(buf, 0, sizeof(buf));
	st_result(read(fd, buf, sizeof(buf)) == 2 && !strcmp(buf, "ef") &&
		  read(fd, buf, sizeof(buf)) == 0,
		  "the reader gets ef, then EOF", "%s", buf);
	st_result(st_counter("OFOQueue") - ofo == 2 &&
		  st_counter("DupData") - dup == 1,
		  "OFOQueue +2 (text, FIN), DupData +1 (the copy)",
		  "OFOQueue +%ld DupData +%ld", st_counter("OFOQueue") - ofo,
		  st_counter("DupData") - dup);
	close(fd);
	expect("close in CLOSE_WAIT: FIN", 41010, ACK | FIN, y + 1, x + 8);
	send_seg(41010, 7101, x + 8, y + 2, ACK, NULL, 0);
}

/* A listener on @port whose connections have a receive buffer of 4608. */
static int listen_small(uint16_t port)
{
	int l = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0), small = 2304;
	struct sockaddr_edutcp a = { .sin_family = fam };

	a.sin_port = htons(port);
	setsockopt(l, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
		perror("peer: bind or listen");
	return l;
}

/*
 * A receive buffer that is full drops text (RcvQDrop), leaves it
 * unacknowledged, and takes nothing past it: each segment is either
 * acknowledged or counted, never both, never lost without a count.
 */
static void receive_buffer_full(void)
{
	int l = listen_small(7102), fd;
	long drops = st_counter("RcvQDrop");
	uint32_t x = 8000, y, last = 0, i;
	struct seg s;

	fd = handshake(l, 41011, 7102, x, &y);
	for (i = 0; i < 10; i++)
		send_seg(41011, 7102, x + 1 + i, y + 1, ACK, "z", 0);
	while (!recv_seg(41011, &s, 600))
		last = s.ack;
	st_result(last - (x + 1) < 10 && st_counter("RcvQDrop") - drops ==
		  10 - (last - (x + 1)),
		  "a full receive buffer: RcvQDrop counts each segment not acknowledged",
		  "acknowledged %u of 10, RcvQDrop +%ld", last - (x + 1),
		  st_counter("RcvQDrop") - drops);
	close(fd);
	close(l);
}

/*
 * The out-of-order queue gives way (Linux's tcp_prune_ofo_queue): text
 * after a one-byte gap fills a small receive buffer, then the byte that
 * fills the gap comes. It is taken, the queue's last segments freed for
 * it (OfoPruned +1); before, it was dropped for good and the connection
 * was wedged, its ACK stuck at the gap whatever the peer sent again.
 */
static void ofo_prune(void)
{
	int l = listen_small(7104), fd;
	long pruned = st_counter("OfoPruned");
	uint32_t x = 9000, y, last = x + 1, i;
	char buf[64] = { 0 };
	struct seg s;
	ssize_t n;
	int zs = 1;

	fd = handshake(l, 41012, 7104, x, &y);
	for (i = 0; i < 10; i++)
		send_seg(41012, 7104, x + 2 + i, y + 1, ACK, "z", 0);
	while (!recv_seg(41012, &s, 600))
		;
	send_seg(41012, 7104, x + 1, y + 1, ACK, "a", 0);
	while (!recv_seg(41012, &s, 600))
		last = s.ack;
	st_result(last - (x + 1) >= 1 && last - (x + 1) <= 11,
		  "the byte that fills the gap is taken when the out-of-order queue filled the buffer",
		  "ACK %u, the gap at %u", last, x + 1);
	st_result(st_counter("OfoPruned") - pruned == 1,
		  "the out-of-order queue was pruned for it: OfoPruned +1",
		  "moved %ld", st_counter("OfoPruned") - pruned);
	n = read(fd, buf, sizeof(buf));
	for (i = 1; n > 0 && i < (uint32_t)n; i++)
		zs &= buf[i] == 'z';
	st_result(n == (ssize_t)(last - (x + 1)) && buf[0] == 'a' && zs,
		  "the reader gets the byte, then the text kept after it, in order",
		  "%zd bytes: %s", n, buf);
	send_seg(41012, 7104, last, 0, RST, NULL, 0);
	close(fd);
	close(l);
}

/*
 * RFC 5681 §3.2: three duplicate ACKs make the sender resend the first
 * unacknowledged segment at once, without waiting for the RTO
 * (FastRetrans +1, RetransSegs +1, Timeouts +0).
 */
static void fast_retransmit(int l)
{
	long fr = st_counter("FastRetrans"), rtx = st_counter("RetransSegs");
	long tmo = st_counter("Timeouts");
	uint32_t x = 11000, y, i, n = 0;
	int fd = handshake_mss(l, 41024, x, 100, &y);
	char text[400];
	struct seg s;

	memset(text, 'f', sizeof(text));
	if (write(fd, text, sizeof(text)) != sizeof(text))
		printf("# write: %s\n", strerror(errno));
	for (i = 0; i < 4 && !recv_seg(41024, &s, 2000); i++)
		n += s.seq == y + 1 + 100 * i && s.len == 100;
	st_result(n == 4, "400 bytes leave as 4 segments of 100", "%u of 4", n);
	for (i = 0; i < 3; i++)
		send_seg(41024, 7101, x + 1, y + 1, ACK, NULL, 0);
	s = expect("three duplicate ACKs: the first segment again (RFC 5681 §3.2)",
		   41024, ACK, y + 1, x + 1);
	send_seg(41024, 7101, x + 1, y + 401, ACK, NULL, 0);
	expect_nothing("all acknowledged: nothing more", 41024);
	st_result(s.len == 100 && st_counter("FastRetrans") - fr == 1 &&
		  st_counter("RetransSegs") - rtx == 1 &&
		  st_counter("Timeouts") == tmo,
		  "FastRetrans +1, RetransSegs +1, Timeouts +0",
		  "len %d, FastRetrans +%ld RetransSegs +%ld Timeouts +%ld", s.len,
		  st_counter("FastRetrans") - fr, st_counter("RetransSegs") - rtx,
		  st_counter("Timeouts") - tmo);
	close(fd);
	send_seg(41024, 7101, x + 1, 0, RST, NULL, 0);
}

/*
 * RFC 9293 §3.8.6.1: a zero window is probed by the persist timer, with
 * backoff (RFC 6298 (5.5): the first probe one RTO after the write, the
 * next two RTOs after it, each +-20%), until it opens (WinProbe counts
 * each probe the peer saw).
 */
static void zero_window_probes(int l)
{
	long probes = st_counter("WinProbe");
	uint32_t x = 12000, y;
	struct edutcp_info i;
	socklen_t len = sizeof(i);
	double t0, t1, t2, rto;
	int fd;
	struct seg s;

	peer_wnd = 0;
	fd = handshake_mss(l, 41025, x, 100, &y);
	if (getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len))
		st_bail("EDUTCP_INFO: %s", strerror(errno));
	rto = i.rto_us / 1e6;
	t0 = st_now();
	if (write(fd, "abc", 3) != 3)
		printf("# write: %s\n", strerror(errno));
	expect("window 0: a probe, SEQ=SND.UNA-1 (as Linux), no text", 41025, ACK,
	       y, x + 1);
	t1 = st_now();
	send_seg(41025, 7101, x + 1, y + 1, ACK, NULL, 0);
	expect("still 0: another probe", 41025, ACK, y, x + 1);
	t2 = st_now();
	printf("# probes after %.3f s and %.3f s more; RTO %.3f s\n", t1 - t0,
	       t2 - t1, rto);
	st_result(t1 - t0 > rto * 0.8 && t1 - t0 < rto * 1.2,
		  "the first probe one RTO after the write (+-20%)",
		  "%.3f s, RTO %.3f s", t1 - t0, rto);
	st_result(t2 - t1 > 2 * rto * 0.8 && t2 - t1 < 2 * rto * 1.2,
		  "the second probe after the doubled interval, 2 RTO (+-20%)",
		  "%.3f s, RTO %.3f s", t2 - t1, rto);
	peer_wnd = 65535;
	send_seg(41025, 7101, x + 1, y + 1, ACK, NULL, 0);
	s = expect("the window opens: the 3 bytes go", 41025, ACK | PSH, y + 1,
		   x + 1);
	st_result(s.len == 3 && st_counter("WinProbe") - probes == 2,
		  "WinProbe +2, one per probe", "len %d, WinProbe +%ld", s.len,
		  st_counter("WinProbe") - probes);
	close(fd);
	send_seg(41025, 7101, x + 1, 0, RST, NULL, 0);
}

/*
 * RFC 5482 as Linux's TCP keeps it (tcp_probe_timer): with
 * EDUTCP_USER_TIMEOUT set, a window that stays shut ends the connection
 * that long after the first probe, with ETIMEDOUT, though the peer
 * answers every probe (without it, such a peer keeps it for ever,
 * MUST-36); the probes are cut to end on time, so it ends within a
 * probe's backoff of the timeout, never before.
 */
static void zero_window_user_timeout(int l)
{
	long aborts = st_counter("AbortOnTimeout");
	uint32_t x = 14000, y;
	int fd, ms = 1500, err = 0, probes = 0;
	socklen_t len = sizeof(err);
	struct pollfd p;
	double t0 = 0, t = 0, end;
	struct seg s;

	peer_wnd = 0;
	fd = handshake_mss(l, 41036, x, 100, &y);
	setsockopt(fd, SOL_EDUTCP, EDUTCP_USER_TIMEOUT, &ms, sizeof(ms));
	if (write(fd, "abc", 3) != 3)
		printf("# write: %s\n", strerror(errno));
	end = st_now() + 10;
	while (st_now() < end) {
		p = (struct pollfd){ .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 0) == 1 && (p.revents & POLLERR)) {
			t = st_now();
			break;
		}
		if (recv_seg(41036, &s, 50) || s.flags != ACK || s.len)
			continue;
		if (!probes++)
			t0 = st_now();
		send_seg(41036, 7101, x + 1, y + 1, ACK, NULL, 0);
	}
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	printf("# %d probes answered; gone %.3f s after the first\n", probes,
	       t - t0);
	st_result(t && err == ETIMEDOUT && t - t0 >= ms / 1000.0 * 0.9 &&
		  t - t0 < ms / 1000.0 * 1.5,
		  "EDUTCP_USER_TIMEOUT 1.5 s: a shut window, probes answered, ends 1.5 s after the first probe (ETIMEDOUT)",
		  "after %.3f s, error %d", t ? t - t0 : -1, err);
	st_result(st_counter("AbortOnTimeout") - aborts == 1, "AbortOnTimeout +1",
		  "moved %ld", st_counter("AbortOnTimeout") - aborts);
	close(fd);
	peer_wnd = 65535;
}

/* Is there a line in /proc/net/edutcp/sockets for the peer's @pport? */
static int socket_to(uint16_t pport)
{
	char line[256], want[32];
	FILE *f = fopen("/proc/net/edutcp/sockets", "r");
	int found = 0;

	snprintf(want, sizeof(want), "0A070002:%04X", pport);
	while (f && fgets(line, sizeof(line), f))
		found |= !!strstr(line, want);
	if (f)
		fclose(f);
	return found;
}

/*
 * Linux's tcp_orphan_retries: a socket its user has closed gives up on a
 * peer that answers every zero-window probe but never opens its window,
 * after orphan_retries probes (an orphan's count is not reset by the
 * answers), rather than keeping its send buffer, and the module, for
 * ever. It ends as a connection out of retries does (ETIMEDOUT, no RST;
 * AbortOnTimeout).
 */
static void orphan_zero_window(int l)
{
	long aborts = st_counter("AbortOnTimeout");
	uint32_t x = 13000, y;
	struct edutcp_info i;
	socklen_t len = sizeof(i);
	int fd, n = 0, k, wait_ms;
	struct seg s;

	st_sysctl("orphan_retries", "2");
	peer_wnd = 0;
	fd = handshake_mss(l, 41026, x, 100, &y);
	if (fd < 0 || getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len))
		st_bail("accept or EDUTCP_INFO: %s", strerror(errno));
	/* a probe is due within two RTOs of the last (the backoff of one
	 * answered probe); the RTO at most doubles once more meanwhile
	 */
	wait_ms = 4 * i.rto_us / 1000 + 1000;
	if (write(fd, "abc", 3) != 3)
		printf("# write: %s\n", strerror(errno));
	close(fd);	/* an orphan: 3 bytes and a FIN queued */
	for (k = 0; k < 10 && !recv_seg(41026, &s, wait_ms); k++) {
		if (s.flags != ACK || s.seq != y || s.len)
			continue;
		n++;	/* a probe: answered, the window still 0 */
		send_seg(41026, 7101, x + 1, y + 1, ACK, NULL, 0);
	}
	st_result(n == 2, "orphan_retries=2: the orphan probes twice and no more",
		  "%d probes answered", n);
	st_result(!socket_to(41026), "then it is gone", "still in /proc");
	st_result(st_counter("AbortOnTimeout") - aborts == 1,
		  "AbortOnTimeout +1", "moved %ld",
		  st_counter("AbortOnTimeout") - aborts);
	peer_wnd = 65535;
	st_sysctl("orphan_retries", "0");
	send_seg(41026, 7101, x + 1, 0, RST, NULL, 0);
}

int main(int argc, char **argv)
{
	int l = peer_setup(argc, argv, "peer_stream", PEER_STREAM_PLAN);

	reassembly(l);
	receive_buffer_full();
	ofo_prune();
	fast_retransmit(l);
	zero_window_probes(l);
	orphan_zero_window(l);
	zero_window_user_timeout(l);
	close(l);
	return st_exit();
}
