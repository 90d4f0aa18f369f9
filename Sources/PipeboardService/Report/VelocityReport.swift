import Foundation
import PipeboardCore

/// The velocity section of `pipeboard report`: days in each stage and the funnel from real transitions.
extension FiguresReport {
    static func markdown(_ velocity: Velocity) -> String {
        var lines = [
            "## Velocity and funnel from transitions", "",
            "Period: \(periodText(velocity.period)). Funnel by \(velocity.method): \(velocity.fromTransitions) deals "
                + "by their stage changes, \(velocity.fromSnapshot) without any the snapshot way (taken to have "
                + "passed every stage before the one they are in).", "",
            "| Stage | Stays | Median days | Mean days | Entered | Went further | Conversion |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for line in velocity.stages {
            lines.append(
                "| \(cell(line.stage.name)) | \(line.stays) | \(days(line.medianDays)) | \(days(line.meanDays)) | "
                    + "\(line.entered) | \(line.advanced) | \(percent(line.conversion)) |")
        }
        lines += [
            "",
            "- Win rate: \(percent(velocity.winRate)) (\(velocity.won) won, \(velocity.lost) lost, by the status "
                + "change's own time)",
            "- Creation to won: median \(days(velocity.medianDaysToWon)) days, "
                + "mean \(days(velocity.meanDaysToWon)) days",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The figures' CSV with four more columns, and a `velocity` row per stage and a `win` row.
    static func csv(_ figures: PipelineFigures, velocity: Velocity) -> String {
        var lines = csv(figures).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let more = ["median_days_in_stage", "entered", "advanced", "method"]
        lines = lines.enumerated().map { index, line in
            line + "," + (index == 0 ? more.joined(separator: ",") : ",,,")
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "" }
        for line in velocity.stages {
            let fields = [
                "velocity", line.stage.name, "", String(line.stays), "", "", "", "",
                line.conversion.map { decimal($0) } ?? "", number(line.meanDays), "", "",
                number(line.medianDays), String(line.entered), String(line.advanced), velocity.method,
            ]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        let win = [
            "win", periodText(velocity.period), "", String(velocity.won + velocity.lost), "", "", "", "",
            velocity.winRate.map { decimal($0) } ?? "", number(velocity.meanDaysToWon), String(velocity.won),
            String(velocity.lost), number(velocity.medianDaysToWon), "", "", velocity.method,
        ]
        lines.append(win.map(csvField).joined(separator: ","))
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ figures: PipelineFigures, velocity: Velocity) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(
            decoding: try encoder.encode(ReportWithVelocity(report: ReportJSON(figures), velocity: .init(velocity))),
            as: UTF8.self)
    }

    /// "all time", "2026-10-01 to 2026-10-31", "since 2026-10-01", "until 2026-10-31" (the last day included).
    static func periodText(_ period: Period) -> String {
        let since = period.since.map { ISODay.string(from: $0) }
        let until = period.until.map { ISODay.string(from: AsOf.lastMoment(before: $0)) }
        switch (since, until) {
        case let (since?, until?): return "\(since) to \(until)"
        case let (since?, nil): return "since \(since)"
        case let (nil, until?): return "until \(until)"
        case (nil, nil): return "all time"
        }
    }
}

/// `report --format json` with the `velocity` object beside the figures.
struct ReportWithVelocity: Encodable {
    let report: ReportJSON
    let velocity: VelocityJSON

    func encode(to encoder: Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(velocity, forKey: .velocity)
    }

    enum Key: String, CodingKey { case velocity }
}

struct VelocityJSON: Encodable {
    struct Stage: Encodable {
        let id: String
        let name: String
        let stays: Int
        let median_days: Double?
        let mean_days: Double?
        let entered: Int
        let advanced: Int
        let conversion: Double?
    }

    let since: String?
    let until: String?
    let method: String
    let deals_by_transitions: Int
    let deals_by_snapshot: Int
    let stages: [Stage]
    let won: Int
    let lost: Int
    let win_rate: Double?
    let median_days_to_won: Double?
    let mean_days_to_won: Double?

    init(_ velocity: Velocity) {
        func tenth(_ value: Double?) -> Double? { value.map { ($0 * 10).rounded() / 10 } }
        since = velocity.period.since.map { ISOTime.string(from: $0) }
        until = velocity.period.until.map { ISOTime.string(from: $0) }
        method = velocity.method
        deals_by_transitions = velocity.fromTransitions
        deals_by_snapshot = velocity.fromSnapshot
        stages = velocity.stages.map {
            Stage(
                id: $0.stage.id, name: $0.stage.name, stays: $0.stays, median_days: tenth($0.medianDays),
                mean_days: tenth($0.meanDays), entered: $0.entered, advanced: $0.advanced, conversion: $0.conversion)
        }
        won = velocity.won
        lost = velocity.lost
        win_rate = velocity.winRate
        median_days_to_won = tenth(velocity.medianDaysToWon)
        mean_days_to_won = tenth(velocity.meanDaysToWon)
    }
}
