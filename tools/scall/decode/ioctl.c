/* SPDX-License-Identifier: MIT */
/* ioctl: terminal requests decoded, others as _IOC(dir, type, nr, size). */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

static const struct xval requests[] = {
	{ 0x5401, "TCGETS" },
	{ 0x5402, "SNDCTL_TMR_START or TCSETS" },
	{ 0x5403, "SNDCTL_TMR_STOP or TCSETSW" },
	{ 0x5404, "SNDCTL_TMR_CONTINUE or TCSETSF" },
	{ 0x5405, "TCGETA" },
	{ 0x5406, "TCSETA" },
	{ 0x5407, "TCSETAW" },
	{ 0x5408, "TCSETAF" },
	{ 0x5409, "TCSBRK" },
	{ 0x540A, "TCXONC" },
	{ 0x540B, "TCFLSH" },
	{ 0x540C, "TIOCEXCL" },
	{ 0x540D, "TIOCNXCL" },
	{ 0x540E, "TIOCSCTTY" },
	{ 0x540F, "TIOCGPGRP" },
	{ 0x5410, "TIOCSPGRP" },
	{ 0x5411, "TIOCOUTQ" },
	{ 0x5412, "TIOCSTI" },
	{ 0x5413, "TIOCGWINSZ" },
	{ 0x5414, "TIOCSWINSZ" },
	{ 0x5415, "TIOCMGET" },
	{ 0x5416, "TIOCMBIS" },
	{ 0x5417, "TIOCMBIC" },
	{ 0x5418, "TIOCMSET" },
	{ 0x541B, "FIONREAD" },
	{ 0x541C, "TIOCLINUX" },
	{ 0x541D, "TIOCCONS" },
	{ 0x5420, "TIOCPKT" },
	{ 0x5421, "FIONBIO" },
	{ 0x5422, "TIOCNOTTY" },
	{ 0x5423, "TIOCSETD" },
	{ 0x5424, "TIOCGETD" },
	{ 0x5429, "TIOCGSID" },
	{ 0x5441, "TIOCGPTPEER" },
	{ 0x5450, "FIONCLEX" },
	{ 0x5451, "FIOCLEX" },
	{ 0x5452, "FIOASYNC" },
	{ 0x40049409, "BTRFS_IOC_CLONE or FICLONE" },
	{ 0x4020940d, "BTRFS_IOC_CLONE_RANGE or FICLONERANGE" },
	{ 0x80086601, "FS_IOC_GETFLAGS" },
	{ 0x40086602, "FS_IOC_SETFLAGS" },
	{ 0x80087601, "FS_IOC_GETVERSION" },
	{ 0xc020660b, "FS_IOC_FIEMAP" },
	{ 0x1261, "BLKSSZGET" },
	{ 0x80081272, "BLKGETSIZE64" },
	{ 0x80045430, "TIOCGPTN" },
	{ 0x40045431, "TIOCSPTLCK" },
	{ 0x80045432, "TIOCGDEV" },
	{ 0x80045439, "TIOCGPTLCK" },
	{ 0, NULL },
};

static const struct xval iflags[] = {
	{ 01, "IGNBRK" },    { 02, "BRKINT" },      { 04, "IGNPAR" },    { 010, "PARMRK" },
	{ 020, "INPCK" },    { 040, "ISTRIP" },     { 0100, "INLCR" },   { 0200, "IGNCR" },
	{ 0400, "ICRNL" },   { 01000, "IUCLC" },    { 02000, "IXON" },   { 04000, "IXANY" },
	{ 010000, "IXOFF" }, { 020000, "IMAXBEL" }, { 040000, "IUTF8" }, { 0, NULL },
};

static const struct xval oflags[] = {
	{ 01, "OPOST" },   { 02, "OLCUC" },   { 04, "ONLCR" },   { 010, "OCRNL" }, { 020, "ONOCR" },
	{ 040, "ONLRET" }, { 0100, "OFILL" }, { 0200, "OFDEL" }, { 0, NULL },
};

static const struct xval lflags[] = {
	{ 01, "ISIG" },        { 02, "ICANON" },     { 04, "XCASE" },      { 010, "ECHO" },
	{ 020, "ECHOE" },      { 040, "ECHOK" },     { 0100, "ECHONL" },   { 0200, "NOFLSH" },
	{ 0100000, "IEXTEN" }, { 01000, "ECHOCTL" }, { 02000, "ECHOPRT" }, { 04000, "ECHOKE" },
	{ 010000, "FLUSHO" },  { 040000, "PENDIN" }, { 0400, "TOSTOP" },   { 0200000, "EXTPROC" },
	{ 0, NULL },
};

