/// When the TLB model drops the record of a page no rule can read again (a testing knob).
///
/// Pruning keeps memory following the pages in use; it must never change an answer,
/// and tests prove that by running the same traces with every setting.
public enum PagePruning: Sendable, Equatable {
    /// As soon as a page's record can no longer matter (the default).
    case whenUnneeded
    /// On every event, every record that can no longer matter (slow: tests only).
    case everyEvent
    /// Never: every page ever seen keeps its record (tests only).
    case never
}
