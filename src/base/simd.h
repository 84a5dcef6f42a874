/*
 * simd.h: whether the scanners use SSE2.
 *
 * The text scanners (scan.h, normalize.c, json.c, the tree walk)
 * look at sixteen bytes at a time where the processor has SSE2, and fall
 * back to a plain byte loop elsewhere. PD_SSE2 says which: set when the
 * compiler targets SSE2, unless the build asks for the fallbacks
 * (cmake -DPROFDIFF_NO_SIMD=ON defines PD_NO_SIMD), so that the loops
 * other machines run are compiled and tested here too.
 */
#ifndef PROFDIFF_SIMD_H
#define PROFDIFF_SIMD_H

#if defined(__SSE2__) && !defined(PD_NO_SIMD)
#define PD_SSE2 1
#include <emmintrin.h>
#endif

#endif
