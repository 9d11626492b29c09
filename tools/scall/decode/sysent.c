/* SPDX-License-Identifier: MIT */
/*
 * The system calls scall knows by name: how many arguments each takes, its
 * classes for trace=%class, and its decoder (NULL: arguments in hex).
 * Argument counts and classes follow strace's behaviour, measured by tracing
 * every number with strace -e raw=all and -e trace=%CLASS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "../util.h"

#define F CLS_FILE
#define D CLS_DESC
#define N CLS_NET
#define P CLS_PROCESS
#define S CLS_SIGNAL
#define I CLS_IPC
#define M CLS_MEMORY
#define C CLS_CREDS
#define ST (CLS_STAT)
#define LST (CLS_LSTAT)
#define FST (CLS_FSTAT)
#define SA (CLS_STAT_ANY)
#define SF (CLS_STATFS)
#define FSF (CLS_FSTATFS)
#define SFA (CLS_STATFS_ANY)
#define CL CLS_CLOCK
#define PU CLS_PURE

#define E(n, a, a32, c, d)       \
	{                        \
#n, a, a32, c, d \
	}

/* Sorted by name (bsearch). */
static const struct sysent table[] = {
	E(_llseek, 5, 0, D, dec__llseek),
	E(_newselect, 5, 0, D, dec_select),
	E(_sysctl, 1, 0, 0, NULL),
	E(accept, 3, 0, N, dec_accept),
	E(accept4, 4, 0, N, dec_accept4),
	E(access, 2, 0, F, dec_access),
	E(acct, 1, 0, F, dec_path1),
	E(add_key, 5, 0, 0, NULL),
	E(adjtimex, 1, 0, CL, NULL),
	E(afs_syscall, 5, 0, 0, NULL),
	E(alarm, 1, 0, 0, dec_uint1),
	E(arch_prctl, 2, 0, 0, dec_arch_prctl),
	E(bdflush, 2, 0, 0, NULL),
	E(bind, 3, 0, N, dec_connect),
	E(bpf, 3, 0, D, NULL),
	E(break, 0, 0, M, NULL),
	E(brk, 1, 0, M, dec_brk),
	E(cachestat, 4, 0, D, NULL),
	E(capget, 2, 0, C, dec_capget),
	E(capset, 2, 0, C, dec_capset),
	E(chdir, 1, 0, F, dec_path1),
	E(chmod, 2, 0, F, dec_path_mode),
	E(chown, 3, 0, F, dec_chown),
	E(chown32, 3, 0, F, dec_chown),
	E(chroot, 1, 0, F, dec_path1),
	E(clock_adjtime, 2, 0, CL, NULL),
	E(clock_adjtime64, 2, 0, CL, NULL),
	E(clock_getres, 2, 0, CL, dec_clock_gettime),
	E(clock_getres_time64, 2, 0, CL, dec_clock_gettime),
	E(clock_gettime, 2, 0, CL, dec_clock_gettime),
	E(clock_gettime64, 2, 0, CL, dec_clock_gettime),
	E(clock_nanosleep, 4, 0, 0, dec_clock_nanosleep),
	E(clock_nanosleep_time64, 4, 0, 0, dec_clock_nanosleep),
	E(clock_settime, 2, 0, CL, dec_clock_settime),
	E(clock_settime64, 2, 0, CL, dec_clock_settime),
	E(clone, 5, 0, P, dec_clone),
	E(clone3, 2, 0, P, dec_clone3),
	E(close, 1, 0, D, dec_close),
	E(close_range, 3, 0, 0, dec_close_range),
	E(connect, 3, 0, N, dec_connect),
	E(copy_file_range, 6, 0, D, dec_copy_file_range),
	E(creat, 2, 0, F | D, dec_creat),
	E(create_module, 2, 0, 0, NULL),
	E(delete_module, 2, 0, 0, NULL),
	E(dup, 1, 0, D, dec_dup),
	E(dup2, 2, 0, D, dec_dup2),
	E(dup3, 3, 0, D, dec_dup3),
	E(epoll_create, 1, 0, D, dec_int1),
	E(epoll_create1, 1, 0, D, dec_epoll_create1),
	E(epoll_ctl, 4, 0, D, dec_epoll_ctl),
	E(epoll_ctl_old, 4, 0, 0, NULL),
	E(epoll_pwait, 6, 0, D, dec_epoll_pwait),
	E(epoll_pwait2, 6, 0, D, NULL),
	E(epoll_wait, 4, 0, D, dec_epoll_wait),
	E(epoll_wait_old, 4, 0, 0, NULL),
	E(eventfd, 1, 0, D, dec_eventfd),
	E(eventfd2, 2, 0, D, dec_eventfd2),
	E(execve, 3, 0, F | P, dec_execve),
	E(execveat, 5, 0, F | D | P, dec_execveat),
	E(exit, 1, 0, P, dec_exit),
	E(exit_group, 1, 0, P, dec_exit),
	E(faccessat, 3, 0, F | D, dec_faccessat),
	E(faccessat2, 4, 0, F | D, dec_faccessat2),
	E(fadvise64, 4, 5, D, dec_fadvise64),
	E(fadvise64_64, 6, 0, D, NULL),
	E(fallocate, 4, 6, D, dec_fallocate),
	E(fanotify_init, 2, 0, D, NULL),
	E(fanotify_mark, 5, 6, F | D, NULL),
	E(fchdir, 1, 0, D, dec_fd1),
	E(fchmod, 2, 0, D, dec_fchmod),
	E(fchmodat, 3, 0, F | D, dec_at_path_mode),
	E(fchmodat2, 4, 0, D | F, dec_fchmodat2),
	E(fchown, 3, 0, D, dec_fchown),
	E(fchown32, 3, 0, D, dec_fchown),
	E(fchownat, 5, 0, F | D, dec_fchownat),
	E(fcntl, 3, 0, D, dec_fcntl),
	E(fcntl64, 3, 0, D, dec_fcntl),
	E(fdatasync, 1, 0, D, dec_fd1),
	E(fgetxattr, 4, 0, D, dec_getxattr),
	E(file_getattr, 5, 0, D | F, NULL),
	E(file_setattr, 5, 0, D | F, NULL),
	E(finit_module, 3, 0, D, NULL),
	E(flistxattr, 3, 0, D, dec_listxattr),
	E(flock, 2, 0, D, dec_flock),
	E(fork, 0, 0, P, dec_ret_pid),
	E(fremovexattr, 2, 0, D, dec_removexattr),
	E(fsconfig, 5, 0, F | D, NULL),
	E(fsetxattr, 5, 0, D, dec_setxattr),
	E(fsmount, 3, 0, D, NULL),
	E(fsopen, 2, 0, D, NULL),
	E(fspick, 3, 0, F | D, NULL),
	E(fstat, 2, 0, D | FST | SA, dec_fstat),
	E(fstat64, 2, 0, D | FST | SA, dec_fstat64),
	E(fstatat64, 4, 0, F | D | FST | SA, dec_fstatat64),
	E(fstatfs, 2, 0, D | FSF | SFA, dec_fstatfs),
	E(fstatfs64, 3, 0, D | FSF | SFA, dec_fstatfs64),
	E(fsync, 1, 0, D, dec_fd1),
	E(ftime, 0, 0, 0, NULL),
	E(ftruncate, 2, 0, D, dec_ftruncate),
	E(ftruncate64, 3, 0, D, NULL),
	E(futex, 6, 0, 0, dec_futex),
	E(futex_requeue, 4, 0, 0, NULL),
	E(futex_time64, 6, 0, 0, dec_futex),
	E(futex_wait, 6, 0, 0, NULL),
	E(futex_waitv, 5, 0, 0, NULL),
	E(futex_wake, 4, 0, 0, NULL),
	E(futimesat, 3, 0, F | D, dec_futimesat),
	E(get_kernel_syms, 1, 0, 0, NULL),
	E(get_mempolicy, 5, 0, M, dec_get_mempolicy),
	E(get_robust_list, 3, 0, 0, NULL),
	E(get_thread_area, 1, 0, 0, NULL),
	E(getcpu, 3, 0, 0, dec_getcpu),
	E(getcwd, 2, 0, F, dec_getcwd),
	E(getdents, 3, 0, D, dec_getdents),
	E(getdents64, 3, 0, D, dec_getdents64),
	E(getegid, 0, 0, C | PU, NULL),
	E(getegid32, 0, 0, C | PU, NULL),
	E(geteuid, 0, 0, C | PU, NULL),
	E(geteuid32, 0, 0, C | PU, NULL),
	E(getgid, 0, 0, C | PU, NULL),
	E(getgid32, 0, 0, C | PU, NULL),
	E(getgroups, 2, 0, C, dec_getgroups),
	E(getgroups32, 2, 0, C, dec_getgroups),
	E(getitimer, 2, 0, 0, dec_getitimer),
	E(getpeername, 3, 0, N, dec_getsockname),
	E(getpgid, 1, 0, 0, dec_pid1),
	E(getpgrp, 0, 0, PU, NULL),
	E(getpid, 0, 0, PU, dec_ret_pid),
	E(getpmsg, 5, 0, N, NULL),
	E(getppid, 0, 0, PU, dec_ret_pid),
	E(getpriority, 2, 0, 0, dec_getpriority),
	E(getrandom, 3, 0, 0, dec_getrandom),
	E(getresgid, 3, 0, C, dec_getresuid),
	E(getresgid32, 3, 0, C, dec_getresuid),
	E(getresuid, 3, 0, C, dec_getresuid),
	E(getresuid32, 3, 0, C, dec_getresuid),
	E(getrlimit, 2, 0, 0, dec_getrlimit),
	E(getrusage, 2, 0, 0, dec_getrusage),
	E(getsid, 1, 0, 0, dec_pid1),
	E(getsockname, 3, 0, N, dec_getsockname),
	E(getsockopt, 5, 0, N, dec_getsockopt),
	E(gettid, 0, 0, PU, dec_ret_pid),
	E(gettimeofday, 2, 0, CL, dec_gettimeofday),
	E(getuid, 0, 0, C | PU, NULL),
	E(getuid32, 0, 0, C | PU, NULL),
	E(getxattr, 4, 0, F, dec_getxattr),
	E(getxattrat, 6, 0, D | F, NULL),
	E(gtty, 2, 0, 0, NULL),
	E(idle, 0, 0, 0, NULL),
	E(init_module, 3, 0, 0, NULL),
	E(inotify_add_watch, 3, 0, F | D, dec_inotify_add_watch),
	E(inotify_init, 0, 0, D, dec_inotify_init1),
	E(inotify_init1, 1, 0, D, dec_inotify_init1),
	E(inotify_rm_watch, 2, 0, D, dec_inotify_rm_watch),
	E(io_cancel, 3, 0, 0, NULL),
	E(io_destroy, 1, 0, M, NULL),
	E(io_getevents, 5, 0, 0, NULL),
	E(io_pgetevents, 6, 0, 0, NULL),
	E(io_pgetevents_time64, 6, 0, 0, NULL),
	E(io_setup, 2, 0, M, NULL),
	E(io_submit, 3, 0, 0, NULL),
	E(io_uring_enter, 6, 0, D | S, NULL),
	E(io_uring_register, 4, 0, D | M, NULL),
	E(io_uring_setup, 2, 0, D, NULL),
	E(ioctl, 3, 0, D, dec_ioctl),
	E(ioperm, 3, 0, 0, NULL),
	E(iopl, 1, 0, 0, NULL),
	E(ioprio_get, 2, 0, 0, dec_ioprio_get),
	E(ioprio_set, 3, 0, 0, dec_ioprio_set),
	E(ipc, 6, 0, I, NULL),
	E(kcmp, 5, 0, 0, NULL),
	E(kexec_file_load, 5, 0, D, NULL),
	E(kexec_load, 4, 0, 0, NULL),
	E(keyctl, 5, 0, 0, NULL),
	E(kill, 2, 0, P | S, dec_kill),
	E(landlock_add_rule, 4, 0, D, NULL),
	E(landlock_create_ruleset, 3, 0, D, NULL),
	E(landlock_restrict_self, 2, 0, D, NULL),
	E(lchown, 3, 0, F, dec_chown),
	E(lchown32, 3, 0, F, dec_chown),
	E(lgetxattr, 4, 0, F, dec_getxattr),
	E(link, 2, 0, F, dec_rename),
	E(linkat, 5, 0, F | D, dec_linkat),
	E(listen, 2, 0, N, dec_listen),
	E(listmount, 4, 0, 0, NULL),
	E(listns, 4, 0, 0, NULL),
	E(listxattr, 3, 0, F, dec_listxattr),
	E(listxattrat, 5, 0, D | F, NULL),
	E(llistxattr, 3, 0, F, dec_listxattr),
	E(lock, 0, 0, 0, NULL),
	E(lookup_dcookie, 3, 4, 0, NULL),
	E(lremovexattr, 2, 0, F, dec_removexattr),
	E(lseek, 3, 0, D, dec_lseek),
	E(lsetxattr, 5, 0, F, dec_setxattr),
	E(lsm_get_self_attr, 4, 0, 0, NULL),
	E(lsm_list_modules, 3, 0, 0, NULL),
	E(lsm_set_self_attr, 4, 0, 0, NULL),
	E(lstat, 2, 0, F | LST | SA, dec_stat),
	E(lstat64, 2, 0, F | LST | SA, dec_stat64),
	E(madvise, 3, 0, M, dec_madvise),
	E(map_shadow_stack, 3, 0, M, NULL),
	E(mbind, 6, 0, M, dec_mbind),
	E(membarrier, 3, 0, 0, dec_membarrier),
	E(memfd_create, 2, 0, D, dec_memfd_create),
	E(memfd_secret, 1, 0, D, NULL),
	E(migrate_pages, 4, 0, M, NULL),
	E(mincore, 3, 0, M, dec_mincore),
	E(mkdir, 2, 0, F, dec_path_mode),
	E(mkdirat, 3, 0, F | D, dec_at_path_mode),
	E(mknod, 3, 0, F, dec_mknod),
	E(mknodat, 4, 0, F | D, dec_mknodat),
	E(mlock, 2, 0, M, dec_addr_len),
	E(mlock2, 3, 0, M, dec_mlock2),
	E(mlockall, 1, 0, M, dec_mlockall),
	E(mmap, 6, 1, D | M, dec_mmap),
	E(mmap2, 6, 0, D | M, dec_mmap2),
	E(modify_ldt, 3, 0, 0, NULL),
	E(mount, 5, 0, F, dec_mount),
	E(mount_setattr, 5, 0, F | D, NULL),
	E(move_mount, 5, 0, F | D, NULL),
	E(move_pages, 6, 0, M, NULL),
	E(mprotect, 3, 0, M, dec_mprotect),
	E(mpx, 0, 0, 0, NULL),
	E(mq_getsetattr, 3, 0, D, NULL),
	E(mq_notify, 2, 0, D, NULL),
	E(mq_open, 4, 0, D, NULL),
	E(mq_timedreceive, 5, 0, D, NULL),
	E(mq_timedreceive_time64, 5, 0, D, NULL),
	E(mq_timedsend, 5, 0, D, NULL),
	E(mq_timedsend_time64, 5, 0, D, NULL),
	E(mq_unlink, 1, 0, 0, NULL),
	E(mremap, 5, 0, M, dec_mremap),
	E(mseal, 3, 0, M, NULL),
	E(msgctl, 3, 0, I, NULL),
	E(msgget, 2, 0, I, NULL),
	E(msgrcv, 5, 0, I, NULL),
	E(msgsnd, 4, 0, I, NULL),
	E(msync, 3, 0, M, dec_msync),
	E(munlock, 2, 0, M, dec_addr_len),
	E(munlockall, 0, 0, M, NULL),
	E(munmap, 2, 0, M, dec_munmap),
	E(name_to_handle_at, 5, 0, F | D, NULL),
	E(nanosleep, 2, 0, 0, dec_nanosleep),
	E(newfstatat, 4, 0, F | D | FST | SA, dec_newfstatat),
	E(nfsservctl, 3, 0, 0, NULL),
	E(nice, 1, 0, 0, dec_int1),
	E(oldfstat, 2, 0, D | FST | SA, NULL),
	E(oldlstat, 2, 0, F | LST | SA, NULL),
	E(oldolduname, 1, 0, 0, NULL),
	E(oldstat, 2, 0, F | ST | SA, NULL),
	E(olduname, 1, 0, 0, NULL),
	E(open, 3, 0, F | D, dec_open),
	E(open_by_handle_at, 3, 0, D, NULL),
	E(open_tree, 3, 0, F | D, NULL),
	E(open_tree_attr, 5, 0, D | F, NULL),
	E(openat, 4, 0, F | D, dec_openat),
	E(openat2, 4, 0, F | D, dec_openat2),
	E(pause, 0, 0, S, NULL),
	E(perf_event_open, 5, 0, D, NULL),
	E(personality, 1, 0, 0, dec_personality),
	E(pidfd_getfd, 3, 0, D, NULL),
	E(pidfd_open, 2, 0, D, dec_pidfd_open),
	E(pidfd_send_signal, 4, 0, D | P | S, NULL),
	E(pipe, 1, 0, D, dec_pipe),
	E(pipe2, 2, 0, D, dec_pipe2),
	E(pivot_root, 2, 0, F, NULL),
	E(pkey_alloc, 2, 0, 0, NULL),
	E(pkey_free, 1, 0, 0, NULL),
	E(pkey_mprotect, 4, 0, M, dec_pkey_mprotect),
	E(poll, 3, 0, D, dec_poll),
	E(ppoll, 5, 0, D, dec_ppoll),
	E(ppoll_time64, 5, 0, D, dec_ppoll),
	E(prctl, 5, 0, C, dec_prctl),
	E(pread64, 4, 5, D, dec_pread64),
	E(preadv, 4, 5, D, dec_preadv),
	E(preadv2, 6, 0, D, dec_preadv2),
	E(prlimit64, 4, 0, 0, dec_prlimit64),
	E(process_madvise, 5, 0, D, NULL),
	E(process_mrelease, 2, 0, D, NULL),
	E(process_vm_readv, 6, 0, 0, NULL),
	E(process_vm_writev, 6, 0, 0, NULL),
	E(prof, 0, 0, 0, NULL),
	E(profil, 4, 0, 0, NULL),
	E(pselect6, 6, 0, D, dec_pselect6),
	E(pselect6_time64, 6, 0, D, dec_pselect6),
	E(ptrace, 4, 0, 0, NULL),
	E(putpmsg, 5, 0, N, NULL),
	E(pwrite64, 4, 5, D, dec_pwrite64),
	E(pwritev, 4, 5, D, dec_pwritev),
	E(pwritev2, 6, 0, D, dec_pwritev2),
	E(query_module, 5, 0, 0, NULL),
	E(quotactl, 4, 0, F, NULL),
	E(quotactl_fd, 4, 0, D, NULL),
	E(read, 3, 0, D, dec_read),
	E(readahead, 3, 4, D, dec_readahead),
	E(readdir, 3, 0, D, NULL),
	E(readlink, 3, 0, F, dec_readlink),
	E(readlinkat, 4, 0, F | D, dec_readlinkat),
	E(readv, 3, 0, D, dec_readv),
	E(reboot, 4, 0, 0, NULL),
	E(recv, 4, 0, N, dec_recv), /* socketcall only */
	E(recvfrom, 6, 0, N, dec_recvfrom),
	E(recvmmsg, 5, 0, N, dec_recvmmsg),
	E(recvmmsg_time64, 5, 0, N, dec_recvmmsg),
	E(recvmsg, 3, 0, N, dec_recvmsg),
	E(remap_file_pages, 5, 0, M, NULL),
	E(removexattr, 2, 0, F, dec_removexattr),
	E(removexattrat, 4, 0, D | F, NULL),
	E(rename, 2, 0, F, dec_rename),
	E(renameat, 4, 0, F | D, dec_renameat),
	E(renameat2, 5, 0, F | D, dec_renameat2),
	E(request_key, 4, 0, 0, NULL),
	E(restart_syscall, 0, 0, 0, dec_restart_syscall),
	E(rmdir, 1, 0, F, dec_path1),
	E(rseq, 4, 0, 0, dec_rseq),
	E(rseq_slice_yield, 0, 0, 0, NULL),
	E(rt_sigaction, 4, 0, S, dec_rt_sigaction),
	E(rt_sigpending, 2, 0, S, dec_rt_sigpending),
	E(rt_sigprocmask, 4, 0, S, dec_rt_sigprocmask),
	E(rt_sigqueueinfo, 3, 0, P | S, dec_rt_sigqueueinfo),
	E(rt_sigreturn, 0, 0, S, dec_rt_sigreturn),
	E(rt_sigsuspend, 2, 0, S, dec_rt_sigsuspend),
	E(rt_sigtimedwait, 4, 0, S, dec_rt_sigtimedwait),
	E(rt_sigtimedwait_time64, 4, 0, S, dec_rt_sigtimedwait),
	E(rt_tgsigqueueinfo, 4, 0, P | S, dec_rt_tgsigqueueinfo),
	E(sched_get_priority_max, 1, 0, 0, dec_sched_get_priority_max),
	E(sched_get_priority_min, 1, 0, 0, dec_sched_get_priority_max),
	E(sched_getaffinity, 3, 0, 0, dec_sched_getaffinity),
	E(sched_getattr, 4, 0, 0, dec_sched_getattr),
	E(sched_getparam, 2, 0, 0, dec_sched_getparam),
	E(sched_getscheduler, 1, 0, 0, dec_sched_getscheduler),
	E(sched_rr_get_interval, 2, 0, 0, dec_sched_rr_get_interval),
	E(sched_rr_get_interval_time64, 2, 0, 0, dec_sched_rr_get_interval),
	E(sched_setaffinity, 3, 0, 0, dec_sched_setaffinity),
	E(sched_setattr, 3, 0, 0, dec_sched_setattr),
	E(sched_setparam, 2, 0, 0, dec_sched_setparam),
	E(sched_setscheduler, 3, 0, 0, dec_sched_setscheduler),
	E(sched_yield, 0, 0, 0, NULL),
	E(seccomp, 3, 0, 0, NULL),
	E(security, 3, 0, 0, NULL),
	E(select, 5, 1, D, dec_select),
	E(semctl, 4, 0, I, NULL),
	E(semget, 3, 0, I, NULL),
	E(semop, 3, 0, I, NULL),
	E(semtimedop, 4, 0, I, NULL),
	E(semtimedop_time64, 4, 0, I, NULL),
	E(send, 4, 0, N, dec_send), /* socketcall only */
	E(sendfile, 4, 0, D | N, dec_sendfile),
	E(sendfile64, 4, 0, D | N, dec_sendfile),
	E(sendmmsg, 4, 0, N, dec_sendmmsg),
	E(sendmsg, 3, 0, N, dec_sendmsg),
	E(sendto, 6, 0, N, dec_sendto),
	E(set_mempolicy, 3, 0, M, dec_set_mempolicy),
	E(set_mempolicy_home_node, 4, 0, M, NULL),
	E(set_robust_list, 2, 0, 0, dec_set_robust_list),
	E(set_thread_area, 1, 0, 0, dec_set_thread_area),
	E(set_tid_address, 1, 0, 0, dec_set_tid_address),
	E(setdomainname, 2, 0, 0, NULL),
	E(setfsgid, 1, 0, C, dec_int1),
	E(setfsgid32, 1, 0, C, dec_int1),
	E(setfsuid, 1, 0, C, dec_int1),
	E(setfsuid32, 1, 0, C, dec_int1),
	E(setgid, 1, 0, C, dec_int1),
	E(setgid32, 1, 0, C, dec_int1),
	E(setgroups, 2, 0, C, dec_setgroups),
	E(setgroups32, 2, 0, C, dec_setgroups),
	E(sethostname, 2, 0, 0, NULL),
	E(setitimer, 3, 0, 0, dec_setitimer),
	E(setns, 2, 0, D, dec_setns),
	E(setpgid, 2, 0, 0, dec_setpgid),
	E(setpriority, 3, 0, 0, dec_setpriority),
	E(setregid, 2, 0, C, dec_int2),
	E(setregid32, 2, 0, C, dec_int2),
	E(setresgid, 3, 0, C, dec_int3),
	E(setresgid32, 3, 0, C, dec_int3),
	E(setresuid, 3, 0, C, dec_int3),
	E(setresuid32, 3, 0, C, dec_int3),
	E(setreuid, 2, 0, C, dec_int2),
	E(setreuid32, 2, 0, C, dec_int2),
	E(setrlimit, 2, 0, 0, dec_setrlimit),
	E(setsid, 0, 0, 0, NULL),
	E(setsockopt, 5, 0, N, dec_setsockopt),
	E(settimeofday, 2, 0, CL, NULL),
	E(setuid, 1, 0, C, dec_int1),
	E(setuid32, 1, 0, C, dec_int1),
	E(setxattr, 5, 0, F, dec_setxattr),
	E(setxattrat, 6, 0, D | F, NULL),
	E(sgetmask, 0, 0, S, NULL),
	E(shmat, 3, 0, I | M, NULL),
	E(shmctl, 3, 0, I, NULL),
	E(shmdt, 1, 0, I | M, NULL),
	E(shmget, 3, 0, I, NULL),
	E(shutdown, 2, 0, N, dec_shutdown),
	E(sigaction, 3, 0, S, NULL),
	E(sigaltstack, 2, 0, S, dec_sigaltstack),
	E(signal, 2, 0, S, NULL),
	E(signalfd, 3, 0, D | S, NULL),
	E(signalfd4, 4, 0, D | S, dec_signalfd4),
	E(sigpending, 1, 0, S, NULL),
	E(sigprocmask, 3, 0, S, NULL),
	E(sigreturn, 0, 0, S, dec_sigreturn),
	E(sigsuspend, 3, 0, S, NULL),
	E(socket, 3, 0, N, dec_socket),
	E(socketcall, 2, 0, D, dec_socketcall),
	E(socketpair, 4, 0, N, dec_socketpair),
	E(splice, 6, 0, D, dec_splice),
	E(ssetmask, 1, 0, S, NULL),
	E(stat, 2, 0, F | ST | SA, dec_stat),
	E(stat64, 2, 0, F | ST | SA, dec_stat64),
	E(statfs, 2, 0, F | SF | SFA, dec_statfs),
	E(statfs64, 3, 0, F | SF | SFA, dec_statfs64),
	E(statmount, 4, 0, 0, NULL),
	E(statx, 5, 0, F | D | FST | SA, dec_statx),
	E(stime, 1, 0, 0, NULL),
	E(stty, 2, 0, 0, NULL),
	E(swapoff, 1, 0, F, dec_path1),
	E(swapon, 2, 0, F, NULL),
	E(symlink, 2, 0, F, dec_rename),
	E(symlinkat, 3, 0, F | D, dec_symlinkat),
	E(sync, 0, 0, 0, NULL),
	E(sync_file_range, 4, 6, D, dec_sync_file_range),
	E(syncfs, 1, 0, D, dec_fd1),
	E(sysfs, 3, 0, 0, NULL),
	E(sysinfo, 1, 0, 0, dec_sysinfo),
	E(syslog, 3, 0, 0, NULL),
	E(tee, 4, 0, D, NULL),
	E(tgkill, 3, 0, P | S, dec_tgkill),
	E(time, 1, 0, CL, dec_time),
	E(timer_create, 3, 0, 0, dec_timer_create),
	E(timer_delete, 1, 0, 0, dec_int1),
	E(timer_getoverrun, 1, 0, 0, dec_int1),
	E(timer_gettime, 2, 0, 0, dec_timer_gettime),
	E(timer_gettime64, 2, 0, 0, dec_timer_gettime),
	E(timer_settime, 4, 0, 0, dec_timer_settime),
	E(timer_settime64, 4, 0, 0, dec_timer_settime),
	E(timerfd_create, 2, 0, D, dec_timerfd_create),
	E(timerfd_gettime, 2, 0, D, dec_timerfd_gettime),
	E(timerfd_gettime64, 2, 0, D, dec_timerfd_gettime),
	E(timerfd_settime, 4, 0, D, dec_timerfd_settime),
	E(timerfd_settime64, 4, 0, D, dec_timerfd_settime),
	E(times, 1, 0, 0, dec_times),
	E(tkill, 2, 0, P | S, dec_kill),
	E(truncate, 2, 0, F, dec_truncate),
	E(truncate64, 3, 0, F, NULL),
	E(tuxcall, 3, 0, 0, NULL),
	E(ugetrlimit, 2, 0, 0, dec_getrlimit),
	E(ulimit, 2, 0, 0, NULL),
	E(umask, 1, 0, 0, dec_umask),
	E(umount, 1, 0, F, dec_path1),
	E(umount2, 2, 0, F, dec_umount2),
	E(uname, 1, 0, 0, dec_uname),
	E(unlink, 1, 0, F, dec_path1),
	E(unlinkat, 3, 0, F | D, dec_unlinkat),
	E(unshare, 1, 0, 0, dec_unshare),
	E(uprobe, 0, 0, 0, NULL),
	E(uretprobe, 0, 0, 0, NULL),
	E(uselib, 1, 0, F, NULL),
	E(userfaultfd, 1, 0, D, NULL),
	E(ustat, 2, 0, SFA, NULL),
	E(utime, 2, 0, F, dec_utime),
	E(utimensat, 4, 0, F | D, dec_utimensat),
	E(utimensat_time64, 4, 0, F | D, dec_utimensat),
	E(utimes, 2, 0, F, dec_utimes),
	E(vfork, 0, 0, P, dec_ret_pid),
	E(vhangup, 0, 0, 0, NULL),
	E(vm86, 5, 0, 0, NULL),
	E(vm86old, 1, 0, 0, NULL),
	E(vmsplice, 4, 0, D, NULL),
	E(vserver, 5, 0, 0, NULL),
	E(wait4, 4, 0, P, dec_wait4),
	E(waitid, 5, 0, P, dec_waitid),
	E(waitpid, 3, 0, P, dec_waitpid),
	E(write, 3, 0, D, dec_write),
	E(writev, 3, 0, D, dec_writev),
};

