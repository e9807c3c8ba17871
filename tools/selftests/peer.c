// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: a scripted fake peer (peer.h) checks the flags, seq and
 * ack of every reply of the module to what it sends, for connection
 * management: RFC 9293's RSTs, SYN queue, states and TIME_WAIT, RFC 5961,
 * RFC 5927, the listener's queues and the orphan limit.
 *
 *   peer IFNAME MAC-OF-V0      (run from the first namespace; suite.sh)
 */
#include <linux/filter.h>

#include "peer.h"

#define PEER_PLAN 177	/* the checks main() runs, all of them */

static void closed_port(void)
{
	send_seg(41000, 7100, 1000, 0, SYN, NULL, 0);
	expect("SYN to a closed port: <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK>",
	       41000, RST | ACK, 0, 1001);
	send_seg(41000, 7100, 1000, 5555, ACK, NULL, 0);
	expect("ACK to a closed port: <SEQ=SEG.ACK><CTL=RST>", 41000, RST,
	       5555, -1);
	send_seg(41000, 7100, 1000, 5555, ACK | FIN, "abc", 0);
	expect("FIN with 3 bytes: RST seq=SEG.ACK", 41000, RST, 5555, -1);
	send_seg(41000, 7100, 1000, 0, RST, NULL, 0);
	expect_nothing("an RST to a closed port is not answered", 41000);
}

static void malformed(void)
{
	long csum_e = st_counter("InCsumErrors"), errs = st_counter("InErrs");

	send_seg(41001, 7100, 1, 0, SYN, NULL, 1);
	expect_nothing("bad checksum: dropped without answer", 41001);
	send_seg(41001, 7100, 1, 0, SYN, NULL, 2);
	expect_nothing("data offset 4: dropped without answer", 41001);
	send_seg(41001, 7100, 1, 0, SYN | FIN, NULL, 0);
	expect_nothing("SYN+FIN: dropped without answer", 41001);
	send_seg(41001, 7100, 1, 0, SYN | RST, NULL, 0);
	expect_nothing("SYN+RST: dropped without answer", 41001);
	send_seg(41001, 0, 1, 0, SYN, NULL, 0);
	expect_nothing("destination port 0: dropped without answer", 41001);
	st_result(st_counter("InCsumErrors") - csum_e == 1,
		  "InCsumErrors moves by one", "moved %ld",
		  st_counter("InCsumErrors") - csum_e);
	st_result(st_counter("InErrs") - errs == 5, "InErrs moves by five",
		  "moved %ld", st_counter("InErrs") - errs);
}

/*
 * The line of /proc/net/edutcp/sockets for 10.7.0.1:@port <-> 10.7.0.2:@pport:
 * its state name, timer, milliseconds to it and retransmissions; 0 if
 * there is one.
 */
static int proc_line(uint16_t port, uint16_t pport, char *state,
		     unsigned int *tr, unsigned int *ms, unsigned int *retr)
{
	FILE *f = fopen("/proc/net/edutcp/sockets", "r");
	char line[256], want[64];
	int found = -1;

	snprintf(want, sizeof(want), "0A070001:%04X 0A070002:%04X", port, pport);
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, want) &&
		    sscanf(line, " %*d: %*x:%*x %*x:%*x %*x %31s %*x:%*x %x:%x %x",
			   state, tr, ms, retr) == 4)
			found = 0;
	if (f)
		fclose(f);
	return found;
}

/*
 * A SYN queue entry in /proc/net/edutcp/sockets: SYN_RCVD, timer 1 (the
 * SYN+ACK's retransmission, RFC 9293 §3.8.1) due within the initial RTO
 * of 1 s (RFC 6298 2.1), the resends counted; gone when it goes.
 */
static void synq_in_procfs(const char *phase, unsigned int retr_want,
			   unsigned int ms_max)
{
	unsigned int tr = 0, ms = 0, retr = 0;
	char state[32] = "", name[160];

	snprintf(name, sizeof(name),
		 "procfs, %s: the SYN queue entry is SYN_RCVD, timer 1 within %u ms, %u resent",
		 phase, ms_max, retr_want);
	st_result(!proc_line(7101, 41002, state, &tr, &ms, &retr) &&
		  !strcmp(state, "SYN_RCVD") && tr == 1 && ms > 0 &&
		  ms <= ms_max && retr == retr_want, name,
		  "state '%s' tr %u when %u ms retrnsmt %u", state, tr, ms, retr);
}

/* MUST-11: an RST for a SYN_RCVD entry removes it; the listener stays. */
static void synrcvd_reset(int l)
{
	long emb = st_counter("EmbryonicRsts");
	unsigned int tr, ms, retr;
	char state[32];
	struct seg s;

	send_seg(41002, 7101, 2000, 0, SYN, NULL, 0);
	s = expect("SYN -> SYN+ACK", 41002, SYN | ACK, -1, 2001);
	synq_in_procfs("after the SYN", 0, 1000);
	expect("no ACK: the SYN+ACK again after the RTO (RFC 9293 §3.8.1)",
	       41002, SYN | ACK, s.seq, 2001);
	synq_in_procfs("after one resend", 1, 2000);
	send_seg(41002, 7101, 2001, 0, RST, NULL, 0);
	expect_nothing("RST to a SYN_RCVD entry: no answer", 41002);
	st_result(st_counter("EmbryonicRsts") - emb == 1,
		  "the entry is gone (EmbryonicRsts moves by one)", "moved %ld",
		  st_counter("EmbryonicRsts") - emb);
	st_result(proc_line(7101, 41002, state, &tr, &ms, &retr),
		  "procfs: the entry's line is gone with it", "still %s", state);
	send_seg(41002, 7101, 2001, s.seq + 1, ACK, NULL, 0);
	expect("its ACK now finds only the listener: RST seq=SEG.ACK", 41002,
	       RST, s.seq + 1, -1);
	st_expect_errno("nothing to accept", accept(l, NULL, NULL), EAGAIN);
}

