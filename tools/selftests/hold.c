// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest helper: opens one socket of the family, says so on
 * stdout, and keeps it open until stdin closes or a signal ends it.
 * The VM suite uses it to check that rmmod is refused while a socket is
 * open.
 */
#include <sys/socket.h>
#include <unistd.h>

#include "selftest.h"

int main(void)
{
	char c;
	int fd = socket(st_family(), SOCK_STREAM, 0);

	if (fd < 0) {
		perror("hold: socket");
		return 1;
	}
	printf("holding\n");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	close(fd);
	return 0;
}