static const struct xval cflags[] = {
	{ 0100, "CSTOPB" },         { 0200, "CREAD" },           { 0400, "PARENB" },
	{ 01000, "PARODD" },        { 02000, "HUPCL" },          { 04000, "CLOCAL" },
	{ 010000000000, "CMSPAR" }, { 020000000000, "CRTSCTS" }, { 0, NULL },
};

static const struct xval bauds[] = {
	{ 0, "B0" },
	{ 1, "B50" },
	{ 2, "B75" },
	{ 3, "B110" },
	{ 4, "B134" },
	{ 5, "B150" },
	{ 6, "B200" },
	{ 7, "B300" },
	{ 010, "B600" },
	{ 011, "B1200" },
	{ 012, "B1800" },
	{ 013, "B2400" },
	{ 014, "B4800" },
	{ 015, "B9600" },
	{ 016, "B19200" },
	{ 017, "B38400" },
	{ 010001, "B57600" },
	{ 010002, "B115200" },
	{ 010003, "B230400" },
	{ 010004, "B460800" },
	{ 010005, "B500000" },
	{ 010006, "B576000" },
	{ 010007, "B921600" },
	{ 010010, "B1000000" },
	{ 010011, "B1152000" },
	{ 010012, "B1500000" },
	{ 010013, "B2000000" },
	{ 010014, "B2500000" },
	{ 010015, "B3000000" },
	{ 010016, "B3500000" },
	{ 010017, "B4000000" },
	{ 0, NULL },
};

static const struct xval csizes[] = {
	{ 0, "CS5" }, { 020, "CS6" }, { 040, "CS7" }, { 060, "CS8" }, { 0, NULL },
};

/*
 * Terminal flags as strace prints them, quirks included: nothing at all for
 * no flags ("c_iflag=,"), and the fields of c_oflag and c_cflag each followed
 * by a bar, even when no flags follow ("c_cflag=B38400|CS8|").
 */
static void p_tflags(struct call *c, const struct xval *tbl, unsigned v)
{
	if (v)
		p_flags(c, tbl, v, NULL);
}

/* One field's value: its name, its number, or both (-X verbose). */
static void p_tfield(struct call *c, unsigned v, const char *name)
{
	if (opt.xlat != XLAT_ABBREV || !name)
		p_hex(c, v);
	if (name && opt.xlat == XLAT_VERBOSE)
		sb_printf(&c->sb, " /* %s */", name);
	else if (name && opt.xlat == XLAT_ABBREV)
		sb_puts(&c->sb, name);
}

static void p_oflag(struct call *c, unsigned v)
{
	static const char *const tabs[] = { "TAB0", "TAB1", "TAB2", "XTABS" };
	char name[8];

	snprintf(name, sizeof(name), "NL%u", (v >> 8) & 1);
	p_tfield(c, v & 0400, name);
	snprintf(name, sizeof(name), "CR%u", (v >> 9) & 3);
	sb_putc(&c->sb, '|');
	p_tfield(c, v & 03000, name);
	sb_putc(&c->sb, '|');
	p_tfield(c, v & 014000, tabs[(v >> 11) & 3]);
	snprintf(name, sizeof(name), "BS%u", (v >> 13) & 1);
	sb_putc(&c->sb, '|');
	p_tfield(c, v & 020000, name);
	snprintf(name, sizeof(name), "VT%u", (v >> 14) & 1);
	sb_putc(&c->sb, '|');
	p_tfield(c, v & 040000, name);
	snprintf(name, sizeof(name), "FF%u", (v >> 15) & 1);
	sb_putc(&c->sb, '|');
	p_tfield(c, v & 0100000, name);
	sb_putc(&c->sb, '|');
	p_tflags(c, oflags, v & ~0177400u);
}

static void p_cflag(struct call *c, unsigned v)
{
	unsigned ibaud = (v >> 16) & 010017;

	p_tfield(c, v & 010017, xlat_name(bauds, v & 010017));
	if (ibaud) {
		sb_putc(&c->sb, '|');
		p_tfield(c, ibaud, xlat_name(bauds, ibaud));
		sb_puts(&c->sb, "<<");
		p_tfield(c, 16, "IBSHIFT");
	}
	sb_putc(&c->sb, '|');
	p_tfield(c, v & 060, xlat_name(csizes, v & 060));
	sb_putc(&c->sb, '|');
	p_tflags(c, cflags, v & ~(010017u | 060u | (010017u << 16)));
}

