#if canImport(Glibc)
    import Glibc
#endif

/// Starts the threads kreplay runs beside the reading thread (inflater, parse
/// workers, model lanes): plain POSIX threads, joined by their owners.
public enum WorkerThread {
    /// Starts a thread running `body`; nil when the system cannot make one (the
    /// caller then does the work on its own thread).
    public static func start(_ body: @escaping () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(
            &handle, nil,
            { context in
                let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
                body.run()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return nil
        }
        return handle
    }

    /// The closure, boxed to pass through `pthread_create`'s context pointer.
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}
