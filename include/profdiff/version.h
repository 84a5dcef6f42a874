/*
 * version.h: profdiff's version, as --version, SARIF's tool record and the
 * Atom feed's generator name it.
 */
#ifndef PROFDIFF_VERSION_H
#define PROFDIFF_VERSION_H

#define PD_VERSION "0.1.0"

#endif