static void p_termios(struct call *c, uint64_t addr)
{
	uint32_t t[4];

	if (!umove(c, addr, t, sizeof(t))) {
		p_ptr(c, addr);
		return;
	}
	sb_puts(&c->sb, "{c_iflag=");
	p_tflags(c, iflags, t[0]);
	sb_puts(&c->sb, ", c_oflag=");
	p_oflag(c, t[1]);
	sb_puts(&c->sb, ", c_cflag=");
	p_cflag(c, t[2]);
	sb_puts(&c->sb, ", c_lflag=");
	p_tflags(c, lflags, t[3]);
	sb_puts(&c->sb, ", ...}");
}

static void p_winsize(struct call *c, uint64_t addr)
{
	uint16_t w[4];

	if (!umove(c, addr, w, sizeof(w))) {
		p_ptr(c, addr);
		return;
	}
	sb_printf(&c->sb, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", w[0], w[1], w[2],
		  w[3]);
}

static void p_int_at(struct call *c, uint64_t addr)
{
	int v;

	if (umove(c, addr, &v, sizeof(v)))
		sb_printf(&c->sb, "[%d]", v);
	else
		p_ptr(c, addr);
}

static void p_ioc(struct call *c, unsigned req)
{
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };
	unsigned size = (req >> 16) & 0x3fff;

	sb_printf(&c->sb, "_IOC(%s, %#x, %#x, ", dirs[req >> 30], (req >> 8) & 0xff, req & 0xff);
	if (size)
		sb_printf(&c->sb, "%#x)", size);
	else
		sb_puts(&c->sb, "0)");
}

static const struct xval flush_args[] = {
	{ 0, "TCIFLUSH" },
	{ 1, "TCOFLUSH" },
	{ 2, "TCIOFLUSH" },
	{ 0, NULL },
};

static const struct xval xonc_args[] = {
	{ 0, "TCOOFF" }, { 1, "TCOON" }, { 2, "TCIOFF" }, { 3, "TCION" }, { 0, NULL },
};

DECL(ioctl)
{
	unsigned req = arg_uint(c, 1);
	uint64_t a = arg_ulong(c, 2);

	if (c->exiting) {
		/* requests whose argument the kernel writes */
		arg(c);
		if (failed(c))
			p_ptr(c, a);
		else if (req == 0x5401)
			p_termios(c, a);
		else if (req == 0x5413)
			p_winsize(c, a);
		else
			p_int_at(c, a);
		return 0;
	}
	a_fd(c, 0);
	arg(c);
	if (!xlat_name(requests, req)) {
		if (opt.xlat == XLAT_RAW)
			p_hex(c, req);
		else
			p_ioc(c, req);
		a_hex(c, 2);
		return DEC_DONE;
	}
	/* a known request keeps its argument's form under -X raw too */
	p_xlat(c, requests, req, NULL);
	switch (req) {
	case 0x5401:     /* TCGETS */
	case 0x5413:     /* TIOCGWINSZ */
	case 0x541B:     /* FIONREAD */
	case 0x540F:     /* TIOCGPGRP */
	case 0x5411:     /* TIOCOUTQ */
	case 0x5429:     /* TIOCGSID */
	case 0x5424:     /* TIOCGETD */
	case 0x5415:     /* TIOCMGET */
	case 0x80045430: /* TIOCGPTN */
	case 0x80045439: /* TIOCGPTLCK */
	case 0x80045432: /* TIOCGDEV */
		return DEC_EXIT_RET;
	case 0x5402:
	case 0x5403:
	case 0x5404:
		arg(c);
		p_termios(c, a);
		return DEC_DONE;
	case 0x5414:
		arg(c);
		p_winsize(c, a);
		return DEC_DONE;
	case 0x5410: /* TIOCSPGRP */
	case 0x5421: /* FIONBIO */
	case 0x5452: /* FIOASYNC */
	case 0x5423: /* TIOCSETD */
	case 0x5420: /* TIOCPKT */
	case 0x5416:
	case 0x5417:
	case 0x5418:
	case 0x40045431:
		arg(c);
		p_int_at(c, a);
		return DEC_DONE;
	case 0x540B:
		a_xlat(c, 2, flush_args, "TC???");
		return DEC_DONE;
	case 0x540A:
		a_xlat(c, 2, xonc_args, "TC???");
		return DEC_DONE;
	case 0x40049409: /* FICLONE: a descriptor, printed as a plain number */
		a_int(c, 2);
		return DEC_DONE;
	case 0x80086601:
	case 0x80087601:
	case 0x1261:
	case 0x80081272:
		return DEC_EXIT_RET;
	case 0x5450:
	case 0x5451:
	case 0x5422:
	case 0x540C:
	case 0x540D:
		return DEC_DONE;
	case 0x5441: /* TIOCGPTPEER: open flags, in hex as strace prints them */
		a_hex(c, 2);
		c->rfmt = RV_FD;
		return DEC_DONE;
	default:
		a_long(c, 2);
		return DEC_DONE;
	}
}