/* RFC 5961 and §3.10.7.4 in ESTABLISHED. */
static void established(int l)
{
	long chal = st_counter("ChallengeACK"), synchal = st_counter("SYNChallenge");
	uint32_t x = 3000, y;
	int fd = handshake(l, 41003, 7101, x, &y);
	char buf[16];

	send_seg(41003, 7101, x + 1, y + 1, ACK, "hi", 0);
	expect("text: ACK of RCV.NXT=x+3", 41003, ACK, y + 1, x + 3);
	st_result(read(fd, buf, sizeof(buf)) == 2, "the reader gets the 2 bytes",
		  "errno %d", errno);
	send_seg(41003, 7101, x + 100000, y + 1, ACK, "zz", 0);
	expect("text outside the window: ACK of RCV.NXT (§3.10.7.4)", 41003,
	       ACK, y + 1, x + 3);
	send_seg(41003, 7101, x + 1, y + 1, ACK, "hi", 0);
	expect("an old duplicate: ACK of RCV.NXT", 41003, ACK, y + 1, x + 3);
	send_seg(41003, 7101, x + 10, 0, RST, NULL, 0);
	expect("RST in the window, not exact: challenge ACK (RFC 5961 §3.2)",
	       41003, ACK, y + 1, x + 3);
	send_seg(41003, 7101, x + 3, y + 1, SYN, NULL, 0);
	expect("SYN in ESTABLISHED: challenge ACK (RFC 5961 §4)", 41003, ACK,
	       y + 1, x + 3);
	st_result(st_counter("ChallengeACK") - chal == 2,
		  "ChallengeACK moves by two", "moved %ld",
		  st_counter("ChallengeACK") - chal);
	st_result(st_counter("SYNChallenge") - synchal == 1,
		  "SYNChallenge moves by one (the SYN's)", "moved %ld",
		  st_counter("SYNChallenge") - synchal);
	send_seg(41003, 7101, x + 3, y + 1000, ACK, NULL, 0);
	expect("ACK of data never sent: ACK (§3.10.7.4 fifth)", 41003, ACK,
	       y + 1, x + 3);
	send_seg(41003, 7101, x + 3, 0, RST, NULL, 0);
	expect_nothing("an exact RST is not answered", 41003);
	st_expect_errno("the exact RST resets the connection: ECONNRESET",
			read(fd, buf, sizeof(buf)), ECONNRESET);
	close(fd);
}

/*
 * Active open against the fake peer: an old duplicate SYN+ACK (wrong
 * ACK) gets an RST and the connection goes on; then the active close,
 * TIME_WAIT, and the re-ACK of a retransmitted FIN.
 */
static void active(void)
{
	struct sockaddr_edutcp a = { .sin_family = fam };
	int fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
	uint16_t port;
	struct seg s;
	uint32_t x, y = 9000;
	struct pollfd p = { .fd = fd, .events = POLLOUT };

	a.sin_port = htons(41004);
	a.sin_addr.s_addr = us;
	connect(fd, (struct sockaddr *)&a, sizeof(a));
	s = expect("connect sends SYN with ack 0", 41004, SYN, -1, 0);
	x = s.seq;
	port = s.sport;
	st_result(s.mss > 0, "the SYN carries an MSS option", "none");
	send_seg(41004, port, 7777, x + 500, SYN | ACK, NULL, 0);
	expect("SYN+ACK of something never sent: <SEQ=SEG.ACK><CTL=RST>",
	       41004, RST, x + 500, -1);
	send_seg(41004, port, y, x + 1, SYN | ACK, NULL, 0);
	expect("the right SYN+ACK: ACK seq=x+1 ack=y+1", 41004, ACK, x + 1,
	       y + 1);
	st_result(poll(&p, 1, 2000) == 1, "connect completes", "no POLLOUT");
	close(fd);
	expect("close: FIN seq=x+1 ack=y+1", 41004, FIN | ACK, x + 1, y + 1);
	send_seg(41004, port, y + 1, x + 2, ACK, NULL, 0);
	expect_nothing("the ACK of the FIN is not answered", 41004);
	send_seg(41004, port, y + 1, x + 2, FIN | ACK, NULL, 0);
	expect("the peer's FIN: ACK seq=x+2 ack=y+2 (now TIME_WAIT)", 41004,
	       ACK, x + 2, y + 2);
	send_seg(41004, port, y + 1, x + 2, FIN | ACK, NULL, 0);
	expect("TIME_WAIT: the FIN again is ACKed again", 41004, ACK, x + 2,
	       y + 2);
	send_seg(41004, port, y + 2, 0, RST, NULL, 0);
	send_seg(41004, port, y + 1, x + 2, FIN | ACK, NULL, 0);
	expect("RFC 1337: an RST does not end TIME_WAIT", 41004, ACK, x + 2,
	       y + 2);
}

/*
 * A connection from the fake peer that the module closes first; the
 * peer's FIN+ACK puts the module in TIME_WAIT. Returns y, the module's
 * ISN.
 */
static uint32_t module_closes_first(int l, uint16_t pport, uint32_t x)
{
	uint32_t y;
	int fd = handshake(l, pport, 7101, x, &y);

	close(fd);
	expect("the module closes first: FIN seq=y+1 ack=x+1", pport,
	       FIN | ACK, y + 1, x + 1);
	send_seg(pport, 7101, x + 1, y + 2, FIN | ACK, NULL, 0);
	expect("our FIN+ACK is ACKed: the module is in TIME_WAIT", pport, ACK,
	       y + 2, x + 2);
	return y;
}

/*
 * The module closes first and waits in TIME_WAIT. A SYN above RCV.NXT
 * may take the 4-tuple for a new connection (RFC 9293 MAY-2,
 * TWRecycled), whose ISS is above every sequence number the old one used
 * (MAY-2 condition 1; isn_mode=1 makes a fresh ISN the old one, 5000,
 * so only that rule can put it above); only a listener can take it: with
 * none, the record answers with its ACK and stays. With rfc1337=0 an
 * exact RST ends the record (TWKilled).
 */
