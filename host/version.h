/* version.h - tickerd's version, printed by --version. */
#ifndef VERSION_H
#define VERSION_H

#define TICKERD_VERSION "0.1.0"

#endif
