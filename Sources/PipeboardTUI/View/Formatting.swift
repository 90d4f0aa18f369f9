import Foundation
import PipeboardCore

/// Short texts shared by the board, the cards and the overlays.
enum Formatting {
    /// Column totals in at most `width` cells: the largest currency, then the others as fit, then "+N" for the rest:
    /// "$41.0k +€2.0k", "$41.0k +2".
    static func totals(_ totals: MoneyTotals, width: Int) -> String {
        let amounts = totals.amounts
        guard let first = amounts.first else { return "" }
        for shown in stride(from: amounts.count, through: 1, by: -1) {
            var text = first.compact
            for other in amounts[1..<shown] { text += " +" + other.compact }
            let hidden = amounts.count - shown
            if hidden > 0 { text += " +\(hidden)" }
            if TextWidth.cells(text) <= width { return text }
        }
        return TextWidth.truncate(first.compact, to: width)
    }

    static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
}

/// How a card's delivery stands: optimistic marks first, then what the service reports.
enum SyncMark {
    case pending, failed(String), conflict(String)

    init?(card: Opportunity, state: AppState) {
        if state.pendingCardIDs.contains(card.id) { self = .pending; return }
        switch state.snapshot?.cardSync[card.id] {
        case .pending?: self = .pending
        case .failed(let reason)?: self = .failed(reason)
        case .conflict(let reason)?: self = .conflict(reason)
        case nil: return nil
        }
    }

    var symbol: String {
        switch self {
        case .pending: return "↻"
        case .failed: return "!"
        case .conflict: return "≠"
        }
    }

    var label: String {
        switch self {
        case .pending: return "↻ pending"
        case .failed: return "! failed"
        case .conflict: return "≠ conflict"
        }
    }

    var role: ColorRole {
        switch self {
        case .pending: return .pending
        case .failed, .conflict: return .failed
        }
    }
}
