// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: a packet capture for tshark, in a VM that has no
 * tcpdump. Every IPv4 packet of edutcp's IP protocol seen on one
 * interface, both ways, goes to a pcap file (link type Ethernet) until
 * SIGTERM or SIGINT; then it prints how many.
 *
 *   capture IFNAME FILE
 */
#include <fcntl.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/time.h>

#include "selftest.h"

int main(int argc, char **argv)
{
	struct { uint32_t magic; uint16_t major, minor; int32_t zone;
		 uint32_t sigfigs, snaplen, linktype; } head = {
		0xa1b2c3d4, 2, 4, 0, 0, 65535, 1 };
	struct { uint32_t sec, usec, caplen, len; } rec;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	struct pollfd p[2] = { { .events = POLLIN }, { .events = POLLIN } };
	sigset_t stop;
	unsigned char b[65536];
	const struct iphdr *ip = (void *)(b + ETH_HLEN);
	int proto, n, count = 0;
	struct timeval tv;
	FILE *out;

	if (argc != 3) {
		fprintf(stderr, "usage: capture IFNAME FILE\n");
		return 2;
	}
	proto = st_ipproto();
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = if_nametoindex(argv[1]);
	p[0].fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (p[0].fd < 0 || !sll.sll_ifindex ||
	    bind(p[0].fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("capture: packet socket");
		return 1;
	}
	out = fopen(argv[2], "w");
	if (!out || fwrite(&head, sizeof(head), 1, out) != 1) {
		perror(argv[2]);
		return 1;
	}
	fflush(out);
	/* SIGTERM and SIGINT end the capture: read from a signalfd */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	p[1].fd = signalfd(-1, &stop, 0);
	while (poll(p, 2, -1) > 0 && !p[1].revents) {
		if (!p[0].revents)
			continue;
		n = recv(p[0].fd, b, sizeof(b), 0);
		if (n < ETH_HLEN + (int)sizeof(*ip) ||
		    b[12] != 0x08 || b[13] != 0x00 || ip->protocol != proto)
			continue;
		gettimeofday(&tv, NULL);
		rec.sec = tv.tv_sec;
		rec.usec = tv.tv_usec;
		rec.caplen = n;
		rec.len = n;
		if (fwrite(&rec, sizeof(rec), 1, out) != 1 ||
		    fwrite(b, n, 1, out) != 1) {
			perror(argv[2]);
			return 1;
		}
		fflush(out);
		count++;
	}
	fclose(out);
	printf("capture: %d packets of IP protocol %d on %s\n", count, proto,
	       argv[1]);
	return 0;
}
