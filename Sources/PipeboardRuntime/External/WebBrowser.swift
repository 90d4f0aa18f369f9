import Foundation
import PipeboardCore

/// Opens a page in the user's browser: `$BROWSER` (its first command where it lists several, with `%s` for the
/// page or the page after it), else `xdg-open`. The browser runs in a session of its own and the board does not
/// wait for it.
package struct WebBrowser: Sendable {
    package var environment: [String: String]

    package init(environment: [String: String]) {
        self.environment = environment
    }

    /// The program and arguments that open `url`, and how the status bar names it; nil when there is nothing to
    /// open pages with.
    package func command(for url: String) -> (arguments: [String], name: String)? {
        let quoted = TemplateEscape.shellQuoted(url)
        if let browser = environment["BROWSER"]?.split(separator: ":").first?.trimmingCharacters(in: .whitespaces),
            !browser.isEmpty
        {
            let line =
                browser.contains("%s") ? browser.replacingOccurrences(of: "%s", with: quoted) : "\(browser) \(quoted)"
            return (["/bin/sh", "-c", line], "$BROWSER")
        }
        if let opener = ChildProcess.find("xdg-open", path: environment["PATH"]) { return ([opener, url], "xdg-open") }
        return nil
    }

    /// Starts the browser on `url` and returns what the status bar says at once; `finished` hears of a browser that
    /// ended in failure.
    package func open(_ url: String, finished: @escaping @Sendable (String) -> Void) -> String {
        guard let (arguments, name) = command(for: url) else {
            return "No browser to open it (set $BROWSER or install xdg-open): \(url)"
        }
        do {
            let pid = try ChildProcess.spawn(arguments, environment: environment, streams: .detached)
            // Reaped on a thread of its own, so that a browser that stays open holds up nothing.
            Thread.detachNewThread {
                let status = ChildProcess.wait(pid)
                if !status.succeeded { finished("\(name) could not open \(url) (\(status))") }
            }
            return "Opening \(url) (\(name))"
        } catch {
            return "\(error); the page is \(url)"
        }
    }
}
