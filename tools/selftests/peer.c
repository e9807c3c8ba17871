// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: a scripted fake peer. It speaks edutcp by hand, through
 * a packet socket on the far end of a veth link (namespace "peer", whose
 * end has no IP address, so no stack there answers), and checks the
 * flags, seq and ack of every reply of the module under test (10.7.0.1 in
 * the first namespace) against RFC 9293 and RFC 5961.
 *
 *   peer IFNAME MAC-OF-V0      (run from the first namespace; suite.sh)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <poll.h>
#include <sched.h>

#include "selftest.h"

#define FIN 0x01
#define SYN 0x02
#define RST 0x04
#define PSH 0x08
#define ACK 0x10

static int pkt, ifindex, fam;
static uint16_t peer_wnd = 65535;	/* the window the fake peer offers */
static unsigned char dmac[6];
static in_addr_t us, them;	/* us: the fake peer; them: the module */

struct seg {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t wnd, mss;
	int len;
};

static uint16_t csum(const void *p, int len, uint32_t sum)
{
	const uint8_t *b = p;

	for (; len > 1; len -= 2, b += 2)
		sum += b[0] << 8 | b[1];
	if (len)
		sum += b[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

/*
 * Send one segment from the fake peer, with an MSS option if @mss; bad
 * != 0 breaks it on purpose.
 */
static void send_seg_mss(uint16_t sport, uint16_t dport, uint32_t seq,
			 uint32_t ack, uint8_t flags, const char *data, int bad,
			 uint16_t mss)
{
	unsigned char b[128] = { 0 };
	struct iphdr *ip = (struct iphdr *)b;
	unsigned char *th = b + 20;
	int olen = mss ? 4 : 0, dlen = data ? strlen(data) : 0;
	int tlen = 20 + olen + dlen;
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_halen = 6 };
	uint32_t pseudo = 0;

	ip->version = 4;
	ip->ihl = 5;
	ip->tot_len = htons(20 + tlen);
	ip->ttl = 64;
	ip->protocol = EDUTCP_IPPROTO;
	ip->saddr = us;
	ip->daddr = them;
	ip->check = htons(csum(ip, 20, 0));
	*(uint16_t *)th = htons(sport);
	*(uint16_t *)(th + 2) = htons(dport);
	*(uint32_t *)(th + 4) = htonl(seq);
	*(uint32_t *)(th + 8) = htonl(ack);
	th[12] = (bad == 2 ? 4 : 5 + olen / 4) << 4;	/* bad 2: offset 4 */
	th[13] = flags;
	*(uint16_t *)(th + 14) = htons(peer_wnd);
	if (mss) {
		th[20] = 2;
		th[21] = 4;
		*(uint16_t *)(th + 22) = htons(mss);
	}
	memcpy(th + 20 + olen, data ?: "", dlen);
	pseudo = (ntohl(us) >> 16) + (ntohl(us) & 0xffff) + (ntohl(them) >> 16) +
		 (ntohl(them) & 0xffff) + EDUTCP_IPPROTO + tlen;
	*(uint16_t *)(th + 16) = htons(csum(th, tlen, pseudo));
	if (bad == 1)			/* bad 1: wrong checksum */
		th[16] ^= 0x55;
	to.sll_ifindex = ifindex;
	to.sll_protocol = htons(ETH_P_IP);
	memcpy(to.sll_addr, dmac, 6);
	sendto(pkt, b, 20 + tlen, 0, (struct sockaddr *)&to, sizeof(to));
}

static void send_seg(uint16_t sport, uint16_t dport, uint32_t seq,
		     uint32_t ack, uint8_t flags, const char *data, int bad)
{
	send_seg_mss(sport, dport, seq, ack, flags, data, bad, 0);
}

/*
 * Send an ICMP destination unreachable with @code, as a router near the
 * fake peer would, quoting the start of a segment the module sent from
 * @mport to @pport with sequence number @seq.
 */
static void send_icmp(int code, uint16_t mport, uint16_t pport, uint32_t seq)
{
	unsigned char b[128] = { 0 };
	struct iphdr *ip = (struct iphdr *)b, *q = (struct iphdr *)(b + 28);
	unsigned char *icmp = b + 20, *qt = b + 48;
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_halen = 6 };

	ip->version = 4;
	ip->ihl = 5;
	ip->tot_len = htons(56);
	ip->ttl = 64;
	ip->protocol = IPPROTO_ICMP;
	ip->saddr = us;
	ip->daddr = them;
	ip->check = htons(csum(ip, 20, 0));
	icmp[0] = 3;			/* destination unreachable */
	icmp[1] = code;
	q->version = 4;			/* the quoted header: module -> peer */
	q->ihl = 5;
	q->tot_len = htons(40);
	q->ttl = 64;
	q->protocol = EDUTCP_IPPROTO;
	q->saddr = them;
	q->daddr = us;
	q->check = htons(csum(q, 20, 0));
	*(uint16_t *)qt = htons(mport);
	*(uint16_t *)(qt + 2) = htons(pport);
	*(uint32_t *)(qt + 4) = htonl(seq);
	*(uint16_t *)(icmp + 2) = htons(csum(icmp, 36, 0));
	to.sll_ifindex = ifindex;
	to.sll_protocol = htons(ETH_P_IP);
	memcpy(to.sll_addr, dmac, 6);
	sendto(pkt, b, 56, 0, (struct sockaddr *)&to, sizeof(to));
}

