/*
 * fake_modem.h - lets libserialport 0.1.1 open a pty, for test_transport
 * only (linked into no other test).
 *
 * libserialport cannot open a pty for two reasons: sp_get_port_by_name()
 * looks the device up in /sys/class/tty, where ptys are not listed, and
 * sp_open() reads and sets the modem lines (TIOCMGET, TIOCMBIS, ...),
 * which a pty refuses. While enabled, this file interposes lstat (as
 * glibc's __lxstat, which the Debian build imports), readlink and ioctl
 * in the test executable, where they are found before libc's for
 * libserialport too: /sys/class/tty/pts/N looks like a virtual tty, and
 * the modem requests succeed on a pty with remembered line bits. Every
 * other call goes to the real one.
 */
#ifndef FAKE_MODEM_H
#define FAKE_MODEM_H

void fake_modem_enable(int on);
/* Modem-control requests answered by the fake since it was enabled. */
unsigned fake_modem_calls(void);

#endif
