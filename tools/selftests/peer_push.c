// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: when the module sends what a program wrote, seen by
 * the scripted fake peer (peer.h): EDUTCP_CORK and MSG_MORE hold partial
 * segments (with EDUTCP_NODELAY set too), for a probe delay at most;
 * setting EDUTCP_NODELAY flushes them; PSH marks the segment that ends
 * a write (RFC 9293 §3.9.1.2), as Linux's TCP sets it; and when ACKs go
 * (ato.c): at once in quick-ACK mode, riding on answers once the
 * connection is interactive, alone after the delay when no answer comes,
 * at once again after EDUTCP_QUICKACK. Each wait is derived from the
 * connection's RTO or from delack_ms, never a fixed time.
 *
 *   peer_push IFNAME MAC-OF-V0      (run from the first namespace; suite.sh)
 */
#include "peer.h"

#define PEER_PUSH_PLAN 43	/* the checks main() runs */

/* The connection's RTO, in ms, from EDUTCP_INFO. */
static int rto_ms(int fd)
{
	struct edutcp_info i;
	socklen_t len = sizeof(i);

	if (getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len))
		st_bail("EDUTCP_INFO: %s", strerror(errno));
	return i.rto_us / 1000;
}

/* Nothing for half an RTO: well before the persist timer may send. */
static void nothing_yet(const char *name, uint16_t pport, int fd)
{
	struct seg s;
	int r = recv_seg(pport, &s, rto_ms(fd) / 2);

	st_result(r, name, "got flags %#x len %d", s.flags, s.len);
}

static void put(int fd, int n, int flags)
{
	char buf[256];

	memset(buf, 'c', sizeof(buf));
	if (send(fd, buf, n, flags) != n)
		printf("# send %d: %s\n", n, strerror(errno));
}

static void opt(int fd, int name, int val)
{
	if (setsockopt(fd, SOL_EDUTCP, name, &val, sizeof(val)))
		printf("# setsockopt %d: %s\n", name, strerror(errno));
}

/* The end of a test's connection: closed here, reset from the peer. */
static void hang_up(int fd, uint16_t pport, uint32_t seq)
{
	close(fd);
	send_seg(pport, 7101, seq, 0, RST, NULL, 0);
}

/* A segment of @len bytes of text at @seq, with PSH or without. */
static void expect_text(const char *name, uint16_t pport, uint32_t seq,
			int len, int psh)
{
	struct seg s = { 0 };
	int r = recv_seg(pport, &s, 3000);

	st_result(!r && s.seq == seq && s.len == len &&
		  s.flags == (ACK | (psh ? PSH : 0)), name,
		  r ? "nothing came" : "seq +%d len %d flags %#x (want +0 %d %#x)",
		  (int)(s.seq - seq), s.len, s.flags, len, ACK | (psh ? PSH : 0));
}

/*
 * Linux's TCP_CORK (tcp(7)): a partial segment waits while the cork is
 * in; a full one goes; taking it out sends the rest (Nagle permitting:
 * nothing is unacknowledged here). The cork holds even with
 * EDUTCP_NODELAY on, and setting EDUTCP_NODELAY again flushes it.
 */
static void cork_option(int l)
{
	uint32_t x = 20000, y;
	int fd = handshake_mss(l, 41060, x, 100, &y), get = -1;
	socklen_t len = sizeof(get);

	opt(fd, EDUTCP_CORK, 1);
	getsockopt(fd, SOL_EDUTCP, EDUTCP_CORK, &get, &len);
	st_result(get == 1, "EDUTCP_CORK reads back 1", "%d", get);
	put(fd, 30, 0);
	nothing_yet("corked: 30 bytes (less than the MSS of 100) wait", 41060, fd);
	put(fd, 70, 0);
	expect_text("100 bytes: a full segment goes, corked or not; PSH ends the write",
		    41060, y + 1, 100, 1);
	send_seg(41060, 7101, x + 1, y + 101, ACK, NULL, 0);
	put(fd, 10, 0);
	nothing_yet("corked again: 10 bytes wait", 41060, fd);
	opt(fd, EDUTCP_CORK, 0);
	expect_text("the cork out: the 10 bytes go at once, with PSH", 41060,
		    y + 101, 10, 1);
	send_seg(41060, 7101, x + 1, y + 111, ACK, NULL, 0);

	opt(fd, EDUTCP_NODELAY, 1);
	opt(fd, EDUTCP_CORK, 1);
	put(fd, 20, 0);
	nothing_yet("corked with EDUTCP_NODELAY on: the cork wins, 20 bytes wait",
		    41060, fd);
	opt(fd, EDUTCP_NODELAY, 1);
	expect_text("EDUTCP_NODELAY set again flushes them, the cork still in",
		    41060, y + 111, 20, 1);
	send_seg(41060, 7101, x + 1, y + 131, ACK, NULL, 0);
	hang_up(fd, 41060, x + 1);
}

