/// A small, fast, deterministic pseudo-random generator (SplitMix64, Steele et al. 2014).
///
/// `kreplay synth --seed N` must give the same bytes on every run and platform, and tests
/// must not depend on the run, so neither uses `SystemRandomNumberGenerator`; both share this.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0); the tiny modulo bias does not matter here.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        bound <= 1 ? 0 : next() % bound
    }

    /// An Int in `0..<bound`.
    public mutating func index(_ bound: Int) -> Int {
        Int(below(UInt64(max(bound, 1))))
    }
}