static void time_wait_reuse(int l)
{
	long recycled = st_counter("TWRecycled"), killed = st_counter("TWKilled");
	uint32_t x = 4000, y;
	struct seg s;
	int l2, fd;

	st_sysctl("isn_mode", "1");
	y = module_closes_first(l, 41007, x);
	send_seg(41007, 7101, x + 100000, 0, SYN, NULL, 0);
	s = expect("a SYN above RCV.NXT opens a new connection (MAY-2)", 41007,
		   SYN | ACK, -1, x + 100001);
	st_result((int32_t)(s.seq - (y + 1)) > 0,
		  "MAY-2 (1): the new ISS is above the old connection's last, its FIN",
		  "ISS %u, the old FIN's seq %u", s.seq, y + 1);
	st_result(st_counter("TWRecycled") - recycled == 1,
		  "TWRecycled moves by one", "moved %ld",
		  st_counter("TWRecycled") - recycled);
	send_seg(41007, 7101, x + 100001, 0, RST, NULL, 0);

	/* the same with no listener on the port any more */
	l2 = edu_listen(7105);
	fd = handshake(l2, 41009, 7105, x, &y);
	close(l2);
	close(fd);
	expect("no listener: the module closes first, FIN", 41009, FIN | ACK,
	       y + 1, x + 1);
	send_seg(41009, 7105, x + 1, y + 2, FIN | ACK, NULL, 0);
	expect("no listener: TIME_WAIT", 41009, ACK, y + 2, x + 2);
	send_seg(41009, 7105, x + 100000, 0, SYN, NULL, 0);
	expect("MAY-2 with no listener: the record ACKs the SYN and stays",
	       41009, ACK, y + 2, x + 2);
	st_result(st_counter("TWRecycled") - recycled == 1,
		  "MAY-2 with no listener: TWRecycled does not move", "moved %ld",
		  st_counter("TWRecycled") - recycled);
	st_sysctl("isn_mode", "0");

	/* again, and end the record with an exact RST under rfc1337=0 */
	x = 5000;
	y = module_closes_first(l, 41008, x);
	st_sysctl("rfc1337", "0");
	send_seg(41008, 7101, x + 2, 0, RST, NULL, 0);
	usleep(100000);
	st_result(st_counter("TWKilled") - killed == 1,
		  "rfc1337=0: an exact RST ends TIME_WAIT (TWKilled)", "moved %ld",
		  st_counter("TWKilled") - killed);
	send_seg(41008, 7101, x + 1, y + 2, FIN | ACK, NULL, 0);
	expect("the record is gone: its FIN now meets only the listener: RST",
	       41008, RST, y + 2, -1);
	st_sysctl("rfc1337", "1");
}

/*
 * RFC 9293 §3.7.1: the effective MSS is the smaller of the two; text may
 * ride on the third segment of the handshake; ISNs in isn_mode=1; at
 * most challenge_ack_limit challenge ACKs a second (RFC 5961 §7).
 */
static void options_and_limits(int l)
{
	char big[301], buf[16];
	uint32_t x = 6000, y;
	int fd = -1, i, n = 0;
	struct seg s;

	st_sysctl("isn_mode", "1");
	send_seg_mss(41009, 7101, x, 0, SYN, NULL, 0, 100);
	s = expect("SYN with MSS 100 -> SYN+ACK", 41009, SYN | ACK, -1, x + 1);
	y = s.seq;
	st_result(y == 5000, "isn_mode=1: a passive open's ISN is 5000",
		  "ISN %u", y);
	send_seg(41009, 7101, x + 1, y + 1, ACK, "hello", 0);
	expect("text on the third segment is taken: ACK x+6", 41009, ACK,
	       y + 1, x + 6);
	for (i = 0; i < 50 && fd < 0; i++, usleep(20000))
		fd = accept(l, NULL, NULL);
	st_result(fd >= 0 && read(fd, buf, sizeof(buf)) == 5 &&
		  !memcmp(buf, "hello", 5),
		  "the reader gets the text of the third segment", "fd %d", fd);
	memset(big, 'm', 300);
	big[300] = 0;
	if (write(fd, big, 300) != 300)
		printf("# write: %s\n", strerror(errno));
	for (i = 0; i < 3 && !recv_seg(41009, &s, 2000); i++)
		n += s.len <= 100 && s.len > 0;
	st_result(n == 3, "300 bytes go in segments of at most the peer's MSS 100",
		  "%d of 3 segments fit", n);
	st_sysctl("challenge_ack_limit", "2");
	usleep(1100000);	/* a fresh second */
	n = 0;
	for (i = 0; i < 5; i++)
		send_seg(41009, 7101, x + 10 + i, 0, RST, NULL, 0);
	while (!recv_seg(41009, &s, 500))
		n += s.flags == ACK && !s.len;	/* not a resent segment */
	/* each second's budget is drawn between half and 1.5 times it */
	st_result(n >= 1 && n <= 2,
		  "challenge_ack_limit=2: 5 in-window RSTs, 1 or 2 challenge ACKs",
		  "%d challenge ACKs", n);
	st_sysctl("challenge_ack_limit", "1000");
	st_sysctl("isn_mode", "0");
	close(fd);
	send_seg(41009, 7101, x + 6, 0, RST, NULL, 0);
}