/*
 * A cork is not for ever: the persist timer sends the partial segment
 * one RTO after it was held (Linux's probe timer does the same, the
 * "200 ms ceiling" of tcp(7)), +-20%.
 */
static void cork_ceiling(int l)
{
	uint32_t x = 21000, y;
	int fd = handshake_mss(l, 41061, x, 100, &y), rto;
	double t0, t;

	opt(fd, EDUTCP_CORK, 1);
	rto = rto_ms(fd);
	t0 = st_now();
	put(fd, 5, 0);
	expect_text("corked and left: the 5 bytes go in the end", 41061, y + 1, 5, 1);
	t = (st_now() - t0) * 1000;
	printf("# after %.0f ms; RTO %d ms\n", t, rto);
	st_result(t > rto * 0.8 && t < rto * 1.2,
		  "... one RTO after the write (the persist timer), +-20%",
		  "%.0f ms, RTO %d ms", t, rto);
	send_seg(41061, 7101, x + 1, y + 6, ACK, NULL, 0);
	hang_up(fd, 41061, x + 1);
}

/*
 * MSG_MORE corks one write (tcp(7), send(2)): its partial segment waits,
 * with EDUTCP_NODELAY on too, and goes with the next write that has no
 * MSG_MORE; no write has ended until then, so a flush by EDUTCP_NODELAY
 * sends it without PSH, as Linux's TCP does.
 */
static void msg_more(int l)
{
	uint32_t x = 22000, y;
	int fd = handshake_mss(l, 41062, x, 100, &y);

	opt(fd, EDUTCP_NODELAY, 1);
	put(fd, 10, MSG_MORE);
	put(fd, 5, MSG_MORE);
	nothing_yet("send(10, MSG_MORE), send(5, MSG_MORE) with EDUTCP_NODELAY: nothing goes",
		    41062, fd);
	put(fd, 5, 0);
	expect_text("send(5) without MSG_MORE: the 20 bytes go as one, PSH",
		    41062, y + 1, 20, 1);
	send_seg(41062, 7101, x + 1, y + 21, ACK, NULL, 0);
	put(fd, 7, MSG_MORE);
	nothing_yet("send(7, MSG_MORE): waits", 41062, fd);
	opt(fd, EDUTCP_NODELAY, 1);
	expect_text("flushed by EDUTCP_NODELAY: the 7 bytes go, no PSH (no write ended)",
		    41062, y + 21, 7, 0);
	send_seg(41062, 7101, x + 1, y + 28, ACK, NULL, 0);
	hang_up(fd, 41062, x + 1);
}

/*
 * RFC 9293 §3.9.1.2: PSH on the segment that ends a write, not on the
 * others: one write of 250 bytes at an MSS of 100 leaves as 100, 100
 * and 50, the last with PSH.
 */
static void psh_per_write(int l)
{
	uint32_t x = 23000, y;
	int fd = handshake_mss(l, 41063, x, 100, &y);

	opt(fd, EDUTCP_NODELAY, 1);
	put(fd, 250, 0);
	expect_text("write(250): 100 bytes, no PSH", 41063, y + 1, 100, 0);
	expect_text("then 100 bytes, no PSH", 41063, y + 101, 100, 0);
	expect_text("then the last 50, PSH", 41063, y + 201, 50, 1);
	send_seg(41063, 7101, x + 1, y + 251, ACK, NULL, 0);
	hang_up(fd, 41063, x + 1);
}

