import Foundation
@testable import PipeboardCore
@testable import PipeboardConfig
import PipeboardTUI
import PropertyBased
import Testing

/// The config, credentials and theme parsers and the text cleaner, fed the corpus and generated mutations of
/// it: each input ends in a value or in one clear error of the parser's own type; nothing crashes or hangs.
@Suite(.timeLimit(.minutes(3))) struct ParserFuzzTests {
    static let plans = Gen.int(in: 0...Int(Int32.max)).array(of: 1...6)
    /// Generated inputs per property; FUZZ_ROUNDS raises it for a longer local run, PIPEBOARD_FUZZ_SEED replays
    /// a run (see FuzzSeed) and FUZZ_DUMP names a file each config, theme or credentials input is written to
    /// before it is parsed, so after a crash that file holds the input that caused it.
    static let rounds = ProcessInfo.processInfo.environment["FUZZ_ROUNDS"].flatMap(Int.init) ?? 400

    static var configSeeds: [Data] { Corpus.files("config").map(\.data) }
    static var themeSeeds: [Data] {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: shipped.path)) ?? []).sorted()
        return files.compactMap { try? Data(contentsOf: shipped.appendingPathComponent($0)) }
            + Corpus.files("theme").map(\.data)
    }

    /// A config either parses or fails with a ConfigError that names the file and, when it has one, a real line.
    static func checkConfig(_ data: Data) {
        if let dump = ProcessInfo.processInfo.environment["FUZZ_DUMP"] {
            try? data.write(to: URL(fileURLWithPath: dump))
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            let config = try AppConfig.parse(text, file: "fuzz.toml")
            #expect(!config.accounts.isEmpty)
        } catch let error as ConfigError {
            #expect(error.description.hasPrefix("fuzz.toml"), "\(error)")
            #expect(!error.message.isEmpty)
            if let line = error.line {
                #expect(
                    line >= 1
                        && line <= text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).count
                            + 1,
                    "\(error)")
            }
        } catch {
            Issue.record("config parse threw \(type(of: error)): \(error)")
        }
        // The locator answers for any key path on any text, within the text's lines.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).count
        for path in ["theme", "accounts[0].token_env", "accounts[3]", "roles.text.fg.truecolor", "a.b[2].c"] {
            if let line = TOMLKeyLocator(source: text).line(of: path) { #expect(line >= 1 && line <= lines) }
        }
    }

    static func checkTheme(_ data: Data) {
        if let dump = ProcessInfo.processInfo.environment["FUZZ_DUMP"] {
            try? data.write(to: URL(fileURLWithPath: dump))
        }
        do {
            _ = try Theme.parse(toml: String(decoding: data, as: UTF8.self), name: "fuzz")
        } catch let error as ThemeError {
            #expect(error.description.hasPrefix("theme 'fuzz'"), "\(error)")
        } catch {
            Issue.record("theme parse threw \(type(of: error)): \(error)")
        }
    }

    @Test func configCorpus() {
        #expect(!Self.configSeeds.isEmpty)
        for seed in Self.configSeeds { Self.checkConfig(seed) }
    }

    @Test func mutatedConfigs() async {
        let seeds = Self.configSeeds
        await FuzzSeed.check(
            "ParserFuzzTests/mutatedConfigs", count: Self.rounds,
            input: zip(Gen.int(in: 0...(seeds.count - 1)), Self.plans)
        ) { index, plan in
            Self.checkConfig(Mutator.mutate(seeds[index], with: plan))
        }
    }

    @Test func themeCorpus() {
        #expect(Self.themeSeeds.count >= 5)
        for seed in Self.themeSeeds { Self.checkTheme(seed) }
    }

    @Test func mutatedThemes() async {
        let seeds = Self.themeSeeds
        await FuzzSeed.check(
            "ParserFuzzTests/mutatedThemes", count: Self.rounds,
            input: zip(Gen.int(in: 0...(seeds.count - 1)), Self.plans)
        ) { index, plan in
            Self.checkTheme(Mutator.mutate(seeds[index], with: plan))
        }
    }

    @Test func mutatedCredentials() async {
        let seed = Data(
            "[agency]\ntoken = \"placeholder-token-1\"\n[staffing]\ncompany_key = \"k\"\nuser_key = \"u\"\n".utf8)
        await FuzzSeed.check("ParserFuzzTests/mutatedCredentials", count: 300, input: Self.plans) { plan in
            let data = Mutator.mutate(seed, with: plan)
            if let dump = ProcessInfo.processInfo.environment["FUZZ_DUMP"] {
                try? data.write(to: URL(fileURLWithPath: dump))
            }
            let text = String(decoding: data, as: UTF8.self)
            do {
                _ = try Credentials.parse(text, file: "credentials.toml")
            } catch let error as ConfigError {
                #expect(error.description.hasPrefix("credentials.toml"))
                #expect(
                    !error.description.contains("placeholder-token-1"), "a credentials error quoted a value: \(error)")
            } catch {
                Issue.record("credentials parse threw \(type(of: error)): \(error)")
            }
        }
    }

    /// Key bindings from mutated configs: a rebinding ends in key maps with no key on two actions of a mode, or in
    /// a KeyBindingError naming its `keys.MODE` path; every bound key reads back from the label the help shows.
    @Test func mutatedKeyBindings() async throws {
        let seed = try #require(Corpus.files("config").first { $0.name == "board-settings.toml" }).data
        // The unmutated seed rebinds, so the mutations start from bindings that reach the key parser.
        let base = try AppConfig.parse(String(decoding: seed, as: UTF8.self), file: "fuzz.toml")
        #expect(try KeyMaps.standard.rebinding(base.board.keys).board.action(for: .control("q")) == .quit)
        await FuzzSeed.check("ParserFuzzTests/mutatedKeyBindings", count: Self.rounds, input: Self.plans) { plan in
            guard
                let config = try? AppConfig.parse(
                    String(decoding: Mutator.mutate(seed, with: plan), as: UTF8.self), file: "fuzz.toml")
            else { return }
            do {
                let maps = try KeyMaps.standard.rebinding(config.board.keys)
                for map in maps.all {
                    let keys = map.bindings.flatMap(\.keys)
                    #expect(Set(keys).count == keys.count, "a key on two actions of \(map.title)")
                    for key in keys { #expect(Key(configName: key.label) == key, "\(key.label) does not read back") }
                }
            } catch let error as KeyBindingError {
                #expect(error.path.hasPrefix("keys."), "\(error)")
            } catch {
                Issue.record("rebinding threw \(type(of: error)): \(error)")
            }
        }
    }

    /// Cleaned text never holds a control, escape or bidi override, is capped, and cleaning it again changes nothing.
    @Test func providerTextCleaning() async {
        let scalars = Gen.oneOf(
            Gen.unicodeScalar(in: "\u{0}"..."\u{FF}").eraseToAnySequence(),
            Gen.unicodeScalar(in: "\u{300}"..."\u{36F}").eraseToAnySequence(),
            Gen.unicodeScalar(in: "\u{2000}"..."\u{206F}").eraseToAnySequence(),
            Gen.unicodeScalar(in: "\u{3000}"..."\u{30FF}").eraseToAnySequence(),
            Gen.unicodeScalar(in: "\u{1F300}"..."\u{1F6FF}").eraseToAnySequence())
        await FuzzSeed.check("ParserFuzzTests/providerTextCleaning", count: 500, input: scalars.array(of: 0...300)) {
            list in
            var text = String.UnicodeScalarView()
            text.append(contentsOf: list)
            let clean = ProviderText.clean(String(text))
            #expect(clean.unicodeScalars.count <= ProviderText.maxScalars)
            #expect(ProviderText.clean(clean) == clean, "not idempotent: \(clean.debugDescription)")
            for scalar in clean.unicodeScalars {
                #expect(!ProviderText.isInvisibleControl(scalar.value), "U+\(String(scalar.value, radix: 16)) survived")
            }
        }
    }
}
