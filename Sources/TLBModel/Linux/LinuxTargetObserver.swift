/// Told what ``LinuxTLBModel`` decides, so that a picture of the capture (the HTML timeline)
/// shows the model's own IPIs and classes, never a guess.
///
/// Called synchronously from ``LinuxTLBModel/consume(_:)`` (and ``LinuxTLBModel/finish()``
/// for the targets judged at the end), on the model's thread. Keep it cheap.
public protocol LinuxTargetObserver: AnyObject, Sendable {
    /// An IPI counted in `shootdown_ipis`, sent by `cpu` at `line` to `targets` flush targets.
    func sentIPI(line: Int, cpu: Int, timeNs: Int64, targets: Int)
    /// A target's class, decided: `line` is its IPI's (else its `csd_queue_cpu` line), `sendNs`
    /// the send time. Comes when its handler exits (or at the end), after later events.
    func classified(line: Int, initiator: Int, target: Int, sendNs: Int64, targetClass: LinuxTargetClass)
}
