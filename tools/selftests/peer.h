/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp selftests: the fake peer's means, shared by peer.c (connection
 * management) and peer_stream.c (the byte stream). The fake peer speaks
 * edutcp by hand, through a packet socket on the far end of a veth link
 * (namespace "peer", whose end has no IP address, so no stack there
 * answers), as 10.7.0.2, to the module under test at 10.7.0.1 in the
 * first namespace, where its counters are read.
 */
#ifndef EDUTCP_PEER_H
#define EDUTCP_PEER_H

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
#define URG 0x20

static int pkt, ifindex, fam;
static uint16_t peer_wnd = 65535;	/* the window the fake peer offers */
static uint16_t peer_up;		/* its urgent pointer, with URG */
static unsigned char dmac[6];
static in_addr_t us, them;	/* us: the fake peer; them: the module */

struct seg {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t wnd, mss, up;
	int len;
};

static inline uint16_t csum(const void *p, int len, uint32_t sum)
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

/* An IPv4 header of 20 bytes, TTL 64, its checksum filled in. */
static inline void ip_header(struct iphdr *ip, int len, int proto,
			     in_addr_t src, in_addr_t dst)
{
	ip->version = 4;
	ip->ihl = 5;
	ip->tot_len = htons(len);
	ip->ttl = 64;
	ip->protocol = proto;
	ip->saddr = src;
	ip->daddr = dst;
	ip->check = htons(csum(ip, 20, 0));
}

/*
 * Send one segment from the fake peer, with an MSS option if @mss; bad
 * != 0 breaks it on purpose.
 */
static inline void send_seg_mss(uint16_t sport, uint16_t dport, uint32_t seq,
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

	ip_header(ip, 20 + tlen, EDUTCP_IPPROTO, us, them);
	*(uint16_t *)th = htons(sport);
	*(uint16_t *)(th + 2) = htons(dport);
	*(uint32_t *)(th + 4) = htonl(seq);
	*(uint32_t *)(th + 8) = htonl(ack);
	th[12] = (bad == 2 ? 4 : 5 + olen / 4) << 4;	/* bad 2: offset 4 */
	th[13] = flags;
	*(uint16_t *)(th + 14) = htons(peer_wnd);
	if (flags & URG)
		*(uint16_t *)(th + 18) = htons(peer_up);
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

static inline void send_seg(uint16_t sport, uint16_t dport, uint32_t seq,
			    uint32_t ack, uint8_t flags, const char *data, int bad)
{
	send_seg_mss(sport, dport, seq, ack, flags, data, bad, 0);
}

/*
 * Send an ICMP destination unreachable with @code, as a router near the
 * fake peer would, quoting the start of a segment the module sent from
 * @mport to @pport with sequence number @seq.
 */
static inline void send_icmp_mtu(int code, uint16_t mport, uint16_t pport,
				 uint32_t seq, uint16_t mtu)
{
	unsigned char b[128] = { 0 };
	struct iphdr *ip = (struct iphdr *)b, *q = (struct iphdr *)(b + 28);
	unsigned char *icmp = b + 20, *qt = b + 48;
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_halen = 6 };

	ip_header(ip, 56, IPPROTO_ICMP, us, them);
	icmp[0] = 3;			/* destination unreachable */
	icmp[1] = code;
	*(uint16_t *)(icmp + 6) = htons(mtu);	/* next-hop MTU (RFC 1191 §4) */
	ip_header(q, 40, EDUTCP_IPPROTO, them, us);	/* quoted: module -> peer */
	*(uint16_t *)qt = htons(mport);
	*(uint16_t *)(qt + 2) = htons(pport);
	*(uint32_t *)(qt + 4) = htonl(seq);
	*(uint16_t *)(icmp + 2) = htons(csum(icmp, 36, 0));
	to.sll_ifindex = ifindex;
	to.sll_protocol = htons(ETH_P_IP);
	memcpy(to.sll_addr, dmac, 6);
	sendto(pkt, b, 56, 0, (struct sockaddr *)&to, sizeof(to));
}

static inline void send_icmp(int code, uint16_t mport, uint16_t pport, uint32_t seq)
{
	send_icmp_mtu(code, mport, pport, seq, 0);
}

/* The next segment from the module to port @port within @ms, or -1. */
static inline int recv_seg(uint16_t port, struct seg *s, int ms)
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
		s->up = ntohs(*(uint16_t *)(th + 18));
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
static inline struct seg expect(const char *name, uint16_t port, uint8_t flags,
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

static inline void expect_nothing(const char *name, uint16_t port)
{
	struct seg s;
	int r = recv_seg(port, &s, 500);

	st_result(r, name, "got flags %#x seq %u ack %u", s.flags, s.seq, s.ack);
}

static inline int edu_listen_backlog(int port, int backlog)
{
	struct sockaddr_edutcp a = { .sin_family = fam };
	int fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;

	/* over TIME_WAIT records an earlier program left on the port */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_port = htons(port);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, backlog))
		perror("peer: bind or listen");
	return fd;
}

static inline int edu_listen(int port)
{
	return edu_listen_backlog(port, 8);
}

static inline int accept_wait(int l)
{
	int i, fd = -1;

	for (i = 0; i < 50 && fd < 0; i++, usleep(20000))
		fd = accept(l, NULL, NULL);
	return fd;
}

/* Handshake from the fake peer to a listener; returns the accepted fd. */
static inline int handshake(int l, uint16_t pport, uint16_t port, uint32_t x,
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

/*
 * Handshake from the fake peer to port 7101 with an MSS option of @mss;
 * one check, the SYN+ACK. Returns the accepted fd, the SYN+ACK's seq in
 * *@y.
 */
static inline int handshake_mss(int l, uint16_t pport, uint32_t x,
				uint16_t mss, uint32_t *y)
{
	char name[64];
	struct seg s;

	snprintf(name, sizeof(name), "SYN with MSS %u -> SYN+ACK", mss);
	send_seg_mss(pport, 7101, x, 0, SYN, NULL, 0, mss);
	s = expect(name, pport, SYN | ACK, -1, x + 1);
	*y = s.seq;
	send_seg(pport, 7101, x + 1, *y + 1, ACK, NULL, 0);
	return accept_wait(l);
}

/*
 * Parse "IFNAME MAC-OF-V0", listen on port 7101 here, open the packet
 * socket in namespace "peer" and come back. Returns the listener, or -1.
 */
static inline int peer_setup(int argc, char **argv, const char *prog,
			     int plan)
{
	int home = open("/proc/self/ns/net", O_RDONLY), peerns, l;

	st_plan(plan);
	if (argc != 3 || sscanf(argv[2], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
				&dmac[0], &dmac[1], &dmac[2], &dmac[3],
				&dmac[4], &dmac[5]) != 6)
		st_bail("usage: %s IFNAME MAC-OF-V0", prog);
	fam = st_family();
	us = inet_addr("10.7.0.2");
	them = inet_addr("10.7.0.1");
	l = edu_listen(7101);
	peerns = open("/run/netns/peer", O_RDONLY);
	if (peerns < 0 || setns(peerns, CLONE_NEWNET))
		st_bail("%s: setns: %s", prog, strerror(errno));
	ifindex = if_nametoindex(argv[1]);
	pkt = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
	setns(home, CLONE_NEWNET);	/* counters are read here */
	if (pkt < 0 || !ifindex)
		st_bail("%s: packet socket: %s", prog, strerror(errno));
	return l;
}

#endif
