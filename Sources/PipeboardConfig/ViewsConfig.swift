import PipeboardCore
import TOMLKit

/// `[[views]]`: named filters shown on the board's number keys (the first is 1) and by `pipeboard list --view`.
/// Keys are FilterInput's (`search`, `owner`, `status`, `value`, `age`, `source`, `tag`), as text or a list of
/// text, plus `name` and `closed` (true shows closed deals too).
extension AppConfig {
    static let viewKeys: Set<String> = Set(FilterInput.keys + ["name", "closed"])
    /// Number keys 1-9.
    static let maxViews = 9

    static func parseViews(_ value: TOMLValueConvertible, file: String) throws -> [SavedView] {
        guard let array = value.array else {
            throw ConfigError(file: file, keyPath: "views", message: "views must be written as [[views]] tables")
        }
        guard array.count <= maxViews else {
            throw ConfigError(
                file: file, keyPath: "views[\(maxViews)]",
                message: "\(array.count) views, but only \(maxViews) number keys; keep at most \(maxViews) [[views]]")
        }
        var views: [SavedView] = []
        for (index, element) in array.enumerated() {
            let path = "views[\(index)]"
            guard let entry = element.table else {
                throw ConfigError(file: file, keyPath: path, message: "views entry \(index + 1) must be a table")
            }
            guard let name = entry["name"]?.string?.nilIfBlank else {
                throw ConfigError(file: file, keyPath: path, message: "views entry \(index + 1) needs name = \"...\"")
            }
            var fields: [String: String] = [:]
            var showClosed = false
            for key in entry.keys.sorted() where key != "name" {
                guard viewKeys.contains(key), let item = entry[key] else {
                    throw ConfigError(
                        file: file, keyPath: "\(path).\(key)",
                        message:
                            "view '\(name)': unknown key '\(key)'; "
                            + "known keys are \(viewKeys.sorted().joined(separator: ", "))"
                    )
                }
                if key == "closed" {
                    guard let flag = item.bool else {
                        throw ConfigError(
                            file: file, keyPath: "\(path).closed",
                            message: "view '\(name)': closed must be true or false")
                    }
                    showClosed = flag
                } else if let text = item.string {
                    fields[key] = text
                } else if let list = item.array, list.allSatisfy({ $0.string != nil }) {
                    fields[key] = list.compactMap(\.string).joined(separator: ",")
                } else if let number = item.int {
                    fields[key] = String(number)
                } else {
                    throw ConfigError(
                        file: file, keyPath: "\(path).\(key)",
                        message: "view '\(name)': \(key) must be text or a list of text")
                }
            }
            switch FilterInput.filter(from: fields) {
            case .success(let filter): views.append(SavedView(name: name, filter: filter, showClosed: showClosed))
            case .failure(let errors):
                // The line of the first key in error (keys are sorted, so the choice is stable).
                let key = errors.messages.keys.sorted().first.map { "\(path).\($0)" } ?? path
                throw ConfigError(file: file, keyPath: key, message: "view '\(name)': \(errors.description)")
            }
        }
        return views
    }
}
