#if ISAL
    import CISAL
    #if canImport(Glibc)
        import Glibc
    #endif

    /// ISA-L igzip's streaming `isal_inflate`: the inflater of a build with the `ISAL` trait.
    ///
    /// With `crc_flag = ISAL_GZIP` / `ISAL_ZLIB` igzip parses the member's header and
    /// checks its trailer (CRC-32 and ISIZE, or Adler-32) itself. At the end of a
    /// member it stops with `block_state == ISAL_BLOCK_FINISH` and leaves the bytes
    /// after the trailer unconsumed, so the reader sees the next member, zero
    /// padding or garbage exactly where zlib would.
    final class ISALInflater: Inflater {
        static let libraryDescription = "ISA-L igzip \(ISAL_MAJOR_VERSION).\(ISAL_MINOR_VERSION).\(ISAL_PATCH_VERSION)"

        /// `inflate_state` holds a 64 KiB history buffer: kept on the heap, never copied.
        private let state: UnsafeMutablePointer<inflate_state>
        private let flag: UInt32

        init?(container: InputContainer) {
            flag = UInt32(container == .gzip ? ISAL_GZIP : ISAL_ZLIB)
            let raw = UnsafeMutableRawPointer.allocate(
                byteCount: MemoryLayout<inflate_state>.size, alignment: MemoryLayout<inflate_state>.alignment)
            memset(raw, 0, MemoryLayout<inflate_state>.size)
            state = raw.bindMemory(to: inflate_state.self, capacity: 1)
            isal_inflate_init(state)
            configure()
        }

        deinit { state.deallocate() }

        func reset() {
            isal_inflate_reset(state)
            configure()
        }

        private func configure() {
            // Parse the gzip/zlib header and check the trailer, not raw deflate.
            state.pointee.crc_flag = flag
            state.pointee.hist_bits = 0  // 0: the full 32 KiB window, as zlib's windowBits 15
        }

        func inflate(_ input: UnsafeMutableRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
            -> InflateStep
        {
            state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_in = UInt32(input.count)
            state.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_out = UInt32(output.count)
            let status = isal_inflate(state)
            var step = InflateStep(
                consumed: input.count - Int(state.pointee.avail_in),
                produced: output.count - Int(state.pointee.avail_out), status: .progress)
            for index in max(0, step.consumed - 8)..<step.consumed {
                lastEight = lastEight >> 8 | UInt64(input[index]) << 56
            }
            // The status comes first: after a checksum error block_state is FINISH too.
            if status == ISAL_INCORRECT_CHECKSUM {
                checksumMismatch(&step)
            } else if status != ISAL_DECOMP_OK && status != ISAL_END_INPUT {
                step.status = .corrupt(Self.reason(status))
            } else if state.pointee.block_state == ISAL_BLOCK_FINISH {
                step.status = .memberEnd
            } else if step.consumed == 0 && step.produced == 0 {
                step.status = .needsInput
            }
            return step
        }

        /// The last 8 compressed bytes consumed (the oldest in the low byte): at a
        /// checksum error, the member's trailer.
        private var lastEight: UInt64 = 0

        /// Says which check failed, and where, as zlib does: a gzip header CRC (FHCRC)
        /// after the header; a gzip CRC-32 mismatch after the CRC (4 bytes before the
        /// trailer's end), an ISIZE or Adler-32 mismatch at the end. igzip reads the
        /// whole trailer first and only says `ISAL_INCORRECT_CHECKSUM`; it leaves its
        /// own CRC in `state.crc`.
        private func checksumMismatch(_ step: inout InflateStep) {
            // Only the trailer check ends in FINISH; before it, the header's check failed.
            guard state.pointee.block_state == ISAL_BLOCK_FINISH else {
                step.status = .corrupt(flag == UInt32(ISAL_GZIP) ? "header crc mismatch" : "incorrect header check")
                return
            }
            guard flag == UInt32(ISAL_GZIP) else {
                step.status = .corrupt("incorrect data check")
                return
            }
            if UInt32(truncatingIfNeeded: lastEight) != state.pointee.crc {
                // igzip stops right after the trailer: the CRC ended 4 bytes before.
                step.status = .corrupt("incorrect data check", bytesBefore: 4)
            } else {
                step.status = .corrupt("incorrect length check")
            }
        }

        /// igzip has no message strings: zlib's wording where there is one.
        static func reason(_ status: Int32) -> String {
            switch status {
            case ISAL_INVALID_BLOCK: return "invalid block"
            case ISAL_INVALID_SYMBOL: return "invalid symbol"
            case ISAL_INVALID_LOOKBACK: return "invalid distance too far back"
            case ISAL_INVALID_WRAPPER: return "incorrect header check"
            case ISAL_UNSUPPORTED_METHOD: return "unknown compression method"
            case ISAL_NEED_DICT: return "need dictionary"
            default: return "isal_inflate error \(status)"
            }
        }
    }
#endif
