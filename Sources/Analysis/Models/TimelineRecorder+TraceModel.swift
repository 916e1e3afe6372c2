import KTrace

/// The timeline recorder alone, for a lineup without a ``TLBAnalyzer`` to class the targets:
/// every drawn target is then `unknown` (never guessed `needed`). With a TLB analyzer the
/// lineup uses ``TLBAnalyzerWithTimeline`` instead.
extension TimelineRecorder: TraceModel {
    /// Not measured: a sixth of the TLB analyzer (its weight 31 since round 10).
    var laneWeight: Int { 5 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        ModelReport(timeline: finish(cpuCount: context.cpuCount, classificationLimited: false))
    }
}
