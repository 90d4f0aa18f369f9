import Foundation

/// Times to the millisecond, as the providers give them. A `Date` made from whole milliseconds survives every
/// encoding the app uses (JSON in milliseconds, REAL seconds since 2001) unchanged; a wall-clock `Date` with
/// microseconds does not: its last bit can change on the way through milliseconds since 1970.
extension Date {
    /// Whole milliseconds since 1970, rounded to the nearest.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1_000).rounded()) }

    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1_000)
    }

    /// This time to the nearest millisecond.
    public var toTheMillisecond: Date { Date(millisecondsSince1970: millisecondsSince1970) }

    /// The wall clock to the millisecond: the service's default clock, so that the times the app stamps have the
    /// providers' precision.
    public static var nowToTheMillisecond: Date { Date().toTheMillisecond }
}
