// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: bulk transfer, both ways at once, checked end to end.
 *
 *   bulk gen BYTES SEED
 *	write the test stream SEED to stdout (for sha256sum)
 *   bulk serve PORT BYTES SEED [options]
 *   bulk connect ADDR PORT BYTES SEED [options]
 *	one connection; each side sends BYTES of its stream while it reads
 *	everything the other sends, then prints
 *	    sent N SHA256
 *	    recv N SHA256
 *	and checks that EDUTCP_INFO agrees with what crossed: bytes acked and
 *	received, SND.NXT - ISS and RCV.NXT - IRS (the SYN and the FIN each
 *	take one sequence number), an RTT estimate, cwnd.
 *
 * options: -r RCVBUF, -s SNDBUF (SO_RCVBUF, SO_SNDBUF); -d MS: sleep
 * before reading (a slow reader); -h: half-close, send only after the
 * peer's FIN (the peer is in FIN_WAIT_2 and we in CLOSE_WAIT while we
 * send); -n NAME: prefix of the check names; -b: print the throughput.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <time.h>

#include "selftest.h"
#include "sha256.h"

#define CHUNK (64 * 1024)

struct side {
	int fd;
	unsigned long long bytes, sent, rcvd;
	unsigned long long seed;
	struct sha256 tx, rx;
	int err;
};

/* The stream SEED: xorshift64*, eight bytes at a time, from byte 0. */
static void fill(unsigned long long *state, unsigned char *buf, size_t n)
{
	unsigned long long x = *state, v;
	size_t i, k;

	for (i = 0; i < n; i += 8) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		v = x * 0x2545F4914F6CDD1DULL;
		for (k = 0; k < 8 && i + k < n; k++)
			buf[i + k] = v >> (8 * k);
	}
	*state = x;
}

static void *sender(void *arg)
{
	struct side *s = arg;
	static unsigned char buf[CHUNK];
	unsigned long long state = s->seed | 1;
	size_t n, off;
	ssize_t r;

	while (s->sent < s->bytes) {
		n = s->bytes - s->sent < CHUNK ? s->bytes - s->sent : CHUNK;
		fill(&state, buf, CHUNK);
		sha256_update(&s->tx, buf, n);
		for (off = 0; off < n; off += r) {
			r = write(s->fd, buf + off, n - off);
			if (r <= 0) {
				s->err = errno;
				return NULL;
			}
		}
		s->sent += n;
	}
	if (shutdown(s->fd, SHUT_WR))
		s->err = errno;
	return NULL;
}

static void receiver(struct side *s)
{
	static unsigned char buf[CHUNK];
	ssize_t r;

	while ((r = read(s->fd, buf, sizeof(buf))) > 0) {
		sha256_update(&s->rx, buf, r);
		s->rcvd += r;
	}
	if (r < 0)
		s->err = errno;
}

/* RFC 9293 §3.4: SYN and FIN each take one sequence number. */
static void check_info(struct side *s, const char *name)
{
	struct edutcp_info i;
	socklen_t len = sizeof(i);
	char what[160];
	double last = st_now();
	__u32 una = 0;

	/*
	 * Wait until our FIN is acknowledged: nothing left in flight. The
	 * bound is the protocol's: give up only when snd_una has not moved
	 * for two retransmission timeouts as they stand (backed off) plus a
	 * second, so a slow or lossy path only makes the wait longer.
	 */
	for (;; usleep(50000)) {
		len = sizeof(i);
		if (getsockopt(s->fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len))
			break;
		if (i.snd_una == i.snd_nxt &&
		    i.snd_nxt - i.iss == (uint32_t)(s->sent + 2))
			break;
		if (i.snd_una != una) {
			una = i.snd_una;
			last = st_now();
		} else if (st_now() - last > 2 * i.rto_us / 1e6 + 1) {
			break;
		}
	}
	snprintf(what, sizeof(what), "%s: EDUTCP_INFO has the whole struct",
		 name);
	st_result(len == sizeof(i), what, "len %u", len);
	snprintf(what, sizeof(what),
		 "%s: EDUTCP_INFO bytes_acked = bytes sent, bytes_received = bytes read",
		 name);
	st_result(i.bytes_acked == s->sent && i.bytes_received == s->rcvd, what,
		  "acked %llu of %llu, received %llu of %llu",
		  (unsigned long long)i.bytes_acked, s->sent,
		  (unsigned long long)i.bytes_received, s->rcvd);
	snprintf(what, sizeof(what),
		 "%s: SND.NXT - ISS = sent + 2 and RCV.NXT - IRS = received + 2 (SYN, FIN)",
		 name);
	st_result(i.snd_nxt - i.iss == (uint32_t)(s->sent + 2) &&
		  i.snd_una == i.snd_nxt &&
		  i.rcv_nxt - i.irs == (uint32_t)(s->rcvd + 2), what,
		  "snd_nxt-iss %u snd_una-iss %u rcv_nxt-irs %u",
		  i.snd_nxt - i.iss, i.snd_una - i.iss, i.rcv_nxt - i.irs);
	snprintf(what, sizeof(what),
		 "%s: EDUTCP_INFO has an RTT estimate, RTO >= rto_min, cwnd >= MSS",
		 name);
	st_result(i.srtt_us > 0 && i.rto_us >= 200000 && i.cwnd >= i.snd_mss &&
		  i.snd_mss > 0, what,
		  "srtt %u us rttvar %u rto %u us cwnd %u mss %u", i.srtt_us,
		  i.rttvar_us, i.rto_us, i.cwnd, i.snd_mss);
	printf("# %s: srtt %u us rttvar %u us rto %u us cwnd %u ssthresh %u mss %u retrans %u\n",
	       name, i.srtt_us, i.rttvar_us, i.rto_us, i.cwnd, i.ssthresh,
	       i.snd_mss, i.total_retrans);
}

