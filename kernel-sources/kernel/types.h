// Basic integer types for the kernel. The compiler's freestanding headers supply the
// fixed-width types; the short names keep declarations readable.
#ifndef TYPES_H
#define TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>

typedef uint8_t  u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long u64;     // 64-bit on lp64; matches %lu / %lx
typedef int8_t   i8;
typedef int16_t  i16;
typedef int32_t  i32;
typedef long     i64;

typedef u64 pte_t;
typedef u64 *pagetable_t;

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif
