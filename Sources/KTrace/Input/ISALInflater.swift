import CISAL

/// ISA-L igzip's streaming `isal_inflate`, from the library `ISALLibrary` loaded.
///
/// With `crc_flag` gzip or zlib, igzip parses the member's header and checks its
/// trailer (CRC-32 and ISIZE, or Adler-32) itself. At the end of a member it stops
/// with `block_state` FINISH and leaves the bytes after the trailer unconsumed, so
/// the reader sees the next member, zero padding or garbage exactly where zlib would.
final class ISALInflater: Inflater {
    private let library: ISALLibrary
    /// `inflate_state` holds a 64 KiB history buffer: kept on the heap, never copied.
    private let state: UnsafeMutablePointer<kreplay_isal_inflate_state>
    private let allocation: UnsafeMutableRawPointer
    private let flag: UInt32
    private var isGzip: Bool { flag == UInt32(KREPLAY_ISAL_GZIP) }

    init(container: InputContainer, library: ISALLibrary) {
        self.library = library
        flag = UInt32(container == .gzip ? KREPLAY_ISAL_GZIP : KREPLAY_ISAL_ZLIB)
        // Zeroed, with room to spare should a library's state be larger than declared.
        let size = MemoryLayout<kreplay_isal_inflate_state>.size + 4096
        allocation = .allocate(byteCount: size, alignment: MemoryLayout<kreplay_isal_inflate_state>.alignment)
        allocation.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        state = allocation.bindMemory(to: kreplay_isal_inflate_state.self, capacity: 1)
        library.inflateInit(state)
        configure()
    }

    deinit { allocation.deallocate() }

    /// igzip's CRC-32 (or Adler-32) of the member's output so far.
    var crc: UInt32 { state.pointee.crc }

    func reset() {
        library.inflateReset(state)
        configure()
    }

    private func configure() {
        // Parse the gzip/zlib header and check the trailer, not raw deflate.
        state.pointee.crc_flag = flag
        state.pointee.hist_bits = 0  // 0: the full 32 KiB window, as zlib's windowBits 15
    }

    func inflate(_ input: UnsafeMutableRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> InflateStep {
        state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_in = UInt32(input.count)
        state.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_out = UInt32(output.count)
        let status = library.inflate(state)
        // After a fault igzip gives back the whole bytes left in its bit buffer, which
        // may be more than this call was given: nothing counts as consumed then.
        var step = InflateStep(
            consumed: max(0, input.count - Int(state.pointee.avail_in)),
            produced: output.count - Int(state.pointee.avail_out), status: .progress)
        for index in max(0, step.consumed - 8)..<step.consumed {
            lastEight = lastEight >> 8 | UInt64(input[index]) << 56
        }
        let finished = state.pointee.block_state == UInt32(KREPLAY_ISAL_BLOCK_FINISH)
        // The status comes first: after a checksum error block_state is FINISH too.
        if status == Int32(KREPLAY_ISAL_INCORRECT_CHECKSUM) {
            checksumMismatch(&step, finished: finished)
        } else if status != Int32(KREPLAY_ISAL_DECOMP_OK) && status != Int32(KREPLAY_ISAL_END_INPUT) {
            step.status = .corrupt(Self.reason(status))
        } else if finished {
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
    private func checksumMismatch(_ step: inout InflateStep, finished: Bool) {
        // Only the trailer check ends in FINISH; before it, the header's check failed.
        guard finished else {
            step.status = .corrupt(isGzip ? "header crc mismatch" : "incorrect header check")
            return
        }
        guard isGzip else {
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
        switch Int(status) {
        case KREPLAY_ISAL_INVALID_BLOCK: return "invalid block"
        case KREPLAY_ISAL_INVALID_SYMBOL: return "invalid symbol"
        case KREPLAY_ISAL_INVALID_LOOKBACK: return "invalid distance too far back"
        case KREPLAY_ISAL_INVALID_WRAPPER: return "incorrect header check"
        case KREPLAY_ISAL_UNSUPPORTED_METHOD: return "unknown compression method"
        case KREPLAY_ISAL_NEED_DICT: return "need dictionary"
        default: return "isal_inflate error \(status)"
        }
    }
}