#define TABLE_LEN (sizeof(table) / sizeof(table[0]))

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sysent *)elem)->name);
}

const struct sysent *sysent_find(const char *name)
{
	return bsearch(name, table, TABLE_LEN, sizeof(table[0]), cmp_name);
}

const struct sysent *sysent_at(size_t i)
{
	return i < TABLE_LEN ? &table[i] : NULL;
}

/* Per ABI: entry by number, filled on first use. */
static struct {
	const struct sysent **byno;
	long size;
} cache[SCALL_ABI_COUNT];

/* An entry for a number or name scall has no row for: raw arguments. */
static const struct sysent *make_generic(const char *name, long nr)
{
	struct sysent *e = xcalloc(1, sizeof(*e));
	char buf[32];

	if (!name) {
		snprintf(buf, sizeof(buf), "syscall_%#lx", (unsigned long)nr);
		name = buf;
	}
	e->name = xstrdup(name);
	e->nargs = 6;
	return e;
}

/*
 * Numbers past the end of a table (or negative): a tracee may call any number
 * of them, so their entries live in a fixed ring, reused oldest first, with a
 * hash index over it.  An entry stays valid until OUTSIDE_RING other numbers
 * have been seen after it, far longer than a call lasts (c->ent is kept from
 * entry to exit); the entry returned last is never the one reused, so that two
 * lookups in a row (stats comparing names) both stay valid.
 */
