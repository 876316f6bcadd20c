// The few glibc calls LinuxHost needs that Swift's Glibc module cannot see: glibc declares them
// only under _GNU_SOURCE, which the module does not define. CLinuxHost.c defines it.
#ifndef CLINUXHOST_H
#define CLINUXHOST_H

/// Moves the calling thread (only) into the network namespace `fd` refers to: setns(fd,
/// CLONE_NEWNET). Returns 0, or -1 with errno set.
int clinuxhost_enter_network_namespace(int fd);

/// Names the calling thread for ps, top and debuggers (pthread_setname_np); names longer than
/// the kernel's 15 bytes are cut. Returns 0 or an error number.
int clinuxhost_name_current_thread(const char *name);

#endif