/* The next segment from the module to port @port within @ms, or -1. */
static int recv_seg(uint16_t port, struct seg *s, int ms)
{
	unsigned char b[2048];
	struct pollfd p = { .fd = pkt, .events = POLLIN };
	const struct iphdr *ip = (void *)b;
	const unsigned char *th;
	int n, hl, doff, i;

	while (poll(&p, 1, ms) == 1) {
		n = recv(pkt, b, sizeof(b), 0);
		if (n < 40 || ip->protocol != EDUTCP_IPPROTO || ip->saddr != them)
			continue;
		hl = ip->ihl * 4;
		th = b + hl;
		if (ntohs(*(uint16_t *)(th + 2)) != port)
			continue;
		s->sport = ntohs(*(uint16_t *)th);
		s->dport = port;
		s->seq = ntohl(*(uint32_t *)(th + 4));
		s->ack = ntohl(*(uint32_t *)(th + 8));
		s->flags = th[13] & 0x3f;
		s->wnd = ntohs(*(uint16_t *)(th + 14));
		doff = (th[12] >> 4) * 4;
		s->len = ntohs(ip->tot_len) - hl - doff;
		s->mss = 0;
		for (i = 20; i + 3 < doff; i += th[i] < 2 ? 1 : th[i + 1])
			if (th[i] == 2 && th[i + 1] == 4)
				s->mss = th[i + 2] << 8 | th[i + 3];
		return 0;
	}
	return -1;
}

/* Expect a segment with exactly these flags, seq and ack (ack < 0: any). */
static struct seg expect(const char *name, uint16_t port, uint8_t flags,
			 int64_t seq, int64_t ack)
{
	struct seg s = { 0 };
	int r = recv_seg(port, &s, 3000);

	st_result(!r && s.flags == flags && (seq < 0 || s.seq == seq) &&
		  (ack < 0 || s.ack == ack), name,
		  r ? "nothing came" : "flags %#x seq %u ack %u (want %#x %lld %lld)",
		  s.flags, s.seq, s.ack, flags, (long long)seq, (long long)ack);
	return s;
}

static void expect_nothing(const char *name, uint16_t port)
{
	struct seg s;
	int r = recv_seg(port, &s, 500);

	st_result(r, name, "got flags %#x seq %u ack %u", s.flags, s.seq, s.ack);
}

static int edu_listen_backlog(int port, int backlog)
{
	struct sockaddr_edutcp a = { .sin_family = fam };
	int fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);

	a.sin_port = htons(port);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, backlog))
		perror("peer: bind or listen");
	return fd;
}

static int edu_listen(int port)
{
	return edu_listen_backlog(port, 8);
}

static int accept_wait(int l)
{
	int i, fd = -1;

	for (i = 0; i < 50 && fd < 0; i++, usleep(20000))
		fd = accept(l, NULL, NULL);
	return fd;
}

/* Handshake from the fake peer to a listener; returns the accepted fd. */
static int handshake(int l, uint16_t pport, uint16_t port, uint32_t x,
		     uint32_t *y)
{
	struct seg s;
	int i, fd = -1;

	send_seg(pport, port, x, 0, SYN, NULL, 0);
	s = expect("SYN -> SYN+ACK ack=x+1 (RFC 9293 §3.5)", pport,
		   SYN | ACK, -1, x + 1);
	*y = s.seq;
	st_result(s.mss > 0, "the SYN+ACK carries an MSS option (MUST-14)",
		  "no MSS option");
	send_seg(pport, port, x + 1, *y + 1, ACK, NULL, 0);
	for (i = 0; i < 50 && fd < 0; i++, usleep(20000))
		fd = accept(l, NULL, NULL);
	st_result(fd >= 0, "the ACK of the SYN+ACK completes it: accept()",
		  "errno %d", errno);
	return fd;
}

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

/*
 * A receive buffer that is full drops text (RcvQDrop), leaves it
 * unacknowledged, and takes nothing past it: each segment is either
 * acknowledged or counted, never both, never lost without a count.
 */
