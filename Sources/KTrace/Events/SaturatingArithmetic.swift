/// Arithmetic on input-derived nanoseconds that pins at the bounds instead of
/// trapping: a trace's `wait_ns=` or `# cost:` values may be anything up to
/// `Int64.max`, and a sum of them must not crash the analysis.
extension Int64 {
    /// `self + other`, or `Int64.max`/`Int64.min` when the sum does not fit.
    @inlinable
    public func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self * other`, or `Int64.max`/`Int64.min` when the product does not fit.
    @inlinable
    public func saturatingMultiply(_ other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }
}
