// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp-fuzz: a seeded segment fuzzer. It plays the peer 10.7.0.2 on the
 * far end of a veth link (through a packet socket, as the selftests' fake
 * peer does: tools/selftests/peer.h), opens real connections with the
 * module at 10.7.0.1 in both directions and in every state it can reach
 * (SYN queue entries, half-open active opens, established, closed by
 * either side: FIN_WAIT_1/2, CLOSE_WAIT, LAST_ACK, TIME_WAIT, data past
 * a hole in the out-of-order queue), and sprays them with random and
 * mutated segments: every flag combination, sequence and ack numbers at
 * and around the window's edges and 2^31 away, data offsets and option
 * lengths that lie, truncated and oversized IP packets, IP options and
 * fragments, wrong checksums, SYN floods. It learns each connection's
 * numbers from the segments the module sends, so its mutations land
 * where the checks are.
 *
 *   edutcp-fuzz [-k] IFNAME MAC-OF-V0 SEGMENTS SEED
 *
 * At the end it resets what it opened and checks that a fresh connection
 * to a fresh listener works (handshake, text both ways). With -k it
 * resets nothing and closes its sockets as they are: what it leaves (SYN
 * queue entries, orphans closing, TIME_WAIT records, text in
 * out-of-order queues) is for the guest script to tear down with the
 * namespace. It prints its
 * seed first; when a check fails it prints the last segments it sent, in
 * hex. The guest script (tools/selftests/fuzz.sh) runs a loopback transfer
 * beside it, and then rmmod and the kernel log decide the rest.
 */
#include "../selftests/peer.h"

#include <signal.h>
#include <time.h>

#define FLOWS 64
#define RING 16
#define PORT_L 7101		/* peer_setup's listener */
#define PORT_FRESH 7199		/* the listener of the last check */
#define PORT_ACTIVE 9100	/* the module connects to 9100 + 0..63 */

struct flow {
	uint16_t mport, pport;	/* the module's port, ours */
	uint32_t rcv_nxt;	/* what the module acknowledged of ours */
	uint32_t snd_nxt;	/* what the module sent up to */
	int used, synced;
};

static struct flow flows[FLOWS];
static int app[FLOWS];		/* the module's sockets, held here */
static unsigned long long rng;
static unsigned char ring[RING][1600];
static int ring_len[RING], ring_at;
static unsigned long sent;

/* xorshift64*: the whole run follows from the seed */
static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * 0x2545F4914F6CDD1DULL) >> 32;
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static void emit(unsigned char *b, int len, int wire_len)
{
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_halen = 6,
				  .sll_protocol = htons(ETH_P_IP) };

	to.sll_ifindex = ifindex;
	memcpy(to.sll_addr, dmac, 6);
	memcpy(ring[ring_at], b, len);
	ring_len[ring_at] = len;
	ring_at = (ring_at + 1) % RING;
	sendto(pkt, b, wire_len, 0, (struct sockaddr *)&to, sizeof(to));
	sent++;
}

static void dump_ring(void)
{
	int i, k, j;

	printf("# the last %d segments sent, oldest first:\n", RING);
	for (k = 0; k < RING; k++) {
		i = (ring_at + k) % RING;
		if (!ring_len[i])
			continue;
		printf("#  ");
		for (j = 0; j < ring_len[i] && j < 96; j++)
			printf("%02x", ring[i][j]);
		printf("%s\n", ring_len[i] > 96 ? "..." : "");
	}
}

/* A sequence number near BASE: at it, at the window's edges, far away. */
static uint32_t near(uint32_t base)
{
	switch (below(10)) {
	case 0:
		return base - 1;
	case 1:
		return base + 1;
	case 2:
		return base + 65535 - below(3);
	case 3:
		return base + 0x80000000u + below(3) - 1;
	case 4:
		return rnd();
	case 5:
		return base - below(70000);
	case 6:
		return base + below(70000);
	default:
		return base;
	}
}

/*
 * One segment, mutated: its header from the flow (or random), then
 * whatever the dice say about flags, numbers, offsets, options, length,
 * checksum and the IP header around it.
 */
