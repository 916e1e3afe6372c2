/// An address space named by a trace: the kernel pmap or a user pmap by address.
public enum PmapID: Hashable, Sendable, CustomStringConvertible {
    case kernel
    case user(UInt64)

    public var isKernel: Bool { self == .kernel }

    public var description: String {
        switch self {
        case .kernel: return "kernel"
        case .user(let address): return "0x" + String(address, radix: 16)
        }
    }
}

/// Page size of every variant kreplay models (x86: 4 KiB).
public let pageSize: UInt64 = 4096
