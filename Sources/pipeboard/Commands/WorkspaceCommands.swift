import ArgumentParser
import Foundation
import PipeboardCore

struct PipelinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipelines", abstract: "List pipelines and their stages.")

    @OptionGroup var common: CommonOptions
    @Option(help: "table, json or csv (a line per stage).") var format: OutputFormat = .table

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            let pipelines = try await context.service.pipelines(account: common.account)
            switch format {
            case .json:
                struct StageOutput: Encodable {
                    let id: String; let name: String; let position: Int; let probability: Double?
                }
                struct PipelineOutput: Encodable { let id: String; let name: String; let stages: [StageOutput] }
                print(
                    try OpportunityOutput.json(
                        pipelines.map { pipeline in
                            PipelineOutput(
                                id: pipeline.id, name: pipeline.name,
                                stages: pipeline.stages.map {
                                    StageOutput(
                                        id: $0.id, name: $0.name, position: $0.position, probability: $0.probability)
                                })
                        }))
            case .csv:
                print(CSV.line(["pipeline", "pipeline_id", "stage", "stage_id", "position", "probability"]))
                for pipeline in pipelines {
                    for stage in pipeline.stages {
                        let probability = stage.probability.map { String(describing: $0) } ?? ""
                        print(
                            CSV.line([
                                pipeline.name, pipeline.id, stage.name, stage.id, String(stage.position), probability,
                            ]))
                    }
                }
            case .table:
                let rows = pipelines.map { [$0.name, $0.id, $0.stages.map(\.name).joined(separator: " → ")] }
                print(TextTable(headers: ["PIPELINE", "ID", "STAGES"], rows: rows, maxColumnWidth: 100).render())
            }
        }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Fill the local workspace with generated opportunities.")

    @OptionGroup var common: CommonOptions
    @Option(help: "How many opportunities to add.") var cards: Int = 25
    @Option(help: "Seed for the generator: the same seed gives the same data.") var seed: UInt64 = 1
    @Option(
        help: "Also give every card that has no past yet about this many past changes (stage moves, value changes).")
    var history: Int = 0
    @Option(
        help: """
            Also give every card about this many tasks (some done, the open ones overdue, due today or later; some \
            cards none) and half as many notes.
            """)
    var tasks: Int = 0
    @Flag(
        help: """
            Instead, serve HighLevel, Twenty, BrightMove, Coperniq and Coastline look-alikes on 127.0.0.1 \
            and write a config to try them.
            """
    )
    var serve = false

    /// From this many cards on, a fill shows its progress.
    static let progressFrom = 10_000

    func validate() throws {
        guard cards >= 0 else { throw ValidationError("--cards must be zero or more") }
        guard history >= 0 else { throw ValidationError("--history must be zero or more") }
        guard tasks >= 0 else { throw ValidationError("--tasks must be zero or more") }
    }

    func run() async throws {
        if serve {
            try await reportingErrors { try await DemoServer.run(count: cards) }
            return
        }
        try await reportingErrors {
            let context = try await AppContext.open(seedLocalWorkspace: false)
            // Large fills take seconds: show them on stderr (a bar on a terminal, plain lines otherwise), first the
            // generation into the workspace, then the pull into the cache; stdout keeps only the result.
            let showProgress = cards >= DemoCommand.progressFrom
            let generating = ProgressMeter(
                handle: .standardError, descriptor: STDERR_FILENO, unit: "opportunities generated")
            let caching = ProgressMeter(handle: .standardError, descriptor: STDERR_FILENO, unit: "opportunities cached")
            let made = try await context.service.fillDemo(
                account: common.account, count: cards, seed: seed,
                progress: { done, total in
                    guard showProgress else { return }
                    generating.update(done: done, fraction: Double(done) / Double(max(1, total)), force: done == total)
                    if done == total { generating.finish() }
                },
                pulled: { report in
                    if showProgress {
                        caching.update(done: report.received, fraction: report.fraction, pages: report.pages)
                    }
                })
            generating.finish()
            caching.finish()
            var added = [made == 1 ? "1 opportunity" : "\(made) opportunities"]
            if history > 0 {
                let written = try await context.service.fillDemoHistory(
                    account: common.account, perDeal: history, seed: seed)
                added.append("\(written) past changes")
            }
            if tasks > 0 {
                let written = try await context.service.fillDemoActivity(
                    account: common.account, perDeal: tasks, seed: seed)
                added += ["\(written.tasks) tasks", "\(written.notes) notes"]
            }
            let last = added.removeLast()
            // The same seed makes the same deals: those already there are kept as they are, and said so.
            let kept = cards - made
            let there =
                kept == 0
                ? ""
                : "; \(kept) of seed \(seed)'s deals were there already and were left as they are (--seed gives others)"
            print("added " + (added.isEmpty ? last : added.joined(separator: ", ") + " and " + last) + there)
        }
    }
}

struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accounts", abstract: "List the configured accounts.")

    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open(seedLocalWorkspace: false)
            let current = try await context.service.account(nil).name
            struct AccountOutput: Encodable { let name: String; let provider: String; let current: Bool }
            let accounts = context.config.accounts.map {
                AccountOutput(name: $0.name, provider: $0.provider.rawValue, current: $0.name == current)
            }
            switch format {
            case .json: print(try OpportunityOutput.json(accounts))
            case .csv:
                print(CSV.line(["name", "provider", "current"]))
                for account in accounts { print(CSV.line([account.name, account.provider, String(account.current)])) }
            case .table:
                print(
                    TextTable(
                        headers: ["", "ACCOUNT", "PROVIDER"],
                        rows: accounts.map { [$0.current ? "*" : "", $0.name, $0.provider] }
                    ).render())
            }
        }
    }
}
