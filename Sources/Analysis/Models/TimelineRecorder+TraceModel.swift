import KTrace

extension TimelineRecorder: TraceModel {
    var laneWeight: Int { 2 }

    /// Classes each drawn target from the redundant-shootdown findings of the models before it.
    mutating func finish(_ context: FinishContext) -> ModelReport {
        let tlb = context.reports.filter { $0.layer == .tlb }
        let timeline = finish(
            cpuCount: context.cpuCount, findings: tlb.flatMap(\.findings),
            classificationLimited: tlb.contains { $0.classificationLimited })
        return ModelReport(timeline: timeline)
    }
}
