import Glibc

/// CPU time in seconds, user and system, from `getrusage`.
struct CPUTime {
    var user: Double
    var system: Double

    /// This process's, all threads.
    static func process() -> CPUTime { usage(RUSAGE_SELF) }
    /// That of the children waited for (the `ip` runs).
    static func children() -> CPUTime { usage(RUSAGE_CHILDREN) }

    static func - (lhs: CPUTime, rhs: CPUTime) -> CPUTime {
        CPUTime(user: lhs.user - rhs.user, system: lhs.system - rhs.system)
    }

    private static func usage(_ who: __rusage_who) -> CPUTime {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        return CPUTime(user: seconds(usage.ru_utime), system: seconds(usage.ru_stime))
    }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
}
