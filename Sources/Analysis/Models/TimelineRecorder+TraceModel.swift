import KTrace

/// The timeline recorder alone, for a lineup without a ``TLBAnalyzer`` to class the targets:
/// every drawn target is then `unknown` (never guessed `needed`). With a TLB analyzer the
/// lineup uses ``TLBAnalyzerWithTimeline`` instead.
extension TimelineRecorder: TraceModel {
    var laneWeight: Int { 2 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        ModelReport(timeline: finish(cpuCount: context.cpuCount, classificationLimited: false))
    }
}