/* An RST with an acceptable ACK refuses a connection in SYN_SENT. */
static void refused(void)
{
	struct sockaddr_edutcp a = { .sin_family = fam };
	int fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0), err = 0;
	socklen_t len = sizeof(err);
	struct seg s;

	a.sin_port = htons(41005);
	a.sin_addr.s_addr = us;
	connect(fd, (struct sockaddr *)&a, sizeof(a));
	s = expect("connect sends SYN", 41005, SYN, -1, 0);
	send_seg(41005, s.sport, 0, s.seq + 1, RST | ACK, NULL, 0);
	usleep(100000);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	st_result(err == ECONNREFUSED, "RST+ACK in SYN_SENT: ECONNREFUSED",
		  "SO_ERROR %d", err);
	close(fd);
}

/*
 * RFC 5927 and Linux's TCP: an ICMP unreachable quoting the SYN ends the
 * connect with Linux's errno for it; one quoting a sequence number never
 * sent is ignored.
 */
static void icmp_one(int code, int want, const char *name)
{
	struct sockaddr_edutcp a = { .sin_family = fam };
	int fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0), err = 0;
	socklen_t len = sizeof(err);
	struct seg s;

	a.sin_port = htons(41006);
	a.sin_addr.s_addr = us;
	connect(fd, (struct sockaddr *)&a, sizeof(a));
	s = expect("connect sends SYN", 41006, SYN, -1, 0);
	send_icmp(code, s.sport, 41006, s.seq + 5);
	usleep(100000);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	st_result(err == 0, "ICMP quoting a seq never sent: ignored (RFC 5927)",
		  "SO_ERROR %d", err);
	send_icmp(code, s.sport, 41006, s.seq);
	usleep(100000);
	len = sizeof(err);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	st_result(err == want, name, "SO_ERROR %d (%s)", err, strerror(err));
	close(fd);
}

static unsigned int snd_mss(int fd)
{
	struct edutcp_info i = { 0 };
	socklen_t len = sizeof(i);

	getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len);
	return i.snd_mss;
}

/*
 * RFC 1191: a router on the way says "fragmentation needed, next-hop MTU
 * 1000" of a 1460-byte segment in flight. The text in flight is sent
 * again at once (no timeout) in segments of 960, and a new connection to
 * the same host starts with MSS 960: the route learnt the MTU. An ICMP
 * quoting a sequence number not in flight changes nothing (RFC 5927); an
 * MTU of 100 is taken as 552 (Linux's min_pmtu), MSS 512.
 */
static void path_mtu(int l)
{
	long timeouts = st_counter("Timeouts");
	struct sockaddr_edutcp a = { .sin_family = fam };
	uint32_t x = 12000, y, i;
	char buf[3000] = { 0 };
	int fd, c, resent = 0;
	struct seg s;

	fd = handshake_mss(l, 41200, x, 1460, &y);
	if (write(fd, buf, sizeof(buf)) < 0)
		perror("peer: write");
	s = expect("3000 bytes written: the first segment", 41200, ACK, y + 1, x + 1);
	st_result(s.len == 1460, "... of 1460 bytes (the MSS of a 1500-byte MTU)",
		  "len %u", s.len);
	send_icmp_mtu(4, 7101, 41200, y + 5000, 1000);
	usleep(100000);
	st_result(snd_mss(fd) == 1460,
		  "RFC 5927: fragmentation needed quoting a seq not in flight: MSS stays 1460",
		  "MSS %u", snd_mss(fd));
	send_icmp_mtu(4, 7101, 41200, y + 1, 1000);
	for (i = 0; i < 10 && !resent && !recv_seg(41200, &s, 1000); i++)
		resent = s.seq == y + 1 && s.len == 960;
	st_result(resent,
		  "RFC 1191: MTU 1000: the text in flight is sent again, in segments of 960",
		  "last seq %u len %u", s.seq - y, s.len);
	st_result(st_counter("Timeouts") == timeouts,
		  "... at once, not after a retransmission timeout", "Timeouts +%ld",
		  st_counter("Timeouts") - timeouts);
	st_result(snd_mss(fd) == 960, "EDUTCP_INFO: snd_mss 960", "%u", snd_mss(fd));
	c = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
	a.sin_port = htons(41201);
	a.sin_addr.s_addr = us;
	connect(c, (struct sockaddr *)&a, sizeof(a));
	s = expect("a new connection to the same host: SYN", 41201, SYN, -1, 0);
	st_result(s.mss == 960, "... with MSS 960: the route kept the path MTU (RFC 1191 §6.3)",
		  "MSS %u", s.mss);
	send_seg(41201, s.sport, 0, s.seq + 1, RST | ACK, NULL, 0);
	close(c);
	send_icmp_mtu(4, 7101, 41200, y + 1, 100);
	usleep(100000);
	st_result(snd_mss(fd) == 512, "MTU 100 is taken as 552 (Linux's min_pmtu): MSS 512",
		  "MSS %u", snd_mss(fd));
	send_seg(41200, 7101, x + 1, 0, RST, NULL, 0);
	close(fd);
	/* the route forgets the MTU: later checks see the link's own */
	st_write("/proc/sys/net/ipv4/route/flush", "1");
}

/*
 * The listener's two queues (synq.c), listen(fd, 0): as in Linux, each
 * holds one more than the backlog, so one connection may wait. A SYN
 * that finds the accept queue full is dropped unanswered
 * (ListenOverflows and ListenDrops +1), one that finds the SYN queue full
 * too (ListenDrops +1).
 */