int main(int argc, char **argv)
{
	struct sockaddr_edutcp a = { .sin_family = st_family() };
	int i = 1, opt, rcvbuf = 0, sndbuf = 0, delay = 0, half = 0, rate = 0;
	const char *name = "bulk";
	struct side s = { .fd = -1 };
	char htx[65], hrx[65];
	pthread_t t;
	int serve, l, one = 1;
	double t0;

	if (argc == 4 && !strcmp(argv[1], "gen")) {
		static unsigned char buf[CHUNK];
		unsigned long long left = strtoull(argv[2], NULL, 0);
		unsigned long long state = strtoull(argv[3], NULL, 0) | 1;

		while (left) {
			size_t n = left < CHUNK ? left : CHUNK;

			fill(&state, buf, CHUNK);
			if (fwrite(buf, 1, n, stdout) != n)
				return 1;
			left -= n;
		}
		return 0;
	}
	if (argc < 5)
		goto usage;
	serve = !strcmp(argv[1], "serve");
	if (!serve && strcmp(argv[1], "connect"))
		goto usage;
	if (!serve) {
		inet_pton(AF_INET, argv[2], &a.sin_addr);
		i = 1;
	} else {
		a.sin_addr.s_addr = htonl(INADDR_ANY);
		i = 0;
	}
	a.sin_port = htons(atoi(argv[2 + i]));
	s.bytes = strtoull(argv[3 + i], NULL, 0);
	s.seed = strtoull(argv[4 + i], NULL, 0);
	optind = 5 + i;
	while ((opt = getopt(argc, argv, "r:s:d:hn:b")) != -1) {
		switch (opt) {
		case 'r':
			rcvbuf = atoi(optarg);
			break;
		case 's':
			sndbuf = atoi(optarg);
			break;
		case 'd':
			delay = atoi(optarg);
			break;
		case 'h':
			half = 1;
			break;
		case 'n':
			name = optarg;
			break;
		case 'b':
			rate = 1;
			break;
		default:
			goto usage;
		}
	}
	st_plan(5);
	l = socket(a.sin_family, SOCK_STREAM, 0);
	if (rcvbuf)
		setsockopt(l, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (sndbuf)
		setsockopt(l, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	if (serve) {
		setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
			st_bail("%s: listen: %s", name, strerror(errno));
		printf("# %s: listening\n", name);
		fflush(stdout);
		s.fd = accept(l, NULL, NULL);
		close(l);
	} else {
		s.fd = connect(l, (struct sockaddr *)&a, sizeof(a)) ? -1 : l;
	}
	if (s.fd < 0)
		st_bail("%s: connection: %s", name, strerror(errno));
	sha256_init(&s.tx);
	sha256_init(&s.rx);
	t0 = st_now();
	if (delay)
		usleep(delay * 1000);
	if (half) {
		receiver(&s);
		sender(&s);
	} else {
		pthread_create(&t, NULL, sender, &s);
		receiver(&s);
		pthread_join(t, NULL);
	}
	t0 = st_now() - t0;
	sha256_hex(&s.tx, htx);
	sha256_hex(&s.rx, hrx);
	printf("sent %llu %s\nrecv %llu %s\n", s.sent, htx, s.rcvd, hrx);
	if (rate)
		printf("# %s: %.1f s, %.2f MB/s each way\n", name, t0,
		       s.rcvd / t0 / 1e6);
	st_result(!s.err && s.sent == s.bytes, name, "error %s, sent %llu of %llu",
		  strerror(s.err), s.sent, s.bytes);
	check_info(&s, name);
	close(s.fd);
	return st_exit();
usage:
	fprintf(stderr, "usage: bulk gen BYTES SEED | serve PORT BYTES SEED [opts]\n"
		"       bulk connect ADDR PORT BYTES SEED [opts]\n");
	return 2;
}