#define OUTSIDE_RING 256
#define OUTSIDE_HASH 512

struct outside {
	struct sysent e;
	char name[32];
	enum scall_abi abi;
	long nr;
	int next; /* in the hash chain, -1 at its end */
	bool used;
};

static struct outside outside[OUTSIDE_RING];
static int outside_head[OUTSIDE_HASH];
static unsigned outside_victim;
static int outside_last = -1;

static unsigned outside_hash(enum scall_abi abi, long nr)
{
	uint64_t h = ((uint64_t)nr ^ ((uint64_t)abi << 56)) * 0x9e3779b97f4a7c15ull;

	return (unsigned)(h >> 40) % OUTSIDE_HASH;
}

static const struct sysent *outside_get(enum scall_abi abi, long nr)
{
	unsigned h = outside_hash(abi, nr);
	struct outside *o;
	int i, *pp;

	if (outside_last < 0) /* first use */
		for (i = 0; i < OUTSIDE_HASH; i++)
			outside_head[i] = -1;
	for (i = outside_head[h]; i >= 0; i = outside[i].next)
		if (outside[i].abi == abi && outside[i].nr == nr)
			goto found;
	i = (int)(outside_victim++ % OUTSIDE_RING);
	if (i == outside_last)
		i = (int)(outside_victim++ % OUTSIDE_RING);
	o = &outside[i];
	if (o->used) { /* unlink it from its chain */
		for (pp = &outside_head[outside_hash(o->abi, o->nr)]; *pp != i;
		     pp = &outside[*pp].next)
			;
		*pp = o->next;
	}
	memset(o, 0, sizeof(*o));
	snprintf(o->name, sizeof(o->name), "syscall_%#lx", (unsigned long)nr);
	o->e.name = o->name;
	o->e.nargs = 6;
	o->abi = abi;
	o->nr = nr;
	o->used = true;
	o->next = outside_head[h];
	outside_head[h] = i;
found:
	outside_last = i;
	return &outside[i].e;
}

const struct sysent *sysent_get(enum scall_abi abi, long nr)
{
	unsigned a = (unsigned)abi < SCALL_ABI_COUNT ? (unsigned)abi : 0;

	if (!cache[a].byno) {
		long max = scall_syscall_max(abi);

		cache[a].size = max >= 0 ? max + 1 : 0;
		cache[a].byno = xcalloc((size_t)cache[a].size + 1, sizeof(cache[a].byno[0]));
	}
	if (nr < 0 || nr >= cache[a].size)
		return outside_get(abi, nr);
	if (!cache[a].byno[nr]) {
		const char *name = scall_syscall_name(abi, nr);
		const struct sysent *e = name ? sysent_find(name) : NULL;

		cache[a].byno[nr] = e ? e : make_generic(name, nr);
	}
	return cache[a].byno[nr];
}