static void listen_queues(void)
{
	long over = st_counter("ListenOverflows"), drops = st_counter("ListenDrops");
	int l = edu_listen_backlog(7103, 0), fd;
	struct seg s;

	/* the queues' own limits: no SYN cookies here (syncookies() has them) */
	st_sysctl("syncookies", "0");
	send_seg(41020, 7103, 100, 0, SYN, NULL, 0);
	s = expect("backlog 0: SYN -> SYN+ACK (one may wait, as in Linux)", 41020,
		   SYN | ACK, -1, 101);
	send_seg(41020, 7103, 101, s.seq + 1, ACK, NULL, 0);
	usleep(100000);
	send_seg(41021, 7103, 200, 0, SYN, NULL, 0);
	expect_nothing("the accept queue is full: a new SYN gets no answer", 41021);
	st_result(st_counter("ListenOverflows") - over == 1 &&
		  st_counter("ListenDrops") - drops == 1,
		  "full accept queue: ListenOverflows +1, ListenDrops +1",
		  "ListenOverflows +%ld ListenDrops +%ld",
		  st_counter("ListenOverflows") - over,
		  st_counter("ListenDrops") - drops);
	fd = accept_wait(l);
	send_seg(41022, 7103, 300, 0, SYN, NULL, 0);
	s = expect("accepted: the next SYN -> SYN+ACK", 41022, SYN | ACK, -1, 301);
	send_seg(41023, 7103, 400, 0, SYN, NULL, 0);
	expect_nothing("the SYN queue is full (1 entry): a new SYN gets no answer",
		       41023);
	st_result(st_counter("ListenOverflows") - over == 1 &&
		  st_counter("ListenDrops") - drops == 2,
		  "full SYN queue: ListenDrops +1 more, ListenOverflows not",
		  "ListenOverflows +%ld ListenDrops +%ld",
		  st_counter("ListenOverflows") - over,
		  st_counter("ListenDrops") - drops);
	send_seg(41022, 7103, 301, 0, RST, NULL, 0);
	close(fd);
	send_seg(41020, 7103, 101, 0, RST, NULL, 0);
	close(l);
	st_sysctl("syncookies", "1");
}

#define TRACEFS "/sys/kernel/tracing/"

/* Does the trace buffer hold a line with @a and, after it, @b? */
static int traced(const char *a, const char *b)
{
	FILE *f = fopen(TRACEFS "trace", "r");
	char line[512], *p;
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = (p = strstr(line, a)) && strstr(p, b);
	if (f)
		fclose(f);
	return found;
}

/* A SYN from @pport with ISN @x and MSS 1400: 1 if a SYN+ACK answers it. */
static int cookie_syn(uint16_t pport, uint32_t x, struct seg *s)
{
	send_seg_mss(pport, 7110, x, 0, SYN, NULL, 0, 1400);
	return !recv_seg(pport, s, 500) && s->flags == (SYN | ACK) &&
	       s->ack == x + 1;
}

/*
 * RFC 4987 §3.6, SYN cookies, with Linux's syncookies=1 (the default):
 * a listener whose SYN queue is full still answers a SYN, with its state
 * in the ISS and no entry, and the ACK that brings the cookie back opens
 * the connection, MSS kept; a forged cookie opens nothing (RST, counted).
 * With syncookies=0 the same SYNs get no answer; with 2, every SYN gets
 * a cookie, full queue or not.
 */
static void syn_cookies(void)
{
	long sent = st_counter("SyncookiesSent"), recv = st_counter("SyncookiesRecv");
	long failed = st_counter("SyncookiesFailed");
	int l = edu_listen_backlog(7110, 1), fd, i, ok = 0, none = 0, n = 8;
	unsigned int tr, ms, retr;
	char state[32], buf[3000] = { 0 };
	struct seg s;

	st_write(TRACEFS "trace", "");
	st_write(TRACEFS "events/edutcp/edutcp_syncookie/enable", "1");
	st_write(TRACEFS "tracing_on", "1");
	/* backlog 1: two half-open entries fill the SYN queue */
	for (i = 0; i < 2; i++)
		cookie_syn(41100 + i, 100, &s);
	st_result(cookie_syn(41110, 5000, &s),
		  "SYN queue full, syncookies=1: a SYN still gets a SYN+ACK (a cookie)",
		  "flags %#x ack %u", s.flags, s.ack);
	st_result(proc_line(7110, 41110, state, &tr, &ms, &retr),
		  "procfs: a cookie makes no SYN_RCVD entry", "found %s", state);
	send_seg(41110, 7110, 5001, s.seq + 2, ACK, NULL, 0);
	expect("a forged cookie (ACK = cookie + 2): RST seq=SEG.ACK", 41110,
	       RST, s.seq + 2, -1);
	st_result(st_counter("SyncookiesFailed") - failed == 1,
		  "the forged cookie is counted: SyncookiesFailed +1", "moved %ld",
		  st_counter("SyncookiesFailed") - failed);
	send_seg(41110, 7110, 5001, s.seq + 1, ACK, NULL, 0);
	fd = accept_wait(l);
	st_result(fd >= 0, "the ACK that brings the cookie back: accept()",
		  "errno %d", errno);
	st_result(!proc_line(7110, 41110, state, &tr, &ms, &retr) &&
		  !strcmp(state, "ESTABLISHED"),
		  "procfs: the cookie's connection is ESTABLISHED", "state %s",
		  state);
	st_write(TRACEFS "tracing_on", "0");
	st_write(TRACEFS "events/edutcp/edutcp_syncookie/enable", "0");
	st_result(traced("edutcp_syncookie: ", ":41110 cookie=") &&
		  traced(":41110 cookie=", "mss=1220 sent") &&
		  traced(":41110 cookie=", "mss=0 failed") &&
		  traced(":41110 cookie=", "mss=1220 accepted"),
		  "trace: edutcp_syncookie shows the cookie sent, the forged one failed, the good one accepted",
		  "not all three in %s", TRACEFS "trace");
	if (write(fd, buf, sizeof(buf)) < 0)
		perror("peer: write");
	s = expect("its text starts at ISS + 1 ...", 41110, ACK, s.seq + 1,
		   5001);
	st_result(s.len == 1220,
		  "... in segments of the MSS the cookie kept (1400 rounded down to 1220)",
		  "len %u", s.len);
	send_seg(41110, 7110, 5001, 0, RST, NULL, 0);
	close(fd);
	/* a legitimate client under the flood: all its connects succeed */
	for (i = 0; i < n; i++) {
		if (!cookie_syn(41120 + i, 7000, &s))
			continue;
		send_seg(41120 + i, 7110, 7001, s.seq + 1, ACK, NULL, 0);
		fd = accept_wait(l);
		ok += fd >= 0;
		send_seg(41120 + i, 7110, 7001, 0, RST, NULL, 0);
		close(fd);
	}
	st_result(ok == n, "syncookies=1: 8 of 8 connects succeed past a full SYN queue",
		  "%d of %d", ok, n);
	st_result(st_counter("SyncookiesSent") - sent == n + 1 &&
		  st_counter("SyncookiesRecv") - recv == n + 1,
		  "SyncookiesSent and SyncookiesRecv +9", "+%ld, +%ld",
		  st_counter("SyncookiesSent") - sent,
		  st_counter("SyncookiesRecv") - recv);
	st_sysctl("syncookies", "0");
	for (i = 0; i < n; i++)
		none += !cookie_syn(41130 + i, 7000, &s);
	st_result(none == n, "syncookies=0: 8 of 8 SYNs past a full SYN queue get no answer",
		  "%d of %d", none, n);
	for (i = 0; i < 2; i++)
		send_seg(41100 + i, 7110, 101, 0, RST, NULL, 0);
	usleep(100000);
	st_sysctl("syncookies", "2");
	st_result(cookie_syn(41140, 9000, &s) &&
		  proc_line(7110, 41140, state, &tr, &ms, &retr),
		  "syncookies=2: a cookie for a SYN with the queue empty, no entry",
		  "flags %#x, or an entry %s", s.flags, state);
	st_sysctl("syncookies", "1");
	close(l);
}

