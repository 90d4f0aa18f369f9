import Foundation

/// Times as the JSON output writes them: ISO 8601 in UTC with the zone, "2026-09-14T20:38:37Z".
public enum ISOTime {
    public static func string(from date: Date) -> String {
        date.formatted(.iso8601)
    }
}
