#define _GNU_SOURCE
#include "CLinuxHost.h"

#include <pthread.h>
#include <sched.h>
#include <string.h>

int clinuxhost_enter_network_namespace(int fd) { return setns(fd, CLONE_NEWNET); }

int clinuxhost_name_current_thread(const char *name) {
    char shortened[16];
    strncpy(shortened, name, sizeof shortened - 1);
    shortened[sizeof shortened - 1] = '\0';
    return pthread_setname_np(pthread_self(), shortened);
}