static void fuzz_one(struct flow *f)
{
	unsigned char b[1600] = { 0 };
	struct iphdr *ip = (struct iphdr *)b;
	int ihl = 20, olen = 0, dlen = 0, tlen, doff, i, wire;
	unsigned char *th;
	uint32_t pseudo;
	uint8_t flags;

	if (below(20) == 0) {		/* IP options (ihl > 5) */
		ihl = 24 + 4 * below(2);
		for (i = 20; i < ihl; i++)
			b[i] = below(3) ? 1 : rnd();	/* mostly NOPs */
	}
	th = b + ihl;
	if (below(4) == 0) {		/* TCP options, often lying */
		olen = 4 * (1 + below(10));
		for (i = 0; i < olen; i++)
			th[20 + i] = rnd();
		if (below(2)) {		/* an MSS, sometimes tiny or huge */
			th[20] = 2;
			th[21] = below(5) ? 4 : rnd();
			*(uint16_t *)(th + 22) = htons(below(3) ? 536 : rnd());
		}
	}
	if (below(3) == 0)
		dlen = below(4) ? below(64) : below(1400);
	for (i = 0; i < dlen; i++)
		th[20 + olen + i] = rnd();
	tlen = 20 + olen + dlen;
	flags = below(3) ? (uint8_t)(1 << below(5) | (below(2) ? ACK : 0)) : (uint8_t)rnd();
	*(uint16_t *)th = htons(f ? f->pport : 40000 + below(2000));
	*(uint16_t *)(th + 2) = htons(f ? f->mport : (below(2) ? (uint32_t)PORT_L : rnd()));
	*(uint32_t *)(th + 4) = htonl(f ? near(f->rcv_nxt) : rnd());
	*(uint32_t *)(th + 8) = htonl(f ? near(f->snd_nxt) : rnd());
	doff = 5 + olen / 4;
	if (below(30) == 0)
		doff = below(16);	/* a data offset that lies */
	th[12] = doff << 4 | (below(10) ? 0 : below(16));
	th[13] = flags;
	*(uint16_t *)(th + 14) = htons(below(8) ? 65535 - below(2000) : rnd());
	*(uint16_t *)(th + 18) = below(10) ? 0 : rnd();	/* urgent pointer */

	ip_header(ip, ihl + tlen, EDUTCP_IPPROTO, us, them);
	ip->ihl = ihl / 4;
	wire = ihl + tlen;
	switch (below(40)) {
	case 0:				/* truncated: IP says less */
		ip->tot_len = htons(ihl + below(tlen));
		break;
	case 1:				/* IP says more than there is */
		ip->tot_len = htons(wire + 1 + below(100));
		break;
	case 2:				/* a fragment: MF, or an offset */
		ip->frag_off = htons(below(2) ? 0x2000 : below(200));
		ip->id = htons(rnd());
		break;
	case 3:				/* the wire cut short */
		wire = ihl + below(tlen);
		break;
	}
	ip->check = 0;
	ip->check = htons(csum(ip, ihl, 0));
	pseudo = (ntohl(us) >> 16) + (ntohl(us) & 0xffff) + (ntohl(them) >> 16) +
		 (ntohl(them) & 0xffff) + EDUTCP_IPPROTO + tlen;
	*(uint16_t *)(th + 16) = htons(csum(th, tlen, pseudo));
	if (below(20) == 0)
		th[16] ^= 1 + below(255);	/* a wrong checksum */
	emit(b, ihl + tlen, wire);
}

static struct flow *flow_of(uint16_t mport, uint16_t pport, int add)
{
	int i, free_i = -1;

	for (i = 0; i < FLOWS; i++) {
		if (flows[i].used && flows[i].mport == mport &&
		    flows[i].pport == pport)
			return &flows[i];
		if (!flows[i].used && free_i < 0)
			free_i = i;
	}
	if (!add || free_i < 0)
		return NULL;
	flows[free_i] = (struct flow){ .mport = mport, .pport = pport, .used = 1 };
	return &flows[free_i];
}

/* Read what the module sent; learn each connection's numbers from it. */
static void learn(void)
{
	unsigned char b[2048];
	const struct iphdr *ip = (void *)b;
	const unsigned char *th;
	struct flow *f;
	int n, hl, len;

	while ((n = recv(pkt, b, sizeof(b), MSG_DONTWAIT)) >= 40) {
		if (ip->protocol != EDUTCP_IPPROTO || ip->saddr != them)
			continue;
		hl = ip->ihl * 4;
		th = b + hl;
		f = flow_of(ntohs(*(uint16_t *)th), ntohs(*(uint16_t *)(th + 2)),
			    !(th[13] & RST));
		if (!f)
			continue;
		len = ntohs(ip->tot_len) - hl - (th[12] >> 4) * 4;
		if (th[13] & RST) {
			f->used = 0;
			continue;
		}
		f->snd_nxt = ntohl(*(uint32_t *)(th + 4)) + len +
			     !!(th[13] & SYN) + !!(th[13] & FIN);
		if (th[13] & ACK)
			f->rcv_nxt = ntohl(*(uint32_t *)(th + 8));
		f->synced = 1;
	}
}