/*
 * max_orphans=0: a socket its user closes may not live on to finish its
 * close. Its FIN goes, then an RST with SEQ=SND.NXT (RFC 9293 §3.10.5,
 * ABORT; Linux's tcp_close past tcp_max_orphans does the same), and
 * AbortOnMemory moves by one.
 */
static void orphan_limit(int l)
{
	long mem = st_counter("AbortOnMemory");
	uint32_t x = 13000, y;
	int fd = handshake(l, 41026, 7101, x, &y);
	struct seg s = { 0 };

	st_sysctl("max_orphans", "0");
	close(fd);
	expect("close: the FIN, seq=y+1", 41026, FIN | ACK, y + 1, x + 1);
	st_result(!recv_seg(41026, &s, 2000) && (s.flags & RST) && s.seq == y + 2,
		  "no room for an orphan: then RST seq=SND.NXT=y+2",
		  "flags %#x seq %u", s.flags, s.seq);
	st_result(st_counter("AbortOnMemory") - mem == 1,
		  "AbortOnMemory moves by one", "moved %ld",
		  st_counter("AbortOnMemory") - mem);
	send_seg(41026, 7101, x + 1, y + 2, FIN | ACK, NULL, 0);
	expect("the connection is gone: the peer's FIN gets RST seq=SEG.ACK", 41026,
	       RST, y + 2, -1);

	/* max_orphans=1: an orphan that has finished leaves room for the next */
	st_sysctl("max_orphans", "1");
	module_closes_first(l, 41027, 14000);
	fd = handshake(l, 41028, 7101, 15000, &y);
	close(fd);
	expect("the first orphan is done: the next close sends its FIN", 41028,
	       FIN | ACK, y + 1, 15001);
	expect_nothing("and no RST after it", 41028);
	st_result(st_counter("AbortOnMemory") - mem == 1,
		  "AbortOnMemory has not moved again", "moved %ld",
		  st_counter("AbortOnMemory") - mem);
	st_sysctl("max_orphans", "16384");
	send_seg(41028, 7101, 15001, 0, RST, NULL, 0);
}

/*
 * CVE-2019-11479's class: a peer announcing MSS 1 must not make the
 * module send a segment per byte of text; the MSS is raised to
 * min_snd_mss (48, as Linux's tcp_min_snd_mss).
 */
static void mss_floor(int l)
{
	uint32_t x = 7000, y;
	char big[200];
	int fd, i, n = 0;
	struct seg s;

	fd = handshake_mss(l, 41010, x, 1, &y);
	memset(big, 'f', sizeof(big));
	if (fd < 0 || write(fd, big, sizeof(big)) != sizeof(big))
		printf("# accept or write: %s\n", strerror(errno));
	for (i = 0; i < 3 && !recv_seg(41010, &s, 2000); i++)
		n += s.len == 48;
	st_result(n == 3, "CVE-2019-11479: a peer's MSS 1 is raised to min_snd_mss, 48",
		  "%d of 3 segments of 48 bytes (the last %d)", n, s.len);
	if (fd >= 0)
		close(fd);
	send_seg(41010, 7101, x + 1, 0, RST, NULL, 0);
}

/*
 * RFC 9293 MUST-57: a SYN to a broadcast or multicast address is
 * discarded silently; no SYN queue entry holds a slot for it, nothing
 * answers it (no SYN+ACK, no RST). The link's MAC is the module's, so
 * only the IP address says it is not for one host.
 */
static void broadcast_syn(void)
{
	static const char *const dst[] = { "10.7.0.255", "255.255.255.255",
					   "224.0.0.1" };
	char line[256], name[96];
	in_addr_t saved = them;
	int i, entries = 0;
	FILE *f;

	for (i = 0; i < 3; i++) {
		them = inet_addr(dst[i]);
		send_seg(41030 + i, 7101, 100, 0, SYN, NULL, 0);
		them = saved;
		snprintf(name, sizeof(name), "MUST-57: a SYN to %s gets no answer",
			 dst[i]);
		expect_nothing(name, 41030 + i);
	}
	f = fopen("/proc/net/edutcp/sockets", "r");
	while (f && fgets(line, sizeof(line), f))
		entries += !!strstr(line, "0A070002:A046") ||
			   !!strstr(line, "0A070002:A047") ||
			   !!strstr(line, "0A070002:A048");
	if (f)
		fclose(f);
	st_result(f && !entries, "MUST-57: no SYN queue entry for them",
		  "%d entries", entries);
}

