import Foundation
import Testing

@testable import PipeboardRuntime

/// Which program opens a page: `$BROWSER`, else `xdg-open` on the PATH, else none (the status bar shows the page).
@Suite struct WebBrowserTests {
    static let url = "https://crm.example.com/deals/a'b"

    @Test func browserTakesThePageForPercentSOrAfterItsCommand() throws {
        let percent = try #require(
            WebBrowser(environment: ["BROWSER": "firefox --new-tab %s:lynx"]).command(for: Self.url))
        #expect(percent.arguments == ["/bin/sh", "-c", "firefox --new-tab 'https://crm.example.com/deals/a'\\''b'"])
        #expect(percent.name == "$BROWSER")
        let plain = try #require(WebBrowser(environment: ["BROWSER": "w3m"]).command(for: Self.url))
        #expect(plain.arguments == ["/bin/sh", "-c", "w3m 'https://crm.example.com/deals/a'\\''b'"])
    }

    @Test func withoutBrowserXdgOpenOnThePathOpensItElseThereIsNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let opener = folder.appendingPathComponent("xdg-open").path
        #expect(FileManager.default.createFile(atPath: opener, contents: Data("#!/bin/sh\n".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: opener)
        let found = try #require(
            WebBrowser(environment: ["PATH": "/nonexistent:\(folder.path)"]).command(for: Self.url))
        #expect(found.arguments == [opener, Self.url])
        #expect(found.name == "xdg-open")
        // An empty BROWSER counts as unset.
        #expect(
            WebBrowser(environment: ["BROWSER": "", "PATH": folder.path]).command(for: Self.url)?.name == "xdg-open")

        let none = WebBrowser(environment: ["PATH": "/nonexistent"])
        #expect(none.command(for: Self.url) == nil)
        #expect(
            none.open(Self.url) { _ in }
                == "No browser to open it (set $BROWSER or install xdg-open): \(Self.url)")
    }
}