/* A well-formed segment on a flow, at its numbers. */
static void proper(struct flow *f, uint8_t flags, const char *data)
{
	send_seg(f->pport, f->mport, f->rcv_nxt, f->snd_nxt, flags, data, 0);
}

/* The module's side: accept, read, write, close, abort, connect out. */
static void module_side(int l)
{
	int k = below(FLOWS), fd, one = 1;
	struct linger lg = { 1, 0 };
	struct sockaddr_edutcp a = { .sin_family = fam };
	static char buf[4096];

	switch (below(8)) {
	case 0:
	case 1:
		fd = accept(l, NULL, NULL);
		if (fd >= 0) {
			if (app[k] > 0)
				close(app[k]);
			app[k] = fd;
			fcntl(fd, F_SETFL, O_NONBLOCK);
		}
		break;
	case 2:
		if (app[k] > 0)
			while (read(app[k], buf, sizeof(buf)) > 0)
				;
		break;
	case 3:
		if (app[k] > 0)
			(void)!write(app[k], buf, 1 + below(sizeof(buf)));
		break;
	case 4:
		if (app[k] > 0)
			shutdown(app[k], SHUT_WR);
		break;
	case 5:
		if (app[k] > 0) {
			if (below(3) == 0)
				setsockopt(app[k], SOL_SOCKET, SO_LINGER, &lg,
					   sizeof(lg));
			close(app[k]);
			app[k] = 0;
		}
		break;
	default:		/* an active open towards us */
		if (app[k] > 0)
			close(app[k]);
		fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		a.sin_addr.s_addr = us;
		a.sin_port = htons(PORT_ACTIVE + below(64));
		connect(fd, (struct sockaddr *)&a, sizeof(a));
		app[k] = fd;
		break;
	}
}