/*
 * A socket filter (SO_ATTACH_FILTER) sees the segments of its socket,
 * as TCP's does (sk_filter in the receive path): one that drops
 * everything makes a listener deaf to SYNs; detached, it hears again.
 */
static void socket_filter(void)
{
	struct sock_filter drop = BPF_STMT(BPF_RET | BPF_K, 0);
	struct sock_fprog prog = { .len = 1, .filter = &drop };
	int l = edu_listen(7104), r, off = 0;

	r = setsockopt(l, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
	st_result(!r, "SO_ATTACH_FILTER on a listener", "errno %d", errno);
	send_seg(41040, 7104, 100, 0, SYN, NULL, 0);
	expect_nothing("sk_filter: a filter that drops all: the SYN gets no SYN+ACK",
		       41040);
	setsockopt(l, SOL_SOCKET, SO_DETACH_FILTER, &off, sizeof(off));
	send_seg(41041, 7104, 200, 0, SYN, NULL, 0);
	expect("sk_filter: detached, the SYN gets its SYN+ACK", 41041, SYN | ACK,
	       -1, 201);
	send_seg(41041, 7104, 201, 0, RST, NULL, 0);
	close(l);
}

/* ACKs without text that reach the fake peer's @port within 300 ms of each other */
/*
 * IPsec's inbound policy, checked for every segment as TCP checks it
 * (xfrm4_policy_check): a policy that blocks edutcp's protocol from the
 * fake peer makes its SYN vanish; with the policy gone the same SYN is
 * answered. Skipped where the kernel has no xfrm_user (the UML kernel).
 */
static void ipsec_policy(void)
{
	const char *block = "dir in action block";
	const char *what =
		"an IPsec policy blocks the protocol: its SYN gets no answer (xfrm4_policy_check)";
	char cmd[200];

	snprintf(cmd, sizeof(cmd),
		 "/usr/sbin/ip xfrm policy add src 10.7.0.2/32 dst 10.7.0.1/32 proto %d %s 2>/dev/null",
		 EDUTCP_IPPROTO, block);
	if (system(cmd)) {
		st_skip(what, "no xfrm_user in this kernel");
		st_skip("the policy gone: the same SYN gets its SYN+ACK",
			"no xfrm_user in this kernel");
		return;
	}
	send_seg(41300, 7101, 100, 0, SYN, NULL, 0);
	expect_nothing(what, 41300);
	if (system("/usr/sbin/ip xfrm policy flush"))
		perror("peer: ip xfrm policy flush");
	send_seg(41300, 7101, 100, 0, SYN, NULL, 0);
	expect("the policy gone: the same SYN gets its SYN+ACK", 41300,
	       SYN | ACK, -1, 101);
	send_seg(41300, 7101, 101, 0, RST, NULL, 0);
}

static int count_acks(uint16_t port)
{
	struct seg s;
	int n = 0;

	while (!recv_seg(port, &s, 300))
		n += s.flags == ACK && !s.len;
	return n;
}

/*
 * Five pure ACKs far out of the window of the connection of the fake
 * peer's @port (@where: its state), in well under invalid_ratelimit: one
 * ACK comes back, and @counter moves by the four let go.
 */
static void oow_five(uint16_t port, uint32_t seq, uint32_t ack,
		     const char *where, const char *counter)
{
	long before = st_counter(counter);
	char name[96];
	int i, n;

	for (i = 0; i < 5; i++)
		send_seg(port, 7101, seq, ack, ACK, NULL, 0);
	n = count_acks(port);
	snprintf(name, sizeof(name),
		 "%s: 5 segments out of the window in 500 ms, 1 ACK", where);
	st_result(n == 1, name, "%d ACKs", n);
	snprintf(name, sizeof(name), "%s +4", counter);
	st_result(st_counter(counter) - before == 4, name, "moved %ld",
		  st_counter(counter) - before);
}

/* the rate limit's window once more, and a fifth: it is over */
static void after_ratelimit(void)
{
	usleep(500 * 1200);	/* invalid_ratelimit = 500 ms */
}

/*
 * RFC 5961 §7 and Linux's tcp_oow_rate_limited: at most one reply per
 * invalid_ratelimit (500 ms) per connection to unacceptable segments
 * and RFC 5961's checks, in ESTABLISHED, SYN_RCVD and TIME_WAIT alike;
 * the ones let go counted. And CVE-2016-5696: the challenge ACKs an
 * attacker sees on a connection of its own do not tell it whether its
 * spoofed RSTs hit another connection's window (they did drain one
 * namespace budget of challenge_ack_limit a second).
 */
static void rate_limits(int l)
{
	long chal = st_counter("ACKSkippedChallenge");
	uint32_t xa = 9000, xv = 9500, ya, yv, x = 9900, y;
	int a, v, i, miss, hit;
	struct seg s;

	st_sysctl("invalid_ratelimit", "500");
	st_sysctl("challenge_ack_limit", "10");
	a = handshake(l, 41050, 7101, xa, &ya);		/* the attacker's */
	v = handshake(l, 41051, 7101, xv, &yv);		/* the victim's */
	after_ratelimit();
	/* a guess that misses: RSTs outside the victim's window */
	for (i = 0; i < 20; i++)
		send_seg(41051, 7101, xv + 1 + 200000 + i, 0, RST, NULL, 0);
	for (i = 0; i < 5; i++)
		send_seg(41050, 7101, xa + 10 + i, 0, RST, NULL, 0);
	miss = count_acks(41050);
	count_acks(41051);
	usleep(1200000);	/* the namespace's budget is a second's */
	/* a guess that hits: RSTs in the victim's window, not exact */
	for (i = 0; i < 20; i++)
		send_seg(41051, 7101, xv + 10 + i, 0, RST, NULL, 0);
	for (i = 0; i < 5; i++)
		send_seg(41050, 7101, xa + 10 + i, 0, RST, NULL, 0);
	hit = count_acks(41050);
	count_acks(41051);
	st_result(miss == 1 && hit == 1,
		  "CVE-2016-5696: the attacker's own challenge ACKs are the same for a miss and a hit (one each)",
		  "%d after a miss, %d after a hit", miss, hit);
	st_result(st_counter("ACKSkippedChallenge") - chal == 4 + 19 + 4,
		  "ACKSkippedChallenge: all but one per connection and trial",
		  "moved %ld", st_counter("ACKSkippedChallenge") - chal);
	after_ratelimit();
	oow_five(41050, xa + 1 + 300000, ya + 1, "ESTABLISHED", "ACKSkippedSeq");
	send_seg(41050, 7101, xa + 1, 0, RST, NULL, 0);
	send_seg(41051, 7101, xv + 1, 0, RST, NULL, 0);
	close(a);
	close(v);

	/* a SYN queue entry */
	send_seg(41053, 7101, x, 0, SYN, NULL, 0);
	s = expect("SYN_RCVD: SYN -> SYN+ACK", 41053, SYN | ACK, -1, x + 1);
	oow_five(41053, x + 1 + 300000, s.seq + 1, "SYN_RCVD", "ACKSkippedSynRecv");
	send_seg(41053, 7101, x + 1, 0, RST, NULL, 0);

	/* a TIME_WAIT record */
	x = 9950;
	y = module_closes_first(l, 41054, x);
	oow_five(41054, x + 2 + 300000, y + 2, "TIME_WAIT", "ACKSkippedTimeWait");
	st_sysctl("challenge_ack_limit", "1000");
	st_sysctl("invalid_ratelimit", "0");
}

/*
 * The lesson switches of RFC 5961 and the three-way handshake
 * (docs/lessons.md), each doing what it names; established() and every
 * handshake above show the rules in force with the switches off.
 */
static void lesson_switches(int l)
{
	uint32_t x = 7000, y;
	struct seg s;
	char buf[16];
	int fd;

	st_sysctl("lesson_no_rfc5961", "1");
	fd = handshake(l, 41030, 7101, x, &y);
	send_seg(41030, 7101, x + 10, 0, RST, NULL, 0);
	expect_nothing("lesson_no_rfc5961=1: an in-window RST gets no challenge ACK",
		       41030);
	st_expect_errno("lesson_no_rfc5961=1: and resets (RFC 793; RFC 5961 §3.2 off)",
			read(fd, buf, sizeof(buf)), ECONNRESET);
	close(fd);
	fd = handshake(l, 41031, 7101, x, &y);
	send_seg(41031, 7101, x + 3, 0, SYN, NULL, 0);
	expect("lesson_no_rfc5961=1: an in-window SYN draws an RST (RFC 793; §4 off)",
	       41031, RST | ACK, 0, x + 4);
	st_expect_errno("lesson_no_rfc5961=1: and the SYN resets the connection: ECONNRESET",
			read(fd, buf, sizeof(buf)), ECONNRESET);
	close(fd);
	st_sysctl("lesson_no_rfc5961", "0");

	st_sysctl("lesson_two_way_handshake", "1");
	send_seg(41032, 7101, x, 0, SYN, NULL, 0);
	s = expect("lesson_two_way_handshake=1: SYN -> SYN+ACK", 41032, SYN | ACK,
		   -1, x + 1);
	fd = accept_wait(l);
	st_result(fd >= 0,
		  "lesson_two_way_handshake=1: accept() returns a connection before any ACK came",
		  "errno %d", errno);
	/* the SYN+ACK would come again after the initial RTO of 1 s */
	st_result(recv_seg(41032, &s, 1500) < 0,
		  "lesson_two_way_handshake=1: nothing resends the SYN+ACK (the server thinks it is done)",
		  "got flags %#x seq %u", s.flags, s.seq);
	send_seg(41032, 7101, x + 1, 0, RST, NULL, 0);
	st_expect_errno("lesson_two_way_handshake=1: an RST at x+1 resets that connection",
			read(fd, buf, sizeof(buf)), ECONNRESET);
	close(fd);
	st_sysctl("lesson_two_way_handshake", "0");
	send_seg(41033, 7101, x, 0, SYN, NULL, 0);
	expect("lesson_two_way_handshake=0: SYN -> SYN+ACK", 41033, SYN | ACK, -1,
	       x + 1);
	usleep(200000);
	st_expect_errno("lesson_two_way_handshake=0: no connection to accept() without the ACK",
			accept(l, NULL, NULL), EAGAIN);
	send_seg(41033, 7101, x + 1, 0, RST, NULL, 0);
}

int main(int argc, char **argv)
{
	int l = peer_setup(argc, argv, "peer", PEER_PLAN);

	/*
	 * every check but rate_limits() looks at each reply: no limit on
	 * replies to unacceptable segments (rate_limits() puts it back)
	 */
	st_sysctl("invalid_ratelimit", "0");
	closed_port();
	malformed();
	synrcvd_reset(l);
	established(l);
	active();
	refused();
	time_wait_reuse(l);
	options_and_limits(l);
	mss_floor(l);
	broadcast_syn();
	socket_filter();
	ipsec_policy();
	listen_queues();
	syn_cookies();
	orphan_limit(l);
	icmp_one(1, EHOSTUNREACH, "ICMP host unreachable in SYN_SENT: EHOSTUNREACH");
	icmp_one(3, ECONNREFUSED, "ICMP port unreachable in SYN_SENT: ECONNREFUSED");
	icmp_one(2, ENOPROTOOPT,
		 "ICMP protocol unreachable in SYN_SENT: ENOPROTOOPT (as Linux)");
	rate_limits(l);
	path_mtu(l);
	lesson_switches(l);
	close(l);
	return st_exit();
}
