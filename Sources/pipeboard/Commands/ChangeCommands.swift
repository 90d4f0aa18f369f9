import ArgumentParser
import Foundation
import PipeboardCore
import PipeboardService

struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an opportunity; prints its id.")

    @OptionGroup var common: CommonOptions
    @Option(help: "The opportunity's name.") var name: String
    @Option(help: "Pipeline (name or id; default: the one used last).") var pipeline: String?
    @Option(help: "Stage (name or id; default: the first).") var stage: String?
    // Unconditional: "-5" is taken as the value, so that its check explains what is wrong with it.
    @Option(parsing: .unconditional, help: "Value, a non-negative amount such as 12500 or 1250.50.") var value: String?
    @Option(help: "Currency code (default: the account's, else USD).") var currency: String?
    @Option(help: "Contact name.") var contact: String?
    @Option(
        name: .customLong("set"), help: "Any other field: key=value (repeatable); custom.NAME=value for custom fields.")
    var assignments: [String] = []

    func run() async throws {
        try await runChange { context in
            var input = try FieldInput.parseAssignments(assignments).get()
            input["name"] = name
            if let stage { input["stage"] = stage }
            if let value { input["value"] = value }
            if let currency { input["currency"] = currency }
            if let contact { input["contact"] = contact }
            let created = try await context.service.create(account: common.account, pipeline: pipeline, input: input)
            return (created.id.uuidString.lowercased(), created.account)
        }
    }
}

struct MoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Move an opportunity to another stage.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id or a unique prefix of it.") var id: String
    @Option(help: "The stage to move to (name or id).") var stage: String

    func run() async throws {
        try await runChange { context in
            let current = try await context.service.opportunity(matching: id)
            let moved = try await context.service.move(id: current.id, toStage: stage)
            let stageName =
                try await context.service.pipeline(account: moved.account, matching: moved.pipelineID)
                .stages.first { $0.id == moved.stageID }?.name ?? moved.stageID
            return ("moved \(moved.name) to \(stageName)", moved.account)
        }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Set an opportunity's status.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id or a unique prefix of it.") var id: String
    @Argument(help: "open, won, lost or abandoned.") var status: String
    @Option(help: "Why it was lost (kept where the provider keeps reasons; on HighLevel, one of its own, by name).")
    var reason: String?

    func run() async throws {
        try await runChange { context in
            guard let newStatus = OpportunityStatus(userText: status) else {
                throw CLIError("unknown status '\(status)'; use open, won, lost or abandoned")
            }
            guard reason == nil || newStatus == .lost else { throw CLIError("--reason goes with the status lost") }
            let current = try await context.service.opportunity(matching: id)
            // A provider with its own list of lost reasons: the reason is one of them, read now.
            if newStatus == .lost, reason != nil {
                do {
                    _ = try await context.service.lostReasons(account: current.account)
                } catch {
                    let unchanged = "\(current.name) is unchanged"
                    throw CLIError("could not read the provider's lost reasons (\(error)); \(unchanged)")
                }
            }
            let changed = try await context.service.setStatus(id: current.id, newStatus, lostReason: reason)
            return ("\(changed.name) is now \(changed.status.rawValue)", changed.account)
        }
    }
}

struct EditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change fields of an opportunity.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id or a unique prefix of it.") var id: String
    @Option(
        name: .customLong("set"),
        help: """
            key=value (repeatable): name, value, currency, contact, company, stage, status, email, phone, owner, \
            close_date, source, probability, tags, custom.NAME.
            """
    )
    var assignments: [String] = []

    func run() async throws {
        try await runChange { context in
            guard !assignments.isEmpty else { throw CLIError("nothing to change; give one or more --set key=value") }
            let input = try FieldInput.parseAssignments(assignments).get()
            let current = try await context.service.opportunity(matching: id)
            let edited = try await context.service.edit(id: current.id, input: input)
            return ("updated \(edited.name)", edited.account)
        }
    }
}

struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete an opportunity (undo brings it back).")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id or a unique prefix of it.") var id: String

    func run() async throws {
        try await runChange { context in
            let current = try await context.service.opportunity(matching: id)
            try await context.service.delete(id: current.id)
            let warning = try await context.service.account(current.account).provider.deleteWarning
            return ("deleted \(current.name)" + (warning.map { " (\($0))" } ?? ""), current.account)
        }
    }
}

struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Take back the last change.")
    @OptionGroup var common: CommonOptions

    func run() async throws {
        // An undo may touch any account, so every account's outbox is delivered.
        try await runChange { context in ("undid: \(try await context.service.undo())", nil) }
    }
}

struct RedoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redo", abstract: "Do again the change undone last.")
    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await runChange { context in ("redid: \(try await context.service.redo())", nil) }
    }
}

/// Opens the app, makes one change, prints what was done, then delivers it (to `account`, or to every account
/// when nil) and says on stderr what is still waiting. A provider that cannot be reached costs under a second
/// (`ProviderHTTP.Connect.quick`).
func runChange(_ change: (AppContext) async throws -> (message: String, account: String?)) async throws {
    try await reportingErrors {
        let context = try await AppContext.open(connect: .quick)
        let (message, account) = try await change(context)
        print(message)
        try await context.reportDelivery(account: account)
    }
}

extension AppContext {
    func reportDelivery(account: String?) async throws {
        let names = if let account { [account] } else { await service.accountNames }
        for name in names {
            try await service.push(account: name)
        }
        let waiting = try await service.outboxCounts(account: account)
        if waiting.pending + waiting.failed > 0 {
            let message =
                "pipeboard: saved locally; \(waiting.pending) change(s) waiting and \(waiting.failed) refused or "
                + "in conflict (see `pipeboard outbox`)\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
    }
}
