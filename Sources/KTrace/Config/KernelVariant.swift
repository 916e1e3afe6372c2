/// The kernel build a trace came from (docs/tlb-model.md "Kernel variants").
public enum KernelVariant: String, Sendable, CaseIterable, Codable {
    case amd64
    case amd64Xen = "amd64-xen"
    case i386
    case i386PAE = "i386-pae"
    case i386Xen = "i386-xen"
    case i386PAEXen = "i386-pae-xen"

    /// Xen PV variants shoot down through `xen_mmuext` hypercalls, not IPIs.
    public var isXen: Bool { rawValue.hasSuffix("-xen") }
    /// PAE variants use 64-bit PTEs; the shootdown rules are the same.
    public var isPAE: Bool { rawValue.contains("-pae") }
}
