/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * edutcp: the userspace ABI of the teaching TCP socket family.
 *
 * This file owns what a program needs to open an edutcp socket: the
 * address family number and the socket address. The address has the
 * layout and the member names of struct sockaddr_in, so code written for
 * AF_INET changes only its type name and its family.
 */
#ifndef _UAPI_LINUX_EDUTCP_H
#define _UAPI_LINUX_EDUTCP_H

#include <linux/types.h>
#include <linux/socket.h>
#ifdef __KERNEL__
#include <linux/in.h>
#else
#include <netinet/in.h>
#endif

/*
 * The family number the module registers by default: the slot of the
 * retired AF_IRDA. A module loaded with family=N uses N instead; the
 * number in force is in /sys/module/edutcp/parameters/family.
 */
#ifndef AF_EDUTCP
#define AF_EDUTCP	23
#endif
#ifndef PF_EDUTCP
#define PF_EDUTCP	AF_EDUTCP
#endif

/* The IP protocol number edutcp segments travel under by default. */
#define EDUTCP_IPPROTO	253

/**
 * struct sockaddr_edutcp - an edutcp endpoint: IPv4 address and port
 * @sin_family: AF_EDUTCP (or the family the module was loaded with)
 * @sin_port: port, in network byte order
 * @sin_addr: IPv4 address, in network byte order
 * @sin_zero: padding to the size of struct sockaddr; must be zero
 */
struct sockaddr_edutcp {
	__kernel_sa_family_t	sin_family;
	__be16			sin_port;
	struct in_addr		sin_addr;
	unsigned char		sin_zero[8];
};

#endif /* _UAPI_LINUX_EDUTCP_H */
