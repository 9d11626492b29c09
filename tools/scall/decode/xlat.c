/* SPDX-License-Identifier: MIT */
/* Flag tables shared by several decoder families, in strace's print order. */
#include "decode.h"

const struct xval xl_open_access[] = {
	{ 0, "O_RDONLY" }, { 1, "O_WRONLY" }, { 2, "O_RDWR" }, { 3, "O_ACCMODE" }, { 0, NULL },
};

const struct xval xl_open_flags[] = {
	{ 0100, "O_CREAT" },        { 0200, "O_EXCL" },        { 0400, "O_NOCTTY" },
	{ 01000, "O_TRUNC" },       { 02000, "O_APPEND" },     { 04000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },     { 010000, "O_DSYNC" },     { 040000, "O_DIRECT" },
	{ 0100000, "O_LARGEFILE" }, { 0400000, "O_NOFOLLOW" }, { 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },  { 010000000, "O_PATH" },   { 020200000, "O_TMPFILE" },
	{ 0200000, "O_DIRECTORY" }, { 020000, "FASYNC" },      { 0, NULL },
};

const struct xval xl_at_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x200, "AT_REMOVEDIR" },
	{ 0x400, "AT_SYMLINK_FOLLOW" },
	{ 0x800, "AT_NO_AUTOMOUNT" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0x8000, "AT_RECURSIVE" },
	{ 0, NULL },
};

const struct xval xl_fcntl_fd_flags[] = {
	{ 1, "FD_CLOEXEC" },
	{ 0, NULL },
};
