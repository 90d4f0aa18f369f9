#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU time used by this whole process so far (every thread, user and system), in µs. On a shared machine the
/// wall clock also counts other processes' turns on the cores; CPU time counts only this one's work.
func processCPUMicros() -> Int {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Int(spec.tv_sec) * 1_000_000 + Int(spec.tv_nsec) / 1_000
}
