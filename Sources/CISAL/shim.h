#ifndef KREPLAY_CISAL_SHIM_H
#define KREPLAY_CISAL_SHIM_H
/* The part of ISA-L igzip's inflate API that kreplay uses, declared here so that
   nothing links libisal: KTrace loads libisal.so.2 at run time (dlopen) when it is
   installed (Debian libisal2) and inflates with zlib otherwise. Copied from
   isa-l 2.30's <isa-l/igzip_lib.h> (same offsets, checked with offsetof); a
   self-test at load time rejects a library whose layout differs. */
#include <stdint.h>

#define KREPLAY_ISAL_DEF_MAX_HDR_SIZE 328
#define KREPLAY_ISAL_DEF_HIST_SIZE (32 * 1024)
#define KREPLAY_ISAL_LOOK_AHEAD ((258 + 31) & ~31)
#define KREPLAY_ISAL_DECODE_LONG_BITS 12
#define KREPLAY_ISAL_DECODE_SHORT_BITS 10
#define KREPLAY_ISAL_L_REM (21 - KREPLAY_ISAL_DECODE_LONG_BITS)
#define KREPLAY_ISAL_S_REM (15 - KREPLAY_ISAL_DECODE_SHORT_BITS)
#define KREPLAY_ISAL_L_DUP ((1 << KREPLAY_ISAL_L_REM) - (KREPLAY_ISAL_L_REM + 1))
#define KREPLAY_ISAL_S_DUP ((1 << KREPLAY_ISAL_S_REM) - (KREPLAY_ISAL_S_REM + 1))
#define KREPLAY_ISAL_L_UNUSED \
    ((1 << KREPLAY_ISAL_L_REM) - (1 << ((KREPLAY_ISAL_L_REM) / 2)) - (1 << ((KREPLAY_ISAL_L_REM + 1) / 2)) + 1)
#define KREPLAY_ISAL_S_UNUSED \
    ((1 << KREPLAY_ISAL_S_REM) - (1 << ((KREPLAY_ISAL_S_REM) / 2)) - (1 << ((KREPLAY_ISAL_S_REM + 1) / 2)) + 1)
#define KREPLAY_ISAL_L_SIZE ((257 + 29) + KREPLAY_ISAL_L_DUP + KREPLAY_ISAL_L_UNUSED)
#define KREPLAY_ISAL_S_SIZE (30 + KREPLAY_ISAL_S_DUP + KREPLAY_ISAL_S_UNUSED)
#define KREPLAY_ISAL_L_ALIGNED (KREPLAY_ISAL_L_SIZE + (-KREPLAY_ISAL_L_SIZE & 0xf))
#define KREPLAY_ISAL_S_ALIGNED (KREPLAY_ISAL_S_SIZE + (-KREPLAY_ISAL_S_SIZE & 0xf))

/* Return codes of isal_inflate. */
enum {
    KREPLAY_ISAL_DECOMP_OK = 0,
    KREPLAY_ISAL_END_INPUT = 1,
    KREPLAY_ISAL_OUT_OVERFLOW = 2,
    KREPLAY_ISAL_NEED_DICT = 6,
    KREPLAY_ISAL_INVALID_BLOCK = -1,
    KREPLAY_ISAL_INVALID_SYMBOL = -2,
    KREPLAY_ISAL_INVALID_LOOKBACK = -3,
    KREPLAY_ISAL_INVALID_WRAPPER = -4,
    KREPLAY_ISAL_UNSUPPORTED_METHOD = -5,
    KREPLAY_ISAL_INCORRECT_CHECKSUM = -6,
};

/* crc_flag: which wrapper igzip parses and checks. */
enum { KREPLAY_ISAL_GZIP = 1, KREPLAY_ISAL_ZLIB = 3 };

/* block_state: the member is done (trailer read, output flushed). */
enum { KREPLAY_ISAL_BLOCK_FINISH = 5 };

struct kreplay_isal_huff_code_large {
    uint32_t short_code_lookup[1 << KREPLAY_ISAL_DECODE_LONG_BITS];
    uint16_t long_code_lookup[KREPLAY_ISAL_L_ALIGNED];
};

struct kreplay_isal_huff_code_small {
    uint16_t short_code_lookup[1 << KREPLAY_ISAL_DECODE_SHORT_BITS];
    uint16_t long_code_lookup[KREPLAY_ISAL_S_ALIGNED];
};

/* struct inflate_state. */
struct kreplay_isal_inflate_state {
    uint8_t *next_out;
    uint32_t avail_out;
    uint32_t total_out;
    uint8_t *next_in;
    uint64_t read_in;
    uint32_t avail_in;
    int32_t read_in_length;
    struct kreplay_isal_huff_code_large lit_huff_code;
    struct kreplay_isal_huff_code_small dist_huff_code;
    uint32_t block_state; /* enum isal_block_state */
    uint32_t dict_length;
    uint32_t bfinal;
    uint32_t crc_flag;
    uint32_t crc;
    uint32_t hist_bits;
    int32_t type0_block_len; /* a union of three 32-bit fields */
    int32_t write_overflow_lits;
    int32_t write_overflow_len;
    int32_t copy_overflow_length;
    int32_t copy_overflow_distance;
    int16_t wrapper_flag;
    int16_t tmp_in_size;
    int32_t tmp_out_valid;
    int32_t tmp_out_processed;
    uint8_t tmp_in_buffer[KREPLAY_ISAL_DEF_MAX_HDR_SIZE];
    uint8_t tmp_out_buffer[2 * KREPLAY_ISAL_DEF_HIST_SIZE + KREPLAY_ISAL_LOOK_AHEAD];
};

/* isal_inflate_init, isal_inflate_reset; isal_inflate. */
typedef void (*kreplay_isal_state_fn)(struct kreplay_isal_inflate_state *state);
typedef int (*kreplay_isal_inflate_fn)(struct kreplay_isal_inflate_state *state);

/* dladdr(3), which <dlfcn.h> hides without _GNU_SOURCE: which file the loaded
   library came from, for kreplay --version. */
typedef struct {
    const char *dli_fname;
    void *dli_fbase;
    const char *dli_sname;
    void *dli_saddr;
} kreplay_dl_info;
extern int kreplay_dladdr(const void *address, kreplay_dl_info *info) __asm__("dladdr");

#endif
