import ArgumentParser
import Foundation
import PipeboardCore
import PipeboardService

/// `pipeboard note add`, `pipeboard notes`, `pipeboard task add|done`, `pipeboard tasks`, `pipeboard agenda`.
struct NoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to an opportunity.", subcommands: [NoteAddCommand.self])
}

struct NoteAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a note to an opportunity; prints its id.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id or a unique prefix of it.") var id: String
    @Argument(help: "The note's text (quote it).") var text: String

    func run() async throws {
        try await runChange { context in
            let deal = try await context.service.opportunity(matching: id)
            let note = try await context.service.addNote(to: deal.id, text: text)
            return (note.id.uuidString.lowercased(), deal.account)
        }
    }
}

struct NotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes", abstract: "List an opportunity's notes, newest first.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id or a unique prefix of it.") var id: String
    @Option(help: "table or json.") var format: TableOrJSON = .table

    func run() async throws {
        try await reportingErrors {
            let (context, deal) = try await openWithFreshActivity(id)
            let notes = try await context.service.notes(of: deal.id)
            if format == .json {
                print(try OpportunityOutput.json(notes.map(NoteOutput.init)))
                return
            }
            guard !notes.isEmpty else { print("no notes on \(deal.name)"); return }
            let rows = notes.map { note in
                [
                    String(note.id.uuidString.lowercased().prefix(8)), ISODay.string(from: note.createdAt),
                    note.author ?? "", note.text,
                ]
            }
            var table = TextTable(headers: ["ID", "DATE", "AUTHOR", "NOTE"], rows: rows, cuttable: ["NOTE"])
            table.maxColumnWidth = 80
            print(table.render())
        }
    }
}

struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Add a task to an opportunity, or mark one done.",
        subcommands: [TaskAddCommand.self, TaskDoneCommand.self])
}

struct TaskAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a task to an opportunity; prints its id.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id or a unique prefix of it.") var id: String
    @Option(help: "What to do.") var title: String
    @Option(
        parsing: .unconditional,
        help: "When: today, tomorrow, +3d, mon (the next Monday), 2026-03-14; a time may follow (\"tomorrow 15:30\").")
    var due: String

    func run() async throws {
        try await runChange { context in
            let deal = try await context.service.opportunity(matching: id)
            let when = try await context.service.due(due)
            let task = try await context.service.addTask(to: deal.id, title: title, due: when)
            return (task.id.uuidString.lowercased(), deal.account)
        }
    }
}

struct TaskDoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Mark a task done (`pipeboard undo` opens it again).")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The task's id or a unique prefix of it (`pipeboard tasks ID` lists them).") var task: String

    func run() async throws {
        try await runChange { context in
            let found = try await context.service.task(matching: task)
            guard !found.isDone else { return ("\(found.title) was already done", found.account) }
            let done = try await context.service.setTaskDone(id: found.id)
            return ("done: \(done.title)", done.account)
        }
    }
}

struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "List an opportunity's tasks: open ones by due date, then done ones.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id or a unique prefix of it.") var id: String
    @Option(help: "table or json.") var format: TableOrJSON = .table

    func run() async throws {
        try await reportingErrors {
            let (context, deal) = try await openWithFreshActivity(id)
            let tasks = try await context.service.tasks(of: deal.id)
            let today = ISODay.string(from: Date())
            if format == .json {
                print(try OpportunityOutput.json(tasks.map { TaskOutput(task: $0, today: today) }))
                return
            }
            guard !tasks.isEmpty else { print("no tasks on \(deal.name)"); return }
            let rows = tasks.map { task in
                [
                    String(task.id.uuidString.lowercased().prefix(8)), task.due?.description ?? "",
                    task.isDone ? "done" : (task.due?.isOverdue(today: today) == true ? "overdue" : "open"),
                    task.title,
                ]
            }
            print(TextTable(headers: ["ID", "DUE", "STATE", "TITLE"], rows: rows, cuttable: ["TITLE"]).render())
        }
    }
}

struct AgendaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Every open deal's next step: overdue, today, this week, later, then deals with none.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Only this pipeline (name or id).") var pipeline: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            let agenda = try await context.service.nextSteps(account: common.account, pipeline: pipeline)
            let today = ISODay.string(from: Date())
            var stageNames: [String: String] = [:]
            for account in Set(agenda.sections.flatMap { $0.entries.map(\.opportunity.account) }) {
                for line in try await context.service.pipelines(account: account) {
                    for stage in line.stages {
                        stageNames[account + "\u{0}" + line.id + "\u{0}" + stage.id] = stage.name
                    }
                }
            }
            func stage(_ deal: Opportunity) -> String {
                stageNames[deal.account + "\u{0}" + deal.pipelineID + "\u{0}" + deal.stageID] ?? deal.stageID
            }
            let outputs = agenda.sections.flatMap { section in
                section.entries.map {
                    AgendaOutput(group: section.group, entry: $0, stageName: stage($0.opportunity), today: today)
                }
            }
            switch format {
            case .json:
                print(try OpportunityOutput.json(outputs))
            case .csv:
                print(CSV.line(["group", "deal_id", "name", "stage", "task_id", "title", "due"]))
                for output in outputs {
                    let step = output.entry.nextStep
                    print(
                        CSV.line([
                            output.group.rawValue, output.entry.opportunity.id.uuidString.lowercased(),
                            output.entry.opportunity.name, output.stageName,
                            step?.taskID.uuidString.lowercased() ?? "", step?.title ?? "", step?.due?.iso ?? "",
                        ]))
                }
            case .table:
                var blocks: [String] = []
                for section in agenda.sections where !section.entries.isEmpty {
                    let rows = section.entries.map { entry in
                        [
                            entry.nextStep?.due?.description ?? "", entry.nextStep?.title ?? "",
                            entry.opportunity.name, stage(entry.opportunity),
                            String(entry.opportunity.id.uuidString.lowercased().prefix(8)),
                        ]
                    }
                    let table = TextTable(
                        headers: ["DUE", "NEXT STEP", "DEAL", "STAGE", "ID"], rows: rows,
                        cuttable: ["NEXT STEP", "DEAL"])
                    blocks.append("\(section.group.title) (\(section.entries.count))\n" + table.render())
                }
                print(blocks.isEmpty ? "no open deals" : blocks.joined(separator: "\n\n"))
            }
        }
    }
}

/// Opens the service and finds the deal, then reads its notes and tasks from its provider where it can be
/// reached; the cache answers either way, and a failure to reach the provider is one line on stderr.
private func openWithFreshActivity(_ id: String) async throws -> (AppContext, Opportunity) {
    let context = try await AppContext.open(connect: .quick)
    let deal = try await context.service.opportunity(matching: id)
    do {
        try await context.service.refreshActivity(of: deal.id)
    } catch {
        let message = "pipeboard: showing the cached copy; could not read the provider (\(error))\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
    return (context, deal)
}