/* delack_ms for the ACK checks: long, so "at once" and "delayed" differ */
#define DELACK_MS 400

/*
 * An ACK of @ack with no text within a quarter of the delay (at once);
 * or (!@want) nothing for half of it.
 */
static void ack_at_once(const char *name, uint16_t pport, uint32_t ack,
			int want)
{
	struct seg s = { 0 };
	int r = recv_seg(pport, &s, want ? DELACK_MS / 4 : DELACK_MS / 2);

	if (want)
		st_result(!r && s.flags == ACK && !s.len && s.ack == ack, name,
			  r ? "nothing came" : "flags %#x len %d ack +%d",
			  s.flags, s.len, (int)(s.ack - ack));
	else
		st_result(r, name, "got flags %#x len %d", s.flags, s.len);
}

static int bytes_in(int fd)
{
	char buf[64];

	return (int)read(fd, buf, sizeof(buf));
}

/*
 * Linux's quick-ACK mode: the first text of a connection is acknowledged
 * segment by segment, at once (so slow start and a first request do not
 * wait for the delayed-ACK timer). Then an answer within the delay makes
 * the connection interactive (ping-pong): text waits, unacknowledged,
 * even when read, and the answer carries the ACK. When no answer comes,
 * the delayed-ACK timer sends it alone, within delack_ms (RFC 9293
 * MUST-40), and the connection is no longer taken as interactive: the
 * next text is acknowledged at once again.
 */
static void quick_and_pingpong(int l)
{
	uint32_t x = 24000, y;
	int fd = handshake_mss(l, 41064, x, 100, &y);
	long delayed = st_counter("DelayedACKs");
	double t0, t;

	send_seg(41064, 7101, x + 1, y + 1, ACK | PSH, "a", 0);
	ack_at_once("quick-ACK mode: the first text is acknowledged at once",
		    41064, x + 2, 1);
	send_seg(41064, 7101, x + 2, y + 1, ACK | PSH, "b", 0);
	ack_at_once("... and the next, at once too", 41064, x + 3, 1);
	bytes_in(fd);
	put(fd, 1, 0);		/* an answer, at once: interactive */
	expect_text("the answer goes", 41064, y + 1, 1, 1);
	send_seg(41064, 7101, x + 3, y + 2, ACK | PSH, "c", 0);
	ack_at_once("interactive (ping-pong): text waits for the answer to carry its ACK",
		    41064, 0, 0);
	st_result(bytes_in(fd) == 1, "the reader takes it", "no");
	put(fd, 1, 0);
	expect("the read sent no ACK: the answer carries it", 41064, ACK | PSH,
	       y + 2, x + 4);
	send_seg(41064, 7101, x + 4, y + 3, ACK | PSH, "d", 0);
	t0 = st_now();
	expect("no answer: the delayed-ACK timer sends the ACK alone", 41064,
	       ACK, y + 3, x + 5);
	t = (st_now() - t0) * 1000;
	printf("# the delayed ACK after %.0f ms; delack_ms %d\n", t, DELACK_MS);
	st_result(t > DELACK_MS * 0.8 && t < 500 &&
		  st_counter("DelayedACKs") - delayed == 1,
		  "... after delack_ms (+-20%, under 0.5 s: MUST-40); DelayedACKs +1",
		  "%.0f ms, DelayedACKs +%ld", t, st_counter("DelayedACKs") - delayed);
	send_seg(41064, 7101, x + 5, y + 3, ACK | PSH, "e", 0);
	ack_at_once("no longer interactive: the next text is acknowledged at once",
		    41064, x + 6, 1);
	hang_up(fd, 41064, x + 6);
}

/*
 * TCP_QUICKACK (tcp(7)): 0 makes the connection interactive, so text
 * waits for its ACK; 1 ends that and sends the ACK owed at once; it
 * reads back as Linux's does.
 */
