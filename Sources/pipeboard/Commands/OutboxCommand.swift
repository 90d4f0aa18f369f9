import ArgumentParser
import Foundation
import PipeboardCore
import PipeboardService

/// `pipeboard outbox`: the changes that have not reached the provider, and what to do with them.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List changes not yet delivered; retry, discard, or settle a conflict.",
        subcommands: [
            OutboxListCommand.self, OutboxRetryCommand.self, OutboxDiscardCommand.self, OutboxShowCommand.self,
            OutboxResolveCommand.self,
        ],
        defaultSubcommand: OutboxListCommand.self)
}

struct OutboxListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Pending, failed and conflicting changes with their reasons (the default).")

    @Option(help: "Only this account's changes.") var account: String?
    @Option(help: "table or json.") var format: String = "table"

    func run() async throws {
        try await reportingErrors {
            guard ["table", "json"].contains(format) else {
                throw CLIError("unknown format '\(format)'; use table or json")
            }
            let context = try await AppContext.open()
            let items = try await context.service.outboxItems(account: account)
            let paused = try await context.service.attentionByAccount().filter { account == nil || $0.key == account }
                .mapValues(\.description)
            if format == "json" {
                print(try OutboxOutput.json(items, paused: paused))
                return
            }
            for (_, message) in paused.sorted(by: { $0.key < $1.key }) { print("paused: \(message)") }
            guard !items.isEmpty else { print("nothing waiting: every change has reached the provider"); return }
            let rows = items.map { item in
                [
                    String(item.id), item.account, item.state.rawValue, item.cardName, item.summary,
                    String(item.attempts),
                    ProviderText.clean(item.state == .paused ? "credentials refused" : item.reason ?? ""),
                ]
            }
            var table = TextTable(
                headers: ["ID", "ACCOUNT", "STATE", "CARD", "CHANGE", "TRIES", "REASON"], rows: rows,
                cuttable: ["CARD", "CHANGE", "REASON"])
            table.maxColumnWidth = 60
            print(table.render())
        }
    }
}

struct OutboxRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Send a change (or --all) again now; lifts an account's pause.")

    @Argument(help: "The change's id from `pipeboard outbox`.") var id: Int64?
    @Flag(help: "Every waiting, failed or conflicting change.") var all = false
    @Option(help: "With --all: only this account's changes.") var account: String?

    func validate() throws {
        guard (id != nil) != all else { throw ValidationError("give a change's id or --all") }
    }

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            var entryAccount = account
            if let id {
                entryAccount = try await context.service.outboxItems(account: nil).first { $0.id == id }?.account
                try await context.service.retryOutbox(id: id)
            } else {
                try await context.service.retryAll(account: account)
            }
            let names = if let entryAccount { [entryAccount] } else { await context.service.accountNames }
            var report = DeliveryReport()
            for name in names {
                let one = try await context.service.push(account: name)
                report.delivered += one.delivered
                report.failed += one.failed
                report.conflicts += one.conflicts
                report.retrying += one.retrying
                report.paused = report.paused || one.paused
            }
            print(
                "delivered \(report.delivered); failed \(report.failed); conflicts \(report.conflicts); "
                    + "waiting to retry \(report.retrying)"
            )
            for (name, attention) in try await context.service.attentionByAccount().sorted(by: { $0.key < $1.key })
            where names.contains(name) {
                FileHandle.standardError.write(Data("pipeboard: \(attention)\n".utf8))
            }
        }
    }
}

struct OutboxDiscardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discard",
        abstract: "Drop a change that will not be sent; the card shows the provider's values again.")

    @Argument(help: "The change's id from `pipeboard outbox`.") var id: Int64

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            print(try await context.service.discardOutbox(id: id))
        }
    }
}

struct OutboxShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One change in full; a conflict shows mine and theirs side by side.")

    @Argument(help: "The change's id from `pipeboard outbox`.") var id: Int64

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            guard let item = try await context.service.outboxItems(account: nil).first(where: { $0.id == id }) else {
                throw ServiceError.noSuchOutboxEntry(id)
            }
            print("\(item.id)  \(item.account)  \(item.state.rawValue)  \(item.cardName) · \(item.summary)")
            if let reason = item.reason { print(ProviderText.clean(reason)) }
            guard let conflict = item.conflict else { return }
            if conflict.deletedAtProvider { print("deleted at the provider while changed here") }
            let rows = conflict.rows.map { [$0.field, ProviderText.clean($0.mine), ProviderText.clean($0.theirs)] }
            print(TextTable(headers: ["FIELD", "MINE", "THEIRS"], rows: rows).render())
            print(
                "settle it with `pipeboard outbox resolve \(item.id) mine` "
                    + "or `pipeboard outbox resolve \(item.id) theirs`"
            )
        }
    }
}

struct OutboxResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Settle a conflict: keep mine, or take theirs.")

    @Argument(help: "The conflicting change's id from `pipeboard outbox`.") var id: Int64
    @Argument(help: "mine (send my change over the provider's) or theirs (take the provider's values).") var choice:
        String

    func run() async throws {
        try await reportingErrors {
            guard let chosen = ConflictChoice(rawValue: choice.lowercased()) else {
                throw CLIError("unknown choice '\(choice)'; use mine or theirs")
            }
            let context = try await AppContext.open()
            let account = try await context.service.outboxItems(account: nil).first { $0.id == id }?.account
            print(try await context.service.resolveConflict(id: id, choice: chosen))
            try await context.reportDelivery(account: account)
        }
    }
}

/// The outbox list as JSON, for scripts.
enum OutboxOutput {
    static func json(_ items: [OutboxItem], paused: [String: String]) throws -> String {
        let list: [[String: Any]] = items.map { item in
            var object: [String: Any] = [
                "id": item.id, "account": item.account, "opportunity_id": item.opportunityID.uuidString.lowercased(),
                "card": item.cardName, "change": item.summary, "state": item.state.rawValue, "attempts": item.attempts,
                "next_try": item.nextTry.map { ISOTime.string(from: $0) as Any } ?? NSNull(),
            ]
            if let reason = item.reason { object["reason"] = reason }
            if let conflict = item.conflict {
                object["conflict"] =
                    [
                        "deleted_at_provider": conflict.deletedAtProvider,
                        "fields": conflict.rows.map { ["field": $0.field, "mine": $0.mine, "theirs": $0.theirs] },
                    ] as [String: Any]
            }
            return object
        }
        let data = try JSONSerialization.data(
            withJSONObject: ["changes": list, "paused": paused], options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }
}
