// libmnl and the kernel headers the Tunnel package speaks (rtnetlink, GRE, fib rules, TUN).
// glibc's socket and in headers come first, or glibc's and the kernel's in6_addr clash.
#ifndef CMNL_H
#define CMNL_H

#include <sys/socket.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <net/if.h>
#include <poll.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/eventfd.h>
#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/if_tunnel.h>
#include <linux/fib_rules.h>
#include <linux/if_tun.h>

/// TUNSETIFF (a function-like macro Swift cannot import).
static inline unsigned long cmnl_tunsetiff(void) { return TUNSETIFF; }
/// TUNSETOFFLOAD.
static inline unsigned long cmnl_tunsetoffload(void) { return TUNSETOFFLOAD; }

/// ioctl with one pointer argument (Swift cannot call variadic C functions).
static inline int cmnl_ioctl_pointer(int fd, unsigned long request, void *argument) {
    return ioctl(fd, request, argument);
}
/// ioctl with one integer argument.
static inline int cmnl_ioctl_integer(int fd, unsigned long request, unsigned long argument) {
    return ioctl(fd, request, argument);
}

/// `struct mmsghdr` (glibc declares it only under _GNU_SOURCE).
struct cmnl_mmsghdr {
    struct msghdr msg_hdr;
    unsigned int msg_len;
};
/// sendmmsg(2): sends up to `count` messages in one system call.
static inline int cmnl_sendmmsg(int fd, struct cmnl_mmsghdr *messages, unsigned int count, int flags) {
    return (int)syscall(SYS_sendmmsg, fd, messages, count, flags);
}
/// recvmmsg(2) without a timeout: receives up to `count` messages in one system call.
static inline int cmnl_recvmmsg(int fd, struct cmnl_mmsghdr *messages, unsigned int count, int flags) {
    return (int)syscall(SYS_recvmmsg, fd, messages, count, flags, NULL);
}

#endif