static void quickack_option(int l)
{
	uint32_t x = 25000, y;
	int fd = handshake_mss(l, 41065, x, 100, &y), get = -1;
	socklen_t len = sizeof(get);

	getsockopt(fd, SOL_EDUTCP, EDUTCP_QUICKACK, &get, &len);
	st_result(get == 1, "EDUTCP_QUICKACK reads 1 on a new connection", "%d", get);
	opt(fd, EDUTCP_QUICKACK, 0);
	getsockopt(fd, SOL_EDUTCP, EDUTCP_QUICKACK, &get, &len);
	st_result(get == 0, "set to 0, it reads 0", "%d", get);
	send_seg(41065, 7101, x + 1, y + 1, ACK | PSH, "ab", 0);
	ack_at_once("EDUTCP_QUICKACK 0: even the first text waits", 41065, 0, 0);
	bytes_in(fd);
	opt(fd, EDUTCP_QUICKACK, 1);
	ack_at_once("EDUTCP_QUICKACK 1: the ACK owed goes at once", 41065, x + 3, 1);
	hang_up(fd, 41065, x + 3);
}

/*
 * RFC 9293 §3.8.5, RFC 6093 §3: urgent data on the wire as Linux's TCP
 * puts it there. send(MSG_OOB) of 3 bytes: URG, and the urgent pointer
 * is 3, just past the urgent byte (the BSD reading RFC 6093 documents;
 * RFC 1122's would be 2); it goes at once, Nagle or not. And a segment
 * from the peer with URG and pointer 2 makes its second byte the urgent
 * one: recv(MSG_OOB) gives it, the stream the first.
 */
static void urgent_data(int l)
{
	uint32_t x = 26000, y;
	int fd = handshake_mss(l, 41066, x, 100, &y);
	struct seg s = { 0 };
	char buf[8] = { 0 };
	int r;

	put(fd, 10, 0);		/* unacknowledged: Nagle would hold the next */
	expect_text("10 bytes go", 41066, y + 1, 10, 1);
	if (send(fd, "xyz", 3, MSG_OOB) != 3)
		printf("# send MSG_OOB: %s\n", strerror(errno));
	r = recv_seg(41066, &s, 3000);
	st_result(!r && s.flags == (URG | ACK | PSH) && s.len == 3 && s.up == 3,
		  "send(3 bytes, MSG_OOB): at once, URG, urgent pointer 3 (past the byte)",
		  r ? "nothing came" : "flags %#x len %d up %u", s.flags, s.len, s.up);
	send_seg(41066, 7101, x + 1, y + 14, ACK, NULL, 0);
	peer_up = 2;
	send_seg(41066, 7101, x + 1, y + 14, ACK | PSH | URG, "ab", 0);
	peer_up = 0;
	expect("the peer's urgent segment is acknowledged", 41066, ACK, y + 14, x + 3);
	r = recv(fd, buf, sizeof(buf), MSG_OOB);
	st_result(r == 1 && buf[0] == 'b',
		  "URG with pointer 2: recv(MSG_OOB) gives the second byte",
		  "%d '%c'", r, r > 0 ? buf[0] : '-');
	r = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	st_result(r == 1 && buf[0] == 'a', "... and the stream the first",
		  "%d '%c'", r, r > 0 ? buf[0] : '-');
	hang_up(fd, 41066, x + 3);
}

/* EDUTCP_CORK takes an int, as TCP_CORK does */
static void cork_bad_values(void)
{
	int fd = socket(fam, SOCK_STREAM, 0), v = 1;

	st_expect_errno("EDUTCP_CORK with optlen 1: EINVAL",
			setsockopt(fd, SOL_EDUTCP, EDUTCP_CORK, &v, 1), EINVAL);
	st_expect_errno("EDUTCP_CORK from a NULL pointer: EFAULT",
			setsockopt(fd, SOL_EDUTCP, EDUTCP_CORK, NULL, sizeof(v)),
			EFAULT);
	close(fd);
}

int main(int argc, char **argv)
{
	int l = peer_setup(argc, argv, "peer_push", PEER_PUSH_PLAN);

	cork_option(l);
	cork_ceiling(l);
	msg_more(l);
	psh_per_write(l);
	st_sysctl("delack_ms", "400");
	quick_and_pingpong(l);
	quickack_option(l);
	st_sysctl("delack_ms", "40");
	urgent_data(l);
	cork_bad_values();
	close(l);
	return st_exit();
}
