// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors
//
// tests/bench/pacer.c — evenly paced 64-byte frames for bench.sh's "cpu" scenario.
//
//   pacer IFNAME DSTMAC SRCIP DSTIP RATE SECS
//
// Sends 60-byte frames (64 on the wire with the FCS: Ethernet + IPv4 + UDP to port 9, like
// bench.sh's trafgen frames) on IFNAME through an AF_PACKET socket (packet(7)), one every
// 1/RATE seconds on an absolute schedule, for SECS seconds, then prints
// "SENT SECONDS ACHIEVED_PPS LATE_MAX_US". Why not trafgen: its --gap sleeps with the default
// 50 us timer slack (prctl(2) PR_SET_TIMERSLACK) and reached ~5 kpps for a 100 us gap here, and its
// --rate sends back-to-back runs; its worker also pins itself to CPU 0 (so taskset cannot move it).
// This one sets the slack to 1 ns and sleeps (clock_nanosleep TIMER_ABSTIME) until each deadline. It
// does not spin: a spinning sender starves the CPU's ksoftirqd, which then drops the frames it sends
// (measured: at nice -20, 0.1 of 10 kpps arrived through the bridge). A sender that falls more than
// 1 ms behind skips ahead instead of bursting: the achieved rate then shows it could not keep pace.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void sleep_until(int64_t t)
{
	struct timespec ts = {.tv_sec = t / 1000000000, .tv_nsec = t % 1000000000};
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static int parse_mac(const char *s, uint8_t *mac)
{
	return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4],
		      &mac[5]) == 6 ? 0 : -1;
}

static uint16_t ip_csum(const uint8_t *p, int n)
{
	uint32_t s = 0;
	for (int i = 0; i < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

int main(int argc, char **argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: pacer IFNAME DSTMAC SRCIP DSTIP RATE SECS\n");
		return 2;
	}
	uint8_t f[60] = {0};
	struct in_addr src, dst;
	double rate = atof(argv[5]), secs = atof(argv[6]);
	if (parse_mac(argv[2], f) || !inet_aton(argv[3], &src) || !inet_aton(argv[4], &dst) || rate <= 0 ||
	    secs <= 0) {
		fprintf(stderr, "pacer: bad argument (DSTMAC aa:bb:cc:dd:ee:ff, dotted IPv4 addresses, RATE and SECS > 0)\n");
		return 2;
	}
	int fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("pacer: socket(AF_PACKET)");
		return 1;
	}
	struct ifreq ifr = {0};
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", argv[1]);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
		fprintf(stderr, "pacer: %s: SIOCGIFHWADDR: %s\n", argv[1], strerror(errno));
		return 1;
	}
	memcpy(f + 6, ifr.ifr_hwaddr.sa_data, 6);
	struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_ifindex = (int)if_nametoindex(argv[1])};
	if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
		fprintf(stderr, "pacer: bind %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	f[12] = 0x08; // IPv4
	uint8_t *ip = f + 14;
	ip[0] = 0x45;
	ip[3] = 46;      // total length
	ip[6] = 0x40;    // DF
	ip[8] = 64;      // TTL
	ip[9] = 17;      // UDP
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	uint16_t c = ip_csum(ip, 20);
	ip[10] = (uint8_t)(c >> 8);
	ip[11] = (uint8_t)c;
	uint8_t *udp = ip + 20;
	udp[0] = 4000 >> 8;
	udp[1] = 4000 & 0xff;
	udp[3] = 9;
	udp[5] = 26; // length; checksum 0 (none)
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

	int64_t step = (int64_t)(1e9 / rate), start = now_ns(), end = start + (int64_t)(secs * 1e9);
	int64_t next = start, late_max = 0;
	long sent = 0;
	while (next < end) {
		int64_t t = now_ns();
		if (t < next) {
			sleep_until(next);
			t = now_ns();
		}
		if (t - next > late_max)
			late_max = t - next;
		if (send(fd, f, sizeof f, 0) == (ssize_t)sizeof f)
			sent++;
		next += step;
		if (t - next > 1000000) // more than 1 ms behind: skip ahead rather than burst
			next = t + step;
	}
	double el = (double)(now_ns() - start) / 1e9;
	printf("%ld %.3f %.1f %.1f\n", sent, el, sent / el, (double)late_max / 1000);
	return 0;
}