/* Our side of a connection, done right: open, answer, ACK, FIN. */
static void peer_side(void)
{
	struct flow *f = &flows[below(FLOWS)];
	uint16_t pport = 20000 + below(20000);

	if (!f->used || below(4) == 0) {
		/* a new SYN to the listener: a SYN queue entry, then perhaps more */
		send_seg_mss(pport, PORT_L, rnd(), 0, SYN, NULL, 0,
			     below(4) ? 1460 : below(2000));
		return;
	}
	if (!f->synced)
		return;
	switch (below(6)) {
	case 0:		/* complete a handshake, or answer an active open */
		if (f->pport >= PORT_ACTIVE && f->pport < PORT_ACTIVE + 64) {
			send_seg_mss(f->pport, f->mport, rnd(), f->snd_nxt,
				     SYN | ACK, NULL, 0, 1460);
			break;
		}
		proper(f, ACK, NULL);
		break;
	case 1:
		proper(f, ACK | PSH, "edutcp fuzz text");
		break;
	case 2:		/* text past a hole: the out-of-order queue */
		send_seg(f->pport, f->mport, f->rcv_nxt + 1 + below(3000),
			 f->snd_nxt, ACK, "after a hole", 0);
		break;
	case 3:
		proper(f, FIN | ACK, NULL);
		break;
	case 4:		/* a zero window, then open again */
		peer_wnd = below(2) ? 0 : 65535;
		proper(f, ACK, NULL);
		peer_wnd = 65535;
		break;
	default:
		proper(f, ACK, NULL);
		break;
	}
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* A handshake and text both ways with a listener nobody fuzzed. */
static void fresh_connection(void)
{
	int l = edu_listen(PORT_FRESH), fd;
	uint32_t x = 77000, y;
	char buf[16] = { 0 };
	struct seg s = { 0 };
	ssize_t w;
	int e;

	fd = handshake(l, 33333, PORT_FRESH, x, &y);
	send_seg(33333, PORT_FRESH, x + 1, y + 1, ACK | PSH, "after", 0);
	usleep(100000);
	st_result(fd >= 0 && read(fd, buf, sizeof(buf)) == 5 &&
		  !memcmp(buf, "after", 5),
		  "after the fuzzing, a fresh connection carries text in",
		  "read %s", buf);
	w = fd >= 0 ? write(fd, "ok", 2) : -1;
	e = errno;
	/* the first segment may be the ACK of "after", alone */
	while (w == 2 && !recv_seg(33333, &s, 3000) && !s.len)
		;
	st_result(w == 2 && s.len == 2 && s.seq == y + 1,
		  "and text out, seq y+1", "write %zd (%s), seq %u len %d", w,
		  strerror(e), s.seq, s.len);
	send_seg(33333, PORT_FRESH, x + 6, y + 3, RST, NULL, 0);
	close(fd);
	close(l);
}

/* How many lines of /proc/net/edutcp/sockets are in @state. */
static int in_state(const char *state)
{
	char line[256], st[32];
	FILE *f = fopen("/proc/net/edutcp/sockets", "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %*s %*s %*s %31s", st) == 1 &&
		    !strcmp(st, state))
			n++;
	if (f)
		fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	unsigned long want, i;
	int l, k, keep = 0;
	struct seg s;
	double t0, t;

	if (argc == 6 && !strcmp(argv[1], "-k")) {
		keep = 1;
		argc--;
		argv++;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: edutcp-fuzz [-k] IFNAME MAC-OF-V0 SEGMENTS SEED\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);	/* writes to reset sockets: EPIPE */
	want = strtoul(argv[3], NULL, 0);
	rng = strtoull(argv[4], NULL, 0) * 2 + 1;
	printf("# edutcp-fuzz: seed %s, %lu segments\n", argv[4], want);
	l = peer_setup(3, argv, "edutcp-fuzz", keep ? 3 : 7);
	fcntl(pkt, F_SETFL, O_NONBLOCK);
	t0 = now();
	for (i = 0; sent < want; i++) {
		k = below(100);
		if (k < 4)
			module_side(l);
		else if (k < 14)
			peer_side();
		else if (k < 15)		/* a burst of SYNs */
			for (k = 0; k < 50; k++)
				send_seg(1024 + below(60000), PORT_L, rnd(), 0,
					 SYN, NULL, 0);
		else if (k < 85)
			fuzz_one(flows[k = below(FLOWS)].used ? &flows[k] : NULL);
		else
			fuzz_one(NULL);
		if ((i & 15) == 0)
			learn();
		if ((i & 0x3ffff) == 0 && i)
			printf("# %lu segments, %.0f/s\n", sent, sent / (now() - t0));
	}
	t = now() - t0;
	printf("# %lu segments in %.1f s: %.0f segments/s\n", sent, t, sent / t);
	st_result(sent >= want, "the fuzzer sent every segment it was asked to",
		  "%lu of %lu", sent, want);
	/*
	 * Reset what we opened; the module's sockets closed from here on are
	 * aborted (max_orphans 0: FIN, then RST), so that none lingers
	 * retransmitting to a peer that is gone, and rmmod can follow.
	 */
	st_result(st_counter("InSegs") > 0, "the module counted what came in",
		  "InSegs %ld", st_counter("InSegs"));
	if (keep) {
		/*
		 * what this process's exit closes, for the teardown, made
		 * sure of on a listener of its own (the fuzzed one's queues
		 * may be full): a SYN queue entry (a SYN never answered) and
		 * a connection established, waiting for accept()
		 */
		int t = edu_listen(PORT_FRESH);

		send_seg(33335, PORT_FRESH, 99000, 0, SYN, NULL, 0);
		send_seg(33334, PORT_FRESH, 88000, 0, SYN, NULL, 0);
		if (t >= 0 && !recv_seg(33334, &s, 3000) && s.flags == (SYN | ACK))
			send_seg(33334, PORT_FRESH, 88001, s.seq + 1, ACK, NULL, 0);
		usleep(100000);
		printf("# -k: left as they are: %d SYN_RCVD, %d ESTABLISHED, %d closing\n",
		       in_state("SYN_RCVD"), in_state("ESTABLISHED"),
		       in_state("FIN_WAIT_1") + in_state("FIN_WAIT_2") +
		       in_state("CLOSE_WAIT") + in_state("CLOSING") +
		       in_state("LAST_ACK"));
		st_result(in_state("SYN_RCVD") > 0 && in_state("ESTABLISHED") > 0,
			  "-k: SYN queue entries and established connections left for the teardown",
			  "%d SYN_RCVD, %d ESTABLISHED", in_state("SYN_RCVD"),
			  in_state("ESTABLISHED"));
		return st_exit();
	}
	st_sysctl("max_orphans", "0");
	learn();
	for (k = 0; k < FLOWS; k++) {
		if (flows[k].used && flows[k].synced)
			proper(&flows[k], RST, NULL);
		if (app[k] > 0)
			close(app[k]);
	}
	fresh_connection();
	close(l);
	if (st_failed)
		dump_ring();
	return st_exit();
}