static void receive_buffer_full(void)
{
	int l = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0), small = 2304, fd;
	struct sockaddr_edutcp a = { .sin_family = fam };
	long drops = st_counter("RcvQDrop");
	uint32_t x = 8000, y, last = 0, i;
	struct seg s;

	a.sin_port = htons(7102);
	setsockopt(l, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
		perror("peer: bind or listen");
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
 * TWRecycled); with rfc1337=0 an exact RST ends the record (TWKilled).
 */
static void time_wait_reuse(int l)
{
	long recycled = st_counter("TWRecycled"), killed = st_counter("TWKilled");
	uint32_t x = 4000, y;

	module_closes_first(l, 41007, x);
	send_seg(41007, 7101, x + 100000, 0, SYN, NULL, 0);
	expect("a SYN above RCV.NXT opens a new connection (MAY-2)", 41007,
	       SYN | ACK, -1, x + 100001);
	st_result(st_counter("TWRecycled") - recycled == 1,
		  "TWRecycled moves by one", "moved %ld",
		  st_counter("TWRecycled") - recycled);
	send_seg(41007, 7101, x + 100001, 0, RST, NULL, 0);

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
	st_result(n == 2, "challenge_ack_limit=2: 5 in-window RSTs, 2 challenge ACKs",
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

/*
 * The listener's two queues (synq.c), backlog 1: a SYN that finds the
 * accept queue full is dropped unanswered (ListenOverflows and
 * ListenDrops +1), one that finds the SYN queue full too (ListenDrops +1).
 */
static void listen_queues(void)
{
	long over = st_counter("ListenOverflows"), drops = st_counter("ListenDrops");
	int l = edu_listen_backlog(7103, 1), fd;
	struct seg s;

	send_seg(41020, 7103, 100, 0, SYN, NULL, 0);
	s = expect("backlog 1: SYN -> SYN+ACK", 41020, SYN | ACK, -1, 101);
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
}

/* A connection from the fake peer with MSS 100; returns the accepted fd. */
static int handshake_mss100(int l, uint16_t pport, uint32_t x, uint32_t *y)
{
	struct seg s;

	send_seg_mss(pport, 7101, x, 0, SYN, NULL, 0, 100);
	s = expect("SYN with MSS 100 -> SYN+ACK", pport, SYN | ACK, -1, x + 1);
	*y = s.seq;
	send_seg(pport, 7101, x + 1, *y + 1, ACK, NULL, 0);
	return accept_wait(l);
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
	int fd = handshake_mss100(l, 41024, x, &y);
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
 * backoff, until it opens (WinProbe counts each probe the peer saw).
 */
static void zero_window_probes(int l)
{
	long probes = st_counter("WinProbe");
	uint32_t x = 12000, y;
	int fd;
	struct seg s;

	peer_wnd = 0;
	fd = handshake_mss100(l, 41025, x, &y);
	if (write(fd, "abc", 3) != 3)
		printf("# write: %s\n", strerror(errno));
	expect("window 0: a probe, SEQ=SND.UNA-1 (as Linux), no text", 41025, ACK,
	       y, x + 1);
	send_seg(41025, 7101, x + 1, y + 1, ACK, NULL, 0);
	expect("still 0: another probe, after the doubled interval", 41025, ACK,
	       y, x + 1);
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

int main(int argc, char **argv)
{
	int home = open("/proc/self/ns/net", O_RDONLY), peerns, l;

	if (argc != 3 || sscanf(argv[2], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
				&dmac[0], &dmac[1], &dmac[2], &dmac[3],
				&dmac[4], &dmac[5]) != 6) {
		fprintf(stderr, "usage: peer IFNAME MAC-OF-V0\n");
		return 2;
	}
	fam = st_family();
	us = inet_addr("10.7.0.2");
	them = inet_addr("10.7.0.1");
	l = edu_listen(7101);
	peerns = open("/run/netns/peer", O_RDONLY);
	if (peerns < 0 || setns(peerns, CLONE_NEWNET)) {
		perror("peer: setns");
		return 1;
	}
	ifindex = if_nametoindex(argv[1]);
	pkt = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
	setns(home, CLONE_NEWNET);	/* counters are read here */
	if (pkt < 0 || !ifindex) {
		perror("peer: packet socket");
		return 1;
	}
	closed_port();
	malformed();
	synrcvd_reset(l);
	established(l);
	reassembly(l);
	receive_buffer_full();
	active();
	refused();
	time_wait_reuse(l);
	options_and_limits(l);
	listen_queues();
	fast_retransmit(l);
	zero_window_probes(l);
	orphan_limit(l);
	icmp_one(1, EHOSTUNREACH, "ICMP host unreachable in SYN_SENT: EHOSTUNREACH");
	icmp_one(3, ECONNREFUSED, "ICMP port unreachable in SYN_SENT: ECONNREFUSED");
	icmp_one(2, ENOPROTOOPT,
		 "ICMP protocol unreachable in SYN_SENT: ENOPROTOOPT (as Linux)");
	close(l);
	return st_exit();
}
